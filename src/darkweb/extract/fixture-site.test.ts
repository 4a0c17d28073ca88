import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultForumRules,
  fixtureImageBytes,
  fixtureUser,
  onionHostFromSeed,
  startFixtureSite,
  type FixtureSite,
} from '../../../test/darkweb/fixture-site.js';
import { fixtureRequest } from '../../../test/darkweb/fixture-http.js';
import { hashMediaBytes } from '../../media/hashing.js';
import { parseOnionAddress } from '../transport/onion-address.js';
import { extractPage } from './extract-page.js';
import { classifyPage } from './page-kind.js';

const origin = `http://${onionHostFromSeed('fixture-test-forum')}`;
const mirror = `http://${onionHostFromSeed('fixture-test-mirror')}`;

let site: FixtureSite;

beforeAll(async () => {
  site = await startFixtureSite({
    origin,
    mirrors: [mirror],
    threads: 12,
    postsPerThread: 15,
    imagesPerPage: 3,
    users: 25,
    sessionExpiresAfter: 3,
  });
});
afterAll(async () => {
  await site.close();
});

/** GETs a path from the fixture with fetch; the page URL given to the extractor is the onion one. */
async function get(path: string, init: { cookie?: string } = {}) {
  const response = await fetch(`${site.url}${path}`, { headers: init.cookie === undefined ? {} : { cookie: init.cookie } });
  return { status: response.status, headers: response.headers, body: await response.text(), url: `${origin}${path}` };
}

/** GETs a path as if through Tor: the Host header names the onion (fetch cannot set it). */
async function getAs(host: string, path: string) {
  const response = await fixtureRequest(site.url, path, { host: new URL(host).host });
  return { status: response.status, headers: response.headers, body: response.text(), url: `${host}${path}` };
}

describe('fixture forum', () => {
  it('uses valid onion names and reports its size', () => {
    expect(parseOnionAddress(origin).ok).toBe(true);
    expect(site.origin).toBe(origin);
    expect(site.imageCount).toBe(12 * 2 * 3);
    expect(site.knownImagePaths.slice(0, 3)).toEqual(['/img/0.png', '/img/10.png', '/img/20.png']);
    expect(site.pageCount).toBe(1 + 3 + 12 * 2 + 25);
  });

  it('advertises its member count on the index and links the boards', async () => {
    const response = await get('/');
    const page = extractPage(response.body, response.url, defaultForumRules);
    expect(classifyPage(response.status, response.headers, response.body, defaultForumRules).kind).toBe('content');
    expect(page.title).toBe('Index · Wireless Relics');
    expect(page.memberCount).toBe(63_021);
    expect(extractPage(response.body, response.url).memberCount).toBe(63_021);
    expect(page.language).toBe('en');
    const links = page.links.map((link) => link.url);
    expect(links).toContain(`${origin}/board/0`);
    expect(links).toContain(`${origin}/thread/11`);
    expect(links).toContain(`${origin}/members/`);
    expect(links.every((link) => !link.includes('#') && link.startsWith('http'))).toBe(true);
    expect(page.accounts).toContainEqual({
      kind: 'email',
      value: 'admin@relicmail.example',
      context: 'link mailto:admin@relicmail.example',
    });
  });

  it('lists threads with relative and absolute links and pagination', async () => {
    const small = await startFixtureSite({ origin, threads: 30, threadsPerPage: 4, boards: 2 });
    try {
      const response = await fetch(`${small.url}/board/1?page=2`);
      const page = extractPage(await response.text(), `${origin}/board/1?page=2`, defaultForumRules);
      const threads = page.links.filter((link) => link.url.includes('/thread/')).map((link) => link.url);
      expect(threads).toEqual([9, 11, 13, 15].map((t) => `${origin}/thread/${t}`));
      const pages = page.links.filter((link) => link.url.includes('?page=')).map((link) => link.url);
      expect(pages).toEqual(expect.arrayContaining([`${origin}/board/1?page=1`, `${origin}/board/1?page=3`, `${origin}/board/1?page=4`]));
      expect(small.pageCount).toBe(1 + 8 + 30 * 2 + 30);
    } finally {
      await small.close();
    }
  });

  it('shows posts with authors, times and images, some known', async () => {
    const response = await get('/thread/4?page=2');
    const page = extractPage(response.body, response.url, defaultForumRules);
    expect(page.posts).toHaveLength(5);
    expect(page.posts[0]).toMatchObject({ author: expect.any(String), time: '2024-01-01T23:20:00.000Z' });
    expect(page.posts.every((post) => post.text.length > 20 && post.text.length <= 200)).toBe(true);
    expect(page.language).toBe('fr');
    const authors = page.accounts.filter((account) => account.kind === 'username').map((account) => account.value);
    expect(authors).toEqual([...new Set(page.posts.map((post) => post.author))]);
    // Thread 4, page 2 holds images 27–29 (three forms of reference) and quotes image 24 from page 1.
    expect(page.media.map((media) => media.url).sort()).toEqual([24, 27, 28, 29].map((n) => `${origin}/img/${n}.png`).sort());
    expect(page.media.every((media) => media.kind === 'image')).toBe(true);
    expect(page.links.some((link) => link.url.includes('/img/'))).toBe(false);
  });

  it('serves deterministic images that hash as the test predicts, known ones included', async () => {
    const known = new Set(
      await Promise.all(
        site.knownImagePaths.slice(0, 3).map(async (path) => sha256(await fixtureImageBytes(Number(/\d+/.exec(path)![0])))),
      ),
    );
    const served = await fetch(`${site.url}/img/10.png`);
    expect(served.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(known.has(sha256(bytes))).toBe(true);
    const unknown = Buffer.from(await (await fetch(`${site.url}/img/11.png`)).arrayBuffer());
    expect(known.has(sha256(unknown))).toBe(false);
    const [a, b] = await Promise.all([hashMediaBytes(bytes), hashMediaBytes(unknown)]);
    expect(a.quality).toBeGreaterThanOrEqual(80);
    expect(a.width).toBeGreaterThanOrEqual(64);
    expect(a.width).toBeLessThanOrEqual(256);
    expect(hamming(a.pdq!, b.pdq!)).toBeGreaterThan(31);
    expect((await fetch(`${site.url}/img/${site.imageCount}.png`)).status).toBe(404);
  });

  it('shows profiles with e-mail, PGP key, Bitcoin address and another onion', async () => {
    for (const index of [0, 4]) {
      const user = fixtureUser(index);
      const response = await get(`/user/${user.name}`);
      const page = extractPage(response.body, response.url, defaultForumRules);
      const values = (kind: string) => page.accounts.filter((account) => account.kind === kind).map((account) => account.value);
      expect(values('username')).toEqual([user.name]);
      expect(values('email')).toContain(user.email);
      // The armored key and the printed fingerprint are one account.
      expect(values('pgp_key')).toEqual([user.pgpFingerprint]);
      expect(values('bitcoin')).toEqual([user.bitcoin]);
      expect(values('onion')).toEqual([user.shopOnion]);
      expect(page.links.map((link) => link.url)).toContain(`http://${user.shopOnion}/`);
    }
    expect(fixtureUser(0).bitcoin).toMatch(/^bc1q/);
    expect(fixtureUser(4).bitcoin).toMatch(/^1/);
  });

  it('walls /members/ behind the session cookie, and the session expires', async () => {
    const wall = await get('/members/');
    expect(classifyPage(wall.status, wall.headers, wall.body, defaultForumRules)).toMatchObject({
      kind: 'logged_out',
      reason: 'rule_selector',
    });
    expect(classifyPage(wall.status, wall.headers, wall.body)).toMatchObject({ kind: 'logged_out', reason: 'login_form' });

    const cookie = `session=${site.sessionToken}`;
    for (let i = 0; i < 3; i += 1) {
      const inside = await get('/members/', { cookie });
      expect(classifyPage(inside.status, inside.headers, inside.body, defaultForumRules).kind).toBe('content');
      const page = extractPage(inside.body, inside.url, defaultForumRules);
      expect(page.accounts.filter((account) => account.kind === 'username')).toHaveLength(25);
    }
    expect(site.sessionExpired).toBe(true);
    const expired = await get('/members/', { cookie });
    expect(classifyPage(expired.status, expired.headers, expired.body, defaultForumRules).kind).toBe('logged_out');
  });

  it('serves the same content to a mirror with its own host in links', async () => {
    const [primary, copy] = await Promise.all([getAs(origin, '/thread/2'), getAs(mirror, '/thread/2')]);
    const a = extractPage(primary.body, primary.url, defaultForumRules);
    const b = extractPage(copy.body, copy.url, defaultForumRules);
    expect(b.contentFingerprint).toBe(a.contentFingerprint);
    expect(b.links.some((link) => link.url.startsWith(mirror))).toBe(true);
    expect(b.links.some((link) => link.url.startsWith(origin))).toBe(false);
    const other = await get('/thread/3');
    expect(extractPage(other.body, other.url).contentFingerprint).not.toBe(a.contentFingerprint);
  });

  it('serves a DDoS-Guard challenge when asked', async () => {
    site.setChallenge(true);
    try {
      const response = await get('/');
      expect(response.status).toBe(403);
      expect(classifyPage(response.status, response.headers, response.body)).toMatchObject({ kind: 'challenge', reason: 'ddos_guard' });
      expect(classifyPage(200, {}, response.body)).toMatchObject({ kind: 'challenge' });
    } finally {
      site.setChallenge(false);
    }
    expect((await get('/')).status).toBe(200);
  });

  it('counts requests per path and answers 404 outside the forum', async () => {
    const before = site.hits('/thread/0');
    await get('/thread/0');
    expect(site.hits('/thread/0')).toBe(before + 1);
    expect((await get('/thread/999')).status).toBe(404);
    expect((await get('/user/nobody')).status).toBe(404);
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function hamming(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < a.length; i += 1) {
    let x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    for (; x > 0; x >>= 1) bits += x & 1;
  }
  return bits;
}
