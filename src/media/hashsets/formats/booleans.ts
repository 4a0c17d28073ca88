/** Flags as exports write them: yes/no, y/n, true/false, t/f, 1/0 (any case), or JSON booleans. */

const truthy = new Set(['yes', 'y', 'true', 't', '1']);
const falsy = new Set(['no', 'n', 'false', 'f', '0']);

/** The flag, undefined for an empty value (not stated), or null when the value is not a flag. */
export function parseFlag(value: unknown): boolean | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  if (truthy.has(text)) return true;
  if (falsy.has(text)) return false;
  return null;
}
