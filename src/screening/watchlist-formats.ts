/**
 * Watchlist import formats, pure and free of I/O: FollowTheMoney (FtM) Person entities as JSON lines
 * (the OpenSanctions and Aleph export format) and a simple CSV, both turned into `PersonRecord`s for
 * `scorePerson`.
 *
 * Both parsers return `{ persons, errors, skipped }` instead of throwing: one error per rejected
 * line (1-based; for CSV the line where the record starts, the header being line 1).
 *
 * FtM mapping (`properties` are arrays of strings; non-strings are ignored)
 *   names         name + alias, then one composed "firstName middleName fatherName lastName" (first
 *                 value of each part) when any part is given; deduplicated case-insensitively.
 *                 weakAlias goes to `weakNames`, not to `record.names` (yente weighs weak aliases
 *                 lower, so they must not count as a full name match).
 *   birthDates    birthDate via `parsePartialDate` (a time part after `T` is dropped); values that do
 *                 not parse are ignored, since FtM data is machine-generated.
 *   nationalities nationality + citizenship, normalised to alpha-3 by `normaliseCountry` (FtM
 *                 uses lower-case alpha-2 such as `ru`); `country` only when those give none.
 *                 Unknown codes (`xk`, `suhh`, …) are dropped.
 *   sex           gender `male` → M, `female` → F; anything else, or both, leaves it unset.
 *   documents     passportNumber and idNumber, without issuing country (FtM does not link one).
 *   reason        from topics: `wanted`, `crime` or `crime.*` → wanted; any other topic (`poi`,
 *                 `sanction`, `role.pep`, …) → other; no topics → unset. FtM has no topic for
 *                 missing persons or victims: those come from the CSV `reason` column.
 *   notes         all notes joined by a blank line.
 * A line that is not a JSON object, a Person without an `id` or without any name is an error; other
 * schemas are counted in `skipped`; blank lines are ignored.
 *
 * CSV: header required; columns `id,name,aliases,birth_date,nationality,sex,document_number,
 * document_country,reason` in any order, case-insensitive, unknown columns ignored; only `name` is
 * required (its absence is one fatal error on line 1). Comma-separated, fields quoted with `"` and
 * `""` for a quote (quoted fields may span lines), BOM and CRLF tolerated. `aliases` are
 * `;`-separated. An empty `id` falls back to `line-N`, which is only stable while the file is not
 * reordered. Hand-made files get strict checks: an empty name, or a non-empty birth date, nationality,
 * sex (M/F/X/male/female), document country or reason (wanted/missing/victim/other) that cannot be
 * understood rejects the row with an error rather than silently losing the value.
 *
 * @example parseFtmPersons('{"id":"x1","schema":"Person","properties":{"name":["Maria Example"],"nationality":["ru"]}}').persons[0]?.record // { names: ['Maria Example'], nationalities: ['RUS'] }
 */
import { readCsvTable, stripBom } from '../platform/csv.js';
import { normaliseCountry, parsePartialDate, type PartialDate, type PersonDocument, type PersonRecord, type Sex } from './person-match.js';

export type WatchlistReason = 'wanted' | 'missing' | 'victim' | 'other';

export interface WatchlistPerson {
  /** The source's identifier (FtM `id`, CSV `id`). */
  readonly externalId: string;
  readonly record: PersonRecord;
  /** Weak aliases (FtM `weakAlias`), kept out of `record.names`. */
  readonly weakNames?: readonly string[];
  readonly reason?: WatchlistReason;
  /** FtM topics as given (`crime`, `poi`, `sanction`, …); empty for CSV. */
  readonly topics: readonly string[];
  readonly notes?: string;
}

export interface WatchlistLineError {
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

export interface WatchlistParseResult {
  readonly persons: WatchlistPerson[];
  readonly errors: WatchlistLineError[];
  /** Entities of another schema than Person (FtM only). */
  readonly skipped: number;
}

const REASONS: readonly WatchlistReason[] = ['wanted', 'missing', 'victim', 'other'];

function collapse(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Trimmed, non-empty, deduplicated case-insensitively, first spelling kept. */
function uniqueNames(values: readonly string[], exclude: readonly string[] = []): string[] {
  const seen = new Set(exclude.map((v) => collapse(v).toLowerCase()));
  const out: string[] = [];
  for (const raw of values) {
    const v = collapse(raw);
    const key = v.toLowerCase();
    if (v.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

function unique<T>(values: readonly T[], key: (v: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const dateKey = (d: PartialDate): string => JSON.stringify(d);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reasonFromTopics(topics: readonly string[]): WatchlistReason | undefined {
  if (topics.some((t) => t === 'wanted' || t === 'crime' || t.startsWith('crime.'))) return 'wanted';
  return topics.length > 0 ? 'other' : undefined;
}

function genderToSex(values: readonly string[]): Sex | undefined {
  const sexes = new Set<Sex>();
  for (const v of values) {
    const g = v.trim().toLowerCase();
    if (g === 'male') sexes.add('M');
    else if (g === 'female') sexes.add('F');
  }
  return sexes.size === 1 ? [...sexes][0] : undefined;
}

function ftmPerson(entity: Record<string, unknown>): WatchlistPerson | string {
  const id = entity['id'];
  if (typeof id !== 'string' || id.trim().length === 0) return 'Person without an id';
  const props = isObject(entity['properties']) ? entity['properties'] : {};
  const prop = (name: string): string[] => {
    const v = props[name];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim()) : [];
  };
  const parts = ['firstName', 'middleName', 'fatherName', 'lastName'].map((p) => prop(p)[0]).filter((p) => p !== undefined);
  const names = uniqueNames([...prop('name'), ...prop('alias'), ...(parts.length > 0 ? [parts.join(' ')] : [])]);
  if (names.length === 0) return `Person ${id} has no name`;
  const weakNames = uniqueNames(prop('weakAlias'), names);

  const birthDates = unique(
    prop('birthDate')
      .map((d) => parsePartialDate(d.split('T')[0] ?? d))
      .filter((d) => d !== undefined),
    dateKey,
  );
  const countries = (values: string[]): string[] =>
    unique(
      values.map(normaliseCountry).filter((c) => c !== undefined),
      String,
    );
  let nationalities = countries([...prop('nationality'), ...prop('citizenship')]);
  if (nationalities.length === 0) nationalities = countries(prop('country'));
  const sex = genderToSex(prop('gender'));
  const documents = unique<PersonDocument>(
    [...prop('passportNumber'), ...prop('idNumber')].map((number) => ({ number })),
    (d) => d.number,
  );
  const topics = prop('topics');
  const reason = reasonFromTopics(topics);
  const notes = prop('notes');

  const record: PersonRecord = {
    names,
    ...(birthDates.length > 0 && { birthDates }),
    ...(nationalities.length > 0 && { nationalities }),
    ...(sex !== undefined && { sex }),
    ...(documents.length > 0 && { documents }),
  };
  return {
    externalId: id,
    record,
    ...(weakNames.length > 0 && { weakNames }),
    ...(reason !== undefined && { reason }),
    topics,
    ...(notes.length > 0 && { notes: notes.join('\n\n') }),
  };
}

/** Parses FollowTheMoney entities as JSON lines, keeping Person entities; see the module comment. */
export function parseFtmPersons(text: string): WatchlistParseResult {
  const persons: WatchlistPerson[] = [];
  const errors: WatchlistLineError[] = [];
  let skipped = 0;
  stripBom(text)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim().length === 0) return;
      let entity: unknown;
      try {
        entity = JSON.parse(raw);
      } catch (e) {
        errors.push({ line, message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      if (!isObject(entity)) {
        errors.push({ line, message: 'not a JSON object' });
        return;
      }
      if (entity['schema'] !== 'Person') {
        skipped++;
        return;
      }
      const person = ftmPerson(entity);
      if (typeof person === 'string') errors.push({ line, message: person });
      else persons.push(person);
    });
  return { persons, errors, skipped };
}

type CsvColumn = 'id' | 'name' | 'aliases' | 'birth_date' | 'nationality' | 'sex' | 'document_number' | 'document_country' | 'reason';

const CSV_SEX: ReadonlyMap<string, Sex> = new Map([
  ['m', 'M'],
  ['male', 'M'],
  ['f', 'F'],
  ['female', 'F'],
  ['x', 'X'],
]);

function csvPerson(get: (column: CsvColumn) => string, line: number): WatchlistPerson | string {
  const name = collapse(get('name'));
  if (name.length === 0) return 'empty name';
  const names = uniqueNames([name, ...get('aliases').split(';')]);

  const rawDate = get('birth_date').trim();
  const birthDate = rawDate.length > 0 ? parsePartialDate(rawDate) : undefined;
  if (rawDate.length > 0 && birthDate === undefined) return `birth_date "${rawDate}" is not YYYY, YYYY-MM or YYYY-MM-DD`;

  const rawNationality = get('nationality').trim();
  const nationality = rawNationality.length > 0 ? normaliseCountry(rawNationality) : undefined;
  if (rawNationality.length > 0 && nationality === undefined) return `unknown nationality "${rawNationality}"`;

  const rawSex = get('sex').trim();
  const sex = rawSex.length > 0 ? CSV_SEX.get(rawSex.toLowerCase()) : undefined;
  if (rawSex.length > 0 && sex === undefined) return `sex "${rawSex}" is not M, F or X`;

  const number = get('document_number').trim();
  const rawDocCountry = get('document_country').trim();
  const docCountry = rawDocCountry.length > 0 ? normaliseCountry(rawDocCountry) : undefined;
  if (number.length > 0 && rawDocCountry.length > 0 && docCountry === undefined) return `unknown document_country "${rawDocCountry}"`;

  const rawReason = get('reason').trim().toLowerCase();
  const reason = REASONS.find((r) => r === rawReason);
  if (rawReason.length > 0 && reason === undefined) return `reason "${get('reason').trim()}" is not one of ${REASONS.join(', ')}`;

  const id = get('id').trim();
  const record: PersonRecord = {
    names,
    ...(birthDate !== undefined && { birthDates: [birthDate] }),
    ...(nationality !== undefined && { nationalities: [nationality] }),
    ...(sex !== undefined && { sex }),
    ...(number.length > 0 && { documents: [{ number, ...(docCountry !== undefined && { country: docCountry }) }] }),
  };
  return { externalId: id.length > 0 ? id : `line-${line}`, record, ...(reason !== undefined && { reason }), topics: [] };
}

/** Parses the simple watchlist CSV (see the module comment); a missing `name` column is one fatal error. */
export function parseWatchlistCsv(text: string): WatchlistParseResult {
  const persons: WatchlistPerson[] = [];
  const errors: WatchlistLineError[] = [];
  const table = readCsvTable(text, ',');
  const index = table.columns;
  if (!index.has('name')) return { persons, errors: [{ line: 1, message: 'header has no "name" column' }], skipped: 0 };
  for (const row of table.records) {
    const get = (column: CsvColumn): string => {
      const i = index.get(column);
      return i === undefined ? '' : (row.cells[i] ?? '');
    };
    const person = csvPerson(get, row.line);
    if (typeof person === 'string') errors.push({ line: row.line, message: person });
    else persons.push(person);
  }
  // An unclosed quote swallows the rest of the file: report the record it starts, keep nothing of it.
  if (table.unterminated !== undefined) errors.push({ line: table.unterminated, message: 'unterminated quoted field' });
  return { persons, errors, skipped: 0 };
}
