/**
 * Delimited text (RFC 4180 with a chosen delimiter), read and written. Quoted fields may hold the
 * delimiter, line breaks and doubled quotes (`""`). Reading is lenient the way spreadsheet
 * exports need: a quote inside an unquoted field is kept as text, and text after a closing quote
 * is appended.
 */

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  cells: string[];
  /** The record ends inside an unclosed quoted field (it swallowed the rest of the input). */
  unterminated?: boolean;
}

/** The records of a delimited text, one at a time. */
export function* readCsv(text: string, delimiter: string): Generator<CsvRecord> {
  const delim = delimiter.charCodeAt(0);
  const length = text.length;
  let i = 0;
  let line = 1;
  while (i < length) {
    const startLine = line;
    const cells: string[] = [];
    let unterminated = false;
    for (;;) {
      let cell = '';
      if (text.charCodeAt(i) === 34) {
        i += 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote === -1) {
            cell += text.slice(i);
            line += countLineBreaks(text, i, length);
            i = length;
            unterminated = true;
            break;
          }
          cell += text.slice(i, quote);
          line += countLineBreaks(text, i, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            cell += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
      }
      const start = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === delim || c === 10 || c === 13) break;
        i += 1;
      }
      cell += text.slice(start, i);
      cells.push(cell);
      if (i < length && text.charCodeAt(i) === delim) {
        i += 1;
        continue;
      }
      break;
    }
    if (i < length) {
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else i += 1;
      line += 1;
    }
    yield unterminated ? { line: startLine, cells, unterminated } : { line: startLine, cells };
  }
}

/** Text without a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A delimited text with a header row, read by `readCsvTable`. */
export interface CsvTable {
  /** The header cells as written. */
  readonly header: readonly string[];
  /** Each column's position by its trimmed, lower-cased name (the first of duplicates). */
  readonly columns: ReadonlyMap<string, number>;
  /** The records after the header; blank ones (every cell empty) are left out. */
  readonly records: readonly CsvRecord[];
  /** The line of a record that ends inside an unclosed quote (it swallowed the rest), left out of `records`. */
  readonly unterminated?: number;
}

/** Reads a delimited text with a header row; a leading byte-order mark is ignored. */
export function readCsvTable(text: string, delimiter: string): CsvTable {
  const [first, ...rest] = [...readCsv(stripBom(text), delimiter)];
  const header = first?.cells ?? [];
  const columns = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = cell.trim().toLowerCase();
    if (!columns.has(key)) columns.set(key, i);
  });
  const records: CsvRecord[] = [];
  let unterminated: number | undefined;
  for (const record of rest) {
    if (record.unterminated === true) unterminated = record.line;
    else if (record.cells.some((cell) => cell.trim().length > 0)) records.push(record);
  }
  return { header, columns, records, ...(unterminated !== undefined && { unterminated }) };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) count += 1;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count += 1;
  }
  return count;
}

/** One field, quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvField(value: string, delimiter: string): string {
  const needsQuotes =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim() ||
    value.startsWith('"');
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}
