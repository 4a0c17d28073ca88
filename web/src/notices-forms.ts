// Field errors of the notices API placed on the editor's fields. The server names content fields
// by path (`content.arrestWarrants/0/charge`, `publicFields/2`); schema errors may come as
// `body.content…` or `/content/…`.
import { ApiError } from './api';

/** `body.content.arrestWarrants/0/charge` → `arrestWarrants/0/charge`; `/expiresOn` → `expiresOn`. */
export function noticeFieldKey(field: string): string {
  const parts = field.split(/[./[\]]+/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'content' && parts.length > 1) parts.shift();
  return parts.join('/');
}

/** Messages that are not predicates ("a red notice needs …", "unknown country …") read as sentences of their own. */
function asShown(message: string): string {
  return /^(must|is|are|cannot|should|has|have)\b/.test(message) ? message : message.charAt(0).toUpperCase() + message.slice(1);
}

export interface NoticeFieldErrors {
  /** The error of exactly this field (`familyName`, `arrestWarrants/0/charge`). */
  at(key: string): string | undefined;
  /** The errors of this field and of its items (`nationalities`, `nationalities/1`). */
  under(key: string): string | undefined;
  /** The problem without the errors the form places itself, for the alert at the top; null if nothing is left. */
  rest(placed: readonly string[]): ApiError | null;
}

export function noticeFieldErrors(error: ApiError | null): NoticeFieldErrors {
  const entries = (error?.problem.errors ?? []).map((entry) => ({
    key: noticeFieldKey(entry.field),
    message: asShown(entry.message),
    entry,
  }));
  const join = (messages: string[]) => (messages.length > 0 ? messages.join('; ') : undefined);
  return {
    at: (key) => join(entries.filter((entry) => entry.key === key).map((entry) => entry.message)),
    under: (key) => join(entries.filter((entry) => entry.key === key || entry.key.startsWith(`${key}/`)).map((entry) => entry.message)),
    rest(placed) {
      if (!error) return null;
      const isPlaced = (key: string) => placed.some((field) => key === field || key.startsWith(`${field}/`));
      // The alert keeps the problem's detail even when every field error is shown beside its field.
      const unplaced = entries.filter((entry) => !isPlaced(entry.key)).map((entry) => entry.entry);
      return new ApiError({ ...error.problem, errors: unplaced });
    },
  };
}
