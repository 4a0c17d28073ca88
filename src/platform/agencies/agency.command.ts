/** `vigil agency create|list`. */
import { systemActor } from '../access/actor.js';
import { agencyKinds } from '../access/roles.js';
import type { CommandModule } from '../cli/program.js';

export const agencyCommands: CommandModule = (program, context) => {
  const agency = program.command('agency').description('member agencies of the network');

  agency
    .command('create')
    .description('add an agency')
    .requiredOption('--name <name>', 'agency name')
    .requiredOption('--country <code>', 'ISO 3166 alpha-3 country code, e.g. NLD')
    .requiredOption('--kind <kind>', `one of ${agencyKinds.join(', ')}`)
    .option('--operator', 'this agency operates the network (only one may)')
    .action(async (options: { name: string; country: string; kind: string; operator?: boolean }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const created = await app.services.agencies.create(systemActor(), {
        name: options.name,
        country: options.country,
        kind: options.kind,
        isOperator: options.operator === true,
      });
      ctx.print(created, () => `Created agency ${created.name} (${created.country}, ${created.kind}) with id ${created.id}`);
    });

  agency
    .command('list')
    .description('list agencies')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      const agencies = await app.services.agencies.list(systemActor());
      ctx.print(
        agencies,
        () =>
          agencies.map((a) => `${a.id}  ${a.country}  ${a.kind.padEnd(24)} ${a.name}${a.isOperator ? '  (operator)' : ''}`).join('\n') ||
          'No agencies yet',
      );
    });
};
