/** Row types of the border operation tables (migration 0004), as Kysely sees them. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column: the drivers differ in what they read, so repositories select it as `::text`. */
type DateColumn = ColumnType<unknown, string, string>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;
/** bigint identity: both drivers return it as a number here. */
type Identity = ColumnType<number, never, never>;

export interface BorderOperationTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  name: string;
  description: Generated<string>;
  starts_on: DateColumn | null;
  ends_on: DateColumn | null;
  status: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CheckpointTable {
  id: Generated<string>;
  operation_id: string;
  name: string;
  border_type: string;
  place: Generated<string>;
  country: string;
  created_at: CreatedAt;
}

export interface ScreeningCheckTable {
  id: Generated<string>;
  seq: Identity;
  operation_id: string;
  checkpoint_id: string | null;
  agency_id: string;
  user_id: string | null;
  token_id: string | null;
  checked_at: ColumnType<Date, Date | string | undefined, never>;
  traveller: Json;
  traveller_key: string;
  outcome: string;
  hit_count: number;
  document_hit_count: number;
  suppressed_count: number;
  problems: Json;
}

export interface ScreeningHitTable {
  id: Generated<string>;
  seq: Identity;
  check_id: string;
  operation_id: string;
  kind: string;
  list_id: string;
  entry_id: string;
  score: number;
  explanation: NullableJson;
  entry_snapshot: NullableJson;
  status: Generated<string>;
  outcome: string | null;
  outcome_nationality: string | null;
  note: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ScreeningDismissalTable {
  operation_id: string;
  traveller_key: string;
  entry_id: string;
  dismissed_by: string | null;
  dismissed_by_name: string | null;
  dismissed_at: CreatedAt;
  hit_id: string | null;
}

export type BorderOperationRow = Selectable<BorderOperationTable>;
export type CheckpointRow = Selectable<CheckpointTable>;
export type ScreeningCheckRow = Selectable<ScreeningCheckTable>;
export type NewScreeningCheckRow = Insertable<ScreeningCheckTable>;
export type ScreeningHitRow = Selectable<ScreeningHitTable>;
export type NewScreeningHitRow = Insertable<ScreeningHitTable>;
