/**
 * The few facts of each watchlist entry that bound its score without scoring it, packed so that
 * an index can test thousands of candidates per check in microseconds: the token count of its
 * shortest name, its birth years (the span of all its dates), up to two nationalities, its sex and
 * its list.
 *
 * `qualifierCeiling` is an upper bound of `scorePrepared`'s birth-date, nationality and sex
 * qualifiers from those facts alone. Two full birth dates give the exact birth-date qualifier;
 * otherwise, from years: same year → +0.05 (exact at best); one year apart → −0.05 (a day apart
 * across New Year at best); 2–9 years → −0.15; 10 or more → −0.35; no common nationality
 * → −0.2; F against M → −0.2. An entry with more than two nationalities is never penalised here.
 */
import {
  BIRTH_DAY_DISJOINT,
  BIRTH_DAY_MONTH_SWAP,
  BIRTH_DAY_OFF_BY_ONE,
  BIRTH_EXACT_BOOST,
  BIRTH_OTHER_DECADE,
  BIRTH_YEAR_DISJOINT,
  NATIONALITY_MISMATCH,
  SEX_MISMATCH,
  type PartialDate,
  type PreparedQuery,
  type PreparedRecord,
} from './person-match.js';
import { shareUint32 } from './index/shared-arrays.js';

const NONE = 0;
/** A nationality no entry has (the query's is known, so every entry with one disagrees). */
const ABSENT = 0xffff;
const MANY = 0xfffe;
const SEX_CODES: Readonly<Record<string, number>> = { F: 1, M: 2 };

/** The query's side of the bound, computed once per check. */
export interface QueryFacts {
  readonly birthLo: number;
  readonly birthHi: number;
  /** The full birth date packed by `packDay`, 0 unless the query has one (day precision). */
  readonly birthDay: number;
  readonly nationality: number;
  readonly sex: number;
}

function yearSpan(dates: readonly PartialDate[] | undefined): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of dates ?? []) {
    const years = 'from' in d ? [d.from.year, d.to.year] : [d.year];
    for (const year of years) {
      lo = Math.min(lo, year);
      hi = Math.max(hi, year);
    }
  }
  return lo === Infinity ? [NONE, NONE] : [lo, hi];
}

/**
 * Four 32-bit words per entry, 16 bytes, so that one entry's facts share a cache line: a check
 * touches entries in random order, and at a million entries each separate array read would be a
 * cache miss of its own.
 *   word 0: token count (8 bits) | sex (8 bits) | list number (16 bits)
 *   word 1: first birth year (16 bits) | last birth year (16 bits), 0 when unknown
 *   word 2: nationality 1 (16 bits) | nationality 2 (16 bits)
 *   word 3: the birth date packed by `packDay` when the entry has exactly one full date, else 0
 */
const STRIDE = 4;

/** A full date (day precision) as year << 9 | month << 5 | day; 0 for anything less. */
function packDay(date: PartialDate): number {
  if ('from' in date || date.month === undefined || date.day === undefined || date.year < 1 || date.year > 4095) return 0;
  return (date.year << 9) | (date.month << 5) | date.day;
}

/** The birth-date qualifier of `compareBirthDate` for two full dates, exactly. */
function exactBirthEffect(a: number, b: number): number {
  if (a === b) return BIRTH_EXACT_BOOST;
  const [ya, ma, da] = [a >>> 9, (a >>> 5) & 0xf, a & 0x1f];
  const [yb, mb, db] = [b >>> 9, (b >>> 5) & 0xf, b & 0x1f];
  const gap = Math.abs(ya - yb);
  if (gap <= 1 && Math.abs(Date.UTC(ya, ma - 1, da) - Date.UTC(yb, mb - 1, db)) === 86_400_000) return BIRTH_DAY_OFF_BY_ONE;
  if (gap === 0) return ma === db && da === mb ? BIRTH_DAY_MONTH_SWAP : BIRTH_DAY_DISJOINT;
  return gap < 10 ? BIRTH_YEAR_DISJOINT : BIRTH_OTHER_DECADE;
}
const SUMMARY_EPOCH = 1800;
const SUMMARY_MANY = 0x3ff;
/** A summary's token count that means this many or more. */
export const SUMMARY_MANY_TOKENS = 0xf;

/** The token count of the shortest name from a summary word, `SUMMARY_MANY_TOKENS` when it is that many or more. */
export function summaryTokenCount(word: number): number {
  return word >>> 28;
}

/** `qualifierCeiling` from an entry's summary word alone (a little looser: one nationality, a 15-year span). */
export function summaryCeiling(word: number, q: QueryFacts): number {
  let effect = 0;
  const year = word & 0xfff;
  if (q.birthLo !== NONE && year !== 0) {
    const lo = year + SUMMARY_EPOCH;
    const hi = lo + ((word >>> 12) & 0xf);
    const gap = q.birthHi < lo ? lo - q.birthHi : hi < q.birthLo ? q.birthLo - hi : 0;
    effect += gap === 0 ? BIRTH_EXACT_BOOST : gap === 1 ? BIRTH_DAY_OFF_BY_ONE : gap < 10 ? BIRTH_YEAR_DISJOINT : BIRTH_OTHER_DECADE;
  }
  const nationality = (word >>> 16) & 0x3ff;
  if (q.nationality !== NONE && nationality !== NONE && nationality !== SUMMARY_MANY && nationality !== q.nationality)
    effect += NATIONALITY_MISMATCH;
  const sex = (word >>> 26) & 3;
  if (q.sex !== 0 && sex !== 0 && sex !== q.sex) effect += SEX_MISMATCH;
  return effect;
}

/** The shareable parts of `EntryFacts`: the words over shared memory, and the countries and lists in number order. */
export interface SharedEntryFacts {
  readonly words: Uint32Array;
  /** Country number n + 1 is `countries[n]`; list number n + 1 is `lists[n]`. */
  readonly countries: readonly string[];
  readonly lists: readonly string[];
}

/**
 * An upper bound of `qualifierCeiling` from the summary word alone: `summaryCeiling`, plus the
 * exact birth-date boost when the summary has no birth years (the facts may still have them).
 * Each of its parts is at least the facts' own, so a candidate it rules out, the facts rule out.
 */
export function summaryQualifierCeiling(word: number, q: QueryFacts): number {
  const effect = summaryCeiling(word, q);
  return q.birthLo !== NONE && (word & 0xfff) === 0 ? effect + BIRTH_EXACT_BOOST : effect;
}

export class EntryFacts {
  private words: Uint32Array = new Uint32Array(STRIDE * 1024);
  private count = 0;
  private readonly countries = new Map<string, number>();
  private readonly listIds = new Map<string, number>();

  /** Facts read from `shared` (another thread's index), or an empty set to `add` to. */
  constructor(shared?: SharedEntryFacts) {
    if (shared === undefined) return;
    this.words = shared.words;
    this.count = shared.words.length / STRIDE;
    shared.countries.forEach((code, n) => this.countries.set(code, n + 1));
    shared.lists.forEach((list, n) => this.listIds.set(list, n + 1));
  }

  /** The facts added so far, in shared memory. */
  share(): SharedEntryFacts {
    return { words: shareUint32(this.words, this.count * STRIDE), countries: [...this.countries.keys()], lists: [...this.listIds.keys()] };
  }

  /** Adds the next entry's facts; returns its summary word (see `summaryCeiling`). */
  add(listId: string, prepared: PreparedRecord): number {
    if ((this.count + 1) * STRIDE > this.words.length) {
      const words = new Uint32Array(this.words.length * 2);
      words.set(this.words);
      this.words = words;
    }
    let fewest = 255;
    for (const tokens of prepared.names) fewest = Math.min(fewest, tokens.filter((t) => t.kind === 'name').length);
    const tokenCount = prepared.names.length === 0 ? 0 : fewest;
    const sex = SEX_CODES[prepared.record.sex ?? ''] ?? 0;
    const list = this.idOf(this.listIds, listId);
    const [lo, hi] = yearSpan(prepared.record.birthDates);
    const codes = prepared.nationalities;
    const [n1, n2] =
      codes.length > 2
        ? [MANY, NONE]
        : [
            codes[0] === undefined ? NONE : this.idOf(this.countries, codes[0]),
            codes[1] === undefined ? NONE : this.idOf(this.countries, codes[1]),
          ];
    const at = this.count * STRIDE;
    this.words[at] = (tokenCount | (sex << 8) | (list << 16)) >>> 0;
    this.words[at + 1] = ((lo & 0xffff) | ((hi & 0xffff) << 16)) >>> 0;
    this.words[at + 2] = (n1 | (n2 << 16)) >>> 0;
    const dates = prepared.record.birthDates ?? [];
    this.words[at + 3] = dates.length === 1 ? packDay(dates[0]!) : 0;
    this.count++;
    // The summary: birth year offset (12 bits, 0 unknown) and span (4 bits), one nationality (10
    // bits; two or more count as unknown), sex (2 bits), and the token count of the shortest name
    // (4 bits; SUMMARY_MANY_TOKENS or more: read it from the facts).
    const year = lo !== NONE && lo > SUMMARY_EPOCH && lo - SUMMARY_EPOCH < 0x1000 && hi - lo < 16 ? lo - SUMMARY_EPOCH : 0;
    const span = year === 0 ? 0 : hi - lo;
    const nationality = n2 !== NONE || n1 >= SUMMARY_MANY ? SUMMARY_MANY : n1;
    return (year | (span << 12) | (nationality << 16) | (sex << 26) | (Math.min(tokenCount, SUMMARY_MANY_TOKENS) << 28)) >>> 0;
  }

  private idOf(ids: Map<string, number>, key: string): number {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size + 1;
      if (id >= MANY) throw new Error(`more than ${MANY - 1} distinct values in one index`);
      ids.set(key, id);
    }
    return id;
  }

  /** The number of a list id, 0 when no entry is on it. */
  listNumber(listId: string): number {
    return this.listIds.get(listId) ?? 0;
  }

  /** The list number of entry `i`. */
  list(i: number): number {
    return this.words[i * STRIDE]! >>> 16;
  }

  /** The fewest name tokens of any of entry `i`'s names. */
  tokenCount(i: number): number {
    return this.words[i * STRIDE]! & 0xff;
  }

  /** The query's facts, in the entries' numbering. */
  queryFacts(query: PreparedQuery): QueryFacts {
    const [birthLo, birthHi] = query.birthDate === undefined ? [NONE, NONE] : yearSpan([query.birthDate]);
    const nationality = query.nationality === undefined ? NONE : (this.countries.get(query.nationality) ?? ABSENT);
    const birthDay = query.birthDate === undefined ? 0 : packDay(query.birthDate);
    return { birthLo, birthHi, birthDay, nationality, sex: SEX_CODES[query.raw.sex ?? ''] ?? 0 };
  }
  /** Upper bound of entry `i`'s qualifiers against the query (see the module comment). */
  qualifierCeiling(i: number, q: QueryFacts): number {
    const at = i * STRIDE;
    let effect = 0;
    const years = this.words[at + 1]!;
    const lo = years & 0xffff;
    const day = this.words[at + 3]!;
    if (q.birthDay !== 0 && day !== 0) effect += exactBirthEffect(q.birthDay, day);
    else if (q.birthLo !== NONE && lo !== NONE) {
      const hi = years >>> 16;
      const gap = q.birthHi < lo ? lo - q.birthHi : hi < q.birthLo ? q.birthLo - hi : 0;
      effect += gap === 0 ? BIRTH_EXACT_BOOST : gap === 1 ? BIRTH_DAY_OFF_BY_ONE : gap < 10 ? BIRTH_YEAR_DISJOINT : BIRTH_OTHER_DECADE;
    }
    const nationalities = this.words[at + 2]!;
    const n1 = nationalities & 0xffff;
    if (q.nationality !== NONE && n1 !== NONE && n1 !== MANY && n1 !== q.nationality && nationalities >>> 16 !== q.nationality)
      effect += NATIONALITY_MISMATCH;
    const sex = (this.words[at]! >>> 8) & 0xff;
    if (q.sex !== 0 && sex !== 0 && sex !== q.sex) effect += SEX_MISMATCH;
    return effect;
  }
}
