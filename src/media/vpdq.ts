/**
 * vPDQ: a video as the PDQ hashes of sampled frames (ThreatExchange `vpdq/`), and the matching
 * rule between two such bags of hashes. Everything here is pure except `vpdqHashVideo`, which
 * decodes through FFmpeg (ffmpeg.ts).
 *
 * Hashing follows the reference: frame n is kept when n % max(1, int(secondsPerHash × frameRate))
 * == 0, converted to RGB24 with area scaling (to S × S when a downsample size is given), hashed by
 * PDQ at that resolution, and stamped frameNumber / frameRate computed in single precision and
 * printed with 3 decimals. The text form is the reference's, one `frameNumber,quality,pdqHex,
 * timestamp` line per frame.
 *
 *   const { frames } = await vpdqHashVideo('clip.mp4');          // 1 hash per second
 *   formatVpdq(frames)                                            // "0,100,e271…055c,0.000\n…"
 *   vpdqMatch(frames, parseVpdq(known)).isMatch
 */
import { performance } from 'node:perf_hooks';
import { AppError } from '../platform/errors.js';
import { decodeFrames, describeFfmpeg, frameStep, locateFfmpeg, probeVideo, type FfmpegTools, type VideoSource } from './ffmpeg.js';
import { hammingDistance, isPdqHex, pdqFromHex, type PdqHash } from './pdq-hash.js';
import { pdqFromPixels, pdqWordsToHex } from './pdq.js';

export interface VpdqFrame {
  /** 0-based index of the frame in decoding order. */
  frameNumber: number;
  /** PDQ quality, 0–100. */
  quality: number;
  /** 64 lowercase hex characters. */
  hash: string;
  /** Seconds, as the reference prints it (3 decimals). */
  timestamp: number;
}

export interface VpdqHashOptions {
  /** One hash every this many seconds; 0 hashes every frame. Default 1 (HMA's default). */
  secondsPerHash?: number;
  /** Scale frames to this many pixels square before hashing (the reference's `-s`). */
  downsampleSize?: number;
  signal?: AbortSignal;
  tools?: FfmpegTools;
}

export interface VpdqVideoHash {
  frames: VpdqFrame[];
  frameRate: number;
  /** Size of the video stream; frames were hashed at `downsampleSize` when given. */
  width: number;
  height: number;
  durationSeconds: number;
  codec: string;
  secondsPerHash: number;
  downsampleSize?: number;
  /** Every `frameStep`-th frame was hashed. */
  frameStep: number;
  /** Which ffmpeg and ffprobe did the work. */
  ffmpeg: string;
  /** Milliseconds waiting for decoded frames, hashing them, and in all. */
  timing: { decodeMs: number; hashMs: number; totalMs: number };
}

export interface VpdqMatchOptions {
  /** Frames below this quality are ignored. Default 50. */
  qualityThreshold?: number;
  /** Two frames match at this Hamming distance or less. Default 31. */
  distanceThreshold?: number;
  /** The videos match when at least this share (%) of the query's unique frames matched. Default 80. */
  queryMatchThreshold?: number;
  /** …and at least this share (%) of the compared video's. Default 0. */
  comparedMatchThreshold?: number;
}

export interface VpdqMatchResult {
  /** Share (%) of the query's unique good-quality hashes with a match in the compared video. */
  queryMatchPercent: number;
  /** Share (%) of the compared video's unique good-quality hashes with a match in the query. */
  comparedMatchPercent: number;
  isMatch: boolean;
  /** Unique hashes of quality ≥ qualityThreshold on each side. */
  queryUniqueFrames: number;
  comparedUniqueFrames: number;
}

const minHashableDimension = 5;

/** Hashes a video (a file, or bytes in memory); throws `not_found`, `invalid` (not a video) or `unavailable` (no FFmpeg). */
export async function vpdqHashVideo(source: VideoSource, options: VpdqHashOptions = {}): Promise<VpdqVideoHash> {
  const path = typeof source === 'string' ? source : source.name;
  const started = performance.now();
  const { secondsPerHash = 1, downsampleSize, signal } = options;
  if (!Number.isFinite(secondsPerHash) || secondsPerHash < 0) throw new AppError('invalid', 'seconds per hash must be a number ≥ 0');
  if (
    downsampleSize !== undefined &&
    (!Number.isInteger(downsampleSize) || downsampleSize < minHashableDimension || downsampleSize > 4096)
  ) {
    throw new AppError('invalid', `downsample size must be an integer from ${minHashableDimension} to 4096`);
  }
  const tools = options.tools ?? (await locateFfmpeg());
  const video = await probeVideo(source, { tools, ...(signal && { signal }) });
  if (downsampleSize === undefined && (video.width < minHashableDimension || video.height < minHashableDimension)) {
    throw new AppError('invalid', `${path}: frames of ${video.width}×${video.height} are too small to hash`);
  }
  const step = frameStep(secondsPerHash, video.frameRate);
  const frames: VpdqFrame[] = [];
  let decodeMs = 0;
  let hashMs = 0;
  const decoded = decodeFrames(source, {
    secondsPerHash,
    tools,
    video,
    ...(downsampleSize !== undefined && { size: downsampleSize }),
    ...(signal && { signal }),
    onWait: (ms) => (decodeMs += ms),
  });
  for await (const frame of decoded) {
    const hashStart = performance.now();
    const { words, quality } = pdqFromPixels(frame.pixels, frame.width, frame.height, 3);
    frames.push({
      frameNumber: frame.frameNumber,
      quality,
      hash: pdqWordsToHex(words),
      timestamp: vpdqTimestamp(frame.frameNumber, video.frameRate),
    });
    hashMs += performance.now() - hashStart;
  }
  return {
    frames,
    frameRate: video.frameRate,
    width: video.width,
    height: video.height,
    durationSeconds: video.durationSeconds,
    codec: video.codec,
    secondsPerHash,
    ...(downsampleSize !== undefined && { downsampleSize }),
    frameStep: step,
    ffmpeg: describeFfmpeg(tools),
    timing: { decodeMs, hashMs, totalMs: performance.now() - started },
  };
}

/** A frame's timestamp as the reference prints it: `float(frameNumber) / float(frameRate)` with 3 decimals. */
export function vpdqTimestamp(frameNumber: number, frameRate: number): number {
  return Number(printfFixed3(Math.fround(Math.fround(frameNumber) / Math.fround(frameRate))));
}

/**
 * `printf("%.3f")`: like toFixed(3), except that an exact tie (a binary value ending in 5 at the
 * fourth decimal, such as 0.0625) rounds to even, as C does, where toFixed rounds up.
 */
function printfFixed3(x: number): string {
  const rounded = x.toFixed(3);
  const exact = x.toFixed(100);
  const point = exact.indexOf('.');
  if (!/^50*$/.test(exact.slice(point + 4))) return rounded;
  const truncated = exact.slice(0, point + 4);
  return Number(truncated.at(-1)) % 2 === 0 ? truncated : rounded;
}

/** The reference's text form: one `frameNumber,quality,pdqHex,timestamp` line per frame, each ending in a newline. */
export function formatVpdq(frames: readonly VpdqFrame[]): string {
  return frames.map((f) => `${f.frameNumber},${f.quality},${f.hash},${f.timestamp.toFixed(3)}\n`).join('');
}

/** Parses the reference's text form (blank lines ignored); throws `invalid` naming the first bad line. */
export function parseVpdq(text: string): VpdqFrame[] {
  const frames: VpdqFrame[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const fields = line.split(',');
    const [frameNumber, quality, hash, timestamp] = fields;
    const problem =
      fields.length !== 4 || frameNumber === undefined || quality === undefined || hash === undefined || timestamp === undefined
        ? 'expected frameNumber,quality,pdqHex,timestamp'
        : !/^\d+$/.test(frameNumber)
          ? `frame number "${frameNumber}" is not a whole number`
          : !/^\d+$/.test(quality) || Number(quality) > 100
            ? `quality "${quality}" is not 0 to 100`
            : !isPdqHex(hash)
              ? 'the hash is not 64 hex characters'
              : !/^\d+(\.\d+)?$/.test(timestamp)
                ? `timestamp "${timestamp}" is not a number of seconds`
                : undefined;
    if (problem !== undefined) throw new AppError('invalid', `not a vPDQ hash file: line ${i + 1}: ${problem}`);
    frames.push({ frameNumber: Number(frameNumber), quality: Number(quality), hash: hash!.toLowerCase(), timestamp: Number(timestamp) });
  }
  return frames;
}

/** The distinct hashes of frames of at least the given quality. */
function uniqueGoodHashes(frames: readonly VpdqFrame[], qualityThreshold: number): PdqHash[] {
  const seen = new Set<string>();
  for (const frame of frames) if (frame.quality >= qualityThreshold) seen.add(frame.hash.toLowerCase());
  return [...seen].map(pdqFromHex);
}

/** Share (%) of `hashes` with some hash of `others` within `distance`. */
function matchPercent(hashes: readonly PdqHash[], others: readonly PdqHash[], distance: number): number {
  if (hashes.length === 0) return 0;
  let matched = 0;
  for (const hash of hashes) if (others.some((other) => hammingDistance(hash, other) <= distance)) matched += 1;
  return (matched * 100) / hashes.length;
}

/**
 * Compares two videos by the vPDQ README rule: drop frames of quality < 50, de-duplicate identical
 * hashes, count the unique frames of each side with a frame of the other side at distance ≤ 31;
 * a match when the query's share is ≥ 80%.
 */
export function vpdqMatch(query: readonly VpdqFrame[], compared: readonly VpdqFrame[], options: VpdqMatchOptions = {}): VpdqMatchResult {
  const { qualityThreshold = 50, distanceThreshold = 31, queryMatchThreshold = 80, comparedMatchThreshold = 0 } = options;
  const queryHashes = uniqueGoodHashes(query, qualityThreshold);
  const comparedHashes = uniqueGoodHashes(compared, qualityThreshold);
  const queryMatchPercent = matchPercent(queryHashes, comparedHashes, distanceThreshold);
  const comparedMatchPercent = matchPercent(comparedHashes, queryHashes, distanceThreshold);
  return {
    queryMatchPercent,
    comparedMatchPercent,
    isMatch: queryHashes.length > 0 && queryMatchPercent >= queryMatchThreshold && comparedMatchPercent >= comparedMatchThreshold,
    queryUniqueFrames: queryHashes.length,
    comparedUniqueFrames: comparedHashes.length,
  };
}

/**
 * Looks each good-quality frame up among image hashes (`lookup` answers for one PDQ hash, e.g.
 * the nearest known image within distance 31, or undefined) and returns the frames that matched,
 * so that a still taken from a known video is found through the video's frames. Identical hashes
 * are looked up once.
 */
export function matchFramesAgainstImages<T>(
  frames: readonly VpdqFrame[],
  lookup: (hash: PdqHash) => T | undefined,
  options: { qualityThreshold?: number } = {},
): { frame: VpdqFrame; match: T }[] {
  const { qualityThreshold = 50 } = options;
  const answers = new Map<string, T | undefined>();
  const matched: { frame: VpdqFrame; match: T }[] = [];
  for (const frame of frames) {
    if (frame.quality < qualityThreshold) continue;
    const key = frame.hash.toLowerCase();
    if (!answers.has(key)) answers.set(key, lookup(pdqFromHex(key)));
    const match = answers.get(key);
    if (match !== undefined) matched.push({ frame, match });
  }
  return matched;
}
