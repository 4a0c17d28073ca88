/**
 * The crawler end to end against the fixture forum, reached only through the tests' own SOCKS5
 * proxy (as through Tor): every page once, media hashed in memory and matched, WARC and custody
 * verifiable, accounts and member counts extracted, a stopped visit resumed without re-fetching,
 * and the site's states (down, challenge, login wall) recorded and alerted.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { startFakeTor, type FakeTor } from '../../test/darkweb/fake-tor.js';
import {
  defaultForumRules,
  fixtureImageBytes,
  onionHostFromSeed,
  startFixtureSite,
  type FixtureSite,
} from '../../test/darkweb/fixture-site.js';
import { insertUser, type TestUser } from '../../test/factories.js';
import { testdata } from '../../test/testdata.js';
import { systemActor } from '../platform/access/actor.js';
import type { Site } from './site.repository.js';

let t: TestApp;
let forum: FixtureSite;
let tor: FakeTor;
let investigator: TestUser;
let site: Site;
const onion = onionHostFromSeed('crawler-test-forum');
const deadOnion = onionHostFromSeed('crawler-test-dead');
const webhook: string[] = [];
/** What the fake Tor serves: onion name → local server (tests add their own). */
const routes = new Map<string, { host: string; port: number }>();

beforeAll(async () => {
  forum = await startFixtureSite({
    origin: `http://${onion}`,
    threads: 6,
    postsPerThread: 12,
    imagesPerPage: 2,
    knownImageEvery: 5,
    users: 8,
  });
  routes.set(onion, { host: '127.0.0.1', port: forum.port });
  tor = await startFakeTor({ routes });
  t = await createTestApp({
    env: { VIGIL_TOR_SOCKS: `${tor.proxy.host}:${tor.proxy.port}`, VIGIL_ALERT_WEBHOOK: 'http://127.0.0.1:9/hook' },
  });
  // Webhook deliveries go to a list instead of the network.
  (t.app.services.alerts as unknown as { webhook: { url: string; post: (u: string, b: string) => Promise<boolean> } }).webhook.post = (
    _url,
    body,
  ) => {
    webhook.push(body);
    return Promise.resolve(true);
  };
  investigator = await insertUser(t, { roles: ['investigator', 'analyst'] });
  const known = await t.app.services.hashSets.create(investigator.actor, {
    name: 'Known fixture images',
    purpose: 'known',
    visibility: 'agency',
  });
  const sha256 = await Promise.all(
    forum.knownImageNumbers.map(async (n) =>
      createHash('sha256')
        .update(await fixtureImageBytes(n))
        .digest('hex'),
    ),
  );
  await t.app.services.hashSets.import(investigator.actor, known.id, Buffer.from(sha256.join('\n')), { format: 'sha256-list' });
  site = await t.app.services.sites.create(investigator.actor, {
    name: 'Wireless Relics',
    origin: forum.origin,
    legalBasis: 'Test warrant 2026/001',
    concurrency: 8,
    delayMs: 0,
    timeoutMs: 5000,
    extractionRules: defaultForumRules,
    scopeExclude: ['*/login*'],
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await tor?.close();
  await forum?.close();
});

async function crawl(siteId: string, signal?: AbortSignal) {
  const { visit } = await t.app.services.darkweb.queueCrawl(investigator.actor, siteId);
  return t.app.services.darkweb.runVisit(visit.id, signal ? { signal } : {});
}

describe('a visit of the fixture forum through the SOCKS proxy', () => {
  let visitId: string;

  it('fetches every public page once, and every image once, only through the proxy with domain names and the site username', async () => {
    const summary = await crawl(site.id);
    visitId = summary.visitId;
    expect(summary.status).toBe('completed');
    expect(summary.outcome).toBe('up');
    // Every public page, plus the login wall's member list (recorded as logged out, not followed).
    expect(summary.pagesFetched).toBeGreaterThanOrEqual(forum.pageCount);
    expect(summary.mediaSeen).toBe(forum.imageCount);
    expect(tor.violations).toEqual([]);
    expect(tor.connects.length).toBeGreaterThan(0);
    expect(new Set(tor.connects.map((c) => c.atyp))).toEqual(new Set([3]));
    // Besides the proxy self-test's one probe, every connection carries the site's own username.
    const usernames = new Set(tor.connects.map((c) => c.username).filter((u) => u !== 'vigil-self-test'));
    expect(usernames.size).toBe(1);
    expect([...usernames][0]).toMatch(/^vigil-/);
    expect(forum.requests).toBe(summary.pagesFetched + summary.mediaSeen);
  });

  it('matches known images and raises one known-material alert for the visit, sent to the webhook', async () => {
    const media = await t.app.services.darkweb.media(investigator.actor, { visitId, limit: 1000 });
    const known = media.filter((m) => m.triage === 'known');
    expect(known.length).toBe(forum.knownImageNumbers.length);
    expect(media.every((m) => m.pdq !== null && m.sha256.length === 64)).toBe(true);
    const alerts = await t.app.services.alerts.list(investigator.actor, { siteId: site.id });
    const knownAlert = alerts.find((a) => a.kind === 'known_material');
    expect(knownAlert?.details['count']).toBe(known.length);
    expect(webhook.some((body) => JSON.parse(body).kind === 'known_material')).toBe(true);
  });

  it('extracts accounts, the member count and the login wall', async () => {
    const visit = await t.app.services.darkweb.visit(investigator.actor, visitId);
    expect(visit.memberCount).toBe(63_021);
    const thread = (await t.app.services.darkweb.pages(investigator.actor, visitId, { limit: 1000 })).find((p) =>
      /\/thread\/\d+$/.test(p.url),
    )!;
    const posts = (await t.app.services.darkweb.page(investigator.actor, thread.id)).posts;
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((p) => p.author !== null && p.time !== null && forum.userNames.includes(p.author))).toBe(true);
    const accounts = await t.app.services.darkweb.accounts(investigator.actor, { siteId: site.id });
    const kinds = new Set(accounts.map((a) => a.kind));
    for (const kind of ['username', 'email', 'bitcoin', 'onion']) expect(kinds).toContain(kind);
    const alerts = await t.app.services.alerts.list(investigator.actor, { siteId: site.id });
    expect(alerts.some((a) => a.kind === 'session_expired')).toBe(true);
  });

  it('keeps pages as WARC records and media as hashes only, all bound by an intact custody chain', async () => {
    const result = await t.app.services.darkweb.verifyCustody(systemActor('test'), { warcs: true });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const visit = await t.app.services.darkweb.visit(investigator.actor, visitId);
    expect(result.recordsChecked).toBe(visit.pagesFetched + visit.mediaSeen);
    // Each entry names the operator who asked for the visit, the agency, the site and the visit.
    const entry = (
      await t.app.database.db
        .selectFrom('darkweb_custody')
        .select('entry')
        .where('visit_id', '=', visitId)
        .limit(1)
        .executeTakeFirstOrThrow()
    ).entry as { operatorId: string; agencyId: string; siteId: string; action: string };
    expect(entry).toMatchObject({ operatorId: investigator.user.id, agencyId: investigator.agency.id, siteId: site.id });
    // No image byte reached the disk: no PNG signature in any WARC file.
    const dir = join(t.app.config.dataDir, 'darkweb', 'warc', site.id, visitId);
    const files = readdirSync(dir).filter((f) => f.endsWith('.warc.gz'));
    expect(files.length).toBe(1);
    const plain = gunzipSync(readFileSync(join(dir, files[0]!)));
    expect(plain.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    expect(statSync(join(dir, files[0]!)).size).toBeGreaterThan(0);
  });

  it('a second visit sees the same content and does not alert known material twice as a new kind', async () => {
    const summary = await crawl(site.id);
    const visit = await t.app.services.darkweb.visit(investigator.actor, summary.visitId);
    expect(visit.contentChanged).toBe(false);
  });
});

describe('stopping and resuming a visit', () => {
  it('re-fetches nothing that was recorded before the stop', async () => {
    const other = await t.app.services.sites.create(investigator.actor, {
      name: 'Wireless Relics (resume)',
      origin: forum.origin,
      legalBasis: 'Test warrant 2026/002',
      concurrency: 4,
      delayMs: 0,
      extractionRules: defaultForumRules,
    });
    const before = forum.requests;
    const stop = new AbortController();
    const { visit } = await t.app.services.darkweb.queueCrawl(investigator.actor, other.id);
    const first = await t.app.services.darkweb.runVisit(visit.id, {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.pagesDone >= 10) stop.abort();
      },
    });
    expect(first.status).toBe('cancelled');
    const second = await t.app.services.darkweb.runVisit(visit.id);
    expect(second.status).toBe('completed');
    const after = await t.app.services.darkweb.visit(investigator.actor, visit.id);
    // Requests made for this site = what the visit recorded: nothing fetched twice.
    expect(forum.requests - before).toBe(after.pagesFetched + after.mediaSeen);
    expect(after.frontier.pending.page + after.frontier.claimed.page).toBe(0);
  });
});

describe('a visit stopped after its pages, resumed for its media', () => {
  it('is judged on everything it recorded: up, with the seed fingerprint, and no site-down alert', async () => {
    const slow = await t.app.services.sites.create(investigator.actor, {
      name: 'One thread',
      origin: forum.origin,
      seeds: [`${forum.origin}/thread/0`],
      maxDepth: 0,
      concurrency: 1,
      delayMs: 300,
      legalBasis: 'Test warrant 2026/008',
      extractionRules: defaultForumRules,
    });
    const stop = new AbortController();
    const { visit } = await t.app.services.darkweb.queueCrawl(investigator.actor, slow.id);
    const first = await t.app.services.darkweb.runVisit(visit.id, {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.pagesDone >= 1) stop.abort();
      },
    });
    expect(first.status).toBe('cancelled');
    const second = await t.app.services.darkweb.runVisit(visit.id);
    expect(second).toMatchObject({ status: 'completed', outcome: 'up', failureClass: null, pagesFetched: 1 });
    expect(second.mediaSeen).toBeGreaterThan(0);
    const detail = await t.app.services.darkweb.visit(investigator.actor, visit.id);
    expect(detail.contentFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const alerts = await t.app.services.alerts.list(investigator.actor, { siteId: slow.id });
    expect(alerts.map((a) => a.kind)).not.toContain('site_down');
  });
});

describe('a site that keeps media', () => {
  it('stores the images encrypted and serves their thumbnails blurred to its own agency only; a reveal needs an analyst', async () => {
    const keeping = await t.app.services.sites.create(investigator.actor, {
      name: 'One thread, media kept',
      origin: forum.origin,
      seeds: [`${forum.origin}/thread/1`],
      maxDepth: 0,
      legalBasis: 'Test warrant 2026/009',
    });
    await t.app.services.sites.setKeepMedia(investigator.actor, keeping.id, true, 'Victim identification in case 2026/009');
    const summary = await crawl(keeping.id);
    const media = await t.app.services.darkweb.media(investigator.actor, { visitId: summary.visitId });
    expect(media.length).toBeGreaterThan(0);
    expect(media.every((m) => m.kept)).toBe(true);
    const first = media[0]!;
    const jpeg = await t.app.services.darkweb.mediaThumbnail(investigator.actor, first.id, false);
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const colleague = await insertUser(t, { agency: investigator.agency, roles: ['investigator'] });
    expect((await t.app.services.darkweb.mediaThumbnail(colleague.actor, first.id, false)).equals(jpeg)).toBe(true);
    await expect(t.app.services.darkweb.mediaThumbnail(colleague.actor, first.id, true)).rejects.toThrow(/analyst/);
    const analyst = await insertUser(t, { agency: investigator.agency, roles: ['analyst'] });
    const revealed = await t.app.services.darkweb.mediaThumbnail(analyst.actor, first.id, true);
    expect(revealed.equals(jpeg)).toBe(false);
    const reveals = await t.app.services.audit.search(systemActor('test'), { action: 'media.reveal', recordId: String(first.id) });
    expect(reveals.map((e) => e.outcome).sort()).toEqual(['denied', 'success']);
    // Hash-only media of another visit has no thumbnail; another agency never sees one.
    const hashOnly = (await t.app.services.darkweb.media(investigator.actor, { siteId: site.id })).find((m) => m.kind === 'image')!;
    await expect(t.app.services.darkweb.mediaThumbnail(investigator.actor, hashOnly.id, false)).rejects.toThrow(/only the hashes/);
    await t.app.services.sites.update(investigator.actor, keeping.id, { visibility: 'network' });
    const stranger = await insertUser(t, { roles: ['investigator', 'analyst'] });
    await expect(t.app.services.darkweb.mediaThumbnail(stranger.actor, first.id, false)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('images inlined in a page', () => {
  it('hashes and matches a data: image, and keeps the page in the WARC without its bytes', async () => {
    const known = await fixtureImageBytes(forum.knownImageNumbers[0]!);
    const inlineOnion = onionHostFromSeed('crawler-test-inline');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html><head><title>Inline</title></head><body><p>A post with a picture</p><img src="data:image/png;base64,${known.toString('base64')}"></body></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    routes.set(inlineOnion, { host: '127.0.0.1', port });
    const app = t.app.services;
    try {
      const site = await app.sites.create(investigator.actor, {
        name: 'Inline pictures',
        origin: `http://${inlineOnion}`,
        legalBasis: 'Test warrant 2026/006',
      });
      const summary = await crawl(site.id);
      expect(summary.pagesFetched).toBe(1);
      const media = await app.darkweb.media(investigator.actor, { visitId: summary.visitId });
      expect(media).toHaveLength(1);
      expect(media[0]!.url).toMatch(/#inline-1$/);
      expect(media[0]!.triage).toBe('known');
      const dir = join(t.app.config.dataDir, 'darkweb', 'warc', site.id, summary.visitId);
      const file = readdirSync(dir).find((f) => f.endsWith('.warc.gz'))!;
      const plain = gunzipSync(readFileSync(join(dir, file))).toString('latin1');
      expect(plain).toContain('vigil-removed-inline-media-1');
      expect(plain).not.toContain(known.toString('base64').slice(0, 200));
      expect((await app.darkweb.verifyCustody(systemActor('test'), { warcs: true })).ok).toBe(true);
    } finally {
      routes.delete(inlineOnion);
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('videos on a page', () => {
  it('hashes each video by its frames (vPDQ) in memory, matches a known frame, and keeps the frames, never the bytes', async () => {
    const sample = (name: string): Buffer => readFileSync(testdata('vpdq', 'tmk', 'sample-videos', `${name}.mp4`));
    const reference = (name: string): string => readFileSync(testdata('vpdq', 'expected-local', 'per-second', `${name}.txt`), 'utf8');
    const videos: Record<string, Buffer> = { '/v/pattern.mp4': sample('pattern-sd-grey-bar'), '/v/chair.mp4': sample('chair-19-sd-bar') };
    const videoOnion = onionHostFromSeed('crawler-test-videos');
    const server = createServer((request, response) => {
      const video = videos[request.url ?? ''];
      if (video !== undefined) {
        response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.length) });
        return response.end(video);
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><html><head><title>Clips</title></head><body><video src="/v/pattern.mp4"></video><a href="/v/chair.mp4">chair</a></body></html>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    routes.set(videoOnion, { host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    const app = t.app.services;
    try {
      // A known still that is one frame of the pattern video (its third second, from the reference's hashes).
      const knownFrame = reference('pattern-sd-grey-bar').split('\n')[2]!.split(',')[2]!;
      const stills = await app.hashSets.create(investigator.actor, { name: 'Known stills', purpose: 'known', visibility: 'agency' });
      await app.hashSets.import(investigator.actor, stills.id, Buffer.from(`${knownFrame}\n`), { format: 'pdq-list' });
      const site = await app.sites.create(investigator.actor, {
        name: 'Clips',
        origin: `http://${videoOnion}`,
        legalBasis: 'Test warrant 2026/007',
      });
      const summary = await crawl(site.id);
      expect(summary.mediaSeen).toBe(2);
      const media = await app.darkweb.media(investigator.actor, { visitId: summary.visitId });
      const byPath = new Map(media.map((m) => [new URL(m.url).pathname, m]));
      const pattern = byPath.get('/v/pattern.mp4')!;
      const chair = byPath.get('/v/chair.mp4')!;
      expect(pattern).toMatchObject({ kind: 'video', triage: 'known' });
      expect(pattern.matches).toEqual([
        expect.objectContaining({
          matchedOn: 'pdq',
          distance: 0,
          hashSet: expect.objectContaining({ name: 'Known stills' }),
          frame: { frameNumber: 60, timestamp: 2 },
        }),
      ]);
      expect(chair).toMatchObject({ kind: 'video', triage: 'new', matches: [] });
      // The frames are the reference's, one a second, hashed from the bytes in memory.
      for (const [video, name] of [
        [pattern, 'pattern-sd-grey-bar'],
        [chair, 'chair-19-sd-bar'],
      ] as const) {
        expect(await app.darkweb.mediaVpdq(investigator.actor, video.id)).toBe(reference(name));
        expect(video.video).toEqual({ durationSeconds: expect.any(Number) as number, frames: reference(name).trim().split('\n').length });
      }
      const dir = join(t.app.config.dataDir, 'darkweb', 'warc', site.id, summary.visitId);
      const plain = readdirSync(dir)
        .filter((f) => f.endsWith('.warc.gz'))
        .map((f) => gunzipSync(readFileSync(join(dir, f))).toString('latin1'))
        .join('');
      expect(plain).toContain(`vpdq: ${reference('pattern-sd-grey-bar').split('\n')[2]}`);
      for (const bytes of Object.values(videos)) expect(plain).not.toContain(bytes.subarray(1000, 1200).toString('latin1'));
      expect((await app.darkweb.verifyCustody(systemActor('test'), { warcs: true })).ok).toBe(true);
    } finally {
      routes.delete(videoOnion);
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the states of a site', () => {
  it('records an onion whose descriptor Tor cannot find as down, with the failure class, and alerts', async () => {
    const dead = await t.app.services.sites.create(investigator.actor, {
      name: 'Gone forum',
      origin: `http://${deadOnion}`,
      legalBasis: 'Test warrant 2026/003',
      timeoutMs: 2000,
    });
    const summary = await crawl(dead.id);
    expect(summary.outcome).toBe('down');
    expect(summary.failureClass).toBe('descriptor_not_found');
    const alerts = await t.app.services.alerts.list(investigator.actor, { siteId: dead.id });
    expect(alerts.map((a) => a.kind)).toContain('site_down');
  });

  it('flags a challenge page instead of counting it as content', async () => {
    const guarded = await t.app.services.sites.create(investigator.actor, {
      name: 'Guarded forum',
      origin: forum.origin,
      legalBasis: 'Test warrant 2026/004',
      extractionRules: defaultForumRules,
    });
    forum.setChallenge(true);
    try {
      const summary = await crawl(guarded.id);
      expect(summary.outcome).toBe('challenge');
      const alerts = await t.app.services.alerts.list(investigator.actor, { siteId: guarded.id });
      expect(alerts.map((a) => a.kind)).toContain('challenge');
      const accounts = await t.app.services.darkweb.accounts(investigator.actor, { siteId: guarded.id });
      expect(accounts).toEqual([]);
    } finally {
      forum.setChallenge(false);
    }
  });

  it('crawls behind the login wall with an imported session, and alerts when the session expires', async () => {
    const walled = await t.app.services.sites.create(investigator.actor, {
      name: 'Members area',
      origin: forum.origin,
      seeds: [`${forum.origin}/members/`],
      scopeInclude: [`${forum.origin}/members/*`],
      legalBasis: 'Test warrant 2026/005',
      extractionRules: defaultForumRules,
    });
    await t.app.services.sites.setSession(investigator.actor, walled.id, `session=${forum.sessionToken}`);
    // Sealed at rest: the database holds no cookie text.
    const stored = await t.app.database.db
      .selectFrom('darkweb_site')
      .select('session_cookie')
      .where('id', '=', walled.id)
      .executeTakeFirstOrThrow();
    expect(stored.session_cookie).not.toContain(forum.sessionToken);
    const withSession = await crawl(walled.id);
    expect(withSession.outcome).toBe('up');
    expect(withSession.pagesFetched).toBe(forum.memberPageCount);
    forum.expireSession();
    const expired = await crawl(walled.id);
    expect(expired.outcome).toBe('logged_out');
    const alerts = await t.app.services.alerts.list(investigator.actor, { siteId: walled.id });
    expect(alerts.map((a) => a.kind)).toContain('session_expired');
  });
});

describe('a proxy that is not Tor', () => {
  it('stops the crawl before any request, saying why', async () => {
    const notTor = await startFakeTor({ routes, notTor: true });
    const other = await createTestApp({ env: { VIGIL_TOR_SOCKS: `${notTor.proxy.host}:${notTor.proxy.port}` } });
    try {
      const owner = await insertUser(other, { roles: ['investigator'] });
      const watched = await other.app.services.sites.create(owner.actor, {
        name: 'Forum',
        origin: forum.origin,
        legalBasis: 'Test warrant 2026/007',
      });
      const { visit } = await other.app.services.darkweb.queueCrawl(owner.actor, watched.id);
      const before = forum.requests;
      await expect(other.app.services.darkweb.runVisit(visit.id)).rejects.toThrow(/not usable: .*not Tor/);
      expect(forum.requests).toBe(before);
    } finally {
      await other.close();
      await notTor.close();
    }
  });
});
