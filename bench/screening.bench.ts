/**
 * Benchmark of border screening (src/screening/watchlist-index.ts): a generated watchlist of persons
 * and stolen/lost documents with realistic names drawn from the public lists in
 * ../shared/testdata/screening-sources (OFAC SDN individuals, yente's UN, US Congress and synthetic
 * global persons, in many scripts), then checks of travellers carrying name, birth date,
 * nationality and document: build time, checks per second, memory, and how many of the planted
 * listed travellers were found.
 *
 *   npx tsx bench/screening.bench.ts [--persons 1000000] [--documents 1000000] [--checks 1000000] [--processes 2] [--json]
 *
 * With `--processes N` the checks are split over N processes, one per core, each building its own
 * index from the same seed (the index is per process, as in the server): the result adds their
 * checks, takes the slowest one's time and sums their peak memory.
 *
 * Travellers: 1% are listed persons, perturbed (one typo, names reordered, a middle name dropped,
 * or written in capitals like an MRZ) with their true birth date; 0.5% carry a listed stolen
 * document; the rest are new people drawn from the same name pools, so common names collide as
 * they do at a real border.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  namePools,
  perturbName,
  prng,
  randomDocumentNumber,
  randomPerson,
  screeningCountries,
  type NamePools,
  type Person,
} from './screening-data.js';
import { WatchlistIndex, type TravelDocumentEntry, type Traveller, type WatchlistEntry } from '../src/screening/watchlist-index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    documents: { type: 'string', default: '1000000' },
    checks: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261129' },
    processes: { type: 'string', default: '1' },
    part: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const processes = Number(args.processes);
if (processes > 1 && args.part === undefined) await runParts(processes);
const part = args.part === undefined ? 0 : Number(args.part);
/** Whether check i is this process's. */
const mine = (i: number): boolean => i % processes === part;
const personCount = Number(args.persons);
const documentCount = Number(args.documents);
const checkCount = Number(args.checks);

const random = prng(Number(args.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
const countries = screeningCountries;
const documentNumber = (): string => randomDocumentNumber(random);
const newPerson = (pools: NamePools): Person => randomPerson(pools, random);
const perturbedName = (person: Person): string => perturbName(person, random);

const pools = namePools();
console.log(`name pools: ${pools.given.length} given names, ${pools.family.length} family names`);

// --- Watchlist ---------------------------------------------------------------------------------
const listed: Person[] = [];
const entries: WatchlistEntry[] = [];
for (let i = 0; i < personCount; i += 1) {
  const person = newPerson(pools);
  listed.push(person);
  entries.push({
    id: `p${i}`,
    listId: i % 2 === 0 ? 'wanted' : 'missing',
    record: {
      names: [[...person.given, person.family].join(' ')],
      birthDates: [
        { year: Number(person.birth.slice(0, 4)), month: Number(person.birth.slice(5, 7)), day: Number(person.birth.slice(8, 10)) },
      ],
      nationalities: [person.nationality],
      ...(person.passport !== undefined && { documents: [{ number: person.passport }] }),
    },
  });
}
const documents: TravelDocumentEntry[] = [];
for (let i = 0; i < documentCount; i += 1)
  documents.push({
    id: `d${i}`,
    listId: 'sltd',
    number: documentNumber(),
    country: pick(countries),
    documentType: 'passport',
    status: random() < 0.7 ? 'stolen' : 'lost',
  });

// --- Travellers --------------------------------------------------------------------------------
const travellers: { i: number; traveller: Traveller }[] = [];
const planted = new Map<number, string>();
const plantedDocuments = new Set<number>();
for (let i = 0; i < checkCount; i += 1) {
  const roll = random();
  if (roll < 0.01) {
    const n = Math.floor(random() * personCount);
    const person = listed[n]!;
    planted.set(i, `p${n}`);
    const traveller = {
      id: `t${i}`,
      name: perturbedName(person),
      birthDate: person.birth,
      nationality: person.nationality,
      documentNumber: documentNumber(),
    };
    if (mine(i)) travellers.push({ i, traveller });
    else planted.delete(i);
  } else {
    const person = newPerson(pools);
    let document = { documentNumber: person.passport ?? documentNumber(), documentCountry: person.nationality };
    if (roll < 0.015) {
      const stolen = documents[Math.floor(random() * documents.length)]!;
      document = { documentNumber: stolen.number, documentCountry: stolen.country ?? person.nationality };
      if (mine(i)) plantedDocuments.add(i);
    }
    const traveller = {
      id: `t${i}`,
      name: [...person.given, person.family].join(' '),
      birthDate: person.birth,
      nationality: person.nationality,
      ...document,
    };
    if (mine(i)) travellers.push({ i, traveller });
  }
}
listed.length = 0;

gc();
const before = process.memoryUsage();
let start = performance.now();
const index = WatchlistIndex.build(entries, documents);
if (process.env.DBG) {
  const p = (index as unknown as { postings: Map<string, Int32Array> }).postings;
  const sizes = [...p].map(([k, v]) => [k, v.length] as const).sort((a, b) => b[1] - a[1]);
  console.log(
    p.size,
    sizes
      .slice(0, 30)
      .map((x) => x.join(':'))
      .join(' '),
  );
  const ph = sizes.filter((x) => x[0].startsWith('#')),
    pr = sizes.filter((x) => x[0].startsWith('>'));
  console.log('phonetic keys', ph.length, 'prefix keys', pr.length);
}
const buildSeconds = (performance.now() - start) / 1000;
entries.length = 0;
documents.length = 0;
gc();
const afterBuild = process.memoryUsage();
console.log(
  `index: ${index.personCount} persons, ${index.documentCount} documents, built in ${buildSeconds.toFixed(1)} s, ` +
    `heap+buffers +${mb(afterBuild.heapUsed + afterBuild.arrayBuffers - before.heapUsed - before.arrayBuffers)} MB, rss ${mb(afterBuild.rss)} MB`,
);

// --- Checks ------------------------------------------------------------------------------------
let matches = 0;
let plantedFound = 0;
let documentHits = 0;
let plantedDocumentsFound = 0;
let peakRss = afterBuild.rss;
start = performance.now();
const cpuStart = process.cpuUsage();
for (const [n, { i, traveller }] of travellers.entries()) {
  const answer = index.screen(traveller);
  const matched = answer.hits.filter((hit) => hit.match);
  matches += matched.length;
  const expected = planted.get(i);
  if (expected !== undefined && matched.some((hit) => hit.entryId === expected)) plantedFound += 1;
  if (answer.documentHits.length > 0) documentHits += 1;
  if (plantedDocuments.has(i) && answer.documentHits.length > 0) plantedDocumentsFound += 1;
  if (n % 100_000 === 99_999) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (!args.json) console.log(`  ${n + 1} checks, ${((n + 1) / ((performance.now() - start) / 1000)).toFixed(0)}/s`);
  }
}
const checkSeconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU time as well as wall time: on a shared machine other processes stretch the wall clock.
const checkCpuSeconds = (cpu.user + cpu.system) / 1e6;
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const result = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', load: loadavg().map((l) => Math.round(l * 10) / 10) },
  persons: personCount,
  documents: documentCount,
  checks: travellers.length,
  buildSeconds: Math.round(buildSeconds * 10) / 10,
  checkSeconds: Math.round(checkSeconds * 10) / 10,
  checksPerSecond: Math.round(travellers.length / checkSeconds),
  checkCpuSeconds: Math.round(checkCpuSeconds * 10) / 10,
  checksPerCpuSecond: Math.round(travellers.length / checkCpuSeconds),
  peakRssMb: mb(peakRss),
  matchesPerCheck: Math.round((matches / travellers.length) * 1e4) / 1e4,
  plantedPersons: planted.size,
  plantedFound,
  plantedRecall: Math.round((plantedFound / Math.max(1, planted.size)) * 1e4) / 1e4,
  plantedDocuments: plantedDocuments.size,
  plantedDocumentsFound,
  travellersWithDocumentHit: documentHits,
};
if (args.json) console.log(JSON.stringify(result));
else report(result, 'one thread');

type Result = typeof result;

function report(r: Result, how: string): void {
  console.log(
    `${r.checks} checks in ${r.checkSeconds} s (${r.checksPerSecond}/s, ${how}; ${r.checksPerCpuSecond} per CPU second); ` +
      `index of ${r.persons} persons and ${r.documents} documents built in ${r.buildSeconds} s; peak rss ${r.peakRssMb} MB`,
  );
  console.log(
    `planted listed travellers found: ${r.plantedFound}/${r.plantedPersons} (${(r.plantedRecall * 100).toFixed(1)}%); ` +
      `stolen documents found: ${r.plantedDocumentsFound}/${r.plantedDocuments}; matches per check: ${r.matchesPerCheck}`,
  );
}

/** Runs the parts in child processes at once and reports them together; never returns. */
async function runParts(count: number): Promise<never> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  const passed = process.argv.slice(2).filter((a, i, all) => a !== '--json' && a !== '--processes' && all[i - 1] !== '--processes');
  const started = performance.now();
  const parts = await Promise.all(
    Array.from(
      { length: count },
      (_, part) =>
        new Promise<Result>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [...process.execArgv, self, ...passed, '--processes', String(count), '--part', String(part), '--json'],
            {
              stdio: ['ignore', 'pipe', 'inherit'],
            },
          );
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.on('error', reject);
          child.on('exit', (code) => {
            const last = out.trim().split('\n').at(-1) ?? '';
            if (code === 0) resolve(JSON.parse(last) as Result);
            else reject(new Error(`part ${part} exited with ${code}`));
          });
        }),
    ),
  );
  const wall = (performance.now() - started) / 1000;
  const sum = (f: (r: Result) => number): number => parts.reduce((t, r) => t + f(r), 0);
  const slowest = Math.max(...parts.map((r) => r.checkSeconds));
  const total: Result = {
    ...parts[0]!,
    checks: sum((r) => r.checks),
    buildSeconds: Math.max(...parts.map((r) => r.buildSeconds)),
    checkSeconds: slowest,
    checksPerSecond: Math.round(sum((r) => r.checks) / slowest),
    checkCpuSeconds: Math.round(sum((r) => r.checkCpuSeconds) * 10) / 10,
    checksPerCpuSecond: Math.round(sum((r) => r.checks) / sum((r) => r.checkCpuSeconds)),
    peakRssMb: Math.round(sum((r) => r.peakRssMb) * 10) / 10,
    matchesPerCheck: Math.round((sum((r) => r.matchesPerCheck * r.checks) / sum((r) => r.checks)) * 1e4) / 1e4,
    plantedPersons: sum((r) => r.plantedPersons),
    plantedFound: sum((r) => r.plantedFound),
    plantedRecall:
      Math.round(
        (sum((r) => r.plantedFound) /
          Math.max(
            1,
            sum((r) => r.plantedPersons),
          )) *
          1e4,
      ) / 1e4,
    plantedDocuments: sum((r) => r.plantedDocuments),
    plantedDocumentsFound: sum((r) => r.plantedDocumentsFound),
    travellersWithDocumentHit: sum((r) => r.travellersWithDocumentHit),
  };
  if (args.json) console.log(JSON.stringify({ ...total, processes: count, wallSeconds: Math.round(wall * 10) / 10 }));
  else {
    report(total, `${count} processes`);
    console.log(`wall time from start to the last result, generation and build included: ${wall.toFixed(1)} s`);
  }
  process.exit(0);
}
