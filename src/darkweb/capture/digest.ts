/**
 * WARC labelled digests (pure): `algorithm:value`, as in `WARC-Block-Digest` and
 * `WARC-Payload-Digest`. Vigil writes SHA-256 in RFC 4648 Base32, upper case, without `=` padding
 * (`sha256:` and 52 characters), the same alphabet the WARC ecosystem uses for `sha1:`; the IIPC
 * community guidelines instead suggest lower-case Base16 for SHA-256 (Base32 of 32 bytes needs
 * padding), so the writer can emit that on request and every reader here accepts both, in either
 * case, padded or not, with the compatibility labels (`sha-256:`).
 *
 *   const digest = sha256Digest([head, body]); // { labelled: 'sha256:…', hex: '…' }
 *   sameDigest(digest.labelled, `sha256:${digest.hex}`) // true
 */
import { createHash } from 'node:crypto';

export type DigestEncoding = 'base32' | 'base16';

export interface Digest {
  /** As written in a WARC header, e.g. `sha256:PU3L…`. */
  labelled: string;
  /** The same bytes in lower-case hex, for databases and people. */
  hex: string;
}

/** Node's name and the digest size in bytes, by WARC label. */
const algorithms: Readonly<Record<string, { node: string; bytes: number }>> = {
  md5: { node: 'md5', bytes: 16 },
  sha1: { node: 'sha1', bytes: 20 },
  sha224: { node: 'sha224', bytes: 28 },
  sha256: { node: 'sha256', bytes: 32 },
  sha384: { node: 'sha384', bytes: 48 },
  sha512: { node: 'sha512', bytes: 64 },
  'sha512-256': { node: 'sha512-256', bytes: 32 },
  'sha3-256': { node: 'sha3-256', bytes: 32 },
  'sha3-512': { node: 'sha3-512', bytes: 64 },
};

const compatibilityLabels: Readonly<Record<string, string>> = {
  'sha-1': 'sha1',
  'sha-224': 'sha224',
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
};

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32, upper case, no padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes RFC 4648 Base32 in either case, padded or not; undefined when it is not Base32. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = base32Alphabet.indexOf(char);
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The WARC label for an algorithm name as found in a file, or undefined when Vigil cannot compute it. */
export function normalizeAlgorithm(label: string): string | undefined {
  const lower = label.trim().toLowerCase();
  const name = compatibilityLabels[lower] ?? lower;
  return name in algorithms ? name : undefined;
}

/** Hashes the chunks in order, as if they were one buffer, without joining them. */
export function hashChunks(algorithm: string, chunks: readonly Uint8Array[]): Buffer {
  const known = algorithms[algorithm];
  if (!known) throw new Error(`unsupported digest algorithm ${algorithm}`);
  const hash = createHash(known.node);
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest();
}

/** Formats digest bytes as a WARC labelled digest. */
export function formatDigest(algorithm: string, bytes: Uint8Array, encoding: DigestEncoding = 'base32'): string {
  return `${algorithm}:${encoding === 'base32' ? base32Encode(bytes) : Buffer.from(bytes).toString('hex')}`;
}

/** SHA-256 over the chunks, labelled (Base32 unless asked otherwise) and in hex. */
export function sha256Digest(chunks: readonly Uint8Array[], encoding: DigestEncoding = 'base32'): Digest {
  const bytes = hashChunks('sha256', chunks);
  return { labelled: formatDigest('sha256', bytes, encoding), hex: bytes.toString('hex') };
}

export interface ParsedDigest {
  algorithm: string;
  bytes: Buffer;
}

/**
 * Reads a labelled digest in Base16 or Base32 (either case, padded or not); undefined when the
 * label is unknown or the value is not a digest of that algorithm's size.
 */
export function parseLabelledDigest(labelled: string): ParsedDigest | undefined {
  const colon = labelled.indexOf(':');
  if (colon < 0) return undefined;
  const algorithm = normalizeAlgorithm(labelled.slice(0, colon));
  if (!algorithm) return undefined;
  const size = algorithms[algorithm]?.bytes ?? 0;
  const value = labelled.slice(colon + 1).trim();
  // MD5 is 32 characters in both Base16 and padded Base32; Base32 then ends in `=`.
  if (value.length === size * 2 && /^[0-9a-fA-F]+$/.test(value)) return { algorithm, bytes: Buffer.from(value, 'hex') };
  const bytes = base32Decode(value);
  if (bytes?.length !== size || value.replace(/=+$/, '').length !== Math.ceil((size * 8) / 5)) return undefined;
  return { algorithm, bytes };
}

/** The hex of a labelled digest's bytes, whatever its encoding. */
export function labelledDigestToHex(labelled: string): string | undefined {
  return parseLabelledDigest(labelled)?.bytes.toString('hex');
}

/** True when both name the same algorithm and bytes, whatever their encodings. */
export function sameDigest(a: string, b: string): boolean {
  const left = parseLabelledDigest(a);
  const right = parseLabelledDigest(b);
  return left !== undefined && right !== undefined && left.algorithm === right.algorithm && left.bytes.equals(right.bytes);
}

/** Whether the chunks hash to the labelled digest: 'unsupported' when its algorithm or encoding is unknown. */
export function digestMatches(labelled: string, chunks: readonly Uint8Array[]): boolean | 'unsupported' {
  const parsed = parseLabelledDigest(labelled);
  if (!parsed) return 'unsupported';
  return hashChunks(parsed.algorithm, chunks).equals(parsed.bytes);
}
