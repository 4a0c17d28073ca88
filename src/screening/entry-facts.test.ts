import { describe, expect, it } from 'vitest';
import { EntryFacts, summaryCeiling, summaryQualifierCeiling } from './entry-facts.js';
import { prepareQuery, prepareRecord, scorePrepared, type PartialDate, type PersonRecord } from './person-match.js';

/** mulberry32, seeded. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('EntryFacts', () => {
  it('bounds the qualifiers from above, and gives them exactly for two full birth dates', () => {
    const random = prng(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const pad = (n: number): string => String(n).padStart(2, '0');
    const date = (): PartialDate => {
      const year = 1960 + Math.floor(random() * 30);
      const roll = random();
      if (roll < 0.1) return { year };
      if (roll < 0.15) return { from: { year }, to: { year: year + 3 } };
      return { year, month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28) };
    };
    const facts = new EntryFacts();
    const records: PersonRecord[] = [];
    const summaries: number[] = [];
    for (let i = 0; i < 400; i++) {
      const record: PersonRecord = {
        names: ['Anna Eriksson'],
        birthDates: random() < 0.9 ? [date()] : [],
        nationalities: random() < 0.8 ? [pick(['SWE', 'NLD', 'SYR'])] : [],
        ...(random() < 0.7 && { sex: pick(['F', 'M'] as const) }),
      };
      records.push(record);
      summaries.push(facts.add('list', prepareRecord(record)));
    }
    let exact = 0;
    for (let q = 0; q < 200; q++) {
      const point = date();
      const birthDate =
        'from' in point
          ? String(point.from.year)
          : [point.year, point.month, point.day]
              .filter((x) => x !== undefined)
              .map((x, i) => (i === 0 ? String(x) : pad(x)))
              .join('-');
      const query = prepareQuery({
        name: 'Anna Eriksson',
        birthDate,
        nationality: pick(['SWE', 'NLD', 'SYR']),
        sex: pick(['F', 'M'] as const),
      });
      const queryFacts = facts.queryFacts(query);
      records.forEach((record, i) => {
        const { explanation } = scorePrepared(query, prepareRecord(record));
        const actual = (explanation.birthDate?.effect ?? 0) + (explanation.nationality?.effect ?? 0) + (explanation.sex?.effect ?? 0);
        const ceiling = facts.qualifierCeiling(i, queryFacts);
        expect(ceiling).toBeGreaterThanOrEqual(actual - 1e-9);
        expect(summaryCeiling(summaries[i]!, queryFacts)).toBeGreaterThanOrEqual(ceiling - 1e-9);
        // The index drops a candidate on this bound before reading its facts: it must hold without slack.
        expect(summaryQualifierCeiling(summaries[i]!, queryFacts)).toBeGreaterThanOrEqual(ceiling);
        const full = (d: PartialDate | undefined): boolean => d !== undefined && !('from' in d) && d.day !== undefined;
        if (full(point) && record.birthDates?.length === 1 && full(record.birthDates[0])) {
          expect(Math.abs(ceiling - actual)).toBeLessThan(1e-9);
          exact++;
        }
      });
    }
    expect(exact).toBeGreaterThan(20_000);
  });
});
