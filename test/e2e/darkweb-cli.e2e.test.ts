/**
 * Dark web monitoring from the command line, as an operator runs it: the built `vigil` as child
 * processes on one embedded data directory, with VIGIL_TOR_SOCKS pointing at the tests' own SOCKS5
 * proxy (test/darkweb/fake-tor.ts, 50 ms added to every CONNECT) in front of the fixture forum.
 * An agency and a watched onion site with extraction rules; `onion check` with the Tor self-test;
 * a crawl killed with SIGKILL halfway and resumed by a second process, which fetches nothing the
 * first one had recorded as done; the visit in `site show`; and `custody verify`, intact, then
 * broken by one flipped byte inside a WARC record.
 *
 * Needs the server built (npm run build). Nothing leaves 127.0.0.1; no browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { readWarc } from '../../src/darkweb/capture/warc.js';
import { systemActor } from '../../src/platform/access/actor.js';
import { loadConfig } from '../../src/platform/config.js';
import { startFakeTor, type FakeTor } from '../darkweb/fake-tor.js';
import { defaultForumRules, onionHostFromSeed, startFixtureSite, type FixtureSite } from '../darkweb/fixture-site.js';
import { cleanup, repoRoot, runVigil, tempDataDir, withTimeout, type Env, type RunResult } from './process.js';

const onion = onionHostFromSeed('e2e-cli-forum');
const siteName = 'Wireless Relics (e2e)';
const legalBasis = 'Warrant E2E/2026/017, district court (synthetic)';

/** The same 56 characters with one changed: the checksum no longer matches. */
function damagedOnion(address: string): string {
  const index = 20;
  const swapped = address[index] === 'a' ? 'b' : 'a';
  return address.slice(0, index) + swapped + address.slice(index + 1);
}

/** A `vigil` child that prints no URL (a crawl), killed or awaited by the test. */
interface Child {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const spawned = new Set<ChildProcess>();

/** Spawns `vigil ...args` like process.ts does: a clean environment plus `env`, VIGIL_LOG_LEVEL=warn. */
function spawnVigil(args: readonly string[], env: Env): Child {
  const fullEnv: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(VIGIL_|DATABASE_URL$|PORT$|HOST$|NODE_OPTIONS$)/.test(name)) fullEnv[name] = value;
  }
  fullEnv['VIGIL_LOG_LEVEL'] = 'warn';
  Object.assign(fullEnv, env);
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'vigil.js'), ...args], {
    cwd: repoRoot,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      spawned.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, output, exited };
}

function json<T>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\nstderr: ${result.stderr}`);
  }
}

/** The path and query the fixture counts hits by. */
function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

interface VisitJson {
  id: string;
  status: string;
  outcome: string | null;
  pagesFetched: number;
  mediaSeen: number;
  mediaKnown: number;
}

interface CustodyJson {
  ok: boolean;
  checked: number;
  recordsChecked: number;
  problems: { seq: number; problem: string }[];
}

// The tests run in order and build on each other, on one data directory.
describe('dark web monitoring with the vigil command', () => {
  let forum: FixtureSite;
  let tor: FakeTor;
  let dataDir: string;
  let env: Env;
  let agencyId = '';
  let siteId = '';
  let visitId = '';
  const vigil = (args: string[], timeoutMs = 60_000) => runVigil(args, { env, timeoutMs });

  beforeAll(async () => {
    forum = await startFixtureSite({ origin: `http://${onion}`, threads: 40 });
    tor = await startFakeTor({
      routes: new Map([[onion, { host: '127.0.0.1', port: forum.port }]]),
      behave: () => ({ delayMs: 50 }),
    });
    dataDir = await tempDataDir();
    env = { VIGIL_DATA_DIR: dataDir, VIGIL_TOR_SOCKS: `${tor.proxy.host}:${tor.proxy.port}` };
  });

  afterAll(async () => {
    await Promise.all(
      [...spawned].map(async (child) => {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('close', resolve));
      }),
    );
    await cleanup();
    await tor?.close();
    await forum?.close();
  });

  it('creates an agency and watches the onion forum with its rules, scope and politeness', async () => {
    const agency = await vigil(['--json', 'agency', 'create', '--name', 'E2E Cyber Unit', '--country', 'NLD', '--kind', 'police']);
    expect(agency.stderr).toBe('');
    expect(agency.code).toBe(0);
    agencyId = json<{ id: string }>(agency).id;

    // Next to the data directory, which the temporary directory holds.
    const rulesFile = join(dirname(dataDir), 'forum-rules.json');
    writeFileSync(rulesFile, JSON.stringify(defaultForumRules));
    const added = await vigil([
      '--json',
      'darkweb',
      'site',
      'add',
      `http://${onion}`,
      '--agency',
      agencyId,
      '--name',
      siteName,
      '--legal-basis',
      legalBasis,
      '--concurrency',
      '8',
      '--delay',
      '0',
      '--exclude',
      '*/login*',
      '--rules',
      rulesFile,
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const site = json<Record<string, unknown>>(added);
    expect(site).toMatchObject({
      name: siteName,
      kind: 'onion',
      origin: `http://${onion}`,
      ownerAgencyId: agencyId,
      legalBasis,
      concurrency: 8,
      delayMs: 0,
      scopeExclude: ['*/login*'],
      extractionRules: defaultForumRules,
    });
    siteId = site['id'] as string;
  });

  it('onion check accepts the address and recognises the proxy as Tor; a damaged address exits 2', async () => {
    const good = await vigil(['--json', 'onion', 'check', onion]);
    expect(good.code).toBe(0);
    expect(json(good)).toMatchObject({ valid: true, address: onion, proxy: { ok: true, kind: 'tor' } });

    const human = await vigil(['onion', 'check', `http://${onion}/`]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${onion}: a valid v3 onion address`);
    expect(human.stdout).toMatch(/Tor proxy: Tor at 127\.0\.0\.1:\d+ answers with extended errors/);

    const bad = await vigil(['--json', 'onion', 'check', damagedOnion(onion)]);
    expect(bad.code).toBe(2);
    const verdict = json<{ valid: boolean; reason?: string; message?: string }>(bad);
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toEqual(expect.any(String));
    expect(verdict.message).toEqual(expect.any(String));

    const badHuman = await vigil(['onion', 'check', damagedOnion(onion)]);
    expect(badHuman.code).toBe(2);
    expect(badHuman.stdout).toMatch(/^not a valid onion address: /);
  });

  it('a crawl killed with SIGKILL resumes in a new process and fetches nothing it had recorded as done', async () => {
    const first = spawnVigil(['darkweb', 'crawl', siteName], env);
    const describeFirst = () => `stdout: ${first.output.stdout}\nstderr: ${first.output.stderr}`;
    let exitedEarly = false;
    void first.exited.then(() => (exitedEarly = true));
    // Kill it once the forum has served a good part of the site (over 300 requests in all).
    await withTimeout(
      (async () => {
        while (forum.requests < 90 && !exitedEarly) await sleep(10);
      })(),
      45_000,
      () => new Error(`the crawl made ${forum.requests} requests in 45 s\n${describeFirst()}`),
    );
    expect(exitedEarly, `the first crawl ended before it could be killed\n${describeFirst()}`).toBe(false);
    first.child.kill('SIGKILL');
    const killed = await withTimeout(first.exited, 10_000, () => new Error('the crawl survived SIGKILL'));
    expect(killed.signal).toBe('SIGKILL');
    expect(first.output.stderr).toMatch(/^Starting visit [0-9a-f-]{36}/);

    // What the killed process had recorded, read from its data directory (its lock is taken over).
    const app = await createApp(loadConfig({ VIGIL_DATA_DIR: dataDir }));
    let done: string[];
    try {
      const visits = await app.services.darkweb.visits(systemActor('e2e'), siteId);
      expect(visits).toHaveLength(1);
      expect(visits[0]!.status).toBe('running');
      visitId = visits[0]!.id;
      const rows = await app.database.db.selectFrom('darkweb_frontier').select(['url', 'status']).where('visit_id', '=', visitId).execute();
      done = rows.filter((row) => row.status === 'done').map((row) => row.url);
      const open = rows.filter((row) => row.status === 'pending' || row.status === 'claimed');
      expect(done.length).toBeGreaterThan(0);
      expect(open.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
    // Counted now, well after the kill: a request the killed process had already sent has arrived.
    const requestsAtKill = forum.requests;
    const hitsBefore = new Map(done.map((url) => [url, forum.hits(pathOf(url))]));
    for (const [url, hits] of hitsBefore) expect(hits, url).toBeGreaterThanOrEqual(1);

    const resumed = await vigil(['--json', 'darkweb', 'crawl', siteName], 90_000);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const summary = json<{ pagesFetched: number; mediaSeen: number; failed: number }>(resumed);
    expect(summary).toMatchObject({ visitId, status: 'completed', outcome: 'up', failed: 0 });

    const fetchedAgain = [...hitsBefore].filter(([url, hits]) => forum.hits(pathOf(url)) !== hits).map(([url]) => url);
    expect(fetchedAgain).toEqual([]);
    // The new process fetched everything else once: what was left, and what the killed one had
    // fetched without recording it yet.
    expect(forum.requests - requestsAtKill).toBe(summary.pagesFetched + summary.mediaSeen - done.length);
    // Only names went to the proxy, never an address the crawler had resolved itself.
    expect(tor.violations).toEqual([]);
    expect(new Set(tor.connects.map((c) => c.atyp))).toEqual(new Set([3]));
  });

  let visit: VisitJson | undefined;

  it('site show lists the completed visit with every page and image of the forum', async () => {
    const human = await vigil(['darkweb', 'site', 'show', siteName]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(siteName);
    expect(human.stdout).toContain(`legal basis: ${legalBasis}`);
    expect(human.stdout).toMatch(/ completed +up +\d+ pages, \d+ media \(0 known\)/);

    const shown = json<{ id: string; visits: VisitJson[] }>(await vigil(['--json', 'darkweb', 'site', 'show', siteName]));
    expect(shown.id).toBe(siteId);
    expect(shown.visits).toHaveLength(1);
    visit = shown.visits[0]!;
    expect(visit).toMatchObject({ id: visitId, status: 'completed', outcome: 'up', mediaKnown: 0 });
    expect(visit.mediaSeen).toBe(forum.imageCount);
    // Every public page, and the member list met as a login wall (recorded, not followed).
    expect(visit.pagesFetched).toBeGreaterThanOrEqual(forum.pageCount);
  });

  it('custody verify finds the chain intact and every WARC record matching', async () => {
    expect(visit).toBeDefined();
    const verified = await vigil(['--json', 'darkweb', 'custody', 'verify']);
    expect(verified.code).toBe(0);
    const result = json<CustodyJson>(verified);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.recordsChecked).toBeGreaterThan(0);
    // One custody entry for each page and image recorded, by both processes.
    expect(result.recordsChecked).toBe(visit!.pagesFetched + visit!.mediaSeen);
    expect(result.checked).toBe(result.recordsChecked);
  });

  it('custody verify exits 7 and names the problem once one byte of a WARC record is flipped', async () => {
    const dir = join(dataDir, 'darkweb', 'warc', siteId, visitId);
    // One file for each process that worked on the visit; the resumed one wrote the later name.
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.warc.gz'))
      .sort();
    expect(files).toHaveLength(2);
    const file = join(dir, files.at(-1)!);
    let target: { offset: number; length: number } | undefined;
    for await (const entry of readWarc(file)) {
      if (entry.kind === 'record' && entry.type === 'response') {
        target = { offset: entry.offset, length: entry.length };
        break;
      }
    }
    expect(target).toBeDefined();
    const bytes = readFileSync(file);
    const at = target!.offset + Math.floor(target!.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(file, bytes);

    const broken = await vigil(['--json', 'darkweb', 'custody', 'verify']);
    expect(broken.code).toBe(7);
    const result = json<CustodyJson>(broken);
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems[0]!.problem).toMatch(/\S/);

    const human = await vigil(['darkweb', 'custody', 'verify']);
    expect(human.code).toBe(7);
    expect(human.stdout).toMatch(/^Custody BROKEN\n {2}entry \d+: \S/);
  });
});
