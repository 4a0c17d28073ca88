/**
 * A generated forum served on 127.0.0.1 for crawler tests and benchmarks: "Wireless Relics", where
 * invented users trade old radios. Every page is generated on request from its URL (nothing is
 * stored, so a forum of 10,000 pages costs no memory), images are geometric shapes made from their
 * number, and a few switches reproduce what real sites do: a login wall, sessions that expire, an
 * anti-DDoS challenge, mirrors under other host names.
 *
 *   const site = await startFixtureSite({ origin: `http://${onionHostFromSeed('forum')}`, threads: 40 });
 *   // … crawl site.origin through the fake SOCKS proxy mapped to site.port …
 *   await site.close();
 *
 * URL layout (absolute links use the origin of the Host the request came in on, when it is the
 * origin or a mirror, else `origin`):
 *   /                              index: boards, "63,021 members", "Members online: 17", latest threads
 *   /board/<b>?page=<p>            thread list of board b, `threadsPerPage` a page, pagination links
 *   /thread/<t>?page=<p>           `postsPerPage` posts (author link, <time>, text) and `imagesPerPage` images
 *   /user/<name>                   profile: e-mail, Bitcoin address, shop on another onion, PGP key + fingerprint
 *   /members/?page=<p>             member list behind the login wall (cookie session=<token>), else a login form
 *   /login                         GET: the login form; POST: sets the session cookie, 303 to /members/
 *   /img/<n>.png                   image n (see fixture-images.ts); every `knownImageEvery`-th is "known"
 *
 * For the benchmark's 10,000 pages and 20,000 images: `{ threads: 2_480, postsPerThread: 40, imagesPerPage: 2 }`
 * gives 9,920 thread pages (19,840 images) plus boards, profiles and the index; `pageCount` says exactly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExtractionRules } from '../../src/darkweb/extract/extraction-rules.js';
import {
  fixtureUser,
  fixtureUserName,
  groupedFingerprint,
  isFrenchThread,
  postAuthorIndex,
  postText,
  postTime,
  threadTitle,
} from './fixture-content.js';
import { ImageCache } from './fixture-images.js';

export { fixtureImageBytes } from './fixture-images.js';
export { onionHostFromSeed } from './fixture-onion.js';
export { fixtureUser, fixtureUserName } from './fixture-content.js';

export interface FixtureSiteOptions {
  /** Origin used in absolute links, e.g. `http://<56 chars>.onion`; default the server's own http://127.0.0.1:<port>. */
  origin?: string;
  /** Other origins serving the same forum: a request whose Host is one of them gets its links in that origin. */
  mirrors?: readonly string[];
  threads?: number;
  postsPerThread?: number;
  postsPerPage?: number;
  threadsPerPage?: number;
  boards?: number;
  users?: number;
  imagesPerPage?: number;
  /** Image n is "known" when n % knownImageEvery === 0 (0: none). Default 10. */
  knownImageEvery?: number;
  /** The member count the index advertises. Default 63,021. */
  memberCount?: number;
  /** Serve a DDoS-Guard-like challenge (403) for every request. Can be switched with `setChallenge`. */
  challenge?: boolean;
  /** The session cookie value the login wall accepts. */
  sessionToken?: string;
  /** The session expires after this many requests behind the wall (default: never). */
  sessionExpiresAfter?: number;
  /** Bytes of generated images kept in memory. Default 16 MiB. */
  imageCacheBytes?: number;
}

export interface FixtureSite {
  port: number;
  /** http://127.0.0.1:<port>, for direct requests. */
  url: string;
  /** The origin used in absolute links. */
  origin: string;
  mirrors: readonly string[];
  /** Public pages: index, board pages, thread pages, profiles (not the wall, login or images). */
  pageCount: number;
  /** Pages behind the login wall. */
  memberPageCount: number;
  /** Distinct images referenced by thread pages: /img/0.png … /img/<imageCount - 1>.png. */
  imageCount: number;
  /** Paths of the images a test should put in its hash set (n % knownImageEvery === 0). */
  knownImagePaths: string[];
  knownImageNumbers: number[];
  /** Names of the forum's users (profile at /user/<name>). */
  userNames: string[];
  sessionToken: string;
  /** Requests served so far, and per path (with query). */
  requests: number;
  hits(pathAndQuery: string): number;
  /** Requests the wall let through with a valid session. */
  sessionRequests: number;
  sessionExpired: boolean;
  expireSession(): void;
  setChallenge(on: boolean): void;
  /** Generates every image now (give `imageCacheBytes` room for all), so that serving them later costs no CPU, like static files. */
  warmImages(): Promise<void>;
  close(): Promise<void>;
}

/** Extraction rules matching the fixture's markup. */
export const defaultForumRules: ExtractionRules = {
  usernameSelector: '.profile .username, .member-list .member-name',
  postSelector: 'article.post',
  postAuthorSelector: '.post-author',
  postTimeSelector: 'time',
  memberCountSelector: '#stats .members',
  loggedOutSelector: 'form#login-form',
};

const membersPerPage = 50;

interface Shape {
  threads: number;
  postsPerThread: number;
  postsPerPage: number;
  threadsPerPage: number;
  boards: number;
  users: number;
  imagesPerPage: number;
  knownImageEvery: number;
  memberCount: number;
}

const boardNames = ['Valve radios', 'Transistor sets', 'Parts and valves', 'Restoration help', 'Manuals and schematics', 'Off topic'];

/** Starts the fixture forum on 127.0.0.1 and an ephemeral port. */
export async function startFixtureSite(options: FixtureSiteOptions = {}): Promise<FixtureSite> {
  const shape: Shape = {
    threads: options.threads ?? 20,
    postsPerThread: options.postsPerThread ?? 12,
    postsPerPage: options.postsPerPage ?? 10,
    threadsPerPage: options.threadsPerPage ?? 25,
    boards: Math.max(1, Math.min(options.boards ?? 3, boardNames.length)),
    users: Math.max(1, options.users ?? 30),
    imagesPerPage: options.imagesPerPage ?? 2,
    knownImageEvery: options.knownImageEvery ?? 10,
    memberCount: options.memberCount ?? 63_021,
  };
  const pagesPerThread = Math.max(1, Math.ceil(shape.postsPerThread / shape.postsPerPage));
  const imageCount = shape.threads * pagesPerThread * shape.imagesPerPage;
  const boardPages = (board: number): number => Math.max(1, Math.ceil(threadsOfBoard(shape, board) / shape.threadsPerPage));
  let totalBoardPages = 0;
  for (let board = 0; board < shape.boards; board += 1) totalBoardPages += boardPages(board);
  const knownImageNumbers: number[] = [];
  if (shape.knownImageEvery > 0) for (let n = 0; n < imageCount; n += shape.knownImageEvery) knownImageNumbers.push(n);
  const userNames = Array.from({ length: shape.users }, (_, index) => fixtureUserName(index));
  const userIndex = new Map(userNames.map((name, index) => [name, index]));

  const images = new ImageCache(options.imageCacheBytes);
  const hitCounts = new Map<string, number>();
  let challenge = options.challenge ?? false;
  const sessionToken = options.sessionToken ?? 'fixture-session';
  let sessionRequests = 0;
  let sessionExpired = false;
  let requests = 0;
  let defaultOrigin = options.origin ?? '';
  const mirrors = options.mirrors ?? [];
  const originByHost = new Map<string, string>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    requests += 1;
    const url = new URL(request.url ?? '/', 'http://fixture.invalid');
    const pathAndQuery = url.pathname + url.search;
    hitCounts.set(pathAndQuery, (hitCounts.get(pathAndQuery) ?? 0) + 1);
    const host = (request.headers.host ?? '').toLowerCase();
    const origin = originByHost.get(host) ?? defaultOrigin;
    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}): void => {
      const type = typeof body === 'string' ? { 'content-type': 'text/html; charset=utf-8' } : {};
      response.writeHead(status, { ...type, 'content-length': String(Buffer.byteLength(body)), ...headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    };

    if (challenge) return send(403, challengePage(host), { server: 'ddos-guard' });

    const path = url.pathname;
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const image = /^\/img\/(\d+)\.png$/.exec(path);
    if (image !== null) {
      const n = Number(image[1]);
      if (n >= imageCount) return send(404, notFound(origin, host));
      return send(200, await images.get(n), { 'content-type': 'image/png', 'cache-control': 'max-age=86400' });
    }
    if (path === '/') return send(200, indexPage(shape, origin, host));
    const board = /^\/board\/(\d+)\/?$/.exec(path);
    if (board !== null) {
      const b = Number(board[1]);
      if (b >= shape.boards || page > boardPages(b)) return send(404, notFound(origin, host));
      return send(200, boardPage(shape, b, page, boardPages(b), origin, host));
    }
    const thread = /^\/thread\/(\d+)\/?$/.exec(path);
    if (thread !== null) {
      const t = Number(thread[1]);
      if (t >= shape.threads || page > pagesPerThread) return send(404, notFound(origin, host));
      return send(200, threadPage(shape, t, page, pagesPerThread, origin, host));
    }
    const user = /^\/user\/([\w-]+)\/?$/.exec(path);
    if (user !== null) {
      const index = userIndex.get(user[1]!);
      if (index === undefined) return send(404, notFound(origin, host));
      return send(200, userPage(index, origin, host));
    }
    if (path === '/login') {
      if (request.method === 'POST') {
        request.resume();
        sessionExpired = false;
        sessionRequests = 0;
        return send(303, '', { location: '/members/', 'set-cookie': `session=${sessionToken}; Path=/; HttpOnly` });
      }
      return send(200, loginPage(origin, host));
    }
    if (path === '/members' || path === '/members/') {
      const cookie = request.headers.cookie ?? '';
      const valid = !sessionExpired && cookie.split(/;\s*/).includes(`session=${sessionToken}`);
      if (!valid) return send(200, loginPage(origin, host));
      sessionRequests += 1;
      if (options.sessionExpiresAfter !== undefined && sessionRequests >= options.sessionExpiresAfter) sessionExpired = true;
      const pages = Math.max(1, Math.ceil(shape.users / membersPerPage));
      if (page > pages) return send(404, notFound(origin, host));
      return send(200, membersPage(userNames, page, pages, origin, host));
    }
    return send(404, notFound(origin, host));
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  if (defaultOrigin === '') defaultOrigin = url;
  for (const origin of [defaultOrigin, ...mirrors]) originByHost.set(new URL(origin).host.toLowerCase(), origin.replace(/\/$/, ''));
  defaultOrigin = defaultOrigin.replace(/\/$/, '');

  return {
    port,
    url,
    origin: defaultOrigin,
    mirrors,
    pageCount: 1 + totalBoardPages + shape.threads * pagesPerThread + shape.users,
    memberPageCount: Math.max(1, Math.ceil(shape.users / membersPerPage)),
    imageCount,
    knownImagePaths: knownImageNumbers.map((n) => `/img/${n}.png`),
    knownImageNumbers,
    userNames,
    sessionToken,
    get requests() {
      return requests;
    },
    hits: (pathAndQuery) => hitCounts.get(pathAndQuery) ?? 0,
    get sessionRequests() {
      return sessionRequests;
    },
    get sessionExpired() {
      return sessionExpired;
    },
    expireSession: () => {
      sessionExpired = true;
    },
    setChallenge: (on) => {
      challenge = on;
    },
    warmImages: async () => {
      for (let start = 0; start < imageCount; start += 8)
        await Promise.all(Array.from({ length: Math.min(8, imageCount - start) }, (_, i) => images.get(start + i)));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

function threadsOfBoard(shape: Shape, board: number): number {
  return board < shape.threads % shape.boards ? Math.ceil(shape.threads / shape.boards) : Math.floor(shape.threads / shape.boards);
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function layout(origin: string, host: string, title: string, body: string, lang = 'en'): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escape(title)} · Wireless Relics</title><style>body{font-family:serif}</style></head>
<body>
<header><a href="/">Wireless Relics</a> · <a href="${origin}/board/0">Boards</a> · <a href="/members/">Members</a> · <a href="#top">Top</a></header>
<main>
${body}
</main>
<footer>Wireless Relics, a forum for trading old radios · served at ${escape(host)} ·
<a href="mailto:admin@relicmail.example">Contact</a> · <a href="javascript:void(0)">Toggle theme</a></footer>
<script>document.documentElement.dataset.ready = "1";</script>
</body>
</html>`;
}

function indexPage(shape: Shape, origin: string, host: string): string {
  const boards = Array.from(
    { length: shape.boards },
    (_, b) => `<li><a href="/board/${b}">${boardNames[b]}</a>: ${threadsOfBoard(shape, b)} threads</li>`,
  ).join('\n');
  const latest = Array.from({ length: Math.min(5, shape.threads) }, (_, i) => shape.threads - 1 - i)
    .map((t) => `<li><a href="${origin}/thread/${t}">${escape(threadTitle(t))}</a></li>`)
    .join('\n');
  const body = `<h1>Wireless Relics</h1>
<p>Welcome! This forum is for collectors who buy, sell, swap and restore old radios.</p>
<div id="stats"><span class="members">${shape.memberCount.toLocaleString('en-US')} members</span> · <span class="online">Members online: 17</span></div>
<h2>Boards</h2>
<ul class="boards">
${boards}
</ul>
<h2>Latest threads</h2>
<ul class="latest">
${latest}
</ul>`;
  return layout(origin, host, 'Index', body);
}

function boardPage(shape: Shape, board: number, page: number, pages: number, origin: string, host: string): string {
  const first = (page - 1) * shape.threadsPerPage;
  const rows: string[] = [];
  for (let i = first; i < Math.min(first + shape.threadsPerPage, threadsOfBoard(shape, board)); i += 1) {
    const t = i * shape.boards + board;
    // Alternate path-relative and absolute links, as real forums mix them.
    const href = t % 2 === 0 ? `../thread/${t}` : `${origin}/thread/${t}`;
    rows.push(
      `<li class="thread"><a class="thread-link" href="${href}">${escape(threadTitle(t))}</a> by ${fixtureUserName(postAuthorIndex(t, 0, shape.users))}</li>`,
    );
  }
  const body = `<h1>${boardNames[board]}</h1>
<ul class="threads">
${rows.join('\n')}
</ul>
${pagination(page, pages)}`;
  return layout(origin, host, `${boardNames[board]}, page ${page}`, body);
}

function threadPage(shape: Shape, thread: number, page: number, pages: number, origin: string, host: string): string {
  const first = (page - 1) * shape.postsPerPage;
  const last = Math.min(first + shape.postsPerPage, shape.postsPerThread);
  const imageBase = (thread * pages + (page - 1)) * shape.imagesPerPage;
  const imagesOfPost = new Map<number, string[]>();
  for (let j = 0; j < shape.imagesPerPage; j += 1) {
    const n = imageBase + j;
    const markup = [
      `<img src="/img/${n}.png" alt="photo ${n}">`,
      `<img src="${origin}/img/${n}.png" alt="photo ${n}">`,
      `<a href="/img/${n}.png">full-size photo ${n}</a>`,
    ][j % 3]!;
    const post = first + (j % Math.max(1, last - first));
    imagesOfPost.set(post, [...(imagesOfPost.get(post) ?? []), markup]);
  }
  const posts: string[] = [];
  for (let k = first; k < last; k += 1) {
    const author = fixtureUserName(postAuthorIndex(thread, k, shape.users));
    const time = postTime(thread, k);
    const display = time.toISOString().slice(0, 16).replace('T', ' ');
    const quote =
      k === first && page > 1 && shape.imagesPerPage > 0
        ? `<blockquote>Quoting page 1: <img src="/img/${thread * pages * shape.imagesPerPage}.png" alt="quoted photo"></blockquote>`
        : '';
    posts.push(`<article class="post" id="p${k}">
<header><a class="post-author" href="../user/${author}">${author}</a> <time datetime="${time.toISOString()}">${display} UTC</time></header>
<div class="post-body">${quote}<p>${escape(postText(thread, k))}</p>${(imagesOfPost.get(k) ?? []).join('\n')}</div>
</article>`);
  }
  const body = `<h1 class="thread-title">${escape(threadTitle(thread))}</h1>
${posts.join('\n')}
${pagination(page, pages)}`;
  return layout(origin, host, threadTitle(thread), body, isFrenchThread(thread) ? 'fr' : 'en');
}

function userPage(index: number, origin: string, host: string): string {
  const user = fixtureUser(index);
  const body = `<div class="profile">
<h1 class="username">${user.name}</h1>
<p>Collector since ${2005 + (index % 15)}. Mostly valve sets from the fifties.</p>
<p>Contact: <a href="mailto:${user.email}">${user.email}</a></p>
<p>Tips for the parts fund: <code>${user.bitcoin}</code></p>
<p>My shop: <a href="http://${user.shopOnion}/">${user.shopOnion}</a></p>
<h2>PGP key</h2>
<pre class="pgp">${user.pgpArmor}</pre>
<p>Key fingerprint: ${groupedFingerprint(user.pgpFingerprint)}</p>
</div>`;
  return layout(origin, host, `Profile of ${user.name}`, body);
}

function membersPage(names: readonly string[], page: number, pages: number, origin: string, host: string): string {
  const rows = names
    .slice((page - 1) * membersPerPage, page * membersPerPage)
    .map((name) => `<li><a class="member-name" href="/user/${name}">${name}</a></li>`);
  const body = `<h1>Members</h1>
<ul class="member-list">
${rows.join('\n')}
</ul>
${pagination(page, pages)}`;
  return layout(origin, host, 'Members', body);
}

function loginPage(origin: string, host: string): string {
  const body = `<h1>Members only</h1>
<form id="login-form" method="post" action="/login">
<label>Username <input name="username"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Log in</button>
</form>`;
  return layout(origin, host, 'Log in', body);
}

function notFound(origin: string, host: string): string {
  return layout(origin, host, 'Not found', '<h1>Not found</h1><p>That page does not exist.</p>');
}

function pagination(page: number, pages: number): string {
  if (pages <= 1) return '';
  const links: string[] = [];
  if (page > 1) links.push(`<a href="?page=1">First</a>`, `<a rel="prev" href="?page=${page - 1}">Previous</a>`);
  links.push(`<span>Page ${page} of ${pages}</span>`);
  if (page < pages) links.push(`<a rel="next" href="?page=${page + 1}">Next</a>`, `<a href="?page=${pages}">Last</a>`);
  return `<nav class="pagination">${links.join(' ')}</nav>`;
}

function challengePage(host: string): string {
  return `<!DOCTYPE html>
<html>
<head><title>DDoS-Guard</title><meta name="robots" content="noindex"></head>
<body>
<div id="ddg-check"><h1>Checking your browser before accessing ${escape(host)}</h1>
<p>This process is automatic. Your browser will redirect to your requested content shortly.</p>
<p>Please allow up to 5 seconds…</p></div>
<script src="/.well-known/ddos-guard/js-challenge/index.js"></script>
</body>
</html>`;
}
