/** Applies the numbered migrations; refuses a database written by a newer Vigil. */
import { Migrator, type Kysely, type MigrationProvider, type Migration } from 'kysely';
import { AppError } from '../errors.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

const provider: MigrationProvider = {
  getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve({ ...migrations }),
};

export interface MigrateResult {
  applied: string[];
  current: string | undefined;
}

/** Brings the schema up to date. Safe to call on every start and from several processes. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrateResult> {
  await refuseNewerSchema(db);
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('unavailable', `Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  const names = Object.keys(migrations);
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), current: names.at(-1) };
}

async function refuseNewerSchema(db: Kysely<Database>): Promise<void> {
  const known = new Set(Object.keys(migrations));
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return;
  const rows = await (db as unknown as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom('kysely_migration')
    .select('name')
    .execute();
  const unknown = rows.map((r) => r.name).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError(
      'unavailable',
      `This database was written by a newer version of Vigil (it has migration ${unknown.sort().join(', ')}, which this version does not know). Upgrade Vigil; do not start an older version on it.`,
    );
  }
}
