/** SQL for reading what visits captured: pages, media, accounts, and mirrors (sites serving the same content). */
import { sql, type Kysely } from 'kysely';
import { visibleTo, type Viewer } from '../platform/access/visibility.js';
import type { Database } from '../platform/database/schema.js';
import type { VpdqFrame } from '../media/vpdq.js';
import type { PagePost } from './crawl.repository.js';

export interface PageSummary {
  id: number;
  url: string;
  statusCode: number;
  pageKind: string;
  title: string | null;
  language: string | null;
  links: number;
  media: number;
  responseMs: number;
  bytes: number;
  fetchedAt: Date;
}

export interface PageDetail extends PageSummary {
  visitId: string;
  siteId: string;
  text: string;
  memberCount: number | null;
  posts: PagePost[];
  contentFingerprint: string | null;
  warcFile: string;
  warcRecordId: string;
  warcOffset: number;
  payloadDigest: string;
}

/** The media row as lists show it: everything but the frames themselves (a long video has hundreds). */
const mediaColumns = [
  'id',
  'visit_id',
  'url',
  'page_url',
  'kind',
  'bytes',
  'md5',
  'sha1',
  'sha256',
  'pdq',
  'pdq_quality',
  'duration_seconds',
  'triage',
  'matches',
  'kept_path',
  'fetched_at',
] as const;

export interface MediaView {
  id: number;
  visitId: string;
  url: string;
  pageUrl: string | null;
  kind: 'image' | 'video' | 'other';
  bytes: number;
  md5: string;
  sha1: string;
  sha256: string;
  pdq: string | null;
  pdqQuality: number | null;
  /** For a video hashed by its frames: its length and how many frames (one a second) vPDQ holds. */
  video: { durationSeconds: number; frames: number } | null;
  triage: 'known' | 'ignorable' | 'new' | 'unreadable';
  matches: unknown[];
  kept: boolean;
  fetchedAt: Date;
}

export interface AccountView {
  id: string;
  siteId: string;
  siteName: string;
  kind: string;
  value: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  firstUrl: string;
  sightings: number;
  watched: boolean;
  caseId: string | null;
  note: string | null;
  /** Other visible sites where the same account was seen. */
  otherSites: number;
  /** Persons the account is linked to, only those the viewer may see, by name. */
  persons: { id: string; name: string }[];
}

const pageColumns = [
  'id',
  'url',
  'status_code',
  'page_kind',
  'title',
  'language',
  'links',
  'media',
  'response_ms',
  'bytes',
  'fetched_at',
] as const;

export class CaptureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async pages(visitId: string, options: { after?: number; limit: number; q?: string }): Promise<PageSummary[]> {
    let query = this.db.selectFrom('darkweb_page').select(pageColumns).where('visit_id', '=', visitId);
    if (options.after !== undefined) query = query.where('id', '>', options.after);
    if (options.q !== undefined && options.q !== '') query = query.where(sql<boolean>`position(lower(${options.q}) in lower(text)) > 0`);
    const rows = await query.orderBy('id').limit(options.limit).execute();
    return rows.map(toPageSummary);
  }

  async page(id: number): Promise<PageDetail | undefined> {
    const row = await this.db.selectFrom('darkweb_page').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      ...toPageSummary(row),
      visitId: row.visit_id,
      siteId: row.site_id,
      text: row.text,
      memberCount: row.member_count,
      posts: row.posts as PagePost[],
      contentFingerprint: row.content_fingerprint,
      warcFile: row.warc_file,
      warcRecordId: row.warc_record_id,
      warcOffset: Number(row.warc_offset),
      payloadDigest: row.payload_digest,
    };
  }

  async media(filter: { visitId?: string; siteId?: string; triage?: string; after?: number; limit: number }): Promise<MediaView[]> {
    let query = this.db
      .selectFrom('darkweb_media')
      .select(mediaColumns)
      .select(sql<number | null>`jsonb_array_length(vpdq)`.as('vpdq_frames'));
    if (filter.visitId !== undefined) query = query.where('visit_id', '=', filter.visitId);
    if (filter.siteId !== undefined) query = query.where('site_id', '=', filter.siteId);
    if (filter.triage !== undefined) query = query.where('triage', '=', filter.triage as never);
    if (filter.after !== undefined) query = query.where('id', '>', filter.after);
    const rows = await query.orderBy('id').limit(filter.limit).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      visitId: r.visit_id,
      url: r.url,
      pageUrl: r.page_url,
      kind: r.kind,
      bytes: r.bytes,
      md5: r.md5,
      sha1: r.sha1,
      sha256: r.sha256,
      pdq: r.pdq,
      pdqQuality: r.pdq_quality,
      video: r.vpdq_frames === null ? null : { durationSeconds: r.duration_seconds ?? 0, frames: r.vpdq_frames },
      triage: r.triage,
      matches: r.matches as unknown[],
      kept: r.kept_path !== null,
      fetchedAt: r.fetched_at,
    }));
  }

  /** Accounts of the given sites (already filtered to visible ones), with the persons `viewer` may see linked to each. */
  async accounts(
    siteIds: readonly string[],
    filter: { kind?: string; q?: string; watched?: boolean; limit: number },
    viewer: Viewer,
  ): Promise<AccountView[]> {
    if (siteIds.length === 0) return [];
    let query = this.db
      .selectFrom('darkweb_account as a')
      .innerJoin('darkweb_site as s', 's.id', 'a.site_id')
      .selectAll('a')
      .select('s.name as site_name')
      .select((eb) =>
        eb
          .selectFrom('darkweb_account as o')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('o.kind', '=', 'a.kind')
          .whereRef('o.value', '=', 'a.value')
          .whereRef('o.site_id', '!=', 'a.site_id')
          .where('o.site_id', 'in', siteIds)
          .as('other_sites'),
      )
      .where('a.site_id', 'in', siteIds);
    if (filter.kind !== undefined) query = query.where('a.kind', '=', filter.kind);
    if (filter.watched !== undefined) query = query.where('a.watched', '=', filter.watched);
    if (filter.q !== undefined && filter.q !== '') query = query.where(sql<boolean>`position(lower(${filter.q}) in lower(a.value)) > 0`);
    const rows = await query.orderBy('a.last_seen_at', 'desc').limit(filter.limit).execute();
    const persons = await this.linkedPersons(
      rows.map((r) => r.id),
      viewer,
    );
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      siteName: r.site_name,
      kind: r.kind,
      value: r.value,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      firstUrl: r.first_url,
      sightings: Number(r.sightings),
      watched: r.watched,
      caseId: r.case_id,
      note: r.note,
      otherSites: Number(r.other_sites ?? 0),
      persons: persons.get(r.id) ?? [],
    }));
  }

  /** The persons linked to each account, among those `viewer` may see, by name. */
  async linkedPersons(accountIds: readonly string[], viewer: Viewer): Promise<Map<string, { id: string; name: string }[]>> {
    const result = new Map<string, { id: string; name: string }[]>();
    if (accountIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('darkweb_account_person as l')
      .innerJoin('person', 'person.id', 'l.person_id')
      .select(['l.account_id', 'person.id', 'person.name'])
      .where('l.account_id', 'in', accountIds)
      .where(visibleTo('person', viewer))
      .orderBy('person.name')
      .orderBy('person.id')
      .execute();
    for (const row of rows) result.set(row.account_id, [...(result.get(row.account_id) ?? []), { id: row.id, name: row.name }]);
    return result;
  }

  /** One media row with what its thumbnail needs: the site, and the stored content's hash when it was kept. */
  async mediaRecord(id: number): Promise<{ id: number; siteId: string; sha256: string; kind: string; kept: boolean } | undefined> {
    const row = await this.db
      .selectFrom('darkweb_media')
      .select(['id', 'site_id', 'sha256', 'kind', 'kept_path'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { id: Number(row.id), siteId: row.site_id, sha256: row.sha256, kind: row.kind, kept: row.kept_path !== null };
  }

  /** A video's vPDQ frames, with its site for the visibility check; undefined when there is no such media. */
  async mediaVpdq(id: number): Promise<{ siteId: string; url: string; frames: VpdqFrame[] | null } | undefined> {
    const row = await this.db.selectFrom('darkweb_media').select(['site_id', 'url', 'vpdq']).where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : { siteId: row.site_id, url: row.url, frames: (row.vpdq as VpdqFrame[] | null) ?? null };
  }

  async account(id: string): Promise<{ id: string; siteId: string } | undefined> {
    return this.db.selectFrom('darkweb_account').select(['id', 'site_id as siteId']).where('id', '=', id).executeTakeFirst();
  }

  /** Links an account to a person; linking again replaces the basis and who linked it, and when. */
  async linkPerson(accountId: string, personId: string, link: { basis: string | null; linkedBy: string | null }): Promise<void> {
    await this.db
      .insertInto('darkweb_account_person')
      .values({ account_id: accountId, person_id: personId, basis: link.basis, linked_by: link.linkedBy })
      .onConflict((oc) =>
        oc.columns(['account_id', 'person_id']).doUpdateSet({ basis: link.basis, linked_by: link.linkedBy, linked_at: new Date() }),
      )
      .execute();
  }

  /** Removes a link; false when there was none. */
  async unlinkPerson(accountId: string, personId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('darkweb_account_person')
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async setAccount(id: string, change: { watched?: boolean; note?: string | null; caseId?: string | null }): Promise<void> {
    await this.db
      .updateTable('darkweb_account')
      .set({
        ...(change.watched !== undefined && { watched: change.watched }),
        ...(change.note !== undefined && { note: change.note }),
        ...(change.caseId !== undefined && { case_id: change.caseId }),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Mirrors: other sites (among `candidates`) whose pages carry a content fingerprint also seen on
   * this site, with how many fingerprints they share.
   */
  async mirrors(siteId: string, candidates: readonly string[]): Promise<{ siteId: string; shared: number }[]> {
    const others = candidates.filter((id) => id !== siteId);
    if (others.length === 0) return [];
    const rows = await this.db
      .selectFrom('darkweb_page as other')
      .select(['other.site_id', (eb) => eb.fn.count<number>(sql`distinct other.content_fingerprint`).as('shared')])
      .where('other.site_id', 'in', others)
      .where('other.page_kind', '=', 'content')
      .where((eb) =>
        eb(
          'other.content_fingerprint',
          'in',
          eb
            .selectFrom('darkweb_page as mine')
            .select('mine.content_fingerprint')
            .where('mine.site_id', '=', siteId)
            .where('mine.page_kind', '=', 'content')
            .where('mine.content_fingerprint', 'is not', null),
        ),
      )
      .groupBy('other.site_id')
      .execute();
    return rows.map((r) => ({ siteId: r.site_id, shared: Number(r.shared) })).sort((a, b) => b.shared - a.shared);
  }
}

function toPageSummary(row: {
  id: number;
  url: string;
  status_code: number;
  page_kind: string;
  title: string | null;
  language: string | null;
  links: number;
  media: number;
  response_ms: number;
  bytes: number;
  fetched_at: Date;
}): PageSummary {
  return {
    id: Number(row.id),
    url: row.url,
    statusCode: row.status_code,
    pageKind: row.page_kind,
    title: row.title,
    language: row.language,
    links: row.links,
    media: row.media,
    responseMs: row.response_ms,
    bytes: row.bytes,
    fetchedAt: row.fetched_at,
  };
}
