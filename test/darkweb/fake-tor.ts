/**
 * A small SOCKS5 server that stands in for Tor in tests and benchmarks, on 127.0.0.1 with a free
 * port. It maps host names (onion or not) to local fixture servers, never resolves anything, and
 * records every CONNECT (host, port, username, address type) so that tests can check that the
 * client only ever sent names (ATYP 3) and per-site usernames. Like Tor it accepts no-auth and
 * any username/password, answers 0xF6 for an invalid onion name and 0xF0 for an unknown one, and
 * refuses IP addresses (ATYP 1/4: 0x08, recorded as a violation). `behave` injects latency, a
 * reply code or a hang per request. `notTor: true` makes it a generic proxy that cannot resolve
 * .onion names (0x04, no extended errors), for the Tor self-test.
 *
 *   const tor = await startFakeTor({ routes: new Map([[onion, { host: '127.0.0.1', port: site.port }]]) });
 *   await httpFetch(`http://${onion}/`, { proxy: tor.proxy, isolation: 'site-1' }); await tor.close();
 */
import { connect, createServer, type Socket } from 'node:net';
import { isOnionHost, parseOnionAddress } from '../../src/darkweb/transport/onion-address.js';

export interface FakeTorTarget {
  host: string;
  port: number;
}

export interface FakeTorRequest {
  host: string;
  port: number;
  username: string | undefined;
}

/** What to do with one CONNECT: wait `delayMs` first; then answer `reply` (a SOCKS code) or hang, else connect. */
export interface Behaviour {
  delayMs?: number;
  reply?: number;
  hang?: boolean;
}

export interface ConnectRecord extends FakeTorRequest {
  password: string | undefined;
  /** The address type the client used: 1 IPv4, 3 domain name, 4 IPv6. */
  atyp: number;
  /** The SOCKS reply sent (undefined while pending or for a hang). */
  reply: number | undefined;
}

export interface FakeTorOptions {
  routes: Map<string, FakeTorTarget> | ((host: string) => FakeTorTarget | undefined);
  behave?: (request: FakeTorRequest) => Behaviour | undefined;
  notTor?: boolean;
  /** Keep a record of every CONNECT (default true); benchmarks may turn it off. */
  record?: boolean;
}

export interface FakeTor {
  proxy: { host: string; port: number };
  connects: ConnectRecord[];
  /** CONNECTs by IP address (ATYP 1 or 4): the client resolved a name itself. */
  violations: ConnectRecord[];
  close(): Promise<void>;
}

const replies = { ok: 0x00, hostUnreachable: 0x04, refused: 0x05, atypUnsupported: 0x08, hsNotFound: 0xf0, hsBadAddress: 0xf6 };

export async function startFakeTor(options: FakeTorOptions): Promise<FakeTor> {
  const sockets = new Set<Socket>();
  const connects: ConnectRecord[] = [];
  const violations: ConnectRecord[] = [];
  const route = (host: string): FakeTorTarget | undefined => {
    const name = host.toLowerCase();
    if (typeof options.routes === 'function') return options.routes(name);
    const exact = options.routes.get(name);
    if (exact || !isOnionHost(name)) return exact;
    const parsed = parseOnionAddress(name);
    return parsed.ok ? options.routes.get(parsed.address) : undefined;
  };

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  // Half-open sockets, so that a client's end() reaches the fixture and its answer still comes back.
  const server = createServer({ noDelay: true, allowHalfOpen: true }, (client) => {
    track(client);
    handle(client).catch(() => client.destroy());
  });

  async function handle(client: Socket): Promise<void> {
    const [, methodCount = 0] = await readBytes(client, 2);
    const methods = await readBytes(client, methodCount);
    let username: string | undefined;
    let password: string | undefined;
    // Like Tor: username/password when offered (for isolation), else no auth.
    if (methods.includes(0x02)) {
      client.write(Buffer.from([0x05, 0x02]));
      const [, userLength = 0] = await readBytes(client, 2);
      username = (await readBytes(client, userLength)).toString('utf8');
      const [passLength = 0] = await readBytes(client, 1);
      password = (await readBytes(client, passLength)).toString('utf8');
      client.write(Buffer.from([0x01, 0x00]));
    } else if (methods.includes(0x00)) {
      client.write(Buffer.from([0x05, 0x00]));
    } else {
      client.end(Buffer.from([0x05, 0xff]));
      return;
    }

    const [, command, , atyp = 0] = await readBytes(client, 4);
    let host: string;
    if (atyp === 0x03) host = (await readBytes(client, (await readBytes(client, 1))[0] ?? 0)).toString('utf8');
    else if (atyp === 0x01) host = [...(await readBytes(client, 4))].join('.');
    else if (atyp === 0x04) host = (await readBytes(client, 16)).toString('hex');
    else {
      client.destroy();
      return;
    }
    const port = (await readBytes(client, 2)).readUInt16BE(0);
    const record: ConnectRecord = { host, port, username, password, atyp, reply: undefined };
    if (options.record !== false) connects.push(record);
    const answer = (code: number) => {
      record.reply = code;
      client.end(Buffer.from([0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
    };

    if (atyp !== 0x03) {
      violations.push(record);
      return answer(replies.atypUnsupported);
    }
    if (command !== 0x01) return answer(0x07);
    const behaviour = options.behave?.({ host, port, username }) ?? {};
    if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (behaviour.hang) return;
    if (behaviour.reply !== undefined && behaviour.reply !== replies.ok) return answer(behaviour.reply);

    // A generic proxy tries DNS for .onion names, which fails: host unreachable, no extended code.
    if (options.notTor && isOnionHost(host)) return answer(replies.hostUnreachable);
    // Like Tor, check an onion name before anything else: fixtures need real v3 addresses (onionAddressFromKey).
    if (isOnionHost(host) && !parseOnionAddress(host).ok) return answer(replies.hsBadAddress);
    const target = route(host);
    if (!target) return answer(isOnionHost(host) ? replies.hsNotFound : replies.hostUnreachable);
    const upstream = connect({ host: target.host, port: target.port, noDelay: true, allowHalfOpen: true });
    track(upstream);
    upstream.once('error', () => {
      if (record.reply === undefined) answer(replies.refused);
      client.destroy();
    });
    upstream.once('connect', () => {
      record.reply = replies.ok;
      client.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0, 0]));
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake Tor did not get a TCP port');
  return {
    proxy: { host: '127.0.0.1', port: address.port },
    connects,
    violations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Exactly n bytes in paused mode; rejects if the client goes away first. */
function readBytes(socket: Socket, n: number): Promise<Buffer> {
  if (n === 0) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const done = () => {
      socket.off('readable', onReadable);
      socket.off('close', onClose);
    };
    const onReadable = () => {
      const chunk = socket.read(n) as Buffer | null;
      if (chunk === null) return;
      done();
      if (chunk.length === n) resolve(chunk);
      else reject(new Error('short read'));
    };
    const onClose = () => {
      done();
      reject(new Error('closed'));
    };
    socket.on('readable', onReadable);
    socket.once('close', onClose);
    onReadable();
  });
}
