/**
 * The public site: server-rendered search, notice, campaign and tip pages in English, French,
 * Spanish and Arabic, working without JavaScript. Pages are rendered from the in-memory catalogue
 * (no database query per view) and kept rendered per catalogue state and URL; the tip form goes
 * to the tip service, rate-limited per address, with a honeypot field. Errors are pages too, in
 * the visitor's language, never problem documents.
 *
 *   GET  /notices                         → 302 /{best language}/notices
 *   GET  /{lang}/notices?name=…&page=2     search
 *   GET  /{lang}/notices/{YYYY-NNNNN}      notice (with the tip form at #tip)
 *   POST /{lang}/notices/{YYYY-NNNNN}/tips the tip form (multipart)
 *   GET  /{lang}/campaigns/{slug}          campaign
 *   GET|POST /{lang}/tips/status, POST /{lang}/tips/follow-up   the sender's replies
 */
import { randomInt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import { isAppError } from '../../platform/errors.js';
import type { Server } from '../../platform/http/server.js';
import { publicLanguages, publicNumberFromUrlId, type PublicLanguage, type PublicNotice } from '../notice-model.js';
import { bestLanguage, isPublicLanguage, t, type MessageKey } from './i18n.js';
import type { CatalogueView } from './public-catalogue.js';
import { tipLimits, type PublicTipSink, type TipReceipt } from './public-data.js';
import { etagMatches, PageCache, pageEtag } from './public-site-cache.js';
import { searchPath } from './public-site-layout.js';
import { renderCampaignPage, renderErrorPage, renderNoticePage, renderNotFoundPage, renderSearchPage } from './public-site-pages.js';
import { parseSearchFilters } from './public-site-query.js';
import { publicCss, publicCssPath } from './public-site-style.js';
import {
  contactLimits,
  renderReceiptPage,
  renderStatusFormPage,
  renderStatusPage,
  renderTipFormPage,
  type TipFormError,
  type TipFormValues,
} from './public-site-tip-pages.js';

/** What the public site reads and writes. */
export interface PublicSiteSources {
  catalogue: { current(): Promise<CatalogueView> };
  tips: PublicTipSink;
  /** The day ages are counted on; defaults to the clock. */
  today?: () => Date;
}

/** Per address: tips sent, and reads of replies (wrong secrets included). */
export const publicSiteRateLimits = {
  tips: { max: 5, timeWindow: 10 * 60_000 },
  status: { max: 20, timeWindow: 10 * 60_000 },
} as const;

export const pageCacheControl = 'public, max-age=60';
const htmlType = 'text/html; charset=utf-8';
const maxCachedUrl = 1000;

export function publicPageRoutes(server: Server, app: App): void {
  publicSiteRoutes(server, { catalogue: app.services.publicCatalogue, tips: app.services.tips });
}

/** Registers the site's routes in a context of their own (their own error handler and form parser). */
export function publicSiteRoutes(server: Server, sources: PublicSiteSources): void {
  const today = sources.today ?? (() => new Date());
  const cache = new PageCache();

  void server.register((site, _opts, done) => {
    site.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, parsed) => {
        parsed(null, new URLSearchParams(body as string));
      },
    );

    site.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
      const lang = languageOfUrl(request.url);
      const path = samePathIn(request.url);
      void reply.header('cache-control', 'no-store').type(htmlType);
      if (isAppError(error) && error.code === 'rate_limited') {
        return reply.status(429).send(renderErrorPage(lang, t(lang, 'rateLimitedTitle'), t(lang, 'rateLimitedText'), path));
      }
      const status = isAppError(error) ? (error.code === 'payload_too_large' ? 413 : 400) : (error.statusCode ?? 500);
      if (status === 413) return reply.status(413).send(renderErrorPage(lang, t(lang, 'tooLargeTitle'), t(lang, 'errForm'), path));
      if (status >= 400 && status < 500) {
        return reply.status(status).send(renderErrorPage(lang, t(lang, 'badRequestTitle'), t(lang, 'errForm'), path));
      }
      request.log.error({ err: error }, 'public page failed');
      return reply.status(500).send(renderErrorPage(lang, t(lang, 'serverErrorTitle'), t(lang, 'serverErrorText'), path));
    });

    site.get(publicCssPath, (_request, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(publicCss),
    );

    // Language-neutral entry points: the visitor's best language.
    site.get('/notices', (request, reply) => redirectToLanguage(request, reply, '/notices'));
    site.get<{ Params: { id: string } }>('/notices/:id', (request, reply) =>
      redirectToLanguage(request, reply, `/notices/${encodeURIComponent(request.params.id)}`),
    );

    /** A cacheable page: rendered once per catalogue state and URL, then served with an ETag. */
    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      render: (view: CatalogueView, day: Date) => { status: number; html: string },
    ): Promise<FastifyReply> => {
      const view = await sources.catalogue.current();
      const day = today();
      const state = `${view.etag}|${day.toISOString().slice(0, 10)}`;
      const url = request.url;
      let cached = cache.get(state, url);
      if (cached === undefined) {
        const { status, html } = render(view, day);
        // Very long URLs are rendered every time rather than let them push the common pages out.
        cached =
          url.length <= maxCachedUrl
            ? cache.set(state, url, status, html)
            : { status, body: Buffer.from(html), etag: pageEtag(state, url) };
      }
      void reply.header('cache-control', pageCacheControl).type(htmlType);
      if (cached.status === 200) {
        void reply.header('etag', cached.etag);
        if (etagMatches(request.headers['if-none-match'], cached.etag)) return reply.status(304).send();
      }
      return reply.status(cached.status).send(cached.body);
    };

    for (const lang of publicLanguages) {
      site.get(`/${lang}`, (_request, reply) => reply.redirect(searchPath(lang), 302));

      site.get(`/${lang}/notices`, (request, reply) =>
        page(request, reply, (view, day) => {
          const { filters, problems } = parseSearchFilters(queryOf(request.url));
          return { status: problems.length > 0 ? 400 : 200, html: renderSearchPage({ lang, view, filters, problems, today: day }) };
        }),
      );

      site.get<{ Params: { id: string } }>(`/${lang}/notices/:id`, (request, reply) =>
        page(request, reply, (view, day) => {
          const notice = findNotice(view, request.params.id);
          if (notice === undefined)
            return { status: 404, html: renderNotFoundPage(lang, 'notice', (other) => `/${other}/notices/${request.params.id}`) };
          return { status: 200, html: renderNoticePage({ lang, view, notice, today: day }) };
        }),
      );

      // The form posts here; a GET (a reload, a language switch) goes back to the form on the notice.
      site.get<{ Params: { id: string } }>(`/${lang}/notices/:id/tips`, (request, reply) =>
        reply.redirect(`/${lang}/notices/${encodeURIComponent(request.params.id)}#tip`, 303),
      );

      site.get<{ Params: { slug: string } }>(`/${lang}/campaigns/:slug`, (request, reply) =>
        page(request, reply, (view, day) => {
          const campaign = view.campaign(request.params.slug);
          if (campaign === undefined) {
            return {
              status: 404,
              html: renderNotFoundPage(lang, 'campaign', (other) => `/${other}/campaigns/${encodeURIComponent(request.params.slug)}`),
            };
          }
          return { status: 200, html: renderCampaignPage({ lang, view, campaign, today: day }) };
        }),
      );

      site.get(`/${lang}/tips/status`, (_request, reply) =>
        reply.header('cache-control', 'no-store').type(htmlType).send(renderStatusFormPage({ lang })),
      );

      site.get(`/${lang}/*`, (request, reply) => {
        const path = request.url.split('?')[0] ?? '';
        if (path === `/${lang}/`) return reply.redirect(searchPath(lang), 302);
        // A notice number as INTERPOL writes it (`YYYY/NNNNN`) leads to its page.
        const slashed = /^\/[a-z]{2}\/notices\/(\d{4})\/(\d{5,})$/.exec(path);
        if (slashed !== null) return reply.redirect(`/${lang}/notices/${slashed[1]}-${slashed[2]}`, 301);
        return reply
          .status(404)
          .header('cache-control', pageCacheControl)
          .type(htmlType)
          .send(renderNotFoundPage(lang, 'page', (other) => searchPath(other)));
      });
    }

    site.post<{ Params: { lang: string; id: string } }>(
      '/:lang/notices/:id/tips',
      { config: { rateLimit: publicSiteRateLimits.tips } },
      async (request, reply) => {
        const lang = request.params.lang;
        void reply.header('cache-control', 'no-store').type(htmlType);
        if (!isPublicLanguage(lang)) return reply.status(404).send(renderNotFoundPage('en', 'page', searchPath));
        const view = await sources.catalogue.current();
        const notice = findNotice(view, request.params.id);
        if (notice === undefined) {
          return reply.status(404).send(renderNotFoundPage(lang, 'notice', (other) => `/${other}/notices/${request.params.id}`));
        }
        const form = await readTipForm(request, lang);
        const refuse = (status: number, errors: TipFormError[]): FastifyReply => {
          if (status === 413) void reply.header('connection', 'close');
          return reply.status(status).send(renderTipFormPage({ lang, notice, values: form.values, errors }));
        };
        if (form.failure !== undefined) return refuse(form.failure.status, [form.failure.error]);
        // A bot that filled the hidden field gets what a person would, and nothing is stored.
        if (form.honeypot) return reply.send(renderReceiptPage(lang, notice, fakeReceipt()));
        const errors = checkTip(lang, form.values);
        if (errors.length > 0) return refuse(400, errors);
        try {
          const receipt = await sources.tips.submit({
            noticeId: notice.id,
            body: form.values.body ?? '',
            language: lang,
            ...(form.values.contactName !== undefined && { contactName: form.values.contactName }),
            ...(form.values.contactEmail !== undefined && { contactEmail: form.values.contactEmail }),
            ...(form.values.contactPhone !== undefined && { contactPhone: form.values.contactPhone }),
            photos: form.photos,
          });
          return reply.send(renderReceiptPage(lang, notice, receipt));
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'not_found') {
            return reply.status(404).send(renderNotFoundPage(lang, 'notice', (other) => `/${other}/notices/${request.params.id}`));
          }
          if (error.code === 'payload_too_large') return refuse(413, [photoTooLarge(lang)]);
          if (error.code !== 'invalid') throw error;
          return refuse(400, serviceErrors(lang, error.errors));
        }
      },
    );

    site.post<{ Params: { lang: string } }>(
      '/:lang/tips/status',
      { config: { rateLimit: publicSiteRateLimits.status } },
      async (request, reply) => {
        const lang = request.params.lang;
        void reply.header('cache-control', 'no-store').type(htmlType);
        if (!isPublicLanguage(lang)) return reply.status(404).send(renderNotFoundPage('en', 'page', searchPath));
        const { reference, secret } = credentialsOf(request.body);
        const view = reference === '' || secret === '' ? undefined : await sources.tips.readAsSender(reference, secret);
        if (view === undefined) return reply.status(400).send(renderStatusFormPage({ lang, notFound: true, reference }));
        return reply.send(renderStatusPage({ lang, view, secret }));
      },
    );

    site.post<{ Params: { lang: string } }>(
      '/:lang/tips/follow-up',
      { config: { rateLimit: publicSiteRateLimits.status } },
      async (request, reply) => {
        const lang = request.params.lang;
        void reply.header('cache-control', 'no-store').type(htmlType);
        if (!isPublicLanguage(lang)) return reply.status(404).send(renderNotFoundPage('en', 'page', searchPath));
        const { reference, secret } = credentialsOf(request.body);
        const text = normaliseText(request.body instanceof URLSearchParams ? (request.body.get('body') ?? '') : '');
        const view = reference === '' || secret === '' ? undefined : await sources.tips.readAsSender(reference, secret);
        if (view === undefined) return reply.status(400).send(renderStatusFormPage({ lang, notFound: true, reference }));
        const problem = bodyProblem(lang, text);
        if (problem !== undefined) return reply.status(400).send(renderStatusPage({ lang, view, secret, errors: [problem] }));
        const added = await sources.tips.followUp(reference, secret, text);
        const after = added ? await sources.tips.readAsSender(reference, secret) : undefined;
        if (after === undefined) return reply.status(400).send(renderStatusFormPage({ lang, notFound: true, reference }));
        return reply.send(renderStatusPage({ lang, view: after, secret, sent: true }));
      },
    );

    done();
  });
}

function redirectToLanguage(request: FastifyRequest, reply: FastifyReply, path: string): FastifyReply {
  const lang = bestLanguage(request.headers['accept-language']);
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  return reply.header('vary', 'accept-language').header('cache-control', 'no-cache').redirect(`/${lang}${path}${query}`, 302);
}

function queryOf(url: string): URLSearchParams {
  const at = url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
}

function languageOfUrl(url: string): PublicLanguage {
  const first = url.split('/')[1]?.split('?')[0] ?? '';
  return isPublicLanguage(first) ? first : 'en';
}

/** For an error page's language switcher: the same path in another language, or the search. */
function samePathIn(url: string): (lang: PublicLanguage) => string {
  const path = url.split('?')[0] ?? '';
  const rest = /^\/(?:en|fr|es|ar)(\/.*)$/.exec(path)?.[1];
  return (lang) => (rest === undefined || rest.endsWith('/tips') ? searchPath(lang) : `/${lang}${rest}`);
}

function findNotice(view: CatalogueView, urlId: string): PublicNotice | undefined {
  const number = publicNumberFromUrlId(urlId);
  return number === undefined ? undefined : view.byNumber(number);
}

/** Line ends as the browser sends them (CRLF) counted once, as the form's maxlength counts them. */
function normaliseText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

function credentialsOf(body: unknown): { reference: string; secret: string } {
  if (!(body instanceof URLSearchParams)) return { reference: '', secret: '' };
  return { reference: (body.get('reference') ?? '').trim().slice(0, 64), secret: (body.get('secret') ?? '').trim().slice(0, 128) };
}

interface TipForm {
  values: TipFormValues;
  photos: Uint8Array[];
  honeypot: boolean;
  failure?: { status: number; error: TipFormError };
}

const textFields = new Set(['body', 'contactName', 'contactEmail', 'contactPhone']);

/** Reads the multipart form with the tip limits: refuses oversize photos (413), too many (413), a broken form (400). */
async function readTipForm(request: FastifyRequest, lang: PublicLanguage): Promise<TipForm> {
  const form: TipForm = { values: {}, photos: [], honeypot: false };
  if (!request.isMultipart()) return { ...form, failure: { status: 400, error: { field: 'form', message: t(lang, 'errForm') } } };
  try {
    const parts = request.parts({
      limits: { fileSize: tipLimits.photoMaxBytes, files: tipLimits.photosMax, fields: 10, fieldSize: 64 * 1024, parts: 20 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // An empty file input still sends a part: no name, no bytes.
        if (bytes.byteLength === 0 && part.filename === '') continue;
        form.photos.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : '';
      if (part.fieldname === 'website') form.honeypot ||= value.trim() !== '';
      else if (textFields.has(part.fieldname)) {
        const text = normaliseText(value);
        if (text !== '') form.values[part.fieldname as keyof TipFormValues] = text;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return { ...form, failure: { status: 413, error: photoTooLarge(lang) } };
    if (code === 'FST_FILES_LIMIT') {
      return {
        ...form,
        failure: { status: 413, error: { field: 'photos', message: t(lang, 'errTooManyPhotos', { count: tipLimits.photosMax }) } },
      };
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      return { ...form, failure: { status: 413, error: { field: 'form', message: t(lang, 'errForm') } } };
    }
    request.log.warn({ err: error }, 'unreadable tip form');
    return { ...form, failure: { status: 400, error: { field: 'form', message: t(lang, 'errForm') } } };
  }
  return form;
}

function photoTooLarge(lang: PublicLanguage): TipFormError {
  return { field: 'photos', message: t(lang, 'errPhotoTooLarge', { mb: Math.round(tipLimits.photoMaxBytes / 1024 / 1024) }) };
}

function bodyProblem(lang: PublicLanguage, body: string | undefined): TipFormError | undefined {
  if (body === undefined || body === '') return { field: 'body', message: t(lang, 'errBodyRequired') };
  if (body.length > tipLimits.bodyMaxChars) return { field: 'body', message: t(lang, 'errBodyTooLong', { max: tipLimits.bodyMaxChars }) };
  return undefined;
}

/** The checks the visitor can fix, in their language, before anything reaches the service. */
function checkTip(lang: PublicLanguage, values: TipFormValues): TipFormError[] {
  const errors: TipFormError[] = [];
  const body = bodyProblem(lang, values.body);
  if (body !== undefined) errors.push(body);
  const tooLong = (field: 'contactName' | 'contactEmail' | 'contactPhone', max: number): void => {
    if ((values[field]?.length ?? 0) > max) errors.push({ field, message: t(lang, 'errTooLong', { max }) });
  };
  tooLong('contactName', contactLimits.name);
  tooLong('contactEmail', contactLimits.email);
  tooLong('contactPhone', contactLimits.phone);
  const email = values.contactEmail;
  if (email !== undefined && email.length <= contactLimits.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    errors.push({ field: 'contactEmail', message: t(lang, 'errEmail') });
  }
  return errors;
}

/** The service's field errors in the visitor's language (photos: not an image, or unreadable). */
function serviceErrors(lang: PublicLanguage, errors: readonly { field: string; message: string }[]): TipFormError[] {
  const mapped = errors.map((e): TipFormError => {
    const field = e.field.split('/')[0] ?? '';
    const key: MessageKey =
      field === 'photos' ? 'errNotImage' : field === 'contactEmail' ? 'errEmail' : field === 'body' ? 'errBodyRequired' : 'errForm';
    const known: TipFormError['field'] = field === 'photos' || field === 'contactEmail' || field === 'body' ? field : 'form';
    return { field: known, message: t(lang, key) };
  });
  const unique = mapped.filter((e, i) => mapped.findIndex((o) => o.field === e.field && o.message === e.message) === i);
  return unique.length > 0 ? unique : [{ field: 'form', message: t(lang, 'errForm') }];
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const code = (length: number): string => Array.from({ length }, () => crockford[randomInt(crockford.length)]).join('');

/** What a real receipt looks like, for a bot caught by the honeypot. */
function fakeReceipt(): TipReceipt {
  return { reference: `T-${code(4)}-${code(4)}`, secret: `${code(4)}-${code(4)}-${code(4)}-${code(4)}` };
}
