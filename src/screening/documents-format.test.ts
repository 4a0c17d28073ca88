import { describe, expect, it } from 'vitest';
import { parseDocumentsCsv } from './documents-format.js';

describe('parseDocumentsCsv', () => {
  it('reads every column, in any order, with defaults for type and status', () => {
    const text =
      '\uFEFFStatus,Number,Country,Document_Type,Reported_On,id\r\nlost,X12 345 67,nl,passport,2026-03-01,sltd-1\r\n,AB-998877,Germany,,,\r\n';
    const { documents, errors } = parseDocumentsCsv(text);
    expect(errors).toEqual([]);
    expect(documents).toEqual([
      { externalId: 'sltd-1', number: 'X12 345 67', country: 'NLD', documentType: 'passport', status: 'lost', reportedOn: '2026-03-01' },
      { externalId: 'line-3', number: 'AB-998877', country: 'DEU', documentType: 'passport', status: 'stolen' },
    ]);
  });

  it('accepts the ICAO special issuing codes and the short type letters', () => {
    const { documents, errors } = parseDocumentsCsv('number,country,type,status\nC01X00T47,D,P,invalidated\nL898902C3,UTO,I,revoked\n');
    expect(errors).toEqual([]);
    expect(documents.map((d) => [d.country, d.documentType, d.status])).toEqual([
      ['D', 'passport', 'revoked'],
      ['UTO', 'id_card', 'revoked'],
    ]);
  });

  it('rejects each bad row with its line and keeps the good ones', () => {
    const text = [
      'number,country,status,reported_on',
      'X1234567,NLD,stolen,2026-01-01',
      ',NLD,stolen,',
      'Y1234567,ZZZ,stolen,',
      'Z1234567,NLD,borrowed,',
      'W1234567,NLD,lost,2026-02-30',
      '"Q1234567,NLD,lost,',
    ].join('\n');
    const { documents, errors } = parseDocumentsCsv(text);
    expect(documents.map((d) => d.number)).toEqual(['X1234567']);
    expect(errors).toEqual([
      { line: 3, message: 'number is empty' },
      { line: 4, message: 'country "ZZZ" is not a known country code or name' },
      { line: 5, message: 'status "borrowed" is not one of stolen, lost, revoked' },
      { line: 6, message: 'reported_on "2026-02-30" is not a date (YYYY-MM-DD)' },
      { line: 7, message: 'unterminated quoted field' },
    ]);
  });

  it('needs a number column', () => {
    expect(parseDocumentsCsv('doc,country\nX1,NLD\n').errors).toEqual([{ line: 1, message: 'header has no "number" column' }]);
  });
});
