import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HashSetEntry } from './entry.js';
import { exportVicsJson, parseVicsJson } from './vics-json.js';

// Synthetic data only: digests of 'vigil-test-N' strings, fictional series names.
const digest = (algorithm: string, seed: string): string => createHash(algorithm).update(seed).digest('hex');
const md5 = (n: number): string => digest('md5', `vigil-test-${n}`);
const sha1 = (n: number): string => digest('sha1', `vigil-test-${n}`);
const sha256 = (n: number): string => digest('sha256', `vigil-test-${n}`);
const pdq = (n: number): string => digest('sha256', `vigil-pdq-${n}`);
const photoDnaBytes = (n: number): Buffer =>
  Buffer.concat([0, 1, 2, 3, 4].map((k) => createHash('sha256').update(`vigil-pdna-${n}-${k}`).digest())).subarray(0, 144);
const photoDna = (n: number): string => photoDnaBytes(n).toString('base64');

const context20 = 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata';
const metadata13 = 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml';
const categories = (text: string): (number | null)[] =>
  (JSON.parse(text) as { value: { Category: number | null }[] }).value.map((media) => media.Category);
const bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

describe('parseVicsJson 2.0', () => {
  it('reads a #Media export as real tools write it', () => {
    const text = `{
  "@odata.context": "${context20}#Media",
  "value": [
    {
      "MediaID": 1,
      "Category": 1,
      "MD5": "${md5(1).toUpperCase()}",
      "SHA1": "${sha1(1).toUpperCase()}",
      "MediaSize": 2835,
      "DateUpdated": "2024-06-07T02:31:49.8300Z",
      "IsPrecategorized": "true",
      "VictimIdentified": "true",
      "OffenderIdentified": "false",
      "IsDistributed": true,
      "Series": "Series Alpha (synthetic)",
      "Tags": "",
      "Comments": "synthetic test record",
      "MimeType": "image/jpeg",
      "Exifs": [],
      "MediaFiles": [{ "FileName": "synthetic-1.jpg", "FilePath": "C:\\\\cases\\\\synthetic" }],
      "AlternativeHashes": [
        { "HashName": "PhotoDNA", "HashValue": "${photoDna(1)}" },
        { "HashName": "SHA256", "HashValue": "${sha256(1).toUpperCase()}" }
      ]
    },
    { "MediaID": 2, "Category": 0, "MD5": "${md5(2)}", "IsPrecategorized": "false", "VictimIdentified": "false" },
    { "MediaID": 3, "Category": null, "IsPrecategorized": "true", "SHA1": "${sha1(3)}", "PhotoDNA": null },
    {
      "MediaID": 4,
      "Category": "1",
      "MD5": "${md5(1)}",
      "VictimIdentified": "False",
      "RelativeFilePath": "Media\\\\synthetic-1-copy.jpg"
    }
  ]
}`;
    const result = parseVicsJson(bom(text));
    expect(result.errors).toEqual([]);
    expect(result.format).toBe('vics-json');
    expect(result.variant).toBe('VICS 2.0 #Media (US)');
    expect(result.records).toBe(4);
    expect(result.entries).toEqual<HashSetEntry[]>([
      {
        md5: md5(1),
        sha1: sha1(1),
        sha256: sha256(1),
        photoDna: photoDna(1),
        category: { scheme: 'projectvic-us', code: '1' },
        victimIdentified: true,
        offenderIdentified: false,
        distributed: true,
        seriesName: 'Series Alpha (synthetic)',
        notes: 'synthetic test record',
        externalId: '1',
        mediaType: 'image/jpeg',
        fileName: 'synthetic-1.jpg',
      },
      { md5: md5(2), category: { scheme: 'projectvic-us', code: '0' }, victimIdentified: false, externalId: '2' },
      { sha1: sha1(3), externalId: '3' },
    ]);
    expect(result.warnings).toEqual([
      {
        line: 4,
        message:
          '2 records were merged into 1 entry (one file: same MD5, SHA-1 or SHA-256, or a repeated PDQ or PhotoDNA); the first: value[0] (line 4), value[3] (line 28)',
      },
    ]);
  });

  it('reads a #Cases export: counts the Media itself and merges one file across cases', () => {
    const text = JSON.stringify(
      {
        '@odata.context': `${context20}#Cases`,
        value: [
          {
            CaseID: '6f1c1d6e-0000-4000-8000-000000000001',
            CaseNumber: 'SYNTH-001',
            SourceApplicationName: 'Synthetic Exporter',
            SourceApplicationVersion: '1.0',
            TotalMediaFiles: 3,
            TotalPrecategorized: 1,
            Media: [
              { MediaID: 10, Category: 3, MD5: md5(10), IsDistributed: 'true' },
              { MediaID: 11, Category: null, IsPrecategorized: 'true', SHA1: sha1(11) },
            ],
          },
          {
            CaseID: '6f1c1d6e-0000-4000-8000-000000000002',
            CaseNumber: 2002,
            TotalMediaFiles: 1,
            Media: [{ MediaID: 12, Category: 3, MD5: md5(10), SHA1: sha1(10), Series: 'Series Beta (synthetic)' }],
          },
        ],
      },
      null,
      2,
    );
    const result = parseVicsJson(text);
    expect(result.errors).toEqual([]);
    expect(result.variant).toBe('VICS 2.0 #Cases (US)');
    expect(result.cases).toEqual([
      { caseId: '6f1c1d6e-0000-4000-8000-000000000001', caseNumber: 'SYNTH-001', mediaCount: 2 },
      { caseId: '6f1c1d6e-0000-4000-8000-000000000002', caseNumber: '2002', mediaCount: 1 },
    ]);
    expect(result.entries).toEqual([
      {
        md5: md5(10),
        sha1: sha1(10),
        category: { scheme: 'projectvic-us', code: '3' },
        distributed: true,
        seriesName: 'Series Beta (synthetic)',
        externalId: '10',
      },
      { sha1: sha1(11), externalId: '11' },
    ]);
    expect(result.warnings[0]).toEqual({
      line: 4,
      path: 'value[0]',
      message: 'TotalMediaFiles says 3 but the case holds 2 Media records; counted the records',
    });
    expect(result.warnings[1]?.message).toContain('value[0].Media[0] (line 12), value[1].Media[0] (line 31)');
  });

  it('reports bad records with their path and line and keeps the good ones', () => {
    const text = `{"@odata.context": "${context20}#Cases",
"value": [
  { "CaseNumber": "SYNTH-002", "Media": [
    { "MediaID": 1, "Category": 1, "MD5": "${md5(1)}" },
    { "MediaID": 2, "Category": 7, "MD5": "${md5(2)}" },
    { "MediaID": 3,
      "MD5": "${md5(3).slice(2)}" },
    { "MediaID": 4, "VictimIdentified": "maybe", "MD5": "${md5(4)}" },
    { "MediaID": 5, "Category": null },
    "not an object",
    { "MediaID": 7, "MD5": "${md5(7)}", "AlternativeHashes": [{ "HashName": "MD5", "HashValue": "${md5(8)}" }] },
    { "MediaID": 9, "Category": -1, "SHA1": "${sha1(9)}", "Series": { "Name": "x" } }
  ] },
  { "CaseNumber": "SYNTH-003" }
]}`;
    const result = parseVicsJson(text);
    expect(result.entries.map((entry) => entry.externalId)).toEqual(['1']);
    expect(result.errors).toEqual([
      {
        line: 5,
        path: 'value[0].Media[1]',
        message: "Category 7: category '7' is not a Project VIC (US) category (0, 1, 2, 3, 4)",
      },
      { line: 6, path: 'value[0].Media[2]', message: 'MD5 must be 32 hex characters, found 30' },
      { line: 8, path: 'value[0].Media[3]', message: 'VictimIdentified must be true or false, found "maybe"' },
      { line: 9, path: 'value[0].Media[4]', message: 'no hash: MD5, SHA1, PhotoDNA and the hash list are all empty' },
      { line: 3, path: 'value[0].Media[5]', message: 'a Media record must be an object' },
      {
        line: 11,
        path: 'value[0].Media[6]',
        message: 'AlternativeHashes[0] MD5 differs from the MD5 given elsewhere in the record',
      },
      {
        line: 12,
        path: 'value[0].Media[7]',
        message: 'Category must be a whole number or null, found -1; Series must be text',
      },
      { line: 14, path: 'value[1]', message: "a case must have a 'Media' array" },
    ]);
  });

  it('refuses what is not a VICS document', () => {
    expect(parseVicsJson('{\n  "value": [\n    { "MD5": 1, }\n  ]\n}').errors).toEqual([
      { line: 3, message: 'not valid JSON: expected a property name in double quotes at line 3, column 17' },
    ]);
    expect(parseVicsJson('{"value": []}').errors).toEqual([
      { line: 1, message: "not a VICS document: no '@odata.context' (2.0) or 'odata.metadata' (1.3)" },
    ]);
    expect(parseVicsJson(`{"@odata.context": "${context20}#Media", "value": {}}`).errors).toEqual([
      { line: 1, message: "not a VICS document: 'value' must be an array" },
    ]);
    expect(parseVicsJson('[]').errors).toEqual([{ line: 1, message: 'not a VICS document: the top level must be an object' }]);
  });

  it('keeps codes of an unknown data-model flavour without a scheme', () => {
    const text = JSON.stringify({
      '@odata.context': 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/XX/$metadata#Media',
      value: [{ MediaID: 1, Category: 9, MD5: md5(1) }],
    });
    const result = parseVicsJson(text);
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([{ md5: md5(1), category: { scheme: 'none', code: '9' }, externalId: '1' }]);
    expect(result.warnings).toEqual([
      { line: 1, message: "data model flavour 'XX' has a category numbering Vigil does not know; categories kept with scheme 'none'" },
    ]);
  });
});

describe('parseVicsJson 1.3', () => {
  it('reads categories in the legacy numbering and hex PhotoDNA', () => {
    const text = JSON.stringify({
      'odata.metadata': `${metadata13}#Media`,
      value: [
        { MediaID: 'A-1', Category: 0, MD5: md5(1), PhotoDNA: photoDnaBytes(1).toString('hex').toUpperCase() },
        { MediaID: 'A-2', Category: 5, MD5: md5(2), VictimIdentified: 'Yes' },
        { MediaID: 'A-3', Category: 1, SHA1: sha1(3), IsDistributed: 0 },
      ],
    });
    const result = parseVicsJson(text);
    expect(result.errors).toEqual([]);
    expect(result.variant).toBe('VICS 1.3 #Media');
    expect(result.entries).toEqual([
      { md5: md5(1), photoDna: photoDna(1), category: { scheme: 'projectvic-legacy', code: '0' }, externalId: 'A-1' },
      { md5: md5(2), category: { scheme: 'projectvic-legacy', code: '5' }, victimIdentified: true, externalId: 'A-2' },
      { sha1: sha1(3), category: { scheme: 'projectvic-legacy', code: '1' }, distributed: false, externalId: 'A-3' },
    ]);
  });

  it('trusts the model URL over the key when they disagree', () => {
    const text = JSON.stringify({ '@odata.context': `${metadata13}#Media`, value: [{ Category: 5, MD5: md5(1) }] });
    const result = parseVicsJson(text);
    expect(result.entries[0]?.category).toEqual({ scheme: 'projectvic-legacy', code: '5' });
    expect(result.warnings).toEqual([{ line: 1, message: "the model URL names VICS 1.3 under '@odata.context'; read as 1.3" }]);
  });
});

describe('exportVicsJson', () => {
  const entries: HashSetEntry[] = [
    {
      md5: md5(1),
      sha1: sha1(1),
      sha256: sha256(1),
      pdq: pdq(1),
      photoDna: photoDna(1),
      category: { scheme: 'projectvic-us', code: '1' },
      victimIdentified: true,
      offenderIdentified: false,
      distributed: true,
      seriesName: 'Series Alpha (synthetic)',
      notes: 'line one\nline "two"',
      externalId: '41',
      mediaType: 'image/jpeg',
      fileName: 'synthetic-1.jpg',
    },
    { md5: md5(2), category: { scheme: 'projectvic-us', code: '0' }, externalId: 'ext-2' },
    { sha1: sha1(3) },
  ];

  it('writes a 2.0 #Media document that reads back the same', () => {
    const exported = exportVicsJson(entries, { version: '2.0' });
    expect(exported.written).toBe(3);
    expect(exported.warnings).toEqual([]);
    const document = JSON.parse(exported.text);
    expect(document['@odata.context']).toBe(`${context20}#Media`);
    expect(document.value[0]).toMatchObject({
      MediaID: 41,
      Category: 1,
      IsPrecategorized: true,
      MD5: md5(1).toUpperCase(),
      VictimIdentified: true,
      MediaFiles: [{ FileName: 'synthetic-1.jpg' }],
      AlternativeHashes: [
        { HashName: 'PhotoDNA', HashValue: photoDna(1) },
        { HashName: 'SHA256', HashValue: sha256(1).toUpperCase() },
        { HashName: 'PDQ', HashValue: pdq(1) },
      ],
    });
    expect(document.value[2]).toEqual({ MediaID: 42, Category: null, IsPrecategorized: false, SHA1: sha1(3).toUpperCase() });

    const result = parseVicsJson(exported.text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.entries).toEqual([entries[0], entries[1], { ...entries[2], externalId: '42' }]);
  });

  it('writes a 2.0 #Cases document with one case', () => {
    const exported = exportVicsJson(entries, {
      version: '2.0',
      caseNumber: 'SYNTH-2025-17',
      caseId: '00000000-0000-4000-8000-000000000017',
      flavour: 'Default',
      sourceApplicationVersion: '0.1.0',
    });
    const document = JSON.parse(exported.text);
    expect(document['@odata.context']).toBe('http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Cases');
    expect(document.value).toHaveLength(1);
    expect(document.value[0]).toMatchObject({
      CaseID: '00000000-0000-4000-8000-000000000017',
      CaseNumber: 'SYNTH-2025-17',
      SourceApplicationName: 'Vigil',
      SourceApplicationVersion: '0.1.0',
      TotalMediaFiles: 3,
      TotalPrecategorized: 2,
    });
    const result = parseVicsJson(exported.text);
    expect(result.variant).toBe('VICS 2.0 #Cases (Default)');
    expect(result.cases).toEqual([{ caseId: '00000000-0000-4000-8000-000000000017', caseNumber: 'SYNTH-2025-17', mediaCount: 3 }]);
    expect(result.entries).toEqual([entries[0], entries[1], { ...entries[2], externalId: '42' }]);
    expect(JSON.parse(exportVicsJson([], { version: '2.0', caseNumber: 'X' }).text).value[0].CaseID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes 1.3 in the legacy numbering and reads it back', () => {
    const legacy: HashSetEntry[] = [
      { md5: md5(1), photoDna: photoDna(1), category: { scheme: 'projectvic-legacy', code: '5' }, externalId: '1' },
      { md5: md5(2), category: { scheme: 'projectvic-us', code: '0' }, externalId: '2' },
    ];
    const exported = exportVicsJson(legacy, { version: '1.3' });
    const document = JSON.parse(exported.text);
    expect(document['odata.metadata']).toBe(`${metadata13}#Media`);
    expect(categories(exported.text)).toEqual([5, 5]);
    expect(document.value[0].PhotoDNA).toBe(photoDna(1));
    expect(document.value[0].AlternativeHashes).toBeUndefined();
    const result = parseVicsJson(exported.text);
    expect(result.entries).toEqual([legacy[0], { md5: md5(2), category: { scheme: 'projectvic-legacy', code: '5' }, externalId: '2' }]);
  });

  it('converts or drops categories the version cannot express, and says what it could not carry', () => {
    const exported = exportVicsJson(
      [
        { md5: md5(1), category: { scheme: 'projectvic-legacy', code: '5' } },
        { md5: md5(2), category: { scheme: 'projectvic-legacy', code: '0' } },
        { md5: md5(3), category: { scheme: 'uk', code: 'A' }, baseline: true, submissions: 2, pdq: pdq(3), pdqQuality: 90 },
        { md5: 'bad' },
      ],
      { version: '2.0' },
    );
    expect(categories(exported.text)).toEqual([0, null, null]);
    expect(exported.skipped).toEqual([{ index: 3, message: 'MD5 must be 32 hex characters, found 3' }]);
    expect(exported.warnings).toEqual([
      { index: 2, message: 'category uk A has no VICS 2.0 equivalent; written as null (uncategorised)' },
      { index: 2, message: 'VICS has no field for Baseline, submissions, PDQ quality; not written' },
    ]);
  });
});
