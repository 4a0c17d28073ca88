/**
 * The in-memory screening index: persons and stolen/lost documents, searched in well under a
 * millisecond per traveller, pure and free of I/O (the service builds it from the database, the
 * file-only `vigil screen` from list files).
 *
 * Persons. Every name token of every name (aliases included; particles and honorifics left out)
 * gives two retrieval keys: its phonetic key (`phoneticKey`: spelling and transliteration drift) and
 * its first three letters (typos after the start). `NamePostings` holds, per key and per pair of
 * keys of two tokens of one name, the entries that have it. A name can only reach the lowest
 * reported score if enough query tokens pair (`compareNames` charges a missing query token in full
 * and an extra candidate token a quarter): when that takes two tokens or more, only the pair
 * postings of the query's token pairs are walked, which is what keeps a check fast when thousands
 * of entries share a common given name. An entry whose found tokens bound its score below the
 * floor is dropped unscored, and so is one whose bound plus its birth-date, nationality and sex
 * qualifiers (cheap to compute) stays below it; the rest, best first and at most `CANDIDATE_LIMIT`,
 * are scored in full by `scorePrepared`. Entries whose listed document number equals the traveller's are
 * always scored.
 *
 * Documents are looked up exactly after `normaliseDocumentNumber` (separators, case and the OCR
 * confusions O/0, I/1, S/5, B/8); an issuing country on both sides must agree.
 *
 * @example WatchlistIndex.build(entries, documents).screen({ name: 'Anna Eriksson', birthDate: '1974-08-12' }).hits[0]?.score
 */
import type { DocumentStatus, DocumentType } from './documents-format.js';
import {
  EntryFacts,
  SUMMARY_MANY_TOKENS,
  summaryCeiling,
  summaryQualifierCeiling,
  summaryTokenCount,
  type QueryFacts,
  type SharedEntryFacts,
} from './entry-facts.js';
import { KeyLists, KeyListsBuilder, type SharedKeyLists } from './index/key-lists.js';
import { RecordStore, RecordStoreBuilder, type SharedRecordStore } from './index/record-store.js';
import { NamePostings, NamePostingsBuilder, type SharedNamePostings, type TokenKeys } from './name-postings.js';
import { phoneticKey, tokenWeight, type NameToken } from './names/index.js';
import {
  BIRTH_EXACT_BOOST,
  DEFAULT_THRESHOLD,
  normaliseCountry,
  normaliseDocumentNumber,
  prepareQuery,
  prepareRecord,
  scoreAbove,
  type PersonExplanation,
  type PersonQuery,
  type PersonRecord,
  type PreparedQuery,
} from './person-match.js';
import { resolveTraveller, type ResolvedTraveller, type Traveller, type TravellerProblem } from './traveller.js';
import type { WatchlistReason } from './watchlist-formats.js';

export type { ResolvedTraveller, Traveller, TravellerProblem } from './traveller.js';
export { travellerKey } from './traveller.js';

export interface WatchlistEntry {
  readonly id: string;
  readonly listId: string;
  readonly record: PersonRecord;
  readonly reason?: WatchlistReason;
}

export interface TravelDocumentEntry {
  readonly id: string;
  readonly listId: string;
  readonly number: string;
  readonly country?: string;
  readonly documentType: DocumentType;
  readonly status: DocumentStatus;
  readonly reportedOn?: string;
}

export interface PersonHit {
  readonly entryId: string;
  readonly listId: string;
  readonly score: number;
  readonly match: boolean;
  readonly explanation: PersonExplanation;
}

export interface DocumentHit {
  readonly documentId: string;
  readonly listId: string;
  readonly number: string;
  readonly country?: string;
  readonly documentType: DocumentType;
  readonly status: DocumentStatus;
  readonly reportedOn?: string;
}

export interface ScreeningAnswer {
  readonly id?: string;
  readonly traveller: ResolvedTraveller;
  readonly hits: PersonHit[];
  readonly documentHits: DocumentHit[];
  readonly problems: TravellerProblem[];
  /** False when the traveller had nothing to screen (no name, no document). */
  readonly screened: boolean;
}

export interface ScreenOptions {
  /** Score at which a hit is a match; default 0.7. */
  readonly threshold?: number;
  /**
   * Candidates scoring lower are not returned; default the threshold, so hits are matches. Lower it
   * to see near misses (0.6 shows transliteration drift), at the cost of scoring more candidates.
   */
  readonly minScore?: number;
  /** At most this many person hits, best first; default 10. */
  readonly limit?: number;
  /** Only entries and documents of these lists. */
  readonly lists?: ReadonlySet<string>;
  /** The day birth dates are checked against (tests); default now. */
  readonly today?: Date;
}

/** Candidates scored in full per check, at most. */
export const CANDIDATE_LIMIT = 64;
export const DEFAULT_LIMIT = 10;

const PREFIX = 3;
/** The best score a token pair found by no shared key can have in the bound (a typo at the start). */
const UNKEYED_PAIR = 0.95;

/**
 * The retrieval keys of one name token, told apart by their first character: its phonetic key and
 * its first three letters (a short token is its own prefix), and, for one-token questions only, its
 * first four letters sorted, which survives a swap or a dropped letter at the start (Faiz ~ Afiz).
 */
function tokenKeys(text: string): TokenKeys {
  const phonetic = phoneticKey(text);
  const prefix = `>${text.slice(0, PREFIX)}`;
  const loose = text.length >= 4 ? [`~${[...text.slice(0, 4)].sort().join('')}`] : [];
  // The phonetic key is the primary one; a token without one is paired by its prefix.
  return phonetic.length >= 2 ? { primary: [`#${phonetic}`], secondary: [prefix], loose } : { primary: [prefix], secondary: [], loose };
}

function idsOf(keys: TokenKeys, postings: NamePostings): { primary: number[]; secondary: number[]; loose: number[] } {
  const known = (list: readonly string[]): number[] => list.map((key) => postings.id(key)).filter((id): id is number => id !== undefined);
  return { primary: known(keys.primary), secondary: known(keys.secondary), loose: known(keys.loose) };
}

function retrievable(token: NameToken): boolean {
  return token.kind === 'name' && token.text.length >= 2;
}

/** A query token as retrieval sees it: its weight and the ids of its keys that some entry holds. */
interface QueryToken {
  readonly weight: number;
  readonly primary: readonly number[];
  readonly secondary: readonly number[];
  /** Every key, loose ones included, for one-token questions. */
  readonly single: readonly number[];
}

/** Query tokens whose keys are kept between checks, at most (the cache is emptied when full). */
const QUERY_TOKEN_CACHE = 100_000;

/** A listed person as the index keeps it: id, list and record (the reason is not needed to screen). */
type StoredPerson = readonly [id: string, listId: string, record: PersonRecord];

/** A listed document as the index keeps it. */
type StoredDocument = TravelDocumentEntry;

/**
 * Everything an index holds, in memory that threads can share: `WatchlistIndex.build` in one thread,
 * `index.shared` posted to workers, `WatchlistIndex.fromShared` in each, and all of them screen
 * against one copy.
 */
export interface SharedWatchlistIndex {
  readonly persons: SharedRecordStore;
  readonly postings: SharedNamePostings;
  readonly facts: SharedEntryFacts;
  readonly personsByDocument: SharedKeyLists;
  readonly documents: SharedRecordStore;
  readonly documentsByNumber: SharedKeyLists;
}

export class WatchlistIndex {
  private readonly persons: RecordStore<StoredPerson>;
  private readonly postings: NamePostings;
  private readonly personsByDocument: KeyLists;
  private readonly documents: RecordStore<StoredDocument>;
  private readonly documentsByNumber: KeyLists;
  // Scratch space for one check at a time (JavaScript runs one check at a time per thread).
  private readonly found: Uint32Array;
  private readonly touched: Int32Array;
  private readonly touchedSummaries: Uint32Array;
  private readonly facts: EntryFacts;
  private readonly listMasks = new WeakMap<ReadonlySet<string>, Uint8Array>();
  private readonly queryTokens = new Map<string, QueryToken>();

  private constructor(readonly shared: SharedWatchlistIndex) {
    this.persons = new RecordStore(shared.persons);
    this.postings = new NamePostings(shared.postings);
    this.facts = new EntryFacts(shared.facts);
    this.personsByDocument = new KeyLists(shared.personsByDocument);
    this.documents = new RecordStore(shared.documents);
    this.documentsByNumber = new KeyLists(shared.documentsByNumber);
    this.found = new Uint32Array(this.persons.count);
    this.touched = new Int32Array(this.persons.count);
    this.touchedSummaries = new Uint32Array(this.persons.count);
  }

  get personCount(): number {
    return this.persons.count;
  }

  get documentCount(): number {
    return this.documents.count;
  }

  /** An index over memory another index shares (`index.shared`), typically in a worker thread. */
  static fromShared(shared: SharedWatchlistIndex): WatchlistIndex {
    return new WatchlistIndex(shared);
  }

  static build(entries: Iterable<WatchlistEntry>, documents: Iterable<TravelDocumentEntry> = []): WatchlistIndex {
    const persons = new RecordStoreBuilder<StoredPerson>();
    const postings = new NamePostingsBuilder();
    const facts = new EntryFacts();
    const personsByDocument = new KeyListsBuilder();
    for (const entry of entries) {
      const index = persons.add([entry.id, entry.listId, entry.record]);
      const prepared = prepareRecord(entry.record);
      const summary = facts.add(entry.listId, prepared);
      postings.add(
        index,
        prepared.names.map((tokens) => tokens.filter(retrievable).map((token) => tokenKeys(token.text))),
        summary,
      );
      for (const document of prepared.documents) if (document.key.length > 0) personsByDocument.add(document.key, index);
    }
    const stored = new RecordStoreBuilder<StoredDocument>();
    const byNumber = new KeyListsBuilder();
    for (const document of documents) {
      const key = normaliseDocumentNumber(document.number);
      if (key.length === 0) continue;
      const { id, listId, number, country, documentType, status, reportedOn } = document;
      byNumber.add(key, stored.add({ id, listId, number, country, documentType, status, reportedOn }));
    }
    return new WatchlistIndex({
      persons: persons.build().shared,
      postings: postings.build().shared,
      facts: facts.share(),
      personsByDocument: personsByDocument.build().shared,
      documents: stored.build().shared,
      documentsByNumber: byNumber.build().shared,
    });
  }

  /** The lists as a mask by list number, made once per set (a batch screens every traveller with the same set). */
  private listMask(lists: ReadonlySet<string>): Uint8Array {
    let mask = this.listMasks.get(lists);
    if (mask === undefined) {
      mask = new Uint8Array(65536);
      for (const listId of lists) mask[this.facts.listNumber(listId)] = 1;
      mask[0] = 0;
      this.listMasks.set(lists, mask);
    }
    return mask;
  }

  /** Screens one traveller: person hits best first, document hits, and the problems found in the input. */
  screen(input: Traveller, options: ScreenOptions = {}): ScreeningAnswer {
    const { traveller, problems, screenable, nameTokens } = resolveTraveller(input, options.today);
    // Assigned one by one rather than spread from conditional objects: this runs once per check.
    const answer = {} as { -readonly [K in keyof ScreeningAnswer]: ScreeningAnswer[K] };
    if (input.id !== undefined) answer.id = input.id;
    answer.traveller = traveller;
    answer.problems = problems;
    if (!screenable) {
      answer.hits = [];
      answer.documentHits = [];
      answer.screened = false;
      return answer;
    }
    answer.hits = this.personHits(traveller, nameTokens, options);
    answer.documentHits = this.documentHits(traveller, options.lists);
    answer.screened = true;
    return answer;
  }

  private documentHits(traveller: ResolvedTraveller, lists: ReadonlySet<string> | undefined): DocumentHit[] {
    if (traveller.documentNumber === undefined) return [];
    const candidates = this.documentsByNumber.get(normaliseDocumentNumber(traveller.documentNumber));
    if (candidates.length === 0) return [];
    const country = traveller.documentCountry === undefined ? undefined : normaliseCountry(traveller.documentCountry);
    const hits: DocumentHit[] = [];
    for (const at of candidates) {
      const document = this.documents.get(at);
      if (lists !== undefined && !lists.has(document.listId)) continue;
      if (country !== undefined && document.country !== undefined && document.country !== country) continue;
      hits.push({
        documentId: document.id,
        listId: document.listId,
        number: document.number,
        ...(document.country !== undefined && { country: document.country }),
        documentType: document.documentType,
        status: document.status,
        ...(document.reportedOn !== undefined && { reportedOn: document.reportedOn }),
      });
    }
    return hits;
  }

  private personHits(traveller: ResolvedTraveller, nameTokens: readonly NameToken[], options: ScreenOptions): PersonHit[] {
    if (this.persons.count === 0) return [];
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const minScore = Math.min(options.minScore ?? threshold, threshold);
    const limit = options.limit ?? DEFAULT_LIMIT;
    const raw: { -readonly [K in keyof PersonQuery]: PersonQuery[K] } = { name: traveller.name ?? '' };
    if (traveller.birthDate !== undefined) raw.birthDate = traveller.birthDate;
    if (traveller.nationality !== undefined) raw.nationality = traveller.nationality;
    if (traveller.sex !== undefined) raw.sex = traveller.sex;
    if (traveller.documentNumber !== undefined)
      raw.document =
        traveller.documentCountry === undefined
          ? { number: traveller.documentNumber }
          : { number: traveller.documentNumber, country: traveller.documentCountry };
    const query = prepareQuery(raw, nameTokens);

    // Entries listing the traveller's document are always scored; the others only when their best
    // possible score can reach the floor, best first.
    const allowed = options.lists === undefined ? undefined : this.listMask(options.lists);
    const byDocument = [...(query.documentKey.length > 0 ? this.personsByDocument.get(query.documentKey) : [])].filter(
      (index) => allowed === undefined || allowed[this.facts.list(index)] === 1,
    );
    const ranked = this.nameCandidates(query, minScore, allowed);
    const scoredByDocument = new Set(byDocument);
    const candidates = [
      ...byDocument,
      ...ranked
        .filter((r) => !scoredByDocument.has(r.index))
        .slice(0, CANDIDATE_LIMIT)
        .map((r) => r.index),
    ];

    const hits: PersonHit[] = [];
    for (const index of candidates) {
      const [entryId, listId, record] = this.persons.get(index);
      const scored = scoreAbove(query, prepareRecord(record), minScore, { threshold });
      if (scored === undefined || scored.score < minScore) continue;
      hits.push({
        entryId,
        listId,
        score: scored.score,
        match: scored.match,
        explanation: scored.explanation,
      });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  /**
   * Entries that could reach `floor`, best bound first. The bound is the weight of the query tokens
   * an entry holds (and of those it may pair without a shared key) over the query's total plus a
   * quarter per extra token of its shortest name, plus the ceiling of its qualifiers. `needed` is
   * the fewest query tokens whose weight reaches the floor.
   */
  private nameCandidates(query: PreparedQuery, floor: number, allowed: Uint8Array | undefined): { index: number; bound: number }[] {
    const tokens = query.tokens;
    const facts = this.facts;
    const queryFacts = facts.queryFacts(query);
    // The name bound must leave room for the best qualifier (an exact birth date).
    const nameFloor = floor - BIRTH_EXACT_BOOST;
    const looked: QueryToken[] = [];
    for (const token of tokens) if (retrievable(token) && looked.length < 31) looked.push(this.queryToken(token.text));
    if (looked.length === 0) return [];
    const minor = (tokens.length - looked.length) * 0.2;
    let total = minor;
    for (const t of looked) total += t.weight;

    // The fewest tokens whose weight can reach the floor: the heaviest ones.
    const heaviest = looked.map((t) => t.weight).sort((a, b) => b - a);
    let needed = 0;
    for (let got = 0; needed < heaviest.length && got / total < nameFloor; needed++) got += heaviest[needed]!;

    const { found, touched, touchedSummaries, postings } = this;
    let count = 0;
    try {
      if (needed >= 2) {
        // Every entry that can reach the floor holds two of the query tokens in one name: walk the
        // pair postings of every combination of their keys with at least one primary key.
        const { pairEntries, pairSummaries, pairOffsets } = postings;
        for (let a = 0; a < looked.length; a++)
          for (let b = a + 1; b < looked.length; b++) {
            const x = looked[a]!;
            const y = looked[b]!;
            const bits = (1 << a) | (1 << b);
            for (const xi of x.primary) {
              for (const yi of y.primary)
                count = this.markPair(postings.pairSlot(xi, yi), pairOffsets, pairEntries, pairSummaries, bits, queryFacts, floor, count);
              for (const yi of y.secondary)
                count = this.markPair(postings.pairSlot(xi, yi), pairOffsets, pairEntries, pairSummaries, bits, queryFacts, floor, count);
            }
            for (const xi of x.secondary)
              for (const yi of y.primary)
                count = this.markPair(postings.pairSlot(xi, yi), pairOffsets, pairEntries, pairSummaries, bits, queryFacts, floor, count);
          }
      } else {
        for (let a = 0; a < looked.length; a++)
          for (const id of looked[a]!.single) {
            const { entries, summaries } = postings.single(id);
            count = this.mark(entries, summaries, 0, entries.length, 1 << a, queryFacts, floor, count);
          }
      }

      const ranked: { index: number; bound: number }[] = [];
      for (let t = 0; t < count; t++) {
        const index = touched[t]!;
        const mask = found[index]!;
        let got = 0;
        let paired = 0;
        for (let a = 0; a < looked.length; a++)
          if ((mask & (1 << a)) !== 0) {
            got += looked[a]!.weight;
            paired++;
          }
        // A query token without a shared key may still pair by a typo at its start (Amghomed ~
        // Maghomed) with a token the entry has left over: count it at UNKEYED_PAIR.
        // The entry's facts are read only for the few whose name can reach the floor: the token
        // count comes with the summary word kept when the entry was first marked.
        const tokenCount = summaryTokenCount(touchedSummaries[t]!);
        let spare = Math.max(0, (tokenCount === SUMMARY_MANY_TOKENS ? facts.tokenCount(index) : tokenCount) - paired);
        for (let a = 0; a < looked.length; a++)
          if ((mask & (1 << a)) === 0 && spare > 0) {
            got += UNKEYED_PAIR * looked[a]!.weight;
            spare--;
          }
        const nameBound = got / (total + 0.25 * spare);
        if (nameBound < nameFloor) continue;
        // The summary's bound first: the entry's facts are another memory read, at a random place.
        if (nameBound + summaryQualifierCeiling(touchedSummaries[t]!, queryFacts) < floor) continue;
        if (allowed !== undefined && allowed[facts.list(index)] !== 1) continue;
        const bound = nameBound + facts.qualifierCeiling(index, queryFacts);
        if (bound >= floor) ranked.push({ index, bound });
      }
      return ranked.sort((a, b) => b.bound - a.bound || a.index - b.index);
    } finally {
      for (let t = 0; t < count; t++) found[touched[t]!] = 0;
    }
  }

  private markPair(
    slot: number,
    offsets: Int32Array,
    entries: Int32Array,
    summaries: Uint32Array,
    bits: number,
    queryFacts: QueryFacts,
    floor: number,
    count: number,
  ): number {
    return slot < 0 ? count : this.mark(entries, summaries, offsets[slot]!, offsets[slot + 1]!, bits, queryFacts, floor, count);
  }

  /**
   * Marks the entries of one posting with the query tokens' bits; returns the count of touched
   * entries. An entry whose qualifiers alone keep it below the floor (even with a perfect name) is
   * skipped from its summary word, read beside the posting, before anything else about it is read.
   */
  private mark(
    entries: Int32Array,
    summaries: Uint32Array,
    from: number,
    to: number,
    bits: number,
    queryFacts: QueryFacts,
    floor: number,
    count: number,
  ): number {
    const { found, touched, touchedSummaries } = this;
    for (let i = from; i < to; i++) {
      const summary = summaries[i]!;
      if (1 + summaryCeiling(summary, queryFacts) < floor) continue;
      const index = entries[i]!;
      if (found[index] === 0) {
        touchedSummaries[count] = summary;
        touched[count++] = index;
      }
      found[index]! |= bits;
    }
    return count;
  }

  /** A query token's weight and key ids, cached: the same names come back check after check. */
  private queryToken(text: string): QueryToken {
    let token = this.queryTokens.get(text);
    if (token === undefined) {
      const keys = idsOf(tokenKeys(text), this.postings);
      token = {
        weight: tokenWeight(text, 'name'),
        primary: keys.primary,
        secondary: keys.secondary,
        single: [...keys.primary, ...keys.secondary, ...keys.loose],
      };
      if (this.queryTokens.size >= QUERY_TOKEN_CACHE) this.queryTokens.clear();
      this.queryTokens.set(text, token);
    }
    return token;
  }
}
