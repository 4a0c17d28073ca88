import { describe, expect, it } from 'vitest';
import { execRulePattern, patternProblem, validateExtractionRules } from './extraction-rules.js';

describe('validateExtractionRules', () => {
  it('accepts good rules and drops null fields', () => {
    const input = {
      usernameSelector: '.member-list a.member-name',
      postSelector: 'article.post, div[id^=post-]',
      postAuthorSelector: '.author > a',
      postTimeSelector: 'time',
      memberCountSelector: '#stats .members',
      memberCountPattern: String.raw`([\d,. ]+)\s+members`,
      loggedOutSelector: 'form#login',
      loggedOutPattern: null,
    };
    const result = validateExtractionRules(input);
    expect(result).toEqual({ ok: true, rules: { ...input, loggedOutPattern: undefined } });
    expect(validateExtractionRules(undefined)).toEqual({ ok: true, rules: {} });
  });

  it('reports every bad field at once', () => {
    const result = validateExtractionRules({
      postSelector: 'a[[',
      usernameSelector: '',
      memberCountPattern: '([0-9]+',
      loggedOutPattern: '(a+)+$',
      colour: 'red',
      postTimeSelector: 42,
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((error) => error.field).sort()).toEqual([
      'colour',
      'loggedOutPattern',
      'memberCountPattern',
      'postSelector',
      'postTimeSelector',
      'usernameSelector',
    ]);
    expect(errors.find((error) => error.field === 'postSelector')?.message).toMatch(/not a valid CSS selector/);
    expect(errors.find((error) => error.field === 'memberCountPattern')?.message).toMatch(/not a valid regular expression/);
    expect(errors.find((error) => error.field === 'loggedOutPattern')?.message).toMatch(/exponential/);
    expect(validateExtractionRules(['x'])).toMatchObject({ ok: false });
  });
});

describe('patternProblem', () => {
  it.each(['(a+)+', '(a*)*b', '(?:x|xy)+', '(\\w+\\s?)*$', '(a|b){2,}', '(\\d+)\\1', '(?<n>a)\\k<n>', 'x'.repeat(301)])(
    'rejects %s',
    (pattern) => {
      expect(patternProblem(pattern)).toBeDefined();
    },
  );

  it.each([
    String.raw`([\d,]+) members`,
    String.raw`Members:\s*(\d+)`,
    String.raw`\d{1,3}(?:,\d{3})*`,
    String.raw`(?:log ?in|sign ?in) to (?:view|see)`,
    String.raw`(members|users)? online`,
    String.raw`[(+*]+`,
    String.raw`\(\d+\)+`,
  ])('accepts %s', (pattern) => {
    expect(patternProblem(pattern)).toBeUndefined();
  });
});

describe('execRulePattern', () => {
  it('matches line by line, case-insensitively', () => {
    expect(execRulePattern(String.raw`([\d,]+) MEMBERS`, 'Welcome\nWe have 63,021   members\nbye')?.[1]).toBe('63,021');
    expect(execRulePattern('welcome we', 'Welcome\nWe')).toBeNull();
  });

  it('finds a match in a very long line', () => {
    const line = `${'radio '.repeat(2000)}please log in${' radio'.repeat(2000)}`;
    expect(execRulePattern('please log in', line)).not.toBeNull();
  });
});
