import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../test/testdata.js';
import { readCsv } from '../platform/csv.js';
import { parsePartialDate, prepareQuery, prepareRecord, scorePrepared, type PersonRecord } from './person-match.js';
import { WatchlistIndex, travellerKey, type TravelDocumentEntry, type WatchlistEntry } from './watchlist-index.js';

const today = new Date('2026-11-29T00:00:00Z');

const entries: WatchlistEntry[] = [
  {
    id: 'p1',
    listId: 'red',
    reason: 'wanted',
    record: {
      names: ['Anna Maria Eriksson', 'Анна Эрикссон'],
      birthDates: [{ year: 1974, month: 8, day: 12 }],
      nationalities: ['SWE'],
      sex: 'F',
      documents: [{ number: 'L898902C3', country: 'UTO' }],
    },
  },
  {
    id: 'p2',
    listId: 'yellow',
    reason: 'missing',
    record: { names: ['Mohammed Hassan Ali'], birthDates: [{ year: 2009 }], nationalities: ['SYR'] },
  },
  { id: 'p3', listId: 'red', record: { names: ['Jan van der Berg'], birthDates: [{ year: 1961, month: 2, day: 3 }] } },
];

const documents: TravelDocumentEntry[] = [
  { id: 'd1', listId: 'sltd', number: 'X12-OB5 I7', country: 'NLD', documentType: 'passport', status: 'stolen', reportedOn: '2026-01-04' },
  { id: 'd2', listId: 'sltd', number: 'C01X00T47', country: 'D', documentType: 'id_card', status: 'lost' },
];

const index = WatchlistIndex.build(entries, documents);

// ICAO 9303's specimen passport (Anna Maria Eriksson, Utopia).
const specimen = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';

describe('WatchlistIndex', () => {
  it('finds a person from a name in another order, with the explanation per feature', () => {
    const answer = index.screen({ id: 't1', name: 'ERIKSSON, Anna', birthDate: '1974-08-12', nationality: 'SE', sex: 'female' }, { today });
    expect(answer.screened).toBe(true);
    expect(answer.id).toBe('t1');
    expect(answer.problems).toEqual([]);
    expect(answer.hits).toHaveLength(1);
    const [hit] = answer.hits;
    expect(hit).toMatchObject({ entryId: 'p1', listId: 'red', match: true });
    expect(hit!.score).toBeGreaterThan(0.9);
    expect(hit!.explanation.birthDate).toMatchObject({ effect: 0.05 });
    expect(hit!.explanation.nationality?.detail).toBe('SWE agrees');
    expect(hit!.explanation.name.pairs.map((p) => p.candidate).sort()).toEqual(['anna', 'eriksson']);
  });

  it('finds a person written in Cyrillic through a Latin query and the reverse', () => {
    expect(index.screen({ name: 'Анна Эрикссон' }, { today }).hits[0]?.entryId).toBe('p1');
    expect(index.screen({ name: 'Mokhammed Khasan Ali' }, { today }).hits[0]?.entryId).toBe('p2');
  });

  it('lowers a hit whose birth date is another decade below the threshold', () => {
    expect(index.screen({ name: 'Anna Maria Eriksson', birthDate: '1994-08-12' }, { today }).hits).toEqual([]);
    // Asked for near misses, it shows the candidate, not matching, and why.
    const [near] = index.screen({ name: 'Anna Maria Eriksson', birthDate: '1994-08-12' }, { today, minScore: 0.5 }).hits;
    expect(near).toMatchObject({ entryId: 'p1', score: 0.65, match: false });
    expect(near!.explanation.birthDate?.detail).toBe('1994-08-12 vs 1974-08-12: 20 years apart');
  });

  it('screens a traveller from the MRZ alone: person and listed document', () => {
    const answer = index.screen({ mrz: specimen }, { today });
    expect(answer.traveller).toMatchObject({
      name: 'ERIKSSON<<ANNA<MARIA',
      birthDate: '1974-08-12',
      nationality: 'UTO',
      sex: 'F',
      documentNumber: 'L898902C3',
      fromMrz: true,
    });
    expect(answer.hits[0]).toMatchObject({ entryId: 'p1', match: true });
    expect(answer.hits[0]!.explanation.document?.detail).toBe('L898902C3 matches L898902C3');
  });

  it('still screens the name of an MRZ whose check digit fails, and names the field', () => {
    const broken = specimen.replace('7408122F', '7408125F');
    const answer = index.screen({ mrz: broken }, { today });
    expect(answer.problems.map((p) => p.field)).toContain('mrz.birthDate');
    expect(answer.traveller.name).toBe('ERIKSSON<<ANNA<MARIA');
    expect(answer.hits[0]?.entryId).toBe('p1');
  });

  it('looks documents up exactly after folding separators and OCR confusions, and respects the issuing country', () => {
    expect(index.screen({ documentNumber: 'x120b51 7', documentCountry: 'NLD' }).documentHits).toEqual([
      {
        documentId: 'd1',
        listId: 'sltd',
        number: 'X12-OB5 I7',
        country: 'NLD',
        documentType: 'passport',
        status: 'stolen',
        reportedOn: '2026-01-04',
      },
    ]);
    expect(index.screen({ documentNumber: 'X12OB5I7', documentCountry: 'BEL' }).documentHits).toEqual([]);
    expect(index.screen({ documentNumber: 'X12OB5I8' }).documentHits).toEqual([]);
    expect(index.screen({ documentNumber: 'C01X00T47' }).documentHits[0]).toMatchObject({ documentId: 'd2', country: 'D', status: 'lost' });
  });

  it('searches only the lists it is given', () => {
    const lists = new Set(['yellow']);
    expect(index.screen({ name: 'Anna Eriksson' }, { lists }).hits).toEqual([]);
    expect(index.screen({ documentNumber: 'X12OB5I7' }, { lists }).documentHits).toEqual([]);
    expect(index.screen({ name: 'Mohammed Hassan Ali' }, { lists }).hits[0]?.entryId).toBe('p2');
  });

  it('reports each unusable field and screens the rest', () => {
    const answer = index.screen(
      { name: 'Jan van der Berg', birthDate: '1961-02-30', nationality: 'Atlantis', sex: 'unknown', documentCountry: 'QQQ' },
      { today },
    );
    expect(answer.problems).toEqual([
      { field: 'birthDate', message: '"1961-02-30" is not a possible birth date (YYYY-MM-DD, YYYY-MM or YYYY)' },
      { field: 'nationality', message: '"Atlantis" is not a known country code or name' },
      { field: 'documentCountry', message: '"QQQ" is not a known country code or name' },
      { field: 'sex', message: '"unknown" is not F, M or X' },
    ]);
    expect(answer.traveller).toEqual({ name: 'Jan van der Berg', fromMrz: false });
    expect(answer.hits[0]?.entryId).toBe('p3');
  });

  it('does not screen a traveller with neither a name nor a document', () => {
    const answer = index.screen({ birthDate: '1980-01-01' });
    expect(answer.screened).toBe(false);
    expect(answer.problems).toEqual([{ field: 'name', message: 'give a name, a document number or an MRZ' }]);
  });

  it('answers the same from shared memory, as a worker thread reads it', () => {
    const shared = structuredClone(index.shared);
    expect(shared.postings.pairEntries.buffer).toBeInstanceOf(SharedArrayBuffer);
    const reader = WatchlistIndex.fromShared(shared);
    expect(reader.personCount).toBe(3);
    expect(reader.documentCount).toBe(2);
    for (const traveller of [
      { name: 'ERIKSSON, Anna', birthDate: '1974-08-12', nationality: 'SE', sex: 'female' },
      { name: 'Mokhammed Khasan Ali' },
      { mrz: specimen },
      { name: 'Jan van der Berg', documentNumber: 'x120b51 7', documentCountry: 'NLD' },
    ])
      expect(reader.screen(traveller, { today, minScore: 0.5 })).toEqual(index.screen(traveller, { today, minScore: 0.5 }));
  });

  it('keys a traveller the same however the name was written', () => {
    const typed = index.screen({ name: 'anna maria ERIKSSON', birthDate: '1974-08-12', documentNumber: 'L898902C3' }, { today });
    const read = index.screen({ mrz: specimen }, { today });
    expect(travellerKey(typed.traveller)).toBe(travellerKey(read.traveller));
    expect(travellerKey(typed.traveller)).not.toBe(travellerKey({ ...typed.traveller, birthDate: '1974-08-13' }));
  });
});

describe('WatchlistIndex retrieval against scoring every entry', () => {
  // yente's UN positives: row i of the treated file is row i of the untreated one, with typos,
  // reshuffled names and drifted dates. The index must find what scoring every entry finds.
  const rows = (file: string): Record<string, string>[] => {
    const [header, ...body] = [...readCsv(readFileSync(testdata('screening-sources', 'yente', file), 'utf8'), ',')].map((r) => r.cells);
    return body.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ''])));
  };
  const listed = rows('positives_un_untreated.csv');
  const treated = rows('positives_un_treated.csv');
  const records: PersonRecord[] = listed.map((row) => {
    const birth = parsePartialDate(row.date_of_birth ?? '');
    return {
      names: [row.full_name ?? ''],
      ...(birth !== undefined && { birthDates: [birth] }),
      ...(row.nationality ? { nationalities: [row.nationality] } : {}),
    };
  });
  const watchlist = WatchlistIndex.build(records.map((record, i) => ({ id: String(i), listId: 'un', record })));
  const prepared = records.map(prepareRecord);

  // Near misses too: retrieval must not lose what a lowered floor asks for.
  const nearMiss = 0.6;

  it('returns the best entry that exhaustive scoring returns, for every treated query that reaches the lowest reported score', () => {
    let compared = 0;
    const missed: string[] = [];
    // Every 3rd query: exhaustive scoring is slow, and a third is enough to see retrieval losses.
    for (const row of treated.filter((_, i) => i % 3 === 0)) {
      const traveller = { name: row.full_name ?? '', ...(row.date_of_birth ? { birthDate: row.date_of_birth } : {}) };
      const query = prepareQuery(traveller);
      let best = { index: -1, score: 0 };
      prepared.forEach((record, i) => {
        const { score } = scorePrepared(query, record);
        if (score > best.score) best = { index: i, score };
      });
      if (best.score < nearMiss) continue;
      compared++;
      const hit = watchlist.screen(traveller, { today, minScore: nearMiss }).hits[0];
      if (hit?.score !== best.score) missed.push(`${traveller.name}: index ${hit?.score ?? 'none'}, exhaustive ${best.score}`);
    }
    expect(compared).toBeGreaterThan(80);
    // Retrieval may lose a query whose every token changed its first letters and its sound.
    expect(missed.length / compared, missed.join('\n')).toBeLessThan(0.02);
  }, 60_000);
});
