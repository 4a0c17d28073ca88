import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PdqIndex, bruteForce, type PdqEntries, type PdqIndexOptions, type PdqQueryStrategy } from './match-index.js';
import { hammingDistance, pdqFromHex, pdqFromWords, type PdqHash } from './pdq-hash.js';

const testdata = new URL('../../../shared/testdata/pdq/', import.meta.url);
const readLines = (path: string): string[] => readFileSync(new URL(path, testdata), 'utf8').split('\n').filter(Boolean);

/** mulberry32: a small seeded PRNG, so every run sees the same data. */
const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
};

const randomHash = (next: () => number): PdqHash => pdqFromWords(Uint32Array.from({ length: 8 }, next));

/** A copy of `hash` with exactly `count` distinct bits flipped. */
const flipBits = (hash: PdqHash, count: number, next: () => number): PdqHash => {
  const copy = pdqFromWords(hash);
  const bits = new Set<number>();
  while (bits.size < count) bits.add(next() % 256);
  for (const bit of bits) copy[bit >> 5] = (copy[bit >> 5]! ^ (1 << (bit & 31))) >>> 0;
  return copy;
};

/** The stored state as the reference sees it: one hash per id. */
const entriesOf = (model: Map<number, PdqHash>): PdqEntries => {
  const ids = new Uint32Array(model.size);
  const words = new Uint32Array(model.size * 8);
  let i = 0;
  for (const [id, hash] of model) {
    ids[i] = id;
    words.set(hash, i * 8);
    i += 1;
  }
  return { ids, words };
};

const thresholds = [0, 1, 10, 15, 16, 31, 32, 45, 64, 128];

/**
 * Random hashes plus the hard cases: near-duplicate clusters, a family sharing half its words (so
 * sharing many chunk values), and, around each query, neighbours at every distance 0..31 and 32..40.
 */
function makeData(seed: number): { model: Map<number, PdqHash>; queries: PdqHash[]; nextId: () => number } {
  const next = prng(seed);
  const model = new Map<number, PdqHash>();
  let id = 1;
  const nextId = (): number => (id += 1 + (next() % 3));
  for (let i = 0; i < 12_000; i += 1) model.set(nextId(), randomHash(next));
  for (let c = 0; c < 300; c += 1) {
    const center = randomHash(next);
    for (let k = 0; k < 8; k += 1) model.set(nextId(), flipBits(center, next() % 12, next));
  }
  const shared = randomHash(next);
  for (let i = 0; i < 1500; i += 1) {
    const hash = randomHash(next);
    hash.set(shared.subarray(0, 4));
    model.set(nextId(), flipBits(hash, next() % 3, next));
  }
  const queries: PdqHash[] = [];
  for (let q = 0; q < 12; q += 1) {
    // Some queries sit inside the shared family, so that their neighbours share chunks with many rows.
    const query =
      q % 3 === 0 ? flipBits(pdqFromWords([...shared.subarray(0, 4), next(), next(), next(), next()]), 2, next) : randomHash(next);
    queries.push(query);
    for (let distance = 0; distance <= 40; distance += 1) {
      for (let copies = 0; copies < (distance <= 32 ? 2 : 1); copies += 1) model.set(nextId(), flipBits(query, distance, next));
    }
  }
  // The same hash under several ids.
  const twin = flipBits(queries[1]!, 7, next);
  for (let k = 0; k < 3; k += 1) model.set(nextId(), pdqFromWords(twin));
  return { model, queries, nextId };
}

/** Checks every query at every threshold against brute force, with each strategy that is affordable. */
function expectExact(index: PdqIndex, model: Map<number, PdqHash>, queries: PdqHash[], options: { indexUpTo: number }): void {
  const entries = entriesOf(model);
  expect(index.size).toBe(model.size);
  for (const [q, query] of queries.entries()) {
    for (const d of thresholds) {
      const expected = bruteForce(entries, query, d);
      const strategies: PdqQueryStrategy[] = d <= options.indexUpTo ? ['auto', 'index', 'scan'] : ['auto', 'scan'];
      for (const strategy of strategies) {
        expect(index.query(query, d, { strategy }), `query ${q}, d = ${d}, ${strategy}`).toEqual(expected);
      }
    }
  }
}

describe('PdqIndex', () => {
  // Layout, the largest threshold at which forcing the index is affordable, the plan `auto` picks at d = 31.
  const layouts: [string, PdqIndexOptions, number, 'index' | 'scan'][] = [
    ['the size-based layout', {}, 64, 'index'],
    ['16 aligned 16-bit chunks', { chunkCount: 16 }, 128, 'index'],
    ['13 unaligned 19/20-bit chunks', { chunkCount: 13 }, 45, 'index'],
    // 8-bit chunks select ~70 rows a value here: probing is exact but dearer than a scan.
    ['32 8-bit chunks', { chunkCount: 32 }, 128, 'scan'],
  ];

  it.each(layouts)(
    'equals brute force at every threshold with %s, also after removals and re-adds',
    { timeout: 120_000 },
    (_, options, indexUpTo, plan31) => {
      const { model, queries, nextId } = makeData(20_261_129);
      const next = prng(99);
      const { ids, words } = entriesOf(model);
      const index = PdqIndex.fromEntries(ids, words, { deltaLimit: 500, ...options });
      // The planted neighbours really are at every distance from 0 to 40.
      const distances = new Set(bruteForce({ ids, words }, queries[0]!, 40).map((match) => match.distance));
      expect([...distances].sort((a, b) => a - b)).toEqual(Array.from({ length: 41 }, (_, d) => d));
      expect(index.explain(31).strategy).toBe(plan31);
      expect(index.explain(128).strategy).toBe('scan');
      expectExact(index, model, queries, { indexUpTo });

      // Remove a third of the ids (planted neighbours included), re-add some with new hashes, add new ids.
      const all = [...model.keys()];
      for (const id of all) {
        if (next() % 3 !== 0) continue;
        expect(index.remove(id)).toBe(true);
        model.delete(id);
        expect(index.has(id)).toBe(false);
      }
      expect(index.remove(all.find((id) => !model.has(id))!)).toBe(false);
      for (const id of all.slice(0, 400)) {
        const hash = flipBits(queries[next() % queries.length]!, next() % 36, next);
        index.add(id, hash);
        model.set(id, hash);
      }
      for (let i = 0; i < 300; i += 1) {
        const hash = flipBits(queries[i % queries.length]!, i % 34, next);
        const id = nextId();
        index.add(id, hash);
        model.set(id, hash);
      }
      expect(index.stats().tombstones + index.stats().delta).toBeGreaterThan(0);
      expectExact(index, model, queries, { indexUpTo });

      index.build();
      expect(index.stats()).toMatchObject({ tombstones: 0, delta: 0, size: model.size, rows: model.size });
      expectExact(index, model, queries, { indexUpTo });
    },
  );

  it('finds the upstream needles in the upstream haystack: exactly the 250 listed pairs', () => {
    const needles = readLines('data/reg-test-input/needles.txt').map(pdqFromHex);
    const haystack = readLines('data/reg-test-input/haystack.txt');
    const expected = readLines('expected/needles-haystack-pairs-le32.tsv')
      .slice(1)
      .map((line) => line.split('\t').map(Number));
    expect(needles).toHaveLength(100);
    expect(expected).toHaveLength(250);
    const ids = Uint32Array.from(haystack, (_, i) => i + 1);
    const words = new Uint32Array(haystack.length * 8);
    haystack.forEach((hex, i) => words.set(pdqFromHex(hex), i * 8));
    const layouts: PdqIndexOptions[] = [{ indexThreshold: 0 }, { indexThreshold: 0, chunkCount: 16 }, {}];
    for (const options of layouts) {
      const index = PdqIndex.fromEntries(ids, words, options);
      const found = needles.flatMap((needle, i) => index.query(needle, 32).map(({ id, distance }) => [i + 1, id, distance]));
      const sorted = (pairs: number[][]): number[][] => pairs.toSorted((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      expect(sorted(found), JSON.stringify(options)).toEqual(sorted(expected));
    }
  });

  it('matches the real rotated and flipped photos through queryAll8', () => {
    const files = readLines('expected/cpp-reference.tsv')
      .map((line) => line.split('\t'))
      .filter(([path]) => path!.includes('/dih/bridge-'));
    expect(files).toHaveLength(8);
    const [, , ...variants] = readLines('expected/cpp-reference-dihedral.tsv')
      .map((line) => line.split('\t'))
      .find(([path]) => path!.endsWith('dih/bridge-1-original.jpg'))!;
    const dihedral = variants.map(pdqFromHex);
    const next = prng(5);
    const index = new PdqIndex({ indexThreshold: 0 });
    for (let i = 0; i < 20_000; i += 1) index.add(1000 + i, randomHash(next));
    // bridge-N is orientation N-1 in the reference order (orig, rot90, …, flipminus1).
    files.forEach(([path, hex]) => index.add(Number(/bridge-(\d)/.exec(path!)![1]), pdqFromHex(hex!)));
    index.build();
    const matches = index.queryAll8(dihedral, 31);
    expect(matches.map((match) => match.id).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const match of matches) {
      expect(match.variant, `bridge-${match.id}`).toBe(match.id - 1);
      expect(match.distance).toBeLessThanOrEqual(18);
    }
    // Only the original orientation matches a plain query.
    expect(index.query(dihedral[0]!, 31).map((match) => match.id)).toEqual([1]);
  });

  it('queryAll8 reports, per id, the closest variant and equals brute force over the 8 variants', () => {
    const next = prng(8);
    const variants = Array.from({ length: 8 }, () => randomHash(next));
    const model = new Map<number, PdqHash>();
    for (let id = 0; id < 15_000; id += 1) model.set(id, randomHash(next));
    model.set(50_000, flipBits(variants[5]!, 9, next)); // planted as variant 5 only
    const near = flipBits(variants[2]!, 4, next);
    model.set(50_001, near);
    for (let v = 0; v < 8; v += 1) model.set(60_000 + v, flipBits(variants[v]!, 3 * v, next));
    const { ids, words } = entriesOf(model);
    const index = PdqIndex.fromEntries(ids, words);
    for (const strategy of ['auto', 'index', 'scan'] as const) {
      const matches = index.queryAll8(variants, 31, { strategy });
      expect(matches).toContainEqual({ id: 50_000, distance: 9, variant: 5 });
      expect(matches).toContainEqual({ id: 50_001, distance: 4, variant: 2 });
      const best = new Map<number, { id: number; distance: number; variant: number }>();
      variants.forEach((variant, v) => {
        for (const { id, distance } of bruteForce({ ids, words }, variant, 31)) {
          const seen = best.get(id);
          if (seen === undefined || distance < seen.distance) best.set(id, { id, distance, variant: v });
        }
      });
      expect(matches).toEqual([...best.values()].sort((a, b) => a.distance - b.distance || a.id - b.id));
    }
    expect(() => index.queryAll8(variants.slice(0, 7), 31)).toThrow(RangeError);
  });

  it('keeps one hash per id: add replaces, remove leaves other ids with the same hash', () => {
    const next = prng(3);
    const hash = randomHash(next);
    const other = flipBits(hash, 100, next);
    const index = new PdqIndex();
    index.add(1, hash);
    index.add(2, hash);
    index.add(0xffffffff, hash);
    expect(index.query(hash, 0)).toEqual([
      { id: 1, distance: 0 },
      { id: 2, distance: 0 },
      { id: 0xffffffff, distance: 0 },
    ]);
    index.add(1, other);
    expect(index.size).toBe(3);
    expect(index.query(hash, 0).map((match) => match.id)).toEqual([2, 0xffffffff]);
    expect(index.remove(2)).toBe(true);
    expect(index.remove(2)).toBe(false);
    expect(index.query(hash, 10)).toEqual([{ id: 0xffffffff, distance: 0 }]);
    expect(index.query(other, 10)).toEqual([{ id: 1, distance: 0 }]);
    index.build();
    index.add(0xffffffff, other);
    expect(index.query(other, 0).map((match) => match.id)).toEqual([1, 0xffffffff]);
    expect(index.size).toBe(2);

    // fromEntries keeps the last hash of a repeated id, whatever the id order.
    const bulk = PdqIndex.fromEntries(Uint32Array.of(9, 4, 9), Uint32Array.from([...hash, ...hash, ...other]), { indexThreshold: 0 });
    expect(bulk.size).toBe(2);
    expect(bulk.query(other, 0)).toEqual([{ id: 9, distance: 0 }]);
    expect(bulk.query(hash, 0)).toEqual([{ id: 4, distance: 0 }]);
  });

  it('rebuilds by itself when the delta buffer fills or tombstones pile up', () => {
    const next = prng(4);
    const index = new PdqIndex({ indexThreshold: 0, deltaLimit: 100 });
    const model = new Map<number, PdqHash>();
    for (let id = 0; id < 5000; id += 1) {
      const hash = randomHash(next);
      index.add(id, hash);
      model.set(id, hash);
      expect(index.stats().delta).toBe((id + 1) % 100);
    }
    for (let id = 0; id < 4000; id += 1) {
      index.remove(id);
      model.delete(id);
    }
    expect(index.stats().rows).toBeLessThan(5000);
    const entries = entriesOf(model);
    const query = flipBits(model.get(4321)!, 20, next);
    expect(index.query(query, 31)).toEqual(bruteForce(entries, query, 31));
    expect(index.query(query, 31)).toEqual([{ id: 4321, distance: 20 }]);
  });

  it('rejects bad input', () => {
    const index = new PdqIndex();
    const hash = randomHash(prng(1));
    expect(() => index.add(-1, hash)).toThrow(RangeError);
    expect(() => index.add(2 ** 32, hash)).toThrow(RangeError);
    expect(() => index.add(1.5, hash)).toThrow(RangeError);
    expect(() => index.add(1, new Uint32Array(7) as PdqHash)).toThrow(TypeError);
    expect(() => index.query(hash, -1)).toThrow(RangeError);
    expect(() => index.query(hash, 2.5)).toThrow(RangeError);
    expect(() => index.addMany(new Uint32Array(2), new Uint32Array(15))).toThrow(RangeError);
    expect(() => new PdqIndex({ chunkCount: 10 })).toThrow(RangeError);
    expect(index.query(hash, 1000)).toEqual([]);
  });

  it('agrees with hammingDistance for every reported match', () => {
    const next = prng(12);
    const model = new Map<number, PdqHash>();
    const base = randomHash(next);
    for (let id = 0; id < 10_000; id += 1) model.set(id, flipBits(base, id % 60, next));
    const index = PdqIndex.fromEntries(...(Object.values(entriesOf(model)) as [Uint32Array, Uint32Array]));
    for (const { id, distance } of index.query(base, 45)) expect(distance).toBe(hammingDistance(base, model.get(id)!));
    expect(index.query(base, 45)).toHaveLength(bruteForce(entriesOf(model), base, 45).length);
  });
});
