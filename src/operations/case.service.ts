/**
 * Case files: the first agency-owned record type, and the sample on which the platform's access
 * rules are proven. Reads and denials are audited: a case file is sensitive.
 *
 *   const created = await cases.create(actor, { title: 'Series "Blue Room"', visibility: 'shared', sharedWith: [agencyId] });
 */
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../platform/access/actor.js';
import { visibilities, type Visibility } from '../platform/access/roles.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../platform/access/visibility.js';
import { AgencyRepository } from '../platform/agencies/agency.repository.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Database } from '../platform/database/schema.js';
import { invalid, type FieldError } from '../platform/errors.js';
import { CaseRepository, type CaseFile, type CaseFileChanges } from './case.repository.js';

export const casePolicy: RecordPolicy = {
  table: 'case_file',
  label: 'Case',
  readRoles: ['analyst', 'investigator', 'admin'],
  changeRoles: ['analyst', 'investigator'],
};

export interface CreateCaseInput {
  title: string;
  reference?: string;
  summary?: string;
  visibility: string;
  sharedWith?: string[];
}

export interface UpdateCaseInput {
  title?: string;
  summary?: string;
  visibility?: string;
  sharedWith?: string[];
}

export class CaseService {
  readonly #repository: CaseRepository;
  readonly #agencies: AgencyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {
    this.#repository = new CaseRepository(db);
    this.#agencies = new AgencyRepository(db);
  }

  async list(actor: Actor): Promise<CaseFile[]> {
    await this.#guard(actor, 'case.list', undefined, () => assertMayRead(actor, casePolicy));
    const cases = await this.#repository.listVisible(viewerOf(actor));
    await this.audit.record(actor, { action: 'case.list', outcome: 'success', recordType: 'case', details: { count: cases.length } });
    return cases;
  }

  async get(actor: Actor, id: string): Promise<CaseFile> {
    const found = await this.#guard(actor, 'case.read', id, async () => {
      assertMayRead(actor, casePolicy);
      return orNotFound(await this.#repository.findVisible(viewerOf(actor), id), casePolicy);
    });
    await this.audit.record(actor, {
      action: 'case.read',
      outcome: 'success',
      recordType: 'case',
      recordId: id,
      recordAgencyId: found.ownerAgencyId,
    });
    return found;
  }

  /** A case by id or reference, for capabilities that file things under a case (audited as a read). */
  async resolve(actor: Actor, idOrReference: string): Promise<CaseFile> {
    const found = await this.#guard(actor, 'case.read', idOrReference, async () => {
      assertMayRead(actor, casePolicy);
      return orNotFound(await this.#repository.findVisibleByIdOrReference(viewerOf(actor), idOrReference.trim()), casePolicy);
    });
    await this.audit.record(actor, {
      action: 'case.read',
      outcome: 'success',
      recordType: 'case',
      recordId: found.id,
      recordAgencyId: found.ownerAgencyId,
    });
    return found;
  }

  async create(actor: Actor, input: CreateCaseInput): Promise<CaseFile> {
    const member = requireMember(actor);
    await this.#guard(actor, 'case.create', undefined, () => assertMayChange(actor, casePolicy));
    const visibility = await this.#validate(input, member.agencyId);
    const agency = (await this.#agencies.find(member.agencyId))!;
    const id = await this.db.transaction().execute(async (trx) => {
      const reference =
        input.reference?.trim() || (await this.#repository.nextReference(trx, agency.id, agency.country, new Date().getUTCFullYear()));
      const created = await this.#repository.insert(trx, {
        ownerAgencyId: member.agencyId,
        visibility,
        sharedWith: input.sharedWith ?? [],
        reference,
        title: input.title.trim(),
        summary: input.summary?.trim() ?? '',
        createdBy: member.type === 'user' ? member.id : null,
      });
      await this.audit.record(
        actor,
        {
          action: 'case.create',
          outcome: 'success',
          recordType: 'case',
          recordId: created,
          recordAgencyId: member.agencyId,
          details: { visibility, sharedWith: input.sharedWith ?? [] },
        },
        trx,
      );
      return created;
    });
    return (await this.#repository.findVisible(viewerOf(actor), id))!;
  }

  async update(actor: Actor, id: string, input: UpdateCaseInput): Promise<CaseFile> {
    requireMember(actor);
    await this.#guard(actor, 'case.update', id, async () => {
      assertMayChange(actor, casePolicy);
      await this.db.transaction().execute(async (trx) => {
        const current = orNotFound(await this.#repository.lockVisible(trx, viewerOf(actor), id), casePolicy);
        assertOwner(actor, casePolicy, current.ownerAgencyId);
        const visibility = await this.#validate(
          { ...input, visibility: input.visibility ?? current.visibility, title: input.title ?? current.title },
          current.ownerAgencyId,
        );
        const changes: CaseFileChanges = {
          ...(input.title !== undefined && { title: input.title.trim() }),
          ...(input.summary !== undefined && { summary: input.summary.trim() }),
          ...(input.visibility !== undefined && { visibility }),
          ...(input.sharedWith !== undefined && { sharedWith: input.sharedWith }),
        };
        await this.#repository.update(trx, current, changes);
        await this.audit.record(
          actor,
          {
            action: 'case.update',
            outcome: 'success',
            recordType: 'case',
            recordId: id,
            recordAgencyId: current.ownerAgencyId,
            details: { fields: Object.keys(changes) },
          },
          trx,
        );
      });
    });
    return (await this.#repository.findVisible(viewerOf(actor), id))!;
  }

  async #validate(input: CreateCaseInput, ownerAgencyId: string): Promise<Visibility> {
    const problems: FieldError[] = [];
    const title = input.title.trim();
    if (title.length < 1 || title.length > 300) problems.push({ field: 'title', message: 'must be 1 to 300 characters' });
    if (input.summary !== undefined && input.summary.length > 20_000)
      problems.push({ field: 'summary', message: 'must be at most 20000 characters' });
    if (input.reference !== undefined && input.reference.length > 100)
      problems.push({ field: 'reference', message: 'must be at most 100 characters' });
    if (!(visibilities as readonly string[]).includes(input.visibility))
      problems.push({ field: 'visibility', message: `must be one of ${visibilities.join(', ')}` });
    const shared = input.sharedWith ?? [];
    if (input.visibility === 'shared' && shared.length === 0)
      problems.push({ field: 'sharedWith', message: 'names at least one agency when visibility is shared' });
    if (shared.includes(ownerAgencyId)) problems.push({ field: 'sharedWith', message: 'cannot include the owning agency' });
    const missing = await this.#agencies.missing(shared);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    if (problems.length > 0) throw invalid('The case is not valid', problems);
    return input.visibility as Visibility;
  }

  /** Runs a check; a denial is audited (AuditService.guard). */
  #guard<T>(actor: Actor, action: string, recordId: string | undefined, check: () => T | Promise<T>): Promise<T> {
    return this.audit.guard(actor, { action, recordType: 'case', recordId }, check);
  }
}
