/** Where the migrated test databases are kept, shared by the global setup and the test files. */
import { join } from 'node:path';
import { projectRoot } from '../src/platform/paths.js';

export const snapshotDir = join(projectRoot(), '.vigil-test');
export const snapshotFile = join(snapshotDir, 'pglite-migrated.tar');
export const templateDatabase = 'vigil_test_template';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
