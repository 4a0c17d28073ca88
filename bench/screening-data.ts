/**
 * Generated screening data for the benchmarks: persons with realistic names drawn from the public
 * lists in ../shared/testdata/screening-sources (OFAC SDN individuals; yente's UN, US Congress and
 * synthetic global persons, many scripts), birth dates, nationalities and passports; documents; and
 * perturbed names as a border check would type or read them. Seeded, so runs are comparable.
 */
import { readFileSync } from 'node:fs';
import { readCsv } from '../src/platform/csv.js';
import { testdata } from '../test/testdata.js';

/** mulberry32: a seeded generator of numbers in [0, 1). */
export const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export interface NamePools {
  readonly given: readonly string[];
  readonly family: readonly string[];
}

/** Given names and family names from the public lists (each spelling as the list has it). */
export function namePools(): NamePools {
  const given = new Set<string>();
  const family = new Set<string>();
  const sdn = readFileSync(testdata('screening-sources', 'watchman', 'ofac_sdn.csv'), 'latin1');
  for (const { cells } of readCsv(sdn, ',')) {
    if (cells[2]?.trim() !== 'individual') continue;
    const [last, first] = (cells[1] ?? '').split(',');
    if (last === undefined || first === undefined) continue;
    family.add(last.trim());
    for (const word of first.trim().split(/\s+/)) if (word.length > 1) given.add(word);
  }
  for (const file of ['positives_un_untreated.csv', 'positives_us_congress_untreated.csv', 'negatives_global.csv', 'negatives_us.csv']) {
    const [header, ...rows] = [...readCsv(readFileSync(testdata('screening-sources', 'yente', file), 'utf8'), ',')].map((r) => r.cells);
    const first = header?.indexOf('first_name') ?? -1;
    const last = header?.indexOf('last_name') ?? -1;
    for (const row of rows) {
      const f = row[first]?.trim();
      const l = row[last]?.trim();
      if (f) given.add(f);
      if (l) family.add(l);
    }
  }
  return { given: [...given], family: [...family] };
}

export const screeningCountries =
  'AFG SYR IRQ IRN PAK NGA ERI SOM SDN ETH MAR DZA TUN LBY EGY TUR UKR RUS ALB SRB ROU BGR POL DEU FRA ITA ESP NLD BEL GBR SWE NOR USA MEX COL VEN BRA PHL VNM CHN IND BGD LKA NPL THA IDN MYS'.split(
    ' ',
  );

export interface Person {
  given: string[];
  family: string;
  /** YYYY-MM-DD. */
  birth: string;
  nationality: string;
  passport?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const pickWith =
  (random: () => number) =>
  <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)]!;

export const randomDocumentNumber = (random: () => number): string =>
  String.fromCharCode(65 + Math.floor(random() * 26), 65 + Math.floor(random() * 26)) + String(Math.floor(random() * 1e7)).padStart(7, '0');

export function randomPerson(pools: NamePools, random: () => number): Person {
  const pick = pickWith(random);
  const given = [pick(pools.given)];
  if (random() < 0.3) given.push(pick(pools.given));
  return {
    given,
    family: pick(pools.family),
    birth: `${1945 + Math.floor(random() * 62)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`,
    nationality: pick(screeningCountries),
    ...(random() < 0.3 && { passport: randomDocumentNumber(random) }),
  };
}

export const fullName = (person: Person): string => [...person.given, person.family].join(' ');

/** One realistic alteration of a listed person's name: a typo, reordered, a middle name dropped, or MRZ capitals. */
export function perturbName(person: Person, random: () => number): string {
  const roll = random();
  const full = [...person.given, person.family];
  if (roll < 0.25) {
    // One letter dropped from the longest token.
    const longest = full.reduce((a, b) => (b.length > a.length ? b : a));
    const at = 1 + Math.floor(random() * Math.max(1, longest.length - 1));
    const typo = longest.slice(0, at) + longest.slice(at + 1);
    return full.map((t) => (t === longest ? typo : t)).join(' ');
  }
  if (roll < 0.5) return `${person.family}, ${person.given.join(' ')}`;
  if (roll < 0.75) return `${person.given[0]} ${person.family}`;
  return `${person.family.toUpperCase().replace(/[^A-Z]+/g, '<')}<<${person.given.join('<').toUpperCase()}`;
}
