/**
 * Factories that create what a test needs, with missing parents made on the way, and sign-in
 * helpers that go through the real HTTP flow (second factor included).
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../src/platform/access/actor.js';
import { systemActor } from '../src/platform/access/actor.js';
import type { AgencyKind, Role } from '../src/platform/access/roles.js';
import type { Agency } from '../src/platform/agencies/agency.repository.js';
import { seal } from '../src/platform/auth/secrets.js';
import { generateTotpSecret, totpCode, totpStep } from '../src/platform/auth/totp.js';
import type { User } from '../src/platform/auth/user.repository.js';
import type { TestApp } from './app.js';

let counter = 0;
const unique = (prefix: string): string => `${prefix}${++counter}${randomBytes(2).toString('hex')}`;

export async function insertAgency(
  t: TestApp,
  input: { name?: string; country?: string; kind?: AgencyKind; isOperator?: boolean } = {},
): Promise<Agency> {
  return t.app.services.agencies.create(systemActor('test'), {
    name: input.name ?? unique('Agency '),
    country: input.country ?? 'NLD',
    kind: input.kind ?? 'police',
    ...(input.isOperator !== undefined && { isOperator: input.isOperator }),
  });
}

export interface TestUser {
  user: User;
  agency: Agency;
  password: string;
  /** For users with a second factor. */
  totpSecret: string | undefined;
  /** The same user as a service-level actor. */
  actor: Actor;
}

export const testPassword = 'correct horse battery staple';

/** A user with a known password; admins get an enrolled authenticator (they need one). */
export async function insertUser(
  t: TestApp,
  input: { agency?: Agency; roles?: Role[]; username?: string; totp?: boolean } = {},
): Promise<TestUser> {
  const agency = input.agency ?? (await insertAgency(t));
  const roles = input.roles ?? ['analyst'];
  const { user } = await t.app.services.users.create(systemActor('test'), {
    username: input.username ?? unique('user'),
    displayName: 'Test User',
    agencyId: agency.id,
    roles,
    password: testPassword,
  });
  let totpSecret: string | undefined;
  if (input.totp ?? roles.includes('admin')) {
    totpSecret = generateTotpSecret();
    await t.app.database.db
      .updateTable('user_account')
      .set({ totp_secret_enc: seal(t.secrets.encryptionKey, totpSecret), totp_enabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
  }
  const actor: Actor = {
    type: 'user',
    id: user.id,
    name: user.username,
    agencyId: agency.id,
    agencyIsOperator: agency.isOperator,
    roles,
    ip: null,
    requestId: null,
  };
  return { user, agency, password: testPassword, totpSecret, actor };
}

/** The Cookie header value of a session cookie in a response. */
export function sessionCookieOf(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const cookies = Array.isArray(raw) ? raw : [raw];
  const found = cookies.find((c): c is string => typeof c === 'string' && c.startsWith('vigil_session='));
  if (found === undefined) throw new Error('no session cookie set');
  return found.split(';')[0]!;
}

/** Signs in through the API (password, then the second factor if any); returns the Cookie header. */
export async function signIn(t: TestApp, user: TestUser, at = new Date()): Promise<string> {
  const login = await t.server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: user.user.username, password: user.password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const cookie = sessionCookieOf(login.headers);
  if (login.json<{ pending: string | null }>().pending === 'totp') {
    const code = totpCode(user.totpSecret!, totpStep(at));
    const second = await t.server.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { cookie }, payload: { code } });
    if (second.statusCode !== 200) throw new Error(`second factor failed: ${second.body}`);
  }
  return cookie;
}
