/**
 * Checks at start that the configured proxy is a Tor SocksPort that Vigil can use, without
 * touching the Tor network: it does the SOCKS5 greeting (nothing listening → unreachable, a
 * non-SOCKS service or an HTTP proxy → not_socks), then asks for a syntactically invalid onion
 * name. Tor rejects it at once with its extended code 0xF6 (bad address) → tor; any other SOCKS
 * proxy tries to resolve the name itself and answers 0x04 or 0x01 → not_tor. It does not tell
 * whether Tor has finished bootstrapping: the first fetches say that.
 *
 * Tor needs, in torrc (IsolateSOCKSAuth is on by default and gives each site its own circuits;
 * ExtendedErrors makes onion failures classifiable, and this test depends on it):
 *
 *   SocksPort 127.0.0.1:9050 ExtendedErrors IsolateSOCKSAuth
 *
 *   const check = await torSelfTest({ host: '127.0.0.1', port: 9050 }, 10_000); if (!check.ok) console.error(check.message);
 */
import { socksConnect, type SocksProxy } from './socks5.js';
import { hexCode, isTransportError } from './transport-error.js';

export type TorSelfTestKind = 'tor' | 'not_tor' | 'unreachable' | 'not_socks';

export interface TorSelfTestResult {
  ok: boolean;
  kind: TorSelfTestKind;
  message: string;
}

/** 56 × "a" has the shape of a v3 name but decodes to version 0 with a wrong checksum. */
export const invalidOnionProbe = `${'a'.repeat(56)}.onion`;

const fix = 'set VIGIL_TOR_SOCKS to a Tor SocksPort with ExtendedErrors';

/** Tells whether `proxy` is a reachable Tor SocksPort with ExtendedErrors. */
export async function torSelfTest(proxy: SocksProxy, timeoutMs = 10_000): Promise<TorSelfTestResult> {
  const at = `${proxy.host}:${proxy.port}`;
  const notTor = (what: string): TorSelfTestResult => ({
    ok: false,
    kind: 'not_tor',
    message: `the proxy at ${at} is not Tor (${what}); ${fix}`,
  });
  try {
    const socket = await socksConnect({ proxy, host: invalidOnionProbe, port: 80, username: 'vigil-self-test', timeoutMs });
    socket.destroy();
    return notTor('it connected to an invalid onion name');
  } catch (error) {
    if (!isTransportError(error)) throw error;
    const { failure, socksReply: reply, stage } = error;
    // Only Tor sends the onion service codes 0xF0–0xF7; 0xF6 (bad address) is the expected one.
    if (reply !== undefined && reply >= 0xf0 && reply <= 0xf7) {
      return { ok: true, kind: 'tor', message: `Tor at ${at} answers with extended errors (${hexCode(reply)} for an invalid onion name)` };
    }
    if (failure === 'proxy_unreachable')
      return { ok: false, kind: 'unreachable', message: `nothing answers at ${at} (${error.message}); start Tor or ${fix}` };
    if (failure === 'proxy_protocol' && reply === undefined) {
      return { ok: false, kind: 'not_socks', message: `the service at ${at} does not speak SOCKS5 (${error.message}); ${fix}` };
    }
    if (failure === 'timeout' && stage !== 'connect') {
      return {
        ok: false,
        kind: 'not_socks',
        message: `the service at ${at} did not answer the SOCKS5 greeting in ${timeoutMs} ms; ${fix}`,
      };
    }
    if (failure === 'timeout') return notTor('it did not answer a CONNECT to an invalid onion name at once, as Tor does');
    if (failure === 'proxy_auth_failed')
      return notTor('it refused SOCKS username/password authentication, which Tor accepts for stream isolation');
    if (reply === 0x01)
      return notTor('it answered "general failure" for an invalid onion name: Tor without ExtendedErrors, or another proxy');
    return notTor(`it tried to resolve .onion names itself: ${reply === undefined ? error.message : `SOCKS reply ${hexCode(reply)}`}`);
  }
}
