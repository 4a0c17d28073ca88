/**
 * Files of travellers to screen, pure and free of I/O: CSV with a header row, or JSON lines (one
 * object per line). Columns or keys: `id, name, birth_date, nationality, sex, document_number,
 * document_country, mrz` (camelCase keys are read too; unknown ones ignored; any subset with a name,
 * an MRZ or a document number). A row that cannot be read is yielded as an error with its line, and
 * the rest of the file is still read. A CSV MRZ field holds its lines in one quoted cell, or
 * separated by spaces or `|`.
 *
 * @example [...readTravellers('id,name\nt1,Anna Eriksson\n', 'csv')] // [{ line: 2, traveller: { id: 't1', name: 'Anna Eriksson' } }]
 */
import { readCsvTable, stripBom } from '../platform/csv.js';
import type { Traveller } from './traveller.js';

export type TravellerFormat = 'csv' | 'jsonl';

export type TravellerRow = { readonly line: number; readonly traveller: Traveller } | { readonly line: number; readonly error: string };

type Key = keyof Traveller;

const KEYS: Readonly<Record<string, Key>> = {
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

const keyOf = (name: string): Key | undefined => KEYS[name.trim().toLowerCase()];

/** The format a file name implies: `.jsonl`, `.ndjson` and `.json` are JSON lines, anything else CSV. */
export function travellerFormatOf(fileName: string): TravellerFormat {
  return /\.(jsonl|ndjson|json)$/i.test(fileName) ? 'jsonl' : 'csv';
}

/** MRZ lines written on one line, separated by `|` or spaces, back on their own lines. */
function mrzLines(value: string): string {
  return value.includes('\n') ? value : value.split(/[|\s]+/).join('\n');
}

function build(values: Iterable<readonly [Key, string]>): Traveller {
  const traveller: Partial<Record<Key, string>> = {};
  for (const [key, raw] of values) {
    const value = raw.trim();
    if (value.length > 0) traveller[key] = key === 'mrz' ? mrzLines(value) : value;
  }
  return traveller;
}

/** The rows of a travellers file (see the module comment). */
export function* readTravellers(text: string, format: TravellerFormat): Generator<TravellerRow> {
  if (format === 'jsonl') {
    let line = 0;
    for (const raw of stripBom(text).split('\n')) {
      line++;
      if (raw.trim().length === 0) continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        yield { line, error: 'not valid JSON' };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line, error: 'not a JSON object' };
        continue;
      }
      const pairs: [Key, string][] = [];
      let bad: string | undefined;
      for (const [name, v] of Object.entries(value)) {
        const key = keyOf(name);
        if (key === undefined || v === null || v === undefined) continue;
        if (typeof v === 'string' || typeof v === 'number') pairs.push([key, String(v)]);
        else bad = `"${name}" is not a string`;
      }
      if (bad !== undefined) yield { line, error: bad };
      else yield { line, traveller: build(pairs) };
    }
    return;
  }
  const table = readCsvTable(text, ',');
  if (table.header.length === 0) return;
  const columns = table.header.map(keyOf);
  if (!columns.some((key) => key === 'name' || key === 'mrz' || key === 'documentNumber')) {
    yield { line: 1, error: 'the header has none of the columns name, mrz, document_number' };
    return;
  }
  for (const record of table.records) {
    const pairs: [Key, string][] = [];
    record.cells.forEach((cell, i) => {
      const key = columns[i];
      if (key !== undefined) pairs.push([key, cell]);
    });
    yield { line: record.line, traveller: build(pairs) };
  }
  if (table.unterminated !== undefined) yield { line: table.unterminated, error: 'unterminated quoted field' };
}
