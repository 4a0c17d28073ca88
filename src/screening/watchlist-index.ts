/**
 * The in-memory screening index: persons and stolen/lost documents, searched in well under a
 * millisecond per traveller, pure and free of I/O (the service builds it from the database, the
 * file-only `vigil screen` from list files).
 *
 * Persons. Every name token of every name (aliases included; particles and honorifics left out)
 * gives two retrieval keys: its phonetic key (`phoneticKey`: spelling and transliteration drift) and
 * its first three letters (typos after the start). A key's postings are the sorted entry numbers
 * holding it. A check looks up its own tokens' keys and marks, per entry, which query tokens were
 * found. An entry whose found tokens could not reach the lowest reported score even if all of them
 * paired perfectly is dropped without scoring (the bound is the name formula of `compareNames`
 * with the candidate's own extra tokens left free, plus the largest qualifier boost); the rest,
 * best bound first and at most `CANDIDATE_LIMIT` of them, are scored in full by `scorePrepared`.
 * Postings longer than `COMMON_KEY` (the Mohammeds and Marias of a large list) are not walked
 * whole: they only mark entries that a rarer key already found, by binary search, unless no rarer
 * key exists. Entries whose listed document number equals the traveller's are always scored.
 *
 * Documents are looked up exactly after `normaliseDocumentNumber` (separators, case and the OCR
 * confusions O/0, I/1, S/5, B/8); an issuing country on both sides must agree.
 *
 * @example WatchlistIndex.build(entries, documents).screen({ name: 'Anna Eriksson', birthDate: '1974-08-12' }).hits[0]?.score
 */
import { normaliseIssuingCountry, type DocumentStatus, type DocumentType } from './documents-format.js';
import { phoneticKey, type NameToken } from './names/index.js';
import {
  BIRTH_EXACT_BOOST,
  DEFAULT_THRESHOLD,
  normaliseDocumentNumber,
  prepareQuery,
  prepareRecord,
  scorePrepared,
  type PersonExplanation,
  type PersonRecord,
  type PreparedRecord,
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
  /** Candidates scoring lower are not returned; default 0.5. */
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
/** Postings longer than this are only used to confirm entries found through rarer keys. */
export const COMMON_KEY = 4096;
export const DEFAULT_MIN_SCORE = 0.5;
export const DEFAULT_LIMIT = 10;

const PREFIX = 3;

/** Weight of a name token in `compareNames`: short tokens and patronymics count half. */
const PATRONYMIC = /(?:ovich|evich|ovych|evych|ovna|evna|ivna|ogly|oglu|qizi|kyzy)$/;
function tokenWeight(text: string): number {
  return text.length <= 2 || PATRONYMIC.test(text) ? 0.5 : 1;
}

/** The retrieval keys of one name token: phonetic key and prefix, told apart by their first character. */
function tokenKeys(text: string): string[] {
  const keys: string[] = [];
  const phonetic = phoneticKey(text);
  if (phonetic.length >= 2) keys.push(`#${phonetic}`);
  if (text.length >= PREFIX) keys.push(`>${text.slice(0, PREFIX)}`);
  return keys;
}

function retrievable(token: NameToken): boolean {
  return token.kind === 'name' && token.text.length >= 2;
}

interface Person {
  readonly entry: WatchlistEntry;
  readonly prepared: PreparedRecord;
}

class PostingsBuilder {
  private readonly lists = new Map<string, number[]>();

  add(key: string, entry: number): void {
    const list = this.lists.get(key);
    if (list === undefined) this.lists.set(key, [entry]);
    else if (list[list.length - 1] !== entry) list.push(entry);
  }

  build(): Map<string, Int32Array> {
    const result = new Map<string, Int32Array>();
    for (const [key, list] of this.lists) result.set(key, Int32Array.from(list));
    this.lists.clear();
    return result;
  }
}

function contains(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export class WatchlistIndex {
  private readonly persons: Person[];
  private readonly postings: Map<string, Int32Array>;
  private readonly personsByDocument: Map<string, number[]>;
  private readonly documents: Map<string, TravelDocumentEntry[]>;
  readonly documentCount: number;
  // Scratch space for one check at a time (JavaScript runs one check at a time per thread).
  private readonly found: Uint32Array;
  private readonly touched: Int32Array;

  private constructor(
    persons: Person[],
    postings: Map<string, Int32Array>,
    personsByDocument: Map<string, number[]>,
    documents: Map<string, TravelDocumentEntry[]>,
    documentCount: number,
  ) {
    this.persons = persons;
    this.postings = postings;
    this.personsByDocument = personsByDocument;
    this.documents = documents;
    this.documentCount = documentCount;
    this.found = new Uint32Array(persons.length);
    this.touched = new Int32Array(persons.length);
  }

  get personCount(): number {
    return this.persons.length;
  }

  static build(entries: Iterable<WatchlistEntry>, documents: Iterable<TravelDocumentEntry> = []): WatchlistIndex {
    const persons: Person[] = [];
    const postings = new PostingsBuilder();
    const personsByDocument = new Map<string, number[]>();
    for (const entry of entries) {
      const index = persons.length;
      const prepared = prepareRecord(entry.record);
      persons.push({ entry, prepared });
      for (const tokens of prepared.names)
        for (const token of tokens) if (retrievable(token)) for (const key of tokenKeys(token.text)) postings.add(key, index);
      for (const document of prepared.documents) {
        if (document.key.length === 0) continue;
        const list = personsByDocument.get(document.key);
        if (list === undefined) personsByDocument.set(document.key, [index]);
        else if (list[list.length - 1] !== index) list.push(index);
      }
    }
    const byNumber = new Map<string, TravelDocumentEntry[]>();
    let documentCount = 0;
    for (const document of documents) {
      const key = normaliseDocumentNumber(document.number);
      if (key.length === 0) continue;
      documentCount++;
      const list = byNumber.get(key);
      if (list === undefined) byNumber.set(key, [document]);
      else list.push(document);
    }
    return new WatchlistIndex(persons, postings.build(), personsByDocument, byNumber, documentCount);
  }

  /** Screens one traveller: person hits best first, document hits, and the problems found in the input. */
  screen(input: Traveller, options: ScreenOptions = {}): ScreeningAnswer {
    const { traveller, problems, screenable } = resolveTraveller(input, options.today);
    const base = { ...(input.id !== undefined && { id: input.id }), traveller, problems };
    if (!screenable) return { ...base, hits: [], documentHits: [], screened: false };
    return {
      ...base,
      hits: this.personHits(traveller, options),
      documentHits: this.documentHits(traveller, options.lists),
      screened: true,
    };
  }

  private documentHits(traveller: ResolvedTraveller, lists: ReadonlySet<string> | undefined): DocumentHit[] {
    if (traveller.documentNumber === undefined) return [];
    const candidates = this.documents.get(normaliseDocumentNumber(traveller.documentNumber)) ?? [];
    const country = traveller.documentCountry === undefined ? undefined : normaliseIssuingCountry(traveller.documentCountry);
    const hits: DocumentHit[] = [];
    for (const document of candidates) {
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

  private personHits(traveller: ResolvedTraveller, options: ScreenOptions): PersonHit[] {
    if (this.persons.length === 0) return [];
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const minScore = Math.min(options.minScore ?? DEFAULT_MIN_SCORE, threshold);
    const limit = options.limit ?? DEFAULT_LIMIT;
    const query = prepareQuery({
      name: traveller.name ?? '',
      ...(traveller.birthDate !== undefined && { birthDate: traveller.birthDate }),
      ...(traveller.nationality !== undefined && { nationality: traveller.nationality }),
      ...(traveller.sex !== undefined && { sex: traveller.sex }),
      ...(traveller.documentNumber !== undefined && {
        document: {
          number: traveller.documentNumber,
          ...(traveller.documentCountry !== undefined && { country: traveller.documentCountry }),
        },
      }),
    });

    const candidates = new Set<number>(this.nameCandidates(query.tokens, minScore - BIRTH_EXACT_BOOST));
    if (query.documentKey.length > 0) for (const index of this.personsByDocument.get(query.documentKey) ?? []) candidates.add(index);

    const hits: PersonHit[] = [];
    for (const index of candidates) {
      const person = this.persons[index]!;
      if (options.lists !== undefined && !options.lists.has(person.entry.listId)) continue;
      const scored = scorePrepared(query, person.prepared, { threshold });
      if (scored.score < minScore) continue;
      hits.push({
        entryId: person.entry.id,
        listId: person.entry.listId,
        score: scored.score,
        match: scored.match,
        explanation: scored.explanation,
      });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  /** Entries that could reach `floor` on their name alone, best bound first, at most CANDIDATE_LIMIT. */
  private nameCandidates(tokens: readonly NameToken[], floor: number): number[] {
    const queryTokens = tokens.filter(retrievable).slice(0, 32);
    if (queryTokens.length === 0) return [];
    const weights = queryTokens.map((t) => tokenWeight(t.text));
    const total = weights.reduce((a, b) => a + b, 0) + tokens.filter((t) => !retrievable(t)).length * 0.2;

    // Each key with the query tokens (bit mask) it stands for.
    const keyMasks = new Map<string, number>();
    queryTokens.forEach((token, i) => {
      for (const key of tokenKeys(token.text)) keyMasks.set(key, (keyMasks.get(key) ?? 0) | (1 << i));
    });
    const lookups: { postings: Int32Array; mask: number }[] = [];
    for (const [key, mask] of keyMasks) {
      const postings = this.postings.get(key);
      if (postings !== undefined) lookups.push({ postings, mask });
    }
    if (lookups.length === 0) return [];
    lookups.sort((a, b) => a.postings.length - b.postings.length);

    const { found, touched } = this;
    let count = 0;
    try {
      for (const [n, { postings, mask }] of lookups.entries()) {
        if (postings.length <= COMMON_KEY || n === 0) {
          for (const index of postings) {
            if (found[index] === 0) touched[count++] = index;
            found[index]! |= mask;
          }
        } else {
          for (let t = 0; t < count; t++) {
            const index = touched[t]!;
            if ((found[index]! & mask) !== mask && contains(postings, index)) found[index]! |= mask;
          }
        }
      }

      // Upper bound of the name score from the tokens found: Σ found / (Σ found + Σ missing).
      const boundOf = (mask: number): number => {
        let got = 0;
        for (let i = 0; i < weights.length; i++) if ((mask & (1 << i)) !== 0) got += weights[i]!;
        return got / total;
      };
      const ranked: { index: number; bound: number }[] = [];
      const bounds = new Map<number, number>();
      for (let t = 0; t < count; t++) {
        const index = touched[t]!;
        const mask = found[index]!;
        let bound = bounds.get(mask);
        if (bound === undefined) {
          bound = boundOf(mask);
          bounds.set(mask, bound);
        }
        if (bound >= floor) ranked.push({ index, bound });
      }
      ranked.sort((a, b) => b.bound - a.bound || a.index - b.index);
      return ranked.slice(0, CANDIDATE_LIMIT).map((r) => r.index);
    } finally {
      for (let t = 0; t < count; t++) found[touched[t]!] = 0;
    }
  }
}
