/**
 * The Dark web area of the console in Chromium, against the built `vigil serve` on a demo data
 * directory, with VIGIL_TOR_SOCKS pointing at the tests' own SOCKS5 proxy (test/darkweb/fake-tor.ts)
 * in front of the fixture forum; the server's own dark web worker runs the visits it queues. Before
 * the server starts, the CLI seeds the demo and gives NCB Manila a hash set of the forum's "known"
 * images (their SHA-256). The demo investigator of NCB Manila then watches the forum through the
 * form (a damaged onion address refused as it is typed), clicks "Crawl now", follows the visit to
 * its end, reads the captured pages as text and the media as hashes with their triage (no captured
 * image is ever loaded by the browser), acknowledges the known-material alert and watches an
 * account; the analyst of another agency gets 404 for the site.
 *
 * Every forum, user and image is generated. Needs `npm run build` and Chromium at /usr/bin/chromium
 * (skipped without it, except in CI). The tests run in order and build on each other. A screenshot
 * for humans goes to /tmp/vigil-darkweb-visit.png.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/demo.js';
import { startFakeTor, type FakeTor } from '../darkweb/fake-tor.js';
import { defaultForumRules, fixtureImageBytes, onionHostFromSeed, startFixtureSite, type FixtureSite } from '../darkweb/fixture-site.js';
import {
  chromiumAvailable,
  chromiumPath,
  closeBrowser,
  fetchFromPage,
  inCi,
  launchChromium,
  openSession,
  signIn,
  timeouts,
  waitForText,
  type UserSession,
} from './browser.js';
import { cleanup, runVigil, startVigil, tempDataDir, type Env, type RunResult, type RunningVigil } from './process.js';

const onion = onionHostFromSeed('e2e-console-forum');
const siteName = 'Wireless Relics (console e2e)';
const legalBasis = 'Warrant E2E/2026/031, Manila regional trial court (synthetic)';
const setName = 'Known forum images (synthetic)';
/** The demo agency of the investigator, as `vigil hashset create --agency` names it. */
const investigatorAgency = 'NCB Manila (demo)';
/** How long a visit may take from "Crawl now" (the worker polls every 5 s) to its end. */
const visitTimeoutMs = 60_000;

const skip = !chromiumAvailable() && !inCi();
if (skip) {
  console.warn(
    `Skipping the dark web console tests: no Chromium at ${chromiumPath} (apt-get install -y chromium). In CI this fails instead.`,
  );
}

// Page functions run in the browser; the tests' TypeScript has no DOM library, so these are declared.
interface ImageElement {
  readonly src: string;
}
interface TextElement {
  readonly textContent: string | null;
  readonly nextElementSibling: TextElement | null;
}
interface RowElement {
  querySelectorAll(selector: string): ArrayLike<TextElement>;
}

/** The same 56 characters with one changed: the checksum no longer matches. */
function damagedOnion(address: string): string {
  const index = 20;
  const swapped = address[index] === 'a' ? 'b' : 'a';
  return address.slice(0, index) + swapped + address.slice(index + 1);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function json<T>(result: RunResult): T {
  expect(result.code, `exit code; stderr: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** Resolves to the answer of the next `method` request to `pathname`, once `act` has triggered it. */
async function answered(
  page: Page,
  method: string,
  pathname: RegExp,
  act: () => Promise<void>,
): Promise<{ status: number; body: unknown }> {
  const response = page.waitForResponse(
    (candidate) => candidate.request().method() === method && pathname.test(new URL(candidate.url()).pathname),
  );
  await act();
  const answer = await response;
  return { status: answer.status(), body: await answer.json().catch(() => undefined) };
}

/** The sources of every <img> on the page that point at the forum (its onion name or its local port). */
async function forumImages(page: Page, forum: FixtureSite): Promise<string[]> {
  const sources = await page.locator('img').evaluateAll((elements) => elements.map((element) => (element as unknown as ImageElement).src));
  return sources.filter((src) => src.includes(onion) || src.includes(`127.0.0.1:${forum.port}`) || src.includes('/img/'));
}

/** Signs in through the API and returns the Cookie header of the new session. */
async function apiSession(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
    signal: AbortSignal.timeout(15_000),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('vigil_session='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

describe.skipIf(skip)(
  skip ? `dark web console in Chromium (skipped: no Chromium at ${chromiumPath})` : 'dark web console in Chromium',
  () => {
    let forum: FixtureSite | undefined;
    let tor: FakeTor | undefined;
    let server: RunningVigil | undefined;
    let browser: Browser | undefined;
    let investigator: UserSession | undefined;
    /** Every URL the investigator's browser asked for. */
    const browserRequests: string[] = [];
    let knownSha256: string[] = [];
    let siteId = '';
    let visitId = '';

    /** Seeds the demo, gives NCB Manila the hash set of known images, then serves with the fake Tor. */
    async function startServer(): Promise<RunningVigil> {
      const dataDir = await tempDataDir();
      const env: Env = { VIGIL_DATA_DIR: dataDir };
      const seeded = await runVigil(['demo', '--no-serve'], { env, timeoutMs: timeouts.serverStart });
      expect(seeded.code, seeded.stderr).toBe(0);
      const set = json<{ id: string }>(
        await runVigil(['--json', 'hashset', 'create', '--agency', investigatorAgency, '--name', setName, '--purpose', 'known'], { env }),
      );
      const list = join(dirname(dataDir), 'known-forum-images.sha256');
      await writeFile(list, knownSha256.join('\n') + '\n');
      const imported = json<{ imported: number }>(
        await runVigil(['--json', 'hashset', 'import', set.id, list, '--format', 'sha256-list'], { env }),
      );
      expect(imported.imported).toBe(knownSha256.length);
      return startVigil(['--json', 'serve'], { ...env, VIGIL_TOR_SOCKS: `${tor!.proxy.host}:${tor!.proxy.port}` }, timeouts.serverStart);
    }

    beforeAll(async () => {
      forum = await startFixtureSite({ origin: `http://${onion}`, threads: 6, users: 8, knownImageEvery: 5 });
      tor = await startFakeTor({
        routes: new Map([[onion, { host: '127.0.0.1', port: forum.port }]]),
        behave: () => ({ delayMs: 20 }),
      });
      knownSha256 = await Promise.all(forum.knownImageNumbers.map(async (n) => sha256(await fixtureImageBytes(n))));
      const [started, launched] = await Promise.allSettled([startServer(), launchChromium()]);
      if (started.status === 'fulfilled') server = started.value;
      if (launched.status === 'fulfilled') browser = launched.value;
      if (started.status === 'rejected') throw started.reason;
      if (launched.status === 'rejected') throw launched.reason;
    });

    afterAll(async () => {
      // The context before its browser.
      const closing = [
        ...(await Promise.allSettled([investigator?.close()])),
        ...(await Promise.allSettled([closeBrowser(browser), server?.stop(timeouts.serverStop).catch(() => server?.kill())])),
      ];
      await cleanup();
      await tor?.close();
      await forum?.close();
      const failures = closing.filter((result) => result.status === 'rejected');
      if (failures.length > 0) throw (failures[0] as PromiseRejectedResult).reason;
    });

    it('the investigator watches the forum through the form: a damaged onion address is refused as typed', async () => {
      investigator = await openSession(browser!, server!.url);
      const { page } = investigator;
      page.on('request', (request) => browserRequests.push(request.url()));
      await signIn(page, 'investigator', demoPassword);
      await page.getByTestId('nav-darkweb').click();
      await page.waitForURL(/#\/darkweb$/);
      await page.getByTestId('darkweb-sites-table').waitFor({ state: 'visible' });

      await page.getByTestId('darkweb-site-new').click();
      const form = page.getByTestId('darkweb-site-form');
      await form.waitFor({ state: 'visible' });
      const check = page.getByTestId('darkweb-onion-check');
      await page.getByTestId('darkweb-site-origin').fill(`http://${damagedOnion(onion)}`);
      await waitForText(check, /Not a valid onion address/);
      await page.getByTestId('darkweb-site-origin').fill(`http://${onion}`);
      await waitForText(check, /Valid v3 onion address/);
      expect(await check.textContent()).toContain(onion);

      await page.getByTestId('darkweb-site-name').fill(siteName);
      await page.getByTestId('darkweb-site-legal-basis').fill(legalBasis);
      await page.getByTestId('darkweb-site-exclude').fill('*/login*');
      await page.getByTestId('darkweb-site-concurrency').fill('8');
      await page.getByTestId('darkweb-site-delayMs').fill('0');
      await page.getByTestId('darkweb-site-timeoutMs').fill('10000');
      for (const [field, value] of Object.entries(defaultForumRules)) {
        await page.getByTestId(`darkweb-site-rule-${field}`).fill(String(value));
      }
      const created = await answered(page, 'POST', /^\/api\/v1\/darkweb\/sites$/, () => page.getByTestId('darkweb-site-submit').click());
      expect(created.status).toBe(201);
      const site = created.body as { id: string; kind: string; origin: string; extractionRules: unknown; concurrency: number };
      expect(site).toMatchObject({ kind: 'onion', origin: `http://${onion}`, concurrency: 8, extractionRules: defaultForumRules });
      siteId = site.id;

      await page.waitForURL(new RegExp(`#/darkweb/sites/${siteId}$`));
      await page.getByTestId('darkweb-site-detail').waitFor({ state: 'visible' });
      expect(await page.getByTestId('darkweb-site-legal-basis').textContent()).toBe(legalBasis);
      await waitForText(page.getByTestId('darkweb-site-settings'), defaultForumRules.postSelector!);
    });

    it('"Crawl now" queues a visit that the server’s worker runs to its end, followed in the site’s history', async () => {
      const { page } = investigator!;
      const queued = await answered(page, 'POST', new RegExp(`^/api/v1/darkweb/sites/${siteId}/crawl$`), () =>
        page.getByTestId('darkweb-crawl-now').click(),
      );
      expect(queued.status).toBe(202);
      const body = queued.body as { visit: { id: string; status: string }; created: boolean };
      expect(body).toMatchObject({ created: true, visit: { status: 'queued' } });
      visitId = body.visit.id;
      await page.getByTestId('darkweb-crawl-queued').waitFor({ state: 'visible' });

      // The history reads the visits again every 5 s while one is open.
      const row = page.locator(`[data-testid="darkweb-visit-row"][data-visit-id="${visitId}"]`);
      await page
        .locator(`[data-testid="darkweb-visit-row"][data-visit-id="${visitId}"][data-status="completed"]`)
        .waitFor({ state: 'visible', timeout: visitTimeoutMs });
      expect(await row.getByTestId('visit-outcome').textContent()).toBe('Up');
      // The server reached the forum through the proxy, by name only.
      expect(tor!.connects.some((c) => c.host === onion)).toBe(true);
      expect(tor!.violations).toEqual([]);
    });

    it('the visit lists its pages; a page opens as text; the browser never loads a captured image', async () => {
      const { page } = investigator!;
      await page.locator(`[data-testid="darkweb-visit-row"][data-visit-id="${visitId}"] a`).first().click();
      await page.waitForURL(new RegExp(`#/darkweb/visits/${visitId}$`));
      const detail = page.getByTestId('darkweb-visit-detail');
      await detail.waitFor({ state: 'visible' });
      expect(await detail.getAttribute('data-status')).toBe('completed');
      const stat = (id: string): Promise<string | null> => page.getByTestId(`darkweb-visit-stat-${id}`).locator('dd').textContent();
      expect(await stat('media')).toBe(String(forum!.imageCount));
      expect(await stat('known')).toBe(String(forum!.knownImageNumbers.length));
      expect(Number(await stat('pages'))).toBeGreaterThanOrEqual(forum!.pageCount);
      expect(await stat('members')).toContain('63,021');

      const rows = page.getByTestId('darkweb-page-row');
      await rows.first().waitFor({ state: 'visible' });
      expect(await rows.count()).toBeGreaterThan(1);
      const index = rows.filter({ hasText: 'Index · Wireless Relics' });
      await expect.poll(() => index.count()).toBe(1);
      expect(await forumImages(page, forum!)).toEqual([]);
      await page.screenshot({ path: '/tmp/vigil-darkweb-visit.png', fullPage: true });

      await index.locator('a').first().click();
      await page.waitForURL(/#\/darkweb\/pages\/\d+$/);
      const text = page.getByTestId('darkweb-page-text');
      await waitForText(text, 'This forum is for collectors who buy, sell, swap and restore old radios.');
      expect(await text.textContent()).toContain('63,021 members');
      expect(await page.getByTestId('darkweb-page-evidence').textContent()).toContain('.warc.gz');
      expect(await forumImages(page, forum!)).toEqual([]);
    });

    it('the media show as hashes: the known images triaged known, with the set that knows them', async () => {
      const { page } = investigator!;
      await page.goBack();
      await page.getByTestId('darkweb-visit-detail').waitFor({ state: 'visible' });
      const media = page.getByTestId('darkweb-media-row');
      await expect.poll(() => media.count()).toBe(forum!.imageCount);

      await page.getByTestId('darkweb-media-triage').selectOption('known');
      const known = page.locator('[data-testid="darkweb-media-row"][data-triage="known"]');
      await expect.poll(() => media.count()).toBe(knownSha256.length);
      expect(await known.count()).toBe(knownSha256.length);
      // The value beside each row's SHA-256 label.
      const shown = await known.evaluateAll((rows) =>
        rows.map((row) => {
          const labels = Array.from((row as unknown as RowElement).querySelectorAll('dt'));
          return labels.find((label) => label.textContent === 'SHA-256')?.nextElementSibling?.textContent?.trim() ?? null;
        }),
      );
      expect([...shown].sort()).toEqual([...knownSha256].sort());
      const texts = await known.allTextContents();
      for (const t of texts) {
        expect(t).toContain(setName);
        expect(t).toContain('hashes only');
      }
      expect(await forumImages(page, forum!)).toEqual([]);
      // Only the console's own server was asked for anything: nothing went to the forum from the browser.
      const origin = new URL(server!.url).origin;
      expect(browserRequests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    });

    it('the alerts page shows the known-material alert with its set, and the investigator acknowledges it', async () => {
      const { page } = investigator!;
      await page.getByTestId('darkweb-tab-alerts').click();
      await page.waitForURL(/#\/darkweb\/alerts/);
      const alert = page.locator('[data-testid="darkweb-alert-row"][data-kind="known_material"]');
      await alert.waitFor({ state: 'visible' });
      expect(await alert.count()).toBe(1);
      expect(await alert.getAttribute('data-acknowledged')).toBe('false');
      expect(await alert.textContent()).toContain(`${knownSha256.length} known media on ${siteName}`);
      await alert.locator('summary').click();
      const details = alert.locator('details');
      await waitForText(details, setName);
      expect(await details.textContent()).toContain(`SHA-256 ${knownSha256[0]}`);

      const alertId = (await alert.getAttribute('data-alert-id'))!;
      const acknowledged = await answered(page, 'POST', new RegExp(`^/api/v1/darkweb/alerts/${alertId}/acknowledge$`), () =>
        alert.getByTestId('darkweb-alert-acknowledge').click(),
      );
      expect(acknowledged.status).toBe(200);
      const row = page.locator(`[data-testid="darkweb-alert-row"][data-alert-id="${alertId}"]`);
      await expect.poll(() => row.getAttribute('data-acknowledged')).toBe('true');
      await expect.poll(() => row.getByTestId('darkweb-alert-acknowledge').count()).toBe(0);
    });

    it('the investigator watches an account on the accounts page', async () => {
      const { page } = investigator!;
      await page.getByTestId('darkweb-tab-accounts').click();
      await page.waitForURL(/#\/darkweb\/accounts/);
      const name = forum!.userNames[0]!;
      const account: Locator = page
        .getByTestId('darkweb-account-row')
        .filter({ has: page.locator('code', { hasText: new RegExp(`^${name}$`) }) });
      await account.waitFor({ state: 'visible' });
      expect(await account.count()).toBe(1);
      expect(await account.getAttribute('data-watched')).toBe('false');
      const accountId = (await account.getAttribute('data-account-id'))!;

      const watched = await answered(page, 'PATCH', new RegExp(`^/api/v1/darkweb/accounts/${accountId}$`), () =>
        account.getByTestId('darkweb-account-watch').click(),
      );
      expect(watched.status).toBe(204);
      const row = page.locator(`[data-testid="darkweb-account-row"][data-account-id="${accountId}"]`);
      await expect.poll(() => row.getAttribute('data-watched')).toBe('true');
      expect(await row.getByTestId('darkweb-account-watch').getAttribute('aria-pressed')).toBe('true');

      const stored = await fetchFromPage(page, '/api/v1/darkweb/accounts?watched=true');
      expect(stored.status).toBe(200);
      const items = (stored.body as { items: { id: string; kind: string; value: string }[] }).items;
      expect(items.map((item) => item.id)).toEqual([accountId]);
      expect(items[0]).toMatchObject({ kind: 'username', value: name });
      expect(investigator!.problems).toEqual([]);
    });

    it('the analyst of another agency gets 404 for the site, its visit and its media', async () => {
      const cookie = await apiSession(server!.url, 'analyst');
      const get = (path: string) => fetch(`${server!.url}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(15_000) });
      expect((await get(`/api/v1/darkweb/sites/${siteId}`)).status).toBe(404);
      expect((await get(`/api/v1/darkweb/visits/${visitId}`)).status).toBe(404);
      expect((await get(`/api/v1/darkweb/media?visitId=${visitId}`)).status).toBe(404);
      const sites = await get('/api/v1/darkweb/sites');
      expect(sites.status).toBe(200);
      expect(((await sites.json()) as { items: { id: string }[] }).items.map((s) => s.id)).not.toContain(siteId);
    });
  },
);
