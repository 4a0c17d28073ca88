/** `vigil watchlist create|list|import|entries` and `vigil check` (screen a file of travellers against the database's watchlists). */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../platform/access/actor.js';
import { visibilities } from '../../platform/access/roles.js';
import { agencyIdOf, commaList } from '../../platform/auth/user.command.js';
import { exitCodes, setExitCode, type CommandModule } from '../../platform/cli/program.js';
import { AppError } from '../../platform/errors.js';
import { watchlistKinds, type TravelDocumentView, type WatchlistPersonView } from './watchlist.repository.js';
import { watchlistImportFormats, type WatchlistImportFormat } from './watchlist.service.js';

export const watchlistCommands: CommandModule = (program, context) => {
  const watchlist = program.command('watchlist').description('watchlists of persons and of stolen, lost or revoked travel documents');

  watchlist
    .command('create')
    .description('create a watchlist')
    .requiredOption('--agency <id-or-name>', 'the owning agency')
    .requiredOption('--name <name>', 'name of the list')
    .requiredOption('--kind <kind>', watchlistKinds.join(' or '))
    .option('--visibility <visibility>', visibilities.join(', '), 'agency')
    .option('--shared-with <agencies>', 'comma-separated agency ids or names (visibility shared)', commaList)
    .option('--source <text>', 'where the entries come from')
    .option('--description <text>', 'what the list holds')
    .action(
      async (options: {
        agency: string;
        name: string;
        kind: string;
        visibility: string;
        sharedWith?: string[];
        source?: string;
        description?: string;
      }) => {
        const ctx = context();
        const app = await ctx.openApp();
        const sharedWith = await Promise.all((options.sharedWith ?? []).map((a) => agencyIdOf(app, a)));
        const list = await app.services.watchlists.create(systemActor(), {
          ownerAgencyId: await agencyIdOf(app, options.agency),
          name: options.name,
          kind: options.kind,
          visibility: options.visibility,
          sharedWith,
          ...(options.source !== undefined && { source: options.source }),
          ...(options.description !== undefined && { description: options.description }),
        });
        ctx.print(list, () => `Created watchlist ${list.name} (${list.kind}, ${list.visibility}) with id ${list.id}`);
      },
    );

  watchlist
    .command('list')
    .description('list watchlists')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      const lists = await app.services.watchlists.list(systemActor());
      ctx.print(
        lists,
        () =>
          lists
            .map(
              (l) =>
                `${l.id}  ${l.kind.padEnd(9)} ${String(l.entryCount).padStart(9)} entries  ${l.name}  (${l.ownerAgencyName}, ${l.visibility})`,
            )
            .join('\n') || 'No watchlists',
      );
    });

  watchlist
    .command('import')
    .description(
      'import entries: FollowTheMoney Person JSON lines or persons CSV into a persons list, documents CSV into a documents list; ' +
        'all or nothing unless --skip-invalid; entries with a known external id are replaced',
    )
    .argument('<list>', 'watchlist id')
    .argument('<file>', 'the file to import')
    .option('--format <format>', `one of ${watchlistImportFormats.join(', ')} (default: from the list kind and the file)`)
    .option('--skip-invalid', 'import the valid records and report the others')
    .action(async (listId: string, file: string, options: { format?: string; skipInvalid?: boolean }, command: Command) => {
      if (options.format !== undefined && !(watchlistImportFormats as readonly string[]).includes(options.format))
        throw new AppError('invalid', `--format must be one of ${watchlistImportFormats.join(', ')}`);
      const bytes = await readFile(file).catch((error: Error) => {
        throw new AppError('not_found', `Cannot read ${file}: ${error.message}`);
      });
      const ctx = context();
      const app = await ctx.openApp();
      const outcome = await app.services.watchlists.import(systemActor(), listId, bytes, {
        ...(options.format !== undefined && { format: options.format as WatchlistImportFormat }),
        skipInvalid: options.skipInvalid === true,
      });
      const refused = outcome.errors.length > 0 && options.skipInvalid !== true;
      ctx.print(outcome, () =>
        [
          refused
            ? `Nothing imported: ${outcome.errors.length} of ${outcome.records} records are not valid (use --skip-invalid to import the rest)`
            : `Imported ${outcome.imported} entries (${outcome.created} new, ${outcome.updated} replaced) from ${outcome.records} records (${outcome.format})`,
          ...(outcome.skipped > 0 ? [`  ${outcome.skipped} entities of other schemas skipped`] : []),
          ...outcome.errors.slice(0, 20).map((e) => `  line ${e.line}: ${e.message}`),
          ...(outcome.errors.length > 20 ? [`  … and ${outcome.errors.length - 20} more`] : []),
        ].join('\n'),
      );
      if (refused) setExitCode(command, exitCodes.invalid);
    });

  watchlist
    .command('entries')
    .description('print entries of a watchlist, paged by id (audited)')
    .argument('<list>', 'watchlist id')
    .option('--after <id>', 'the last entry id of the previous page')
    .option('--limit <n>', 'entries per page (1 to 1000)', (v) => Number.parseInt(v, 10), 100)
    .action(async (listId: string, options: { after?: string; limit: number }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const page = await app.services.watchlists.entries(systemActor(), listId, {
        ...(options.after !== undefined && { after: options.after }),
        limit: options.limit,
      });
      ctx.print(page.items, () =>
        page.kind === 'persons'
          ? page.items.map(personLine).join('\n') || 'No entries'
          : page.items.map(documentLine).join('\n') || 'No entries',
      );
    });
};

function personLine(p: WatchlistPersonView): string {
  const facts = [p.birthDates.join('/'), p.nationalities.join('/'), p.sex ?? '', p.reason ?? ''].filter((f) => f.length > 0);
  return `${p.id}  ${p.externalId.padEnd(16)} ${p.names.join(' · ')}${facts.length > 0 ? `  (${facts.join(', ')})` : ''}`;
}

function documentLine(d: TravelDocumentView): string {
  return `${d.id}  ${d.externalId.padEnd(16)} ${d.number.padEnd(14)} ${(d.country ?? '').padEnd(3)} ${d.documentType.padEnd(8)} ${d.status}${d.reportedOn !== null ? `  ${d.reportedOn}` : ''}`;
}
