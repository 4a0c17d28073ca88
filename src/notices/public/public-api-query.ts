/**
 * The search filters of the public API, named as INTERPOL's public notices API names them
 * (`forename`, `name`, `nationality`, `ageMin`, `ageMax`, `sexId`, `arrestWarrantCountryId`,
 * `freeText`, `page`, `resultPerPage`), checked and turned into a catalogue query.
 *
 *   const { query, echo } = noticeQueryOf(['red'], request.query);
 */
import { Type, type Static } from 'typebox';
import { invalid, type FieldError } from '../../platform/errors.js';
import { OneOf } from '../../platform/http/schemas.js';
import { sexes, type NoticeType } from '../notice-model.js';
import { alpha2Of, countryCodeOf } from './country-codes.js';
import type { NoticeQuery } from './public-catalogue.js';

export const maxResultPerPage = 160;
export const defaultResultPerPage = 20;

const country = (description: string) =>
  Type.String({ maxLength: 3, description: `${description}: ISO 3166 alpha-2 (FR) or alpha-3 (FRA)` });

/** The query string of the list endpoints; unknown parameters are refused. */
export const NoticeListQuerySchema = Type.Object(
  {
    forename: Type.Optional(Type.String({ maxLength: 100, description: 'Forename, each word a prefix; case and accents ignored' })),
    name: Type.Optional(Type.String({ maxLength: 100, description: 'Family name, name in original script or alias, each word a prefix' })),
    nationality: Type.Optional(country('A nationality')),
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 150, description: 'Age today, at least (years)' })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 150, description: 'Age today, at most (years)' })),
    sexId: Type.Optional(OneOf(sexes, 'F, M or U')),
    arrestWarrantCountryId: Type.Optional(country('The country that issued an arrest warrant (red notices)')),
    freeText: Type.Optional(Type.String({ maxLength: 200, description: 'Every word must occur in the public text' })),
    campaign: Type.Optional(Type.String({ maxLength: 100, description: 'Only notices of this campaign (its slug)' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: '1-based' })),
    resultPerPage: Type.Optional(
      Type.Integer({ minimum: 1, maximum: maxResultPerPage, description: `Default ${defaultResultPerPage}, at most ${maxResultPerPage}` }),
    ),
  },
  { additionalProperties: false },
);
export type NoticeListQuery = Static<typeof NoticeListQuerySchema>;

/** The filters as the answer's `query` echoes them (and its links repeat them), in a fixed order. */
export type QueryEcho = Record<string, string | number>;

/** Checks what the schema cannot (known countries and campaigns, an age range the right way round). */
export function noticeQueryOf(
  types: readonly NoticeType[] | undefined,
  raw: NoticeListQuery,
  knownCampaign: (slug: string) => boolean,
): { query: NoticeQuery; echo: QueryEcho } {
  const problems: FieldError[] = [];
  const page = raw.page ?? 1;
  const perPage = raw.resultPerPage ?? defaultResultPerPage;
  const query: NoticeQuery = { page, perPage, ...(types !== undefined && { types }) };
  const echo: QueryEcho = {};
  const text = (value: string | undefined): string | undefined => {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  };

  const forename = text(raw.forename);
  if (forename !== undefined) echo['forename'] = query.forename = forename;
  const name = text(raw.name);
  if (name !== undefined) echo['name'] = query.name = name;
  if (raw.nationality !== undefined) {
    const code = countryCodeOf(raw.nationality);
    if (code === undefined) problems.push(unknownCountry('nationality', raw.nationality));
    else {
      query.nationality = code;
      echo['nationality'] = alpha2Of(code);
    }
  }
  if (raw.ageMin !== undefined) echo['ageMin'] = query.ageMin = raw.ageMin;
  if (raw.ageMax !== undefined) echo['ageMax'] = query.ageMax = raw.ageMax;
  if (raw.ageMin !== undefined && raw.ageMax !== undefined && raw.ageMin > raw.ageMax) {
    problems.push({ field: 'querystring.ageMin', message: `must not be more than ageMax (${raw.ageMax})` });
  }
  if (raw.sexId !== undefined) echo['sexId'] = query.sex = raw.sexId;
  if (raw.arrestWarrantCountryId !== undefined) {
    const code = countryCodeOf(raw.arrestWarrantCountryId);
    if (code === undefined) problems.push(unknownCountry('arrestWarrantCountryId', raw.arrestWarrantCountryId));
    else {
      query.arrestWarrantCountry = code;
      echo['arrestWarrantCountryId'] = alpha2Of(code);
    }
  }
  const freeText = text(raw.freeText);
  if (freeText !== undefined) echo['freeText'] = query.freeText = freeText;
  if (raw.campaign !== undefined) {
    if (!knownCampaign(raw.campaign)) problems.push({ field: 'querystring.campaign', message: `no running campaign "${raw.campaign}"` });
    else echo['campaign'] = query.campaign = raw.campaign;
  }
  echo['page'] = page;
  echo['resultPerPage'] = perPage;

  if (problems.length > 0) {
    throw invalid(`The querystring is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
  return { query, echo };
}

function unknownCountry(field: string, value: string): FieldError {
  return { field: `querystring.${field}`, message: `unknown country "${value}" (use ISO 3166 alpha-2 such as FR, or alpha-3 such as FRA)` };
}

/** A path with the echoed filters as its query string, `page` set to `page`. */
export function pageHref(path: string, echo: QueryEcho, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(echo)) params.set(key, String(key === 'page' ? page : value));
  return `${path}?${params.toString()}`;
}
