/** The HTTP edge: problem documents for bad input, OpenAPI, health, headers and request ids. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDatabaseKind, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, signIn } from '../../../test/factories.js';

describe('HTTP server', () => {
  let t: TestApp;
  let cookie: string;
  let operatorCookie: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { VIGIL_BODY_LIMIT: '4096' } });
    cookie = await signIn(t, await insertUser(t, { roles: ['investigator'] }));
    operatorCookie = await signIn(t, await insertUser(t, { roles: ['admin'], agency: await insertAgency(t, { isOperator: true }) }));
  });
  afterAll(() => t.close());

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    t.server.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json', ...headers }, body });

  it('answers malformed JSON with a 400 problem document', async () => {
    const res = await post('/api/v1/cases', '{"title": ');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'invalid', status: 400, errors: [{ field: 'body' }] });
  });

  it('names unknown fields, missing fields and wrong types', async () => {
    const res = await post('/api/v1/cases', JSON.stringify({ title: 42, visibility: 'agency', colour: 'red' }));
    expect(res.statusCode).toBe(400);
    const fields = res
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort();
    expect(fields).toEqual(['colour', 'title']);
    const missing = await post('/api/v1/cases', JSON.stringify({ title: 'x' }));
    expect(missing.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['visibility']);
  });

  it('names bad query parameters', async () => {
    const auditor = await signIn(t, await insertUser(t, { roles: ['auditor'] }));
    const res = await t.server.inject({ method: 'GET', url: '/api/v1/audit/events?limit=lots&colour=red', headers: { cookie: auditor } });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort();
    expect(fields).toEqual(['querystring.colour', 'querystring.limit']);
  });

  it('refuses an oversize body with 413', async () => {
    const res = await post('/api/v1/cases', JSON.stringify({ title: 'x', visibility: 'agency', summary: 'y'.repeat(5000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses a body that is not JSON', async () => {
    const res = await post('/api/v1/cases', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid' });
  });

  it('answers an unknown API route with a 404 problem document', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });

  it('requires sign-in for the API', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/v1/agencies' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('sends request ids and security headers', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'kiosk-42-req-7' } });
    expect(res.headers['x-request-id']).toBe('kiosk-42-req-7');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('reports health and the database kind', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok', database: testDatabaseKind() });
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas, and browsable docs', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/cases/{id}', '/api/v1/audit/export', '/api/v1/tokens', '/api/health']),
    );
    expect(doc.paths['/api/v1/cases']).toHaveProperty('post');
    const docs = await t.server.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('lets operator admins add agencies, validating the country code', async () => {
    const bad = await t.server.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { cookie: operatorCookie },
      payload: { name: 'Border Guard', country: 'XYZ', kind: 'border_agency' },
    });
    expect(bad.json()).toMatchObject({ code: 'invalid', errors: [{ field: 'country' }] });
    const good = await t.server.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { cookie: operatorCookie },
      payload: { name: 'Border Guard', country: 'pol', kind: 'border_agency' },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ country: 'POL', isOperator: false });
    const dup = await t.server.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { cookie: operatorCookie },
      payload: { name: 'Border Guard', country: 'POL', kind: 'border_agency' },
    });
    expect(dup.statusCode).toBe(409);
    const notOperator = await t.server.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { cookie },
      payload: { name: 'Other', country: 'POL', kind: 'police' },
    });
    expect(notOperator.statusCode).toBe(403);
  });
});
