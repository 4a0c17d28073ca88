/**
 * Load benchmark of the public notices API and the public search page: a server (`vigil serve`,
 * its own process, on the embedded database or DATABASE_URL's server) holding 10,000 published
 * notices, and from this process on loopback searches at a fixed rate (open loop: a request is
 * sent every 1/rate seconds whether or not the previous one has answered), first against
 * `GET /api/public/v1/notices/…`, then against the search page `GET /{lang}/notices?…`. The
 * searches are a seeded mix of what visitors ask: a family-name prefix, forename and name, a
 * nationality (and sex), an age band, paging deep into a type, free text, and single notices.
 * Reports latency percentiles, errors, the rate achieved, the machine's load (`uptime`) and the
 * size of a notice page before photos.
 *
 *   npx tsx bench/notices.bench.ts [--notices 10000] [--rate 500] [--seconds 60] [--only api|page] [--json] [--profile DIR]
 *
 * Seeding: the notices are written straight into the notice tables as published rows (500 a
 * statement, content checked by validateContent, one public photo on every other notice, one
 * campaign), then the public revision is bumped once: 10,000 notices take seconds instead of the
 * minutes that create, submit and publish through the service would. The lifecycle itself is
 * covered by the notice service's tests. With DATABASE_URL the database must hold no published
 * notice yet.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import sharp from 'sharp';
import { createApp } from '../src/app.js';
import {
  defaultPublicFields,
  noticeUrlId,
  validateContent,
  type NoticeContent,
  type NoticeType,
  type PublicField,
} from '../src/notices/notice-model.js';
import { alpha2Of } from '../src/notices/public/country-codes.js';
import { systemActor } from '../src/platform/access/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { namePools, prng, randomPerson, screeningCountries } from './screening-data.js';

const { values: args } = parseArgs({
  options: {
    notices: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    only: { type: 'string' },
    /** Write a CPU profile of the server into this directory. */
    profile: { type: 'string' },
    seed: { type: 'string', default: '20261129' },
    json: { type: 'boolean', default: false },
  },
});
const noticeCount = Number(args.notices);
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const random = prng(Number(args.seed));
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string): void => {
  if (!args.json) console.log(line);
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const uptime = (): string => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
};

// --- The notices -------------------------------------------------------------------------------
const typeMix: [NoticeType, number][] = [
  ['red', 0.6],
  ['yellow', 0.25],
  ['black', 0.05],
  ['blue', 0.04],
  ['green', 0.02],
  ['orange', 0.02],
  ['purple', 0.01],
  ['object', 0.01],
];
const charges = [
  { charge: 'Murder', fr: 'Meurtre', es: 'Asesinato', ar: 'قتل' },
  { charge: 'Rape', fr: 'Viol', es: 'Violación', ar: 'اغتصاب' },
  { charge: 'Trafficking in human beings', fr: 'Traite des êtres humains', es: 'Trata de seres humanos', ar: 'الاتجار بالبشر' },
  { charge: 'Sexual abuse of children', fr: 'Abus sexuels sur mineurs', es: 'Abuso sexual de menores', ar: 'الاعتداء الجنسي على الأطفال' },
  { charge: 'Armed robbery', fr: 'Vol à main armée', es: 'Robo a mano armada', ar: 'سطو مسلح' },
  { charge: 'Fraud', fr: 'Escroquerie', es: 'Estafa', ar: 'احتيال' },
];
const places = ['Lyon', 'Sevilla', 'Rotterdam', 'Bucharest', 'Tunis', 'Manila', 'Bogotá', 'Kraków', 'Izmir', 'Lagos', 'Porto', 'Gdańsk'];
const eyes = ['brown', 'blue', 'green', 'grey', 'hazel'];
const hair = ['black', 'brown', 'blond', 'grey', 'red', 'bald'];
const objects = ['A blue rucksack with a fox badge', 'A hotel room with a green striped curtain', 'A child’s cardigan with star buttons'];

function typeOf(roll: number): NoticeType {
  let sum = 0;
  for (const [type, share] of typeMix) if (roll < (sum += share)) return type;
  return 'red';
}

function randomNotice(): { type: NoticeType; content: NoticeContent; publicFields: PublicField[] } {
  const type = typeOf(random());
  const person = randomPerson(pools, random);
  const place = pick(places);
  const content: NoticeContent = {
    familyName: person.family,
    forename: person.given.join(' '),
    sex: random() < 0.5 ? 'M' : 'F',
    birthDate: random() < 0.9 ? person.birth : person.birth.slice(0, 4),
    birthPlace: pick(places),
    nationalities: random() < 0.15 ? [person.nationality, pick(screeningCountries)] : [person.nationality],
    languages: ['eng', 'fra'].slice(0, 1 + Math.floor(random() * 2)),
    heightCm: 150 + Math.floor(random() * 45),
    weightKg: 50 + Math.floor(random() * 50),
    eyes: pick(eyes),
    hair: pick(hair),
    ...(random() < 0.3 && { distinguishingMarks: `Scar on the ${pick(['left', 'right'])} ${pick(['hand', 'cheek', 'forearm'])}` }),
    documents: [{ number: `P${Math.floor(random() * 1e8)}`, country: person.nationality }],
    description: `Last seen in ${place}. ${'If you have seen this person or know where they are, tell us: every detail helps. '.repeat(1 + Math.floor(random() * 4))}`,
  };
  if (type === 'red') {
    const c = pick(charges);
    content.arrestWarrants = [
      { issuingCountry: pick(screeningCountries), charge: c.charge, chargeTranslations: { fr: c.fr, es: c.es, ar: c.ar } },
    ];
  }
  if (type === 'yellow')
    content.disappearance = {
      date: `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
      place,
      country: person.nationality,
    };
  if (type === 'object' || type === 'purple' || type === 'black') content.title = pick(objects);
  const publicFields: PublicField[] = [
    ...defaultPublicFields,
    'birthPlace',
    'heightCm',
    'weightKg',
    'eyes',
    'hair',
    'distinguishingMarks',
    'languages',
  ];
  return { type, content, publicFields };
}

const pools = namePools();
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-notices-bench-'));
const env = {
  VIGIL_DATA_DIR: dataDir,
  VIGIL_LOG_LEVEL: 'silent',
  ...(process.env['DATABASE_URL'] && { DATABASE_URL: process.env['DATABASE_URL'] }),
};

interface Seeded {
  number: string;
  type: NoticeType;
  familyName: string;
  forename: string;
  nationality: string;
}
const seeded: Seeded[] = [];
{
  const app = await createApp(loadConfig(env));
  const { db } = app.database;
  const already = await db
    .selectFrom('notice')
    .select(db.fn.countAll<string>().as('n'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  if (Number(already.n) > 0) {
    console.error(`the database already holds ${already.n} published notices; give the benchmark an empty database`);
    await app.close();
    process.exit(2);
  }
  const agency = await app.services.agencies.create(systemActor('bench'), {
    name: 'Bench national central bureau',
    country: 'FRA',
    kind: 'national_central_bureau',
  });
  const face = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 120, g: 110, b: 100 } } })
    .jpeg()
    .toBuffer();
  const thumb = await sharp(face).resize(120).jpeg().toBuffer();
  const faceSha = createHash('sha256').update(face).digest('hex');
  const started = performance.now();
  const year = 2026;
  const publishedFrom = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - publishedFrom;
  for (let from = 0; from < noticeCount; from += 500) {
    const rows = [];
    for (let i = from; i < Math.min(noticeCount, from + 500); i++) {
      const { type, content: raw, publicFields } = randomNotice();
      const { content, problems } = validateContent(type, raw);
      if (problems.length > 0) throw new Error(`generated notice ${i} is not valid: ${JSON.stringify(problems)}`);
      const number = `${year}/${String(i + 1).padStart(5, '0')}`;
      seeded.push({
        number,
        type,
        familyName: content.familyName ?? '',
        forename: content.forename ?? '',
        nationality: content.nationalities?.[0] ?? 'FRA',
      });
      rows.push({
        owner_agency_id: agency.id,
        visibility: 'network',
        type,
        status: 'published',
        public_number: number,
        content: JSON.stringify(content),
        public_fields: publicFields,
        family_name: content.familyName ?? '',
        forename: content.forename ?? '',
        expires_on: null,
        published_by_agency_id: agency.id,
        published_at: new Date(publishedFrom + Math.floor(random() * span)),
        updated_at: new Date(),
      });
    }
    const ids = await db.insertInto('notice').values(rows).returning('id').execute();
    const photos = ids
      .filter((_, k) => (from + k) % 2 === 0)
      .map(({ id }) => ({
        notice_id: id,
        position: 0,
        public: true,
        caption: 'Photo',
        image: face,
        thumbnail: thumb,
        width: 300,
        height: 400,
        sha256: faceSha,
      }));
    if (photos.length > 0) await db.insertInto('notice_photo').values(photos).execute();
  }
  const campaignNotices = await db.selectFrom('notice').select('id').where('type', '=', 'red').orderBy('public_number').limit(8).execute();
  const campaign = await db
    .insertInto('campaign')
    .values({
      owner_agency_id: agency.id,
      slug: 'crimes-against-women',
      title: 'Wanted for crimes against women',
      body: 'Do you recognise them?',
      status: 'published',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (campaignNotices.length > 0) {
    await db
      .insertInto('campaign_notice')
      .values(campaignNotices.map((n, position) => ({ campaign_id: campaign.id, notice_id: n.id, position })))
      .execute();
  }
  await db
    .updateTable('notice_revision')
    .set({ revision: sql`revision + 1` })
    .where('id', '=', 1)
    .execute();
  log(`seeded ${noticeCount} published notices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await app.close();
}

// --- The server --------------------------------------------------------------------------------
const port = 20000 + Math.floor(random() * 20000);
const profile = args.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${args.profile}`];
const server = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'src/main.ts'), 'serve'], {
  cwd: root,
  env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
const serverStarted = performance.now();
for (;;) {
  const ok = await fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  if (performance.now() - serverStarted > 180_000) throw new Error('the server did not start');
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const warm = performance.now();
const first = await fetch(`${base}/api/public/v1/notices/red`);
const firstBody = (await first.json()) as { total?: number };
log(
  `server up in ${((warm - serverStarted) / 1000).toFixed(1)} s; first search (catalogue load) ${((performance.now() - warm) / 1000).toFixed(2)} s, ` +
    `${first.status}, ${firstBody.total} red notices`,
);

// --- The searches ------------------------------------------------------------------------------
const languages = ['en', 'en', 'en', 'fr', 'es', 'ar'];
const typesByCount = (type: NoticeType): number => seeded.filter((s) => s.type === type).length;
const redPages = Math.max(1, Math.ceil(typesByCount('red') / 20));

/** One search as query parameters (the API and the page share INTERPOL's names), or a single notice. */
function randomSearch(): { type?: NoticeType; params: Record<string, string>; notice?: Seeded } {
  const roll = random();
  const s = pick(seeded);
  const prefix = (word: string): string => word.slice(0, 2 + Math.floor(random() * 3));
  if (roll < 0.3) return { type: s.type, params: { name: prefix(s.familyName) } };
  if (roll < 0.45) return { type: s.type, params: { forename: prefix(s.forename.split(' ')[0] ?? ''), name: prefix(s.familyName) } };
  if (roll < 0.65) {
    return {
      type: pick(['red', 'yellow'] as const),
      params: { nationality: random() < 0.5 ? s.nationality : alpha2Of(s.nationality), ...(random() < 0.5 && { sexId: pick(['F', 'M']) }) },
    };
  }
  if (roll < 0.8) {
    const ageMin = 18 + Math.floor(random() * 50);
    return {
      type: 'red',
      params: {
        ageMin: String(ageMin),
        ageMax: String(ageMin + 5 + Math.floor(random() * 15)),
        ...(random() < 0.5 && { nationality: s.nationality }),
      },
    };
  }
  if (roll < 0.9) return { type: 'red', params: { page: String(1 + Math.floor(random() * redPages)) } };
  if (roll < 0.95) return { params: { freeText: pick(places) } };
  return { params: {}, notice: s };
}

function apiUrl(search: ReturnType<typeof randomSearch>): string {
  if (search.notice !== undefined) return `/api/public/v1/notices/${search.notice.type}/${noticeUrlId(search.notice.number)}`;
  const query = new URLSearchParams(search.params).toString();
  return `/api/public/v1/notices${search.type === undefined ? '' : `/${search.type}`}${query === '' ? '' : `?${query}`}`;
}
function pageUrl(search: ReturnType<typeof randomSearch>): string {
  const language = pick(languages);
  if (search.notice !== undefined) return `/${language}/notices/${noticeUrlId(search.notice.number)}`;
  const query = new URLSearchParams({ ...(search.type !== undefined && { type: search.type }), ...search.params }).toString();
  return `/${language}/notices${query === '' ? '' : `?${query}`}`;
}

/** CPU seconds a process has used (user + system), from /proc; undefined where there is none. */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Keep-alive connections, as browsers or crawlers would hold them; node:http costs the load
 * generator less than fetch. The load comes from 64 visitors: each agent sends from its own
 * loopback address (127.0.0.2–65), so the server's per-address flood guard stays on at its
 * default, as in production, and no single visitor exceeds it.
 */
const visitors = Array.from({ length: 64 }, (_, i) => new Agent({ keepAlive: true, maxSockets: 8, localAddress: `127.0.0.${i + 2}` }));
let nextVisitor = 0;
function get(path: string): Promise<{ status: number; bytes: number }> {
  const agent = visitors[nextVisitor++ % visitors.length]!;
  return new Promise((resolve, reject) => {
    const request = httpGet(`${base}${path}`, { agent }, (response) => {
      let size = 0;
      response.on('data', (chunk: Buffer) => (size += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes: size }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

interface Outcome {
  target: string;
  /** CPU milliseconds the server spent per request, and this process (the load generator). */
  serverCpuMsPerRequest: number | undefined;
  clientCpuMsPerRequest: number;
  requested: number;
  distinctUrls: number;
  rate: number;
  errors: number;
  errorSamples: string[];
  bytesMean: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  uptimeBefore: string;
  uptimeAfter: string;
}

async function load(target: string, urls: readonly string[]): Promise<Outcome> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let bytes = 0;
  const total = urls.length;
  const pending: Promise<void>[] = [];
  const uptimeBefore = uptime();
  const serverCpuBefore = cpuSecondsOf(server.pid);
  const clientCpuBefore = process.cpuUsage();
  const loadStarted = performance.now();
  for (let i = 0; i < total; i++) {
    const due = loadStarted + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    const url = urls[i]!;
    pending.push(
      get(url).then(
        ({ status, bytes: size }) => {
          latencies.push(performance.now() - sent);
          bytes += size;
          if (status !== 200) {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(`${status} ${url}`);
          }
        },
        (error: unknown) => {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${String(error)} ${url}`);
        },
      ),
    );
  }
  await Promise.all(pending);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const serverCpuAfter = cpuSecondsOf(server.pid);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const uptimeAfter = uptime();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN) * 10) / 10;
  return {
    target,
    serverCpuMsPerRequest:
      serverCpuBefore === undefined || serverCpuAfter === undefined
        ? undefined
        : Math.round(((serverCpuAfter - serverCpuBefore) * 1e6) / total) / 1000,
    clientCpuMsPerRequest: Math.round((clientCpu.user + clientCpu.system) / total) / 1000,
    requested: total,
    distinctUrls: new Set(urls).size,
    rate: Math.round(total / loadSeconds),
    errors,
    errorSamples,
    bytesMean: Math.round(bytes / Math.max(1, latencies.length)),
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round((sorted.at(-1) ?? NaN) * 10) / 10 },
    uptimeBefore,
    uptimeAfter,
  };
}

const total = rate * seconds;
const searches = Array.from({ length: total }, randomSearch);
const outcomes: Outcome[] = [];
const skipped: string[] = [];
let pageSize: { url: string; bytes: number } | undefined;
let apiDetailSize: { url: string; bytes: number } | undefined;

try {
  // The largest notice: a red one with every public field and the longest description.
  const big = seeded.find((s) => s.type === 'red') ?? seeded[0]!;
  const detail = await fetch(`${base}${apiUrl({ params: {}, notice: big })}`);
  apiDetailSize = { url: apiUrl({ params: {}, notice: big }), bytes: (await detail.arrayBuffer()).byteLength };

  if (args.only === undefined || args.only === 'api') {
    outcomes.push(await load('api', searches.map(apiUrl)));
  }
  if (args.only === undefined || args.only === 'page') {
    const probe = await fetch(`${base}/en/notices`);
    await probe.arrayBuffer();
    if (probe.status === 404) {
      skipped.push('page: GET /en/notices answers 404 (the public pages are not in this build yet); page load skipped');
    } else {
      const page = await fetch(`${base}/en/notices/${noticeUrlId(big.number)}`);
      pageSize = { url: `/en/notices/${noticeUrlId(big.number)}`, bytes: (await page.arrayBuffer()).byteLength };
      outcomes.push(await load('page', searches.map(pageUrl)));
    }
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

const database = process.env['DATABASE_URL'] ? 'postgresql' : 'pglite';
if (args.json) console.log(JSON.stringify({ notices: noticeCount, database, outcomes, skipped, pageSize, apiDetailSize }));
else {
  for (const o of outcomes) {
    console.log(
      `${o.target}: ${o.requested} searches (${o.distinctUrls} distinct URLs) at ${o.rate}/s against ${noticeCount} notices (${database}): ` +
        `p50 ${o.latencyMs.p50} ms, p95 ${o.latencyMs.p95} ms, p99 ${o.latencyMs.p99} ms, max ${o.latencyMs.max} ms; ` +
        `${o.errors} errors${o.errorSamples.length > 0 ? ` (${o.errorSamples.join('; ')})` : ''}; mean answer ${o.bytesMean} bytes`,
    );
    console.log(`  CPU per request: server ${o.serverCpuMsPerRequest ?? '?'} ms, load generator ${o.clientCpuMsPerRequest} ms`);
    console.log(`  before: ${o.uptimeBefore}\n  after:  ${o.uptimeAfter}`);
  }
  for (const line of skipped) console.log(`skipped ${line}`);
  if (apiDetailSize) console.log(`a red notice in the API: ${apiDetailSize.bytes} bytes (${apiDetailSize.url})`);
  if (pageSize)
    console.log(
      `a red notice page before photos: ${pageSize.bytes} bytes (${pageSize.url}), ${pageSize.bytes < 50 * 1024 ? 'under' : 'OVER'} 50 KB`,
    );
}
