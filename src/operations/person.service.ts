/**
 * Persons of interest (FollowTheMoney `Person`): an agency-owned record with a name, aliases, a
 * birth date, a nationality and notes, optionally filed under a case, shared as the owner chooses
 * (agency, named agencies, network). Dark web accounts are linked to persons by the dark web
 * capability (`DarkwebService.linkPerson`); a person's detail lists the linked accounts on sites
 * the viewer may see. Every read is audited, and so is every denial: a person is sensitive.
 *
 * Roles, as for monitored sites (`sitePolicy`), since persons come mostly from that work:
 * investigators, analysts and admins read; investigators and admins of the owning agency change.
 *
 *   const person = await persons.create(actor, { name: 'Test Person', aliases: ['Radio Ham'], nationality: 'NLD' });
 */
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../platform/access/actor.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../platform/access/visibility.js';
import { AgencyRepository, isUuid } from '../platform/agencies/agency.repository.js';
import { isCountryCode } from '../platform/agencies/countries.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Database } from '../platform/database/schema.js';
import { invalid, type FieldError } from '../platform/errors.js';
import { CaseRepository } from './case.repository.js';
import { PersonRepository, type LinkedAccount, type Person, type PersonChanges, type PersonVisibility } from './person.repository.js';

export const personPolicy: RecordPolicy = {
  table: 'person',
  label: 'Person',
  readRoles: ['investigator', 'analyst', 'admin'],
  changeRoles: ['investigator', 'admin'],
};

export const personVisibilities = ['agency', 'shared', 'network'] as const satisfies readonly PersonVisibility[];

const MAX_ALIASES = 50;

export interface CreatePersonInput {
  name: string;
  aliases?: string[];
  birthDate?: string | null;
  nationality?: string | null;
  notes?: string;
  caseId?: string | null;
  visibility?: string;
  sharedWith?: string[];
  /** The CLI (local operator) names the owning agency. */
  ownerAgencyId?: string;
}

export type UpdatePersonInput = Partial<Omit<CreatePersonInput, 'ownerAgencyId'>>;

export interface PersonDetail extends Person {
  /** Dark web accounts linked to the person, on sites the viewer may see. */
  accounts: LinkedAccount[];
}

export class PersonService {
  readonly #repository: PersonRepository;
  readonly #agencies: AgencyRepository;
  readonly #cases: CaseRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {
    this.#repository = new PersonRepository(db);
    this.#agencies = new AgencyRepository(db);
    this.#cases = new CaseRepository(db);
  }

  /** Visible persons, the most recently changed first; `q` matches part of a name or alias (audited). */
  async list(actor: Actor, options: { q?: string; limit?: number } = {}): Promise<Person[]> {
    await this.#guard(actor, 'person.list', undefined, () => assertMayRead(actor, personPolicy));
    const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
    const persons = await this.#repository.listVisible(viewerOf(actor), { ...(options.q !== undefined && { q: options.q }), limit });
    await this.audit.record(actor, {
      action: 'person.list',
      outcome: 'success',
      recordType: 'person',
      details: { count: persons.length, ...(options.q !== undefined && options.q !== '' && { q: options.q }) },
    });
    return persons;
  }

  /** One person with the linked accounts the viewer may see (audited); invisible or missing: not_found. */
  async get(actor: Actor, id: string): Promise<PersonDetail> {
    const found = await this.#guard(actor, 'person.read', id, async () => {
      assertMayRead(actor, personPolicy);
      return orNotFound(await this.#repository.findVisible(viewerOf(actor), id), personPolicy);
    });
    await this.audit.record(actor, {
      action: 'person.read',
      outcome: 'success',
      recordType: 'person',
      recordId: found.id,
      recordAgencyId: found.ownerAgencyId,
    });
    return this.#detail(actor, found);
  }

  /**
   * The person if the actor may see it, for capabilities that link things to persons (not audited
   * as a read: the caller audits what it does with it).
   */
  async findVisible(actor: Actor, id: string): Promise<Pick<Person, 'id' | 'name' | 'ownerAgencyId'> | undefined> {
    assertMayRead(actor, personPolicy);
    const found = await this.#repository.findVisible(viewerOf(actor), id);
    return found && { id: found.id, name: found.name, ownerAgencyId: found.ownerAgencyId };
  }

  async create(actor: Actor, input: CreatePersonInput): Promise<PersonDetail> {
    await this.#guard(actor, 'person.create', undefined, () => assertMayChange(actor, personPolicy));
    const ownerAgencyId = actor.type === 'system' ? input.ownerAgencyId : requireMember(actor).agencyId;
    const problems: FieldError[] = [];
    if (ownerAgencyId === undefined || !isUuid(ownerAgencyId) || (await this.#agencies.find(ownerAgencyId)) === undefined)
      problems.push({ field: 'ownerAgencyId', message: 'no such agency' });
    const checked = await this.#validate(
      { ...input, name: input.name ?? '', visibility: input.visibility ?? 'agency' },
      ownerAgencyId,
      problems,
    );
    if (problems.length > 0) throw invalid('The person is not valid', problems);
    const id = await this.db.transaction().execute(async (trx) => {
      const created = await this.#repository.insert(trx, {
        ownerAgencyId: ownerAgencyId!,
        visibility: checked.visibility!,
        sharedWith: checked.visibility === 'shared' ? (input.sharedWith ?? []) : [],
        caseId: checked.caseId ?? null,
        name: checked.name!,
        aliases: checked.aliases ?? [],
        birthDate: checked.birthDate ?? null,
        nationality: checked.nationality ?? null,
        notes: checked.notes ?? '',
        createdBy: actor.type === 'user' ? actor.id : null,
      });
      await this.audit.record(
        actor,
        {
          action: 'person.create',
          outcome: 'success',
          recordType: 'person',
          recordId: created,
          recordAgencyId: ownerAgencyId!,
          details: { visibility: checked.visibility, sharedWith: input.sharedWith ?? [], caseId: checked.caseId ?? null },
        },
        trx,
      );
      return created;
    });
    return this.#detail(actor, (await this.#repository.findVisible('all', id))!);
  }

  /** Changes a person (owning agency only); only the fields given change. */
  async update(actor: Actor, id: string, input: UpdatePersonInput): Promise<PersonDetail> {
    const viewer = viewerOf(actor);
    const before = await this.#guard(actor, 'person.update', id, async () => {
      assertMayChange(actor, personPolicy);
      const found = orNotFound(await this.#repository.findVisible(viewer, id), personPolicy);
      assertOwner(actor, personPolicy, found.ownerAgencyId);
      return found;
    });
    // Checked before the transaction: the checks read agencies and cases on their own connection.
    const problems: FieldError[] = [];
    const sharing = input.visibility !== undefined || input.sharedWith !== undefined;
    const checked = await this.#validate(
      {
        ...input,
        ...(sharing && { visibility: input.visibility ?? before.visibility, sharedWith: input.sharedWith ?? before.sharedWith }),
      },
      before.ownerAgencyId,
      problems,
    );
    if (problems.length > 0) throw invalid('The change is not valid', problems);
    await this.db.transaction().execute(async (trx) => {
      const current = orNotFound(await this.#repository.lockVisible(trx, viewer, id), personPolicy);
      const changes: PersonChanges = {
        ...checked,
        ...(sharing && { sharedWith: checked.visibility === 'shared' ? (input.sharedWith ?? current.sharedWith) : [] }),
      };
      await this.#repository.update(trx, current, changes);
      await this.audit.record(
        actor,
        {
          action: 'person.update',
          outcome: 'success',
          recordType: 'person',
          recordId: id,
          recordAgencyId: current.ownerAgencyId,
          details: { fields: Object.keys(changes) },
        },
        trx,
      );
    });
    return this.#detail(actor, (await this.#repository.findVisible('all', id))!);
  }

  async #detail(actor: Actor, person: Person): Promise<PersonDetail> {
    return { ...person, accounts: await this.#repository.linkedAccounts(person.id, viewerOf(actor)) };
  }

  /**
   * Checks the fields given (a create gives them all) and returns them cleaned; problems are
   * added to `problems`, each naming its field.
   */
  async #validate(input: UpdatePersonInput, ownerAgencyId: string | undefined, problems: FieldError[]): Promise<PersonChanges> {
    const out: PersonChanges = {};
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (name.length < 1 || name.length > 300) problems.push({ field: 'name', message: 'must be 1 to 300 characters' });
      else out.name = name;
    }
    if (input.aliases !== undefined) {
      const aliases = [...new Set(input.aliases.map((a) => a.trim()).filter((a) => a !== ''))];
      if (aliases.length > MAX_ALIASES) problems.push({ field: 'aliases', message: `at most ${MAX_ALIASES} aliases` });
      else if (aliases.some((a) => a.length > 300)) problems.push({ field: 'aliases', message: 'each alias at most 300 characters' });
      else out.aliases = aliases;
    }
    if (input.birthDate !== undefined) {
      const birthDate = input.birthDate?.trim() || null;
      if (birthDate !== null && !isPastIsoDate(birthDate))
        problems.push({ field: 'birthDate', message: 'must be a date in the past as YYYY-MM-DD' });
      else out.birthDate = birthDate;
    }
    if (input.nationality !== undefined) {
      const nationality = input.nationality?.trim().toUpperCase() || null;
      if (nationality !== null && !isCountryCode(nationality))
        problems.push({ field: 'nationality', message: 'must be an ISO 3166-1 alpha-3 country code, such as NLD' });
      else out.nationality = nationality;
    }
    if (input.notes !== undefined) {
      if (input.notes.length > 20_000) problems.push({ field: 'notes', message: 'must be at most 20000 characters' });
      else out.notes = input.notes.trim();
    }
    if (input.caseId !== undefined) {
      const caseId = input.caseId?.trim() || null;
      if (caseId !== null && ownerAgencyId !== undefined && !(await this.#cases.isVisibleTo(ownerAgencyId, caseId)))
        problems.push({ field: 'caseId', message: 'no such case' });
      else out.caseId = caseId;
    }
    if (input.visibility !== undefined) {
      const visibility = input.visibility;
      const sharedWith = input.sharedWith ?? [];
      if (!(personVisibilities as readonly string[]).includes(visibility))
        problems.push({ field: 'visibility', message: `must be one of ${personVisibilities.join(', ')}` });
      else out.visibility = visibility as PersonVisibility;
      if (visibility === 'shared' && sharedWith.length === 0)
        problems.push({ field: 'sharedWith', message: 'names at least one agency when visibility is shared' });
      if (ownerAgencyId !== undefined && sharedWith.includes(ownerAgencyId))
        problems.push({ field: 'sharedWith', message: 'cannot include the owning agency' });
      const missing = await this.#agencies.missing(sharedWith);
      if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    }
    return out;
  }

  /** Runs a check; a denial is audited (AuditService.guard). */
  #guard<T>(actor: Actor, action: string, recordId: string | undefined, check: () => T | Promise<T>): Promise<T> {
    return this.audit.guard(actor, { action, recordType: 'person', recordId }, check);
  }
}

/** `YYYY-MM-DD`, a real calendar date, not in the future. */
export function isPastIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getTime() <= Date.now() && value >= '1850-01-01'
  );
}
