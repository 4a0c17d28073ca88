import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, resolveSecrets } from './config.js';
import { AppError } from './errors.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, secureCookies: 'auto' });
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', VIGIL_SECURE_COOKIES: 'maybe', VIGIL_ENCRYPTION_KEY: 'abcd' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errors.map((e) => e.field).sort()).toEqual([
      'DATABASE_URL',
      'PORT',
      'VIGIL_ENCRYPTION_KEY',
      'VIGIL_SECURE_COOKIES',
    ]);
  });

  it('accepts a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://vigil@db.internal:5432/vigil' }).databaseUrl).toBe(
      'postgres://vigil@db.internal:5432/vigil',
    );
  });
});

describe('resolveSecrets', () => {
  it('generates missing secrets once, with mode 0600', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const first = resolveSecrets(loadConfig({ VIGIL_DATA_DIR: dataDir }));
    const second = resolveSecrets(loadConfig({ VIGIL_DATA_DIR: dataDir }));
    expect(first.sessionSecret.equals(second.sessionSecret)).toBe(true);
    expect(first.encryptionKey).toHaveLength(32);
    const file = join(dataDir, 'secrets', 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.encryptionKey.toString('hex'));
  });

  it('prefers secrets from the environment', () => {
    const key = 'ab'.repeat(32);
    const secrets = resolveSecrets(loadConfig({ VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-config-')), VIGIL_ENCRYPTION_KEY: key }));
    expect(secrets.encryptionKey.toString('hex')).toBe(key);
  });
});
