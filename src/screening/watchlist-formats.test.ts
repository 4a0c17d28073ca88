import { describe, expect, it } from 'vitest';
import { scorePerson } from './person-match.js';
import { parseFtmPersons, parseWatchlistCsv } from './watchlist-formats.js';

// Synthetic persons only: every name, number and date here is invented.
const ftm = (entity: unknown): string => JSON.stringify(entity);

const ivan = {
  id: 'syn-ivan-1',
  schema: 'Person',
  properties: {
    name: ['Ivan Petrov (synthetic)'],
    alias: ['Ivan Petroff', 'ivan petrov (SYNTHETIC)'],
    weakAlias: ['Vanya'],
    firstName: ['Ivan'],
    middleName: ['Sergeyevich'],
    lastName: ['Petrov'],
    birthDate: ['1971-03-09', '1971'],
    nationality: ['ru'],
    citizenship: ['by', 'ru'],
    country: ['ua'],
    gender: ['male'],
    passportNumber: ['SYN1234567'],
    idNumber: ['ID-000-SYN'],
    topics: ['crime.fraud', 'sanction'],
    notes: ['Synthetic test entry.', 'Second note.'],
  },
};

describe('parseFtmPersons', () => {
  it('maps every Person property', () => {
    const r = parseFtmPersons(ftm(ivan));
    expect(r.errors).toEqual([]);
    expect(r.skipped).toBe(0);
    expect(r.persons).toEqual([
      {
        externalId: 'syn-ivan-1',
        record: {
          names: ['Ivan Petrov (synthetic)', 'Ivan Petroff', 'Ivan Sergeyevich Petrov'],
          birthDates: [{ year: 1971, month: 3, day: 9 }, { year: 1971 }],
          nationalities: ['RUS', 'BLR'],
          sex: 'M',
          documents: [{ number: 'SYN1234567' }, { number: 'ID-000-SYN' }],
        },
        weakNames: ['Vanya'],
        reason: 'wanted',
        topics: ['crime.fraud', 'sanction'],
        notes: 'Synthetic test entry.\n\nSecond note.',
      },
    ]);
  });

  it('composes first, middle, father and last names and keeps partial dates', () => {
    const r = parseFtmPersons(
      ftm({
        id: 'syn-2',
        schema: 'Person',
        properties: {
          firstName: ['Maria'],
          fatherName: ['Ivanovna'],
          lastName: ['Example'],
          birthDate: ['1980-07', '1979', 'unknown', '1982-05-04T00:00:00'],
        },
      }),
    );
    expect(r.persons[0]?.record.names).toEqual(['Maria Ivanovna Example']);
    expect(r.persons[0]?.record.birthDates).toEqual([{ year: 1980, month: 7 }, { year: 1979 }, { year: 1982, month: 5, day: 4 }]);
  });

  it('uses country only as a fallback and drops unknown codes', () => {
    const parse = (properties: Record<string, string[]>) =>
      parseFtmPersons(ftm({ id: 'syn-3', schema: 'Person', properties: { name: ['Maria Example'], ...properties } })).persons[0]?.record
        .nationalities;
    expect(parse({ country: ['de', 'fr'] })).toEqual(['DEU', 'FRA']);
    expect(parse({ citizenship: ['se'], country: ['de'] })).toEqual(['SWE']);
    expect(parse({ nationality: ['suhh', 'xk'], country: ['gb'] })).toEqual(['GBR']);
    expect(parse({ nationality: ['zz'] })).toBeUndefined();
  });

  it('maps gender male/female and leaves other or conflicting values unset', () => {
    const sex = (gender: string[]) =>
      parseFtmPersons(ftm({ id: 'g', schema: 'Person', properties: { name: ['Maria Example'], gender } })).persons[0]?.record.sex;
    expect(sex(['female'])).toBe('F');
    expect(sex(['Male'])).toBe('M');
    expect(sex(['other'])).toBeUndefined();
    expect(sex(['male', 'female'])).toBeUndefined();
    expect(sex([])).toBeUndefined();
  });

  it('derives the reason from topics', () => {
    const reason = (topics: string[]) =>
      parseFtmPersons(ftm({ id: 't', schema: 'Person', properties: { name: ['Maria Example'], topics } })).persons[0]?.reason;
    expect(reason(['wanted'])).toBe('wanted');
    expect(reason(['crime'])).toBe('wanted');
    expect(reason(['poi', 'crime.terror'])).toBe('wanted');
    expect(reason(['poi'])).toBe('other');
    expect(reason(['role.pep'])).toBe('other');
    expect(reason([])).toBeUndefined();
  });

  it('skips other schemas, ignores blank lines and reports bad lines by number', () => {
    const text = [
      ftm({ id: 'c1', schema: 'Company', properties: { name: ['Example Trading Ltd'] } }),
      '',
      '{"id": "broken",',
      ftm({ id: 'p1', schema: 'Person', properties: { alias: ['Maria Example'] } }),
      '   ',
      ftm({ id: 'p2', schema: 'Person', properties: { weakAlias: ['Masha'], birthDate: ['1990'] } }),
      '[1, 2]',
      ftm({ schema: 'Person', properties: { name: ['No Id (synthetic)'] } }),
      ftm({ id: 'p3', schema: 'Person', properties: { name: [42, ' '] } }),
      ftm({ id: 'f1', schema: 'Family', properties: { person: ['p1'] } }),
    ].join('\r\n');
    const r = parseFtmPersons(`\uFEFF${text}\n`);
    expect(r.persons.map((p) => p.externalId)).toEqual(['p1']);
    expect(r.persons[0]?.topics).toEqual([]);
    expect(r.persons[0]?.reason).toBeUndefined();
    expect(r.skipped).toBe(2);
    expect(r.errors.map((e) => e.line)).toEqual([3, 6, 7, 8, 9]);
    expect(r.errors[0]?.message).toMatch(/^invalid JSON/);
    expect(r.errors[1]?.message).toBe('Person p2 has no name');
    expect(r.errors[2]?.message).toBe('not a JSON object');
    expect(r.errors[3]?.message).toBe('Person without an id');
  });

  it('gives a person that scores as a match against a matching query', () => {
    const record = parseFtmPersons(ftm(ivan)).persons[0]?.record;
    if (!record) throw new Error('not parsed');
    const hit = scorePerson({ name: 'PETROV<<IVAN', birthDate: '1971-03-09', nationality: 'RUS', sex: 'M' }, record);
    expect(hit.match).toBe(true);
    expect(hit.score).toBeGreaterThanOrEqual(0.95);
    const byDocument = scorePerson({ name: 'Someone Else', document: { number: 'SYN1234567' } }, record);
    expect(byDocument.match).toBe(true);
    expect(scorePerson({ name: 'Maria Example', birthDate: '1990-01-01', sex: 'F' }, record).match).toBe(false);
  });
});

const HEADER = 'id,name,aliases,birth_date,nationality,sex,document_number,document_country,reason';

describe('parseWatchlistCsv', () => {
  it('maps every column', () => {
    const r = parseWatchlistCsv(`${HEADER}\nsyn-1,Maria Example,Mary Example; Maria Exemplar ;,1985-02,se,f,SYN-55 12,swe,Missing\n`);
    expect(r).toEqual({
      persons: [
        {
          externalId: 'syn-1',
          record: {
            names: ['Maria Example', 'Mary Example', 'Maria Exemplar'],
            birthDates: [{ year: 1985, month: 2 }],
            nationalities: ['SWE'],
            sex: 'F',
            documents: [{ number: 'SYN-55 12', country: 'SWE' }],
          },
          reason: 'missing',
          topics: [],
        },
      ],
      errors: [],
      skipped: 0,
    });
  });

  it('handles quoting, BOM, CRLF, column order, extra and missing columns', () => {
    const text =
      '\uFEFFName,extra,ID,Sex\r\n' +
      '"Petrov, Ivan (synthetic)","ignored, really",syn-7,M\r\n' +
      '"Maria ""Masha"" Example",,,\r\n' +
      '"Multi\r\nLine Example",x,syn-9,\r\n' +
      ',,,\r\n' +
      'Short Row Example\r\n';
    const r = parseWatchlistCsv(text);
    expect(r.errors).toEqual([]);
    expect(r.persons.map((p) => [p.externalId, p.record.names[0], p.record.sex])).toEqual([
      ['syn-7', 'Petrov, Ivan (synthetic)', 'M'],
      ['line-3', 'Maria "Masha" Example', undefined],
      ['syn-9', 'Multi Line Example', undefined],
      ['line-7', 'Short Row Example', undefined],
    ]);
  });

  it('accepts year-only dates, alpha-3 and English country names, and sex words', () => {
    const r = parseWatchlistCsv(
      'name,birth_date,nationality,sex\nIvan Petrov (synthetic),1971,Russia,male\nMaria Example,1980-7-3,DEU,X\n',
    );
    expect(r.persons.map((p) => p.record)).toEqual([
      { names: ['Ivan Petrov (synthetic)'], birthDates: [{ year: 1971 }], nationalities: ['RUS'], sex: 'M' },
      { names: ['Maria Example'], birthDates: [{ year: 1980, month: 7, day: 3 }], nationalities: ['DEU'], sex: 'X' },
    ]);
  });

  it('rejects rows with values it cannot understand, by line', () => {
    const text = [
      HEADER,
      'a,,,,,,,,',
      'b,Maria Example,,03/12/1980,,,,,',
      'c,Maria Example,,,Atlantis,,,,',
      'd,Maria Example,,,,U,,,',
      'e,Maria Example,,,,,SYN1,QQ,',
      'f,Maria Example,,,,,,,suspect',
      'g,Maria Example,,,,,,QQ,wanted',
    ].join('\n');
    const r = parseWatchlistCsv(text);
    expect(r.errors).toEqual([
      { line: 2, message: 'empty name' },
      { line: 3, message: 'birth_date "03/12/1980" is not YYYY, YYYY-MM or YYYY-MM-DD' },
      { line: 4, message: 'unknown nationality "Atlantis"' },
      { line: 5, message: 'sex "U" is not M, F or X' },
      { line: 6, message: 'unknown document_country "QQ"' },
      { line: 7, message: 'reason "suspect" is not one of wanted, missing, victim, other' },
    ]);
    expect(r.persons.map((p) => [p.externalId, p.reason, p.record.documents])).toEqual([['g', 'wanted', undefined]]);
  });

  it('reports a missing name column as one fatal error', () => {
    expect(parseWatchlistCsv('id,full_name\n1,Maria Example\n2,Ivan Petrov (synthetic)\n')).toEqual({
      persons: [],
      errors: [{ line: 1, message: 'header has no "name" column' }],
      skipped: 0,
    });
    expect(parseWatchlistCsv('').errors).toEqual([{ line: 1, message: 'header has no "name" column' }]);
  });

  it('reports an unterminated quote at the line where it opens', () => {
    const r = parseWatchlistCsv('name,id\nMaria Example,1\n"Ivan Petrov (synthetic),2\n');
    expect(r.persons.map((p) => p.externalId)).toEqual(['1']);
    expect(r.errors).toEqual([{ line: 3, message: 'unterminated quoted field' }]);
  });

  it('gives a person that scores as a match against a matching query', () => {
    const r = parseWatchlistCsv(`${HEADER}\nsyn-1,Maria Example,,1985-02-14,se,F,,,missing\n`);
    const record = r.persons[0]?.record;
    if (!record) throw new Error('not parsed');
    expect(scorePerson({ name: 'EXAMPLE<<MARIA', birthDate: '1985-02-14', nationality: 'SWE', sex: 'F' }, record).match).toBe(true);
  });
});
