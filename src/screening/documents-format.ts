/**
 * Stolen, lost and revoked travel documents (like INTERPOL's SLTD database) as CSV, pure and free
 * of I/O. Like the watchlist parsers it returns `{ documents, errors }` instead of throwing, one
 * error per rejected row with the line where the row starts (the header is line 1).
 *
 * Columns, in any order, case-insensitive, unknown columns ignored; only `number` is required:
 *   number         the document number as printed; kept as given, compared after
 *                  `normaliseDocumentNumber` (separators dropped, O/I/S/B folded to 0/1/5/8)
 *   country        issuing country: alpha-3 (incl. the MRZ's D, GBD, XXA…), alpha-2 or an English name
 *   document_type  passport | id_card | visa | other (also `type`; P, I, ID, V accepted); default passport
 *   status         stolen | lost | revoked (also `invalidated` → revoked); default stolen
 *   reported_on    YYYY-MM-DD (also `date_reported`)
 *   id             the source's identifier; empty falls back to `line-N`
 * A value that cannot be understood rejects the row rather than being silently dropped.
 *
 * @example parseDocumentsCsv('number,country,status\nX1234567,NLD,lost\n').documents[0] // { externalId: 'line-2', number: 'X1234567', country: 'NLD', documentType: 'passport', status: 'lost' }
 */
import { readCsvTable } from '../platform/csv.js';
import { normaliseCountry, normaliseDocumentNumber } from './person-match.js';
import type { WatchlistLineError } from './watchlist-formats.js';

export const documentTypes = ['passport', 'id_card', 'visa', 'other'] as const;
export type DocumentType = (typeof documentTypes)[number];
export const documentStatuses = ['stolen', 'lost', 'revoked'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export interface TravelDocumentRow {
  readonly externalId: string;
  readonly number: string;
  /** ISO alpha-3 (or an ICAO special code such as `D` or `XXA`). */
  readonly country?: string;
  readonly documentType: DocumentType;
  readonly status: DocumentStatus;
  /** `YYYY-MM-DD`. */
  readonly reportedOn?: string;
}

export interface DocumentsParseResult {
  readonly documents: TravelDocumentRow[];
  readonly errors: WatchlistLineError[];
}

const TYPE_ALIASES: Readonly<Record<string, DocumentType>> = {
  passport: 'passport',
  p: 'passport',
  id_card: 'id_card',
  'id card': 'id_card',
  id: 'id_card',
  i: 'id_card',
  visa: 'visa',
  v: 'visa',
  other: 'other',
};

const STATUS_ALIASES: Readonly<Record<string, DocumentStatus>> = {
  stolen: 'stolen',
  lost: 'lost',
  revoked: 'revoked',
  invalidated: 'revoked',
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Parses the documents CSV (see the module comment); a missing `number` column is one fatal error. */
export function parseDocumentsCsv(text: string): DocumentsParseResult {
  const documents: TravelDocumentRow[] = [];
  const errors: WatchlistLineError[] = [];
  const table = readCsvTable(text, ',');
  const index = table.columns;
  if (!index.has('number')) return { documents, errors: [{ line: 1, message: 'header has no "number" column' }] };
  for (const row of table.records) {
    const get = (...columns: string[]): string => {
      for (const column of columns) {
        const i = index.get(column);
        if (i !== undefined) return (row.cells[i] ?? '').trim();
      }
      return '';
    };
    const parsed = documentRow(get, row.line);
    if (typeof parsed === 'string') errors.push({ line: row.line, message: parsed });
    else documents.push(parsed);
  }
  // An unclosed quote swallows the rest of the file: the record it starts is reported, last.
  if (table.unterminated !== undefined) errors.push({ line: table.unterminated, message: 'unterminated quoted field' });
  return { documents, errors };
}

function documentRow(get: (...columns: string[]) => string, line: number): TravelDocumentRow | string {
  const number = get('number');
  if (number.length === 0) return 'number is empty';
  if (normaliseDocumentNumber(number).length < 3) return `number "${number}" has fewer than 3 letters or digits`;
  const rawCountry = get('country', 'issuing_country');
  const country = rawCountry.length === 0 ? undefined : normaliseCountry(rawCountry);
  if (rawCountry.length > 0 && country === undefined) return `country "${rawCountry}" is not a known country code or name`;
  const rawType = get('document_type', 'type').toLowerCase();
  const documentType = rawType.length === 0 ? 'passport' : TYPE_ALIASES[rawType];
  if (documentType === undefined) return `document type "${rawType}" is not one of ${documentTypes.join(', ')}`;
  const rawStatus = get('status').toLowerCase();
  const status = rawStatus.length === 0 ? 'stolen' : STATUS_ALIASES[rawStatus];
  if (status === undefined) return `status "${rawStatus}" is not one of ${documentStatuses.join(', ')}`;
  const reportedOn = get('reported_on', 'date_reported');
  if (reportedOn.length > 0 && !validDay(reportedOn)) return `reported_on "${reportedOn}" is not a date (YYYY-MM-DD)`;
  const id = get('id');
  return {
    externalId: id.length > 0 ? id : `line-${line}`,
    number,
    ...(country !== undefined && { country }),
    documentType,
    status,
    ...(reportedOn.length > 0 && { reportedOn }),
  };
}
