import { describe, expect, it } from 'vitest';
import { normaliseName } from './normalise.js';
import { compareNames, compareTokens, jaro, jaroWinkler, typoDistance } from './similarity.js';

const compare = (a: string, b: string) => compareNames(normaliseName(a), normaliseName(b));

describe('jaroWinkler', () => {
  it('matches the published reference values', () => {
    // Winkler's examples, as in Wikipedia and the Apache Commons tests.
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('jellyfish', 'smellyfish')).toBeCloseTo(0.8963, 4);
  });

  it('handles identical, empty and disjoint strings', () => {
    expect(jaroWinkler('anna', 'anna')).toBe(1);
    expect(jaroWinkler('', 'anna')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('caps the common prefix at four characters', () => {
    const j = jaro('abcdefgh', 'abcdefxy');
    expect(jaroWinkler('abcdefgh', 'abcdefxy')).toBeCloseTo(j + 0.4 * (1 - j), 10);
  });
});

describe('typoDistance', () => {
  it('counts edits', () => {
    expect(typoDistance('kitten', 'sitting')).toBe(3);
    expect(typoDistance('afiz', 'faiz')).toBe(1);
    expect(typoDistance('adbul', 'abdul')).toBe(1);
    expect(typoDistance('', 'abc')).toBe(3);
    expect(typoDistance('abc', 'abc')).toBe(0);
  });
});

describe('compareTokens', () => {
  it('labels how two tokens match', () => {
    expect(compareTokens('john', 'john')?.how).toBe('exact');
    expect(compareTokens('bin', 'bin')?.how).toBe('particle');
    expect(compareTokens('j', 'john')).toEqual({ score: 0.7, how: 'initial' });
    expect(compareTokens('scholze', 'scholz')?.how).toBe('typo');
    expect(compareTokens('yusuf', 'jusuf')?.how).toBe('phonetic');
    expect(compareTokens('michel', 'michelle')?.how).toBe('typo');
    expect(compareTokens('muhammad', 'mohamed')).toEqual({ score: 0.85, how: 'phonetic' });
    expect(compareTokens('rami', 'hafez')).toBeUndefined();
    expect(compareTokens('li', 'lu')).toBeUndefined();
    // Syllables one vowel apart pair at 0.8 (Korean and Chinese romanisations).
    expect(compareTokens('sun', 'son')).toEqual({ score: 0.8, how: 'phonetic' });
    expect(compareTokens('kim', 'kem')?.score).toBe(0.8);
    expect(compareTokens('kim', 'kit')).toBeUndefined();
  });
});

describe('compareNames', () => {
  it('scores identical names 1 and unrelated names 0', () => {
    expect(compare('John Smith', 'john SMITH').score).toBe(1);
    expect(compare('Angela Merkel', 'Olaf Scholz').score).toBe(0);
  });

  it('ignores token order when the surname is announced, penalises it a little otherwise', () => {
    expect(compare('Anna Maria Eriksson', 'ERIKSSON<<ANNA<MARIA').score).toBe(1);
    const swapped = compare('Hans Friedrich', 'Friedrich Hans').score;
    expect(swapped).toBeLessThan(1);
    expect(swapped).toBeGreaterThan(0.9);
  });

  it('does not pile partial matches up at 1', () => {
    const result = compare('john smith', 'john smith jones');
    expect(result.score).toBeLessThan(1);
    expect(result.score).toBeCloseTo(2 / 2.25, 6);
    expect(result.unmatchedCandidate).toEqual(['jones']);
  });

  it('charges an unmatched query token more than an unmatched candidate token', () => {
    expect(compare('john paul smith', 'john smith').score).toBeLessThan(compare('john smith', 'john paul smith').score);
  });

  it('matches initials to full names at a reduced score', () => {
    const result = compare('J. Smith', 'John Smith');
    expect(result.pairs).toContainEqual({ query: 'j', candidate: 'john', score: 0.7, how: 'initial' });
    expect(result.score).toBeLessThan(0.95);
    expect(result.score).toBeGreaterThan(0.8);
  });

  it('lets particles weigh little', () => {
    const withParticle = compare('Osama bin Laden', 'Osama Laden').score;
    expect(withParticle).toBeGreaterThan(0.9);
    const result = compare('Mohammed bin Salman', 'Mohammed al Salman');
    expect(result.score).toBeGreaterThan(0.85);
    expect(result.unmatchedQuery).toEqual(['bin']);
  });

  it('lets a missing patronymic cost less than a missing name', () => {
    expect(compare('Sergey Viktorovich Lavrov', 'Sergey Lavrov').score).toBeGreaterThan(
      compare('Sergey Viktor Lavrov', 'Sergey Lavrov').score,
    );
    expect(compare('Sergey Viktorovich Lavrov', 'Sergey Lavrov').score).toBeCloseTo(2 / 2.5, 6);
  });

  it('keeps short tokens from dominating', () => {
    expect(compare('Li Wei', 'Li Na').score).toBeLessThan(0.6);
  });

  it('pairs transliteration variants and typos', () => {
    const result = compare('Muhammad Yusuf', 'Mohamed Youssef');
    expect(result.pairs.map((p) => p.how).sort()).toEqual(['phonetic', 'phonetic']);
    expect(result.score).toBeCloseTo(0.85, 6);
    expect(compare('Владимир Путин', 'Vladimir Putin').score).toBe(1);
    expect(compare('Olaf Scholze', 'Olaf Scholz').score).toBeGreaterThan(0.9);
  });

  it('compares vowel-less abjad romanisations by consonant skeleton', () => {
    const result = compare('خالد محمود', 'Khaled Mahmoud');
    expect(result.pairs.map((p) => p.how).sort()).toEqual(['phonetic', 'phonetic']);
    expect(result.score).toBeGreaterThan(0.8);
  });

  it('joins names written together or split apart', () => {
    expect(compare('VladimirPutin', 'Vladimir Putin').score).toBe(1);
    expect(compare('Nikolai Patr ushev', 'Nikolai Patrushev').score).toBe(1);
    // A leading article joins its name; a join that sounds like the token needs a lower typo score.
    expect(compare('Muhsin Khadr Alkhafaji', 'Muhsin Khadr al-Khafaji').score).toBe(1);
    expect(compare('Amir Abd Allah', 'Amir Abdullah').score).toBeGreaterThan(0.85);
  });

  it('matches Arabic-script names to their list romanisations', () => {
    expect(compare('نشوان عبد الرزاق عبد الباقي', 'NASHWAN ABD AL-RAZZAQ ABD AL-BAQI').score).toBeGreaterThan(0.85);
    expect(compare('قصي صدام حسين التكريتي', 'QUSAY SADDAM HUSSEIN AL-TIKRITI').score).toBeGreaterThan(0.8);
    // Compounds written apart in the script and together in the list.
    expect(compare('رحمت الله کاکا زاده', 'RAHMATULLAH KAKAZADA').score).toBeGreaterThan(0.8);
    expect(compare('حمید الله', 'HAMIDULLAH').score).toBeGreaterThan(0.8);
  });

  it('accepts bare strings and reports unmatched tokens', () => {
    const result = compareNames(['hafez', 'makhlouf'], ['rami', 'makhlouf']);
    expect(result.pairs).toEqual([{ query: 'makhlouf', candidate: 'makhlouf', score: 1, how: 'exact' }]);
    expect(result.unmatchedQuery).toEqual(['hafez']);
    expect(result.unmatchedCandidate).toEqual(['rami']);
    expect(result.score).toBeCloseTo(1 / 2.25, 6);
    expect(compareNames([], ['a']).score).toBe(0);
  });
});
