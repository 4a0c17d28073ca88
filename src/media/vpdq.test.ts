/**
 * vPDQ against the reference's output on this machine (../shared/testdata/vpdq/expected-local):
 * bit for bit (hashes, qualities, frame numbers, timestamps, text) every frame, one per second
 * and at 128×128; the matching rule on the sample videos; a still found through a video's frames;
 * FFmpeg lookup, errors and clean-up of the child process.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testdata } from '../../test/testdata.js';
import { AppError } from '../platform/errors.js';
import { decodeForPdq } from './decode.js';
import { decodeFrames, locateFfmpeg, probeVideo } from './ffmpeg.js';
import { hammingDistance, pdqFromHex, type PdqHash } from './pdq-hash.js';
import { pdqFromPixels, pdqWordsToHex } from './pdq.js';
import { vpdqCommands } from './vpdq.command.js';
import { formatVpdq, matchFramesAgainstImages, parseVpdq, vpdqHashVideo, vpdqMatch, vpdqTimestamp, type VpdqFrame } from './vpdq.js';
import { captureCli } from '../../test/cli.js';

const video = (name: string): string => testdata('vpdq', 'tmk', 'sample-videos', `${name}.mp4`);
const expectedText = (kind: 'every-frame' | 'per-second' | 'every-frame-128x128', name: string): string =>
  readFileSync(testdata('vpdq', 'expected-local', kind, kind === 'every-frame-128x128' ? `${name}-128x128.txt` : `${name}.txt`), 'utf8');
const expected = (kind: Parameters<typeof expectedText>[0], name: string): VpdqFrame[] => parseVpdq(expectedText(kind, name));

const allVideos = [
  'chair-19-sd-bar',
  'doorknob-hd-no-bar',
  'pattern-hd-no-bar',
  'pattern-longer-no-bar',
  'pattern-sd-grey-bar',
  'pattern-sd-with-large-logo-bar',
  'pattern-sd-with-small-logo-bar',
  'test-padded-dimensions',
];
/** Hashing every frame at native size costs 10 ms (SD) to 25 ms (HD) a frame, so only the SD videos run whole. */
const hdVideos = ['doorknob-hd-no-bar', 'pattern-hd-no-bar', 'pattern-longer-no-bar', 'test-padded-dimensions'];

const memo = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
};
const chairEveryFrame = memo(() => vpdqHashVideo(video('chair-19-sd-bar'), { secondsPerHash: 0 }));

describe('vpdqHashVideo reproduces the reference', () => {
  it.each(['pattern-sd-grey-bar', 'chair-19-sd-bar'])('every frame of %s, bit for bit', async (name) => {
    const result = name === 'chair-19-sd-bar' ? await chairEveryFrame() : await vpdqHashVideo(video(name), { secondsPerHash: 0 });
    expect(formatVpdq(result.frames)).toBe(expectedText('every-frame', name));
    expect(result).toMatchObject({ frameRate: 30, frameStep: 1, secondsPerHash: 0, codec: 'h264' });
  });

  it.each(hdVideos)('the first 12 frames of %s, bit for bit (decoding stops early)', async (name) => {
    const want = expected('every-frame', name).slice(0, 12);
    const got: string[] = [];
    for await (const frame of decodeFrames(video(name), { everyFrame: true })) {
      const { words, quality } = pdqFromPixels(frame.pixels, frame.width, frame.height, 3);
      got.push(`${frame.frameNumber},${quality},${pdqWordsToHex(words)},${vpdqTimestamp(frame.frameNumber, 30).toFixed(3)}\n`);
      if (got.length === want.length) break;
    }
    expect(got.join('')).toBe(formatVpdq(want));
  });

  it.each(allVideos)('one hash per second (the default) of %s, bit for bit', async (name) => {
    const result = await vpdqHashVideo(video(name));
    expect(formatVpdq(result.frames)).toBe(expectedText('per-second', name));
    expect(result.frameStep).toBe(30);
  });

  it.each(allVideos)('every frame of %s scaled to 128×128, bit for bit', async (name) => {
    const result = await vpdqHashVideo(video(name), { secondsPerHash: 0, downsampleSize: 128 });
    expect(formatVpdq(result.frames)).toBe(expectedText('every-frame-128x128', name));
  });

  it('reports the stream, the sampling and where the time went', async () => {
    const result = await vpdqHashVideo(video('pattern-sd-grey-bar'), { secondsPerHash: 2 });
    expect(result.frames.map((f) => [f.frameNumber, f.timestamp])).toEqual([
      [0, 0],
      [60, 2],
      [120, 4],
      [180, 6],
    ]);
    expect(result).toMatchObject({ width: 480, height: 720, frameStep: 60, durationSeconds: expect.closeTo(6.867, 3) });
    expect(result.ffmpeg).toMatch(/^ffmpeg \S+ \(.+\), ffprobe \S+ \(.+\)$/);
    expect(result.timing.totalMs).toBeGreaterThanOrEqual(result.timing.hashMs);
  });
});

describe('timestamps', () => {
  it('are float(frame) / float(rate) printed as printf("%.3f") does, ties to even', () => {
    expect(vpdqTimestamp(17, 30)).toBe(0.567);
    expect(vpdqTimestamp(1, 16)).toBe(0.062); // 0.0625 exactly: printf gives 0.062, toFixed 0.063
    expect(vpdqTimestamp(3, 16)).toBe(0.188); // 0.1875 exactly
    expect(vpdqTimestamp(1000, 30000 / 1001)).toBe(33.367);
  });
});

describe('the hash-file format', () => {
  it('round-trips the reference files', () => {
    const text = expectedText('per-second', 'chair-19-sd-bar');
    const frames = parseVpdq(text);
    expect(frames).toHaveLength(19);
    expect(frames[1]).toEqual({ frameNumber: 30, quality: 100, hash: frames[1]!.hash, timestamp: 1 });
    expect(formatVpdq(frames)).toBe(text);
  });

  it('accepts upper-case hex, CRLF and blank lines; names the first bad line', () => {
    const line = '0,100,E271017837246AACCDDEA259648FB7D62F435C89D9E99B2497763E216C8D055C,0.000';
    expect(parseVpdq(`${line}\r\n\r\n`)[0]!.hash).toBe(line.split(',')[2]!.toLowerCase());
    expect(() => parseVpdq(`${line}\n0,100,abc,0.000\n`)).toThrow(/line 2: the hash is not 64 hex characters/);
    expect(() => parseVpdq('0,101,' + 'a'.repeat(64) + ',0.000')).toThrow(/line 1: quality "101"/);
    expect(() => parseVpdq('frame,quality,hash,time')).toThrow(AppError);
  });
});

describe('vpdqMatch', () => {
  it('matches a video with itself 100% both ways', () => {
    const frames = expected('every-frame', 'chair-19-sd-bar');
    expect(vpdqMatch(frames, frames)).toEqual({
      queryMatchPercent: 100,
      comparedMatchPercent: 100,
      isMatch: true,
      queryUniqueFrames: 562, // 564 frames, two hashes repeated
      comparedUniqueFrames: 562,
    });
  });

  it('finds the pattern clip inside the longer pattern video when every frame is hashed', () => {
    const clip = expected('every-frame', 'pattern-hd-no-bar');
    const longer = expected('every-frame', 'pattern-longer-no-bar');
    const result = vpdqMatch(clip, longer);
    expect(result).toMatchObject({ queryMatchPercent: 100, isMatch: true, queryUniqueFrames: 204, comparedUniqueFrames: 232 });
    expect(result.comparedMatchPercent).toBeCloseTo(87.93, 2);
    // The other way round the longer video is the query: 87.93% ≥ 80%, still a match.
    expect(vpdqMatch(longer, clip)).toMatchObject({ queryMatchPercent: result.comparedMatchPercent, isMatch: true });
  });

  it('misses the same pair at one hash per second: the two encodes drift apart in time and the camera moves fast', () => {
    const result = vpdqMatch(expected('per-second', 'pattern-hd-no-bar'), expected('per-second', 'pattern-longer-no-bar'));
    expect(result.queryMatchPercent).toBeCloseTo((3 / 7) * 100, 6);
    expect(result.comparedMatchPercent).toBeCloseTo((3 / 8) * 100, 6);
    expect(result.isMatch).toBe(false);
  });

  it('matches the grey-bar and small-logo re-encodes with each other but not the large logo, and none with the letterbox-free original', () => {
    const grey = expected('every-frame', 'pattern-sd-grey-bar');
    const smallLogo = expected('every-frame', 'pattern-sd-with-small-logo-bar');
    const largeLogo = expected('every-frame', 'pattern-sd-with-large-logo-bar');
    const original = expected('every-frame', 'pattern-hd-no-bar');
    const greySmall = vpdqMatch(grey, smallLogo);
    expect(greySmall.isMatch).toBe(true);
    expect(greySmall.queryMatchPercent).toBeCloseTo(99.01, 2);
    expect(vpdqMatch(grey, largeLogo).queryMatchPercent).toBeLessThan(2);
    expect(vpdqMatch(smallLogo, largeLogo).isMatch).toBe(false);
    // A letterbox bar moves the whole picture: vPDQ (like PDQ) does not survive it (REFERENCE §1).
    for (const copy of [grey, smallLogo, largeLogo])
      expect(vpdqMatch(copy, original)).toMatchObject({ queryMatchPercent: 0, comparedMatchPercent: 0, isMatch: false });
  });

  it('does not match different videos', () => {
    const chair = expected('every-frame', 'chair-19-sd-bar');
    const pattern = expected('every-frame', 'pattern-hd-no-bar');
    expect(vpdqMatch(chair, pattern)).toMatchObject({ queryMatchPercent: 0, comparedMatchPercent: 0, isMatch: false });
    expect(vpdqMatch(pattern, chair).isMatch).toBe(false);
  });

  it('ignores low-quality frames, de-duplicates hashes, and is not a match with nothing to compare', () => {
    const hash = 'e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c';
    const far = 'f'.repeat(64);
    const frame = (frameNumber: number, quality: number, h: string): VpdqFrame => ({
      frameNumber,
      quality,
      hash: h,
      timestamp: frameNumber / 30,
    });
    const query = [frame(0, 100, hash), frame(1, 100, hash), frame(2, 100, hash), frame(3, 49, far)];
    expect(vpdqMatch(query, [frame(0, 90, hash)])).toMatchObject({ queryMatchPercent: 100, queryUniqueFrames: 1, isMatch: true });
    expect(vpdqMatch(query, [frame(0, 90, hash), frame(1, 50, far)])).toMatchObject({ comparedMatchPercent: 50, isMatch: true });
    expect(vpdqMatch([frame(0, 10, hash)], query)).toMatchObject({ queryMatchPercent: 0, queryUniqueFrames: 0, isMatch: false });
    expect(vpdqMatch(query, [frame(0, 90, far)], { distanceThreshold: 256 }).isMatch).toBe(true);
  });
});

describe('a still from a known video', () => {
  /** A still as a suspect would have it: one decoded frame saved as a JPEG, then hashed as an image. */
  async function still(name: string, frameNumber: number): Promise<PdqHash> {
    for await (const frame of decodeFrames(video(name), { everyFrame: true })) {
      if (frame.frameNumber !== frameNumber) continue;
      const jpeg = await sharp(frame.pixels, { raw: { width: frame.width, height: frame.height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer();
      const image = await decodeForPdq(jpeg);
      return pdqFromHex(pdqWordsToHex(pdqFromPixels(image.pixels, image.width, image.height, image.channels).words));
    }
    throw new Error(`${name} has no frame ${frameNumber}`);
  }
  const lookupAmong = (images: { id: string; hash: PdqHash }[]) => (hash: PdqHash) => {
    const hits = images.map((image) => ({ id: image.id, distance: hammingDistance(hash, image.hash) })).filter((hit) => hit.distance <= 31);
    return hits.sort((a, b) => a.distance - b.distance)[0];
  };

  it('is found through the frame it was taken from', async () => {
    const images = [{ id: 'still-300', hash: await still('chair-19-sd-bar', 300) }];
    const perSecond = await vpdqHashVideo(video('chair-19-sd-bar'));
    const matched = matchFramesAgainstImages(perSecond.frames, lookupAmong(images));
    expect(matched.map((m) => [m.frame.frameNumber, m.match.id])).toEqual([[300, 'still-300']]);
    expect(matched[0]!.match.distance).toBeLessThanOrEqual(10);
  });

  it('between two sampled frames, is found only when the video was hashed densely enough', async () => {
    const images = [{ id: 'still-45', hash: await still('chair-19-sd-bar', 45) }];
    const everyFrame = matchFramesAgainstImages((await chairEveryFrame()).frames, lookupAmong(images));
    expect(everyFrame.map((m) => m.frame.frameNumber)).toContain(45);
    expect(everyFrame.every((m) => Math.abs(m.frame.frameNumber - 45) <= 10)).toBe(true);
    const perSecond = matchFramesAgainstImages(expected('per-second', 'chair-19-sd-bar'), lookupAmong(images));
    expect(perSecond).toEqual([]); // the chair turns too fast between frames 30 and 60
  });

  it('looks each distinct hash up once and skips low-quality frames', () => {
    const frames: VpdqFrame[] = [
      { frameNumber: 0, quality: 100, hash: 'a'.repeat(64), timestamp: 0 },
      { frameNumber: 1, quality: 100, hash: 'A'.repeat(64), timestamp: 0.033 },
      { frameNumber: 2, quality: 20, hash: 'b'.repeat(64), timestamp: 0.067 },
    ];
    const lookup = vi.fn(() => 'known');
    expect(matchFramesAgainstImages(frames, lookup).map((m) => m.frame.frameNumber)).toEqual([0, 1]);
    expect(lookup).toHaveBeenCalledTimes(1);
  });
});

describe('ffmpeg', () => {
  const scratch = memo(() => mkdtemp(join(tmpdir(), 'vigil-vpdq-')));
  afterAll(async () => rm(await scratch(), { recursive: true, force: true }));

  it('prefers VIGIL_FFMPEG, then PATH, then the npm package, and says which', async () => {
    const npm = await locateFfmpeg({ PATH: '' });
    expect(npm.ffmpeg.source).toBe('npm');
    expect(npm.ffprobe.source).toBe('npm');
    expect(npm.ffmpeg.version).not.toBe('unknown');

    const dir = await scratch();
    await symlink(npm.ffmpeg.path, join(dir, 'ffmpeg'));
    const onPath = await locateFfmpeg({ PATH: dir });
    expect(onPath.ffmpeg).toEqual({ path: join(dir, 'ffmpeg'), source: 'PATH', version: npm.ffmpeg.version });

    const fromEnv = await locateFfmpeg({ PATH: dir, VIGIL_FFMPEG: npm.ffmpeg.path });
    expect(fromEnv.ffmpeg.source).toBe('env');
    await expect(locateFfmpeg({ PATH: '', VIGIL_FFMPEG: join(dir, 'missing') })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('probes a video', async () => {
    expect(await probeVideo(video('chair-19-sd-bar'))).toEqual({
      width: 480,
      height: 720,
      frameRate: 30,
      frameRateText: '30/1',
      durationSeconds: 18.8,
      codec: 'h264',
      frameCount: 564,
    });
  });

  it('turns a missing file, a text file and a still image into clear errors', async () => {
    await expect(probeVideo(video('no-such-video'))).rejects.toMatchObject({ code: 'not_found', message: /no such file/ });
    await expect(vpdqHashVideo(testdata('vpdq', 'README.md'))).rejects.toMatchObject({ code: 'invalid', message: /not a readable video/ });
    const png = join(await scratch(), 'still.png');
    await writeFile(
      png,
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
        .png()
        .toBuffer(),
    );
    await expect(vpdqHashVideo(png)).rejects.toMatchObject({ code: 'invalid', message: /still image/ });
    await expect(vpdqHashVideo(video('chair-19-sd-bar'), { downsampleSize: 3 })).rejects.toMatchObject({ code: 'invalid' });
    await expect(vpdqHashVideo(await scratch())).rejects.toMatchObject({ code: 'invalid', message: /not a regular file/ });
  });

  it('kills ffmpeg when the consumer stops early or aborts', async () => {
    for await (const frame of decodeFrames(video('chair-19-sd-bar'), { everyFrame: true })) if (frame.frameNumber === 2) break;
    await expect.poll(ffmpegChildren, { timeout: 2000 }).toEqual([]);

    const controller = new AbortController();
    const frames: number[] = [];
    const run = async () => {
      for await (const frame of decodeFrames(video('chair-19-sd-bar'), { everyFrame: true, signal: controller.signal })) {
        frames.push(frame.frameNumber);
        if (frame.frameNumber === 5) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(frames).toEqual([0, 1, 2, 3, 4, 5]);
    await expect.poll(ffmpegChildren, { timeout: 2000 }).toEqual([]);
  });
});

/** Live (not yet reaped) ffmpeg processes that this test process started. */
async function ffmpegChildren(): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) (\S) (\d+)/.exec(stat);
    if (match && match[1] === 'ffmpeg' && match[2] !== 'Z' && Number(match[3]) === process.pid) found.push(pid);
  }
  return found;
}

describe('vigil vpdq', () => {
  async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return captureCli(argv, { PATH: process.env['PATH'] }, [vpdqCommands]);
  }

  it('prints the reference lines, and says on stderr which ffmpeg it used', async () => {
    const { code, stdout, stderr } = await cli('vpdq', video('pattern-sd-grey-bar'), '--fps', '1');
    expect(code).toBe(0);
    expect(stdout).toBe(expectedText('per-second', 'pattern-sd-grey-bar'));
    expect(stderr).toMatch(/^vigil: hashing with ffmpeg \S+ \(/);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await cli('--json', 'vpdq', video('pattern-sd-grey-bar'), '--every-frame', '--size', '128');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.frames).toEqual(expected('every-frame-128x128', 'pattern-sd-grey-bar'));
    expect(result).toMatchObject({ frameRate: 30, downsampleSize: 128, secondsPerHash: 0 });
  });

  it('compares a video with a hash file, exit 0 whatever the verdict', async () => {
    const hashes = join(await mkdtemp(join(tmpdir(), 'vigil-vpdq-cli-')), 'longer.txt');
    await writeFile(hashes, expectedText('every-frame', 'pattern-longer-no-bar'));
    try {
      const smallLogo = testdata('vpdq', 'expected-local', 'per-second', 'pattern-sd-with-small-logo-bar.txt');
      const match = await cli('vpdq', video('pattern-sd-grey-bar'), '--compare', smallLogo);
      expect(match.code).toBe(0);
      expect(match.stdout).toMatch(
        /^Query: +\S+: 100\.00% of 7 unique frames matched\nCompared: +\S+: 100\.00% of 7 unique frames matched\nMATCH \(/,
      );
      expect(match.stderr).toMatch(/^vigil: hashed \S+pattern-sd-grey-bar\.mp4 with ffmpeg /);
      const noMatch = await cli(
        '--json',
        'vpdq',
        hashes,
        '--compare',
        testdata('vpdq', 'expected-local', 'every-frame', 'chair-19-sd-bar.txt'),
      );
      expect(noMatch.code).toBe(0);
      expect(JSON.parse(noMatch.stdout)).toMatchObject({
        query: { source: 'hash file', frames: 235, uniqueFrames: 232, matchPercent: 0 },
        compared: { source: 'hash file', frames: 564, matchPercent: 0 },
        isMatch: false,
      });
    } finally {
      await rm(join(hashes, '..'), { recursive: true, force: true });
    }
  });

  it('exits 2 on bad options or a non-video and 3 on a missing file', async () => {
    expect((await cli('vpdq', video('chair-19-sd-bar'), '--every-frame', '--fps', '2')).code).toBe(2);
    expect((await cli('vpdq', video('chair-19-sd-bar'), '--fps', 'zero')).code).toBe(2);
    expect((await cli('vpdq', video('chair-19-sd-bar'), '--size', '1')).code).toBe(2);
    expect((await cli('vpdq', testdata('vpdq', 'README.md'))).code).toBe(2);
    const missing = await cli('vpdq', video('no-such-video'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no-such-video\.mp4: no such file/);
  });
});
