import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTor, type Behaviour, type FakeTor } from '../../../test/darkweb/fake-tor.js';
import { defaultRequestHeaders, httpFetch } from './http-fetch.js';
import { onionAddressFromKey } from './onion-address.js';

const page = Buffer.from('<html><title>forum</title>' + 'post '.repeat(2000) + '</html>');
const site = onionAddressFromKey(randomBytes(32));
const tlsSite = onionAddressFromKey(randomBytes(32));
const garbageSite = onionAddressFromKey(randomBytes(32));
let server: Server;
let port: number;
let tor: FakeTor;
let behaviour: Behaviour | undefined;
type TlsFixture = { server: ReturnType<typeof createHttpsServer>; port: number; dir: string };
let tls: TlsFixture | undefined;
let garbage: ReturnType<typeof createTcpServer>;

function handler(req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, headers: Record<string, string | string[]>, body: Buffer | string = '') => {
    res.writeHead(status, headers);
    res.end(body);
  };
  switch (new URL(req.url ?? '/', 'http://fixture').pathname) {
    case '/plain':
      return send(200, { 'content-type': 'text/html', 'content-length': String(page.length) }, page);
    case '/chunked':
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let at = 0; at < page.length; at += 1000) res.write(page.subarray(at, at + 1000));
      return void res.end();
    case '/gzip':
      return send(200, { 'content-encoding': 'gzip' }, gzipSync(page));
    case '/deflate':
      return send(200, { 'content-encoding': 'deflate' }, deflateSync(page));
    case '/deflate-raw':
      return send(200, { 'content-encoding': 'deflate' }, deflateRawSync(page));
    case '/br':
      return send(200, { 'content-encoding': 'br' }, brotliCompressSync(page));
    case '/bomb':
      return send(200, { 'content-encoding': 'gzip' }, gzipSync(Buffer.alloc(8 * 1024 * 1024)));
    case '/redirect':
      return send(302, { location: '/plain', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
    case '/big':
      return send(200, { 'content-length': String(4 * 1024 * 1024) }, Buffer.alloc(4 * 1024 * 1024));
    case '/big-chunked':
      res.writeHead(200);
      for (let i = 0; i < 64; i += 1) res.write(Buffer.alloc(64 * 1024));
      return void res.end();
    case '/cut':
      res.writeHead(200, { 'content-length': '100000' });
      res.write(page.subarray(0, 1000));
      return void setTimeout(() => res.destroy(), 20);
    case '/hang':
      return;
    case '/headers':
      return send(200, { 'content-type': 'application/json' }, JSON.stringify({ url: req.url, headers: req.headers, raw: req.rawHeaders }));
    default:
      return send(404, {}, 'not found');
  }
}

beforeAll(async () => {
  server = createHttpServer(handler);
  port = await listen(server);
  garbage = createTcpServer((socket) => socket.end('SMTP ready\r\n\r\n'));
  const garbagePort = await listen(garbage);
  tls = await startTlsServer();
  const routes = new Map([
    [site, { host: '127.0.0.1', port }],
    [garbageSite, { host: '127.0.0.1', port: garbagePort }],
  ]);
  if (tls) routes.set(tlsSite, { host: '127.0.0.1', port: tls.port });
  tor = await startFakeTor({ routes, behave: () => behaviour });
});

afterAll(async () => {
  await tor.close();
  server.closeAllConnections();
  server.close();
  garbage.close();
  if (tls) {
    tls.server.closeAllConnections();
    tls.server.close();
    rmSync(tls.dir, { recursive: true, force: true });
  }
});

const viaTor = (path: string, options: Parameters<typeof httpFetch>[1] = {}) =>
  httpFetch(`http://${site}${path}`, { proxy: tor.proxy, isolation: 'site-1', timeoutMs: 5000, ...options });

describe('httpFetch through Tor', () => {
  it('fetches a content-length body by name, with the site username, and reports timings', async () => {
    const response = await viaTor('/plain');
    expect(response).toMatchObject({ url: `http://${site}/plain`, status: 200, statusText: 'OK' });
    expect(response.headers['content-type']).toBe('text/html');
    expect(response.body.equals(page)).toBe(true);
    const { connectMs, firstByteMs, totalMs } = response.timings;
    expect(0 <= connectMs && connectMs <= firstByteMs && firstByteMs <= totalMs).toBe(true);
    expect(tor.connects.at(-1)).toMatchObject({ host: site, port: 80, username: 'site-1', atyp: 3, reply: 0 });
  });

  it('reads chunked bodies and decodes gzip, deflate (zlib and raw) and br', async () => {
    for (const path of ['/chunked', '/gzip', '/deflate', '/deflate-raw', '/br']) {
      const response = await viaTor(path);
      expect(response.body.equals(page), path).toBe(true);
    }
    expect((await viaTor('/gzip')).headers['content-encoding']).toBe('gzip');
  });

  it('returns redirects without following them, with every set-cookie', async () => {
    const response = await viaTor('/redirect');
    expect(response.status).toBe(302);
    expect(response.headers['location']).toBe('/plain');
    expect(response.headers['set-cookie']?.split('\n')).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(tor.connects.at(-1)?.host).toBe(site);
  });

  it('sends browser-like headers, the cookie, and caller overrides', async () => {
    const response = await viaTor('/headers?x=1', { cookie: 'session=abc', headers: { 'user-agent': 'Custom/1.0', 'X-Extra': 'yes' } });
    const { url, headers, raw } = JSON.parse(response.body.toString()) as { url: string; headers: Record<string, string>; raw: string[] };
    expect(url).toBe('/headers?x=1');
    expect(headers).toMatchObject({
      host: site,
      'user-agent': 'Custom/1.0',
      accept: defaultRequestHeaders['Accept'],
      'accept-encoding': 'gzip, deflate, br',
      cookie: 'session=abc',
      'x-extra': 'yes',
      connection: 'close',
    });
    expect(raw[0]).toBe('Host');
    expect((await viaTor('/headers')).body.toString()).toContain(defaultRequestHeaders['User-Agent']);
  });

  it('gives each isolation username to the proxy, always by name', async () => {
    await Promise.all(['s1', 's2', 's3'].map((isolation) => viaTor('/plain', { isolation })));
    expect(new Set(tor.connects.slice(-3).map((c) => c.username))).toEqual(new Set(['s1', 's2', 's3']));
    expect(tor.violations).toEqual([]);
  });

  it('aborts with too_large on a declared, a streamed and a decoded body over maxBytes', async () => {
    const maxBytes = 1024 * 1024;
    for (const path of ['/big', '/big-chunked', '/bomb']) {
      await expect(viaTor(path, { maxBytes }), path).rejects.toMatchObject({ failure: 'too_large', siteOffline: false });
    }
  });

  it('times out on a server that never answers, and on a proxy that hangs', async () => {
    await expect(viaTor('/hang', { timeoutMs: 300 })).rejects.toMatchObject({ failure: 'timeout', siteOffline: true });
    behaviour = { hang: true };
    try {
      await expect(viaTor('/plain', { timeoutMs: 300 })).rejects.toMatchObject({ failure: 'timeout' });
    } finally {
      behaviour = undefined;
    }
  });

  it('counts proxy latency into connectMs', async () => {
    behaviour = { delayMs: 120 };
    try {
      expect((await viaTor('/plain')).timings.connectMs).toBeGreaterThanOrEqual(110);
    } finally {
      behaviour = undefined;
    }
  });

  it('classifies Tor errors, cut bodies, non-HTTP answers and aborts', async () => {
    behaviour = { reply: 0xf2 };
    try {
      await expect(viaTor('/plain')).rejects.toMatchObject({ failure: 'introduction_failed', siteOffline: true });
    } finally {
      behaviour = undefined;
    }
    await expect(viaTor('/cut')).rejects.toMatchObject({ failure: 'connection_lost' });
    await expect(httpFetch(`http://${garbageSite}/`, { proxy: tor.proxy })).rejects.toMatchObject({ failure: 'http_protocol' });
    await expect(viaTor('/hang', { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ failure: 'aborted' });
    await expect(viaTor('/plain', { signal: AbortSignal.abort() })).rejects.toMatchObject({ failure: 'aborted' });
  });

  it('rejects invalid onion addresses before connecting', async () => {
    const before = tor.connects.length;
    const bad = `${site.slice(0, 10)}${site[10] === 'a' ? 'b' : 'a'}${site.slice(11)}`;
    await expect(httpFetch(`http://${bad}/`, { proxy: tor.proxy })).rejects.toMatchObject({ failure: 'bad_address' });
    await expect(httpFetch(`ftp://${site}/`, { proxy: tor.proxy })).rejects.toMatchObject({ failure: 'bad_address' });
    await expect(httpFetch('not a url', { proxy: tor.proxy })).rejects.toMatchObject({ failure: 'bad_address' });
    expect(tor.connects.length).toBe(before);
  });

  it('accepts a self-signed certificate from an onion service over https', async (context) => {
    if (!tls) return context.skip();
    const response = await httpFetch(`https://${tlsSite}/tls`, { proxy: tor.proxy, isolation: 'tls-site' });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(`tls ok ${tlsSite}`);
    expect(tor.connects.at(-1)).toMatchObject({ host: tlsSite, port: 443, username: 'tls-site' });
  });
});

describe('httpFetch directly', () => {
  it('fetches clear-web URLs without a proxy', async () => {
    const response = await httpFetch(`http://127.0.0.1:${port}/gzip`);
    expect(response.body.equals(page)).toBe(true);
    expect((await httpFetch(`http://localhost:${port}/missing`)).status).toBe(404);
  });

  it('never sends an onion name anywhere but to the proxy', async () => {
    await expect(httpFetch(`http://${site}/`)).rejects.toMatchObject({ failure: 'bad_address' });
  });

  it('reports connection_refused and timeout', async () => {
    const closed = createTcpServer();
    const closedPort = await listen(closed);
    closed.close();
    await expect(httpFetch(`http://127.0.0.1:${closedPort}/`)).rejects.toMatchObject({ failure: 'connection_refused', siteOffline: true });
    await expect(httpFetch(`http://127.0.0.1:${port}/hang`, { timeoutMs: 200 })).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('rejects a self-signed certificate on the clear web', async (context) => {
    if (!tls) return context.skip();
    await expect(httpFetch(`https://127.0.0.1:${tls.port}/`)).rejects.toMatchObject({ failure: 'tls_failed' });
  });
});

async function listen(server: { listen(port: number, host: string, done: () => void): unknown; address(): unknown }): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number } | null;
  if (!address) throw new Error('no port');
  return address.port;
}

/** An https server with a fresh self-signed certificate, or undefined when openssl is not installed. */
async function startTlsServer(): Promise<TlsFixture | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=onion'].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      {
        stdio: 'ignore',
      },
    );
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    res.end(`tls ok ${req.headers.host ?? ''}`);
  });
  return { server, port: await listen(server), dir };
}
