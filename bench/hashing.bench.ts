/**
 * Hashing throughput: `vigil ingest --hash-only` over a generated corpus of ~1 MP JPEGs (target
 * ≥ 150 files/s on 2 cores), and where the time goes in one thread: decode, PDQ, content hashes.
 *
 *   npx tsx bench/hashing.bench.ts [--files 2000] [--threads N]
 */
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { systemActor } from '../src/platform/access/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { decodeForPdq } from '../src/media/decode.js';
import { hashBytes } from '../src/media/hashing.js';
import { pdqFromPixels } from '../src/media/pdq.js';
import { photoCorpus } from './corpus.js';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const files = argument('files', 2000);

const started = performance.now();
const corpus = await photoCorpus(files);
console.log(`corpus: ${files} JPEGs of 1200×840 in ${corpus} (${((performance.now() - started) / 1000).toFixed(1)} s to make or find)`);

// Where the time goes, one thread, on a sample.
const sample = readdirSync(corpus)
  .slice(0, 200)
  .map((name) => readFileSync(join(corpus, name)));
const time = async (fn: (bytes: Buffer) => unknown): Promise<number> => {
  const t0 = performance.now();
  for (const bytes of sample) await fn(bytes);
  return (performance.now() - t0) / sample.length;
};
const decoded = await Promise.all(sample.slice(0, 50).map((b) => decodeForPdq(b)));
const decodeMs = await time((b) => decodeForPdq(b));
const pdqT0 = performance.now();
for (let round = 0; round < 4; round += 1) for (const d of decoded) pdqFromPixels(d.pixels, d.width, d.height, d.channels);
const pdqMs = (performance.now() - pdqT0) / (decoded.length * 4);
const digestMs = await time((b) => hashBytes(b));

// The whole pipeline through the service, as `vigil ingest --hash-only` runs it.
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
const app = await createApp(
  loadConfig({
    VIGIL_DATA_DIR: dataDir,
    VIGIL_LOG_LEVEL: 'silent',
    ...(process.env['DATABASE_URL'] && { DATABASE_URL: process.env['DATABASE_URL'] }),
  }),
);
const agency = await app.services.agencies.create(systemActor(), { name: `Bench police ${Date.now()}`, country: 'NLD', kind: 'police' });
const { user } = await app.services.users.create(systemActor(), {
  username: 'bench',
  displayName: 'Bench',
  agencyId: agency.id,
  roles: ['investigator'],
  password: 'bench password only',
});
const investigator = {
  type: 'user' as const,
  id: user.id,
  name: user.username,
  agencyId: agency.id,
  agencyIsOperator: false,
  roles: user.roles,
  ip: null,
  requestId: null,
};
const benchCase = await app.services.cases.create(investigator, { title: 'Bench case', visibility: 'agency' });
const t0 = performance.now();
const threads = argument('threads', 0);
const outcome = await app.services.ingest.run(systemActor(), {
  paths: [corpus],
  caseRef: benchCase.id,
  hashOnly: true,
  ...(threads > 0 && { threads }),
});
const seconds = (performance.now() - t0) / 1000;
await app.close();

const rows: [string, string][] = [
  [
    `ingest --hash-only (all cores, ${app.database.kind})`,
    `${(outcome.counts.files / seconds).toFixed(1)} files/s (${outcome.counts.files} files in ${seconds.toFixed(1)} s; target ≥ 150)`,
  ],
  ['decode + 512×512 resize, one thread', `${decodeMs.toFixed(2)} ms/file`],
  ['PDQ (luma, filter, DCT), one thread', `${pdqMs.toFixed(2)} ms/file`],
  [
    'MD5 + SHA-1 + SHA-256, one thread',
    `${digestMs.toFixed(2)} ms/file (${(sample.reduce((n, b) => n + b.length, 0) / sample.length / 1024).toFixed(0)} KiB average)`,
  ],
];
if (process.argv.includes('--json')) console.log(JSON.stringify(Object.fromEntries(rows)));
else for (const [name, value] of rows) console.log(`  ${name.padEnd(48)} ${value}`);
