/**
 * Evaluation on the UN consolidated list (730 individuals): one perturbed positive and one hard
 * negative per person (see perturb.ts), each scored against its target record plus 100 random
 * other records (200 and every person with VIGIL_SCREENING_EVAL_FULL=1). The table is printed; the
 * floors are the target (precision and recall ≥ 0.95 on checks carrying a birth date) and,
 * below it, what the matcher reached when measured, less a margin of about one point.
 */
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/testdata.js';
import { generateChecks } from './perturb.js';
import { evaluateChecks, formatReport, verifyShortcut } from './runner.js';
import { loadUnPersons } from './sources.js';

const FULL = process.env['VIGIL_SCREENING_EVAL_FULL'] === '1';
// The full run takes minutes on this 2-core machine.
const TIMEOUT = FULL ? 900_000 : undefined;

describe('evaluation on the UN consolidated list', () => {
  it(
    'meets the target on checks with a birth date and its measured floors',
    () => {
      const persons = loadUnPersons(testdata('screening-sources', 'watchman'));
      const checks = generateChecks(persons, { seed: 42, prefix: 'un' });
      const report = evaluateChecks(persons, checks, { sample: FULL ? 200 : 100, keepErrors: 200 });
      console.log(formatReport('UN consolidated list', report));
      if (process.env['VIGIL_SCREENING_EVAL_ERRORS'])
        for (const e of report.errors)
          console.log(
            `${e.label ? 'FN' : 'FP'} ${e.check.kind}/${e.check.dateKind} ${e.score.toFixed(3)} ${JSON.stringify(e.check.query)} | ${e.recordName}`,
          );

      // The target.
      expect(report.withBirthDate.precision).toBeGreaterThanOrEqual(0.95);
      expect(report.withBirthDate.recall).toBeGreaterThanOrEqual(0.95);
      // Measured: with a birth date P 99.2% R 98.1% (sample 100; 98.7% and 98.1% with 200); without
      // P 93.2% R 97.6% (87.2% and 97.6% with 200: more sampled records, more false alerts).
      expect(report.withBirthDate.precision).toBeGreaterThanOrEqual(0.98);
      expect(report.withBirthDate.recall).toBeGreaterThanOrEqual(0.97);
      expect(report.withoutBirthDate.precision).toBeGreaterThanOrEqual(0.85);
      expect(report.withoutBirthDate.recall).toBeGreaterThanOrEqual(0.95);
      // Every Latin-script perturbation finds at least 90% of its persons.
      for (const [kind, m] of report.byKind)
        if (m.tp + m.fn > 0 && kind !== 'original-script') expect(m.recall, kind).toBeGreaterThanOrEqual(0.9);
      // Known weakness: original script against a Latin-only record (measured 20 of 29).
      expect(report.byKind.get('original-script')?.recall).toBeGreaterThanOrEqual(0.6);
      // The same name with a birth date in another decade never alerts.
      expect(report.targetsByKind.get('other-decade')?.fp).toBe(0);
      expect(report.sampledFalseAlertsPerThousand).toBeLessThan(0.2);
    },
    TIMEOUT,
  );

  it('decides exactly as full scoring would where it takes its shortcut', () => {
    const persons = loadUnPersons(testdata('screening-sources', 'watchman'));
    expect(verifyShortcut(persons, generateChecks(persons, { seed: 7, persons: 150 }))).toBe(0);
  });
});
