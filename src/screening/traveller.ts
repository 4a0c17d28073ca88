/**
 * A traveller as a border check gives it (typed fields, a raw MRZ, or both) turned into what the
 * matcher compares, with one problem per field that could not be used. A problem never stops the
 * check: the rest of the traveller is still screened, and only a traveller with nothing to screen
 * (no name and no document) is not screened at all.
 *
 * An MRZ fills whatever the typed fields leave empty: name (primary and secondary identifiers, in
 * ICAO form so the surname is known), birth date, nationality, sex, document number and issuing
 * state. An MRZ that fails its checks is reported field by field; its name and document number are
 * still read by position, since a misread check digit must not let a wanted person through.
 *
 * @example resolveTraveller({ mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<…' }).traveller.name // 'ERIKSSON<<ANNA<MARIA'
 */
import { createHash } from 'node:crypto';
import { parseMrz } from './mrz.js';
import { normaliseCountry, normaliseDocumentNumber, parsePartialDate, type Sex } from './person-match.js';
import { normaliseName, normaliseNameText, type NameToken } from './names/index.js';

export interface Traveller {
  readonly id?: string;
  readonly name?: string;
  readonly birthDate?: string;
  readonly nationality?: string;
  readonly sex?: string;
  readonly documentNumber?: string;
  readonly documentCountry?: string;
  readonly mrz?: string;
}

export interface ResolvedTraveller {
  readonly name?: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  readonly birthDate?: string;
  /** ISO alpha-3 or an ICAO code. */
  readonly nationality?: string;
  readonly sex?: Sex;
  readonly documentNumber?: string;
  readonly documentCountry?: string;
  /** Some values came from the MRZ. */
  readonly fromMrz: boolean;
}

export interface TravellerProblem {
  readonly field: string;
  readonly message: string;
}

export interface TravellerResolution {
  readonly traveller: ResolvedTraveller;
  readonly problems: TravellerProblem[];
  /** There is a name or a document number to check. */
  readonly screenable: boolean;
  /** The name normalised (`normaliseName`), empty without a usable name: the matcher's query tokens. */
  readonly nameTokens: readonly NameToken[];
}

const SEXES: Readonly<Record<string, Sex>> = { f: 'F', female: 'F', m: 'M', male: 'M', x: 'X', '<': 'X' };

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Resolves a traveller (see the module comment). */
export function resolveTraveller(input: Traveller, today: Date = new Date()): TravellerResolution {
  const problems: TravellerProblem[] = [];
  const fromMrz: { name?: string; birthDate?: string; nationality?: string; sex?: Sex; documentNumber?: string; documentCountry?: string } =
    {};
  const mrzText = present(input.mrz);
  if (mrzText !== undefined) {
    const parsed = parseMrz(mrzText, { today });
    if (parsed.ok) {
      const { mrz } = parsed;
      const given = mrz.secondaryIdentifiers.join('<');
      fromMrz.name = `${mrz.primaryIdentifier.replace(/ /g, '<')}<<${given}`;
      if (mrz.birthDate.year !== null)
        fromMrz.birthDate =
          mrz.birthDate.iso ??
          (mrz.birthDate.month !== null ? `${mrz.birthDate.year}-${pad(mrz.birthDate.month)}` : String(mrz.birthDate.year));
      if (mrz.nationality.kind !== 'unknown') fromMrz.nationality = mrz.nationality.code;
      if (mrz.sex !== null) fromMrz.sex = mrz.sex;
      fromMrz.documentNumber = mrz.documentNumber;
      if (mrz.issuingState.kind !== 'unknown') fromMrz.documentCountry = mrz.issuingState.code;
    } else {
      for (const issue of parsed.errors) problems.push({ field: `mrz.${issue.field}`, message: issue.message });
      const salvaged = salvageMrz(mrzText);
      if (salvaged.name !== undefined) fromMrz.name = salvaged.name;
      if (salvaged.documentNumber !== undefined) fromMrz.documentNumber = salvaged.documentNumber;
    }
  }

  const name = present(input.name) ?? fromMrz.name;

  let birthDate: string | undefined;
  const rawBirth = present(input.birthDate);
  if (rawBirth !== undefined) {
    const parsed = parsePartialDate(rawBirth);
    // parsePartialDate drops an impossible month or day; a traveller's date must not lose one silently.
    const parts = rawBirth.split('-').length;
    const complete = parsed !== undefined && parts === 1 + (parsed.month === undefined ? 0 : 1) + (parsed.day === undefined ? 0 : 1);
    if (parsed === undefined || !complete || parsed.year < 1900 || parsed.year > today.getUTCFullYear()) {
      problems.push({ field: 'birthDate', message: `"${rawBirth}" is not a possible birth date (YYYY-MM-DD, YYYY-MM or YYYY)` });
    } else {
      birthDate = [String(parsed.year), ...[parsed.month, parsed.day].filter((n) => n !== undefined).map(pad)].join('-');
    }
  }
  birthDate ??= fromMrz.birthDate;

  const nationality = country(input.nationality, 'nationality', problems) ?? fromMrz.nationality;
  const documentCountry = country(input.documentCountry, 'documentCountry', problems) ?? fromMrz.documentCountry;

  let sex: Sex | undefined;
  const rawSex = present(input.sex);
  if (rawSex !== undefined) {
    sex = SEXES[rawSex.toLowerCase()];
    if (sex === undefined) problems.push({ field: 'sex', message: `"${rawSex}" is not F, M or X` });
  }
  sex ??= fromMrz.sex;

  let documentNumber = present(input.documentNumber);
  if (documentNumber !== undefined && normaliseDocumentNumber(documentNumber).length === 0) {
    problems.push({ field: 'documentNumber', message: `"${documentNumber}" has no letters or digits` });
    documentNumber = undefined;
  }
  documentNumber ??= fromMrz.documentNumber;

  const nameTokens = name === undefined ? [] : normaliseName(name);
  const nameUsable = nameTokens.length > 0;
  if (name !== undefined && !nameUsable) problems.push({ field: 'name', message: `"${name}" has no letters to compare` });
  // Assigned one by one rather than spread from conditional objects: this runs once per check.
  const traveller = {} as { -readonly [K in keyof ResolvedTraveller]: ResolvedTraveller[K] };
  if (nameUsable) traveller.name = name;
  if (birthDate !== undefined) traveller.birthDate = birthDate;
  if (nationality !== undefined) traveller.nationality = nationality;
  if (sex !== undefined) traveller.sex = sex;
  if (documentNumber !== undefined) traveller.documentNumber = documentNumber;
  if (documentCountry !== undefined) traveller.documentCountry = documentCountry;
  // fromMrz holds something only when there was an MRZ.
  traveller.fromMrz = mrzText !== undefined && Object.keys(fromMrz).length > 0;
  const screenable = traveller.name !== undefined || traveller.documentNumber !== undefined;
  if (!screenable && problems.length === 0) problems.push({ field: 'name', message: 'give a name, a document number or an MRZ' });
  return { traveller, problems, screenable, nameTokens };
}

function country(value: string | undefined, field: string, problems: TravellerProblem[]): string | undefined {
  const raw = present(value);
  if (raw === undefined) return undefined;
  const code = normaliseCountry(raw);
  if (code === undefined) problems.push({ field, message: `"${raw}" is not a known country code or name` });
  return code;
}

/** Name and document number read by position from an MRZ that failed its checks. */
function salvageMrz(text: string): { name?: string; documentNumber?: string } {
  const lines = text
    .toUpperCase()
    .split(/\r?\n/)
    .map((line) => line.replace(/\s/g, ''))
    .filter((line) => line.length > 0);
  const clean = (value: string | undefined): string | undefined => {
    const v = value?.replace(/<+$/, '');
    return v === undefined || v.length === 0 || !/^[A-Z0-9<]+$/.test(v) ? undefined : v;
  };
  let name: string | undefined;
  let documentNumber: string | undefined;
  if (lines.length === 3) {
    name = clean(lines[2]);
    documentNumber = clean(lines[0]?.slice(5, 14));
  } else if (lines.length === 2) {
    name = clean(lines[0]?.slice(5));
    documentNumber = clean(lines[1]?.slice(0, 9));
  }
  return {
    ...(name !== undefined && name.includes('<<') && { name }),
    ...(documentNumber !== undefined && { documentNumber: documentNumber.replace(/</g, '') }),
  };
}

/**
 * Stable key of a traveller for adjudication memory: the same person with the same document gives
 * the same key, whichever way the name was typed or read (MRZ or free text, any case).
 */
export function travellerKey(traveller: ResolvedTraveller): string {
  const name = traveller.name === undefined ? '' : normaliseNameText(traveller.name).split(' ').sort().join(' ');
  const document = traveller.documentNumber === undefined ? '' : normaliseDocumentNumber(traveller.documentNumber);
  return createHash('sha256')
    .update(`${name}\u0000${traveller.birthDate ?? ''}\u0000${document}`)
    .digest('hex');
}
