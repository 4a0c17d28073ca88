/**
 * vPDQ throughput: FFmpeg renders a synthetic 720p H.264 video from its own `testsrc2` source (no
 * real footage) into a temporary folder, then `vpdqHashVideo` hashes it at one frame per second.
 * Reports the end-to-end time against the target (10 minutes of video in ≤ 60 s), FFmpeg's decode
 * alone, the time spent waiting for frames versus hashing them, and the machine's load (other work
 * on the 2 cores skews every figure). The folder is removed after.
 *
 *   npx tsx bench/vpdq.bench.ts                            # 10 minutes of 1280×720 at 30 fps
 *   npx tsx bench/vpdq.bench.ts --seconds 60             # or VIGIL_BENCH_VPDQ_SECONDS=60
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describeFfmpeg, locateFfmpeg } from '../src/media/ffmpeg.js';
import { vpdqHashVideo } from '../src/media/vpdq.js';

const run = promisify(execFile);
const targetSeconds = 60;

export interface BenchResult {
  name: string;
  value: string;
}

/** Runs the benchmark on `seconds` of synthetic video (default 600) and returns one line per figure. */
export async function benchVpdq(seconds = 600, log: (line: string) => void = () => undefined): Promise<BenchResult[]> {
  const tools = await locateFfmpeg();
  log(`using ${describeFfmpeg(tools)}`);
  const dir = await mkdtemp(join(tmpdir(), 'vigil-vpdq-bench-'));
  try {
    const video = join(dir, 'testsrc2-720p.mp4');
    log(`rendering ${seconds} s of 1280×720 testsrc2 at 30 fps with libx264…`);
    const renderStart = performance.now();
    await run(
      tools.ffmpeg.path,
      [
        ...['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${seconds}`],
        ...['-c:v', 'libx264', '-preset', 'superfast', '-pix_fmt', 'yuv420p', video],
      ],
      { timeout: 30 * 60_000 },
    );
    const renderMs = performance.now() - renderStart;
    const { size } = await stat(video);

    log('decoding alone (ffmpeg → null, same filters)…');
    const decodeStart = performance.now();
    await run(tools.ffmpeg.path, [
      ...['-nostdin', '-v', 'error', '-i', video, '-vf', 'select=not(mod(n\\,30)),scale=1280:720:flags=area'],
      ...[...tools.passthrough, '-pix_fmt', 'rgb24', '-f', 'null', '-'],
    ]);
    const decodeAloneMs = performance.now() - decodeStart;

    log('hashing at 1 frame per second…');
    const loadBefore = loadavg()[0]!;
    const result = await vpdqHashVideo(video, { secondsPerHash: 1 });
    const { decodeMs, hashMs, totalMs } = result.timing;
    const decodedFrames = Math.round(result.durationSeconds * result.frameRate);
    const hashed = result.frames.length;
    const load = `${loadBefore.toFixed(1)} before hashing, ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores`;
    const verdict = totalMs / 1000 <= (targetSeconds * seconds) / 600 ? 'met' : 'MISSED';
    return [
      { name: 'machine load (1-minute average)', value: load },
      {
        name: 'synthetic video',
        value: `${seconds} s, 1280×720, 30 fps, ${(size / 1e6).toFixed(0)} MB (rendered in ${(renderMs / 1000).toFixed(1)} s)`,
      },
      {
        name: 'vPDQ at 1 fps, end to end',
        value: `${(totalMs / 1000).toFixed(1)} s for ${hashed} hashes (target ≤ ${((targetSeconds * seconds) / 600).toFixed(0)} s: ${verdict})`,
      },
      {
        name: '  ffmpeg decode + select + RGB24 alone',
        value: `${(decodeAloneMs / 1000).toFixed(1)} s, ${((decodedFrames / decodeAloneMs) * 1000).toFixed(0)} decoded frames/s`,
      },
      { name: '  waiting for frames (decode not overlapped)', value: `${(decodeMs / 1000).toFixed(1)} s` },
      { name: '  PDQ hashing', value: `${(hashMs / 1000).toFixed(1)} s, ${(hashMs / hashed).toFixed(1)} ms per 720p frame` },
      {
        name: '  throughput',
        value: `${((hashed / totalMs) * 1000).toFixed(1)} hashed frames/s, ${((decodedFrames / totalMs) * 1000).toFixed(0)} video frames/s, ${(seconds / (totalMs / 1000)).toFixed(1)}× real time`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--seconds');
  const seconds = Number(flag > 0 ? process.argv[flag + 1] : (process.env['VIGIL_BENCH_VPDQ_SECONDS'] ?? 600));
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error('--seconds must be a whole number of seconds');
  const results = await benchVpdq(seconds, (line) => console.error(line));
  console.log('Vigil vPDQ benchmark');
  for (const r of results) console.log(`  ${r.name.padEnd(46)} ${r.value}`);
}
