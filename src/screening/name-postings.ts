/**
 * Postings of name tokens for candidate retrieval: for each retrieval key of a token, and for each
 * pair of keys of two tokens of the same name, the sorted entry numbers that hold it.
 *
 * A token has a few keys (its phonetic key and its first letters, see `tokenKeys` in the index),
 * and loose keys that only single-key postings hold (too unselective to pair); each key string gets
 * a small integer id. Single-key postings answer one-token questions. Pair postings
 * (two tokens of one name, every combination of their keys) answer the common case of a name that
 * must pair at least two query tokens: they are far more selective than single keys, where
 * thousands of entries share a common given name. Pairs are kept compactly: one sorted
 * Float64Array of pair keys (`lowId · 2^26 + highId`), offsets, and one Int32Array of entries, so a
 * million names cost tens of megabytes rather than millions of small arrays.
 */
import { shareFloat64, sharedInt32, sharedUint32 } from './index/shared-arrays.js';

/**
 * The retrieval keys of one token. Pairs are formed from two tokens' keys when at least one of
 * the two is a `primary` key (a `secondary` key pairs only with a primary one: two coarse keys
 * together would gather thousands of unrelated names); `loose` keys go into single postings only.
 */
export interface TokenKeys {
  readonly primary: readonly string[];
  readonly secondary: readonly string[];
  readonly loose: readonly string[];
}

const PAIR_SCALE = 2 ** 26;
/** Tokens per name that make pairs (a long name's first ones); the rest still have single keys. */
const PAIR_TOKENS = 8;

export class NamePostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly single: number[][] = [];
  private readonly singleSummaries: number[][] = [];
  private pairKeys = new Float64Array(1 << 16);
  private pairEntries = new Int32Array(1 << 16);
  private pairSummaries = new Uint32Array(1 << 16);
  private pairCount = 0;

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      this.single.push([]);
      this.singleSummaries.push([]);
    }
    return id;
  }

  /**
   * Adds the names of entry `entry` (entries must be added in increasing order), each a list of its
   * tokens' keys, with the entry's summary word (`EntryFacts`), stored beside every posting so that
   * a walk can skip entries whose qualifiers rule them out without reading anything else.
   */
  add(entry: number, names: readonly (readonly TokenKeys[])[], summary: number): void {
    const seen = new Set<number>();
    for (const name of names) {
      const ids = name.map((token) => ({
        primary: token.primary.map((key) => this.idOf(key)),
        secondary: token.secondary.map((key) => this.idOf(key)),
      }));
      for (const token of name)
        for (const key of [...token.primary, ...token.secondary, ...token.loose]) {
          const id = this.idOf(key);
          const list = this.single[id]!;
          if (list[list.length - 1] !== entry) {
            list.push(entry);
            this.singleSummaries[id]!.push(summary);
          }
        }
      const paired = ids.slice(0, PAIR_TOKENS);
      for (let a = 0; a < paired.length; a++)
        for (let b = a + 1; b < paired.length; b++)
          for (const [x, y] of pairCombinations(paired[a]!, paired[b]!)) {
            const key = pairKey(x, y);
            if (seen.has(key)) continue;
            seen.add(key);
            this.pushPair(key, entry, summary);
          }
    }
  }

  private pushPair(key: number, entry: number, summary: number): void {
    if (this.pairCount === this.pairKeys.length) {
      const keys = new Float64Array(this.pairKeys.length * 2);
      keys.set(this.pairKeys);
      this.pairKeys = keys;
      const entries = new Int32Array(this.pairEntries.length * 2);
      entries.set(this.pairEntries);
      this.pairEntries = entries;
      const summaries = new Uint32Array(this.pairSummaries.length * 2);
      summaries.set(this.pairSummaries);
      this.pairSummaries = summaries;
    }
    this.pairKeys[this.pairCount] = key;
    this.pairEntries[this.pairCount] = entry;
    this.pairSummaries[this.pairCount] = summary;
    this.pairCount++;
  }

  build(): NamePostings {
    const count = this.pairCount;
    const keys = this.pairKeys.subarray(0, count);
    const unique = shareFloat64(dedupeSorted(Float64Array.from(keys).sort()));
    const pairSlots = KeyTable.slotsFor(unique);
    const table = new KeyTable(unique, pairSlots);
    // Counting sort by key; entries were pushed in increasing order, so each list stays sorted.
    const slots = new Int32Array(count);
    const pairOffsets = sharedInt32(unique.length + 1);
    for (let i = 0; i < count; i++) {
      const slot = table.slotOf(keys[i]!);
      slots[i] = slot;
      pairOffsets[slot + 1]!++;
    }
    for (let k = 0; k < unique.length; k++) pairOffsets[k + 1]! += pairOffsets[k]!;
    const fill = pairOffsets.slice(0, unique.length);
    const pairEntries = sharedInt32(count);
    const pairSummaries = sharedUint32(count);
    for (let i = 0; i < count; i++) {
      const at = fill[slots[i]!]!++;
      pairEntries[at] = this.pairEntries[i]!;
      pairSummaries[at] = this.pairSummaries[i]!;
    }
    // Single postings one after the other, like the pairs.
    const singleOffsets = sharedInt32(this.single.length + 1);
    for (let id = 0; id < this.single.length; id++) singleOffsets[id + 1] = singleOffsets[id]! + this.single[id]!.length;
    const singleEntries = sharedInt32(singleOffsets[this.single.length]!);
    const singleSummaries = sharedUint32(singleEntries.length);
    for (let id = 0; id < this.single.length; id++) {
      singleEntries.set(this.single[id]!, singleOffsets[id]);
      singleSummaries.set(this.singleSummaries[id]!, singleOffsets[id]);
    }
    return new NamePostings({
      keys: [...this.ids.keys()],
      singleOffsets,
      singleEntries,
      singleSummaries,
      pairKeys: unique,
      pairSlots,
      pairOffsets,
      pairEntries,
      pairSummaries,
    });
  }
}

/** The shareable parts of `NamePostings`: typed arrays over shared memory, and the key strings in id order. */
export interface SharedNamePostings {
  readonly keys: readonly string[];
  /** The postings of key id k are `singleEntries[singleOffsets[k] .. singleOffsets[k + 1])`, with their summary words. */
  readonly singleOffsets: Int32Array;
  readonly singleEntries: Int32Array;
  readonly singleSummaries: Uint32Array;
  /** The distinct pair keys, sorted; pair slot s holds `pairEntries[pairOffsets[s] .. pairOffsets[s + 1])`. */
  readonly pairKeys: Float64Array;
  /** Open addressing over `pairKeys` (see `KeyTable`). */
  readonly pairSlots: Int32Array;
  readonly pairOffsets: Int32Array;
  readonly pairEntries: Int32Array;
  readonly pairSummaries: Uint32Array;
}

export class NamePostings {
  readonly singleOffsets: Int32Array;
  readonly singleEntries: Int32Array;
  readonly singleSummaries: Uint32Array;
  readonly pairOffsets: Int32Array;
  readonly pairEntries: Int32Array;
  readonly pairSummaries: Uint32Array;
  private readonly ids: ReadonlyMap<string, number>;
  private readonly pairTable: KeyTable;

  constructor(readonly shared: SharedNamePostings) {
    this.ids = new Map(shared.keys.map((key, id) => [key, id]));
    this.pairTable = new KeyTable(shared.pairKeys, shared.pairSlots);
    ({
      singleOffsets: this.singleOffsets,
      singleEntries: this.singleEntries,
      singleSummaries: this.singleSummaries,
      pairOffsets: this.pairOffsets,
      pairEntries: this.pairEntries,
      pairSummaries: this.pairSummaries,
    } = shared);
  }

  /** Distinct keys and stored pairs, for the benchmark's report. */
  get size(): { keys: number; pairKeys: number; pairs: number } {
    return { keys: this.ids.size, pairKeys: this.pairTable.size, pairs: this.pairEntries.length };
  }

  /** The id of a key, or undefined when no entry has it. */
  id(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** Entries holding the key with this id. */
  single(id: number): Postings {
    const from = this.singleOffsets[id];
    const to = this.singleOffsets[id + 1];
    if (from === undefined || to === undefined) return EMPTY;
    return { entries: this.singleEntries.subarray(from, to), summaries: this.singleSummaries.subarray(from, to) };
  }

  /** Entries holding both keys in one name. */
  pair(x: number, y: number): Postings {
    const slot = this.pairSlot(x, y);
    if (slot < 0) return EMPTY;
    const from = this.pairOffsets[slot]!;
    const to = this.pairOffsets[slot + 1]!;
    return { entries: this.pairEntries.subarray(from, to), summaries: this.pairSummaries.subarray(from, to) };
  }

  /**
   * The slot of the pair posting of two keys, or −1 when no name holds both: what a caller walking
   * many postings per check uses instead of `pair`, to read the shared arrays without allocating.
   */
  pairSlot(x: number, y: number): number {
    return this.pairTable.slotOf(pairKey(x, y));
  }
}

/** Sorted entry numbers, each with its summary word. */
export interface Postings {
  readonly entries: Int32Array;
  readonly summaries: Uint32Array;
}

const EMPTY: Postings = { entries: new Int32Array(0), summaries: new Uint32Array(0) };

/** The key pairs two tokens make: every combination with at least one primary key. */
export function pairCombinations(
  a: { readonly primary: readonly number[]; readonly secondary: readonly number[] },
  b: { readonly primary: readonly number[]; readonly secondary: readonly number[] },
): [number, number][] {
  const pairs: [number, number][] = [];
  for (const x of a.primary) {
    for (const y of b.primary) pairs.push([x, y]);
    for (const y of b.secondary) pairs.push([x, y]);
  }
  for (const x of a.secondary) for (const y of b.primary) pairs.push([x, y]);
  return pairs;
}

function pairKey(x: number, y: number): number {
  return x < y ? x * PAIR_SCALE + y : y * PAIR_SCALE + x;
}

/**
 * Open addressing over the distinct pair keys, so a lookup costs one or two memory reads where a
 * binary search over millions of keys would miss the cache at every step.
 */
class KeyTable {
  private readonly mask: number;
  private readonly shift: number;

  constructor(
    private readonly keys: Float64Array,
    private readonly slots: Int32Array,
  ) {
    this.mask = slots.length - 1;
    this.shift = 32 - Math.log2(slots.length);
  }

  /** The table of `keys`: a power of two at least twice their count, each key at its hash or after. */
  static slotsFor(keys: Float64Array): Int32Array {
    let bits = 10;
    while (1 << bits < keys.length * 2) bits++;
    const slots = sharedInt32(1 << bits).fill(-1);
    const table = new KeyTable(keys, slots);
    for (let slot = 0; slot < keys.length; slot++) {
      let at = table.hash(keys[slot]!);
      while (slots[at] !== -1) at = (at + 1) & table.mask;
      slots[at] = slot;
    }
    return slots;
  }

  get size(): number {
    return this.keys.length;
  }

  private hash(key: number): number {
    const low = key % PAIR_SCALE;
    const high = (key - low) / PAIR_SCALE;
    // Multiplicative hashing: the high bits of the product are the well-mixed ones.
    return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
  }

  /** The slot of `key` in the sorted keys, or −1. */
  slotOf(key: number): number {
    for (let at = this.hash(key); ; at = (at + 1) & this.mask) {
      const slot = this.slots[at]!;
      if (slot === -1 || this.keys[slot] === key) return slot;
    }
  }
}

function dedupeSorted(sorted: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}
