import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startFakeTor, type Behaviour } from '../../../test/darkweb/fake-tor.js';
import { parseOnionAddress } from './onion-address.js';
import { invalidOnionProbe, torSelfTest } from './tor-self-test.js';

describe('torSelfTest', () => {
  it('probes with a name that is an onion name in shape but invalid', () => {
    expect(parseOnionAddress(invalidOnionProbe).ok).toBe(false);
  });

  it('recognises Tor by its extended error for an invalid onion name, with its own isolation username', async () => {
    const tor = await startFakeTor({ routes: new Map() });
    try {
      expect(await torSelfTest(tor.proxy, 2000)).toMatchObject({ ok: true, kind: 'tor' });
      expect(tor.connects).toEqual([
        expect.objectContaining({ host: invalidOnionProbe, atyp: 3, username: 'vigil-self-test', reply: 0xf6 }),
      ]);
    } finally {
      await tor.close();
    }
  });

  it('says not_tor for a SOCKS proxy that tries to resolve .onion names (0x04) or answers 0x01', async () => {
    const generic = await startFakeTor({ routes: new Map(), notTor: true });
    try {
      const result = await torSelfTest(generic.proxy, 2000);
      expect(result).toMatchObject({ ok: false, kind: 'not_tor' });
      expect(result.message).toContain(`the proxy at 127.0.0.1:${generic.proxy.port} is not Tor (it tried to resolve .onion names itself`);
      expect(result.message).toContain('set VIGIL_TOR_SOCKS to a Tor SocksPort with ExtendedErrors');
    } finally {
      await generic.close();
    }
    for (const behaviour of [{ reply: 0x01 }, { hang: true }] satisfies Behaviour[]) {
      const proxy = await startFakeTor({ routes: new Map(), behave: () => behaviour });
      try {
        expect(await torSelfTest(proxy.proxy, 300), JSON.stringify(behaviour)).toMatchObject({ ok: false, kind: 'not_tor' });
      } finally {
        await proxy.close();
      }
    }
  });

  it('says not_socks for a service that is not SOCKS5: one that closes, an HTTP proxy, one that stays silent', async () => {
    const servers: [string, Server][] = [
      ['closes', createServer((socket) => socket.destroy())],
      ['http', createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))],
      ['silent', createServer(() => undefined)],
    ];
    for (const [name, server] of servers) {
      const port = await listen(server);
      try {
        const result = await torSelfTest({ host: '127.0.0.1', port }, 300);
        expect(result, name).toMatchObject({ ok: false, kind: 'not_socks' });
        expect(result.message).toContain(`127.0.0.1:${port}`);
      } finally {
        server.close();
      }
    }
  });

  it('says unreachable when nothing listens', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const result = await torSelfTest({ host: '127.0.0.1', port }, 1000);
    expect(result).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(result.message).toMatch(/ECONNREFUSED/);
  });
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
