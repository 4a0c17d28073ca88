/**
 * Benchmark of border screening (src/screening/watchlist-index.ts): a generated watchlist of persons
 * and stolen/lost documents with realistic names drawn from the public lists in
 * ../shared/testdata/screening-sources (OFAC SDN individuals, yente's UN, US Congress and synthetic
 * global persons, in many scripts), then checks of travellers carrying name, birth date,
 * nationality and document: build time, checks per second, memory, and how many of the planted
 * listed travellers were found.
 *
 *   npx tsx bench/screening.bench.ts [--persons 1000000] [--documents 1000000] [--checks 1000000] [--threads 2] [--processes 2] [--json]
 *
 * With `--threads N` one index is built and the checks are split over N worker threads that all
 * read it from shared memory (`WatchlistIndex.fromShared`): the check time runs from handing the
 * checks out to the last worker's answer, worker start included. With `--processes N` the checks
 * are split over N processes instead, each building its own index from the same seed: the result
 * adds their checks, takes the slowest one's time and sums their peak memory. Peak memory is the
 * kernel's high-water mark of resident memory (`maxRSS`), for the whole process with its threads.
 *
 * Travellers: 1% are listed persons, perturbed (one typo, names reordered, a middle name dropped,
 * or written in capitals like an MRZ) with their true birth date; 0.5% carry a listed stolen
 * document; the rest are new people drawn from the same name pools, so common names collide as
 * they do at a real border.
 */
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
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
import { runChecks, type Check, type CheckCounts } from './screening-checks.js';
import { WatchlistIndex, type TravelDocumentEntry, type WatchlistEntry } from '../src/screening/watchlist-index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    documents: { type: 'string', default: '1000000' },
    checks: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261129' },
    processes: { type: 'string', default: '1' },
    threads: { type: 'string', default: '1' },
    part: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const processes = Number(args.processes);
const threads = Number(args.threads);
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
const checks: Check[] = [];
for (let i = 0; i < checkCount; i += 1) {
  const roll = random();
  if (roll < 0.01) {
    const n = Math.floor(random() * personCount);
    const person = listed[n]!;
    const traveller = {
      id: `t${i}`,
      name: perturbedName(person),
      birthDate: person.birth,
      nationality: person.nationality,
      documentNumber: documentNumber(),
    };
    if (mine(i)) checks.push({ i, traveller, planted: `p${n}` });
  } else {
    const person = newPerson(pools);
    let document = { documentNumber: person.passport ?? documentNumber(), documentCountry: person.nationality };
    let plantedDocument = false;
    if (roll < 0.015) {
      const stolen = documents[Math.floor(random() * documents.length)]!;
      document = { documentNumber: stolen.number, documentCountry: stolen.country ?? person.nationality };
      plantedDocument = true;
    }
    const traveller = {
      id: `t${i}`,
      name: [...person.given, person.family].join(' '),
      birthDate: person.birth,
      nationality: person.nationality,
      ...document,
    };
    if (mine(i)) checks.push({ i, traveller, ...(plantedDocument && { plantedDocument }) });
  }
}
listed.length = 0;

gc();
const before = process.memoryUsage();
const start = performance.now();
const index = WatchlistIndex.build(entries, documents);
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
const cpuStart = process.cpuUsage();
const counts = threads > 1 ? await runThreads(threads) : runChecks(index, checks, progress);
const checkSeconds = counts.seconds;
const cpu = process.cpuUsage(cpuStart);
// CPU time as well as wall time: on a shared machine other processes stretch the wall clock.
const checkCpuSeconds = (cpu.user + cpu.system) / 1e6;
// The kernel's high-water mark of resident memory for the whole process, worker threads included.
const peakRss = process.resourceUsage().maxRSS * 1024;

const result = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', load: loadavg().map((l) => Math.round(l * 10) / 10) },
  persons: personCount,
  documents: documentCount,
  checks: counts.checks,
  threads,
  buildSeconds: Math.round(buildSeconds * 10) / 10,
  checkSeconds: Math.round(checkSeconds * 10) / 10,
  checksPerSecond: Math.round(counts.checks / checkSeconds),
  checkCpuSeconds: Math.round(checkCpuSeconds * 10) / 10,
  checksPerCpuSecond: Math.round(counts.checks / checkCpuSeconds),
  peakRssMb: mb(peakRss),
  matchesPerCheck: Math.round((counts.matches / counts.checks) * 1e4) / 1e4,
  plantedPersons: counts.plantedPersons,
  plantedFound: counts.plantedFound,
  plantedRecall: Math.round((counts.plantedFound / Math.max(1, counts.plantedPersons)) * 1e4) / 1e4,
  plantedDocuments: counts.plantedDocuments,
  plantedDocumentsFound: counts.plantedDocumentsFound,
  travellersWithDocumentHit: counts.travellersWithDocumentHit,
};
if (args.json) console.log(JSON.stringify(result));
else report(result, threads > 1 ? `${threads} threads` : 'one thread');

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

function progress(done: number, perSecond: number): void {
  if (!args.json) console.log(`  ${done} checks, ${perSecond.toFixed(0)}/s`);
}

/** Splits the checks over `count` worker threads reading the one index from shared memory; adds their counts. */
async function runThreads(count: number): Promise<CheckCounts> {
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript worker.
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./screening-worker.ts', import.meta.url).href;
  const workerScript = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`;
  const started = performance.now();
  const running = Array.from({ length: count }, (_, part) => {
    const share = checks.filter((_, n) => n % count === part);
    return new Promise<CheckCounts>((resolve, reject) => {
      const worker = new Worker(workerScript, { eval: true, workerData: { shared: index.shared, checks: share } });
      worker.once('message', (counts: CheckCounts) => resolve(counts));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`worker ${part} exited with ${code}`));
      });
    });
  });
  // Each worker has its own copy of its checks now.
  checks.length = 0;
  const parts = await Promise.all(running);
  const total = (f: (c: CheckCounts) => number): number => parts.reduce((t, c) => t + f(c), 0);
  return {
    checks: total((c) => c.checks),
    matches: total((c) => c.matches),
    plantedPersons: total((c) => c.plantedPersons),
    plantedFound: total((c) => c.plantedFound),
    plantedDocuments: total((c) => c.plantedDocuments),
    plantedDocumentsFound: total((c) => c.plantedDocumentsFound),
    travellersWithDocumentHit: total((c) => c.travellersWithDocumentHit),
    seconds: (performance.now() - started) / 1000,
  };
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
