/** `vigil notice …` in-process against a PGlite data directory: create, publish, list, import (all or nothing), cancel. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyCommands } from '../platform/agencies/agency.command.js';
import { noticeCommands } from './notice.command.js';
import { captureCli } from '../../test/cli.js';

describe('vigil notice', () => {
  let dir: string;

  async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return captureCli(argv, { VIGIL_DATA_DIR: dir, VIGIL_LOG_LEVEL: 'silent' }, [agencyCommands, noticeCommands]);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-notices-'));
    expect((await cli('agency', 'create', '--name', 'Polizei Wien', '--country', 'AUT', '--kind', 'police')).code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates and publishes a red notice from flags, lists it and cancels it with a reason', async () => {
    const created = await cli(
      '--json',
      'notice',
      'create',
      '--agency',
      'Polizei Wien',
      '--type',
      'red',
      '--family-name',
      'Halvorsen',
      '--forename',
      'Egil',
      '--birth-date',
      '1977-08',
      '--nationality',
      'NOR',
      '--charge',
      'Rape',
      '--warrant-country',
      'AUT',
      '--publish',
    );
    expect(created.code, created.stderr).toBe(0);
    const notice = JSON.parse(created.stdout) as { id: string; status: string; publicNumber: string; events: { toStatus: string }[] };
    expect(notice.status).toBe('published');
    expect(notice.events.map((e) => e.toStatus)).toEqual(['draft', 'submitted', 'published']);

    const listed = await cli('notice', 'list', '--status', 'published');
    expect(listed.stdout).toContain('HALVORSEN, Egil');
    expect((await cli('notice', 'cancel', notice.id)).code).not.toBe(0);
    const cancelled = await cli('notice', 'cancel', notice.id, '--reason', 'Arrested');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toContain('[cancelled]');
  });

  it('imports JSON lines all or nothing, naming the bad line', async () => {
    const file = join(dir, 'notices.jsonl');
    const good = JSON.stringify({ type: 'yellow', content: { familyName: 'Moreau', forename: 'Inès', birthDate: '2012-01-09' } });
    const bad = JSON.stringify({ type: 'red', content: { familyName: 'Nobody' } });
    await writeFile(file, `${good}\n${bad}\nnot json\n`);
    const refused = await cli('notice', 'import', file, '--agency', 'Polizei Wien');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('Nothing imported');
    expect(refused.stdout).toContain('line 2: content.arrestWarrants');
    expect(refused.stdout).toContain('line 3: not valid JSON');

    const skipped = await cli('--json', 'notice', 'import', file, '--agency', 'Polizei Wien', '--skip-invalid', '--publish');
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ imported: 1, records: 3, notices: [{ status: 'published' }] });
  });
});
