/** Row types of the screening tables (migration 0003_screening), as Kysely sees them. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A jsonb column: read as parsed JSON, written as a JSON string. */
type Jsonb<T> = ColumnType<T, string, string>;
/** A jsonb column with a default. */
type JsonbDefault<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface WatchlistTable {
  id: Generated<string>;
  owner_agency_id: string;
  visibility: string;
  name: string;
  kind: string;
  source: Generated<string>;
  description: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  entry_count: Generated<number>;
}

export interface WatchlistPersonTable {
  id: Generated<string>;
  watchlist_id: string;
  external_id: string;
  names: Jsonb<string[]>;
  weak_names: JsonbDefault<string[]>;
  birth_dates: JsonbDefault<unknown[]>;
  nationalities: TextArray;
  sex: string | null;
  documents: JsonbDefault<{ number: string; country?: string }[]>;
  reason: string | null;
  topics: TextArray;
  notes: string | null;
  source_notice_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TravelDocumentTable {
  id: Generated<string>;
  watchlist_id: string;
  external_id: string;
  number: string;
  number_key: string;
  country: string | null;
  document_type: string;
  status: string;
  /** A `date`: written as `YYYY-MM-DD`, read back through `to_char` in the repository. */
  reported_on: ColumnType<unknown, string | null, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ScreeningRevisionTable {
  id: number;
  revision: number;
}

/** The screening tables, added to `Database`. */
export interface ScreeningTables {
  watchlist: WatchlistTable;
  watchlist_person: WatchlistPersonTable;
  travel_document: TravelDocumentTable;
  screening_revision: ScreeningRevisionTable;
}

export type WatchlistRow = Selectable<WatchlistTable>;
export type WatchlistPersonRow = Selectable<WatchlistPersonTable>;
export type NewWatchlistPersonRow = Insertable<WatchlistPersonTable>;
export type TravelDocumentRowDb = Selectable<TravelDocumentTable>;
export type NewTravelDocumentRow = Insertable<TravelDocumentTable>;
