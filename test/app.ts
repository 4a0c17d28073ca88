/**
 * createTestApp(): a real app on a fresh, migrated database for one test file: PGlite loaded from
 * the migrated snapshot, or a PostgreSQL database copied from the template.
 *
 *   const t = await createTestApp();
 *   const res = await t.server.inject({ method: 'GET', url: '/api/health' });
 *   await t.close();
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp, type App, type AppOptions } from '../src/app.js';
import { loadConfig, type Secrets } from '../src/platform/config.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/database/database.js';
import { buildServer, type Server } from '../src/platform/http/server.js';
import { snapshotFile, templateDatabase, withDatabase } from './database.js';

export interface TestApp {
  app: App;
  server: Server;
  secrets: Secrets;
  close(): Promise<void>;
}

export const testSecrets: Secrets = Object.freeze({ sessionSecret: randomBytes(32), encryptionKey: randomBytes(32) });

/** Which database this test process runs on. */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env['VIGIL_TEST_DB'] === 'postgres' ? 'postgres' : 'pglite';
}

export async function openTestDatabase(): Promise<{ database: DatabaseHandle; drop: () => Promise<void> }> {
  if (testDatabaseKind() === 'pglite') {
    const snapshot = new Blob([readFileSync(snapshotFile)]);
    const database = await openDatabase({ dataDir: tmpdir(), databaseUrl: undefined, pgliteSnapshot: snapshot });
    return { database, drop: () => Promise.resolve() };
  }
  const url = process.env['VIGIL_TEST_DATABASE_URL']!;
  const name = `vigil_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${templateDatabase}`);
  await admin.end();
  const database = await openDatabase({ dataDir: tmpdir(), databaseUrl: withDatabase(url, name), maxConnections: 4 });
  return {
    database,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export async function createTestApp(options: Pick<AppOptions, 'clock'> & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const config = loadConfig({ VIGIL_DATA_DIR: dataDir, VIGIL_LOG_LEVEL: 'silent', VIGIL_LOGIN_RATE_LIMIT: '100000', ...options.env });
  const { database, drop } = await openTestDatabase();
  const app = await createApp(config, { database, secrets: testSecrets, migrate: false, ...(options.clock && { clock: options.clock }) });
  const server = await buildServer(app, { logger: false, webDir: join(dataDir, 'no-web') });
  await server.ready();
  return {
    app,
    server,
    secrets: testSecrets,
    async close() {
      await server.close();
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
