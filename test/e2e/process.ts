/**
 * Runs the built `vigil` command (bin/vigil.js → dist/server) as a child process, the way an
 * operator does. Every child gets a clean environment: no DATABASE_URL, PORT, HOST or VIGIL_*
 * from the developer's shell, VIGIL_LOG_LEVEL=warn, and a temporary data directory unless the
 * test names one. Call `cleanup` in afterAll: it kills every child still running and removes
 * every temporary directory.
 *
 *   const dataDir = await tempDataDir();
 *   const { code, stdout } = await runVigil(['migrate'], { env: { VIGIL_DATA_DIR: dataDir } });
 *   const server = await startVigil(['serve'], { VIGIL_DATA_DIR: dataDir });
 *   await fetch(`${server.url}/api/health`);
 *   await server.stop(); // SIGTERM; server.kill() is SIGKILL
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Env = Record<string, string | undefined>;

export interface RunResult {
  /** The exit code; null only when the process died from a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Added to the clean environment; a value of undefined removes the variable. */
  env?: Env;
  /** Written to standard input, which is then closed. */
  input?: string;
  /** Kill the process and fail after this long (default 60 s). */
  timeoutMs?: number;
}

export interface RunningVigil {
  /** The listening URL the command printed, e.g. http://127.0.0.1:41345. */
  readonly url: string;
  readonly pid: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and waits for the exit (failing after `timeoutMs`, default 15 s). */
  stop(timeoutMs?: number): Promise<RunResult>;
  /** Sends SIGKILL and waits for the exit. */
  kill(): Promise<RunResult>;
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repoRoot, 'bin', 'vigil.js');
const builtEntry = join(repoRoot, 'dist', 'server', 'main.js');

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/**
 * A fresh temporary directory and the path of a data directory inside it that does not exist
 * yet (so a test can watch `vigil` create it). Removed by `cleanup`.
 */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-e2e-'));
  tempDirs.add(dir);
  return join(dir, 'data');
}

/** Runs `vigil ...args` to completion. */
export async function runVigil(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const child = await spawnVigil(args, options.env ?? {});
  const output = collect(child);
  const exited = exitOf(child);
  child.stdin?.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { code, signal } = await withTimeout(exited, timeoutMs, () => {
    child.kill('SIGKILL');
    return new Error(`vigil ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${output.stdout}\nstderr: ${output.stderr}`);
  });
  return { code, signal, stdout: output.stdout, stderr: output.stderr };
}

/**
 * Starts a long-running `vigil serve` or `vigil demo` on a free port (PORT=0, HOST=127.0.0.1) and
 * resolves once it has printed its URL (in the human text, or the `url` of its --json output).
 * Fails if the process exits first or prints nothing within `timeoutMs` (default 60 s).
 */
export async function startVigil(args: readonly string[], env: Env = {}, timeoutMs = 60_000): Promise<RunningVigil> {
  const child = await spawnVigil(args, { PORT: '0', HOST: '127.0.0.1', ...env });
  child.stdin?.end();
  const output = collect(child);
  const exited = exitOf(child);
  const describe = (): string => `vigil ${args.join(' ')}\nstdout: ${output.stdout}\nstderr: ${output.stderr}`;

  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      const look = (): void => {
        // The URL is complete once something follows it: a space, a quote or a line end.
        const found = /(http:\/\/127\.0\.0\.1:\d+)[\s"/]/.exec(output.stdout);
        if (found?.[1] !== undefined) resolve(found[1]);
      };
      child.stdout?.on('data', look);
      exited.then(({ code, signal }) => reject(new Error(`exited (${code ?? signal}) before printing its URL: ${describe()}`)), reject);
    }),
    timeoutMs,
    () => {
      child.kill('SIGKILL');
      return new Error(`printed no URL within ${timeoutMs} ms: ${describe()}`);
    },
  );

  const result = async (): Promise<RunResult> => ({ ...(await exited), stdout: output.stdout, stderr: output.stderr });
  return {
    url,
    pid: child.pid!,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    async stop(stopTimeoutMs = 15_000) {
      child.kill('SIGTERM');
      await withTimeout(exited, stopTimeoutMs, () => {
        child.kill('SIGKILL');
        return new Error(`did not exit within ${stopTimeoutMs} ms of SIGTERM: ${describe()}`);
      });
      return result();
    },
    async kill() {
      child.kill('SIGKILL');
      await withTimeout(exited, 10_000, () => new Error(`survived SIGKILL: ${describe()}`));
      return result();
    },
  };
}

/** Kills every child still running, waits for them, and removes every temporary directory. */
export async function cleanup(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      child.kill('SIGKILL');
      await withTimeout(exitOf(child), 10_000, () => new Error(`process ${child.pid} survived SIGKILL`));
    }),
  );
  await Promise.all([...tempDirs].map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
  tempDirs.clear();
}

/** A clean environment: the shell's, minus everything that configures Vigil. */
function childEnv(extra: Env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(VIGIL_|DATABASE_URL$|PORT$|HOST$|NODE_OPTIONS$)/.test(name)) continue;
    env[name] = value;
  }
  env['VIGIL_LOG_LEVEL'] = 'warn';
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

async function spawnVigil(args: readonly string[], env: Env): Promise<ChildProcess> {
  if (!existsSync(builtEntry)) {
    throw new Error(`${builtEntry} is missing: build the server first (npx tsc -p tsconfig.build.json, or npm run build)`);
  }
  const fullEnv = childEnv(env);
  if (fullEnv['VIGIL_DATA_DIR'] === undefined) fullEnv['VIGIL_DATA_DIR'] = await tempDataDir();
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: fullEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  // A child that exits without reading its input must not fail the test with EPIPE.
  child.stdin?.on('error', () => undefined);
  return child;
}

function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  return output;
}

/** Resolves when the process has exited and its output streams are closed. */
function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

/** Resolves as `promise` does, or rejects with `onTimeout()` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
