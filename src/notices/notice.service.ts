/**
 * Notices: an agency writes the police-only record and chooses the fields of its public extract;
 * the lifecycle is draft → submitted → published → cancelled, withdrawn or expired, each step
 * audited with its reason and kept in the notice's history.
 *
 * Review: submitting sends the notice to the publishing agencies (the operator and the national
 * central bureaus), whose notice officers may then see it, return it with a reason, or publish it:
 * never the officer who submitted it. Published red and yellow notices feed screening (see
 * notice-watchlist-feed.ts). Everything the public sees changes the notice revision, so every
 * process's public catalogue reloads.
 *
 *   const notice = await notices.create(actor, { type: 'red', visibility: 'network', content, publicFields });
 *   await notices.transition(actor, notice.id, 'submit');
 *   await notices.transition(reviewer, notice.id, 'publish');
 */
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../platform/access/actor.js';
import { visibilities, type Visibility } from '../platform/access/roles.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../platform/access/visibility.js';
import { AgencyRepository } from '../platform/agencies/agency.repository.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Database } from '../platform/database/schema.js';
import { forbidden, invalid, notFound, conflict, type FieldError } from '../platform/errors.js';
import { systemActor } from '../platform/access/actor.js';
import {
  noticeTransitions,
  noticeTypes,
  validateContent,
  validatePublicFields,
  type NoticeAction,
  type NoticeContent,
  type NoticeStatus,
  type NoticeType,
} from './notice-model.js';
import { feedNotice, unfeedNotice } from './notice-watchlist-feed.js';
import {
  NoticeRepository,
  type NoticeEvent,
  type NoticeFilter,
  type NoticePhoto,
  type NoticeRecord,
  type NoticeSummary,
  type NoticeViewer,
} from './notice.repository.js';
import { reencodePhoto } from './photos.js';
import type { PublicNoticeSource, PublicSnapshot } from './public/public-data.js';

export const noticePolicy: RecordPolicy = {
  table: 'notice',
  label: 'Notice',
  readRoles: ['notice_officer', 'investigator', 'border_officer', 'analyst', 'admin'],
  changeRoles: ['notice_officer'],
};

/** Reasons are required for these steps. */
const reasonRequired: readonly NoticeAction[] = ['return', 'cancel', 'withdraw'];
const photoMaxBytes = 20 * 1024 * 1024;
const photosPerNotice = 12;
const expiryCheckMs = 5 * 60 * 1000;

export interface NoticeInput {
  type: string;
  visibility: string;
  sharedWith?: string[];
  content: unknown;
  publicFields: string[];
  /** YYYY-MM-DD, or null for none. */
  expiresOn?: string | null;
  /** The CLI (local operator) names the owning agency. */
  ownerAgencyId?: string;
}

export type NoticeChanges = Partial<Omit<NoticeInput, 'type' | 'ownerAgencyId'>>;

export interface NoticeDetail extends NoticeRecord {
  photos: NoticePhoto[];
  events: NoticeEvent[];
  /** What this actor may do now. */
  allowed: Record<'edit' | NoticeAction, boolean>;
}

/** Told when something public changed in this process (the public catalogue reloads). */
export interface PublicChangeListener {
  invalidate(): void;
}

export interface ScreeningChangeListener {
  watchlistsChanged(): void;
}

export class NoticeService implements PublicNoticeSource {
  readonly repository: NoticeRepository;
  readonly #agencies: AgencyRepository;
  #expiryCheckedAt = 0;
  #publicListener: PublicChangeListener = { invalidate: () => undefined };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly screening: ScreeningChangeListener = { watchlistsChanged: () => undefined },
    private readonly today: () => Date = () => new Date(),
  ) {
    this.repository = new NoticeRepository(db);
    this.#agencies = new AgencyRepository(db);
  }

  /** The public catalogue registers here to hear of this process's changes at once. */
  onPublicChange(listener: PublicChangeListener): void {
    this.#publicListener = listener;
  }

  async list(actor: Actor, filter: NoticeFilter = {}): Promise<NoticeSummary[]> {
    assertMayRead(actor, noticePolicy);
    return this.repository.list(await this.#who(actor), filter);
  }

  async get(actor: Actor, id: string): Promise<NoticeDetail> {
    assertMayRead(actor, noticePolicy);
    const who = await this.#who(actor);
    const notice = orNotFound(await this.repository.find(who, id), noticePolicy);
    await this.audit.record(actor, {
      action: 'notice.read',
      outcome: 'success',
      recordType: 'notice',
      recordId: id,
      recordAgencyId: notice.ownerAgencyId,
    });
    const [photos, events] = await Promise.all([this.repository.photos(id), this.repository.events(id)]);
    return { ...notice, photos, events, allowed: this.#allowed(actor, who, notice) };
  }

  async create(actor: Actor, input: NoticeInput): Promise<NoticeDetail> {
    assertMayChange(actor, noticePolicy);
    const ownerAgencyId = actor.type === 'system' ? input.ownerAgencyId : requireMember(actor).agencyId;
    const problems: FieldError[] = [];
    if (!(noticeTypes as readonly string[]).includes(input.type))
      problems.push({ field: 'type', message: `must be one of ${noticeTypes.join(', ')}` });
    const type = input.type as NoticeType;
    const { content, problems: contentProblems } = validateContent(type, input.content);
    problems.push(...contentProblems, ...validatePublicFields(input.publicFields));
    const visibility = this.#visibility(input.visibility, problems);
    const expiresOn = this.#expiry(input.expiresOn, problems);
    if (ownerAgencyId === undefined) problems.push({ field: 'ownerAgencyId', message: 'name the owning agency' });
    else if ((await this.#agencies.find(ownerAgencyId)) === undefined) problems.push({ field: 'ownerAgencyId', message: 'no such agency' });
    const sharedWith = await this.#sharedWith(input.sharedWith ?? [], problems);
    if (problems.length > 0 || ownerAgencyId === undefined) throw invalid('The notice is not valid', problems);
    const id = await this.db.transaction().execute(async (trx) => {
      const noticeId = await this.repository.insert(trx, {
        ownerAgencyId,
        visibility,
        sharedWith,
        type,
        content,
        publicFields: [...new Set(input.publicFields)],
        expiresOn: expiresOn ?? null,
        createdBy: actor.type === 'user' ? actor.id : null,
      });
      await this.repository.addEvent(trx, noticeId, {
        from: null,
        to: 'draft',
        reason: '',
        actorName: actor.name,
        actorAgencyId: actor.agencyId,
      });
      await this.audit.record(
        actor,
        {
          action: 'notice.create',
          outcome: 'success',
          recordType: 'notice',
          recordId: noticeId,
          recordAgencyId: ownerAgencyId,
          details: { type },
        },
        trx,
      );
      return noticeId;
    });
    return this.#detail(actor, id);
  }

  /** Changes a draft (only the owning agency, only in draft). */
  async update(actor: Actor, id: string, changes: NoticeChanges): Promise<NoticeDetail> {
    assertMayChange(actor, noticePolicy);
    const who = await this.#who(actor);
    const notice = orNotFound(await this.repository.find(who, id), noticePolicy);
    assertOwner(actor, noticePolicy, notice.ownerAgencyId);
    if (notice.status !== 'draft') throw conflict(`Only a draft can be changed; this notice is ${notice.status}`);
    const problems: FieldError[] = [];
    let content: NoticeContent | undefined;
    if (changes.content !== undefined) {
      const result = validateContent(notice.type, changes.content);
      content = result.content;
      problems.push(...result.problems);
    }
    if (changes.publicFields !== undefined) problems.push(...validatePublicFields(changes.publicFields));
    const visibility = changes.visibility === undefined ? undefined : this.#visibility(changes.visibility, problems);
    const expiresOn = changes.expiresOn === undefined ? undefined : this.#expiry(changes.expiresOn, problems);
    const sharedWith = changes.sharedWith === undefined ? undefined : await this.#sharedWith(changes.sharedWith, problems);
    if (problems.length > 0) throw invalid('The notice is not valid', problems);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, notice, {
        ...(content !== undefined && { content }),
        ...(changes.publicFields !== undefined && { publicFields: [...new Set(changes.publicFields)] }),
        ...(visibility !== undefined && { visibility }),
        ...(sharedWith !== undefined && { sharedWith }),
        ...(expiresOn !== undefined && { expiresOn }),
      });
      await this.audit.record(
        actor,
        {
          action: 'notice.update',
          outcome: 'success',
          recordType: 'notice',
          recordId: id,
          recordAgencyId: notice.ownerAgencyId,
          details: { fields: Object.keys(changes) },
        },
        trx,
      );
    });
    return this.#detail(actor, id);
  }

  /** One lifecycle step; `reason` is required to return, cancel or withdraw. */
  async transition(actor: Actor, id: string, action: NoticeAction, reason = ''): Promise<NoticeDetail> {
    if (action === 'expire' && actor.type !== 'system') throw forbidden('Notices expire by themselves');
    if (action !== 'expire') assertMayChange(actor, noticePolicy);
    const who = await this.#who(actor);
    const notice = orNotFound(await this.repository.find(who, id), noticePolicy);
    const trimmed = reason.trim();
    if (reasonRequired.includes(action) && trimmed === '')
      throw invalid(`Give a reason to ${action} a notice`, [{ field: 'reason', message: 'is required' }]);
    if (trimmed.length > 2000) throw invalid('The reason is too long', [{ field: 'reason', message: 'at most 2000 characters' }]);
    const allowed = this.#allowed(actor, who, notice);
    if (!allowed[action]) {
      await this.audit.record(actor, {
        action: `notice.${action}`,
        outcome: 'denied',
        recordType: 'notice',
        recordId: id,
        recordAgencyId: notice.ownerAgencyId,
        reason: this.#whyNot(actor, who, notice, action),
      });
      if (!(noticeTransitions[action].from as readonly NoticeStatus[]).includes(notice.status)) {
        throw conflict(`A ${notice.status} notice cannot be ${pastTense[action]}`);
      }
      throw forbidden(this.#whyNot(actor, who, notice, action));
    }
    if (action === 'submit' && notice.publicFields.length === 0 && notice.type !== 'green' && notice.type !== 'orange') {
      throw invalid('Choose the fields of the public extract before submitting', [
        { field: 'publicFields', message: 'choose at least one' },
      ]);
    }
    let screeningChanged = false;
    await this.db.transaction().execute(async (trx) => {
      await this.repository.lock(trx, id);
      const current = orNotFound(await this.repository.find(who, id, trx), noticePolicy);
      const step = noticeTransitions[action];
      if (!(step.from as readonly NoticeStatus[]).includes(current.status))
        throw conflict(`A ${current.status} notice cannot be ${pastTense[action]}`);
      const to: NoticeStatus = step.to;
      if (action === 'publish') {
        const publicNumber = current.publicNumber ?? (await this.repository.nextPublicNumber(trx, this.today().getUTCFullYear()));
        await this.repository.setStatus(trx, id, to, {
          publishedBy: actor.type === 'user' ? actor.id : null,
          publishedByAgencyId: actor.agencyId ?? current.ownerAgencyId,
          publicNumber,
        });
        screeningChanged = await feedNotice(trx, {
          id,
          type: current.type,
          ownerAgencyId: current.ownerAgencyId,
          publicNumber,
          content: current.content,
        });
      } else {
        await this.repository.setStatus(trx, id, to, action === 'submit' ? { submittedBy: actor.type === 'user' ? actor.id : null } : {});
        if (current.status === 'published') screeningChanged = await unfeedNotice(trx, id);
      }
      await this.repository.addEvent(trx, id, {
        from: current.status,
        to,
        reason: trimmed,
        actorName: actor.name,
        actorAgencyId: actor.agencyId,
      });
      if (current.status === 'published' || to === 'published') await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: `notice.${action}`,
          outcome: 'success',
          recordType: 'notice',
          recordId: id,
          recordAgencyId: current.ownerAgencyId,
          ...(trimmed !== '' && { reason: trimmed }),
          details: { from: current.status, to },
        },
        trx,
      );
    });
    if (screeningChanged) this.screening.watchlistsChanged();
    this.#publicListener.invalidate();
    return actor.type === 'system' && action === 'expire' ? this.#detail(systemActor(), id) : this.#detail(actor, id);
  }

  /** Expires every published notice whose expiry date has passed; returns how many. */
  async expireDue(): Promise<number> {
    const ids = await this.repository.dueToExpire(isoDate(this.today()));
    const actor = systemActor('notice-expiry');
    let expired = 0;
    for (const id of ids) {
      try {
        await this.transition(actor, id, 'expire', 'The expiry date has passed');
        expired += 1;
      } catch (error) {
        // Another process expired it first: fine.
        if (!(error instanceof Error && 'code' in error && error.code === 'conflict')) throw error;
      }
    }
    return expired;
  }

  async addPhoto(actor: Actor, id: string, bytes: Uint8Array, options: { caption?: string; public?: boolean }): Promise<NoticePhoto> {
    const notice = await this.#ownDraftOrPublished(actor, id);
    const existing = await this.repository.photos(id);
    if (existing.length >= photosPerNotice) throw conflict(`A notice holds at most ${photosPerNotice} photos`);
    const photo = await reencodePhoto(bytes, { maxBytes: photoMaxBytes, field: 'file' });
    const caption = (options.caption ?? '').trim().slice(0, 300);
    const added = await this.db.transaction().execute(async (trx) => {
      const row = await this.repository.insertPhoto(trx, id, { ...photo, caption, public: options.public ?? false });
      if (notice.status === 'published') await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: 'notice.photo.add',
          outcome: 'success',
          recordType: 'notice',
          recordId: id,
          recordAgencyId: notice.ownerAgencyId,
          details: { photoId: row.id, public: row.public },
        },
        trx,
      );
      return row;
    });
    this.#publicListener.invalidate();
    return added;
  }

  async updatePhoto(actor: Actor, id: string, photoId: string, changes: { caption?: string; public?: boolean }): Promise<NoticePhoto> {
    const notice = await this.#ownDraftOrPublished(actor, id);
    await this.db.transaction().execute(async (trx) => {
      const caption = changes.caption?.trim().slice(0, 300);
      if (
        !(await this.repository.updatePhoto(trx, id, photoId, {
          ...(caption !== undefined && { caption }),
          ...(changes.public !== undefined && { public: changes.public }),
        }))
      ) {
        throw notFound('Photo');
      }
      if (notice.status === 'published') await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: 'notice.photo.update',
          outcome: 'success',
          recordType: 'notice',
          recordId: id,
          recordAgencyId: notice.ownerAgencyId,
          details: { photoId, ...changes },
        },
        trx,
      );
    });
    this.#publicListener.invalidate();
    const photo = (await this.repository.photos(id)).find((p) => p.id === photoId);
    if (photo === undefined) throw notFound('Photo');
    return photo;
  }

  async deletePhoto(actor: Actor, id: string, photoId: string): Promise<void> {
    const notice = await this.#ownDraftOrPublished(actor, id);
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.repository.deletePhoto(trx, id, photoId))) throw notFound('Photo');
      if (notice.status === 'published') await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: 'notice.photo.delete',
          outcome: 'success',
          recordType: 'notice',
          recordId: id,
          recordAgencyId: notice.ownerAgencyId,
          details: { photoId },
        },
        trx,
      );
    });
    this.#publicListener.invalidate();
  }

  /** A photo of a notice the actor may see (audited). */
  async photo(actor: Actor, id: string, photoId: string, variant: 'image' | 'thumbnail'): Promise<{ bytes: Uint8Array; sha256: string }> {
    assertMayRead(actor, noticePolicy);
    const notice = orNotFound(await this.repository.find(await this.#who(actor), id), noticePolicy);
    const photo = await this.repository.photoBytes(id, photoId, variant);
    if (photo === undefined) throw notFound('Photo');
    await this.audit.record(actor, {
      action: 'notice.photo.read',
      outcome: 'success',
      recordType: 'notice',
      recordId: id,
      recordAgencyId: notice.ownerAgencyId,
      details: { photoId, variant },
    });
    return photo;
  }

  // The public side (PublicNoticeSource): only public extracts, never the police-only record.

  async publicRevision(): Promise<number> {
    const now = Date.now();
    if (now - this.#expiryCheckedAt >= expiryCheckMs) {
      this.#expiryCheckedAt = now;
      await this.expireDue();
    }
    return this.repository.revision();
  }

  async publicSnapshot(): Promise<PublicSnapshot> {
    const revision = await this.repository.revision();
    const { notices, campaigns } = await this.repository.publicSnapshot(isoDate(this.today()));
    return { revision, notices, campaigns };
  }

  async publicPhoto(photoId: string, variant: 'image' | 'thumbnail'): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
    return this.repository.publicPhotoBytes(photoId, variant);
  }

  async #ownDraftOrPublished(actor: Actor, id: string): Promise<NoticeRecord> {
    assertMayChange(actor, noticePolicy);
    const notice = orNotFound(await this.repository.find(await this.#who(actor), id), noticePolicy);
    assertOwner(actor, noticePolicy, notice.ownerAgencyId);
    if (notice.status !== 'draft' && notice.status !== 'published')
      throw conflict(`The photos of a ${notice.status} notice cannot be changed`);
    return notice;
  }

  async #detail(actor: Actor, id: string): Promise<NoticeDetail> {
    const who = await this.#who(actor);
    const notice = orNotFound(await this.repository.find(who, id), noticePolicy);
    const [photos, events] = await Promise.all([this.repository.photos(id), this.repository.events(id)]);
    return { ...notice, photos, events, allowed: this.#allowed(actor, who, notice) };
  }

  /** The actor as a notice viewer: its agency, and whether that agency publishes notices. */
  async #who(actor: Actor): Promise<NoticeViewer> {
    const viewer = viewerOf(actor);
    if (viewer === 'all') return { viewer, publisher: true };
    return { viewer, publisher: await this.isPublishingAgency(viewer.agencyId) };
  }

  /** The operator agency and national central bureaus review and publish notices. */
  async isPublishingAgency(agencyId: string): Promise<boolean> {
    const agency = await this.#agencies.find(agencyId);
    return agency !== undefined && (agency.isOperator || agency.kind === 'national_central_bureau');
  }

  #allowed(actor: Actor, who: NoticeViewer, notice: NoticeRecord): NoticeDetail['allowed'] {
    const result = { edit: false, submit: false, return: false, publish: false, cancel: false, withdraw: false, expire: false };
    for (const action of Object.keys(result) as ('edit' | NoticeAction)[]) result[action] = this.#whyNot(actor, who, notice, action) === '';
    return result;
  }

  /** Why the actor may not take the step now ('' when it may). */
  #whyNot(actor: Actor, who: NoticeViewer, notice: NoticeRecord, action: 'edit' | NoticeAction): string {
    const system = actor.type === 'system';
    if (action === 'expire') return system && notice.status === 'published' ? '' : 'Notices expire by themselves';
    if (!system && !actor.roles.includes('notice_officer')) return 'This needs the notice_officer role';
    const owner = system || actor.agencyId === notice.ownerAgencyId;
    const from = action === 'edit' ? ['draft'] : (noticeTransitions[action].from as readonly NoticeStatus[]);
    if (!from.includes(notice.status)) return `A ${notice.status} notice cannot be ${action === 'edit' ? 'changed' : pastTense[action]}`;
    switch (action) {
      case 'edit':
      case 'submit':
      case 'cancel':
        return owner ? '' : 'Only the owning agency may do this';
      case 'return':
        return who.publisher ? '' : 'Only a publishing agency reviews notices';
      case 'publish':
        if (!who.publisher) return 'Only a publishing agency publishes notices';
        if (!system && notice.submittedBy !== null && notice.submittedBy === actor.id)
          return 'Another notice officer must review and publish a notice you submitted';
        return '';
      case 'withdraw':
        return owner || who.publisher ? '' : 'Only the owning or a publishing agency may withdraw a notice';
    }
  }

  #visibility(value: string, problems: FieldError[]): Visibility {
    if (!(visibilities as readonly string[]).includes(value) || value === 'public') {
      problems.push({
        field: 'visibility',
        message: 'must be agency, shared or network (the public sees only the public extract of a published notice)',
      });
      return 'agency';
    }
    return value as Visibility;
  }

  #expiry(value: string | null | undefined, problems: FieldError[]): string | null | undefined {
    if (value === undefined || value === null || value === '') return value === '' ? null : value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      problems.push({ field: 'expiresOn', message: 'must be YYYY-MM-DD' });
      return undefined;
    }
    return value;
  }

  async #sharedWith(ids: readonly string[], problems: FieldError[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const missing = await this.#agencies.missing(unique);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `unknown agencies: ${missing.join(', ')}` });
    return unique;
  }
}

const pastTense: Record<NoticeAction, string> = {
  submit: 'submitted',
  return: 'returned',
  publish: 'published',
  cancel: 'cancelled',
  withdraw: 'withdrawn',
  expire: 'expired',
};

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
