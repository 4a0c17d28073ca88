import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../person-match.js';
import type { LabelledCheck } from './perturb.js';
import { evaluateChecks, formatReport, verifyShortcut } from './runner.js';

const records: PersonRecord[] = [
  { names: ['Anna Maria Eriksson'], birthDates: [{ year: 1974, month: 8, day: 12 }], nationalities: ['SWE'] },
  { names: ['Jan van der Berg'], birthDates: [{ year: 1960 }] },
  { names: ['Olaf Scholz'] },
  { names: ['Anna Eriksen'], birthDates: [{ year: 1990, month: 1, day: 2 }] },
];

const check = (over: Partial<LabelledCheck> & Pick<LabelledCheck, 'query' | 'match' | 'target'>): LabelledCheck => ({
  id: 'c',
  kind: 'exact',
  dateKind: 'exact',
  ...over,
});

describe('evaluateChecks', () => {
  it('counts target and sampled pairs and splits by kind and birth date', () => {
    const checks = [
      check({ query: { name: 'ERIKSSON<<ANNA<MARIA', birthDate: '1974-08-12' }, match: true, target: 0, kind: 'mrz' }),
      check({ query: { name: 'Jan Berg' }, match: true, target: 1, kind: 'dropped-middle', dateKind: 'none' }),
      check({ query: { name: 'Xavier Quint', birthDate: '1950-01-01' }, match: true, target: 2, kind: 'exact' }),
      check({ query: { name: 'Anna Maria Eriksson', birthDate: '1994-08-12' }, match: false, target: 0, kind: 'other-decade' }),
      // A traveller who is not listed; the name alone flags record 0 (0.82) and record 3 (exact).
      check({ query: { name: 'Anna Eriksen' }, match: false, target: 0, kind: 'same-given', dateKind: 'none' }),
    ];
    const report = evaluateChecks(records, checks, { sample: 3 });
    expect(report.pairs).toBe(5 * 4);
    expect(report.overall).toMatchObject({ tp: 2, fn: 1, fp: 2, tn: 15 });
    expect(report.withBirthDate).toMatchObject({ tp: 1, fn: 1, fp: 0 });
    expect(report.byKind.get('other-decade')).toMatchObject({ fp: 0, tn: 4 });
    expect(report.byKind.get('exact')?.recall).toBe(0);
    expect(report.overall.precision).toBeCloseTo(2 / 4, 6);
    expect(report.overall.recall).toBeCloseTo(2 / 3, 6);
    expect(report.errors.map((e) => [e.check.kind, e.label])).toEqual([
      ['exact', true],
      ['same-given', false],
      ['same-given', false],
    ]);
    expect(formatReport('tiny', report)).toContain('with birth date');
  });

  it('takes its shortcut only where full scoring could not match', () => {
    const checks = records.map((r, i) => check({ query: { name: r.names[0] ?? '', birthDate: '1974-08-12' }, match: true, target: i }));
    expect(verifyShortcut(records, checks, 4)).toBe(0);
  });
});
