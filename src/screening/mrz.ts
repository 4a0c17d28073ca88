/**
 * ICAO 9303 machine-readable zones (TD1 cards, TD2, TD3 passports and machine-readable visas) parsed from
 * pasted or scanned text. Pure: no I/O, no clock unless `today` is omitted. Entry points: `parseMrz`, `checkDigit`.
 *
 * @example
 * const result = parseMrz('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10');
 * if (result.ok) console.log(result.mrz.documentNumber); // 'L898902C3'
 */
import { isCountryCode } from '../platform/agencies/countries.js';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';
export type MrzDocumentType = 'passport' | 'id_card' | 'visa' | 'other';
export type MrzSex = 'F' | 'M' | 'X';

/** What a nationality or issuing-state code stands for. */
export type MrzCodeKind =
  | 'iso'
  | 'germany'
  | 'uk_variant'
  | 'united_nations'
  | 'stateless'
  | 'refugee'
  | 'unspecified'
  | 'european_union'
  | 'interpol'
  | 'kosovo'
  | 'specimen'
  | 'unknown';

export type MrzField =
  | 'text'
  | 'format'
  | 'line1'
  | 'line2'
  | 'line3'
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'nationality'
  | 'birthDate'
  | 'sex'
  | 'expiryDate'
  | 'personalNumber'
  | 'composite';

/** One problem found in an MRZ. Lines and columns are 1-based and inclusive, counted after spaces are removed. */
export interface MrzIssue {
  field: MrzField;
  line: number;
  start: number;
  end: number;
  message: string;
  /** For check digits: the digit the data computes to, and what the MRZ holds. */
  expected?: string;
  found?: string;
}

export interface MrzCountry {
  /** The code with filler removed, e.g. `UTO`, `D`, `XXA`. */
  code: string;
  kind: MrzCodeKind;
}

export interface MrzDate {
  /** `YYMMDD` as printed, `<` for unknown parts. */
  raw: string;
  /** Full ISO date, or null when a part is unknown (or, for expiry, when there is none). */
  iso: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  /** The century chosen for the two-digit year (1900, 2000, …), null when the year is unknown. */
  century: number | null;
}

export interface Mrz {
  format: MrzFormat;
  /** `P`, `I`, `ID`, `AC`, `V`, … with filler removed. */
  documentCode: string;
  documentType: MrzDocumentType;
  issuingState: MrzCountry;
  nationality: MrzCountry;
  /** The name before `<<`, with `<` read as a space: `VAN<DER<BERG` → `VAN DER BERG`. */
  primaryIdentifier: string;
  /** The names after `<<`, one entry per name: `ANNA<MARIA` → `['ANNA', 'MARIA']`. */
  secondaryIdentifiers: string[];
  /** The name field is full: the name may have been cut short. */
  nameTruncated: boolean;
  documentNumber: string;
  birthDate: MrzDate;
  expiryDate: MrzDate;
  /** Whether the expiry date is before `today`; null when there is no full expiry date. */
  expired: boolean | null;
  sex: MrzSex | null;
  /** TD1 line 1 (after any long document number), TD2 and visa line 2, TD3 personal number field; `<` trimmed from both ends. */
  optionalData: string;
  /** TD1 line 2 optional data; null for other formats. */
  optionalData2: string | null;
  /** TD3 passports only; null when empty or not a TD3 passport. */
  personalNumber: string | null;
  /** The normalised lines. */
  raw: string[];
}

export type MrzResult = { ok: true; mrz: Mrz } | { ok: false; errors: MrzIssue[] };

export interface ParseMrzOptions {
  /** The date birth and expiry centuries are resolved against; defaults to now. */
  today?: Date;
}

/** ICAO 9303 check digit: 0–9 → 0–9, A–Z → 10–35, `<` → 0, weights 7, 3, 1, sum mod 10. Throws on other characters. */
export function checkDigit(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let value: number;
    if (c >= 48 && c <= 57) value = c - 48;
    else if (c >= 65 && c <= 90) value = c - 55;
    else if (c === 60) value = 0;
    else throw new RangeError(`checkDigit: ${JSON.stringify(s[i])} is not an MRZ character`);
    sum += value * (i % 3 === 0 ? 7 : i % 3 === 1 ? 3 : 1);
  }
  return sum % 10;
}

interface Pos {
  line: number;
  start: number;
  length: number;
}

interface Layout {
  format: MrzFormat;
  lines: number;
  length: number;
  name: Pos;
  documentNumber: Pos;
  documentNumberCheck: Pos;
  nationality: Pos;
  birthDate: Pos;
  birthDateCheck: Pos;
  sex: Pos;
  expiryDate: Pos;
  expiryDateCheck: Pos;
  optional: Pos;
  optional2?: Pos;
  personalNumberCheck?: Pos;
  composite?: Pos;
  compositeOver: Pos[];
  longNumbers: boolean;
}

const p = (line: number, start: number, length: number): Pos => ({ line, start, length });

const TD3: Layout = {
  format: 'TD3',
  lines: 2,
  length: 44,
  name: p(0, 5, 39),
  documentNumber: p(1, 0, 9),
  documentNumberCheck: p(1, 9, 1),
  nationality: p(1, 10, 3),
  birthDate: p(1, 13, 6),
  birthDateCheck: p(1, 19, 1),
  sex: p(1, 20, 1),
  expiryDate: p(1, 21, 6),
  expiryDateCheck: p(1, 27, 1),
  optional: p(1, 28, 14),
  personalNumberCheck: p(1, 42, 1),
  composite: p(1, 43, 1),
  compositeOver: [p(1, 0, 10), p(1, 13, 7), p(1, 21, 22)],
  longNumbers: false,
};

const TD2: Layout = {
  ...TD3,
  format: 'TD2',
  length: 36,
  name: p(0, 5, 31),
  optional: p(1, 28, 7),
  personalNumberCheck: undefined,
  composite: p(1, 35, 1),
  compositeOver: [p(1, 0, 10), p(1, 13, 7), p(1, 21, 14)],
  longNumbers: true,
};

const TD1: Layout = {
  format: 'TD1',
  lines: 3,
  length: 30,
  name: p(2, 0, 30),
  documentNumber: p(0, 5, 9),
  documentNumberCheck: p(0, 14, 1),
  optional: p(0, 15, 15),
  birthDate: p(1, 0, 6),
  birthDateCheck: p(1, 6, 1),
  sex: p(1, 7, 1),
  expiryDate: p(1, 8, 6),
  expiryDateCheck: p(1, 14, 1),
  nationality: p(1, 15, 3),
  optional2: p(1, 18, 11),
  composite: p(1, 29, 1),
  compositeOver: [p(0, 5, 25), p(1, 0, 7), p(1, 8, 7), p(1, 18, 11)],
  longNumbers: true,
};

/** Machine-readable visas (MRV-A 2×44, MRV-B 2×36): no personal number check digit, no composite. */
const MRV_A: Layout = { ...TD3, optional: p(1, 28, 16), personalNumberCheck: undefined, composite: undefined, compositeOver: [] };
const MRV_B: Layout = { ...TD2, optional: p(1, 28, 8), composite: undefined, compositeOver: [], longNumbers: false };

const LAYOUTS: readonly Layout[] = [TD1, TD2, TD3];

const SPECIAL_CODES: Readonly<Record<string, MrzCodeKind>> = {
  D: 'germany',
  GBD: 'uk_variant',
  GBN: 'uk_variant',
  GBO: 'uk_variant',
  GBP: 'uk_variant',
  GBS: 'uk_variant',
  UNO: 'united_nations',
  UNA: 'united_nations',
  UNK: 'united_nations',
  XXA: 'stateless',
  XXB: 'refugee',
  XXC: 'refugee',
  XXX: 'unspecified',
  EUE: 'european_union',
  XPO: 'interpol',
  RKS: 'kosovo',
  UTO: 'specimen',
};

/** Characters scanners and word processors put where `<` belongs. Deliberately short: no letters or digits. */
const FILLER_LOOKALIKES = /[«‹〈⟨＜˂]/gu;

function normalise(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/[\s\u200b\ufeff]+/gu, '')
        .replace(FILLER_LOOKALIKES, '<')
        .replace(/[a-z]/g, (c) => c.toUpperCase()),
    )
    .filter((line) => line.length > 0);
}

/** Scanners sometimes emit the whole zone on one line: split it when its length fits exactly one format. */
function splitSingleLine(lines: string[]): string[] {
  const only = lines.length === 1 ? lines[0] : undefined;
  if (only === undefined) return lines;
  const layout = LAYOUTS.find((l) => l.lines * l.length === only.length);
  if (!layout) return lines;
  return Array.from({ length: layout.lines }, (_, i) => only.slice(i * layout.length, (i + 1) * layout.length));
}

function describeLengths(lines: string[]): string {
  if (lines.length === 0) return 'no text';
  const lengths = lines.map((l) => l.length);
  return `${lines.length} line${lines.length === 1 ? '' : 's'} of ${lengths.join(', ')} characters`;
}

function detectLayout(lines: string[]): Layout | MrzIssue[] {
  const exact = LAYOUTS.find((l) => l.lines === lines.length && lines.every((line) => line.length === l.length));
  if (exact) return exact;
  const issues: MrzIssue[] = [
    {
      field: lines.length === 0 ? 'text' : 'format',
      line: 1,
      start: 1,
      end: lines[0]?.length ?? 0,
      message: `No MRZ format fits ${describeLengths(lines)}: expected TD1 (3 lines of 30), TD2 (2 lines of 36) or TD3 (2 lines of 44)`,
    },
  ];
  const guess = guessLayout(lines);
  if (guess) {
    for (let i = 0; i < guess.lines; i++) {
      const line = lines[i];
      const field = `line${i + 1}` as MrzField;
      if (line === undefined) {
        issues.push({
          field,
          line: i + 1,
          start: 1,
          end: 0,
          message: `Line ${i + 1} is missing: ${guess.format} has ${guess.lines} lines`,
        });
      } else if (line.length !== guess.length) {
        issues.push({
          field,
          line: i + 1,
          start: 1,
          end: line.length,
          message: `Line ${i + 1} has ${line.length} characters: ${guess.format} needs ${guess.length}`,
        });
      }
    }
  }
  return issues;
}

function guessLayout(lines: string[]): Layout | undefined {
  if (lines.length === 3) return TD1;
  if (lines.length !== 2) return undefined;
  const lengths = lines.map((l) => l.length);
  const byLength = LAYOUTS.find((l) => lengths.includes(l.length));
  if (byLength) return byLength;
  const first = lengths[0] ?? 0;
  return [...LAYOUTS].sort((a, b) => Math.abs(a.length - first) - Math.abs(b.length - first))[0];
}

function at(lines: string[], pos: Pos): string {
  return (lines[pos.line] ?? '').slice(pos.start, pos.start + pos.length);
}

function issueAt(field: MrzField, pos: Pos, message: string, extra: Partial<MrzIssue> = {}): MrzIssue {
  return { field, line: pos.line + 1, start: pos.start + 1, end: pos.start + pos.length, message, ...extra };
}

function where(pos: Pos): string {
  return pos.length === 1
    ? `line ${pos.line + 1}, column ${pos.start + 1}`
    : `line ${pos.line + 1}, columns ${pos.start + 1}–${pos.start + pos.length}`;
}

function verifyCheckDigit(
  issues: MrzIssue[],
  field: MrzField,
  label: string,
  data: string,
  checkPos: Pos,
  allowFiller: boolean,
  lines: string[],
): void {
  const found = at(lines, checkPos);
  const expected = String(checkDigit(data));
  if (found === expected) return;
  if (found === '<' && allowFiller) return;
  issues.push(
    issueAt(field, checkPos, `${label} check digit at ${where(checkPos)} is '${found}' but should be ${expected}`, { expected, found }),
  );
}

function trimFiller(s: string): string {
  return s.replace(/^<+|<+$/g, '');
}

function parseCountry(issues: MrzIssue[], field: 'issuingState' | 'nationality', pos: Pos, lines: string[]): MrzCountry {
  const raw = at(lines, pos);
  const code = raw.replace(/<+$/, '');
  const label = field === 'issuingState' ? 'Issuing state' : 'Nationality';
  if (!/^[A-Z]{1,3}$/.test(code)) {
    issues.push(issueAt(field, pos, `${label} '${raw}' at ${where(pos)} is not a state code (letters, then filler)`));
    return { code, kind: 'unknown' };
  }
  return { code, kind: SPECIAL_CODES[code] ?? (isCountryCode(code) ? 'iso' : 'unknown') };
}

function parseName(issues: MrzIssue[], pos: Pos, lines: string[]): { primary: string; secondary: string[]; truncated: boolean } {
  const raw = at(lines, pos);
  if (!/^[A-Z<]*$/.test(raw)) issues.push(issueAt('name', pos, `Name at ${where(pos)} holds characters other than letters and '<'`));
  const split = raw.indexOf('<<');
  const primaryPart = split === -1 ? raw : raw.slice(0, split);
  const secondaryPart = split === -1 ? '' : raw.slice(split + 2);
  const primary = primaryPart.replace(/<+/g, ' ').trim();
  if (primary === '') issues.push(issueAt('name', pos, `Name at ${where(pos)} has no primary identifier`));
  return {
    primary,
    secondary: secondaryPart.split(/<+/).filter((s) => s !== ''),
    truncated: !raw.endsWith('<'),
  };
}

interface Today {
  year: number;
  month: number;
  day: number;
}

const compare = (a: Today, b: Today): number => a.year - b.year || a.month - b.month || a.day - b.day;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parseDate(issues: MrzIssue[], which: 'birth' | 'expiry', pos: Pos, lines: string[], today: Today): MrzDate {
  const field = which === 'birth' ? 'birthDate' : 'expiryDate';
  const label = which === 'birth' ? 'Birth date' : 'Expiry date';
  const raw = at(lines, pos);
  const empty: MrzDate = { raw, iso: null, year: null, month: null, day: null, century: null };
  if (which === 'expiry' && raw === '<<<<<<') return empty;
  const parts = [raw.slice(0, 2), raw.slice(2, 4), raw.slice(4, 6)].map((s) => (s === '<<' ? null : /^\d\d$/.test(s) ? Number(s) : NaN));
  const [yy, month, day] = parts as [number | null, number | null, number | null];
  const unknown = parts.some((n) => n === null);
  if (parts.some((n) => Number.isNaN(n)) || (which === 'expiry' && unknown)) {
    const allowed = which === 'birth' ? "YYMMDD, with '<<' for an unknown part" : "YYMMDD, or '<<<<<<' for none";
    issues.push(issueAt(field, pos, `${label} '${raw}' at ${where(pos)} is not a date: expected ${allowed}`));
    return empty;
  }
  if (month !== null && (month < 1 || month > 12)) {
    issues.push(issueAt(field, pos, `${label} '${raw}' at ${where(pos)} has month ${pad(month)}, which does not exist`));
    return empty;
  }
  if (yy === null) {
    if (day !== null && (day < 1 || day > 31)) issues.push(issueAt(field, pos, `${label} '${raw}' at ${where(pos)} has day ${pad(day)}`));
    return { ...empty, month, day };
  }
  const base = Math.floor(today.year / 100) * 100;
  let year = base + yy;
  const probe = { year, month: month ?? 1, day: day ?? 1 };
  if (which === 'birth') {
    if (compare(probe, today) > 0) year -= 100;
  } else if (compare(probe, { ...today, year: today.year + 50 }) > 0) {
    year -= 100;
  } else if (compare(probe, { ...today, year: today.year - 50 }) < 0) {
    year += 100;
  }
  if (day !== null && (day < 1 || day > (month === null ? 31 : daysInMonth(year, month)))) {
    issues.push(
      issueAt(
        field,
        pos,
        `${label} '${raw}' at ${where(pos)} has day ${pad(day)}, which does not exist in ${month === null ? 'any month' : `${year}-${pad(month)}`}`,
      ),
    );
    return empty;
  }
  return {
    raw,
    iso: unknown ? null : `${pad(year, 4)}-${pad(month ?? 0)}-${pad(day ?? 0)}`,
    year,
    month,
    day,
    century: Math.floor(year / 100) * 100,
  };
}

function documentTypeOf(code: string): MrzDocumentType {
  switch (code.charAt(0)) {
    case 'P':
      return 'passport';
    case 'V':
      return 'visa';
    case 'I':
    case 'A':
    case 'C':
      return 'id_card';
    default:
      return 'other';
  }
}

/**
 * Parses an ICAO 9303 MRZ from pasted or scanned text, verifying every check digit.
 * Tolerates blank lines, surrounding and inner spaces, lower case, CRLF and `«`-style look-alikes of `<`.
 *
 * @example
 * parseMrz('I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<', { today: new Date('2026-01-01') });
 */
export function parseMrz(text: string, options: ParseMrzOptions = {}): MrzResult {
  const now = options.today ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('parseMrz: options.today is an invalid date');
  const today: Today = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
  const lines = splitSingleLine(normalise(text));

  const detected = detectLayout(lines);
  if (Array.isArray(detected)) return { ok: false, errors: detected };

  const issues: MrzIssue[] = [];
  lines.forEach((line, i) => {
    const bad = /[^A-Z0-9<]/u.exec(line);
    if (bad) {
      const field = `line${i + 1}` as MrzField;
      issues.push({
        field,
        line: i + 1,
        start: bad.index + 1,
        end: bad.index + bad[0].length,
        message: `Line ${i + 1} has ${JSON.stringify(bad[0])} at column ${bad.index + 1}: an MRZ holds only A–Z, 0–9 and '<'`,
      });
    }
  });
  if (issues.length > 0) return { ok: false, errors: issues };

  const codePos = p(0, 0, 2);
  const rawCode = at(lines, codePos);
  const documentCode = rawCode.replace(/<+$/, '');
  if (!/^[A-Z][A-Z<]$/.test(rawCode)) {
    issues.push(issueAt('documentCode', codePos, `Document code '${rawCode}' at ${where(codePos)} must start with a letter`));
  }
  const documentType = documentTypeOf(documentCode);
  const layout = documentType === 'visa' && detected !== TD1 ? (detected === TD3 ? MRV_A : MRV_B) : detected;

  const issuingState = parseCountry(issues, 'issuingState', p(0, 2, 3), lines);
  const nationality = parseCountry(issues, 'nationality', layout.nationality, lines);
  const name = parseName(issues, layout.name, lines);

  // Document number, possibly continued in the optional field (TD1, TD2): '<' in place of the check digit,
  // then the rest of the number and its check digit at the start of the optional data.
  const numberField = at(lines, layout.documentNumber);
  let documentNumber = numberField.replace(/<+$/, '');
  let optional = at(lines, layout.optional);
  if (layout.longNumbers && at(lines, layout.documentNumberCheck) === '<' && /^[A-Z0-9]/.test(optional)) {
    const run = /^[A-Z0-9]+/.exec(optional)?.[0] ?? '';
    const checkPos = p(layout.optional.line, layout.optional.start + run.length - 1, 1);
    if (run.length < 2) {
      issues.push(
        issueAt(
          'documentNumber',
          checkPos,
          `Document number continues into the optional data at ${where(checkPos)} but has no check digit after its last characters`,
        ),
      );
    } else {
      documentNumber = numberField + run.slice(0, -1);
      verifyCheckDigit(issues, 'documentNumber', 'Document number', documentNumber, checkPos, false, lines);
    }
    optional = optional.slice(run.length);
  } else {
    verifyCheckDigit(issues, 'documentNumber', 'Document number', numberField, layout.documentNumberCheck, false, lines);
  }
  if (documentNumber === '' || documentNumber.includes('<')) {
    issues.push(
      issueAt(
        'documentNumber',
        layout.documentNumber,
        `Document number '${numberField}' at ${where(layout.documentNumber)} is empty or has filler inside`,
      ),
    );
  }

  const birthDate = parseDate(issues, 'birth', layout.birthDate, lines, today);
  verifyCheckDigit(issues, 'birthDate', 'Birth date', at(lines, layout.birthDate), layout.birthDateCheck, false, lines);
  const expiryDate = parseDate(issues, 'expiry', layout.expiryDate, lines, today);
  const expiryRaw = at(lines, layout.expiryDate);
  verifyCheckDigit(issues, 'expiryDate', 'Expiry date', expiryRaw, layout.expiryDateCheck, expiryRaw === '<<<<<<', lines);

  const sexRaw = at(lines, layout.sex);
  let sex: MrzSex | null = null;
  if (sexRaw === 'F' || sexRaw === 'M' || sexRaw === 'X') sex = sexRaw;
  else if (sexRaw !== '<') issues.push(issueAt('sex', layout.sex, `Sex '${sexRaw}' at ${where(layout.sex)} must be F, M, X or '<'`));

  let personalNumber: string | null = null;
  if (layout.personalNumberCheck) {
    const field = at(lines, layout.optional);
    verifyCheckDigit(issues, 'personalNumber', 'Personal number', field, layout.personalNumberCheck, /^<*$/.test(field), lines);
    personalNumber = trimFiller(field) || null;
  }

  if (layout.composite) {
    const data = layout.compositeOver.map((pos) => at(lines, pos)).join('');
    verifyCheckDigit(issues, 'composite', 'Composite', data, layout.composite, false, lines);
  }

  if (issues.length > 0) return { ok: false, errors: issues };

  return {
    ok: true,
    mrz: {
      format: layout.format,
      documentCode,
      documentType,
      issuingState,
      nationality,
      primaryIdentifier: name.primary,
      secondaryIdentifiers: name.secondary,
      nameTruncated: name.truncated,
      documentNumber,
      birthDate,
      expiryDate,
      expired: expiryDate.iso === null ? null : expiryDate.iso < `${pad(today.year, 4)}-${pad(today.month)}-${pad(today.day)}`,
      sex,
      optionalData: trimFiller(optional),
      optionalData2: layout.optional2 ? trimFiller(at(lines, layout.optional2)) : null,
      personalNumber,
      raw: lines,
    },
  };
}
