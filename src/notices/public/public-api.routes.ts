/**
 * The public notices API under /api/public/v1, shaped like INTERPOL's public notices API so that
 * its clients adapt easily: `GET /notices/{type}` searches (HAL `total`, `query`,
 * `_embedded.notices`, `_links`), `GET /notices/{type}/{YYYY-NNNNN}` and its `/images`, the photos
 * themselves, and the campaigns. Read-only, anonymous, cacheable (ETag, max-age 60), open to every
 * origin. Every answer is built from the in-memory public catalogue and kept serialised; only
 * photo bytes come from the database.
 *
 *   curl 'http://localhost:8080/api/public/v1/notices/red?nationality=FR&ageMin=30&page=2'
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../app.js';
import { AppError, notFound } from '../../platform/errors.js';
import { ProblemSchema } from '../../platform/http/schemas.js';
import type { Server } from '../../platform/http/server.js';
import { noticeTypes, publicNumberFromUrlId, type NoticeType, type PublicNotice } from '../notice-model.js';
import { AnswerCache, etagMatches } from './public-api-cache.js';
import {
  apiBase,
  campaignDocument,
  campaignListDocument,
  imagesDocument,
  noticeDocument,
  noticeListDocument,
} from './public-api-format.js';
import { NoticeListQuerySchema, noticeQueryOf } from './public-api-query.js';
import { CampaignListSchema, CampaignSchema, ImagesSchema, NoticeDetailSchema, NoticeListSchema } from './public-api-schemas.js';
import type { CatalogueView } from './public-catalogue.js';
import type { PublicNoticeSource } from './public-data.js';

/** What the public API reads: the catalogue, and photo bytes. */
export interface PublicApiSources {
  catalogue: { current(): Promise<CatalogueView> };
  photo: PublicNoticeSource['publicPhoto'];
  /** The day ages are counted on (answers change with it); defaults to the clock. */
  today?: () => Date;
}

export const answerCacheControl = 'public, max-age=60';
/**
 * A photo's bytes never change under its id, but a notice can be withdrawn: a day bounds how long
 * shared caches keep serving a photo the agency took down.
 */
export const photoCacheControl = 'public, max-age=86400, immutable';

const tags = ['public'];
const security: [] = [];
const config = { auth: 'public' as const };
const errors = { 400: ProblemSchema, 404: ProblemSchema };
const NoticeParams = Type.Object({ noticeId: Type.String({ maxLength: 40, description: 'YYYY-NNNNN' }) }, { additionalProperties: false });
const PhotoParams = Type.Object({ photoId: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function publicApiRoutes(api: Server, app: App): void {
  registerPublicApi(api, {
    catalogue: app.services.publicCatalogue,
    photo: (photoId, variant) => app.services.notices.publicPhoto(photoId, variant),
  });
}

/** Registers the public API on `api` (mounted at /api/public/v1). */
export function registerPublicApi(api: Server, sources: PublicApiSources): void {
  const today = sources.today ?? (() => new Date());
  const answers = new AnswerCache();
  const photos = new PhotoCache();

  api.addHook('onSend', async (request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'etag, x-request-id');
    // Other sites may show the photos and read the answers; the API is read-only and anonymous.
    reply.header('cross-origin-resource-policy', 'cross-origin');
    if (reply.statusCode >= 400) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Anything else under the prefix: a problem document, without asking to sign in.
  api.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    config,
    schema: { hide: true },
    handler: (request) => {
      throw new AppError('not_found', notFoundMessage(request.method, request.url.split('?')[0] ?? request.url));
    },
  });

  api.options('/*', { config, schema: { hide: true } }, (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'if-none-match')
      .header('access-control-max-age', '86400')
      .send(),
  );

  /** Sends the document `build` makes for this URL, from the cache when it was built already. */
  const answer = async (request: FastifyRequest, reply: FastifyReply, build: (view: CatalogueView) => unknown): Promise<void> => {
    const view = await sources.catalogue.current();
    const generation = `${view.etag}:${today().toISOString().slice(0, 10)}`;
    const cached = answers.get(generation, request.url) ?? answers.set(generation, request.url, build(view));
    reply.header('etag', cached.etag).header('cache-control', answerCacheControl);
    // Awaited: the handler must not resolve before the reply is sent, or Fastify would send again.
    if (etagMatches(request.headers['if-none-match'], cached.etag)) await reply.status(304).send();
    else await reply.type('application/json; charset=utf-8').send(cached.body);
  };

  /** The published notice of this type and number, or not_found (a wrong type is not found too). */
  const noticeOf = (view: CatalogueView, type: NoticeType, urlId: string): PublicNotice => {
    const number = publicNumberFromUrlId(urlId);
    const notice = number === undefined ? undefined : view.byNumber(number);
    if (notice?.type !== type) throw notFound(`Published ${type} notice ${urlId}`);
    return notice;
  };

  const list = (path: string, types: readonly NoticeType[] | undefined, summary: string): void => {
    api.get(
      path,
      {
        config,
        preValidation: dropEmptyParameters,
        schema: { tags, security, summary, querystring: NoticeListQuerySchema, response: { 200: NoticeListSchema, ...errors } },
      },
      (request, reply) =>
        answer(request, reply, (view) => {
          const { query, echo } = noticeQueryOf(types, request.query, (slug) => view.campaign(slug) !== undefined);
          return noticeListDocument(`${apiBase}${path}`, view.search(query), echo);
        }),
    );
  };

  list('/notices', undefined, 'Search published notices of every type');
  for (const type of noticeTypes) {
    list(`/notices/${type}`, [type], `Search published ${type} notices`);

    api.get(
      `/notices/${type}/:noticeId`,
      {
        config,
        schema: {
          tags,
          security,
          summary: `One published ${type} notice`,
          params: NoticeParams,
          response: { 200: NoticeDetailSchema, ...errors },
        },
      },
      (request, reply) => answer(request, reply, (view) => noticeDocument(noticeOf(view, type, request.params.noticeId), view)),
    );

    api.get(
      `/notices/${type}/:noticeId/images`,
      {
        config,
        schema: {
          tags,
          security,
          summary: `The public photos of a ${type} notice`,
          params: NoticeParams,
          response: { 200: ImagesSchema, ...errors },
        },
      },
      (request, reply) => answer(request, reply, (view) => imagesDocument(noticeOf(view, type, request.params.noticeId))),
    );
  }

  api.get(
    '/campaigns',
    { config, schema: { tags, security, summary: 'Running campaigns', response: { 200: CampaignListSchema, ...errors } } },
    (request, reply) => answer(request, reply, (view) => campaignListDocument(view)),
  );

  api.get(
    '/campaigns/:slug',
    {
      config,
      schema: { tags, security, summary: 'A campaign and its notices', params: SlugParams, response: { 200: CampaignSchema, ...errors } },
    },
    (request, reply) =>
      answer(request, reply, (view) => {
        const campaign = view.campaign(request.params.slug);
        if (campaign === undefined) throw notFound(`Running campaign ${request.params.slug}`);
        return campaignDocument(campaign, view);
      }),
  );

  const photo =
    (variant: 'image' | 'thumbnail') => async (request: FastifyRequest<{ Params: { photoId: string } }>, reply: FastifyReply) => {
      const { photoId } = request.params;
      const view = await sources.catalogue.current();
      if (!uuidPattern.test(photoId) || !publicPhotoIds(view).has(photoId)) throw notFound(`Public photo ${photoId}`);
      const found = await photos.get(`${photoId}:${variant}`, () => sources.photo(photoId, variant));
      if (found === undefined) throw notFound(`Public photo ${photoId}`);
      reply.header('etag', found.etag).header('cache-control', photoCacheControl);
      if (etagMatches(request.headers['if-none-match'], found.etag)) return reply.status(304).send();
      return reply.type('image/jpeg').send(found.bytes);
    };
  const photoSchema = (summary: string) => ({
    tags,
    security,
    summary,
    params: PhotoParams,
    response: {
      200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'image/jpeg, re-encoded, metadata stripped' }),
      ...errors,
    },
  });
  api.get('/images/:photoId', { config, schema: photoSchema('A public photo (JPEG)') }, photo('image'));
  api.get('/images/:photoId/thumbnail', { config, schema: photoSchema('A public photo, thumbnail (JPEG)') }, photo('thumbnail'));
}

/** `?name=&nationality=FR` is `?nationality=FR`: forms send empty fields. */
function dropEmptyParameters(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) if (value === '') delete query[key];
  return Promise.resolve();
}

function notFoundMessage(method: string, path: string): string {
  const type = /^\/api\/public\/v1\/notices\/([^/]+)/.exec(path)?.[1];
  if (method === 'GET' && type !== undefined && !(noticeTypes as readonly string[]).includes(type)) {
    return `No notice type "${type}" (types: ${noticeTypes.join(', ')})`;
  }
  return `No route ${method} ${path}`;
}

const photoIdsOf = new WeakMap<CatalogueView, ReadonlySet<string>>();

/** The ids of the photos the current catalogue makes public (a photo of a withdrawn notice is not). */
function publicPhotoIds(view: CatalogueView): ReadonlySet<string> {
  let ids = photoIdsOf.get(view);
  if (ids === undefined) {
    const all = view.search({ page: 1, perPage: Number.MAX_SAFE_INTEGER }).notices;
    ids = new Set(all.flatMap((notice) => notice.photos.map((p) => p.id)));
    photoIdsOf.set(view, ids);
  }
  return ids;
}

interface CachedPhoto {
  bytes: Buffer;
  etag: string;
}

/** Recently served photos, by id and variant, up to a byte budget (their bytes never change). */
class PhotoCache {
  readonly #entries = new Map<string, CachedPhoto>();
  #bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  async get(key: string, load: () => Promise<{ bytes: Uint8Array } | undefined>): Promise<CachedPhoto | undefined> {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const loaded = await load();
    if (loaded === undefined) return undefined;
    const bytes = Buffer.from(loaded.bytes.buffer, loaded.bytes.byteOffset, loaded.bytes.byteLength);
    const photo = { bytes, etag: `"${createHash('sha256').update(bytes).digest('hex')}"` };
    this.#entries.set(key, photo);
    this.#bytes += bytes.length;
    for (const [old, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(old);
      this.#bytes -= entry.bytes.length;
    }
    return photo;
  }
}
