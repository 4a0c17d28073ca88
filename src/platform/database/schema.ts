/**
 * Row types of every table, as Kysely sees them: snake_case columns, singular table names.
 * Domain objects (camelCase) are mapped from these in each repository.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ScreeningRevisionTable,
  TravelDocumentTable,
  WatchlistPersonTable,
  WatchlistTable,
} from '../../screening/watchlists/watchlist.schema.js';
import type {
  BorderOperationTable,
  CheckpointTable,
  ScreeningCheckTable,
  ScreeningDismissalTable,
  ScreeningHitTable,
} from '../../screening/operations/operation.schema.js';
import type {
  CampaignNoticeTable,
  CampaignTable,
  NoticeEventTable,
  NoticePhotoTable,
  NoticeRevisionTable,
  NoticeTable,
  TipMessageTable,
  TipPhotoTable,
  TipTable,
} from '../../notices/notice.schema.js';
import type {
  DarkwebAccountPersonTable,
  DarkwebAccountTable,
  DarkwebAlertTable,
  DarkwebCustodyHeadTable,
  DarkwebCustodyTable,
  DarkwebFrontierTable,
  DarkwebMediaTable,
  DarkwebPageTable,
  DarkwebSiteTable,
  DarkwebVisitTable,
} from '../../darkweb/darkweb.schema.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface AgencyTable {
  id: Generated<string>;
  name: string;
  country: string;
  kind: string;
  is_operator: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserAccountTable {
  id: Generated<string>;
  agency_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  must_change_password: Generated<boolean>;
  totp_secret_enc: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  pending: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  roles: string[];
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: Timestamp | null;
}

export interface AuditEventTable {
  seq: number;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  agency_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  record_agency_id: string | null;
  outcome: string;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface RecordShareTable {
  record_type: string;
  record_id: string;
  agency_id: string;
}

export interface CaseFileTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  reference: string;
  title: string;
  summary: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface HashSetTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  name: string;
  purpose: string;
  description: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface HashSetEntryTable {
  id: Generated<number>;
  hash_set_id: string;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  pdq_quality: number | null;
  photo_dna: string | null;
  category_scheme: string | null;
  category_code: string | null;
  baseline: boolean | null;
  series_name: string | null;
  victim_identified: boolean | null;
  offender_identified: boolean | null;
  distributed: boolean | null;
  submissions: number | null;
  notes: string | null;
  external_id: string | null;
  media_type: string | null;
  file_name: string | null;
  created_at: CreatedAt;
}

export interface IngestJobTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  case_id: string | null;
  resume_key: string;
  source: string;
  hash_only: boolean;
  status: string;
  total_items: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface IngestItemTable {
  ingest_id: string;
  seq: number;
  path: string;
  status: string;
}

export interface MediaFileTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  media_type: string;
  kind: string;
  width: number | null;
  height: number | null;
  duration_seconds: number | null;
  codec: string | null;
  pdq: string | null;
  pdq_quality: number | null;
  exif: ColumnType<unknown, string | null, string | null> | null;
  vpdq: ColumnType<unknown, string | null, string | null> | null;
  pdq_variants: ColumnType<unknown, string | null, string | null> | null;
  triage: string;
  matches: Json;
  stack_id: string | null;
  stored: Generated<boolean>;
  error: string | null;
  case_id: string | null;
  created_at: CreatedAt;
}

export interface MediaOccurrenceTable {
  ingest_id: string;
  path: string;
  media_id: string | null;
  triage: string;
  error: string | null;
}

/** A person of interest (migration 0008_persons): an owned record. `birth_date` is read as ISO text. */
export interface PersonTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  case_id: string | null;
  name: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  birth_date: string | null;
  nationality: string | null;
  notes: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VigilMetaTable {
  key: string;
  value: string;
}

export interface Database {
  agency: AgencyTable;
  user_account: UserAccountTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
  record_share: RecordShareTable;
  case_file: CaseFileTable;
  vigil_meta: VigilMetaTable;
  hash_set: HashSetTable;
  hash_set_entry: HashSetEntryTable;
  ingest_job: IngestJobTable;
  ingest_item: IngestItemTable;
  media_file: MediaFileTable;
  media_occurrence: MediaOccurrenceTable;
  watchlist: WatchlistTable;
  watchlist_person: WatchlistPersonTable;
  travel_document: TravelDocumentTable;
  screening_revision: ScreeningRevisionTable;
  notice: NoticeTable;
  notice_photo: NoticePhotoTable;
  notice_event: NoticeEventTable;
  notice_revision: NoticeRevisionTable;
  campaign: CampaignTable;
  campaign_notice: CampaignNoticeTable;
  tip: TipTable;
  tip_photo: TipPhotoTable;
  tip_message: TipMessageTable;
  border_operation: BorderOperationTable;
  checkpoint: CheckpointTable;
  screening_check: ScreeningCheckTable;
  screening_hit: ScreeningHitTable;
  screening_dismissal: ScreeningDismissalTable;
  darkweb_site: DarkwebSiteTable;
  darkweb_visit: DarkwebVisitTable;
  darkweb_frontier: DarkwebFrontierTable;
  darkweb_page: DarkwebPageTable;
  darkweb_media: DarkwebMediaTable;
  darkweb_account: DarkwebAccountTable;
  darkweb_alert: DarkwebAlertTable;
  darkweb_custody: DarkwebCustodyTable;
  darkweb_custody_head: DarkwebCustodyHeadTable;
  person: PersonTable;
  darkweb_account_person: DarkwebAccountPersonTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type UserAccountRow = Selectable<UserAccountTable>;
export type NewUserAccountRow = Insertable<UserAccountTable>;
export type UserAccountUpdate = Updateable<UserAccountTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type CaseFileRow = Selectable<CaseFileTable>;
export type HashSetRow = Selectable<HashSetTable>;
export type HashSetEntryRow = Selectable<HashSetEntryTable>;
export type NewHashSetEntryRow = Insertable<HashSetEntryTable>;
export type MediaFileRow = Selectable<MediaFileTable>;
export type IngestJobRow = Selectable<IngestJobTable>;
