/**
 * Cryptocurrency addresses recognised on crawled pages (pure): Bitcoin Base58Check (P2PKH, P2SH) with
 * its double-SHA-256 checksum, Bitcoin segwit addresses in Bech32 (v0, BIP-173) and Bech32m (v1+,
 * BIP-350) with their checksums and BIP-141 program rules, Monero standard, subaddress and
 * integrated addresses (block Base58, network prefix and lengths; the Keccak checksum is not
 * verified), and Ethereum addresses (syntax only).
 *
 *   parseBitcoinAddress('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'); // { type: 'segwit', network: 'mainnet', … }
 */
import { createHash } from 'node:crypto';

export type BitcoinAddressType = 'p2pkh' | 'p2sh' | 'segwit';

export interface BitcoinAddress {
  /** The address as it should be stored: Base58 as written, segwit lower-cased. */
  address: string;
  type: BitcoinAddressType;
  network: 'mainnet' | 'testnet';
  /** The hash (Base58) or witness program (segwit). */
  payload: Uint8Array;
  /** Segwit only: the witness version, 0–16. */
  witnessVersion?: number;
}

const base58Alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const base58Value = new Int8Array(128).fill(-1);
for (let i = 0; i < base58Alphabet.length; i += 1) base58Value[base58Alphabet.charCodeAt(i)] = i;

/** Decodes Bitcoin-style Base58 (leading '1's are zero bytes); undefined on a character outside the alphabet. */
export function decodeBase58(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let carry = code < 128 ? base58Value[code]! : -1;
    if (carry < 0) return undefined;
    for (let j = 0; j < bytes.length; j += 1) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros += 1;
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i += 1) out[out.length - 1 - i] = bytes[i]!;
  return out;
}

/** Encodes bytes in Bitcoin-style Base58. */
export function encodeBase58(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let j = 0; j < digits.length; j += 1) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length && bytes[i] === 0; i += 1) out += '1';
  for (let i = digits.length - 1; i >= 0; i -= 1) out += base58Alphabet[digits[i]!];
  return out;
}

const sha256d = (bytes: Uint8Array): Buffer => createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest();

/** The payload of a Base58Check string, or undefined when the characters or the 4-byte checksum are wrong. */
export function decodeBase58Check(text: string): Uint8Array | undefined {
  const bytes = decodeBase58(text);
  if (bytes === undefined || bytes.length < 5) return undefined;
  const payload = bytes.subarray(0, bytes.length - 4);
  const checksum = sha256d(payload);
  for (let i = 0; i < 4; i += 1) if (checksum[i] !== bytes[payload.length + i]) return undefined;
  return payload;
}

/** Base58Check: the payload followed by the first four bytes of its double SHA-256. */
export function encodeBase58Check(payload: Uint8Array): string {
  const checksum = sha256d(payload).subarray(0, 4);
  const bytes = new Uint8Array(payload.length + 4);
  bytes.set(payload);
  bytes.set(checksum, payload.length);
  return encodeBase58(bytes);
}

const bech32Charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const bech32Value = new Int8Array(128).fill(-1);
for (let i = 0; i < bech32Charset.length; i += 1) bech32Value[bech32Charset.charCodeAt(i)] = i;
const bech32Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const bech32Constant = 1;
const bech32mConstant = 0x2bc830a3;

function bech32Polymod(values: readonly number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = (((checksum & 0x1ffffff) << 5) ^ value) >>> 0;
    for (let i = 0; i < 5; i += 1) if ((top >>> i) & 1) checksum = (checksum ^ bech32Generator[i]!) >>> 0;
  }
  return checksum;
}

function hrpExpand(hrp: string): number[] {
  const high: number[] = [];
  const low: number[] = [];
  for (let i = 0; i < hrp.length; i += 1) {
    high.push(hrp.charCodeAt(i) >> 5);
    low.push(hrp.charCodeAt(i) & 31);
  }
  return [...high, 0, ...low];
}

/** Regroups bit strings (8→5 to encode, 5→8 to decode); undefined when the padding is invalid. */
function convertBits(data: readonly number[], from: number, to: number, pad: boolean): number[] | undefined {
  let accumulator = 0;
  let bits = 0;
  const out: number[] = [];
  const mask = (1 << to) - 1;
  for (const value of data) {
    accumulator = ((accumulator << from) | value) & 0xffffff;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((accumulator >> bits) & mask);
    }
  }
  if (pad) {
    if (bits > 0) out.push((accumulator << (to - bits)) & mask);
  } else if (bits >= from || ((accumulator << (to - bits)) & mask) !== 0) {
    return undefined;
  }
  return out;
}

type Bech32Encoding = 'bech32' | 'bech32m';

/** Decodes a Bech32 or Bech32m string (BIP-173 rules: ≤ 90 characters, one case, valid checksum). */
export function decodeBech32(text: string): { hrp: string; data: number[]; encoding: Bech32Encoding } | undefined {
  if (text.length < 8 || text.length > 90) return undefined;
  const lower = text.toLowerCase();
  if (lower !== text && text.toUpperCase() !== text) return undefined;
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || separator + 7 > lower.length) return undefined;
  const hrp = lower.slice(0, separator);
  for (let i = 0; i < hrp.length; i += 1) {
    const code = hrp.charCodeAt(i);
    if (code < 33 || code > 126) return undefined;
  }
  const data: number[] = [];
  for (let i = separator + 1; i < lower.length; i += 1) {
    const code = lower.charCodeAt(i);
    const value = code < 128 ? bech32Value[code]! : -1;
    if (value < 0) return undefined;
    data.push(value);
  }
  const polymod = bech32Polymod([...hrpExpand(hrp), ...data]);
  const encoding: Bech32Encoding | undefined = polymod === bech32Constant ? 'bech32' : polymod === bech32mConstant ? 'bech32m' : undefined;
  if (encoding === undefined) return undefined;
  return { hrp, data: data.slice(0, -6), encoding };
}

/** Decodes a segwit address for the given human-readable part ('bc' mainnet, 'tb' testnet). */
export function decodeSegwitAddress(hrp: string, address: string): { version: number; program: Uint8Array } | undefined {
  const decoded = decodeBech32(address);
  if (decoded === undefined || decoded.hrp !== hrp || decoded.data.length < 1) return undefined;
  const version = decoded.data[0]!;
  if (version > 16) return undefined;
  if ((version === 0) !== (decoded.encoding === 'bech32')) return undefined;
  const program = convertBits(decoded.data.slice(1), 5, 8, false);
  if (program === undefined || program.length < 2 || program.length > 40) return undefined;
  if (version === 0 && program.length !== 20 && program.length !== 32) return undefined;
  return { version, program: Uint8Array.from(program) };
}

/** Encodes a segwit address: Bech32 for version 0, Bech32m for versions 1–16. */
export function encodeSegwitAddress(hrp: string, version: number, program: Uint8Array): string {
  const data = [version, ...convertBits([...program], 8, 5, true)!];
  const constant = version === 0 ? bech32Constant : bech32mConstant;
  const polymod = bech32Polymod([...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = Array.from({ length: 6 }, (_, i) => (polymod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((value) => bech32Charset[value]).join('')}`;
}

const base58Versions: Record<number, { type: BitcoinAddressType; network: 'mainnet' | 'testnet' }> = {
  0x00: { type: 'p2pkh', network: 'mainnet' },
  0x05: { type: 'p2sh', network: 'mainnet' },
  0x6f: { type: 'p2pkh', network: 'testnet' },
  0xc4: { type: 'p2sh', network: 'testnet' },
};

/** A Bitcoin address with a valid checksum (Base58Check or Bech32/Bech32m), or undefined. */
export function parseBitcoinAddress(text: string): BitcoinAddress | undefined {
  const prefix = text.slice(0, 3).toLowerCase();
  if (prefix === 'bc1' || prefix === 'tb1') {
    const hrp = prefix.slice(0, 2);
    const segwit = decodeSegwitAddress(hrp, text);
    if (segwit === undefined) return undefined;
    const network = hrp === 'bc' ? 'mainnet' : 'testnet';
    return { address: text.toLowerCase(), type: 'segwit', network, payload: segwit.program, witnessVersion: segwit.version };
  }
  if (text.length < 26 || text.length > 35) return undefined;
  const payload = decodeBase58Check(text);
  if (payload?.length !== 21) return undefined;
  const kind = base58Versions[payload[0]!];
  return kind === undefined ? undefined : { address: text, ...kind, payload: payload.subarray(1) };
}

/** Monero's Base58 works on 8-byte blocks, each written as 11 characters (a final partial block as fewer). */
const moneroBlockChars = [0, 2, 3, 5, 6, 7, 9, 10, 11];
export type MoneroAddressKind = 'standard' | 'integrated' | 'subaddress';
const moneroMainnetPrefixes = new Map<number, MoneroAddressKind>([
  [18, 'standard'],
  [19, 'integrated'],
  [42, 'subaddress'],
]);

/** The Monero address kind (mainnet) when the text decodes with a known prefix and length, else undefined. */
export function moneroAddressKind(text: string): MoneroAddressKind | undefined {
  if (text.length !== 95 && text.length !== 106) return undefined;
  const bytes: number[] = [];
  for (let at = 0; at < text.length; at += 11) {
    const block = text.slice(at, at + 11);
    const byteCount = moneroBlockChars.indexOf(block.length);
    if (byteCount < 1) return undefined;
    let value = 0n;
    for (let i = 0; i < block.length; i += 1) {
      const code = block.charCodeAt(i);
      const digit = code < 128 ? base58Value[code]! : -1;
      if (digit < 0) return undefined;
      value = value * 58n + BigInt(digit);
    }
    if (value >= 1n << BigInt(8 * byteCount)) return undefined;
    for (let i = byteCount - 1; i >= 0; i -= 1) bytes.push(Number((value >> BigInt(8 * i)) & 0xffn));
  }
  const kind = moneroMainnetPrefixes.get(bytes[0]!);
  // prefix (1) + spend key (32) + view key (32) [+ payment id (8)] + checksum (4)
  const expected = kind === 'integrated' ? 77 : 69;
  return kind !== undefined && bytes.length === expected ? kind : undefined;
}

/** True for 0x followed by 40 hexadecimal digits (the EIP-55 mixed-case checksum is not verified). */
export function isEthereumAddress(text: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(text);
}
