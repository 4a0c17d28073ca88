import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/testdata.js';
import { scorePerson } from '../person-match.js';
import { loadOfacPersons, loadUnPersons, namePools, parseOfacBirthDate, parseOfacRemarks } from './sources.js';

const watchman = testdata('screening-sources', 'watchman');

describe('OFAC remarks', () => {
  it('reads birth dates, nationalities, sex, documents and nicknames', () => {
    const countries = (name: string) => ({ Egypt: 'EGY', Iran: 'IRN' })[name];
    const r = parseOfacRemarks(
      "DOB 19 Jun 1951; alt. DOB 1952; POB Giza, Egypt; nationality Egypt; citizen Iran; Gender Male; Passport 1084010 (Egypt) expires 2020; alt. Passport 19820215; a.k.a. 'ABU WALID'.",
      countries,
    );
    expect(r.birthDates).toEqual([{ year: 1951, month: 6, day: 19 }, { year: 1952 }]);
    expect(r.nationalities).toEqual(['EGY', 'IRN']);
    expect(r.sex).toBe('M');
    expect(r.documents).toEqual([{ number: '1084010', country: 'EGY' }, { number: '19820215' }]);
    expect(r.weakAliases).toEqual(['ABU WALID']);
  });

  it('reads date forms and ranges', () => {
    expect(parseOfacBirthDate('circa 1960')).toEqual({ year: 1960 });
    expect(parseOfacBirthDate('Dec 1948')).toEqual({ year: 1948, month: 12 });
    expect(parseOfacBirthDate('1970 to 1972')).toEqual({ from: { year: 1970 }, to: { year: 1972 } });
    expect(parseOfacBirthDate('01 Jan 1960 to 31 Dec 1962')).toEqual({
      from: { year: 1960, month: 1, day: 1 },
      to: { year: 1962, month: 12, day: 31 },
    });
    expect(parseOfacBirthDate('sometime')).toBeUndefined();
  });
});

describe('list loaders', () => {
  it('loads the OFAC SDN individuals with their aliases', () => {
    const persons = loadOfacPersons(watchman);
    expect(persons).toHaveLength(4620);
    const zawahiri = persons.find((p) => p.id === 'ofac:2676');
    expect(zawahiri).toMatchObject({
      surname: 'AL ZAWAHIRI',
      givenNames: ['Dr.', 'Ayman'],
      birthDates: [{ year: 1951, month: 6, day: 19 }],
    });
    expect(zawahiri?.documents).toContainEqual({ number: '1084010', country: 'EGY' });
    const tikriti = persons.find((p) => p.id === 'ofac:7863');
    expect(tikriti?.names).toContain('AL-MAJID, Rukan abd al-Gafur');
    expect(tikriti?.nationalities).toEqual(['IRQ']);
    expect(persons.filter((p) => p.birthDates).length).toBeGreaterThan(4000);
    expect(persons.some((p) => p.nationalities?.includes('PRK'))).toBe(true);
    // The records work as watchlist entries.
    expect(scorePerson({ name: 'Ayman al-Zawahiri', birthDate: '1951-06-19' }, zawahiri ?? { names: [] }).match).toBe(true);
  });

  it('loads the UN individuals with original-script names, aliases and date forms', () => {
    const persons = loadUnPersons(watchman);
    expect(persons).toHaveLength(730);
    const badege = persons.find((p) => p.id === 'un:CDi.001');
    expect(badege).toMatchObject({
      name: 'ERIC BADEGE',
      surname: 'BADEGE',
      birthDates: [{ year: 1971 }],
      nationalities: ['COD'],
      sex: 'M',
    });
    const saddam = persons.find((p) => p.originalScriptNames.includes('صدام حسين التكريتي'));
    expect(saddam?.names).toContain('صدام حسين التكريتي');
    expect(persons.some((p) => p.birthDates?.some((d) => 'from' in d))).toBe(true);
    expect(persons.filter((p) => p.originalScriptNames.length > 0).length).toBeGreaterThan(300);
    const kakolele = persons.find((p) => p.id === 'un:CDi.002');
    expect(kakolele?.aliases).toContain('FRANK KAKORERE BWAMBALE');
  });

  it('gathers realistic name pools', () => {
    const pools = namePools([...loadOfacPersons(watchman), ...loadUnPersons(watchman)]);
    expect(pools.givenNames.length).toBeGreaterThan(2000);
    expect(pools.surnames.length).toBeGreaterThan(3000);
    expect(pools.givenNames).toContain('Ayman');
    expect(pools.givenNames).not.toContain('Dr.');
    expect(pools.surnames).toContain('Al Zawahiri');
    expect(pools.originalScriptNames.length).toBeGreaterThan(300);
    expect(pools.surnamesByNationality.get('IRQ')?.length).toBeGreaterThan(50);
  });
});
