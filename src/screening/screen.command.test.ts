import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyCommands } from '../platform/agencies/agency.command.js';
import { borderOperationCommands } from './operations/operation.command.js';
import { screenCommands } from './screen.command.js';
import { watchlistCommands } from './watchlists/watchlist.command.js';
import { captureCli } from '../../test/cli.js';

// ICAO 9303's specimen passport (Anna Maria Eriksson, Utopia).
const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

interface OutputLine {
  id: string | null;
  traveller: Record<string, unknown>;
  hits: {
    entity_id: string;
    score: number;
    match: boolean;
    explanation: { birthDate: { effect: number }; document: { detail: string } };
  }[];
  document_hits: unknown[];
  problems: { field: string; message: string }[];
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return captureCli(argv, {}, [screenCommands]);
}

describe('vigil screen with list files', () => {
  let dir: string;
  const file = (name: string): string => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-screen-'));
    await writeFile(
      file('wanted.jsonl'),
      [
        JSON.stringify({
          id: 'ftm-1',
          schema: 'Person',
          properties: { name: ['Anna Maria Eriksson'], birthDate: ['1974-08-12'], nationality: ['se'], passportNumber: ['L898902C3'] },
        }),
        JSON.stringify({ id: 'ftm-2', schema: 'Person', properties: { name: ['Mohammed Hassan Ali'], birthDate: ['1981'] } }),
      ].join('\n'),
    );
    await writeFile(file('sltd.csv'), 'id,number,country,status\ns1,X1234567,NLD,stolen\n');
    await writeFile(
      file('travellers.csv'),
      [
        'id,name,birth_date,nationality,document_number,document_country,mrz',
        't1,"ERIKSSON, Anna",1974-08-12,SWE,,,',
        't2,Jan Jansen,1980-01-01,NLD,X123 4567,NLD,',
        `t3,,,,,,${specimen.join('|')}`,
        't4,Mohamed Hasan Ali,1981-02-30,Atlantis,,,',
        't5,,,,,,',
      ].join('\n'),
    );
    await writeFile(
      file('travellers.jsonl'),
      ['{"id":"j1","name":"Anna Eriksson","birth_date":"1974-08-12"}', '{not json', '[1]'].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes one JSON line per traveller: person hits, document hits and problems, row by row', async () => {
    const { code, stdout, stderr } = await cli(
      'screen',
      '--watchlist',
      file('wanted.jsonl'),
      '--documents',
      file('sltd.csv'),
      '--input',
      file('travellers.csv'),
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as OutputLine);
    expect(lines.map((l) => l.id)).toEqual(['t1', 't2', 't3', 't4', 't5']);
    const [t1, t2, t3, t4, t5] = lines as [OutputLine, OutputLine, OutputLine, OutputLine, OutputLine];
    expect(t1.hits[0]).toMatchObject({ entity_id: 'ftm-1', list: 'wanted.jsonl', match: true });
    expect(t1.hits[0]!.explanation.birthDate.effect).toBe(0.05);
    expect(t2.hits).toEqual([]);
    expect(t2.document_hits).toEqual([
      {
        document_id: 's1',
        list: 'sltd.csv',
        number: 'X1234567',
        country: 'NLD',
        document_type: 'passport',
        status: 'stolen',
        reported_on: null,
      },
    ]);
    expect(t3.traveller).toMatchObject({ name: 'ERIKSSON<<ANNA<MARIA', documentNumber: 'L898902C3', fromMrz: true });
    expect(t3.hits[0]).toMatchObject({ entity_id: 'ftm-1', match: true });
    expect(t3.hits[0]!.explanation.document.detail).toBe('L898902C3 matches L898902C3');
    expect(t4.problems.map((p) => p.field)).toEqual(['birthDate', 'nationality']);
    expect(t4.hits[0]).toMatchObject({ entity_id: 'ftm-2', match: true });
    expect(t5).toMatchObject({
      screened: false,
      hits: [],
      problems: [{ field: 'name', message: 'give a name, a document number or an MRZ' }],
    });
    expect(stderr).toMatch(/^5 travellers: 4 screened, 3 with a match, 1 with a listed document, 2 with problems, 0 unreadable/m);
  });

  it('reads JSON lines, reports unreadable rows by line, screens the rest and exits 2', async () => {
    const output = file('results.jsonl');
    const { code, stdout } = await cli(
      '--json',
      'screen',
      '--watchlist',
      file('wanted.jsonl'),
      '--input',
      file('travellers.jsonl'),
      '--output',
      output,
    );
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ travellers: 3, screened: 1, withMatch: 1, unreadable: 2 });
    const lines = (await readFile(output, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as OutputLine);
    expect(lines[0]).toMatchObject({ id: 'j1', line: 1, hits: [{ entity_id: 'ftm-1', match: true }] });
    expect(lines.slice(1)).toEqual([
      { id: null, line: 2, screened: false, hits: [], document_hits: [], problems: [{ field: 'row', message: 'not valid JSON' }] },
      { id: null, line: 3, screened: false, hits: [], document_hits: [], problems: [{ field: 'row', message: 'not a JSON object' }] },
    ]);
  });

  it('refuses list files with invalid records unless --skip-invalid', async () => {
    await writeFile(file('bad.csv'), 'id,name,birth_date\nb1,Valid Person,1970\nb2,,1970\n');
    const refused = await cli('screen', '--watchlist', file('bad.csv'), '--input', file('travellers.csv'));
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('nothing was screened');
    const skipped = await cli('screen', '--watchlist', file('bad.csv'), '--skip-invalid', '--input', file('travellers.csv'));
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('skipped: bad.csv line 3');
  });

  it('applies --threshold, and --min-score shows near misses', async () => {
    const strict = await cli('screen', '--watchlist', file('wanted.jsonl'), '--input', file('travellers.csv'), '--threshold', '1');
    const t1 = JSON.parse(strict.stdout.split('\n')[0]!) as OutputLine;
    expect(t1.hits).toEqual([]);
    const near = await cli(
      'screen',
      '--watchlist',
      file('wanted.jsonl'),
      '--input',
      file('travellers.csv'),
      '--threshold',
      '1',
      '--min-score',
      '0.5',
    );
    const t1near = JSON.parse(near.stdout.split('\n')[0]!) as OutputLine;
    expect(t1near.hits[0]).toMatchObject({ entity_id: 'ftm-1', match: false });
  });
});

describe('vigil mrz', () => {
  it('prints the fields of a valid MRZ', async () => {
    const { code, stdout } = await cli('--json', 'mrz', ...specimen);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      format: 'TD3',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifiers: ['ANNA', 'MARIA'],
      documentNumber: 'L898902C3',
    });
  });

  it('names the field of a bad check digit and exits 2', async () => {
    const { code, stdout } = await cli('mrz', specimen[0]!, specimen[1]!.replace('7408122F', '7408125F'));
    expect(code).toBe(2);
    expect(stdout).toContain('birthDate (line 2, columns 20-20): Birth date check digit');
  });
});

describe('vigil screen within a border operation', () => {
  let dir: string;

  async function vigil(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return captureCli(argv, { VIGIL_DATA_DIR: join(dir, 'data'), VIGIL_LOG_LEVEL: 'silent' }, [
      agencyCommands,
      watchlistCommands,
      borderOperationCommands,
      screenCommands,
    ]);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-screen-db-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records each check and writes the lines in the input order, unreadable rows in place', async () => {
    expect((await vigil('agency', 'create', '--name', 'Guardia Civil', '--country', 'ESP', '--kind', 'border_agency')).code).toBe(0);
    const list = await vigil('--json', 'watchlist', 'create', '--agency', 'Guardia Civil', '--name', 'Wanted', '--kind', 'persons');
    expect(list.code, list.stderr).toBe(0);
    const listId = (JSON.parse(list.stdout) as { id: string }).id;
    await writeFile(join(dir, 'wanted.csv'), 'id,name,birth_date\nw1,Anna Maria Eriksson,1974-08-12\n');
    expect((await vigil('watchlist', 'import', listId, join(dir, 'wanted.csv'))).code).toBe(0);
    const operation = await vigil(
      '--json',
      'border-operation',
      'create',
      '--agency',
      'Guardia Civil',
      '--name',
      'Op Screen',
      '--status',
      'active',
    );
    expect(operation.code, operation.stderr).toBe(0);
    const operationId = (JSON.parse(operation.stdout) as { id: string }).id;

    await writeFile(
      join(dir, 'travellers.jsonl'),
      ['{"id":"a","name":"Anna Eriksson","birth_date":"1974-08-12"}', '{broken', '{"id":"b","name":"Jan Jansen"}'].join('\n'),
    );
    const output = join(dir, 'results.jsonl');
    const screened = await vigil(
      '--json',
      'screen',
      '--operation',
      operationId,
      '--input',
      join(dir, 'travellers.jsonl'),
      '--output',
      output,
    );
    expect(screened.code).toBe(2);
    expect(JSON.parse(screened.stdout)).toMatchObject({ travellers: 3, screened: 2, withMatch: 1, unreadable: 1 });
    const lines = (await readFile(output, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as OutputLine & { line: number });
    expect(lines.map((l) => [l.line, l.id])).toEqual([
      [1, 'a'],
      [2, null],
      [3, 'b'],
    ]);
    expect(lines[0]!.hits[0]).toMatchObject({ entity_id: expect.any(String) as unknown, match: true });

    const checks = await vigil('--json', 'border-operation', 'checks', operationId);
    expect(checks.code, checks.stderr).toBe(0);
    expect((JSON.parse(checks.stdout) as { items: unknown[] }).items).toHaveLength(2);
  });
});
