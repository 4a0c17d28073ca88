/**
 * `vigil vpdq VIDEO` prints a video's vPDQ hashes in the reference's line format
 * (`frameNumber,quality,pdqHex,timestamp`); `vigil vpdq QUERY --compare OTHER` compares two videos
 * or hash files by the vPDQ rule. No database is needed. Which ffmpeg did the work goes to stderr
 * (or into the JSON), so that standard output stays a clean hash file.
 *
 *   vigil vpdq clip.mp4 > clip.vpdq               # one hash per second
 *   vigil vpdq clip.mp4 --every-frame --size 128  # as the reference's sample hashes `-s 128`
 *   vigil vpdq clip.mp4 --compare known.vpdq      # both match percentages and the verdict
 */
import { open, readFile } from 'node:fs/promises';
import type { CommandModule } from '../platform/cli/program.js';
import { AppError } from '../platform/errors.js';
import { describeFfmpeg, locateFfmpeg, type Env } from './ffmpeg.js';
import { formatVpdq, parseVpdq, vpdqHashVideo, vpdqMatch, type VpdqFrame, type VpdqHashOptions } from './vpdq.js';

interface VpdqCommandOptions {
  everyFrame?: boolean;
  fps?: string;
  size?: string;
  compare?: string;
  quality: string;
  distance: string;
}

interface LoadedHashes {
  path: string;
  source: 'video' | 'hash file';
  frames: VpdqFrame[];
  ffmpeg?: string;
}

export const vpdqCommands: CommandModule = (program, context) => {
  program
    .command('vpdq')
    .description('vPDQ hashes of a video (reference line format), or compare two videos or hash files; no database needed')
    .argument('<input>', 'a video, or with --compare a video or vPDQ hash file')
    .option('--every-frame', 'hash every frame (default: one hash per second)')
    .option('--fps <n>', 'hashes per second of video, e.g. 0.5 for one every 2 s (default 1)')
    .option('--size <s>', 'scale frames to S×S pixels before hashing, as the reference’s -s')
    .option(
      '--compare <other>',
      'compare with this video or vPDQ hash file (videos are hashed as the options say): prints both match percentages and the verdict',
    )
    .option('--quality <q>', 'with --compare: ignore frames below this PDQ quality', '50')
    .option('--distance <d>', 'with --compare: frames match at this Hamming distance or less', '31')
    .action(async (input: string, options: VpdqCommandOptions) => {
      const ctx = context();
      const hashOptions = parseHashOptions(options);
      const say = (message: string): void => {
        if (!ctx.json) process.stderr.write(`vigil: ${message}\n`);
      };

      if (options.compare === undefined) {
        const tools = await locateFfmpeg(ctx.env);
        say(`hashing with ${describeFfmpeg(tools)}`);
        const result = await vpdqHashVideo(input, { ...hashOptions, tools });
        ctx.print({ path: input, ...result }, () => formatVpdq(result.frames).trimEnd());
        return;
      }

      const qualityThreshold = integerOption('--quality', options.quality, 0, 100);
      const distanceThreshold = integerOption('--distance', options.distance, 0, 256);
      const query = await loadHashes(input, hashOptions, ctx.env);
      const compared = await loadHashes(options.compare, hashOptions, ctx.env);
      for (const side of [query, compared]) if (side.ffmpeg !== undefined) say(`hashed ${side.path} with ${side.ffmpeg}`);
      const result = vpdqMatch(query.frames, compared.frames, { qualityThreshold, distanceThreshold });
      const side = (loaded: LoadedHashes, percent: number, unique: number) => ({
        path: loaded.path,
        source: loaded.source,
        frames: loaded.frames.length,
        uniqueFrames: unique,
        matchPercent: percent,
      });
      ctx.print(
        {
          query: side(query, result.queryMatchPercent, result.queryUniqueFrames),
          compared: side(compared, result.comparedMatchPercent, result.comparedUniqueFrames),
          isMatch: result.isMatch,
          qualityThreshold,
          distanceThreshold,
          queryMatchThreshold: 80,
        },
        () =>
          [
            `Query:    ${query.path}: ${percent(result.queryMatchPercent)} of ${result.queryUniqueFrames} unique frames matched`,
            `Compared: ${compared.path}: ${percent(result.comparedMatchPercent)} of ${result.comparedUniqueFrames} unique frames matched`,
            `${result.isMatch ? 'MATCH' : 'NO MATCH'} (a match needs ≥ 80% of the query; frames of quality ≥ ${qualityThreshold}, distance ≤ ${distanceThreshold})`,
          ].join('\n'),
      );
    });
};

const percent = (value: number): string => `${value.toFixed(2)}%`;

function parseHashOptions(options: VpdqCommandOptions): Pick<VpdqHashOptions, 'secondsPerHash' | 'downsampleSize'> {
  if (options.everyFrame === true && options.fps !== undefined) throw new AppError('invalid', 'give --every-frame or --fps, not both');
  let secondsPerHash = 1;
  if (options.everyFrame === true) secondsPerHash = 0;
  else if (options.fps !== undefined) {
    const fps = Number(options.fps);
    if (!Number.isFinite(fps) || fps <= 0 || options.fps.trim() === '')
      throw new AppError('invalid', `--fps must be a number above 0, not "${options.fps}"`);
    secondsPerHash = 1 / fps;
  }
  return {
    secondsPerHash,
    ...(options.size !== undefined && { downsampleSize: integerOption('--size', options.size, 5, 4096) }),
  };
}

function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new AppError('invalid', `${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

/** A file whose first line looks like a vPDQ line is read as hashes; anything else is hashed as a video. */
async function loadHashes(
  path: string,
  options: Pick<VpdqHashOptions, 'secondsPerHash' | 'downsampleSize'>,
  env: Env,
): Promise<LoadedHashes> {
  if (await looksLikeHashFile(path)) {
    return { path, source: 'hash file', frames: parseVpdq(await readFile(path, 'utf8')) };
  }
  const tools = await locateFfmpeg(env);
  const result = await vpdqHashVideo(path, { ...options, tools });
  return { path, source: 'video', frames: result.frames, ffmpeg: result.ffmpeg };
}

async function looksLikeHashFile(path: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', `${path}: no such file`, { cause: error });
    if (code === 'EISDIR') throw new AppError('invalid', `${path}: not a regular file`, { cause: error });
    throw new AppError('invalid', `${path}: cannot read (${(error as Error).message})`, { cause: error });
  }
  try {
    const head = Buffer.alloc(256);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const firstLine = head.subarray(0, bytesRead).toString('latin1').split('\n')[0] ?? '';
    return /^\d+,\d+,[0-9a-fA-F]{64},\d+(\.\d+)?\r?$/.test(firstLine);
  } finally {
    await file.close();
  }
}
