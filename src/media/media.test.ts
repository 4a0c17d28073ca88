/**
 * The media database end to end on a real database: hash sets and their visibility, matching,
 * ingest with triage, stacking, archives, bad files, hash-only, encrypted storage and resume, and
 * the HTTP API (upload, thumbnails blurred unless revealed, match limits).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertAgency, insertUser, signIn, type TestUser } from '../../test/factories.js';
import { syntheticPhoto, zipOf } from '../../test/images.js';
import { testdata } from '../../test/testdata.js';
import { systemActor } from '../platform/access/actor.js';
import { hashMediaFile } from './hashing.js';

describe('media database', () => {
  let t: TestApp;
  let analyst: TestUser;
  let other: TestUser;
  let caseRef: string;
  let evidence: string;
  const photo = (seed: number, options?: Parameters<typeof syntheticPhoto>[1]) => syntheticPhoto(seed, options);

  beforeAll(async () => {
    t = await createTestApp();
    const ours = await insertAgency(t, { name: 'Media police', country: 'NLD' });
    analyst = await insertUser(t, { agency: ours, roles: ['analyst'] });
    other = await insertUser(t, {
      agency: await insertAgency(t, { name: 'Other hotline', country: 'KEN', kind: 'hotline' }),
      roles: ['analyst'],
    });
    caseRef = (await t.app.services.cases.create(analyst.actor, { title: 'Seized phone', visibility: 'agency' })).reference;

    // A seized folder: 3 known photos (one rotated), 2 near-duplicates of a new photo, an ignorable
    // icon, a zip with a nested zip, a truncated JPEG and a text file.
    evidence = mkdtempSync(join(tmpdir(), 'vigil-evidence-'));
    const known = await photo(1);
    writeFileSync(join(evidence, 'known-1.jpg'), known);
    writeFileSync(join(evidence, 'known-2.png'), await photo(2, { format: 'png' }));
    const rotated = await (
      await import('sharp')
    )
      .default(await photo(3))
      .rotate(90)
      .jpeg()
      .toBuffer();
    writeFileSync(join(evidence, 'known-3-rotated.jpg'), rotated);
    writeFileSync(join(evidence, 'new-a.jpg'), await photo(10));
    writeFileSync(join(evidence, 'new-a-brighter.jpg'), await photo(10, { brightness: 1.08 }));
    writeFileSync(join(evidence, 'icon.png'), await photo(20, { width: 64, height: 64, format: 'png' }));
    const inner = zipOf([{ name: 'deep/new-b.jpg', bytes: await photo(11) }]);
    writeFileSync(
      join(evidence, 'archive.zip'),
      zipOf([
        { name: 'DCIM/copy-of-known-1.jpg', bytes: known },
        { name: 'inner.zip', bytes: inner },
      ]),
    );
    writeFileSync(join(evidence, 'broken.jpg'), (await photo(12)).subarray(0, 500));
    writeFileSync(join(evidence, 'notes.txt'), 'shopping list');

    const knownSet = await t.app.services.hashSets.create(analyst.actor, {
      name: 'Known (synthetic)',
      purpose: 'known',
      visibility: 'agency',
    });
    const pdqOf = async (bytes: Buffer) => {
      const file = join(mkdtempSync(join(tmpdir(), 'vigil-h-')), 'x');
      writeFileSync(file, bytes);
      return (await hashMediaFile(file)).pdq!;
    };
    const list = [`${await pdqOf(known)},100`, `${await pdqOf(await photo(3))},100`].join('\n') + '\n';
    await t.app.services.hashSets.import(analyst.actor, knownSet.id, Buffer.from(list), { format: 'pdq-list' });
    const png = readFileSync(join(evidence, 'known-2.png'));
    const md5 = (await import('node:crypto')).createHash('md5').update(png).digest('hex');
    const icse = `MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;Series name;Number of submissions;File Available;Media Type;Baseline\n${md5};;;IMG-1;yes;no;no;Series Alpha (synthetic);3;no;Image;no\n`;
    await t.app.services.hashSets.import(analyst.actor, knownSet.id, Buffer.from(icse), { format: 'icse-csv' });
    const ignorable = await t.app.services.hashSets.create(analyst.actor, {
      name: 'Icons (synthetic)',
      purpose: 'ignorable',
      visibility: 'agency',
    });
    await t.app.services.hashSets.import(
      analyst.actor,
      ignorable.id,
      Buffer.from(`${(await hashMediaFile(join(evidence, 'icon.png'))).md5}\n`),
      { format: 'md5-list' },
    );
  });
  afterAll(() => t.close());

  describe('hash sets', () => {
    it('refuse a whole import with a bad record, naming its line, unless told to skip it', async () => {
      const set = await t.app.services.hashSets.create(analyst.actor, { name: 'Strict', purpose: 'known', visibility: 'agency' });
      const list = Buffer.from(['d41d8cd98f00b204e9800998ecf8427e', 'not-a-hash', '0cc175b9c0f1b6a831c399e269772661'].join('\n'));
      await expect(t.app.services.hashSets.import(analyst.actor, set.id, list, { format: 'md5-list' })).rejects.toMatchObject({
        code: 'invalid',
        errors: [{ field: 'line 2' }],
      });
      expect((await t.app.services.hashSets.get(analyst.actor, set.id)).entryCount).toBe(0);
      const outcome = await t.app.services.hashSets.import(analyst.actor, set.id, list, { format: 'md5-list', skipInvalid: true });
      expect(outcome).toMatchObject({ imported: 2, errors: [{ line: 2 }] });
      const again = await t.app.services.hashSets.import(analyst.actor, set.id, list, { format: 'md5-list', skipInvalid: true });
      expect(again.imported).toBe(0);
      expect(again.warnings[0]).toMatchObject({ message: '2 entries are already in the set and were skipped' });
      expect((await t.app.services.hashSets.get(analyst.actor, set.id)).entryCount).toBe(2);
    });

    it('export what they imported', async () => {
      const set = (await t.app.services.hashSets.list(analyst.actor)).find((s) => s.name === 'Known (synthetic)')!;
      const csv = await t.app.services.hashSets.export(analyst.actor, set.id, 'icse-csv');
      expect(csv.text).toContain('Series Alpha (synthetic)');
      const pdq = await t.app.services.hashSets.export(analyst.actor, set.id, 'pdq-list');
      expect(pdq.text.trim().split('\n')).toHaveLength(2);
    });

    it('are matched only where visible: another agency neither sees nor matches an agency-only set', async () => {
      const set = (await t.app.services.hashSets.list(analyst.actor)).find((s) => s.name === 'Known (synthetic)')!;
      expect((await t.app.services.hashSets.list(other.actor)).map((s) => s.id)).not.toContain(set.id);
      await expect(t.app.services.hashSets.get(other.actor, set.id)).rejects.toMatchObject({ code: 'not_found' });
      const query = { pdq: (await hashMediaFile(join(evidence, 'known-1.jpg'))).pdq! };
      expect((await t.app.services.matcher.match(analyst.actor, [query]))[0]).toHaveLength(1);
      expect((await t.app.services.matcher.match(other.actor, [query]))[0]).toHaveLength(0);
    });
    it('can be re-shared by their owner: a set shared with another agency is matched there too', async () => {
      const set = await t.app.services.hashSets.create(analyst.actor, { name: 'To share', purpose: 'known', visibility: 'agency' });
      await t.app.services.hashSets.import(analyst.actor, set.id, Buffer.from('0cc175b9c0f1b6a831c399e269772661\n'), {
        format: 'md5-list',
      });
      expect((await t.app.services.matcher.match(other.actor, [{ md5: '0cc175b9c0f1b6a831c399e269772661' }]))[0]).toHaveLength(0);
      await expect(t.app.services.hashSets.update(other.actor, set.id, { name: 'Taken over' })).rejects.toMatchObject({
        code: 'not_found',
      });
      const shared = await t.app.services.hashSets.update(analyst.actor, set.id, {
        name: 'Shared set',
        visibility: 'shared',
        sharedWith: [other.agency.id],
      });
      expect(shared).toMatchObject({ name: 'Shared set', visibility: 'shared', sharedWith: [other.agency.id] });
      expect((await t.app.services.matcher.match(other.actor, [{ md5: '0cc175b9c0f1b6a831c399e269772661' }]))[0]).toHaveLength(1);
      await expect(t.app.services.hashSets.update(other.actor, set.id, { name: 'Taken over' })).rejects.toMatchObject({
        code: 'forbidden',
      });
    });
  });

  describe('ingest', () => {
    it('triages every file, stacks near-duplicates, reads archives and records bad files', async () => {
      const { counts, resumed, job } = await t.app.services.ingest.run(analyst.actor, { paths: [evidence], caseRef, threads: 2 });
      expect(resumed).toBe(false);
      expect(counts).toMatchObject({ known: 4, ignorable: 1, error: 1, itemsDone: 9 });
      // new: new-a, new-a-brighter, deep/new-b, notes.txt, and the two zip files themselves.
      expect(counts.new).toBe(6);
      expect(counts.files).toBe(12);
      expect(counts.stacks).toBe(1);
      const occurrences = await t.app.services.ingest.repository.occurrences(job.id);
      const triage = Object.fromEntries(occurrences.map((o) => [o.path.slice(evidence.length + 1), o.triage]));
      expect(triage).toMatchObject({
        'known-1.jpg': 'known',
        'known-2.png': 'known',
        'known-3-rotated.jpg': 'known',
        'archive.zip!/DCIM/copy-of-known-1.jpg': 'known',
        'archive.zip!/inner.zip!/deep/new-b.jpg': 'new',
        'icon.png': 'ignorable',
        'broken.jpg': 'error',
      });
      const media = await t.app.services.media.list(analyst.actor, { ingestId: job.id, limit: 100 });
      const rotated = media.find((m) => m.matches.some((x) => x.variant !== undefined && x.variant > 0));
      expect(rotated?.matches[0]).toMatchObject({ matchedOn: 'pdq', hashSet: { name: 'Known (synthetic)' } });
      const series = media.find((m) => m.matches.some((x) => x.labels.seriesName === 'Series Alpha (synthetic)'));
      expect(series?.matches[0]?.matchedOn).toBe('md5');
    });

    it('stores content encrypted, once per file', async () => {
      const dir = join(t.app.config.dataDir, 'media');
      const stored = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      const png = readFileSync(join(evidence, 'known-2.png'));
      expect(stored.length).toBeGreaterThan(5);
      for (const file of stored) expect(readFileSync(join(file.parentPath, file.name)).includes(png.subarray(100, 164))).toBe(false);
      const media = (await t.app.services.media.list(analyst.actor, { limit: 100 })).find((m) => m.size === png.length)!;
      expect(media.stored).toBe(true);
    });

    it('keeps only hashes with hash-only, and counts nothing twice when run again', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'vigil-hashonly-'));
      writeFileSync(join(folder, 'x.jpg'), await photo(30));
      const first = await t.app.services.ingest.run(analyst.actor, { paths: [folder], caseRef, hashOnly: true, threads: 1 });
      const again = await t.app.services.ingest.run(analyst.actor, { paths: [folder], caseRef, hashOnly: true, threads: 1 });
      expect(first.counts).toMatchObject({ files: 1, new: 1 });
      expect(again.counts).toMatchObject({ files: 1, new: 1 });
      const media = await t.app.services.media.list(analyst.actor, { ingestId: first.job.id, limit: 10 });
      expect(media).toHaveLength(1);
      expect(media[0]!.stored).toBe(false);
    });

    it('resumes an interrupted ingest where it stopped, counting nothing twice', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'vigil-resume-'));
      for (let i = 0; i < 8; i += 1) writeFileSync(join(folder, `p${i}.jpg`), await photo(100 + i));
      let calls = 0;
      await expect(
        t.app.services.ingest.run(analyst.actor, {
          paths: [folder],
          caseRef,
          threads: 1,
          batchSize: 2,
          onProgress: (done) => {
            calls += 1;
            if (done === 4) throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      expect(calls).toBeGreaterThan(1);
      const resumed = await t.app.services.ingest.run(analyst.actor, { paths: [folder], caseRef, threads: 1 });
      expect(resumed.resumed).toBe(true);
      expect(resumed.counts).toMatchObject({ itemsDone: 8, files: 8, new: 8, distinct: 8 });
    });

    it('hashes a video inside an archive from memory, with the same frames as from a file', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'vigil-video-zip-'));
      const clip = readFileSync(testdata('vpdq', 'tmk', 'sample-videos', 'chair-19-sd-bar.mp4'));
      writeFileSync(join(folder, 'clips.zip'), zipOf([{ name: 'phone/chair.mp4', bytes: clip }]));
      const expected = readFileSync(testdata('vpdq', 'expected-local', 'per-second', 'chair-19-sd-bar.txt'), 'utf8')
        .trim()
        .split('\n');
      const { job } = await t.app.services.ingest.run(analyst.actor, { paths: [folder], caseRef, threads: 1, hashOnly: true });
      const items = await t.app.services.media.list(analyst.actor, { ingestId: job.id, limit: 10 });
      const video = items.find((item) => item.kind === 'video');
      expect(video).toMatchObject({ mediaType: 'video/mp4', codec: 'h264' });
      expect(video!.vpdq!.map((f) => `${f.frameNumber},${f.quality},${f.hash},${f.timestamp.toFixed(3)}`)).toEqual(expected);
    });

    it('hashes videos at one frame a second and finds a known still among the frames', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'vigil-video-'));
      writeFileSync(join(folder, 'clip.mp4'), readFileSync(testdata('vpdq', 'tmk', 'sample-videos', 'pattern-sd-grey-bar.mp4')));
      const expected = readFileSync(testdata('vpdq', 'expected-local', 'per-second', 'pattern-sd-grey-bar.txt'), 'utf8')
        .trim()
        .split('\n');
      const still = expected[2]!.split(',')[2]!;
      const set = await t.app.services.hashSets.create(analyst.actor, {
        name: 'Stills (synthetic)',
        purpose: 'known',
        visibility: 'agency',
      });
      await t.app.services.hashSets.import(analyst.actor, set.id, Buffer.from(`${still},100\n`), { format: 'pdq-list' });
      const { job, counts } = await t.app.services.ingest.run(analyst.actor, { paths: [folder], caseRef, threads: 1, hashOnly: true });
      expect(counts).toMatchObject({ files: 1, known: 1 });
      const [video] = await t.app.services.media.list(analyst.actor, { ingestId: job.id, limit: 1 });
      expect(video).toMatchObject({ kind: 'video', mediaType: 'video/mp4', codec: 'h264', triage: 'known' });
      expect(video!.vpdq!.map((f) => `${f.frameNumber},${f.quality},${f.hash},${f.timestamp.toFixed(3)}`)).toEqual(expected);
      expect(video!.matches[0]).toMatchObject({ matchedOn: 'pdq', distance: 0, frame: { frameNumber: 60, timestamp: 2 } });
      const same = await t.app.services.media.matchVideo(analyst.actor, video!.vpdq!);
      expect(same).toContainEqual({ mediaId: video!.id, caseId: video!.caseId, queryMatchPercent: 100, comparedMatchPercent: 100 });
      const chair = readFileSync(testdata('vpdq', 'expected-local', 'per-second', 'chair-19-sd-bar.txt'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [frameNumber, quality, hash, timestamp] = line.split(',');
          return { frameNumber: Number(frameNumber), quality: Number(quality), hash: hash!, timestamp: Number(timestamp) };
        });
      expect((await t.app.services.media.matchVideo(analyst.actor, chair)).map((m) => m.mediaId)).not.toContain(video!.id);
      expect(await t.app.services.media.matchVideo(other.actor, video!.vpdq!)).toEqual([]);
    });

    it('matches media again after a set gained the hash, finding rotated copies too', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'vigil-rematch-'));
      const original = await photo(60);
      writeFileSync(join(folder, 'rotated.jpg'), await (await import('sharp')).default(original).rotate(180).jpeg().toBuffer());
      const { job } = await t.app.services.ingest.run(analyst.actor, { paths: [folder], caseRef, threads: 1, hashOnly: true });
      const [before] = await t.app.services.media.list(analyst.actor, { ingestId: job.id, limit: 1 });
      expect(before!.triage).toBe('new');
      const set = await t.app.services.hashSets.create(analyst.actor, { name: 'Added later', purpose: 'known', visibility: 'agency' });
      const file = join(folder, 'original.jpg');
      writeFileSync(file, original);
      await t.app.services.hashSets.import(analyst.actor, set.id, Buffer.from(`${(await hashMediaFile(file)).pdq!},100\n`), {
        format: 'pdq-list',
      });
      const outcome = await t.app.services.ingest.rematch(analyst.actor, { caseRef });
      expect(outcome.changed).toBeGreaterThanOrEqual(1);
      const after = await t.app.services.media.get(analyst.actor, before!.id);
      expect(after.triage).toBe('known');
      expect(after.matches[0]).toMatchObject({ matchedOn: 'pdq', hashSet: { name: 'Added later' } });
      expect(after.matches[0]!.variant).toBeGreaterThan(0);
    });

    it('refuses a case of another agency as not found', async () => {
      await expect(t.app.services.ingest.run(other.actor, { paths: [evidence], caseRef })).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('HTTP', () => {
    let cookie: string;
    beforeAll(async () => {
      cookie = await signIn(t, analyst);
    });

    it('uploads several files and answers with the triage of each', async () => {
      const form = new FormData();
      form.append('case', caseRef);
      form.append('file', new Blob([readFileSync(join(evidence, 'known-1.jpg'))]), 'holiday.jpg');
      form.append('file', new Blob([await photo(40)]), 'other.jpg');
      const res = await t.server.inject({ method: 'POST', url: '/api/v1/media/upload', headers: { cookie }, payload: form });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ files: { name: string; triage: string }[]; counts: { known: number; new: number } }>();
      expect(body.files.map((f) => [f.name, f.triage])).toEqual([
        ['holiday.jpg', 'known'],
        ['other.jpg', 'new'],
      ]);
    });

    it('refuses an upload into a case it may not use before reading the files', async () => {
      const form = new FormData();
      form.append('case', caseRef);
      form.append('file', new Blob([await photo(41)]), 'x.jpg');
      const res = await t.server.inject({
        method: 'POST',
        url: '/api/v1/media/upload',
        headers: { cookie: await signIn(t, other) },
        payload: form,
      });
      expect(res.statusCode).toBe(404);
      const filesFirst = new FormData();
      filesFirst.append('file', new Blob([await photo(42)]), 'y.jpg');
      filesFirst.append('case', caseRef);
      const refused = await t.server.inject({ method: 'POST', url: '/api/v1/media/upload', headers: { cookie }, payload: filesFirst });
      expect(refused.json()).toMatchObject({ code: 'invalid', errors: [{ field: 'case' }] });
    });

    it('serves thumbnails blurred and greyscale, and reveals only to analysts, audited', async () => {
      const list = await t.server.inject({ method: 'GET', url: '/api/v1/media?triage=new&limit=1', headers: { cookie } });
      const id = list.json<{ items: { id: string }[] }>().items[0]!.id;
      const blurred = await t.server.inject({ method: 'GET', url: `/api/v1/media/${id}/thumbnail`, headers: { cookie } });
      expect(blurred.statusCode).toBe(200);
      expect(blurred.headers['content-type']).toBe('image/jpeg');
      const sharp = (await import('sharp')).default;
      const stats = await sharp(blurred.rawPayload).stats();
      expect(stats.isOpaque).toBe(true);
      const [r, g, b] = stats.channels;
      expect(stats.channels.length === 1 || (r!.mean === g!.mean && g!.mean === b!.mean)).toBe(true);
      const revealed = await t.server.inject({ method: 'GET', url: `/api/v1/media/${id}/thumbnail?reveal=true`, headers: { cookie } });
      expect(revealed.statusCode).toBe(200);
      expect(revealed.rawPayload.equals(blurred.rawPayload)).toBe(false);
      const reveals = await t.app.services.audit.search(systemActor(), { action: 'media.reveal', recordId: id });
      expect(reveals.map((e) => e.outcome)).toEqual(['success']);

      const investigator = await insertUser(t, { agency: analyst.agency, roles: ['investigator'] });
      const denied = await t.server.inject({
        method: 'GET',
        url: `/api/v1/media/${id}/thumbnail?reveal=true`,
        headers: { cookie: await signIn(t, investigator) },
      });
      expect(denied.statusCode).toBe(403);
      const otherAgency = await t.server.inject({ method: 'GET', url: `/api/v1/media/${id}`, headers: { cookie: await signIn(t, other) } });
      expect(otherAgency.statusCode).toBe(404);
    });

    it('shows a video as a blurred contact sheet, never as a thumbnail', async () => {
      const form = new FormData();
      form.append('case', caseRef);
      form.append('file', new Blob([readFileSync(testdata('vpdq', 'tmk', 'sample-videos', 'test-padded-dimensions.mp4'))]), 'clip.mp4');
      const upload = await t.server.inject({ method: 'POST', url: '/api/v1/media/upload', headers: { cookie }, payload: form });
      const id = upload.json<{ files: { mediaId: string }[] }>().files[0]!.mediaId;
      const sheet = await t.server.inject({ method: 'GET', url: `/api/v1/media/${id}/contact-sheet`, headers: { cookie } });
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers['content-type']).toBe('image/jpeg');
      const sharp = (await import('sharp')).default;
      const stats = await sharp(sheet.rawPayload).stats();
      const [r, g, b] = stats.channels;
      expect(stats.channels.length === 1 || (r!.mean === g!.mean && g!.mean === b!.mean)).toBe(true);
      const meta = await sharp(sheet.rawPayload).metadata();
      expect(meta.width).toBeGreaterThan(meta.height);
      expect((await t.server.inject({ method: 'GET', url: `/api/v1/media/${id}/thumbnail`, headers: { cookie } })).statusCode).toBe(404);
      const revealed = await t.server.inject({ method: 'GET', url: `/api/v1/media/${id}/contact-sheet?reveal=true`, headers: { cookie } });
      expect(revealed.statusCode).toBe(200);
      expect((await t.app.services.audit.search(systemActor(), { action: 'media.reveal', recordId: id })).map((e) => e.outcome)).toEqual([
        'success',
      ]);
    });

    it('matches up to 10,000 hashes per request and refuses more', async () => {
      const pdq = (await hashMediaFile(join(evidence, 'known-1.jpg'))).pdq!;
      const ok = await t.server.inject({
        method: 'POST',
        url: '/api/v1/match',
        headers: { cookie },
        payload: { items: [{ pdq }, { md5: '0123456789abcdef0123456789abcdef' }] },
      });
      expect(ok.statusCode).toBe(200);
      const results = ok.json<{ results: { matches: { matchedOn: string; distance: number }[] }[] }>().results;
      expect(results[0]!.matches[0]).toMatchObject({ matchedOn: 'pdq', distance: 0 });
      expect(results[1]!.matches).toEqual([]);
      const items = Array.from({ length: 10_001 }, () => ({ md5: 'd41d8cd98f00b204e9800998ecf8427e' }));
      const tooMany = await t.server.inject({ method: 'POST', url: '/api/v1/match', headers: { cookie }, payload: { items } });
      expect(tooMany.statusCode).toBe(400);
    });
  });
});
