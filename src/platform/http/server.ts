/**
 * Assembles the HTTP server: security headers, request ids, body limits, authentication (session
 * cookie or bearer token), problem documents, OpenAPI at /api/openapi.json with docs at
 * /api/docs, the capability routes under /api/v1 and the console at /.
 *
 *   const server = await buildServer(app);
 *   await server.listen({ port: 8080 });
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { App } from '../../app.js';
import { anonymousActor, type Actor } from '../access/actor.js';
import type { Session } from '../auth/auth.service.js';
import { AppError } from '../errors.js';
import { projectRoot } from '../paths.js';
import { toProblem } from './problem.js';
import { validatorCompiler } from './validation.js';
import { FloodGuard } from './flood-guard.js';
import { registerRoutes } from './routes.js';
import { publicApiRoutes } from '../../notices/public/public-api.routes.js';
import { publicPageRoutes } from '../../notices/public/public-pages.routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; `anonymous` when nobody is signed in or a session is still pending. */
    actor: Actor;
    /** The session behind the cookie, active or pending. */
    session: Session | undefined;
  }
  interface FastifyContextConfig {
    /** `member` (default): an active session or a token; `session`: any session; `public`: none. */
    auth?: 'member' | 'session' | 'public';
  }
}

export type Server = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const sessionCookie = 'vigil_session';

export interface ServerOptions {
  /** Log requests (default: the configured level; tests pass false). */
  logger?: boolean;
  /** The built console; defaults to dist/web beside the server build. */
  webDir?: string;
}

export async function buildServer(app: App, options: ServerOptions = {}): Promise<Server> {
  const { config } = app;
  const server = Fastify({
    logger:
      options.logger === false || config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  server.setValidatorCompiler(validatorCompiler());
  server.decorateRequest('actor', null as unknown as Actor);
  server.decorateRequest('session', undefined);

  await server.register(fastifyCookie);
  // Uploads (media, hash-set files) stream to their handlers; the JSON body limit does not apply.
  await server.register(fastifyMultipart, { limits: { fileSize: config.uploadLimit, files: 10_000, fields: 20, parts: 10_100 } });
  await server.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} seconds`),
  });
  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version: '1',
        description:
          'Vigil: media database, screening, notices and dark web monitoring for cooperating agencies. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (vgl_…) created by an admin' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await server.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  server.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, () => server.swagger());

  server.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    await authenticate(app, request);
    const level = request.routeOptions.config.auth ?? (request.url.startsWith('/api/docs') ? 'public' : 'member');
    if (level === 'member' && request.actor.type === 'anonymous' && isApi(request)) {
      throw new AppError('unauthenticated', request.session ? `Complete sign-in first: ${request.session.pending}` : 'Sign in first');
    }
    if (level === 'session' && request.session === undefined) throw new AppError('unauthenticated', 'Sign in first');
  });

  // The public site and public API: a flood from one address is slowed, then refused; others are untouched.
  const flood = new FloodGuard({ ratePerSecond: config.publicRateLimit, burst: config.publicRateLimit * 5 });
  server.addHook('onRequest', async (request, reply) => {
    if (!isPublic(request)) return;
    const verdict = flood.take(request.ip);
    if (verdict.action === 'delay') await new Promise((resolve) => setTimeout(resolve, verdict.ms));
    if (verdict.action === 'refuse') {
      reply.header('retry-after', String(verdict.retryAfterSeconds));
      throw new AppError('rate_limited', `Too many requests from your address; try again in ${verdict.retryAfterSeconds} seconds`);
    }
  });

  server.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply);
    return payload;
  });

  server.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request.url, request.id);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });

  server.setNotFoundHandler((request, reply) => {
    if (isApi(request) || request.method !== 'GET' || !hasWeb) {
      const problem = toProblem(
        new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
        request.url,
        request.id,
      );
      return reply.status(404).type('application/problem+json').send(problem);
    }
    return reply.sendFile('index.html');
  });

  const webDir = options.webDir ?? join(projectRoot(), 'dist', 'web');
  const hasWeb = existsSync(`${webDir}/index.html`);
  if (hasWeb) await server.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: 'index.html' });

  await server.register(
    (api, _opts, done) => {
      registerRoutes(api, app);
      done();
    },
    { prefix: '/api/v1' },
  );

  await server.register(
    (publicApi, _opts, done) => {
      publicApiRoutes(publicApi, app);
      done();
    },
    { prefix: '/api/public/v1' },
  );
  publicPageRoutes(server, app);

  server.get(
    '/api/health',
    { config: { auth: 'public' }, schema: { tags: ['platform'], summary: 'Liveness and database reachability', security: [] } },
    async () => {
      await app.database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok', database: app.database.kind, version: process.env['npm_package_version'] ?? '0.1.0' };
    },
  );

  return server;
}

/** The public API and the public site's pages (`/en/…`, `/fr/…`, `/es/…`, `/ar/…`). */
function isPublic(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/public/') || /^\/(en|fr|es|ar)(\/|$|\?)/.test(request.url);
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

async function authenticate(app: App, request: FastifyRequest): Promise<void> {
  const origin = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
  request.actor = anonymousActor(origin.ip, origin.requestId);
  if (!isApi(request)) return;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] === undefined ? undefined : await app.services.tokens.authenticate(match[1], origin.ip, origin.requestId);
    if (actor === undefined) throw new AppError('unauthenticated', 'The API token is unknown, revoked or expired');
    request.actor = actor;
    return;
  }
  const cookie = request.cookies[sessionCookie];
  if (cookie === undefined) return;
  const resumed = await app.services.auth.resume(cookie, origin);
  if (resumed === undefined) return;
  request.session = resumed.session;
  if (resumed.session.pending === null) request.actor = resumed.actor;
}

/** Secure unless configured off, or the request is plain HTTP to a loopback address. */
export function cookieIsSecure(request: FastifyRequest, setting: App['config']['secureCookies']): boolean {
  if (setting !== 'auto') return setting === 'always';
  if (request.protocol === 'https') return true;
  return !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/.test(request.hostname);
}

function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const docs = request.url.startsWith('/api/docs');
  reply.header(
    'content-security-policy',
    docs
      ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
      : "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  );
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  // The public API and pages set their own caching; everything else behind /api is never cached.
  if (isApi(request) && !docs && !request.url.startsWith('/api/public/')) reply.header('cache-control', 'no-store');
}
