/** SQL for hash sets and their entries. Sets are read only through `visibleTo`. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { mapWithShares, replaceShares, visibleTo, type Viewer } from '../../platform/access/visibility.js';
import type { Visibility } from '../../platform/access/roles.js';
import { isUuid } from '../../platform/agencies/agency.repository.js';
import type { Database, HashSetEntryRow, HashSetRow, NewHashSetEntryRow } from '../../platform/database/schema.js';
import type { CategoryScheme, HashSetEntry } from './formats/entry.js';

/** `known`: known material (a match makes a file known); `ignorable`: stock images, system files. */
export type HashSetPurpose = 'known' | 'ignorable';

export interface HashSet {
  id: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  visibility: Visibility;
  sharedWith: string[];
  name: string;
  purpose: HashSetPurpose;
  description: string;
  entryCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored entry: the exchange fields plus where it lives. */
export interface StoredEntry extends HashSetEntry {
  id: number;
  hashSetId: string;
}

export interface NewHashSet {
  ownerAgencyId: string;
  visibility: Visibility;
  sharedWith: string[];
  name: string;
  purpose: HashSetPurpose;
  description: string;
  createdBy: string | null;
}

type Executor = Kysely<Database> | Transaction<Database>;

/** Hash kinds that can be looked up exactly. */
export type ExactKind = 'md5' | 'sha1' | 'sha256';

export class HashSetRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listVisible(viewer: Viewer): Promise<HashSet[]> {
    const rows = await this.#visible(this.db, viewer).orderBy('hash_set.name').execute();
    return this.#withShares(this.db, rows);
  }

  async findVisible(viewer: Viewer, id: string, db: Executor = this.db): Promise<HashSet | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(db, viewer).where('hash_set.id', '=', id).executeTakeFirst();
    return row && (await this.#withShares(db, [row]))[0];
  }

  async findByName(ownerAgencyId: string, name: string): Promise<HashSetRow | undefined> {
    return this.db
      .selectFrom('hash_set')
      .selectAll()
      .where('owner_agency_id', '=', ownerAgencyId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  async insert(trx: Transaction<Database>, input: NewHashSet): Promise<string> {
    const { id } = await trx
      .insertInto('hash_set')
      .values({
        owner_agency_id: input.ownerAgencyId,
        visibility: input.visibility,
        name: input.name,
        purpose: input.purpose,
        description: input.description,
        created_by: input.createdBy,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceShares(trx, 'hash_set', id, input.visibility, input.sharedWith);
    return id;
  }

  async update(
    trx: Transaction<Database>,
    current: HashSet,
    changes: Partial<Pick<NewHashSet, 'name' | 'purpose' | 'description' | 'visibility' | 'sharedWith'>>,
  ): Promise<void> {
    await trx
      .updateTable('hash_set')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.purpose !== undefined && { purpose: changes.purpose }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.visibility !== undefined && { visibility: changes.visibility }),
        updated_at: new Date(),
      })
      .where('id', '=', current.id)
      .execute();
    if (changes.visibility !== undefined || changes.sharedWith !== undefined) {
      await replaceShares(trx, 'hash_set', current.id, changes.visibility ?? current.visibility, changes.sharedWith ?? current.sharedWith);
    }
  }

  async delete(trx: Transaction<Database>, id: string): Promise<void> {
    await trx.deleteFrom('record_share').where('record_type', '=', 'hash_set').where('record_id', '=', id).execute();
    await trx.deleteFrom('hash_set').where('id', '=', id).execute();
  }

  /** Inserts entries in batches; returns the new ids in order. */
  async insertEntries(trx: Transaction<Database>, hashSetId: string, entries: readonly HashSetEntry[]): Promise<number[]> {
    const ids: number[] = [];
    for (let start = 0; start < entries.length; start += 1000) {
      const batch = entries.slice(start, start + 1000).map((entry) => toRow(hashSetId, entry));
      const rows = await trx.insertInto('hash_set_entry').values(batch).returning('id').execute();
      ids.push(...rows.map((r) => Number(r.id)));
    }
    await trx.updateTable('hash_set').set({ updated_at: new Date() }).where('id', '=', hashSetId).execute();
    return ids;
  }

  /**
   * The entries among `entries` that the set already holds: same MD5, SHA-1 or SHA-256, or, for
   * entries with none of those, the same PDQ. Returned as indexes into `entries`.
   */
  async duplicates(trx: Transaction<Database>, hashSetId: string, entries: readonly HashSetEntry[]): Promise<Set<number>> {
    const present = new Set<string>();
    for (const kind of ['md5', 'sha1', 'sha256', 'pdq'] as const) {
      const values = [...new Set(entries.map((e) => e[kind]).filter((v): v is string => v !== undefined))];
      for (let start = 0; start < values.length; start += 5000) {
        const rows = await trx
          .selectFrom('hash_set_entry')
          .select(kind)
          .where('hash_set_id', '=', hashSetId)
          .where(kind, 'in', values.slice(start, start + 5000))
          .execute();
        for (const row of rows) present.add(`${kind}:${row[kind]}`);
      }
    }
    const found = new Set<number>();
    entries.forEach((entry, index) => {
      const crypto = (['md5', 'sha1', 'sha256'] as const).filter((kind) => entry[kind] !== undefined);
      const keys = crypto.length > 0 ? crypto.map((kind) => `${kind}:${entry[kind]}`) : entry.pdq !== undefined ? [`pdq:${entry.pdq}`] : [];
      if (keys.some((key) => present.has(key))) found.add(index);
    });
    return found;
  }

  /** Entries of one set, in insertion order, paged by id. */
  async entries(hashSetId: string, afterId: number, limit: number): Promise<StoredEntry[]> {
    const rows = await this.db
      .selectFrom('hash_set_entry')
      .selectAll()
      .where('hash_set_id', '=', hashSetId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  /** Ids and PDQ hashes of every entry (for the match index). */
  async *allPdq(batch = 100_000): AsyncGenerator<{ id: number; pdq: string }[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('hash_set_entry')
        .select(['id', 'pdq'])
        .where('pdq', 'is not', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(batch)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({ id: Number(r.id), pdq: r.pdq! }));
      after = Number(rows.at(-1)!.id);
    }
  }

  /**
   * Visible entries with any of these exact hashes (MD5, SHA-1 or SHA-256), with their set: one
   * query for all three kinds, each on its own index.
   */
  async findExact(
    viewer: Viewer,
    values: { readonly [kind in ExactKind]?: readonly string[] },
  ): Promise<(StoredEntry & { set: HashSetRef })[]> {
    const kinds = (['md5', 'sha1', 'sha256'] as const).filter((kind) => (values[kind]?.length ?? 0) > 0);
    if (kinds.length === 0) return [];
    const rows = await this.#visibleEntries(viewer)
      .where((eb) => eb.or(kinds.map((kind) => eb(`hash_set_entry.${kind}`, 'in', [...new Set(values[kind])]))))
      .execute();
    return rows.map(toEntryWithSet);
  }

  /** Visible entries among these ids, with their set. */
  async findVisibleEntries(viewer: Viewer, ids: readonly number[]): Promise<(StoredEntry & { set: HashSetRef })[]> {
    if (ids.length === 0) return [];
    const rows = await this.#visibleEntries(viewer)
      .where('hash_set_entry.id', 'in', [...new Set(ids)])
      .execute();
    return rows.map(toEntryWithSet);
  }

  /** The change counter of PDQ entries, shared by every process on this database. */
  async pdqVersion(db: Executor = this.db): Promise<number> {
    const row = await db.selectFrom('vigil_meta').select('value').where('key', '=', 'hash_set_pdq_version').executeTakeFirst();
    return Number(row?.value ?? 0);
  }

  async bumpPdqVersion(trx: Transaction<Database>): Promise<number> {
    const row = await trx
      .updateTable('vigil_meta')
      .set({ value: sql<string>`(value::bigint + 1)::text` })
      .where('key', '=', 'hash_set_pdq_version')
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  async pdqEntryIds(trx: Transaction<Database>, hashSetId: string): Promise<{ id: number; pdq: string }[]> {
    const rows = await trx
      .selectFrom('hash_set_entry')
      .select(['id', 'pdq'])
      .where('hash_set_id', '=', hashSetId)
      .where('pdq', 'is not', null)
      .execute();
    return rows.map((r) => ({ id: Number(r.id), pdq: r.pdq! }));
  }

  #visibleEntries(viewer: Viewer) {
    return this.db
      .selectFrom('hash_set_entry')
      .innerJoin('hash_set', 'hash_set.id', 'hash_set_entry.hash_set_id')
      .selectAll('hash_set_entry')
      .select(['hash_set.name as set_name', 'hash_set.purpose as set_purpose', 'hash_set.owner_agency_id as set_owner'])
      .where(visibleTo('hash_set', viewer));
  }

  #visible(db: Executor, viewer: Viewer) {
    return db
      .selectFrom('hash_set')
      .innerJoin('agency', 'agency.id', 'hash_set.owner_agency_id')
      .selectAll('hash_set')
      .select('agency.name as owner_agency_name')
      .select((eb) =>
        eb
          .selectFrom('hash_set_entry')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('hash_set_entry.hash_set_id', '=', 'hash_set.id')
          .as('entry_count'),
      )
      .where(visibleTo('hash_set', viewer));
  }

  async #withShares(db: Executor, rows: (HashSetRow & { owner_agency_name: string; entry_count: number | null })[]): Promise<HashSet[]> {
    return mapWithShares(db, 'hash_set', rows, (row, sharedWith) => ({
      id: row.id,
      ownerAgencyId: row.owner_agency_id,
      ownerAgencyName: row.owner_agency_name,
      visibility: row.visibility as Visibility,
      sharedWith,
      name: row.name,
      purpose: row.purpose as HashSetPurpose,
      description: row.description,
      entryCount: Number(row.entry_count ?? 0),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}

/** The set an entry belongs to, as a match reports it. */
export interface HashSetRef {
  id: string;
  name: string;
  purpose: HashSetPurpose;
  ownerAgencyId: string;
}

function toRow(hashSetId: string, e: HashSetEntry): NewHashSetEntryRow {
  return {
    hash_set_id: hashSetId,
    md5: e.md5 ?? null,
    sha1: e.sha1 ?? null,
    sha256: e.sha256 ?? null,
    pdq: e.pdq ?? null,
    pdq_quality: e.pdqQuality ?? null,
    photo_dna: e.photoDna ?? null,
    category_scheme: e.category?.scheme ?? null,
    category_code: e.category?.code ?? null,
    baseline: e.baseline ?? null,
    series_name: e.seriesName ?? null,
    victim_identified: e.victimIdentified ?? null,
    offender_identified: e.offenderIdentified ?? null,
    distributed: e.distributed ?? null,
    submissions: e.submissions ?? null,
    notes: e.notes ?? null,
    external_id: e.externalId ?? null,
    media_type: e.mediaType ?? null,
    file_name: e.fileName ?? null,
  };
}

function toEntry(row: HashSetEntryRow): StoredEntry {
  const fields: HashSetEntry = {};
  const set = <K extends keyof HashSetEntry>(key: K, value: HashSetEntry[K] | null): void => {
    if (value !== null && value !== undefined) fields[key] = value;
  };
  set('md5', row.md5);
  set('sha1', row.sha1);
  set('sha256', row.sha256);
  set('pdq', row.pdq);
  set('pdqQuality', row.pdq_quality);
  set('photoDna', row.photo_dna);
  if (row.category_scheme !== null && row.category_code !== null)
    fields.category = { scheme: row.category_scheme as CategoryScheme, code: row.category_code };
  set('baseline', row.baseline);
  set('seriesName', row.series_name);
  set('victimIdentified', row.victim_identified);
  set('offenderIdentified', row.offender_identified);
  set('distributed', row.distributed);
  set('submissions', row.submissions);
  set('notes', row.notes);
  set('externalId', row.external_id);
  set('mediaType', row.media_type);
  set('fileName', row.file_name);
  return { id: Number(row.id), hashSetId: row.hash_set_id, ...fields };
}

function toEntryWithSet(
  row: HashSetEntryRow & { set_name: string; set_purpose: string; set_owner: string },
): StoredEntry & { set: HashSetRef } {
  return {
    ...toEntry(row),
    set: { id: row.hash_set_id, name: row.set_name, purpose: row.set_purpose as HashSetPurpose, ownerAgencyId: row.set_owner },
  };
}
