// Maps the `errors[]` of a problem document onto form fields.
import type { ApiError } from './api';

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'];

/**
 * The form field a problem `field` refers to: "title", "/title", "querystring.from" and
 * "sharedWith/0" become "title", "title", "from" and "sharedWith".
 */
export function fieldName(path: string): string {
  const [first, second] = path.split(/[./[\]]+/).filter(Boolean);
  if (first !== undefined && second !== undefined && REQUEST_PARTS.includes(first)) return second;
  return first ?? '';
}

/** Schema-validator wordings that read badly next to a field, and what to say instead. */
const PLAIN_WORDINGS: readonly (readonly [RegExp, string])[] = [
  [/^must NOT have fewer than 1 characters?$/, 'is required'],
  [/^must have required property\b.*$/, 'is required'],
];

/**
 * The server words field messages as predicates ("is wrong", "must NOT have more than 300
 * characters"); those become a sentence about the field. Full sentences are kept as they are.
 */
export function fieldSentence(subject: string, message: string): string {
  const plain = PLAIN_WORDINGS.find(([pattern]) => pattern.test(message))?.[1] ?? message;
  if (!/^[a-z]/.test(plain)) return plain;
  const sentence = `${subject} ${plain}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrors(error: ApiError | null): FieldErrors {
  const result: FieldErrors = {};
  for (const { field, message } of error?.problem.errors ?? []) {
    const name = fieldName(field);
    const previous = result[name];
    result[name] = previous ? `${previous}; ${message}` : message;
  }
  return result;
}
