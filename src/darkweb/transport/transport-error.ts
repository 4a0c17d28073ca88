/**
 * Why a fetch through Tor (or directly) failed, as a closed set of stable failure classes. Each
 * class has a short human message and says whether it means "the site is offline" (recorded in
 * the site's history as a down visit) or a problem on our side or with one page. SOCKS5 reply
 * codes, RFC 1928 and Tor's extended codes (prop304, `SocksPort … ExtendedErrors`), map onto it.
 *
 *   try { await httpFetch(url, options) } catch (e) { if (isTransportError(e) && e.siteOffline) recordDown(e.failure) }
 */

/** Every failure class with its message and whether it means the site is offline. */
export const transportFailures = {
  descriptor_not_found: {
    message: 'onion service descriptor not found (the service is offline or the address is unused)',
    siteOffline: true,
  },
  descriptor_invalid: { message: 'onion service descriptor is invalid (it cannot be parsed or its signature fails)', siteOffline: true },
  introduction_failed: { message: 'introduction to the onion service failed (the service is probably not running)', siteOffline: true },
  rendezvous_failed: { message: 'rendezvous with the onion service failed', siteOffline: true },
  client_auth_missing: { message: 'the onion service requires client authorization that is not configured', siteOffline: false },
  client_auth_wrong: { message: 'the onion service rejected the configured client authorization', siteOffline: false },
  bad_address: { message: 'the address is invalid', siteOffline: false },
  introduction_timeout: { message: 'introduction to the onion service timed out', siteOffline: true },
  network_unreachable: { message: 'the network of the host is unreachable', siteOffline: true },
  host_unreachable: { message: 'the host is unreachable (or its name does not resolve)', siteOffline: true },
  connection_refused: { message: 'the host refused the connection', siteOffline: true },
  ttl_expired: { message: 'the connection attempt expired (Tor: the stream timed out)', siteOffline: true },
  not_allowed: { message: 'the proxy does not allow this connection (Tor: exit policy)', siteOffline: false },
  general_failure: { message: 'the proxy reported a general failure', siteOffline: true },
  connection_lost: { message: 'the connection closed before the response was complete', siteOffline: true },
  timeout: { message: 'no complete response within the time allowed', siteOffline: true },
  proxy_unreachable: { message: 'the SOCKS proxy cannot be reached', siteOffline: false },
  proxy_auth_failed: { message: 'the SOCKS proxy refused the authentication', siteOffline: false },
  proxy_protocol: { message: 'the proxy does not speak SOCKS5 as expected', siteOffline: false },
  tls_failed: { message: 'the TLS handshake failed', siteOffline: false },
  http_protocol: { message: 'the server sent an invalid HTTP response', siteOffline: false },
  too_large: { message: 'the response is larger than allowed', siteOffline: false },
  aborted: { message: 'the request was aborted', siteOffline: false },
} as const satisfies Record<string, { message: string; siteOffline: boolean }>;

export type TransportFailure = keyof typeof transportFailures;

/** Where in the exchange a failure happened: useful in logs and for the Tor self-test. */
export type TransportStage = 'proxy' | 'greeting' | 'auth' | 'connect' | 'tls' | 'request' | 'response';

export class TransportError extends Error {
  readonly failure: TransportFailure;
  readonly siteOffline: boolean;
  readonly stage: TransportStage | undefined;
  /** The SOCKS5 reply code, when the failure came from one. */
  readonly socksReply: number | undefined;

  constructor(failure: TransportFailure, detail?: string, options: { cause?: unknown; stage?: TransportStage; socksReply?: number } = {}) {
    super(detail ? `${transportFailures[failure].message}: ${detail}` : transportFailures[failure].message, { cause: options.cause });
    this.name = 'TransportError';
    this.failure = failure;
    this.siteOffline = transportFailures[failure].siteOffline;
    this.stage = options.stage;
    this.socksReply = options.socksReply;
  }
}

export function isTransportError(error: unknown): error is TransportError {
  return error instanceof TransportError;
}

const socksReplies: Record<number, TransportFailure> = {
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

/** The failure class of a non-zero SOCKS5 reply code (RFC 1928 §6, Tor's ExtendedErrors); unknown codes are general failures. */
export function socksReplyFailure(code: number): TransportFailure {
  return socksReplies[code] ?? 'general_failure';
}

/** `0xf6` → "0xF6", for messages. */
export const hexCode = (code: number): string => `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
