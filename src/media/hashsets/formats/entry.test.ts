import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkCategory,
  checkHash,
  checkPhotoDna,
  convertCategory,
  degenerateHashWarnings,
  describeCategory,
  emptyFileHashes,
  type HashSetEntry,
  mergeEntries,
  normaliseEntry,
  normaliseHash,
  photoDnaToBytes,
} from './entry.js';

// Synthetic hashes only: digests of 'vigil-test-N' strings.
const digest = (algorithm: string, seed: string): string => createHash(algorithm).update(seed).digest('hex');
const md5 = (n: number): string => digest('md5', `vigil-test-${n}`);
const sha1 = (n: number): string => digest('sha1', `vigil-test-${n}`);
const sha256 = (n: number): string => digest('sha256', `vigil-test-${n}`);
const pdq = (n: number): string => digest('sha256', `vigil-pdq-${n}`);
const photoDnaBytes = (n: number): Buffer =>
  Buffer.concat([0, 1, 2, 3, 4].map((k) => createHash('sha256').update(`vigil-pdna-${n}-${k}`).digest())).subarray(0, 144);

describe('hash checks', () => {
  it('normalises case and whitespace', () => {
    expect(checkHash('md5', `  ${md5(1).toUpperCase()}\t`)).toEqual({ ok: true, value: md5(1) });
    const spaced = md5(1).replace(/(.{8})/g, '$1 ');
    expect(normaliseHash('md5', spaced)).toBe(md5(1));
    expect(normaliseHash('sha1', sha1(1).toUpperCase())).toBe(sha1(1));
    expect(normaliseHash('sha256', sha256(1))).toBe(sha256(1));
  });

  it('says what is wrong', () => {
    expect(checkHash('md5', md5(1).slice(1))).toEqual({ ok: false, reason: 'MD5 must be 32 hex characters, found 31' });
    expect(checkHash('sha1', md5(1))).toEqual({ ok: false, reason: 'SHA-1 must be 40 hex characters, found 32' });
    expect(checkHash('pdq', `${pdq(1).slice(0, 63)}g`)).toMatchObject({ ok: false, reason: expect.stringContaining('not hexadecimal') });
    expect(normaliseHash('md5', '')).toBeUndefined();
  });

  it('keeps PhotoDNA as base64 text and converts hex', () => {
    const bytes = photoDnaBytes(1);
    const base64 = bytes.toString('base64');
    expect(base64).toHaveLength(192);
    expect(checkPhotoDna(base64)).toEqual({ ok: true, value: base64 });
    expect(checkPhotoDna(bytes.toString('hex').toUpperCase())).toEqual({ ok: true, value: base64 });
    expect(checkPhotoDna(`${base64.slice(0, 96)}\n${base64.slice(96)}`)).toEqual({ ok: true, value: base64 });
    expect(checkPhotoDna(base64.slice(4))).toMatchObject({ ok: false, reason: expect.stringContaining('found 188 characters') });
    expect(Buffer.from(photoDnaToBytes(bytes.toString('hex'))!)).toEqual(bytes);
    expect(photoDnaToBytes('nope')).toBeUndefined();
  });
});

describe('categories', () => {
  it('checks codes per scheme', () => {
    expect(checkCategory({ scheme: 'projectvic-us', code: '0' })).toEqual({ ok: true, value: { scheme: 'projectvic-us', code: '0' } });
    expect(checkCategory({ scheme: 'projectvic-us', code: '5' }).ok).toBe(false);
    expect(checkCategory({ scheme: 'projectvic-legacy', code: '5' }).ok).toBe(true);
    expect(checkCategory({ scheme: 'uk', code: ' b ' })).toEqual({ ok: true, value: { scheme: 'uk', code: 'B' } });
    expect(checkCategory({ scheme: 'uk', code: 'D' })).toEqual({ ok: false, reason: "category 'D' is not a UK category (A, B, C)" });
    expect(checkCategory({ scheme: 'none', code: '7' }).ok).toBe(true);
    expect(checkCategory({ scheme: 'projectvic-us', code: 'constructor' }).ok).toBe(false);
  });

  it('describes and converts between the Project VIC numberings', () => {
    expect(describeCategory({ scheme: 'projectvic-us', code: '0' })).toBe('non-pertinent');
    expect(describeCategory({ scheme: 'projectvic-legacy', code: '0' })).toBe('uncategorised');
    expect(describeCategory({ scheme: 'none', code: '1' })).toBeUndefined();
    expect(convertCategory({ scheme: 'projectvic-legacy', code: '5' }, 'projectvic-us')).toEqual({ scheme: 'projectvic-us', code: '0' });
    expect(convertCategory({ scheme: 'projectvic-legacy', code: '1' }, 'projectvic-us')).toEqual({ scheme: 'projectvic-us', code: '1' });
    expect(convertCategory({ scheme: 'projectvic-legacy', code: '0' }, 'projectvic-us')).toBeUndefined();
    expect(convertCategory({ scheme: 'projectvic-us', code: '0' }, 'projectvic-legacy')).toEqual({
      scheme: 'projectvic-legacy',
      code: '5',
    });
    expect(convertCategory({ scheme: 'uk', code: 'A' }, 'projectvic-us')).toBeUndefined();
  });
});

describe('normaliseEntry', () => {
  it('canonicalises hashes and drops empty text', () => {
    const result = normaliseEntry({ md5: md5(1).toUpperCase(), sha1: ' ', seriesName: '  Series Alpha (synthetic) ', notes: '' });
    expect(result).toEqual({ ok: true, value: { md5: md5(1), seriesName: 'Series Alpha (synthetic)' } });
  });

  it('reports every problem at once', () => {
    const result = normaliseEntry({ md5: 'abc', pdqQuality: 101, submissions: -1, category: { scheme: 'uk', code: 'Z' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain('MD5 must be 32');
      expect(result.reason).toContain('PDQ quality must be an integer 0–100');
      expect(result.reason).toContain('submissions must be a non-negative integer');
      expect(result.reason).toContain('not a UK category');
    }
  });

  it('refuses an entry without a hash', () => {
    expect(normaliseEntry({ seriesName: 'Series Alpha (synthetic)' })).toEqual({
      ok: false,
      reason: 'no hash (MD5, SHA-1, SHA-256, PDQ or PhotoDNA)',
    });
  });
});

describe('degenerateHashWarnings', () => {
  it('flags empty-file hashes, the zero PDQ and low quality', () => {
    expect(degenerateHashWarnings({ md5: emptyFileHashes.md5 })).toEqual([
      'MD5 is the hash of an empty file and would match every empty file',
    ]);
    expect(degenerateHashWarnings({ pdq: '0'.repeat(64), pdqQuality: 0 })[0]).toContain('all zeros');
    expect(degenerateHashWarnings({ pdq: pdq(1), pdqQuality: 12 })[0]).toContain('quality 12 is under 50');
    expect(degenerateHashWarnings({ md5: md5(1), pdq: pdq(1), pdqQuality: 90 })).toEqual([]);
  });
});

describe('mergeEntries', () => {
  it('folds records sharing a hash, transitively, keeping first-seen order', () => {
    const records: HashSetEntry[] = [
      { md5: md5(1), externalId: '101' },
      { md5: md5(2) },
      { md5: md5(1), sha1: sha1(1), externalId: '102' },
      { sha1: sha1(1), sha256: sha256(1) },
      { sha256: sha256(1), fileName: 'synthetic-1.jpg' },
    ];
    const result = mergeEntries(records);
    expect(result.entries).toEqual([
      { md5: md5(1), sha1: sha1(1), sha256: sha256(1), externalId: '101', fileName: 'synthetic-1.jpg' },
      { md5: md5(2) },
    ]);
    expect(result.sources).toEqual([[0, 2, 3, 4], [1]]);
    expect(result.conflicts).toEqual([]);
  });

  it('joins two groups that a later record links', () => {
    const result = mergeEntries([{ md5: md5(1) }, { sha1: sha1(1) }, { md5: md5(1), sha1: sha1(1) }]);
    expect(result.entries).toEqual([{ md5: md5(1), sha1: sha1(1) }]);
    expect(result.sources).toEqual([[0, 1, 2]]);
  });

  it('keeps apart records that share an MD5 but not a SHA-1', () => {
    const result = mergeEntries([
      { md5: md5(1), sha1: sha1(1) },
      { md5: md5(1), sha1: sha1(2) },
    ]);
    expect(result.entries).toHaveLength(2);
    expect(result.conflicts).toEqual([{ records: [0, 1], message: 'same MD5 but different SHA-1: kept as separate files' }]);
  });

  it('combines fields: flags true wins, submissions max, notes joined, first category kept with a conflict', () => {
    const result = mergeEntries([
      {
        md5: md5(1),
        category: { scheme: 'projectvic-us', code: '1' },
        victimIdentified: false,
        submissions: 3,
        notes: 'first note',
        seriesName: 'Series Alpha (synthetic)',
      },
      {
        md5: md5(1),
        category: { scheme: 'projectvic-us', code: '2' },
        victimIdentified: true,
        distributed: false,
        submissions: 7,
        notes: 'second note',
        seriesName: 'series alpha (synthetic)',
      },
      { md5: md5(1), category: { scheme: 'projectvic-legacy', code: '1' }, notes: 'first note' },
    ]);
    expect(result.entries).toEqual([
      {
        md5: md5(1),
        category: { scheme: 'projectvic-us', code: '1' },
        victimIdentified: true,
        distributed: false,
        submissions: 7,
        notes: 'first note\nsecond note',
        seriesName: 'Series Alpha (synthetic)',
      },
    ]);
    expect(result.conflicts).toEqual([
      { records: [0, 1], message: "category differs ('projectvic-us 1' kept, 'projectvic-us 2' dropped)" },
    ]);
  });

  it('fills an uncategorised record from a categorised copy', () => {
    const result = mergeEntries([{ sha1: sha1(1) }, { sha1: sha1(1), category: { scheme: 'projectvic-us', code: '0' } }]);
    expect(result.entries).toEqual([{ sha1: sha1(1), category: { scheme: 'projectvic-us', code: '0' } }]);
  });

  it('folds duplicate PDQ-only records but never a PDQ into a file with a cryptographic hash', () => {
    const result = mergeEntries([
      { pdq: pdq(1), pdqQuality: 80 },
      { pdq: pdq(1), pdqQuality: 95 },
      { md5: md5(1), pdq: pdq(1) },
      { pdq: pdq(2) },
    ]);
    expect(result.entries).toEqual([{ pdq: pdq(1), pdqQuality: 95 }, { md5: md5(1), pdq: pdq(1) }, { pdq: pdq(2) }]);
  });

  it('does not change its input', () => {
    const records: HashSetEntry[] = [{ md5: md5(1) }, { md5: md5(1), sha1: sha1(1) }];
    mergeEntries(records);
    expect(records).toEqual([{ md5: md5(1) }, { md5: md5(1), sha1: sha1(1) }]);
  });
});
