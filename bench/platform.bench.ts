/**
 * Benchmarks of the platform, on the embedded database (or DATABASE_URL's server):
 * audit appends and verification, visibility-filtered listing, sign-in cost.
 *
 *   npm run bench
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { systemActor, type Actor } from '../src/platform/access/actor.js';
import type { Visibility } from '../src/platform/access/roles.js';
import { hashPassword, verifyPassword } from '../src/platform/auth/secrets.js';
import { loadConfig } from '../src/platform/config.js';

const results: { name: string; value: string }[] = [];
const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
const app = await createApp(
  loadConfig({
    VIGIL_DATA_DIR: dataDir,
    VIGIL_LOG_LEVEL: 'silent',
    ...(process.env['DATABASE_URL'] && { DATABASE_URL: process.env['DATABASE_URL'] }),
  }),
);
const system = systemActor('bench');
const { audit, agencies, cases } = app.services;

const appends = 3000;
const [, appendMs] = await time(async () => {
  for (let i = 0; i < appends; i += 1) await audit.record(system, { action: 'bench.append', outcome: 'success', details: { i } });
});
results.push({ name: 'audit append (sequential)', value: `${((appends / appendMs) * 1000).toFixed(0)} entries/s` });

const [verified, verifyMs] = await time(() => audit.verify());
results.push({
  name: 'audit verify',
  value: `${((verified.checked / verifyMs) * 1000).toFixed(0)} entries/s (${verified.checked} entries, ok=${verified.ok})`,
});

const owners: Actor[] = [];
for (let i = 0; i < 10; i += 1) {
  const agency = await agencies.create(system, { name: `Bench agency ${i}`, country: 'NLD', kind: 'police' });
  owners.push({
    type: 'user',
    id: '00000000-0000-4000-8000-00000000000' + String(i),
    name: `bench${i}`,
    agencyId: agency.id,
    agencyIsOperator: false,
    roles: ['investigator'],
    ip: null,
    requestId: null,
  });
}
const visibilities: Visibility[] = ['agency', 'shared', 'network', 'public'];
const perAgency = 200;
const [, createMs] = await time(async () => {
  for (const owner of owners) {
    for (let i = 0; i < perAgency; i += 1) {
      const visibility = visibilities[i % visibilities.length]!;
      const sharedWith = visibility === 'shared' ? [owners[(owners.indexOf(owner) + 1) % owners.length]!.agencyId!] : [];
      await app.database.db
        .insertInto('case_file')
        .values({
          owner_agency_id: owner.agencyId!,
          visibility,
          reference: `B-${i}`,
          title: `bench ${i}`,
          summary: '',
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then(({ id }) =>
          sharedWith.length
            ? app.database.db
                .insertInto('record_share')
                .values({ record_type: 'case_file', record_id: id, agency_id: sharedWith[0]! })
                .execute()
            : undefined,
        );
    }
  }
});
results.push({ name: 'seed cases', value: `${owners.length * perAgency} cases in ${createMs.toFixed(0)} ms` });

const viewer = owners[0]!;
const rounds = 20;
const [listed, listMs] = await time(async () => {
  let n = 0;
  for (let i = 0; i < rounds; i += 1) n = (await cases.list(viewer)).length;
  return n;
});
results.push({
  name: 'visible case list (2000 cases, 10 agencies)',
  value: `${(listMs / rounds).toFixed(1)} ms per list, ${listed} returned (one page of at most 500)`,
});

const hash = await hashPassword('benchmark password');
const [, verifyPwMs] = await time(async () => {
  for (let i = 0; i < 5; i += 1) await verifyPassword(hash, 'benchmark password');
});
results.push({ name: 'argon2id password check', value: `${(verifyPwMs / 5).toFixed(0)} ms each` });

await app.close();
console.log(`Vigil benchmarks on ${app.database.description}`);
for (const r of results) console.log(`  ${r.name.padEnd(46)} ${r.value}`);
