/**
 * What every importer returns, and the shared last step that turns checked records into entries
 * (folding records of one file together and reporting it).
 */
import { degenerateHashWarnings, type HashSetEntry, mergeEntries } from './entry.js';

/** The formats Vigil reads and writes. */
export const hashSetFormats = ['icse-csv', 'vics-json', 'pdq-list', 'md5-list', 'sha1-list', 'sha256-list'] as const;
export type HashSetFormat = (typeof hashSetFormats)[number];

/**
 * One problem, located. `line` is 1-based in the input text; 0 means the input as a whole. For
 * JSON, `line` is where the record's object starts and `path` names it (`value[3].Media[0]`).
 */
export interface ParseIssue {
  line: number;
  message: string;
  path?: string;
}

/** One case of a VICS `#Cases` document, as declared by the source. */
export interface VicsCaseSummary {
  caseId?: string;
  caseNumber?: string;
  /** Media records actually present (the declared `TotalMediaFiles` is not trusted). */
  mediaCount: number;
}

/**
 * The outcome of a parse. A bad record is listed in `errors` with its line and left out of
 * `entries`; the parse goes on. The caller decides: refuse the whole file when `errors` is not
 * empty, or import `entries` and report the rest. `warnings` never drop data.
 */
export interface ParseResult {
  /** The format read; 'unknown' when detection found none. */
  format: HashSetFormat | 'unknown';
  /** The variant read, e.g. 'VICS 2.0 #Cases (US)'. */
  variant?: string;
  entries: HashSetEntry[];
  errors: ParseIssue[];
  warnings: ParseIssue[];
  /** Records read and accepted, before records of one file were folded together. */
  records: number;
  /** VICS `#Cases` documents: the cases read. */
  cases?: VicsCaseSummary[];
}

export interface ParseOptions {
  /** Fold records of one physical file into one entry (default true); see `mergeEntries`. */
  merge?: boolean;
}

/** A record accepted by an importer, with where it came from. */
export interface LocatedEntry {
  entry: HashSetEntry;
  line: number;
  path?: string;
}

/** Runs the degenerate-hash checks and the merge, and reports both as warnings. */
export function finishParse(
  base: Omit<ParseResult, 'entries' | 'records'>,
  located: LocatedEntry[],
  options: ParseOptions = {},
): ParseResult {
  const warnings = [...base.warnings];
  for (const record of located) {
    for (const message of degenerateHashWarnings(record.entry)) warnings.push(issue(record, message));
  }
  const records = located.map((record) => record.entry);
  if (options.merge === false) return { ...base, warnings, entries: records, records: records.length };

  const merged = mergeEntries(records);
  const where = (index: number): string => {
    const record = located[index]!;
    return record.path === undefined ? `line ${record.line}` : `${record.path} (line ${record.line})`;
  };
  const folded = merged.sources.filter((sources) => sources.length > 1);
  if (folded.length > 0) {
    const count = folded.reduce((sum, sources) => sum + sources.length, 0);
    const first = folded[0]!;
    warnings.push({
      line: located[first[0]!]!.line,
      message:
        `${count} records were merged into ${folded.length} ${folded.length === 1 ? 'entry' : 'entries'} ` +
        `(one file: same MD5, SHA-1 or SHA-256, or a repeated PDQ or PhotoDNA); the first: ${first.map(where).join(', ')}`,
    });
  }
  for (const conflict of merged.conflicts) {
    const [first] = conflict.records;
    warnings.push({
      ...issue(located[first!]!, `${conflict.message}; records at ${conflict.records.map(where).join(', ')}`),
    });
  }
  return { ...base, warnings, entries: merged.entries, records: records.length };
}

/** An issue at a record's place. */
export function issue(at: { line: number; path?: string | undefined }, message: string): ParseIssue {
  return at.path === undefined ? { line: at.line, message } : { line: at.line, message, path: at.path };
}
