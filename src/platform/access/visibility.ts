/**
 * The one place where record visibility is decided. Every table of agency-owned records has
 * `id`, `owner_agency_id` and `visibility`; repositories read such tables only through
 * `visibleTo`, so no query can forget the rule, and a record the viewer may not see is simply
 * absent (the HTTP layer then answers 404, as for a record that does not exist).
 */
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../database/schema.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { hasAnyRole, type Actor } from './actor.js';
import type { Role, Visibility } from './roles.js';

/** Tables that hold agency-owned records. */
export type OwnedTable =
  'case_file' | 'hash_set' | 'media_file' | 'ingest_job' | 'watchlist' | 'border_operation' | 'notice' | 'tip' | 'darkweb_site' | 'person';

/** Which roles may read and change one kind of owned record. */
export interface RecordPolicy {
  readonly table: OwnedTable;
  /** Human name used in messages: "Case". */
  readonly label: string;
  readonly readRoles: readonly Role[];
  readonly changeRoles: readonly Role[];
}

/** Who is looking: one agency, or the local operator who sees everything. */
export type Viewer = { readonly agencyId: string } | 'all';

export function viewerOf(actor: Actor): Viewer {
  if (actor.type === 'system') return 'all';
  if (actor.agencyId === null) throw new AppError('unauthenticated', 'Sign in first');
  return { agencyId: actor.agencyId };
}

/** SQL condition: the row of `table` is visible to `viewer`. */
export function visibleTo(table: OwnedTable, viewer: Viewer): RawBuilder<SqlBool> {
  if (viewer === 'all') return sql<SqlBool>`true`;
  const owner = sql.ref(`${table}.owner_agency_id`);
  const visibility = sql.ref(`${table}.visibility`);
  const id = sql.ref(`${table}.id`);
  return sql<SqlBool>`(${owner} = ${viewer.agencyId}
    or ${visibility} in ('network', 'public')
    or (${visibility} = 'shared' and exists (
      select 1 from record_share s
      where s.record_type = ${table} and s.record_id = ${id} and s.agency_id = ${viewer.agencyId})))`;
}

/** Throws `forbidden` unless the actor's roles allow reading this kind of record at all. */
export function assertMayRead(actor: Actor, policy: RecordPolicy): void {
  if (!hasAnyRole(actor, policy.readRoles)) throw forbidden(`Your roles do not allow reading ${policy.label.toLowerCase()}s`);
}

/** Throws `forbidden` unless the actor's roles allow changing this kind of record at all. */
export function assertMayChange(actor: Actor, policy: RecordPolicy): void {
  if (!hasAnyRole(actor, policy.changeRoles)) throw forbidden(`Your roles do not allow changing ${policy.label.toLowerCase()}s`);
}

/** Throws `forbidden` unless the record belongs to the actor's agency: others may only read it. */
export function assertOwner(actor: Actor, policy: RecordPolicy, ownerAgencyId: string): void {
  if (actor.type !== 'system' && actor.agencyId !== ownerAgencyId) {
    throw forbidden(`Only the owning agency may change this ${policy.label.toLowerCase()}`);
  }
}

/** Returns the row or throws `not_found`, the same for a missing and an invisible record. */
export function orNotFound<T>(row: T | undefined, policy: RecordPolicy): T {
  if (row === undefined) throw notFound(policy.label);
  return row;
}

type Executor = Kysely<Database> | Transaction<Database>;

/** Agencies a record is shared with (meaningful for visibility `shared`). */
export async function listShares(db: Executor, table: OwnedTable, recordIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (recordIds.length === 0) return result;
  const rows = await db
    .selectFrom('record_share')
    .select(['record_id', 'agency_id'])
    .where('record_type', '=', table)
    .where('record_id', 'in', recordIds)
    .orderBy('agency_id')
    .execute();
  for (const row of rows) result.set(row.record_id, [...(result.get(row.record_id) ?? []), row.agency_id]);
  return result;
}

/** Maps rows of an owned table to domain objects, with the agencies each `shared` row is shared with. */
export async function mapWithShares<R extends { id: string; visibility: string }, T>(
  db: Executor,
  table: OwnedTable,
  rows: readonly R[],
  map: (row: R, sharedWith: string[]) => T,
): Promise<T[]> {
  const shares = await listShares(
    db,
    table,
    rows.filter((r) => r.visibility === 'shared').map((r) => r.id),
  );
  return rows.map((row) => map(row, shares.get(row.id) ?? []));
}

/** Replaces the share list of one record; other visibilities keep no shares. */
export async function replaceShares(
  db: Executor,
  table: OwnedTable,
  recordId: string,
  visibility: Visibility,
  agencyIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('record_share').where('record_type', '=', table).where('record_id', '=', recordId).execute();
  const unique = visibility === 'shared' ? [...new Set(agencyIds)] : [];
  if (unique.length === 0) return;
  await db
    .insertInto('record_share')
    .values(unique.map((agencyId) => ({ record_type: table, record_id: recordId, agency_id: agencyId })))
    .execute();
}
