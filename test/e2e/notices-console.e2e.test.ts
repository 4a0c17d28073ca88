/**
 * The Notices area of the console in Chromium, against the built `vigil demo` (a child process on a
 * free port with a fresh data directory): the demo notice officer of NCB Manila writes a red notice
 * with an arrest warrant (the server's field errors shown beside the fields first), adds a photo
 * and submits it; a notice officer of the operator agency (created by the demo admin for this test)
 * finds it in the review queue and publishes it; a visitor sends a tip with a photo through the
 * public tip form; the owning officer finds it in the tip queue, sees its text as text and its photo
 * blurred until revealed, triages it, notes and replies, while the operator's officer, who
 * published the notice, sees nothing of the tip; and a campaign with an Arabic title shows the notice.
 *
 * Every person is invented. Needs `npm run build` and Chromium at /usr/bin/chromium (skipped without
 * it, except in CI). The tests run in order and build on each other. Screenshots for humans go to
 * /tmp/vigil-notices-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
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

// Page functions run in the browser; the tests' TypeScript has no DOM library, so these few are declared.
declare function getComputedStyle(element: unknown): { readonly filter: string };
declare const document: { readonly activeElement: { getAttribute(name: string): string | null } | null };
declare const window: { readonly __tipInjected?: boolean };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const family = 'Varga-Oyelaran';
const forename = 'Teodor';
/** Text from the public with markup in it: it must show as text. */
const tipText = 'I saw him at the market on Tuesday. <script>window.__tipInjected = true</script> <b>not bold</b>';
const publisher = { username: `e2e-publisher-${Date.now()}`, displayName: 'Petra Publisher', password: 'a long e2e publisher password' };

const skip = !chromiumAvailable() && !inCi();
if (skip) {
  console.warn(
    `Skipping the notices console tests: no Chromium at ${chromiumPath} (apt-get install -y chromium). In CI this fails instead.`,
  );
}

/** A small JPEG made here, so the test carries no picture of anyone. */
function testPhoto(red: number): Promise<Buffer> {
  return sharp({ create: { width: 96, height: 128, channels: 3, background: { r: red, g: 90, b: 140 } } })
    .jpeg()
    .toBuffer();
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

describe.skipIf(skip)(
  skip ? `notices console in Chromium (skipped: no Chromium at ${chromiumPath})` : 'notices console in Chromium',
  () => {
    let server: DemoServer | undefined;
    let browser: Browser | undefined;
    const sessions: UserSession[] = [];
    let officer: UserSession | undefined;
    const notice = { id: '', publicNumber: '' };
    let tipId = '';
    let reviewer: UserSession | undefined;

    async function session(): Promise<UserSession> {
      const opened = await openSession(browser!, server!.url);
      sessions.push(opened);
      return opened;
    }

    beforeAll(async () => {
      const [started, launched] = await Promise.allSettled([startDemoServer(), launchChromium()]);
      if (started.status === 'fulfilled') server = started.value;
      if (launched.status === 'fulfilled') browser = launched.value;
      if (started.status === 'rejected') throw started.reason;
      if (launched.status === 'rejected') throw launched.reason;
    });

    afterAll(async () => {
      const closed = await Promise.allSettled(sessions.map((opened) => opened.close()));
      const closing = [...closed, ...(await Promise.allSettled([closeBrowser(browser), server?.stop()]))];
      const failures = closing.filter((result) => result.status === 'rejected');
      if (failures.length > 0) throw (failures[0] as PromiseRejectedResult).reason;
    });

    it('the notice officer lands on Notices and writes a red notice: field errors beside the fields, then a draft with a photo', async () => {
      officer = await session();
      const { page } = officer;
      await signIn(page, 'notices', demoPassword);
      await page.waitForURL(/#\/notices$/);
      await expect.poll(() => page.getByTestId('nav-notices').getAttribute('aria-current')).toBe('page');
      await expect.poll(() => page.getByTestId('notices-tab-notices').getAttribute('aria-current')).toBe('page');
      await page.getByTestId('notices-table').waitFor({ state: 'visible' });

      await page.getByTestId('notice-new').click();
      await page.waitForURL(/#\/notices\/new$/);
      const form = page.getByTestId('notice-form');
      await form.waitFor({ state: 'visible' });
      expect(await page.getByTestId('notice-field-type').inputValue()).toBe('red');
      // The public extract starts from the default fields.
      expect(await page.getByTestId('notice-public-fields-familyName').isChecked()).toBe(true);
      expect(await page.getByTestId('notice-public-fields-heightCm').isChecked()).toBe(false);

      // A name but an empty warrant: the server's field errors land beside the warrant's fields.
      await page.getByTestId('notice-field-family-name').fill(family);
      const refused = await answered(page, 'POST', /^\/api\/v1\/notices$/, () => page.getByTestId('notice-save').click());
      expect(refused.status).toBe(400);
      await expect.poll(() => page.getByTestId('notice-warrant-0-country').getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.getByTestId('notice-warrant-0-charge').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('notice-form-error').waitFor({ state: 'visible' });
      // That refusal was asked for: the browser's line about it is not a problem of the page.
      const asked = officer.problems.findIndex((line) => /status of 400\b/.test(line));
      if (asked >= 0) officer.problems.splice(asked, 1);

      await page.getByTestId('notice-field-forename').fill(forename);
      await page.getByTestId('notice-field-original-script').fill('Теодор Варга');
      await page.getByTestId('notice-field-sex').selectOption('M');
      await page.getByTestId('notice-field-birth-date').fill('1981-04-17');
      await page.getByTestId('notice-field-nationalities').fill('HUN, NGA');
      await page.getByTestId('notice-field-height').fill('182');
      await page.getByTestId('notice-warrant-0-country').fill('PHL');
      await page.getByTestId('notice-warrant-0-charge').fill('Trafficking in persons; sexual exploitation of minors');
      await page.getByTestId('notice-warrant-0-fr').fill('Traite des êtres humains ; exploitation sexuelle de mineurs');
      const arabic = page.getByTestId('notice-warrant-0-ar');
      expect(await arabic.getAttribute('dir')).toBe('rtl');
      await arabic.fill('الاتجار بالبشر');
      await page.getByTestId('notice-document-add').click();
      await page.getByTestId('notice-document-0-number').fill('BK4419027');
      await page.getByTestId('notice-document-0-country').fill('HUN');
      await page.getByTestId('notice-field-description').fill('Believed to travel between Manila and Budapest.');
      await page.getByTestId('notice-public-fields-heightCm').check();

      // The preview shows the chosen fields only: never the documents, and not what is unticked.
      const preview = page.getByTestId('notice-public-preview');
      await waitForText(preview, 'Trafficking in persons');
      await waitForText(preview, '182 cm');
      expect(await preview.textContent()).not.toContain('BK4419027');
      await page.getByTestId('notice-public-fields-birthDate').uncheck();
      await expect.poll(async () => (await preview.textContent()) ?? '').not.toContain('1981-04-17');

      const created = await answered(page, 'POST', /^\/api\/v1\/notices$/, () => page.getByTestId('notice-save').click());
      expect(created.status).toBe(201);
      const record = created.body as { id: string; status: string; type: string; publicFields: string[] };
      expect(record).toMatchObject({ status: 'draft', type: 'red' });
      expect(record.id).toMatch(uuid);
      expect(record.publicFields).toContain('heightCm');
      expect(record.publicFields).not.toContain('birthDate');
      notice.id = record.id;

      // The editor of the draft, now with its photos.
      await page.waitForURL(new RegExp(`#/notices/${record.id}/edit$`));
      await page.getByTestId('notice-photo-upload').waitFor({ state: 'visible' });
      await page
        .getByTestId('notice-photo-file')
        .setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: await testPhoto(180) });
      await page.getByTestId('notice-photo-new-caption').fill('Photo taken in 2024');
      const uploaded = await answered(page, 'POST', /\/photos$/, () => page.getByTestId('notice-photo-submit').click());
      expect(uploaded.status).toBe(201);
      await waitForText(page.getByTestId('notice-photos'), 'Photo 1');
      // A public photo appears in the preview of the public extract.
      await expect.poll(() => page.getByTestId('notice-public-preview').locator('img').count()).toBe(1);
      await page.screenshot({ path: '/tmp/vigil-notices-editor.png', fullPage: true });
      expect(officer.problems).toEqual([]);
    });

    it('the officer submits the draft and, having submitted it, may not publish it', async () => {
      const { page } = officer!;
      await page.getByTestId('notice-view').click();
      await page.waitForURL(new RegExp(`#/notices/${notice.id}$`));
      const detail = page.getByTestId('notice-detail');
      await detail.waitFor({ state: 'visible' });
      expect(await detail.getAttribute('data-status')).toBe('draft');
      await waitForText(page.getByTestId('notice-record'), 'BK4419027');
      expect(await page.getByTestId('notice-type').first().textContent()).toContain('Red notice');

      await page.getByTestId('notice-submit').click();
      await page.getByTestId('notice-step').waitFor({ state: 'visible' });
      // The reason field has the focus; Escape closes the step without sending anything.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('notice-step-reason');
      await page.keyboard.press('Escape');
      await page.getByTestId('notice-step').waitFor({ state: 'detached' });
      await page.getByTestId('notice-submit').click();
      await page.getByTestId('notice-step-reason').fill('Ready for review');
      const submitted = await answered(page, 'POST', /\/submit$/, () => page.getByTestId('notice-step-confirm').click());
      expect(submitted.status).toBe(200);
      await expect.poll(() => detail.getAttribute('data-status')).toBe('submitted');
      await waitForText(page.getByTestId('notice-history'), 'Ready for review');
      // NCB Manila publishes notices, but not one its own officer submitted.
      expect(await page.getByTestId('notice-publish').count()).toBe(0);
      expect(await page.getByTestId('notice-edit').count()).toBe(0);
      expect(officer!.problems).toEqual([]);
    });

    it('a notice officer of the operator agency publishes it from the review queue', async () => {
      // The demo admin creates the second officer, in the operator agency.
      const admin = await session();
      await signIn(admin.page, 'admin', demoPassword, () => demoTotpCode());
      const created = await admin.page.evaluate(async (input) => {
        const json = { 'content-type': 'application/json', accept: 'application/json' };
        // The admin's own agency is the operator (the demo secretariat).
        const session = (await (await fetch('/api/v1/auth/session', { headers: json, credentials: 'same-origin' })).json()) as {
          user: { agency: { id: string } };
        };
        const response = await fetch('/api/v1/users', {
          method: 'POST',
          headers: json,
          credentials: 'same-origin',
          body: JSON.stringify({
            username: input.username,
            displayName: input.displayName,
            agencyId: session.user.agency.id,
            roles: ['notice_officer'],
          }),
        });
        return { status: response.status, body: (await response.json()) as { oneTimePassword?: string } };
      }, publisher);
      expect(created.status).toBe(201);
      const oneTimePassword = created.body.oneTimePassword!;

      reviewer = await session();
      const { page } = reviewer;
      await page.goto('/');
      await page.getByTestId('login-username').fill(publisher.username);
      await page.getByTestId('login-password').fill(oneTimePassword);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('password-current').fill(oneTimePassword);
      await page.getByTestId('password-new').fill(publisher.password);
      await page.getByTestId('password-confirm').fill(publisher.password);
      await page.getByTestId('password-submit').click();
      await page.getByTestId('user-menu').waitFor({ state: 'visible' });
      await page.waitForURL(/#\/notices$/);

      await page.getByTestId('notices-tab-review').click();
      await page.waitForURL(/#\/notices\/review$/);
      await expect.poll(() => page.getByTestId('notices-tab-review').getAttribute('aria-current')).toBe('page');
      const row = page.getByTestId('notice-row').filter({ hasText: family.toUpperCase() });
      await row.waitFor({ state: 'visible' });
      await row.getByRole('link').click();
      await page.waitForURL(new RegExp(`#/notices/${notice.id}$`));
      const detail = page.getByTestId('notice-detail');
      await detail.waitFor({ state: 'visible' });
      expect(await detail.getAttribute('data-status')).toBe('submitted');

      await page.getByTestId('notice-publish').click();
      await page.getByTestId('notice-step-reason').fill('Reviewed: warrant and extract in order');
      const published = await answered(page, 'POST', /\/publish$/, () => page.getByTestId('notice-step-confirm').click());
      expect(published.status).toBe(200);
      await expect.poll(() => detail.getAttribute('data-status')).toBe('published');
      const publicNumber = ((await page.getByTestId('notice-public-number').textContent()) ?? '').trim();
      expect(publicNumber).toMatch(/^\d{4}\/\d{5,}$/);
      notice.publicNumber = publicNumber;
      expect(await page.getByTestId('notice-public-link-en').getAttribute('href')).toBe(`/en/notices/${publicNumber.replace('/', '-')}`);
      expect(await page.getByTestId('notice-public-link-ar').getAttribute('href')).toBe(`/ar/notices/${publicNumber.replace('/', '-')}`);
      await waitForText(page.getByTestId('notice-history'), 'Reviewed: warrant and extract in order');

      // The list shows it published, with its type as a swatch and a name.
      await page.getByTestId('notices-tab-notices').click();
      await page.waitForURL(/#\/notices$/);
      await page.getByTestId('notices-filter-status').selectOption('published');
      await page.waitForURL(/#\/notices\?status=published$/);
      const listed = page.getByTestId('notice-row').filter({ hasText: publicNumber });
      await listed.waitFor({ state: 'visible' });
      expect(await listed.getByTestId('notice-type').textContent()).toBe('Red notice');
      expect(await listed.locator('.notice-swatch').count()).toBe(1);
      await page.screenshot({ path: '/tmp/vigil-notices-published.png', fullPage: true });
      expect(reviewer.problems).toEqual([]);
      expect(admin.problems).toEqual([]);
    });

    it('a visitor sends a tip with a photo through the public tip form', async () => {
      const visitor = await session();
      const { page } = visitor;
      const formPath = `/en/notices/${notice.publicNumber.replace('/', '-')}/tips`;
      const response = await page.goto(formPath);
      expect(response?.status()).toBe(200);

      await page.locator('textarea[name="body"]').fill(tipText);
      await page.locator('input[name="photos"]').setInputFiles({ name: 'market.jpg', mimeType: 'image/jpeg', buffer: await testPhoto(40) });
      await page.locator('form[enctype="multipart/form-data"] [type="submit"]').click();
      await page.locator('#tip-reference').waitFor({ state: 'visible' });
      expect(((await page.locator('#tip-reference').textContent()) ?? '').trim()).toMatch(/^T-/);
    });

    it('the owning officer works the tip: text as text, photo blurred until revealed, triage, note and reply', async () => {
      const { page } = officer!;
      await page.getByTestId('notices-tab-tips').click();
      await page.waitForURL(/#\/notices\/tips$/);
      await expect.poll(() => page.getByTestId('notices-tab-tips').getAttribute('aria-current')).toBe('page');
      const row = page.getByTestId('tip-row').filter({ hasText: 'I saw him at the market' });
      await row.waitFor({ state: 'visible' });
      expect(await row.getByTestId('tip-status').textContent()).toBe('New');
      await row.getByRole('link').click();
      await page.waitForURL(/#\/notices\/tips\/[0-9a-f-]+$/);
      tipId = (await page.getByTestId('tip-detail').getAttribute('data-tip-id')) ?? '';

      const body = page.getByTestId('tip-body');
      await waitForText(body, 'I saw him at the market');
      // Markup from the public is shown as it was typed and never runs.
      expect(await body.textContent()).toBe(tipText);
      expect(await body.locator('script, b').count()).toBe(0);
      expect(await page.evaluate(() => window.__tipInjected)).toBeUndefined();

      const photo = page.getByTestId('tip-photo');
      await photo.waitFor({ state: 'visible' });
      expect(await photo.getAttribute('data-revealed')).toBe('false');
      expect(await photo.locator('img').evaluate((image) => getComputedStyle(image).filter)).toContain('blur');
      await page.getByTestId('tip-photo-reveal').click();
      await page.getByTestId('tip-photo-reveal-confirm').click();
      await expect.poll(() => photo.getAttribute('data-revealed')).toBe('true');
      expect(await photo.locator('img').evaluate((image) => getComputedStyle(image).filter)).toBe('none');
      await page.getByTestId('tip-photo-reblur').click();
      await expect.poll(() => photo.getAttribute('data-revealed')).toBe('false');

      await page.getByTestId('tip-status-useful').check();
      const triaged = await answered(page, 'PATCH', /^\/api\/v1\/tips\//, () => page.getByTestId('tip-status-save').click());
      expect(triaged.status).toBe(200);
      await expect.poll(() => page.getByTestId('tip-detail').getAttribute('data-status')).toBe('useful');

      await page.getByTestId('tip-note-body').fill('Check the market CCTV for Tuesday.');
      await page.getByTestId('tip-note-submit').click();
      await page.getByTestId('tip-message').filter({ hasText: 'Check the market CCTV' }).waitFor({ state: 'visible' });
      await page.getByTestId('tip-reply-body').fill('Thank you. Could you say at what time?');
      await page.getByTestId('tip-reply-submit').click();
      const reply = page.getByTestId('tip-message').filter({ hasText: 'Could you say at what time?' });
      await reply.waitFor({ state: 'visible' });
      expect(await reply.getAttribute('data-kind')).toBe('reply');
      await page.screenshot({ path: '/tmp/vigil-notices-tip.png', fullPage: true });

      // The queue filtered by status.
      const queue = await fetchFromPage(page, '/api/v1/tips?status=useful');
      expect(queue.status).toBe(200);
      expect(JSON.stringify(queue.body)).toContain('I saw him at the market');
      expect(officer!.problems).toEqual([]);
    });

    it('another agency sees nothing of the tip: not in its queue, not by its address', async () => {
      // The operator's notice officer reviewed the notice, but the tip is NCB Manila's alone.
      const { page } = reviewer!;
      await page.getByTestId('notices-tab-tips').click();
      await page.waitForURL(/#\/notices\/tips$/);
      await page.getByTestId('tips-table').waitFor({ state: 'visible' });
      expect(await page.getByTestId('tips-table').textContent()).not.toContain('I saw him at the market');
      const direct = await fetchFromPage(page, `/api/v1/tips/${tipId}`);
      expect(direct.status).toBe(404);
      await page.goto(`/#/notices/tips/${tipId}`);
      await page.getByTestId('tip-not-found').waitFor({ state: 'visible' });
      expect(reviewer!.problems).toEqual([]);
    });

    it('the officer makes a campaign with an Arabic translation, shows the notice in it and publishes it', async () => {
      const { page } = officer!;
      await page.getByTestId('notices-tab-campaigns').click();
      await page.waitForURL(/#\/notices\/campaigns$/);
      await page.getByTestId('campaigns-table').waitFor({ state: 'visible' });
      await page.getByTestId('campaign-new').click();
      await page.waitForURL(/#\/notices\/campaigns\/new$/);
      const slug = `e2e-trafficking-${Date.now()}`;
      await page.getByTestId('campaign-slug').fill(slug);
      await page.getByTestId('campaign-title').fill('Wanted for trafficking in persons');
      await page.getByTestId('campaign-body').fill('Have you seen these people? Tell us, anonymously if you wish.');
      const arabicTitle = page.getByTestId('campaign-ar-title');
      expect(await arabicTitle.getAttribute('dir')).toBe('rtl');
      await arabicTitle.fill('مطلوبون بتهمة الاتجار بالبشر');
      await page.getByTestId(`campaign-notices-${notice.id}`).check();
      const created = await answered(page, 'POST', /^\/api\/v1\/campaigns$/, () => page.getByTestId('campaign-save').click());
      expect(created.status).toBe(201);
      const detail = page.getByTestId('campaign-detail');
      await detail.waitFor({ state: 'visible' });
      expect(await detail.getAttribute('data-status')).toBe('draft');
      await waitForText(page.getByTestId('campaign-notices-list'), family.toUpperCase());
      await page.getByTestId('campaign-publish').click();
      await expect.poll(() => detail.getAttribute('data-status')).toBe('published');
      const link = page.getByTestId('campaign-public-links').locator('a').first();
      expect(await link.getAttribute('href')).toBe(`/en/campaigns/${slug}`);
      await page.screenshot({ path: '/tmp/vigil-notices-campaign.png', fullPage: true });
      expect(officer!.problems).toEqual([]);
    });
  },
);
