/**
 * The 256-bit PDQ hash as a value (pure): eight 32-bit words for fast XOR-popcount distance, and
 * the 64-hex text form used by the reference, ThreatExchange and `../shared/testdata/pdq`.
 *
 * Word order: the hex text parsed big-endian, eight characters a word, so `hash[0]` holds the first
 * eight characters (reference words w[15], w[14]) and `hash[7]` the last eight (w[1], w[0]). Bit k of
 * the reference (bit j of w[i], k = 16·i + j) is therefore bit k % 32 of `hash[7 - ⌊k / 32⌋]`.
 *
 *   const hash = pdqFromHex('f162eb9d…5c95');
 *   hammingDistance(hash, other) // 0..256
 *   pdqToHex(hash) === 'f162eb9d…5c95'
 */

declare const pdqHashBrand: unique symbol;

/** A PDQ hash: exactly 8 uint32 words, made only by the functions here. */
export type PdqHash = Uint32Array & { readonly [pdqHashBrand]: true };

/** Number of 32-bit words in a hash. */
export const pdqWordCount = 8;
/** Number of bits in a hash (the largest possible distance). */
export const pdqBits = 256;

const hexLength = 64;
const hexPattern = /^[0-9a-fA-F]{64}$/;

/** Set bits in a 32-bit integer (SWAR; exact for any int32 or uint32 input). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Parses 64 hex characters (either case) into a hash; throws a TypeError naming the problem. */
export function pdqFromHex(hex: string): PdqHash {
  if (typeof hex !== 'string') throw new TypeError(`invalid PDQ hash: expected a string of ${hexLength} hex characters, got ${typeof hex}`);
  if (hex.length !== hexLength) throw new TypeError(`invalid PDQ hash: expected ${hexLength} hex characters, got ${hex.length}`);
  if (!hexPattern.test(hex)) {
    const at = hex.search(/[^0-9a-fA-F]/);
    throw new TypeError(`invalid PDQ hash: non-hex character ${JSON.stringify(hex[at])} at position ${at}`);
  }
  const hash = new Uint32Array(pdqWordCount);
  for (let w = 0; w < pdqWordCount; w += 1) hash[w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16);
  return hash as PdqHash;
}

/** The hash as 64 lowercase hex characters, reference word w[15] first. */
export function pdqToHex(hash: PdqHash): string {
  let hex = '';
  for (let w = 0; w < pdqWordCount; w += 1) hex += hash[w]!.toString(16).padStart(8, '0');
  return hex;
}

/** True when `hex` is 64 hex characters (the check `pdqFromHex` makes before parsing). */
export function isPdqHex(hex: string): boolean {
  return hexPattern.test(hex);
}

/** Copies 8 words (from `words`, starting at word `offset`) into a new hash. */
export function pdqFromWords(words: ArrayLike<number>, offset = 0): PdqHash {
  if (offset < 0 || offset + pdqWordCount > words.length) {
    throw new RangeError(`invalid PDQ hash: need ${pdqWordCount} words at offset ${offset}, have ${words.length}`);
  }
  const hash = new Uint32Array(pdqWordCount);
  for (let w = 0; w < pdqWordCount; w += 1) hash[w] = words[offset + w]!;
  return hash as PdqHash;
}

/** Converts the reference's 16 × 16-bit words (`w[0]`…`w[15]`, as `pdq.ts` returns them) to a hash. */
export function pdqFromReferenceWords(words: Uint16Array): PdqHash {
  if (words.length !== 16) throw new RangeError(`invalid PDQ hash: expected 16 reference words, got ${words.length}`);
  const hash = new Uint32Array(pdqWordCount);
  for (let t = 0; t < pdqWordCount; t += 1) hash[t] = ((words[15 - 2 * t]! << 16) | words[14 - 2 * t]!) >>> 0;
  return hash as PdqHash;
}

/** Bit k (0..255) in the reference numbering: bit k % 16 of reference word w[⌊k / 16⌋]. */
export function pdqBit(hash: PdqHash, k: number): 0 | 1 {
  if (!Number.isInteger(k) || k < 0 || k >= pdqBits) throw new RangeError(`PDQ bit index out of range: ${k}`);
  return ((hash[7 - (k >>> 5)]! >>> (k & 31)) & 1) as 0 | 1;
}

/** Number of set bits (the reference's "norm"). */
export function pdqPopcount(hash: PdqHash): number {
  let n = 0;
  for (let w = 0; w < pdqWordCount; w += 1) n += popcount32(hash[w]!);
  return n;
}

/** Hamming distance between two hashes: popcount of the XOR, 0..256. */
export function hammingDistance(a: PdqHash, b: PdqHash): number {
  return (
    popcount32(a[0]! ^ b[0]!) +
    popcount32(a[1]! ^ b[1]!) +
    popcount32(a[2]! ^ b[2]!) +
    popcount32(a[3]! ^ b[3]!) +
    popcount32(a[4]! ^ b[4]!) +
    popcount32(a[5]! ^ b[5]!) +
    popcount32(a[6]! ^ b[6]!) +
    popcount32(a[7]! ^ b[7]!)
  );
}

/** True when both hashes have the same 256 bits. */
export function pdqEquals(a: PdqHash, b: PdqHash): boolean {
  for (let w = 0; w < pdqWordCount; w += 1) if (a[w] !== b[w]) return false;
  return true;
}
