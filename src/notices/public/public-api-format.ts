/**
 * The public API's documents, HAL-style and with INTERPOL's field names where INTERPOL has the
 * field (`entity_id`, `date_of_birth` as `YYYY/MM/DD`, alpha-2 `nationalities`, height in metres),
 * built from the public extract only: a field the agency did not choose is absent, never null.
 *
 *   const document = noticeListDocument('/api/public/v1/notices/red', view.search(query), echo);
 */
import { noticeUrlId, type PublicCampaign, type PublicNotice } from '../notice-model.js';
import { alpha2Of } from './country-codes.js';
import { pageHref, type QueryEcho } from './public-api-query.js';
import type { CatalogueView, SearchResult } from './public-catalogue.js';

export const apiBase = '/api/public/v1';

interface Link {
  href: string;
}
type Links = Record<string, Link>;

const link = (href: string): Link => ({ href });

export function noticeHref(notice: Pick<PublicNotice, 'type' | 'publicNumber'>): string {
  return `${apiBase}/notices/${notice.type}/${noticeUrlId(notice.publicNumber)}`;
}
export function imageHref(photoId: string, variant: 'image' | 'thumbnail' = 'image'): string {
  return variant === 'image' ? `${apiBase}/images/${photoId}` : `${apiBase}/images/${photoId}/thumbnail`;
}
/** The public page's tip form; `en` may be replaced by fr, es or ar. */
export function tipHref(notice: Pick<PublicNotice, 'publicNumber'>, language = 'en'): string {
  return `/${language}/notices/${noticeUrlId(notice.publicNumber)}#tip`;
}

/** `1958-11-05` → `1958/11/05` (INTERPOL's form; `1958` stays `1958`). */
export function interpolDate(date: string): string {
  return date.replaceAll('-', '/');
}

function noticeLinks(notice: PublicNotice): Links {
  const self = noticeHref(notice);
  const first = notice.photos[0];
  return {
    self: link(self),
    images: link(`${self}/images`),
    ...(first !== undefined && { thumbnail: link(imageHref(first.id, 'thumbnail')) }),
  };
}

/** One notice in a result list: INTERPOL's list fields, plus its type and title. */
export function noticeSummary(notice: PublicNotice): Record<string, unknown> {
  const c = notice.content;
  return {
    entity_id: notice.publicNumber,
    type: notice.type,
    ...(c.title !== undefined && { title: c.title }),
    ...(c.forename !== undefined && { forename: c.forename }),
    ...(c.familyName !== undefined && { name: c.familyName }),
    ...(c.birthDate !== undefined && { date_of_birth: interpolDate(c.birthDate) }),
    ...(c.nationalities !== undefined && { nationalities: c.nationalities.map(alpha2Of) }),
    _links: noticeLinks(notice),
  };
}

/** A page of results: `total` counts every match, and `next` and `last` reach all of them. */
export function noticeListDocument(path: string, result: SearchResult, echo: QueryEcho): Record<string, unknown> {
  const page = Number(echo['page']);
  const perPage = Number(echo['resultPerPage']);
  const last = Math.max(1, Math.ceil(result.total / perPage));
  return {
    total: result.total,
    query: echo,
    _embedded: { notices: result.notices.map(noticeSummary) },
    _links: {
      self: link(pageHref(path, echo, page)),
      first: link(pageHref(path, echo, 1)),
      ...(page > 1 && { previous: link(pageHref(path, echo, Math.min(page - 1, last))) }),
      ...(page < last && { next: link(pageHref(path, echo, page + 1)) }),
      last: link(pageHref(path, echo, last)),
    },
  };
}

/** One notice in full: every field of its public extract, under INTERPOL's names where they exist. */
export function noticeDocument(notice: PublicNotice, view: Pick<CatalogueView, 'campaign'>): Record<string, unknown> {
  const c = notice.content;
  const doc: Record<string, unknown> = { entity_id: notice.publicNumber, type: notice.type };
  const put = (key: string, value: unknown): void => {
    if (value !== undefined) doc[key] = value;
  };
  put('title', c.title);
  put('forename', c.forename);
  put('name', c.familyName);
  put('name_in_original_script', c.originalScriptName);
  put('aliases', c.aliases);
  put('sex_id', c.sex);
  put('date_of_birth', c.birthDate === undefined ? undefined : interpolDate(c.birthDate));
  put('place_of_birth', c.birthPlace);
  put('country_of_birth_id', c.birthCountry === undefined ? undefined : alpha2Of(c.birthCountry));
  put('nationalities', c.nationalities?.map(alpha2Of));
  put(
    'languages_spoken_ids',
    c.languages?.map((l) => l.toUpperCase()),
  );
  put('height', c.heightCm === undefined ? undefined : Math.round(c.heightCm) / 100);
  put('weight', c.weightKg);
  put('eyes_colors_id', c.eyes === undefined ? undefined : [c.eyes]);
  put('hairs_id', c.hair === undefined ? undefined : [c.hair]);
  put('distinguishing_marks', c.distinguishingMarks);
  put(
    'arrest_warrants',
    c.arrestWarrants?.map((w) => ({
      issuing_country_id: alpha2Of(w.issuingCountry),
      charge: w.charge,
      charge_translation: w.chargeTranslations?.en ?? null,
      ...(w.chargeTranslations !== undefined && { charge_translations: w.chargeTranslations }),
    })),
  );
  if (c.disappearance !== undefined) {
    put('date_of_event', c.disappearance.date === undefined ? undefined : interpolDate(c.disappearance.date));
    put('place', c.disappearance.place);
    put('country', c.disappearance.country === undefined ? undefined : alpha2Of(c.disappearance.country));
  }
  put('description', c.description);
  doc['published_at'] = notice.publishedAt;
  doc['issuing_agency'] = { name: notice.ownerAgencyName, country_id: alpha2Of(notice.ownerAgencyCountry) };
  doc['campaigns'] = notice.campaigns.flatMap((slug) => {
    const campaign = view.campaign(slug);
    return campaign === undefined ? [] : [{ slug, title: campaign.title, _links: { self: link(`${apiBase}/campaigns/${slug}`) } }];
  });
  doc['_links'] = { ...noticeLinks(notice), tip: link(tipHref(notice)) };
  return doc;
}

/** The public photos of a notice, as INTERPOL lists a notice's images. */
export function imagesDocument(notice: PublicNotice): Record<string, unknown> {
  return {
    _embedded: {
      images: notice.photos.map((photo) => ({
        picture_id: photo.id,
        ...(photo.caption !== '' && { caption: photo.caption }),
        width: photo.width,
        height: photo.height,
        _links: { self: link(imageHref(photo.id)), thumbnail: link(imageHref(photo.id, 'thumbnail')) },
      })),
    },
    _links: { self: link(`${noticeHref(notice)}/images`), notice: link(noticeHref(notice)) },
  };
}

function campaignSummary(campaign: PublicCampaign, view: Pick<CatalogueView, 'byNumber'>): Record<string, unknown> {
  return {
    slug: campaign.slug,
    title: campaign.title,
    starts_on: campaign.startsOn,
    ends_on: campaign.endsOn,
    issuing_agency: { name: campaign.ownerAgencyName },
    total: campaign.notices.filter((n) => view.byNumber(n) !== undefined).length,
    _links: {
      self: link(`${apiBase}/campaigns/${campaign.slug}`),
      notices: link(`${apiBase}/notices?campaign=${encodeURIComponent(campaign.slug)}`),
    },
  };
}

export function campaignListDocument(view: Pick<CatalogueView, 'campaigns' | 'byNumber'>): Record<string, unknown> {
  return {
    total: view.campaigns.length,
    _embedded: { campaigns: view.campaigns.map((c) => campaignSummary(c, view)) },
    _links: { self: link(`${apiBase}/campaigns`) },
  };
}

/** A campaign with its text, its translations and its notices in the campaign's order. */
export function campaignDocument(campaign: PublicCampaign, view: Pick<CatalogueView, 'byNumber'>): Record<string, unknown> {
  const notices = campaign.notices.map((n) => view.byNumber(n)).filter((n): n is PublicNotice => n !== undefined);
  return {
    ...campaignSummary(campaign, view),
    body: campaign.body,
    translations: campaign.translations,
    _embedded: { notices: notices.map(noticeSummary) },
  };
}
