/**
 * The public API's documents as OpenAPI sees them. Answers are sent already serialised (see
 * public-api-cache.ts), so these describe them for clients and are not used to write them.
 */
import { Type, type TSchema } from 'typebox';
import { OneOf } from '../../platform/http/schemas.js';
import { noticeTypes, sexes } from '../notice-model.js';

const Link = Type.Object({ href: Type.String() });
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Alpha2 = Type.String({ description: 'ISO 3166 alpha-2 (alpha-3 when the country has no alpha-2)' });
const InterpolDate = Type.String({ description: 'YYYY/MM/DD, YYYY/MM or YYYY' });

export const NoticeSummarySchema = Type.Object(
  {
    entity_id: Type.String({ description: 'YYYY/NNNNN' }),
    type: OneOf(noticeTypes),
    title: opt(Type.String()),
    forename: opt(Type.String()),
    name: opt(Type.String({ description: 'Family name' })),
    date_of_birth: opt(InterpolDate),
    nationalities: opt(Type.Array(Alpha2)),
    _links: Type.Object({ self: Link, images: Link, thumbnail: opt(Link) }),
  },
  { description: 'A field the publishing agency did not make public is absent' },
);

export const NoticeListSchema = Type.Object({
  total: Type.Integer({ description: 'Every match; paging reaches all of them' }),
  query: Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer()]), {
    description: 'The filters applied, with page and resultPerPage',
  }),
  _embedded: Type.Object({ notices: Type.Array(NoticeSummarySchema) }),
  _links: Type.Object({ self: Link, first: Link, previous: opt(Link), next: opt(Link), last: Link }),
});

const CampaignRef = Type.Object({ slug: Type.String(), title: Type.String(), _links: Type.Object({ self: Link }) });

export const NoticeDetailSchema = Type.Object(
  {
    entity_id: Type.String({ description: 'YYYY/NNNNN' }),
    type: OneOf(noticeTypes),
    title: opt(Type.String()),
    forename: opt(Type.String()),
    name: opt(Type.String()),
    name_in_original_script: opt(Type.String()),
    aliases: opt(Type.Array(Type.String())),
    sex_id: opt(OneOf(sexes)),
    date_of_birth: opt(InterpolDate),
    place_of_birth: opt(Type.String()),
    country_of_birth_id: opt(Alpha2),
    nationalities: opt(Type.Array(Alpha2)),
    languages_spoken_ids: opt(Type.Array(Type.String({ description: 'ISO 639, upper case (ENG)' }))),
    height: opt(Type.Number({ description: 'Metres' })),
    weight: opt(Type.Number({ description: 'Kilograms' })),
    eyes_colors_id: opt(Type.Array(Type.String())),
    hairs_id: opt(Type.Array(Type.String())),
    distinguishing_marks: opt(Type.String()),
    arrest_warrants: opt(
      Type.Array(
        Type.Object({
          issuing_country_id: Alpha2,
          charge: Type.String(),
          charge_translation: Type.Union([Type.String(), Type.Null()], { description: 'The charge in English, when given' }),
          charge_translations: opt(Type.Record(Type.String(), Type.String(), { description: 'By language: en, fr, es, ar' })),
        }),
      ),
    ),
    date_of_event: opt(InterpolDate),
    place: opt(Type.String()),
    country: opt(Alpha2),
    description: opt(Type.String()),
    published_at: Type.String({ format: 'date-time' }),
    issuing_agency: Type.Object({ name: Type.String(), country_id: Alpha2 }),
    campaigns: Type.Array(CampaignRef),
    _links: Type.Object({
      self: Link,
      images: Link,
      thumbnail: opt(Link),
      tip: Type.Object({ href: Type.String({ description: "The public page's tip form; replace en with fr, es or ar" }) }),
    }),
  },
  { description: 'Only the fields of the public extract; a field the agency did not make public is absent' },
);

export const ImagesSchema = Type.Object({
  _embedded: Type.Object({
    images: Type.Array(
      Type.Object({
        picture_id: Type.String(),
        caption: opt(Type.String()),
        width: Type.Integer(),
        height: Type.Integer(),
        _links: Type.Object({ self: Link, thumbnail: Link }),
      }),
    ),
  }),
  _links: Type.Object({ self: Link, notice: Link }),
});

const CampaignSummarySchema = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  starts_on: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()]),
  ends_on: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()]),
  issuing_agency: Type.Object({ name: Type.String() }),
  total: Type.Integer({ description: 'Published notices in the campaign' }),
  _links: Type.Object({ self: Link, notices: Link }),
});

export const CampaignListSchema = Type.Object({
  total: Type.Integer(),
  _embedded: Type.Object({ campaigns: Type.Array(CampaignSummarySchema) }),
  _links: Type.Object({ self: Link }),
});

export const CampaignSchema = Type.Intersect([
  CampaignSummarySchema,
  Type.Object({
    body: Type.String(),
    translations: Type.Record(Type.String(), Type.Object({ title: opt(Type.String()), body: opt(Type.String()) })),
    _embedded: Type.Object({ notices: Type.Array(NoticeSummarySchema) }),
  }),
]);
