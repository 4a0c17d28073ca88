/**
 * Opens the database: embedded PGlite in `dataDir/pglite` when no DATABASE_URL is set, else a
 * `pg` pool on that PostgreSQL server. Both go through Kysely's PostgresDialect, so every query
 * and migration is the same on both.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.js';
import { PglitePool } from './pglite-pool.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** A description safe to print: never contains a password. */
  readonly description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** Start PGlite from a dumped data directory (tests). */
  pgliteSnapshot?: Blob;
}

/** Opens and checks the connection; throws `unavailable` with one clear sentence when it can't. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl === undefined ? openPglite(options) : openPostgres(options.databaseUrl, options.maxConnections ?? 10);
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const description = `PostgreSQL at ${redactUrl(url)}`;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: intParsingTypes },
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError('unavailable', `Cannot connect to ${description}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', description, close: () => db.destroy() };
}

/** 64-bit integers come back as numbers, as PGlite returns them; our ids stay below 2^53. */
function intParsingTypes(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === 20) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

/**
 * How every embedded database is opened (the server, the CLI, the tests' snapshot).
 *
 * - `template1` is the database PGlite 0.3 opened by default; data directories made then keep
 *   their tables there, so the name stays.
 * - 16 MB of shared buffers instead of the 128 MB PGlite's initdb writes: the buffers live in the
 *   process's own WebAssembly memory, on top of the operating system's page cache that already
 *   holds the files. 128 MB cost the dark web crawler 110 MB of resident memory and bought no
 *   speed measurably (docs/performance.md).
 */
export const pgliteOptions: { database: string; startParams: string[] } = {
  database: 'template1',
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
};

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  const dir = join(options.dataDir, 'pglite');
  let releaseLock = (): void => undefined;
  let pglite: PGlite;
  if (options.pgliteSnapshot !== undefined) {
    pglite = await PGlite.create({ ...pgliteOptions, loadDataDir: options.pgliteSnapshot });
  } else {
    mkdirSync(dir, { recursive: true });
    releaseLock = lockDataDir(options.dataDir);
    try {
      pglite = await PGlite.create({ ...pgliteOptions, dataDir: dir });
    } catch (error) {
      releaseLock();
      throw new AppError('unavailable', `Cannot open the embedded database in ${dir}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const pool = new PglitePool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as PostgresPool }) });
  return {
    db,
    kind: 'pglite',
    description: options.pgliteSnapshot ? 'embedded PGlite (in memory)' : `embedded PGlite in ${dir}`,
    async close() {
      await db.destroy();
      releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: a second process on the same directory would corrupt it.
 * A lock file with our pid refuses that clearly; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'pglite.lock');
  try {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // An empty or unreadable lock (a crash between creating and writing it) holds nothing.
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'unavailable',
          `The data directory ${dataDir} is in use by process ${holder}. Stop it first, or use DATABASE_URL for several processes.`,
        );
      }
      writeFileSync(file, String(process.pid));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', `Cannot lock the data directory ${dataDir}: ${(error as Error).message}`, { cause: error });
  }
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}
