/** `vigil demo`: seed the demo network once, print the logins, serve. `vigil demo totp`: the admin's code. */
import { resolveSecrets, loadConfig } from '../platform/config.js';
import type { CommandModule } from '../platform/cli/program.js';
import { serve } from '../platform/cli/serve.js';
import { demoBanner, demoTotpCode, seedDemo } from './demo.js';

export const demoCommands: CommandModule = (program, context) => {
  const demo = program
    .command('demo')
    .description('start the demo: seed synthetic agencies and users into an empty database, print the logins, serve')
    .option('--no-serve', 'seed and exit')
    .action(async (options: { serve: boolean }) => {
      const ctx = context();
      // The demo terminal shows the logins; request logs would bury them.
      const app = await ctx.openApp({ VIGIL_LOG_LEVEL: 'warn' });
      const { seeded } = await seedDemo(app, resolveSecrets(loadConfig(ctx.env)));
      if (!options.serve) {
        ctx.print({ seeded }, () => (seeded ? 'Demo network seeded' : 'The database already holds data; nothing seeded'));
        return;
      }
      await serve(app, (url) =>
        ctx.print({ url, seeded, database: app.database.description }, () => demoBanner(url, app.database.description)),
      );
    });

  demo
    .command('totp')
    .description('print the current second-factor code of the demo admin (DEMO ONLY)')
    .action(() => {
      const ctx = context();
      const code = demoTotpCode();
      ctx.print({ code }, () => code);
    });
};
