/**
 * Loaders for public sanctions lists into watchlist-shaped person records, for the screening
 * evaluation and for benchmarks that need realistic names. Pure parsing (plus reading the files);
 * no database.
 *
 * - `loadOfacPersons(dir)`: the OFAC SDN list in its legacy CSV (`ofac_sdn.csv` + `ofac_alt.csv`,
 *   Latin-1, no header). Individuals only. `FAMILY, Given` names; `a.k.a.`/`f.k.a.`/`n.k.a.` rows of
 *   the alt file as aliases; from the Remarks: `DOB` and `alt. DOB` (`10 Dec 1948`, `Dec 1948`,
 *   `1948`, `circa 1948`, `1948 to 1950`, `01 Jan 1960 to 31 Dec 1962`), `nationality` and
 *   `citizen`, `Gender`, and documents (`Passport`, `National ID No.`, `Cedula No.`,
 *   `Identification Number`, `D.N.I.`, each with its country in brackets). Nicknames in the
 *   Remarks (`a.k.a. 'ABU WALID'`) are kept apart as weak aliases and are not matched on.
 * - `loadUnPersons(dir)`: the UN consolidated list XML (`un_consolidated.xml`), INDIVIDUAL records:
 *   FIRST…FOURTH_NAME, NAME_ORIGINAL_SCRIPT, aliases (QUALITY Low = weak alias), dates of birth
 *   (DATE, YEAR, FROM_YEAR/TO_YEAR), NATIONALITY values, documents and GENDER.
 *
 * `dir` is the folder holding the files (`screening-sources/watchman`); the `screening-sources`
 * folder itself is accepted too. Country names become ISO alpha-3 codes through rigour's
 * `territories.tsv` when it is found beside (`../rigour/`) or inside (`rigour/`) that folder, or
 * through `options.countries`; a name that stays unknown is kept as written.
 *
 * `namePools(persons)` gathers given names and surnames for generating realistic names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../platform/csv.js';
import type { DatePoint, PartialDate, PersonDocument, PersonRecord, Sex } from '../person-match.js';
import { childElement, childElements, childText, parseXml, textOf, type XmlElement } from './xml.js';

export type SourceList = 'ofac' | 'un';

/** A listed individual: a `PersonRecord` plus the structure the evaluation and benchmarks need. */
export interface ListedPerson extends PersonRecord {
  /** `ofac:<ent_num>` or `un:<REFERENCE_NUMBER>`. */
  readonly id: string;
  readonly list: SourceList;
  /** The primary name in natural order (`Given Names Surname`). */
  readonly name: string;
  /** Given names in order (honorifics as listed, e.g. `Dr.`), one word each. */
  readonly givenNames: readonly string[];
  /** The family name (OFAC: before the comma; UN: the last name part); may hold several words. */
  readonly surname: string;
  /** Strong aliases (matched on). */
  readonly aliases: readonly string[];
  /** Nicknames and low-quality aliases (kept for reference; not in `names`). */
  readonly weakAliases: readonly string[];
  /** Names in their original script (UN NAME_ORIGINAL_SCRIPT). */
  readonly originalScriptNames: readonly string[];
  /** Primary name (as listed), aliases and original-script names. */
  readonly names: readonly string[];
}

export interface LoadOptions {
  /** Maps a country name to ISO alpha-3; default: rigour's territories.tsv when found. */
  readonly countries?: (name: string) => string | undefined;
}

/** Folder that holds `file`: `dir` itself or its `watchman/` subfolder. */
function locate(dir: string, file: string): string {
  const direct = join(dir, file);
  if (existsSync(direct)) return direct;
  const nested = join(dir, 'watchman', file);
  if (existsSync(nested)) return nested;
  throw new Error(`${file} not found in ${dir} or ${join(dir, 'watchman')}`);
}

const resolverCache = new Map<string, (name: string) => string | undefined>();

/**
 * A country-name resolver from rigour's territories.tsv (`code, alpha3, is_country, name, names`):
 * every name and alternative name (case-insensitive) maps to the alpha-3 code; countries win over
 * other territories on a shared name.
 */
export function countryResolver(territoriesPath: string): (name: string) => string | undefined {
  const cached = resolverCache.get(territoriesPath);
  if (cached) return cached;
  const map = new Map<string, string>();
  const rows = [...readCsv(readFileSync(territoriesPath, 'utf8'), '\t')].slice(1);
  const ordered = [...rows.filter((r) => r.cells[2] === '1'), ...rows.filter((r) => r.cells[2] !== '1')];
  for (const { cells } of ordered) {
    const alpha3 = cells[1]?.trim();
    if (!alpha3) continue;
    for (const name of [cells[3] ?? '', ...(cells[4] ?? '').split('|')]) {
      const key = countryKey(name);
      if (key && !map.has(key)) map.set(key, alpha3);
    }
  }
  const resolve = (name: string): string | undefined => map.get(countryKey(name));
  resolverCache.set(territoriesPath, resolve);
  return resolve;
}

const countryKey = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');

function defaultCountries(dir: string): (name: string) => string | undefined {
  for (const path of [join(dir, '..', 'rigour', 'territories.tsv'), join(dir, 'rigour', 'territories.tsv')])
    if (existsSync(path)) return countryResolver(path);
  return () => undefined;
}

function nationality(value: string, countries: (name: string) => string | undefined): string | undefined {
  const v = value
    .trim()
    .replace(/\.$/, '')
    .replace(/^possibly\s+/i, '');
  if (isNa(v)) return undefined;
  // 'Iran (Islamic Republic of)' is known as 'Iran'.
  return countries(v) ?? countries(v.replace(/\s*\([^)]*\)\s*/g, ' ')) ?? v;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** One OFAC date: `10 Dec 1948`, `Dec 1948`, `1948`, `circa 1948` (taken as the year). */
export function parseOfacDate(text: string): DatePoint | undefined {
  const t = text
    .trim()
    .replace(/^circa\s+/i, '')
    .replace(/\.$/, '');
  const full = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (full) {
    const month = MONTHS[(full[2] ?? '').toLowerCase()];
    const day = Number(full[1]);
    if (month !== undefined && day >= 1 && day <= 31) return { year: Number(full[3]), month, day };
  }
  const monthYear = /^([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (monthYear) {
    const month = MONTHS[(monthYear[1] ?? '').toLowerCase()];
    if (month !== undefined) return { year: Number(monthYear[2]), month };
  }
  const year = /^(\d{4})$/.exec(t);
  return year ? { year: Number(year[1]) } : undefined;
}

/** An OFAC DOB value: one date or `A to B` (a range). */
export function parseOfacBirthDate(text: string): PartialDate | undefined {
  const [from, to, ...rest] = text.split(/\s+to\s+/);
  if (from === undefined || rest.length > 0) return undefined;
  const a = parseOfacDate(from);
  if (!a) return undefined;
  if (to === undefined) return a;
  const b = parseOfacDate(to);
  if (!b) return a;
  if (a.year === b.year && a.month === b.month && a.day === b.day) return a;
  return { from: a, to: b };
}

const DOCUMENT_PREFIX = /^(?:alt\.\s+)?(Passport|National ID No\.|Cedula No\.|Identification Number|D\.N\.I\.)\s+(.+)$/;

function parseOfacDocument(item: string, countries: (name: string) => string | undefined): PersonDocument | undefined {
  const m = DOCUMENT_PREFIX.exec(item);
  if (!m) return undefined;
  const rest = m[2] ?? '';
  const number = /^([A-Za-z0-9][A-Za-z0-9 ./-]*?)(?=\s*\(|\s+issued|\s+expires|$)/.exec(rest)?.[1]?.trim();
  if (!number || !/\d/.test(number)) return undefined;
  const country = /\(([^)]+)\)/.exec(rest)?.[1];
  const code = country ? nationality(country, countries) : undefined;
  return code ? { number, country: code } : { number };
}

interface Remarks {
  birthDates: PartialDate[];
  nationalities: string[];
  sex?: Sex;
  documents: PersonDocument[];
  weakAliases: string[];
}

/** Reads the facts a Remarks field carries (see the module comment). */
export function parseOfacRemarks(remarks: string, countries: (name: string) => string | undefined): Remarks {
  const result: Remarks = { birthDates: [], nationalities: [], documents: [], weakAliases: [] };
  if (remarks.trim() === '-0-') return result;
  for (const raw of remarks.split(';')) {
    const item = raw.trim().replace(/\.$/, '');
    const dob = /^(?:alt\.\s+)?DOB\s+(.+)$/.exec(item);
    if (dob) {
      const date = parseOfacBirthDate(dob[1] ?? '');
      if (date) result.birthDates.push(date);
      continue;
    }
    const nat = /^(?:alt\.\s+)?(?:nationality|citizen)\s+(.+)$/.exec(item);
    if (nat) {
      const code = nationality(nat[1] ?? '', countries);
      if (code && !result.nationalities.includes(code)) result.nationalities.push(code);
      continue;
    }
    const gender = /^Gender\s+(Male|Female)$/.exec(item);
    if (gender) {
      result.sex = gender[1] === 'Male' ? 'M' : 'F';
      continue;
    }
    const doc = parseOfacDocument(item, countries);
    if (doc) {
      result.documents.push(doc);
      continue;
    }
    for (const m of item.matchAll(/[af]\.k\.a\.?,?\s+'([^']+)'/g)) if (m[1]) result.weakAliases.push(m[1]);
  }
  return result;
}

/** Splits an OFAC `FAMILY, Given` name. */
function splitListName(name: string): { surname: string; givenNames: string[] } {
  const comma = name.indexOf(',');
  if (comma < 0) return { surname: name.trim(), givenNames: [] };
  return {
    surname: name.slice(0, comma).trim(),
    givenNames: name
      .slice(comma + 1)
      .trim()
      .split(/\s+/)
      .filter((w) => w.length > 0),
  };
}

const empty = (cell: string | undefined): boolean => cell === undefined || cell.trim() === '' || cell.trim() === '-0-';

/** OFAC SDN individuals with their aliases (see the module comment). */
export function loadOfacPersons(dir: string, options: LoadOptions = {}): ListedPerson[] {
  const countries = options.countries ?? defaultCountries(dir);
  const sdn = readFileSync(locate(dir, 'ofac_sdn.csv')).toString('latin1');
  const alt = readFileSync(locate(dir, 'ofac_alt.csv')).toString('latin1');
  const aliases = new Map<string, string[]>();
  for (const { cells } of readCsv(alt, ',')) {
    const [ent, , , altName] = cells;
    if (empty(ent) || empty(altName)) continue;
    const key = (ent ?? '').trim();
    const list = aliases.get(key) ?? [];
    list.push((altName ?? '').trim());
    aliases.set(key, list);
  }
  const persons: ListedPerson[] = [];
  for (const { cells } of readCsv(sdn, ',')) {
    const [ent, sdnName, type] = cells;
    if (type?.trim() !== 'individual' || empty(ent) || empty(sdnName)) continue;
    const id = (ent ?? '').trim();
    const listed = (sdnName ?? '').trim();
    const { surname, givenNames } = splitListName(listed);
    const remarks = parseOfacRemarks(cells[11] ?? '-0-', countries);
    const alts = [...new Set(aliases.get(id) ?? [])].filter((a) => a !== listed);
    persons.push({
      id: `ofac:${id}`,
      list: 'ofac',
      name: [...givenNames, surname].join(' '),
      givenNames,
      surname,
      aliases: alts,
      weakAliases: remarks.weakAliases,
      originalScriptNames: [],
      names: [listed, ...alts],
      ...(remarks.birthDates.length > 0 ? { birthDates: remarks.birthDates } : {}),
      ...(remarks.nationalities.length > 0 ? { nationalities: remarks.nationalities } : {}),
      ...(remarks.sex ? { sex: remarks.sex } : {}),
      ...(remarks.documents.length > 0 ? { documents: remarks.documents } : {}),
    });
  }
  return persons;
}

/** A UN date of birth element: DATE (YYYY-MM-DD), YEAR, or FROM_YEAR/TO_YEAR. */
function unBirthDate(element: XmlElement): PartialDate | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(childText(element, 'DATE'));
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return { year, month, day };
    return { year };
  }
  const year = /^\d{4}$/.exec(childText(element, 'YEAR'));
  if (year) return { year: Number(year[0]) };
  const from = /^\d{4}$/.exec(childText(element, 'FROM_YEAR'));
  const to = /^\d{4}$/.exec(childText(element, 'TO_YEAR'));
  if (from && to) return from[0] === to[0] ? { year: Number(from[0]) } : { from: { year: Number(from[0]) }, to: { year: Number(to[0]) } };
  if (from ?? to) return { year: Number((from ?? to)?.[0]) };
  return undefined;
}

const isNa = (value: string): boolean => value === '' || value.toLowerCase() === 'na' || value.toLowerCase() === 'n/a';

/** UN consolidated list individuals (see the module comment). */
export function loadUnPersons(dir: string, options: LoadOptions = {}): ListedPerson[] {
  const countries = options.countries ?? defaultCountries(dir);
  const root = parseXml(readFileSync(locate(dir, 'un_consolidated.xml'), 'utf8'));
  const list = childElement(root, 'CONSOLIDATED_LIST');
  const individuals = list ? childElements(childElement(list, 'INDIVIDUALS') ?? list, 'INDIVIDUAL') : [];
  const persons: ListedPerson[] = [];
  for (const e of individuals) {
    const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((n) => childText(e, n)).filter((v) => !isNa(v));
    if (parts.length === 0) continue;
    const surname = parts.length > 1 ? (parts[parts.length - 1] ?? '') : (parts[0] ?? '');
    const givenNames = parts.length > 1 ? parts.slice(0, -1).flatMap((p) => p.split(/\s+/)) : [];
    const name = parts.join(' ');
    const aliases: string[] = [];
    const weakAliases: string[] = [];
    for (const alias of childElements(e, 'INDIVIDUAL_ALIAS')) {
      const text = childText(alias, 'ALIAS_NAME');
      if (isNa(text) || text === name) continue;
      (childText(alias, 'QUALITY') === 'Low' ? weakAliases : aliases).push(text);
    }
    const originalScriptNames = childElements(e, 'NAME_ORIGINAL_SCRIPT')
      .map(textOf)
      .filter((v) => !isNa(v));
    const birthDates = childElements(e, 'INDIVIDUAL_DATE_OF_BIRTH')
      .map(unBirthDate)
      .filter((d): d is PartialDate => d !== undefined);
    const nationalities = [
      ...new Set(
        childElements(e, 'NATIONALITY')
          .flatMap((n) => childElements(n, 'VALUE').map(textOf))
          .map((v) => nationality(v, countries))
          .filter((v): v is string => v !== undefined),
      ),
    ];
    const documents: PersonDocument[] = [];
    for (const d of childElements(e, 'INDIVIDUAL_DOCUMENT')) {
      const number = childText(d, 'NUMBER');
      if (!/\d/.test(number)) continue;
      const issuer = childText(d, 'ISSUING_COUNTRY') || childText(d, 'COUNTRY_OF_ISSUE');
      const country = issuer ? nationality(issuer, countries) : undefined;
      documents.push(country ? { number, country } : { number });
    }
    const gender = childText(e, 'GENDER');
    const sex: Sex | undefined = gender === 'Male' ? 'M' : gender === 'Female' ? 'F' : undefined;
    const reference = childText(e, 'REFERENCE_NUMBER') || childText(e, 'DATAID');
    persons.push({
      id: `un:${reference}`,
      list: 'un',
      name,
      givenNames,
      surname,
      aliases: [...new Set(aliases)],
      weakAliases,
      originalScriptNames,
      names: [...new Set([name, ...aliases, ...originalScriptNames])],
      ...(birthDates.length > 0 ? { birthDates } : {}),
      ...(nationalities.length > 0 ? { nationalities } : {}),
      ...(sex ? { sex } : {}),
      ...(documents.length > 0 ? { documents } : {}),
    });
  }
  return persons;
}

/** Names gathered from listed persons, for drawing realistic names. */
export interface NamePools {
  /** Given names, one word each, in title case, unique, sorted; honorifics and initials left out. */
  readonly givenNames: readonly string[];
  /** Surnames (possibly several words), in title case, unique, sorted. */
  readonly surnames: readonly string[];
  /** Full primary names (`Given Names Surname`), title case, unique, sorted. */
  readonly fullNames: readonly string[];
  /** Original-script names, unique, sorted. */
  readonly originalScriptNames: readonly string[];
  /** Given-name word lists of persons, grouped by their first nationality (alpha-3 when known). */
  readonly givenByNationality: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Surnames grouped by the person's first nationality. */
  readonly surnamesByNationality: ReadonlyMap<string, readonly string[]>;
}

const HONORIFIC_WORD = /^(?:dr|mr|mrs|ms|prof|sheikh|shaykh|haji|hajji|mullah|maulavi|mawlawi|qari|general|col|gen|brig)\.?$/i;

/** Whether a listed given-name word is a title (`Dr.`, `Mullah`, `Haji`) rather than a name. */
export function isTitleWord(word: string): boolean {
  return HONORIFIC_WORD.test(word);
}

/** Title case for a name written in capitals (`AL-ZAWAHIRI` → `Al-Zawahiri`); mixed case kept. */
export function titleCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Given names and surnames of the persons (see `NamePools`). */
export function namePools(persons: readonly ListedPerson[]): NamePools {
  const given = new Set<string>();
  const surnames = new Set<string>();
  const full = new Set<string>();
  const scripts = new Set<string>();
  const givenByNationality = new Map<string, string[][]>();
  const surnamesByNationality = new Map<string, string[]>();
  for (const p of persons) {
    const words = p.givenNames.map(titleCase).filter((w) => w.replace(/\./g, '').length > 1 && !HONORIFIC_WORD.test(w));
    for (const w of words) given.add(w);
    const surname = titleCase(p.surname);
    if (surname) surnames.add(surname);
    full.add([...words, surname].join(' ').trim());
    for (const s of p.originalScriptNames) scripts.add(s);
    const nat = p.nationalities?.[0] ?? '';
    if (words.length > 0) push(givenByNationality, nat, words);
    if (surname) push(surnamesByNationality, nat, surname);
  }
  const sorted = (s: Set<string>): string[] => [...s].filter((v) => v.length > 0).sort();
  return {
    givenNames: sorted(given),
    surnames: sorted(surnames),
    fullNames: sorted(full),
    originalScriptNames: sorted(scripts),
    givenByNationality,
    surnamesByNationality,
  };
}
