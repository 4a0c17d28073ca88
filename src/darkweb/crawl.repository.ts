/**
 * SQL of crawling: visits, the durable frontier (claimed with FOR UPDATE SKIP LOCKED so several
 * workers share one visit), captured pages and media, accounts, and the custody chain. The
 * crawler writes each batch of results in one transaction, so a result is either fully recorded
 * (page, frontier state, new links, accounts, custody) or not at all and fetched again.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { VpdqFrame } from '../media/vpdq.js';
import type { Database } from '../platform/database/schema.js';
import { appendCustody, type CustodyEntry, type StoredCustodyEntry } from './capture/custody.js';
import type { DarkwebVisitTable, VisitOutcome, VisitStatus } from './darkweb.schema.js';

type Executor = Kysely<Database> | Transaction<Database>;
type VisitRow = Selectable<DarkwebVisitTable>;

export interface Visit {
  id: string;
  siteId: string;
  status: VisitStatus;
  outcome: VisitOutcome | null;
  failureClass: string | null;
  pagesFetched: number;
  pagesFailed: number;
  challenges: number;
  mediaSeen: number;
  mediaKnown: number;
  mediaNew: number;
  bytes: number;
  /** Mean response time of the pages fetched, in milliseconds. */
  meanResponseMs: number | null;
  memberCount: number | null;
  contentFingerprint: string | null;
  contentChanged: boolean | null;
  startedBy: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface FrontierItem {
  id: number;
  url: string;
  kind: 'page' | 'media';
  depth: number;
  referrer: string | null;
  attempts: number;
}

export interface NewFrontierItem {
  url: string;
  kind: 'page' | 'media';
  depth: number;
  referrer: string | null;
}

export interface PageCapture {
  url: string;
  statusCode: number;
  pageKind: string;
  title: string | null;
  language: string | null;
  text: string;
  contentFingerprint: string | null;
  links: number;
  media: number;
  memberCount: number | null;
  posts: PagePost[];
  responseMs: number;
  bytes: number;
  warcFile: string;
  warcRecordId: string;
  warcOffset: number;
  payloadDigest: string;
  fetchedAt: Date;
}

/** A post read from a page by the site's rules. */
export interface PagePost {
  author: string | null;
  /** ISO 8601 when the page's time could be read. */
  time: string | null;
  timeText: string | null;
  text: string;
}

export interface MediaCapture {
  url: string;
  pageUrl: string | null;
  kind: 'image' | 'video' | 'other';
  bytes: number;
  md5: string;
  sha1: string;
  sha256: string;
  pdq: string | null;
  pdqQuality: number | null;
  /** A video's vPDQ frames and duration; null for images and for videos ffmpeg could not read. */
  video: { frames: VpdqFrame[]; durationSeconds: number } | null;
  triage: 'known' | 'ignorable' | 'new' | 'unreadable';
  matches: unknown[];
  keptPath: string | null;
  warcFile: string;
  warcRecordId: string;
  warcOffset: number;
  fetchedAt: Date;
}

export interface AccountSighting {
  kind: string;
  value: string;
  url: string;
}

/** One batch of results, written in one transaction. */
export interface CrawlBatch {
  done: { id: number }[];
  failed: { id: number; error: string; retry: boolean }[];
  pages: PageCapture[];
  media: MediaCapture[];
  discovered: NewFrontierItem[];
  accounts: AccountSighting[];
  custody: Omit<CustodyEntry, 'seq'>[];
  counters: {
    pagesFetched: number;
    pagesFailed: number;
    challenges: number;
    mediaSeen: number;
    mediaKnown: number;
    mediaNew: number;
    bytes: number;
    responseMs: number;
  };
  memberCount: number | null;
}

export class CrawlRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // --- Visits ------------------------------------------------------------------------------------

  /** Queues a visit unless one is already open for the site; returns the open one either way. */
  async openVisit(siteId: string, startedBy: string | null, seeds: readonly string[]): Promise<{ visit: Visit; created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      // Serialise openers of one site on its row.
      await trx.selectFrom('darkweb_site').select('id').where('id', '=', siteId).forUpdate().executeTakeFirstOrThrow();
      const open = await trx
        .selectFrom('darkweb_visit')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (open !== undefined) return { visit: toVisit(open), created: false };
      const row = await trx
        .insertInto('darkweb_visit')
        .values({ site_id: siteId, status: 'queued', started_by: startedBy })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('darkweb_frontier')
        .values(seeds.map((url) => ({ visit_id: row.id, url, kind: 'page' as const, depth: 0, referrer: null })))
        .onConflict((c) => c.doNothing())
        .execute();
      return { visit: toVisit(row), created: true };
    });
  }

  async findVisit(id: string, db: Executor = this.db): Promise<Visit | undefined> {
    const row = await db.selectFrom('darkweb_visit').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toVisit(row);
  }

  /** Who asked for the visit, as custody names the operator: the user, or the scheduler. */
  async operatorOf(visitId: string): Promise<{ id: string | null; name: string }> {
    const row = await this.db
      .selectFrom('darkweb_visit')
      .leftJoin('user_account', 'user_account.id', 'darkweb_visit.started_by')
      .select(['darkweb_visit.started_by', 'user_account.username', 'user_account.display_name'])
      .where('darkweb_visit.id', '=', visitId)
      .executeTakeFirst();
    if (row?.started_by == null) return { id: null, name: 'scheduler (local operator)' };
    return { id: row.started_by, name: `${row.display_name ?? ''} (${row.username ?? ''})` };
  }

  async listVisits(siteId: string, limit: number): Promise<Visit[]> {
    const rows = await this.db
      .selectFrom('darkweb_visit')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('queued_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toVisit);
  }

  /** The last finished visit of the site before `visitId` (for change detection and up/down transitions). */
  async previousVisit(siteId: string, visitId: string): Promise<Visit | undefined> {
    const row = await this.db
      .selectFrom('darkweb_visit')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('id', '!=', visitId)
      .where('status', '=', 'completed')
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : toVisit(row);
  }

  /** Queued or running visits, oldest first (workers pick them up). */
  async openVisits(limit: number): Promise<Visit[]> {
    const rows = await this.db
      .selectFrom('darkweb_visit')
      .selectAll()
      .where('status', 'in', ['queued', 'running'])
      .orderBy('queued_at')
      .limit(limit)
      .execute();
    return rows.map(toVisit);
  }

  async markRunning(id: string): Promise<void> {
    await this.db
      .updateTable('darkweb_visit')
      .set({ status: 'running', started_at: sql`coalesce(started_at, now())` })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .execute();
  }

  async finishVisit(
    id: string,
    result: {
      status: VisitStatus;
      outcome: VisitOutcome | null;
      failureClass: string | null;
      contentFingerprint: string | null;
      contentChanged: boolean | null;
    },
    db: Executor = this.db,
  ): Promise<void> {
    await db
      .updateTable('darkweb_visit')
      .set({
        status: result.status,
        outcome: result.outcome,
        failure_class: result.failureClass,
        content_fingerprint: result.contentFingerprint,
        content_changed: result.contentChanged,
        finished_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  }

  // --- Frontier ----------------------------------------------------------------------------------

  /**
   * Claims up to `limit` pending items of the visit for `worker` (FOR UPDATE SKIP LOCKED: workers
   * never claim the same item). Pages before media, in discovery order.
   */
  async claim(visitId: string, worker: string, limit: number): Promise<FrontierItem[]> {
    if (limit <= 0) return [];
    const rows = await this.db
      .updateTable('darkweb_frontier')
      .set({ status: 'claimed', claimed_by: worker, claimed_at: new Date(), attempts: sql`attempts + 1` })
      .where(
        'id',
        'in',
        this.db
          .selectFrom('darkweb_frontier')
          .select('id')
          .where('visit_id', '=', visitId)
          .where('status', '=', 'pending')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'url', 'kind', 'depth', 'referrer', 'attempts'])
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  }

  /**
   * Gives back items claimed by workers that are gone: those of `deadWorkers`, and any claim
   * older than `staleBefore`. Finished items are never given back.
   */
  async releaseClaims(visitId: string, deadWorkers: readonly string[], staleBefore: Date): Promise<number> {
    let query = this.db
      .updateTable('darkweb_frontier')
      .set({ status: 'pending', claimed_by: null, claimed_at: null })
      .where('visit_id', '=', visitId)
      .where('status', '=', 'claimed');
    query = query.where((eb) =>
      deadWorkers.length > 0
        ? eb.or([eb('claimed_by', 'in', deadWorkers), eb('claimed_at', '<', staleBefore)])
        : eb('claimed_at', '<', staleBefore),
    );
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Gives back items this worker claimed and did not start. */
  async unclaim(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('darkweb_frontier')
      .set({ status: 'pending', claimed_by: null, claimed_at: null, attempts: sql`greatest(attempts - 1, 0)` })
      .where('id', 'in', ids)
      .where('status', '=', 'claimed')
      .execute();
  }

  /** Workers holding claims on the visit. */
  async claimants(visitId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('darkweb_frontier')
      .select('claimed_by')
      .distinct()
      .where('visit_id', '=', visitId)
      .where('status', '=', 'claimed')
      .execute();
    return rows.map((r) => r.claimed_by).filter((w): w is string => w !== null);
  }

  /** Every URL of the visit's frontier, whatever its state (the crawler's seen set). */
  async frontierUrls(visitId: string): Promise<{ url: string; kind: 'page' | 'media' }[]> {
    return this.db.selectFrom('darkweb_frontier').select(['url', 'kind']).where('visit_id', '=', visitId).execute();
  }

  async frontierCounts(visitId: string): Promise<Record<'pending' | 'claimed' | 'done' | 'failed', { page: number; media: number }>> {
    const rows = await this.db
      .selectFrom('darkweb_frontier')
      .select(['status', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('visit_id', '=', visitId)
      .groupBy(['status', 'kind'])
      .execute();
    const counts = {
      pending: { page: 0, media: 0 },
      claimed: { page: 0, media: 0 },
      done: { page: 0, media: 0 },
      failed: { page: 0, media: 0 },
    };
    for (const row of rows) counts[row.status][row.kind] = Number(row.n);
    return counts;
  }

  /** Pages the visit recorded, by kind (content counts only pages answered below 400), over every run. */
  async pageKinds(visitId: string): Promise<{ content: number; challenge: number; loggedOut: number; all: number }> {
    const rows = await this.db
      .selectFrom('darkweb_page')
      .select([
        sql<number>`count(*) filter (where page_kind = 'content' and status_code < 400)`.as('content'),
        sql<number>`count(*) filter (where page_kind = 'challenge')`.as('challenge'),
        sql<number>`count(*) filter (where page_kind = 'logged_out')`.as('logged_out'),
        sql<number>`count(*)`.as('all'),
      ])
      .where('visit_id', '=', visitId)
      .executeTakeFirstOrThrow();
    return { content: Number(rows.content), challenge: Number(rows.challenge), loggedOut: Number(rows.logged_out), all: Number(rows.all) };
  }

  /** The content fingerprint of the visit's first seed page that has one (change detection between visits). */
  async seedFingerprint(visitId: string, seeds: readonly string[]): Promise<string | null> {
    if (seeds.length === 0) return null;
    const rows = await this.db
      .selectFrom('darkweb_page')
      .select(['url', 'content_fingerprint'])
      .where('visit_id', '=', visitId)
      .where('url', 'in', [...seeds])
      .where('content_fingerprint', 'is not', null)
      .execute();
    for (const seed of seeds) {
      const found = rows.find((r) => r.url === seed);
      if (found !== undefined) return found.content_fingerprint;
    }
    return null;
  }

  /** The seed pages' results: status and failure, for the visit's outcome. */
  async pageFailures(visitId: string, limit: number): Promise<{ url: string; error: string | null; depth: number }[]> {
    return this.db
      .selectFrom('darkweb_frontier')
      .select(['url', 'error', 'depth'])
      .where('visit_id', '=', visitId)
      .where('kind', '=', 'page')
      .where('status', '=', 'failed')
      .orderBy('depth')
      .limit(limit)
      .execute();
  }

  // --- Writing a batch ---------------------------------------------------------------------------

  /** Records a batch of results in one transaction; returns the custody entries it appended. */
  async writeBatch(visitId: string, siteId: string, batch: CrawlBatch): Promise<StoredCustodyEntry[]> {
    return this.db.transaction().execute(async (trx) => {
      if (batch.done.length > 0)
        await trx
          .updateTable('darkweb_frontier')
          .set({ status: 'done', error: null })
          .where(
            'id',
            'in',
            batch.done.map((d) => d.id),
          )
          .execute();
      for (const failure of batch.failed)
        await trx
          .updateTable('darkweb_frontier')
          .set({
            status: failure.retry ? 'pending' : 'failed',
            error: failure.error,
            claimed_by: null,
            claimed_at: null,
          })
          .where('id', '=', failure.id)
          .execute();
      if (batch.discovered.length > 0)
        await trx
          .insertInto('darkweb_frontier')
          .values(batch.discovered.map((d) => ({ visit_id: visitId, url: d.url, kind: d.kind, depth: d.depth, referrer: d.referrer })))
          .onConflict((c) => c.columns(['visit_id', 'url']).doNothing())
          .execute();
      if (batch.pages.length > 0)
        await trx
          .insertInto('darkweb_page')
          .values(
            batch.pages.map((p) => ({
              visit_id: visitId,
              site_id: siteId,
              url: p.url,
              status_code: p.statusCode,
              page_kind: p.pageKind,
              title: p.title,
              language: p.language,
              text: p.text,
              content_fingerprint: p.contentFingerprint,
              links: p.links,
              media: p.media,
              member_count: p.memberCount,
              posts: JSON.stringify(p.posts),
              response_ms: p.responseMs,
              bytes: p.bytes,
              warc_file: p.warcFile,
              warc_record_id: p.warcRecordId,
              warc_offset: p.warcOffset,
              payload_digest: p.payloadDigest,
              fetched_at: p.fetchedAt,
            })),
          )
          .execute();
      if (batch.media.length > 0)
        await trx
          .insertInto('darkweb_media')
          .values(
            batch.media.map((m) => ({
              visit_id: visitId,
              site_id: siteId,
              url: m.url,
              page_url: m.pageUrl,
              kind: m.kind,
              bytes: m.bytes,
              md5: m.md5,
              sha1: m.sha1,
              sha256: m.sha256,
              pdq: m.pdq,
              pdq_quality: m.pdqQuality,
              vpdq: m.video === null ? null : JSON.stringify(m.video.frames),
              duration_seconds: m.video?.durationSeconds ?? null,
              triage: m.triage,
              matches: JSON.stringify(m.matches),
              kept_path: m.keptPath,
              warc_file: m.warcFile,
              warc_record_id: m.warcRecordId,
              warc_offset: m.warcOffset,
              fetched_at: m.fetchedAt,
            })),
          )
          .execute();
      if (batch.accounts.length > 0) {
        const now = new Date();
        const unique = new Map(batch.accounts.map((a) => [`${a.kind}\u0000${a.value}`, a]));
        await trx
          .insertInto('darkweb_account')
          .values(
            [...unique.values()].map((a) => ({
              site_id: siteId,
              kind: a.kind,
              value: a.value,
              first_seen_at: now,
              last_seen_at: now,
              first_url: a.url,
            })),
          )
          .onConflict((c) =>
            c.columns(['site_id', 'kind', 'value']).doUpdateSet({ last_seen_at: now, sightings: sql`darkweb_account.sightings + 1` }),
          )
          .execute();
      }
      const c = batch.counters;
      await trx
        .updateTable('darkweb_visit')
        .set({
          pages_fetched: sql`pages_fetched + ${c.pagesFetched}`,
          pages_failed: sql`pages_failed + ${c.pagesFailed}`,
          challenges: sql`challenges + ${c.challenges}`,
          media_seen: sql`media_seen + ${c.mediaSeen}`,
          media_known: sql`media_known + ${c.mediaKnown}`,
          media_new: sql`media_new + ${c.mediaNew}`,
          bytes: sql`bytes + ${c.bytes}`,
          response_ms_total: sql`response_ms_total + ${c.responseMs}`,
          ...(batch.memberCount !== null && { member_count: sql`greatest(coalesce(member_count, 0), ${batch.memberCount})` }),
        })
        .where('id', '=', visitId)
        .execute();
      return this.#appendCustody(trx, visitId, batch.custody);
    });
  }

  async #appendCustody(
    trx: Transaction<Database>,
    visitId: string,
    entries: readonly Omit<CustodyEntry, 'seq'>[],
  ): Promise<StoredCustodyEntry[]> {
    if (entries.length === 0) return [];
    const head = await trx
      .selectFrom('darkweb_custody_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow();
    let state = { seq: Number(head.seq), hash: head.hash };
    const stored = entries.map((fields) => {
      const entry = appendCustody(state, fields);
      state = { seq: entry.entry.seq, hash: entry.hash };
      return entry;
    });
    await trx
      .with('inserted', (db) =>
        db.insertInto('darkweb_custody').values(
          stored.map((s) => ({
            seq: s.entry.seq,
            at: s.entry.at,
            entry: JSON.stringify(s.entry),
            prev_hash: s.prevHash,
            hash: s.hash,
            visit_id: visitId,
          })),
        ),
      )
      .updateTable('darkweb_custody_head')
      .set({ seq: state.seq, hash: state.hash })
      .where('id', '=', 1)
      .execute();
    return stored;
  }

  /** Custody entries in order after `afterSeq` (verification). */
  async readCustody(afterSeq: number, limit: number): Promise<{ seq: number; entry: unknown; prevHash: string; hash: string }[]> {
    const rows = await this.db
      .selectFrom('darkweb_custody')
      .select(['seq', 'entry', 'prev_hash', 'hash'])
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), entry: r.entry, prevHash: r.prev_hash, hash: r.hash }));
  }

  /** Where each WARC record lies in its file, by record id (pages and media). */
  async warcOffsets(recordIds: readonly string[]): Promise<Map<string, number>> {
    const offsets = new Map<string, number>();
    if (recordIds.length === 0) return offsets;
    const pages = await this.db
      .selectFrom('darkweb_page')
      .select(['warc_record_id', 'warc_offset'])
      .where('warc_record_id', 'in', recordIds)
      .execute();
    const media = await this.db
      .selectFrom('darkweb_media')
      .select(['warc_record_id', 'warc_offset'])
      .where('warc_record_id', 'in', recordIds)
      .execute();
    for (const row of [...pages, ...media]) offsets.set(row.warc_record_id, Number(row.warc_offset));
    return offsets;
  }

  async custodyHead(): Promise<{ seq: number; hash: string }> {
    const row = await this.db.selectFrom('darkweb_custody_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash };
  }
}

export function toVisit(row: VisitRow): Visit {
  const pages = Number(row.pages_fetched);
  return {
    id: row.id,
    siteId: row.site_id,
    status: row.status,
    outcome: row.outcome,
    failureClass: row.failure_class,
    pagesFetched: pages,
    pagesFailed: Number(row.pages_failed),
    challenges: Number(row.challenges),
    mediaSeen: Number(row.media_seen),
    mediaKnown: Number(row.media_known),
    mediaNew: Number(row.media_new),
    bytes: Number(row.bytes),
    meanResponseMs: pages > 0 ? Math.round(Number(row.response_ms_total) / pages) : null,
    memberCount: row.member_count,
    contentFingerprint: row.content_fingerprint,
    contentChanged: row.content_changed,
    startedBy: row.started_by,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
