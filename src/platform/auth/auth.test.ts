/** Sign-in, second factor, lockout, session limits, password change and API tokens, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { insertAgency, insertUser, sessionCookieOf, signIn, testPassword } from '../../../test/factories.js';
import { totpCode, totpStep } from './totp.js';
import { sessionRules } from './auth.service.js';

describe('authentication', () => {
  let t: TestApp;
  let now = new Date('2026-11-29T10:00:00Z');
  const clock = () => now;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const get = (url: string, cookie: string) => t.server.inject({ method: 'GET', url, headers: { cookie } });

  it('signs in with a password and sets a hardened session cookie', async () => {
    const user = await insertUser(t);
    const res = await login(user.user.username, testPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ pending: null, user: { username: user.user.username, roles: ['analyst'] } });
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect((await get('/api/v1/auth/session', sessionCookieOf(res.headers))).statusCode).toBe(200);
  });

  it('marks the cookie Secure unless the request is plain HTTP to a loopback address', async () => {
    const user = await insertUser(t);
    const remote = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: 'vigil.example.org' },
      payload: { username: user.user.username, password: testPassword },
    });
    expect(String(remote.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const user = await insertUser(t);
    const unknown = await login('nobody-here', 'whatever');
    const wrong = await login(user.user.username, 'wrong');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('locks an account for 15 minutes after 5 failures', async () => {
    const user = await insertUser(t);
    for (let i = 0; i < 5; i += 1) expect((await login(user.user.username, 'wrong')).statusCode).toBe(401);
    expect((await login(user.user.username, testPassword)).statusCode).toBe(401);
    advance(sessionRules.lockMs - 1000);
    expect((await login(user.user.username, testPassword)).statusCode).toBe(401);
    advance(2000);
    expect((await login(user.user.username, testPassword)).statusCode).toBe(200);
    const lockouts = await t.app.services.audit.search(
      { type: 'system', id: null, name: 't', agencyId: null, agencyIsOperator: true, roles: [], ip: null, requestId: null },
      { action: 'auth.lockout', recordId: user.user.id },
    );
    expect(lockouts).toHaveLength(1);
  });

  it('requires the second factor before anything else, and refuses a replayed code', async () => {
    const user = await insertUser(t, { totp: true });
    const res = await login(user.user.username, testPassword);
    expect(res.json().pending).toBe('totp');
    const cookie = sessionCookieOf(res.headers);
    expect((await get('/api/v1/cases', cookie)).statusCode).toBe(401);
    expect(
      (await t.server.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { cookie }, payload: { code: '000000' } })).statusCode,
    ).toBe(401);
    const code = totpCode(user.totpSecret!, totpStep(now));
    const ok = await t.server.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { cookie }, payload: { code } });
    expect(ok.json().pending).toBeNull();
    expect((await get('/api/v1/cases', cookie)).statusCode).toBe(200);

    const again = sessionCookieOf((await login(user.user.username, testPassword)).headers);
    expect(
      (await t.server.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { cookie: again }, payload: { code } })).statusCode,
    ).toBe(401);
  });

  it('makes an admin without an authenticator enrol one, and a new user change the one-time password', async () => {
    const agency = await insertAgency(t);
    const boss = await insertUser(t, { agency, roles: ['admin'] });
    const bossCookie = await signIn(t, boss, now);
    const created = await t.server.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: bossCookie },
      payload: { username: 'second.admin', displayName: 'Second', roles: ['admin'] },
    });
    expect(created.statusCode).toBe(201);
    const oneTime = created.json<{ oneTimePassword: string }>().oneTimePassword;

    const first = await login('second.admin', oneTime);
    expect(first.json().pending).toBe('totp_enrollment');
    const cookie = sessionCookieOf(first.headers);
    const setup = await t.server.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie } });
    const { secret, otpauthUri } = setup.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toContain(secret);
    const enabled = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: { cookie },
      payload: { code: totpCode(secret, totpStep(now)) },
    });
    expect(enabled.json().pending).toBe('password_change');
    expect((await get('/api/v1/users', cookie)).statusCode).toBe(401);

    const short = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: oneTime, newPassword: 'short' },
    });
    expect(short.json()).toMatchObject({ code: 'invalid', errors: [{ field: 'newPassword' }] });
    const changed = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: oneTime, newPassword: 'a much longer password' },
    });
    expect(changed.json().pending).toBeNull();
    expect((await get('/api/v1/users', cookie)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours in all', async () => {
    const user = await insertUser(t);
    const cookie = await signIn(t, user, now);
    advance(sessionRules.idleMs - 60_000);
    expect((await get('/api/v1/auth/session', cookie)).statusCode).toBe(200);
    advance(sessionRules.idleMs + 1000);
    expect((await get('/api/v1/auth/session', cookie)).statusCode).toBe(401);

    const busy = await signIn(t, user, now);
    for (let elapsed = 0; elapsed < sessionRules.absoluteMs; elapsed += 20 * 60_000) {
      expect((await get('/api/v1/auth/session', busy)).statusCode).toBe(200);
      advance(20 * 60_000);
    }
    expect((await get('/api/v1/auth/session', busy)).statusCode).toBe(401);
  });

  it('signs out', async () => {
    const cookie = await signIn(t, await insertUser(t), now);
    expect((await t.server.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await get('/api/v1/auth/session', cookie)).statusCode).toBe(401);
  });

  it('ends every session of a disabled user', async () => {
    const agency = await insertAgency(t);
    const admin = await insertUser(t, { agency, roles: ['admin'] });
    const user = await insertUser(t, { agency });
    const cookie = await signIn(t, user, now);
    const adminCookie = await signIn(t, admin, now);
    expect(
      (
        await t.server.inject({
          method: 'PATCH',
          url: `/api/v1/users/${user.user.id}`,
          headers: { cookie: adminCookie },
          payload: { disabled: true },
        })
      ).statusCode,
    ).toBe(200);
    expect((await get('/api/v1/auth/session', cookie)).statusCode).toBe(401);
    expect((await login(user.user.username, testPassword)).statusCode).toBe(401);
  });

  it("hides other agencies' users from an admin, but not from the operator's admins", async () => {
    const admin = await insertUser(t, { roles: ['admin'] });
    const stranger = await insertUser(t);
    const operatorAdmin = await insertUser(t, { roles: ['admin'], agency: await insertAgency(t, { isOperator: true }) });
    expect((await get(`/api/v1/users/${stranger.user.id}`, await signIn(t, admin, now))).statusCode).toBe(404);
    expect((await get(`/api/v1/users/${stranger.user.id}`, await signIn(t, operatorAdmin, now))).statusCode).toBe(200);
  });

  describe('API tokens', () => {
    it('are shown once, stored hashed, scoped to roles, revocable, with a last-used time', async () => {
      const admin = await insertUser(t, { roles: ['admin'] });
      const cookie = await signIn(t, admin, now);
      const created = await t.server.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { cookie },
        payload: { name: 'Kiosk 4', roles: ['border_officer'] },
      });
      expect(created.statusCode).toBe(201);
      const { token, secret } = created.json<{ token: { id: string; prefix: string }; secret: string }>();
      expect(secret.startsWith(token.prefix)).toBe(true);
      const stored = await t.app.database.db.selectFrom('api_token').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(secret);
      expect(JSON.stringify((await get('/api/v1/tokens', cookie)).json())).not.toContain(secret);

      const bearer = { authorization: `Bearer ${secret}` };
      expect((await t.server.inject({ method: 'GET', url: '/api/v1/agencies', headers: bearer })).statusCode).toBe(200);
      expect((await t.server.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer })).statusCode).toBe(403);
      const listed = (await get('/api/v1/tokens', cookie)).json<{ items: { id: string; lastUsedAt: string | null }[] }>().items;
      expect(listed.find((x) => x.id === token.id)?.lastUsedAt).not.toBeNull();

      expect((await t.server.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: { cookie } })).statusCode).toBe(200);
      const after = await t.server.inject({ method: 'GET', url: '/api/v1/agencies', headers: bearer });
      expect(after.statusCode).toBe(401);
      expect(after.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('never carry the admin role', async () => {
      const cookie = await signIn(t, await insertUser(t, { roles: ['admin'] }), now);
      const res = await t.server.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { cookie },
        payload: { name: 'x', roles: ['admin'] },
      });
      expect(res.json()).toMatchObject({ code: 'invalid', errors: [{ field: 'roles' }] });
    });

    it('stop working after they expire', async () => {
      const admin = await insertUser(t, { roles: ['admin'] });
      const { secret } = await t.app.services.tokens.create(admin.actor, {
        name: 'short-lived',
        roles: ['analyst'],
        expiresAt: new Date(Date.now() + 1000),
      });
      expect(
        (await t.server.inject({ method: 'GET', url: '/api/v1/agencies', headers: { authorization: `Bearer ${secret}` } })).statusCode,
      ).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(
        (await t.server.inject({ method: 'GET', url: '/api/v1/agencies', headers: { authorization: `Bearer ${secret}` } })).statusCode,
      ).toBe(401);
    });
  });
});

describe('login rate limit', () => {
  it('answers 429 with a problem document past the limit', async () => {
    const t = await createTestApp({ env: { VIGIL_LOGIN_RATE_LIMIT: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i += 1)
        codes.push(
          (await t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } })).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await t.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } });
      expect(res.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    } finally {
      await t.close();
    }
  });
});
