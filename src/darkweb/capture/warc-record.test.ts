import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Encode } from './digest.js';
import { checkRecordDigests, dechunk, formatWarcFields, parseRecord, parseWarcFields, recordPayload, targetUriOf } from './warc-record.js';

const sha1 = (...parts: string[]): string => `sha1:${base32Encode(createHash('sha1').update(parts.join('')).digest())}`;

/** A record as other tools write it: WARC/1.0, sha1 Base32, no brackets on the id, a chunked body. */
function foreignRecord(options: { blockDigest?: string; payloadDigest?: string; block?: string } = {}): Buffer {
  const block = options.block ?? 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
  const fields = [
    'WARC/1.0',
    'WARC-Type: response',
    'WARC-Record-ID: urn:uuid:11111111-2222-4333-8444-555555555555',
    'WARC-Target-URI: <http://example.onion/>',
    'WARC-Date: 2020-01-01T00:00:00Z',
    'Content-Type: application/http; msgtype=response',
    `WARC-Block-Digest: ${options.blockDigest ?? sha1(block)}`,
    `WARC-Payload-Digest: ${options.payloadDigest ?? sha1('hello world')}`,
    'X-Folded: first',
    '  second',
    `Content-Length: ${Buffer.byteLength(block)}`,
  ];
  return Buffer.from(`${fields.join('\r\n')}\r\n\r\n${block}\r\n\r\n`);
}

describe('parseRecord', () => {
  it('reads a record written by another tool, leniently where the guidelines ask', () => {
    const bytes = foreignRecord();
    const parsed = parseRecord(bytes, 0, { offset: 0, length: bytes.length });
    if (!parsed.ok) throw new Error(parsed.problem);
    const { record } = parsed;
    expect(parsed.end).toBe(bytes.length);
    expect(record.version).toBe('WARC/1.0');
    expect(record.recordId).toBe('<urn:uuid:11111111-2222-4333-8444-555555555555>');
    expect(targetUriOf(record)).toBe('http://example.onion/');
    expect(record.headers.get('x-folded')).toBe('first second');
    expect(recordPayload(record)?.toString()).toBe('5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n');
    expect(checkRecordDigests(record)).toEqual([]);
  });

  it('finds a block or payload that does not match its digest', () => {
    const bytes = foreignRecord({ blockDigest: sha1('other'), payloadDigest: sha1('other') });
    const parsed = parseRecord(bytes, 0, { offset: 0, length: bytes.length });
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(checkRecordDigests(parsed.record).map((problem) => problem.problem)).toEqual([
      'block digest mismatch',
      'payload digest mismatch',
    ]);
  });

  it('says whether more bytes could complete a record', () => {
    const bytes = foreignRecord();
    expect(parseRecord(bytes.subarray(0, bytes.length - 10), 0, { offset: 0, length: 0 })).toMatchObject({
      ok: false,
      incomplete: true,
      recordId: '<urn:uuid:11111111-2222-4333-8444-555555555555>',
    });
    expect(parseRecord(bytes.subarray(0, 40), 0, { offset: 0, length: 0 })).toMatchObject({ ok: false, incomplete: true });
    const wrongEnd = Buffer.from(bytes);
    wrongEnd[wrongEnd.length - 1] = 0x41;
    expect(parseRecord(wrongEnd, 0, { offset: 0, length: 0 })).toMatchObject({ ok: false, problem: expect.stringMatching(/CRLF CRLF/) });
    expect(parseRecord(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), 0, { offset: 0, length: 0 })).toMatchObject({ ok: false });
  });
});

describe('warc-fields and chunking', () => {
  it('writes lists as repeated names and reads them back', () => {
    const block = formatWarcFields({ 'hash-md5': 'abc', match: ['one', 'two'] });
    expect(block.toString()).toBe('hash-md5: abc\r\nmatch: one\r\nmatch: two\r\n');
    expect(parseWarcFields(block).getAll('match')).toEqual(['one', 'two']);
    expect(() => formatWarcFields({ note: 'line\nbreak' })).toThrow(/control character/);
  });

  it('removes chunk framing and rejects a malformed body', () => {
    expect(dechunk(Buffer.from('5;ext=1\r\nhello\r\n0\r\n\r\n'))?.map(String)).toEqual(['hello']);
    expect(dechunk(Buffer.from('zz\r\nhello\r\n'))).toBeUndefined();
    expect(dechunk(Buffer.from('50\r\nhello\r\n'))).toBeUndefined();
  });
});
