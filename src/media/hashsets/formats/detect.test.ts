import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../../test/testdata.js';
import { detectFormat, parseHashSet } from './detect.js';
import type { HashSetEntry } from './entry.js';
import {
  exportIcseCsv,
  exportMd5List,
  exportPdqList,
  exportSha1List,
  exportSha256List,
  exportVicsJson,
  type HashSetFormat,
  icseColumns,
} from './index.js';

// Synthetic hashes only: digests of 'vigil-test-N' strings.
const digest = (algorithm: string, seed: string): string => createHash(algorithm).update(seed).digest('hex');
const md5 = (n: number): string => digest('md5', `vigil-test-${n}`);
const sha1 = (n: number): string => digest('sha1', `vigil-test-${n}`);
const sha256 = (n: number): string => digest('sha256', `vigil-test-${n}`);
const pdq = (n: number): string => digest('sha256', `vigil-pdq-${n}`);

const icse = `\uFEFF${icseColumns.join(';')}\r\n${md5(1)};${sha1(1)};;1;No;No;No;Series Alpha (synthetic);1;No;Image;No\r\n`;
const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('detectFormat', () => {
  it.each<[string, string | Uint8Array, HashSetFormat | undefined]>([
    ['ICSE CSV with a BOM', Buffer.from(icse), 'icse-csv'],
    ['ICSE CSV saved as UTF-16', utf16(icse.slice(1)), 'icse-csv'],
    ['ICSE CSV with a quoted header', '"MD5";"SHA1";"PhotoDNA";"Image ID"\n', 'icse-csv'],
    [
      'VICS 2.0',
      `\uFEFF{\r\n  "@odata.context": "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases",`,
      'vics-json',
    ],
    ['VICS 1.3', '{"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media","value":[]}', 'vics-json'],
    ['a PDQ list with qualities', `# PDQ\n${pdq(1)},90\n${pdq(2)},80\n`, 'pdq-list'],
    ['a PDQ list whose first line has no quality', `${pdq(1)}\n${pdq(2)} 80\n`, 'pdq-list'],
    ['bare 64-hex lines (taken as PDQ)', `${pdq(1)}\n${pdq(2)}\n`, 'pdq-list'],
    ['sha256sum output', `${sha256(1)}  synthetic-1.jpg\n`, 'sha256-list'],
    ['an MD5 list', `\n\n${md5(1).toUpperCase()}\r\n${md5(2)}\r\n`, 'md5-list'],
    ['md5sum output', `${md5(1)}  synthetic-1.jpg\n${md5(2)} *synthetic-2.jpg\n`, 'md5-list'],
    ['a SHA-1 list', `${sha1(1)}\n`, 'sha1-list'],
    ['md5sum output starting with an escaped name', `\\${md5(1)}  a\\nb.jpg\n`, 'md5-list'],
    ['another JSON document', '{"value": []}', undefined],
    ['a comma-separated CSV', 'md5,sha1,name\n', undefined],
    ['prose', 'Dear colleague,\n', undefined],
    ['nothing', '', undefined],
  ])('recognises %s', (_name, input, expected) => {
    expect(detectFormat(input)).toBe(expected);
  });

  it('recognises the PDQ reference haystack', () => {
    expect(detectFormat(readFileSync(testdata('pdq', 'data', 'reg-test-input', 'haystack.txt')))).toBe('pdq-list');
  });
});

describe('parseHashSet', () => {
  const entries: HashSetEntry[] = [
    {
      md5: md5(1),
      sha1: sha1(1),
      sha256: sha256(1),
      pdq: pdq(1),
      pdqQuality: 92,
      externalId: '1',
      seriesName: 'Series Alpha (synthetic)',
      fileName: 'synthetic-1.jpg',
    },
    { md5: md5(2), sha1: sha1(2), sha256: sha256(2), pdq: pdq(2), externalId: '2', victimIdentified: true, fileName: 'synthetic-2.jpg' },
  ];

  it.each([
    ['icse-csv', exportIcseCsv(entries).text],
    ['vics-json', exportVicsJson(entries, { version: '2.0' }).text],
    ['vics-json', exportVicsJson(entries, { version: '1.3', caseNumber: 'SYNTH-1', caseId: 'c0ffee00-0000-4000-8000-000000000000' }).text],
    ['pdq-list', exportPdqList(entries).text],
    ['md5-list', exportMd5List(entries).text],
    ['sha1-list', exportSha1List(entries).text],
    // Bare SHA-256 lines cannot be told from PDQ: sha256sum-style names make them recognisable.
    ['sha256-list', exportSha256List(entries, { withFileNames: true }).text],
  ])('detects and reads an exported %s', (format, text) => {
    const result = parseHashSet(Buffer.from(text));
    expect(result.format).toBe(format);
    expect(result.errors).toEqual([]);
    expect(result.entries).toHaveLength(2);
  });

  it('follows the format it is given', () => {
    const text = `${sha256(1)}\n${sha256(2)}\n`;
    const guessed = parseHashSet(text);
    expect(guessed.format).toBe('pdq-list');
    expect(guessed.warnings[0]).toEqual({
      line: 0,
      message: "lines of 64 hex characters could be PDQ or SHA-256 hashes; read as PDQ (give the format 'sha256-list' if they are SHA-256)",
    });
    const told = parseHashSet(text, 'sha256-list');
    expect(told.warnings).toEqual([]);
    expect(told.entries).toEqual([{ sha256: sha256(1) }, { sha256: sha256(2) }]);
    expect(parseHashSet(text, 'md5-list').errors).toHaveLength(2);
  });

  it('reads an export saved as UTF-16', () => {
    const result = parseHashSet(utf16(icse.slice(1)));
    expect(result.format).toBe('icse-csv');
    expect(result.entries).toEqual([
      {
        md5: md5(1),
        sha1: sha1(1),
        externalId: '1',
        distributed: false,
        victimIdentified: false,
        offenderIdentified: false,
        seriesName: 'Series Alpha (synthetic)',
        submissions: 1,
        mediaType: 'Image',
        baseline: false,
      },
    ]);
  });

  it('merges only when asked to', () => {
    const text = `${md5(1)}\n${md5(1)}\n`;
    expect(parseHashSet(text).entries).toHaveLength(1);
    expect(parseHashSet(text, undefined, { merge: false }).entries).toHaveLength(2);
  });

  it('says when it recognises nothing', () => {
    expect(parseHashSet('md5,sha1\n')).toEqual({
      format: 'unknown',
      entries: [],
      errors: [
        { line: 0, message: 'unrecognised format: expected ICSE CSV, VICS JSON (1.3 or 2.0), or a PDQ, MD5, SHA-1 or SHA-256 list' },
      ],
      warnings: [],
      records: 0,
    });
  });
});
