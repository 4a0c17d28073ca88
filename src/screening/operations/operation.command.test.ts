/** `vigil border-operation …` in-process against a PGlite data directory: output, --json and exit codes. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyCommands } from '../../platform/agencies/agency.command.js';
import { borderOperationCommands } from './operation.command.js';
import { captureCli } from '../../../test/cli.js';

describe('vigil border-operation', () => {
  let dir: string;

  async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return captureCli(argv, { VIGIL_DATA_DIR: dir, VIGIL_LOG_LEVEL: 'silent' }, [agencyCommands, borderOperationCommands]);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-operations-'));
    expect((await cli('agency', 'create', '--name', 'Guardia Civil', '--country', 'ESP', '--kind', 'border_agency')).code).toBe(0);
    expect((await cli('agency', 'create', '--name', 'Marechaussee', '--country', 'NLD', '--kind', 'border_agency')).code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates, lists, shows and counts an operation', async () => {
    const created = await cli(
      '--json',
      'border-operation',
      'create',
      '--agency',
      'Guardia Civil',
      '--name',
      'Op CLI',
      '--participants',
      'Marechaussee',
      '--status',
      'active',
      '--checkpoint',
      'Barajas:air:ESP:Madrid',
      '--checkpoint',
      'Algeciras:sea:ES',
    );
    expect(created.code, created.stderr).toBe(0);
    const operation = JSON.parse(created.stdout) as { id: string; visibility: string; checkpoints: { country: string }[] };
    expect(operation.visibility).toBe('shared');
    expect(operation.checkpoints.map((c) => c.country)).toEqual(['ESP', 'ESP']);

    expect(
      (await cli('border-operation', 'checkpoint', 'add', 'Op CLI', '--name', 'Schiphol', '--border-type', 'air', '--country', 'NLD')).code,
    ).toBe(0);
    expect(
      (await cli('border-operation', 'checkpoint-add', operation.id, '--name', 'Namanga', '--border-type', 'land', '--country', 'KEN'))
        .code,
    ).toBe(0);
    const shown = await cli('border-operation', 'show', 'Op CLI');
    expect(shown.stdout).toContain('participants: Marechaussee (NLD)');
    expect(shown.stdout).toContain('land KEN  Namanga');
    expect((await cli('border-operation', 'list')).stdout).toContain('4 checkpoints  Op CLI');

    const stats = await cli('border-operation', 'stats', 'Op CLI');
    expect(stats.stdout).toContain('Participating: 2 agencies, 3 countries (ESP KEN NLD)');
    const csv = await cli('border-operation', 'stats', 'Op CLI', '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('section,key,value');
    const json = await cli('border-operation', 'stats', 'Op CLI', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ checks: { total: 0 }, participatingAgencies: 2 });
    const hits = await cli('--json', 'border-operation', 'hits', 'Op CLI');
    expect(JSON.parse(hits.stdout)).toEqual({ items: [], next: null });
  });

  it('maps errors to exit codes', async () => {
    expect((await cli('border-operation', 'show', 'No such op')).code).toBe(3);
    expect((await cli('border-operation', 'review', 'Op CLI', '00000000-0000-4000-8000-000000000000', '--dismiss')).code).toBe(3);
    expect((await cli('border-operation', 'review', 'Op CLI', '00000000-0000-4000-8000-000000000000')).code).toBe(2);
    const bad = await cli('border-operation', 'checkpoint-add', 'Op CLI', '--name', 'X', '--border-type', 'rail', '--country', 'ESP');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('borderType: must be one of air, land, sea');
    expect((await cli('border-operation', 'stats', 'Op CLI', '--format', 'xml')).code).toBe(2);
  });
});
