/**
 * Test projects: every test under src/ runs on PGlite, and again on PostgreSQL when
 * VIGIL_TEST_DATABASE_URL is set (CI sets it). End-to-end tests (the built CLI as a process, the
 * console in Chromium) run once, on PGlite.
 */
import { defineConfig } from 'vitest/config';

const postgres = process.env['VIGIL_TEST_DATABASE_URL'];
const unit = (name: string) => ({
  extends: true as const,
  test: {
    name,
    include: ['src/**/*.test.ts', 'test/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: { VIGIL_TEST_DB: name },
  },
});

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      unit('pglite'),
      ...(postgres ? [unit('postgres')] : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
