import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/audit/chain.js';
import {
  appendCustody,
  custodyGenesis,
  custodyGenesisHash,
  custodyHash,
  mediaHashMetadata,
  verifyCaptureAgainstWarc,
  verifyCustody,
  type CustodyEntry,
  type StoredCustodyEntry,
} from './custody.js';
import { readRecordAt, verifyWarc, WarcWriter, type WarcWriteResult } from './warc.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-custody-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const target = 'http://vigilexampleforumxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion/thread/7';
const mediaUri = `${target}/img/1.jpg`;
const media = { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64), pdq: 'd'.repeat(64) };

const base = {
  operatorId: 'user-1',
  operatorName: 'Investigator One',
  agencyId: 'agency-1',
  caseId: 'case-9',
  siteId: 'site-3',
  visitId: 'visit-5',
};

function captureFields(warcFile: string, result: WarcWriteResult, at: string): Omit<CustodyEntry, 'seq'> {
  return {
    ...base,
    at,
    action: 'capture',
    targetUri: target,
    warcFile,
    warcRecordId: result.recordId,
    blockDigest: result.blockDigest,
    payloadDigest: result.payloadDigest ?? null,
  };
}

function chain(fields: Omit<CustodyEntry, 'seq'>[]): StoredCustodyEntry[] {
  const stored: StoredCustodyEntry[] = [];
  let state = custodyGenesis;
  for (const entry of fields) {
    const next = appendCustody(state, entry);
    stored.push(next);
    state = { seq: next.entry.seq, hash: next.hash };
  }
  return stored;
}

/** A capture of one page and one media item hashed but not kept. */
async function capture(name: string, body: string, hashes = media) {
  const path = join(dir, `${name}.warc.gz`);
  const warc = await WarcWriter.open(path, { warcinfo: { software: 'vigil test' } });
  const response = await warc.writeResponse({
    targetUri: target,
    httpStatusLine: 'HTTP/1.1 200 OK',
    httpHeaders: [['Content-Type', 'text/html']],
    payload: Buffer.from(body),
  });
  const metadata = await warc.writeMetadata({
    targetUri: mediaUri,
    refersTo: response.recordId,
    fields: { ...mediaHashMetadata(hashes), match: 'none' },
  });
  await warc.close();
  return { path, response, metadata };
}

describe('custody chain', () => {
  const fields = (n: number): Omit<CustodyEntry, 'seq'>[] =>
    Array.from({ length: n }, (_, i) => ({
      ...base,
      at: `2026-03-01T12:00:0${i}.000Z`,
      action: 'capture',
      targetUri: `${target}/${i}`,
      warcFile: 'visit-5.warc.gz',
      warcRecordId: `<urn:uuid:00000000-0000-4000-8000-00000000000${i}>`,
      blockDigest: `sha256:${'A'.repeat(52)}`,
      payloadDigest: null,
    }));

  it('hashes the previous hash, a line feed and the canonical JSON', () => {
    const [first] = chain(fields(1));
    if (!first) throw new Error('entry missing');
    const expected = createHash('sha256')
      .update(`${custodyGenesisHash}\n${canonicalJson(first.entry)}`)
      .digest('hex');
    expect(first.hash).toBe(expected);
    expect(custodyHash(first.prevHash, first.entry)).toBe(expected);
    expect(first.entry.seq).toBe(1);
    expect(first.prevHash).toBe('0'.repeat(64));
  });

  it('accepts a valid chain, in one batch or several', () => {
    const stored = chain(fields(4));
    const whole = verifyCustody(custodyGenesis, stored);
    expect(whole).toEqual({ ok: true, state: { seq: 4, hash: stored[3]?.hash } });
    const first = verifyCustody(custodyGenesis, stored.slice(0, 2));
    if (!first.ok) throw new Error('first batch broken');
    expect(verifyCustody(first.state, stored.slice(2))).toEqual(whole);
  });

  it('finds an edited entry', () => {
    const stored = chain(fields(4));
    const edited = stored.map((s, i) => (i === 2 ? { ...s, entry: { ...s.entry, operatorName: 'Someone Else' } } : s));
    expect(verifyCustody(custodyGenesis, edited)).toEqual({ ok: false, broken: { seq: 3, problem: 'content does not match its hash' } });
  });

  it('finds an edited entry whose hash was recomputed, at the entry after it', () => {
    const stored = chain(fields(4));
    const forged = stored.map((s, i) => {
      if (i !== 1) return s;
      const entry = { ...s.entry, blockDigest: `sha256:${'B'.repeat(52)}` };
      return { entry, prevHash: s.prevHash, hash: custodyHash(s.prevHash, entry) };
    });
    expect(verifyCustody(custodyGenesis, forged)).toEqual({
      ok: false,
      broken: { seq: 3, problem: 'previous hash does not match the entry before it' },
    });
  });

  it('finds a deleted entry and reordered entries', () => {
    const stored = chain(fields(4));
    expect(
      verifyCustody(
        custodyGenesis,
        [stored[0], stored[2], stored[3]].flatMap((s) => (s ? [s] : [])),
      ),
    ).toEqual({
      ok: false,
      broken: { seq: 3, problem: 'sequence gap or reordering' },
    });
    expect(
      verifyCustody(
        custodyGenesis,
        [stored[0], stored[2], stored[1], stored[3]].flatMap((s) => (s ? [s] : [])),
      ),
    ).toMatchObject({
      ok: false,
      broken: { seq: 3, problem: 'sequence gap or reordering' },
    });
  });
});

describe('verifyCaptureAgainstWarc', () => {
  it('accepts the records custody recorded', async () => {
    const { path, response, metadata } = await capture('intact', '<html>page</html>');
    const stored = chain([
      captureFields(basename(path), response, '2026-03-01T12:00:00.000Z'),
      {
        ...captureFields(basename(path), metadata, '2026-03-01T12:00:01.000Z'),
        action: 'media_hashed',
        targetUri: mediaUri,
        mediaHashes: media,
      },
    ]);
    expect(verifyCustody(custodyGenesis, stored).ok).toBe(true);
    const [page, hashed] = stored;
    if (!page || !hashed) throw new Error('entries missing');
    expect(verifyCaptureAgainstWarc(page.entry, await readRecordAt(path, response.offset))).toEqual({ ok: true });
    expect(verifyCaptureAgainstWarc(hashed.entry, await readRecordAt(path, metadata.offset))).toEqual({ ok: true });
    expect(verifyCaptureAgainstWarc(page.entry, await readRecordAt(path, metadata.offset))).toMatchObject({ ok: false });
  });

  it('catches a WARC swapped under a valid chain, even one that is consistent in itself', async () => {
    const original = await capture('original', '<html>what was seen</html>');
    const stored = chain([
      captureFields(basename(original.path), original.response, '2026-03-01T12:00:00.000Z'),
      {
        ...captureFields(basename(original.path), original.metadata, '2026-03-01T12:00:01.000Z'),
        action: 'media_hashed',
        targetUri: mediaUri,
        mediaHashes: media,
      },
    ]);
    const [page, hashed] = stored;
    if (!page || !hashed) throw new Error('entries missing');

    // Another capture of the same page: new record ids, so nothing lines up.
    const other = await capture('other', '<html>what was seen</html>');
    const swapped = verifyCaptureAgainstWarc(page.entry, await readRecordAt(other.path, other.response.offset));
    expect(swapped).toMatchObject({ ok: false, problems: [expect.stringMatching(/^record id is/)] });

    // A forgery: same record id, different page, digests recomputed so the WARC verifies alone.
    const forgedPath = join(dir, 'forged.warc.gz');
    const warc = await WarcWriter.open(forgedPath);
    const forged = await warc.writeResponse({
      recordId: original.response.recordId,
      targetUri: target,
      httpStatusLine: 'HTTP/1.1 200 OK',
      httpHeaders: [['Content-Type', 'text/html']],
      payload: Buffer.from('<html>something else</html>'),
    });
    const forgedMedia = await warc.writeMetadata({
      recordId: original.metadata.recordId,
      targetUri: mediaUri,
      refersTo: original.response.recordId,
      fields: { 'hash-md5': media.md5, 'hash-sha1': media.sha1, 'hash-sha256': 'e'.repeat(64), 'hash-pdq': media.pdq },
    });
    await warc.close();
    await expect(verifyWarc(forgedPath)).resolves.toMatchObject({ ok: true });
    expect(verifyCustody(custodyGenesis, stored).ok).toBe(true);

    const result = verifyCaptureAgainstWarc(page.entry, await readRecordAt(forgedPath, forged.offset));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^WARC-Block-Digest is/),
      'the block does not hash to the digest custody recorded',
      expect.stringMatching(/^WARC-Payload-Digest is/),
      'the payload does not hash to the digest custody recorded',
    ]);

    const mediaResult = verifyCaptureAgainstWarc(hashed.entry, await readRecordAt(forgedPath, forgedMedia.offset));
    expect(mediaResult).toMatchObject({ ok: false });
    if (mediaResult.ok) return;
    expect(mediaResult.problems).toContain(`hash-sha256 is ${'e'.repeat(64)}, custody recorded ${media.sha256}`);
  });
});
