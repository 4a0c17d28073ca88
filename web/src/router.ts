// A tiny hash router: #/cases, #/cases/:id, #/admin/users, #/media?triage=known, …
import { useSyncExternalStore } from 'react';
import { TRIAGES, type MediaFilters, type Triage } from './api';
import { ACCOUNT_KINDS, ALERT_KINDS, type AccountFilters, type AccountKind, type AlertKind } from './darkweb-api';
import {
  NOTICE_STATUSES,
  NOTICE_TYPES,
  TIP_STATUSES,
  type NoticeFilters,
  type NoticeStatus,
  type NoticeType,
  type TipStatus,
} from './notices-api';

export const UPCOMING_AREAS = ['series'] as const;
export type UpcomingArea = (typeof UPCOMING_AREAS)[number];

/** The alerts page's filters: one kind, and only those not acknowledged yet. */
export interface AlertListFilters {
  kind?: AlertKind;
  unacknowledged?: boolean;
}

export type Route =
  | { name: 'home' }
  | { name: 'upcoming'; area: UpcomingArea }
  | { name: 'media'; filters: MediaFilters }
  | { name: 'media-item'; id: string }
  | { name: 'media-upload' }
  | { name: 'ingests' }
  | { name: 'ingest'; id: string }
  | { name: 'hashsets' }
  | { name: 'hashset'; id: string }
  | { name: 'screening-check' }
  | { name: 'screening-batch' }
  | { name: 'screening-review'; operationId: string | null }
  | { name: 'screening-operations' }
  | { name: 'screening-operation'; id: string }
  | { name: 'screening-watchlists' }
  | { name: 'screening-watchlist'; id: string }
  | { name: 'notices'; filters: NoticeFilters }
  | { name: 'notices-review' }
  | { name: 'notice-new' }
  | { name: 'notice'; id: string }
  | { name: 'notice-edit'; id: string }
  | { name: 'campaigns' }
  | { name: 'campaign-new' }
  | { name: 'campaign'; id: string }
  | { name: 'tips'; status: TipStatus | null }
  | { name: 'tip'; id: string }
  | { name: 'darkweb-sites' }
  | { name: 'darkweb-site'; id: string }
  | { name: 'darkweb-visit'; id: string }
  | { name: 'darkweb-page'; id: string }
  | { name: 'darkweb-accounts'; filters: AccountFilters }
  | { name: 'darkweb-alerts'; filters: AlertListFilters }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'persons'; q: string | null }
  | { name: 'person'; id: string }
  | { name: 'users' }
  | { name: 'tokens' }
  | { name: 'agencies' }
  | { name: 'audit' }
  | { name: 'unknown'; path: string };

export const paths = {
  home: '/',
  upcoming: (area: UpcomingArea) => `/${area}`,
  /** The media grid, optionally filtered: #/media?caseId=…&triage=…&ingestId=… */
  media: (filters: MediaFilters = {}) => `/media${filterQuery(filters)}`,
  mediaItem: (id: string) => `/media/${encodeURIComponent(id)}`,
  mediaUpload: '/media/upload',
  ingests: '/media/ingests',
  ingest: (id: string) => `/media/ingests/${encodeURIComponent(id)}`,
  hashSets: '/media/hashsets',
  hashSet: (id: string) => `/media/hashsets/${encodeURIComponent(id)}`,
  screeningCheck: '/screening',
  screeningBatch: '/screening/batch',
  /** The review queue, of one operation when given: #/screening/review?operation=… */
  screeningReview: (operationId?: string | null) =>
    operationId ? `/screening/review?operation=${encodeURIComponent(operationId)}` : '/screening/review',
  screeningOperations: '/screening/operations',
  screeningOperation: (id: string) => `/screening/operations/${encodeURIComponent(id)}`,
  watchlists: '/screening/watchlists',
  watchlist: (id: string) => `/screening/watchlists/${encodeURIComponent(id)}`,
  /** The notices list, optionally filtered: #/notices?status=…&type=…&q=… */
  notices: (filters: NoticeFilters = {}) => `/notices${noticeQuery(filters)}`,
  noticesReview: '/notices/review',
  noticeNew: '/notices/new',
  notice: (id: string) => `/notices/${encodeURIComponent(id)}`,
  noticeEdit: (id: string) => `/notices/${encodeURIComponent(id)}/edit`,
  campaigns: '/notices/campaigns',
  campaignNew: '/notices/campaigns/new',
  campaign: (id: string) => `/notices/campaigns/${encodeURIComponent(id)}`,
  /** The tip queue, of one triage status when given: #/notices/tips?status=new */
  tips: (status?: TipStatus | null) => (status ? `/notices/tips?status=${status}` : '/notices/tips'),
  tip: (id: string) => `/notices/tips/${encodeURIComponent(id)}`,
  darkwebSites: '/darkweb',
  darkwebSite: (id: string) => `/darkweb/sites/${encodeURIComponent(id)}`,
  darkwebVisit: (id: string) => `/darkweb/visits/${encodeURIComponent(id)}`,
  darkwebPage: (id: number | string) => `/darkweb/pages/${encodeURIComponent(String(id))}`,
  /** Accounts of the visible sites, optionally filtered: #/darkweb/accounts?siteId=…&kind=…&q=…&watched=true */
  darkwebAccounts: (filters: AccountFilters = {}) => `/darkweb/accounts${accountQuery(filters)}`,
  /** Alerts, optionally of one kind or only unacknowledged: #/darkweb/alerts?kind=…&unacknowledged=true */
  darkwebAlerts: (filters: AlertListFilters = {}) => `/darkweb/alerts${alertQuery(filters)}`,
  cases: '/cases',
  case: (id: string) => `/cases/${encodeURIComponent(id)}`,
  /** Persons of interest, optionally searched by name or alias: #/persons?q=… */
  persons: (q?: string | null) => (q ? `/persons?q=${encodeURIComponent(q)}` : '/persons'),
  person: (id: string) => `/persons/${encodeURIComponent(id)}`,
  users: '/admin/users',
  tokens: '/admin/tokens',
  agencies: '/admin/agencies',
  audit: '/audit',
} as const;

/** The href for an in-app path, e.g. href(paths.cases) === '#/cases'. */
export function href(path: string): string {
  return `#${path}`;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.location.replace(href(path));
  else window.location.hash = path;
}

function isUpcomingArea(value: string): value is UpcomingArea {
  return (UPCOMING_AREAS as readonly string[]).includes(value);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function filterQuery(filters: MediaFilters): string {
  const params = new URLSearchParams();
  if (filters.caseId) params.set('caseId', filters.caseId);
  if (filters.triage) params.set('triage', filters.triage);
  if (filters.ingestId) params.set('ingestId', filters.ingestId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isTriage(value: string): value is Triage {
  return (TRIAGES as readonly string[]).includes(value);
}

function parseFilters(query: string): MediaFilters {
  const params = new URLSearchParams(query);
  const filters: MediaFilters = {};
  const caseId = params.get('caseId');
  const triage = params.get('triage');
  const ingestId = params.get('ingestId');
  if (caseId) filters.caseId = caseId;
  if (triage && isTriage(triage)) filters.triage = triage;
  if (ingestId) filters.ingestId = ingestId;
  return filters;
}

/** #/media, #/media/upload, #/media/ingests[/:id], #/media/hashsets[/:id], #/media/:id */
function parseMediaRoute(segments: readonly string[], query: string): Route | undefined {
  const [second, third, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (second === undefined) return { name: 'media', filters: parseFilters(query) };
  if (second === 'upload') return third === undefined ? { name: 'media-upload' } : undefined;
  if (second === 'ingests') return third === undefined ? { name: 'ingests' } : { name: 'ingest', id: third };
  if (second === 'hashsets') return third === undefined ? { name: 'hashsets' } : { name: 'hashset', id: third };
  return third === undefined ? { name: 'media-item', id: second } : undefined;
}

function noticeQuery(filters: NoticeFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.type) params.set('type', filters.type);
  if (filters.q) params.set('q', filters.q);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function oneOf<V extends string>(values: readonly V[], value: string | null): V | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as V) : undefined;
}

function parseNoticeFilters(query: string): NoticeFilters {
  const params = new URLSearchParams(query);
  const filters: NoticeFilters = {};
  const status = oneOf<NoticeStatus>(NOTICE_STATUSES, params.get('status'));
  const type = oneOf<NoticeType>(NOTICE_TYPES, params.get('type'));
  const q = params.get('q');
  if (status) filters.status = status;
  if (type) filters.type = type;
  if (q) filters.q = q;
  return filters;
}

/** #/notices[?…], #/notices/review, #/notices/new, #/notices/:id[/edit], #/notices/campaigns[/new|/:id], #/notices/tips[/:id] */
function parseNoticesRoute(segments: readonly string[], query: string): Route | undefined {
  const [second, third, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (second === undefined) return { name: 'notices', filters: parseNoticeFilters(query) };
  if (second === 'review' || second === 'new')
    return third === undefined ? { name: second === 'new' ? 'notice-new' : 'notices-review' } : undefined;
  if (second === 'campaigns') {
    if (third === undefined) return { name: 'campaigns' };
    return third === 'new' ? { name: 'campaign-new' } : { name: 'campaign', id: third };
  }
  if (second === 'tips') {
    if (third !== undefined) return { name: 'tip', id: third };
    return { name: 'tips', status: oneOf<TipStatus>(TIP_STATUSES, new URLSearchParams(query).get('status')) ?? null };
  }
  if (third === undefined) return { name: 'notice', id: second };
  return third === 'edit' ? { name: 'notice-edit', id: second } : undefined;
}

function accountQuery(filters: AccountFilters): string {
  const params = new URLSearchParams();
  if (filters.siteId) params.set('siteId', filters.siteId);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.q) params.set('q', filters.q);
  if (filters.watched !== undefined) params.set('watched', String(filters.watched));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseAccountFilters(query: string): AccountFilters {
  const params = new URLSearchParams(query);
  const filters: AccountFilters = {};
  const siteId = params.get('siteId');
  const kind = oneOf<AccountKind>(ACCOUNT_KINDS, params.get('kind'));
  const q = params.get('q');
  const watched = params.get('watched');
  if (siteId) filters.siteId = siteId;
  if (kind) filters.kind = kind;
  if (q) filters.q = q;
  if (watched === 'true' || watched === 'false') filters.watched = watched === 'true';
  return filters;
}

function alertQuery(filters: AlertListFilters): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.unacknowledged) params.set('unacknowledged', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseAlertFilters(query: string): AlertListFilters {
  const params = new URLSearchParams(query);
  const filters: AlertListFilters = {};
  const kind = oneOf<AlertKind>(ALERT_KINDS, params.get('kind'));
  if (kind) filters.kind = kind;
  if (params.get('unacknowledged') === 'true') filters.unacknowledged = true;
  return filters;
}

/** #/darkweb, #/darkweb/sites[/:id], #/darkweb/visits/:id, #/darkweb/pages/:id, #/darkweb/accounts[?…], #/darkweb/alerts[?…] */
function parseDarkwebRoute(segments: readonly string[], query: string): Route | undefined {
  const [second, third, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (second === undefined) return { name: 'darkweb-sites' };
  if (second === 'sites') return third === undefined ? { name: 'darkweb-sites' } : { name: 'darkweb-site', id: third };
  if (second === 'accounts') return third === undefined ? { name: 'darkweb-accounts', filters: parseAccountFilters(query) } : undefined;
  if (second === 'alerts') return third === undefined ? { name: 'darkweb-alerts', filters: parseAlertFilters(query) } : undefined;
  if (third === undefined) return undefined;
  if (second === 'visits') return { name: 'darkweb-visit', id: third };
  if (second === 'pages') return { name: 'darkweb-page', id: third };
  return undefined;
}

/** #/screening, #/screening/batch, #/screening/review[?operation=…], #/screening/operations[/:id], #/screening/watchlists[/:id] */
function parseScreeningRoute(segments: readonly string[], query: string): Route | undefined {
  const [second, third, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (second === undefined) return { name: 'screening-check' };
  if (second === 'batch') return third === undefined ? { name: 'screening-batch' } : undefined;
  if (second === 'review')
    return third === undefined ? { name: 'screening-review', operationId: new URLSearchParams(query).get('operation') } : undefined;
  if (second === 'operations') return third === undefined ? { name: 'screening-operations' } : { name: 'screening-operation', id: third };
  if (second === 'watchlists') return third === undefined ? { name: 'screening-watchlists' } : { name: 'screening-watchlist', id: third };
  return undefined;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const segments = path.split('/').filter(Boolean).map(decode);
  const [first, second, ...rest] = segments;

  if (first === undefined) return { name: 'home' };
  if (first === 'media') return parseMediaRoute(segments.slice(1), query) ?? { name: 'unknown', path };
  if (first === 'screening') return parseScreeningRoute(segments.slice(1), query) ?? { name: 'unknown', path };
  if (first === 'notices') return parseNoticesRoute(segments.slice(1), query) ?? { name: 'unknown', path };
  if (first === 'darkweb') return parseDarkwebRoute(segments.slice(1), query) ?? { name: 'unknown', path };
  if (rest.length === 0) {
    if (second === undefined && isUpcomingArea(first)) return { name: 'upcoming', area: first };
    if (first === 'operations' && second === undefined) return { name: 'cases' };
    if (first === 'cases') return second === undefined ? { name: 'cases' } : { name: 'case', id: second };
    if (first === 'persons')
      return second === undefined ? { name: 'persons', q: new URLSearchParams(query).get('q') || null } : { name: 'person', id: second };
    if (first === 'admin') {
      if (second === undefined || second === 'users') return { name: 'users' };
      if (second === 'tokens') return { name: 'tokens' };
      if (second === 'agencies') return { name: 'agencies' };
    }
    if (first === 'audit' && second === undefined) return { name: 'audit' };
  }
  return { name: 'unknown', path };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHash(): string {
  return window.location.hash;
}

/** The current hash, kept in sync with the address bar. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash);
}
