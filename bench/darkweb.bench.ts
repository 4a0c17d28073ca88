/**
 * Dark web crawl benchmark: a generated fixture forum (10,000 pages, 20,000 images) behind the
 * tests' SOCKS5 proxy with 300 ms added to every request (as Tor adds), crawled by `vigil darkweb
 * crawl` in its own process on the embedded database (or DATABASE_URL's server). Reports pages
 * and images per second and the crawler's peak memory; then a second visit is killed with SIGKILL
 * part way, and resumed: every item the killed run had recorded as done must not be fetched again.
 *
 *   npx tsx bench/darkweb.bench.ts [--threads 2480] [--latency 300] [--concurrency 128] [--kill-after 20] [--json]
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { systemActor } from '../src/platform/access/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { startFakeTor } from '../test/darkweb/fake-tor.js';
import { freshDatabase } from './fresh-database.js';
import { defaultForumRules, fixtureImageBytes, onionHostFromSeed, startFixtureSite } from '../test/darkweb/fixture-site.js';

const { values: args } = parseArgs({
  options: {
    threads: { type: 'string', default: '2480' },
    latency: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '128' },
    'kill-after': { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const log = (line: string): void => {
  if (!args.json) console.log(line);
};
const root = fileURLToPath(new URL('..', import.meta.url));
// The crawler runs as users run it: the built `vigil` command.
if (!existsSync(join(root, 'dist/server/main.js'))) {
  log('building first (npm run build)…');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}

const onion = onionHostFromSeed('bench-forum');
const forum = await startFixtureSite({
  origin: `http://${onion}`,
  imageCacheBytes: 1024 * 1024 * 1024,
  threads: Number(args.threads),
  postsPerThread: 40,
  imagesPerPage: 2,
  knownImageEvery: 100,
});
// A real site serves its images as static files: generate them all before the clock starts.
const warming = performance.now();
await forum.warmImages();
const latency = Number(args.latency);
const tor = await startFakeTor({
  routes: new Map([[onion, { host: '127.0.0.1', port: forum.port }]]),
  behave: () => ({ delayMs: latency }),
  record: false,
});
log(
  `fixture forum: ${forum.pageCount} pages, ${forum.imageCount} images (${forum.knownImageNumbers.length} known, generated in ` +
    `${((performance.now() - warming) / 1000).toFixed(1)} s), ${latency} ms added per request`,
);

/** A data directory with an agency, a known hash set and the site; returns its env. */
async function prepare(): Promise<{ env: Record<string, string>; dataDir: string; drop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-darkweb-bench-'));
  // On PostgreSQL, a database of its own for each visit measured.
  const { url: databaseUrl, drop } = await freshDatabase();
  const env: Record<string, string> = {
    VIGIL_DATA_DIR: dataDir,
    VIGIL_LOG_LEVEL: 'silent',
    VIGIL_TOR_SOCKS: `127.0.0.1:${tor.proxy.port}`,
    ...(databaseUrl !== undefined && { DATABASE_URL: databaseUrl }),
  };
  const app = await createApp(loadConfig(env));
  const system = systemActor('bench');
  const agency = await app.services.agencies.create(system, { name: `Bench unit ${dataDir.slice(-6)}`, country: 'NLD', kind: 'police' });
  const set = await app.services.hashSets.create(system, {
    name: 'Known',
    purpose: 'known',
    visibility: 'agency',
    ownerAgencyId: agency.id,
  });
  const hashes = await Promise.all(
    forum.knownImageNumbers.map(async (n) =>
      createHash('sha256')
        .update(await fixtureImageBytes(n))
        .digest('hex'),
    ),
  );
  await app.services.hashSets.import(system, set.id, Buffer.from(hashes.join('\n')), { format: 'sha256-list' });
  await app.services.sites.create(system, {
    ownerAgencyId: agency.id,
    name: 'Bench forum',
    origin: forum.origin,
    legalBasis: 'Benchmark',
    concurrency: Number(args.concurrency),
    delayMs: 0,
    maxDepth: 1000,
    maxPages: 100_000,
    extractionRules: defaultForumRules,
    scopeExclude: ['*/login*', '*/members/*'],
  });
  await app.close();
  return { env, dataDir, drop };
}

interface CrawlRun {
  code: number | null;
  seconds: number;
  peakRssMb: number;
  summary?: { pagesFetched: number; mediaSeen: number; mediaKnown: number; failed: number; outcome: string };
}

/** Runs `vigil darkweb crawl` in its own process, sampling its memory; kills it with SIGKILL after `killAfter` seconds if given. */
function crawl(env: Record<string, string>, killAfter?: number): Promise<CrawlRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    // The installed command (bin/vigil sets the malloc arenas, as a deployment gets them); to profile, Node itself with the same setting.
    const [command, prefix] =
      args.profile === undefined
        ? [join(root, 'bin/vigil'), []]
        : [process.execPath, ['--cpu-prof', '--cpu-prof-dir', args.profile, join(root, 'bin/vigil.js')]];
    const child = spawn(command, [...prefix, '--json', 'darkweb', 'crawl', 'Bench forum'], {
      cwd: root,
      env: { MALLOC_ARENA_MAX: '2', ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let peak = 0;
    const sampler = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        peak = Math.max(peak, hwm);
      } catch {
        // The process has exited.
      }
    }, 250);
    const killer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter * 1000);
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (killer) clearTimeout(killer);
      let summary: CrawlRun['summary'];
      try {
        summary = JSON.parse(out) as CrawlRun['summary'];
      } catch {
        summary = undefined;
      }
      resolve({ code, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peak), ...(summary && { summary }) });
    });
  });
}

/** The visit's own time, from its first request to its end (without the process's start). */
async function visitSeconds(env: Record<string, string>): Promise<number> {
  const app = await createApp(loadConfig(env));
  const row = await app.database.db.selectFrom('darkweb_visit').select(['started_at', 'finished_at']).executeTakeFirstOrThrow();
  await app.close();
  return row.started_at !== null && row.finished_at !== null ? (row.finished_at.getTime() - row.started_at.getTime()) / 1000 : NaN;
}

/** Frontier items recorded as done in the data directory (read after a kill, before resuming). */
async function doneUrls(env: Record<string, string>): Promise<Set<string>> {
  const app = await createApp(loadConfig(env));
  const rows = await app.database.db.selectFrom('darkweb_frontier').select('url').where('status', '=', 'done').execute();
  await app.close();
  return new Set(rows.map((r) => r.url));
}

// --- 1. One whole visit: throughput and memory ---------------------------------------------------
const first = await prepare();
const before = forum.requests;
const full = await crawl(first.env);
const pages = full.summary?.pagesFetched ?? 0;
const crawlSeconds = await visitSeconds(first.env);
const images = full.summary?.mediaSeen ?? 0;
const result = {
  database: process.env['DATABASE_URL'] ? 'postgresql' : 'pglite',
  latencyMs: latency,
  pages,
  images,
  known: full.summary?.mediaKnown ?? 0,
  failed: full.summary?.failed ?? 0,
  seconds: Math.round(full.seconds * 10) / 10,
  pagesPerSecond: Math.round((pages / full.seconds) * 10) / 10,
  imagesPerSecond: Math.round((images / full.seconds) * 10) / 10,
  visitSeconds: Math.round(crawlSeconds * 10) / 10,
  visitPagesPerSecond: Math.round((pages / crawlSeconds) * 10) / 10,
  visitImagesPerSecond: Math.round((images / crawlSeconds) * 10) / 10,
  requests: forum.requests - before,
  peakRssMb: full.peakRssMb,
  resume: {} as Record<string, number>,
};
log(
  `whole visit: ${pages} pages and ${images} images (${result.known} known, ${result.failed} failed) in ${result.seconds} s: ` +
    `${result.pagesPerSecond} pages/s, ${result.imagesPerSecond} images/s (the visit itself: ${result.visitSeconds} s, ` +
    `${result.visitPagesPerSecond} pages/s, ${result.visitImagesPerSecond} images/s); ${result.requests} requests; crawler peak RSS ${result.peakRssMb} MB`,
);
rmSync(first.dataDir, { recursive: true, force: true });
await first.drop();

// --- 2. Killed with SIGKILL part way, then resumed ----------------------------------------------
const second = await prepare();
const killedAt = Number(args['kill-after']);
const hitsBefore = new Map<string, number>();
const countFrom = forum.requests;
const killed = await crawl(second.env, killedAt);
const done = await doneUrls(second.env);
const afterKill = forum.requests - countFrom;
for (const url of done) hitsBefore.set(url, forum.hits(new URL(url).pathname + new URL(url).search));
const resumed = await crawl(second.env);
let refetched = 0;
for (const [url, hits] of hitsBefore) if (forum.hits(new URL(url).pathname + new URL(url).search) > hits) refetched++;
result.resume = {
  killedAfterSeconds: killedAt,
  requestsBeforeKill: afterKill,
  recordedDoneBeforeKill: done.size,
  resumedPages: resumed.summary?.pagesFetched ?? 0,
  refetchedDoneItems: refetched,
};
log(
  `killed (SIGKILL, exit ${killed.code}) after ${killedAt} s: ${afterKill} requests made, ${done.size} items recorded as done; ` +
    `resumed to the end: ${resumed.summary?.pagesFetched ?? '?'} pages in all; items recorded done and fetched again: ${refetched}`,
);
rmSync(second.dataDir, { recursive: true, force: true });
await second.drop();
await tor.close();
await forum.close();
if (args.json) console.log(JSON.stringify(result));
