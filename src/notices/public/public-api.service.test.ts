/**
 * The public API end to end on a real database: notices written, submitted and published through
 * the notice service, then read anonymously through the real server: only the chosen fields and
 * the public photos come out, a draft or withdrawn notice is not there, answers change with the
 * public revision, and every route is in the OpenAPI document as public.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, type TestUser } from '../../../test/factories.js';
import type { NoticeContent } from '../notice-model.js';
import type { NoticeDetail } from '../notice.service.js';

const content: NoticeContent = {
  familyName: 'Quellmann',
  forename: 'Tobias',
  originalScriptName: 'Тобиас Квелльман',
  sex: 'M',
  birthDate: '1979-04-23',
  birthPlace: 'Graz',
  nationalities: ['AUT', 'DEU'],
  heightCm: 178,
  weightKg: 91,
  arrestWarrants: [{ issuingCountry: 'AUT', charge: 'Menschenhandel', chargeTranslations: { en: 'Trafficking in human beings' } }],
  documents: [{ number: 'QX7781200', country: 'AUT' }],
  description: 'Invented person for tests.',
};

const jpeg = (r: number): Promise<Buffer> =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: { r, g: 80, b: 80 } } })
    .jpeg()
    .toBuffer();

describe('public API (through the notice service)', () => {
  let t: TestApp;
  let author: TestUser;
  let publisher: TestUser;
  let red: NoticeDetail;
  let publicPhotoId: string;
  let policePhotoId: string;

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.server.inject({ method: 'GET', url: `/api/public/v1${url}`, headers });
  const publish = async (id: string): Promise<NoticeDetail> => {
    await t.app.services.notices.transition(author.actor, id, 'submit');
    return t.app.services.notices.transition(publisher.actor, id, 'publish');
  };

  beforeAll(async () => {
    t = await createTestApp();
    const police = await insertAgency(t, { kind: 'police', country: 'AUT', name: 'Bundeskriminalamt' });
    const ncb = await insertAgency(t, { kind: 'national_central_bureau', country: 'FRA' });
    author = await insertUser(t, { agency: police, roles: ['notice_officer'] });
    publisher = await insertUser(t, { agency: ncb, roles: ['notice_officer'] });
    const draft = await t.app.services.notices.create(author.actor, {
      type: 'red',
      visibility: 'agency',
      content,
      publicFields: ['familyName', 'forename', 'sex', 'birthDate', 'nationalities', 'heightCm', 'arrestWarrants'],
    });
    publicPhotoId = (await t.app.services.notices.addPhoto(author.actor, draft.id, await jpeg(200), { caption: 'Face', public: true })).id;
    policePhotoId = (
      await t.app.services.notices.addPhoto(author.actor, draft.id, await jpeg(20), { caption: 'Surveillance', public: false })
    ).id;
    red = await publish(draft.id);
  });
  afterAll(() => t.close());

  it('finds a published notice anonymously, with only its chosen fields', async () => {
    const number = red.publicNumber!;
    const urlId = number.replace('/', '-');
    const list = await get('/notices/red?name=quell&nationality=AT');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      total: 1,
      _embedded: {
        notices: [{ entity_id: number, forename: 'Tobias', name: 'Quellmann', date_of_birth: '1979/04/23', nationalities: ['AT', 'DE'] }],
      },
    });

    const detail = await get(`/notices/red/${urlId}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      entity_id: number,
      sex_id: 'M',
      height: 1.78,
      arrest_warrants: [{ issuing_country_id: 'AT', charge: 'Menschenhandel', charge_translation: 'Trafficking in human beings' }],
      issuing_agency: { name: 'Bundeskriminalamt', country_id: 'AT' },
      _links: { tip: { href: `/en/notices/${urlId}#tip` } },
    });
    for (const field of ['weight', 'place_of_birth', 'name_in_original_script', 'description', 'documents'])
      expect(body).not.toHaveProperty(field);
    for (const secret of ['QX7781200', 'Graz', 'Квелльман', 'Invented', 'Surveillance', policePhotoId])
      expect(detail.body).not.toContain(secret);
  });

  it('serves the public photo re-encoded, and never the police-only one', async () => {
    const urlId = red.publicNumber!.replace('/', '-');
    const images = await get(`/notices/red/${urlId}/images`);
    expect(images.json()).toMatchObject({ _embedded: { images: [{ picture_id: publicPhotoId }] } });
    expect(images.body).not.toContain(policePhotoId);

    const served = await get(`/images/${publicPhotoId}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const stored = await t.app.services.notices.publicPhoto(publicPhotoId, 'image');
    expect(served.rawPayload).toEqual(Buffer.from(stored!.bytes));
    const thumbnail = await get(`/images/${publicPhotoId}/thumbnail`);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['etag']).not.toBe(served.headers['etag']);
    expect((await get(`/images/${policePhotoId}`)).statusCode).toBe(404);
    expect((await get(`/images/${policePhotoId}/thumbnail`)).statusCode).toBe(404);
  });

  it('keeps drafts out, drops a withdrawn notice at once, and changes the ETag with the revision', async () => {
    const draft = await t.app.services.notices.create(author.actor, {
      type: 'yellow',
      visibility: 'agency',
      content: {
        familyName: 'Lindqvist',
        forename: 'Maja',
        birthDate: '2009-06-01',
        disappearance: { date: '2026-10-02', place: 'Malmö', country: 'SWE' },
      },
      publicFields: ['familyName', 'forename', 'disappearance'],
    });
    expect((await get('/notices/yellow?name=lindqvist')).json()).toMatchObject({ total: 0 });

    const before = await get('/notices/yellow?name=lindqvist');
    const yellow = await publish(draft.id);
    const urlId = yellow.publicNumber!.replace('/', '-');
    const after = await get('/notices/yellow?name=lindqvist', { 'if-none-match': before.headers['etag'] as string });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ total: 1 });
    const detail = await get(`/notices/yellow/${urlId}`);
    expect(detail.json()).toMatchObject({ date_of_event: '2026/10/02', place: 'Malmö', country: 'SE' });
    expect((await get(`/notices/yellow/${urlId}`, { 'if-none-match': detail.headers['etag'] as string })).statusCode).toBe(304);
    expect((await get(`/notices/red/${urlId}`)).statusCode).toBe(404);

    await t.app.services.notices.transition(author.actor, yellow.id, 'withdraw', 'Found safe');
    expect((await get(`/notices/yellow/${urlId}`)).statusCode).toBe(404);
    expect((await get('/notices/yellow?name=lindqvist')).json()).toMatchObject({ total: 0 });
  });

  it('answers with the platform security headers, caching and CORS for every origin', async () => {
    const res = await get('/notices');
    expect(res.headers).toMatchObject({
      'cache-control': 'public, max-age=60',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    });
    const bad = await get('/notices/red?sexId=X');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid', errors: [{ field: 'querystring.sexId' }] });
    const unknown = await get('/notices/pink');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    // Read-only: writing answers not found, without asking to sign in.
    expect((await t.server.inject({ method: 'POST', url: '/api/public/v1/notices/red', payload: {} })).statusCode).toBe(404);
  });

  it('documents every public route in OpenAPI, tagged public and without security', async () => {
    const spec = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { tags?: string[]; security?: unknown[] }>>;
    }>();
    const publicPaths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/public/v1/'));
    expect(publicPaths).toEqual(
      expect.arrayContaining([
        '/api/public/v1/notices',
        '/api/public/v1/notices/red',
        '/api/public/v1/notices/red/{noticeId}',
        '/api/public/v1/notices/object/{noticeId}/images',
        '/api/public/v1/images/{photoId}',
        '/api/public/v1/images/{photoId}/thumbnail',
        '/api/public/v1/campaigns',
        '/api/public/v1/campaigns/{slug}',
      ]),
    );
    for (const path of publicPaths) {
      const get = spec.paths[path]!['get']!;
      expect(get.tags, path).toEqual(['public']);
      expect(get.security, path).toEqual([]);
    }
  });
});
