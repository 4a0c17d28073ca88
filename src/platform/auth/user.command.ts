/** `vigil user create|list`. */
import type { App } from '../../app.js';
import { systemActor } from '../access/actor.js';
import { roles } from '../access/roles.js';
import type { CommandModule } from '../cli/program.js';
import { AppError } from '../errors.js';

export const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Accepts an agency id or its exact name. */
export async function agencyIdOf(app: App, value: string): Promise<string> {
  const agencies = await app.services.agencies.list(systemActor());
  const found = agencies.find((a) => a.id === value || a.name === value);
  if (found === undefined) throw new AppError('not_found', `No agency with id or name "${value}"; see vigil agency list`);
  return found.id;
}

export const userCommands: CommandModule = (program, context) => {
  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user and print a one-time password (changed at first sign-in)')
    .requiredOption('--agency <id-or-name>', "the user's agency")
    .requiredOption('--username <username>', 'sign-in name')
    .requiredOption('--roles <roles>', `comma-separated: ${roles.join(', ')}`, commaList)
    .option('--name <display name>', 'display name (default: the username)')
    .action(async (options: { agency: string; username: string; roles: string[]; name?: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const agencyId = await agencyIdOf(app, options.agency);
      const { user: created, oneTimePassword } = await app.services.users.create(systemActor(), {
        username: options.username,
        displayName: options.name ?? options.username,
        agencyId,
        roles: options.roles,
      });
      ctx.print({ user: created, oneTimePassword }, () =>
        [
          `Created user ${created.username} (${created.roles.join(', ')})`,
          `One-time password: ${oneTimePassword}`,
          'It is shown once. The user must change it at first sign-in' +
            (created.roles.includes('admin') ? ' and enrol an authenticator app.' : '.'),
        ].join('\n'),
      );
    });

  user
    .command('list')
    .description('list users')
    .option('--agency <id-or-name>', 'only this agency')
    .action(async (options: { agency?: string }) => {
      const ctx = context();
      const app = await ctx.openApp();
      const agencyId = options.agency === undefined ? undefined : await agencyIdOf(app, options.agency);
      const users = await app.services.users.list(systemActor(), agencyId);
      ctx.print(
        users,
        () =>
          users.map((u) => `${u.id}  ${u.username.padEnd(24)} ${u.roles.join(',')}${u.disabled ? '  (disabled)' : ''}`).join('\n') ||
          'No users',
      );
    });
};
