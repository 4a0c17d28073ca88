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

/** The retrieval keys of one token: `keys` go into single and pair postings, `loose` into single postings only. */
export interface TokenKeys {
  readonly keys: readonly string[];
  readonly loose: readonly string[];
}

const PAIR_SCALE = 2 ** 26;
/** Tokens per name that make pairs (a long name's first ones); the rest still have single keys. */
const PAIR_TOKENS = 8;

export class NamePostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly single: number[][] = [];
  private pairKeys = new Float64Array(1 << 16);
  private pairEntries = new Int32Array(1 << 16);
  private pairCount = 0;

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      this.single.push([]);
    }
    return id;
  }

  /** Adds the names of entry `entry` (entries must be added in increasing order), each a list of its tokens' keys. */
  add(entry: number, names: readonly (readonly TokenKeys[])[]): void {
    const seen = new Set<number>();
    for (const name of names) {
      const ids = name.map((token) => token.keys.map((key) => this.idOf(key)));
      for (const token of name)
        for (const key of [...token.keys, ...token.loose]) {
          const list = this.single[this.idOf(key)]!;
          if (list[list.length - 1] !== entry) list.push(entry);
        }
      const paired = ids.slice(0, PAIR_TOKENS);
      for (let a = 0; a < paired.length; a++)
        for (let b = a + 1; b < paired.length; b++)
          for (const x of paired[a]!)
            for (const y of paired[b]!) {
              const key = pairKey(x, y);
              if (seen.has(key)) continue;
              seen.add(key);
              this.pushPair(key, entry);
            }
    }
  }

  private pushPair(key: number, entry: number): void {
    if (this.pairCount === this.pairKeys.length) {
      const keys = new Float64Array(this.pairKeys.length * 2);
      keys.set(this.pairKeys);
      this.pairKeys = keys;
      const entries = new Int32Array(this.pairEntries.length * 2);
      entries.set(this.pairEntries);
      this.pairEntries = entries;
    }
    this.pairKeys[this.pairCount] = key;
    this.pairEntries[this.pairCount] = entry;
    this.pairCount++;
  }

  build(): NamePostings {
    const count = this.pairCount;
    const keys = this.pairKeys.subarray(0, count);
    const unique = dedupeSorted(Float64Array.from(keys).sort());
    // Counting sort by key; entries were pushed in increasing order, so each list stays sorted.
    const slots = new Int32Array(count);
    const offsets = new Int32Array(unique.length + 1);
    for (let i = 0; i < count; i++) {
      const slot = search(unique, keys[i]!);
      slots[i] = slot;
      offsets[slot + 1]!++;
    }
    for (let k = 0; k < unique.length; k++) offsets[k + 1]! += offsets[k]!;
    const fill = offsets.slice(0, unique.length);
    const entries = new Int32Array(count);
    for (let i = 0; i < count; i++) entries[fill[slots[i]!]!++] = this.pairEntries[i]!;
    const single = this.single.map((list) => Int32Array.from(list));
    return new NamePostings(new Map(this.ids), single, unique, offsets, entries);
  }
}

export class NamePostings {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly singles: readonly Int32Array[],
    private readonly pairKeys: Float64Array,
    private readonly pairOffsets: Int32Array,
    private readonly pairEntries: Int32Array,
  ) {}

  /** Distinct keys and stored pairs, for the benchmark's report. */
  get size(): { keys: number; pairKeys: number; pairs: number } {
    return { keys: this.ids.size, pairKeys: this.pairKeys.length, pairs: this.pairEntries.length };
  }

  /** The id of a key, or undefined when no entry has it. */
  id(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** Entries holding the key with this id. */
  single(id: number): Int32Array {
    return this.singles[id] ?? EMPTY;
  }

  /** Entries holding both keys in one name. */
  pair(x: number, y: number): Int32Array {
    const slot = search(this.pairKeys, pairKey(x, y));
    if (slot < 0) return EMPTY;
    return this.pairEntries.subarray(this.pairOffsets[slot], this.pairOffsets[slot + 1]);
  }
}

const EMPTY = new Int32Array(0);

function pairKey(x: number, y: number): number {
  return x < y ? x * PAIR_SCALE + y : y * PAIR_SCALE + x;
}

function dedupeSorted(sorted: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** Index of `value` in a sorted array, or −1. */
function search(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
