/**
 * What the public side (pages, public API, tip form) needs from the notice and tip services, and
 * nothing more. The public side never reads the police-only record: only these.
 */
import type { PublicCampaign, PublicLanguage, PublicNotice } from '../notice-model.js';

export interface PublicSnapshot {
  /** The notice revision this snapshot was read at. */
  revision: number;
  /** Published notices that have not expired, newest first. */
  notices: PublicNotice[];
  /** Published campaigns whose dates include today (or have none). */
  campaigns: PublicCampaign[];
}

export interface PublicNoticeSource {
  /** The change counter of everything public; cheap (one row). */
  publicRevision(): Promise<number>;
  publicSnapshot(): Promise<PublicSnapshot>;
  /** A public photo of a published notice, re-encoded JPEG; undefined when absent or not public. */
  publicPhoto(photoId: string, variant: 'image' | 'thumbnail'): Promise<{ bytes: Uint8Array; sha256: string } | undefined>;
}

export interface TipSubmission {
  /** The internal id of the published notice the tip answers (PublicNotice.id). */
  noticeId: string;
  body: string;
  language: PublicLanguage;
  /** All optional: a tip may be anonymous. */
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  /** Raw uploaded files; each is checked, re-encoded and stripped of metadata, or refused. */
  photos: Uint8Array[];
}

export interface TipReceipt {
  /** Shown to the sender: `T-XXXX-XXXX`. */
  reference: string;
  /** Shown once; with the reference it reads replies later. */
  secret: string;
}

export interface SenderView {
  reference: string;
  noticeNumber: string;
  createdAt: string;
  /** The sender's own text, replies from the agency and the sender's follow-ups, oldest first (internal notes never). */
  messages: { kind: 'tip' | 'reply' | 'sender'; body: string; at: string }[];
}

export interface PublicTipSink {
  /** Throws AppError `invalid` (with fields), `payload_too_large` or `not_found` (no such published notice). */
  submit(submission: TipSubmission): Promise<TipReceipt>;
  /** undefined when the reference or the secret is wrong (the two are not told apart). */
  readAsSender(reference: string, secret: string): Promise<SenderView | undefined>;
  /** Adds a follow-up from the sender; false when the reference or secret is wrong. */
  followUp(reference: string, secret: string, body: string): Promise<boolean>;
}

/** Limits of the public tip form, shown to the visitor and enforced by the service. */
export const tipLimits = {
  bodyMaxChars: 10_000,
  photosMax: 3,
  photoMaxBytes: 8 * 1024 * 1024,
  photoMaxPixels: 40_000_000,
} as const;
