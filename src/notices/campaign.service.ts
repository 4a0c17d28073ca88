/**
 * Campaigns: a curated public page grouping published notices ("Wanted for crimes against
 * women"), with a title, a text, translations and dates. An agency's notice officers write its
 * campaigns; a published campaign is public while its dates include today.
 *
 *   const c = await campaigns.create(actor, { slug: 'crimes-against-women', title: '…', noticeIds });
 *   await campaigns.setStatus(actor, c.id, 'published');
 */
import type { Kysely, Transaction } from 'kysely';
import { requireMember, type Actor } from '../platform/access/actor.js';
import { forbidden, invalid, notFound, conflict, type FieldError } from '../platform/errors.js';
import { hasAnyRole } from '../platform/access/actor.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Database } from '../platform/database/schema.js';
import {
  noticeDisplayName,
  publicLanguages,
  type NoticeContent,
  type NoticeStatus,
  type NoticeType,
  type PublicLanguage,
} from './notice-model.js';
import type { PublicChangeListener } from './notice.service.js';
import { NoticeRepository } from './notice.repository.js';

export const campaignStatuses = ['draft', 'published', 'archived'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export type CampaignTranslations = Partial<Record<PublicLanguage, { title?: string; body?: string }>>;

export interface Campaign {
  id: string;
  slug: string;
  title: string;
  body: string;
  translations: CampaignTranslations;
  startsOn: string | null;
  endsOn: string | null;
  status: CampaignStatus;
  ownerAgencyId: string;
  ownerAgencyName: string;
  notices: { id: string; publicNumber: string | null; displayName: string; type: NoticeType; status: NoticeStatus }[];
}

export interface CampaignInput {
  slug?: string;
  title?: string;
  body?: string;
  translations?: unknown;
  startsOn?: string | null;
  endsOn?: string | null;
  noticeIds?: string[];
  ownerAgencyId?: string;
}

type CampaignFields = Omit<CampaignInput, 'noticeIds' | 'ownerAgencyId' | 'translations'> & { translations?: CampaignTranslations };

export class CampaignService {
  #listener: PublicChangeListener = { invalidate: () => undefined };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {}

  onPublicChange(listener: PublicChangeListener): void {
    this.#listener = listener;
  }

  /** The actor's agency's campaigns and every published one. */
  async list(actor: Actor): Promise<Campaign[]> {
    this.#mayRead(actor);
    let query = this.db.selectFrom('campaign').select('id').orderBy('created_at', 'desc');
    if (actor.type !== 'system') {
      const agencyId = requireMember(actor).agencyId;
      query = query.where((eb) => eb.or([eb('owner_agency_id', '=', agencyId), eb('status', '=', 'published')]));
    }
    const ids = (await query.execute()).map((r) => r.id);
    return Promise.all(ids.map((id) => this.#load(this.db, id) as Promise<Campaign>));
  }

  async get(actor: Actor, id: string): Promise<Campaign> {
    this.#mayRead(actor);
    const campaign = isUuid(id) ? await this.#load(this.db, id) : undefined;
    if (
      campaign === undefined ||
      (actor.type !== 'system' && campaign.status !== 'published' && campaign.ownerAgencyId !== actor.agencyId)
    ) {
      throw notFound('Campaign');
    }
    return campaign;
  }

  async create(actor: Actor, input: CampaignInput): Promise<Campaign> {
    this.#mayChange(actor);
    const ownerAgencyId = actor.type === 'system' ? input.ownerAgencyId : requireMember(actor).agencyId;
    const problems: FieldError[] = [];
    if (ownerAgencyId === undefined) problems.push({ field: 'ownerAgencyId', message: 'name the owning agency' });
    const fields = this.#fields({ ...input, slug: input.slug ?? '', title: input.title ?? '' }, problems);
    const noticeIds = await this.#publishedNotices(this.db, input.noticeIds ?? [], problems);
    if (problems.length > 0 || ownerAgencyId === undefined) throw invalid('The campaign is not valid', problems);
    if ((await this.db.selectFrom('campaign').select('id').where('slug', '=', fields.slug!).executeTakeFirst()) !== undefined) {
      throw conflict(`A campaign with the address "${fields.slug}" exists`);
    }
    const id = await this.db.transaction().execute(async (trx) => {
      const { id: campaignId } = await trx
        .insertInto('campaign')
        .values({
          owner_agency_id: ownerAgencyId,
          slug: fields.slug!,
          title: fields.title!,
          body: fields.body ?? '',
          translations: JSON.stringify(fields.translations ?? {}),
          starts_on: fields.startsOn ?? null,
          ends_on: fields.endsOn ?? null,
          status: 'draft',
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.#setNotices(trx, campaignId, noticeIds);
      await this.audit.record(
        actor,
        { action: 'campaign.create', outcome: 'success', recordType: 'campaign', recordId: campaignId, recordAgencyId: ownerAgencyId },
        trx,
      );
      return campaignId;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: CampaignInput): Promise<Campaign> {
    const current = await this.#own(actor, id);
    const problems: FieldError[] = [];
    const fields = this.#fields(input, problems);
    const noticeIds = input.noticeIds === undefined ? undefined : await this.#publishedNotices(this.db, input.noticeIds, problems);
    if (problems.length > 0) throw invalid('The campaign is not valid', problems);
    if (fields.slug !== undefined && fields.slug !== current.slug) {
      const taken = await this.db.selectFrom('campaign').select('id').where('slug', '=', fields.slug).executeTakeFirst();
      if (taken !== undefined) throw conflict(`A campaign with the address "${fields.slug}" exists`);
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('campaign')
        .set({
          ...(fields.slug !== undefined && { slug: fields.slug }),
          ...(fields.title !== undefined && { title: fields.title }),
          ...(fields.body !== undefined && { body: fields.body }),
          ...(fields.translations !== undefined && { translations: JSON.stringify(fields.translations) }),
          ...(fields.startsOn !== undefined && { starts_on: fields.startsOn }),
          ...(fields.endsOn !== undefined && { ends_on: fields.endsOn }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      if (noticeIds !== undefined) await this.#setNotices(trx, id, noticeIds);
      if (current.status === 'published') await new NoticeRepository(this.db).bumpRevision(trx);
      await this.audit.record(
        actor,
        { action: 'campaign.update', outcome: 'success', recordType: 'campaign', recordId: id, recordAgencyId: current.ownerAgencyId },
        trx,
      );
    });
    this.#listener.invalidate();
    return this.get(actor, id);
  }

  async setStatus(actor: Actor, id: string, status: CampaignStatus): Promise<Campaign> {
    const current = await this.#own(actor, id);
    if (!campaignStatuses.includes(status)) throw invalid('Unknown status', [{ field: 'status', message: campaignStatuses.join(', ') }]);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('campaign').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
      await new NoticeRepository(this.db).bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: `campaign.${status === 'published' ? 'publish' : status === 'archived' ? 'archive' : 'draft'}`,
          outcome: 'success',
          recordType: 'campaign',
          recordId: id,
          recordAgencyId: current.ownerAgencyId,
        },
        trx,
      );
    });
    this.#listener.invalidate();
    return this.get(actor, id);
  }

  async #own(actor: Actor, id: string): Promise<Campaign> {
    this.#mayChange(actor);
    const campaign = await this.get(actor, id);
    if (actor.type !== 'system' && campaign.ownerAgencyId !== actor.agencyId)
      throw forbidden('Only the owning agency may change this campaign');
    return campaign;
  }

  #mayRead(actor: Actor): void {
    if (!hasAnyRole(actor, ['notice_officer', 'investigator', 'admin'])) throw forbidden('Your roles do not allow reading campaigns');
  }

  #mayChange(actor: Actor): void {
    if (!hasAnyRole(actor, ['notice_officer'])) throw forbidden('Your roles do not allow changing campaigns');
  }

  #fields(input: CampaignInput, problems: FieldError[]): CampaignFields {
    const out: CampaignFields = {};
    if (input.slug !== undefined) {
      const slug = input.slug.trim().toLowerCase();
      if (!/^[a-z0-9](?:[a-z0-9-]{1,78})[a-z0-9]$/.test(slug))
        problems.push({ field: 'slug', message: '3 to 80 lower-case letters, digits and dashes' });
      out.slug = slug;
    }
    if (input.title !== undefined) {
      const title = input.title.trim();
      if (title.length < 1 || title.length > 200) problems.push({ field: 'title', message: 'must be 1 to 200 characters' });
      out.title = title;
    }
    if (input.body !== undefined) {
      if (input.body.length > 20_000) problems.push({ field: 'body', message: 'at most 20,000 characters' });
      out.body = input.body.trim();
    }
    if (input.translations !== undefined) {
      const translations: CampaignTranslations = {};
      if (typeof input.translations !== 'object' || input.translations === null)
        problems.push({ field: 'translations', message: 'must be an object' });
      else {
        for (const [lang, value] of Object.entries(input.translations as Record<string, unknown>)) {
          const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
          if (!(publicLanguages as readonly string[]).includes(lang))
            problems.push({ field: `translations/${lang}`, message: 'language must be en, fr, es or ar' });
          else {
            const title = typeof v['title'] === 'string' ? v['title'].trim().slice(0, 200) : undefined;
            const body = typeof v['body'] === 'string' ? v['body'].trim().slice(0, 20_000) : undefined;
            if (title || body) translations[lang as PublicLanguage] = { ...(title && { title }), ...(body && { body }) };
          }
        }
      }
      out.translations = translations;
    }
    for (const key of ['startsOn', 'endsOn'] as const) {
      const value = input[key];
      if (value === undefined) continue;
      if (value === null || value === '') out[key] = null;
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
        problems.push({ field: key, message: 'must be YYYY-MM-DD' });
      else out[key] = value;
    }
    if (typeof out.startsOn === 'string' && typeof out.endsOn === 'string' && out.endsOn < out.startsOn)
      problems.push({ field: 'endsOn', message: 'must not be before startsOn' });
    return out;
  }

  async #publishedNotices(db: Kysely<Database>, ids: readonly string[], problems: FieldError[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const valid = unique.filter(isUuid);
    const rows =
      valid.length === 0
        ? []
        : await db.selectFrom('notice').select('id').where('id', 'in', valid).where('status', '=', 'published').execute();
    const published = new Set(rows.map((r) => r.id));
    unique.forEach((id, i) => {
      if (!published.has(id)) problems.push({ field: `noticeIds/${i}`, message: 'is not a published notice' });
    });
    return unique;
  }

  async #setNotices(trx: Transaction<Database>, campaignId: string, noticeIds: readonly string[]): Promise<void> {
    await trx.deleteFrom('campaign_notice').where('campaign_id', '=', campaignId).execute();
    if (noticeIds.length === 0) return;
    await trx
      .insertInto('campaign_notice')
      .values(noticeIds.map((noticeId, position) => ({ campaign_id: campaignId, notice_id: noticeId, position })))
      .execute();
  }

  async #load(db: Kysely<Database>, id: string): Promise<Campaign | undefined> {
    const row = await db
      .selectFrom('campaign')
      .innerJoin('agency', 'agency.id', 'campaign.owner_agency_id')
      .selectAll('campaign')
      .select((eb) => [
        'agency.name as agency_name',
        eb.fn<string | null>('to_char', ['campaign.starts_on', eb.val('YYYY-MM-DD')]).as('starts_text'),
        eb.fn<string | null>('to_char', ['campaign.ends_on', eb.val('YYYY-MM-DD')]).as('ends_text'),
      ])
      .where('campaign.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const notices = await db
      .selectFrom('campaign_notice')
      .innerJoin('notice', 'notice.id', 'campaign_notice.notice_id')
      .select(['notice.id', 'notice.public_number', 'notice.content', 'notice.type', 'notice.status'])
      .where('campaign_notice.campaign_id', '=', id)
      .orderBy('campaign_notice.position')
      .execute();
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      body: row.body,
      translations: row.translations as CampaignTranslations,
      startsOn: row.starts_text,
      endsOn: row.ends_text,
      status: row.status as CampaignStatus,
      ownerAgencyId: row.owner_agency_id,
      ownerAgencyName: row.agency_name,
      notices: notices.map((n) => ({
        id: n.id,
        publicNumber: n.public_number,
        displayName: noticeDisplayName(n.content as NoticeContent),
        type: n.type as NoticeType,
        status: n.status as NoticeStatus,
      })),
    };
  }
}
