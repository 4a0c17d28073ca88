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

type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type QueryValue = string | number | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  body?: unknown;
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
  let body: string | undefined;
  if (options.body !== undefined) {
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
    if (problem.status === 401 && !path.startsWith('/auth/')) {
      unauthenticatedListeners.forEach((listener) => listener());
    }
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
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
  const fallback: Problem = {
    status: response.status,
    title: response.statusText,
    detail:
      DEFAULT_DETAILS[response.status] ??
      (response.status >= 500 ? 'The server ran into a problem; try again later.' : `The request failed (${response.status}).`),
  };
  if (!(response.headers.get('content-type') ?? '').includes('json')) return fallback;
  try {
    const body: unknown = await response.json();
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
