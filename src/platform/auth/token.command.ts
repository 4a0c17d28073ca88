/** `vigil token create|list|revoke`. */
import { systemActor } from '../access/actor.js';
import type { CommandModule } from '../cli/program.js';
import { AppError } from '../errors.js';
import { agencyIdOf, commaList } from './user.command.js';

export const tokenCommands: CommandModule = (program, context) => {
  const token = program.command('token').description('API tokens for machine clients');
  token
    .command('create')
    .description('create an API token and print its secret once')
    .requiredOption('--agency <id-or-name>', 'the agency the token acts for')
    .requiredOption('--name <name>', 'what the token is for, e.g. "Kiosk 4, Schiphol"')
    .requiredOption('--roles <roles>', 'comma-separated roles (not admin)', commaList)
    .option('--expires <date>', 'ISO date or time after which the token stops working')
    .action(async (options: { agency: string; name: string; roles: string[]; expires?: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const expiresAt = options.expires === undefined ? undefined : new Date(options.expires);
      if (expiresAt !== undefined && Number.isNaN(expiresAt.getTime()))
        throw new AppError('invalid', `--expires "${options.expires}" is not a date`);
      const created = await app.services.tokens.create(systemActor(), {
        agencyId: await agencyIdOf(app, options.agency),
        name: options.name,
        roles: options.roles,
        ...(expiresAt !== undefined && { expiresAt }),
      });
      ctx.print(created, () =>
        [
          `Created token ${created.token.name} (${created.token.roles.join(', ')})`,
          `Secret: ${created.secret}`,
          'It is shown once: store it in the client now.',
        ].join('\n'),
      );
    });

  token
    .command('list')
    .description('list API tokens')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      const tokens = await app.services.tokens.list(systemActor());
      ctx.print(
        tokens,
        () =>
          tokens.map((t) => `${t.id}  ${t.prefix}…  ${t.name}  ${t.roles.join(',')}${t.revokedAt ? '  (revoked)' : ''}`).join('\n') ||
          'No tokens',
      );
    });

  token
    .command('revoke')
    .description('revoke an API token')
    .argument('<id>', 'token id')
    .action(async (id: string) => {
      const ctx = context();
      const app = await ctx.openApp();
      const revoked = await app.services.tokens.revoke(systemActor(), id);
      ctx.print(revoked, () => `Revoked token ${revoked.name}`);
    });
};
