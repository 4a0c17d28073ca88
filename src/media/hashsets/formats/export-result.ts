/** What every exporter returns, and the shared first step that checks the entries given. */
import { type HashSetEntry, normaliseEntry } from './entry.js';

/** A problem with the entry at `index` in the exporter's input. */
export interface ExportIssue {
  index: number;
  message: string;
}

/**
 * The exported text, with what did not fit: `skipped` entries are absent from the text (invalid,
 * or without the hash the format needs); `warnings` name fields the format could not carry.
 */
export interface ExportResult {
  text: string;
  /** Records written. */
  written: number;
  skipped: ExportIssue[];
  warnings: ExportIssue[];
}

/** Entries normalised, each with its input index; invalid ones and those `usable` refuses are skipped. */
export function prepareEntries(
  entries: readonly HashSetEntry[],
  usable: (entry: HashSetEntry) => string | undefined,
): { ready: { entry: HashSetEntry; index: number }[]; skipped: ExportIssue[] } {
  const ready: { entry: HashSetEntry; index: number }[] = [];
  const skipped: ExportIssue[] = [];
  entries.forEach((raw, index) => {
    const checked = normaliseEntry(raw);
    if (!checked.ok) {
      skipped.push({ index, message: checked.reason });
      return;
    }
    const refusal = usable(checked.value);
    if (refusal === undefined) ready.push({ entry: checked.value, index });
    else skipped.push({ index, message: refusal });
  });
  return { ready, skipped };
}
