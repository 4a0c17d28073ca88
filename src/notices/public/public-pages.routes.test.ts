/**
 * The public site over HTTP on a real app and database: language redirects, cacheable pages with
 * ETags, errors as pages in the visitor's language (400 naming the field, 404, 413, 429), the tip
 * form (multipart, honeypot, limits, per-address rate limit) reaching the owning agency only, and
 * the sender reading replies and adding a follow-up with the reference and the secret.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, type TestUser } from '../../../test/factories.js';
import { noticeUrlId } from '../notice-model.js';
import { tipLimits } from './public-data.js';
import { publicSiteRateLimits } from './public-pages.routes.js';
import { publicCssPath } from './public-site-style.js';

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();
}

/** A multipart body as a browser sends it. */
async function multipart(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = []) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('photos', new Blob([file.bytes], { type: file.type ?? 'image/jpeg' }), file.name);
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), headers: { 'content-type': response.headers.get('content-type')! } };
}

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('public pages', () => {
  let t: TestApp;
  let owner: TestUser;
  let outsider: TestUser;
  let urlId = '';
  let noticeId = '';
  let ip = 0;
  /** A fresh client address, so that rate limits of one test do not touch another. */
  const visitor = (): string => `198.51.100.${++ip}`;

  beforeAll(async () => {
    t = await createTestApp();
    const police = await insertAgency(t, { kind: 'police', country: 'ESP', name: 'Policía <Nacional>' });
    const ncb = await insertAgency(t, { kind: 'national_central_bureau', country: 'FRA' });
    owner = await insertUser(t, { agency: police, roles: ['notice_officer'] });
    const publisher = await insertUser(t, { agency: ncb, roles: ['notice_officer'] });
    outsider = await insertUser(t, { roles: ['notice_officer', 'investigator'] });
    const notices = t.app.services.notices;
    const draft = await notices.create(owner.actor, {
      type: 'red',
      visibility: 'agency',
      content: {
        familyName: 'Quintero',
        forename: 'Lucía <script>alert(1)</script>',
        sex: 'F',
        birthDate: '1985-07-19',
        nationalities: ['ESP'],
        arrestWarrants: [{ issuingCountry: 'ESP', charge: 'Secuestro', chargeTranslations: { en: 'Kidnapping', ar: 'الاختطاف' } }],
        documents: [{ number: 'PX0000001' }],
      },
      publicFields: ['familyName', 'forename', 'sex', 'birthDate', 'nationalities', 'arrestWarrants'],
    });
    await notices.addPhoto(owner.actor, draft.id, await jpeg(), { caption: 'Photo from 2023', public: true });
    await notices.transition(owner.actor, draft.id, 'submit');
    const published = await notices.transition(publisher.actor, draft.id, 'publish');
    urlId = noticeUrlId(published.publicNumber!);
    noticeId = draft.id;
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.server.inject({ method: 'GET', url, headers, remoteAddress: visitor() });

  it('sends /notices to the visitor language, English by default', async () => {
    const fr = await get('/notices?name=x', { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(fr.statusCode).toBe(302);
    expect(fr.headers.location).toBe('/fr/notices?name=x');
    expect(fr.headers.vary).toContain('accept-language');
    expect((await get('/notices')).headers.location).toBe('/en/notices');
    expect((await get(`/notices/${urlId}`, { 'accept-language': 'ar' })).headers.location).toBe(`/ar/notices/${urlId}`);
    expect((await get('/es')).headers.location).toBe('/es/notices');
    const slashed = await get(`/es/notices/${urlId.replace('-', '/')}`);
    expect(slashed.statusCode).toBe(301);
    expect(slashed.headers.location).toBe(`/es/notices/${urlId}`);
  });

  it('serves the search page with the notice, cacheable with an ETag, 304 when unchanged, under the strict CSP', async () => {
    const page = await get('/en/notices?type=red');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain(`href="/en/notices/${urlId}"`);
    expect(page.body).toContain('QUINTERO, Lucía &lt;script&gt;');
    expect(page.body).not.toContain('<script>');
    const etag = page.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/en/notices?type=red', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // Another language or query is another page.
    expect((await get('/fr/notices?type=red')).headers.etag).not.toBe(etag);
  });

  it('answers an unknown filter value with a 400 page naming the field', async () => {
    const page = await get('/en/notices?sexId=X&nationality=Atlantis');
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('“Sex”: this value is not one we know.');
    expect(page.body).toContain('“Nationality”: this value is not one we know.');
  });

  it('serves the notice page in Arabic, right to left, with the charge translated and no police-only field', async () => {
    const page = await get(`/ar/notices/${urlId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('الاختطاف');
    expect(page.body).toContain('/api/public/v1/images/');
    expect(page.body).toContain('Policía &lt;Nacional&gt;');
    expect(page.body).not.toContain('PX0000001');
    expect(Buffer.byteLength(page.body)).toBeLessThan(50 * 1024);
  });

  it('answers unknown notices, campaigns and paths with a 404 page of the site, not the console', async () => {
    for (const url of ['/en/notices/2099-99999', '/en/notices/nonsense', '/fr/campaigns/none', '/es/anything/else']) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(page.body, url).toContain('class="site-header"');
    }
  });

  it('serves its stylesheet for a year under a hashed name', async () => {
    const css = await get(publicCssPath);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('immutable');
  });

  it('takes a tip with a photo and shows the receipt once; the owning agency sees it, another agency does not', async () => {
    const body = await multipart(
      { body: 'I saw her <script>alert(2)</script> in Valencia yesterday.', contactEmail: 'witness@example.org', website: '' },
      [{ name: 'photo.jpg', bytes: await jpeg() }],
    );
    const answer = await t.server.inject({ method: 'POST', url: `/en/notices/${urlId}/tips`, ...body, remoteAddress: visitor() });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const reference = /id="tip-reference">([^<]+)</.exec(answer.body)?.[1];
    const secret = /id="tip-secret">([^<]+)</.exec(answer.body)?.[1];
    expect(reference).toMatch(/^T-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(secret).toBeTruthy();

    const queue = await t.app.services.tips.list(owner.actor);
    const tip = queue.find((q) => q.reference === reference);
    expect(tip).toMatchObject({ noticeId, photoCount: 1, hasContact: true });
    expect((await t.app.services.tips.get(owner.actor, tip!.id)).body).toBe('I saw her <script>alert(2)</script> in Valencia yesterday.');
    expect((await t.app.services.tips.list(outsider.actor)).map((q) => q.reference)).not.toContain(reference);

    // The sender reads it back, escaped, and adds a follow-up.
    const status = await t.server.inject({
      method: 'POST',
      url: '/en/tips/status',
      ...form({ reference: reference!, secret: secret! }),
      remoteAddress: visitor(),
    });
    expect(status.statusCode).toBe(200);
    expect(status.headers['cache-control']).toBe('no-store');
    expect(status.body).toContain('I saw her &lt;script&gt;alert(2)&lt;/script&gt; in Valencia yesterday.');
    expect(status.body).toContain('has not replied yet');
    const followUp = await t.server.inject({
      method: 'POST',
      url: '/en/tips/follow-up',
      ...form({ reference: reference!, secret: secret!, body: 'She had a red bag.' }),
      remoteAddress: visitor(),
    });
    expect(followUp.statusCode).toBe(200);
    expect(followUp.body).toContain('She had a red bag.');
    expect(followUp.body).toContain('the agency has received what you added');

    const wrong = await t.server.inject({
      method: 'POST',
      url: '/en/tips/status',
      ...form({ reference: reference!, secret: 'WRONG' }),
      remoteAddress: visitor(),
    });
    const unknown = await t.server.inject({
      method: 'POST',
      url: '/en/tips/status',
      ...form({ reference: 'T-0000-0000', secret: secret! }),
      remoteAddress: visitor(),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('We found nothing sent with this reference and secret.');
    expect(unknown.body).toContain('We found nothing sent with this reference and secret.');
    expect(wrong.body).not.toContain('Valencia');
  });

  it('gives a bot that fills the hidden field a receipt, and stores nothing', async () => {
    const before = (await t.app.services.tips.list(owner.actor)).length;
    const body = await multipart({ body: 'Buy cheap watches', website: 'http://spam.example' });
    const answer = await t.server.inject({ method: 'POST', url: `/fr/notices/${urlId}/tips`, ...body, remoteAddress: visitor() });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('id="tip-reference"');
    expect((await t.app.services.tips.list(owner.actor)).length).toBe(before);
  });

  it('refuses an empty text, a bad e-mail, a file that is not a photo, too many photos and an oversize one, with clear messages', async () => {
    const post = async (fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = [], lang = 'en') =>
      t.server.inject({
        method: 'POST',
        url: `/${lang}/notices/${urlId}/tips`,
        ...(await multipart(fields, files)),
        remoteAddress: visitor(),
      });

    const empty = await post({ body: '   ', contactEmail: 'not-an-address' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write what you know before sending.');
    expect(empty.body).toContain('Enter an email address such as name@example.org');
    expect(empty.body).toContain('value="not-an-address"');

    const notImage = await post(
      { body: 'See the attached file' },
      [{ name: 'notes.txt', bytes: Buffer.from('just text'), type: 'text/plain' }],
      'es',
    );
    expect(notImage.statusCode).toBe(400);
    expect(notImage.body).toContain('Este archivo no es una foto legible.');
    expect(notImage.body).toContain('See the attached file');

    const photo = await jpeg();
    const tooMany = await post(
      { body: 'Four photos' },
      Array.from({ length: tipLimits.photosMax + 1 }, (_, i) => ({ name: `${i}.jpg`, bytes: photo })),
    );
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.body).toContain(`Too many photos: the limit is ${tipLimits.photosMax}.`);

    const huge = new Uint8Array(tipLimits.photoMaxBytes + 1024);
    huge.set(photo);
    const oversize = await post({ body: 'A huge photo' }, [{ name: 'huge.jpg', bytes: huge }], 'ar');
    expect(oversize.statusCode).toBe(413);
    expect(oversize.body).toContain('إحدى الصور كبيرة جدًا');
    expect(oversize.body).toContain('<html lang="ar" dir="rtl">');
  });

  it('slows a flood of tips from one address with a 429 page, without refusing other visitors', async () => {
    const flooder = '203.0.113.77';
    const body = async () => multipart({ body: '', website: '' });
    const statuses: number[] = [];
    for (let i = 0; i < publicSiteRateLimits.tips.max + 1; i += 1) {
      const answer = await t.server.inject({ method: 'POST', url: `/en/notices/${urlId}/tips`, ...(await body()), remoteAddress: flooder });
      statuses.push(answer.statusCode);
      if (answer.statusCode === 429) {
        expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(answer.body).toContain('Too many requests have come from your connection.');
        expect(answer.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.slice(0, publicSiteRateLimits.tips.max).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another language is the same form: still refused for this address.
    const other = await t.server.inject({ method: 'POST', url: `/fr/notices/${urlId}/tips`, ...(await body()), remoteAddress: flooder });
    expect(other.statusCode).toBe(429);
    expect(other.body).toContain('Trop de tentatives');
    // Someone else is not affected.
    const someoneElse = await t.server.inject({
      method: 'POST',
      url: `/en/notices/${urlId}/tips`,
      ...(await body()),
      remoteAddress: visitor(),
    });
    expect(someoneElse.statusCode).toBe(400);
    expect((await get('/en/notices')).statusCode).toBe(200);
  });
});
