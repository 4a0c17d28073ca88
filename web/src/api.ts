// Typed client for the Vigil HTTP API (docs/api.md).
// Every call goes through request<T>(), which throws an ApiError carrying the problem document.

export const ROLES = ['admin', 'analyst', 'investigator', 'border_officer', 'notice_officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_KINDS = ['police', 'national_central_bureau', 'hotline', 'border_agency', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const VISIBILITIES = ['agency', 'shared', 'network', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export type PendingStep = 'totp' | 'totp_enrollment' | 'password_change';

export interface SessionAgency {
  id: string;
  name: string;
  country: string;
  kind: AgencyKind;
  isOperator: boolean;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  agency: SessionAgency;
}

export interface SessionInfo {
  user: SessionUser;
  pending: PendingStep | null;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export interface Agency {
  id: string;
  name: string;
  country: string;
  kind: AgencyKind;
  isOperator: boolean;
  createdAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: Role[];
  totpEnabled: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  agencyId: string;
  roles: Role[];
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  agencyId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  recordAgencyId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
  hash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headSeq: number | null;
  firstBroken: { seq: number; problem: string } | null;
}

export interface Case {
  id: string;
  reference: string;
  title: string;
  summary: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  visibility: Visibility;
  sharedWith: string[];
  createdAt: string;
  updatedAt: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  type?: string;
  title?: string;
  code?: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${problem.status}`);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

/** Turns anything thrown into an ApiError, so the UI has one error shape to display. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const detail = error instanceof Error ? error.message : 'Something unexpected went wrong.';
  return new ApiError({ status: 0, code: 'internal', title: 'Unexpected error', detail });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const API_BASE = '/api/v1';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  query?: Query;
  signal?: AbortSignal | undefined;
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/**
 * Registers a listener for a 401 from any call outside /auth/ (the session ended).
 * Returns the function that unregisters it.
 */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: string | FormData | undefined;
  if (options.form !== undefined) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError({
      status: 0,
      code: 'unavailable',
      title: 'Network error',
      detail: 'The server could not be reached. Check the connection and try again.',
    });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    throw failure(problem, path);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The ApiError for a failed call; a 401 outside /auth/ also tells the listeners the session ended. */
function failure(problem: Problem, path: string): ApiError {
  if (problem.status === 401 && !path.startsWith('/auth/')) {
    unauthenticatedListeners.forEach((listener) => listener());
  }
  return new ApiError(problem);
}

const DEFAULT_DETAILS: Record<number, string> = {
  401: 'You are not signed in.',
  403: 'You do not have permission to do this.',
  404: 'Not found.',
  409: 'This conflicts with the current state; reload and try again.',
  413: 'The request is too large.',
  429: 'Too many requests; wait a moment and try again.',
};

async function readProblem(response: Response): Promise<Problem> {
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return problemOf(response.status, response.statusText, json ? await response.text().catch(() => '') : '');
}

/** The problem document of a failed answer; `text` is its body when that is JSON, else ''. */
function problemOf(status: number, statusText: string, text: string): Problem {
  const fallback: Problem = {
    status,
    title: statusText,
    detail:
      DEFAULT_DETAILS[status] ?? (status >= 500 ? 'The server ran into a problem; try again later.' : `The request failed (${status}).`),
  };
  if (text === '') return fallback;
  try {
    const body: unknown = JSON.parse(text);
    return isRecord(body) ? { ...fallback, ...problemFields(body) } : fallback;
  } catch {
    return fallback;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemFields(body: Record<string, unknown>): Partial<Problem> {
  const fields: Partial<Problem> = {};
  for (const key of ['type', 'title', 'code', 'detail', 'instance', 'requestId'] as const) {
    const value = body[key];
    if (typeof value === 'string' && value !== '') fields[key] = value;
  }
  if (Array.isArray(body.errors)) {
    fields.errors = body.errors.filter(isRecord).map((entry) => ({
      field: typeof entry.field === 'string' ? entry.field : '',
      message: typeof entry.message === 'string' ? entry.message : 'Invalid value.',
    }));
  }
  return fields;
}

function segment(id: string): string {
  return encodeURIComponent(id);
}

interface ItemList<T> {
  items: T[];
}

// Auth

export function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  return request<SessionInfo>('GET', '/auth/session', { signal });
}

export function login(username: string, password: string): Promise<SessionInfo> {
  return request<SessionInfo>('POST', '/auth/login', { body: { username, password } });
}

export function submitTotp(code: string): Promise<SessionInfo> {
  return request<SessionInfo>('POST', '/auth/totp', { body: { code } });
}

export function setupTotp(): Promise<TotpSetup> {
  return request<TotpSetup>('POST', '/auth/totp/setup');
}

export function enableTotp(code: string): Promise<SessionInfo> {
  return request<SessionInfo>('POST', '/auth/totp/enable', { body: { code } });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo> {
  return request<SessionInfo>('POST', '/auth/password', { body: { currentPassword, newPassword } });
}

export function logout(): Promise<void> {
  return request<void>('POST', '/auth/logout');
}

// Agencies

export interface NewAgency {
  name: string;
  country: string;
  kind: AgencyKind;
}

export async function listAgencies(signal?: AbortSignal): Promise<Agency[]> {
  return (await request<ItemList<Agency>>('GET', '/agencies', { signal })).items;
}

export function createAgency(input: NewAgency): Promise<Agency> {
  return request<Agency>('POST', '/agencies', { body: input });
}

// Users

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  agencyId?: string;
}

export interface CreatedUser {
  user: User;
  oneTimePassword: string;
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  disabled?: boolean;
}

export async function listUsers(agencyId: string | undefined, signal?: AbortSignal): Promise<User[]> {
  return (await request<ItemList<User>>('GET', '/users', { query: { agencyId }, signal })).items;
}

export function createUser(input: NewUser): Promise<CreatedUser> {
  return request<CreatedUser>('POST', '/users', { body: input });
}

export function updateUser(id: string, changes: UserChanges): Promise<User> {
  return request<User>('PATCH', `/users/${segment(id)}`, { body: changes });
}

export function resetPassword(id: string): Promise<{ oneTimePassword: string }> {
  return request<{ oneTimePassword: string }>('POST', `/users/${segment(id)}/reset-password`);
}

export function unlockUser(id: string): Promise<User> {
  return request<User>('POST', `/users/${segment(id)}/unlock`);
}

// API tokens

export interface NewToken {
  name: string;
  roles: Role[];
  expiresAt?: string;
}

export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await request<ItemList<ApiToken>>('GET', '/tokens', { signal })).items;
}

export function createToken(input: NewToken): Promise<CreatedToken> {
  return request<CreatedToken>('POST', '/tokens', { body: input });
}

export function revokeToken(id: string): Promise<ApiToken> {
  return request<ApiToken>('DELETE', `/tokens/${segment(id)}`);
}

// Audit

export interface AuditFilters {
  action?: string;
  actor?: string;
  recordType?: string;
  recordId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

export type AuditExportFormat = 'csv' | 'jsonl';

export function searchAudit(filters: AuditFilters, page: { before?: number; limit: number }, signal?: AbortSignal): Promise<AuditPage> {
  return request<AuditPage>('GET', '/audit/events', { query: { ...filters, ...page }, signal });
}

/** A plain URL for an <a href>, so the browser downloads the export itself. */
export function auditExportUrl(format: AuditExportFormat, filters: AuditFilters): string {
  return `${API_BASE}/audit/export${queryString({ format, ...filters })}`;
}

export function verifyAudit(): Promise<AuditVerification> {
  return request<AuditVerification>('GET', '/audit/verify');
}

// Cases

export interface NewCase {
  title: string;
  reference?: string;
  summary?: string;
  visibility: Visibility;
  sharedWith?: string[];
}

export interface CaseChanges {
  title?: string;
  summary?: string;
  visibility?: Visibility;
  sharedWith?: string[];
}

export async function listCases(signal?: AbortSignal): Promise<Case[]> {
  return (await request<ItemList<Case>>('GET', '/cases', { signal })).items;
}

export function getCase(id: string, signal?: AbortSignal): Promise<Case> {
  return request<Case>('GET', `/cases/${segment(id)}`, { signal });
}

export function createCase(input: NewCase): Promise<Case> {
  return request<Case>('POST', '/cases', { body: input });
}

export function updateCase(id: string, changes: CaseChanges): Promise<Case> {
  return request<Case>('PATCH', `/cases/${segment(id)}`, { body: changes });
}

// Hash sets

export const HASH_SET_PURPOSES = ['known', 'ignorable'] as const;
export type HashSetPurpose = (typeof HASH_SET_PURPOSES)[number];

/** Formats the server reads (and detects when none is named). */
export const IMPORT_FORMATS = ['icse-csv', 'vics-json', 'pdq-list', 'md5-list', 'sha1-list', 'sha256-list'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Formats the server writes: every import format, and VICS JSON 1.3 for older tools. */
export const EXPORT_FORMATS = ['icse-csv', 'vics-json', 'vics-json-1.3', 'pdq-list', 'md5-list', 'sha1-list', 'sha256-list'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface HashSet {
  id: string;
  name: string;
  purpose: HashSetPurpose;
  description: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  visibility: Visibility;
  sharedWith: string[];
  entryCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Category {
  scheme: string;
  code: string;
}

export interface HashSetEntry {
  id: number;
  md5?: string;
  sha1?: string;
  sha256?: string;
  pdq?: string;
  pdqQuality?: number;
  photoDna?: string;
  category?: Category;
  baseline?: boolean | null;
  seriesName?: string;
  victimIdentified?: boolean | null;
  offenderIdentified?: boolean | null;
  distributed?: boolean | null;
  submissions?: number;
  notes?: string;
  externalId?: string;
  mediaType?: string;
  fileName?: string;
}

export interface NewHashSet {
  name: string;
  purpose: HashSetPurpose;
  description?: string;
  visibility: Visibility;
  sharedWith?: string[];
}

/** A problem with one record of an imported file: its line (0 = the file as a whole) and JSON path. */
export interface ImportIssue {
  line: number;
  message: string;
  path?: string;
}

export interface ImportOutcome {
  format: string;
  variant?: string;
  imported: number;
  records: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ImportOptions {
  /** Omitted: the server detects the format. */
  format?: ImportFormat;
  /** Import the valid records and report the others; without it one bad record refuses the file. */
  skipInvalid: boolean;
}

export async function listHashSets(signal?: AbortSignal): Promise<HashSet[]> {
  return (await request<ItemList<HashSet>>('GET', '/hashsets', { signal })).items;
}

export function getHashSet(id: string, signal?: AbortSignal): Promise<HashSet> {
  return request<HashSet>('GET', `/hashsets/${segment(id)}`, { signal });
}

export function createHashSet(input: NewHashSet): Promise<HashSet> {
  return request<HashSet>('POST', '/hashsets', { body: input });
}

export function deleteHashSet(id: string): Promise<void> {
  return request<void>('DELETE', `/hashsets/${segment(id)}`);
}

/** One page of entries, in id order: those with an id above `after`. */
export async function listHashSetEntries(
  id: string,
  page: { after: number; limit: number },
  signal?: AbortSignal,
): Promise<HashSetEntry[]> {
  return (await request<ItemList<HashSetEntry>>('GET', `/hashsets/${segment(id)}/entries`, { query: page, signal })).items;
}

export function importHashSet(id: string, file: File, options: ImportOptions): Promise<ImportOutcome> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ImportOutcome>('POST', `/hashsets/${segment(id)}/import`, {
    form,
    query: { format: options.format, skipInvalid: options.skipInvalid ? 'true' : undefined },
  });
}

/** A plain URL for an <a href download>: the server answers with an attachment. */
export function hashSetExportUrl(id: string, format: ExportFormat): string {
  return `${API_BASE}/hashsets/${segment(id)}/export${queryString({ format })}`;
}

// Media

export const TRIAGES = ['known', 'ignorable', 'new', 'error'] as const;
export type Triage = (typeof TRIAGES)[number];

export type MatchedOn = 'md5' | 'sha1' | 'sha256' | 'pdq';

export interface ExifClues {
  make?: string;
  model?: string;
  serialNumber?: string;
  lens?: string;
  software?: string;
  /** As the camera recorded it, without a time zone. */
  takenAt?: string;
  gps?: { latitude: number; longitude: number; altitude?: number };
}

export interface MediaMatch {
  entryId: number;
  hashSet: { id: string; name: string; purpose: string };
  matchedOn: MatchedOn;
  /** 0 for exact hashes; the Hamming distance (of 256 bits) for PDQ. */
  distance: number;
  /** For PDQ: which rotation or flip of the media matched (0 = as it is). */
  variant?: number;
  /** The entry's labels (series, flags, category…); the API leaves them untyped, read them with matchLabels(). */
  labels: Record<string, unknown>;
  hashes: Partial<Record<MatchedOn, string>>;
}

export interface MediaItem {
  id: string;
  ownerAgencyId: string;
  visibility: Visibility;
  caseId: string | null;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  mediaType: string;
  kind: string;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  codec: string | null;
  pdq: string | null;
  pdqQuality: number | null;
  exif: ExifClues | null;
  triage: Triage;
  matches: MediaMatch[];
  /** Near-duplicates found in the same ingest share a stack id. */
  stackId: string | null;
  /** False when only the hashes were kept (hash-only ingest): there is no thumbnail. */
  stored: boolean;
  error: string | null;
  createdAt: string;
}

export interface MediaFilters {
  caseId?: string;
  triage?: Triage;
  ingestId?: string;
}

export const INGEST_STATUSES = ['running', 'completed', 'failed'] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];

export interface IngestJob {
  id: string;
  ownerAgencyId: string;
  caseId: string | null;
  source: string;
  hashOnly: boolean;
  status: IngestStatus;
  totalItems: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface IngestCounts {
  /** Items given (files and archives) done, of the job's totalItems. */
  itemsDone: number;
  /** Files found, archive members included. */
  files: number;
  known: number;
  ignorable: number;
  new: number;
  error: number;
  /** Distinct media among the files. */
  distinct: number;
  /** Stacks of near-duplicates with more than one member. */
  stacks: number;
}

export interface IngestWithCounts extends IngestJob {
  counts: IngestCounts;
}

export interface UploadedFile {
  /** The file's name; an archive member is `archive.zip!/inner/path.jpg`. */
  name: string;
  triage: Triage;
  mediaId: string | null;
  error: string | null;
}

export interface UploadResult {
  job: IngestJob;
  counts: IngestCounts;
  files: UploadedFile[];
}

export interface UploadRequest {
  /** Case id or reference; it must belong to the user's agency. */
  caseRef: string;
  files: readonly File[];
  hashOnly: boolean;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export async function listMedia(
  filters: MediaFilters,
  page: { before?: string; limit: number },
  signal?: AbortSignal,
): Promise<MediaItem[]> {
  return (await request<ItemList<MediaItem>>('GET', '/media', { query: { ...filters, ...page }, signal })).items;
}

export function getMedia(id: string, signal?: AbortSignal): Promise<MediaItem> {
  return request<MediaItem>('GET', `/media/${segment(id)}`, { signal });
}

/**
 * The URL of a media thumbnail, made on the server. Blurred and greyscale unless `reveal`, which
 * only analysts may ask for and which the server records in the audit log every time.
 */
export function thumbnailUrl(id: string, reveal = false): string {
  return `${API_BASE}/media/${segment(id)}/thumbnail${reveal ? '?reveal=true' : ''}`;
}

/** The URL of a video's contact sheet (12 frames in one picture, never played); blurred like thumbnails. */
export function contactSheetUrl(id: string, reveal = false): string {
  return `${API_BASE}/media/${segment(id)}/contact-sheet${reveal ? '?reveal=true' : ''}`;
}

export async function listIngests(signal?: AbortSignal): Promise<IngestJob[]> {
  return (await request<ItemList<IngestJob>>('GET', '/ingests', { signal })).items;
}

export function getIngest(id: string, signal?: AbortSignal): Promise<IngestWithCounts> {
  return request<IngestWithCounts>('GET', `/ingests/${segment(id)}`, { signal });
}

/**
 * Uploads media for one case. XMLHttpRequest rather than fetch, for the upload progress; the
 * answer comes once the server has hashed, matched and triaged every file.
 */
export function uploadMedia(
  input: UploadRequest,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<UploadResult> {
  const path = '/media/upload';
  const form = new FormData();
  // The fields first: the server reads the parts in order.
  form.append('case', input.caseRef);
  if (input.hashOnly) form.append('hashOnly', 'true');
  for (const file of input.files) form.append('file', file, file.name);

  return new Promise<UploadResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.withCredentials = true;
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadResult);
        } catch {
          reject(
            new ApiError({
              status: xhr.status,
              code: 'internal',
              title: 'Unexpected answer',
              detail: 'The server sent an answer the console cannot read.',
            }),
          );
        }
        return;
      }
      const json = (xhr.getResponseHeader('content-type') ?? '').includes('json');
      reject(failure(problemOf(xhr.status, xhr.statusText, json ? xhr.responseText : ''), path));
    });
    xhr.addEventListener('error', () =>
      reject(
        new ApiError({
          status: 0,
          code: 'unavailable',
          title: 'Network error',
          detail: 'The upload could not reach the server. Check the connection and try again.',
        }),
      ),
    );
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('The upload was cancelled.', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

/** The labels of a matched hash-set entry that the console shows, read defensively. */
export interface MatchLabels {
  seriesName?: string;
  victimIdentified?: boolean | null;
  offenderIdentified?: boolean | null;
  category?: Category;
  baseline?: boolean | null;
  distributed?: boolean | null;
  externalId?: string;
  notes?: string;
}

function optionalFlag(value: unknown): boolean | null | undefined {
  return typeof value === 'boolean' || value === null ? value : undefined;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function matchLabels(labels: Record<string, unknown>): MatchLabels {
  const result: MatchLabels = {};
  const seriesName = optionalText(labels.seriesName);
  if (seriesName !== undefined) result.seriesName = seriesName;
  const externalId = optionalText(labels.externalId);
  if (externalId !== undefined) result.externalId = externalId;
  const notes = optionalText(labels.notes);
  if (notes !== undefined) result.notes = notes;
  for (const key of ['victimIdentified', 'offenderIdentified', 'baseline', 'distributed'] as const) {
    const flag = optionalFlag(labels[key]);
    if (flag !== undefined) result[key] = flag;
  }
  const category = labels.category;
  if (isRecord(category) && typeof category.scheme === 'string' && typeof category.code === 'string') {
    result.category = { scheme: category.scheme, code: category.code };
  }
  return result;
}
