// Typed client for the dark web API (src/darkweb/darkweb.routes.ts): monitored sites and their
// visits, captured pages (as text), media (as hashes and match labels: the bytes are never
// served), accounts, mirrors, alerts and the onion address check. The model types mirror the
// service types in src/darkweb/ (the console cannot import server code); dates are ISO strings.
import { request, type MatchedOn, type Query, type Visibility } from './api';

function segment(id: string): string {
  return encodeURIComponent(id);
}

interface ItemList<T> {
  items: T[];
}

/** api.ts's request() names only GET, POST, PATCH and DELETE; fetch sends PUT all the same. */
const PUT = 'PUT';

// Sites (mirror src/darkweb/site.repository.ts and site-model.ts)

export type SiteKind = 'onion' | 'clear';

export const SITE_STATUSES = ['active', 'paused'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

/** A site is never public: agency, shared with chosen agencies, or the whole network. */
export const SITE_VISIBILITIES = ['agency', 'shared', 'network'] as const satisfies readonly Visibility[];
export type SiteVisibility = (typeof SITE_VISIBILITIES)[number];

/** CSS selectors and patterns the crawler applies to every page of the site (src/darkweb/extract/extraction-rules.ts). */
export interface ExtractionRules {
  usernameSelector?: string;
  postSelector?: string;
  postAuthorSelector?: string;
  postTimeSelector?: string;
  memberCountSelector?: string;
  memberCountPattern?: string;
  loggedOutSelector?: string;
  loggedOutPattern?: string;
}

export const EXTRACTION_RULE_FIELDS = [
  'usernameSelector',
  'postSelector',
  'postAuthorSelector',
  'postTimeSelector',
  'memberCountSelector',
  'memberCountPattern',
  'loggedOutSelector',
  'loggedOutPattern',
] as const satisfies readonly (keyof ExtractionRules)[];
export type ExtractionRuleField = (typeof EXTRACTION_RULE_FIELDS)[number];

/** The crawl settings, with the server's defaults and limits (src/darkweb/site-model.ts). */
export const SITE_NUMBERS = {
  maxDepth: { default: 5, min: 0, max: 1000 },
  maxPages: { default: 10_000, min: 1, max: 5_000_000 },
  recrawlMinutes: { default: 24 * 60, min: 5, max: 60 * 24 * 365 },
  concurrency: { default: 4, min: 1, max: 128 },
  delayMs: { default: 250, min: 0, max: 600_000 },
  timeoutMs: { default: 60_000, min: 1_000, max: 600_000 },
} as const;
export type SiteNumber = keyof typeof SITE_NUMBERS;

export interface Site {
  id: string;
  ownerAgencyId: string;
  visibility: SiteVisibility;
  sharedWith: string[];
  name: string;
  kind: SiteKind;
  /** `http://<56 chars>.onion` or `https://forum.example`. */
  origin: string;
  seeds: string[];
  scopeInclude: string[];
  scopeExclude: string[];
  maxDepth: number;
  maxPages: number;
  recrawlMinutes: number;
  concurrency: number;
  delayMs: number;
  timeoutMs: number;
  extractionRules: ExtractionRules;
  caseId: string | null;
  legalBasis: string;
  keepMedia: boolean;
  status: SiteStatus;
  /** Whether an operator imported session cookies; the cookies themselves are never returned. */
  hasSession: boolean;
  nextCrawlAt: string | null;
  lastState: 'up' | 'down' | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewSite {
  name: string;
  origin: string;
  legalBasis: string;
  seeds?: string[];
  scopeInclude?: string[];
  scopeExclude?: string[];
  maxDepth?: number;
  maxPages?: number;
  recrawlMinutes?: number;
  concurrency?: number;
  delayMs?: number;
  timeoutMs?: number;
  extractionRules?: ExtractionRules;
  visibility: SiteVisibility;
  sharedWith?: string[];
  caseId?: string | null;
}

export type SiteChanges = Partial<NewSite> & { status?: SiteStatus };

export async function listSites(signal?: AbortSignal): Promise<Site[]> {
  return (await request<ItemList<Site>>('GET', '/darkweb/sites', { signal })).items;
}

/** The thumbnail of an image a site kept (owning agency only): blurred and greyscale by the server. */
export function keptMediaThumbnailUrl(id: number): string {
  return `/api/v1/darkweb/media/${id}/thumbnail`;
}

/** A video's vPDQ as the reference's text file (one frameNumber,quality,pdq,timestamp line a frame). */
export function mediaVpdqUrl(id: number): string {
  return `/api/v1/darkweb/media/${id}/vpdq`;
}

export function getSite(id: string, signal?: AbortSignal): Promise<Site> {
  return request<Site>('GET', `/darkweb/sites/${segment(id)}`, { signal });
}

export function createSite(input: NewSite): Promise<Site> {
  return request<Site>('POST', '/darkweb/sites', { body: input });
}

export function updateSite(id: string, changes: SiteChanges): Promise<Site> {
  return request<Site>('PATCH', `/darkweb/sites/${segment(id)}`, { body: changes });
}

/** Imports session cookies (one Cookie header value), or removes them with null. */
export function setSiteSession(id: string, cookie: string | null): Promise<Site> {
  return request<Site>(PUT, `/darkweb/sites/${segment(id)}/session`, { body: { cookie } });
}

/** Turns the keeping of fetched media (encrypted) on or off; the reason goes to the audit log. */
export function setKeepMedia(id: string, keep: boolean, reason: string): Promise<Site> {
  return request<Site>(PUT, `/darkweb/sites/${segment(id)}/keep-media`, { body: { keep, reason } });
}

// Visits (mirror src/darkweb/crawl.repository.ts and darkweb.service.ts)

export const VISIT_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const VISIT_OUTCOMES = ['up', 'down', 'challenge', 'logged_out'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export interface Visit {
  id: string;
  siteId: string;
  status: VisitStatus;
  outcome: VisitOutcome | null;
  /** Why the site was down: Tor's extended SOCKS error class, a timeout, … */
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
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type FrontierState = 'pending' | 'claimed' | 'done' | 'failed';
export type FrontierCounts = Record<FrontierState, { page: number; media: number }>;

export interface VisitDetail extends Visit {
  frontier: FrontierCounts;
  site: Pick<Site, 'id' | 'name' | 'origin'>;
}

/** A visit is open (the crawler works on it) while queued or running. */
export function isOpenVisit(visit: Pick<Visit, 'status'>): boolean {
  return visit.status === 'queued' || visit.status === 'running';
}

/** Queues a visit now; `created` is false when one was already open (that one is returned). */
export function crawlSite(id: string): Promise<{ visit: Visit; created: boolean }> {
  return request<{ visit: Visit; created: boolean }>('POST', `/darkweb/sites/${segment(id)}/crawl`);
}

/** The site's visits, newest first. */
export async function listVisits(siteId: string, signal?: AbortSignal): Promise<Visit[]> {
  return (await request<ItemList<Visit>>('GET', `/darkweb/sites/${segment(siteId)}/visits`, { signal })).items;
}

export function getVisit(id: string, signal?: AbortSignal): Promise<VisitDetail> {
  return request<VisitDetail>('GET', `/darkweb/visits/${segment(id)}`, { signal });
}

export interface Mirror {
  site: Pick<Site, 'id' | 'name' | 'origin'>;
  /** Content fingerprints both sites served. */
  sharedPages: number;
}

export async function listMirrors(siteId: string, signal?: AbortSignal): Promise<Mirror[]> {
  return (await request<ItemList<Mirror>>('GET', `/darkweb/sites/${segment(siteId)}/mirrors`, { signal })).items;
}

// Captured pages (mirror src/darkweb/capture.repository.ts)

export const PAGE_KINDS = ['content', 'challenge', 'logged_out', 'error'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export interface PageSummary {
  id: number;
  /** Text only: never a link (opening it would reach the site from the analyst's browser). */
  url: string;
  statusCode: number;
  pageKind: string;
  title: string | null;
  language: string | null;
  links: number;
  media: number;
  responseMs: number;
  bytes: number;
  fetchedAt: string;
}

export interface PageDetail extends PageSummary {
  visitId: string;
  siteId: string;
  /** The visible text extracted from the page; the HTML is kept in the WARC file only. */
  text: string;
  memberCount: number | null;
  /** Posts read by the site's extraction rules: author, time (ISO when readable), the first 200 characters. */
  posts: { author: string | null; time: string | null; timeText: string | null; text: string }[];
  contentFingerprint: string | null;
  warcFile: string;
  warcRecordId: string;
  warcOffset: number;
  payloadDigest: string;
}

/** One page of captured pages, in capture order: those with an id above `after`, containing `q` when given. */
export async function listPages(
  visitId: string,
  page: { after: number; limit: number; q?: string },
  signal?: AbortSignal,
): Promise<PageSummary[]> {
  const query: Query = { after: page.after > 0 ? page.after : undefined, limit: page.limit, q: page.q };
  return (await request<ItemList<PageSummary>>('GET', `/darkweb/visits/${segment(visitId)}/pages`, { query, signal })).items;
}

/** One captured page as text; the server records the read in the audit log. */
export function getPage(id: number | string, signal?: AbortSignal): Promise<PageDetail> {
  return request<PageDetail>('GET', `/darkweb/pages/${segment(String(id))}`, { signal });
}

// Media as hashes (mirror MediaView in src/darkweb/capture.repository.ts)

export const DARKWEB_TRIAGES = ['known', 'ignorable', 'new', 'unreadable'] as const;
export type DarkwebTriage = (typeof DARKWEB_TRIAGES)[number];

export interface DarkwebMedia {
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
  /** A video hashed by its frames: its length and how many vPDQ frame hashes (one a second) it has. */
  video: { durationSeconds: number; frames: number } | null;
  triage: DarkwebTriage;
  matches: DarkwebMatch[];
  /** Whether the bytes were kept (encrypted) because the site keeps media; they are never served here. */
  kept: boolean;
  fetchedAt: string;
}

/** A hash-set entry a media matched: the set and the entry's labels (read them with matchLabels()), never the entry's hashes. */
export interface DarkwebMatch {
  entryId: number;
  hashSet: { id: string; name: string; purpose: string };
  matchedOn: MatchedOn;
  /** 0 for exact hashes; the Hamming distance (of 256 bits) for PDQ. */
  distance: number;
  labels: Record<string, unknown>;
  /** For a video matched by one of its frames: which one. */
  frame?: { frameNumber: number; timestamp: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Matches carried in an alert's untyped details, read defensively (malformed ones are left out). */
export function alertMatches(matches: unknown): DarkwebMatch[] {
  if (!Array.isArray(matches)) return [];
  return matches.filter(isRecord).flatMap((match) => {
    const set = match.hashSet;
    if (!isRecord(set) || typeof set.name !== 'string') return [];
    return [
      {
        entryId: typeof match.entryId === 'number' ? match.entryId : 0,
        hashSet: {
          id: typeof set.id === 'string' ? set.id : '',
          name: set.name,
          purpose: typeof set.purpose === 'string' ? set.purpose : '',
        },
        matchedOn: (['md5', 'sha1', 'sha256', 'pdq'] as const).find((hash) => hash === match.matchedOn) ?? 'sha256',
        distance: typeof match.distance === 'number' ? match.distance : 0,
        labels: isRecord(match.labels) ? match.labels : {},
      },
    ];
  });
}

export interface MediaFilter {
  visitId?: string;
  siteId?: string;
  triage?: DarkwebTriage;
}

/** One page of media, in id order: those with an id above `after`. */
export async function listDarkwebMedia(
  filter: MediaFilter,
  page: { after: number; limit: number },
  signal?: AbortSignal,
): Promise<DarkwebMedia[]> {
  const query: Query = {
    visitId: filter.visitId,
    siteId: filter.siteId,
    triage: filter.triage,
    after: page.after > 0 ? page.after : undefined,
    limit: page.limit,
  };
  return (await request<ItemList<DarkwebMedia>>('GET', '/darkweb/media', { query, signal })).items;
}

// Accounts (mirror AccountView in src/darkweb/capture.repository.ts)

export const ACCOUNT_KINDS = ['username', 'email', 'pgp_key', 'bitcoin', 'monero', 'ethereum', 'onion'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface Account {
  id: string;
  siteId: string;
  siteName: string;
  kind: string;
  value: string;
  firstSeenAt: string;
  lastSeenAt: string;
  firstUrl: string;
  sightings: number;
  watched: boolean;
  caseId: string | null;
  note: string | null;
  /** Other visible sites where the same account was seen. */
  otherSites: number;
  /** Persons the account is linked to, only those the user's agency may see. */
  persons: { id: string; name: string }[];
}

export interface AccountFilters {
  siteId?: string;
  kind?: AccountKind;
  q?: string;
  watched?: boolean;
}

/** Accounts, the most recently seen first, at most `limit` (the server's default is 200, its maximum 2,000). */
export async function listAccounts(filters: AccountFilters, limit: number, signal?: AbortSignal): Promise<Account[]> {
  const query: Query = {
    limit,
    siteId: filters.siteId,
    kind: filters.kind,
    q: filters.q,
    watched: filters.watched === undefined ? undefined : String(filters.watched),
  };
  return (await request<ItemList<Account>>('GET', '/darkweb/accounts', { query, signal })).items;
}

export interface AccountChanges {
  watched?: boolean;
  /** null clears it. */
  note?: string | null;
}

export function updateAccount(id: string, changes: AccountChanges): Promise<void> {
  return request<void>('PATCH', `/darkweb/accounts/${segment(id)}`, { body: changes });
}

/** Links an account of a site the user's agency owns to a person it may see; linking again replaces the basis. */
export function linkAccountPerson(accountId: string, personId: string, basis: string | null): Promise<void> {
  return request<void>(PUT, `/darkweb/accounts/${segment(accountId)}/persons/${segment(personId)}`, { body: basis ? { basis } : {} });
}

export function unlinkAccountPerson(accountId: string, personId: string): Promise<void> {
  return request<void>('DELETE', `/darkweb/accounts/${segment(accountId)}/persons/${segment(personId)}`);
}

// Alerts (mirror src/darkweb/alert.repository.ts)

export const ALERT_KINDS = [
  'known_material',
  'new_media_surge',
  'watched_account',
  'site_up',
  'site_down',
  'session_expired',
  'challenge',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  id: string;
  siteId: string;
  siteName: string;
  visitId: string | null;
  kind: AlertKind;
  title: string;
  details: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  webhookStatus: 'pending' | 'sent' | 'failed' | null;
  webhookAttempts: number;
}

export interface AlertFilters {
  siteId?: string;
  kind?: AlertKind;
  unacknowledged?: boolean;
}

/** Alerts, the newest first, at most `limit` (the server's maximum is 1,000). */
export async function listAlerts(filters: AlertFilters, limit: number, signal?: AbortSignal): Promise<Alert[]> {
  const query: Query = { siteId: filters.siteId, kind: filters.kind, unacknowledged: filters.unacknowledged ? 'true' : undefined, limit };
  return (await request<ItemList<Alert>>('GET', '/darkweb/alerts', { query, signal })).items;
}

export function acknowledgeAlert(id: string): Promise<Alert> {
  return request<Alert>('POST', `/darkweb/alerts/${segment(id)}/acknowledge`);
}

// Onion addresses

export interface OnionCheck {
  valid: boolean;
  /** The normalised address (`….onion`) when valid. */
  address?: string;
  /** Why not: empty, not_onion, v2_unsupported, wrong_length, not_base32, wrong_version, bad_checksum. */
  reason?: string;
  message?: string;
}

/** The host of what was typed (a bare name, a host or a URL): the check takes at most 100 characters. */
function onionHost(text: string): string {
  const trimmed = text.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`).hostname || trimmed;
  } catch {
    return trimmed;
  }
}

/** Validates a v3 onion address (name, host or URL) fully: length, base32, version and checksum. Nothing is contacted. */
export function checkOnion(address: string, signal?: AbortSignal): Promise<OnionCheck> {
  return request<OnionCheck>('GET', `/darkweb/onion/${segment(onionHost(address).slice(0, 100))}`, { signal });
}
