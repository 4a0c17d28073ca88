import { describe, expect, it } from 'vitest';
import { KeyListsBuilder } from './key-lists.js';

describe('KeyLists', () => {
  it('gives each key its values in the order added, a repeated last value once, and nothing for an unknown key', () => {
    const builder = new KeyListsBuilder();
    const keys = Array.from({ length: 500 }, (_, i) => `L${(i * 7919).toString(36).toUpperCase()}`);
    keys.forEach((key, i) => {
      builder.add(key, i);
      builder.add(key, i);
      if (i % 3 === 0) builder.add(key, i + 1000);
    });
    builder.add('Ω-ünï', 7);
    const lists = builder.build();
    expect(lists.size).toBe(501);
    keys.forEach((key, i) => expect([...lists.get(key)]).toEqual(i % 3 === 0 ? [i, i + 1000] : [i]));
    expect([...lists.get('Ω-ünï')]).toEqual([7]);
    expect([...lists.get('L')]).toEqual([]);
    expect([...lists.get('')]).toEqual([]);
    expect(lists.shared.values.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
