/**
 * The public site in Chromium, against the built `vigil demo` (a child process on a free port with
 * a fresh data directory). Seeded through the agency API: the demo notice officer of NCB Manila
 * writes a red notice with a photo and an arrest warrant translated into Arabic and submits it; a
 * notice officer of the operator agency (created by the demo admin) publishes it. Then a visitor
 * who has no account searches, reads the notice in English and in Arabic (right to left), sends a
 * tip with markup and a photo, and reads the agency's reply with the reference and the secret; the
 * owning agency finds the tip through GET /api/v1/tips, the other agency does not (absent, 404).
 * axe-core finds no serious or critical accessibility violation on the search page, the notice in
 * English and in Arabic, and the tip receipt.
 *
 * Every person is invented. Needs `npm run build` and Chromium at /usr/bin/chromium (skipped without
 * it, except in CI). The tests run in order and build on each other. Screenshots for humans go to
 * /tmp/vigil-public-*.png.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, demoTotpCode } from '../../src/demo/demo.js';
import {
  chromiumAvailable,
  chromiumPath,
  closeBrowser,
  inCi,
  launchChromium,
  startDemoServer,
  timeouts,
  type DemoServer,
} from './browser.js';

// Page functions run in the browser; the tests' TypeScript has no DOM library, so these few are declared.
declare const window: { readonly __tipInjected?: boolean; axe: { run(context: unknown, options: unknown): Promise<AxeResults> } };
declare const document: unknown;

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

const family = 'Okonkwo-Lindahl';
const forename = 'Marisol';
const chargeEn = 'Trafficking in persons for sexual exploitation';
const chargeAr = 'الاتجار بالأشخاص لغرض الاستغلال الجنسي';
/** Text from the public with markup in it: it must show as text and never run. */
const tipText = 'I saw her near the ferry terminal on Monday. <script>window.__tipInjected = true</script> <b>not bold</b>';
const replyText = 'Thank you. Was she alone?';

const skip = !chromiumAvailable() && !inCi();
if (skip) {
  console.warn(`Skipping the public site tests: no Chromium at ${chromiumPath} (apt-get install -y chromium). In CI this fails instead.`);
}

/** A small JPEG made here, so the test carries no picture of anyone. */
function testPhoto(red: number): Promise<Buffer> {
  return sharp({ create: { width: 90, height: 120, channels: 3, background: { r: red, g: 110, b: 150 } } })
    .jpeg()
    .toBuffer();
}

/** One signed-in user of the agency API, from Node (its session cookie kept here). */
class AgencyClient {
  #cookie = '';
  constructor(private readonly baseUrl: string) {}

  async signIn(username: string, password: string, totp?: () => string): Promise<void> {
    const answer = await this.call('POST', '/api/v1/auth/login', { username, password });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    if (totp !== undefined) expect((await this.call('POST', '/api/v1/auth/totp', { code: totp() })).status).toBe(200);
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(this.#cookie !== '' && { cookie: this.#cookie }),
        ...(body !== undefined && !isForm && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: isForm ? body : JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeouts.action),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('vigil_session='));
    if (cookie !== undefined) this.#cookie = cookie.split(';')[0]!;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed };
  }
}

describe.skipIf(skip)(skip ? `public site in Chromium (skipped: no Chromium at ${chromiumPath})` : 'public site in Chromium', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let owner: AgencyClient;
  let otherAgency: AgencyClient;
  const notice = { id: '', urlId: '' };
  const receipt = { reference: '', secret: '' };
  let tipId = '';

  /** A visitor's browser: no cookies, English unless told; axe needs the page's CSP bypassed to inject its script. */
  async function visitor(options: { locale?: string; axe?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser!.newContext({
      baseURL: server!.url,
      viewport: { width: 1280, height: 900 },
      locale: options.locale ?? 'en-GB',
      bypassCSP: options.axe === true,
    });
    context.setDefaultTimeout(timeouts.action);
    context.setDefaultNavigationTimeout(timeouts.navigation);
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Failed loads are reported with their address below; the console's own line for them has none.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`console error: ${message.text()}`);
    });
    // A 400 page is the expected answer to a bad filter or a wrong secret; any other failed load is a problem.
    page.on('response', (response) => {
      if (response.status() >= 400 && response.status() !== 400)
        problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return { page, problems };
  }

  /** Runs axe-core on the page; returns the serious and critical violations. */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: axePath });
    const results = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
    );
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startDemoServer(), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const { url } = started.value;

    // The demo admin creates a notice officer in the operator agency, a publishing agency.
    const admin = new AgencyClient(url);
    await admin.signIn('admin', demoPassword, () => demoTotpCode());
    const username = `e2e-publisher-${Date.now()}`;
    const agencies = (await admin.call('GET', '/api/v1/agencies')).body as { items: { id: string; isOperator: boolean }[] };
    const operator = agencies.items.find((agency) => agency.isOperator)!;
    const created = await admin.call('POST', '/api/v1/users', {
      username,
      displayName: 'Pia Publisher',
      agencyId: operator.id,
      roles: ['notice_officer'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const oneTimePassword = (created.body as { oneTimePassword: string }).oneTimePassword;
    otherAgency = new AgencyClient(url);
    await otherAgency.signIn(username, oneTimePassword);
    const newPassword = 'a long e2e publisher password';
    expect((await otherAgency.call('POST', '/api/v1/auth/password', { currentPassword: oneTimePassword, newPassword })).status).toBe(200);

    // NCB Manila writes the notice, with a public photo, and submits it; the operator publishes it.
    owner = new AgencyClient(url);
    await owner.signIn('notices', demoPassword);
    const draft = await owner.call('POST', '/api/v1/notices', {
      type: 'red',
      visibility: 'agency',
      content: {
        familyName: family,
        forename,
        sex: 'F',
        birthDate: '1979-09-23',
        nationalities: ['NGA', 'SWE'],
        heightCm: 168,
        arrestWarrants: [
          {
            issuingCountry: 'PHL',
            charge: chargeEn,
            chargeTranslations: { ar: chargeAr, fr: 'Traite des personnes aux fins d’exploitation sexuelle' },
          },
        ],
        documents: [{ number: 'ZX9981237', country: 'NGA' }],
        description: 'Believed to travel between Manila and Lagos. <i>Invented person for tests.</i>',
      },
      publicFields: ['familyName', 'forename', 'sex', 'birthDate', 'nationalities', 'heightCm', 'arrestWarrants', 'description'],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    notice.id = (draft.body as { id: string }).id;
    const photo = new FormData();
    photo.append('caption', 'Photo taken in 2025');
    photo.append('public', 'true');
    photo.append('file', new Blob([await testPhoto(170)], { type: 'image/jpeg' }), 'portrait.jpg');
    expect((await owner.call('POST', `/api/v1/notices/${notice.id}/photos`, photo)).status).toBe(201);
    expect((await owner.call('POST', `/api/v1/notices/${notice.id}/submit`, { reason: 'Ready' })).status).toBe(200);
    const published = await otherAgency.call('POST', `/api/v1/notices/${notice.id}/publish`, { reason: 'Reviewed' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    notice.urlId = (published.body as { publicNumber: string }).publicNumber.replace('/', '-');
  });

  afterAll(async () => {
    const closed = await Promise.allSettled(contexts.map((context) => context.close()));
    const closing = [...closed, ...(await Promise.allSettled([closeBrowser(browser), server?.stop()]))];
    const failures = closing.filter((result) => result.status === 'rejected');
    if (failures.length > 0) throw (failures[0] as PromiseRejectedResult).reason;
  });

  it('a visitor searches by name and nationality, pages are in their language, and a bad filter is named', async () => {
    const { page, problems } = await visitor({ locale: 'fr-FR' });
    // /notices chooses the visitor's language.
    await page.goto('/notices');
    expect(new URL(page.url()).pathname).toBe('/fr/notices');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/en\/notices$/);

    await page.getByLabel('Family name').fill(family.slice(0, 6).toLowerCase());
    await page.getByLabel('Nationality').selectOption({ label: 'Sweden' });
    await page.getByLabel('Type of notice').selectOption('red');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/en\/notices\?/);
    const query = new URL(page.url()).searchParams;
    expect(query.get('name')).toBe('okonkw');
    expect(query.get('nationality')).toBe('SWE');
    expect(await page.locator('.count').textContent()).toContain('1 notice found');
    const result = page.locator('.result').filter({ hasText: family.toUpperCase() });
    await result.waitFor({ state: 'visible' });
    expect(await result.locator('img').getAttribute('alt')).toBe(`Photo of ${family.toUpperCase()}, ${forename}`);
    // The thumbnail is served (re-encoded) by the public API.
    await expect.poll(() => result.locator('img').evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/vigil-public-search.png', fullPage: true });

    // Nobody of another nationality.
    await page.getByLabel('Nationality').selectOption({ label: 'Germany' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/nationality=DEU/);
    expect(await page.locator('.count').textContent()).toContain('0 notices found');

    const bad = await page.goto('/en/notices?sexId=X&ageMin=old');
    expect(bad?.status()).toBe(400);
    const summary = (await page.locator('.errors').textContent()) ?? '';
    expect(summary).toContain('“Sex”: this value is not one we know.');
    expect(summary).toContain('“Minimum age”: must be a whole number from 0 to 120.');
    expect(problems).toEqual([]);
  });

  it('the notice page shows the public extract in English and, switched to Arabic, right to left with the charge in Arabic', async () => {
    const { page, problems } = await visitor();
    const answer = await page.goto(`/en/notices/${notice.urlId}`);
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()['cache-control']).toBe('public, max-age=60');
    expect(await page.locator('h1').textContent()).toContain(`${family.toUpperCase()}, ${forename}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(chargeEn);
    expect(text).toContain('Nigeria and Sweden');
    expect(text).toContain('168 cm');
    expect(text).toContain('<i>Invented person for tests.</i>');
    // Never a police-only field.
    expect(await page.content()).not.toContain('ZX9981237');
    expect(await page.getByRole('heading', { name: 'Do you have information?' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Named in this notice?' }).count()).toBe(1);
    const html = await answer!.text();
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);

    await page.getByRole('link', { name: 'العربية' }).click();
    await page.waitForURL(new RegExp(`/ar/notices/${notice.urlId}$`));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    const arabic = (await page.locator('main').textContent()) ?? '';
    expect(arabic).toContain(chargeAr);
    expect(arabic).toContain('النشرة الحمراء');
    expect(arabic).toContain('هل لديك معلومات؟');
    // Mirrored: the main column's text starts at the right.
    expect(
      await page
        .locator('h1')
        .evaluate(
          (h: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { direction: string } }).getComputedStyle(h).direction,
        ),
    ).toBe('rtl');
    await page.screenshot({ path: '/tmp/vigil-public-notice-ar.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  it('a visitor sends a tip with a photo: the receipt shows the reference and the secret, the markup as text', async () => {
    const { page, problems } = await visitor();
    await page.goto(`/en/notices/${notice.urlId}#tip`);
    await page.getByLabel('What do you know?').fill(tipText);
    await page.getByLabel('Email').fill('witness@example.org');
    await page.getByLabel('Photos (optional)').setInputFiles({ name: 'ferry.jpg', mimeType: 'image/jpeg', buffer: await testPhoto(40) });
    await page.getByRole('button', { name: 'Send the information' }).click();
    await page.getByRole('heading', { name: 'Thank you: your information has been sent' }).waitFor({ state: 'visible' });
    receipt.reference = ((await page.locator('#tip-reference').textContent()) ?? '').trim();
    receipt.secret = ((await page.locator('#tip-secret').textContent()) ?? '').trim();
    expect(receipt.reference).toMatch(/^T-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt.secret.length).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: '/tmp/vigil-public-receipt.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  it('the owning agency reads the tip through the API; the other agency does not see it (absent, 404)', async () => {
    const queue = await owner.call('GET', '/api/v1/tips');
    expect(queue.status).toBe(200);
    const items = (queue.body as { items: { id: string; reference: string; noticeId: string; photoCount: number; hasContact: boolean }[] })
      .items;
    const tip = items.find((item) => item.reference === receipt.reference);
    expect(tip).toMatchObject({ noticeId: notice.id, photoCount: 1, hasContact: true });
    tipId = tip!.id;
    const detail = await owner.call('GET', `/api/v1/tips/${tipId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ body: tipText, contactEmail: 'witness@example.org', language: 'en' });

    const theirs = await otherAgency.call('GET', '/api/v1/tips');
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.body)).not.toContain(receipt.reference);
    expect((await otherAgency.call('GET', `/api/v1/tips/${tipId}`)).status).toBe(404);

    expect((await owner.call('POST', `/api/v1/tips/${tipId}/replies`, { body: replyText })).status).toBeLessThan(300);
  });

  it('the sender reads the reply with the reference and the secret, and adds a follow-up; a wrong secret tells nothing', async () => {
    const { page, problems } = await visitor();
    await page.goto('/en/tips/status');
    await page.getByLabel('Reference').fill(receipt.reference);
    await page.getByLabel('Secret').fill('WRONG-SECRET');
    await page.getByRole('button', { name: 'Show the replies' }).click();
    await page.locator('.errors').waitFor({ state: 'visible' });
    expect(await page.locator('.errors').textContent()).toContain('We found nothing sent with this reference and secret.');
    expect(await page.locator('main').textContent()).not.toContain('ferry');

    await page.getByLabel('Secret').fill(receipt.secret);
    await page.getByRole('button', { name: 'Show the replies' }).click();
    const messages = page.locator('.messages');
    await messages.waitFor({ state: 'visible' });
    expect(await messages.textContent()).toContain(tipText);
    expect(await messages.locator('script, b').count()).toBe(0);
    expect(await page.evaluate(() => window.__tipInjected)).toBeUndefined();
    expect(await messages.locator('.reply').textContent()).toContain(replyText);

    await page.getByLabel('What would you like to add?').fill('Yes, she was alone, with a blue suitcase.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Sent: the agency has received what you added.').waitFor({ state: 'visible' });
    expect(await messages.textContent()).toContain('blue suitcase');
    const detail = await owner.call('GET', `/api/v1/tips/${tipId}`);
    expect(JSON.stringify(detail.body)).toContain('blue suitcase');
    expect(problems).toEqual([]);
  });

  it('axe-core finds no serious or critical violation on the search page, the notice in English and Arabic, and the receipt', async () => {
    const { page } = await visitor({ axe: true });
    const found: Record<string, string[]> = {};
    await page.goto('/en/notices?type=red');
    found['search'] = await seriousViolations(page);
    await page.goto(`/en/notices/${notice.urlId}`);
    found['notice (en)'] = await seriousViolations(page);
    await page.goto(`/ar/notices/${notice.urlId}`);
    found['notice (ar)'] = await seriousViolations(page);
    await page.goto('/es/notices?sexId=X');
    found['bad filter (es)'] = await seriousViolations(page);

    await page.goto(`/fr/notices/${notice.urlId}`);
    await page.getByLabel('Que savez-vous\u00a0?').fill('Je l’ai vue à la gare.');
    await page.getByRole('button', { name: 'Envoyer les informations' }).click();
    await page.locator('#tip-reference').waitFor({ state: 'visible' });
    found['receipt (fr)'] = await seriousViolations(page);
    expect(found).toEqual({ search: [], 'notice (en)': [], 'notice (ar)': [], 'bad filter (es)': [], 'receipt (fr)': [] });
  });
});
