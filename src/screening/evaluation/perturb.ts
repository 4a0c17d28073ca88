/**
 * Seeded, deterministic generation of labelled screening checks from listed persons: a traveller
 * query made from a listed person with a known perturbation (a positive), or a different person
 * built to resemble one (a hard negative).
 *
 * Name perturbations of a positive (`NameKind`), applied to the primary name written in natural
 * order (`Given Middle SURNAME`, titles such as `Dr.` left out as a passport would):
 *   exact            unchanged
 *   deletion, insertion, substitution, transposition
 *                    one typing error in one name word of 4+ letters, at any position
 *   reorder          surname first (`SURNAME Given Middle`), as free text
 *   dropped-middle   one given name other than the first left out (needs 2+ given names)
 *   initials         the first given name reduced to its initial (`M. Antonio NORIEGA`)
 *   transliteration  one or two words respelt: a known variant (Mohammed/Muhammad,
 *                    Aleksandr/Alexander…) or one rule (kh/h, ou/u, y/j, v/w, ks/x, i/y at the end,
 *                    doubled/single consonant, Arabic vowel drift a/e, o/u, i/e…)
 *   mrz              the ICAO MRZ name field: `SURNAME<<GIVEN<NAMES`, upper case, diacritics and
 *                    apostrophes removed, cut to the 39 characters of a passport (TD3)
 *   ocr              the MRZ field with one OCR confusion (O→0, I→1, S→5, B→8)
 *   original-script  the name as written in its original script (UN NAME_ORIGINAL_SCRIPT), scored
 *                    against the record without its original-script names (so transliteration,
 *                    not string equality, has to find it)
 * Birth-date perturbations (`DateKind`), from the record's first birth date (a year-only or range
 * record gives a full date inside it, as a passport would):
 *   exact, year-only, day-month-swap (needs day ≤ 12 and day ≠ month), day-off-by-one, none (no
 *   birth date in the query), unlisted (the record has none; the query carries a random one).
 * Hard negatives (`NegativeKind`), each scored against the listed person it imitates:
 *   same-surname     the person's surname with another listed person's given names (same
 *                    nationality where possible), a random birth date
 *   same-given       the person's given names with another listed surname, a random birth date
 *   other-decade     the person's exact name with a birth date 10–25 years from every listed one
 * Queries carry the record's first nationality when it is an alpha-3 code and, for positives, its
 * sex; negatives carry the imitated person's nationality (the hardest case) and no sex.
 *
 * Kinds rotate over the persons so that every kind gets a similar share; a kind that does not
 * apply to a person (no middle name, no original script…) passes to the next.
 */
import type { DateRange, PartialDate, PersonQuery, PersonRecord } from '../person-match.js';
import { isTitleWord, type ListedPerson } from './sources.js';

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
  };
}

export const NAME_KINDS = [
  'exact',
  'deletion',
  'insertion',
  'substitution',
  'transposition',
  'reorder',
  'dropped-middle',
  'initials',
  'transliteration',
  'mrz',
  'ocr',
  'original-script',
] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export const DATE_KINDS = ['exact', 'year-only', 'day-month-swap', 'day-off-by-one', 'none'] as const;
/** Also, for negatives: 'random' (a random adult's date) and 'other-decade'. */
export type DateKind = (typeof DATE_KINDS)[number] | 'unlisted' | 'random' | 'other-decade';

export const NEGATIVE_KINDS = ['same-surname', 'same-given', 'other-decade'] as const;
export type NegativeKind = (typeof NEGATIVE_KINDS)[number];

export type TypoKind = 'deletion' | 'insertion' | 'substitution' | 'transposition';

/** A query with its label, as the evaluation runner takes it. */
export interface LabelledCheck {
  readonly id: string;
  readonly query: PersonQuery;
  /** Whether the query is the person of the target record. */
  readonly match: boolean;
  /** Index (into the records evaluated) of the true record, or of the person a negative imitates. */
  readonly target: number;
  /** The target record as scored, when it differs from `records[target]` (original-script checks). */
  readonly targetRecord?: PersonRecord;
  /** Name perturbation (positives) or negative kind. */
  readonly kind: string;
  readonly dateKind: DateKind;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Applies the letter case of `model` (all capitals or not) to a lower-case letter. */
const caseLike = (model: string, letter: string): string =>
  model === model.toUpperCase() && model !== model.toLowerCase() ? letter.toUpperCase() : letter;

/** One typing error in a word (any position); the word unchanged if it is too short. */
export function typo(word: string, kind: TypoKind, rng: Rng): string {
  const chars = [...word];
  if (chars.length < 2) return word;
  const i = rng.int(chars.length);
  const other = (c: string): string => {
    const lower = c.toLowerCase();
    let letter = rng.pick([...LETTERS]);
    while (letter === lower) letter = rng.pick([...LETTERS]);
    return caseLike(word, letter);
  };
  switch (kind) {
    case 'deletion':
      chars.splice(i, 1);
      break;
    case 'insertion':
      chars.splice(i, 0, other(''));
      break;
    case 'substitution':
      chars[i] = other(chars[i] ?? '');
      break;
    case 'transposition': {
      // Swap two neighbouring letters that differ (a swap of equal letters changes nothing).
      const starts = chars.flatMap((c, k) => (k + 1 < chars.length && c.toLowerCase() !== chars[k + 1]?.toLowerCase() ? [k] : []));
      if (starts.length === 0) return word;
      const k = rng.pick(starts);
      [chars[k], chars[k + 1]] = [chars[k + 1] ?? '', chars[k] ?? ''];
      break;
    }
  }
  return chars.join('');
}

/** Spelling families: any member may be written for another. */
const VARIANTS: readonly (readonly string[])[] = [
  ['muhammad', 'mohammed', 'mohamed', 'mohammad', 'muhammed', 'mohamad'],
  ['ahmad', 'ahmed'],
  ['hussein', 'husain', 'hussain', 'husayn', 'hossein'],
  ['hassan', 'hasan'],
  ['hasan', 'hassan'],
  ['abdul', 'abdel', 'abdol'],
  ['yusuf', 'youssef', 'yousef', 'yusif'],
  ['omar', 'umar'],
  ['osama', 'usama'],
  ['abdullah', 'abdallah', 'abdulla'],
  ['khalid', 'khaled'],
  ['mahmoud', 'mahmud'],
  ['ibrahim', 'ebrahim'],
  ['mustafa', 'mostafa', 'moustafa'],
  ['hamid', 'hamed'],
  ['rahman', 'rehman'],
  ['qasim', 'kasim', 'qassem'],
  ['jamal', 'gamal'],
  ['ali', 'aly'],
  ['aleksandr', 'alexander', 'aleksander', 'oleksandr'],
  ['sergei', 'sergey', 'serguei'],
  ['yuri', 'yury', 'iouri', 'yuriy'],
  ['dmitri', 'dmitry', 'dmitriy'],
  ['mikhail', 'michail', 'mikhael'],
  ['andrei', 'andrey'],
  ['evgeny', 'yevgeny', 'evgeniy', 'yevgeniy'],
  ['nikolai', 'nikolay'],
  ['alexei', 'aleksey', 'alexey', 'aleksei'],
];

/** One respelling each (regular expression on lower case, replacement). */
const RULES: readonly (readonly [RegExp, string])[] = [
  [/kh/, 'h'],
  [/(?<![ck])h(?=[aeiou])/, 'kh'],
  [/ou/, 'u'],
  [/(?<!o)u/, 'ou'],
  [/^y/, 'j'],
  [/^j/, 'y'],
  [/v/, 'w'],
  [/w/, 'v'],
  [/x/, 'ks'],
  [/ks/, 'x'],
  [/iy$/, 'y'],
  [/y$/, 'i'],
  [/i$/, 'y'],
  [/ph/, 'f'],
  [/q/, 'k'],
  [/ee/, 'i'],
  [/ei/, 'ey'],
  [/ai/, 'ay'],
  [/sh/, 'ch'],
  [/([bdfgklmnprstz])\1/, '$1'],
  [/(?<=[aeiou])([bdlmnrst])(?=[aeiou])/, '$1$1'],
  [/(?<=[^aeiou])a(?=[^aeiou])/, 'e'],
  [/(?<=[^aeiou])e(?=[^aeiou])/, 'a'],
  [/(?<=[^aeiou])o(?=[^aeiou])/, 'u'],
  [/(?<=[^aeiou])u(?=[^aeiou])/, 'o'],
  [/(?<=[^aeiou])i(?=[^aeiou])/, 'e'],
];

/** A transliteration variant of a word, or undefined when no rule applies. */
export function transliterate(word: string, rng: Rng): string | undefined {
  const lower = word.toLowerCase();
  const family = VARIANTS.find((f) => f.includes(lower));
  let result: string | undefined;
  if (family) result = rng.pick(family.filter((v) => v !== lower));
  else {
    const applicable = RULES.filter(([pattern]) => pattern.test(lower));
    if (applicable.length === 0) return undefined;
    const [pattern, replacement] = rng.pick(applicable);
    result = lower.replace(pattern, replacement);
  }
  if (result === undefined || result === lower) return undefined;
  if (word === word.toUpperCase()) return result.toUpperCase();
  if (word[0] === word[0]?.toUpperCase()) return (result[0] ?? '').toUpperCase() + result.slice(1);
  return result;
}

const ICAO_FOLD: Readonly<Record<string, string>> = {
  Ä: 'AE',
  Ö: 'OE',
  Ü: 'UE',
  ß: 'SS',
  Æ: 'AE',
  Ø: 'OE',
  Å: 'AA',
  Þ: 'TH',
  Ł: 'L',
  Đ: 'D',
};

/** Upper-case MRZ letters of a name part: diacritics and apostrophes gone, separators as `<`. */
function mrzPart(text: string): string {
  return [...text.toUpperCase()]
    .map((c) => ICAO_FOLD[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^A-Z]+/g, '<')
    .replace(/^<+|<+$/g, '');
}

/** The ICAO 9303 name field, `SURNAME<<GIVEN<NAMES`, cut to `length` (39 in a passport). */
export function mrzName(surname: string, givenNames: readonly string[], length = 39): string {
  const primary = mrzPart(surname);
  const given = givenNames.map(mrzPart).filter((g) => g.length > 0);
  const field = given.length > 0 ? `${primary}<<${given.join('<')}` : primary;
  return field.slice(0, length).replace(/<+$/, '');
}

const OCR_CONFUSIONS: Readonly<Record<string, string>> = { O: '0', I: '1', S: '5', B: '8' };

/** One OCR confusion in an MRZ name field, or undefined when it has none of O, I, S, B. */
export function ocrConfuse(field: string, rng: Rng): string | undefined {
  const positions = [...field].flatMap((c, i) => (c in OCR_CONFUSIONS ? [i] : []));
  if (positions.length === 0) return undefined;
  const i = rng.pick(positions);
  return field.slice(0, i) + (OCR_CONFUSIONS[field[i] ?? ''] ?? '') + field.slice(i + 1);
}

/** Given names as a traveller's document has them: titles and bare initials left out. */
function givenOf(person: ListedPerson): string[] {
  return person.givenNames.filter((w) => !isTitleWord(w) && w.replace(/[.']/g, '').length > 0);
}

const surnameWords = (person: ListedPerson): string[] => person.surname.split(/\s+/).filter((w) => w.length > 0);

const PARTICLE_WORD = /^(?:al|el|bin|ibn|bint|abu|ben|van|der|den|de|da|di|du|dos|das|del|la|le|von|ould)$/i;

/** The name with one perturbation, or undefined when the kind does not apply to this person. */
export function perturbName(person: ListedPerson, kind: NameKind, rng: Rng): string | undefined {
  const given = givenOf(person);
  const surname = surnameWords(person);
  const words = [...given, ...surname];
  const natural = words.join(' ');
  const editable = words.flatMap((w, i) => ([...w.replace(/[^\p{L}]/gu, '')].length >= 4 && !PARTICLE_WORD.test(w) ? [i] : []));
  const replaceWord = (i: number, w: string): string => words.map((x, k) => (k === i ? w : x)).join(' ');
  switch (kind) {
    case 'exact':
      return natural;
    case 'deletion':
    case 'insertion':
    case 'substitution':
    case 'transposition': {
      if (editable.length === 0) return undefined;
      const i = rng.pick(editable);
      const word = words[i] ?? '';
      const changed = typo(word, kind, rng);
      return changed === word ? undefined : replaceWord(i, changed);
    }
    case 'reorder':
      return given.length === 0 ? undefined : [...surname, ...given].join(' ');
    case 'dropped-middle': {
      if (given.length < 2) return undefined;
      const drop = 1 + rng.int(given.length - 1);
      return [...given.filter((_, k) => k !== drop), ...surname].join(' ');
    }
    case 'initials': {
      const first = given[0];
      if (first === undefined || first.length < 2) return undefined;
      return [`${first[0] ?? ''}.`, ...given.slice(1), ...surname].join(' ');
    }
    case 'transliteration': {
      const candidates = words.flatMap((_, i) => (words[i] && words[i].length >= 3 ? [i] : []));
      const changed = [...words];
      let count = 0;
      const wanted = 1 + rng.int(2);
      for (const i of shuffled(candidates, rng)) {
        const variant = transliterate(changed[i] ?? '', rng);
        if (variant === undefined) continue;
        changed[i] = variant;
        if (++count >= wanted) break;
      }
      return count === 0 ? undefined : changed.join(' ');
    }
    case 'mrz':
      return mrzName(person.surname, given);
    case 'ocr':
      return ocrConfuse(mrzName(person.surname, given), rng);
    case 'original-script':
      return person.originalScriptNames.length === 0 ? undefined : rng.pick(person.originalScriptNames);
  }
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (d: { year: number; month: number; day: number }): string => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const isRange = (d: PartialDate): d is DateRange => 'from' in d;

/** A full date consistent with a listed birth date (inside its year, month or range). */
function fullDateWithin(date: PartialDate, rng: Rng): { year: number; month: number; day: number } {
  if (isRange(date)) {
    const lo = Math.min(date.from.year, date.to.year);
    const hi = Math.max(date.from.year, date.to.year);
    return fullDateWithin({ year: lo + rng.int(hi - lo + 1) }, rng);
  }
  const month = date.month ?? 1 + rng.int(12);
  const day = date.month !== undefined && date.day !== undefined ? date.day : 1 + rng.int(daysIn(date.year, month));
  return { year: date.year, month, day: Math.min(day, daysIn(date.year, month)) };
}

/** A random adult's birth date, 1940–2004. */
export function randomBirthDate(rng: Rng): string {
  const year = 1940 + rng.int(65);
  const month = 1 + rng.int(12);
  return iso({ year, month, day: 1 + rng.int(daysIn(year, month)) });
}

/**
 * The query birth date for a date kind: an ISO string, null for no date, or undefined when the kind
 * does not apply to this record.
 */
export function perturbBirthDate(record: PersonRecord, kind: DateKind, rng: Rng): string | null | undefined {
  const listed = record.birthDates?.[0];
  if (kind === 'none') return null;
  if (kind === 'random') return randomBirthDate(rng);
  if (kind === 'unlisted') return listed === undefined ? randomBirthDate(rng) : undefined;
  if (kind === 'other-decade') return otherDecadeBirthDate(record, rng);
  if (listed === undefined) return undefined;
  const full = !isRange(listed) && listed.month !== undefined && listed.day !== undefined;
  const date = fullDateWithin(listed, rng);
  switch (kind) {
    case 'exact':
      return iso(date);
    case 'year-only':
      return String(date.year);
    case 'day-month-swap':
      return full && date.day <= 12 && date.day !== date.month ? iso({ year: date.year, month: date.day, day: date.month }) : undefined;
    case 'day-off-by-one': {
      if (!full) return undefined;
      const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + (rng.next() < 0.5 ? -1 : 1)));
      return iso({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
    }
  }
}

/** A birth date 10–25 years from every listed one, or undefined when the record has none. */
export function otherDecadeBirthDate(record: PersonRecord, rng: Rng): string | undefined {
  const listed = record.birthDates ?? [];
  if (listed.length === 0) return undefined;
  const years = listed.flatMap((d) => (isRange(d) ? [d.from.year, d.to.year] : [d.year]));
  const [lo, hi] = [Math.min(...years), Math.max(...years)];
  const gap = 10 + rng.int(16);
  const year = rng.next() < 0.5 && lo - gap >= 1900 ? lo - gap : hi + gap;
  const month = 1 + rng.int(12);
  return iso({ year, month, day: 1 + rng.int(daysIn(year, month)) });
}

const alpha3 = (record: PersonRecord): string | undefined => record.nationalities?.find((n) => /^[A-Z]{3}$/.test(n));

function queryOf(name: string, birthDate: string | null, nationality: string | undefined, sex?: PersonRecord['sex']): PersonQuery {
  return {
    name,
    ...(birthDate !== null ? { birthDate } : {}),
    ...(nationality !== undefined ? { nationality } : {}),
    ...(sex !== undefined ? { sex } : {}),
  };
}

export interface GenerateOptions {
  readonly seed: number;
  /** How many persons to draw checks from (default all); each gives one positive and one negative. */
  readonly persons?: number;
  /** Id prefix (default 'check'). */
  readonly prefix?: string;
}

const firstWordKey = (words: readonly string[]): string =>
  (words[0] ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]/g, '');

/**
 * One positive and one hard negative per person drawn (see the module comment). `target` indexes
 * `persons`, so pass the same array as the evaluation's records.
 */
export function generateChecks(persons: readonly ListedPerson[], options: GenerateOptions): LabelledCheck[] {
  const rng = createRng(options.seed);
  const prefix = options.prefix ?? 'check';
  const order = shuffled(
    persons.map((_, i) => i),
    rng,
  ).slice(0, options.persons ?? persons.length);
  const byNationality = new Map<string, number[]>();
  persons.forEach((p, i) => {
    const key = alpha3(p) ?? '';
    const list = byNationality.get(key);
    if (list) list.push(i);
    else byNationality.set(key, [i]);
  });
  const checks: LabelledCheck[] = [];
  order.forEach((index, r) => {
    const person = persons[index];
    if (!person) return;
    const nationality = alpha3(person);

    // Positive: the next applicable name kind and date kind in rotation.
    for (let k = 0; k < NAME_KINDS.length; k++) {
      const kind = NAME_KINDS[(r + k) % NAME_KINDS.length] ?? 'exact';
      const name = perturbName(person, kind, rng);
      if (name === undefined) continue;
      let dateKind: DateKind = 'none';
      let birthDate: string | null | undefined = null;
      if (person.birthDates === undefined || person.birthDates.length === 0) {
        dateKind = r % DATE_KINDS.length === DATE_KINDS.indexOf('none') ? 'none' : 'unlisted';
        birthDate = perturbBirthDate(person, dateKind, rng) ?? null;
      } else {
        const start = Math.floor(r / NAME_KINDS.length) + r;
        for (let d = 0; d < DATE_KINDS.length; d++) {
          const candidate = DATE_KINDS[(start + d) % DATE_KINDS.length] ?? 'none';
          const value = perturbBirthDate(person, candidate, rng);
          if (value === undefined) continue;
          dateKind = candidate;
          birthDate = value;
          break;
        }
      }
      const targetRecord =
        kind === 'original-script' ? { ...person, names: person.names.filter((n) => !person.originalScriptNames.includes(n)) } : undefined;
      checks.push({
        id: `${prefix}-${checks.length}`,
        query: queryOf(name, birthDate, nationality, person.sex),
        match: true,
        target: index,
        ...(targetRecord ? { targetRecord } : {}),
        kind,
        dateKind,
      });
      break;
    }

    // Negative: the next applicable kind in rotation.
    // A donor of the other half of the name: another listed person, of the same nationality if possible.
    const peers = byNationality.get(nationality ?? '') ?? [];
    const donorOf = (accept: (p: ListedPerson) => boolean): ListedPerson | undefined => {
      const draws = [() => (peers.length > 0 ? (peers[rng.int(peers.length)] ?? -1) : -1), () => rng.int(persons.length)];
      for (const draw of draws) {
        for (let attempt = 0; attempt < 20; attempt++) {
          const i = draw();
          const donor = persons[i];
          if (i !== index && donor && accept(donor)) return donor;
        }
      }
      return undefined;
    };
    const noDate = r % 5 === 4;
    for (let k = 0; k < NEGATIVE_KINDS.length; k++) {
      const kind = NEGATIVE_KINDS[(r + k) % NEGATIVE_KINDS.length] ?? 'same-surname';
      const given = givenOf(person);
      let name: string | undefined;
      let birthDate: string | null = noDate ? null : randomBirthDate(rng);
      if (kind === 'same-surname') {
        const donor = donorOf(
          (p) => givenOf(p).length > 0 && firstWordKey(givenOf(p)) !== firstWordKey(given) && p.surname !== person.surname,
        );
        if (donor) name = [...givenOf(donor), ...surnameWords(person)].join(' ');
      } else if (kind === 'same-given') {
        if (given.length === 0) continue;
        const donor = donorOf(
          (p) => p.surname.toLowerCase() !== person.surname.toLowerCase() && firstWordKey(givenOf(p)) !== firstWordKey(given),
        );
        if (donor) name = [...given, ...surnameWords(donor)].join(' ');
      } else {
        if (noDate) continue;
        const date = otherDecadeBirthDate(person, rng);
        if (date !== undefined) [name, birthDate] = [[...given, ...surnameWords(person)].join(' '), date];
      }
      if (name === undefined) continue;
      checks.push({
        id: `${prefix}-${checks.length}`,
        query: queryOf(name, birthDate, nationality),
        match: false,
        target: index,
        kind,
        dateKind: birthDate === null ? 'none' : kind === 'other-decade' ? 'other-decade' : 'random',
      });
      break;
    }
  });
  return checks;
}
