/**
 * The dark web API over HTTP: sites with every bad field named, another agency's site and what
 * hangs off it answering 404 until it is shared, the session cookie never echoed and its import
 * audited, keeping media only with a reason, crawl queueing, captured pages, media and accounts
 * read back field for field, alerts, onion checks, custody verification by role, and OpenAPI.
 * No crawl runs here: captured rows are written straight to the database (the crawler's own tests
 * cover how they are made).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../test/factories.js';
import { systemActor } from '../platform/access/actor.js';
import { AlertRepository } from './alert.repository.js';
import { onionAddressFromKey } from './transport/onion-address.js';

interface SiteBody {
  id: string;
  name: string;
  origin: string;
  kind: string;
  visibility: string;
  hasSession: boolean;
  keepMedia: boolean;
  status: string;
  seeds: string[];
  createdAt: string;
}
interface VisitBody {
  id: string;
  siteId: string;
  status: string;
}
interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

const newOnion = (): string => onionAddressFromKey(randomBytes(32));
/** The JSON a service value becomes on the wire (dates as ISO strings), to compare with a response. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('dark web API', () => {
  let t: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let auditor: TestUser;
  let cookies: { owner: string; colleague: string; outsider: string; admin: string; auditor: string };
  let siteCounter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const agency = await insertAgency(t);
    owner = await insertUser(t, { agency, roles: ['investigator'] });
    colleague = await insertUser(t, { agency, roles: ['analyst'] });
    admin = await insertUser(t, { agency, roles: ['admin'] });
    auditor = await insertUser(t, { agency, roles: ['auditor'] });
    outsider = await insertUser(t, { agency: await insertAgency(t), roles: ['investigator'] });
    cookies = {
      owner: await signIn(t, owner),
      colleague: await signIn(t, colleague),
      outsider: await signIn(t, outsider),
      admin: await signIn(t, admin),
      auditor: await signIn(t, auditor),
    };
  });
  afterAll(() => t.close());

  const request = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload !== undefined && { payload }) });

  async function createSite(extra: Record<string, unknown> = {}): Promise<SiteBody> {
    const response = await request(cookies.owner, 'POST', '/darkweb/sites', {
      name: `Forum ${++siteCounter}`,
      origin: `http://${newOnion()}`,
      legalBasis: 'Warrant 2026/114',
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<SiteBody>();
  }

  it('creates a site and names every bad field in a problem document', async () => {
    const address = newOnion();
    const badOnion = await request(cookies.owner, 'POST', '/darkweb/sites', {
      name: 'Radio forum',
      origin: `http://${address.replace(/^./, address.startsWith('a') ? 'b' : 'a')}`,
      legalBasis: 'Warrant 2026/114',
    });
    expect(badOnion.statusCode).toBe(400);
    expect(badOnion.headers['content-type']).toContain('application/problem+json');
    expect(badOnion.json<Problem>().errors).toEqual([
      expect.objectContaining({ field: 'origin', message: expect.stringContaining('checksum') }),
    ]);

    const noLegalBasis = await request(cookies.owner, 'POST', '/darkweb/sites', { name: 'Radio forum', origin: address });
    expect(noLegalBasis.statusCode).toBe(400);
    expect(noLegalBasis.json<Problem>().errors?.map((e) => e.field)).toEqual(['legalBasis']);

    const badRules = await request(cookies.owner, 'POST', '/darkweb/sites', {
      name: 'Radio forum',
      origin: address,
      legalBasis: 'Warrant 2026/114',
      extractionRules: { postSelector: 'div[[[', memberCountPattern: '(a+)+' },
    });
    expect(badRules.statusCode).toBe(400);
    expect(badRules.json<Problem>().errors?.map((e) => e.field)).toEqual([
      'extractionRules.postSelector',
      'extractionRules.memberCountPattern',
    ]);

    const unknownRule = await request(cookies.owner, 'POST', '/darkweb/sites', {
      name: 'Radio forum',
      origin: address,
      legalBasis: 'Warrant 2026/114',
      extractionRules: { avatarSelector: 'img' },
    });
    expect(unknownRule.json<Problem>().errors?.map((e) => e.field)).toEqual(['extractionRules/avatarSelector']);

    const byAnalyst = await request(cookies.colleague, 'POST', '/darkweb/sites', {
      name: 'Radio forum',
      origin: address,
      legalBasis: 'Warrant 2026/114',
    });
    expect(byAnalyst.statusCode).toBe(403);

    const created = await request(cookies.owner, 'POST', '/darkweb/sites', {
      name: 'Radio forum',
      origin: address.toUpperCase(),
      legalBasis: 'Warrant 2026/114',
      maxDepth: 3,
      extractionRules: { postSelector: 'article.post', memberCountPattern: '([\\d,]{1,12}) members' },
    });
    expect(created.statusCode).toBe(201);
    const site = created.json<SiteBody & Record<string, unknown>>();
    expect(site).toMatchObject({
      name: 'Radio forum',
      kind: 'onion',
      origin: `http://${address}`,
      seeds: [`http://${address}/`],
      maxDepth: 3,
      visibility: 'agency',
      hasSession: false,
      keepMedia: false,
      status: 'active',
      extractionRules: { postSelector: 'article.post', memberCountPattern: '([\\d,]{1,12}) members' },
    });
    expect(site.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(site).not.toHaveProperty('sessionCookie');
    expect(site).not.toHaveProperty('isolationKey');
    // Every field of the service's Site reaches the console.
    expect(site).toEqual(asJson(await t.app.services.sites.get(owner.actor, site.id, { audit: false })));

    const duplicate = await request(cookies.owner, 'POST', '/darkweb/sites', {
      name: 'Radio forum',
      origin: newOnion(),
      legalBasis: 'Warrant 2026/115',
    });
    expect(duplicate.statusCode).toBe(409);

    const list = await request(cookies.colleague, 'GET', '/darkweb/sites');
    expect(list.json<{ items: SiteBody[] }>().items.map((s) => s.id)).toContain(site.id);
    const one = await request(cookies.colleague, 'GET', `/darkweb/sites/${site.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(site);
    expect((await request(cookies.owner, 'GET', '/darkweb/sites/not-a-uuid')).statusCode).toBe(404);
  });

  it('answers 404 for another agency’s site and what hangs off it, until the site is shared with the network', async () => {
    const site = await createSite();
    const { visit } = await t.app.services.darkweb.queueCrawl(owner.actor, site.id);
    const alertId = await new AlertRepository(t.app.database.db).insert({
      siteId: site.id,
      visitId: visit.id,
      kind: 'site_down',
      title: `${site.name} is down`,
      details: { failureClass: 'descriptor_not_found' },
      webhook: false,
    });

    for (const [method, url] of [
      ['GET', `/darkweb/sites/${site.id}`],
      ['GET', `/darkweb/sites/${site.id}/visits`],
      ['GET', `/darkweb/sites/${site.id}/mirrors`],
      ['GET', `/darkweb/visits/${visit.id}`],
      ['GET', `/darkweb/visits/${visit.id}/pages`],
      ['GET', `/darkweb/media?siteId=${site.id}`],
      ['GET', `/darkweb/accounts?siteId=${site.id}`],
      ['POST', `/darkweb/sites/${site.id}/crawl`],
      ['POST', `/darkweb/alerts/${alertId}/acknowledge`],
    ] as const) {
      const response = await request(cookies.outsider, method, url);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json<Problem>().code).toBe('not_found');
    }
    expect((await request(cookies.outsider, 'PATCH', `/darkweb/sites/${site.id}`, { name: 'Mine now' })).statusCode).toBe(404);
    expect((await request(cookies.outsider, 'GET', '/darkweb/sites')).json<{ items: SiteBody[] }>().items.map((s) => s.id)).not.toContain(
      site.id,
    );
    expect(
      (await request(cookies.outsider, 'GET', '/darkweb/alerts')).json<{ items: { id: string }[] }>().items.map((a) => a.id),
    ).not.toContain(alertId);

    const shared = await request(cookies.owner, 'PATCH', `/darkweb/sites/${site.id}`, { visibility: 'network' });
    expect(shared.statusCode).toBe(200);
    expect(shared.json<SiteBody>().visibility).toBe('network');

    expect((await request(cookies.outsider, 'GET', `/darkweb/sites/${site.id}`)).statusCode).toBe(200);
    expect((await request(cookies.outsider, 'GET', `/darkweb/visits/${visit.id}`)).statusCode).toBe(200);
    expect(
      (await request(cookies.outsider, 'GET', '/darkweb/alerts')).json<{ items: { id: string }[] }>().items.map((a) => a.id),
    ).toContain(alertId);
    // Visible is not owned: changing it, its session or its crawls stays with the owning agency.
    for (const [method, url, payload] of [
      ['PATCH', `/darkweb/sites/${site.id}`, { name: 'Mine now' }],
      ['PUT', `/darkweb/sites/${site.id}/session`, { cookie: 'sid=1' }],
      ['PUT', `/darkweb/sites/${site.id}/keep-media`, { keep: true, reason: 'victim identification' }],
      ['POST', `/darkweb/sites/${site.id}/crawl`, undefined],
    ] as const) {
      const response = await request(cookies.outsider, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('changes settings and status, with every bad field named', async () => {
    const site = await createSite();
    const bad = await request(cookies.owner, 'PATCH', `/darkweb/sites/${site.id}`, {
      origin: 'ftp://example.org',
      concurrency: 0,
      status: 'gone',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.map((e) => e.field)).toEqual(['status']);
    const invalidSettings = await request(cookies.owner, 'PATCH', `/darkweb/sites/${site.id}`, {
      origin: 'ftp://example.org',
      concurrency: 0,
    });
    expect(invalidSettings.json<Problem>().errors?.map((e) => e.field)).toEqual(['origin', 'concurrency']);
    const paused = await request(cookies.owner, 'PATCH', `/darkweb/sites/${site.id}`, {
      status: 'paused',
      recrawlMinutes: 60,
      scopeExclude: [`${site.origin}/logout*`],
    });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', recrawlMinutes: 60, scopeExclude: [`${site.origin}/logout*`] });
    expect((await request(cookies.colleague, 'PATCH', `/darkweb/sites/${site.id}`, { status: 'active' })).statusCode).toBe(403);
  });

  it('imports a session cookie without ever echoing it, and audits the import without it', async () => {
    const site = await createSite();
    const secret = `sid=${randomBytes(12).toString('hex')}; theme=dark`;
    const imported = await request(cookies.owner, 'PUT', `/darkweb/sites/${site.id}/session`, { cookie: secret });
    expect(imported.statusCode).toBe(200);
    expect(imported.json<SiteBody>().hasSession).toBe(true);
    expect(imported.body).not.toContain(secret.slice(4, 28));
    for (const url of ['/darkweb/sites', `/darkweb/sites/${site.id}`])
      expect((await request(cookies.owner, 'GET', url)).body).not.toContain(secret.slice(4, 28));
    // The crawler has it.
    expect((await t.app.services.sites.repository.findForCrawl(site.id))?.sessionCookie).toBe(secret);

    const events = await t.app.services.audit.search(systemActor('test'), { action: 'darkweb.site.session', recordId: site.id });
    expect(events).toEqual([
      expect.objectContaining({ action: 'darkweb.site.session_import', actorId: owner.user.id, details: { cookies: 2 } }),
    ]);
    expect(JSON.stringify(events)).not.toContain(secret.slice(4, 28));

    const twoLines = await request(cookies.owner, 'PUT', `/darkweb/sites/${site.id}/session`, { cookie: 'sid=1\r\nX-Injected: 1' });
    expect(twoLines.statusCode).toBe(400);
    expect(twoLines.json<Problem>().errors?.map((e) => e.field)).toEqual(['cookie']);
    expect((await request(cookies.owner, 'PUT', `/darkweb/sites/${site.id}/session`, {})).statusCode).toBe(400);

    const removed = await request(cookies.owner, 'PUT', `/darkweb/sites/${site.id}/session`, { cookie: null });
    expect(removed.json<SiteBody>().hasSession).toBe(false);
    expect(
      (await t.app.services.audit.search(systemActor('test'), { action: 'darkweb.site.session_remove', recordId: site.id })).length,
    ).toBe(1);
  });

  it('keeps media only when told why, and audits the reason', async () => {
    const site = await createSite();
    const noReason = await request(cookies.owner, 'PUT', `/darkweb/sites/${site.id}/keep-media`, { keep: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().errors?.map((e) => e.field)).toEqual(['reason']);
    const blankReason = await request(cookies.owner, 'PUT', `/darkweb/sites/${site.id}/keep-media`, { keep: true, reason: '  ' });
    expect(blankReason.statusCode).toBe(400);
    expect(blankReason.json<Problem>().errors?.map((e) => e.field)).toEqual(['reason']);
    expect(
      (await request(cookies.colleague, 'PUT', `/darkweb/sites/${site.id}/keep-media`, { keep: true, reason: 'because' })).statusCode,
    ).toBe(403);

    const kept = await request(cookies.owner, 'PUT', `/darkweb/sites/${site.id}/keep-media`, {
      keep: true,
      reason: 'Victim identification, case 12',
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json<SiteBody>().keepMedia).toBe(true);
    const events = await t.app.services.audit.search(systemActor('test'), { action: 'darkweb.site.keep_media', recordId: site.id });
    expect(events).toEqual([expect.objectContaining({ action: 'darkweb.site.keep_media_on', reason: 'Victim identification, case 12' })]);
  });

  it('queues a crawl once (202), and shows the visit with its frontier', async () => {
    const site = await createSite();
    const first = await request(cookies.owner, 'POST', `/darkweb/sites/${site.id}/crawl`);
    expect(first.statusCode).toBe(202);
    const { visit, created } = first.json<{ visit: VisitBody; created: boolean }>();
    expect(created).toBe(true);
    expect(visit).toMatchObject({ siteId: site.id, status: 'queued', pagesFetched: 0, outcome: null, startedBy: owner.user.id });
    const again = await request(cookies.owner, 'POST', `/darkweb/sites/${site.id}/crawl`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ visit: first.json<{ visit: unknown }>().visit, created: false });
    expect((await request(cookies.colleague, 'POST', `/darkweb/sites/${site.id}/crawl`)).statusCode).toBe(403);

    const visits = await request(cookies.colleague, 'GET', `/darkweb/sites/${site.id}/visits?limit=10`);
    expect(visits.json()).toEqual({ items: [first.json<{ visit: unknown }>().visit] });
    expect((await request(cookies.colleague, 'GET', `/darkweb/sites/${site.id}/visits?limit=0`)).statusCode).toBe(400);

    const detail = await request(cookies.colleague, 'GET', `/darkweb/visits/${visit.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      id: visit.id,
      frontier: { pending: { page: 1, media: 0 }, done: { page: 0, media: 0 } },
      site: { id: site.id, name: site.name, origin: site.origin },
    });
    expect(detail.json()).toEqual(asJson(await t.app.services.darkweb.visit(colleague.actor, visit.id)));
    expect((await request(cookies.colleague, 'GET', `/darkweb/visits/${randomUUID()}`)).statusCode).toBe(404);
  });

  describe('what a visit captured', () => {
    let site: SiteBody;
    let mirror: SiteBody;
    let visitId: string;
    let pageId: number;
    let accountId: string;

    beforeAll(async () => {
      site = await createSite();
      mirror = await createSite();
      const db = t.app.database.db;
      visitId = (await t.app.services.darkweb.queueCrawl(owner.actor, site.id)).visit.id;
      const mirrorVisit = (await t.app.services.darkweb.queueCrawl(owner.actor, mirror.id)).visit.id;
      const page = (siteId: string, visit: string, url: string, text: string) => ({
        visit_id: visit,
        site_id: siteId,
        url,
        status_code: 200,
        page_kind: 'content',
        title: 'Board index',
        language: 'en',
        text,
        content_fingerprint: 'f'.repeat(64),
        links: 12,
        media: 1,
        member_count: 63_000,
        response_ms: 840,
        bytes: 5120,
        warc_file: 'visit-1.warc.gz',
        warc_record_id: `<urn:uuid:${randomUUID()}>`,
        warc_offset: 0,
        payload_digest: `sha256:${'a'.repeat(64)}`,
        fetched_at: new Date('2026-10-01T12:00:00Z'),
      });
      const inserted = await db
        .insertInto('darkweb_page')
        .values([
          page(site.id, visitId, `${site.origin}/`, 'Welcome to the board. 63,000 members.'),
          page(mirror.id, mirrorVisit, `${mirror.origin}/`, 'Welcome to the board. 63,000 members.'),
        ])
        .returning('id')
        .execute();
      pageId = Number(inserted[0]!.id);
      await db
        .insertInto('darkweb_media')
        .values({
          visit_id: visitId,
          site_id: site.id,
          url: `${site.origin}/img/1.jpg`,
          page_url: `${site.origin}/`,
          kind: 'image',
          bytes: 20_480,
          md5: '0'.repeat(32),
          sha1: '1'.repeat(40),
          sha256: '2'.repeat(64),
          pdq: '3'.repeat(64),
          pdq_quality: 100,
          triage: 'known',
          matches: JSON.stringify([
            {
              entryId: 7,
              hashSet: { id: randomUUID(), name: 'Known series', purpose: 'known' },
              matchedOn: 'pdq',
              distance: 4,
              labels: { seriesName: 'Blackwrist', victimIdentified: true, category: { scheme: 'uk', code: 'A' } },
            },
          ]),
          kept_path: null,
          warc_file: 'visit-1.warc.gz',
          warc_record_id: `<urn:uuid:${randomUUID()}>`,
          warc_offset: 4096,
          fetched_at: new Date('2026-10-01T12:00:01Z'),
        })
        .execute();
      const account = await db
        .insertInto('darkweb_account')
        .values({
          site_id: site.id,
          kind: 'username',
          value: 'radiohead',
          first_seen_at: new Date('2026-10-01T12:00:00Z'),
          last_seen_at: new Date('2026-10-01T12:00:00Z'),
          first_url: `${site.origin}/members`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      accountId = account.id;
    });

    it('lists pages, searches their text and shows one as text (404 for another agency)', async () => {
      const pages = await request(cookies.colleague, 'GET', `/darkweb/visits/${visitId}/pages`);
      expect(pages.statusCode).toBe(200);
      expect(pages.json()).toEqual({ items: asJson(await t.app.services.darkweb.pages(colleague.actor, visitId)) });
      expect(pages.json<{ items: { id: number }[] }>().items.map((p) => p.id)).toEqual([pageId]);
      expect(
        (await request(cookies.colleague, 'GET', `/darkweb/visits/${visitId}/pages?q=MEMBERS`)).json<{ items: unknown[] }>().items,
      ).toHaveLength(1);
      expect(
        (await request(cookies.colleague, 'GET', `/darkweb/visits/${visitId}/pages?q=nothing+here`)).json<{ items: unknown[] }>().items,
      ).toHaveLength(0);
      expect(
        (await request(cookies.colleague, 'GET', `/darkweb/visits/${visitId}/pages?after=${pageId}`)).json<{ items: unknown[] }>().items,
      ).toHaveLength(0);

      const page = await request(cookies.colleague, 'GET', `/darkweb/pages/${pageId}`);
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({
        id: pageId,
        visitId,
        siteId: site.id,
        text: 'Welcome to the board. 63,000 members.',
        memberCount: 63_000,
      });
      expect(page.json()).toEqual(asJson(await t.app.services.darkweb.page(colleague.actor, pageId)));
      expect(
        (await t.app.services.audit.search(systemActor('test'), { action: 'darkweb.page.read', recordId: String(pageId) })).length,
      ).toBeGreaterThan(0);
      expect((await request(cookies.outsider, 'GET', `/darkweb/pages/${pageId}`)).statusCode).toBe(404);
      expect((await request(cookies.colleague, 'GET', '/darkweb/pages/999999999')).statusCode).toBe(404);
      expect((await request(cookies.colleague, 'GET', '/darkweb/pages/abc')).statusCode).toBe(400);
    });

    it('lists media as hashes and match labels, by visit or site', async () => {
      const byVisit = await request(cookies.colleague, 'GET', `/darkweb/media?visitId=${visitId}`);
      expect(byVisit.statusCode).toBe(200);
      const items = byVisit.json<{ items: Record<string, unknown>[] }>().items;
      expect(items).toEqual(asJson(await t.app.services.darkweb.media(colleague.actor, { visitId })));
      expect(items[0]).toMatchObject({
        triage: 'known',
        kept: false,
        sha256: '2'.repeat(64),
        matches: [
          {
            matchedOn: 'pdq',
            distance: 4,
            labels: { seriesName: 'Blackwrist', victimIdentified: true, category: { scheme: 'uk', code: 'A' } },
          },
        ],
      });
      expect(items[0]).not.toHaveProperty('warcFile');
      const bySite = await request(cookies.colleague, 'GET', `/darkweb/media?siteId=${site.id}&triage=new`);
      expect(bySite.json()).toEqual({ items: [] });
      const neither = await request(cookies.colleague, 'GET', '/darkweb/media');
      expect(neither.statusCode).toBe(400);
      expect(neither.json<Problem>().errors?.map((e) => e.field)).toEqual(['visitId']);
      expect((await request(cookies.colleague, 'GET', `/darkweb/media?visitId=${visitId}&triage=bad`)).statusCode).toBe(400);
    });

    it("serves a video's vPDQ as the reference's text, audited (404 for another agency and for an image)", async () => {
      const frames = [
        { frameNumber: 0, quality: 100, hash: 'a'.repeat(64), timestamp: 0 },
        { frameNumber: 25, quality: 87, hash: 'b'.repeat(64), timestamp: 1 },
      ];
      const row = await t.app.database.db
        .insertInto('darkweb_media')
        .values({
          visit_id: visitId,
          site_id: site.id,
          url: `${site.origin}/v/1.mp4`,
          page_url: `${site.origin}/`,
          kind: 'video',
          bytes: 900_000,
          md5: '4'.repeat(32),
          sha1: '5'.repeat(40),
          sha256: '6'.repeat(64),
          pdq: null,
          pdq_quality: null,
          vpdq: JSON.stringify(frames),
          duration_seconds: 1.92,
          triage: 'new',
          matches: '[]',
          kept_path: null,
          warc_file: 'visit-1.warc.gz',
          warc_record_id: `<urn:uuid:${randomUUID()}>`,
          warc_offset: 8192,
          fetched_at: new Date('2026-10-01T12:00:02Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      const listed = (await request(cookies.colleague, 'GET', `/darkweb/media?visitId=${visitId}`)).json<{
        items: { id: number; video: unknown }[];
      }>();
      expect(listed.items.find((m) => m.id === id)?.video).toEqual({ durationSeconds: 1.92, frames: 2 });
      expect(listed.items.find((m) => m.id !== id)?.video).toBeNull();
      const text = await request(cookies.colleague, 'GET', `/darkweb/media/${id}/vpdq`);
      expect(text.statusCode).toBe(200);
      expect(text.headers['content-type']).toMatch(/^text\/plain/);
      expect(text.body).toBe(`0,100,${'a'.repeat(64)},0.000\n25,87,${'b'.repeat(64)},1.000\n`);
      expect((await t.app.services.audit.search(systemActor('test'), { action: 'darkweb.media.vpdq', recordId: String(id) })).length).toBe(
        1,
      );
      expect((await request(cookies.outsider, 'GET', `/darkweb/media/${id}/vpdq`)).statusCode).toBe(404);
      const image = listed.items.find((m) => m.id !== id)!.id;
      expect((await request(cookies.colleague, 'GET', `/darkweb/media/${image}/vpdq`)).statusCode).toBe(404);
      await t.app.database.db.deleteFrom('darkweb_media').where('id', '=', id).execute();
    });

    it('lists accounts, watches one (owning agency) and finds mirrors', async () => {
      const accounts = await request(cookies.colleague, 'GET', `/darkweb/accounts?siteId=${site.id}`);
      expect(accounts.statusCode).toBe(200);
      expect(accounts.json()).toEqual({ items: asJson(await t.app.services.darkweb.accounts(colleague.actor, { siteId: site.id })) });
      expect(accounts.json()).toMatchObject({
        items: [{ id: accountId, kind: 'username', value: 'radiohead', siteName: site.name, watched: false }],
      });
      expect((await request(cookies.colleague, 'GET', '/darkweb/accounts?watched=true')).json<{ items: unknown[] }>().items).toEqual([]);

      expect((await request(cookies.outsider, 'PATCH', `/darkweb/accounts/${accountId}`, { watched: true })).statusCode).toBe(404);
      expect((await request(cookies.colleague, 'PATCH', `/darkweb/accounts/${accountId}`, { watched: true })).statusCode).toBe(403);
      expect((await request(cookies.owner, 'PATCH', `/darkweb/accounts/${accountId}`, { watched: 'yes' })).statusCode).toBe(400);
      const watched = await request(cookies.owner, 'PATCH', `/darkweb/accounts/${accountId}`, {
        watched: true,
        note: 'Administrator of the board',
      });
      expect(watched.statusCode).toBe(204);
      expect(watched.body).toBe('');
      const found = await request(cookies.colleague, 'GET', '/darkweb/accounts?watched=true&q=RADIO&kind=username');
      expect(found.json()).toMatchObject({ items: [{ id: accountId, watched: true, note: 'Administrator of the board' }] });

      const mirrors = await request(cookies.colleague, 'GET', `/darkweb/sites/${site.id}/mirrors`);
      expect(mirrors.json()).toEqual({ items: [{ site: { id: mirror.id, name: mirror.name, origin: mirror.origin }, sharedPages: 1 }] });
    });

    it('lists alerts and acknowledges one', async () => {
      const alertId = await new AlertRepository(t.app.database.db).insert({
        siteId: site.id,
        visitId,
        kind: 'known_material',
        title: `1 known media on ${site.name}`,
        details: {
          count: 1,
          items: [{ sha256: '2'.repeat(64), matches: [{ hashSet: 'Known series', labels: { seriesName: 'Blackwrist' } }] }],
        },
        webhook: true,
      });
      const listed = await request(cookies.colleague, 'GET', `/darkweb/alerts?siteId=${site.id}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toEqual({ items: asJson(await t.app.services.alerts.list(colleague.actor, { siteId: site.id })) });
      expect(listed.json()).toMatchObject({
        items: [
          {
            id: alertId,
            kind: 'known_material',
            siteName: site.name,
            visitId,
            webhookStatus: 'pending',
            acknowledgedAt: null,
            details: { count: 1 },
          },
        ],
      });
      expect(
        (await request(cookies.colleague, 'GET', '/darkweb/alerts?kind=site_up'))
          .json<{ items: { id: string }[] }>()
          .items.map((a) => a.id),
      ).not.toContain(alertId);
      expect((await request(cookies.colleague, 'GET', '/darkweb/alerts?kind=nonsense')).statusCode).toBe(400);

      const acknowledged = await request(cookies.colleague, 'POST', `/darkweb/alerts/${alertId}/acknowledge`);
      expect(acknowledged.statusCode).toBe(200);
      expect(acknowledged.json()).toMatchObject({
        id: alertId,
        acknowledgedBy: colleague.user.id,
        acknowledgedAt: expect.stringMatching(/^\d{4}-/),
      });
      const open = await request(cookies.colleague, 'GET', `/darkweb/alerts?siteId=${site.id}&unacknowledged=true`);
      expect(open.json()).toEqual({ items: [] });
      expect((await request(cookies.colleague, 'POST', `/darkweb/alerts/${randomUUID()}/acknowledge`)).statusCode).toBe(404);
    });
  });

  it('checks onion addresses without contacting anything', async () => {
    const address = newOnion();
    expect((await request(cookies.colleague, 'GET', `/darkweb/onion/${address.toUpperCase()}`)).json()).toEqual({ valid: true, address });
    const asUrl = encodeURIComponent(`http://www.${address}/forum/`);
    expect((await request(cookies.colleague, 'GET', `/darkweb/onion/${asUrl}`)).json()).toEqual({ valid: true, address });
    expect((await request(cookies.colleague, 'GET', `/darkweb/onion/www.${address.slice(0, -6)}`)).json()).toMatchObject({
      valid: false,
      reason: 'not_onion',
    });
    const flipped = `${address.slice(0, 10)}${address[10] === 'a' ? 'b' : 'a'}${address.slice(11)}`;
    expect((await request(cookies.colleague, 'GET', `/darkweb/onion/${flipped}`)).json()).toEqual({
      valid: false,
      reason: 'bad_checksum',
      message: expect.stringContaining('checksum') as string,
    });
    expect((await request(cookies.colleague, 'GET', '/darkweb/onion/expyuzz4wqqyqhjn.onion')).json()).toMatchObject({
      valid: false,
      reason: 'v2_unsupported',
    });
    expect((await t.server.inject({ method: 'GET', url: `/api/v1/darkweb/onion/${address}` })).statusCode).toBe(401);
  });

  it('verifies the custody chain for auditors and admins only', async () => {
    const refused = await request(cookies.colleague, 'POST', '/darkweb/custody/verify', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json<Problem>().code).toBe('forbidden');
    expect((await request(cookies.owner, 'POST', '/darkweb/custody/verify')).statusCode).toBe(403);

    const byAdmin = await request(cookies.admin, 'POST', '/darkweb/custody/verify');
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toEqual({ ok: true, checked: 0, headSeq: 0, recordsChecked: 0, problems: [] });
    const byAuditor = await request(cookies.auditor, 'POST', '/darkweb/custody/verify', { warcs: true });
    expect(byAuditor.json()).toMatchObject({ ok: true, checked: 0 });
    expect((await request(cookies.auditor, 'POST', '/darkweb/custody/verify', { everything: true })).statusCode).toBe(400);
    const events = await t.app.services.audit.search(systemActor('test'), { action: 'darkweb.custody.verify' });
    expect(events.map((e) => e.actorId).sort()).toEqual([admin.user.id, auditor.user.id].sort());
  });

  it('documents the routes in OpenAPI without session cookies or isolation keys', async () => {
    const spec = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    const paths = [
      '/api/v1/darkweb/sites',
      '/api/v1/darkweb/sites/{id}',
      '/api/v1/darkweb/sites/{id}/session',
      '/api/v1/darkweb/sites/{id}/keep-media',
      '/api/v1/darkweb/sites/{id}/crawl',
      '/api/v1/darkweb/sites/{id}/visits',
      '/api/v1/darkweb/sites/{id}/mirrors',
      '/api/v1/darkweb/visits/{id}',
      '/api/v1/darkweb/visits/{id}/pages',
      '/api/v1/darkweb/pages/{id}',
      '/api/v1/darkweb/media',
      '/api/v1/darkweb/accounts',
      '/api/v1/darkweb/accounts/{id}',
      '/api/v1/darkweb/alerts',
      '/api/v1/darkweb/alerts/{id}/acknowledge',
      '/api/v1/darkweb/onion/{address}',
      '/api/v1/darkweb/custody/verify',
    ];
    for (const path of paths) expect(spec.paths).toHaveProperty([path]);
    const darkweb = JSON.stringify(paths.map((p) => spec.paths[p]));
    expect(darkweb).toContain('"darkweb"');
    expect(darkweb).not.toContain('sessionCookie');
    expect(darkweb).not.toContain('isolationKey');
  });
});
