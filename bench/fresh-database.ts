/**
 * A database of its own for one benchmark run on PostgreSQL (DATABASE_URL names the server), so
 * that runs never meet each other's data; dropped afterwards. Without DATABASE_URL: the embedded
 * PGlite in the run's data directory, nothing to create.
 *
 *   const database = await freshDatabase();  // { url: 'postgres://…/vigil_bench_…' | undefined, drop }
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function freshDatabase(server = process.env['DATABASE_URL']): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  if (server === undefined) return { url: undefined, drop: () => Promise.resolve() };
  const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
