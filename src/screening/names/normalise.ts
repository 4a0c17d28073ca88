/**
 * Name normalisation for screening: turns a raw name as typed, listed or read from an MRZ into
 * comparable tokens.
 *
 * Steps: ICAO MRZ names (`ERIKSSON<<ANNA<MARIA`) and list names (`FAMILY, Given`) are split into
 * primary and given parts (in an MRZ name a digit is read as the letter OCR mistook for it:
 * 0→O, 1→I, 2→Z, 5→S, 6→G, 8→B); Han and Hangul runs are romanised syllable by syllable (surname, then
 * given name joined); everything else goes through `any-ascii` and Unicode NFKD with combining
 * marks removed (which also covers
 * Cyrillic, Greek, Arabic, Hebrew, Armenian, ß/Ø/Þ/ł…); apostrophes are dropped, other punctuation
 * and hyphens become spaces; case is folded. Particles (al, bin, van, de…) and honorifics (mr, dr,
 * sheikh…) are kept but marked so that matching can weigh them lightly. Spelling drift between
 * transliterations (kh/h, ou/u, y/i/j) is left to `phoneticKey` rather than rewritten here.
 *
 * @example normaliseName('ERIKSSON<<ANNA<MARIA') // eriksson (primary), anna, maria (given)
 */
import anyAscii from 'any-ascii';

export type NameTokenKind = 'name' | 'particle' | 'honorific';
export type NamePart = 'primary' | 'given';

export interface NameToken {
  /** Lower-case ASCII letters and digits. */
  readonly text: string;
  readonly kind: NameTokenKind;
  /** Known only when the source says so (MRZ, `FAMILY, Given`). */
  readonly part?: NamePart;
}

const PARTICLES = new Set(
  (
    'al el ul bin ibn bint binti abu abou ben bou van der den de da di du dos das do del della dello von zu la ' +
    'le les lo ter ten te mac st'
  ).split(' '),
);

const HONORIFICS = new Set(
  (
    'mr mrs ms miss mx dr prof sir dame lord lady rev fr sheikh shaikh sheik haji hajji hadji mullah ' +
    'mulla maulana sayyid syed gen col maj capt lt sgt jr sr ii iii iv'
  ).split(' '),
);

/** Whether a normalised token is a particle or honorific rather than a name. */
export function tokenKind(text: string): NameTokenKind {
  if (PARTICLES.has(text)) return 'particle';
  if (HONORIFICS.has(text)) return 'honorific';
  return 'name';
}

const MRZ_NAME = /^[A-Z0-9<]*<[A-Z0-9<]*$/;
/** OCR confusions in an MRZ name field (ICAO 9303 names are letters only). */
const MRZ_DIGIT_LETTERS: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B' };
const APOSTROPHES = /['\u2018\u2019\u02BB\u02BC\u02BD\u02B9\u0060\u00B4]/g;
const HAN_OR_HANGUL = /[\p{Script=Han}\p{Script=Hangul}]+/gu;

/** Romanises a Han or Hangul run: the first syllable as a surname, the rest joined as one given name. */
function romaniseSyllables(run: string): string {
  const syllables = Array.from(run, (ch) => anyAscii(ch));
  if (syllables.length < 2 || syllables.length > 4) return ` ${syllables.join('')} `;
  return ` ${syllables[0] ?? ''} ${syllables.slice(1).join('')} `;
}

const ARABIC_WORD = /[\u0600-\u06FF\u0750-\u077F]+/g;
const ARABIC_ARTICLE = '\u0627\u0644'; // ال
const ARABIC_ABD = '\u0639\u0628\u062F'; // عبد
const ARABIC_ALLAH = '\u0627\u0644\u0644\u0647'; // الله

/**
 * Arabic-script words, before any-ascii: the article ال written onto the next word is split off as
 * `al` (الرزاق → al rzq, as lists write Al-Razzaq); عبد, whose initial ʿayn any-ascii drops, is
 * written `abd` (alone or in compounds: عبدالرحمن → abd al rhmn); الله is `allah`.
 */
function romaniseArabicWord(word: string): string {
  let rest = word;
  let prefix = '';
  if (rest.startsWith(ARABIC_ABD) && (rest.length === 3 || rest.startsWith(ARABIC_ARTICLE, 3))) {
    prefix = ' abd ';
    rest = rest.slice(3);
  }
  if (rest === ARABIC_ALLAH) return `${prefix} allah `;
  if (rest.startsWith(ARABIC_ARTICLE) && rest.length > 3) {
    prefix += ' al ';
    rest = rest.slice(2);
  }
  return `${prefix}${rest} `;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Any text in ASCII, combining marks removed. */
function romanise(text: string): string {
  // Compose first: any-ascii maps precomposed kana (バ → ba) better than base + combining mark.
  const composed = text.normalize('NFKC').replace(HAN_OR_HANGUL, romaniseSyllables).replace(ARABIC_WORD, romaniseArabicWord);
  return anyAscii(composed).normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Folds one free-text fragment into ASCII words. */
function words(text: string): string[] {
  // ASCII is its own composition, romanisation and decomposition: most names skip all three.
  const ascii = isAscii(text) ? text : romanise(text);
  return ascii
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * Contracted forms of 'abd al' (servant of; abdur, abdus before sun letters), written apart as the
 * Arabic is: Abdul Haq ~ Abd al-Haq. A five-letter word one slip from them (Adbul, Akdel, Badur)
 * is taken for one of them.
 */
const ABD_AL = new Set(['abdul', 'abdel', 'abdoul', 'abdol', 'abdal', 'abdil', 'abdur', 'abdus']);

/** One substituted letter or one swap of neighbours apart, at equal length (adbul, abudl, akdel ~ abdul). */
function oneSlipApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  const [i, j] = [diff[0] ?? 0, diff[1] ?? 0];
  return diff.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

const ABD_AL_FORMS = [...ABD_AL];
const isAbdAl = (w: string): boolean => ABD_AL.has(w) || (w.length === 5 && ABD_AL_FORMS.some((f) => oneSlipApart(w, f)));

function tokens(text: string, part?: NamePart): NameToken[] {
  const result: NameToken[] = [];
  const push = (w: string): void => {
    result.push(part ? { text: w, kind: tokenKind(w), part } : { text: w, kind: tokenKind(w) });
  };
  for (const w of words(text))
    if (isAbdAl(w)) {
      push('abd');
      push('al');
    } else push(w);
  return result;
}

/** Normalises a raw name into tokens (see the module comment). */
export function normaliseName(raw: string): NameToken[] {
  const trimmed = raw.trim();
  if (MRZ_NAME.test(trimmed)) {
    // MRZ names hold no digits: a digit is an OCR misreading of its look-alike letter.
    const letters = trimmed.replace(/[0-9]/g, (d) => MRZ_DIGIT_LETTERS[d] ?? d);
    const cut = letters.indexOf('<<');
    const primary = cut < 0 ? letters : letters.slice(0, cut);
    const given = cut < 0 ? '' : letters.slice(cut + 2);
    return [...tokens(primary.replace(/</g, ' '), 'primary'), ...tokens(given.replace(/</g, ' '), 'given')];
  }
  const commas = trimmed.split(',');
  if (commas.length === 2) {
    const primary = tokens(commas[0] ?? '', 'primary');
    const given = tokens(commas[1] ?? '', 'given');
    if (primary.length > 0 && given.some((t) => t.kind === 'name')) return [...primary, ...given];
  }
  return tokens(trimmed);
}

/** The token texts of `normaliseName(raw)`, for display and logging. */
export function normaliseNameText(raw: string): string {
  return normaliseName(raw)
    .map((t) => t.text)
    .join(' ');
}
