/**
 * PDQ against the C++ reference (../shared/testdata/pdq): bit-exact on the reference's own decoded
 * buffers, identical on the images of cpp-reference.tsv, and exact on the dihedral variants.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../test/testdata.js';
import { decodeForPdq } from './decode.js';
import { pdqDihedral, pdqFromPixels, pdqWordsToHex } from './pdq.js';

const pdqData = testdata('pdq');
const table = (file: string): string[][] =>
  readFileSync(`${pdqData}/${file}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));

const hexDistance = (a: string, b: string): number => {
  let distance = 0;
  for (let i = 0; i < a.length; i += 1) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    for (; x !== 0; x &= x - 1) distance += 1;
  }
  return distance;
};

async function hashFile(path: string) {
  const image = await decodeForPdq(readFileSync(`${pdqData}/${path}`));
  return pdqFromPixels(image.pixels, image.width, image.height, image.channels);
}

describe('PDQ', () => {
  it.each(table('decoded/expected.tsv'))(
    'is bit-exact on the reference buffer %s',
    async (file, _source, width, height, _channels, hex, quality) => {
      const { data, info } = await sharp(`${pdqData}/decoded/${file}`).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([Number(width), Number(height)]);
      const result = pdqFromPixels(new Uint8Array(data), info.width, info.height, info.channels);
      expect(pdqWordsToHex(result.words)).toBe(hex);
      expect(result.quality).toBe(Number(quality));
    },
  );

  it('agrees with the C++ reference CLI on its images (≥ 95% identical, ≤ 10 bits at quality ≥ 80)', async () => {
    const rows = table('expected/cpp-reference.tsv');
    const results = await Promise.all(
      rows.map(async ([path, hex, quality]) => {
        const result = await hashFile(path!);
        return { path, distance: hexDistance(pdqWordsToHex(result.words), hex!), quality: Number(quality), ours: result.quality };
      }),
    );
    const identical = results.filter((r) => r.distance === 0).length;
    expect(identical / results.length).toBeGreaterThanOrEqual(0.95);
    for (const r of results.filter((x) => x.quality >= 80)) expect(r.distance, r.path).toBeLessThanOrEqual(10);
    for (const r of results) expect(r.ours, r.path).toBe(r.quality);
    // As measured when this test was written: every image identical, CMYK and ICC-tagged PNG included.
    expect(identical).toBe(results.length);
  });

  it('computes the 8 dihedral variants from one DCT exactly as the reference', async () => {
    for (const [path, , ...expected] of table('expected/cpp-reference-dihedral.tsv')) {
      const result = await hashFile(path!);
      expect(pdqDihedral(result.dct).map(pdqWordsToHex), path).toEqual(expected);
    }
  });

  it('finds each rotated or flipped photo as the matching variant of the original', async () => {
    const original = pdqDihedral((await hashFile('data/reg-test-input/dih/bridge-1-original.jpg')).dct).map(pdqWordsToHex);
    const files = ['1-original', '2-rotate-90', '3-rotate-180', '4-rotate-270', '5-flipx', '6-flipy', '7-flip-plus-1', '8-flip-minus-1'];
    for (const [variant, name] of files.entries()) {
      const hash = pdqWordsToHex((await hashFile(`data/reg-test-input/dih/bridge-${name}.jpg`)).words);
      expect(hexDistance(hash, original[variant]!), name).toBeLessThanOrEqual(18);
    }
  });

  it('prints reference word 15 first: word order matters', () => {
    const words = new Uint16Array(16);
    words[0] = 0x0001;
    words[15] = 0xabcd;
    expect(pdqWordsToHex(words)).toBe('abcd' + '0000'.repeat(14) + '0001');
  });

  it('hashes images under 5 px to zero with quality 0', () => {
    const result = pdqFromPixels(new Uint8Array(4 * 4 * 3).fill(200), 4, 4, 3);
    expect(pdqWordsToHex(result.words)).toBe('0'.repeat(64));
    expect(result.quality).toBe(0);
  });

  it('gives a flat image quality 0 and a generated pattern quality 100', () => {
    const size = 128;
    const flat = new Uint8Array(size * size).fill(90);
    expect(pdqFromPixels(flat, size, size, 1).quality).toBe(0);
    const checkers = new Uint8Array(size * size);
    for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) checkers[y * size + x] = ((x >> 3) + (y >> 3)) % 2 ? 255 : 0;
    expect(pdqFromPixels(checkers, size, size, 1).quality).toBe(100);
  });
});
