import { describe, expect, it } from 'vitest';
import { consonantSkeleton, isVowelless, phoneticKey } from './phonetic.js';

const groups = [
  ['mohammed', 'muhammad', 'mohamed', 'mohammad', 'muhamed'],
  ['yusuf', 'youssef', 'jusuf', 'yousef', 'yussuf'],
  ['aleksandr', 'alexander', 'aleksander'],
  ['tchaikovsky', 'chaykovskiy', 'tschaikowsky'],
  ['khalid', 'halid', 'khaled'],
  ['mikhail', 'mikael'],
  ['scholz', 'schulze'],
  ['vladimir', 'wladimir'],
  ['philip', 'filip', 'phillip'],
];

describe('phoneticKey', () => {
  it.each(groups)('gives transliteration variants of %s one key', (...names) => {
    const keys = new Set(names.map(phoneticKey));
    expect(keys.size, `${names.join(', ')} → ${[...keys].join(', ')}`).toBe(1);
  });

  it('keeps unrelated names mostly apart', () => {
    const names = [
      'smith',
      'jones',
      'putin',
      'obama',
      'merkel',
      'scholz',
      'vladimir',
      'aleksandr',
      'yusuf',
      'mohammed',
      'khalid',
      'ivanov',
      'petrov',
      'garcia',
      'martinez',
      'nguyen',
      'kim',
      'lee',
      'osama',
      'anna',
      'maria',
      'eriksson',
      'tchaikovsky',
      'john',
    ];
    const keys = names.map(phoneticKey);
    const collisions = keys.length - new Set(keys).size;
    expect(collisions).toBeLessThanOrEqual(1);
  });

  it('handles empty and non-letter input', () => {
    expect(phoneticKey('')).toBe('');
    expect(phoneticKey('123')).toBe('');
    expect(phoneticKey('anna')).toBe('AN');
  });
});

describe('consonantSkeleton', () => {
  it('lets vowel-less abjad romanisations meet Latin spellings', () => {
    expect(consonantSkeleton('mhmd')).toBe(consonantSkeleton('mohammed'));
    expect(consonantSkeleton('hsn')).toBe(consonantSkeleton('hassan'));
    expect(consonantSkeleton('mhmwd')).toBe(consonantSkeleton('mahmoud'));
    expect(consonantSkeleton('ftmh')).toBe(consonantSkeleton('fatima'));
    expect(consonantSkeleton('msh')).toBe(consonantSkeleton('moshe'));
    expect(isVowelless('mhmd')).toBe(true);
    expect(isVowelless('mohammed')).toBe(false);
  });
});
