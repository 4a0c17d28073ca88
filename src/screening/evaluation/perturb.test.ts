import { describe, expect, it } from 'vitest';
import { typoDistance } from '../names/index.js';
import { parsePartialDate } from '../person-match.js';
import {
  createRng,
  generateChecks,
  mrzName,
  NAME_KINDS,
  ocrConfuse,
  otherDecadeBirthDate,
  perturbBirthDate,
  perturbName,
  transliterate,
  typo,
} from './perturb.js';
import type { ListedPerson } from './sources.js';

const person = (over: Partial<ListedPerson> = {}): ListedPerson => ({
  id: 'x:1',
  list: 'un',
  name: 'Manuel Antonio NORIEGA',
  givenNames: ['Dr.', 'Manuel', 'Antonio'],
  surname: 'NORIEGA',
  aliases: [],
  weakAliases: [],
  originalScriptNames: ['مانويل نورييغا'],
  names: ['NORIEGA, Dr. Manuel Antonio', 'مانويل نورييغا'],
  birthDates: [{ year: 1934, month: 2, day: 11 }],
  nationalities: ['PAN'],
  ...over,
});

describe('createRng', () => {
  it('is deterministic per seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(8).next()).not.toBe(xs[0]);
  });
});

describe('name perturbations', () => {
  it('makes one typing error of the asked kind', () => {
    const rng = createRng(1);
    for (const kind of ['deletion', 'insertion', 'substitution', 'transposition'] as const) {
      for (let i = 0; i < 20; i++) {
        const changed = typo('noriega', kind, rng);
        expect(typoDistance(changed, 'noriega'), `${kind}: ${changed}`).toBe(1);
      }
    }
    expect(typo('NORIEGA', 'substitution', createRng(3))).toMatch(/^[A-Z]+$/);
  });

  it('respells by known variants and rules', () => {
    const rng = createRng(2);
    expect(['mohammed', 'mohamed', 'mohammad', 'muhammed', 'mohamad']).toContain(transliterate('muhammad', rng));
    expect(transliterate('Khalil', createRng(5))).toMatch(/^[A-Z][a-z]+$/);
    expect(transliterate('xyz', rng)).not.toBe('xyz');
  });

  it('writes the ICAO name field, cut to 39 characters, and OCR confusions', () => {
    expect(mrzName("AL-QA'IDA ÖZTÜRK", ['José', 'Maria'])).toBe('AL<QAIDA<OEZTUERK<<JOSE<MARIA');
    const long = mrzName('ABD AL-RAHMAN OULD MUHAMMAD AL-HUSAYN', ['MUHAMMAD', 'SALIM']);
    expect(long.length).toBeLessThanOrEqual(39);
    expect(long.endsWith('<')).toBe(false);
    expect(ocrConfuse('BIS<<OS', createRng(1))).toMatch(/^[BIS8150<]+$/);
    expect(ocrConfuse('ANNA<<MARK', createRng(1))).toBeUndefined();
  });

  it('gives every kind a name, leaving titles out, or undefined when it does not apply', () => {
    const rng = createRng(4);
    const p = person();
    expect(perturbName(p, 'exact', rng)).toBe('Manuel Antonio NORIEGA');
    expect(perturbName(p, 'reorder', rng)).toBe('NORIEGA Manuel Antonio');
    expect(perturbName(p, 'dropped-middle', rng)).toBe('Manuel NORIEGA');
    expect(perturbName(p, 'initials', rng)).toBe('M. Antonio NORIEGA');
    expect(perturbName(p, 'mrz', rng)).toBe('NORIEGA<<MANUEL<ANTONIO');
    expect(perturbName(p, 'original-script', rng)).toBe('مانويل نورييغا');
    const single = person({ givenNames: ['Eric'], originalScriptNames: [] });
    expect(perturbName(single, 'dropped-middle', rng)).toBeUndefined();
    expect(perturbName(single, 'original-script', rng)).toBeUndefined();
    for (const kind of NAME_KINDS) expect(perturbName(p, kind, createRng(9)), kind).toBeTypeOf('string');
  });
});

describe('birth-date perturbations', () => {
  it('derives each kind from the listed date', () => {
    const p = person();
    const rng = createRng(1);
    expect(perturbBirthDate(p, 'exact', rng)).toBe('1934-02-11');
    expect(perturbBirthDate(p, 'year-only', rng)).toBe('1934');
    expect(perturbBirthDate(p, 'day-month-swap', rng)).toBe('1934-11-02');
    expect(['1934-02-10', '1934-02-12']).toContain(perturbBirthDate(p, 'day-off-by-one', rng));
    expect(perturbBirthDate(p, 'none', rng)).toBeNull();
    expect(perturbBirthDate(p, 'unlisted', rng)).toBeUndefined();
    expect(perturbBirthDate(person({ birthDates: [{ year: 1934, month: 2, day: 13 }] }), 'day-month-swap', rng)).toBeUndefined();
    const yearOnly = perturbBirthDate(person({ birthDates: [{ year: 1971 }] }), 'exact', rng);
    expect(parsePartialDate(yearOnly ?? '')).toMatchObject({ year: 1971 });
    expect(perturbBirthDate(person({ birthDates: [{ year: 1971 }] }), 'day-off-by-one', rng)).toBeUndefined();
  });

  it('puts other-decade dates at least ten years from every listed date', () => {
    const rng = createRng(3);
    const p = person({ birthDates: [{ year: 1960 }, { from: { year: 1962 }, to: { year: 1965 } }] });
    for (let i = 0; i < 50; i++) {
      const year = Number(otherDecadeBirthDate(p, rng)?.slice(0, 4));
      expect(year <= 1950 || year >= 1975, String(year)).toBe(true);
    }
  });
});

describe('generateChecks', () => {
  const persons = [
    person(),
    person({ id: 'x:2', givenNames: ['Ali', 'Hassan'], surname: 'AL-MAJID', originalScriptNames: [], names: ['ALI HASSAN AL-MAJID'] }),
    person({
      id: 'x:3',
      givenNames: ['Izzat', 'Ibrahim'],
      surname: 'AL-DURI',
      birthDates: [{ year: 1942 }],
      names: ['IZZAT IBRAHIM AL-DURI'],
    }),
  ];

  it('is deterministic and gives each person a positive and a hard negative', () => {
    const a = generateChecks(persons, { seed: 5 });
    expect(generateChecks(persons, { seed: 5 })).toEqual(a);
    expect(a.filter((c) => c.match)).toHaveLength(3);
    expect(a.filter((c) => !c.match)).toHaveLength(3);
    for (const c of a) expect(c.target).toBeLessThan(persons.length);
    expect(a.filter((c) => !c.match).every((c) => c.query.sex === undefined)).toBe(true);
  });

  it('scores original-script checks against the record without its original-script names', () => {
    // Kinds rotate over the persons: twelve persons see every name kind once.
    const checks = generateChecks(
      Array.from({ length: 12 }, (_, i) => person({ id: `x:${i}` })),
      { seed: 1 },
    );
    const script = checks.find((c) => c.kind === 'original-script');
    expect(script?.targetRecord?.names).toEqual(['NORIEGA, Dr. Manuel Antonio']);
  });
});
