/**
 * What a notice is: its types and lifecycle, the police-only content, and the public extract (the
 * fields the owning agency chose to publish). Pure: no database, no HTTP.
 *
 *   const problems = validateContent('red', content);           // FieldError[]
 *   const extract = publicExtract(notice);                      // only the chosen fields
 */
import { isCountryCode } from '../platform/agencies/countries.js';
import type { FieldError } from '../platform/errors.js';
import { normaliseCountry } from '../screening/person-match.js';

/** INTERPOL's colour-coded notices, plus object appeals ("do you recognise this?"). */
export const noticeTypes = ['red', 'yellow', 'blue', 'black', 'green', 'orange', 'purple', 'object'] as const;
export type NoticeType = (typeof noticeTypes)[number];

export const noticeTypeLabels: Readonly<Record<NoticeType, string>> = {
  red: 'Red notice: wanted for prosecution or to serve a sentence',
  yellow: 'Yellow notice: missing person',
  blue: 'Blue notice: more information wanted',
  black: 'Black notice: unidentified body',
  green: 'Green notice: warning',
  orange: 'Orange notice: threat',
  purple: 'Purple notice: modus operandi',
  object: 'Object appeal: do you recognise this?',
};

/** Notices about a person; the others (object, purple) may have no person at all. */
export const personNoticeTypes: readonly NoticeType[] = ['red', 'yellow', 'blue', 'black', 'green'];

/** Notices that feed the screening watchlists while they are published. */
export const watchlistNoticeTypes: readonly NoticeType[] = ['red', 'yellow'];

export const noticeStatuses = ['draft', 'submitted', 'published', 'cancelled', 'withdrawn', 'expired'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

/** The steps of the lifecycle, each by an action of its own. */
export const noticeTransitions = {
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted'], to: 'draft' },
  publish: { from: ['submitted'], to: 'published' },
  cancel: { from: ['published'], to: 'cancelled' },
  withdraw: { from: ['submitted', 'published'], to: 'withdrawn' },
  expire: { from: ['published'], to: 'expired' },
} as const satisfies Record<string, { from: readonly NoticeStatus[]; to: NoticeStatus }>;
export type NoticeAction = keyof typeof noticeTransitions;

export const sexes = ['F', 'M', 'U'] as const;
export type Sex = (typeof sexes)[number];

/** The public site's languages (INTERPOL's official ones); Arabic is written right to left. */
export const publicLanguages = ['en', 'fr', 'es', 'ar'] as const;
export type PublicLanguage = (typeof publicLanguages)[number];

export interface ArrestWarrant {
  /** ISO 3166 alpha-3. */
  issuingCountry: string;
  charge: string;
  /** The charge in the other public languages. */
  chargeTranslations?: Partial<Record<PublicLanguage, string>>;
}

export interface Disappearance {
  /** YYYY-MM-DD. */
  date?: string;
  place?: string;
  /** ISO 3166 alpha-3. */
  country?: string;
}

/** The police-only record. Every field is optional; which are needed depends on the type. */
export interface NoticeContent {
  /** A short title: object appeals, black notices ("Woman found near …"), purple notices. */
  title?: string;
  familyName?: string;
  forename?: string;
  /** The name in its original script (Cyrillic, Arabic, …). */
  originalScriptName?: string;
  aliases?: string[];
  sex?: Sex;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  birthPlace?: string;
  /** ISO 3166 alpha-3. */
  birthCountry?: string;
  /** ISO 3166 alpha-3. */
  nationalities?: string[];
  /** ISO 639-3 codes (`eng`, `fra`, `ara`). */
  languages?: string[];
  heightCm?: number;
  weightKg?: number;
  eyes?: string;
  hair?: string;
  distinguishingMarks?: string;
  /** Red notices. */
  arrestWarrants?: ArrestWarrant[];
  /** Yellow notices. */
  disappearance?: Disappearance;
  /** Identity documents (fed to screening; never public). */
  documents?: { number: string; country?: string }[];
  /** Free text: the circumstances, what is asked of the public. */
  description?: string;
}

/** Fields that may be chosen for the public extract (`documents` never may). */
export const publicFieldNames = [
  'title',
  'familyName',
  'forename',
  'originalScriptName',
  'aliases',
  'sex',
  'birthDate',
  'birthPlace',
  'birthCountry',
  'nationalities',
  'languages',
  'heightCm',
  'weightKg',
  'eyes',
  'hair',
  'distinguishingMarks',
  'arrestWarrants',
  'disappearance',
  'description',
] as const satisfies readonly (keyof NoticeContent)[];
export type PublicField = (typeof publicFieldNames)[number];

/** A sensible extract to start from in forms and imports: identity, description and warrants. */
export const defaultPublicFields: readonly PublicField[] = [
  'title',
  'familyName',
  'forename',
  'originalScriptName',
  'sex',
  'birthDate',
  'nationalities',
  'arrestWarrants',
  'disappearance',
  'description',
];

/** The part of a published notice the public sees: identity, type, the chosen fields and the public photos. */
export interface PublicNotice {
  /** Internal id (never shown; photos and tips are keyed by it). */
  id: string;
  /** `YYYY/NNNNN`; in URLs `YYYY-NNNNN`. */
  publicNumber: string;
  type: NoticeType;
  ownerAgencyId: string;
  ownerAgencyName: string;
  ownerAgencyCountry: string;
  publishedAt: string;
  /** Only the chosen fields of the content. */
  content: Partial<Omit<NoticeContent, 'documents'>>;
  photos: { id: string; caption: string; width: number; height: number }[];
  /** Campaign slugs this notice belongs to. */
  campaigns: string[];
}

export interface PublicCampaign {
  id: string;
  slug: string;
  title: string;
  body: string;
  translations: Partial<Record<PublicLanguage, { title?: string; body?: string }>>;
  startsOn: string | null;
  endsOn: string | null;
  ownerAgencyName: string;
  /** Public numbers, in the campaign's order. */
  notices: string[];
}

/** `YYYY/NNNNN` → `YYYY-NNNNN` (as INTERPOL puts it in URLs), and back. */
export function noticeUrlId(publicNumber: string): string {
  return publicNumber.replace('/', '-');
}
export function publicNumberFromUrlId(urlId: string): string | undefined {
  return /^\d{4}-\d{5,}$/.test(urlId) ? urlId.replace('-', '/') : undefined;
}

/** The chosen fields of a content, and nothing else. */
export function extractContent(content: NoticeContent, fields: readonly string[]): PublicNotice['content'] {
  const chosen = new Set(fields);
  const extract: Record<string, unknown> = {};
  for (const field of publicFieldNames) {
    if (chosen.has(field) && content[field] !== undefined) extract[field] = content[field];
  }
  return extract;
}

/** The display name of a person notice: "FAMILY, Forename", or the title. */
export function noticeDisplayName(content: Pick<NoticeContent, 'familyName' | 'forename' | 'title'>): string {
  const family = content.familyName?.trim() ?? '';
  const forename = content.forename?.trim() ?? '';
  if (family !== '' && forename !== '') return `${family.toUpperCase()}, ${forename}`;
  if (family !== '' || forename !== '') return family.toUpperCase() || forename;
  return content.title?.trim() ?? '';
}

/** Age in whole years on `today` for a birth date `YYYY[-MM[-DD]]`; for a partial date, the younger bound. */
export function ageOn(birthDate: string, today: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 12 : Number(match[2]);
  const day = match[3] === undefined ? 31 : Number(match[3]);
  let age = today.getUTCFullYear() - year;
  const beforeBirthday = today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

const textLimit = 200;
const longTextLimit = 20_000;

/** Normalises and checks a content; problems are named by field (`content.arrestWarrants/0/charge`). */
export function validateContent(type: NoticeType, input: unknown): { content: NoticeContent; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const content: NoticeContent = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { content, problems: [{ field: 'content', message: 'must be an object' }] };
  }
  const raw = input as Record<string, unknown>;
  const at = (field: string): string => `content.${field}`;

  const text = (field: keyof NoticeContent, limit = textLimit): string | undefined => {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      problems.push({ field: at(field), message: 'must be text' });
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length > limit) problems.push({ field: at(field), message: `must be at most ${limit} characters` });
    return trimmed === '' ? undefined : trimmed;
  };
  const country = (value: unknown, field: string): string | undefined => {
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({ field, message: 'must be a country code' });
      return undefined;
    }
    const code = normaliseCountry(value);
    if (code === undefined || !isCountryCode(code)) {
      problems.push({ field, message: `unknown country "${value}" (use ISO 3166 alpha-3, e.g. FRA)` });
      return undefined;
    }
    return code;
  };
  const textList = (field: keyof NoticeContent, limit: number): string[] | undefined => {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      problems.push({ field: at(field), message: 'must be a list of text' });
      return undefined;
    }
    const items = (value as string[]).map((v) => v.trim()).filter((v) => v !== '');
    if (items.length > limit) problems.push({ field: at(field), message: `at most ${limit} entries` });
    return items.length === 0 ? undefined : items;
  };
  const number = (field: 'heightCm' | 'weightKg', min: number, max: number): number | undefined => {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      problems.push({ field: at(field), message: `must be a number from ${min} to ${max}` });
      return undefined;
    }
    return value;
  };
  const assign = <K extends keyof NoticeContent>(key: K, value: NoticeContent[K] | undefined): void => {
    if (value !== undefined) content[key] = value;
  };

  assign('title', text('title'));
  assign('familyName', text('familyName'));
  assign('forename', text('forename'));
  assign('originalScriptName', text('originalScriptName'));
  assign('aliases', textList('aliases', 50));
  const sex = raw['sex'];
  if (sex !== undefined && sex !== null) {
    if (typeof sex === 'string' && (sexes as readonly string[]).includes(sex)) content.sex = sex as Sex;
    else problems.push({ field: at('sex'), message: 'must be F, M or U' });
  }
  const birthDate = text('birthDate');
  if (birthDate !== undefined) {
    if (isPartialDate(birthDate)) content.birthDate = birthDate;
    else problems.push({ field: at('birthDate'), message: 'must be YYYY, YYYY-MM or YYYY-MM-DD, a real date' });
  }
  assign('birthPlace', text('birthPlace'));
  if (raw['birthCountry'] !== undefined && raw['birthCountry'] !== null)
    assign('birthCountry', country(raw['birthCountry'], at('birthCountry')));
  const nationalities = textList('nationalities', 10);
  if (nationalities !== undefined) {
    const codes = nationalities.map((n, i) => country(n, at(`nationalities/${i}`))).filter((c): c is string => c !== undefined);
    if (codes.length > 0) content.nationalities = [...new Set(codes)];
  }
  const languages = textList('languages', 20);
  if (languages !== undefined) {
    const bad = languages.findIndex((l) => !/^[a-z]{2,3}$/i.test(l));
    if (bad >= 0) problems.push({ field: at(`languages/${bad}`), message: 'must be an ISO 639 code such as eng or fra' });
    else content.languages = languages.map((l) => l.toLowerCase());
  }
  assign('heightCm', number('heightCm', 30, 260));
  assign('weightKg', number('weightKg', 1, 400));
  assign('eyes', text('eyes'));
  assign('hair', text('hair'));
  assign('distinguishingMarks', text('distinguishingMarks', 2000));
  assign('description', text('description', longTextLimit));

  const warrants = raw['arrestWarrants'];
  if (warrants !== undefined && warrants !== null) {
    if (!Array.isArray(warrants)) problems.push({ field: at('arrestWarrants'), message: 'must be a list' });
    else {
      const list: ArrestWarrant[] = [];
      warrants.forEach((w: unknown, i) => {
        const field = at(`arrestWarrants/${i}`);
        if (typeof w !== 'object' || w === null) return problems.push({ field, message: 'must be an object' });
        const entry = w as Record<string, unknown>;
        const issuingCountry = country(entry['issuingCountry'], `${field}/issuingCountry`);
        const charge = typeof entry['charge'] === 'string' ? entry['charge'].trim() : '';
        if (charge === '' || charge.length > 2000) problems.push({ field: `${field}/charge`, message: 'must be 1 to 2000 characters' });
        const translations: Partial<Record<PublicLanguage, string>> = {};
        const given = entry['chargeTranslations'];
        if (typeof given === 'object' && given !== null) {
          for (const [lang, value] of Object.entries(given as Record<string, unknown>)) {
            if (!(publicLanguages as readonly string[]).includes(lang) || typeof value !== 'string') {
              problems.push({ field: `${field}/chargeTranslations/${lang}`, message: 'must be text in en, fr, es or ar' });
            } else if (value.trim() !== '') translations[lang as PublicLanguage] = value.trim();
          }
        }
        if (issuingCountry !== undefined && charge !== '') {
          list.push({ issuingCountry, charge, ...(Object.keys(translations).length > 0 && { chargeTranslations: translations }) });
        }
        return undefined;
      });
      if (list.length > 0) content.arrestWarrants = list;
    }
  }

  const disappearance = raw['disappearance'];
  if (disappearance !== undefined && disappearance !== null) {
    if (typeof disappearance !== 'object') problems.push({ field: at('disappearance'), message: 'must be an object' });
    else {
      const d = disappearance as Record<string, unknown>;
      const out: Disappearance = {};
      if (typeof d['date'] === 'string' && d['date'] !== '') {
        if (/^\d{4}-\d{2}-\d{2}$/.test(d['date']) && isPartialDate(d['date'])) out.date = d['date'];
        else problems.push({ field: at('disappearance/date'), message: 'must be YYYY-MM-DD' });
      }
      if (typeof d['place'] === 'string' && d['place'].trim() !== '') out.place = d['place'].trim().slice(0, textLimit);
      if (d['country'] !== undefined && d['country'] !== null && d['country'] !== '') {
        const code = country(d['country'], at('disappearance/country'));
        if (code !== undefined) out.country = code;
      }
      if (Object.keys(out).length > 0) content.disappearance = out;
    }
  }

  const documents = raw['documents'];
  if (documents !== undefined && documents !== null) {
    if (!Array.isArray(documents)) problems.push({ field: at('documents'), message: 'must be a list' });
    else {
      const list: { number: string; country?: string }[] = [];
      documents.forEach((d: unknown, i) => {
        const entry = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
        const numberValue = typeof entry['number'] === 'string' ? entry['number'].trim() : '';
        if (numberValue === '' || numberValue.length > 40) {
          problems.push({ field: at(`documents/${i}/number`), message: 'must be 1 to 40 characters' });
          return;
        }
        const code =
          entry['country'] === undefined || entry['country'] === '' ? undefined : country(entry['country'], at(`documents/${i}/country`));
        list.push({ number: numberValue, ...(code !== undefined && { country: code }) });
      });
      if (list.length > 0) content.documents = list;
    }
  }

  if (personNoticeTypes.includes(type) && type !== 'black' && content.familyName === undefined && content.forename === undefined) {
    problems.push({ field: at('familyName'), message: `a ${type} notice needs a family name or a forename` });
  }
  if ((type === 'object' || type === 'purple' || type === 'black') && content.title === undefined && content.familyName === undefined) {
    problems.push({ field: at('title'), message: `a ${type} notice needs a title` });
  }
  if (type === 'red' && content.arrestWarrants === undefined) {
    problems.push({ field: at('arrestWarrants'), message: 'a red notice needs at least one arrest warrant' });
  }
  return { content, problems };
}

/** Checks the names of the fields chosen for the public extract. */
export function validatePublicFields(fields: readonly string[]): FieldError[] {
  const known = new Set<string>(publicFieldNames);
  return fields.flatMap((field, i) =>
    known.has(field)
      ? []
      : [{ field: `publicFields/${i}`, message: `"${field}" cannot be public (allowed: ${publicFieldNames.join(', ')})` }],
  );
}

function isPartialDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  if (year < 1900 || year > 2100) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
