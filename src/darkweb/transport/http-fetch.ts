/**
 * One HTTP/1.1 GET, through a Tor SOCKS proxy (`proxy`) or directly (clear web without Tor, tests):
 * opens the connection (SOCKS5 by name, then TLS with the URL's host as servername for https),
 * lets node:http write the request and parse the answer (content-length, chunked or until close),
 * caps the body at `maxBytes`, and decodes gzip, deflate and br. Redirects are returned, not
 * followed: the crawler decides. Onion hosts are validated first and only ever go through the
 * proxy; self-signed certificates are accepted for onion hosts, whose name already authenticates
 * the key. Every failure is a TransportError (timeout, too_large, connection_lost, SOCKS codes…).
 *
 *   const page = await httpFetch('http://xyz….onion/forum', { proxy: { host: '127.0.0.1', port: 9050 }, isolation: 'site-42' });
 */
import { request, type IncomingMessage } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import { isOnionHost, parseOnionAddress } from './onion-address.js';
import { socksConnect, type SocksProxy } from './socks5.js';
import { TransportError, isTransportError, type TransportFailure, type TransportStage } from './transport-error.js';

export interface HttpFetchOptions {
  /** The Tor SOCKS port; without it the request goes directly (never for onion hosts). */
  proxy?: SocksProxy;
  /** The SOCKS username, one per site, so that Tor gives each site its own circuits. */
  isolation?: string;
  /** For the whole exchange, connection to last byte; 60 s by default. */
  timeoutMs?: number;
  /** Cap on the body, on the wire and decoded; 32 MiB by default. */
  maxBytes?: number;
  /** Added to (and overriding, case-insensitively) the browser-like defaults. */
  headers?: Record<string, string>;
  /** A Cookie header value, e.g. an operator-imported session. */
  cookie?: string;
  signal?: AbortSignal;
}

export interface FetchedResponse {
  url: string;
  status: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with ", " (set-cookie with "\n"); content-encoding as sent. */
  headers: Record<string, string>;
  /** Decoded body. */
  body: Buffer;
  timings: { connectMs: number; firstByteMs: number; totalMs: number };
}

/** What Tor Browser (Firefox ESR 128) sends, so that the crawler does not stand out. */
export const defaultRequestHeaders: Readonly<Record<string, string>> = {
  'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'en-US,en;q=0.5',
  'Accept-Encoding': 'gzip, deflate, br',
  'Upgrade-Insecure-Requests': '1',
};

const defaultTimeoutMs = 60_000;
const defaultMaxBytes = 32 * 1024 * 1024;

/** Fetches one URL with a GET; resolves with any status (3xx included), rejects with a TransportError. */
export async function httpFetch(url: string | URL, options: HttpFetchOptions = {}): Promise<FetchedResponse> {
  const started = performance.now();
  let target: URL;
  try {
    target = new URL(url);
  } catch (error) {
    throw new TransportError('bad_address', `${String(url)} is not a URL`, { cause: error });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new TransportError('bad_address', `${target.protocol} URLs are not fetched`);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
  const onion = isOnionHost(host);
  if (onion) {
    // An onion name given to a resolver leaks what we look at: refuse rather than fall back.
    if (!options.proxy) throw new TransportError('bad_address', `${host} can only be fetched through Tor`);
    const parsed = parseOnionAddress(host);
    if (!parsed.ok) throw new TransportError('bad_address', parsed.message);
  }
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  // One signal for the caller's abort and our deadline; its reason is the error to report.
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new TransportError('timeout', `${target.href} after ${timeoutMs} ms`)), timeoutMs);
  const onCallerAbort = () => controller.abort(new TransportError('aborted'));
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  let socket: Socket | undefined;
  try {
    socket = options.proxy
      ? await socksConnect({ proxy: options.proxy, host, port, username: options.isolation, timeoutMs, signal: controller.signal })
      : await directConnect(host, port, controller.signal);
    if (target.protocol === 'https:') socket = await startTls(socket, host, onion, controller.signal);
    const connectMs = performance.now() - started;
    const { response, raw, firstByteMs } = await exchange(
      socket,
      target,
      requestHeaders(target, options),
      maxBytes,
      controller.signal,
      started,
    );
    socket.destroy();
    const body = await decodeBody(raw, response.headers['content-encoding'], maxBytes);
    return {
      url: target.href,
      status: response.statusCode ?? 0,
      statusText: response.statusMessage ?? '',
      headers: flattenHeaders(response),
      body,
      timings: { connectMs, firstByteMs, totalMs: performance.now() - started },
    };
  } catch (error) {
    socket?.destroy();
    if (controller.signal.aborted) throw controller.signal.reason;
    throw isTransportError(error) ? error : new TransportError('connection_lost', String(error), { cause: error });
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function requestHeaders(target: URL, options: HttpFetchOptions): Record<string, string> {
  const given = new Map(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), { name, value }]));
  const headers: Record<string, string> = { Host: target.host };
  for (const [name, value] of Object.entries(defaultRequestHeaders)) {
    headers[name] = given.get(name.toLowerCase())?.value ?? value;
    given.delete(name.toLowerCase());
  }
  if (options.cookie) headers['Cookie'] = options.cookie;
  for (const { name, value } of given.values()) headers[name] = value;
  // One connection a request: no pooling across sites, nothing left half-read.
  headers['Connection'] = 'close';
  return headers;
}

function directConnect(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port, noDelay: true });
    const onAbort = () => socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      reject(
        new TransportError(connectFailure(error.code), `${host}:${port} (${error.code ?? error.message})`, {
          cause: error,
          stage: 'connect',
        }),
      );
    };
    socket.on('error', onError);
    socket.once('close', () => reject(new TransportError('aborted', undefined, { stage: 'connect' })));
  });
}

const connectFailures: Record<string, TransportFailure> = {
  ECONNREFUSED: 'connection_refused',
  ENOTFOUND: 'host_unreachable',
  EAI_AGAIN: 'host_unreachable',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'network_unreachable',
  ETIMEDOUT: 'timeout',
};

const connectFailure = (code: string | undefined): TransportFailure => connectFailures[code ?? ''] ?? 'connection_lost';

function startTls(socket: Socket, host: string, onion: boolean, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({
      socket,
      servername: isIP(host) ? undefined : host,
      // An onion address is the hash of the service's key, so a self-signed certificate is normal there.
      rejectUnauthorized: !onion,
      ALPNProtocols: ['http/1.1'],
    });
    const onAbort = () => secure.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    const onError = (error: Error) => {
      signal.removeEventListener('abort', onAbort);
      reject(new TransportError('tls_failed', `${host}: ${error.message}`, { cause: error, stage: 'tls' }));
    };
    secure.on('error', onError);
    secure.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      secure.off('error', onError);
      resolve(secure);
    });
  });
}

interface Exchange {
  response: IncomingMessage;
  raw: Buffer;
  firstByteMs: number;
}

function exchange(
  socket: Socket,
  target: URL,
  headers: Record<string, string>,
  maxBytes: number,
  signal: AbortSignal,
  started: number,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    let stage: TransportStage = 'request';
    const fail = (error: unknown) => {
      signal.removeEventListener('abort', onAbort);
      reject(isTransportError(error) ? error : new TransportError(exchangeFailure(error), errorText(error), { cause: error, stage }));
      socket.destroy();
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const req = request({ method: 'GET', path: `${target.pathname}${target.search}`, headers, createConnection: () => socket });
    req.on('error', fail);
    req.once('response', (response) => {
      stage = 'response';
      const firstByteMs = performance.now() - started;
      const declared = Number(response.headers['content-length']);
      if (declared > maxBytes) return fail(new TransportError('too_large', `content-length ${declared} > ${maxBytes} bytes`, { stage }));
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(new TransportError('too_large', `more than ${maxBytes} bytes`, { stage }));
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.once('close', () => {
        if (!response.complete) fail(new TransportError('connection_lost', 'the body ended early', { stage }));
      });
      response.once('end', () => {
        signal.removeEventListener('abort', onAbort);
        if (!response.complete) return fail(new TransportError('connection_lost', 'the body ended early', { stage }));
        resolve({ response, raw: Buffer.concat(chunks, size), firstByteMs });
      });
    });
    req.end();
  });
}

function exchangeFailure(error: unknown) {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  return code.startsWith('HPE_') ? ('http_protocol' as const) : ('connection_lost' as const);
}

const errorText = (error: unknown): string =>
  error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);

const zlibAsync = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  deflateRaw: promisify(inflateRaw),
  br: promisify(brotliDecompress),
};

/** Undoes the content codings, last applied first; unknown codings are left as they are. */
async function decodeBody(raw: Buffer, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let body = raw;
  // maxOutputLength stops a small compressed body from inflating into gigabytes.
  const limit = { maxOutputLength: maxBytes };
  try {
    for (const coding of codings.reverse()) {
      if (body.length === 0) break;
      if (coding === 'gzip' || coding === 'x-gzip') body = await zlibAsync.gzip(body, limit);
      // "deflate" should be zlib-wrapped, but some servers send raw deflate: check the zlib header.
      else if (coding === 'deflate') body = await (isZlibHeader(body) ? zlibAsync.deflate : zlibAsync.deflateRaw)(body, limit);
      else if (coding === 'br') body = await zlibAsync.br(body, limit);
      else break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new TransportError('too_large', `decoded body over ${maxBytes} bytes`);
    throw new TransportError('http_protocol', `the body does not decode as ${contentEncoding}`, { cause: error, stage: 'response' });
  }
  return body;
}

const isZlibHeader = (body: Buffer): boolean =>
  body.length >= 2 && ((body[0] ?? 0) & 0x0f) === 8 && ((body[0] ?? 0) * 256 + (body[1] ?? 0)) % 31 === 0;

function flattenHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(response.headersDistinct)) {
    if (values) headers[name] = values.join(name === 'set-cookie' ? '\n' : ', ');
  }
  return headers;
}
