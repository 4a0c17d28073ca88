/**
 * Evaluation on the OFAC SDN list (4,620 individuals with their aliases): one perturbed positive and
 * one hard negative for each of 1,000 persons drawn at random (every person with
 * VIGIL_SCREENING_EVAL_FULL=1), each scored against its target record plus 100 random other
 * records (200 in the full run). The table is printed; the floors are the target
 * (precision and recall ≥ 0.95 on checks carrying a birth date) and, below it, what the matcher
 * reached when measured, less a margin of about one point.
 */
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/testdata.js';
import { generateChecks } from './perturb.js';
import { evaluateChecks, formatReport } from './runner.js';
import { loadOfacPersons } from './sources.js';

const FULL = process.env['VIGIL_SCREENING_EVAL_FULL'] === '1';
// The full run takes minutes on this 2-core machine.
const TIMEOUT = FULL ? 900_000 : undefined;

describe('evaluation on the OFAC SDN list', () => {
  it(
    'meets the target on checks with a birth date and its measured floors',
    () => {
      const persons = loadOfacPersons(testdata('screening-sources', 'watchman'));
      const checks = generateChecks(persons, { seed: 42, prefix: 'ofac', ...(FULL ? {} : { persons: 1000 }) });
      const report = evaluateChecks(persons, checks, { sample: FULL ? 200 : 100, keepErrors: 200 });
      console.log(formatReport('OFAC SDN list', report));
      if (process.env['VIGIL_SCREENING_EVAL_ERRORS'])
        for (const e of report.errors)
          console.log(
            `${e.label ? 'FN' : 'FP'} ${e.check.kind}/${e.check.dateKind} ${e.score.toFixed(3)} ${JSON.stringify(e.check.query)} | ${e.recordName}`,
          );

      // The target.
      expect(report.withBirthDate.precision).toBeGreaterThanOrEqual(0.95);
      expect(report.withBirthDate.recall).toBeGreaterThanOrEqual(0.95);
      // Measured: 1,000 persons, sample 100: with a birth date P 100.0% R 99.0%, without P 96.7% R 98.9%;
      // all 4,620, sample 200: with P 99.6% R 99.1%, without P 96.3% R 99.0%.
      expect(report.withBirthDate.precision).toBeGreaterThanOrEqual(0.99);
      expect(report.withBirthDate.recall).toBeGreaterThanOrEqual(0.98);
      expect(report.withoutBirthDate.precision).toBeGreaterThanOrEqual(0.95);
      expect(report.withoutBirthDate.recall).toBeGreaterThanOrEqual(0.98);
      for (const [kind, m] of report.byKind) if (m.tp + m.fn > 0) expect(m.recall, kind).toBeGreaterThanOrEqual(0.9);
      expect(report.targetsByKind.get('other-decade')?.fp).toBe(0);
      expect(report.sampledFalseAlertsPerThousand).toBeLessThan(0.1);
    },
    TIMEOUT,
  );
});
