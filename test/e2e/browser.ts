/**
 * Helpers for the console tests in Chromium: find and launch the system Chromium with
 * playwright-core (never a downloaded browser), start the built `vigil demo` as a child process on
 * a free port with a fresh data directory, open one browser context per user and sign in through
 * the login form. Every wait is bounded.
 *
 *   const server = await startDemoServer();          // node bin/vigil.js --json demo, PORT=0
 *   const browser = await launchChromium();
 *   const analyst = await openSession(browser, server.url);
 *   await signIn(analyst.page, 'analyst', demoPassword);
 *   ...
 *   await analyst.close(); await closeBrowser(browser); await server.stop();
 *
 * Needs `npm run build` first (dist/server and dist/web). Chromium is /usr/bin/chromium (Debian's
 * package) unless VIGIL_E2E_CHROMIUM names another executable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { cleanup, repoRoot, startVigil, withTimeout } from './process.js';

/** The Chromium executable: Debian's package, or VIGIL_E2E_CHROMIUM. */
export const chromiumPath = process.env['VIGIL_E2E_CHROMIUM'] || '/usr/bin/chromium';

/** Flags for a quiet, sandbox-less headless Chromium in containers and CI. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Bounds for the waits below. */
export const timeouts = {
  /** Starting the demo (migrations, seeding with argon2 hashes) until it prints its URL. */
  serverStart: 90_000,
  /** SIGTERM until exit, then SIGKILL until exit. */
  serverStop: 15_000,
  browserLaunch: 30_000,
  browserClose: 15_000,
  /** Any single Playwright action or wait on a page. */
  action: 15_000,
  navigation: 30_000,
} as const;

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}

/** True when running in CI (CI=true, or any CI value other than false/0), where nothing may be skipped. */
export function inCi(): boolean {
  const value = (process.env['CI'] ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(`Chromium is missing at ${chromiumPath}: install it (apt-get install -y chromium) or set VIGIL_E2E_CHROMIUM`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs], timeout: timeouts.browserLaunch });
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (browser === undefined) return;
  await withTimeout(browser.close(), timeouts.browserClose, () => new Error(`Chromium did not close within ${timeouts.browserClose} ms`));
}

// ---------------------------------------------------------------------------------------------
// The demo server

export interface DemoServer {
  /** The listening URL from the `--json` output, e.g. http://127.0.0.1:41345. */
  readonly url: string;
  /** SIGTERM (SIGKILL if it does not exit in time), then removes the data directory. */
  stop(): Promise<void>;
}

/** Starts `vigil --json demo` on a free port with a fresh data directory (see process.ts). */
export async function startDemoServer(timeoutMs: number = timeouts.serverStart): Promise<DemoServer> {
  const web = join(repoRoot, 'dist', 'web', 'index.html');
  if (!existsSync(web)) throw new Error(`${web} is missing: run \`npm run build\` before the console tests`);
  const server = await startVigil(['--json', 'demo'], {}, timeoutMs);
  return {
    url: server.url,
    async stop() {
      await server.stop(timeouts.serverStop).catch(() => server.kill());
      await cleanup();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Browser sessions

export interface UserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /**
   * Uncaught page errors and console errors, except the browser's own "Failed to load resource"
   * lines for 401/404 answers the console expects (no session yet, a case that is not visible).
   */
  readonly problems: string[];
  close(): Promise<void>;
}

const expectedResourceErrors = /^Failed to load resource: the server responded with a status of (401|404)\b/;

/** A fresh browser context (no cookies, no storage) for one user, with bounded default waits. */
export async function openSession(browser: Browser, baseUrl: string): Promise<UserSession> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  context.setDefaultTimeout(timeouts.action);
  context.setDefaultNavigationTimeout(timeouts.navigation);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expectedResourceErrors.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  return {
    context,
    page,
    problems,
    close: () => withTimeout(context.close(), timeouts.browserClose, () => new Error('the browser context did not close in time')),
  };
}

/**
 * Opens the console and signs in through the login form; with `totpCode`, also through the
 * second step (the code is computed just before it is typed). Resolves once the signed-in shell
 * (user-menu) shows.
 */
export async function signIn(page: Page, username: string, password: string, totpCode?: () => string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  if (totpCode !== undefined) {
    const code = page.getByTestId('totp-code');
    await code.waitFor({ state: 'visible' });
    await code.fill(totpCode());
    await page.getByTestId('totp-submit').click();
  }
  await page.getByTestId('user-menu').waitFor({ state: 'visible' });
}

/** Waits until the locator's text contains `text` (bounded), then returns the text. */
export async function waitForText(locator: Locator, text: string | RegExp, timeoutMs: number = timeouts.action): Promise<string> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  return (await locator.first().textContent()) ?? '';
}

/** The status and JSON body of a GET from inside the page (with the page's session cookie). */
export async function fetchFromPage(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (target) => {
    const response = await fetch(target, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON; keep the text
    }
    return { status: response.status, body };
  }, path);
}
