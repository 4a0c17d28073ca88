import { describe, expect, it } from 'vitest';
import { csvField, readCsv } from './csv.js';

const read = (text: string, delimiter = ';') => [...readCsv(text, delimiter)];

describe('readCsv', () => {
  it('splits plain records on LF, CRLF and CR', () => {
    expect(read('a;b\r\nc;d\ne;f\rg')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 3, cells: ['e', 'f'] },
      { line: 4, cells: ['g'] },
    ]);
  });

  it('reads quoted fields with the delimiter, doubled quotes and line breaks, counting lines', () => {
    const records = read('"x;y";"say ""hi""";"two\r\nlines"\r\nnext;"";end\r\n');
    expect(records).toEqual([
      { line: 1, cells: ['x;y', 'say "hi"', 'two\r\nlines'] },
      { line: 3, cells: ['next', '', 'end'] },
    ]);
  });

  it('keeps empty cells and blank lines', () => {
    expect(read(';;\n\nz')).toEqual([
      { line: 1, cells: ['', '', ''] },
      { line: 2, cells: [''] },
      { line: 3, cells: ['z'] },
    ]);
  });

  it('is lenient with stray quotes', () => {
    expect(read('ab"c;"q"rest;x')).toEqual([{ line: 1, cells: ['ab"c', 'qrest', 'x'] }]);
  });

  it('marks a quoted field that never closes', () => {
    expect(read('a;"open\nb;c\n')).toEqual([{ line: 1, cells: ['a', 'open\nb;c\n'], unterminated: true }]);
  });

  it('uses the delimiter it is given', () => {
    expect(read('a,b;c', ',')).toEqual([{ line: 1, cells: ['a', 'b;c'] }]);
  });
});

describe('csvField', () => {
  it('quotes only when needed', () => {
    expect(csvField('plain', ';')).toBe('plain');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('say "hi"', ';')).toBe('"say ""hi"""');
    expect(csvField('two\nlines', ';')).toBe('"two\nlines"');
    expect(csvField(' padded', ';')).toBe('" padded"');
    expect(csvField('a,b', ';')).toBe('a,b');
  });

  it('round-trips through readCsv', () => {
    const cells = ['a;b', '"quoted"', 'multi\r\nline', ' edge ', '', 'plain'];
    const [record] = read(cells.map((cell) => csvField(cell, ';')).join(';'));
    expect(record?.cells).toEqual(cells);
  });
});
