/** The shared test data (../shared/testdata beside the repository, or VIGIL_TESTDATA). */
import { join } from 'node:path';
import { projectRoot } from '../src/platform/paths.js';

export function testdata(...parts: string[]): string {
  return join(process.env['VIGIL_TESTDATA'] ?? join(projectRoot(), '..', 'shared', 'testdata'), ...parts);
}
