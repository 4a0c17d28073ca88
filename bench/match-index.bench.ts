/**
 * Benchmark of the PDQ match index (src/media/match-index.ts) on uniform random hashes and on a
 * clustered set (10% of the hashes are near-duplicates of 1% of them): build time, memory, query
 * latency at d = 31 (one orientation and all 8), recall against brute force, and the scan it replaces.
 *
 *   npx tsx bench/match-index.bench.ts [--sizes 1000000,10000000] [--queries 2000] [--json]
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PdqIndex, bruteForce } from '../src/media/match-index.js';
import { pdqFromWords, type PdqHash } from '../src/media/pdq-hash.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,10000000' },
    queries: { type: 'string', default: '2000' },
    'recall-queries': { type: 'string', default: '50' },
    'scan-queries': { type: 'string', default: '10' },
    seed: { type: 'string', default: '20261129' },
    json: { type: 'boolean', default: false },
  },
});
const sizes = args.sizes.split(',').map(Number);
const queryCount = Number(args.queries);
const recallCount = Number(args['recall-queries']);
const scanCount = Number(args['scan-queries']);
const threshold = 31;

/** mulberry32: seeded, so runs are comparable. */
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

const flipBits = (hash: Uint32Array, count: number, next: () => number): void => {
  const bits = new Set<number>();
  while (bits.size < count) bits.add(next() % 256);
  for (const bit of bits) hash[bit >> 5] = (hash[bit >> 5]! ^ (1 << (bit & 31))) >>> 0;
};

type Kind = 'uniform' | 'clustered';

/** n hashes with ids 0..n-1; clustered: 1% centres, each with 10 near-duplicates (1..16 bits away). */
function makeEntries(n: number, kind: Kind, next: () => number): { ids: Uint32Array; words: Uint32Array } {
  const ids = new Uint32Array(n);
  const words = new Uint32Array(n * 8);
  for (let i = 0; i < n; i += 1) ids[i] = i;
  for (let i = 0; i < words.length; i += 1) words[i] = next();
  if (kind === 'clustered') {
    const centres = Math.floor(n / 100);
    for (let c = 0; c < centres; c += 1) {
      for (let k = 1; k <= 10; k += 1) {
        const row = centres + c * 10 + k - 1;
        words.copyWithin(row * 8, c * 8, c * 8 + 8);
        flipBits(words.subarray(row * 8, row * 8 + 8), 1 + (next() % 16), next);
      }
    }
  }
  return { ids, words };
}

/** Queries: half near a stored hash (8..24 bits away, cluster centres first when clustered), half random. */
function makeQueries(words: Uint32Array, count: number, next: () => number): PdqHash[] {
  const n = words.length / 8;
  return Array.from({ length: count }, (_, i) => {
    if (i % 2 === 1) return pdqFromWords(Uint32Array.from({ length: 8 }, next));
    const hash = pdqFromWords(words, (next() % n) * 8);
    flipBits(hash, 8 + (next() % 17), next);
    return hash;
  });
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const latency = (times: number[]): { median: number; p95: number; p99: number; max: number } => {
  const sorted = times.toSorted((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: sorted.at(-1)! };
};
const timeEach = <T>(items: T[], fn: (item: T) => unknown): number[] =>
  items.map((item) => {
    const start = performance.now();
    fn(item);
    return performance.now() - start;
  });
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
/** Memory after full collections; the pause lets V8 free the dead ArrayBuffers' memory, which it does concurrently. */
const memory = async (): Promise<{ heapPlusBuffers: number; rss: number }> => {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const usage = process.memoryUsage();
  return { heapPlusBuffers: usage.heapUsed + usage.arrayBuffers, rss: usage.rss };
};

interface Result {
  dataset: string;
  size: number;
  chunkBits: string;
  probes: number;
  buildSeconds: number;
  indexBytes: number;
  heapPlusBuffersDelta: number;
  rssDelta: number;
  query1: ReturnType<typeof latency>;
  query8: ReturnType<typeof latency>;
  matchesPerQuery: number;
  recall: { queries: number; expectedPairs: number; foundPairs: number; exact: boolean };
  scanMsPerQuery: number;
  bruteForceMsPerQuery: number;
}

const log = (line: string): void => {
  if (!args.json) console.error(line);
};
log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

/** One dataset end to end; the index is unreachable once this returns, so the next one starts clean. */
async function runDataset(size: number, kind: Kind): Promise<Result> {
  const next = prng(Number(args.seed) + size + (kind === 'clustered' ? 1 : 0));
  const dataset = `${kind} ${size.toLocaleString('en')}`;
  log(`${dataset}: generating…`);
  const entries = makeEntries(size, kind, next);
  const queries = makeQueries(entries.words, queryCount, next);
  const variants = queries.map((query) => [query, ...Array.from({ length: 7 }, () => pdqFromWords(Uint32Array.from({ length: 8 }, next)))]);
  const before = await memory();

  log(`${dataset}: building…`);
  const buildStart = performance.now();
  const index = PdqIndex.fromEntries(entries.ids, entries.words);
  const buildSeconds = (performance.now() - buildStart) / 1000;
  const after = await memory();
  const stats = index.stats();

  log(`${dataset}: querying…`);
  timeEach(queries.slice(0, 200), (query) => index.query(query, threshold));
  let matches = 0;
  const query1 = latency(timeEach(queries, (query) => (matches += index.query(query, threshold).length)));
  const query8 = latency(timeEach(variants, (hashes) => index.queryAll8(hashes, threshold)));

  log(`${dataset}: recall and brute force…`);
  const recall = { queries: recallCount, expectedPairs: 0, foundPairs: 0, exact: true };
  const bruteTimes: number[] = [];
  for (const query of queries.slice(0, recallCount)) {
    const start = performance.now();
    const expected = bruteForce(entries, query, threshold);
    bruteTimes.push(performance.now() - start);
    const found = index.query(query, threshold);
    const foundKeys = new Set(found.map(({ id, distance }) => `${id}:${distance}`));
    recall.expectedPairs += expected.length;
    recall.foundPairs += expected.filter(({ id, distance }) => foundKeys.has(`${id}:${distance}`)).length;
    if (JSON.stringify(found) !== JSON.stringify(expected)) recall.exact = false;
  }
  const scanTimes = timeEach(queries.slice(0, scanCount), (query) => index.query(query, threshold, { strategy: 'scan' }));

  return {
    dataset,
    size,
    chunkBits: `${stats.chunkBits.length} × ${[...new Set(stats.chunkBits)].join('/')} bits`,
    probes: index.explain(threshold).probes,
    buildSeconds,
    indexBytes: stats.bytes,
    heapPlusBuffersDelta: after.heapPlusBuffers - before.heapPlusBuffers,
    rssDelta: after.rss - before.rss,
    query1,
    query8,
    matchesPerQuery: matches / queries.length,
    recall,
    scanMsPerQuery: latency(scanTimes).median,
    bruteForceMsPerQuery: latency(bruteTimes).median,
  };
}

const results: Result[] = [];
for (const size of sizes) {
  for (const kind of ['uniform', 'clustered'] as const) {
    results.push(await runDataset(size, kind));
  }
}

const peakRss = process.resourceUsage().maxRSS * 1024;
if (args.json) {
  console.log(JSON.stringify({ node: process.version, cpus: cpus().length, loadavg: loadavg(), threshold, peakRss, results }, null, 2));
} else {
  const ms = (value: number): string => value.toFixed(3);
  const rows: [string, (result: Result) => string][] = [
    ['chunks', (r) => r.chunkBits],
    ['probes per query (d = 31)', (r) => String(r.probes)],
    ['build', (r) => `${r.buildSeconds.toFixed(1)} s`],
    ['index typed arrays', (r) => `${mb(r.indexBytes)} MB`],
    ['Δ heapUsed + arrayBuffers', (r) => `${mb(r.heapPlusBuffersDelta)} MB`],
    ['Δ rss', (r) => `${mb(r.rssDelta)} MB`],
    ['query d=31 median / p95 / p99', (r) => `${ms(r.query1.median)} / ${ms(r.query1.p95)} / ${ms(r.query1.p99)} ms`],
    ['queryAll8 d=31 median / p95 / p99', (r) => `${ms(r.query8.median)} / ${ms(r.query8.p95)} / ${ms(r.query8.p99)} ms`],
    ['matches per query', (r) => r.matchesPerQuery.toFixed(2)],
    [
      'recall vs brute force',
      (r) =>
        `${((100 * r.recall.foundPairs) / Math.max(1, r.recall.expectedPairs)).toFixed(1)}% of ${r.recall.expectedPairs} pairs, ${r.recall.queries} queries, exact: ${r.recall.exact}`,
    ],
    ['scan (tight loop) per query', (r) => `${r.scanMsPerQuery.toFixed(1)} ms`],
    ['bruteForce() per query', (r) => `${r.bruteForceMsPerQuery.toFixed(1)} ms`],
  ];
  const header = ['', ...results.map((r) => r.dataset)];
  const table = [header, ...rows.map(([name, cell]) => [name, ...results.map(cell)])];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  │  '));
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  console.log(
    `\n${queryCount} queries (half 8–24 bits from a stored hash, half random); peak rss ${mb(peakRss)} MB; load average now ${load}`,
  );
}
if (results.some((r) => !r.recall.exact)) process.exitCode = 1;
