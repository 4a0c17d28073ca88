/**
 * The agency API of notices, campaigns and tips over HTTP: problem documents with the field
 * named, the lifecycle through its routes, photos as multipart, an invisible notice or tip
 * answering 404, and everything in OpenAPI.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../test/factories.js';

function multipart(
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array; type: string },
): { body: Buffer; contentType: string } {
  const boundary = '----vigil-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
    ),
  );
  parts.push(Buffer.from(file.bytes), Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('notices API', () => {
  let t: TestApp;
  let author: TestUser;
  let publisher: TestUser;
  let outsider: TestUser;
  let cookies: { author: string; publisher: string; outsider: string };

  beforeAll(async () => {
    t = await createTestApp();
    const police = await insertAgency(t, { kind: 'police' });
    const operator = await insertAgency(t, { kind: 'other', isOperator: true });
    author = await insertUser(t, { agency: police, roles: ['notice_officer'] });
    publisher = await insertUser(t, { agency: operator, roles: ['notice_officer'] });
    outsider = await insertUser(t, { roles: ['notice_officer'] });
    cookies = { author: await signIn(t, author), publisher: await signIn(t, publisher), outsider: await signIn(t, outsider) };
  });
  afterAll(() => t.close());

  it('writes, submits and publishes a yellow notice through the API, with a public photo', async () => {
    const invalid = await t.server.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: { cookie: cookies.author },
      payload: { type: 'yellow', visibility: 'agency', content: { familyName: 'Ruiz', nationalities: ['Atlantis'] }, publicFields: [] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.json<{ errors: { field: string }[] }>().errors).toEqual([expect.objectContaining({ field: 'content.nationalities/0' })]);

    const created = await t.server.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: { cookie: cookies.author },
      payload: {
        type: 'yellow',
        visibility: 'agency',
        content: {
          familyName: 'Ruiz',
          forename: 'Lucía',
          birthDate: '2011-04-02',
          disappearance: { date: '2026-09-30', place: 'Cádiz', country: 'ESP' },
        },
        publicFields: ['familyName', 'forename', 'birthDate', 'disappearance'],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;

    const image = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#447' } })
      .png()
      .toBuffer();
    const upload = multipart({ caption: 'Last photo', public: 'true' }, { name: 'p.png', bytes: image, type: 'image/png' });
    const photo = await t.server.inject({
      method: 'POST',
      url: `/api/v1/notices/${id}/photos`,
      headers: { cookie: cookies.author, 'content-type': upload.contentType },
      payload: upload.body,
    });
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ public: true, caption: 'Last photo' });
    const notImage = multipart({}, { name: 'x.txt', bytes: new TextEncoder().encode('hello'), type: 'text/plain' });
    const refused = await t.server.inject({
      method: 'POST',
      url: `/api/v1/notices/${id}/photos`,
      headers: { cookie: cookies.author, 'content-type': notImage.contentType },
      payload: notImage.body,
    });
    expect(refused.statusCode).toBe(400);

    expect((await t.server.inject({ method: 'GET', url: `/api/v1/notices/${id}`, headers: { cookie: cookies.outsider } })).statusCode).toBe(
      404,
    );
    const submit = await t.server.inject({
      method: 'POST',
      url: `/api/v1/notices/${id}/submit`,
      headers: { cookie: cookies.author },
      payload: {},
    });
    expect(submit.json()).toMatchObject({ status: 'submitted' });
    const queue = await t.server.inject({ method: 'GET', url: '/api/v1/notices?queue=review', headers: { cookie: cookies.publisher } });
    expect(queue.json<{ items: { id: string }[] }>().items.map((n) => n.id)).toContain(id);
    const publish = await t.server.inject({ method: 'POST', url: `/api/v1/notices/${id}/publish`, headers: { cookie: cookies.publisher } });
    expect(publish.statusCode).toBe(200);
    expect(publish.json()).toMatchObject({ status: 'published', publicNumber: expect.stringMatching(/^\d{4}\/\d{5}$/) });
    const withdrawn = await t.server.inject({
      method: 'POST',
      url: `/api/v1/notices/${id}/withdraw`,
      headers: { cookie: cookies.author },
      payload: {},
    });
    expect(withdrawn.statusCode).toBe(400);
    expect(withdrawn.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('reason');
  });

  it('keeps tips to the owning agency over HTTP', async () => {
    const notice = await t.app.services.notices.create(author.actor, {
      type: 'object',
      visibility: 'agency',
      content: { title: 'A carpet with a red pattern' },
      publicFields: ['title'],
    });
    await t.app.services.notices.transition(author.actor, notice.id, 'submit');
    await t.app.services.notices.transition(publisher.actor, notice.id, 'publish');
    await t.app.services.tips.submit({ noticeId: notice.id, body: 'Seen in a flat in Lyon', language: 'fr', photos: [] });
    const mine = await t.server.inject({ method: 'GET', url: `/api/v1/tips?noticeId=${notice.id}`, headers: { cookie: cookies.author } });
    const items = mine.json<{ items: { id: string; excerpt: string }[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]!.excerpt).toBe('Seen in a flat in Lyon');
    const other = await t.server.inject({ method: 'GET', url: `/api/v1/tips/${items[0]!.id}`, headers: { cookie: cookies.outsider } });
    expect(other.statusCode).toBe(404);
    const reply = await t.server.inject({
      method: 'POST',
      url: `/api/v1/tips/${items[0]!.id}/replies`,
      headers: { cookie: cookies.author },
      payload: { body: 'Merci.' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json<{ messages: { kind: string }[] }>().messages.map((m) => m.kind)).toEqual(['reply']);
  });

  it('documents the routes in OpenAPI', async () => {
    const spec = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/v1/notices', '/api/v1/notices/{id}/publish', '/api/v1/campaigns', '/api/v1/tips/{id}/replies']) {
      expect(spec.paths).toHaveProperty([path]);
    }
  });
});
