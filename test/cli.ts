/** Runs `vigil` in-process as a test would type it, capturing what it writes to stdout and stderr. */
import { vi } from 'vitest';
import { runCli, type CommandModule } from '../src/platform/cli/program.js';
import type { Env } from '../src/platform/config.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function captureCli(argv: readonly string[], env: Env, modules: readonly CommandModule[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(argv, env, modules);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
