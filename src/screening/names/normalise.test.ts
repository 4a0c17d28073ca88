import { describe, expect, it } from 'vitest';
import { normaliseName, normaliseNameText, tokenKind } from './normalise.js';

const text = normaliseNameText;

describe('normaliseName', () => {
  it('folds case, removes diacritics and special Latin letters', () => {
    expect(text('José Ñúñez')).toBe('jose nunez');
    expect(text('Recep Tayyip ERDOĞAN')).toBe('recep tayyip erdogan');
    expect(text('Straße Øre Þór Łukasz')).toBe('strasse ore thor lukasz');
  });

  it('turns punctuation and hyphens into spaces and drops apostrophes', () => {
    expect(text('Hans-Peter O’Brien')).toBe('hans peter obrien');
    expect(text("MUN CHO'NG-MIN")).toBe('mun chong min');
    expect(text('Thomas A. Lindeman')).toBe('thomas a lindeman');
    expect(text('  ')).toBe('');
  });

  it('romanises Cyrillic, Greek, Arabic, Hebrew and Armenian', () => {
    expect(text('Владимир Путин')).toBe('vladimir putin');
    expect(text('Αλέξανδρος Τσίπρας')).toBe('alexandros tsipras');
    expect(text('محمد')).toBe('mhmd');
    expect(text('יוסף')).toBe('yvsf');
    expect(text('Բարակ Օբամա')).toBe('barak obama');
  });

  it('romanises Han and Hangul syllables as surname plus given name', () => {
    expect(text('毛泽东')).toBe('mao zedong');
    expect(text('김정은')).toBe('gim jeongeun');
    expect(text('バラク・オバマ')).toBe('baraku obama');
  });

  it('reads ICAO MRZ names as primary and given parts', () => {
    expect(normaliseName('ERIKSSON<<ANNA<MARIA')).toEqual([
      { text: 'eriksson', kind: 'name', part: 'primary' },
      { text: 'anna', kind: 'name', part: 'given' },
      { text: 'maria', kind: 'name', part: 'given' },
    ]);
    expect(normaliseName('VAN<DER<BERG<<JAN<<<<<<').map((t) => [t.text, t.part])).toEqual([
      ['van', 'primary'],
      ['der', 'primary'],
      ['berg', 'primary'],
      ['jan', 'given'],
    ]);
  });

  it('reads list names written FAMILY, Given', () => {
    expect(normaliseName('AL-MOSULI, Mohammad').map((t) => [t.text, t.kind, t.part])).toEqual([
      ['al', 'particle', 'primary'],
      ['mosuli', 'name', 'primary'],
      ['mohammad', 'name', 'given'],
    ]);
  });

  it('marks particles and honorifics', () => {
    expect(normaliseName('Dr. Osama bin Laden').map((t) => t.kind)).toEqual(['honorific', 'name', 'particle', 'name']);
    expect(normaliseName('Ludwig van der Rohe').map((t) => t.kind)).toEqual(['name', 'particle', 'particle', 'name']);
    expect(tokenKind('sheikh')).toBe('honorific');
    expect(tokenKind('abu')).toBe('particle');
    expect(tokenKind('e')).toBe('name');
  });
});

describe('normaliseName on OCR-read MRZ names', () => {
  it('reads digits in an MRZ name as the letters OCR mistook them for', () => {
    expect(normaliseNameText('S0K<HWA<<HWANG')).toBe('sok hwa hwang');
    expect(normaliseNameText('WON<HO<<R1')).toBe('won ho ri');
    expect(normaliseNameText('8ARAK<<5AM')).toBe('barak sam');
  });
});

describe('normaliseName on Arabic script', () => {
  it('splits the article off and writes abd and allah as lists do', () => {
    expect(normaliseNameText('نشوان عبد الرزاق')).toBe('nshwn abd al rzq');
    expect(normaliseNameText('عبدالرحمن')).toBe('abd al rhmn');
    expect(normaliseNameText('امیر عبد الله')).toBe('myr abd allah');
    expect(normaliseName('صدام حسين التكريتي').map((t) => t.kind)).toEqual(['name', 'name', 'particle', 'name']);
  });

  it('writes the contracted abd al of Latin spellings apart, typos included', () => {
    expect(normaliseNameText('Abdul Haq')).toBe('abd al haq');
    expect(normaliseNameText('ABDEL-AZIZ')).toBe('abd al aziz');
    expect(normaliseNameText('Adbul Bari')).toBe('abd al bari');
    expect(normaliseNameText('Abdullah Adel')).toBe('abdullah adel');
    expect(tokenKind('abou')).toBe('particle');
  });
});
