/**
 * The web console in Chromium, against the built `vigil demo` (a child process on a free port with
 * a fresh data directory), one browser context per user: signing in (with the admin's second
 * factor), cases and cross-agency privacy, API tokens, the audit trail, signing out.
 *
 * Needs `npm run build` (dist/server and dist/web) and Chromium at /usr/bin/chromium
 * (apt-get install -y chromium). Without Chromium the suite is skipped, except in CI, where it
 * fails. The tests run in order and build on each other (the hotline looks for the case the
 * analyst created). A screenshot for humans is written to /tmp/vigil-console.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, demoTotpCode } from '../../src/demo/demo.js';
import {
  chromiumAvailable,
  chromiumPath,
  closeBrowser,
  fetchFromPage,
  inCi,
  launchChromium,
  openSession,
  signIn,
  startDemoServer,
  waitForText,
  type DemoServer,
  type UserSession,
} from './browser.js';

const screenshotPath = '/tmp/vigil-console.png';
const internalCase = 'Demo: internal tasking, week 48';
const jointCase = 'Demo: joint investigation with NCB Manila';
const networkCase = 'Demo: unidentified series "Harbour Lights"';
const hotlineCase = 'Demo: hotline reports batch 12';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const skip = !chromiumAvailable() && !inCi();
if (skip) {
  console.warn(`Skipping the console tests: no Chromium at ${chromiumPath} (apt-get install -y chromium). In CI this fails instead.`);
}

describe.skipIf(skip)(skip ? `console in Chromium (skipped: no Chromium at ${chromiumPath})` : 'console in Chromium', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const sessions: UserSession[] = [];

  /** The case the analyst creates in the first test, for the privacy test. */
  let privateCase: { id: string; title: string } | undefined;

  async function sessionFor(username: string, options: { totp?: boolean } = {}): Promise<UserSession> {
    const session = await openSession(browser!, server!.url);
    sessions.push(session);
    await signIn(session.page, username, demoPassword, options.totp ? () => demoTotpCode() : undefined);
    return session;
  }

  /** Rows of the cases table once it has loaded (at least one row: every demo user sees some case). */
  async function caseTitles(session: UserSession): Promise<string[]> {
    const table = session.page.getByTestId('cases-table');
    await table.waitFor({ state: 'visible' });
    await table.getByTestId('case-row').first().waitFor({ state: 'visible' });
    return (await table.getByTestId('case-row').locator('td:nth-child(2)').allTextContents()).map((title) => title.trim());
  }

  beforeAll(async () => {
    // Start both at once; the server takes a few seconds to migrate and seed.
    const [started, launched] = await Promise.allSettled([startDemoServer(), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  afterAll(async () => {
    const results = await Promise.allSettled(sessions.map((session) => session.close()));
    const closing = await Promise.allSettled([closeBrowser(browser), server?.stop()]);
    const failures = [...results, ...closing].filter((result) => result.status === 'rejected');
    if (failures.length > 0) throw (failures[0] as PromiseRejectedResult).reason;
  });

  it('the analyst signs in, sees the cases of their agency and creates an agency-only case', async () => {
    const analyst = await sessionFor('analyst');
    const { page } = analyst;

    const menu = await waitForText(page.getByTestId('user-menu'), 'Anneke Analyst');
    expect(menu).toContain('Netherlands National Police (demo)');

    for (const area of ['media', 'series', 'screening', 'notices', 'darkweb', 'operations']) {
      await page.getByTestId(`nav-${area}`).waitFor({ state: 'visible' });
    }
    // An analyst administers nothing and audits nothing.
    expect(await page.getByTestId('nav-administration').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);

    await page.getByTestId('nav-operations').click();
    await page.waitForURL(/#\/cases$/);
    await expect.poll(() => page.getByTestId('nav-operations').getAttribute('aria-current')).toBe('page');
    const titles = await caseTitles(analyst);
    expect(titles).toContain(internalCase);
    expect(titles).toContain(jointCase);
    expect(titles).toContain(networkCase);
    expect(titles).not.toContain(hotlineCase);

    const title = `E2E agency-only case ${Date.now()}`;
    await page.getByTestId('case-new').click();
    await page.getByTestId('case-title').fill(title);
    await page.getByTestId('case-visibility').selectOption('agency');
    const created = page.waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/cases',
    );
    await page.getByTestId('case-submit').click();
    const response = await created;
    expect(response.status()).toBe(201);
    const record = (await response.json()) as { id: string; title: string; visibility: string };
    expect(record).toMatchObject({ title, visibility: 'agency' });
    expect(record.id).toMatch(uuid);
    privateCase = { id: record.id, title };

    await waitForText(page.getByTestId('case-created'), title);
    const row = page.getByTestId('case-row').filter({ hasText: title });
    await row.waitFor({ state: 'visible' });
    expect(await row.textContent()).toContain('Agency');
    expect(await row.getByRole('link', { name: title }).getAttribute('href')).toBe(`#/cases/${record.id}`);

    // The analyst's own agency can open it.
    await row.getByRole('link', { name: title }).click();
    await waitForText(page.getByTestId('case-detail'), title);

    await page.getByTestId('nav-operations').click();
    await page.getByTestId('case-row').filter({ hasText: title }).waitFor({ state: 'visible' });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    expect(analyst.problems).toEqual([]);
  });

  it("another agency's analyst (hotline) neither lists nor opens the Netherlands police's agency-only cases", async () => {
    expect(privateCase, 'the analyst test must have created a case').toBeDefined();
    const { id, title } = privateCase!;
    const hotline = await sessionFor('hotline');
    const { page } = hotline;
    await waitForText(page.getByTestId('user-menu'), 'Wanjiru Hotline-Analyst');

    await page.getByTestId('nav-operations').click();
    const titles = await caseTitles(hotline);
    // The table has loaded: the hotline's own and the network-wide cases are there.
    expect(titles).toContain(hotlineCase);
    expect(titles).toContain(networkCase);
    expect(titles).not.toContain(internalCase);
    expect(titles).not.toContain(jointCase);
    expect(titles).not.toContain(title);

    // The API agrees with the table.
    const list = await fetchFromPage(page, '/api/v1/cases');
    expect(list.status).toBe(200);
    const listed = (list.body as { items: { id: string; title: string }[] }).items;
    expect(listed.map((item) => item.id)).not.toContain(id);
    expect(listed.map((item) => item.title)).not.toContain(internalCase);

    // Going straight to the case's address: the API answers 404 and the console says not found.
    const answered = page.waitForResponse(
      (response) => response.request().method() === 'GET' && new URL(response.url()).pathname === `/api/v1/cases/${id}`,
    );
    await page.goto(`/#/cases/${id}`);
    expect((await answered).status()).toBe(404);
    await waitForText(page.getByTestId('not-found'), 'Not found or not visible to your agency');
    expect(await page.getByTestId('case-detail').count()).toBe(0);
    expect(await page.content()).not.toContain(title);

    // A case that is hidden answers exactly like one that does not exist.
    const hidden = await fetchFromPage(page, `/api/v1/cases/${id}`);
    const missing = await fetchFromPage(page, '/api/v1/cases/00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    // Same problem document but for the request's own instance and requestId.
    const shape = (body: unknown) => {
      const { type, title: problemTitle, status, code, detail } = body as Record<string, unknown>;
      return { type, title: problemTitle, status, code, detail };
    };
    expect(shape(hidden.body)).toEqual(shape(missing.body));
    expect(JSON.stringify(hidden.body)).not.toContain(title);
    expect(hotline.problems).toEqual([]);
  });

  it('the admin signs in with the second factor, creates an API token and sees its secret once', async () => {
    const admin = await sessionFor('admin', { totp: true });
    const { page } = admin;
    await waitForText(page.getByTestId('user-menu'), 'Ada Admin');

    await page.getByTestId('nav-administration').click();
    await page.waitForURL(/#\/admin\/users$/);
    await page.getByTestId('admin-tab-tokens').click();
    await page.waitForURL(/#\/admin\/tokens$/);
    await page.getByTestId('tokens-table').waitFor({ state: 'visible' });

    const name = `E2E intake bridge ${Date.now()}`;
    await page.getByTestId('token-new').click();
    await page.getByTestId('token-name').fill(name);
    await page.getByTestId('token-roles-analyst').check();
    const created = page.waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/tokens',
    );
    await page.getByTestId('token-submit').click();
    expect((await created).status()).toBe(201);

    const secretBox = page.getByTestId('token-secret');
    await waitForText(secretBox, 'Shown once');
    const secret = ((await page.getByTestId('token-secret-value').textContent()) ?? '').trim();
    expect(secret).toMatch(/^vgl_\S{20,}$/);
    const row = page.getByTestId('token-row').filter({ hasText: name });
    await row.waitFor({ state: 'visible' });
    expect(await row.textContent()).not.toContain(secret);

    // Shown once: after a reload the token is listed, its secret is nowhere.
    await page.reload();
    await page.getByTestId('token-row').filter({ hasText: name }).waitFor({ state: 'visible' });
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    const tokens = await fetchFromPage(page, '/api/v1/tokens');
    expect(tokens.status).toBe(200);
    expect(JSON.stringify(tokens.body)).not.toContain(secret);
    expect(admin.problems).toEqual([]);
  });

  it('the auditor opens Audit, sees the trail and verifies that the chain is intact', async () => {
    const auditor = await sessionFor('auditor');
    const { page } = auditor;
    await waitForText(page.getByTestId('user-menu'), 'Aurelio Auditor');
    expect(await page.getByTestId('nav-administration').count()).toBe(0);

    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/#\/audit$/);
    const rows = page.getByTestId('audit-table').getByTestId('audit-row');
    await rows.first().waitFor({ state: 'visible' });
    expect(await rows.count()).toBeGreaterThan(0);
    // The earlier tests left their traces.
    await waitForText(page.getByTestId('audit-table'), 'auth.login');

    await page.getByTestId('audit-verify').click();
    const result = await waitForText(page.getByTestId('audit-verify-result'), /Chain (intact|broken)/);
    expect(result).toMatch(/^Chain intact: \d+ entries checked/);
    expect(auditor.problems).toEqual([]);
  });

  it('signing out returns to the login form and ends the session', async () => {
    const session = await sessionFor('investigator');
    const { page } = session;
    await waitForText(page.getByTestId('user-menu'), 'Isabel Investigator');
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor({ state: 'visible' });
    await page.getByTestId('login-password').waitFor({ state: 'visible' });
    await waitForText(page.getByTestId('session-message'), 'You have signed out.');
    expect(await page.getByTestId('user-menu').count()).toBe(0);

    // The session is gone on the server too: a reload shows the login form again.
    expect((await fetchFromPage(page, '/api/v1/auth/session')).status).toBe(401);
    await page.reload();
    await page.getByTestId('login-username').waitFor({ state: 'visible' });
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    expect(session.problems).toEqual([]);
  });
});
