/** Row types of the dark web tables (migration 0006_darkweb), as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Jsonb<T> = ColumnType<T, string, string>;
type JsonbDefault<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Count = ColumnType<number, number | undefined, number>;
type BigCount = ColumnType<number, number | undefined, number>;

export interface DarkwebSiteTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  name: string;
  kind: 'onion' | 'clear';
  origin: string;
  seeds: TextArray;
  scope_include: TextArray;
  scope_exclude: TextArray;
  max_depth: number;
  max_pages: number;
  recrawl_minutes: number;
  concurrency: number;
  delay_ms: number;
  timeout_ms: number;
  session_cookie: string | null;
  extraction_rules: JsonbDefault<unknown>;
  case_id: string | null;
  legal_basis: string;
  keep_media: Generated<boolean>;
  status: Generated<'active' | 'paused'>;
  isolation_key: string;
  next_crawl_at: Timestamp | null;
  last_state: 'up' | 'down' | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type VisitStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type VisitOutcome = 'up' | 'down' | 'challenge' | 'logged_out';

export interface DarkwebVisitTable {
  id: Generated<string>;
  site_id: string;
  status: VisitStatus;
  outcome: VisitOutcome | null;
  failure_class: string | null;
  pages_fetched: Count;
  pages_failed: Count;
  challenges: Count;
  media_seen: Count;
  media_known: Count;
  media_new: Count;
  bytes: BigCount;
  response_ms_total: BigCount;
  member_count: number | null;
  content_fingerprint: string | null;
  content_changed: boolean | null;
  started_by: string | null;
  queued_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface DarkwebFrontierTable {
  id: Generated<number>;
  visit_id: string;
  url: string;
  kind: 'page' | 'media';
  depth: number;
  referrer: string | null;
  status: Generated<'pending' | 'claimed' | 'done' | 'failed'>;
  attempts: Count;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  error: string | null;
}

export interface DarkwebPageTable {
  id: Generated<number>;
  visit_id: string;
  site_id: string;
  url: string;
  status_code: number;
  page_kind: string;
  title: string | null;
  language: string | null;
  text: string;
  content_fingerprint: string | null;
  links: number;
  media: number;
  member_count: number | null;
  posts: JsonbDefault<unknown>;
  response_ms: number;
  bytes: number;
  warc_file: string;
  warc_record_id: string;
  warc_offset: number;
  payload_digest: string;
  fetched_at: Timestamp;
}

export interface DarkwebMediaTable {
  id: Generated<number>;
  visit_id: string;
  site_id: string;
  url: string;
  page_url: string | null;
  kind: 'image' | 'video' | 'other';
  bytes: number;
  md5: string;
  sha1: string;
  sha256: string;
  pdq: string | null;
  pdq_quality: number | null;
  /** A video's frames (vPDQ), as `VpdqFrame[]`. */
  vpdq: ColumnType<unknown, string | null, string | null> | null;
  duration_seconds: number | null;
  triage: 'known' | 'ignorable' | 'new' | 'unreadable';
  matches: JsonbDefault<unknown>;
  kept_path: string | null;
  warc_file: string;
  warc_record_id: string;
  warc_offset: number;
  fetched_at: Timestamp;
}

export interface DarkwebAccountTable {
  id: Generated<string>;
  site_id: string;
  kind: string;
  value: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  first_url: string;
  sightings: Count;
  watched: Generated<boolean>;
  case_id: string | null;
  note: string | null;
}

/** An account linked to a person of interest (migration 0008_persons), many to many. */
export interface DarkwebAccountPersonTable {
  account_id: string;
  person_id: string;
  basis: string | null;
  linked_by: string | null;
  linked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type AlertKind =
  'known_material' | 'new_media_surge' | 'watched_account' | 'site_up' | 'site_down' | 'session_expired' | 'challenge';

export interface DarkwebAlertTable {
  id: Generated<string>;
  site_id: string;
  visit_id: string | null;
  kind: AlertKind;
  title: string;
  details: Jsonb<unknown>;
  created_at: CreatedAt;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  webhook_status: 'pending' | 'sent' | 'failed' | null;
  webhook_attempts: Count;
}

export interface DarkwebCustodyTable {
  seq: number;
  at: Timestamp;
  entry: Jsonb<unknown>;
  prev_hash: string;
  hash: string;
  visit_id: string | null;
}

export interface DarkwebCustodyHeadTable {
  id: number;
  seq: number;
  hash: string;
}
