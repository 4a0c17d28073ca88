/**
 * The Media area of the console in Chromium, against the built `vigil demo` (a child process on a
 * free port with a fresh data directory), one browser context per user: a hash set and its PDQ
 * import, an upload with its triage, the grid of blurred thumbnails, the audited reveal on the
 * item page, and the privacy of media between agencies.
 *
 * The only images are ordinary test photos from ../shared/testdata/pdq/data (a bridge and a
 * LabelMe street scene). Needs `npm run build` and Chromium at /usr/bin/chromium (skipped without
 * it, except in CI). The tests run in order and build on each other. Screenshots for humans go to
 * /tmp/vigil-media-grid.png and /tmp/vigil-media-item.png.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/demo.js';
import { testdata } from '../testdata.js';
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

const gridScreenshot = '/tmp/vigil-media-grid.png';
const itemScreenshot = '/tmp/vigil-media-item.png';
const setName = 'Bridge series (synthetic)';
/** The PDQ of bridge-mods/aaa-orig.jpg: the original matches at distance 0, its 180° rotation through the dihedral variants. */
const bridgePdq = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const photos = {
  original: testdata('pdq', 'data', 'bridge-mods', 'aaa-orig.jpg'),
  rotated: testdata('pdq', 'data', 'reg-test-input', 'dih', 'bridge-3-rotate-180.jpg'),
  unrelated: testdata('pdq', 'data', 'reg-test-input', 'labelme-subset', 'q0746.jpg'),
  /** Two near-duplicates of the bridge, for a stack. */
  sharpened: testdata('pdq', 'data', 'bridge-mods', 'sharpen-a-little.jpg'),
  sharpenedMore: testdata('pdq', 'data', 'bridge-mods', 'sharpen-a-lot.jpg'),
};
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const blurredThumbnail = new RegExp(`^/api/v1/media/${uuid}/thumbnail$`);

const skip = !chromiumAvailable() && !inCi();
if (skip) {
  console.warn(`Skipping the media console tests: no Chromium at ${chromiumPath} (apt-get install -y chromium). In CI this fails instead.`);
}

// Page functions run in the browser; the tests' TypeScript has no DOM library, so these few are declared.
declare function getComputedStyle(element: unknown): { readonly filter: string };
interface LoadedImage {
  readonly src: string;
  readonly naturalWidth: number;
}

interface UploadedFile {
  name: string;
  triage: string;
  mediaId: string | null;
}

/** The path (and query) of an <img>'s resolved URL. */
async function imagePath(image: Locator): Promise<string> {
  const src = await image.evaluate((element) => (element as unknown as LoadedImage).src);
  const url = new URL(src);
  return `${url.pathname}${url.search}`;
}

/** Waits until every matched <img> has loaded a picture (bounded by the default timeout). */
async function imagesLoaded(images: Locator): Promise<void> {
  await expect
    .poll(() => images.evaluateAll((elements) => elements.every((element) => (element as unknown as LoadedImage).naturalWidth > 0)))
    .toBe(true);
}

/** Every thumbnail URL the page asks for, from now on. */
function recordThumbnailRequests(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/thumbnail')) requested.push(`${url.pathname}${url.search}`);
  });
  return requested;
}

async function caseIdOf(page: Page, reference: string): Promise<string> {
  const cases = await fetchFromPage(page, '/api/v1/cases');
  expect(cases.status).toBe(200);
  const found = (cases.body as { items: { id: string; reference: string }[] }).items.find((item) => item.reference === reference);
  expect(found, `case ${reference}`).toBeDefined();
  return found!.id;
}

/** Uploads through the form and resolves to the server's answer. */
async function upload(page: Page, caseId: string, files: string[]): Promise<{ job: { id: string }; files: UploadedFile[] }> {
  await page.getByTestId('media-upload-case').locator(`option[value="${caseId}"]`).waitFor({ state: 'attached' });
  await page.getByTestId('media-upload-case').selectOption(caseId);
  await page.getByTestId('media-upload-files').setInputFiles(files);
  await waitForText(page.getByTestId('media-upload-selection'), `${files.length} file`);
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/media/upload',
  );
  await page.getByTestId('media-upload-submit').click();
  const response = await answered;
  expect(response.status()).toBe(200);
  await page.getByTestId('media-upload-result').waitFor({ state: 'visible' });
  return (await response.json()) as { job: { id: string }; files: UploadedFile[] };
}

async function count(locator: Locator): Promise<string> {
  return ((await locator.locator('dd').textContent()) ?? '').trim();
}

describe.skipIf(skip)(skip ? `media console in Chromium (skipped: no Chromium at ${chromiumPath})` : 'media console in Chromium', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  let workDir: string | undefined;
  const sessions: UserSession[] = [];
  let analyst: UserSession | undefined;

  /** Set by the upload test, for the tests after it. */
  const uploaded: { ingestId?: string; original?: string; rotated?: string; unrelated?: string } = {};

  async function sessionFor(username: string): Promise<UserSession> {
    const session = await openSession(browser!, server!.url);
    sessions.push(session);
    await signIn(session.page, username, demoPassword);
    return session;
  }

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'vigil-media-e2e-'));
    const [started, launched] = await Promise.allSettled([startDemoServer(), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  afterAll(async () => {
    const results = await Promise.allSettled(sessions.map((session) => session.close()));
    const closing = await Promise.allSettled([closeBrowser(browser), server?.stop()]);
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
    const failures = [...results, ...closing].filter((result) => result.status === 'rejected');
    if (failures.length > 0) throw (failures[0] as PromiseRejectedResult).reason;
  });

  it('the analyst creates a network hash set; a bad PDQ list is refused by line, the good one imported', async () => {
    analyst = await sessionFor('analyst');
    const { page } = analyst;

    await page.getByTestId('nav-media').click();
    await page.waitForURL(/#\/media$/);
    await expect.poll(() => page.getByTestId('nav-media').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('media-tab-hashsets').click();
    await page.waitForURL(/#\/media\/hashsets$/);
    await page.getByTestId('hashsets-table').waitFor({ state: 'visible' });

    await page.getByTestId('hashset-new').click();
    await page.getByTestId('hashset-name').fill(setName);
    await page.getByTestId('hashset-purpose').selectOption('known');
    await page.getByTestId('hashset-visibility').selectOption('network');
    const created = page.waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/hashsets',
    );
    await page.getByTestId('hashset-submit').click();
    const response = await created;
    expect(response.status()).toBe(201);
    const set = (await response.json()) as { id: string; name: string; visibility: string; purpose: string };
    expect(set).toMatchObject({ name: setName, visibility: 'network', purpose: 'known' });

    // The new set's page: empty, with the import form.
    await page.waitForURL(new RegExp(`#/media/hashsets/${set.id}$`));
    await waitForText(page.getByTestId('hashset-detail'), setName);
    expect(((await page.getByTestId('hashset-entry-count').textContent()) ?? '').trim()).toBe('0');

    // All or nothing: one bad line refuses the file, and the answer names the line.
    const bad = join(workDir!, 'bridge-series-bad.txt');
    await writeFile(bad, `${bridgePdq},100\n0123abc,100\n`);
    await page.getByTestId('hashset-import-file').setInputFiles(bad);
    await page.getByTestId('hashset-import-format').selectOption('pdq-list');
    await page.getByTestId('hashset-import-submit').click();
    const refused = page.getByTestId('hashset-import-result');
    await waitForText(refused, 'nothing was imported');
    expect(await refused.getAttribute('data-outcome')).toBe('refused');
    expect(await refused.textContent()).toContain('Line 2');
    // The refusal is a 400 answer, which the browser logs; nothing else may have been.
    await expect.poll(() => analyst!.problems.length).toBe(1);
    expect(analyst.problems[0]).toContain('status of 400');
    analyst.problems.length = 0;

    const good = join(workDir!, 'bridge-series.pdq.txt');
    await writeFile(good, `${bridgePdq},100\n`);
    await page.getByTestId('hashset-import-file').setInputFiles(good);
    await page.getByTestId('hashset-import-format').selectOption('detect');
    const imported = page.waitForResponse(
      (answer) => answer.request().method() === 'POST' && new URL(answer.url()).pathname === `/api/v1/hashsets/${set.id}/import`,
    );
    await page.getByTestId('hashset-import-submit').click();
    const importResponse = await imported;
    expect(importResponse.status()).toBe(200);
    // No format named: the server detected it.
    expect(new URL(importResponse.url()).search).toBe('');
    const result = page.getByTestId('hashset-import-result');
    await waitForText(result, 'Imported 1 entry');
    expect(await result.getAttribute('data-outcome')).toBe('imported');
    await waitForText(page.getByTestId('hashset-entry-count'), '1');
    const rows = page.getByTestId('hashset-entry-row');
    await rows.first().waitFor({ state: 'visible' });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(bridgePdq);

    // Export links download the set in each format.
    const exportLink = page.getByTestId('hashset-export-pdq-list');
    const exportHref = (await exportLink.getAttribute('href')) ?? '';
    expect(exportHref).toBe(`/api/v1/hashsets/${set.id}/export?format=pdq-list`);
    const exported = await fetchFromPage(page, exportHref);
    expect(exported.status).toBe(200);
    expect(String(exported.body)).toContain(bridgePdq);

    // The list shows the set with its owner, visibility and entry count.
    await page.getByRole('link', { name: '← Hash sets' }).click();
    await page.waitForURL(/#\/media\/hashsets$/);
    const row = page.getByTestId('hashset-row').filter({ hasText: setName });
    await row.waitFor({ state: 'visible' });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Netherlands National Police (demo)');
    expect(text).toContain('Network');
    expect(text).toContain('Known');

    // Deleting a set takes a confirm step, and only its owner's analysts see the button.
    const scratch = 'Scratch set (synthetic)';
    await page.getByTestId('hashset-new').click();
    await page.getByTestId('hashset-name').fill(scratch);
    await page.getByTestId('hashset-purpose').selectOption('ignorable');
    await page.getByTestId('hashset-submit').click();
    await waitForText(page.getByTestId('hashset-detail'), scratch);
    await page.getByTestId('hashset-delete').click();
    await waitForText(page.getByTestId('hashset-delete-step'), `Delete “${scratch}”`);
    const deleted = page.waitForResponse((answer) => answer.request().method() === 'DELETE');
    await page.getByTestId('hashset-delete-confirm').click();
    expect((await deleted).status()).toBe(204);
    await page.waitForURL(/#\/media\/hashsets$/);
    await page.getByTestId('hashset-row').filter({ hasText: setName }).waitFor({ state: 'visible' });
    expect(await page.getByTestId('hashset-row').filter({ hasText: scratch }).count()).toBe(0);
    expect(analyst.problems).toEqual([]);
  });

  it('the analyst uploads three photos into NLD-2026-0001: two known (one rotated), one new', async () => {
    const { page } = analyst!;
    await page.getByTestId('nav-media').click();
    await page.getByTestId('media-tab-upload').click();
    await page.waitForURL(/#\/media\/upload$/);

    // Without a case and files nothing is sent: the fields say what is missing.
    await page.getByTestId('media-upload-submit').click();
    const form = page.getByTestId('media-upload-form');
    await waitForText(form, 'Case is required');
    expect(await form.textContent()).toContain('Files are required');

    const caseId = await caseIdOf(page, 'NLD-2026-0001');
    const answer = await upload(page, caseId, [photos.original, photos.rotated, photos.unrelated]);
    const byName = new Map(answer.files.map((file) => [file.name, file]));
    expect(byName.get('aaa-orig.jpg')?.triage).toBe('known');
    expect(byName.get('bridge-3-rotate-180.jpg')?.triage).toBe('known');
    expect(byName.get('q0746.jpg')?.triage).toBe('new');
    uploaded.ingestId = answer.job.id;
    uploaded.original = byName.get('aaa-orig.jpg')?.mediaId ?? undefined;
    uploaded.rotated = byName.get('bridge-3-rotate-180.jpg')?.mediaId ?? undefined;
    uploaded.unrelated = byName.get('q0746.jpg')?.mediaId ?? undefined;

    // The summary: counts and one row per file with its triage.
    const result = page.getByTestId('media-upload-result');
    expect(await count(result.getByTestId('media-upload-count-known'))).toBe('2');
    expect(await count(result.getByTestId('media-upload-count-new'))).toBe('1');
    expect(await count(result.getByTestId('media-upload-count-ignorable'))).toBe('0');
    expect(await count(result.getByTestId('media-upload-count-error'))).toBe('0');
    const rows = result.getByTestId('media-upload-file-row');
    expect(await rows.count()).toBe(3);
    expect(await rows.filter({ hasText: 'aaa-orig.jpg' }).getAttribute('data-triage')).toBe('known');
    expect(await rows.filter({ hasText: 'bridge-3-rotate-180.jpg' }).getAttribute('data-triage')).toBe('known');
    expect(await rows.filter({ hasText: 'q0746.jpg' }).getAttribute('data-triage')).toBe('new');
    expect(await rows.filter({ hasText: 'q0746.jpg' }).getByTestId('triage-badge').textContent()).toBe('New');

    // The ingest job is listed and complete.
    await page.getByTestId('media-upload-ingest-link').click();
    await page.waitForURL(new RegExp(`#/media/ingests/${answer.job.id}$`));
    const job = page.getByTestId('ingest-detail');
    await job.waitFor({ state: 'visible' });
    expect(await job.getAttribute('data-status')).toBe('completed');
    expect(await count(job.getByTestId('ingest-count-known'))).toBe('2');
    await page.getByRole('link', { name: '← Ingests' }).click();
    await page.waitForURL(/#\/media\/ingests$/);
    await page.locator(`[data-testid="ingest-row"][data-ingest-id="${answer.job.id}"]`).waitFor({ state: 'visible' });
    expect(analyst!.problems).toEqual([]);
  });

  it('the grid filtered by that ingest shows only blurred thumbnails, with triage, size and dimensions', async () => {
    const { page } = analyst!;
    const requested = recordThumbnailRequests(page);
    await page.goto(`/#/media?ingestId=${uploaded.ingestId}`);
    const grid = page.getByTestId('media-grid');
    await grid.waitFor({ state: 'visible' });
    const tiles = grid.getByTestId('media-tile');
    await expect.poll(() => tiles.count()).toBe(3);
    expect(await page.getByTestId('media-filter-ingest').inputValue()).toBe(uploaded.ingestId);

    const images = grid.getByTestId('media-thumb');
    expect(await images.count()).toBe(3);
    await imagesLoaded(images);
    for (const image of await images.all()) {
      const path = await imagePath(image);
      expect(path).not.toContain('reveal');
      expect(path).toMatch(blurredThumbnail);
      // Defence in depth: blurred and greyscale by CSS as well.
      const filter = await image.evaluate((element) => getComputedStyle(element).filter);
      expect(filter).toContain('blur(');
      expect(filter).toContain('grayscale(');
    }

    const original = grid.locator(`[data-testid="media-tile"][data-media-id="${uploaded.original}"]`);
    expect(await original.getAttribute('data-triage')).toBe('known');
    const text = (await original.textContent()) ?? '';
    expect(text).toContain('Known');
    expect(text).toContain('1600 × 1004');
    expect(text).toMatch(/\d+ KB/);
    const unrelated = grid.locator(`[data-testid="media-tile"][data-media-id="${uploaded.unrelated}"]`);
    expect(await unrelated.getAttribute('data-triage')).toBe('new');

    // A triage filter narrows the grid and lands in the address.
    await page.getByTestId('media-filter-triage').selectOption('known');
    await page.waitForURL(/triage=known/);
    await expect.poll(() => tiles.count()).toBe(2);
    await page.getByTestId('media-filter-triage').selectOption('');
    await expect.poll(() => tiles.count()).toBe(3);
    await imagesLoaded(grid.getByTestId('media-thumb'));

    await page.screenshot({ path: gridScreenshot, fullPage: true });
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((path) => path.includes('reveal'))).toEqual([]);
    expect(analyst!.problems).toEqual([]);
  });

  it('the item page shows hashes and the match; revealing takes a confirm step, and the picture blurs again', async () => {
    const { page } = analyst!;
    const requested = recordThumbnailRequests(page);
    await page.locator(`[data-testid="media-tile"][data-media-id="${uploaded.rotated}"] a`).first().click();
    await page.waitForURL(new RegExp(`#/media/${uploaded.rotated}$`));
    const detail = page.getByTestId('media-detail');
    await detail.waitFor({ state: 'visible' });

    const hashes = (await detail.getByTestId('media-hashes').textContent()) ?? '';
    for (const label of ['MD5', 'SHA-1', 'SHA-256', 'PDQ', 'Quality']) expect(hashes).toContain(label);
    const match = detail.getByTestId('media-match-row');
    expect(await match.count()).toBe(1);
    const matchText = (await match.textContent()) ?? '';
    expect(matchText).toContain(setName);
    expect(matchText).toContain('PDQ');
    expect(matchText).toContain('rotated 180°');
    expect(matchText).toMatch(/\d+ \/ 256/);

    const image = detail.getByTestId('media-thumb');
    await imagesLoaded(image);
    expect(await imagePath(image)).toMatch(blurredThumbnail);
    await page.screenshot({ path: itemScreenshot, fullPage: true });

    // Reveal asks first; cancelling asks for nothing.
    await page.getByTestId('media-reveal').click();
    await waitForText(page.getByTestId('media-reveal-step'), 'This shows the image unblurred; the reveal is recorded in the audit log');
    await page.getByTestId('media-reveal-cancel').click();
    await page.getByTestId('media-reveal').waitFor({ state: 'visible' });
    expect(await imagePath(image)).toMatch(blurredThumbnail);
    expect(requested.filter((path) => path.includes('reveal'))).toEqual([]);

    await page.getByTestId('media-reveal').click();
    const revealed = page.waitForResponse((response) => new URL(response.url()).search === '?reveal=true');
    await page.getByTestId('media-reveal-confirm').click();
    expect((await revealed).status()).toBe(200);
    const revealedImage = detail.locator('[data-testid="media-thumb"][data-revealed="true"]');
    await imagesLoaded(revealedImage);
    expect(await imagePath(revealedImage)).toBe(`/api/v1/media/${uploaded.rotated}/thumbnail?reveal=true`);
    expect(await revealedImage.evaluate((element) => getComputedStyle(element).filter)).toBe('none');

    await page.getByTestId('media-reblur').click();
    const reblurred = detail.locator('[data-testid="media-thumb"][data-revealed="false"]');
    await imagesLoaded(reblurred);
    expect(await imagePath(reblurred)).toMatch(blurredThumbnail);
    expect(await page.getByTestId('media-reblur').count()).toBe(0);
    expect(analyst!.problems).toEqual([]);
  });

  it('a revealed picture blurs again by itself after 30 seconds', async () => {
    const { context } = analyst!;
    const page = await context.newPage();
    try {
      await page.clock.install();
      await page.goto(`/#/media/${uploaded.original}`);
      const detail = page.getByTestId('media-detail');
      await detail.waitFor({ state: 'visible' });
      await page.getByTestId('media-reveal').click();
      await page.getByTestId('media-reveal-confirm').click();
      await imagesLoaded(detail.locator('[data-testid="media-thumb"][data-revealed="true"]'));
      await page.clock.runFor(29_000);
      expect(await detail.locator('[data-testid="media-thumb"][data-revealed="true"]').count()).toBe(1);
      await page.clock.runFor(2_000);
      const blurred = detail.locator('[data-testid="media-thumb"][data-revealed="false"]');
      await blurred.waitFor({ state: 'attached' });
      expect(await imagePath(blurred)).toMatch(blurredThumbnail);
      await page.getByTestId('media-reveal').waitFor({ state: 'visible' });
    } finally {
      await page.close();
    }
  });

  it('a hash-only upload of two near-duplicates: one tile for their stack, placeholders instead of thumbnails', async () => {
    const { page } = analyst!;
    const requested = recordThumbnailRequests(page);
    await page.goto('/#/media/upload');
    const caseId = await caseIdOf(page, 'NLD-2026-0002');
    await page.getByTestId('media-upload-hash-only').check();
    const answer = await upload(page, caseId, [photos.sharpened, photos.sharpenedMore]);
    expect(answer.files.map((file) => file.triage)).toEqual(['known', 'known']);
    expect(await count(page.getByTestId('media-upload-count-stacks'))).toBe('1');

    await page.getByTestId('media-upload-grid-link').click();
    await page.waitForURL(new RegExp(`#/media\\?ingestId=${answer.job.id}$`));
    const grid = page.getByTestId('media-grid');
    const tiles = grid.getByTestId('media-tile');
    await expect.poll(() => tiles.count()).toBe(1);
    const toggle = grid.getByTestId('media-stack-toggle');
    expect(((await toggle.textContent()) ?? '').trim()).toBe('1 near-duplicate');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // Only the hashes were kept: a neutral placeholder, no image.
    expect(await grid.getByTestId('media-thumb').count()).toBe(0);
    expect(await grid.getByTestId('media-placeholder').first().textContent()).toBe('image: hashes only');

    await toggle.click();
    await expect.poll(() => tiles.count()).toBe(2);
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await grid.textContent()).toContain('Near-duplicate');
    await toggle.click();
    await expect.poll(() => tiles.count()).toBe(1);

    // Ungrouped, every item shows, each with its stack's size.
    await page.getByTestId('media-group-stacks').uncheck();
    await expect.poll(() => tiles.count()).toBe(2);
    for (const tile of await tiles.all()) expect(await tile.textContent()).toContain('Stack of 2');

    // Nothing to reveal on a hash-only item.
    await tiles.first().locator('a').first().click();
    await page.getByTestId('media-detail').waitFor({ state: 'visible' });
    expect(await page.getByTestId('media-detail').textContent()).toContain('Hashes only');
    expect(await page.getByTestId('media-reveal').count()).toBe(0);
    expect(requested).toEqual([]);
    expect(analyst!.problems).toEqual([]);
  });

  it('the auditor finds the reveals in the audit trail', async () => {
    const auditor = await sessionFor('auditor');
    const { page } = auditor;
    const events = await fetchFromPage(page, '/api/v1/audit/events?action=media.reveal');
    expect(events.status).toBe(200);
    const items = (events.body as { items: { action: string; actorName: string; recordId: string; outcome: string }[] }).items;
    const reveals = items.filter((event) => event.action === 'media.reveal' && event.outcome === 'success');
    expect(reveals.filter((event) => event.recordId === uploaded.rotated && event.actorName === 'analyst')).toHaveLength(1);
    expect(reveals.filter((event) => event.recordId === uploaded.original && event.actorName === 'analyst')).toHaveLength(1);

    // And in the console's audit search.
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-action').fill('media.reveal');
    await page.getByTestId('audit-submit').click();
    await waitForText(page.getByTestId('audit-table'), uploaded.rotated!);
    expect(auditor.problems).toEqual([]);
  });

  it('the investigator (NCB Manila) sees none of the Netherlands media and no Reveal button on their own', async () => {
    const investigator = await sessionFor('investigator');
    const { page } = investigator;
    const netherlands = [uploaded.original, uploaded.rotated, uploaded.unrelated];

    await page.getByTestId('nav-media').click();
    await page.waitForURL(/#\/media$/);
    await page.getByTestId('media-grid-empty').waitFor({ state: 'visible' });
    const listed = await fetchFromPage(page, '/api/v1/media');
    expect(listed.status).toBe(200);
    expect((listed.body as { items: unknown[] }).items).toEqual([]);

    // The network hash set is visible to them, read-only.
    await page.getByTestId('media-tab-hashsets').click();
    await page.getByTestId('hashset-row').filter({ hasText: setName }).waitFor({ state: 'visible' });
    expect(await page.getByTestId('hashset-new').count()).toBe(0);
    await page.getByTestId('hashset-row').filter({ hasText: setName }).getByRole('link', { name: setName }).click();
    await waitForText(page.getByTestId('hashset-detail'), 'Netherlands National Police (demo)');
    await page.getByTestId('hashset-export-vics-json').waitFor({ state: 'visible' });
    expect(await page.getByTestId('hashset-delete').count()).toBe(0);
    expect(await page.getByTestId('hashset-import-form').count()).toBe(0);

    // They upload into a case of their own agency only: the Netherlands case shared with them is not offered.
    await page.getByRole('link', { name: '← Hash sets' }).click();
    await page.getByTestId('media-tab-upload').click();
    const sharedCase = await caseIdOf(page, 'NLD-2026-0003');
    const ownCase = await caseIdOf(page, 'PHL-2026-0001');
    const answer = await upload(page, ownCase, [photos.original]);
    expect(await page.getByTestId('media-upload-case').locator(`option[value="${sharedCase}"]`).count()).toBe(0);
    expect(answer.files).toHaveLength(1);
    // Matched through the Netherlands' network-wide hash set.
    expect(answer.files[0]!.triage).toBe('known');
    const own = answer.files[0]!.mediaId!;
    expect(netherlands).not.toContain(own);

    // Their grid holds their own media only.
    await page.getByTestId('media-upload-grid-link').click();
    await page.waitForURL(/#\/media\?ingestId=/);
    await page.getByTestId('nav-media').click();
    const tiles = page.getByTestId('media-grid').getByTestId('media-tile');
    await expect.poll(() => tiles.count()).toBe(1);
    expect(await tiles.first().getAttribute('data-media-id')).toBe(own);

    // Their own item: blurred, and no Reveal button for an investigator; the server refuses too.
    await tiles.first().locator('a').first().click();
    const detail = page.getByTestId('media-detail');
    await detail.waitFor({ state: 'visible' });
    await imagesLoaded(detail.getByTestId('media-thumb'));
    expect(await imagePath(detail.getByTestId('media-thumb'))).toMatch(blurredThumbnail);
    expect(await page.getByTestId('media-reveal').count()).toBe(0);
    const refused = await investigator.context.request.get(`/api/v1/media/${own}/thumbnail?reveal=true`);
    expect(refused.status()).toBe(403);

    // A Netherlands item by its address: not found, like one that does not exist.
    await page.goto(`/#/media/${uploaded.original}`);
    await page.getByTestId('media-not-found').waitFor({ state: 'visible' });
    expect(await page.getByTestId('media-detail').count()).toBe(0);
    expect((await fetchFromPage(page, `/api/v1/media/${uploaded.original}`)).status).toBe(404);
    expect((await investigator.context.request.get(`/api/v1/media/${uploaded.original}/thumbnail`)).status()).toBe(404);
    expect(investigator.problems).toEqual([]);
  });
});
