/**
 * `vigil person add|list|show` and `vigil darkweb account link|unlink` in-process against a PGlite
 * data directory: bad fields named, search by alias, a link shown on the person and undone.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../test/cli.js';
import { createApp } from '../app.js';
import { darkwebCommands } from '../darkweb/darkweb.command.js';
import { onionAddressFromKey } from '../darkweb/transport/onion-address.js';
import { agencyCommands } from '../platform/agencies/agency.command.js';
import { loadConfig } from '../platform/config.js';
import { personCommands } from './person.command.js';

describe('vigil person', () => {
  let dir: string;
  const env = (): Record<string, string> => ({ VIGIL_DATA_DIR: dir, VIGIL_LOG_LEVEL: 'silent', VIGIL_DARKWEB_WORKER: 'false' });

  async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return captureCli(argv, env(), [agencyCommands, personCommands, darkwebCommands]);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-persons-'));
    expect((await cli('agency', 'create', '--name', 'Politie Test', '--country', 'NLD', '--kind', 'police')).code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('adds a person, names the bad fields, lists by alias and shows one', async () => {
    const bad = await cli(
      'person',
      'add',
      '--agency',
      'Politie Test',
      '--name',
      'Test Person',
      '--born',
      '1980-13-01',
      '--nationality',
      'XX',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('birthDate:');
    expect(bad.stderr).toContain('nationality:');

    const added = await cli(
      '--json',
      'person',
      'add',
      '--agency',
      'Politie Test',
      '--name',
      'Test Person',
      '--alias',
      'Radio Ham',
      '--alias',
      'Valve Collector',
      '--born',
      '1980-05-17',
      '--nationality',
      'nld',
      '--visibility',
      'network',
    );
    expect(added.code, added.stderr).toBe(0);
    const person = JSON.parse(added.stdout) as { id: string; aliases: string[]; nationality: string; visibility: string };
    expect(person).toMatchObject({ aliases: ['Radio Ham', 'Valve Collector'], nationality: 'NLD', visibility: 'network' });

    const listed = await cli('person', 'list', '--q', 'valve');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${person.id}  Test Person (Radio Ham, Valve Collector)  born 1980-05-17, NLD  Politie Test, network`);
    expect((await cli('person', 'list', '--q', 'nobody')).stdout).toContain('No persons');

    const shown = await cli('person', 'show', 'Radio Ham');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('no linked accounts');
    expect((await cli('person', 'show', 'Nobody Known')).code).toBe(3);
  });

  it('links an account to a person and unlinks it', async () => {
    const site = await cli(
      '--json',
      'darkweb',
      'site',
      'add',
      onionAddressFromKey(randomBytes(32)),
      '--agency',
      'Politie Test',
      '--name',
      'Radio forum',
      '--legal-basis',
      'Warrant 2026/114',
    );
    expect(site.code, site.stderr).toBe(0);
    const siteId = (JSON.parse(site.stdout) as { id: string }).id;
    const app = await createApp(loadConfig(env()));
    const account = await app.database.db
      .insertInto('darkweb_account')
      .values({
        site_id: siteId,
        kind: 'username',
        value: 'radioham',
        first_seen_at: new Date(),
        last_seen_at: new Date(),
        first_url: 'http://example.onion/members',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.close();

    const linked = await cli('--json', 'darkweb', 'account', 'link', account.id, 'Test Person', '--basis', 'Same username');
    expect(linked.code, linked.stderr).toBe(0);
    expect(JSON.parse(linked.stdout)).toMatchObject({ accountId: account.id, linked: true, basis: 'Same username' });
    const shown = await cli('person', 'show', 'Test Person');
    expect(shown.stdout).toContain('username radioham on Radio forum (Same username)');

    expect((await cli('darkweb', 'account', 'unlink', account.id, 'Test Person')).code).toBe(0);
    expect((await cli('darkweb', 'account', 'unlink', account.id, 'Test Person')).code).toBe(3);
    expect((await cli('person', 'show', 'Test Person')).stdout).toContain('no linked accounts');
  });
});
