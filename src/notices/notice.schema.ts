/** Row types of the notice tables (migration 0005_notices), as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A jsonb column: read as parsed JSON, written as a JSON string. */
type Jsonb<T> = ColumnType<T, string, string>;
type JsonbDefault<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** A `date` column: written as `YYYY-MM-DD`; read it with `to_char` (drivers differ in what they return). */
type DateColumn = ColumnType<unknown, string | null, string | null>;
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface NoticeTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  type: string;
  status: string;
  public_number: string | null;
  content: Jsonb<unknown>;
  public_fields: TextArray;
  family_name: Generated<string>;
  forename: Generated<string>;
  expires_on: DateColumn;
  created_by: string | null;
  submitted_by: string | null;
  published_by: string | null;
  published_by_agency_id: string | null;
  published_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface NoticePhotoTable {
  id: Generated<string>;
  notice_id: string;
  position: number;
  public: Generated<boolean>;
  caption: Generated<string>;
  image: Bytes;
  thumbnail: Bytes;
  width: number;
  height: number;
  sha256: string;
  created_at: CreatedAt;
}

export interface NoticeEventTable {
  id: Generated<string>;
  notice_id: string;
  from_status: string | null;
  to_status: string;
  reason: Generated<string>;
  actor_name: string | null;
  actor_agency_id: string | null;
  at: CreatedAt;
}

export interface CampaignTable {
  id: Generated<string>;
  owner_agency_id: string;
  slug: string;
  title: string;
  body: Generated<string>;
  translations: JsonbDefault<unknown>;
  starts_on: DateColumn;
  ends_on: DateColumn;
  status: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CampaignNoticeTable {
  campaign_id: string;
  notice_id: string;
  position: number;
}

export interface TipTable {
  id: Generated<string>;
  reference: string;
  secret_hash: string;
  notice_id: string;
  owner_agency_id: string;
  visibility: string;
  status: string;
  language: string;
  body: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TipPhotoTable {
  id: Generated<string>;
  tip_id: string;
  image: Bytes;
  width: number;
  height: number;
  sha256: string;
  created_at: CreatedAt;
}

export interface TipMessageTable {
  id: Generated<string>;
  tip_id: string;
  kind: string;
  body: string;
  author_name: string | null;
  author_agency_id: string | null;
  created_at: CreatedAt;
}

export interface NoticeRevisionTable {
  id: number;
  revision: number;
}
