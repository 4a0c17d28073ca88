/** `vigil hashset create|list|import|export`. */
import { readFile, writeFile } from 'node:fs/promises';
import { systemActor } from '../../platform/access/actor.js';
import type { Command } from 'commander';
import { exitCodes, setExitCode, type CommandModule } from '../../platform/cli/program.js';
import { AppError } from '../../platform/errors.js';
import { agencyIdOf, commaList } from '../../platform/auth/user.command.js';
import { hashSetFormats, type HashSetFormat } from './formats/index.js';
import type { ExportFormat } from './hashset.service.js';

const exportFormats: readonly string[] = [...hashSetFormats, 'vics-json-1.3'];

export const hashSetCommands: CommandModule = (program, context) => {
  const hashset = program.command('hashset').description('hash sets of known and ignorable files');

  hashset
    .command('create')
    .description('create a hash set')
    .requiredOption('--agency <id-or-name>', 'the owning agency')
    .requiredOption('--name <name>', 'name of the set')
    .option('--purpose <purpose>', 'known or ignorable', 'known')
    .option('--visibility <visibility>', 'agency, shared, network or public', 'agency')
    .option('--shared-with <agencies>', 'comma-separated agency ids or names (visibility shared)', commaList)
    .option('--description <text>', 'what the set holds')
    .action(
      async (options: {
        agency: string;
        name: string;
        purpose: string;
        visibility: string;
        sharedWith?: string[];
        description?: string;
      }) => {
        const ctx = context();
        const app = await ctx.openApp();
        const sharedWith = await Promise.all((options.sharedWith ?? []).map((a) => agencyIdOf(app, a)));
        const set = await app.services.hashSets.create(systemActor(), {
          ownerAgencyId: await agencyIdOf(app, options.agency),
          name: options.name,
          purpose: options.purpose,
          visibility: options.visibility,
          sharedWith,
          ...(options.description !== undefined && { description: options.description }),
        });
        ctx.print(set, () => `Created hash set ${set.name} (${set.purpose}, ${set.visibility}) with id ${set.id}`);
      },
    );

  hashset
    .command('list')
    .description('list hash sets')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      const sets = await app.services.hashSets.list(systemActor());
      ctx.print(
        sets,
        () =>
          sets
            .map(
              (s) =>
                `${s.id}  ${s.purpose.padEnd(9)} ${String(s.entryCount).padStart(9)} entries  ${s.name}  (${s.ownerAgencyName}, ${s.visibility})`,
            )
            .join('\n') || 'No hash sets',
      );
    });

  hashset
    .command('import')
    .description('import entries: ICSE CSV, VICS JSON 1.3/2.0, PDQ, MD5, SHA-1 or SHA-256 list; all or nothing unless --skip-invalid')
    .argument('<set>', 'hash set id')
    .argument('<file>', 'the file to import')
    .option('--format <format>', `one of ${hashSetFormats.join(', ')} (default: detected)`)
    .option('--skip-invalid', 'import the valid records and report the others')
    .action(async (setId: string, file: string, options: { format?: string; skipInvalid?: boolean }) => {
      if (options.format !== undefined && !(hashSetFormats as readonly string[]).includes(options.format))
        throw new AppError('invalid', `--format must be one of ${hashSetFormats.join(', ')}`);
      const bytes = await readFile(file).catch((error: Error) => {
        throw new AppError('not_found', `Cannot read ${file}: ${error.message}`);
      });
      const ctx = context();
      const app = await ctx.openApp();
      const outcome = await app.services.hashSets.import(systemActor(), setId, bytes, {
        ...(options.format !== undefined && { format: options.format as HashSetFormat }),
        skipInvalid: options.skipInvalid === true,
      });
      ctx.print(outcome, () =>
        [
          `Imported ${outcome.imported} entries from ${outcome.records} records (${outcome.variant ?? outcome.format})`,
          ...outcome.errors.slice(0, 20).map((e) => `  skipped line ${e.line}: ${e.message}`),
          ...outcome.warnings.slice(0, 20).map((w) => `  warning line ${w.line}: ${w.message}`),
        ].join('\n'),
      );
    });

  hashset
    .command('export')
    .description('export a hash set')
    .argument('<set>', 'hash set id')
    .requiredOption('--format <format>', exportFormats.join(', '))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (setId: string, options: { format: string; out?: string }, command: Command) => {
      if (!exportFormats.includes(options.format)) throw new AppError('invalid', `--format must be one of ${exportFormats.join(', ')}`);
      const ctx = context();
      const app = await ctx.openApp();
      const result = await app.services.hashSets.export(systemActor(), setId, options.format as ExportFormat);
      if (options.out === undefined) process.stdout.write(result.text);
      else
        await writeFile(options.out, result.text).catch((error: Error) => {
          throw new AppError('invalid', `Cannot write ${options.out}: ${error.message}`);
        });
      process.stderr.write(
        `Exported ${result.written} entries${result.skipped.length > 0 ? `; ${result.skipped.length} could not be written in this format` : ''}\n`,
      );
      if (result.written === 0 && result.skipped.length > 0) setExitCode(command, exitCodes.invalid);
    });
};
