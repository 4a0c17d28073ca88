/**
 * Tips from the public. A tip answers one published notice and goes only to the queue of the
 * agency that owns that notice; nobody else sees it unless that agency shares it. The sender,
 * anonymous or not, gets a reference and a secret to read the agency's replies later without an
 * account. The sender's address is never stored, not even in the audit trail.
 *
 *   const { reference, secret } = await tips.submit({ noticeId, body, language: 'en', photos: [] });
 *   const queue = await tips.list(officer, { status: 'new' });
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { anonymousActor, requireMember, type Actor } from '../../platform/access/actor.js';
import type { Visibility } from '../../platform/access/roles.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../../platform/access/visibility.js';
import { AgencyRepository, isUuid } from '../../platform/agencies/agency.repository.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Database } from '../../platform/database/schema.js';
import { invalid, notFound, type FieldError } from '../../platform/errors.js';
import { publicLanguages } from '../notice-model.js';
import { reencodePhoto, type ReencodedPhoto } from '../photos.js';
import { tipLimits, type PublicTipSink, type SenderView, type TipReceipt, type TipSubmission } from '../public/public-data.js';
import { TipRepository, tipStatuses, type TipDetail, type TipFilter, type TipStatus, type TipSummary } from './tip.repository.js';

export const tipPolicy: RecordPolicy = {
  table: 'tip',
  label: 'Tip',
  readRoles: ['notice_officer', 'investigator', 'admin'],
  changeRoles: ['notice_officer', 'investigator'],
};

export interface TipChanges {
  status?: string;
  visibility?: string;
  sharedWith?: string[];
}

const messageLimit = 10_000;
/** Crockford's base 32: no I, L, O or U to misread. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export class TipService implements PublicTipSink {
  readonly repository: TipRepository;
  readonly #agencies: AgencyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
  ) {
    this.repository = new TipRepository(db);
    this.#agencies = new AgencyRepository(db);
  }

  // From the public.

  async submit(submission: TipSubmission): Promise<TipReceipt> {
    const problems: FieldError[] = [];
    const body = submission.body.trim();
    if (body.length === 0) problems.push({ field: 'body', message: 'Write what you know' });
    if (body.length > tipLimits.bodyMaxChars) problems.push({ field: 'body', message: `At most ${tipLimits.bodyMaxChars} characters` });
    if (!(publicLanguages as readonly string[]).includes(submission.language))
      problems.push({ field: 'language', message: 'must be en, fr, es or ar' });
    const contact = {
      name: optionalText(submission.contactName, 'contactName', 200, problems),
      email: optionalText(submission.contactEmail, 'contactEmail', 200, problems),
      phone: optionalText(submission.contactPhone, 'contactPhone', 60, problems),
    };
    if (contact.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email))
      problems.push({ field: 'contactEmail', message: 'is not an e-mail address' });
    if (submission.photos.length > tipLimits.photosMax)
      problems.push({ field: 'photos', message: `At most ${tipLimits.photosMax} photos` });
    if (problems.length > 0) throw invalid('The tip could not be sent', problems);
    const notice = isUuid(submission.noticeId) ? await this.repository.publishedNotice(submission.noticeId) : undefined;
    if (notice === undefined) throw notFound('Notice');
    const photos: ReencodedPhoto[] = [];
    for (const [i, bytes] of submission.photos.entries()) {
      photos.push(
        await reencodePhoto(bytes, { maxBytes: tipLimits.photoMaxBytes, maxPixels: tipLimits.photoMaxPixels, field: `photos/${i}` }),
      );
    }
    const reference = `T-${code(4)}-${code(4)}`;
    const secret = `${code(4)}-${code(4)}-${code(4)}-${code(4)}`;
    await this.db.transaction().execute(async (trx) => {
      const id = await this.repository.insert(trx, {
        reference,
        secretHash: hashSecret(secret),
        noticeId: notice.id,
        ownerAgencyId: notice.ownerAgencyId,
        language: submission.language,
        body,
        contactName: contact.name,
        contactEmail: contact.email,
        contactPhone: contact.phone,
      });
      for (const photo of photos) await this.repository.insertPhoto(trx, id, photo);
      await this.audit.record(
        publicActor(),
        {
          action: 'tip.submit',
          outcome: 'success',
          recordType: 'tip',
          recordId: id,
          recordAgencyId: notice.ownerAgencyId,
          details: {
            noticeId: notice.id,
            photos: photos.length,
            anonymous: contact.name === null && contact.email === null && contact.phone === null,
          },
        },
        trx,
      );
    });
    return { reference, secret };
  }

  async readAsSender(reference: string, secret: string): Promise<SenderView | undefined> {
    const tip = await this.#authenticSender(reference, secret);
    if (tip === undefined) return undefined;
    const messages = await this.repository.messages(tip.id, ['reply', 'sender']);
    return {
      reference: tip.reference,
      noticeNumber: tip.noticePublicNumber ?? '',
      createdAt: tip.createdAt.toISOString(),
      messages: [
        { kind: 'tip', body: tip.body, at: tip.createdAt.toISOString() },
        ...messages.map((m) => ({ kind: m.kind as 'reply' | 'sender', body: m.body, at: m.at.toISOString() })),
      ],
    };
  }

  async followUp(reference: string, secret: string, body: string): Promise<boolean> {
    const text = body.trim();
    if (text.length === 0 || text.length > tipLimits.bodyMaxChars) {
      throw invalid('The message could not be sent', [{ field: 'body', message: `Write 1 to ${tipLimits.bodyMaxChars} characters` }]);
    }
    const tip = await this.#authenticSender(reference, secret);
    if (tip === undefined) return false;
    await this.db.transaction().execute(async (trx) => {
      await this.repository.addMessage(trx, tip.id, { kind: 'sender', body: text, authorName: null, authorAgencyId: null });
      await this.audit.record(
        publicActor(),
        { action: 'tip.follow-up', outcome: 'success', recordType: 'tip', recordId: tip.id, recordAgencyId: tip.ownerAgencyId },
        trx,
      );
    });
    return true;
  }

  // The owning agency (and agencies it shared a tip with).

  async list(actor: Actor, filter: TipFilter = {}): Promise<TipSummary[]> {
    assertMayRead(actor, tipPolicy);
    if (filter.status !== undefined && !(tipStatuses as readonly string[]).includes(filter.status)) {
      throw invalid('Unknown tip status', [{ field: 'status', message: `must be one of ${tipStatuses.join(', ')}` }]);
    }
    const items = await this.repository.list(viewerOf(actor), filter);
    await this.audit.record(actor, {
      action: 'tip.list',
      outcome: 'success',
      recordType: 'tip',
      details: { count: items.length, ...filter },
    });
    return items;
  }

  async get(actor: Actor, id: string): Promise<TipDetail> {
    assertMayRead(actor, tipPolicy);
    const tip = orNotFound(await this.repository.find(viewerOf(actor), id), tipPolicy);
    await this.audit.record(actor, {
      action: 'tip.read',
      outcome: 'success',
      recordType: 'tip',
      recordId: id,
      recordAgencyId: tip.ownerAgencyId,
    });
    return tip;
  }

  async update(actor: Actor, id: string, changes: TipChanges): Promise<TipDetail> {
    assertMayChange(actor, tipPolicy);
    const tip = orNotFound(await this.repository.find(viewerOf(actor), id), tipPolicy);
    assertOwner(actor, tipPolicy, tip.ownerAgencyId);
    const problems: FieldError[] = [];
    if (changes.status !== undefined && !(tipStatuses as readonly string[]).includes(changes.status)) {
      problems.push({ field: 'status', message: `must be one of ${tipStatuses.join(', ')}` });
    }
    if (changes.visibility !== undefined && changes.visibility !== 'agency' && changes.visibility !== 'shared') {
      problems.push({ field: 'visibility', message: 'must be agency or shared (a tip is never visible to the whole network)' });
    }
    const sharedWith = changes.sharedWith === undefined ? undefined : [...new Set(changes.sharedWith)];
    if (sharedWith !== undefined) {
      const missing = await this.#agencies.missing(sharedWith);
      if (missing.length > 0) problems.push({ field: 'sharedWith', message: `unknown agencies: ${missing.join(', ')}` });
    }
    if (problems.length > 0) throw invalid('The change is not valid', problems);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, tip, {
        ...(changes.status !== undefined && { status: changes.status as TipStatus }),
        ...(changes.visibility !== undefined && { visibility: changes.visibility as Visibility }),
        ...(sharedWith !== undefined && { sharedWith }),
      });
      await this.audit.record(
        actor,
        {
          action: 'tip.update',
          outcome: 'success',
          recordType: 'tip',
          recordId: id,
          recordAgencyId: tip.ownerAgencyId,
          details: { ...changes },
        },
        trx,
      );
    });
    return this.get(actor, id);
  }

  /** An internal note (never shown to the sender). */
  async addNote(actor: Actor, id: string, body: string): Promise<TipDetail> {
    return this.#addMessage(actor, id, 'note', body);
  }

  /** A reply the sender reads with the reference and secret. */
  async reply(actor: Actor, id: string, body: string): Promise<TipDetail> {
    return this.#addMessage(actor, id, 'reply', body);
  }

  async photo(actor: Actor, id: string, photoId: string): Promise<{ bytes: Uint8Array; sha256: string }> {
    assertMayRead(actor, tipPolicy);
    const tip = orNotFound(await this.repository.find(viewerOf(actor), id), tipPolicy);
    const photo = await this.repository.photoBytes(id, photoId);
    if (photo === undefined) throw notFound('Photo');
    await this.audit.record(actor, {
      action: 'tip.photo.read',
      outcome: 'success',
      recordType: 'tip',
      recordId: id,
      recordAgencyId: tip.ownerAgencyId,
      details: { photoId },
    });
    return photo;
  }

  async #addMessage(actor: Actor, id: string, kind: 'note' | 'reply', body: string): Promise<TipDetail> {
    assertMayChange(actor, tipPolicy);
    const member = actor.type === 'system' ? undefined : requireMember(actor);
    const tip = orNotFound(await this.repository.find(viewerOf(actor), id), tipPolicy);
    assertOwner(actor, tipPolicy, tip.ownerAgencyId);
    const text = body.trim();
    if (text.length === 0 || text.length > messageLimit)
      throw invalid('The message is empty or too long', [{ field: 'body', message: `1 to ${messageLimit} characters` }]);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.addMessage(trx, id, { kind, body: text, authorName: actor.name, authorAgencyId: member?.agencyId ?? null });
      await this.audit.record(
        actor,
        { action: `tip.${kind}`, outcome: 'success', recordType: 'tip', recordId: id, recordAgencyId: tip.ownerAgencyId },
        trx,
      );
    });
    return this.get(actor, id);
  }

  /** The tip if the secret is right; undefined for a wrong reference or secret alike. */
  async #authenticSender(reference: string, secret: string): Promise<TipDetail | undefined> {
    const found = await this.repository.findByReference(normaliseCode(reference));
    const expected = Buffer.from(found?.secretHash ?? hashSecret('no such tip'), 'hex');
    const given = Buffer.from(hashSecret(secret), 'hex');
    const ok = timingSafeEqual(expected, given);
    return found !== undefined && ok ? found.tip : undefined;
  }
}

/** Who the public is in the audit trail: no address, no name. */
function publicActor(): Actor {
  return { ...anonymousActor(null, null), name: 'public' };
}

function code(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Upper case, Crockford's look-alikes folded (O→0, I/L→1), spaces dropped. */
function normaliseCode(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function hashSecret(secret: string): string {
  return createHash('sha256')
    .update(`vigil-tip:${normaliseCode(secret)}`)
    .digest('hex');
}

function optionalText(value: string | undefined, field: string, limit: number, problems: FieldError[]): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > limit) problems.push({ field, message: `At most ${limit} characters` });
  return trimmed === '' ? null : trimmed;
}
