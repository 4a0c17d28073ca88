/** Tip rows, read only through the visibility rule (owner, or an agency the owner shared the tip with). */
import { sql, type Kysely, type Transaction } from 'kysely';
import { mapWithShares, replaceShares, visibleTo, type Viewer } from '../../platform/access/visibility.js';
import type { Visibility } from '../../platform/access/roles.js';
import { isUuid } from '../../platform/agencies/agency.repository.js';
import type { Database } from '../../platform/database/schema.js';
import { noticeDisplayName, type NoticeContent, type PublicLanguage } from '../notice-model.js';
import type { ReencodedPhoto } from '../photos.js';

type Executor = Kysely<Database> | Transaction<Database>;

export const tipStatuses = ['new', 'useful', 'not_useful', 'passed_on'] as const;
export type TipStatus = (typeof tipStatuses)[number];

export interface TipSummary {
  id: string;
  reference: string;
  noticeId: string;
  noticePublicNumber: string | null;
  noticeDisplayName: string;
  status: TipStatus;
  createdAt: Date;
  excerpt: string;
  photoCount: number;
  hasContact: boolean;
  ownerAgencyId: string;
}

export interface TipMessage {
  id: string;
  kind: 'note' | 'reply' | 'sender';
  body: string;
  authorName: string | null;
  at: Date;
}

export interface TipDetail extends TipSummary {
  body: string;
  language: PublicLanguage;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  visibility: Visibility;
  sharedWith: string[];
  photos: { id: string; width: number; height: number }[];
  messages: TipMessage[];
}

export interface TipFilter {
  status?: string;
  noticeId?: string;
  limit?: number;
}

export interface NewTip {
  reference: string;
  secretHash: string;
  noticeId: string;
  ownerAgencyId: string;
  language: PublicLanguage;
  body: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export class TipRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The notice a tip may answer: published, with its owner. */
  async publishedNotice(noticeId: string): Promise<{ id: string; ownerAgencyId: string } | undefined> {
    const row = await this.db
      .selectFrom('notice')
      .select(['id', 'owner_agency_id'])
      .where('id', '=', noticeId)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row && { id: row.id, ownerAgencyId: row.owner_agency_id };
  }

  async insert(trx: Transaction<Database>, tip: NewTip): Promise<string> {
    const { id } = await trx
      .insertInto('tip')
      .values({
        reference: tip.reference,
        secret_hash: tip.secretHash,
        notice_id: tip.noticeId,
        owner_agency_id: tip.ownerAgencyId,
        visibility: 'agency',
        status: 'new',
        language: tip.language,
        body: tip.body,
        contact_name: tip.contactName,
        contact_email: tip.contactEmail,
        contact_phone: tip.contactPhone,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async insertPhoto(trx: Transaction<Database>, tipId: string, photo: ReencodedPhoto): Promise<void> {
    await trx
      .insertInto('tip_photo')
      .values({ tip_id: tipId, image: photo.image, width: photo.width, height: photo.height, sha256: photo.sha256 })
      .execute();
  }

  async list(viewer: Viewer, filter: TipFilter): Promise<TipSummary[]> {
    let query = this.#visible(this.db, viewer).select(summaryColumns);
    if (filter.status !== undefined) query = query.where('tip.status', '=', filter.status);
    if (filter.noticeId !== undefined) {
      if (!isUuid(filter.noticeId)) return [];
      query = query.where('tip.notice_id', '=', filter.noticeId);
    }
    const rows = await query
      .orderBy('tip.created_at', 'desc')
      .limit(filter.limit ?? 500)
      .execute();
    return rows.map(toSummary);
  }

  async find(viewer: Viewer, id: string, db: Executor = this.db): Promise<TipDetail | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(db, viewer)
      .select(summaryColumns)
      .select(['tip.body', 'tip.language', 'tip.contact_name', 'tip.contact_email', 'tip.contact_phone', 'tip.visibility'])
      .where('tip.id', '=', id)
      .executeTakeFirst();
    return row && this.#detail(db, row);
  }

  /** The tip with a reference, and the hash of its secret (for the sender's own access only). */
  async findByReference(reference: string): Promise<{ tip: TipDetail; secretHash: string } | undefined> {
    const row = await this.db
      .selectFrom('tip')
      .innerJoin('notice', 'notice.id', 'tip.notice_id')
      .select(summaryColumns)
      .select([
        'tip.body',
        'tip.language',
        'tip.contact_name',
        'tip.contact_email',
        'tip.contact_phone',
        'tip.visibility',
        'tip.secret_hash',
      ])
      .where('tip.reference', '=', reference)
      .executeTakeFirst();
    return row && { tip: await this.#detail(this.db, row), secretHash: row.secret_hash };
  }

  async update(
    trx: Transaction<Database>,
    tip: TipDetail,
    changes: { status?: TipStatus; visibility?: Visibility; sharedWith?: string[] },
  ): Promise<void> {
    await trx
      .updateTable('tip')
      .set({
        ...(changes.status !== undefined && { status: changes.status }),
        ...(changes.visibility !== undefined && { visibility: changes.visibility }),
        updated_at: new Date(),
      })
      .where('id', '=', tip.id)
      .execute();
    if (changes.visibility !== undefined || changes.sharedWith !== undefined) {
      await replaceShares(trx, 'tip', tip.id, changes.visibility ?? tip.visibility, changes.sharedWith ?? tip.sharedWith);
    }
  }

  async addMessage(
    trx: Transaction<Database>,
    tipId: string,
    message: { kind: TipMessage['kind']; body: string; authorName: string | null; authorAgencyId: string | null },
  ): Promise<void> {
    await trx
      .insertInto('tip_message')
      .values({
        tip_id: tipId,
        kind: message.kind,
        body: message.body,
        author_name: message.authorName,
        author_agency_id: message.authorAgencyId,
      })
      .execute();
    await trx.updateTable('tip').set({ updated_at: new Date() }).where('id', '=', tipId).execute();
  }

  async messages(
    tipId: string,
    kinds: readonly TipMessage['kind'][] = ['note', 'reply', 'sender'],
    db: Executor = this.db,
  ): Promise<TipMessage[]> {
    const rows = await db
      .selectFrom('tip_message')
      .select(['id', 'kind', 'body', 'author_name', 'created_at'])
      .where('tip_id', '=', tipId)
      .where('kind', 'in', kinds)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind as TipMessage['kind'], body: r.body, authorName: r.author_name, at: r.created_at }));
  }

  async photoBytes(tipId: string, photoId: string): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
    if (!isUuid(photoId)) return undefined;
    const row = await this.db
      .selectFrom('tip_photo')
      .select(['image', 'sha256'])
      .where('id', '=', photoId)
      .where('tip_id', '=', tipId)
      .executeTakeFirst();
    return row && { bytes: row.image, sha256: row.sha256 };
  }

  async #detail(db: Executor, row: SummaryRow & DetailColumns): Promise<TipDetail> {
    const [withShares] = await mapWithShares(db, 'tip', [{ ...row, id: row.id, visibility: row.visibility }], (r, sharedWith) => ({
      r,
      sharedWith,
    }));
    const photos = await db
      .selectFrom('tip_photo')
      .select(['id', 'width', 'height'])
      .where('tip_id', '=', row.id)
      .orderBy('created_at')
      .execute();
    return {
      ...toSummary(row),
      body: row.body,
      language: row.language as PublicLanguage,
      contactName: row.contact_name,
      contactEmail: row.contact_email,
      contactPhone: row.contact_phone,
      visibility: row.visibility as Visibility,
      sharedWith: withShares?.sharedWith ?? [],
      photos,
      messages: await this.messages(row.id, ['note', 'reply', 'sender'], db),
    };
  }

  #visible(db: Executor, viewer: Viewer) {
    return db.selectFrom('tip').innerJoin('notice', 'notice.id', 'tip.notice_id').where(visibleTo('tip', viewer));
  }
}

const summaryColumns = [
  'tip.id',
  'tip.reference',
  'tip.notice_id',
  'notice.public_number',
  'notice.content',
  'tip.status',
  'tip.created_at',
  'tip.owner_agency_id',
  sql<string>`left(tip.body, 140)`.as('excerpt'),
  sql<boolean>`(tip.contact_name is not null or tip.contact_email is not null or tip.contact_phone is not null)`.as('has_contact'),
  sql<number>`(select count(*) from tip_photo p where p.tip_id = tip.id)`.as('photo_count'),
] as const;

interface SummaryRow {
  id: string;
  reference: string;
  notice_id: string;
  public_number: string | null;
  content: unknown;
  status: string;
  created_at: Date;
  owner_agency_id: string;
  excerpt: string;
  has_contact: boolean;
  photo_count: number | string;
}

interface DetailColumns {
  body: string;
  language: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  visibility: string;
}

function toSummary(row: SummaryRow): TipSummary {
  return {
    id: row.id,
    reference: row.reference,
    noticeId: row.notice_id,
    noticePublicNumber: row.public_number,
    noticeDisplayName: noticeDisplayName(row.content as NoticeContent),
    status: row.status as TipStatus,
    createdAt: row.created_at,
    excerpt: row.excerpt,
    photoCount: Number(row.photo_count),
    hasContact: row.has_contact,
    ownerAgencyId: row.owner_agency_id,
  };
}
