import { describe, expect, it } from 'vitest';
import { checkDigit, parseMrz, type Mrz, type MrzIssue } from './mrz.js';

const today = new Date('2026-11-29T12:00:00Z');
const cd = (s: string): string => String(checkDigit(s));

const TD3_SPECIMEN = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1_SPECIMEN = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD2_SPECIMEN = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

interface Td3 {
  code?: string;
  state?: string;
  name: string;
  number: string;
  nationality: string;
  birth: string;
  sex: string;
  expiry: string;
  personal?: string;
}

/** A TD3 passport with every check digit computed. */
function td3(o: Td3): string[] {
  const line1 = `${o.code ?? 'P<'}${(o.state ?? 'UTO').padEnd(3, '<')}${o.name}`.padEnd(44, '<').slice(0, 44);
  const number = o.number.padEnd(9, '<');
  const personal = (o.personal ?? '').padEnd(14, '<');
  const body =
    number +
    cd(number) +
    o.nationality.padEnd(3, '<') +
    o.birth +
    cd(o.birth) +
    o.sex +
    o.expiry +
    cd(o.expiry) +
    personal +
    (o.personal ? cd(personal) : '<');
  return [line1, body + cd(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43))];
}

interface Td1 {
  state?: string;
  number: string;
  optional?: string;
  birth: string;
  sex: string;
  expiry: string;
  nationality: string;
  optional2?: string;
  name: string;
}

/** A TD1 card with every check digit computed; numbers over 9 characters continue into the optional data. */
function td1(o: Td1): string[] {
  const numberPart =
    o.number.length > 9
      ? `${o.number.slice(0, 9)}<${o.number.slice(9)}${cd(o.number)}${o.optional ?? ''}`
      : `${o.number.padEnd(9, '<')}${cd(o.number.padEnd(9, '<'))}${o.optional ?? ''}`;
  const line1 = `I<${o.state ?? 'UTO'}${numberPart}`.padEnd(30, '<');
  const body = `${o.birth}${cd(o.birth)}${o.sex}${o.expiry}${cd(o.expiry)}${o.nationality.padEnd(3, '<')}${(o.optional2 ?? '').padEnd(11, '<')}`;
  const composite = cd(line1.slice(5, 30) + body.slice(0, 7) + body.slice(8, 15) + body.slice(18, 29));
  return [line1, body + composite, o.name.padEnd(30, '<')];
}

function parsed(lines: string[] | string): Mrz {
  const result = parseMrz(Array.isArray(lines) ? lines.join('\n') : lines, { today });
  if (!result.ok) throw new Error(`expected a valid MRZ, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.mrz;
}

function errors(lines: string[] | string): MrzIssue[] {
  const result = parseMrz(Array.isArray(lines) ? lines.join('\n') : lines, { today });
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

/** Replaces the digit at 1-based (line, column) with the next digit. */
function breakDigit(lines: string[], line: number, column: number): string[] {
  return lines.map((text, i) => {
    if (i !== line - 1) return text;
    const digit = text[column - 1] ?? '';
    const replacement = digit === '<' ? '1' : String((Number(digit) + 1) % 10);
    return text.slice(0, column - 1) + replacement + text.slice(column);
  });
}

describe('checkDigit', () => {
  it('weights 7, 3, 1 over digits, letters and filler', () => {
    expect(checkDigit('L898902C3')).toBe(6);
    expect(checkDigit('740812')).toBe(2);
    expect(checkDigit('120415')).toBe(9);
    expect(checkDigit('ZE184226B<<<<<')).toBe(1);
    expect(checkDigit('<<<<<<')).toBe(0);
    expect(checkDigit('')).toBe(0);
  });

  it('throws on characters outside the MRZ alphabet (a programmer error)', () => {
    expect(() => checkDigit('abc')).toThrow(RangeError);
  });
});

describe('parseMrz: ICAO specimens', () => {
  it('reads the TD3 passport specimen', () => {
    expect(parsed(TD3_SPECIMEN)).toEqual({
      format: 'TD3',
      documentCode: 'P',
      documentType: 'passport',
      issuingState: { code: 'UTO', kind: 'specimen' },
      nationality: { code: 'UTO', kind: 'specimen' },
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifiers: ['ANNA', 'MARIA'],
      nameTruncated: false,
      documentNumber: 'L898902C3',
      birthDate: { raw: '740812', iso: '1974-08-12', year: 1974, month: 8, day: 12, century: 1900 },
      expiryDate: { raw: '120415', iso: '2012-04-15', year: 2012, month: 4, day: 15, century: 2000 },
      expired: true,
      sex: 'F',
      optionalData: 'ZE184226B',
      optionalData2: null,
      personalNumber: 'ZE184226B',
      raw: TD3_SPECIMEN,
    } satisfies Mrz);
  });

  it('reads the TD1 card specimen', () => {
    const mrz = parsed(TD1_SPECIMEN);
    expect(mrz).toMatchObject({
      format: 'TD1',
      documentCode: 'I',
      documentType: 'id_card',
      documentNumber: 'D23145890',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifiers: ['ANNA', 'MARIA'],
      nationality: { code: 'UTO', kind: 'specimen' },
      sex: 'F',
      optionalData: '',
      optionalData2: '',
      personalNumber: null,
    });
    expect(mrz.birthDate.iso).toBe('1974-08-12');
    expect(mrz.expiryDate.iso).toBe('2012-04-15');
  });

  it('reads the TD2 specimen', () => {
    expect(parsed(TD2_SPECIMEN)).toMatchObject({
      format: 'TD2',
      documentCode: 'I',
      documentType: 'id_card',
      documentNumber: 'D23145890',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifiers: ['ANNA', 'MARIA'],
      birthDate: { iso: '1974-08-12' },
      expiryDate: { iso: '2012-04-15' },
      optionalData: '',
      optionalData2: null,
      personalNumber: null,
    });
  });
});

describe('parseMrz: constructed documents', () => {
  it('reads a German passport with the one-letter code D', () => {
    const lines = td3({
      state: 'D',
      name: 'MUSTERMANN<<ERIKA',
      number: 'C01X00T47',
      nationality: 'D',
      birth: '640812',
      sex: 'F',
      expiry: '310630',
    });
    expect(lines[0]).toBe('P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<');
    expect(parsed(lines)).toMatchObject({
      issuingState: { code: 'D', kind: 'germany' },
      nationality: { code: 'D', kind: 'germany' },
      primaryIdentifier: 'MUSTERMANN',
      secondaryIdentifiers: ['ERIKA'],
      documentNumber: 'C01X00T47',
      birthDate: { iso: '1964-08-12' },
      expiryDate: { iso: '2031-06-30', century: 2000 },
      expired: false,
      personalNumber: null,
    });
  });

  it('reads a stateless person with XXA, and ISO and UK codes', () => {
    const stateless = td3({
      state: 'DEU',
      name: 'MUSTERMANN<<MAX',
      number: 'X1234567',
      nationality: 'XXA',
      birth: '900101',
      sex: 'M',
      expiry: '300101',
    });
    expect(parsed(stateless)).toMatchObject({
      issuingState: { code: 'DEU', kind: 'iso' },
      nationality: { code: 'XXA', kind: 'stateless' },
      documentNumber: 'X1234567',
    });
    const uk = td3({
      state: 'GBR',
      name: 'SPECIMEN<<JOHN',
      number: '123456789',
      nationality: 'GBO',
      birth: '900101',
      sex: 'M',
      expiry: '300101',
    });
    expect(parsed(uk).nationality).toEqual({ code: 'GBO', kind: 'uk_variant' });
  });

  it('reads sex X, and < as unknown sex', () => {
    const base = { name: 'ERIKSSON<<ANNA', number: 'AB1234567', nationality: 'UTO', birth: '850101', expiry: '300101' };
    expect(parsed(td3({ ...base, sex: 'X' })).sex).toBe('X');
    expect(parsed(td3({ ...base, sex: '<' })).sex).toBeNull();
    expect(errors(td3({ ...base, sex: 'Q' })).map((e) => e.field)).toEqual(['sex']);
  });

  it('keeps the raw birth date when the day or month is unknown', () => {
    const base = { name: 'ERIKSSON<<ANNA', number: 'AB1234567', nationality: 'UTO', sex: 'F', expiry: '300101' };
    expect(parsed(td3({ ...base, birth: '6805<<' })).birthDate).toEqual({
      raw: '6805<<',
      iso: null,
      year: 1968,
      month: 5,
      day: null,
      century: 1900,
    });
    expect(parsed(td3({ ...base, birth: '68<<<<' })).birthDate).toMatchObject({ raw: '68<<<<', iso: null, year: 1968, month: null });
  });

  it('reads a TD3 personal number, and an empty one whose check digit is < or 0', () => {
    const base = { name: 'ERIKSSON<<ANNA', number: 'AB1234567', nationality: 'UTO', sex: 'F', birth: '850101', expiry: '300101' };
    expect(parsed(td3({ ...base, personal: '12345<678' })).personalNumber).toBe('12345<678');
    const empty = td3(base);
    expect(empty[1]?.[42]).toBe('<');
    expect(parsed(empty).personalNumber).toBeNull();
    const zero = empty.map((l, i) => (i === 1 ? l.slice(0, 42) + '0' + l.slice(43) : l));
    expect(parsed(zero).personalNumber).toBeNull();
  });

  it('reads a long TD1 document number continuing into the optional data', () => {
    const lines = td1({
      number: 'D23145890734',
      birth: '740812',
      sex: 'F',
      expiry: '120415',
      nationality: 'UTO',
      name: 'ERIKSSON<<ANNA<MARIA',
    });
    expect(lines[0]).toBe('I<UTOD23145890<7349<<<<<<<<<<<');
    expect(parsed(lines)).toMatchObject({ documentNumber: 'D23145890734', optionalData: '' });

    const withOptional = td1({
      number: 'D23145890734',
      optional: '<ABC12',
      birth: '740812',
      sex: 'F',
      expiry: '120415',
      nationality: 'UTO',
      optional2: 'XYZ',
      name: 'ERIKSSON<<ANNA',
    });
    expect(parsed(withOptional)).toMatchObject({ documentNumber: 'D23145890734', optionalData: 'ABC12', optionalData2: 'XYZ' });

    const broken = errors(breakDigit(lines, 1, 19));
    expect(broken.find((e) => e.field === 'documentNumber')).toMatchObject({ line: 1, start: 19, end: 19, expected: '9', found: '0' });
  });

  it('reads a long TD2 document number', () => {
    const number = 'D23145890734';
    const line1 = 'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<';
    const body = `${number.slice(0, 9)}<UTO7408122F1204159${number.slice(9)}${cd(number)}<<<`;
    const line2 = body + cd(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 35));
    expect(parsed([line1, line2])).toMatchObject({ format: 'TD2', documentNumber: number, optionalData: '' });
  });

  it('flags a full name field as possibly truncated', () => {
    expect(parsed(TD3_SPECIMEN).nameTruncated).toBe(false);
    const lines = td3({
      name: 'MUSTERMANN<<ERIKA<CHARLOTTE<MAXIMILIANE',
      number: 'C01X00T47',
      nationality: 'D',
      state: 'D',
      birth: '640812',
      sex: 'F',
      expiry: '310630',
    });
    expect(parsed(lines)).toMatchObject({ nameTruncated: true, secondaryIdentifiers: ['ERIKA', 'CHARLOTTE', 'MAXIMILIANE'] });
  });

  it('reads machine-readable visas (MRV-A, MRV-B), which have no composite check digit', () => {
    const number = 'L8988901C';
    const line2a = `${number}${cd(number)}UTO7408122F300101${cd('300101')}${'<'.repeat(16)}`;
    expect(parsed(['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', line2a])).toMatchObject({
      format: 'TD3',
      documentType: 'visa',
      documentCode: 'V',
      personalNumber: null,
    });
    const line2b = `${number}${cd(number)}UTO7408122F300101${cd('300101')}12345678`;
    expect(parsed(['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', line2b])).toMatchObject({
      format: 'TD2',
      documentType: 'visa',
      optionalData: '12345678',
    });
  });
});

describe('parseMrz: dates', () => {
  const base = { name: 'ERIKSSON<<ANNA', number: 'AB1234567', nationality: 'UTO', sex: 'F' };

  it('puts a birth date in the century that makes it today or earlier', () => {
    expect(parsed(td3({ ...base, birth: '261129', expiry: '300101' })).birthDate.iso).toBe('2026-11-29');
    expect(parsed(td3({ ...base, birth: '261130', expiry: '300101' })).birthDate.iso).toBe('1926-11-30');
    expect(parsed(td3({ ...base, birth: '000229', expiry: '300101' })).birthDate.iso).toBe('2000-02-29');
  });

  it('puts an expiry date within fifty years of today, and says which century', () => {
    expect(parsed(td3({ ...base, birth: '800101', expiry: '750101' })).expiryDate).toMatchObject({ iso: '2075-01-01', century: 2000 });
    expect(parsed(td3({ ...base, birth: '800101', expiry: '800101' })).expiryDate).toMatchObject({ iso: '1980-01-01', century: 1900 });
  });

  it('accepts a document with no expiry date', () => {
    const lines = td3({ ...base, birth: '800101', expiry: '<<<<<<' });
    expect(lines[1]?.[27]).toBe('0');
    expect(parsed(lines)).toMatchObject({ expiryDate: { raw: '<<<<<<', iso: null, century: null }, expired: null });
    const fillerCheck = lines.map((l, i) =>
      i === 1 ? l.slice(0, 27) + '<' + l.slice(28, 43) + cd(l.slice(0, 10) + l.slice(13, 20) + l.slice(21, 27) + '<' + l.slice(28, 43)) : l,
    );
    expect(parsed(fillerCheck).expiryDate.iso).toBeNull();
  });

  it('throws on an invalid today (a programmer error)', () => {
    expect(() => parseMrz(TD3_SPECIMEN.join('\n'), { today: new Date('nonsense') })).toThrow(RangeError);
  });

  it('reports an impossible date against its field', () => {
    const found = errors(td3({ ...base, birth: '991340', expiry: '300101' }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ field: 'birthDate', line: 2, start: 14, end: 19 });
    expect(found[0]?.message).toMatch(/month 13/);
    expect(errors(td3({ ...base, birth: '800101', expiry: '270230' })).map((e) => e.field)).toEqual(['expiryDate']);
    expect(errors(td3({ ...base, birth: '800101', expiry: '27<<30' })).map((e) => e.field)).toEqual(['expiryDate']);
  });
});

describe('parseMrz: check digits', () => {
  const cases: [string, string[], [string, number, number][]][] = [
    [
      'TD3',
      TD3_SPECIMEN,
      [
        ['documentNumber', 2, 10],
        ['birthDate', 2, 20],
        ['expiryDate', 2, 28],
        ['personalNumber', 2, 43],
        ['composite', 2, 44],
      ],
    ],
    [
      'TD2',
      TD2_SPECIMEN,
      [
        ['documentNumber', 2, 10],
        ['birthDate', 2, 20],
        ['expiryDate', 2, 28],
        ['composite', 2, 36],
      ],
    ],
    [
      'TD1',
      TD1_SPECIMEN,
      [
        ['documentNumber', 1, 15],
        ['birthDate', 2, 7],
        ['expiryDate', 2, 15],
        ['composite', 2, 30],
      ],
    ],
  ];

  for (const [format, specimen, digits] of cases) {
    for (const [field, line, column] of digits) {
      it(`${format}: names ${field} when its check digit is wrong`, () => {
        const found = errors(breakDigit(specimen, line, column));
        const issue = found.find((e) => e.field === field);
        const original = specimen[line - 1]?.[column - 1];
        expect(issue).toMatchObject({ line, start: column, end: column, expected: original });
        expect(issue?.message).toContain(`should be ${original}`);
        // A check digit is itself part of the composite, so breaking one breaks the composite too.
        expect(found.map((e) => e.field).sort()).toEqual(field === 'composite' ? ['composite'] : ['composite', field].sort());
      });
    }
  }

  it('rejects < as a check digit for a document number that has no continuation', () => {
    const lines = breakDigit(TD3_SPECIMEN, 2, 10).map((l, i) => (i === 1 ? l.slice(0, 9) + '<' + l.slice(10) : l));
    expect(errors(lines).find((e) => e.field === 'documentNumber')).toMatchObject({ found: '<', expected: '6' });
  });
});

describe('parseMrz: tolerant input', () => {
  it('accepts spaces, lower case, CRLF, blank lines, surrounding whitespace and « for <', () => {
    const messy = [
      '',
      '   p<uto eriksson«« anna«maria «««««««««««««««««««   ',
      '',
      '  L898 902C3 6UTO 7408122 F 1204159 ZE184226B<<<<<10\t',
      '',
    ].join('\r\n');
    expect(parsed(messy)).toMatchObject({ documentNumber: 'L898902C3', primaryIdentifier: 'ERIKSSON', raw: TD3_SPECIMEN });
    expect(parsed(TD1_SPECIMEN.map((l) => l.replace(/</g, '‹')).join('\r\n')).documentNumber).toBe('D23145890');
  });

  it('splits a zone scanned as one line', () => {
    expect(parsed(TD3_SPECIMEN.join('')).format).toBe('TD3');
    expect(parsed(TD1_SPECIMEN.join(' ')).format).toBe('TD1');
  });

  it('reports characters outside the MRZ alphabet with their column', () => {
    const lines = [TD3_SPECIMEN[0]?.replace('ERIKSSON', 'ÉRIKSSON') ?? '', TD3_SPECIMEN[1] ?? ''];
    expect(errors(lines)).toEqual([expect.objectContaining({ field: 'line1', line: 1, start: 6, end: 6 })]);
  });
});

describe('parseMrz: wrong shapes', () => {
  it('names the line that has the wrong length for the format it resembles', () => {
    const found = errors([TD3_SPECIMEN[0] ?? '', (TD3_SPECIMEN[1] ?? '').slice(0, 43)]);
    expect(found.map((e) => e.field)).toEqual(['format', 'line2']);
    expect(found[0]?.message).toMatch(/2 lines of 44, 43 characters.*TD1 \(3 lines of 30\)/);
    expect(found[1]?.message).toMatch(/43 characters: TD3 needs 44/);
  });

  it('says a TD1 line is missing', () => {
    const found = errors(TD1_SPECIMEN.slice(0, 2));
    expect(found.map((e) => e.field)).toEqual(['format', 'line3']);
  });

  it('rejects text that fits no format, and empty text', () => {
    expect(errors('P<UTOERIKSSON').map((e) => e.field)).toEqual(['format']);
    expect(errors(['A', 'B', 'C', 'D']).map((e) => e.field)).toEqual(['format']);
    expect(errors(' \n \r\n').map((e) => e.field)).toEqual(['text']);
  });

  it('reports a document code and state codes that are not letters', () => {
    const lines = td3({
      code: '1<',
      state: 'U1O',
      name: 'ERIKSSON<<ANNA',
      number: 'AB1234567',
      nationality: 'UTO',
      birth: '850101',
      sex: 'F',
      expiry: '300101',
    });
    expect(errors(lines).map((e) => e.field)).toEqual(['documentCode', 'issuingState']);
  });

  it('reports a digit in the name field (a common OCR slip for O)', () => {
    const lines = [(TD3_SPECIMEN[0] ?? '').replace('ERIKSSON', 'ER1KSSON'), TD3_SPECIMEN[1] ?? ''];
    expect(errors(lines)).toEqual([expect.objectContaining({ field: 'name', line: 1, start: 6, end: 44 })]);
  });
});
