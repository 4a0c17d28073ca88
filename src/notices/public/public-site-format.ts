/**
 * Country, language and date names for the public site, in the visitor's language, from the
 * runtime's own CLDR data (Intl). Notices store ISO 3166 alpha-3; Intl names alpha-2 regions
 * (country-codes.ts maps one to the other).
 */
import { publicLanguages, type PublicLanguage } from '../notice-model.js';
import { alpha2ByAlpha3 } from './country-codes.js';

const regionNames = new Map(publicLanguages.map((lang) => [lang, new Intl.DisplayNames(lang, { type: 'region', fallback: 'code' })]));
const languageNames = new Map(publicLanguages.map((lang) => [lang, new Intl.DisplayNames(lang, { type: 'language', fallback: 'code' })]));

/** The country's name in the language; the code itself when the runtime has no name for it. */
export function countryName(lang: PublicLanguage, alpha3: string): string {
  const alpha2 = alpha2ByAlpha3.get(alpha3);
  if (alpha2 === undefined) return alpha3;
  try {
    return regionNames.get(lang)!.of(alpha2) ?? alpha3;
  } catch {
    return alpha3;
  }
}

const sortedCountries = new Map<PublicLanguage, readonly (readonly [string, string])[]>();

/** Every country as [alpha-3, name], sorted by name in the language. */
export function countryOptions(lang: PublicLanguage): readonly (readonly [string, string])[] {
  let list = sortedCountries.get(lang);
  if (list === undefined) {
    const collator = new Intl.Collator(lang);
    list = [...alpha2ByAlpha3.keys()].map((code) => [code, countryName(lang, code)] as const).sort((a, b) => collator.compare(a[1], b[1]));
    sortedCountries.set(lang, list);
  }
  return list;
}

/** A spoken language's name from its ISO 639 code (`fra` → "French"); the code when unknown. */
export function languageName(lang: PublicLanguage, code: string): string {
  try {
    return languageNames.get(lang)!.of(code) ?? code;
  } catch {
    return code;
  }
}

const dateFormats = new Map(
  publicLanguages.map((lang) => [
    lang,
    {
      day: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }),
    },
  ]),
);

/** A date `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO timestamp, written as the language writes dates. */
export function formatDate(lang: PublicLanguage, value: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (match === null) return value;
  const [, year, month, day] = match;
  if (month === undefined) return year!;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, day === undefined ? 1 : Number(day)));
  if (Number.isNaN(date.getTime())) return value;
  const formats = dateFormats.get(lang)!;
  return (day === undefined ? formats.month : formats.day).format(date);
}

const listFormats = new Map(publicLanguages.map((lang) => [lang, new Intl.ListFormat(lang, { type: 'conjunction' })]));

/** Items joined as the language joins them ("A, B and C"). */
export function formatList(lang: PublicLanguage, items: readonly string[]): string {
  return listFormats.get(lang)!.format(items);
}

const dateTimeFormats = new Map(
  publicLanguages.map((lang) => [lang, new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })]),
);

/** A moment (ISO timestamp) with its date and time in UTC, as the language writes them. */
export function formatDateTime(lang: PublicLanguage, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${dateTimeFormats.get(lang)!.format(date)} UTC`;
}
