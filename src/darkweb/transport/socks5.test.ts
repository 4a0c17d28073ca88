import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTor, type Behaviour, type FakeTor } from '../../../test/darkweb/fake-tor.js';
import { onionAddressFromKey } from './onion-address.js';
import { socksConnect } from './socks5.js';
import { TransportError, transportFailures } from './transport-error.js';

const site = onionAddressFromKey(randomBytes(32));
const unknownSite = onionAddressFromKey(randomBytes(32));
let echo: Server;
let echoPort: number;
let tor: FakeTor;
let behaviour: Behaviour | undefined;

beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  echoPort = await listen(echo);
  tor = await startFakeTor({
    routes: (host) => (host === site || host === `www.${site}` || host === '127.0.0.1' ? { host: '127.0.0.1', port: echoPort } : undefined),
    behave: (request) => (request.host === site ? behaviour : undefined),
  });
});

afterAll(async () => {
  await tor.close();
  echo.close();
});

describe('socksConnect', () => {
  it('connects by name with the per-site username, and the stream carries data both ways', async () => {
    const socket = await socksConnect({ proxy: tor.proxy, host: site, port: 80, username: 'site-1', password: 'secret' });
    expect(await roundTrip(socket, 'hello through tor')).toBe('hello through tor');
    expect(tor.connects.at(-1)).toEqual({ host: site, port: 80, username: 'site-1', password: 'secret', atyp: 3, reply: 0 });
  });

  it('sends IP literals as names too (ATYP 3), and works without credentials', async () => {
    const socket = await socksConnect({ proxy: tor.proxy, host: '127.0.0.1', port: 8080 });
    expect(await roundTrip(socket, 'x')).toBe('x');
    expect(tor.connects.at(-1)).toMatchObject({ host: '127.0.0.1', port: 8080, username: undefined, atyp: 3 });
  });

  it('never uses an IP address type, and forwards each site its own username', async () => {
    for (const username of ['site-a', 'site-b', 'site-a']) {
      (await socksConnect({ proxy: tor.proxy, host: `www.${site}`, port: 443, username })).destroy();
    }
    expect(tor.connects.slice(-3).map((c) => c.username)).toEqual(['site-a', 'site-b', 'site-a']);
    expect(tor.connects.every((c) => c.atyp === 3)).toBe(true);
    expect(tor.violations).toEqual([]);
  });

  it('maps every RFC 1928 reply code and Tor extended error code to its failure class', async () => {
    const expected: Record<number, string> = {
      0x01: 'general_failure',
      0x02: 'not_allowed',
      0x03: 'network_unreachable',
      0x04: 'host_unreachable',
      0x05: 'connection_refused',
      0x06: 'ttl_expired',
      0x07: 'proxy_protocol',
      0x08: 'proxy_protocol',
      0xf0: 'descriptor_not_found',
      0xf1: 'descriptor_invalid',
      0xf2: 'introduction_failed',
      0xf3: 'rendezvous_failed',
      0xf4: 'client_auth_missing',
      0xf5: 'client_auth_wrong',
      0xf6: 'bad_address',
      0xf7: 'introduction_timeout',
    };
    try {
      for (const [code, failure] of Object.entries(expected)) {
        behaviour = { reply: Number(code) };
        const error = await failureOf(socksConnect({ proxy: tor.proxy, host: site, port: 80, username: 'codes' }));
        expect(error, code).toMatchObject({ failure, socksReply: Number(code), stage: 'connect' });
        expect(error.siteOffline).toBe(transportFailures[error.failure].siteOffline);
      }
    } finally {
      behaviour = undefined;
    }
  });

  it('says which failures mean the site is offline', () => {
    expect(new TransportError('descriptor_not_found').siteOffline).toBe(true);
    expect(new TransportError('introduction_timeout').siteOffline).toBe(true);
    expect(new TransportError('proxy_unreachable').siteOffline).toBe(false);
    expect(new TransportError('client_auth_missing', 'x.onion').message).toMatch(/client authorization.*: x\.onion$/);
  });

  it('gets descriptor_not_found for an unknown onion service and bad_address for an invalid name, as from Tor', async () => {
    await expect(socksConnect({ proxy: tor.proxy, host: unknownSite, port: 80 })).rejects.toMatchObject({
      failure: 'descriptor_not_found',
    });
    await expect(socksConnect({ proxy: tor.proxy, host: 'aaaa.onion', port: 80 })).rejects.toMatchObject({ failure: 'bad_address' });
    await expect(socksConnect({ proxy: tor.proxy, host: 'unrouted.example', port: 80 })).rejects.toMatchObject({
      failure: 'host_unreachable',
    });
  });

  it('waits for injected latency, and times out on a hang', async () => {
    try {
      behaviour = { delayMs: 150 };
      const started = performance.now();
      (await socksConnect({ proxy: tor.proxy, host: site, port: 80 })).destroy();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);

      behaviour = { hang: true };
      const error = await failureOf(socksConnect({ proxy: tor.proxy, host: site, port: 80, timeoutMs: 200 }));
      expect(error).toMatchObject({ failure: 'timeout', stage: 'connect', siteOffline: true });
    } finally {
      behaviour = undefined;
    }
  });

  it('is aborted by its signal', async () => {
    try {
      behaviour = { hang: true };
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await expect(socksConnect({ proxy: tor.proxy, host: site, port: 80, signal: controller.signal })).rejects.toMatchObject({
        failure: 'aborted',
      });
      await expect(socksConnect({ proxy: tor.proxy, host: site, port: 80, signal: AbortSignal.abort() })).rejects.toMatchObject({
        failure: 'aborted',
      });
    } finally {
      behaviour = undefined;
    }
  });

  it('reports proxy_unreachable when nothing listens at the proxy address', async () => {
    const port = await closedPort();
    const error = await failureOf(socksConnect({ proxy: { host: '127.0.0.1', port }, host: site, port: 80 }));
    expect(error).toMatchObject({ failure: 'proxy_unreachable', stage: 'proxy', siteOffline: false });
  });

  it('reports connection_refused when the proxy cannot reach the target', async () => {
    const port = await closedPort();
    const refusing = await startFakeTor({ routes: () => ({ host: '127.0.0.1', port }) });
    try {
      await expect(socksConnect({ proxy: refusing.proxy, host: site, port: 80 })).rejects.toMatchObject({ failure: 'connection_refused' });
    } finally {
      await refusing.close();
    }
  });

  it('reports proxy_protocol for a service that is not SOCKS5', async () => {
    const http = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const port = await listen(http);
    try {
      await expect(socksConnect({ proxy: { host: '127.0.0.1', port }, host: site, port: 80 })).rejects.toMatchObject({
        failure: 'proxy_protocol',
        stage: 'greeting',
      });
    } finally {
      http.close();
    }
  });

  it('rejects host names that SOCKS cannot carry', async () => {
    await expect(socksConnect({ proxy: tor.proxy, host: 'a'.repeat(256), port: 80 })).rejects.toMatchObject({ failure: 'bad_address' });
    await expect(socksConnect({ proxy: tor.proxy, host: site, port: 0 })).rejects.toMatchObject({ failure: 'bad_address' });
  });
});

describe('fake Tor', () => {
  it('refuses a CONNECT by IPv4 address with 0x08 and records it as a violation', async () => {
    const socket = connect({ host: tor.proxy.host, port: tor.proxy.port });
    await once(socket, 'connect');
    socket.write(Buffer.from([0x05, 0x01, 0x00]));
    socket.write(Buffer.from([0x05, 0x01, 0x00, 0x01, 127, 0, 0, 1, 0, 80]));
    const reply = await readAll(socket);
    expect([...reply.subarray(0, 4)]).toEqual([0x05, 0x00, 0x05, 0x08]);
    expect(tor.violations).toEqual([expect.objectContaining({ host: '127.0.0.1', port: 80, atyp: 1, reply: 0x08 })]);
    tor.violations.length = 0;
  });
});

async function failureOf(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('expected a TransportError');
}

async function roundTrip(socket: Socket, text: string): Promise<string> {
  socket.end(text);
  return (await readAll(socket)).toString();
}

async function readAll(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}
