/**
 * Notice rows: the police-only record with its photos and history, read only through the
 * visibility rule, plus the review rule (a submitted or later notice is visible to the publishing
 * agencies that review it), and the public snapshot read by the public catalogue.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { replaceShares, visibleTo, mapWithShares, type Viewer } from '../platform/access/visibility.js';
import type { Visibility } from '../platform/access/roles.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import type { Database } from '../platform/database/schema.js';
import {
  extractContent,
  noticeDisplayName,
  type NoticeContent,
  type NoticeStatus,
  type NoticeType,
  type PublicCampaign,
  type PublicLanguage,
  type PublicNotice,
} from './notice-model.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NoticeSummary {
  id: string;
  type: NoticeType;
  status: NoticeStatus;
  publicNumber: string | null;
  displayName: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  updatedAt: Date;
  publishedAt: Date | null;
  expiresOn: string | null;
  photoCount: number;
}

export interface NoticePhoto {
  id: string;
  position: number;
  caption: string;
  public: boolean;
  width: number;
  height: number;
}

export interface NoticeEvent {
  fromStatus: NoticeStatus | null;
  toStatus: NoticeStatus;
  reason: string;
  actorName: string | null;
  at: Date;
}

export interface NoticeRecord extends NoticeSummary {
  visibility: Visibility;
  sharedWith: string[];
  content: NoticeContent;
  publicFields: string[];
  submittedBy: string | null;
  createdBy: string | null;
  publishedByAgencyId: string | null;
  createdAt: Date;
}

export interface NewNotice {
  ownerAgencyId: string;
  visibility: Visibility;
  sharedWith: string[];
  type: NoticeType;
  content: NoticeContent;
  publicFields: string[];
  expiresOn: string | null;
  createdBy: string | null;
}

export interface NoticeFilter {
  status?: NoticeStatus;
  type?: NoticeType;
  /** Name or public number, case-insensitive. */
  q?: string;
  /** Submitted notices awaiting review by a publishing agency (all agencies). */
  reviewQueue?: boolean;
  limit?: number;
}

/** Who may see a notice: the visibility rule, or, for a publishing agency, any notice past draft. */
export interface NoticeViewer {
  viewer: Viewer;
  publisher: boolean;
}

const summaryColumns = [
  'notice.id',
  'notice.type',
  'notice.status',
  'notice.public_number',
  'notice.family_name',
  'notice.forename',
  'notice.content',
  'notice.owner_agency_id',
  'notice.updated_at',
  'notice.published_at',
  'notice.visibility',
] as const;

export class NoticeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(who: NoticeViewer, filter: NoticeFilter): Promise<NoticeSummary[]> {
    let query = this.#visible(this.db, who)
      .select(summaryColumns)
      .select([
        'agency.name as owner_agency_name',
        sql<string | null>`to_char(notice.expires_on, 'YYYY-MM-DD')`.as('expires_on_text'),
        (eb) =>
          eb
            .selectFrom('notice_photo')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('notice_photo.notice_id', '=', 'notice.id')
            .as('photo_count'),
      ]);
    if (filter.reviewQueue === true) query = query.where('notice.status', '=', 'submitted');
    if (filter.status !== undefined) query = query.where('notice.status', '=', filter.status);
    if (filter.type !== undefined) query = query.where('notice.type', '=', filter.type);
    if (filter.q !== undefined && filter.q.trim() !== '') {
      const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('notice.family_name', 'ilike', like), eb('notice.forename', 'ilike', like), eb('notice.public_number', 'ilike', like)]),
      );
    }
    const rows = await query
      .orderBy('notice.updated_at', 'desc')
      .limit(filter.limit ?? 500)
      .execute();
    return rows.map((row) => toSummary(row));
  }

  async find(who: NoticeViewer, id: string, db: Executor = this.db): Promise<NoticeRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(db, who)
      .selectAll('notice')
      .select([
        'agency.name as owner_agency_name',
        sql<string | null>`to_char(notice.expires_on, 'YYYY-MM-DD')`.as('expires_on_text'),
        (eb) =>
          eb
            .selectFrom('notice_photo')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('notice_photo.notice_id', '=', 'notice.id')
            .as('photo_count'),
      ])
      .where('notice.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const [record] = await mapWithShares(db, 'notice', [row], (r, sharedWith) => ({
      ...toSummary(r),
      visibility: r.visibility as Visibility,
      sharedWith,
      content: r.content as NoticeContent,
      publicFields: r.public_fields,
      submittedBy: r.submitted_by,
      createdBy: r.created_by,
      publishedByAgencyId: r.published_by_agency_id,
      createdAt: r.created_at,
    }));
    return record;
  }

  /** Locks the row for a lifecycle step. */
  async lock(trx: Transaction<Database>, id: string): Promise<void> {
    await trx.selectFrom('notice').select('id').where('id', '=', id).forUpdate().execute();
  }

  async insert(trx: Transaction<Database>, input: NewNotice): Promise<string> {
    const { id } = await trx
      .insertInto('notice')
      .values({
        owner_agency_id: input.ownerAgencyId,
        visibility: input.visibility,
        type: input.type,
        status: 'draft',
        content: JSON.stringify(input.content),
        public_fields: input.publicFields,
        family_name: input.content.familyName ?? '',
        forename: input.content.forename ?? '',
        expires_on: input.expiresOn,
        created_by: input.createdBy,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceShares(trx, 'notice', id, input.visibility, input.sharedWith);
    return id;
  }

  async update(
    trx: Transaction<Database>,
    current: NoticeRecord,
    changes: Partial<Pick<NewNotice, 'content' | 'publicFields' | 'visibility' | 'sharedWith' | 'expiresOn'>>,
  ): Promise<void> {
    await trx
      .updateTable('notice')
      .set({
        ...(changes.content !== undefined && {
          content: JSON.stringify(changes.content),
          family_name: changes.content.familyName ?? '',
          forename: changes.content.forename ?? '',
        }),
        ...(changes.publicFields !== undefined && { public_fields: changes.publicFields }),
        ...(changes.visibility !== undefined && { visibility: changes.visibility }),
        ...(changes.expiresOn !== undefined && { expires_on: changes.expiresOn }),
        updated_at: new Date(),
      })
      .where('id', '=', current.id)
      .execute();
    if (changes.visibility !== undefined || changes.sharedWith !== undefined) {
      await replaceShares(trx, 'notice', current.id, changes.visibility ?? current.visibility, changes.sharedWith ?? current.sharedWith);
    }
  }

  async setStatus(
    trx: Transaction<Database>,
    id: string,
    status: NoticeStatus,
    extra: { submittedBy?: string | null; publishedBy?: string | null; publishedByAgencyId?: string | null; publicNumber?: string } = {},
  ): Promise<void> {
    await trx
      .updateTable('notice')
      .set({
        status,
        updated_at: new Date(),
        ...(extra.submittedBy !== undefined && { submitted_by: extra.submittedBy }),
        ...(extra.publishedBy !== undefined && { published_by: extra.publishedBy, published_at: new Date() }),
        ...(extra.publishedByAgencyId !== undefined && { published_by_agency_id: extra.publishedByAgencyId }),
        ...(extra.publicNumber !== undefined && { public_number: extra.publicNumber }),
      })
      .where('id', '=', id)
      .execute();
  }

  /** The next public number of `year`: `YYYY/NNNNN`. */
  async nextPublicNumber(trx: Transaction<Database>, year: number): Promise<string> {
    const { n } = await sql<{ n: string }>`select nextval('notice_number_seq')::text as n`.execute(trx).then((r) => r.rows[0]!);
    return `${year}/${n.padStart(5, '0')}`;
  }

  async addEvent(
    trx: Transaction<Database>,
    noticeId: string,
    event: { from: NoticeStatus | null; to: NoticeStatus; reason: string; actorName: string | null; actorAgencyId: string | null },
  ): Promise<void> {
    await trx
      .insertInto('notice_event')
      .values({
        notice_id: noticeId,
        from_status: event.from,
        to_status: event.to,
        reason: event.reason,
        actor_name: event.actorName,
        actor_agency_id: event.actorAgencyId,
      })
      .execute();
  }

  async events(noticeId: string): Promise<NoticeEvent[]> {
    const rows = await this.db.selectFrom('notice_event').selectAll().where('notice_id', '=', noticeId).orderBy('id').execute();
    return rows.map((r) => ({
      fromStatus: r.from_status as NoticeStatus | null,
      toStatus: r.to_status as NoticeStatus,
      reason: r.reason,
      actorName: r.actor_name,
      at: r.at,
    }));
  }

  async photos(noticeId: string, db: Executor = this.db): Promise<NoticePhoto[]> {
    return db
      .selectFrom('notice_photo')
      .select(['id', 'position', 'caption', 'public', 'width', 'height'])
      .where('notice_id', '=', noticeId)
      .orderBy('position')
      .execute();
  }

  async insertPhoto(
    trx: Transaction<Database>,
    noticeId: string,
    photo: { image: Uint8Array; thumbnail: Uint8Array; width: number; height: number; sha256: string; caption: string; public: boolean },
  ): Promise<NoticePhoto> {
    const { next } = await trx
      .selectFrom('notice_photo')
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`0`).as('next'))
      .where('notice_id', '=', noticeId)
      .executeTakeFirstOrThrow();
    return trx
      .insertInto('notice_photo')
      .values({ notice_id: noticeId, position: Number(next) + 1, ...photo })
      .returning(['id', 'position', 'caption', 'public', 'width', 'height'])
      .executeTakeFirstOrThrow();
  }

  async updatePhoto(
    trx: Transaction<Database>,
    noticeId: string,
    photoId: string,
    changes: { caption?: string; public?: boolean },
  ): Promise<boolean> {
    if (!isUuid(photoId)) return false;
    const result = await trx
      .updateTable('notice_photo')
      .set({
        ...(changes.caption !== undefined && { caption: changes.caption }),
        ...(changes.public !== undefined && { public: changes.public }),
      })
      .where('id', '=', photoId)
      .where('notice_id', '=', noticeId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deletePhoto(trx: Transaction<Database>, noticeId: string, photoId: string): Promise<boolean> {
    if (!isUuid(photoId)) return false;
    const result = await trx.deleteFrom('notice_photo').where('id', '=', photoId).where('notice_id', '=', noticeId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async photoBytes(
    noticeId: string,
    photoId: string,
    variant: 'image' | 'thumbnail',
  ): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
    if (!isUuid(photoId)) return undefined;
    const row = await this.db
      .selectFrom('notice_photo')
      .select([variant, 'sha256'])
      .where('id', '=', photoId)
      .where('notice_id', '=', noticeId)
      .executeTakeFirst();
    return row && { bytes: row[variant], sha256: variant === 'image' ? row.sha256 : `${row.sha256}-t` };
  }

  /** A public photo of a published notice. */
  async publicPhotoBytes(photoId: string, variant: 'image' | 'thumbnail'): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
    if (!isUuid(photoId)) return undefined;
    const row = await this.db
      .selectFrom('notice_photo')
      .innerJoin('notice', 'notice.id', 'notice_photo.notice_id')
      .select([`notice_photo.${variant}`, 'notice_photo.sha256'])
      .where('notice_photo.id', '=', photoId)
      .where('notice_photo.public', '=', true)
      .where('notice.status', '=', 'published')
      .executeTakeFirst();
    return row && { bytes: row[variant], sha256: variant === 'image' ? row.sha256 : `${row.sha256}-t` };
  }

  /** Published notices whose expiry date has passed (the service expires them). */
  async dueToExpire(today: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('notice')
      .select('id')
      .where('status', '=', 'published')
      .where('expires_on', '<', sql<string>`${today}::date`)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Every published notice's public extract, newest first, and every running published campaign. */
  async publicSnapshot(today: string): Promise<{ notices: PublicNotice[]; campaigns: PublicCampaign[] }> {
    const rows = await this.db
      .selectFrom('notice')
      .innerJoin('agency', 'agency.id', 'notice.owner_agency_id')
      .select([
        'notice.id',
        'notice.type',
        'notice.public_number',
        'notice.content',
        'notice.public_fields',
        'notice.owner_agency_id',
        'notice.published_at',
        'agency.name as agency_name',
        'agency.country as agency_country',
      ])
      .where('notice.status', '=', 'published')
      .where((eb) => eb.or([eb('notice.expires_on', 'is', null), eb('notice.expires_on', '>=', sql<string>`${today}::date`)]))
      .orderBy('notice.published_at', 'desc')
      .orderBy('notice.public_number', 'desc')
      .execute();
    const photos = await this.db
      .selectFrom('notice_photo')
      .innerJoin('notice', 'notice.id', 'notice_photo.notice_id')
      .select(['notice_photo.id', 'notice_photo.notice_id', 'notice_photo.caption', 'notice_photo.width', 'notice_photo.height'])
      .where('notice.status', '=', 'published')
      .where('notice_photo.public', '=', true)
      .orderBy('notice_photo.notice_id')
      .orderBy('notice_photo.position')
      .execute();
    const photosOf = new Map<string, PublicNotice['photos']>();
    for (const p of photos) {
      const list = photosOf.get(p.notice_id) ?? [];
      list.push({ id: p.id, caption: p.caption, width: p.width, height: p.height });
      photosOf.set(p.notice_id, list);
    }
    const campaignRows = await this.db
      .selectFrom('campaign')
      .innerJoin('agency', 'agency.id', 'campaign.owner_agency_id')
      .select([
        'campaign.id',
        'campaign.slug',
        'campaign.title',
        'campaign.body',
        'campaign.translations',
        sql<string | null>`to_char(campaign.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
        sql<string | null>`to_char(campaign.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
        'agency.name as agency_name',
      ])
      .where('campaign.status', '=', 'published')
      .where((eb) => eb.or([eb('campaign.starts_on', 'is', null), eb('campaign.starts_on', '<=', sql<string>`${today}::date`)]))
      .where((eb) => eb.or([eb('campaign.ends_on', 'is', null), eb('campaign.ends_on', '>=', sql<string>`${today}::date`)]))
      .orderBy('campaign.created_at', 'desc')
      .execute();
    const members = await this.db
      .selectFrom('campaign_notice')
      .innerJoin('notice', 'notice.id', 'campaign_notice.notice_id')
      .select(['campaign_notice.campaign_id', 'notice.public_number', 'notice.id'])
      .where('notice.status', '=', 'published')
      .orderBy('campaign_notice.campaign_id')
      .orderBy('campaign_notice.position')
      .execute();
    const published = new Set(rows.map((r) => r.id));
    const membersOf = new Map<string, string[]>();
    const campaignsOf = new Map<string, string[]>();
    const slugOf = new Map(campaignRows.map((c) => [c.id, c.slug]));
    for (const m of members) {
      const slug = slugOf.get(m.campaign_id);
      if (slug === undefined || m.public_number === null || !published.has(m.id)) continue;
      membersOf.set(m.campaign_id, [...(membersOf.get(m.campaign_id) ?? []), m.public_number]);
      campaignsOf.set(m.id, [...(campaignsOf.get(m.id) ?? []), slug]);
    }
    const notices: PublicNotice[] = rows.map((r) => ({
      id: r.id,
      publicNumber: r.public_number ?? '',
      type: r.type as NoticeType,
      ownerAgencyId: r.owner_agency_id,
      ownerAgencyName: r.agency_name,
      ownerAgencyCountry: r.agency_country,
      publishedAt: (r.published_at ?? new Date(0)).toISOString(),
      content: extractContent(r.content as NoticeContent, r.public_fields),
      photos: photosOf.get(r.id) ?? [],
      campaigns: campaignsOf.get(r.id) ?? [],
    }));
    const campaigns: PublicCampaign[] = campaignRows.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      body: c.body,
      translations: c.translations as Partial<Record<PublicLanguage, { title?: string; body?: string }>>,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      ownerAgencyName: c.agency_name,
      notices: membersOf.get(c.id) ?? [],
    }));
    return { notices, campaigns };
  }

  async revision(db: Executor = this.db): Promise<number> {
    const row = await db.selectFrom('notice_revision').select('revision').where('id', '=', 1).executeTakeFirst();
    return Number(row?.revision ?? 0);
  }

  async bumpRevision(trx: Transaction<Database>): Promise<void> {
    await trx
      .updateTable('notice_revision')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 1)
      .execute();
  }

  #visible(db: Executor, who: NoticeViewer) {
    const base = db.selectFrom('notice').innerJoin('agency', 'agency.id', 'notice.owner_agency_id');
    if (!who.publisher) return base.where(visibleTo('notice', who.viewer));
    return base.where((eb) => eb.or([visibleTo('notice', who.viewer), eb('notice.status', '<>', 'draft')]));
  }
}

function toSummary(row: {
  id: string;
  type: string;
  status: string;
  public_number: string | null;
  content: unknown;
  owner_agency_id: string;
  owner_agency_name: string;
  updated_at: Date;
  published_at: Date | null;
  expires_on_text: string | null;
  photo_count: number | string | null;
}): NoticeSummary {
  return {
    id: row.id,
    type: row.type as NoticeType,
    status: row.status as NoticeStatus,
    publicNumber: row.public_number,
    displayName: noticeDisplayName(row.content as NoticeContent),
    ownerAgencyId: row.owner_agency_id,
    ownerAgencyName: row.owner_agency_name,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    expiresOn: row.expires_on_text,
    photoCount: Number(row.photo_count ?? 0),
  };
}
