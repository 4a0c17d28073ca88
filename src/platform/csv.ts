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
