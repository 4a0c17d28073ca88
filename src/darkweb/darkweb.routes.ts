/**
 * /api/v1/darkweb: monitored sites (settings, session import, keeping media, crawl queueing), their
 * visits and history, captured pages as text, media as hashes and match labels (never bytes),
 * accounts, mirrors, alerts, onion address checks and custody verification. Session cookies and
 * Tor isolation keys never leave the server: the response schemas below do not name them, so the
 * serializer drops them even if a service handed them over.
 */
import { Type, type Static, type TSchema, type TString } from 'typebox';
import type { App } from '../app.js';
import type { Server } from '../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid, VisibilitySchema } from '../platform/http/schemas.js';
import type { AlertKind, VisitOutcome, VisitStatus } from './darkweb.schema.js';
import type { AccountKind } from './extract/accounts.js';
import type { ExtractionRuleField } from './extract/extraction-rules.js';
import { siteDefaults } from './site-model.js';
import { parseOnionAddress, type OnionRejection } from './transport/onion-address.js';

/** The keys of a record of every member of a union: the compiler says when a member is added. */
const keysOf = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];

const alertKinds = keysOf<AlertKind>({
  known_material: true,
  new_media_surge: true,
  watched_account: true,
  site_up: true,
  site_down: true,
  session_expired: true,
  challenge: true,
});
const visitStatuses = keysOf<VisitStatus>({ queued: true, running: true, completed: true, failed: true, cancelled: true });
const visitOutcomes = keysOf<VisitOutcome>({ up: true, down: true, challenge: true, logged_out: true });
const accountKinds = keysOf<AccountKind>({
  username: true,
  email: true,
  pgp_key: true,
  bitcoin: true,
  monero: true,
  ethereum: true,
  onion: true,
});
const onionRejections = keysOf<OnionRejection>({
  empty: true,
  not_onion: true,
  v2_unsupported: true,
  wrong_length: true,
  not_base32: true,
  wrong_version: true,
  bad_checksum: true,
});
const mediaTriages = ['known', 'ignorable', 'new', 'unreadable'] as const;
const siteVisibilities = ['agency', 'shared', 'network'] as const;

/** One property per extraction rule (`satisfies` names every rule, so a new one is not forgotten). */
function ruleProperties(selector: TString, pattern: TString) {
  return {
    usernameSelector: Type.Optional(selector),
    postSelector: Type.Optional(selector),
    postAuthorSelector: Type.Optional(selector),
    postTimeSelector: Type.Optional(selector),
    memberCountSelector: Type.Optional(selector),
    memberCountPattern: Type.Optional(pattern),
    loggedOutSelector: Type.Optional(selector),
    loggedOutPattern: Type.Optional(pattern),
  } satisfies Record<ExtractionRuleField, TSchema>;
}
const ExtractionRulesSchema = Type.Object(ruleProperties(Type.String(), Type.String()), {
  description: 'CSS selectors (…Selector) and case-insensitive regular expressions (…Pattern)',
});
const ExtractionRulesBody = Type.Object(ruleProperties(Type.String({ maxLength: 500 }), Type.String({ maxLength: 300 })), {
  additionalProperties: false,
  description: 'Replaces the rules as a whole',
});

const SiteRef = Type.Object({ id: Uuid, name: Type.String(), origin: Type.String() });

export const SiteSchema = Type.Object({
  id: Uuid,
  ownerAgencyId: Uuid,
  visibility: VisibilitySchema,
  sharedWith: Type.Array(Uuid),
  name: Type.String(),
  kind: OneOf(['onion', 'clear'] as const),
  origin: Type.String({ description: 'http://<56 characters>.onion or https://host[:port]' }),
  seeds: Type.Array(Type.String()),
  scopeInclude: Type.Array(Type.String()),
  scopeExclude: Type.Array(Type.String()),
  maxDepth: Type.Integer(),
  maxPages: Type.Integer(),
  recrawlMinutes: Type.Integer(),
  concurrency: Type.Integer(),
  delayMs: Type.Integer(),
  timeoutMs: Type.Integer(),
  extractionRules: ExtractionRulesSchema,
  caseId: Nullable(Uuid),
  legalBasis: Type.String(),
  keepMedia: Type.Boolean({ description: 'Fetched media are kept (encrypted); otherwise only hashes' }),
  status: OneOf(['active', 'paused'] as const),
  hasSession: Type.Boolean({ description: 'Session cookies were imported (they are never returned)' }),
  nextCrawlAt: Nullable(DateTime),
  lastState: Nullable(OneOf(['up', 'down'] as const)),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const visitProperties = {
  id: Uuid,
  siteId: Uuid,
  status: OneOf(visitStatuses),
  outcome: Nullable(OneOf(visitOutcomes)),
  failureClass: Nullable(Type.String({ description: 'Why the site was down: a Tor or HTTP failure class' })),
  pagesFetched: Type.Integer(),
  pagesFailed: Type.Integer(),
  challenges: Type.Integer(),
  mediaSeen: Type.Integer(),
  mediaKnown: Type.Integer(),
  mediaNew: Type.Integer(),
  bytes: Type.Integer(),
  meanResponseMs: Nullable(Type.Integer()),
  memberCount: Nullable(Type.Integer()),
  contentFingerprint: Nullable(Type.String()),
  contentChanged: Nullable(Type.Boolean()),
  startedBy: Nullable(Uuid),
  queuedAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
};
export const VisitSchema = Type.Object(visitProperties);

const FrontierCount = Type.Object({ page: Type.Integer(), media: Type.Integer() });
export const VisitDetailSchema = Type.Object({
  ...visitProperties,
  frontier: Type.Object({ pending: FrontierCount, claimed: FrontierCount, done: FrontierCount, failed: FrontierCount }),
  site: SiteRef,
});

const pageSummaryProperties = {
  id: Type.Integer(),
  url: Type.String(),
  statusCode: Type.Integer(),
  pageKind: Type.String({ description: 'content, challenge, logged_out or error' }),
  title: Nullable(Type.String()),
  language: Nullable(Type.String()),
  links: Type.Integer(),
  media: Type.Integer(),
  responseMs: Type.Integer(),
  bytes: Type.Integer(),
  fetchedAt: DateTime,
};
export const PageSummarySchema = Type.Object(pageSummaryProperties);
export const PageDetailSchema = Type.Object({
  ...pageSummaryProperties,
  visitId: Uuid,
  siteId: Uuid,
  text: Type.String({ description: 'The visible text of the page' }),
  memberCount: Nullable(Type.Integer()),
  posts: Type.Array(
    Type.Object({ author: Nullable(Type.String()), time: Nullable(Type.String()), timeText: Nullable(Type.String()), text: Type.String() }),
    { description: "Posts read by the site's extraction rules (at most 200)" },
  ),
  contentFingerprint: Nullable(Type.String()),
  warcFile: Type.String(),
  warcRecordId: Type.String(),
  warcOffset: Type.Integer(),
  payloadDigest: Type.String(),
});

/** What the crawler records of a hash-set match: the set and its labels, never the entry's own hashes. */
const DarkwebMatchSchema = Type.Object({
  entryId: Type.Integer(),
  hashSet: Type.Object({ id: Uuid, name: Type.String(), purpose: Type.String() }),
  matchedOn: OneOf(['md5', 'sha1', 'sha256', 'pdq'] as const),
  distance: Type.Integer(),
  labels: Type.Object({
    category: Type.Optional(Type.Object({ scheme: Type.String(), code: Type.String() })),
    baseline: Type.Optional(Type.Boolean()),
    seriesName: Type.Optional(Type.String()),
    victimIdentified: Type.Optional(Type.Boolean()),
    offenderIdentified: Type.Optional(Type.Boolean()),
    distributed: Type.Optional(Type.Boolean()),
    submissions: Type.Optional(Type.Integer()),
    notes: Type.Optional(Type.String()),
    externalId: Type.Optional(Type.String()),
    mediaType: Type.Optional(Type.String()),
    fileName: Type.Optional(Type.String()),
  }),
  frame: Type.Optional(
    Type.Object(
      { frameNumber: Type.Integer(), timestamp: Type.Number() },
      { description: "For a video matched by a frame (vPDQ against the set's PDQ entries): which frame" },
    ),
  ),
});

export const MediaViewSchema = Type.Object({
  id: Type.Integer(),
  visitId: Uuid,
  url: Type.String(),
  pageUrl: Nullable(Type.String()),
  kind: OneOf(['image', 'video', 'other'] as const),
  bytes: Type.Integer(),
  md5: Type.String(),
  sha1: Type.String(),
  sha256: Type.String(),
  pdq: Nullable(Type.String()),
  pdqQuality: Nullable(Type.Integer()),
  video: Nullable(
    Type.Object(
      { durationSeconds: Type.Number(), frames: Type.Integer({ description: 'vPDQ frame hashes, one a second' }) },
      { description: 'A video hashed by its frames; its vPDQ is at /darkweb/media/{id}/vpdq' },
    ),
  ),
  triage: OneOf(mediaTriages),
  matches: Type.Array(DarkwebMatchSchema),
  kept: Type.Boolean({ description: 'The media itself was kept (encrypted) because the site keeps media' }),
  fetchedAt: DateTime,
});

export const AccountViewSchema = Type.Object({
  id: Uuid,
  siteId: Uuid,
  siteName: Type.String(),
  kind: Type.String({ description: accountKinds.join(', ') }),
  value: Type.String(),
  firstSeenAt: DateTime,
  lastSeenAt: DateTime,
  firstUrl: Type.String(),
  sightings: Type.Integer(),
  watched: Type.Boolean(),
  caseId: Nullable(Uuid),
  note: Nullable(Type.String()),
  otherSites: Type.Integer({ description: 'Other visible sites where the same account was seen' }),
  persons: Type.Array(Type.Object({ id: Uuid, name: Type.String() }), {
    description: 'Persons the account is linked to, only those your agency may see',
  }),
});

export const AlertSchema = Type.Object({
  id: Uuid,
  siteId: Uuid,
  ownerAgencyId: Uuid,
  siteName: Type.String(),
  visitId: Nullable(Uuid),
  kind: OneOf(alertKinds),
  title: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Depends on the kind: matched hashes and labels, URLs, counts' }),
  createdAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
  acknowledgedBy: Nullable(Uuid),
  webhookStatus: Nullable(OneOf(['pending', 'sent', 'failed'] as const)),
  webhookAttempts: Type.Integer(),
});

const CustodyVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'Custody entries walked' }),
  headSeq: Type.Integer(),
  recordsChecked: Type.Integer({ description: 'WARC records read back and compared (with warcs)' }),
  problems: Type.Array(Type.Object({ seq: Type.Integer(), problem: Type.String() })),
});

const UrlList = (maxItems: number, description: string) => Type.Array(Type.String({ maxLength: 2000 }), { maxItems, description });

const siteSettingsBody = {
  seeds: Type.Optional(UrlList(1000, 'Start pages on the origin (default: the origin itself)')),
  scopeInclude: Type.Optional(UrlList(100, 'URL patterns with * for any characters; when any, a link must match one')),
  scopeExclude: Type.Optional(UrlList(100, 'URL patterns with * that are never crawled')),
  maxDepth: Type.Optional(Type.Integer({ description: `default ${siteDefaults.maxDepth}` })),
  maxPages: Type.Optional(Type.Integer({ description: `default ${siteDefaults.maxPages}` })),
  recrawlMinutes: Type.Optional(Type.Integer({ description: `default ${siteDefaults.recrawlMinutes}` })),
  concurrency: Type.Optional(Type.Integer({ description: `requests at once, default ${siteDefaults.concurrency}` })),
  delayMs: Type.Optional(Type.Integer({ description: `between requests, default ${siteDefaults.delayMs}` })),
  timeoutMs: Type.Optional(Type.Integer({ description: `per request, default ${siteDefaults.timeoutMs}` })),
  caseId: Type.Optional(Nullable(Uuid)),
  extractionRules: Type.Optional(ExtractionRulesBody),
  visibility: Type.Optional(OneOf(siteVisibilities)),
  sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
};
const Name = Type.String({ maxLength: 200 });
const Origin = Type.String({ maxLength: 300, description: 'A v3 onion address (bare or as a URL) or a clear-web URL' });
const LegalBasis = Type.String({ maxLength: 2000, description: 'The warrant or authorisation for watching the site' });

const Limit = (maximum: number) => Type.Optional(Type.Integer({ minimum: 1, maximum }));
const After = Type.Optional(Type.Integer({ minimum: 0, description: 'Id of the last item of the previous page' }));

export function darkwebRoutes(api: Server, app: App): void {
  const { sites, darkweb, alerts } = app.services;
  const tags = ['darkweb'];

  api.get(
    '/darkweb/sites',
    { schema: { tags, summary: 'Monitored sites your agency may see', response: { 200: Items(SiteSchema), ...problemResponses } } },
    async (request) => ({ items: await sites.list(request.actor) }),
  );

  api.post(
    '/darkweb/sites',
    {
      schema: {
        tags,
        summary: 'Start watching a site (onion v3 or clear web), recording the legal basis',
        body: Type.Object({ name: Name, origin: Origin, legalBasis: LegalBasis, ...siteSettingsBody }, { additionalProperties: false }),
        response: { 201: SiteSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await sites.create(request.actor, request.body)),
  );

  api.get(
    '/darkweb/sites/:id',
    { schema: { tags, summary: 'One site (audited)', params: IdParams, response: { 200: SiteSchema, ...problemResponses } } },
    (request) => sites.get(request.actor, request.params.id),
  );

  api.patch(
    '/darkweb/sites/:id',
    {
      schema: {
        tags,
        summary: 'Change a site’s settings, rules, sharing or status (owning agency)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            origin: Type.Optional(Origin),
            legalBasis: Type.Optional(LegalBasis),
            ...siteSettingsBody,
            status: Type.Optional(OneOf(['active', 'paused'] as const)),
          },
          { additionalProperties: false },
        ),
        response: { 200: SiteSchema, ...problemResponses },
      },
    },
    (request) => sites.update(request.actor, request.params.id, request.body),
  );

  api.put(
    '/darkweb/sites/:id/session',
    {
      schema: {
        tags,
        summary: 'Import session cookies for a login-walled forum, or remove them with null (audited; never shown again)',
        params: IdParams,
        body: Type.Object(
          { cookie: Nullable(Type.String({ maxLength: 8192, description: 'One Cookie header value: name=value; name2=value2' })) },
          { additionalProperties: false },
        ),
        response: { 200: SiteSchema, ...problemResponses },
      },
    },
    (request) => sites.setSession(request.actor, request.params.id, request.body.cookie),
  );

  api.put(
    '/darkweb/sites/:id/keep-media',
    {
      schema: {
        tags,
        summary: 'Keep fetched media (encrypted, for victim identification) or only their hashes; audited with the reason',
        params: IdParams,
        body: Type.Object({ keep: Type.Boolean(), reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: SiteSchema, ...problemResponses },
      },
    },
    (request) => sites.setKeepMedia(request.actor, request.params.id, request.body.keep, request.body.reason),
  );

  api.post(
    '/darkweb/sites/:id/crawl',
    {
      schema: {
        tags,
        summary: 'Queue a visit now; a visit already queued or running is returned with created false',
        params: IdParams,
        response: { 202: Type.Object({ visit: VisitSchema, created: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await darkweb.queueCrawl(request.actor, request.params.id)),
  );

  api.get(
    '/darkweb/sites/:id/visits',
    {
      schema: {
        tags,
        summary: 'The site’s history: its visits, newest first',
        params: IdParams,
        querystring: Type.Object({ limit: Limit(1000) }, { additionalProperties: false }),
        response: { 200: Items(VisitSchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await darkweb.visits(request.actor, request.params.id, request.query.limit) }),
  );

  api.get(
    '/darkweb/sites/:id/mirrors',
    {
      schema: {
        tags,
        summary: 'Other visible sites serving the same content, by shared page fingerprints',
        params: IdParams,
        response: { 200: Items(Type.Object({ site: SiteRef, sharedPages: Type.Integer() })), ...problemResponses },
      },
    },
    async (request) => ({ items: await darkweb.mirrors(request.actor, request.params.id) }),
  );

  api.get(
    '/darkweb/visits/:id',
    {
      schema: {
        tags,
        summary: 'One visit with its frontier counts and site',
        params: IdParams,
        response: { 200: VisitDetailSchema, ...problemResponses },
      },
    },
    (request) => darkweb.visit(request.actor, request.params.id),
  );

  api.get(
    '/darkweb/visits/:id/pages',
    {
      schema: {
        tags,
        summary: 'Pages captured by a visit, paged by id; q searches their text',
        params: IdParams,
        querystring: Type.Object(
          { after: After, limit: Limit(1000), q: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Items(PageSummarySchema), ...problemResponses },
      },
    },
    async (request) => {
      const { after, limit, q } = request.query;
      return { items: await darkweb.pages(request.actor, request.params.id, { after, limit, q }) };
    },
  );

  api.get(
    '/darkweb/pages/:id',
    {
      schema: {
        tags,
        summary: 'One captured page as text, with its WARC record (audited)',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false }),
        response: { 200: PageDetailSchema, ...problemResponses },
      },
    },
    (request) => darkweb.page(request.actor, request.params.id),
  );

  api.get(
    '/darkweb/media',
    {
      schema: {
        tags,
        summary: 'Media seen by a visit or on a site, as hashes and match labels (never the media); audited',
        querystring: Type.Object(
          {
            visitId: Type.Optional(Uuid),
            siteId: Type.Optional(Uuid),
            triage: Type.Optional(OneOf(mediaTriages)),
            after: After,
            limit: Limit(1000),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(MediaViewSchema), ...problemResponses },
      },
    },
    async (request) => {
      const items = await darkweb.media(request.actor, request.query);
      // MediaView types kind, triage and matches loosely (text and JSON columns); the crawler writes them in this shape.
      return { items: items as Static<typeof MediaViewSchema>[] };
    },
  );

  api.get(
    '/darkweb/media/:id/thumbnail',
    {
      schema: {
        tags,
        summary:
          'A thumbnail of an image the crawler kept (sites that keep media; owning agency only): blurred and greyscale unless reveal=true (analysts only; audited)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ reveal: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        produces: ['image/jpeg'],
      },
    },
    async (request, reply) => {
      const jpeg = await darkweb.mediaThumbnail(request.actor, request.params.id, request.query.reveal === true);
      return reply.type('image/jpeg').header('cache-control', 'no-store').send(jpeg);
    },
  );

  api.get(
    '/darkweb/media/:id/vpdq',
    {
      schema: {
        tags,
        summary: "A video's vPDQ in the reference's text format, one frameNumber,quality,pdq,timestamp line a frame (audited)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        produces: ['text/plain'],
      },
    },
    async (request, reply) => {
      const text = await darkweb.mediaVpdq(request.actor, request.params.id);
      return reply.type('text/plain; charset=utf-8').send(text);
    },
  );

  api.get(
    '/darkweb/accounts',
    {
      schema: {
        tags,
        summary: 'Accounts seen on visible sites (usernames, emails, PGP keys, cryptocurrency addresses, onion addresses)',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Uuid),
            kind: Type.Optional(OneOf(accountKinds)),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            watched: Type.Optional(Type.Boolean()),
            limit: Limit(2000),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(AccountViewSchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await darkweb.accounts(request.actor, request.query) }),
  );

  api.patch(
    '/darkweb/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Watch an account (alert when it appears on another site), note it, or link it to a case (owning agency)',
        params: IdParams,
        body: Type.Object(
          {
            watched: Type.Optional(Type.Boolean()),
            note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
            caseId: Type.Optional(Nullable(Uuid)),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await darkweb.updateAccount(request.actor, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  const AccountPersonParams = Type.Object(
    { id: Type.String({ maxLength: 100 }), personId: Type.String({ maxLength: 100 }) },
    { additionalProperties: false },
  );

  api.put(
    '/darkweb/accounts/:id/persons/:personId',
    {
      schema: {
        tags,
        summary:
          "Link an account to a person your agency may see, with an optional basis (owning agency of the account's site; audited; again: replaces the basis)",
        params: AccountPersonParams,
        body: Type.Object(
          {
            basis: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'why the account is thought to be the person’s' }))),
          },
          { additionalProperties: false, description: '{} when there is no basis to record' },
        ),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await darkweb.linkPerson(request.actor, request.params.id, request.params.personId, request.body.basis);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/darkweb/accounts/:id/persons/:personId',
    {
      schema: {
        tags,
        summary: "Unlink an account from a person (owning agency of the account's site; audited)",
        params: AccountPersonParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await darkweb.unlinkPerson(request.actor, request.params.id, request.params.personId);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/darkweb/alerts',
    {
      schema: {
        tags,
        summary: 'Alerts of visible sites, newest first',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Uuid),
            kind: Type.Optional(OneOf(alertKinds)),
            unacknowledged: Type.Optional(Type.Boolean()),
            limit: Limit(1000),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(AlertSchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await alerts.list(request.actor, request.query) }),
  );

  api.post(
    '/darkweb/alerts/:id/acknowledge',
    {
      schema: { tags, summary: 'Acknowledge an alert (audited)', params: IdParams, response: { 200: AlertSchema, ...problemResponses } },
    },
    (request) => alerts.acknowledge(request.actor, request.params.id),
  );

  api.get(
    '/darkweb/onion/:address',
    {
      schema: {
        tags,
        summary:
          'Check a v3 onion address (a name, a host or a URL, percent-encoded): length, base32, version and checksum; nothing is contacted',
        params: Type.Object({ address: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            valid: Type.Boolean(),
            address: Type.Optional(Type.String({ description: 'The canonical form: <56 characters>.onion' })),
            reason: Type.Optional(OneOf(onionRejections)),
            message: Type.Optional(Type.String()),
          }),
          ...problemResponses,
        },
      },
    },
    (request) => {
      const parsed = parseOnionAddress(request.params.address);
      return parsed.ok ? { valid: true, address: parsed.address } : { valid: false, reason: parsed.reason, message: parsed.message };
    },
  );

  api.post(
    '/darkweb/custody/verify',
    {
      schema: {
        tags,
        summary: 'Verify the custody hash chain; with warcs, read back every WARC record and compare its digests (auditors, admins)',
        body: Type.Object(
          { warcs: Type.Optional(Type.Boolean({ description: 'Also read back the WARC records (slow); default false' })) },
          { additionalProperties: false },
        ),
        response: { 200: CustodyVerificationSchema, ...problemResponses },
      },
      // The body is optional: a POST without one verifies the chain only.
      preValidation: (request, _reply, done) => {
        (request as { body: unknown }).body ??= {};
        done();
      },
    },
    async (request) => {
      return darkweb.verifyCustody(request.actor, { warcs: request.body.warcs === true });
    },
  );
}
