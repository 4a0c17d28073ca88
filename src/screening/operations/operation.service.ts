/**
 * Border operations: an operation (name, dates, status) owned by the coordinating agency, with
 * participating agencies (its shares) and checkpoints at air, land and sea borders. Checks made
 * within it are recorded (who, where, when, outcome); their hits go to a review queue where an
 * officer confirms them with an outcome (arrest, victim identified, missing person found, migrant
 * identified with nationality, document seized) or dismisses them. A dismissal is remembered: the
 * same traveller (name, birth date, document) is not raised again against the same entry in that
 * operation. Statistics count checks, hits, outcomes and migrants, exported as CSV or JSON.
 *
 * The coordinating agency sees every check and hit of the operation; a participating agency sees
 * and reviews the checks its own officers made. Statistics are aggregates and open to both.
 *
 *   const op = await borderOperations.create(actor, { name: 'Operation Liberterra', visibility: 'shared', sharedWith: [esp] });
 *   const [recorded] = await borderOperations.recordChecks(actor, { operationId: op.id }, [answer], details);
 *   await borderOperations.review(actor, op.id, recorded.hitIds[0]!, { decision: 'dismiss' });
 */
import type { Kysely, Transaction } from 'kysely';
import { hasAnyRole, requireMember, type Actor } from '../../platform/access/actor.js';
import type { Visibility } from '../../platform/access/roles.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../../platform/access/visibility.js';
import { AgencyRepository } from '../../platform/agencies/agency.repository.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { csvField } from '../../platform/csv.js';
import type { Database } from '../../platform/database/schema.js';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/errors.js';
import { normaliseCountry } from '../person-match.js';
import { travellerKey, type ScreeningAnswer } from '../watchlist-index.js';
import type { NewScreeningCheckRow, NewScreeningHitRow } from './operation.schema.js';
import {
  BorderOperationRepository,
  borderTypes,
  checkOutcomes,
  hitOutcomes,
  operationStatuses,
  type BorderOperation,
  type BorderOperationChanges,
  type BorderType,
  type CheckOutcome,
  type Checkpoint,
  type CheckView,
  type HitOutcome,
  type HitStatus,
  type HitView,
  type KeyCount,
  type OperationStatus,
} from './operation.repository.js';

type Executor = Kysely<Database> | Transaction<Database>;

export const borderOperationPolicy: RecordPolicy = {
  table: 'border_operation',
  label: 'Border operation',
  readRoles: ['border_officer', 'investigator', 'analyst', 'admin', 'notice_officer'],
  changeRoles: ['border_officer', 'admin'],
};

/** Visibilities an operation may have: it is never public. */
const operationVisibilities: readonly Visibility[] = ['agency', 'shared', 'network'];

export interface CheckpointInput {
  name: string;
  borderType: string;
  place?: string;
  country: string;
}

export interface CreateBorderOperationInput {
  name: string;
  description?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  status?: string;
  visibility: string;
  sharedWith?: string[];
  checkpoints?: CheckpointInput[];
  /** The CLI (local operator) names the coordinating agency. */
  ownerAgencyId?: string;
}

export interface UpdateBorderOperationInput {
  name?: string;
  description?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  status?: string;
  visibility?: string;
  sharedWith?: string[];
}

/** Where checks are recorded. The system actor (CLI) may name the checking agency; it defaults to the owner. */
export interface CheckPlace {
  operationId: string;
  checkpointId?: string | null;
  agencyId?: string;
  /** When the checks were made (the local operator loading offline checks); default now. */
  checkedAt?: Date;
}

/** What the record side of a hit said at check time, kept with the hit (keyed by entry or document id). */
export interface EntryDetail {
  names?: readonly string[];
  birthDates?: readonly string[];
  nationalities?: readonly string[];
  sex?: string | null;
  reason?: string | null;
  listName?: string | null;
  externalId?: string | null;
  documents?: readonly { number: string; country?: string }[];
  notes?: string | null;
}

export interface RecordedCheck<A extends ScreeningAnswer = ScreeningAnswer> {
  checkId: string;
  /** Per hit of the given answer: the stored hit, or undefined (suppressed, or a candidate below the threshold). */
  hitIds: (string | undefined)[];
  /** Per document hit of the given answer: the stored hit, or undefined (suppressed). */
  documentHitIds: (string | undefined)[];
  /** Hits not raised again because they were dismissed before for this traveller in this operation. */
  suppressed: number;
  /** The answer without the suppressed hits. */
  answer: A;
}

export interface ReviewInput {
  decision: 'confirm' | 'dismiss';
  outcome?: string;
  outcomeNationality?: string;
  note?: string;
}

export interface OperationStatistics {
  operation: { id: string; name: string; status: OperationStatus; startsOn: string | null; endsOn: string | null; ownerAgencyName: string };
  checks: { total: number; suppressed: number; byOutcome: KeyCount[]; byBorderType: KeyCount[]; byCountry: KeyCount[]; byDay: KeyCount[] };
  hits: { total: number; pending: number; confirmed: number; dismissed: number; byKind: KeyCount[]; byOutcome: KeyCount[] };
  migrantsByNationality: KeyCount[];
  participatingCountries: string[];
  participatingAgencies: number;
}

export interface StatisticsExport {
  text: string;
  fileName: string;
  contentType: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class BorderOperationService {
  readonly repository: BorderOperationRepository;
  readonly #agencies: AgencyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {
    this.repository = new BorderOperationRepository(db);
    this.#agencies = new AgencyRepository(db);
  }

  async list(actor: Actor): Promise<BorderOperation[]> {
    assertMayRead(actor, borderOperationPolicy);
    return this.repository.listVisible(viewerOf(actor));
  }

  async get(actor: Actor, id: string): Promise<BorderOperation> {
    const operation = await this.#visible(actor, id, 'border_operation.read');
    await this.audit.record(actor, {
      action: 'border_operation.read',
      outcome: 'success',
      recordType: 'border_operation',
      recordId: id,
      recordAgencyId: operation.ownerAgencyId,
    });
    return operation;
  }

  async create(actor: Actor, input: CreateBorderOperationInput): Promise<BorderOperation> {
    assertMayChange(actor, borderOperationPolicy);
    const ownerAgencyId = actor.type === 'system' ? input.ownerAgencyId : requireMember(actor).agencyId;
    const problems: FieldError[] = [];
    if (ownerAgencyId === undefined || (await this.#agencies.find(ownerAgencyId)) === undefined)
      problems.push({ field: 'ownerAgencyId', message: 'no such agency' });
    const fields = await this.#validate(
      { ...input, status: input.status ?? 'planned', description: input.description ?? '' },
      ownerAgencyId ?? '',
      problems,
    );
    const checkpoints = (input.checkpoints ?? []).map((c, i) => validateCheckpoint(c, `checkpoints/${i}`, problems));
    const names = checkpoints.map((c) => c?.name.toLowerCase());
    names.forEach((n, i) => {
      if (n !== undefined && names.indexOf(n) !== i) problems.push({ field: `checkpoints/${i}/name`, message: 'is used twice' });
    });
    if (problems.length > 0) throw invalid('The border operation is not valid', problems);
    if (await this.repository.nameTaken(ownerAgencyId!, fields.name!))
      throw conflict(`Your agency already has a border operation named "${fields.name}"`);
    const id = await this.db.transaction().execute(async (trx) => {
      const created = await this.repository.insert(trx, {
        ownerAgencyId: ownerAgencyId!,
        visibility: fields.visibility!,
        sharedWith: fields.sharedWith ?? [],
        name: fields.name!,
        description: fields.description ?? '',
        startsOn: fields.startsOn ?? null,
        endsOn: fields.endsOn ?? null,
        status: fields.status!,
        createdBy: actor.type === 'user' ? actor.id : null,
      });
      for (const checkpoint of checkpoints) await this.repository.insertCheckpoint(trx, created, checkpoint!);
      await this.audit.record(
        actor,
        {
          action: 'border_operation.create',
          outcome: 'success',
          recordType: 'border_operation',
          recordId: created,
          recordAgencyId: ownerAgencyId!,
          details: {
            name: fields.name,
            visibility: fields.visibility,
            sharedWith: fields.sharedWith ?? [],
            checkpoints: checkpoints.length,
          },
        },
        trx,
      );
      return created;
    });
    return (await this.repository.findVisible('all', id))!;
  }

  /** Changes an operation (coordinating agency only). */
  async update(actor: Actor, id: string, input: UpdateBorderOperationInput): Promise<BorderOperation> {
    assertMayChange(actor, borderOperationPolicy);
    const current = orNotFound(await this.repository.findVisible(viewerOf(actor), id), borderOperationPolicy);
    assertOwner(actor, borderOperationPolicy, current.ownerAgencyId);
    const problems: FieldError[] = [];
    const merged = {
      name: input.name ?? current.name,
      description: input.description ?? current.description,
      startsOn: input.startsOn !== undefined ? input.startsOn : current.startsOn,
      endsOn: input.endsOn !== undefined ? input.endsOn : current.endsOn,
      status: input.status ?? current.status,
      visibility: input.visibility ?? current.visibility,
      sharedWith: input.sharedWith ?? current.sharedWith,
    };
    const fields = await this.#validate(merged, current.ownerAgencyId, problems);
    if (problems.length > 0) throw invalid('The change is not valid', problems);
    if (input.name !== undefined && (await this.repository.nameTaken(current.ownerAgencyId, fields.name!, id)))
      throw conflict(`Your agency already has a border operation named "${fields.name}"`);
    const changes: BorderOperationChanges = {
      ...(input.name !== undefined && { name: fields.name! }),
      ...(input.description !== undefined && { description: fields.description! }),
      ...(input.startsOn !== undefined && { startsOn: fields.startsOn ?? null }),
      ...(input.endsOn !== undefined && { endsOn: fields.endsOn ?? null }),
      ...(input.status !== undefined && { status: fields.status! }),
      ...(input.visibility !== undefined && { visibility: fields.visibility! }),
      ...(input.sharedWith !== undefined && { sharedWith: fields.sharedWith! }),
    };
    await this.db.transaction().execute(async (trx) => {
      const locked = await this.#lockOwned(trx, actor, id);
      await this.repository.update(trx, locked, changes);
      await this.audit.record(
        actor,
        {
          action: 'border_operation.update',
          outcome: 'success',
          recordType: 'border_operation',
          recordId: id,
          recordAgencyId: locked.ownerAgencyId,
          details: { fields: Object.keys(changes) },
        },
        trx,
      );
    });
    return (await this.repository.findVisible('all', id))!;
  }

  async addCheckpoint(actor: Actor, id: string, input: CheckpointInput): Promise<Checkpoint> {
    assertMayChange(actor, borderOperationPolicy);
    const problems: FieldError[] = [];
    const checkpoint = validateCheckpoint(input, '', problems);
    if (problems.length > 0) throw invalid('The checkpoint is not valid', problems);
    const checkpointId = await this.db.transaction().execute(async (trx) => {
      const operation = await this.#lockOwned(trx, actor, id);
      if (operation.checkpoints.some((c) => c.name.toLowerCase() === checkpoint!.name.toLowerCase()))
        throw conflict(`The operation already has a checkpoint named "${checkpoint!.name}"`);
      const created = await this.repository.insertCheckpoint(trx, id, checkpoint!);
      await this.repository.touch(trx, id);
      await this.audit.record(
        actor,
        {
          action: 'border_operation.checkpoint.create',
          outcome: 'success',
          recordType: 'border_operation',
          recordId: id,
          recordAgencyId: operation.ownerAgencyId,
          details: { checkpointId: created, ...checkpoint },
        },
        trx,
      );
      return created;
    });
    return { id: checkpointId, ...checkpoint! };
  }

  async updateCheckpoint(actor: Actor, id: string, checkpointId: string, input: Partial<CheckpointInput>): Promise<Checkpoint> {
    assertMayChange(actor, borderOperationPolicy);
    return this.db.transaction().execute(async (trx) => {
      const operation = await this.#lockOwned(trx, actor, id);
      const current = operation.checkpoints.find((c) => c.id === checkpointId);
      if (current === undefined) throw notFound('Checkpoint');
      const problems: FieldError[] = [];
      const next = validateCheckpoint({ ...current, ...input }, '', problems);
      if (problems.length > 0) throw invalid('The checkpoint is not valid', problems);
      if (operation.checkpoints.some((c) => c.id !== checkpointId && c.name.toLowerCase() === next!.name.toLowerCase()))
        throw conflict(`The operation already has a checkpoint named "${next!.name}"`);
      await this.repository.updateCheckpoint(trx, checkpointId, next!);
      await this.repository.touch(trx, id);
      await this.audit.record(
        actor,
        {
          action: 'border_operation.checkpoint.update',
          outcome: 'success',
          recordType: 'border_operation',
          recordId: id,
          recordAgencyId: operation.ownerAgencyId,
          details: { checkpointId, fields: Object.keys(input) },
        },
        trx,
      );
      return { id: checkpointId, ...next! };
    });
  }

  /** Removes a checkpoint that no check was recorded at (statistics need the others). */
  async deleteCheckpoint(actor: Actor, id: string, checkpointId: string): Promise<void> {
    assertMayChange(actor, borderOperationPolicy);
    await this.db.transaction().execute(async (trx) => {
      const operation = await this.#lockOwned(trx, actor, id);
      const current = operation.checkpoints.find((c) => c.id === checkpointId);
      if (current === undefined) throw notFound('Checkpoint');
      if (await this.repository.checkpointHasChecks(trx, checkpointId))
        throw conflict(`Checks were recorded at checkpoint "${current.name}"; it stays for the statistics`);
      await this.repository.deleteCheckpoint(trx, checkpointId);
      await this.repository.touch(trx, id);
      await this.audit.record(
        actor,
        {
          action: 'border_operation.checkpoint.delete',
          outcome: 'success',
          recordType: 'border_operation',
          recordId: id,
          recordAgencyId: operation.ownerAgencyId,
          details: { checkpointId, name: current.name },
        },
        trx,
      );
    });
  }

  /**
   * Records screening answers as checks of an operation, and their matching person hits and
   * document hits for review. Adjudication memory: a hit whose traveller and entry were dismissed
   * before in this operation is not stored again; it is counted in `suppressed` and left out of
   * the returned answer. `entryDetails` (by entry or document id) is kept with each hit, so the
   * review shows what the entry said even if its list changes later. Returns one result per answer.
   */
  async recordChecks<A extends ScreeningAnswer>(
    actor: Actor,
    place: CheckPlace,
    answers: readonly A[],
    entryDetails: ReadonlyMap<string, EntryDetail> = new Map(),
  ): Promise<RecordedCheck<A>[]> {
    if (!hasAnyRole(actor, borderOperationPolicy.changeRoles))
      throw forbidden('Your roles do not allow recording checks in border operations');
    const operation = await this.#guard(actor, 'border_operation.check', place.operationId, async () => {
      assertMayRead(actor, borderOperationPolicy);
      return orNotFound(await this.repository.findForChecks(viewerOf(actor), place.operationId), borderOperationPolicy);
    });
    if (operation.status === 'closed') throw conflict(`The operation "${operation.name}" is closed`);
    const checkpointId = place.checkpointId ?? null;
    if (checkpointId !== null && !operation.checkpointIds.includes(checkpointId))
      throw invalid('No such checkpoint in this operation', [{ field: 'checkpointId', message: 'is not a checkpoint of the operation' }]);
    let agencyId: string;
    if (actor.type === 'system') {
      agencyId = place.agencyId ?? operation.ownerAgencyId;
      if ((await this.#agencies.find(agencyId)) === undefined)
        throw invalid('No such agency', [{ field: 'agencyId', message: 'no such agency' }]);
    } else agencyId = requireMember(actor).agencyId;
    if (place.checkedAt !== undefined && actor.type !== 'system') throw forbidden('Only the local operator may date checks');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    for (const answer of answers) {
      for (const hit of answer.hits)
        if (hit.match && (!uuid.test(hit.entryId) || !uuid.test(hit.listId))) throw invalid('Hits must name stored watchlist entries');
      for (const hit of answer.documentHits)
        if (!uuid.test(hit.documentId) || !uuid.test(hit.listId)) throw invalid('Hits must name stored watchlist entries');
    }
    if (answers.length === 0) return [];

    const keys = answers.map((a) => travellerKey(a.traveller));
    const pairs = answers.flatMap((a, i) => [
      ...a.hits.filter((h) => h.match).map((h) => ({ travellerKey: keys[i]!, entryId: h.entryId })),
      ...a.documentHits.map((h) => ({ travellerKey: keys[i]!, entryId: h.documentId })),
    ]);
    // Clear checks (most of them) are one insert, atomic by itself: no transaction round trips.
    const inTransaction = <T>(work: (db: Executor) => Promise<T>): Promise<T> =>
      pairs.length === 0 && answers.length <= 1000 ? work(this.db) : this.db.transaction().execute(work);
    return inTransaction(async (trx) => {
      const dismissed = pairs.length === 0 ? new Set<string>() : await this.repository.dismissed(trx, operation.id, pairs);
      const isDismissed = (i: number, entryId: string): boolean => dismissed.has(`${keys[i]} ${entryId}`);

      const checkRows: NewScreeningCheckRow[] = answers.map((answer, i) => {
        const persons = answer.hits.filter((h) => h.match && !isDismissed(i, h.entryId)).length;
        const documents = answer.documentHits.filter((h) => !isDismissed(i, h.documentId)).length;
        const suppressed =
          answer.hits.filter((h) => h.match && isDismissed(i, h.entryId)).length +
          answer.documentHits.filter((h) => isDismissed(i, h.documentId)).length;
        const outcome: CheckOutcome = !answer.screened ? 'error' : persons + documents > 0 ? 'hit' : 'clear';
        return {
          operation_id: operation.id,
          checkpoint_id: checkpointId,
          agency_id: agencyId,
          user_id: actor.type === 'user' ? actor.id : null,
          token_id: actor.type === 'token' ? actor.id : null,
          traveller: JSON.stringify(answer.traveller),
          traveller_key: keys[i]!,
          ...(place.checkedAt !== undefined && { checked_at: place.checkedAt }),
          outcome,
          hit_count: persons,
          document_hit_count: documents,
          suppressed_count: suppressed,
          problems: JSON.stringify(answer.problems),
        };
      });
      const checkIds = await this.repository.insertChecks(trx, checkRows);

      // One row per stored hit, remembering where it goes back in the answers.
      const hitRows: NewScreeningHitRow[] = [];
      const slots: { answer: number; kind: 'person' | 'document'; index: number }[] = [];
      answers.forEach((answer, i) => {
        answer.hits.forEach((hit, index) => {
          if (!hit.match || isDismissed(i, hit.entryId)) return;
          const detail = entryDetails.get(hit.entryId);
          hitRows.push({
            check_id: checkIds[i]!,
            operation_id: operation.id,
            kind: 'person',
            list_id: hit.listId,
            entry_id: hit.entryId,
            score: hit.score,
            explanation: JSON.stringify(hit.explanation),
            entry_snapshot: detail === undefined ? null : JSON.stringify(detail),
          });
          slots.push({ answer: i, kind: 'person', index });
        });
        answer.documentHits.forEach((hit, index) => {
          if (isDismissed(i, hit.documentId)) return;
          const snapshot = {
            number: hit.number,
            country: hit.country ?? null,
            documentType: hit.documentType,
            status: hit.status,
            reportedOn: hit.reportedOn ?? null,
            listName: entryDetails.get(hit.documentId)?.listName ?? null,
          };
          hitRows.push({
            check_id: checkIds[i]!,
            operation_id: operation.id,
            kind: 'document',
            list_id: hit.listId,
            entry_id: hit.documentId,
            score: 1,
            explanation: null,
            entry_snapshot: JSON.stringify(snapshot),
          });
          slots.push({ answer: i, kind: 'document', index });
        });
      });
      const hitIds = await this.repository.insertHits(trx, hitRows);

      const results: RecordedCheck<A>[] = answers.map((answer, i) => ({
        checkId: checkIds[i]!,
        hitIds: answer.hits.map((): string | undefined => undefined),
        documentHitIds: answer.documentHits.map((): string | undefined => undefined),
        suppressed: checkRows[i]!.suppressed_count ?? 0,
        answer:
          checkRows[i]!.suppressed_count === 0
            ? answer
            : {
                ...answer,
                hits: answer.hits.filter((h) => !(h.match && isDismissed(i, h.entryId))),
                documentHits: answer.documentHits.filter((h) => !isDismissed(i, h.documentId)),
              },
      }));
      slots.forEach((slot, n) => {
        const result = results[slot.answer]!;
        (slot.kind === 'person' ? result.hitIds : result.documentHitIds)[slot.index] = hitIds[n];
      });
      return results;
    });
  }

  /** Checks of an operation, oldest first, paged by `seq` (audited: traveller data). */
  async listChecks(
    actor: Actor,
    id: string,
    options: { after?: number; limit?: number; outcome?: string } = {},
  ): Promise<{ items: CheckView[]; next: number | null }> {
    const operation = await this.#visible(actor, id, 'border_operation.checks.read');
    if (options.outcome !== undefined && !(checkOutcomes as readonly string[]).includes(options.outcome))
      throw invalid('Unknown outcome', [{ field: 'outcome', message: `must be one of ${checkOutcomes.join(', ')}` }]);
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const scope = this.#scope(actor, operation);
    const items = await this.repository.listChecks(id, {
      ...(scope !== undefined && { agencyId: scope }),
      after: options.after ?? 0,
      limit,
      ...(options.outcome !== undefined && { outcome: options.outcome as CheckOutcome }),
    });
    await this.audit.record(actor, {
      action: 'border_operation.checks.read',
      outcome: 'success',
      recordType: 'border_operation',
      recordId: id,
      recordAgencyId: operation.ownerAgencyId,
      details: { count: items.length, after: options.after ?? 0, outcome: options.outcome ?? null },
    });
    return { items, next: items.length === limit ? items.at(-1)!.seq : null };
  }

  /** The review queue: hits with the traveller and the watchlist record side by side (audited). */
  async listHits(
    actor: Actor,
    id: string,
    options: { status?: string; after?: number; limit?: number } = {},
  ): Promise<{ items: HitView[]; next: number | null }> {
    const operation = await this.#visible(actor, id, 'border_operation.hits.read');
    const statuses: readonly string[] = ['pending', 'confirmed', 'dismissed'];
    if (options.status !== undefined && !statuses.includes(options.status))
      throw invalid('Unknown status', [{ field: 'status', message: `must be one of ${statuses.join(', ')}` }]);
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const scope = this.#scope(actor, operation);
    const items = await this.repository.listHits(id, {
      ...(scope !== undefined && { agencyId: scope }),
      ...(options.status !== undefined && { status: options.status as HitStatus }),
      after: options.after ?? 0,
      limit,
    });
    await this.audit.record(actor, {
      action: 'border_operation.hits.read',
      outcome: 'success',
      recordType: 'border_operation',
      recordId: id,
      recordAgencyId: operation.ownerAgencyId,
      details: { count: items.length, status: options.status ?? null, hits: items.map((h) => h.id) },
    });
    return { items, next: items.length === limit ? items.at(-1)!.seq : null };
  }

  /**
   * Confirms a hit with its outcome or dismisses it as a false positive; a dismissal is remembered
   * for this traveller and entry in this operation. The coordinating agency and the agency that
   * made the check may review; both decisions are audited.
   */
  async review(actor: Actor, id: string, hitId: string, input: ReviewInput): Promise<HitView> {
    const operation = await this.#visible(actor, id, 'border_operation.hit.review');
    const problems: FieldError[] = [];
    let outcome: HitOutcome | null = null;
    let nationality: string | null = null;
    if (input.decision !== 'confirm' && input.decision !== 'dismiss')
      problems.push({ field: 'decision', message: 'must be confirm or dismiss' });
    if (input.decision === 'confirm') {
      if (input.outcome === undefined) problems.push({ field: 'outcome', message: 'is required to confirm a hit' });
      else if (!(hitOutcomes as readonly string[]).includes(input.outcome))
        problems.push({ field: 'outcome', message: `must be one of ${hitOutcomes.join(', ')}` });
      else outcome = input.outcome as HitOutcome;
      if (input.outcomeNationality !== undefined && input.outcomeNationality.trim() !== '') {
        nationality = normaliseCountry(input.outcomeNationality) ?? null;
        if (nationality === null) problems.push({ field: 'outcomeNationality', message: 'must be an ISO 3166 country code' });
      } else if (outcome === 'migrant_identified')
        problems.push({ field: 'outcomeNationality', message: 'is required when a migrant is identified' });
    } else if (input.outcome !== undefined || input.outcomeNationality !== undefined) {
      problems.push({ field: 'outcome', message: 'is only given when confirming a hit' });
    }
    const note = input.note?.trim() ?? '';
    if (note.length > 2000) problems.push({ field: 'note', message: 'must be at most 2000 characters' });
    await this.#guard(actor, 'border_operation.hit.review', id, () => {
      if (!hasAnyRole(actor, borderOperationPolicy.changeRoles)) throw forbidden('Your roles do not allow reviewing hits');
    });
    if (problems.length > 0) throw invalid('The review is not valid', problems);
    const scope = this.#scope(actor, operation);
    const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
    await this.db.transaction().execute(async (trx) => {
      const hit = await this.repository.lockHit(trx, id, hitId);
      if (hit === undefined || (scope !== undefined && hit.checkAgencyId !== scope)) throw notFound('Hit');
      await this.repository.review(trx, hit, {
        status,
        outcome,
        outcomeNationality: nationality,
        note: note === '' ? null : note,
        reviewerId: actor.id,
        reviewerName: actor.name,
      });
      await this.audit.record(
        actor,
        {
          action: status === 'confirmed' ? 'border_operation.hit.confirm' : 'border_operation.hit.dismiss',
          outcome: 'success',
          recordType: 'border_operation',
          recordId: id,
          recordAgencyId: operation.ownerAgencyId,
          details: {
            hitId,
            previous: hit.status,
            outcome,
            outcomeNationality: nationality,
            entryId: hit.entryId,
            travellerKey: hit.travellerKey,
            ...(status === 'dismissed' && { remembered: true }),
          },
        },
        trx,
      );
    });
    const [view] = await this.repository.listHits(id, { ids: [hitId], after: 0, limit: 1 });
    return view!;
  }

  async statistics(actor: Actor, id: string): Promise<OperationStatistics> {
    const operation = await this.#visible(actor, id, 'border_operation.statistics');
    const counts = await this.repository.counts(id);
    const checking = await this.repository.checkingAgencies(id);
    const agencies = new Map<string, string>([
      [operation.ownerAgencyId, operation.ownerAgencyCountry],
      ...operation.participants.map((p): [string, string] => [p.id, p.country]),
      ...checking.map((a): [string, string] => [a.id, a.country]),
    ]);
    const countries = new Set([...agencies.values(), ...operation.checkpoints.map((c) => c.country)]);
    return {
      operation: {
        id: operation.id,
        name: operation.name,
        status: operation.status,
        startsOn: operation.startsOn,
        endsOn: operation.endsOn,
        ownerAgencyName: operation.ownerAgencyName,
      },
      checks: counts.checks,
      hits: counts.hits,
      migrantsByNationality: counts.migrantsByNationality,
      participatingCountries: [...countries].sort(),
      participatingAgencies: agencies.size,
    };
  }

  /** The statistics as a file: CSV (section, key, value; formula-guarded) or JSON. Audited. */
  async exportStatistics(actor: Actor, id: string, format: 'csv' | 'json'): Promise<StatisticsExport> {
    const stats = await this.statistics(actor, id);
    const safeName =
      stats.operation.name
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80) || 'operation';
    await this.audit.record(actor, {
      action: 'border_operation.statistics.export',
      outcome: 'success',
      recordType: 'border_operation',
      recordId: id,
      details: { format },
    });
    if (format === 'json')
      return { text: JSON.stringify(stats, null, 2) + '\n', fileName: `${safeName}-statistics.json`, contentType: 'application/json' };
    return { text: statisticsCsv(stats), fileName: `${safeName}-statistics.csv`, contentType: 'text/csv' };
  }

  /** A visible operation, or not_found; role and visibility denials are audited. */
  async #visible(actor: Actor, id: string, action: string): Promise<BorderOperation> {
    return this.#guard(actor, action, id, async () => {
      assertMayRead(actor, borderOperationPolicy);
      return orNotFound(await this.repository.findVisible(viewerOf(actor), id), borderOperationPolicy);
    });
  }

  async #lockOwned(trx: Transaction<Database>, actor: Actor, id: string): Promise<BorderOperation> {
    const operation = orNotFound(await this.repository.lockVisible(trx, viewerOf(actor), id), borderOperationPolicy);
    assertOwner(actor, borderOperationPolicy, operation.ownerAgencyId);
    return operation;
  }

  /** Whose checks the actor sees: all (coordinating agency, local operator) or its own agency's. */
  #scope(actor: Actor, operation: BorderOperation): string | undefined {
    if (actor.type === 'system' || actor.agencyId === operation.ownerAgencyId) return undefined;
    return requireMember(actor).agencyId;
  }

  async #validate(
    input: {
      name: string;
      description: string;
      startsOn?: string | null | undefined;
      endsOn?: string | null | undefined;
      status: string;
      visibility: string;
      sharedWith?: string[] | undefined;
    },
    ownerAgencyId: string,
    problems: FieldError[],
  ): Promise<Partial<BorderOperationChanges>> {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) problems.push({ field: 'name', message: 'must be 1 to 200 characters' });
    const description = input.description.trim();
    if (description.length > 5000) problems.push({ field: 'description', message: 'must be at most 5000 characters' });
    const startsOn = input.startsOn === undefined || input.startsOn === null || input.startsOn === '' ? null : input.startsOn;
    const endsOn = input.endsOn === undefined || input.endsOn === null || input.endsOn === '' ? null : input.endsOn;
    if (startsOn !== null && !isIsoDate(startsOn)) problems.push({ field: 'startsOn', message: 'must be a date YYYY-MM-DD' });
    if (endsOn !== null && !isIsoDate(endsOn)) problems.push({ field: 'endsOn', message: 'must be a date YYYY-MM-DD' });
    if (startsOn !== null && endsOn !== null && isIsoDate(startsOn) && isIsoDate(endsOn) && endsOn < startsOn)
      problems.push({ field: 'endsOn', message: 'is before startsOn' });
    if (!(operationStatuses as readonly string[]).includes(input.status))
      problems.push({ field: 'status', message: `must be one of ${operationStatuses.join(', ')}` });
    if (!(operationVisibilities as readonly string[]).includes(input.visibility))
      problems.push({ field: 'visibility', message: `must be one of ${operationVisibilities.join(', ')}` });
    const sharedWith = [...new Set(input.sharedWith ?? [])];
    if (input.visibility === 'shared' && sharedWith.length === 0)
      problems.push({ field: 'sharedWith', message: 'names at least one participating agency when visibility is shared' });
    if (sharedWith.includes(ownerAgencyId)) problems.push({ field: 'sharedWith', message: 'cannot include the coordinating agency' });
    const missing = await this.#agencies.missing(sharedWith);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    return {
      name,
      description,
      startsOn,
      endsOn,
      status: input.status as OperationStatus,
      visibility: input.visibility as Visibility,
      sharedWith,
    };
  }

  /** Runs a check; a denial is audited (AuditService.guard). */
  #guard<T>(actor: Actor, action: string, recordId: string, check: () => T | Promise<T>): Promise<T> {
    return this.audit.guard(actor, { action, recordType: 'border_operation', recordId }, check);
  }
}

function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function validateCheckpoint(input: Partial<CheckpointInput>, prefix: string, problems: FieldError[]): Omit<Checkpoint, 'id'> | undefined {
  const at = (field: string): string => (prefix === '' ? field : `${prefix}/${field}`);
  const before = problems.length;
  const name = (input.name ?? '').trim();
  if (name.length < 1 || name.length > 200) problems.push({ field: at('name'), message: 'must be 1 to 200 characters' });
  if (!(borderTypes as readonly string[]).includes(input.borderType ?? ''))
    problems.push({ field: at('borderType'), message: `must be one of ${borderTypes.join(', ')}` });
  const place = (input.place ?? '').trim();
  if (place.length > 200) problems.push({ field: at('place'), message: 'must be at most 200 characters' });
  const country = normaliseCountry(input.country ?? '');
  if (country === undefined) problems.push({ field: at('country'), message: 'must be an ISO 3166 country code' });
  if (problems.length > before) return undefined;
  return { name, borderType: input.borderType as BorderType, place, country: country! };
}

/** One CSV cell: a leading = + - @ would make spreadsheets evaluate it, so it is quoted as text. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return guarded !== text ? `"${guarded.replaceAll('"', '""')}"` : csvField(guarded, ',');
}

/** The statistics as rows of section, key, value. */
export function statisticsCsv(stats: OperationStatistics): string {
  const rows: [string, string, string | number | null][] = [
    ['operation', 'id', stats.operation.id],
    ['operation', 'name', stats.operation.name],
    ['operation', 'coordinator', stats.operation.ownerAgencyName],
    ['operation', 'status', stats.operation.status],
    ['operation', 'startsOn', stats.operation.startsOn],
    ['operation', 'endsOn', stats.operation.endsOn],
    ['checks', 'total', stats.checks.total],
    ['checks', 'suppressed', stats.checks.suppressed],
    ...stats.checks.byOutcome.map((c): [string, string, number] => ['checks_by_outcome', c.key, c.count]),
    ...stats.checks.byBorderType.map((c): [string, string, number] => ['checks_by_border_type', c.key, c.count]),
    ...stats.checks.byCountry.map((c): [string, string, number] => ['checks_by_country', c.key, c.count]),
    ...stats.checks.byDay.map((c): [string, string, number] => ['checks_by_day', c.key, c.count]),
    ['hits', 'total', stats.hits.total],
    ['hits', 'pending', stats.hits.pending],
    ['hits', 'confirmed', stats.hits.confirmed],
    ['hits', 'dismissed', stats.hits.dismissed],
    ...stats.hits.byKind.map((c): [string, string, number] => ['hits_by_kind', c.key, c.count]),
    ...stats.hits.byOutcome.map((c): [string, string, number] => ['hits_by_outcome', c.key, c.count]),
    ...stats.migrantsByNationality.map((c): [string, string, number] => ['migrants_by_nationality', c.key, c.count]),
    ['participating', 'agencies', stats.participatingAgencies],
    ['participating', 'countries', stats.participatingCountries.length],
    ...stats.participatingCountries.map((c): [string, string, number] => ['participating_country', c, 1]),
  ];
  return ['section,key,value', ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
