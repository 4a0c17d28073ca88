import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { base32Decode } from './digest.js';
import { readRecordAt, readWarc, verifyWarc, WarcWriter, type WarcEntry, type WarcWriteResult } from './warc.js';
import { parseWarcFields, type WarcRecord } from './warc-record.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-warc-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
const newPath = (name = 'capture'): string => join(dir, `${name}-${(fileCount += 1)}.warc.gz`);

/** A deterministic page of words: compressible like real HTML, the same on every run. */
function page(size: number): Buffer {
  const words = ['onion', 'forum', 'thread', 'member', 'posted', 'by', 'reply', 'quote', 'link', 'page'];
  let seed = 42;
  let text = '<html><body>';
  while (text.length < size) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    text += `${words[seed % words.length] ?? ''} ${seed % 97 === 0 ? '<br>\n' : ''}`;
  }
  return Buffer.from(text.slice(0, size));
}

const date = new Date('2026-03-01T12:00:00.123Z');
const target = 'http://vigilexampleforumxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion/thread/7';
const responseHeaders: [string, string][] = [
  ['Content-Type', 'text/html; charset=utf-8'],
  ['Server', 'nginx'],
  ['Set-Cookie', 'a=1'],
  ['Set-Cookie', 'b=2'],
];

interface Sample {
  path: string;
  payload: Buffer;
  resourceBlock: Buffer;
  warcinfo: WarcWriteResult;
  request: WarcWriteResult;
  response: WarcWriteResult;
  metadata: WarcWriteResult;
  resource: WarcWriteResult;
}

/** warcinfo, request, response (1 MB page), metadata (media hashed, not kept) and resource. */
async function writeSample(): Promise<Sample> {
  const path = newPath();
  const payload = page(1024 * 1024);
  const resourceBlock = page(300 * 1024);
  const warc = await WarcWriter.open(path, { warcinfo: { software: 'vigil test', operator: 'Unit 7' }, now: () => date });
  const responseId = '<urn:uuid:6f2c1c70-3c1b-4f7e-9a55-1f0c4c6d2a11>';
  const request = await warc.writeRequest({
    targetUri: target,
    httpRequestLine: 'GET /thread/7 HTTP/1.1',
    httpHeaders: { Host: 'vigilexample.onion', Accept: ['text/html', 'application/xhtml+xml'] },
    concurrentTo: responseId,
  });
  const response = await warc.writeResponse({
    recordId: responseId,
    targetUri: target,
    httpStatusLine: 'HTTP/1.1 200 OK',
    httpHeaders: responseHeaders,
    payload,
    identifiedPayloadType: 'text/html',
    concurrentTo: request.recordId,
  });
  const metadata = await warc.writeMetadata({
    targetUri: `${target}/img/1.jpg`,
    refersTo: response.recordId,
    fields: {
      'hash-md5': 'd41d8cd98f00b204e9800998ecf8427e',
      'hash-sha1': 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'hash-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'hash-pdq': 'f'.repeat(64),
      match: ['set=ICSE series=S-12', 'set=Local category=A'],
    },
  });
  const resource = await warc.writeResource({
    targetUri: `${target}#text`,
    contentType: 'text/plain; charset=utf-8',
    block: resourceBlock,
  });
  await warc.close();
  return { path, payload, resourceBlock, warcinfo: warc.warcinfo, request, response, metadata, resource };
}

async function entries(path: string, chunkSize?: number): Promise<WarcEntry[]> {
  const all: WarcEntry[] = [];
  for await (const entry of readWarc(path, chunkSize === undefined ? {} : { chunkSize })) all.push(entry);
  return all;
}

const records = (all: WarcEntry[]): WarcRecord[] => all.filter((entry): entry is WarcRecord => entry.kind === 'record');
const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('WarcWriter and readWarc', () => {
  let sample: Sample;
  beforeAll(async () => {
    sample = await writeSample();
  });
  const results = (): WarcWriteResult[] => [sample.warcinfo, sample.request, sample.response, sample.metadata, sample.resource];

  it('round-trips every record type with its fields and block', async () => {
    const all = await entries(sample.path);
    expect(all.map((entry) => entry.kind)).toEqual(['record', 'record', 'record', 'record', 'record']);
    const [warcinfo, request, response, metadata, resource] = records(all);
    if (!warcinfo || !request || !response || !metadata || !resource) throw new Error('records missing');

    expect(records(all).map((record) => record.type)).toEqual(['warcinfo', 'request', 'response', 'metadata', 'resource']);
    expect(records(all).map((record) => [record.recordId, record.offset, record.length])).toEqual(
      results().map((result) => [result.recordId, result.offset, result.length]),
    );
    for (const record of records(all)) {
      expect(record.version).toBe('WARC/1.1');
      expect(record.headers.get('warc-date')).toBe('2026-03-01T12:00:00.123Z');
      expect(record.recordId).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
      if (record.type !== 'warcinfo') expect(record.headers.get('WARC-Warcinfo-ID')).toBe(warcinfo.recordId);
    }

    expect(parseWarcFields(warcinfo.block).get('operator')).toBe('Unit 7');
    expect(warcinfo.headers.get('WARC-Filename')).toMatch(/^capture-\d+\.warc\.gz$/);

    expect(request.headers.get('Content-Type')).toBe('application/http;msgtype=request');
    expect(request.headers.getAll('WARC-Concurrent-To')).toEqual([sample.response.recordId]);
    expect(request.block.toString()).toBe(
      'GET /thread/7 HTTP/1.1\r\nHost: vigilexample.onion\r\nAccept: text/html\r\nAccept: application/xhtml+xml\r\n\r\n',
    );
    expect(request.headers.has('WARC-Payload-Digest')).toBe(false);

    const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nServer: nginx\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n';
    expect(response.headers.get('WARC-Target-URI')).toBe(target);
    expect(response.headers.get('WARC-Identified-Payload-Type')).toBe('text/html');
    expect(response.headers.get('Content-Length')).toBe(String(head.length + sample.payload.length));
    expect(response.block.subarray(0, head.length).toString()).toBe(head);
    expect(response.block.subarray(head.length).equals(sample.payload)).toBe(true);

    expect(metadata.headers.get('WARC-Refers-To')).toBe(sample.response.recordId);
    expect(metadata.headers.get('Content-Type')).toBe('application/warc-fields');
    expect(metadata.headers.has('WARC-Payload-Digest')).toBe(false);
    const fields = parseWarcFields(metadata.block);
    expect(fields.get('hash-pdq')).toBe('f'.repeat(64));
    expect(fields.getAll('match')).toEqual(['set=ICSE series=S-12', 'set=Local category=A']);

    expect(resource.block.equals(sample.resourceBlock)).toBe(true);
    expect(resource.headers.get('WARC-Payload-Digest')).toBe(resource.headers.get('WARC-Block-Digest'));

    // Read 4 KiB at a time, the members larger than that are read whole all the same.
    const small = records(await entries(sample.path, 4096));
    expect(small.map((record) => [record.recordId, record.offset, record.block.length])).toEqual(
      records(all).map((record) => [record.recordId, record.offset, record.block.length]),
    );
  });

  it('writes digests that match an independent SHA-256 of the block and of the payload', async () => {
    const all = records(await entries(sample.path));
    for (const [record, result] of all.map((record, i) => [record, results()[i]] as const)) {
      if (!result) throw new Error('result missing');
      expect(result.blockDigestHex).toBe(sha256Hex(record.block));
      expect(record.headers.get('WARC-Block-Digest')).toBe(result.blockDigest);
      expect(result.blockDigest).toMatch(/^sha256:[A-Z2-7]{52}$/);
      expect(base32Decode(result.blockDigest.slice('sha256:'.length))?.toString('hex')).toBe(result.blockDigestHex);
    }
    expect(sample.response.payloadDigestHex).toBe(sha256Hex(sample.payload));
    expect(sample.resource.payloadDigestHex).toBe(sha256Hex(sample.resourceBlock));
    expect(sample.metadata.payloadDigest).toBeUndefined();
    await expect(verifyWarc(sample.path)).resolves.toEqual({ ok: true, records: 5, problems: [] });
  });

  it('writes one gzip member per record, back to back, each a valid gzip file alone', async () => {
    const file = await readFile(sample.path);
    let expected = 0;
    for (const result of results()) {
      expect(result.offset).toBe(expected);
      const alone = gunzipSync(file.subarray(result.offset, result.offset + result.length));
      expect(alone.subarray(0, 10).toString()).toBe('WARC/1.1\r\n');
      expect(alone.subarray(-4).toString()).toBe('\r\n\r\n');
      expected += result.length;
    }
    expect(expected).toBe(file.length);
  });

  it('is read by gzip -dc as one valid uncompressed WARC, which reads back the same', async () => {
    const run = spawnSync('gzip', ['-dc', sample.path], { maxBuffer: 64 * 1024 * 1024 });
    expect(run.status).toBe(0);
    const plain = join(dir, 'plain.warc');
    await writeFile(plain, run.stdout);
    const fromGzip = records(await entries(sample.path));
    const all = await entries(plain);
    const fromPlain = records(all);
    expect(all).toHaveLength(5);
    expect(fromPlain.map((record) => record.recordId)).toEqual(fromGzip.map((record) => record.recordId));
    fromPlain.forEach((record, i) => expect(record.block.equals(fromGzip[i]?.block ?? Buffer.alloc(0))).toBe(true));
    await expect(verifyWarc(plain)).resolves.toMatchObject({ ok: true, records: 5 });
    const third = fromPlain[2];
    const last = fromPlain[4];
    if (!third || !last) throw new Error('record missing');
    await expect(readRecordAt(plain, third.offset)).resolves.toMatchObject({ recordId: sample.response.recordId });

    const cut = join(dir, 'plain-truncated.warc');
    await writeFile(cut, run.stdout.subarray(0, last.offset + 1000));
    const cutEntries = await entries(cut, 4096);
    expect(cutEntries.map((entry) => entry.kind)).toEqual(['record', 'record', 'record', 'record', 'truncated']);
    expect(cutEntries[4]).toMatchObject({ offset: last.offset, recordId: sample.resource.recordId });

    // A whole file compressed as a single member (as some tools do) reads too.
    const single = join(dir, 'single-member.warc.gz');
    await writeFile(single, gzipSync(run.stdout));
    expect(records(await entries(single)).map((record) => record.type)).toEqual([
      'warcinfo',
      'request',
      'response',
      'metadata',
      'resource',
    ]);
  });

  it('reads a single record from its offset, with or without the stored length', async () => {
    for (const result of results()) {
      await expect(readRecordAt(sample.path, result.offset)).resolves.toMatchObject({ recordId: result.recordId, offset: result.offset });
      await expect(readRecordAt(sample.path, result.offset, result.length)).resolves.toMatchObject({ recordId: result.recordId });
    }
    const response = await readRecordAt(sample.path, sample.response.offset, sample.response.length);
    expect(response.block.subarray(-sample.payload.length).equals(sample.payload)).toBe(true);
    await expect(readRecordAt(sample.path, sample.response.offset + 1)).rejects.toMatchObject({ code: 'invalid' });
    await expect(readRecordAt(sample.path, 10 ** 9)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports a file cut inside its last member as truncated, after every record before it', async () => {
    const file = await readFile(sample.path);
    const last = sample.resource;
    const cuts = [last.offset + 5, last.offset + Math.floor(last.length / 2), file.length - 3];
    for (const cut of cuts) {
      const path = newPath('truncated');
      await writeFile(path, file.subarray(0, cut));
      const all = await entries(path);
      expect(records(all).map((record) => record.recordId)).toEqual(
        results()
          .slice(0, 4)
          .map((result) => result.recordId),
      );
      expect(all.at(-1)).toMatchObject({ kind: 'truncated', offset: last.offset, length: cut - last.offset });
      if (cut > last.offset + 100) expect(all.at(-1)).toMatchObject({ recordId: last.recordId });
      const verification = await verifyWarc(path);
      expect(verification).toMatchObject({ ok: false, records: 4 });
      expect(verification.problems).toEqual([expect.objectContaining({ offset: last.offset, problem: 'truncated' })]);
    }
  });

  it('names the record whose payload was edited and re-compressed', async () => {
    const file = await readFile(sample.path);
    const { offset, length } = sample.response;
    const record = Buffer.from(gunzipSync(file.subarray(offset, offset + length)));
    const at = record.length - 4 - 1000; // inside the payload, before the closing CRLF CRLF
    record[at] = (record[at] ?? 0) ^ 0x01;
    const path = newPath('edited');
    await writeFile(path, Buffer.concat([file.subarray(0, offset), gzipSync(record), file.subarray(offset + length)]));
    const verification = await verifyWarc(path);
    expect(verification.records).toBe(5);
    expect(verification.problems.map((problem) => [problem.recordId, problem.problem])).toEqual([
      [sample.response.recordId, 'block digest mismatch'],
      [sample.response.recordId, 'payload digest mismatch'],
    ]);
    expect(verification.problems[0]?.targetUri).toBe(target);
  });

  it('names a member damaged on disk and goes on reading the members after it', async () => {
    const file = Buffer.from(await readFile(sample.path));
    const at = sample.response.offset + Math.floor(sample.response.length / 2);
    file[at] = (file[at] ?? 0) ^ 0xff;
    const path = newPath('damaged');
    await writeFile(path, file);
    const all = await entries(path);
    expect(all.map((entry) => entry.kind)).toEqual(['record', 'record', 'damaged', 'record', 'record']);
    expect(all[2]).toMatchObject({ offset: sample.response.offset, length: sample.response.length, recordId: sample.response.recordId });
    expect(records(all).map((record) => record.recordId)).toEqual([
      sample.warcinfo.recordId,
      sample.request.recordId,
      sample.metadata.recordId,
      sample.resource.recordId,
    ]);
    expect((await entries(path, 4096)).map((entry) => entry.kind)).toEqual(['record', 'record', 'damaged', 'record', 'record']);
    const verification = await verifyWarc(path);
    expect(verification.problems).toEqual([
      expect.objectContaining({ offset: sample.response.offset, recordId: sample.response.recordId, problem: 'damaged' }),
    ]);
  });
});

describe('WarcWriter safeguards', () => {
  it('refuses media bytes, data: URIs, long metadata and line breaks, and keeps writing after a refusal', async () => {
    const path = newPath('guards');
    const warc = await WarcWriter.open(path);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
    const response = { targetUri: 'http://x.onion/a.jpg', httpStatusLine: 'HTTP/1.1 200 OK', httpHeaders: {}, payload: jpeg };
    await expect(warc.writeResponse(response)).rejects.toThrow(/image or a video/);
    await expect(warc.writeResource({ targetUri: 'http://x.onion/a', contentType: 'image/jpeg', block: jpeg })).rejects.toBeInstanceOf(
      AppError,
    );
    await expect(warc.writeMetadata({ targetUri: 'data:image/png;base64,iVBORw0KGgo=', fields: {} })).rejects.toThrow(/data: URI/);
    await expect(warc.writeMetadata({ targetUri: 'http://x.onion/a', fields: { thumbnail: 'A'.repeat(5000) } })).rejects.toThrow(
      /longer than/,
    );
    await expect(warc.writeMetadata({ targetUri: 'http://x.onion/a', fields: { note: 'a\r\nWARC-Type: response' } })).rejects.toMatchObject(
      { code: 'invalid' },
    );
    await expect(warc.writeMetadata({ targetUri: 'http://x.onion/a\r\nX: y', fields: {} })).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      warc.writeResponse({ ...response, payload: Buffer.from('ok'), httpHeaders: [['X-Evil', 'a\r\nInjected: 1']] }),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(warc.writeResponse({ ...response, payload: Buffer.from('ok'), ip: 'not-an-ip' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(
      warc.writeResponse({ ...response, payload: Buffer.from('BM text that is not a bitmap'), ip: '10.0.0.1' }),
    ).resolves.toMatchObject({
      offset: warc.warcinfo.length,
    });
    await warc.close();
    await expect(verifyWarc(path)).resolves.toMatchObject({ ok: true, records: 2 });

    const badInfo = newPath('bad-info');
    await expect(WarcWriter.open(badInfo, { warcinfo: { 'bad name': 'x' } })).rejects.toMatchObject({ code: 'invalid' });
    await expect(readFile(badInfo)).rejects.toMatchObject({ code: 'ENOENT' });

    const keeping = await WarcWriter.open(newPath('kept'), { allowMediaPayloads: true });
    await expect(keeping.writeResponse(response)).resolves.toMatchObject({ payloadDigestHex: sha256Hex(jpeg) });
    await keeping.close();
  });

  it('serialises concurrent writes, refuses an existing file and writes after close', async () => {
    const path = newPath('concurrent');
    const warc = await WarcWriter.open(path, { digestEncoding: 'base16' });
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        warc.writeResource({ targetUri: `http://x.onion/${i}`, contentType: 'text/plain', block: page(1000 + i * 997) }),
      ),
    );
    await warc.flush();
    let expected = warc.warcinfo.length;
    for (const result of written) {
      expect(result.offset).toBe(expected);
      expect(result.blockDigest).toBe(`sha256:${result.blockDigestHex}`);
      expected += result.length;
    }
    expect(warc.size).toBe(expected);
    await warc.close();
    await warc.close();
    await expect(
      warc.writeResource({ targetUri: 'http://x.onion/late', contentType: 'text/plain', block: Buffer.from('x') }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(WarcWriter.open(path)).rejects.toMatchObject({ code: 'conflict' });
    const all = await entries(path);
    expect(records(all).map((record) => record.headers.get('WARC-Target-URI'))).toEqual([
      undefined,
      ...Array.from({ length: 20 }, (_, i) => `http://x.onion/${i}`),
    ]);
    await expect(verifyWarc(path)).resolves.toMatchObject({ ok: true, records: 21 });
  });
});
