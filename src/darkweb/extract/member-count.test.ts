import { describe, expect, it } from 'vitest';
import { findMemberCount, parseCount } from './member-count.js';

describe('parseCount', () => {
  it.each([
    ['63,021', 63_021],
    ['63 000', 63_000],
    ['63\u00a0000', 63_000],
    ['63.021', 63_021],
    ["63'021", 63_021],
    ['1.2k', 1_200],
    ['3M', 3_000_000],
    ['Members: 12345', 12_345],
  ])('reads %s', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it('gives undefined when there is no number or an absurd one', () => {
    expect(parseCount('many')).toBeUndefined();
    expect(parseCount('99999999999999')).toBeUndefined();
  });
});

describe('findMemberCount', () => {
  it.each([
    ['Forum statistics · 63,021 members · 12 members online', 63_021],
    ['Users: 63 000 Posts: 1,204,113', 63_000],
    ['Registered users = 4521', 4_521],
    ['Total members: 12.345', 12_345],
    ['We now have 1.2k subscribers!', 1_200],
    ['63 021 registered users', 63_021],
  ])('finds the count in %s', (text, expected) => {
    expect(findMemberCount(text)).toBe(expected);
  });

  it('does not count people online or numbers next to other words', () => {
    expect(findMemberCount('Members online: 17')).toBeUndefined();
    expect(findMemberCount('17 users online now')).toBeUndefined();
    expect(findMemberCount('Online users: 17')).toBeUndefined();
    expect(findMemberCount('Posts: 1,204,113 · Threads: 40,000')).toBeUndefined();
  });

  it('prefers the largest advertised figure', () => {
    expect(findMemberCount('5 members liked this. Board statistics: 63,021 members.')).toBe(63_021);
  });
});
