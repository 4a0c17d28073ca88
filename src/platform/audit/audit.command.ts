/** `vigil audit verify` and `vigil audit export`. */
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../access/actor.js';
import { exitCodes, setExitCode, type CommandModule } from '../cli/program.js';
import { AppError } from '../errors.js';
import type { AuditFilter } from './audit.repository.js';

export const auditCommands: CommandModule = (program, context) => {
  const audit = program.command('audit').description('the hash-chained audit trail');

  audit
    .command('verify')
    .description('check the whole chain; exits 7 and names the first broken entry if it is broken')
    .action(async (_options: unknown, command: Command) => {
      const ctx = context();
      const app = await ctx.openApp();
      const result = await app.services.audit.verify();
      ctx.print(result, () =>
        result.ok
          ? `Audit chain intact: ${result.checked} entries verified, head at ${result.headSeq}`
          : `Audit chain BROKEN at entry ${result.firstBroken!.seq}: ${result.firstBroken!.problem} (${result.checked} entries verified before it)`,
      );
      if (!result.ok) setExitCode(command, exitCodes.chain_broken);
    });

  audit
    .command('export')
    .description('export audit entries, newest first, as CSV or JSON Lines')
    .option('--format <format>', 'csv or jsonl', 'jsonl')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--action <prefix>', 'only actions starting with this, e.g. auth.')
    .option('--actor <name-or-id>', 'only this actor')
    .option('--record-type <type>', 'only this record type')
    .option('--record-id <id>', 'only this record')
    .option('--outcome <outcome>', 'success, denied or failure')
    .option('--from <time>', 'from this ISO time')
    .option('--to <time>', 'before this ISO time')
    .action(
      async (options: {
        format: string;
        out?: string;
        action?: string;
        actor?: string;
        recordType?: string;
        recordId?: string;
        outcome?: string;
        from?: string;
        to?: string;
      }) => {
        if (options.format !== 'csv' && options.format !== 'jsonl') throw new AppError('invalid', '--format must be csv or jsonl');
        const date = (name: string, value: string | undefined): Date | undefined => {
          if (value === undefined) return undefined;
          const parsed = new Date(value);
          if (Number.isNaN(parsed.getTime())) throw new AppError('invalid', `--${name} "${value}" is not a date`);
          return parsed;
        };
        const from = date('from', options.from);
        const to = date('to', options.to);
        const filter: AuditFilter = {
          ...(options.action !== undefined && { action: options.action }),
          ...(options.actor !== undefined && { actor: options.actor }),
          ...(options.recordType !== undefined && { recordType: options.recordType }),
          ...(options.recordId !== undefined && { recordId: options.recordId }),
          ...(options.outcome !== undefined && { outcome: options.outcome }),
          ...(from !== undefined && { from }),
          ...(to !== undefined && { to }),
        };
        const ctx = context();
        const app = await ctx.openApp();
        const out = options.out === undefined ? process.stdout : await openForWriting(options.out);
        let count = 0;
        for await (const line of app.services.audit.export(systemActor(), filter, options.format)) {
          count += 1;
          if (!out.write(line)) await once(out, 'drain');
        }
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
          process.stderr.write(`Exported ${options.format === 'csv' ? count - 1 : count} entries to ${options.out}\n`);
        }
        await app.services.audit.record(systemActor(), {
          action: 'audit.export',
          outcome: 'success',
          details: { format: options.format, filter },
        });
      },
    );
};

/** Opens the export file before any work, so a bad path is one clear error (exit 2). */
async function openForWriting(path: string): Promise<NodeJS.WritableStream & { end(): void }> {
  try {
    return (await open(path, 'w')).createWriteStream();
  } catch (error) {
    throw new AppError('invalid', `Cannot write ${path}: ${(error as Error).message}`);
  }
}
