/**
 * Onion service addresses, version 3 (pure): 56 base32 characters (RFC 4648 alphabet, any case)
 * that decode to 35 bytes, the 32-byte ed25519 public key ‖ a 2-byte checksum ‖ the version byte
 * 0x03, where the checksum is the first two bytes of SHA3-256(".onion checksum" ‖ key ‖ 0x03)
 * (rend-spec-v3 §6). Accepts the bare name, `name.onion`, subdomains (`www.name.onion`) and URLs.
 * It does not check that the key is a point of the curve: Tor itself does that when it connects.
 *
 *   parseOnionAddress('http://www.2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion/')
 *   // { ok: true, address: '2gzyxa5…53wid.onion', publicKey: <Buffer 32 bytes> }
 */
import { createHash } from 'node:crypto';

export type OnionRejection = 'empty' | 'not_onion' | 'v2_unsupported' | 'wrong_length' | 'not_base32' | 'wrong_version' | 'bad_checksum';

export type OnionParseResult = { ok: true; address: string; publicKey: Buffer } | { ok: false; reason: OnionRejection; message: string };

const base32Alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
const base32Value = new Map([...base32Alphabet].map((char, index) => [char, index]));
const v3Length = 56;
const v2Length = 16;
const version = 0x03;
const checksumPrefix = Buffer.from('.onion checksum', 'ascii');

const reject = (reason: OnionRejection, message: string): OnionParseResult => ({ ok: false, reason, message });

/** Parses and fully validates a v3 onion address given as a name, a host with subdomains or a URL. */
export function parseOnionAddress(input: string): OnionParseResult {
  let host = input.trim().toLowerCase();
  // A URL, or a host with a port or a path: let the URL parser find the host.
  if (/[/?#:@]/.test(host)) host = onionHostOf(host.includes('://') ? host : `http://${host}`) ?? hostOf(host);
  host = host.replace(/\.$/, '');
  if (host === '') return reject('empty', 'no onion address given');
  const labels = host.split('.');
  if (labels.length > 1 && labels.at(-1) !== 'onion') return reject('not_onion', `${host} is not an .onion address`);
  const name = labels.length > 1 ? (labels.at(-2) ?? '') : host;
  if (name.length === v2Length && isBase32(name))
    return reject('v2_unsupported', 'v2 onion addresses (16 characters) are no longer supported by Tor');
  if (name.length !== v3Length) return reject('wrong_length', `a v3 onion address has 56 characters, this one has ${name.length}`);
  if (!isBase32(name)) return reject('not_base32', 'an onion address uses only the letters a–z and the digits 2–7');
  const bytes = base32Decode(name);
  const publicKey = bytes.subarray(0, 32);
  if (bytes[34] !== version) return reject('wrong_version', `the version byte is ${bytes[34]}, not 3`);
  if (!onionChecksum(publicKey).equals(bytes.subarray(32, 34))) {
    return reject('bad_checksum', 'the checksum does not match: the address is mistyped or altered');
  }
  return { ok: true, address: `${name}.onion`, publicKey: Buffer.from(publicKey) };
}

/** True when the host name ends in .onion (valid or not): such names must never reach a DNS resolver. */
export function isOnionHost(host: string): boolean {
  return /(^|\.)onion\.?$/i.test(host);
}

/** The lower-cased host of an http(s) URL when it is an .onion host (subdomains kept), else undefined. */
export function onionHostOf(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return isOnionHost(host) ? host.replace(/\.$/, '') : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url.includes('://') ? url : `http://${url}`).hostname;
  } catch {
    return url;
  }
}

/** The v3 onion address (`….onion`) of a 32-byte ed25519 public key. */
export function onionAddressFromKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new RangeError('an ed25519 public key has 32 bytes');
  const bytes = Buffer.concat([publicKey, onionChecksum(publicKey), Buffer.from([version])]);
  return `${base32Encode(bytes)}.onion`;
}

function onionChecksum(publicKey: Uint8Array): Buffer {
  return createHash('sha3-256')
    .update(checksumPrefix)
    .update(publicKey)
    .update(Buffer.from([version]))
    .digest()
    .subarray(0, 2);
}

function isBase32(text: string): boolean {
  for (const char of text) if (!base32Value.has(char)) return false;
  return true;
}

/** RFC 4648 base32 without padding; 56 characters are exactly 35 bytes, so no bits are left over. */
function base32Decode(text: string): Buffer {
  const out = Buffer.alloc(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const char of text) {
    buffer = ((buffer << 5) | (base32Value.get(char) ?? 0)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += base32Alphabet[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += base32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}
