import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  hammingDistance,
  isPdqHex,
  pdqBit,
  pdqEquals,
  pdqFromHex,
  pdqFromReferenceWords,
  pdqFromWords,
  pdqPopcount,
  pdqToHex,
  popcount32,
} from './pdq-hash.js';

const testdata = new URL('../../../shared/testdata/pdq/', import.meta.url);
const readLines = (path: string): string[] => readFileSync(new URL(path, testdata), 'utf8').split('\n').filter(Boolean);

/** Hex with one digit `digit` at `position` (0 = first printed), zeros elsewhere. */
const hexWith = (position: number, digit: string): string => '0'.repeat(position) + digit + '0'.repeat(63 - position);

/** Naive reference: the set bits of a hex string, in the reference numbering (bit 0 = low bit of the last digit). */
const bitsOfHex = (hex: string): number[] => {
  const bits: number[] = [];
  for (let k = 0; k < 256; k += 1) {
    const digit = Number.parseInt(hex[63 - (k >> 2)]!, 16);
    if ((digit >> (k & 3)) & 1) bits.push(k);
  }
  return bits;
};

function* seededHex(seed: number, count: number): Generator<string> {
  let state = seed;
  for (let i = 0; i < count; i += 1) {
    let hex = '';
    for (let j = 0; j < 64; j += 1) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      hex += (state >>> 27).toString(16).slice(-1);
    }
    yield hex;
  }
}

describe('pdq-hash', () => {
  it('round-trips every upstream hash through hex exactly', () => {
    const hashes = [...readLines('data/reg-test-input/needles.txt'), ...readLines('data/reg-test-input/haystack.txt')];
    expect(hashes).toHaveLength(1450);
    for (const hex of hashes) expect(pdqToHex(pdqFromHex(hex))).toBe(hex);
  });

  it('parses the hex big-endian into 8 words, first word first', () => {
    const hash = pdqFromHex('0123456789abcdef' + 'fedcba9876543210' + '00000000ffffffff' + '8000000000000001');
    expect([...hash]).toEqual([0x01234567, 0x89abcdef, 0xfedcba98, 0x76543210, 0, 0xffffffff, 0x80000000, 1]);
    expect(pdqToHex(pdqFromWords(hash))).toBe('0123456789abcdeffedcba987654321000000000ffffffff8000000000000001');
  });

  it('accepts upper case and prints lower case', () => {
    expect(pdqToHex(pdqFromHex('ABCDEF'.padEnd(64, 'F')))).toBe('abcdef'.padEnd(64, 'f'));
  });

  it.each([
    ['', /expected 64 hex characters, got 0/],
    ['a'.repeat(63), /expected 64 hex characters, got 63/],
    ['a'.repeat(65), /expected 64 hex characters, got 65/],
    ['g' + 'a'.repeat(63), /non-hex character "g" at position 0/],
    ['a'.repeat(62) + ' a', /non-hex character " " at position 62/],
    ['0x' + 'a'.repeat(62), /non-hex character "x" at position 1/],
    ['a'.repeat(32) + '-' + 'a'.repeat(31), /non-hex character "-" at position 32/],
  ])('rejects %j with a clear error', (input, message) => {
    expect(() => pdqFromHex(input)).toThrow(TypeError);
    expect(() => pdqFromHex(input)).toThrow(message);
    expect(isPdqHex(input)).toBe(false);
  });

  it('numbers bits as the reference does: bit 0 is the low bit of the last digit, bit 255 the high bit of the first', () => {
    const cases: [hex: string, bit: number][] = [
      [hexWith(63, '1'), 0],
      [hexWith(63, '8'), 3],
      [hexWith(62, '1'), 4],
      [hexWith(60, '8'), 15], // top bit of reference word w[0] (the last 4 digits)
      [hexWith(59, '1'), 16], // bit 0 of w[1]
      [hexWith(56, '8'), 31],
      [hexWith(55, '1'), 32], // bit 0 of w[2]: crosses into the 7th 32-bit word
      [hexWith(3, '1'), 240], // bit 0 of w[15] (the first 4 digits)
      [hexWith(0, '1'), 252],
      [hexWith(0, '8'), 255],
    ];
    for (const [hex, bit] of cases) {
      const hash = pdqFromHex(hex);
      for (let k = 0; k < 256; k += 1) expect(pdqBit(hash, k), `bit ${k} of ${hex}`).toBe(k === bit ? 1 : 0);
    }
    expect(() => pdqBit(pdqFromHex(hexWith(0, '0')), 256)).toThrow(RangeError);
    expect(() => pdqBit(pdqFromHex(hexWith(0, '0')), -1)).toThrow(RangeError);
  });

  it('reads every bit of random hashes like a naive per-digit reference', () => {
    for (const hex of seededHex(7, 50)) {
      const hash = pdqFromHex(hex);
      const set = new Set(bitsOfHex(hex));
      for (let k = 0; k < 256; k += 1) expect(pdqBit(hash, k)).toBe(set.has(k) ? 1 : 0);
    }
  });

  it('converts the reference 16-bit words (w[0] = DCT row 0, printed last)', () => {
    const words = new Uint16Array(16);
    for (let i = 0; i < 16; i += 1) words[i] = (0x1111 * i) ^ (i << 12);
    const hash = pdqFromReferenceWords(words);
    let printed = '';
    for (let i = 15; i >= 0; i -= 1) printed += words[i]!.toString(16).padStart(4, '0');
    expect(pdqToHex(hash)).toBe(printed);
    for (let k = 0; k < 256; k += 1) expect(pdqBit(hash, k)).toBe((words[k >> 4]! >> (k & 15)) & 1);
  });

  it('counts bits: popcount32 and the reference norm column', () => {
    expect([0, 1, 0x80000000, 0xffffffff, -1, 0x55555555, 0x0f0f0f0f, 0x12345678].map(popcount32)).toEqual([0, 1, 1, 32, 32, 16, 16, 13]);
    let x = 0x9e3779b9;
    for (let i = 0; i < 1000; i += 1) {
      x = (Math.imul(x, 747796405) + 2891336453) >>> 0;
      expect(popcount32(x)).toBe(x.toString(2).replaceAll('0', '').length);
    }
    const rows = readLines('expected/cpp-reference.tsv').slice(1);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const [path, hex, , norm] = row.split('\t');
      expect(pdqPopcount(pdqFromHex(hex!)), path).toBe(Number(norm));
    }
  });

  it('measures Hamming distance like a naive bit-by-bit comparison', () => {
    const hashes = [...seededHex(11, 40)];
    for (const a of hashes) {
      for (const b of hashes) {
        const aBits = new Set(bitsOfHex(a));
        const bBits = new Set(bitsOfHex(b));
        let naive = 0;
        for (let k = 0; k < 256; k += 1) if (aBits.has(k) !== bBits.has(k)) naive += 1;
        expect(hammingDistance(pdqFromHex(a), pdqFromHex(b))).toBe(naive);
      }
    }
    expect(hammingDistance(pdqFromHex('0'.repeat(64)), pdqFromHex('f'.repeat(64)))).toBe(256);
    expect(pdqEquals(pdqFromHex(hashes[0]!), pdqFromHex(hashes[0]!))).toBe(true);
    expect(pdqEquals(pdqFromHex(hashes[0]!), pdqFromHex(hashes[1]!))).toBe(false);
  });

  it('copies words from an offset and checks the bounds', () => {
    const words = Uint32Array.from({ length: 24 }, (_, i) => i);
    expect([...pdqFromWords(words, 8)]).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(() => pdqFromWords(words, 17)).toThrow(RangeError);
    expect(() => pdqFromReferenceWords(new Uint16Array(15))).toThrow(RangeError);
  });
});
