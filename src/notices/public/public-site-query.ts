/**
 * The search filters of the public site, read from the query string (the names of INTERPOL's
 * public notices API: `name`, `forename`, `nationality`, `sexId`, `ageMin`, `ageMax`,
 * `arrestWarrantCountryId`, `freeText`, plus `type` and `page`). Empty values count as absent;
 * a value that is not one we know is a problem named by its field, never silently ignored.
 *
 *   const { filters, problems } = parseSearchFilters(new URLSearchParams('sexId=F&ageMin=20'));
 *   view.search(toNoticeQuery(filters, 20));
 */
import { noticeTypes, sexes, type NoticeType, type Sex } from '../notice-model.js';
import type { NoticeQuery } from './public-catalogue.js';
import { countryCodeOf } from './country-codes.js';

export interface SearchFilters {
  type?: NoticeType;
  name?: string;
  forename?: string;
  /** ISO alpha-3. */
  nationality?: string;
  sexId?: Sex;
  ageMin?: number;
  ageMax?: number;
  /** ISO alpha-3. */
  arrestWarrantCountryId?: string;
  freeText?: string;
  page: number;
}

export const filterFields = [
  'type',
  'name',
  'forename',
  'nationality',
  'sexId',
  'ageMin',
  'ageMax',
  'arrestWarrantCountryId',
  'freeText',
  'page',
] as const;
export type FilterField = (typeof filterFields)[number];

export type FilterProblem =
  | { field: FilterField; problem: 'unknownValue' | 'repeated' }
  | { field: FilterField; problem: 'numberRange'; min: number; max: number }
  | { field: FilterField; problem: 'tooLong'; max: number }
  | { field: FilterField; problem: 'ageOrder'; other: FilterField };

export const searchLimits = { textMax: 100, freeTextMax: 200, ageMax: 120, pageMax: 100_000, perPage: 20 } as const;

export function parseSearchFilters(params: URLSearchParams): { filters: SearchFilters; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const filters: SearchFilters = { page: 1 };

  const value = (field: FilterField): string | undefined => {
    const all = params.getAll(field).filter((v) => v.trim() !== '');
    if (all.length > 1) {
      problems.push({ field, problem: 'repeated' });
      return undefined;
    }
    return all[0]?.trim();
  };
  const text = (field: FilterField, max: number): string | undefined => {
    const v = value(field);
    if (v !== undefined && v.length > max) {
      problems.push({ field, problem: 'tooLong', max });
      return undefined;
    }
    return v;
  };
  const integer = (field: FilterField, min: number, max: number): number | undefined => {
    const v = value(field);
    if (v === undefined) return undefined;
    if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push({ field, problem: 'numberRange', min, max });
      return undefined;
    }
    return Number(v);
  };
  const oneOf = <T extends string>(
    field: FilterField,
    allowed: readonly T[],
    normalise: (v: string) => string = (v) => v,
  ): T | undefined => {
    const v = value(field);
    if (v === undefined) return undefined;
    const normalised = normalise(v);
    if (!(allowed as readonly string[]).includes(normalised)) {
      problems.push({ field, problem: 'unknownValue' });
      return undefined;
    }
    return normalised as T;
  };
  const country = (field: FilterField): string | undefined => {
    const v = value(field);
    if (v === undefined) return undefined;
    const code = countryCodeOf(v);
    if (code === undefined) problems.push({ field, problem: 'unknownValue' });
    return code;
  };

  const assign = <K extends keyof SearchFilters>(key: K, v: SearchFilters[K] | undefined): void => {
    if (v !== undefined) filters[key] = v;
  };
  assign(
    'type',
    oneOf('type', noticeTypes, (v) => v.toLowerCase()),
  );
  assign('name', text('name', searchLimits.textMax));
  assign('forename', text('forename', searchLimits.textMax));
  assign('nationality', country('nationality'));
  assign(
    'sexId',
    oneOf('sexId', sexes, (v) => v.toUpperCase()),
  );
  assign('ageMin', integer('ageMin', 0, searchLimits.ageMax));
  assign('ageMax', integer('ageMax', 0, searchLimits.ageMax));
  assign('arrestWarrantCountryId', country('arrestWarrantCountryId'));
  assign('freeText', text('freeText', searchLimits.freeTextMax));
  assign('page', integer('page', 1, searchLimits.pageMax));
  if (filters.ageMin !== undefined && filters.ageMax !== undefined && filters.ageMax < filters.ageMin) {
    problems.push({ field: 'ageMax', problem: 'ageOrder', other: 'ageMin' });
  }
  return { filters, problems };
}

export function toNoticeQuery(filters: SearchFilters, perPage: number): NoticeQuery {
  return {
    ...(filters.type !== undefined && { types: [filters.type] }),
    ...(filters.name !== undefined && { name: filters.name }),
    ...(filters.forename !== undefined && { forename: filters.forename }),
    ...(filters.nationality !== undefined && { nationality: filters.nationality }),
    ...(filters.sexId !== undefined && { sex: filters.sexId }),
    ...(filters.ageMin !== undefined && { ageMin: filters.ageMin }),
    ...(filters.ageMax !== undefined && { ageMax: filters.ageMax }),
    ...(filters.arrestWarrantCountryId !== undefined && { arrestWarrantCountry: filters.arrestWarrantCountryId }),
    ...(filters.freeText !== undefined && { freeText: filters.freeText }),
    page: filters.page,
    perPage,
  };
}

/** The query string of these filters at another page (`?name=doe&page=3`; empty for page 1 with no filter). */
export function filtersQuery(filters: SearchFilters, page: number): string {
  const params = new URLSearchParams();
  for (const field of filterFields) {
    if (field === 'page') continue;
    const v = filters[field];
    if (v !== undefined) params.set(field, String(v));
  }
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}
