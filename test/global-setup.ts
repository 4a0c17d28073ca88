/**
 * Migrates once per test run: a PGlite snapshot that each test file loads, or a PostgreSQL
 * template database that each test file copies (CREATE DATABASE … TEMPLATE).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { pgliteOptions } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { PglitePool } from '../src/platform/database/pglite-pool.js';
import type { Database } from '../src/platform/database/schema.js';
import { snapshotDir, snapshotFile, templateDatabase, withDatabase } from './database.js';

export default async function setup(project: TestProject): Promise<void> {
  if (project.name === 'postgres') await migrateTemplate();
  else await migrateSnapshot();
}

async function migrateSnapshot(): Promise<void> {
  const pglite = await PGlite.create({ ...pgliteOptions });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PglitePool(pglite) as unknown as PostgresPool }) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  mkdirSync(snapshotDir, { recursive: true });
  writeFileSync(snapshotFile, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
}

async function migrateTemplate(): Promise<void> {
  const url = process.env['VIGIL_TEST_DATABASE_URL']!;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDatabase} with (force)`);
  await admin.query(`create database ${templateDatabase}`);
  await admin.end();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(url, templateDatabase), max: 1 }) }),
  });
  await migrateToLatest(db);
  await db.destroy();
}
