/**
 * A SOCKS5 client (RFC 1928, username/password auth RFC 1929) for Tor. It always asks for the
 * target by name (ATYP 0x03) so that the proxy resolves it: nothing here resolves a target name.
 * A username gives per-site circuits: Tor isolates streams by SOCKS credentials (IsolateSOCKSAuth,
 * on by default). When a username is given only username/password auth is offered, so that a
 * proxy cannot silently drop the isolation. Failures are TransportErrors with a failure class,
 * including Tor's extended onion service codes (0xF0–0xF7).
 *
 *   const socket = await socksConnect({ proxy: { host: '127.0.0.1', port: 9050 }, host: 'xyz….onion', port: 80, username: 'site-42' });
 */
import { connect, type Socket } from 'node:net';
import { hexCode, socksReplyFailure, TransportError, type TransportStage } from './transport-error.js';

export interface SocksProxy {
  host: string;
  port: number;
}

export interface SocksConnectOptions {
  proxy: SocksProxy;
  /** The target host name, sent to the proxy as a name (IP literals too). */
  host: string;
  port: number;
  /** SOCKS username: streams with different credentials get different Tor circuits. */
  username?: string;
  /** Defaults to "vigil" when a username is given (RFC 1929 needs one). */
  password?: string;
  /** For the whole handshake; 30 s by default. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const version = 0x05;
const methodNoAuth = 0x00;
const methodUserPass = 0x02;
const noAcceptableMethod = 0xff;
const commandConnect = 0x01;
const atypIPv4 = 0x01;
const atypDomain = 0x03;
const atypIPv6 = 0x04;

/** Opens a TCP stream to host:port through a SOCKS5 proxy; resolves with the socket once the proxy has connected. */
export async function socksConnect(options: SocksConnectOptions): Promise<Socket> {
  const { proxy, port, username } = options;
  const host = options.host.replace(/^\[(.*)\]$/, '$1');
  const hostBytes = Buffer.from(host, 'utf8');
  if (hostBytes.length === 0 || hostBytes.length > 255) throw new TransportError('bad_address', 'a host name has 1 to 255 bytes');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TransportError('bad_address', `port ${port} is out of range`);
  const credentials = username === undefined ? undefined : userPassRequest(username, options.password ?? 'vigil');
  if (options.signal?.aborted) throw new TransportError('aborted', undefined, { stage: 'proxy' });

  const socket = connect({ host: proxy.host, port: proxy.port });
  socket.setNoDelay(true);
  let stage: TransportStage = 'proxy';
  const fail = (error: TransportError) => socket.destroy(error);
  const timer = setTimeout(
    () => fail(new TransportError('timeout', `SOCKS handshake with ${proxy.host}:${proxy.port} (${stage})`, { stage })),
    options.timeoutMs ?? 30_000,
  );
  const onAbort = () => fail(new TransportError('aborted', undefined, { stage }));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await connected(socket, proxy);
    stage = 'greeting';
    socket.write(Buffer.from([version, 1, credentials ? methodUserPass : methodNoAuth]));
    const [replyVersion, method] = await readBytes(socket, 2, stage);
    if (replyVersion !== version)
      throw new TransportError('proxy_protocol', `the proxy answered the SOCKS5 greeting with byte ${hexCode(replyVersion ?? 0)}`, {
        stage,
      });
    if (method === noAcceptableMethod) {
      throw new TransportError(
        'proxy_auth_failed',
        credentials ? 'it does not accept username/password auth' : 'it requires authentication',
        { stage },
      );
    }
    if (credentials && method === methodUserPass) {
      stage = 'auth';
      socket.write(credentials);
      const [, status] = await readBytes(socket, 2, stage);
      if (status !== 0x00) throw new TransportError('proxy_auth_failed', `status ${hexCode(status ?? 0)}`, { stage });
    } else if (method !== methodNoAuth || credentials) {
      throw new TransportError('proxy_protocol', `the proxy chose auth method ${hexCode(method ?? 0)}, which was not offered`, { stage });
    }

    stage = 'connect';
    const portBytes = Buffer.from([port >> 8, port & 0xff]);
    socket.write(Buffer.concat([Buffer.from([version, commandConnect, 0x00, atypDomain, hostBytes.length]), hostBytes, portBytes]));
    const [connectVersion, reply, , atyp] = await readBytes(socket, 4, stage);
    if (connectVersion !== version)
      throw new TransportError('proxy_protocol', `the proxy answered CONNECT with byte ${hexCode(connectVersion ?? 0)}`, { stage });
    if (reply !== 0x00) {
      const code = reply ?? 0x01;
      throw new TransportError(socksReplyFailure(code), `SOCKS reply ${hexCode(code)} for ${host}:${port}`, { stage, socksReply: code });
    }
    // The bound address is of no use to us, but it must be read off the stream before the payload.
    const addressLength =
      atyp === atypIPv4 ? 4 : atyp === atypIPv6 ? 16 : atyp === atypDomain ? (await readBytes(socket, 1, stage))[0] : undefined;
    if (addressLength === undefined)
      throw new TransportError('proxy_protocol', `unknown address type ${hexCode(atyp ?? 0)} in the reply`, { stage });
    await readBytes(socket, addressLength + 2, stage);
    return socket;
  } catch (error) {
    socket.destroy();
    throw error instanceof TransportError ? error : new TransportError('proxy_protocol', String(error), { cause: error, stage });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function userPassRequest(username: string, password: string): Buffer {
  const user = Buffer.from(username, 'utf8');
  const pass = Buffer.from(password, 'utf8');
  if (user.length < 1 || user.length > 255 || pass.length < 1 || pass.length > 255) {
    throw new RangeError('SOCKS username and password have 1 to 255 bytes each');
  }
  return Buffer.concat([Buffer.from([0x01, user.length]), user, Buffer.from([pass.length]), pass]);
}

function connected(socket: Socket, proxy: SocksProxy): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      socket.off('connect', onConnect);
      reject(
        error instanceof TransportError
          ? error
          : new TransportError('proxy_unreachable', `${proxy.host}:${proxy.port} (${errorCode(error)})`, { cause: error, stage: 'proxy' }),
      );
    };
    const onConnect = () => {
      socket.off('error', onError);
      resolve();
    };
    socket.once('error', onError);
    socket.once('connect', onConnect);
  });
}

/**
 * Exactly n bytes off the socket in paused mode (`read(n)` returns all n or nothing), so that no
 * byte after the handshake is consumed: the caller's HTTP or TLS layer reads the rest.
 */
function readBytes(socket: Socket, n: number, stage: TransportStage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = () => {
      socket.off('readable', onReadable);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const onReadable = () => {
      const chunk = socket.read(n) as Buffer | null;
      if (chunk === null) return;
      done();
      if (chunk.length === n) resolve(chunk);
      else reject(new TransportError('proxy_protocol', 'the proxy closed the connection in the middle of a SOCKS message', { stage }));
    };
    const onError = (error: Error) => {
      done();
      reject(error instanceof TransportError ? error : new TransportError('proxy_protocol', errorCode(error), { cause: error, stage }));
    };
    const onClose = () => {
      done();
      reject(new TransportError('proxy_protocol', 'the proxy closed the connection during the SOCKS handshake', { stage }));
    };
    socket.on('readable', onReadable);
    socket.once('error', onError);
    socket.once('close', onClose);
    onReadable();
  });
}

const errorCode = (error: Error): string => (error as NodeJS.ErrnoException).code ?? error.message;
