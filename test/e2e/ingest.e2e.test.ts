/**
 * `vigil ingest` as an operator runs it: killed with SIGKILL in the middle, run again, it resumes
 * and completes with nothing lost and nothing counted twice; and `vigil hash` prints its TSV.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPhoto } from '../images.js';
import { testdata } from '../testdata.js';
import { cleanup, repoRoot, runVigil, tempDataDir, withTimeout } from './process.js';

afterAll(cleanup);

describe('vigil ingest', () => {
  let dataDir: string;
  let evidence: string;
  const files = 400;

  beforeAll(async () => {
    dataDir = await tempDataDir();
    evidence = join(dirname(dataDir), 'evidence');
    mkdirSync(evidence, { recursive: true });
    for (let i = 0; i < files; i += 1)
      writeFileSync(join(evidence, `img-${String(i).padStart(4, '0')}.jpg`), await syntheticPhoto(5000 + i, { width: 160, height: 120 }));
    expect((await runVigil(['demo', '--no-serve'], { env: { VIGIL_DATA_DIR: dataDir } })).code).toBe(0);
  });

  it('resumes after SIGKILL and completes with nothing lost and nothing counted twice', async () => {
    const args = ['--json', 'ingest', evidence, '--case', 'NLD-2026-0001', '--hash-only', '--threads', '1'];
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'vigil.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, VIGIL_DATA_DIR: dataDir, VIGIL_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    // Kill it once two batches are committed and reported.
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          const done = [...stderr.matchAll(/"done":(\d+)/g)].map((m) => Number(m[1]));
          if (done.some((n) => n >= 64)) resolve();
        });
        void exited.then(() => reject(new Error(`ingest ended before it could be killed: ${stderr}`)));
      }),
      60_000,
      () => new Error(`no progress: ${stderr}`),
    );
    child.kill('SIGKILL');
    await exited;
    const reported = Math.max(...[...stderr.matchAll(/"done":(\d+)/g)].map((m) => Number(m[1])));
    expect(reported).toBeLessThan(files);

    const again = await runVigil(args, { env: { VIGIL_DATA_DIR: dataDir }, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    const outcome = JSON.parse(again.stdout) as {
      resumed: boolean;
      counts: { files: number; distinct: number; new: number; itemsDone: number };
    };
    expect(outcome.resumed).toBe(true);
    expect(outcome.counts).toMatchObject({ itemsDone: files, files, distinct: files, new: files });
    const firstReport = [...again.stderr.matchAll(/"done":(\d+)/g)].map((m) => Number(m[1]))[0];
    expect(firstReport).toBeGreaterThanOrEqual(reported);

    const verify = await runVigil(['audit', 'verify'], { env: { VIGIL_DATA_DIR: dataDir } });
    expect(verify.code).toBe(0);
  });

  it('vigil hash prints one TSV row per file, with the reference PDQ', async () => {
    const { code, stdout } = await runVigil(['hash', '--dihedral', testdata('pdq', 'data', 'bridge-mods', 'aaa-orig.jpg')]);
    expect(code).toBe(0);
    const [header, row] = stdout.trimEnd().split('\n');
    expect(header!.split('\t')).toEqual([
      'path',
      'media_type',
      'size',
      'md5',
      'sha1',
      'sha256',
      'pdq',
      'quality',
      'error',
      'pdq_rot90',
      'pdq_rot180',
      'pdq_rot270',
      'pdq_flipx',
      'pdq_flipy',
      'pdq_flipplus1',
      'pdq_flipminus1',
    ]);
    const cells = row!.split('\t');
    expect(cells[1]).toBe('image/jpeg');
    expect(cells[6]).toBe('d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22');
    expect(cells[9]).toBe('f0a10efd51c83d429053d48d0fffbc52e34e0e17ada956a9d29685211ea9e58f');
  });
});
