import { describe, expect, it } from 'vitest';
import {
  candidateKeys,
  normaliseCountry,
  normaliseDocumentNumber,
  parsePartialDate,
  scorePerson,
  type PersonQuery,
  type PersonRecord,
} from './person-match.js';

const anna: PersonRecord = {
  names: ['Anna Maria Eriksson'],
  birthDates: [{ year: 1974, month: 8, day: 12 }],
  nationalities: ['SE'],
  sex: 'F',
  documents: [{ number: 'L898902C3', country: 'SWE' }],
};

const score = (query: PersonQuery, record: PersonRecord = anna): number => scorePerson(query, record).score;

describe('name feature', () => {
  it('scores an exact name 1 and explains the pairs', () => {
    const r = scorePerson({ name: 'Anna Maria Eriksson' }, anna);
    expect(r.score).toBe(1);
    expect(r.match).toBe(true);
    expect(r.explanation.name.pairs).toHaveLength(3);
    expect(r.explanation.birthDate).toBeUndefined();
  });

  it('keeps a typo high, a reordered name and an MRZ name field plausible', () => {
    expect(score({ name: 'Anna Maria Erikson' })).toBeGreaterThanOrEqual(0.9);
    expect(score({ name: 'Eriksson Anna Maria' })).toBeGreaterThanOrEqual(0.85);
    expect(score({ name: 'ERIKSSON<<ANNA<MARIA' })).toBe(1);
  });

  it('tolerates a missing middle name', () => {
    const r = scorePerson({ name: 'Anna Eriksson' }, anna);
    expect(r.score).toBeGreaterThanOrEqual(0.8);
    expect(r.match).toBe(true);
  });

  it('matches transliterated Cyrillic and Arabic through any of the record names', () => {
    const putin: PersonRecord = { names: ['Владимир Владимирович Путин'] };
    expect(score({ name: 'Vladimir Vladimirovich Putin' }, putin)).toBeGreaterThanOrEqual(0.9);
    const yusuf: PersonRecord = { names: ['Someone Else', 'محمد يوسف'] };
    const r = scorePerson({ name: 'Mohammed Yusuf' }, yusuf);
    expect(r.match).toBe(true);
    expect(r.explanation.name.detail).toContain('محمد يوسف');
  });

  it('does not match an unrelated name', () => {
    const r = scorePerson({ name: 'John Smith' }, anna);
    expect(r.score).toBeLessThan(0.3);
    expect(r.match).toBe(false);
  });

  it('honours the threshold option', () => {
    expect(scorePerson({ name: 'Anna Eriksson' }, anna, { threshold: 0.99 }).match).toBe(false);
  });
});

describe('birth date qualifier', () => {
  const withDate = (birthDate: PersonQuery['birthDate']) => scorePerson({ name: 'Anna Eriksson', birthDate }, anna);
  const base = score({ name: 'Anna Eriksson' });

  it('boosts an exact date slightly', () => {
    const r = withDate('1974-08-12');
    expect(r.explanation.birthDate?.effect).toBe(0.05);
    expect(r.score).toBeCloseTo(base + 0.05, 3);
  });

  it('is neutral for the same year at year precision and inside a range', () => {
    expect(withDate('1974').explanation.birthDate?.effect).toBe(0);
    expect(withDate({ year: 1974, month: 8 }).explanation.birthDate?.effect).toBe(0);
    const ranged: PersonRecord = { ...anna, birthDates: [{ from: { year: 1970 }, to: { year: 1975 } }] };
    expect(scorePerson({ name: 'Anna Eriksson', birthDate: '1974-08-12' }, ranged).explanation.birthDate?.effect).toBe(0);
    expect(scorePerson({ name: 'Anna Eriksson', birthDate: '1978' }, ranged).explanation.birthDate?.effect).toBe(-0.15);
  });

  it('penalises one day off a little, a day/month swap by half, another day fully', () => {
    expect(withDate('1974-08-13').explanation.birthDate?.effect).toBe(-0.05);
    expect(withDate('1974-12-08').explanation.birthDate?.effect).toBe(-0.125);
    expect(withDate('1974-08-20').explanation.birthDate?.effect).toBe(-0.25);
    expect(withDate('1974-09').explanation.birthDate?.effect).toBe(-0.25);
  });

  it('penalises another year, and another decade strongly', () => {
    expect(withDate('1975-08-12').explanation.birthDate?.effect).toBe(-0.15);
    expect(withDate('1984-08-12').explanation.birthDate?.effect).toBe(-0.35);
    expect(withDate('1984-08-12').match).toBe(false);
  });

  it('counts one day off across a year boundary as one day', () => {
    const nye: PersonRecord = { names: ['Anna Eriksson'], birthDates: [{ year: 1974, month: 12, day: 31 }] };
    expect(scorePerson({ name: 'Anna Eriksson', birthDate: '1975-01-01' }, nye).explanation.birthDate?.effect).toBe(-0.05);
  });

  it('uses the best of several record dates', () => {
    const two: PersonRecord = { ...anna, birthDates: [{ year: 1960 }, { year: 1974, month: 8, day: 12 }] };
    expect(scorePerson({ name: 'Anna Eriksson', birthDate: '1974-08-12' }, two).explanation.birthDate?.effect).toBe(0.05);
  });

  it('parses partial ISO dates and drops impossible parts', () => {
    expect(parsePartialDate('1969-7-16')).toEqual({ year: 1969, month: 7, day: 16 });
    expect(parsePartialDate('1974-01-32')).toEqual({ year: 1974, month: 1 });
    expect(parsePartialDate('1974-13-01')).toEqual({ year: 1974 });
    expect(parsePartialDate('12/08/1974')).toBeUndefined();
  });
});

describe('nationality and sex qualifiers', () => {
  it('penalises a nationality mismatch only when both are known', () => {
    expect(scorePerson({ name: 'Anna Eriksson', nationality: 'SWE' }, anna).explanation.nationality?.effect).toBe(0);
    expect(scorePerson({ name: 'Anna Eriksson', nationality: 'Sweden' }, anna).explanation.nationality?.effect).toBe(0);
    expect(scorePerson({ name: 'Anna Eriksson', nationality: 'NOR' }, anna).explanation.nationality?.effect).toBe(-0.2);
    expect(scorePerson({ name: 'Anna Eriksson', nationality: 'Ruritania' }, anna).explanation.nationality?.effect).toBe(0);
    expect(scorePerson({ name: 'Anna Eriksson' }, anna).explanation.nationality).toBeUndefined();
  });

  it('normalises alpha-2, alpha-3, ICAO codes and common names', () => {
    expect(normaliseCountry('af')).toBe('AFG');
    expect(normaliseCountry('kp')).toBe('PRK');
    expect(normaliseCountry('UK')).toBe('GBR');
    expect(normaliseCountry('South Korea')).toBe('KOR');
    expect(normaliseCountry('UTO')).toBe('UTO');
    expect(normaliseCountry('D')).toBe('D');
    expect(normaliseCountry('xxa')).toBe('XXA');
    expect(normaliseCountry('QQQ')).toBeUndefined();
    expect(normaliseCountry('Atlantis')).toBeUndefined();
  });

  it('penalises F against M but not X', () => {
    expect(scorePerson({ name: 'Anna Eriksson', sex: 'M' }, anna).explanation.sex?.effect).toBe(-0.2);
    expect(scorePerson({ name: 'Anna Eriksson', sex: 'F' }, anna).explanation.sex?.effect).toBe(0);
    expect(scorePerson({ name: 'Anna Eriksson', sex: 'X' }, anna).explanation.sex?.effect).toBe(0);
  });

  it('stacks penalties and clamps at 0', () => {
    const r = scorePerson({ name: 'John Smith', sex: 'M', nationality: 'NOR', birthDate: '1990' }, anna);
    expect(r.score).toBe(0);
  });
});

describe('document feature', () => {
  it('lifts a weak name to 0.85 on an exact number, OCR confusions folded', () => {
    const r = scorePerson({ name: 'A. Erikson-Smith', document: { number: 'L89 89O2-C3' } }, anna);
    expect(r.score).toBeGreaterThanOrEqual(0.85);
    expect(r.match).toBe(true);
    expect(r.explanation.document?.detail).toContain('matches');
    expect(normaliseDocumentNumber('lB9-OIS')).toBe('L89015');
  });

  it('does not count a number issued by another country, nor a different number', () => {
    const wrongCountry = scorePerson({ name: 'Nobody', document: { number: 'L898902C3', country: 'NOR' } }, anna);
    expect(wrongCountry.match).toBe(false);
    expect(wrongCountry.explanation.document?.effect).toBe(0);
    const other = scorePerson({ name: 'Anna Maria Eriksson', document: { number: 'X1234567' } }, anna);
    expect(other.score).toBe(1);
    expect(other.explanation.document?.effect).toBe(0);
  });

  it('still applies qualifiers on top of a document match', () => {
    const r = scorePerson({ name: 'Nobody', document: { number: 'L898902C3' }, sex: 'M' }, anna);
    expect(r.score).toBeCloseTo(0.65, 3);
  });
});

describe('candidateKeys', () => {
  it('gives shared keys for transliteration variants and skips particles', () => {
    const a = candidateKeys(['Muhammad bin Yusuf']);
    const b = candidateKeys(['MOHAMED<<YOUSSEF']);
    expect(a.some((k) => b.includes(k))).toBe(true);
    expect(a).toHaveLength(2);
    expect(candidateKeys(['Владимир Путин'])).toEqual(candidateKeys(['Vladimir Putin']));
  });
});
