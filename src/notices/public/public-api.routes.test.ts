/**
 * The public API over a catalogue of fixture notices (the public catalogue fed by an in-memory
 * PublicNoticeSource, the port the notice service implements): filters, paging past INTERPOL's
 * 160, HAL links, 400 naming the field, 404 for unknown types and wrong numbers, ETag and 304,
 * only public-extract fields, photos only when public, CORS.
 */
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toProblem } from '../../platform/http/problem.js';
import type { Server } from '../../platform/http/server.js';
import { validatorCompiler } from '../../platform/http/validation.js';
import type { NoticeType, PublicCampaign, PublicNotice } from '../notice-model.js';
import { photoCacheControl, registerPublicApi } from './public-api.routes.js';
import { PublicCatalogue } from './public-catalogue.js';
import type { PublicNoticeSource, PublicSnapshot } from './public-data.js';

const today = new Date('2026-11-29T12:00:00Z');

function notice(n: number, type: NoticeType, content: PublicNotice['content'], photos: PublicNotice['photos'] = []): PublicNotice {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    publicNumber: `2026/${String(n).padStart(5, '0')}`,
    type,
    ownerAgencyId: 'a1',
    ownerAgencyName: 'Politie Nederland',
    ownerAgencyCountry: 'NLD',
    publishedAt: '2026-11-01T10:00:00.000Z',
    content,
    photos,
    campaigns: [],
  };
}

const photoId = 'aaaaaaaa-0000-4000-8000-000000000001';
const hiddenPhotoId = 'aaaaaaaa-0000-4000-8000-000000000002';
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

const doe = notice(
  1,
  'red',
  {
    familyName: 'Doe',
    forename: 'John Henry',
    originalScriptName: 'Джон Доу',
    sex: 'M',
    birthDate: '1980-05-17',
    nationalities: ['FRA', 'DZA'],
    languages: ['fra', 'ara'],
    heightCm: 182,
    weightKg: 80,
    eyes: 'brown',
    arrestWarrants: [{ issuingCountry: 'FRA', charge: 'Meurtre', chargeTranslations: { en: 'Murder' } }],
    description: 'Wanted for a murder in Lyon.',
  },
  [{ id: photoId, caption: 'Face', width: 400, height: 500 }],
);
const maria = notice(2, 'yellow', {
  familyName: 'Garcia Lopez',
  forename: 'María',
  sex: 'F',
  birthDate: '2010',
  nationalities: ['ESP'],
  disappearance: { date: '2026-10-02', place: 'Sevilla', country: 'ESP' },
});
const object = notice(3, 'object', { title: 'A blue rucksack with a fox badge', description: 'Seen in an image; where was it sold?' });
/** 400 red notices of Belgians, aged 20 to 59, to page through. */
const many = Array.from({ length: 400 }, (_, i) =>
  notice(100 + i, 'red', {
    familyName: `Peeters${i}`,
    forename: i % 2 === 0 ? 'Jan' : 'Els',
    sex: i % 2 === 0 ? 'M' : 'F',
    birthDate: `${2006 - (i % 40)}-01-01`,
    nationalities: ['BEL'],
    arrestWarrants: [{ issuingCountry: 'BEL', charge: 'Fraud' }],
  }),
);
const campaign: PublicCampaign = {
  id: 'c1',
  slug: 'crimes-against-women',
  title: 'Wanted for crimes against women',
  body: 'Help us find them.',
  translations: { fr: { title: 'Recherchés pour des crimes contre les femmes' } },
  startsOn: '2026-11-25',
  endsOn: null,
  ownerAgencyName: 'Politie Nederland',
  notices: [doe.publicNumber, '2026/99999'],
};
doe.campaigns = [campaign.slug];

/** Enough of a HAL answer's shape for the assertions. */
interface Hal {
  [field: string]: unknown;
  total?: number;
  _embedded: { notices: { entity_id: string }[]; images: unknown[]; campaigns: unknown[] };
  _links: Record<string, { href: string } | undefined>;
}

class FixtureSource implements PublicNoticeSource {
  snapshot: PublicSnapshot = { revision: 1, notices: [doe, maria, object, ...many], campaigns: [campaign] };
  photoReads = 0;
  publicRevision(): Promise<number> {
    return Promise.resolve(this.snapshot.revision);
  }
  publicSnapshot(): Promise<PublicSnapshot> {
    return Promise.resolve(this.snapshot);
  }
  publicPhoto(id: string, _variant: 'image' | 'thumbnail'): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
    this.photoReads += 1;
    // The source would serve the hidden photo: the API must not ask it for a photo that is not public.
    if (id !== photoId && id !== hiddenPhotoId) return Promise.resolve(undefined);
    return Promise.resolve({ bytes: jpeg, sha256: createHash('sha256').update(jpeg).digest('hex') });
  }
}

describe('public API (fixture catalogue)', () => {
  let server: Server;
  const source = new FixtureSource();
  const catalogue = new PublicCatalogue(source, () => today, 0);
  const get = (url: string, headers: Record<string, string> = {}) => server.inject({ method: 'GET', url: `/api/public/v1${url}`, headers });
  const json = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Hal>();
  };
  const numbers = (body: Hal): string[] => body._embedded.notices.map((n) => n.entity_id);

  beforeAll(async () => {
    server = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    server.setValidatorCompiler(validatorCompiler());
    server.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error, request.url, request.id);
      return reply.status(problem.status).type('application/problem+json').send(problem);
    });
    await server.register(
      (api, _opts, done) => {
        registerPublicApi(api, { catalogue, photo: (id, variant) => source.publicPhoto(id, variant), today: () => today });
        done();
      },
      { prefix: '/api/public/v1' },
    );
    await server.ready();
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists one type, HAL-shaped, newest first as the catalogue holds them', async () => {
    const body = await json('/notices/yellow');
    expect(body).toEqual({
      total: 1,
      query: { page: 1, resultPerPage: 20 },
      _embedded: {
        notices: [
          {
            entity_id: '2026/00002',
            type: 'yellow',
            forename: 'María',
            name: 'Garcia Lopez',
            date_of_birth: '2010',
            nationalities: ['ES'],
            _links: {
              self: { href: '/api/public/v1/notices/yellow/2026-00002' },
              images: { href: '/api/public/v1/notices/yellow/2026-00002/images' },
            },
          },
        ],
      },
      _links: {
        self: { href: '/api/public/v1/notices/yellow?page=1&resultPerPage=20' },
        first: { href: '/api/public/v1/notices/yellow?page=1&resultPerPage=20' },
        last: { href: '/api/public/v1/notices/yellow?page=1&resultPerPage=20' },
      },
    });
    expect((await json('/notices'))['total']).toBe(403);
    expect((await json('/notices/red'))['total']).toBe(401);
    expect((await json('/notices/black'))['total']).toBe(0);
  });

  it('filters by name and forename prefixes, accents and case folded', async () => {
    expect(numbers(await json('/notices/red?name=DO&forename=hen'))).toEqual(['2026/00001']);
    expect(numbers(await json('/notices/red?name=%D0%B4%D0%B6%D0%BE%D0%BD'))).toEqual(['2026/00001']);
    expect(numbers(await json('/notices/yellow?forename=maria&name=lopez'))).toEqual(['2026/00002']);
    expect((await json('/notices/red?forename=jan'))['total']).toBe(200);
    expect((await json('/notices/red?name=peeters12'))['total']).toBe(11);
  });

  it('filters by nationality in alpha-2 or alpha-3, sex, age, warrant country and free text', async () => {
    const byAlpha2 = await json('/notices/red?nationality=dz');
    expect(numbers(byAlpha2)).toEqual(['2026/00001']);
    expect(byAlpha2['query']).toEqual({ nationality: 'DZ', page: 1, resultPerPage: 20 });
    expect(numbers(await json('/notices/red?nationality=DZA'))).toEqual(['2026/00001']);
    expect((await json('/notices/red?nationality=BE&sexId=F'))['total']).toBe(200);
    // Born 1980-05-17: 46 on 2026-11-29.
    expect(numbers(await json('/notices/red?ageMin=46&ageMax=46&nationality=FR'))).toEqual(['2026/00001']);
    expect((await json('/notices/red?ageMin=47&nationality=FR'))['total']).toBe(0);
    // The Belgians are 20 to 59 on 2026-01-01 birthdays: ten of each age.
    expect((await json('/notices/red?nationality=BE&ageMin=20&ageMax=29'))['total']).toBe(100);
    expect(numbers(await json('/notices/red?arrestWarrantCountryId=FR'))).toEqual(['2026/00001']);
    expect((await json('/notices/red?arrestWarrantCountryId=BEL'))['total']).toBe(400);
    expect(numbers(await json('/notices/red?freeText=murder%20lyon'))).toEqual(['2026/00001']);
    expect(numbers(await json('/notices?freeText=RUCKSACK'))).toEqual(['2026/00003']);
    expect(numbers(await json('/notices?campaign=crimes-against-women'))).toEqual(['2026/00001']);
  });

  it('treats empty parameters, as forms send them, as absent', async () => {
    const body = await json('/notices/red?forename=&name=&nationality=FR&sexId=&ageMin=');
    expect(numbers(body)).toEqual(['2026/00001']);
    expect(body['query']).toEqual({ nationality: 'FR', page: 1, resultPerPage: 20 });
  });

  it('pages past 160: the links reach every match, and total counts them all', async () => {
    const first = await json('/notices/red?nationality=BE&resultPerPage=160');
    expect(first['total']).toBe(400);
    expect(first._links).toEqual({
      self: { href: '/api/public/v1/notices/red?nationality=BE&page=1&resultPerPage=160' },
      first: { href: '/api/public/v1/notices/red?nationality=BE&page=1&resultPerPage=160' },
      next: { href: '/api/public/v1/notices/red?nationality=BE&page=2&resultPerPage=160' },
      last: { href: '/api/public/v1/notices/red?nationality=BE&page=3&resultPerPage=160' },
    });
    const seen = new Set<string>(numbers(first));
    let next: string | undefined = first._links.next?.href;
    let pages = 1;
    while (next !== undefined) {
      const res = await server.inject({ method: 'GET', url: next });
      const body = res.json<Hal>();
      for (const n of numbers(body)) seen.add(n);
      expect(body._links.previous).toBeDefined();
      next = body._links.next?.href;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(400);
    const last = await json('/notices/red?nationality=BE&resultPerPage=160&page=3');
    expect(numbers(last)).toHaveLength(80);
    expect(last._links.next).toBeUndefined();
    const beyond = await json('/notices/red?nationality=BE&resultPerPage=160&page=9');
    expect(beyond['total']).toBe(400);
    expect(numbers(beyond)).toEqual([]);
  });

  it.each([
    ['/notices/red?sexId=X', 'querystring.sexId'],
    ['/notices/red?nationality=ZZ', 'querystring.nationality'],
    ['/notices/red?nationality=France', 'querystring.nationality'],
    ['/notices/red?arrestWarrantCountryId=XX', 'querystring.arrestWarrantCountryId'],
    ['/notices/red?ageMin=abc', 'querystring.ageMin'],
    ['/notices/red?ageMin=50&ageMax=40', 'querystring.ageMin'],
    ['/notices/red?resultPerPage=161', 'querystring.resultPerPage'],
    ['/notices/red?page=0', 'querystring.page'],
    ['/notices/red?color=red', 'querystring.color'],
    ['/notices?campaign=nope', 'querystring.campaign'],
    ['/notices/red?name=a&name=b', 'querystring.name'],
  ])('answers 400 naming the field for %s', async (url, field) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const problem = res.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('invalid');
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });

  it('answers 404 for an unknown type, a malformed number and a number of another type', async () => {
    const unknown = await get('/notices/pink');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ detail: string }>().detail).toContain('No notice type "pink"');
    expect(unknown.headers['access-control-allow-origin']).toBe('*');
    expect((await get('/notices/red/2026-00001')).statusCode).toBe(200);
    expect((await get('/notices/yellow/2026-00001')).statusCode).toBe(404);
    expect((await get('/notices/red/2026-00001/images')).statusCode).toBe(200);
    expect((await get('/notices/yellow/2026-00001/images')).statusCode).toBe(404);
    expect((await get('/notices/red/2026-99999')).statusCode).toBe(404);
    expect((await get('/notices/red/2026%2F00001')).statusCode).toBe(404);
    expect((await get('/notices/red/abc')).statusCode).toBe(404);
  });

  it('gives a notice with only its public-extract fields, under INTERPOL names, and Vigil extras', async () => {
    const body = await json('/notices/red/2026-00001');
    expect(body).toEqual({
      entity_id: '2026/00001',
      type: 'red',
      forename: 'John Henry',
      name: 'Doe',
      name_in_original_script: 'Джон Доу',
      sex_id: 'M',
      date_of_birth: '1980/05/17',
      nationalities: ['FR', 'DZ'],
      languages_spoken_ids: ['FRA', 'ARA'],
      height: 1.82,
      weight: 80,
      eyes_colors_id: ['brown'],
      arrest_warrants: [
        { issuing_country_id: 'FR', charge: 'Meurtre', charge_translation: 'Murder', charge_translations: { en: 'Murder' } },
      ],
      description: 'Wanted for a murder in Lyon.',
      published_at: '2026-11-01T10:00:00.000Z',
      issuing_agency: { name: 'Politie Nederland', country_id: 'NL' },
      campaigns: [
        {
          slug: 'crimes-against-women',
          title: 'Wanted for crimes against women',
          _links: { self: { href: '/api/public/v1/campaigns/crimes-against-women' } },
        },
      ],
      _links: {
        self: { href: '/api/public/v1/notices/red/2026-00001' },
        images: { href: '/api/public/v1/notices/red/2026-00001/images' },
        thumbnail: { href: `/api/public/v1/images/${photoId}/thumbnail` },
        tip: { href: '/en/notices/2026-00001#tip' },
      },
    });
    // No field that was not chosen appears, not even as null.
    for (const absent of ['documents', 'hairs_id', 'place_of_birth', 'country_of_birth_id', 'aliases', 'distinguishing_marks', 'title']) {
      expect(body).not.toHaveProperty(absent);
    }
    const yellow = await json('/notices/yellow/2026-00002');
    expect(yellow).toMatchObject({ date_of_event: '2026/10/02', place: 'Sevilla', country: 'ES', date_of_birth: '2010' });
    expect(yellow).not.toHaveProperty('arrest_warrants');
  });

  it('lists the public photos and serves them as JPEG with a digest ETag, long cached; only public ones', async () => {
    const images = await json('/notices/red/2026-00001/images');
    expect(images).toEqual({
      _embedded: {
        images: [
          {
            picture_id: photoId,
            caption: 'Face',
            width: 400,
            height: 500,
            _links: {
              self: { href: `/api/public/v1/images/${photoId}` },
              thumbnail: { href: `/api/public/v1/images/${photoId}/thumbnail` },
            },
          },
        ],
      },
      _links: { self: { href: '/api/public/v1/notices/red/2026-00001/images' }, notice: { href: '/api/public/v1/notices/red/2026-00001' } },
    });
    expect((await json('/notices/yellow/2026-00002/images'))._embedded.images).toEqual([]);

    const photo = await get(`/images/${photoId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload).toEqual(Buffer.from(jpeg));
    expect(photo.headers['etag']).toBe(`"${createHash('sha256').update(jpeg).digest('hex')}"`);
    expect(photo.headers['cache-control']).toBe(photoCacheControl);
    expect(photo.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await get(`/images/${photoId}/thumbnail`)).statusCode).toBe(200);
    const again = await get(`/images/${photoId}`, { 'if-none-match': photo.headers['etag'] as string });
    expect(again.statusCode).toBe(304);

    const reads = source.photoReads;
    expect((await get(`/images/${hiddenPhotoId}`)).statusCode).toBe(404);
    expect((await get('/images/not-a-uuid')).statusCode).toBe(404);
    expect(source.photoReads).toBe(reads);
  });

  it('lists running campaigns and gives one with its notices in order', async () => {
    const list = await json('/campaigns');
    expect(list['total']).toBe(1);
    expect(list._embedded.campaigns[0]).toMatchObject({
      slug: 'crimes-against-women',
      total: 1,
      _links: { notices: { href: '/api/public/v1/notices?campaign=crimes-against-women' } },
    });
    const one = await json('/campaigns/crimes-against-women');
    expect(one).toMatchObject({
      title: 'Wanted for crimes against women',
      body: 'Help us find them.',
      starts_on: '2026-11-25',
      ends_on: null,
    });
    expect(numbers(one)).toEqual(['2026/00001']);
    expect((await get('/campaigns/nope')).statusCode).toBe(404);
  });

  it('caches for a minute with an ETag, answers 304 to it, and changes it with the revision', async () => {
    const first = await get('/notices/red?nationality=FR');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/notices/red?nationality=DE')).headers['etag']).not.toBe(etag);

    const cached = await get('/notices/red?nationality=FR', { 'if-none-match': `W/${etag}, "other"` });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect(cached.headers['etag']).toBe(etag);
    expect(cached.headers['cache-control']).toBe('public, max-age=60');

    source.snapshot = { ...source.snapshot, revision: 2, notices: source.snapshot.notices.filter((n) => n.id !== doe.id) };
    catalogue.invalidate();
    const after = await get('/notices/red?nationality=FR', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers['etag']).not.toBe(etag);
    expect(after.json<{ total: number }>().total).toBe(0);
    // The withdrawn notice's photo is no longer served.
    expect((await get(`/images/${photoId}`)).statusCode).toBe(404);
    expect((await get('/notices/red/2026-00001')).statusCode).toBe(404);
    source.snapshot = { ...source.snapshot, revision: 3, notices: [doe, ...source.snapshot.notices] };
    catalogue.invalidate();
  });

  it('answers a CORS preflight', async () => {
    const res = await server.inject({
      method: 'OPTIONS',
      url: '/api/public/v1/notices/red',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toContain('if-none-match');
  });
});
