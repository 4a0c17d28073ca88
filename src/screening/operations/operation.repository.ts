/**
 * SQL for border operations, their checkpoints, recorded checks, hits and the adjudication memory.
 * Operations are read only through `visibleTo`; checks and hits are read by operation, after the
 * service has established that the operation is visible.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Visibility } from '../../platform/access/roles.js';
import { mapWithShares, replaceShares, visibleTo, type Viewer } from '../../platform/access/visibility.js';
import { isUuid } from '../../platform/agencies/agency.repository.js';
import type { Database } from '../../platform/database/schema.js';
import type { ResolvedTraveller, TravellerProblem } from '../traveller.js';
import type { BorderOperationRow, CheckpointRow, NewScreeningCheckRow, NewScreeningHitRow } from './operation.schema.js';

export const borderTypes = ['air', 'land', 'sea'] as const;
export type BorderType = (typeof borderTypes)[number];
export const operationStatuses = ['planned', 'active', 'closed'] as const;
export type OperationStatus = (typeof operationStatuses)[number];
export const hitStatuses = ['pending', 'confirmed', 'dismissed'] as const;
export type HitStatus = (typeof hitStatuses)[number];
export const hitOutcomes = [
  'arrest',
  'victim_identified',
  'missing_person_found',
  'migrant_identified',
  'document_seized',
  'other',
] as const;
export type HitOutcome = (typeof hitOutcomes)[number];
export const checkOutcomes = ['clear', 'hit', 'error'] as const;
export type CheckOutcome = (typeof checkOutcomes)[number];

export interface Checkpoint {
  id: string;
  name: string;
  borderType: BorderType;
  place: string;
  country: string;
}

export interface Participant {
  id: string;
  name: string;
  country: string;
}

export interface BorderOperation {
  id: string;
  name: string;
  description: string;
  /** `YYYY-MM-DD`. */
  startsOn: string | null;
  endsOn: string | null;
  status: OperationStatus;
  ownerAgencyId: string;
  ownerAgencyName: string;
  ownerAgencyCountry: string;
  visibility: Visibility;
  /** Participating agencies (visibility `shared`). */
  sharedWith: string[];
  participants: Participant[];
  checkpoints: Checkpoint[];
  createdAt: Date;
  updatedAt: Date;
}

export interface NewBorderOperation {
  ownerAgencyId: string;
  visibility: Visibility;
  sharedWith: string[];
  name: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  status: OperationStatus;
  createdBy: string | null;
}

export type BorderOperationChanges = Partial<
  Pick<NewBorderOperation, 'name' | 'description' | 'startsOn' | 'endsOn' | 'status' | 'visibility' | 'sharedWith'>
>;

export interface CheckpointRef {
  id: string;
  name: string;
  borderType: BorderType;
  country: string;
}

export interface CheckView {
  id: string;
  /** Cursor for paging (`after`). */
  seq: number;
  checkedAt: Date;
  checkpoint: CheckpointRef | null;
  agencyId: string;
  agencyName: string;
  traveller: ResolvedTraveller;
  outcome: CheckOutcome;
  hitCount: number;
  documentHitCount: number;
  suppressed: number;
  problems: TravellerProblem[];
}

/** The watchlist record side of a person hit. */
export interface HitEntry {
  names: string[];
  birthDates: string[];
  nationalities: string[];
  sex: string | null;
  reason: string | null;
  listName: string | null;
  externalId: string | null;
  /** Identity documents the entry lists. */
  documents: { number: string; country?: string }[];
  notes: string | null;
}

/** The stolen, lost or revoked document side of a document hit. */
export interface HitDocument {
  number: string;
  country: string | null;
  documentType: string | null;
  status: string | null;
  reportedOn: string | null;
  listName: string | null;
}

export interface HitView {
  id: string;
  seq: number;
  checkId: string;
  checkedAt: Date;
  checkpoint: CheckpointRef | null;
  agencyId: string;
  agencyName: string;
  traveller: ResolvedTraveller;
  kind: 'person' | 'document';
  listId: string;
  entryId: string;
  score: number;
  explanation: unknown;
  entry: HitEntry | null;
  document: HitDocument | null;
  status: HitStatus;
  outcome: HitOutcome | null;
  outcomeNationality: string | null;
  note: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

/** What the review needs to know about one hit. */
export interface HitForReview {
  id: string;
  operationId: string;
  checkAgencyId: string;
  travellerKey: string;
  entryId: string;
  status: HitStatus;
}

export interface Review {
  status: 'confirmed' | 'dismissed';
  outcome: HitOutcome | null;
  outcomeNationality: string | null;
  note: string | null;
  reviewerId: string | null;
  reviewerName: string | null;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface OperationCounts {
  checks: { total: number; byOutcome: KeyCount[]; byBorderType: KeyCount[]; byCountry: KeyCount[]; byDay: KeyCount[]; suppressed: number };
  hits: { total: number; pending: number; confirmed: number; dismissed: number; byKind: KeyCount[]; byOutcome: KeyCount[] };
  migrantsByNationality: KeyCount[];
}

type Executor = Kysely<Database> | Transaction<Database>;

export class BorderOperationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listVisible(viewer: Viewer, limit = 500): Promise<BorderOperation[]> {
    const rows = await this.#visible(this.db, viewer)
      .orderBy('border_operation.updated_at', 'desc')
      .orderBy('border_operation.id')
      .limit(limit)
      .execute();
    return this.#map(this.db, rows);
  }

  async findVisible(viewer: Viewer, id: string, db: Executor = this.db): Promise<BorderOperation | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(db, viewer).where('border_operation.id', '=', id).executeTakeFirst();
    return row && (await this.#map(db, [row]))[0];
  }

  /** What recording checks needs of a visible operation, in one query (a check at the border must be quick). */
  async findForChecks(
    viewer: Viewer,
    id: string,
  ): Promise<{ id: string; name: string; ownerAgencyId: string; status: OperationStatus; checkpointIds: string[] } | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('border_operation')
      .select([
        'border_operation.id',
        'border_operation.name',
        'border_operation.owner_agency_id',
        'border_operation.status',
        sql<string[] | null>`(select array_agg(checkpoint.id) from checkpoint where checkpoint.operation_id = border_operation.id)`.as(
          'checkpoint_ids',
        ),
      ])
      .where('border_operation.id', '=', id)
      .where(visibleTo('border_operation', viewer))
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        name: row.name,
        ownerAgencyId: row.owner_agency_id,
        status: row.status as OperationStatus,
        checkpointIds: row.checkpoint_ids ?? [],
      }
    );
  }

  /** Locks a visible operation for a change inside `trx`. */
  async lockVisible(trx: Transaction<Database>, viewer: Viewer, id: string): Promise<BorderOperation | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(trx, viewer).where('border_operation.id', '=', id).forUpdate('border_operation').executeTakeFirst();
    return row && (await this.#map(trx, [row]))[0];
  }

  async nameTaken(ownerAgencyId: string, name: string, exceptId?: string): Promise<boolean> {
    let query = this.db.selectFrom('border_operation').select('id').where('owner_agency_id', '=', ownerAgencyId).where('name', '=', name);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async insert(trx: Transaction<Database>, input: NewBorderOperation): Promise<string> {
    const { id } = await trx
      .insertInto('border_operation')
      .values({
        owner_agency_id: input.ownerAgencyId,
        visibility: input.visibility,
        name: input.name,
        description: input.description,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        status: input.status,
        created_by: input.createdBy,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceShares(trx, 'border_operation', id, input.visibility, input.sharedWith);
    return id;
  }

  async update(trx: Transaction<Database>, current: BorderOperation, changes: BorderOperationChanges): Promise<void> {
    await trx
      .updateTable('border_operation')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.startsOn !== undefined && { starts_on: changes.startsOn }),
        ...(changes.endsOn !== undefined && { ends_on: changes.endsOn }),
        ...(changes.status !== undefined && { status: changes.status }),
        ...(changes.visibility !== undefined && { visibility: changes.visibility }),
        updated_at: new Date(),
      })
      .where('id', '=', current.id)
      .execute();
    if (changes.visibility !== undefined || changes.sharedWith !== undefined) {
      await replaceShares(
        trx,
        'border_operation',
        current.id,
        changes.visibility ?? current.visibility,
        changes.sharedWith ?? current.sharedWith,
      );
    }
  }

  async touch(trx: Transaction<Database>, id: string): Promise<void> {
    await trx.updateTable('border_operation').set({ updated_at: new Date() }).where('id', '=', id).execute();
  }

  async insertCheckpoint(trx: Transaction<Database>, operationId: string, checkpoint: Omit<Checkpoint, 'id'>): Promise<string> {
    const { id } = await trx
      .insertInto('checkpoint')
      .values({
        operation_id: operationId,
        name: checkpoint.name,
        border_type: checkpoint.borderType,
        place: checkpoint.place,
        country: checkpoint.country,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateCheckpoint(trx: Transaction<Database>, id: string, changes: Partial<Omit<Checkpoint, 'id'>>): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('checkpoint')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.borderType !== undefined && { border_type: changes.borderType }),
        ...(changes.place !== undefined && { place: changes.place }),
        ...(changes.country !== undefined && { country: changes.country }),
      })
      .where('id', '=', id)
      .execute();
  }

  async deleteCheckpoint(trx: Transaction<Database>, id: string): Promise<void> {
    await trx.deleteFrom('checkpoint').where('id', '=', id).execute();
  }

  async checkpointHasChecks(db: Executor, id: string): Promise<boolean> {
    const row = await db.selectFrom('screening_check').select('id').where('checkpoint_id', '=', id).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** The pairs among `pairs` (`travellerKey` + entry id) dismissed before in this operation, as `key entryId`. */
  async dismissed(db: Executor, operationId: string, pairs: readonly { travellerKey: string; entryId: string }[]): Promise<Set<string>> {
    const found = new Set<string>();
    const keys = [...new Set(pairs.map((p) => p.travellerKey))];
    for (let start = 0; start < keys.length; start += 5000) {
      const rows = await db
        .selectFrom('screening_dismissal')
        .select(['traveller_key', 'entry_id'])
        .where('operation_id', '=', operationId)
        .where('traveller_key', 'in', keys.slice(start, start + 5000))
        .execute();
      for (const row of rows) found.add(`${row.traveller_key} ${row.entry_id}`);
    }
    return found;
  }

  async insertChecks(trx: Executor, rows: readonly NewScreeningCheckRow[]): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < rows.length; start += 1000) {
      const inserted = await trx
        .insertInto('screening_check')
        .values(rows.slice(start, start + 1000))
        .returning('id')
        .execute();
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  async insertHits(trx: Executor, rows: readonly NewScreeningHitRow[]): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < rows.length; start += 1000) {
      const inserted = await trx
        .insertInto('screening_hit')
        .values(rows.slice(start, start + 1000))
        .returning('id')
        .execute();
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  /** Checks of an operation in recording order; `agencyId` limits them to one agency's checks. */
  async listChecks(
    operationId: string,
    options: { agencyId?: string; after: number; limit: number; outcome?: CheckOutcome },
  ): Promise<CheckView[]> {
    let query = this.db
      .selectFrom('screening_check as c')
      .innerJoin('agency as a', 'a.id', 'c.agency_id')
      .leftJoin('checkpoint as p', 'p.id', 'c.checkpoint_id')
      .select([
        'c.id',
        'c.seq',
        'c.checked_at',
        'c.agency_id',
        'a.name as agency_name',
        'c.traveller',
        'c.outcome',
        'c.hit_count',
        'c.document_hit_count',
        'c.suppressed_count',
        'c.problems',
        'p.id as checkpoint_id',
        'p.name as checkpoint_name',
        'p.border_type',
        'p.country as checkpoint_country',
      ])
      .where('c.operation_id', '=', operationId)
      .where('c.seq', '>', options.after);
    if (options.agencyId !== undefined) query = query.where('c.agency_id', '=', options.agencyId);
    if (options.outcome !== undefined) query = query.where('c.outcome', '=', options.outcome);
    const rows = await query.orderBy('c.seq').limit(options.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      seq: Number(row.seq),
      checkedAt: row.checked_at,
      checkpoint: checkpointRef(row),
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      traveller: row.traveller as ResolvedTraveller,
      outcome: row.outcome as CheckOutcome,
      hitCount: row.hit_count,
      documentHitCount: row.document_hit_count,
      suppressed: row.suppressed_count,
      problems: row.problems as TravellerProblem[],
    }));
  }

  /**
   * Hits of an operation with the traveller and the watchlist record side by side. The record is
   * read from the watchlist tables when it is still there (left joins: an empty or deleted list
   * leaves the snapshot taken when the hit was raised).
   */
  async listHits(
    operationId: string,
    options: { agencyId?: string; status?: HitStatus; after: number; limit: number; ids?: readonly string[] },
  ): Promise<HitView[]> {
    let query = this.db
      .selectFrom('screening_hit as h')
      .innerJoin('screening_check as c', 'c.id', 'h.check_id')
      .innerJoin('agency as a', 'a.id', 'c.agency_id')
      .leftJoin('checkpoint as p', 'p.id', 'c.checkpoint_id')
      .leftJoin('watchlist_person as wp', (join) => join.onRef('wp.id', '=', 'h.entry_id').on('h.kind', '=', 'person'))
      .leftJoin('travel_document as td', (join) => join.onRef('td.id', '=', 'h.entry_id').on('h.kind', '=', 'document'))
      .leftJoin('watchlist as wl', 'wl.id', 'h.list_id')
      .select([
        'h.id',
        'h.seq',
        'h.check_id',
        'h.kind',
        'h.list_id',
        'h.entry_id',
        'h.score',
        'h.explanation',
        'h.entry_snapshot',
        'h.status',
        'h.outcome',
        'h.outcome_nationality',
        'h.note',
        'h.reviewed_by',
        'h.reviewed_by_name',
        'h.reviewed_at',
        'c.checked_at',
        'c.agency_id',
        'a.name as agency_name',
        'c.traveller',
        'p.id as checkpoint_id',
        'p.name as checkpoint_name',
        'p.border_type',
        'p.country as checkpoint_country',
        'wl.name as list_name',
        'wp.id as person_id',
        'wp.names as person_names',
        'wp.birth_dates as person_birth_dates',
        'wp.nationalities as person_nationalities',
        'wp.sex as person_sex',
        'wp.reason as person_reason',
        'wp.external_id as person_external_id',
        'wp.documents as person_documents',
        'wp.notes as person_notes',
        'td.id as document_id',
        'td.number as document_number',
        'td.country as document_country',
        'td.document_type',
        'td.status as document_status',
        sql<string | null>`to_char(td.reported_on, 'YYYY-MM-DD')`.as('document_reported_on'),
      ])
      .where('h.operation_id', '=', operationId)
      .where('h.seq', '>', options.after);
    if (options.agencyId !== undefined) query = query.where('c.agency_id', '=', options.agencyId);
    if (options.status !== undefined) query = query.where('h.status', '=', options.status);
    if (options.ids !== undefined) {
      if (options.ids.length === 0) return [];
      query = query.where('h.id', 'in', [...options.ids]);
    }
    const rows = await query.orderBy('h.seq').limit(options.limit).execute();
    return rows.map((row) => {
      const snapshot = (row.entry_snapshot ?? {}) as Partial<HitEntry & HitDocument>;
      const listName = row.list_name ?? snapshot.listName ?? null;
      const kind = row.kind as 'person' | 'document';
      const entry: HitEntry | null =
        kind !== 'person'
          ? null
          : row.person_id !== null
            ? {
                names: row.person_names ?? [],
                birthDates: (row.person_birth_dates ?? []).map(formatBirthDate),
                nationalities: row.person_nationalities ?? [],
                sex: row.person_sex,
                reason: row.person_reason,
                listName,
                externalId: row.person_external_id,
                documents: row.person_documents ?? [],
                notes: row.person_notes,
              }
            : {
                names: snapshot.names ?? [],
                birthDates: snapshot.birthDates ?? [],
                nationalities: snapshot.nationalities ?? [],
                sex: snapshot.sex ?? null,
                reason: snapshot.reason ?? null,
                listName,
                externalId: snapshot.externalId ?? null,
                documents: snapshot.documents ?? [],
                notes: snapshot.notes ?? null,
              };
      const document: HitDocument | null =
        kind !== 'document'
          ? null
          : row.document_id !== null
            ? {
                number: row.document_number ?? '',
                country: row.document_country,
                documentType: row.document_type,
                status: row.document_status,
                reportedOn: row.document_reported_on,
                listName,
              }
            : {
                number: snapshot.number ?? '',
                country: snapshot.country ?? null,
                documentType: snapshot.documentType ?? null,
                status: snapshot.status ?? null,
                reportedOn: snapshot.reportedOn ?? null,
                listName,
              };
      return {
        id: row.id,
        seq: Number(row.seq),
        checkId: row.check_id,
        checkedAt: row.checked_at,
        checkpoint: checkpointRef(row),
        agencyId: row.agency_id,
        agencyName: row.agency_name,
        traveller: row.traveller as ResolvedTraveller,
        kind,
        listId: row.list_id,
        entryId: row.entry_id,
        score: row.score,
        explanation: row.explanation ?? null,
        entry,
        document,
        status: row.status as HitStatus,
        outcome: row.outcome as HitOutcome | null,
        outcomeNationality: row.outcome_nationality,
        note: row.note,
        reviewedBy: row.reviewed_by_name ?? row.reviewed_by,
        reviewedAt: row.reviewed_at,
      };
    });
  }

  async lockHit(trx: Transaction<Database>, operationId: string, hitId: string): Promise<HitForReview | undefined> {
    if (!isUuid(hitId)) return undefined;
    const row = await trx
      .selectFrom('screening_hit as h')
      .innerJoin('screening_check as c', 'c.id', 'h.check_id')
      .select(['h.id', 'h.operation_id', 'h.entry_id', 'h.status', 'c.agency_id', 'c.traveller_key'])
      .where('h.operation_id', '=', operationId)
      .where('h.id', '=', hitId)
      .forUpdate('h')
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        operationId: row.operation_id,
        checkAgencyId: row.agency_id,
        travellerKey: row.traveller_key,
        entryId: row.entry_id,
        status: row.status as HitStatus,
      }
    );
  }

  /** Records a decision; a dismissal is remembered for the traveller and entry, a confirmation forgets it. */
  async review(trx: Transaction<Database>, hit: HitForReview, review: Review): Promise<void> {
    await trx
      .updateTable('screening_hit')
      .set({
        status: review.status,
        outcome: review.outcome,
        outcome_nationality: review.outcomeNationality,
        note: review.note,
        reviewed_by: review.reviewerId,
        reviewed_by_name: review.reviewerName,
        reviewed_at: new Date(),
      })
      .where('id', '=', hit.id)
      .execute();
    if (review.status === 'dismissed') {
      await trx
        .insertInto('screening_dismissal')
        .values({
          operation_id: hit.operationId,
          traveller_key: hit.travellerKey,
          entry_id: hit.entryId,
          dismissed_by: review.reviewerId,
          dismissed_by_name: review.reviewerName,
          hit_id: hit.id,
        })
        .onConflict((oc) => oc.columns(['operation_id', 'traveller_key', 'entry_id']).doNothing())
        .execute();
    } else {
      await trx
        .deleteFrom('screening_dismissal')
        .where('operation_id', '=', hit.operationId)
        .where('traveller_key', '=', hit.travellerKey)
        .where('entry_id', '=', hit.entryId)
        .execute();
    }
  }

  /** Agencies that recorded checks in the operation. */
  async checkingAgencies(operationId: string): Promise<{ id: string; country: string }[]> {
    return this.db
      .selectFrom('agency')
      .select(['agency.id', 'agency.country'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('screening_check as c')
            .select('c.id')
            .whereRef('c.agency_id', '=', 'agency.id')
            .where('c.operation_id', '=', operationId),
        ),
      )
      .execute();
  }

  /** Every count the statistics need, over the whole operation. */
  async counts(operationId: string): Promise<OperationCounts> {
    // One pass over the operation's checks, grouped four ways at once (grouping sets); `g` tells
    // the groupings apart: its bits are set for the columns a row is not grouped by.
    const grouped = await sql<{
      border_type: string;
      country: string;
      day: string;
      outcome: string;
      g: number;
      n: number;
      suppressed: number;
    }>`
      select border_type, country, day, outcome, grouping(border_type, country, day, outcome) as g,
        count(*)::integer as n, coalesce(sum(suppressed_count), 0)::integer as suppressed
      from (
        select coalesce(p.border_type, 'unknown') as border_type, coalesce(p.country, 'unknown') as country,
          to_char(c.checked_at at time zone 'UTC', 'YYYY-MM-DD') as day, c.outcome, c.suppressed_count
        from screening_check c left join checkpoint p on p.id = c.checkpoint_id
        where c.operation_id = ${operationId}
      ) s
      group by grouping sets ((border_type), (country), (day), (outcome), ())`.execute(this.db);
    const rowsOf = (g: number, key: 'border_type' | 'country' | 'day' | 'outcome'): KeyCount[] =>
      grouped.rows.filter((r) => Number(r.g) === g).map((r) => ({ key: r[key], count: Number(r.n) }));
    const all = grouped.rows.find((r) => Number(r.g) === 15);
    const totals = { n: all?.n ?? 0, suppressed: all?.suppressed ?? 0 };
    const byBorderType = rowsOf(7, 'border_type');
    const byCountry = rowsOf(11, 'country');
    const byDay = rowsOf(13, 'day');
    const byOutcome = rowsOf(14, 'outcome');
    const hits = this.db.selectFrom('screening_hit as h').where('h.operation_id', '=', operationId);
    const [byStatus, byKind, byHitOutcome, migrants] = await Promise.all([
      hits
        .select((eb) => ['h.status as key', eb.fn.countAll<number>().as('count')])
        .groupBy('h.status')
        .execute(),
      hits
        .select((eb) => ['h.kind as key', eb.fn.countAll<number>().as('count')])
        .groupBy('h.kind')
        .execute(),
      hits
        .where('h.status', '=', 'confirmed')
        .select((eb) => [sql<string>`coalesce(h.outcome, 'unspecified')`.as('key'), eb.fn.countAll<number>().as('count')])
        .groupBy(sql`coalesce(h.outcome, 'unspecified')`)
        .execute(),
      hits
        .where('h.status', '=', 'confirmed')
        .where('h.outcome', '=', 'migrant_identified')
        .select((eb) => [sql<string>`coalesce(h.outcome_nationality, 'unknown')`.as('key'), eb.fn.countAll<number>().as('count')])
        .groupBy(sql`coalesce(h.outcome_nationality, 'unknown')`)
        .execute(),
    ]);
    const status = new Map(byStatus.map((r) => [r.key, Number(r.count)]));
    return {
      checks: {
        total: Number(totals.n),
        suppressed: Number(totals.suppressed),
        byOutcome: ranked(byOutcome),
        byBorderType: ranked(byBorderType),
        byCountry: ranked(byCountry),
        byDay: byDay.map((r) => ({ key: r.key, count: Number(r.count) })).sort((a, b) => a.key.localeCompare(b.key)),
      },
      hits: {
        total: [...status.values()].reduce((a, b) => a + b, 0),
        pending: status.get('pending') ?? 0,
        confirmed: status.get('confirmed') ?? 0,
        dismissed: status.get('dismissed') ?? 0,
        byKind: ranked(byKind),
        byOutcome: ranked(byHitOutcome),
      },
      migrantsByNationality: ranked(migrants),
    };
  }

  #visible(db: Executor, viewer: Viewer) {
    return db
      .selectFrom('border_operation')
      .innerJoin('agency', 'agency.id', 'border_operation.owner_agency_id')
      .selectAll('border_operation')
      .select([
        'agency.name as owner_agency_name',
        'agency.country as owner_agency_country',
        sql<string | null>`to_char(border_operation.starts_on, 'YYYY-MM-DD')`.as('starts_on_text'),
        sql<string | null>`to_char(border_operation.ends_on, 'YYYY-MM-DD')`.as('ends_on_text'),
      ])
      .where(visibleTo('border_operation', viewer));
  }

  async #map(
    db: Executor,
    rows: (BorderOperationRow & {
      owner_agency_name: string;
      owner_agency_country: string;
      starts_on_text: string | null;
      ends_on_text: string | null;
    })[],
  ): Promise<BorderOperation[]> {
    const ids = rows.map((r) => r.id);
    const checkpoints = new Map<string, Checkpoint[]>();
    const participants = new Map<string, Participant[]>();
    if (ids.length > 0) {
      const cps = await db
        .selectFrom('checkpoint')
        .selectAll()
        .where('operation_id', 'in', ids)
        .orderBy('country')
        .orderBy('name')
        .execute();
      for (const cp of cps) checkpoints.set(cp.operation_id, [...(checkpoints.get(cp.operation_id) ?? []), toCheckpoint(cp)]);
      const shared = await db
        .selectFrom('record_share')
        .innerJoin('agency', 'agency.id', 'record_share.agency_id')
        .select(['record_share.record_id', 'agency.id', 'agency.name', 'agency.country'])
        .where('record_share.record_type', '=', 'border_operation')
        .where('record_share.record_id', 'in', ids)
        .orderBy('agency.name')
        .execute();
      for (const p of shared)
        participants.set(p.record_id, [...(participants.get(p.record_id) ?? []), { id: p.id, name: p.name, country: p.country }]);
    }
    return mapWithShares(db, 'border_operation', rows, (row, sharedWith) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      startsOn: row.starts_on_text,
      endsOn: row.ends_on_text,
      status: row.status as OperationStatus,
      ownerAgencyId: row.owner_agency_id,
      ownerAgencyName: row.owner_agency_name,
      ownerAgencyCountry: row.owner_agency_country,
      visibility: row.visibility as Visibility,
      sharedWith,
      participants: row.visibility === 'shared' ? (participants.get(row.id) ?? []) : [],
      checkpoints: checkpoints.get(row.id) ?? [],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return { id: row.id, name: row.name, borderType: row.border_type as BorderType, place: row.place, country: row.country };
}

function checkpointRef(row: {
  checkpoint_id: string | null;
  checkpoint_name: string | null;
  border_type: string | null;
  checkpoint_country: string | null;
}): CheckpointRef | null {
  if (row.checkpoint_id === null) return null;
  return {
    id: row.checkpoint_id,
    name: row.checkpoint_name ?? '',
    borderType: row.border_type as BorderType,
    country: row.checkpoint_country ?? '',
  };
}

/** Counts, largest first, then by key. */
function ranked(rows: readonly { key: string; count: number | string | bigint }[]): KeyCount[] {
  return rows.map((r) => ({ key: r.key, count: Number(r.count) })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** A stored birth date (`YYYY-MM-DD` text, a partial date `{year, month?, day?}` or a range) as text. */
export function formatBirthDate(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const point = (p: { year?: number; month?: number; day?: number }): string =>
    [String(p.year ?? '?'), ...(p.month !== undefined ? [pad(p.month)] : []), ...(p.day !== undefined ? [pad(p.day)] : [])].join('-');
  if ('from' in value && 'to' in value) {
    const range = value as { from: { year?: number }; to: { year?: number } };
    return `${point(range.from)}..${point(range.to)}`;
  }
  return point(value);
}
