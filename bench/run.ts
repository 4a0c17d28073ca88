/**
 * `npm run bench`: every benchmark, one after the other, each in its own process so that one's
 * memory does not weigh on the next. `npm run bench -- hashing match-index` runs only those.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches: Record<string, string[]> = {
  platform: ['bench/platform.bench.ts'],
  hashing: ['bench/hashing.bench.ts', '--files', '2000'],
  'match-index': ['bench/match-index.bench.ts'],
  vpdq: ['bench/vpdq.bench.ts'],
  screening: ['--max-old-space-size=4096', 'bench/screening.bench.ts', '--threads', '2'],
  'screening-api': ['bench/screening-api.bench.ts'],
  notices: ['bench/notices.bench.ts'],
  darkweb: ['bench/darkweb.bench.ts'],
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
let failed = false;
for (const [name, args] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
