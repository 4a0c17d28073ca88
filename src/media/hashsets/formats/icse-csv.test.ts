import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HashSetEntry } from './entry.js';
import { exportIcseCsv, icseColumns, parseIcseCsv } from './icse-csv.js';

// Synthetic data only: digests of 'vigil-test-N' strings, fictional series names.
const digest = (algorithm: string, seed: string): string => createHash(algorithm).update(seed).digest('hex');
const md5 = (n: number): string => digest('md5', `vigil-test-${n}`);
const sha1 = (n: number): string => digest('sha1', `vigil-test-${n}`);
const photoDna = (n: number): string =>
  Buffer.concat([0, 1, 2, 3, 4].map((k) => createHash('sha256').update(`vigil-pdna-${n}-${k}`).digest()))
    .subarray(0, 144)
    .toString('base64');

const header = icseColumns.join(';');
const crlf = (...rows: string[]): string => rows.map((row) => `${row}\r\n`).join('');

describe('parseIcseCsv', () => {
  it('reads a messy real-world export: BOM, CRLF, quoting, flag spellings, empty cells, trailing columns', () => {
    const text =
      '\uFEFF' +
      crlf(
        header,
        `${md5(1).toUpperCase()};${sha1(1).toUpperCase()};${photoDna(1)};100001;Yes;No;No;"Series Alpha; part 1 (synthetic)";3;Yes;Image;No`,
        `${md5(2)};;;100002;true;false;;Series Beta (synthetic);1;no;Video;1`,
        `;${sha1(3)};;100003;1;0;;"Series ""Gamma"" (synthetic)";;;Image;`,
        `${md5(4)};;;100004;Y;n;N;;0;;Image;;;`,
        '',
        `${md5(5)};;;100005;;;;;;;;FALSE;unexpected;extra`,
      );
    const result = parseIcseCsv(Buffer.from(text, 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.format).toBe('icse-csv');
    expect(result.records).toBe(5);
    expect(result.entries).toEqual<HashSetEntry[]>([
      {
        md5: md5(1),
        sha1: sha1(1),
        photoDna: photoDna(1),
        externalId: '100001',
        distributed: true,
        victimIdentified: false,
        offenderIdentified: false,
        seriesName: 'Series Alpha; part 1 (synthetic)',
        submissions: 3,
        mediaType: 'Image',
        baseline: false,
      },
      {
        md5: md5(2),
        externalId: '100002',
        distributed: true,
        victimIdentified: false,
        seriesName: 'Series Beta (synthetic)',
        submissions: 1,
        mediaType: 'Video',
        baseline: true,
      },
      {
        sha1: sha1(3),
        externalId: '100003',
        distributed: true,
        victimIdentified: false,
        seriesName: 'Series "Gamma" (synthetic)',
        mediaType: 'Image',
      },
      {
        md5: md5(4),
        externalId: '100004',
        distributed: true,
        victimIdentified: false,
        offenderIdentified: false,
        submissions: 0,
        mediaType: 'Image',
      },
      { md5: md5(5), externalId: '100005', baseline: false },
    ]);
    expect(result.warnings).toEqual([{ line: 7, message: "1 row has values beyond the header's 12 columns; they were ignored" }]);
  });

  it('reports bad rows by line, counting lines inside quoted fields, and reads the rest', () => {
    const text = crlf(
      header,
      `${md5(1)};;;1;no;no;no;"Series Delta`,
      `(synthetic), two lines";1;;Image;no`,
      `${md5(2).slice(0, 31)};;;2;no;no;no;;1;;Image;no`,
      `${md5(3)};;;3;no;maybe;no;;1;;Image;no`,
      `${md5(4)};;;4;no;no;no;;many;;Image;no`,
      `;;;5;no;no;no;Series Epsilon (synthetic);1;;Image;no`,
      `${md5(6)};${md5(6)};not-a-photodna;6;no;no;no;;1;;Image;no`,
      `${md5(7)};;;7;yes;yes;yes;;2;;Image;yes`,
    );
    const result = parseIcseCsv(text);
    expect(result.entries.map((entry) => entry.externalId)).toEqual(['1', '7']);
    expect(result.entries[0]?.seriesName).toBe('Series Delta\r\n(synthetic), two lines');
    expect(result.errors).toEqual([
      { line: 4, message: 'MD5 must be 32 hex characters, found 31' },
      { line: 5, message: "'Victim identified' must be yes/no, true/false or 1/0, found 'maybe'" },
      { line: 6, message: "'Number of submissions' must be a whole number, found 'many'" },
      { line: 7, message: 'no hash: MD5, SHA1 and PhotoDNA are all empty' },
      {
        line: 8,
        message:
          'SHA-1 must be 40 hex characters, found 32; PhotoDNA must be 144 bytes as 192 base64 or 288 hex characters, found 14 characters',
      },
    ]);
  });

  it('reports a quote that never closes', () => {
    const result = parseIcseCsv(crlf(header, `${md5(1)};;;1;;;;"Series Zeta (synthetic);1;;Image;no`, `${md5(2)};;;2;;;;;;;;`));
    expect(result.entries).toEqual([]);
    expect(result.errors).toEqual([{ line: 2, message: 'a quoted field is never closed: the rest of the input was read as one field' }]);
  });

  it('refuses an unknown header with a clear message', () => {
    const result = parseIcseCsv('Hash;Name;Size\r\nabc;def;1\r\n');
    expect(result.entries).toEqual([]);
    expect(result.errors).toEqual([
      {
        line: 1,
        message: `not an ICSE header (no MD5, SHA1 or PhotoDNA column): expected ${header}, found 'Hash;Name;Size'`,
      },
    ]);
  });

  it('refuses a misspelt column among the ICSE ones', () => {
    const misspelt = header.replace('Victim identified', 'Victim identifed');
    const result = parseIcseCsv(crlf(misspelt, `${md5(1)};;;1;;;;;;;;`));
    expect(result.entries).toEqual([]);
    expect(result.errors).toEqual([{ line: 1, message: `unknown column 'Victim identifed': expected ${header}` }]);
  });

  it('refuses a file without its header', () => {
    const result = parseIcseCsv(crlf(`${md5(1)};;;1;no;no;no;;1;;Image;no`));
    expect(result.errors).toEqual([{ line: 1, message: `the first line is data, not a header: an ICSE export starts with ${header}` }]);
    expect(parseIcseCsv('\r\n\r\n').errors).toEqual([
      { line: 0, message: 'the input is empty: an ICSE export starts with the header row' },
    ]);
  });

  it('accepts columns in another order, other spellings, and missing columns with a warning', () => {
    const result = parseIcseCsv(crlf('sha1;md5;ImageID;VictimIdentified;SeriesName', `${sha1(1)};${md5(1)};9;Yes;Series Eta (synthetic)`));
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([
      { sha1: sha1(1), md5: md5(1), externalId: '9', victimIdentified: true, seriesName: 'Series Eta (synthetic)' },
    ]);
    expect(result.warnings).toEqual([
      {
        line: 1,
        message:
          "columns missing (read as empty): 'PhotoDNA', 'Is distributed', 'Offender identified', 'Number of submissions', 'File Available', 'Media Type', 'Baseline'",
      },
    ]);
  });

  it('reads a Windows-1252 export and says so', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${header}\r\n${md5(1)};;;1;;;;Série `),
      Buffer.from([0xe9]),
      Buffer.from(' (synthetic);;;;\r\n'),
    ]);
    const result = parseIcseCsv(bytes);
    expect(result.entries[0]?.seriesName).toBe('SÃ©rie é (synthetic)');
    expect(result.warnings).toContainEqual({ line: 0, message: 'the input is not valid UTF-8; it was read as Windows-1252' });
  });

  it('merges rows of one file and warns about the empty-file hash', () => {
    const result = parseIcseCsv(
      crlf(
        header,
        `${md5(1)};;;1;no;no;;;2;;Image;`,
        `d41d8cd98f00b204e9800998ecf8427e;;;2;;;;;;;;`,
        `${md5(1)};${sha1(1)};;3;no;yes;;;5;;Image;`,
      ),
    );
    expect(result.records).toBe(3);
    expect(result.entries).toEqual([
      { md5: md5(1), sha1: sha1(1), externalId: '1', distributed: false, victimIdentified: true, submissions: 5, mediaType: 'Image' },
      { md5: 'd41d8cd98f00b204e9800998ecf8427e', externalId: '2' },
    ]);
    expect(result.warnings).toEqual([
      { line: 3, message: 'MD5 is the hash of an empty file and would match every empty file' },
      {
        line: 2,
        message:
          '2 records were merged into 1 entry (one file: same MD5, SHA-1 or SHA-256, or a repeated PDQ or PhotoDNA); the first: line 2, line 4',
      },
    ]);
    expect(parseIcseCsv(crlf(header, `${md5(1)};;;1;;;;;;;;`, `${md5(1)};;;2;;;;;;;;`), { merge: false }).entries).toHaveLength(2);
  });

  it('parses 100,000 rows', () => {
    const rows = [header];
    for (let i = 0; i < 100_000; i += 1) {
      rows.push(`${md5(i)};${sha1(i)};;${i};${i % 2 ? 'Yes' : 'No'};No;No;Series ${i % 97} (synthetic);${i % 13};No;Image;No`);
    }
    const result = parseIcseCsv(Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`));
    expect(result.errors).toEqual([]);
    expect(result.records).toBe(100_000);
    expect(result.entries).toHaveLength(100_000);
    expect(result.entries[99_999]).toMatchObject({ md5: md5(99_999), externalId: '99999', distributed: true, submissions: 99_999 % 13 });
  });
});

describe('exportIcseCsv', () => {
  const entries: HashSetEntry[] = [
    {
      md5: md5(1),
      sha1: sha1(1),
      photoDna: photoDna(1),
      externalId: '100001',
      distributed: true,
      victimIdentified: false,
      offenderIdentified: true,
      seriesName: 'Series "Alpha"; part 1\n(synthetic)',
      submissions: 4,
      mediaType: 'Image',
      baseline: true,
    },
    { sha1: sha1(2), seriesName: ' Series Beta (synthetic)' },
    { md5: md5(3), victimIdentified: true },
  ];

  it('writes the ICSE header and Yes/No flags', () => {
    const { text, written, skipped } = exportIcseCsv(entries);
    expect(written).toBe(3);
    expect(skipped).toEqual([]);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines[1]).toBe(`${md5(1)};${sha1(1)};${photoDna(1)};100001;Yes;No;Yes;"Series ""Alpha""; part 1\n(synthetic)";4;;Image;Yes`);
    expect(lines[3]).toBe(`${md5(3)};;;;;Yes;;;;;;`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('round-trips the fields ICSE carries', () => {
    const result = parseIcseCsv(exportIcseCsv(entries).text);
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([entries[0], { sha1: sha1(2), seriesName: 'Series Beta (synthetic)' }, entries[2]]);
  });

  it('skips entries it cannot write, with the reason', () => {
    const { written, skipped } = exportIcseCsv([{ pdq: md5(1) + md5(2) }, { md5: 'xyz' }, { md5: md5(1) }]);
    expect(written).toBe(1);
    expect(skipped).toEqual([
      { index: 0, message: 'ICSE CSV needs an MD5, SHA-1 or PhotoDNA' },
      { index: 1, message: "MD5 'xyz' is not hexadecimal" },
    ]);
  });
});
