/** SQL for seized media, ingest jobs, their items and the occurrences of media they found. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { visibleTo, type Viewer } from '../platform/access/visibility.js';
import type { Visibility } from '../platform/access/roles.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import type { Database, IngestJobRow, MediaFileRow } from '../platform/database/schema.js';
import type { ExifClues } from './metadata.js';
import type { VpdqFrame } from './vpdq.js';
import type { EntryMatch } from './match.service.js';

export type Triage = 'known' | 'ignorable' | 'new' | 'error';

export interface MediaFile {
  id: string;
  ownerAgencyId: string;
  visibility: Visibility;
  caseId: string | null;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  mediaType: string;
  kind: string;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  codec: string | null;
  pdq: string | null;
  pdqQuality: number | null;
  /** The 7 other dihedral PDQs, for re-matching rotated and flipped copies. */
  pdqVariants: string[] | null;
  exif: ExifClues | null;
  /** Videos: the vPDQ frames (one a second). */
  vpdq: VpdqFrame[] | null;
  triage: Triage;
  matches: EntryMatch[];
  stackId: string | null;
  stored: boolean;
  error: string | null;
  createdAt: Date;
}

export type NewMediaFile = Omit<MediaFile, 'createdAt'>;

export interface IngestJob {
  id: string;
  ownerAgencyId: string;
  caseId: string | null;
  source: string;
  hashOnly: boolean;
  status: 'running' | 'completed' | 'failed';
  totalItems: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface IngestCounts {
  /** Items (top-level files and archives) done, of `totalItems`. */
  itemsDone: number;
  /** Files found, archive members included. */
  files: number;
  known: number;
  ignorable: number;
  new: number;
  error: number;
  /** Distinct media among them. */
  distinct: number;
  /** Stacks of near-duplicates with more than one member. */
  stacks: number;
}

type Executor = Kysely<Database> | Transaction<Database>;

export interface MediaFilter {
  caseId?: string;
  triage?: Triage;
  ingestId?: string;
  limit: number;
  /** Paging: media created before this id's row (newest first). */
  before?: string;
}

export class MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findVisible(viewer: Viewer, id: string): Promise<MediaFile | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('media_file')
      .selectAll()
      .where('id', '=', id)
      .where(visibleTo('media_file', viewer))
      .executeTakeFirst();
    return row && toMedia(row);
  }

  async listVisible(viewer: Viewer, filter: MediaFilter): Promise<MediaFile[]> {
    let query = this.db.selectFrom('media_file').selectAll('media_file').where(visibleTo('media_file', viewer));
    if (filter.caseId !== undefined) query = query.where('media_file.case_id', '=', filter.caseId);
    if (filter.triage !== undefined) query = query.where('media_file.triage', '=', filter.triage);
    if (filter.ingestId !== undefined) {
      const ingestId = filter.ingestId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('media_occurrence as o')
            .select('o.media_id')
            .whereRef('o.media_id', '=', 'media_file.id')
            .where('o.ingest_id', '=', ingestId),
        ),
      );
    }
    if (filter.before !== undefined && isUuid(filter.before)) {
      const before = filter.before;
      query = query.where((eb) =>
        eb(
          eb.tuple(eb.ref('media_file.created_at'), eb.ref('media_file.id')),
          '<',
          eb.tuple(eb.selectFrom('media_file as b').select('b.created_at').where('b.id', '=', before), eb.val(before)),
        ),
      );
    }
    const rows = await query.orderBy('media_file.created_at', 'desc').orderBy('media_file.id', 'desc').limit(filter.limit).execute();
    return rows.map(toMedia);
  }

  /** The agency's media among these SHA-256s, by SHA-256. */
  async findManyBySha256(db: Executor, ownerAgencyId: string, sha256s: readonly string[]): Promise<Map<string, MediaFile>> {
    if (sha256s.length === 0) return new Map();
    const rows = await db
      .selectFrom('media_file')
      .selectAll()
      .where('owner_agency_id', '=', ownerAgencyId)
      .where('sha256', 'in', [...new Set(sha256s)])
      .execute();
    return new Map(rows.map((row) => [row.sha256, toMedia(row)]));
  }

  /**
   * Inserts or refreshes media rows (triage and matches follow the latest look; content once
   * stored stays stored); returns each row's id by SHA-256.
   */
  async upsertMany(trx: Transaction<Database>, media: readonly NewMediaFile[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let start = 0; start < media.length; start += 500) {
      const rows = await trx
        .insertInto('media_file')
        .values(media.slice(start, start + 500).map(toRow))
        .onConflict((oc) =>
          oc.columns(['owner_agency_id', 'sha256']).doUpdateSet((eb) => ({
            triage: eb.ref('excluded.triage'),
            matches: eb.ref('excluded.matches'),
            stored: sql<boolean>`media_file.stored or excluded.stored`,
          })),
        )
        .returning(['id', 'sha256'])
        .execute();
      for (const row of rows) ids.set(row.sha256, row.id);
    }
    return ids;
  }

  async addOccurrences(
    trx: Transaction<Database>,
    ingestId: string,
    occurrences: readonly { path: string; mediaId: string | null; triage: Triage; error: string | null }[],
  ): Promise<void> {
    for (let start = 0; start < occurrences.length; start += 1000) {
      await trx
        .insertInto('media_occurrence')
        .values(
          occurrences
            .slice(start, start + 1000)
            .map((o) => ({ ingest_id: ingestId, path: o.path, media_id: o.mediaId, triage: o.triage, error: o.error })),
        )
        .onConflict((oc) =>
          oc.columns(['ingest_id', 'path']).doUpdateSet((eb) => ({
            media_id: eb.ref('excluded.media_id'),
            triage: eb.ref('excluded.triage'),
            error: eb.ref('excluded.error'),
          })),
        )
        .execute();
    }
  }

  // ---- ingest jobs ----

  async findRunningJob(ownerAgencyId: string, resumeKey: string): Promise<IngestJob | undefined> {
    const row = await this.db
      .selectFrom('ingest_job')
      .selectAll()
      .where('owner_agency_id', '=', ownerAgencyId)
      .where('resume_key', '=', resumeKey)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return row && toJob(row);
  }

  async findJobVisible(viewer: Viewer, id: string): Promise<IngestJob | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('ingest_job')
      .selectAll()
      .where('id', '=', id)
      .where(visibleTo('ingest_job', viewer))
      .executeTakeFirst();
    return row && toJob(row);
  }

  async listJobsVisible(viewer: Viewer, limit: number): Promise<IngestJob[]> {
    const rows = await this.db
      .selectFrom('ingest_job')
      .selectAll()
      .where(visibleTo('ingest_job', viewer))
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  async createJob(
    trx: Transaction<Database>,
    job: { ownerAgencyId: string; caseId: string | null; resumeKey: string; source: string; hashOnly: boolean; createdBy: string | null },
    paths: readonly string[],
  ): Promise<IngestJob> {
    const row = await trx
      .insertInto('ingest_job')
      .values({
        owner_agency_id: job.ownerAgencyId,
        visibility: 'agency',
        case_id: job.caseId,
        resume_key: job.resumeKey,
        source: job.source,
        hash_only: job.hashOnly,
        status: 'running',
        total_items: paths.length,
        created_by: job.createdBy,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (let start = 0; start < paths.length; start += 1000) {
      await trx
        .insertInto('ingest_item')
        .values(paths.slice(start, start + 1000).map((path, i) => ({ ingest_id: row.id, seq: start + i, path, status: 'pending' })))
        .execute();
    }
    return toJob(row);
  }

  async pendingItems(ingestId: string): Promise<{ seq: number; path: string }[]> {
    return this.db
      .selectFrom('ingest_item')
      .select(['seq', 'path'])
      .where('ingest_id', '=', ingestId)
      .where('status', '=', 'pending')
      .orderBy('seq')
      .execute();
  }

  async markItemsDone(trx: Transaction<Database>, ingestId: string, seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    await trx
      .updateTable('ingest_item')
      .set({ status: 'done' })
      .where('ingest_id', '=', ingestId)
      .where('seq', 'in', [...seqs])
      .execute();
    await trx.updateTable('ingest_job').set({ updated_at: new Date() }).where('id', '=', ingestId).execute();
  }

  async finishJob(ingestId: string, status: 'completed' | 'failed'): Promise<IngestJob> {
    const now = new Date();
    const row = await this.db
      .updateTable('ingest_job')
      .set({ status, finished_at: now, updated_at: now })
      .where('id', '=', ingestId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(row);
  }

  /** Counted from the rows themselves, so a resumed ingest never counts a file twice. */
  async counts(ingestId: string): Promise<IngestCounts> {
    const items = await this.db
      .selectFrom('ingest_item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ingest_id', '=', ingestId)
      .where('status', '=', 'done')
      .executeTakeFirstOrThrow();
    const byTriage = await this.db
      .selectFrom('media_occurrence')
      .select(['triage', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('media_id').distinct().as('distinct')])
      .where('ingest_id', '=', ingestId)
      .groupBy('triage')
      .execute();
    const stacks = await this.db
      .selectFrom('media_file')
      .select((eb) => eb.fn.count<number>('media_file.stack_id').distinct().as('n'))
      .where('media_file.stack_id', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('media_occurrence as o')
            .select('o.media_id')
            .whereRef('o.media_id', '=', 'media_file.id')
            .where('o.ingest_id', '=', ingestId),
        ),
      )
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('media_file as m2')
            .select('m2.id')
            .whereRef('m2.stack_id', '=', 'media_file.stack_id')
            .whereRef('m2.id', '!=', 'media_file.id'),
        ),
      )
      .executeTakeFirstOrThrow();
    const count = (triage: Triage): number => Number(byTriage.find((r) => r.triage === triage)?.n ?? 0);
    return {
      itemsDone: Number(items.n),
      files: byTriage.reduce((sum, r) => sum + Number(r.n), 0),
      known: count('known'),
      ignorable: count('ignorable'),
      new: count('new'),
      error: count('error'),
      distinct: byTriage.reduce((sum, r) => sum + Number(r.distinct), 0),
      stacks: Number(stacks.n),
    };
  }

  /** Visible videos with their vPDQ, a page at a time (by id), for video-to-video matching. */
  async visibleVideos(
    viewer: Viewer,
    afterId: string | undefined,
    limit: number,
  ): Promise<{ id: string; caseId: string | null; ownerAgencyId: string; vpdq: VpdqFrame[] }[]> {
    let query = this.db
      .selectFrom('media_file')
      .select(['id', 'case_id', 'owner_agency_id', 'vpdq'])
      .where('vpdq', 'is not', null)
      .where(visibleTo('media_file', viewer));
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, caseId: r.case_id, ownerAgencyId: r.owner_agency_id, vpdq: r.vpdq as VpdqFrame[] }));
  }

  /** An agency's own media (optionally of one case), a page at a time by id, for re-matching. */
  async ownedPage(ownerAgencyId: string, caseId: string | undefined, afterId: string | undefined, limit: number): Promise<MediaFile[]> {
    let query = this.db.selectFrom('media_file').selectAll().where('owner_agency_id', '=', ownerAgencyId);
    if (caseId !== undefined) query = query.where('case_id', '=', caseId);
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(toMedia);
  }

  async updateTriage(trx: Transaction<Database>, updates: readonly { id: string; triage: Triage; matches: EntryMatch[] }[]): Promise<void> {
    for (const update of updates) {
      await trx
        .updateTable('media_file')
        .set({ triage: update.triage, matches: JSON.stringify(update.matches) })
        .where('id', '=', update.id)
        .execute();
    }
  }

  /** What an ingest found, path by path. */
  async occurrences(ingestId: string): Promise<{ path: string; mediaId: string | null; triage: Triage; error: string | null }[]> {
    const rows = await this.db.selectFrom('media_occurrence').selectAll().where('ingest_id', '=', ingestId).orderBy('path').execute();
    return rows.map((r) => ({ path: r.path, mediaId: r.media_id, triage: r.triage as Triage, error: r.error }));
  }

  /** PDQ hashes of the media this ingest has found so far (to rebuild its near-duplicate index on resume). */
  async ingestPdq(ingestId: string): Promise<{ id: string; pdq: string; stackId: string | null }[]> {
    const rows = await this.db
      .selectFrom('media_file')
      .select(['media_file.id', 'media_file.pdq', 'media_file.stack_id'])
      .where('media_file.pdq', 'is not', null)
      .where('media_file.pdq_quality', '>=', 50)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('media_occurrence as o')
            .select('o.media_id')
            .whereRef('o.media_id', '=', 'media_file.id')
            .where('o.ingest_id', '=', ingestId),
        ),
      )
      .execute();
    return rows.map((r) => ({ id: r.id, pdq: r.pdq!, stackId: r.stack_id }));
  }
}

function toRow(media: NewMediaFile) {
  return {
    id: media.id,
    owner_agency_id: media.ownerAgencyId,
    visibility: media.visibility,
    case_id: media.caseId,
    sha256: media.sha256,
    sha1: media.sha1,
    md5: media.md5,
    size: media.size,
    media_type: media.mediaType,
    kind: media.kind,
    width: media.width,
    height: media.height,
    duration_seconds: media.durationSeconds,
    codec: media.codec,
    pdq: media.pdq,
    pdq_quality: media.pdqQuality,
    pdq_variants: media.pdqVariants === null ? null : JSON.stringify(media.pdqVariants),
    exif: media.exif === null ? null : JSON.stringify(media.exif),
    vpdq: media.vpdq === null ? null : JSON.stringify(media.vpdq),
    triage: media.triage,
    matches: JSON.stringify(media.matches),
    stack_id: media.stackId,
    stored: media.stored,
    error: media.error,
  };
}

function toMedia(row: MediaFileRow): MediaFile {
  return {
    id: row.id,
    ownerAgencyId: row.owner_agency_id,
    visibility: row.visibility as Visibility,
    caseId: row.case_id,
    sha256: row.sha256,
    sha1: row.sha1,
    md5: row.md5,
    size: Number(row.size),
    mediaType: row.media_type,
    kind: row.kind,
    width: row.width,
    height: row.height,
    durationSeconds: row.duration_seconds,
    codec: row.codec,
    pdq: row.pdq,
    pdqQuality: row.pdq_quality,
    pdqVariants: (row.pdq_variants as string[] | null) ?? null,
    exif: (row.exif as ExifClues | null) ?? null,
    vpdq: (row.vpdq as VpdqFrame[] | null) ?? null,
    triage: row.triage as Triage,
    matches: (row.matches as EntryMatch[] | null) ?? [],
    stackId: row.stack_id,
    stored: row.stored,
    error: row.error,
    createdAt: row.created_at,
  };
}

function toJob(row: IngestJobRow): IngestJob {
  return {
    id: row.id,
    ownerAgencyId: row.owner_agency_id,
    caseId: row.case_id,
    source: row.source,
    hashOnly: row.hash_only,
    status: row.status as IngestJob['status'],
    totalItems: row.total_items,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
