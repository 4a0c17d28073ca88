import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../../test/testdata.js';
import type { HashSetEntry } from './entry.js';
import {
  exportMd5List,
  exportPdqList,
  exportSha1List,
  exportSha256List,
  parseMd5List,
  parsePdqList,
  parseSha1List,
  parseSha256List,
} from './hash-list.js';

// Synthetic hashes only: digests of 'vigil-test-N' strings (and public PDQ test vectors).
const digest = (algorithm: string, seed: string): string => createHash(algorithm).update(seed).digest('hex');
const md5 = (n: number): string => digest('md5', `vigil-test-${n}`);
const sha1 = (n: number): string => digest('sha1', `vigil-test-${n}`);
const sha256 = (n: number): string => digest('sha256', `vigil-test-${n}`);
const pdq = (n: number): string => digest('sha256', `vigil-pdq-${n}`);

describe('parsePdqList', () => {
  it('reads hex, hex,quality, hex quality and the reference hasher line, skipping blanks and comments', () => {
    const text = [
      '# synthetic PDQ list',
      pdq(1),
      `${pdq(2).toUpperCase()},87`,
      '',
      `${pdq(3)} 100`,
      `${pdq(4)}\t64`,
      `  ${pdq(5)}, 90, synthetic-5.jpg  `,
      '   # indented comment',
    ].join('\r\n');
    const result = parsePdqList(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.format).toBe('pdq-list');
    expect(result.entries).toEqual<HashSetEntry[]>([
      { pdq: pdq(1) },
      { pdq: pdq(2), pdqQuality: 87 },
      { pdq: pdq(3), pdqQuality: 100 },
      { pdq: pdq(4), pdqQuality: 64 },
      { pdq: pdq(5), pdqQuality: 90, fileName: 'synthetic-5.jpg' },
    ]);
  });

  it('reports bad lines by number, warns about weak hashes and folds duplicates', () => {
    const text = [pdq(1), pdq(1).slice(1), `${pdq(2)},101`, `${pdq(3)} 90 extra`, `${pdq(4)},12`, '0'.repeat(64), `${pdq(1)},95`].join(
      '\n',
    );
    const result = parsePdqList(text);
    expect(result.errors).toEqual([
      { line: 2, message: 'PDQ must be 64 hex characters, found 63' },
      { line: 3, message: "PDQ quality must be a whole number 0–100, found '101'" },
      { line: 4, message: "expected 'hex', 'hex,quality' or 'hex quality', found 3 words" },
    ]);
    expect(result.entries).toEqual([{ pdq: pdq(1), pdqQuality: 95 }, { pdq: pdq(4), pdqQuality: 12 }, { pdq: '0'.repeat(64) }]);
    expect(result.warnings).toEqual([
      { line: 5, message: 'PDQ quality 12 is under 50: too unreliable to match on' },
      { line: 6, message: 'PDQ is all zeros (an image under 5 px or a blank image) and matches too widely' },
      {
        line: 1,
        message:
          '2 records were merged into 1 entry (one file: same MD5, SHA-1 or SHA-256, or a repeated PDQ or PhotoDNA); the first: line 1, line 7',
      },
    ]);
  });

  it('reads the PDQ reference haystack (public test vectors)', () => {
    const result = parsePdqList(readFileSync(testdata('pdq', 'data', 'reg-test-input', 'haystack.txt')));
    expect(result.errors).toEqual([]);
    expect(result.entries).toHaveLength(1350);
  });

  it('round-trips PDQ and quality', () => {
    const entries: HashSetEntry[] = [{ pdq: pdq(1), pdqQuality: 90 }, { pdq: pdq(2) }, { md5: md5(3) }];
    const exported = exportPdqList(entries);
    expect(exported.text).toBe(`${pdq(1)},90\n${pdq(2)}\n`);
    expect(exported.skipped).toEqual([{ index: 2, message: 'no PDQ hash' }]);
    expect(parsePdqList(exported.text).entries).toEqual(entries.slice(0, 2));
  });
});

describe('MD5, SHA-1 and SHA-256 lists', () => {
  it('reads bare hashes and md5sum lines, text and binary mode, with escaped names', () => {
    const text = [
      '# md5sum output (synthetic)',
      md5(1).toUpperCase(),
      `${md5(2)}  synthetic two.jpg`,
      `${md5(3)} *synthetic-3.bin`,
      `\\${md5(4)}  dir\\\\synthetic\\n4.jpg`,
      '',
    ].join('\n');
    const result = parseMd5List(text);
    expect(result.errors).toEqual([]);
    expect(result.format).toBe('md5-list');
    expect(result.entries).toEqual([
      { md5: md5(1) },
      { md5: md5(2), fileName: 'synthetic two.jpg' },
      { md5: md5(3), fileName: 'synthetic-3.bin' },
      { md5: md5(4), fileName: 'dir\\synthetic\n4.jpg' },
    ]);
  });

  it('names the hash a wrong line holds', () => {
    const result = parseMd5List([md5(1), sha1(2), 'not a hash', `${md5(4)} x`, md5(5).slice(3)].join('\n'));
    expect(result.entries).toEqual([{ md5: md5(1) }]);
    expect(result.errors).toEqual([
      { line: 2, message: 'expected MD5 (32 hex characters), found a SHA-1 hash' },
      { line: 3, message: "expected MD5 (32 hex characters), found 'not a hash'" },
      { line: 4, message: "expected 'md5  filename' after the hash, found ' x'" },
      { line: 5, message: `expected MD5 (32 hex characters), found '${md5(5).slice(3, 27)}…'` },
    ]);
    expect(parseSha1List(`${sha1(1)}\n${sha256(2)}\n`).errors).toEqual([
      { line: 2, message: 'expected SHA-1 (40 hex characters), found a SHA-256 or PDQ hash' },
    ]);
  });

  it('round-trips each list, file names only on request', () => {
    const entries: HashSetEntry[] = [
      { md5: md5(1), sha1: sha1(1), sha256: sha256(1), fileName: 'synthetic-1.jpg' },
      { md5: md5(2), sha1: sha1(2), sha256: sha256(2), fileName: 'odd\\name\n2.jpg' },
      { pdq: pdq(3) },
    ];
    const plain = exportMd5List(entries);
    expect(plain.text).toBe(`${md5(1)}\n${md5(2)}\n`);
    expect(plain.written).toBe(2);
    expect(plain.skipped).toEqual([{ index: 2, message: 'no MD5 hash' }]);
    expect(parseMd5List(plain.text).entries).toEqual([{ md5: md5(1) }, { md5: md5(2) }]);

    const named = exportMd5List(entries, { withFileNames: true });
    expect(named.text).toBe(`${md5(1)}  synthetic-1.jpg\n\\${md5(2)}  odd\\\\name\\n2.jpg\n`);
    expect(parseMd5List(named.text).entries).toEqual(entries.slice(0, 2).map(({ md5: hash, fileName }) => ({ md5: hash, fileName })));

    expect(parseSha1List(exportSha1List(entries).text).entries).toEqual([{ sha1: sha1(1) }, { sha1: sha1(2) }]);
    const sha256Text = exportSha256List(entries, { withFileNames: true }).text;
    expect(parseSha256List(sha256Text).entries).toEqual(
      entries.slice(0, 2).map(({ sha256: hash, fileName }) => ({ sha256: hash, fileName })),
    );
  });

  it('writes each hash once', () => {
    expect(exportMd5List([{ md5: md5(1) }, { md5: md5(1), sha1: sha1(9) }]).text).toBe(`${md5(1)}\n`);
    expect(exportMd5List([]).text).toBe('');
  });
});
