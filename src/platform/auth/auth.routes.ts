/** /api/v1/auth: sign in, second factor, password change, sign out, current session. */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import { AppError } from '../errors.js';
import { cookieIsSecure, sessionCookie, type Server } from '../http/server.js';
import { AgencyKindSchema, DateTime, Nullable, OneOf, problemResponses, RoleSchema, Uuid } from '../http/schemas.js';
import type { Session } from './auth.service.js';
import { sessionRules } from './auth.service.js';

export const SessionInfoSchema = Type.Object({
  user: Type.Object({
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    agency: Type.Object({ id: Uuid, name: Type.String(), country: Type.String(), kind: AgencyKindSchema, isOperator: Type.Boolean() }),
  }),
  pending: Nullable(OneOf(['totp', 'totp_enrollment', 'password_change'])),
  expiresAt: DateTime,
  idleExpiresAt: DateTime,
});

const Code = Type.Object({ code: Type.String({ minLength: 6, maxLength: 10 }) }, { additionalProperties: false });
const tags = ['auth'];

export function authRoutes(api: Server, app: App): void {
  const { auth } = app.services;
  const current = (session: Session | undefined): Session => {
    if (session === undefined) throw new AppError('unauthenticated', 'Sign in first');
    return session;
  };
  const refreshed = async (cookie: string | undefined, ip: string, requestId: string) => {
    const resumed = cookie === undefined ? undefined : await auth.resume(cookie, { ip, userAgent: null, requestId });
    if (resumed === undefined) throw new AppError('unauthenticated', 'The session has ended');
    return resumed.session.info;
  };

  api.post(
    '/auth/login',
    {
      config: { auth: 'public', rateLimit: { max: app.config.loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Sign in with username and password; the answer says which step is pending',
        security: [],
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionInfoSchema, ...problemResponses, 429: problemResponses[400] },
      },
    },
    async (request, reply) => {
      const { sessionToken, info } = await auth.login(request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      void reply.setCookie(sessionCookie, sessionToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: cookieIsSecure(request, app.config.secureCookies),
        path: '/',
        maxAge: sessionRules.absoluteMs / 1000,
      });
      return info;
    },
  );

  api.get(
    '/auth/session',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'The current session', response: { 200: SessionInfoSchema, ...problemResponses } },
    },
    (request) => current(request.session).info,
  );

  api.post(
    '/auth/totp',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Give the second factor', body: Code, response: { 200: SessionInfoSchema, ...problemResponses } },
    },
    async (request) => {
      await auth.submitTotp(current(request.session), request.body.code, request.actor);
      return refreshed(request.cookies[sessionCookie], request.ip, request.id);
    },
  );

  api.post(
    '/auth/totp/setup',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Start enrolling an authenticator',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }), ...problemResponses },
      },
    },
    (request) => auth.setupTotp(current(request.session), request.actor),
  );

  api.post(
    '/auth/totp/enable',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Confirm the authenticator with a code',
        body: Code,
        response: { 200: SessionInfoSchema, ...problemResponses },
      },
    },
    async (request) => {
      await auth.enableTotp(current(request.session), request.body.code, request.actor);
      return refreshed(request.cookies[sessionCookie], request.ip, request.id);
    },
  );

  api.post(
    '/auth/password',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Change the password (required after a one-time password)',
        body: Type.Object(
          { currentPassword: Type.String({ maxLength: 1000 }), newPassword: Type.String({ maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionInfoSchema, ...problemResponses },
      },
    },
    async (request) => {
      await auth.changePassword(current(request.session), request.body, request.actor);
      return refreshed(request.cookies[sessionCookie], request.ip, request.id);
    },
  );

  api.post(
    '/auth/logout',
    { config: { auth: 'session' }, schema: { tags, summary: 'Sign out', response: { 204: Type.Null(), ...problemResponses } } },
    async (request, reply) => {
      await auth.logout(current(request.session), request.actor);
      void reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
