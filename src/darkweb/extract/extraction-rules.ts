/**
 * A site's extraction rules (pure): CSS selectors and regular expressions an operator gives for
 * usernames, posts (author, time), the advertised member count and the "logged out" page, checked
 * field by field so that the API can answer 400 with every problem at once. Patterns are compiled
 * case-insensitively and rejected when their shape can take exponential time (a repeated group
 * that itself repeats or alternates, back-references), since they run on pages an adversary writes.
 *
 *   validateExtractionRules({ postSelector: 'article.post', memberCountPattern: '([\\d,]+) members' }); // { ok: true, rules }
 */
import { parse } from 'node-html-parser';

export interface ExtractionRules {
  /** Elements whose text is a username (a member list, profile header). */
  usernameSelector?: string;
  /** One element per post. */
  postSelector?: string;
  /** Inside a post: its author. */
  postAuthorSelector?: string;
  /** Inside a post: its time (the `datetime` or `title` attribute is preferred to the text). */
  postTimeSelector?: string;
  /** An element whose text holds the member count. */
  memberCountSelector?: string;
  /** A pattern over the visible text; the first group (or the whole match) is the member count. */
  memberCountPattern?: string;
  /** An element present only when the session is gone (a login form). */
  loggedOutSelector?: string;
  /** A pattern over the visible text present only when the session is gone. */
  loggedOutPattern?: string;
}

export type ExtractionRuleField = keyof ExtractionRules;

export interface RuleFieldError {
  field: string;
  message: string;
}

export type ExtractionRulesValidation = { ok: true; rules: ExtractionRules } | { ok: false; errors: RuleFieldError[] };

const selectorFields = [
  'usernameSelector',
  'postSelector',
  'postAuthorSelector',
  'postTimeSelector',
  'memberCountSelector',
  'loggedOutSelector',
] as const satisfies readonly ExtractionRuleField[];
const patternFields = ['memberCountPattern', 'loggedOutPattern'] as const satisfies readonly ExtractionRuleField[];
const knownFields = new Set<string>([...selectorFields, ...patternFields]);

const maxSelectorLength = 500;
const maxPatternLength = 300;

/** Checks rules given as JSON; every problem is reported, with the field it concerns. */
export function validateExtractionRules(input: unknown): ExtractionRulesValidation {
  if (input === undefined || input === null) return { ok: true, rules: {} };
  if (typeof input !== 'object' || Array.isArray(input))
    return { ok: false, errors: [{ field: '', message: 'extraction rules must be an object' }] };
  const errors: RuleFieldError[] = [];
  const rules: ExtractionRules = {};
  for (const [field, value] of Object.entries(input)) {
    if (!knownFields.has(field)) {
      errors.push({ field, message: `unknown field; expected one of ${[...knownFields].join(', ')}` });
      continue;
    }
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      errors.push({ field, message: 'must be a non-empty string' });
      continue;
    }
    const problem = (selectorFields as readonly string[]).includes(field) ? selectorProblem(value) : patternProblem(value);
    if (problem !== undefined) errors.push({ field, message: problem });
    else rules[field as ExtractionRuleField] = value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules };
}

const probe = parse('<p></p>');

/** Why a CSS selector cannot be used, or undefined when it can. */
export function selectorProblem(selector: string): string | undefined {
  if (selector.length > maxSelectorLength) return `a selector has at most ${maxSelectorLength} characters`;
  try {
    probe.querySelectorAll(selector);
    return undefined;
  } catch (error) {
    return `not a valid CSS selector: ${(error as Error).message}`;
  }
}

/** Why a pattern cannot be used, or undefined when it can. */
export function patternProblem(source: string): string | undefined {
  if (source.length > maxPatternLength) return `a pattern has at most ${maxPatternLength} characters`;
  try {
    new RegExp(source, 'i');
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  return catastrophicShape(source);
}

/**
 * Scans a pattern's source for the shapes that backtrack exponentially: a quantified group that
 * contains a variable repetition or an alternation, and back-references. Character classes and
 * escapes are skipped so that `[+*]` or `\(` do not count. Polynomial shapes (`\d*\d*`) pass:
 * `execRulePattern` bounds what they run on.
 */
function catastrophicShape(source: string): string | undefined {
  const groups: { quantified: boolean; alternation: boolean }[] = [];
  let lastGroup: { quantified: boolean; alternation: boolean } | undefined;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))
        return 'back-references are not allowed (they can take exponential time)';
      i += 1;
      lastGroup = undefined;
      continue;
    }
    if (char === '[') {
      i += 1;
      if (source[i] === '^') i += 1;
      if (source[i] === ']') i += 1;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      lastGroup = undefined;
      continue;
    }
    if (char === '(') {
      groups.push({ quantified: false, alternation: false });
      lastGroup = undefined;
      // Skip the group's kind, (?: (?= (?! (?<= (?<! (?<name>, so that its "?" is not read as a quantifier.
      if (source[i + 1] === '?') {
        const kind = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1, i + 64));
        if (kind !== null) i += kind[0].length;
      }
      continue;
    }
    if (char === ')') {
      lastGroup = groups.pop();
      continue;
    }
    const repeat = repetitionAt(source, i);
    if (repeat !== undefined) {
      if (repeat.max > 1 && lastGroup !== undefined && (lastGroup.quantified || lastGroup.alternation)) {
        return 'a repeated group may not contain a repetition or an alternation (it can take exponential time); use a bounded form such as [\\d,]{1,12}';
      }
      // A fixed count ({3}) matches one length only, so it cannot make a group ambiguous.
      if (repeat.max !== repeat.min) for (const group of groups) group.quantified = true;
      i += repeat.length - 1;
    } else if (char === '|') {
      const current = groups.at(-1);
      if (current !== undefined) current.alternation = true;
    }
    if (repeat === undefined) lastGroup = undefined;
  }
  return undefined;
}

/** The quantifier starting at `at` (*, +, ?, {n}, {n,}, {n,m}), or undefined. */
function repetitionAt(source: string, at: number): { min: number; max: number; length: number } | undefined {
  const char = source[at];
  if (char === '*') return { min: 0, max: Number.POSITIVE_INFINITY, length: 1 };
  if (char === '+') return { min: 1, max: Number.POSITIVE_INFINITY, length: 1 };
  if (char === '?') return { min: 0, max: 1, length: 1 };
  if (char !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at, at + 24));
  if (match === null) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
  return { min, max, length: match[0].length };
}

const compiled = new Map<string, RegExp>();

/** The compiled form of a validated pattern (case-insensitive), cached by source. */
export function compileRulePattern(source: string): RegExp {
  let pattern = compiled.get(source);
  if (pattern === undefined) {
    pattern = new RegExp(source, 'i');
    if (compiled.size >= 200) compiled.clear();
    compiled.set(source, pattern);
  }
  return pattern;
}

/** Patterns run on one line of text at a time, cut into windows of this many characters. */
const lineWindow = 500;
const lineOverlap = 100;
/** Patterns look at the start of the text only: counts and login notices sit near the top. */
const patternScanChars = 128 * 1024;

/**
 * The first match of a rule pattern in a text, tried line by line in windows of 500 characters over
 * the first 128 KiB, so that a polynomial pattern on hostile text stays within a fraction of a second.
 */
export function execRulePattern(source: string, text: string): RegExpExecArray | null {
  const pattern = compileRulePattern(source);
  const scanned = text.length > patternScanChars ? text.slice(0, patternScanChars) : text;
  for (const rawLine of scanned.split('\n')) {
    const line = rawLine.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    for (let start = 0; start < line.length; start += lineWindow - lineOverlap) {
      const match = pattern.exec(line.slice(start, start + lineWindow));
      if (match !== null) return match;
      if (start + lineWindow >= line.length) break;
    }
  }
  return null;
}
