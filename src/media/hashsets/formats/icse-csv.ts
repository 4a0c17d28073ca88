/**
 * ICSE CSV export (as the IPED forensic tool imports it): `;`-separated, a header row, one known
 * file per row.
 *
 *   MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;Series name;Number of submissions;File Available;Media Type;Baseline
 *
 * Read leniently: BOM, CRLF, quoted fields with `;`, `""` and line breaks, flags as yes/no, y/n,
 * true/false or 1/0, empty cells (not stated), columns in any order, header names in any case or
 * spacing (IPED's `ImageID` style too), extra trailing columns. An unknown column among the ICSE
 * ones is refused: a misspelt flag column would otherwise be dropped without a word.
 * `File Available` (whether ICSE holds the file) has no place in an entry and is not kept.
 */
import { parseFlag } from './booleans.js';
import { csvField, readCsv } from '../../../platform/csv.js';
import { checkHash, checkPhotoDna, type HashSetEntry, shorten } from './entry.js';
import { type ExportResult, prepareEntries } from './export-result.js';
import { finishParse, type LocatedEntry, type ParseIssue, type ParseOptions, type ParseResult } from './parse-result.js';
import { decodeText, type HashSetInput } from './text.js';

/** The columns of an ICSE export, in its order. */
export const icseColumns = [
  'MD5',
  'SHA1',
  'PhotoDNA',
  'Image ID',
  'Is distributed',
  'Victim identified',
  'Offender identified',
  'Series name',
  'Number of submissions',
  'File Available',
  'Media Type',
  'Baseline',
] as const;

type IcseColumn = (typeof icseColumns)[number];

const comparable = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const columnByName = new Map<string, IcseColumn>(icseColumns.map((column) => [comparable(column), column]));
columnByName.set('numsubmissions', 'Number of submissions');
const hashColumns: readonly IcseColumn[] = ['MD5', 'SHA1', 'PhotoDNA'];
const flagFields = {
  'Is distributed': 'distributed',
  'Victim identified': 'victimIdentified',
  'Offender identified': 'offenderIdentified',
  Baseline: 'baseline',
} as const satisfies Partial<Record<IcseColumn, keyof HashSetEntry>>;

const delimiter = ';';

/** Whether a first line is an ICSE header: `;`-separated with at least three ICSE column names. */
export function looksLikeIcseHeader(firstLine: string): boolean {
  if (!firstLine.includes(delimiter)) return false;
  const known = firstLine.split(delimiter).filter((cell) => columnByName.has(comparable(cell.replaceAll('"', ''))));
  return known.length >= 3;
}

/** Reads an ICSE CSV export. */
export function parseIcseCsv(input: HashSetInput, options: ParseOptions = {}): ParseResult {
  const decoded = decodeText(input);
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [...decoded.warnings];
  const base = { format: 'icse-csv' as const, variant: 'ICSE CSV', errors, warnings };
  const records = readCsv(decoded.text, delimiter);

  let header: { line: number; cells: string[] } | undefined;
  // Pulled by hand: leaving a for-of early would close the generator.
  for (let next = records.next(); !next.done; next = records.next()) {
    if (next.value.cells.some((cell) => cell.trim() !== '')) {
      header = next.value;
      break;
    }
  }
  if (!header) {
    errors.push({ line: 0, message: 'the input is empty: an ICSE export starts with the header row' });
    return finishParse(base, [], options);
  }
  const columns = mapHeader(header, errors, warnings);
  if (!columns) return finishParse(base, [], options);

  const located: LocatedEntry[] = [];
  let extraRows = 0;
  let firstExtraLine = 0;
  for (const record of records) {
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    if (record.unterminated) {
      errors.push({ line: record.line, message: 'a quoted field is never closed: the rest of the input was read as one field' });
      continue;
    }
    if (record.cells.slice(columns.length).some((cell) => cell.trim() !== '')) {
      extraRows += 1;
      firstExtraLine ||= record.line;
    }
    const result = rowToEntry(record.cells, columns);
    if (typeof result === 'string') errors.push({ line: record.line, message: result });
    else located.push({ entry: result, line: record.line });
  }
  if (extraRows > 0) {
    warnings.push({
      line: firstExtraLine,
      message: `${extraRows} ${extraRows === 1 ? 'row has' : 'rows have'} values beyond the header's ${columns.length} columns; they were ignored`,
    });
  }
  return finishParse(base, located, options);
}

/** Each header position's column (undefined: ignored), or undefined when the header is refused. */
function mapHeader(
  header: { line: number; cells: string[] },
  errors: ParseIssue[],
  warnings: ParseIssue[],
): (IcseColumn | undefined)[] | undefined {
  const names = header.cells.map((cell) => cell.trim());
  const columns = names.map((name) => columnByName.get(comparable(name)));
  const expected = icseColumns.join(delimiter);
  const refuse = (message: string) => {
    errors.push({ line: header.line, message });
    return undefined;
  };
  if (names[0] !== undefined && checkHash('md5', names[0]).ok) {
    return refuse(`the first line is data, not a header: an ICSE export starts with ${expected}`);
  }
  if (!columns.some((column) => column !== undefined && hashColumns.includes(column))) {
    return refuse(
      `not an ICSE header (no MD5, SHA1 or PhotoDNA column): expected ${expected}, found '${shorten(names.join(delimiter), 120)}'`,
    );
  }
  const lastKnown = columns.reduce<number>((last, column, index) => (column === undefined ? last : index), -1);
  const unknown = names.filter((name, index) => name !== '' && columns[index] === undefined && index < lastKnown);
  if (unknown.length > 0) {
    return refuse(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `'${name}'`).join(', ')}: expected ${expected}`);
  }
  const seen = new Set<IcseColumn>();
  for (const column of columns) {
    if (column === undefined) continue;
    if (seen.has(column)) return refuse(`column '${column}' appears twice`);
    seen.add(column);
  }
  const trailing = names.filter((name, index) => name !== '' && columns[index] === undefined);
  if (trailing.length > 0) {
    warnings.push({ line: header.line, message: `extra columns ignored: ${trailing.map((name) => `'${name}'`).join(', ')}` });
  }
  const missing = icseColumns.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    warnings.push({ line: header.line, message: `columns missing (read as empty): ${missing.map((name) => `'${name}'`).join(', ')}` });
  }
  return columns;
}

/** One row as an entry, or every problem in it. */
function rowToEntry(cells: string[], columns: (IcseColumn | undefined)[]): HashSetEntry | string {
  const entry: HashSetEntry = {};
  const problems: string[] = [];
  columns.forEach((column, index) => {
    const value = cells[index]?.trim() ?? '';
    if (column === undefined || value === '') return;
    switch (column) {
      case 'MD5':
      case 'SHA1': {
        const kind = column === 'MD5' ? 'md5' : 'sha1';
        const checked = checkHash(kind, value);
        if (checked.ok) entry[kind] = checked.value;
        else problems.push(checked.reason);
        break;
      }
      case 'PhotoDNA': {
        const checked = checkPhotoDna(value);
        if (checked.ok) entry.photoDna = checked.value;
        else problems.push(checked.reason);
        break;
      }
      case 'Image ID':
        entry.externalId = value;
        break;
      case 'Series name':
        entry.seriesName = value;
        break;
      case 'Media Type':
        entry.mediaType = value;
        break;
      case 'Number of submissions':
        if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) entry.submissions = Number(value);
        else problems.push(`'Number of submissions' must be a whole number, found '${shorten(value)}'`);
        break;
      case 'File Available':
        break;
      case 'Is distributed':
      case 'Victim identified':
      case 'Offender identified':
      case 'Baseline': {
        const flag = parseFlag(value);
        if (flag === null) problems.push(`'${column}' must be yes/no, true/false or 1/0, found '${shorten(value)}'`);
        else if (flag !== undefined) entry[flagFields[column]] = flag;
        break;
      }
    }
  });
  if (problems.length > 0) return problems.join('; ');
  if (entry.md5 === undefined && entry.sha1 === undefined && entry.photoDna === undefined) {
    return 'no hash: MD5, SHA1 and PhotoDNA are all empty';
  }
  return entry;
}

const flag = (value: boolean | undefined): string => (value === undefined ? '' : value ? 'Yes' : 'No');

/**
 * Writes an ICSE CSV export (header, CRLF lines, flags as Yes/No). It carries MD5, SHA-1,
 * PhotoDNA, Image ID, the flags, series, submissions and media type; entries with none of the
 * three hashes are skipped, and SHA-256, PDQ, category, notes and file name are not written.
 */
export function exportIcseCsv(entries: readonly HashSetEntry[]): ExportResult {
  const { ready, skipped } = prepareEntries(entries, (entry) =>
    entry.md5 === undefined && entry.sha1 === undefined && entry.photoDna === undefined
      ? 'ICSE CSV needs an MD5, SHA-1 or PhotoDNA'
      : undefined,
  );
  const lines = [icseColumns.join(delimiter)];
  for (const { entry } of ready) {
    const cells = [
      entry.md5 ?? '',
      entry.sha1 ?? '',
      entry.photoDna ?? '',
      entry.externalId ?? '',
      flag(entry.distributed),
      flag(entry.victimIdentified),
      flag(entry.offenderIdentified),
      entry.seriesName ?? '',
      entry.submissions === undefined ? '' : String(entry.submissions),
      '',
      entry.mediaType ?? '',
      flag(entry.baseline),
    ];
    lines.push(cells.map((cell) => csvField(cell, delimiter)).join(delimiter));
  }
  return { text: lines.join('\r\n') + '\r\n', written: ready.length, skipped, warnings: [] };
}
