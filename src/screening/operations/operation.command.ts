/** `vigil border-operation create|list|show|checkpoint-add|checks|hits|review|stats`: border operations from the command line. */
import { writeFile } from 'node:fs/promises';
import type { App } from '../../app.js';
import { systemActor } from '../../platform/access/actor.js';
import { isUuid } from '../../platform/agencies/agency.repository.js';
import { agencyIdOf, commaList } from '../../platform/auth/user.command.js';
import type { CommandModule } from '../../platform/cli/program.js';
import { AppError } from '../../platform/errors.js';
import { borderTypes, hitOutcomes, type BorderOperation, type HitView } from './operation.repository.js';
import type { CheckpointInput } from './operation.service.js';

/** Accepts an operation id or its exact name. */
async function operationIdOf(app: App, value: string): Promise<string> {
  if (isUuid(value)) return value;
  const found = (await app.services.borderOperations.list(systemActor())).filter((o) => o.name === value);
  if (found.length === 1) return found[0]!.id;
  if (found.length > 1) throw new AppError('conflict', `Several operations are named "${value}"; give the id`);
  throw new AppError('not_found', `No border operation with id or name "${value}"; see vigil border-operation list`);
}

/** `NAME:TYPE:COUNTRY[:PLACE]`, e.g. `Madrid-Barajas:air:ESP:Madrid`. */
function parseCheckpoint(value: string, previous: CheckpointInput[] = []): CheckpointInput[] {
  const [name, borderType, country, ...place] = value.split(':');
  if (name === undefined || borderType === undefined || country === undefined)
    throw new AppError('invalid', `--checkpoint "${value}" must be NAME:TYPE:COUNTRY[:PLACE]`);
  return [...previous, { name, borderType, country, place: place.join(':') }];
}

function describeOperation(o: BorderOperation): string {
  const dates = o.startsOn !== null || o.endsOn !== null ? ` ${o.startsOn ?? '…'} to ${o.endsOn ?? '…'}` : '';
  return [
    `${o.name} (${o.status}${dates})  id ${o.id}`,
    `  coordinated by ${o.ownerAgencyName}; visibility ${o.visibility}`,
    ...(o.participants.length > 0 ? [`  participants: ${o.participants.map((p) => `${p.name} (${p.country})`).join(', ')}`] : []),
    ...(o.description !== '' ? [`  ${o.description}`] : []),
    ...o.checkpoints.map((c) => `  checkpoint ${c.id}  ${c.borderType.padEnd(4)} ${c.country}  ${c.name}${c.place ? `, ${c.place}` : ''}`),
  ].join('\n');
}

function describeHit(h: HitView): string {
  const who = [h.traveller.name, h.traveller.birthDate, h.traveller.nationality, h.traveller.documentNumber].filter(Boolean).join(', ');
  const record =
    h.kind === 'person'
      ? `${h.entry?.names.join(' / ') ?? '?'} ${h.entry?.birthDates.join(', ') ?? ''} (${h.entry?.reason ?? 'listed'}, ${h.entry?.listName ?? 'list'})`
      : `document ${h.document?.number ?? '?'} ${h.document?.country ?? ''} ${h.document?.status ?? ''} (${h.document?.listName ?? 'list'})`;
  const decision =
    h.status === 'pending'
      ? 'pending'
      : `${h.status}${h.outcome ? ` ${h.outcome}` : ''}${h.outcomeNationality ? ` ${h.outcomeNationality}` : ''}`;
  return `${h.id}  ${decision.padEnd(9)} ${h.score.toFixed(2)}  ${who}  ↔  ${record}  [${h.agencyName}${h.checkpoint ? `, ${h.checkpoint.name}` : ''}]`;
}

export const borderOperationCommands: CommandModule = (program, context) => {
  const command = program.command('border-operation').description('border operations: checkpoints, checks, hit review and statistics');

  command
    .command('create')
    .description('create a border operation coordinated by an agency')
    .requiredOption('--agency <id-or-name>', 'the coordinating agency')
    .requiredOption('--name <name>', 'name of the operation')
    .option('--description <text>', 'what the operation is about')
    .option('--starts-on <date>', 'first day, YYYY-MM-DD')
    .option('--ends-on <date>', 'last day, YYYY-MM-DD')
    .option('--status <status>', 'planned, active or closed', 'planned')
    .option('--participants <agencies>', 'comma-separated participating agency ids or names', commaList)
    .option('--visibility <visibility>', 'agency, shared or network (default: shared with participants, else agency)')
    .option('--checkpoint <NAME:TYPE:COUNTRY[:PLACE]>', `a checkpoint (repeatable); TYPE is ${borderTypes.join(', ')}`, parseCheckpoint)
    .action(
      async (options: {
        agency: string;
        name: string;
        description?: string;
        startsOn?: string;
        endsOn?: string;
        status: string;
        participants?: string[];
        visibility?: string;
        checkpoint?: CheckpointInput[];
      }) => {
        const ctx = context();
        const app = await ctx.openApp();
        const sharedWith = await Promise.all((options.participants ?? []).map((a) => agencyIdOf(app, a)));
        const operation = await app.services.borderOperations.create(systemActor(), {
          ownerAgencyId: await agencyIdOf(app, options.agency),
          name: options.name,
          status: options.status,
          visibility: options.visibility ?? (sharedWith.length > 0 ? 'shared' : 'agency'),
          sharedWith,
          checkpoints: options.checkpoint ?? [],
          ...(options.description !== undefined && { description: options.description }),
          ...(options.startsOn !== undefined && { startsOn: options.startsOn }),
          ...(options.endsOn !== undefined && { endsOn: options.endsOn }),
        });
        ctx.print(operation, () => `Created border operation\n${describeOperation(operation)}`);
      },
    );

  command
    .command('list')
    .description('list border operations')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      const operations = await app.services.borderOperations.list(systemActor());
      ctx.print(
        operations,
        () =>
          operations
            .map(
              (o) =>
                `${o.id}  ${o.status.padEnd(7)} ${String(o.checkpoints.length).padStart(3)} checkpoints  ${o.name}  (${o.ownerAgencyName}, ${o.participants.length} participants)`,
            )
            .join('\n') || 'No border operations',
      );
    });

  command
    .command('show')
    .description('show an operation with its participants and checkpoints')
    .argument('<operation>', 'operation id or name')
    .action(async (operation: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const found = await app.services.borderOperations.get(systemActor(), await operationIdOf(app, operation));
      ctx.print(found, () => describeOperation(found));
    });

  const addCheckpoint = async (operation: string, options: { name: string; borderType: string; country: string; place?: string }) => {
    const ctx = context();
    const app = await ctx.openApp();
    const checkpoint = await app.services.borderOperations.addCheckpoint(systemActor(), await operationIdOf(app, operation), {
      name: options.name,
      borderType: options.borderType,
      country: options.country,
      ...(options.place !== undefined && { place: options.place }),
    });
    ctx.print(
      checkpoint,
      () => `Added checkpoint ${checkpoint.name} (${checkpoint.borderType}, ${checkpoint.country}) with id ${checkpoint.id}`,
    );
  };
  const checkpointOptions = (c: ReturnType<typeof command.command>) =>
    c
      .argument('<operation>', 'operation id or name')
      .requiredOption('--name <name>', 'name of the checkpoint')
      .requiredOption('--border-type <type>', borderTypes.join(', '))
      .requiredOption('--country <code>', 'ISO 3166 country code')
      .option('--place <place>', 'town, port or crossing')
      .action(addCheckpoint);
  checkpointOptions(command.command('checkpoint-add').description('add a checkpoint to an operation'));
  checkpointOptions(
    command.command('checkpoint').description('checkpoints of an operation').command('add').description('add a checkpoint'),
  );

  command
    .command('checks')
    .description('checks recorded in an operation, oldest first')
    .argument('<operation>', 'operation id or name')
    .option('--outcome <outcome>', 'clear, hit or error')
    .option('--after <seq>', 'continue after this check (the `next` of the previous page)', Number)
    .option('--limit <n>', 'at most this many (1 to 1000)', Number, 100)
    .action(async (operation: string, options: { outcome?: string; after?: number; limit: number }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const page = await app.services.borderOperations.listChecks(systemActor(), await operationIdOf(app, operation), options);
      ctx.print(
        page,
        () =>
          page.items
            .map(
              (c) =>
                `${c.checkedAt.toISOString()}  ${c.outcome.padEnd(5)} ${[c.traveller.name, c.traveller.birthDate, c.traveller.documentNumber].filter(Boolean).join(', ')}  [${c.agencyName}${c.checkpoint ? `, ${c.checkpoint.name}` : ''}]`,
            )
            .join('\n') || 'No checks',
      );
    });

  command
    .command('hits')
    .description('the review queue of an operation')
    .argument('<operation>', 'operation id or name')
    .option('--status <status>', 'pending, confirmed or dismissed')
    .option('--after <seq>', 'continue after this hit (the `next` of the previous page)', Number)
    .option('--limit <n>', 'at most this many (1 to 1000)', Number, 100)
    .action(async (operation: string, options: { status?: string; after?: number; limit: number }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const page = await app.services.borderOperations.listHits(systemActor(), await operationIdOf(app, operation), options);
      ctx.print(page, () => page.items.map(describeHit).join('\n') || 'No hits');
    });

  command
    .command('review')
    .description('confirm a hit with its outcome, or dismiss it (not raised again for this traveller in this operation)')
    .argument('<operation>', 'operation id or name')
    .argument('<hit>', 'hit id')
    .option('--confirm <outcome>', hitOutcomes.join(', '))
    .option('--dismiss', 'a false positive')
    .option('--nationality <code>', 'nationality of an identified migrant (ISO 3166)')
    .option('--note <text>', 'why')
    .action(
      async (operation: string, hit: string, options: { confirm?: string; dismiss?: boolean; nationality?: string; note?: string }) => {
        if ((options.confirm === undefined) === (options.dismiss !== true))
          throw new AppError('invalid', 'Give either --confirm <outcome> or --dismiss');
        const ctx = context();
        const app = await ctx.openApp();
        const reviewed = await app.services.borderOperations.review(systemActor(), await operationIdOf(app, operation), hit, {
          decision: options.confirm !== undefined ? 'confirm' : 'dismiss',
          ...(options.confirm !== undefined && { outcome: options.confirm }),
          ...(options.nationality !== undefined && { outcomeNationality: options.nationality }),
          ...(options.note !== undefined && { note: options.note }),
        });
        ctx.print(reviewed, () => describeHit(reviewed));
      },
    );

  command
    .command('stats')
    .description('statistics of an operation; --format csv|json writes the export file')
    .argument('<operation>', 'operation id or name')
    .option('--format <format>', 'csv or json: the export file instead of the summary')
    .option('--out <file>', 'write the export to this file instead of standard output')
    .action(async (operation: string, options: { format?: string; out?: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const id = await operationIdOf(app, operation);
      if (options.format !== undefined) {
        if (options.format !== 'csv' && options.format !== 'json') throw new AppError('invalid', '--format must be csv or json');
        const file = await app.services.borderOperations.exportStatistics(systemActor(), id, options.format);
        if (options.out === undefined) process.stdout.write(file.text);
        else
          await writeFile(options.out, file.text).catch((error: Error) => {
            throw new AppError('invalid', `Cannot write ${options.out}: ${error.message}`);
          });
        return;
      }
      const stats = await app.services.borderOperations.statistics(systemActor(), id);
      const counts = (rows: { key: string; count: number }[]) => rows.map((r) => `${r.key} ${r.count}`).join(', ') || '-';
      ctx.print(stats, () =>
        [
          `${stats.operation.name} (${stats.operation.status}), coordinated by ${stats.operation.ownerAgencyName}`,
          `Checks: ${stats.checks.total} (${counts(stats.checks.byOutcome)}); not raised again: ${stats.checks.suppressed}`,
          `  by border type: ${counts(stats.checks.byBorderType)}`,
          `  by country: ${counts(stats.checks.byCountry)}`,
          `  by day: ${counts(stats.checks.byDay)}`,
          `Hits: ${stats.hits.total} (pending ${stats.hits.pending}, confirmed ${stats.hits.confirmed}, dismissed ${stats.hits.dismissed})`,
          `  outcomes: ${counts(stats.hits.byOutcome)}`,
          `Migrants identified by nationality: ${counts(stats.migrantsByNationality)}`,
          `Participating: ${stats.participatingAgencies} agencies, ${stats.participatingCountries.length} countries (${stats.participatingCountries.join(' ')})`,
        ].join('\n'),
      );
    });
};
