// Typed client for the screening API (docs/screening.md): watchlists, checks against them, border
// operations with their checkpoints, the review queue of hits and the operation statistics.
import { request, type Visibility } from './api';

const API_BASE = '/api/v1';

function segment(id: string): string {
  return encodeURIComponent(id);
}

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface ItemList<T> {
  items: T[];
}

// Watchlists

export const WATCHLIST_KINDS = ['persons', 'documents'] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

export const WATCHLIST_FORMATS = ['ftm-jsonl', 'persons-csv', 'documents-csv'] as const;
export type WatchlistFormat = (typeof WATCHLIST_FORMATS)[number];

export const WATCHLIST_REASONS = ['wanted', 'missing', 'victim', 'other'] as const;
export type WatchlistReason = (typeof WATCHLIST_REASONS)[number];

export interface Watchlist {
  id: string;
  name: string;
  kind: WatchlistKind;
  source: string;
  description: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  visibility: Visibility;
  sharedWith: string[];
  entryCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewWatchlist {
  name: string;
  kind: WatchlistKind;
  source?: string;
  description?: string;
  visibility: Visibility;
  sharedWith?: string[];
}

export interface PersonDocumentView {
  number: string;
  country?: string;
  type?: string;
}

export interface WatchlistPersonView {
  id: string;
  externalId: string | null;
  names: string[];
  weakNames?: string[];
  birthDates?: string[];
  nationalities?: string[];
  sex?: string | null;
  documents?: PersonDocumentView[];
  reason?: string | null;
  topics?: string[];
  notes?: string | null;
}

export interface TravelDocumentView {
  id: string;
  externalId?: string | null;
  number: string;
  country?: string | null;
  documentType: string;
  status: string;
  reportedOn?: string | null;
}

export type WatchlistEntryView = WatchlistPersonView | TravelDocumentView;

export function isPersonEntry(entry: WatchlistEntryView): entry is WatchlistPersonView {
  return Array.isArray((entry as WatchlistPersonView).names);
}

export interface WatchlistImportIssue {
  line: number;
  message: string;
}

export interface WatchlistImportOutcome {
  imported: number;
  records: number;
  errors: WatchlistImportIssue[];
  skipped: number;
}

export async function listWatchlists(signal?: AbortSignal): Promise<Watchlist[]> {
  return (await request<ItemList<Watchlist>>('GET', '/watchlists', { signal })).items;
}

export function getWatchlist(id: string, signal?: AbortSignal): Promise<Watchlist> {
  return request<Watchlist>('GET', `/watchlists/${segment(id)}`, { signal });
}

export function createWatchlist(input: NewWatchlist): Promise<Watchlist> {
  return request<Watchlist>('POST', '/watchlists', { body: input });
}

export function deleteWatchlist(id: string): Promise<void> {
  return request<void>('DELETE', `/watchlists/${segment(id)}`);
}

export function importWatchlist(
  id: string,
  file: File,
  options: { format: WatchlistFormat; skipInvalid: boolean },
): Promise<WatchlistImportOutcome> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<WatchlistImportOutcome>('POST', `/watchlists/${segment(id)}/import`, {
    form,
    query: { format: options.format, skipInvalid: options.skipInvalid ? 'true' : undefined },
  });
}

/** One page of entries, in the server's order: those after the cursor `after` (an entry id). */
export async function listWatchlistEntries(
  id: string,
  page: { after?: string; limit: number },
  signal?: AbortSignal,
): Promise<WatchlistEntryView[]> {
  return (await request<ItemList<WatchlistEntryView>>('GET', `/watchlists/${segment(id)}/entries`, { query: page, signal })).items;
}

// Checks

export type Sex = 'F' | 'M' | 'X';

/** A traveller as given: any subset with a name, an MRZ or a document. */
export interface Traveller {
  id?: string;
  name?: string;
  birthDate?: string;
  nationality?: string;
  sex?: string;
  documentNumber?: string;
  documentCountry?: string;
  mrz?: string;
}

/** The traveller as screened: the MRZ read into fields, countries as alpha-3. */
export interface ResolvedTraveller {
  name?: string;
  birthDate?: string;
  nationality?: string;
  sex?: Sex;
  documentNumber?: string;
  documentCountry?: string;
  fromMrz: boolean;
}

export interface TravellerProblem {
  field: string;
  message: string;
}

export type PairKind = 'exact' | 'typo' | 'phonetic' | 'initial' | 'particle';

export interface TokenPair {
  query: string;
  candidate: string;
  score: number;
  how: PairKind;
}

export interface QualifierExplanation {
  /** Added to the score: negative for a penalty, 0 when neutral. */
  effect: number;
  detail: string;
}

export interface PersonExplanation {
  name: { score: number; detail: string; pairs: TokenPair[] };
  birthDate?: QualifierExplanation;
  nationality?: QualifierExplanation;
  sex?: QualifierExplanation;
  document?: QualifierExplanation;
}

/** The watchlist side of a person hit. */
export interface HitEntry {
  names: string[];
  birthDates?: string[];
  nationalities?: string[];
  sex?: string | null;
  reason?: string | null;
  listName?: string;
  externalId?: string | null;
  documents?: PersonDocumentView[];
  notes?: string | null;
}

export interface PersonHit {
  entryId: string;
  listId: string;
  score: number;
  match: boolean;
  explanation: PersonExplanation;
  hitId?: string;
  entry?: HitEntry;
}

export interface DocumentHit {
  documentId: string;
  listId: string;
  number: string;
  country?: string;
  documentType: string;
  status: string;
  reportedOn?: string;
  hitId?: string;
  listName?: string;
}

export interface ScreeningResult {
  id?: string;
  traveller: ResolvedTraveller;
  hits: PersonHit[];
  documentHits: DocumentHit[];
  problems: TravellerProblem[];
  screened: boolean;
  checkId?: string;
  /** Hits not raised again because they were dismissed before for this traveller in this operation. */
  suppressed?: number;
}

export interface ScreenContext {
  operationId?: string;
  checkpointId?: string;
  threshold?: number;
}

/** The most travellers one POST /screen takes. */
export const SCREEN_BATCH_LIMIT = 1000;

export async function screenTraveller(traveller: Traveller, context: ScreenContext, signal?: AbortSignal): Promise<ScreeningResult> {
  const answer = await request<{ results: ScreeningResult[] }>('POST', '/screen', { body: { traveller, ...context }, signal });
  const result = answer.results[0];
  if (!result) throw new Error('The server answered without a result.');
  return result;
}

export async function screenTravellers(travellers: Traveller[], context: ScreenContext, signal?: AbortSignal): Promise<ScreeningResult[]> {
  return (await request<{ results: ScreeningResult[] }>('POST', '/screen', { body: { travellers, ...context }, signal })).results;
}

/** Only person hits at or above the match threshold are alerts; the rest are weaker candidates. */
export function matchedHits(result: ScreeningResult): PersonHit[] {
  return result.hits.filter((hit) => hit.match);
}

export type Verdict = 'clear' | 'hit' | 'document-hit' | 'not-screened';

/** The answer in one word: a document hit outranks a person hit, which outranks clear. */
export function verdictOf(result: ScreeningResult): Verdict {
  if (result.documentHits.length > 0) return 'document-hit';
  if (matchedHits(result).length > 0) return 'hit';
  if (!result.screened) return 'not-screened';
  return 'clear';
}

// Border operations

export const OPERATION_STATUSES = ['planned', 'active', 'closed'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export const BORDER_TYPES = ['air', 'land', 'sea'] as const;
export type BorderType = (typeof BORDER_TYPES)[number];

export const HIT_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];

export const HIT_OUTCOMES = [
  'arrest',
  'victim_identified',
  'missing_person_found',
  'migrant_identified',
  'document_seized',
  'other',
] as const;
export type HitOutcome = (typeof HIT_OUTCOMES)[number];

export interface Checkpoint {
  id: string;
  name: string;
  borderType: BorderType;
  place: string;
  country: string;
}

export interface BorderOperation {
  id: string;
  name: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  status: OperationStatus;
  ownerAgencyId: string;
  ownerAgencyName?: string;
  ownerAgencyCountry?: string;
  visibility: Visibility;
  sharedWith: string[];
  /** The participating agencies (those it is shared with). */
  participants?: { id: string; name: string; country: string }[];
  checkpoints: Checkpoint[];
  createdAt?: string;
  updatedAt?: string;
}

export interface NewOperation {
  name: string;
  description?: string;
  startsOn?: string;
  endsOn?: string;
  status?: OperationStatus;
  visibility: Visibility;
  sharedWith?: string[];
}

export interface NewCheckpoint {
  name: string;
  borderType: BorderType;
  place?: string;
  country: string;
}

export interface HitView {
  id: string;
  seq?: number;
  checkId: string;
  listId?: string;
  entryId?: string;
  checkedAt: string;
  checkpoint: { id: string; name: string; borderType: BorderType; country: string } | null;
  agencyName?: string;
  traveller: ResolvedTraveller;
  kind: 'person' | 'document';
  score: number | null;
  explanation: PersonExplanation | null;
  entry?: HitEntry | null;
  document?: {
    number: string;
    country?: string | null;
    documentType?: string;
    status?: string;
    reportedOn?: string | null;
    listName?: string;
  } | null;
  status: HitStatus;
  outcome: HitOutcome | null;
  outcomeNationality: string | null;
  note: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface HitReview {
  decision: 'confirm' | 'dismiss';
  outcome?: HitOutcome;
  outcomeNationality?: string;
  note?: string;
}

export interface CountByKey {
  key: string;
  count: number;
}

export interface OperationStatistics {
  operation?: { id: string; name: string } | BorderOperation;
  checks: { total: number; byBorderType: CountByKey[]; byCountry: CountByKey[]; byDay: CountByKey[] };
  hits: { total: number; pending: number; confirmed: number; dismissed: number; byOutcome: CountByKey[] };
  migrantsByNationality: CountByKey[];
  participatingCountries: string[];
  participatingAgencies: number;
}

export async function listOperations(signal?: AbortSignal): Promise<BorderOperation[]> {
  return (await request<ItemList<BorderOperation>>('GET', '/border-operations', { signal })).items;
}

export function getOperation(id: string, signal?: AbortSignal): Promise<BorderOperation> {
  return request<BorderOperation>('GET', `/border-operations/${segment(id)}`, { signal });
}

export function createOperation(input: NewOperation): Promise<BorderOperation> {
  return request<BorderOperation>('POST', '/border-operations', { body: input });
}

export interface OperationChanges {
  name?: string;
  description?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  status?: OperationStatus;
  visibility?: Visibility;
  sharedWith?: string[];
}

export function updateOperation(id: string, changes: OperationChanges): Promise<BorderOperation> {
  return request<BorderOperation>('PATCH', `/border-operations/${segment(id)}`, { body: changes });
}

export function addCheckpoint(operationId: string, input: NewCheckpoint): Promise<Checkpoint> {
  return request<Checkpoint>('POST', `/border-operations/${segment(operationId)}/checkpoints`, { body: input });
}

export interface HitPage {
  items: HitView[];
  /** Pass as `after` for the next page; null on the last. */
  next: number | null;
}

export function listHits(
  operationId: string,
  page: { status: HitStatus; after?: number; limit: number },
  signal?: AbortSignal,
): Promise<HitPage> {
  return request<HitPage>('GET', `/border-operations/${segment(operationId)}/hits`, { query: page, signal });
}

export function reviewHit(operationId: string, hitId: string, review: HitReview): Promise<HitView> {
  return request<HitView>('POST', `/border-operations/${segment(operationId)}/hits/${segment(hitId)}/review`, { body: review });
}

export function getStatistics(operationId: string, signal?: AbortSignal): Promise<OperationStatistics> {
  return request<OperationStatistics>('GET', `/border-operations/${segment(operationId)}/statistics`, { signal });
}

/** Plain URLs for <a href download>: the server answers with an attachment. */
export function statisticsExportUrl(operationId: string, format: 'csv' | 'json'): string {
  const base = `${API_BASE}/border-operations/${segment(operationId)}`;
  return format === 'csv' ? `${base}/statistics.csv` : `${base}/statistics${query({ format: 'json' })}`;
}

// MRZ

export interface MrzDate {
  raw: string;
  iso: string | null;
}

/** A machine-readable zone as the server reads it (ICAO 9303, every check digit verified). */
export interface Mrz {
  format: 'TD1' | 'TD2' | 'TD3';
  documentCode: string;
  documentType: 'passport' | 'id_card' | 'visa' | 'other';
  issuingState: { code: string; kind: string };
  nationality: { code: string; kind: string };
  primaryIdentifier: string;
  secondaryIdentifiers: string[];
  nameTruncated: boolean;
  documentNumber: string;
  birthDate: MrzDate;
  expiryDate: MrzDate;
  expired: boolean | null;
  sex: Sex | null;
}

/** Reads an MRZ; a bad one is a 400 problem whose `errors` name each field (birthDate, composite, …). */
export function readMrz(text: string, signal?: AbortSignal): Promise<Mrz> {
  return request<Mrz>('POST', '/mrz', { body: { text }, signal });
}

// Recorded checks

export const CHECK_OUTCOMES = ['clear', 'hit', 'error'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export interface CheckView {
  id: string;
  seq: number;
  checkedAt: string;
  checkpoint: { id: string; name: string; borderType: BorderType; country: string } | null;
  agencyId: string;
  agencyName: string;
  traveller: ResolvedTraveller;
  outcome: CheckOutcome;
  hitCount: number;
  documentHitCount: number;
  suppressed: number;
  problems: TravellerProblem[];
}

export interface CheckPage {
  items: CheckView[];
  /** Pass as `after` for the next page; null on the last. */
  next: number | null;
}

/** Checks recorded in an operation, oldest first: all for the lead agency, their own for participants. */
export function listChecks(
  operationId: string,
  page: { after?: number; limit: number; outcome?: CheckOutcome },
  signal?: AbortSignal,
): Promise<CheckPage> {
  return request<CheckPage>('GET', `/border-operations/${segment(operationId)}/checks`, { query: page, signal });
}
