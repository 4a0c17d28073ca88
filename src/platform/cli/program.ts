/**
 * The `vigil` command line: global options, output (`--json` for scripts), and the one place
 * where an error code becomes an exit code.
 *
 * Exit codes: 0 done · 1 unexpected error · 2 invalid input or configuration · 3 not found ·
 * 4 conflict · 5 not allowed · 6 database or service unavailable · 7 audit chain broken.
 */
import { Command, CommanderError } from 'commander';
import { createApp, type App } from '../../app.js';
import { loadConfig, type Env } from '../config.js';
import { isAppError, type ErrorCode } from '../errors.js';

export const exitCodes: Readonly<Record<ErrorCode | 'chain_broken', number>> = {
  internal: 1,
  invalid: 2,
  not_found: 3,
  conflict: 4,
  forbidden: 5,
  unauthenticated: 5,
  payload_too_large: 2,
  rate_limited: 6,
  unavailable: 6,
  chain_broken: 7,
};

export interface CliContext {
  env: Env;
  /** Writes the result: JSON when --json is given, else the human text. */
  print(result: unknown, human: () => string): void;
  /** Opens the app from the environment (over `defaults`); closed when the command ends. */
  openApp(defaults?: Env): Promise<App>;
  json: boolean;
}

/** A command module adds its subcommands to the program. */
export type CommandModule = (program: Command, context: () => CliContext) => void;

export async function runCli(argv: readonly string[], env: Env, modules: readonly CommandModule[]): Promise<number> {
  const program = new Command('vigil')
    .description('Vigil: media database, screening, notices and dark web monitoring for cooperating agencies')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError()
    .exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const opened: App[] = [];
  let exitCode = 0;
  const context = (): CliContext => {
    const json = program.opts<{ json?: boolean }>().json === true;
    return {
      env,
      json,
      print(result, human) {
        process.stdout.write(json ? JSON.stringify(result, null, 2) + '\n' : human() + '\n');
      },
      async openApp(defaults = {}) {
        const app = await createApp(loadConfig({ ...defaults, ...env }));
        opened.push(app);
        return app;
      },
    };
  };
  for (const module of modules) module(program, context);
  program.hook('postAction', (_this, action) => {
    const code = (action as Command & { exitCodeValue?: number }).exitCodeValue;
    if (code !== undefined) exitCode = code;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    exitCode = reportError(error, program.opts<{ json?: boolean }>().json === true);
  } finally {
    for (const app of opened) await app.close().catch(() => undefined);
  }
  return exitCode;
}

/** Sets the exit code of a command that finished without throwing (e.g. a failed verification). */
export function setExitCode(command: Command, code: number): void {
  (command as Command & { exitCodeValue?: number }).exitCodeValue = code;
}

function reportError(error: unknown, json: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; commander has already printed usage errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isAppError(error)) {
    if (json) process.stderr.write(JSON.stringify({ error: { code: error.code, message: error.message, errors: error.errors } }) + '\n');
    else {
      process.stderr.write(`vigil: ${error.message}\n`);
      for (const problem of error.errors) process.stderr.write(`  ${problem.field}: ${problem.message}\n`);
    }
    return exitCodes[error.code];
  }
  process.stderr.write(`vigil: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  return exitCodes.internal;
}
