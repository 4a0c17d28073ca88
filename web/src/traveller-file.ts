// Reads a file of travellers in the browser, for the batch check: CSV with a header row, or JSON
// lines. Columns (or keys): id, name, birth_date, nationality, sex, document_number,
// document_country, mrz (camelCase keys are read too). Unreadable rows are reported with their line
// and left out; the rest is screened.
import type { Traveller } from './screening-api';

export interface TravellerRow {
  /** The 1-based line the row starts on. */
  line: number;
  traveller: Traveller;
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface TravellerFile {
  format: 'csv' | 'jsonl';
  rows: TravellerRow[];
  problems: RowProblem[];
}

type Key = keyof Traveller;

const COLUMNS: Readonly<Record<string, Key>> = {
  id: 'id',
  name: 'name',
  birth_date: 'birthDate',
  birthdate: 'birthDate',
  nationality: 'nationality',
  sex: 'sex',
  document_number: 'documentNumber',
  documentnumber: 'documentNumber',
  document_country: 'documentCountry',
  documentcountry: 'documentCountry',
  mrz: 'mrz',
};

function keyOf(column: string): Key | undefined {
  return COLUMNS[
    column
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ];
}

/** JSON lines when the first non-blank character opens an object, CSV otherwise. */
export function detectFormat(text: string): 'csv' | 'jsonl' {
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function parseTravellerFile(text: string): TravellerFile {
  const clean = text.replace(/^\uFEFF/, '');
  return detectFormat(clean) === 'jsonl' ? parseJsonLines(clean) : parseCsv(clean);
}

function screenable(traveller: Traveller): boolean {
  return Boolean(traveller.name || traveller.mrz || traveller.documentNumber);
}

const NOTHING = 'has no name, MRZ or document number to screen';

function parseJsonLines(text: string): TravellerFile {
  const rows: TravellerRow[] = [];
  const problems: RowProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'is not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, message: 'is not a JSON object' });
      return;
    }
    const traveller: Traveller = {};
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      const key = keyOf(name) ?? (name in EMPTY_TRAVELLER ? (name as Key) : undefined);
      if (key === undefined || field === null || field === undefined) continue;
      if (typeof field !== 'string' && typeof field !== 'number') {
        problems.push({ line, message: `has a ${name} that is not text` });
        return;
      }
      const text = String(field).trim();
      if (text !== '') traveller[key] = text;
    }
    if (!screenable(traveller)) problems.push({ line, message: NOTHING });
    else rows.push({ line, traveller });
  });
  return { format: 'jsonl', rows, problems };
}

const EMPTY_TRAVELLER: Readonly<Record<Key, true>> = {
  id: true,
  name: true,
  birthDate: true,
  nationality: true,
  sex: true,
  documentNumber: true,
  documentCountry: true,
  mrz: true,
};

interface CsvRecord {
  line: number;
  cells: string[];
  error?: string;
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks (a pasted MRZ). */
export function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let error: string | undefined;
  let i = 0;
  const finishRecord = () => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0] === '';
    if (!blank) records.push(error === undefined ? { line: start, cells } : { line: start, cells, error });
    cells = [];
    cell = '';
    error = undefined;
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
      i += 1;
      continue;
    }
    if (char === '"') {
      if (cell.trim() === '') {
        cell = '';
        quoted = true;
      } else {
        error ??= 'has a quote inside an unquoted cell';
        cell += char;
      }
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      finishRecord();
      line += 1;
      start = line;
    } else {
      cell += char;
    }
    i += 1;
  }
  if (quoted) error ??= 'has a quoted cell that is never closed';
  if (cell !== '' || cells.length > 0 || error !== undefined) finishRecord();
  return records;
}

function parseCsv(text: string): TravellerFile {
  const records = readCsvRecords(text);
  const [header, ...body] = records;
  if (!header) return { format: 'csv', rows: [], problems: [{ line: 1, message: 'is empty: the file has no header row' }] };
  const keys = header.cells.map(keyOf);
  if (!keys.some((key) => key === 'name' || key === 'mrz' || key === 'documentNumber')) {
    return {
      format: 'csv',
      rows: [],
      problems: [{ line: header.line, message: 'is not a header with a name, mrz or document_number column' }],
    };
  }
  const rows: TravellerRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of body) {
    if (record.error) {
      problems.push({ line: record.line, message: record.error });
      continue;
    }
    if (record.cells.length > keys.length) {
      problems.push({ line: record.line, message: `has ${record.cells.length} cells where the header has ${keys.length}` });
      continue;
    }
    const traveller: Traveller = {};
    record.cells.forEach((value, index) => {
      const key = keys[index];
      const text = value.trim();
      if (key !== undefined && text !== '') traveller[key] = text;
    });
    if (!screenable(traveller)) problems.push({ line: record.line, message: NOTHING });
    else rows.push({ line: record.line, traveller });
  }
  return { format: 'csv', rows, problems };
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
