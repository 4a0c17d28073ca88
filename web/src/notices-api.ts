// Typed client for the notices API (docs/notices.md): notices with their lifecycle and photos,
// campaigns that group published notices, and the tips the public sends about them. The model types
// mirror src/notices/notice-model.ts (the console cannot import server code).
import { request, type Query } from './api';

const API_BASE = '/api/v1';

function segment(id: string): string {
  return encodeURIComponent(id);
}

interface ItemList<T> {
  items: T[];
}

// The model (mirrors src/notices/notice-model.ts)

/** INTERPOL's colour-coded notices, plus object appeals ("do you recognise this?"). */
export const NOTICE_TYPES = ['red', 'yellow', 'blue', 'black', 'green', 'orange', 'purple', 'object'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const NOTICE_STATUSES = ['draft', 'submitted', 'published', 'cancelled', 'withdrawn', 'expired'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Who may see the police record; the public extract is public once published, whatever this says. */
export const NOTICE_VISIBILITIES = ['agency', 'shared', 'network'] as const;
export type NoticeVisibility = (typeof NOTICE_VISIBILITIES)[number];

/** Notices about a person; the others (object, purple) may have no person at all. */
export const PERSON_NOTICE_TYPES: readonly NoticeType[] = ['red', 'yellow', 'blue', 'black', 'green'];

export const SEXES = ['F', 'M', 'U'] as const;
export type NoticeSex = (typeof SEXES)[number];

/** The public site's languages; Arabic is written right to left. */
export const PUBLIC_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];

/** The languages a charge or a campaign is translated into (English is the original). */
export const TRANSLATION_LANGUAGES = ['fr', 'es', 'ar'] as const;
export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];

export interface ArrestWarrant {
  /** ISO 3166 alpha-3. */
  issuingCountry: string;
  charge: string;
  chargeTranslations?: Partial<Record<PublicLanguage, string>>;
}

export interface Disappearance {
  /** YYYY-MM-DD. */
  date?: string;
  place?: string;
  /** ISO 3166 alpha-3. */
  country?: string;
}

export interface IdentityDocument {
  number: string;
  country?: string;
}

/** The police-only record. Every field is optional; which are needed depends on the type. */
export interface NoticeContent {
  title?: string;
  familyName?: string;
  forename?: string;
  originalScriptName?: string;
  aliases?: string[];
  sex?: NoticeSex;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  birthPlace?: string;
  birthCountry?: string;
  nationalities?: string[];
  /** ISO 639 codes (eng, fra, ara). */
  languages?: string[];
  heightCm?: number;
  weightKg?: number;
  eyes?: string;
  hair?: string;
  distinguishingMarks?: string;
  arrestWarrants?: ArrestWarrant[];
  disappearance?: Disappearance;
  /** Never public. */
  documents?: IdentityDocument[];
  description?: string;
}

/** Fields that may be chosen for the public extract (`documents` never may). */
export const PUBLIC_FIELD_NAMES = [
  'title',
  'familyName',
  'forename',
  'originalScriptName',
  'aliases',
  'sex',
  'birthDate',
  'birthPlace',
  'birthCountry',
  'nationalities',
  'languages',
  'heightCm',
  'weightKg',
  'eyes',
  'hair',
  'distinguishingMarks',
  'arrestWarrants',
  'disappearance',
  'description',
] as const satisfies readonly (keyof NoticeContent)[];
export type PublicField = (typeof PUBLIC_FIELD_NAMES)[number];

/** The extract a new notice starts from: identity, description and warrants. */
export const DEFAULT_PUBLIC_FIELDS: readonly PublicField[] = [
  'title',
  'familyName',
  'forename',
  'originalScriptName',
  'sex',
  'birthDate',
  'nationalities',
  'arrestWarrants',
  'disappearance',
  'description',
];

/** `YYYY/NNNNN` → `YYYY-NNNNN`, as the public site puts it in addresses. */
export function noticeUrlId(publicNumber: string): string {
  return publicNumber.replace('/', '-');
}

/** The address of a published notice on the public site. */
export function publicNoticeUrl(publicNumber: string, language: PublicLanguage = 'en'): string {
  return `/${language}/notices/${noticeUrlId(publicNumber)}`;
}

/** The content's fields chosen for the extract, and nothing else (what the public will see). */
export function extractContent(content: NoticeContent, fields: readonly string[]): Partial<Omit<NoticeContent, 'documents'>> {
  const chosen = new Set(fields);
  const extract: Partial<Omit<NoticeContent, 'documents'>> = {};
  for (const field of PUBLIC_FIELD_NAMES) {
    if (chosen.has(field) && content[field] !== undefined) Object.assign(extract, { [field]: content[field] });
  }
  return extract;
}

// Notices

export interface NoticeSummary {
  id: string;
  type: NoticeType;
  status: NoticeStatus;
  /** `YYYY/NNNNN` once published. */
  publicNumber: string | null;
  displayName: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  updatedAt: string;
  publishedAt: string | null;
  /** YYYY-MM-DD. */
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
  at: string;
}

export const NOTICE_ACTIONS = ['submit', 'return', 'publish', 'cancel', 'withdraw'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

/** The steps that need a reason. */
export const REASON_REQUIRED: readonly NoticeAction[] = ['return', 'cancel', 'withdraw'];

export interface Notice extends NoticeSummary {
  visibility: NoticeVisibility;
  sharedWith: string[];
  content: NoticeContent;
  publicFields: string[];
  photos: NoticePhoto[];
  events: NoticeEvent[];
  /** What the signed-in user may do with it now. */
  allowed: Record<'edit' | NoticeAction, boolean>;
}

export interface NoticeFilters {
  status?: NoticeStatus;
  type?: NoticeType;
  q?: string;
}

export interface NewNotice {
  type: NoticeType;
  visibility: NoticeVisibility;
  sharedWith?: string[];
  content: NoticeContent;
  publicFields: string[];
  expiresOn?: string;
}

export interface NoticeChanges {
  content?: NoticeContent;
  publicFields?: string[];
  visibility?: NoticeVisibility;
  sharedWith?: string[];
  /** null clears it. */
  expiresOn?: string | null;
}

export async function listNotices(filters: NoticeFilters & { queue?: 'review' }, signal?: AbortSignal): Promise<NoticeSummary[]> {
  const query: Query = { status: filters.status, type: filters.type, q: filters.q, queue: filters.queue };
  return (await request<ItemList<NoticeSummary>>('GET', '/notices', { query, signal })).items;
}

export function getNotice(id: string, signal?: AbortSignal): Promise<Notice> {
  return request<Notice>('GET', `/notices/${segment(id)}`, { signal });
}

export function createNotice(input: NewNotice): Promise<Notice> {
  return request<Notice>('POST', '/notices', { body: input });
}

export function updateNotice(id: string, changes: NoticeChanges): Promise<Notice> {
  return request<Notice>('PATCH', `/notices/${segment(id)}`, { body: changes });
}

/** One step of the lifecycle; `reason` is required for return, cancel and withdraw. */
export function changeNoticeStatus(id: string, action: NoticeAction, reason?: string): Promise<Notice> {
  return request<Notice>('POST', `/notices/${segment(id)}/${action}`, { body: reason ? { reason } : {} });
}

export function uploadNoticePhoto(id: string, file: File, options: { caption: string; public: boolean }): Promise<NoticePhoto> {
  const form = new FormData();
  // The fields first: the server reads the parts in order.
  form.append('caption', options.caption);
  form.append('public', options.public ? 'true' : 'false');
  form.append('file', file, file.name);
  return request<NoticePhoto>('POST', `/notices/${segment(id)}/photos`, { form });
}

export function updateNoticePhoto(id: string, photoId: string, changes: { caption?: string; public?: boolean }): Promise<NoticePhoto> {
  return request<NoticePhoto>('PATCH', `/notices/${segment(id)}/photos/${segment(photoId)}`, { body: changes });
}

export function deleteNoticePhoto(id: string, photoId: string): Promise<void> {
  return request<void>('DELETE', `/notices/${segment(id)}/photos/${segment(photoId)}`);
}

/** The URL of a notice photo (re-encoded JPEG, metadata stripped), for an <img>. */
export function noticePhotoUrl(id: string, photoId: string, variant: 'thumbnail' | 'image' = 'thumbnail'): string {
  return `${API_BASE}/notices/${segment(id)}/photos/${segment(photoId)}?variant=${variant}`;
}

// Campaigns

export const CAMPAIGN_STATUSES = ['draft', 'published', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignTranslation {
  title?: string;
  body?: string;
}

export interface CampaignNotice {
  id: string;
  publicNumber: string | null;
  displayName: string;
  type: NoticeType;
  status: NoticeStatus;
}

export interface Campaign {
  id: string;
  slug: string;
  title: string;
  body: string;
  translations: Partial<Record<TranslationLanguage, CampaignTranslation>>;
  startsOn: string | null;
  endsOn: string | null;
  status: CampaignStatus;
  ownerAgencyId: string;
  ownerAgencyName: string;
  notices: CampaignNotice[];
}

export interface CampaignInput {
  slug: string;
  title: string;
  body?: string;
  translations?: Partial<Record<TranslationLanguage, CampaignTranslation>>;
  startsOn?: string | null;
  endsOn?: string | null;
  noticeIds?: string[];
}

/** The address of a published campaign on the public site. */
export function publicCampaignUrl(slug: string, language: PublicLanguage = 'en'): string {
  return `/${language}/campaigns/${encodeURIComponent(slug)}`;
}

export async function listCampaigns(signal?: AbortSignal): Promise<Campaign[]> {
  return (await request<ItemList<Campaign>>('GET', '/campaigns', { signal })).items;
}

export function getCampaign(id: string, signal?: AbortSignal): Promise<Campaign> {
  return request<Campaign>('GET', `/campaigns/${segment(id)}`, { signal });
}

export function createCampaign(input: CampaignInput): Promise<Campaign> {
  return request<Campaign>('POST', '/campaigns', { body: input });
}

export function updateCampaign(id: string, changes: Partial<CampaignInput>): Promise<Campaign> {
  return request<Campaign>('PATCH', `/campaigns/${segment(id)}`, { body: changes });
}

export function publishCampaign(id: string): Promise<Campaign> {
  return request<Campaign>('POST', `/campaigns/${segment(id)}/publish`, { body: {} });
}

export function archiveCampaign(id: string): Promise<Campaign> {
  return request<Campaign>('POST', `/campaigns/${segment(id)}/archive`, { body: {} });
}

/** A published campaign back to draft: off the public site. */
export function unpublishCampaign(id: string): Promise<Campaign> {
  return request<Campaign>('POST', `/campaigns/${segment(id)}/unpublish`, { body: {} });
}

// Tips

export const TIP_STATUSES = ['new', 'useful', 'not_useful', 'passed_on'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

export interface TipSummary {
  id: string;
  reference: string;
  noticeId: string;
  noticePublicNumber: string | null;
  noticeDisplayName: string;
  status: TipStatus;
  createdAt: string;
  excerpt: string;
  photoCount: number;
  hasContact: boolean;
  ownerAgencyId: string;
}

export type TipMessageKind = 'note' | 'reply' | 'sender';

export interface TipMessage {
  id: string;
  kind: TipMessageKind;
  body: string;
  authorName: string | null;
  at: string;
}

/** A tip is the owning agency's, or shared with chosen agencies; never with the whole network. */
export const TIP_VISIBILITIES = ['agency', 'shared'] as const;
export type TipVisibility = (typeof TIP_VISIBILITIES)[number];

export interface Tip extends TipSummary {
  body: string;
  language: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  visibility: TipVisibility;
  sharedWith: string[];
  photos: { id: string; width: number; height: number }[];
  messages: TipMessage[];
}

export interface TipChanges {
  status?: TipStatus;
  visibility?: TipVisibility;
  sharedWith?: string[];
}

export async function listTips(filters: { status?: TipStatus; noticeId?: string }, signal?: AbortSignal): Promise<TipSummary[]> {
  return (await request<ItemList<TipSummary>>('GET', '/tips', { query: { ...filters }, signal })).items;
}

export function getTip(id: string, signal?: AbortSignal): Promise<Tip> {
  return request<Tip>('GET', `/tips/${segment(id)}`, { signal });
}

export function updateTip(id: string, changes: TipChanges): Promise<Tip> {
  return request<Tip>('PATCH', `/tips/${segment(id)}`, { body: changes });
}

/** An internal note; answers with the tip, the note included. */
export function addTipNote(id: string, body: string): Promise<Tip> {
  return request<Tip>('POST', `/tips/${segment(id)}/notes`, { body: { body } });
}

/** A reply the sender reads with the tip's reference and secret; answers with the tip, the reply included. */
export function replyToTip(id: string, body: string): Promise<Tip> {
  return request<Tip>('POST', `/tips/${segment(id)}/replies`, { body: { body } });
}

/** The URL of a tip photo (re-encoded JPEG). Shown blurred until someone chooses to reveal it. */
export function tipPhotoUrl(id: string, photoId: string): string {
  return `${API_BASE}/tips/${segment(id)}/photos/${segment(photoId)}`;
}
