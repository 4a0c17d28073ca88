/** `vigil serve` and `vigil migrate`. */
import { loadConfig } from '../config.js';
import { openDatabase } from '../database/database.js';
import { migrateToLatest } from '../database/migrate.js';
import type { CommandModule } from './program.js';
import { serve } from './serve.js';

export const platformCommands: CommandModule = (program, context) => {
  program
    .command('serve')
    .description('serve the API and the console (applies migrations first)')
    .action(async () => {
      const ctx = context();
      const app = await ctx.openApp();
      await serve(app, (url) =>
        ctx.print({ url, database: app.database.description }, () => `Vigil is serving on ${url} (${app.database.description})`),
      );
    });

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => {
      const ctx = context();
      const config = loadConfig(ctx.env);
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        const result = await migrateToLatest(database.db);
        ctx.print({ ...result, database: database.description }, () =>
          result.applied.length === 0
            ? `${database.description} is up to date (${result.current ?? 'no migrations'})`
            : `Applied ${result.applied.join(', ')} to ${database.description}`,
        );
      } finally {
        await database.close();
      }
    });
};
