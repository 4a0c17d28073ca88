/**
 * FFmpeg as a child process: finding the binaries, probing a video and streaming its decoded
 * frames as raw RGB24, the way the vPDQ reference feeds PDQ.
 *
 * Which binary: `VIGIL_FFMPEG` (a path, or a name looked up on PATH), else `ffmpeg` on PATH, else
 * the static build in the npm package `@ffmpeg-installer/ffmpeg`. Probing needs ffprobe (the exact
 * `avg_frame_rate` fraction is not printed by `ffmpeg -i`): `VIGIL_FFPROBE`, else the `ffprobe`
 * beside the chosen ffmpeg, else on PATH, else npm `@ffprobe-installer/ffprobe`.
 * `describeFfmpeg(tools)` says which ones were used and their versions.
 *
 * Files are opened as `file:` URLs with the protocol whitelist set to `file`, so neither a
 * strange file name nor a playlist inside a seized file can make FFmpeg touch the network, and only
 * regular files are accepted (a FIFO or device would block). Bytes in memory (a crawled video, a
 * decrypted one) are served on loopback for the one call, with the protocols `http,tcp`, no proxy,
 * and only the demuxers of real video containers, so that no playlist inside them can make FFmpeg
 * fetch anything else.
 *
 *   const video = await probeVideo('clip.mp4');
 *   for await (const frame of decodeFrames('clip.mp4', { secondsPerHash: 1 })) hash(frame.pixels);
 */
import { execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppError } from '../platform/errors.js';
import { serveInMemory } from './memory-input.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface FfmpegBinary {
  path: string;
  /** Where it was found: the environment variable, PATH, or the npm package. */
  source: 'env' | 'PATH' | 'beside ffmpeg' | 'npm';
  /** The version word of `-version` ("5.1.6-0+deb12u1", "N-47683-g0e8eb07980-static"). */
  version: string;
}

export interface FfmpegTools {
  ffmpeg: FfmpegBinary;
  ffprobe: FfmpegBinary;
  /** `-fps_mode passthrough` (FFmpeg ≥ 5.1) or `-vsync passthrough`: one output frame per decoded frame. */
  passthrough: readonly string[];
}

export interface VideoInfo {
  width: number;
  height: number;
  /** The stream's avg_frame_rate, or r_frame_rate when that is 0/0. */
  frameRate: number;
  /** The frame rate as ffprobe gives it, e.g. "30000/1001". */
  frameRateText: string;
  /** Stream duration, else container duration, else 0. */
  durationSeconds: number;
  codec: string;
  /** The container's frame count when it records one (not always exact). */
  frameCount?: number;
}

export interface DecodedFrame {
  /** 0-based index of the frame in decoding order, as the reference counts. */
  frameNumber: number;
  /** width × height × 3 bytes, RGB24, row-major. */
  pixels: Uint8Array;
  width: number;
  height: number;
}

export interface DecodeOptions {
  /** Keep every frame (the same as secondsPerHash 0). */
  everyFrame?: boolean;
  /** Keep frame n when n % max(1, int(secondsPerHash × frameRate)) == 0; default 1. */
  secondsPerHash?: number;
  /** Scale each frame to size × size (or width × height) with area averaging; default: the frame's own size. */
  size?: number | { width: number; height: number };
  signal?: AbortSignal;
  tools?: FfmpegTools;
  /** The probe result, when the caller already has it. */
  video?: VideoInfo;
  /** Called with the milliseconds spent waiting for each frame from FFmpeg. */
  onWait?: (ms: number) => void;
}

const probeTimeoutMs = 60_000;
const stderrKeep = 8192;
const located = new Map<string, Promise<FfmpegTools>>();

/** Finds ffmpeg and ffprobe (once per process and environment); throws `unavailable` naming what was tried. */
export function locateFfmpeg(env: Env = process.env): Promise<FfmpegTools> {
  const key = [env['VIGIL_FFMPEG'], env['VIGIL_FFPROBE'], env['PATH']].join('\0');
  let tools = located.get(key);
  if (tools === undefined) {
    tools = findTools(env);
    located.set(key, tools);
    tools.catch(() => located.delete(key));
  }
  return tools;
}

/** One line for logs and the CLI: which ffmpeg and ffprobe, from where, which version. */
export function describeFfmpeg(tools: FfmpegTools): string {
  const one = (name: string, b: FfmpegBinary): string => `${name} ${b.version} (${sourceText(name, b.source)}: ${b.path})`;
  return `${one('ffmpeg', tools.ffmpeg)}, ${one('ffprobe', tools.ffprobe)}`;
}

function sourceText(name: string, source: FfmpegBinary['source']): string {
  switch (source) {
    case 'env':
      return `VIGIL_${name.toUpperCase()}`;
    case 'PATH':
      return 'PATH';
    case 'beside ffmpeg':
      return 'beside ffmpeg';
    case 'npm':
      return `npm @${name}-installer/${name}`;
  }
}

async function findTools(env: Env): Promise<FfmpegTools> {
  const ffmpegPath =
    (await fromEnv(env, 'VIGIL_FFMPEG')) ??
    (await onPath(env, 'ffmpeg')) ??
    (await fromNpm('ffmpeg')) ??
    unavailable('ffmpeg not found: set VIGIL_FFMPEG, put ffmpeg on PATH, or install the npm package @ffmpeg-installer/ffmpeg');
  const beside = join(dirname(ffmpegPath.path), executableName('ffprobe'));
  const ffprobePath =
    (await fromEnv(env, 'VIGIL_FFPROBE')) ??
    ((await isExecutable(beside)) ? { path: beside, source: 'beside ffmpeg' as const } : undefined) ??
    (await onPath(env, 'ffprobe')) ??
    (await fromNpm('ffprobe')) ??
    unavailable('ffprobe not found: set VIGIL_FFPROBE, put ffprobe on PATH, or install the npm package @ffprobe-installer/ffprobe');
  const [ffmpegVersion, ffprobeVersion, help] = await Promise.all([
    versionOf(ffmpegPath.path),
    versionOf(ffprobePath.path),
    run(ffmpegPath.path, ['-hide_banner', '-h', 'long'], 20_000),
  ]);
  return {
    ffmpeg: { ...ffmpegPath, version: ffmpegVersion },
    ffprobe: { ...ffprobePath, version: ffprobeVersion },
    passthrough: /^-fps_mode\b/m.test(help.stdout) ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough'],
  };
}

function unavailable(message: string): never {
  throw new AppError('unavailable', message);
}

const executableName = (name: string): string => (process.platform === 'win32' ? `${name}.exe` : name);

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function fromEnv(env: Env, variable: string): Promise<Pick<FfmpegBinary, 'path' | 'source'> | undefined> {
  const value = env[variable];
  if (value === undefined || value === '') return undefined;
  if (!value.includes('/') && !value.includes('\\')) {
    const found = await onPath(env, value);
    if (found) return { path: found.path, source: 'env' };
  } else if (await isExecutable(resolve(value))) return { path: resolve(value), source: 'env' };
  return unavailable(`${variable}=${value} is not an executable file`);
}

async function onPath(env: Env, name: string): Promise<Pick<FfmpegBinary, 'path' | 'source'> | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const path = join(dir, executableName(name));
    if (await isExecutable(path)) return { path, source: 'PATH' };
  }
  return undefined;
}

async function fromNpm(name: 'ffmpeg' | 'ffprobe'): Promise<Pick<FfmpegBinary, 'path' | 'source'> | undefined> {
  try {
    // The package throws a string on unsupported platforms, hence the catch-all.
    const module = (await (name === 'ffmpeg' ? import('@ffmpeg-installer/ffmpeg') : import('@ffprobe-installer/ffprobe'))) as {
      default: { path: string };
    };
    return (await isExecutable(module.default.path)) ? { path: module.default.path, source: 'npm' } : undefined;
  } catch {
    return undefined;
  }
}

async function versionOf(path: string): Promise<string> {
  const { stdout } = await run(path, ['-hide_banner', '-version'], 20_000);
  return /version (\S+)/.exec(stdout)?.[1] ?? 'unknown';
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a short command to completion; a timeout or a missing binary is an `unavailable` error. */
function run(file: string, args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((done, fail) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8', ...(signal && { signal }) },
      (error, stdout, stderr) => {
        if (error === null) return done({ code: 0, stdout, stderr });
        if (signal?.aborted) return fail(signal.reason as Error);
        if (typeof error.code === 'number') return done({ code: error.code, stdout, stderr });
        if (error.killed) return fail(new AppError('unavailable', `${file} ${args.join(' ')} timed out after ${timeoutMs / 1000} s`));
        fail(new AppError('unavailable', `cannot run ${file}: ${error.message}`, { cause: error }));
      },
    );
  });
}

/**
 * A video to read: a file, or bytes held in memory. Bytes are offered to FFmpeg on loopback
 * (memory-input.ts) and never written to disk; `name` is what error messages call them.
 */
export type VideoSource = string | { bytes: Uint8Array; name: string };

interface OpenedInput {
  /** The FFmpeg arguments that open this input and nothing else. */
  args: string[];
  /** How messages name it: the path, or the in-memory source's name. */
  label: string;
  /** FFmpeg's message with the loopback address replaced by the label. */
  clean(message: string): string;
  close(): Promise<void>;
}

/** The demuxers of the containers file-type.ts recognises as video (MP4/QuickTime/3GP, Matroska/WebM, AVI, FLV, MPEG-PS/TS, ASF). */
const memoryFormats = 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpeg,mpegts,asf';

/** Opens a video source: a file must be a regular file; bytes get a loopback address. */
async function openInput(source: VideoSource): Promise<OpenedInput> {
  if (typeof source !== 'string') {
    const served = await serveInMemory(source.bytes);
    // Only the video containers Vigil recognises: no playlist demuxer that could follow a URL inside the bytes.
    const args = ['-protocol_whitelist', 'http,tcp', '-format_whitelist', memoryFormats, '-http_proxy', '', '-i', served.url];
    return { args, label: source.name, clean: (message) => message.replaceAll(served.url, source.name), close: () => served.close() };
  }
  const absolute = resolve(source);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `${source}: no such file`, { cause: error });
    throw new AppError('invalid', `${source}: cannot read (${(error as Error).message})`, { cause: error });
  }
  if (!info.isFile()) throw new AppError('invalid', `${source}: not a regular file`);
  return {
    args: ['-protocol_whitelist', 'file', '-i', `file:${absolute}`],
    label: source,
    clean: (message) => message,
    close: () => Promise.resolve(),
  };
}

/** Runs `use` with the source open, closing it afterwards. */
async function withInput<T>(source: VideoSource, use: (input: OpenedInput) => Promise<T>): Promise<T> {
  const input = await openInput(source);
  try {
    return await use(input);
  } finally {
    await input.close();
  }
}

/** Width, height, frame rate, duration and codec of the first video stream; `invalid` when there is none. */
export async function probeVideo(source: VideoSource, options: { tools?: FfmpegTools; signal?: AbortSignal } = {}): Promise<VideoInfo> {
  const tools = options.tools ?? (await locateFfmpeg());
  const entries = 'stream=codec_name,width,height,avg_frame_rate,r_frame_rate,nb_frames,duration:format=format_name,duration';
  const { result, path } = await withInput(source, async (input) => {
    const probed = await run(
      tools.ffprobe.path,
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', entries, '-of', 'json', ...input.args],
      probeTimeoutMs,
      options.signal,
    );
    return { path: input.label, result: { ...probed, stderr: input.clean(probed.stderr) } };
  });
  if (result.code !== 0)
    throw new AppError('invalid', `${path}: not a readable video (${firstLine(result.stderr) || `ffprobe exit ${result.code}`})`);
  const parsed = JSON.parse(result.stdout) as {
    streams?: {
      codec_name?: string;
      width?: number;
      height?: number;
      avg_frame_rate?: string;
      r_frame_rate?: string;
      nb_frames?: string;
      duration?: string;
    }[];
    format?: { format_name?: string; duration?: string };
  };
  const stream = parsed.streams?.[0];
  if (stream === undefined) throw new AppError('invalid', `${path}: no video stream`);
  const formatName = parsed.format?.format_name ?? '';
  if (/^image2|_pipe$/.test(formatName))
    throw new AppError('invalid', `${path}: a still image (${formatName}), not a video; hash it as an image`);
  const width = stream.width ?? 0;
  const height = stream.height ?? 0;
  if (width <= 0 || height <= 0) throw new AppError('invalid', `${path}: the video stream has no dimensions`);
  const average = rational(stream.avg_frame_rate);
  const frameRateText = average > 0 ? stream.avg_frame_rate! : (stream.r_frame_rate ?? '0/0');
  const frameRate = average > 0 ? average : rational(stream.r_frame_rate);
  if (!(frameRate > 0)) throw new AppError('invalid', `${path}: the video stream has no frame rate`);
  const duration = Number(stream.duration ?? parsed.format?.duration);
  const frameCount = Number(stream.nb_frames);
  return {
    width,
    height,
    frameRate,
    frameRateText,
    durationSeconds: Number.isFinite(duration) ? duration : 0,
    codec: stream.codec_name ?? 'unknown',
    ...(Number.isInteger(frameCount) && frameCount > 0 && { frameCount }),
  };
}

/** "30000/1001" → 29.97…; 0 for "0/0", missing or malformed text. */
function rational(text: string | undefined): number {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!match) return 0;
  const den = Number(match[2]);
  return den === 0 ? 0 : Number(match[1]) / den;
}

const firstLine = (text: string): string => text.trim().split('\n')[0]?.trim() ?? '';

/** The reference's sampling step: every `max(1, int(secondsPerHash × frameRate))`-th frame. */
export function frameStep(secondsPerHash: number, frameRate: number): number {
  return Math.max(1, Math.trunc(secondsPerHash * frameRate));
}

/**
 * Streams the decoded frames that the sampling keeps, as RGB24, without holding the video in
 * memory: FFmpeg's `select` filter drops the others before conversion, and the pipe's
 * back-pressure paces FFmpeg to the consumer. Breaking out of the loop or aborting kills FFmpeg.
 */
export async function* decodeFrames(source: VideoSource, options: DecodeOptions = {}): AsyncGenerator<DecodedFrame, void, undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  const tools = options.tools ?? (await locateFfmpeg());
  const video = options.video ?? (await probeVideo(source, { tools, ...(signal && { signal }) }));
  const secondsPerHash = options.everyFrame === true ? 0 : (options.secondsPerHash ?? 1);
  if (!(secondsPerHash >= 0) || !Number.isFinite(secondsPerHash)) throw new AppError('invalid', 'secondsPerHash must be a number ≥ 0');
  const step = frameStep(secondsPerHash, video.frameRate);
  const size = options.size;
  const width = size === undefined ? video.width : typeof size === 'number' ? size : size.width;
  const height = size === undefined ? video.height : typeof size === 'number' ? size : size.height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 1 << 26) {
    throw new AppError('invalid', `cannot decode to ${width}×${height}`);
  }
  // One scaler does the resize (if any) and the conversion to RGB24, as the reference's sws_scale
  // does; naming the size explicitly also keeps every frame the same size if the stream changes.
  const filters = [...(step > 1 ? [`select=not(mod(n\\,${step}))`] : []), `scale=${width}:${height}:flags=area`];
  const input = await openInput(source);
  const path = input.label;
  const args = [
    ...['-nostdin', '-hide_banner', '-v', 'error', '-noautorotate'],
    ...input.args,
    ...['-map', '0:v:0', '-an', '-sn', '-dn', '-vf', filters.join(','), '-sws_flags', 'area'],
    ...tools.passthrough,
    ...['-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'],
  ];

  const child = spawn(tools.ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, exitSignal) => done({ code, signal: exitSignal }));
  });
  closed.catch(() => undefined);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-stderrKeep);
  });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', kill, { once: true });

  const frameBytes = width * height * 3;
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  let index = 0;
  try {
    let waitStart = performance.now();
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          signal?.throwIfAborted();
          options.onWait?.(performance.now() - waitStart);
          yield { frameNumber: index * step, pixels: frame, width, height };
          waitStart = performance.now();
          index += 1;
          frame = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    let exit;
    try {
      exit = await closed;
    } catch (error) {
      throw new AppError('unavailable', `cannot run ${tools.ffmpeg.path}: ${(error as Error).message}`, { cause: error });
    }
    signal?.throwIfAborted();
    const detail = firstLine(input.clean(stderr));
    if (exit.signal !== null)
      throw new AppError('internal', `ffmpeg was killed by ${exit.signal} decoding ${path}${detail && `: ${detail}`}`);
    if (exit.code !== 0) throw new AppError('invalid', `${path}: ffmpeg could not decode it (exit ${exit.code})${detail && `: ${detail}`}`);
    if (filled !== 0) throw new AppError('internal', `${path}: ffmpeg's output ended inside a frame (${filled} of ${frameBytes} bytes)`);
  } finally {
    signal?.removeEventListener('abort', kill);
    kill();
    child.stdout.destroy();
    child.stderr.destroy();
    await input.close();
  }
}

/**
 * A contact sheet of a video: `columns × rows` frames spread evenly over its duration, tiled into
 * one PNG. Nothing is played; the caller blurs it unless an analyst reveals it.
 */
export async function contactSheet(
  source: VideoSource,
  options: { durationSeconds: number; columns?: number; rows?: number; tileWidth?: number; tools?: FfmpegTools },
): Promise<Buffer> {
  const tools = options.tools ?? (await locateFfmpeg());
  const columns = options.columns ?? 4;
  const rows = options.rows ?? 3;
  const tiles = columns * rows;
  const rate = tiles / Math.max(options.durationSeconds, 1);
  const filter = `fps=${rate.toFixed(6)},scale=${options.tileWidth ?? 240}:-2,tile=${columns}x${rows}`;
  return withInput(source, (input) => {
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-noautorotate',
      ...input.args,
      '-an',
      '-vf',
      filter,
      '-frames:v',
      '1',
      '-f',
      'image2pipe',
      '-vcodec',
      'png',
      'pipe:1',
    ];
    return new Promise((done, fail) => {
      execFile(
        tools.ffmpeg.path,
        args,
        { timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' },
        (error, stdout, stderr) => {
          if (error === null && stdout.length > 0) return done(stdout);
          const reason = input.clean(stderr.toString('utf8').trim().split('\n')[0] || error?.message || 'no frame');
          fail(new AppError('invalid', `cannot make a contact sheet: ${reason}`));
        },
      );
    });
  });
}
