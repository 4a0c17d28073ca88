/**
 * The few facts of each watchlist entry that bound its score without scoring it, packed in typed
 * arrays so that an index can test thousands of candidates per check in microseconds: the token
 * count of its shortest name, its birth years (the span of all its dates), up to two
 * nationalities, its sex and its list.
 *
 * `qualifierCeiling` is an upper bound of `scorePrepared`'s birth-date, nationality and sex
 * qualifiers from those facts alone: same year → +0.05 (exact at best); one year apart → −0.05 (a
 * day apart across New Year at best); 2–9 years → −0.15; 10 or more → −0.35; no common nationality
 * → −0.2; F against M → −0.2. An entry with more than two nationalities is never penalised here.
 */
import {
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

const NONE = 0;
/** A nationality no entry has (the query's is known, so every entry with one disagrees). */
const ABSENT = 0xffff;
const MANY = 0xfffe;
const SEX_CODES: Readonly<Record<string, number>> = { F: 1, M: 2 };

/** The query's side of the bound, computed once per check. */
export interface QueryFacts {
  readonly birthLo: number;
  readonly birthHi: number;
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

export class EntryFacts {
  readonly tokenCounts: Uint8Array;
  readonly lists: Uint16Array;
  private readonly birthLo: Int16Array;
  private readonly birthHi: Int16Array;
  private readonly nationality1: Uint16Array;
  private readonly nationality2: Uint16Array;
  private readonly sex: Uint8Array;
  private readonly countries = new Map<string, number>();
  private readonly listIds = new Map<string, number>();

  constructor(entries: readonly { readonly listId: string; readonly prepared: PreparedRecord }[]) {
    const n = entries.length;
    this.tokenCounts = new Uint8Array(n);
    this.lists = new Uint16Array(n);
    this.birthLo = new Int16Array(n);
    this.birthHi = new Int16Array(n);
    this.nationality1 = new Uint16Array(n);
    this.nationality2 = new Uint16Array(n);
    this.sex = new Uint8Array(n);
    entries.forEach(({ listId, prepared }, i) => {
      let fewest = 255;
      for (const tokens of prepared.names) fewest = Math.min(fewest, tokens.filter((t) => t.kind === 'name').length);
      this.tokenCounts[i] = prepared.names.length === 0 ? 0 : fewest;
      this.lists[i] = this.idOf(this.listIds, listId);
      const [lo, hi] = yearSpan(prepared.record.birthDates);
      this.birthLo[i] = lo;
      this.birthHi[i] = hi;
      const codes = prepared.nationalities;
      if (codes.length > 2) this.nationality1[i] = MANY;
      else {
        this.nationality1[i] = codes[0] === undefined ? NONE : this.idOf(this.countries, codes[0]);
        this.nationality2[i] = codes[1] === undefined ? NONE : this.idOf(this.countries, codes[1]);
      }
      this.sex[i] = SEX_CODES[prepared.record.sex ?? ''] ?? 0;
    });
  }

  private idOf(ids: Map<string, number>, key: string): number {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(key, id);
    }
    return id;
  }

  /** The number of a list id, 0 when no entry is on it. */
  listNumber(listId: string): number {
    return this.listIds.get(listId) ?? 0;
  }

  /** The query's facts, in the entries' numbering. */
  queryFacts(query: PreparedQuery): QueryFacts {
    const [birthLo, birthHi] = query.birthDate === undefined ? [NONE, NONE] : yearSpan([query.birthDate]);
    const nationality = query.nationality === undefined ? NONE : (this.countries.get(query.nationality) ?? ABSENT);
    return { birthLo, birthHi, nationality, sex: SEX_CODES[query.raw.sex ?? ''] ?? 0 };
  }

  /** Upper bound of entry `i`'s qualifiers against the query (see the module comment). */
  qualifierCeiling(i: number, q: QueryFacts): number {
    let effect = 0;
    const lo = this.birthLo[i]!;
    if (q.birthLo !== NONE && lo !== NONE) {
      const hi = this.birthHi[i]!;
      const gap = q.birthHi < lo ? lo - q.birthHi : hi < q.birthLo ? q.birthLo - hi : 0;
      effect += gap === 0 ? BIRTH_EXACT_BOOST : gap === 1 ? BIRTH_DAY_OFF_BY_ONE : gap < 10 ? BIRTH_YEAR_DISJOINT : BIRTH_OTHER_DECADE;
    }
    const n1 = this.nationality1[i]!;
    if (q.nationality !== NONE && n1 !== NONE && n1 !== MANY && n1 !== q.nationality && this.nationality2[i] !== q.nationality)
      effect += NATIONALITY_MISMATCH;
    const sex = this.sex[i]!;
    if (q.sex !== 0 && sex !== 0 && sex !== q.sex) effect += SEX_MISMATCH;
    return effect;
  }
}
