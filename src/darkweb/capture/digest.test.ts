import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, digestMatches, labelledDigestToHex, parseLabelledDigest, sameDigest, sha256Digest } from './digest.js';

describe('base32', () => {
  it('encodes the RFC 4648 test vectors, without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [text, encoded] of vectors) {
      expect(base32Encode(Buffer.from(text))).toBe(encoded);
      expect(base32Decode(encoded)?.toString()).toBe(text);
    }
  });

  it('decodes padded and lower-case input and rejects other characters', () => {
    expect(base32Decode('mzxw6===')?.toString()).toBe('foo');
    expect(base32Decode('MZXW1')).toBeUndefined();
  });

  it('agrees with coreutils base32 on a SHA-256', () => {
    const bytes = createHash('sha256').update('vigil').digest();
    const run = spawnSync('base32', { input: bytes });
    if (run.error) return; // base32 is not installed here: the RFC vectors above stand alone
    expect(base32Encode(bytes)).toBe(run.stdout.toString().replace(/[=\s]/g, ''));
  });
});

describe('labelled digests', () => {
  const body = Buffer.from('hello, onion');
  const hex = createHash('sha256').update(body).digest('hex');

  it('writes sha256 as 52 Base32 characters and gives the hex', () => {
    const digest = sha256Digest([body.subarray(0, 5), body.subarray(5)]);
    expect(digest.hex).toBe(hex);
    expect(digest.labelled).toMatch(/^sha256:[A-Z2-7]{52}$/);
    expect(labelledDigestToHex(digest.labelled)).toBe(hex);
    expect(sha256Digest([body], 'base16').labelled).toBe(`sha256:${hex}`);
  });

  it('compares across encodings, cases and compatibility labels', () => {
    const { labelled } = sha256Digest([body]);
    const value = labelled.slice('sha256:'.length);
    expect(sameDigest(labelled, `sha256:${hex}`)).toBe(true);
    expect(sameDigest(labelled, `SHA-256:${hex.toUpperCase()}`)).toBe(true);
    expect(sameDigest(labelled, `sha256:${value.toLowerCase()}====`)).toBe(true);
    expect(sameDigest(labelled, `sha1:${value}`)).toBe(false);
    expect(sameDigest(labelled, sha256Digest([Buffer.from('other')]).labelled)).toBe(false);
  });

  it('reads the sha1 Base32 that other WARC writers use, and md5 in hex', () => {
    const sha1 = createHash('sha1').update(body).digest();
    expect(digestMatches(`sha1:${base32Encode(sha1)}`, [body])).toBe(true);
    expect(digestMatches(`md5:${createHash('md5').update(body).digest('hex')}`, [body])).toBe(true);
    expect(digestMatches('whirlpool:ABC', [body])).toBe('unsupported');
    expect(parseLabelledDigest('sha256:TOO-SHORT')).toBeUndefined();
  });
});
