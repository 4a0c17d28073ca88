/** The flood guard on the public endpoints over HTTP: one address flooding is slowed then refused (429 with Retry-After); another address is served. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

describe('public flood control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { VIGIL_PUBLIC_RATE_LIMIT: '1' } });
  });
  afterAll(() => t.close());

  it('refuses a flood from one address without touching another, and leaves the agency API alone', async () => {
    const flood = await Promise.all(
      Array.from({ length: 12 }, () => t.server.inject({ method: 'GET', url: '/api/public/v1/notices', remoteAddress: '203.0.113.9' })),
    );
    const refused = flood.filter((r) => r.statusCode === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused[0]!.json()).toMatchObject({ code: 'rate_limited' });
    const other = await t.server.inject({ method: 'GET', url: '/api/public/v1/notices', remoteAddress: '198.51.100.20' });
    expect(other.statusCode).not.toBe(429);
    const health = await t.server.inject({ method: 'GET', url: '/api/health', remoteAddress: '203.0.113.9' });
    expect(health.statusCode).toBe(200);
  });
});
