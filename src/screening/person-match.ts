/**
 * Person matching for screening: scores a traveller (`PersonQuery`) against one watchlist entry
 * (`PersonRecord`), pure and free of I/O, after OpenSanctions yente's logic-v2.
 *
 * score = clamp01(max(main features) + Σ qualifiers); match = score ≥ threshold (default 0.70).
 *
 * Main features
 *   name       best `compareNames(query, recordName)` over all the record's names (any script,
 *              aliases included); 0..1.
 *   document   0.85 (yente's identifier match) when a query document number equals a record
 *              document number after normalisation: upper case, everything but letters and digits
 *              dropped, and the OCR confusions O→0, I→1, S→5, B→8 folded on both sides. When both
 *              sides give an issuing country and they differ, the number does not count.
 *              A different number has no effect (people hold several documents).
 *
 * Qualifiers (only when both sides carry the attribute; the best over the record's values counts)
 *   birth date   exact full date (day precision on both sides)         +0.05
 *                same year (or month) at the coarser precision / query
 *                year inside a record range                              0
 *                one calendar day off                                   −0.05
 *                day and month swapped (12-03 vs 03-12)                 −0.125 (half of −0.25)
 *                same year, different month or day                      −0.25 (yente birth-day disjoint)
 *                different year, 1–9 years apart                        −0.15 (yente birth-year disjoint)
 *                10 or more years apart ("other decade")                −0.35
 *                A range is compared by the distance to its nearest bound.
 *   nationality  no common country between query and record             −0.2 (yente country mismatch)
 *                Values are normalised to ISO alpha-3: alpha-3 kept when officially assigned,
 *                alpha-2 mapped by table (plus UK → GBR), a few dozen exact English country names
 *                (case-insensitive); anything else is unknown and ignored.
 *   sex          F against M                                            −0.2 (yente gender mismatch)
 *                X on either side is treated as unknown.
 *
 * Score semantics follow yente: ≥ 0.95 exact or one typo; 0.70–0.85 plausible; 0.40–0.70
 * transliteration drift; < 0.30 no match.
 *
 * `candidateKeys(names)` gives the phonetic keys of the name tokens (particles and honorifics left
 * out) so that a watchlist index can retrieve candidates sharing any key before scoring them.
 *
 * @example scorePerson({ name: 'ERIKSSON<<ANNA<MARIA', birthDate: '1974-08-12' }, { names: ['Anna Maria Eriksson'], birthDates: [{ year: 1974, month: 8, day: 12 }] }).match // true
 */
import { countryCodes } from '../platform/agencies/countries.js';
import { compareNames, normaliseName, phoneticKey, type NameToken, type TokenPair } from './names/index.js';

export interface DatePoint {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

export interface DateRange {
  readonly from: DatePoint;
  readonly to: DatePoint;
}

export type PartialDate = DatePoint | DateRange;

export type Sex = 'F' | 'M' | 'X';

export interface PersonDocument {
  readonly number: string;
  readonly country?: string;
}

/** A watchlist entry. */
export interface PersonRecord {
  /** Names in any script, aliases included. */
  readonly names: readonly string[];
  readonly birthDates?: readonly PartialDate[];
  /** ISO alpha-3, alpha-2 or an English country name. */
  readonly nationalities?: readonly string[];
  readonly sex?: Sex;
  readonly documents?: readonly PersonDocument[];
}

/** A traveller being screened. */
export interface PersonQuery {
  /** Free text or the raw MRZ name field (`ERIKSSON<<ANNA<MARIA`). */
  readonly name: string;
  /** ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`; unpadded month/day tolerated) or a partial date. */
  readonly birthDate?: string | PartialDate;
  readonly nationality?: string;
  readonly sex?: Sex;
  readonly document?: PersonDocument;
}

export interface ScoreOptions {
  /** Lowest score that counts as a match; default 0.7. */
  readonly threshold?: number;
}

export interface QualifierExplanation {
  /** Added to the score (negative for a penalty, 0 when neutral). */
  readonly effect: number;
  readonly detail: string;
}

export interface PersonExplanation {
  readonly name: { readonly score: number; readonly detail: string; readonly pairs: readonly TokenPair[] };
  readonly birthDate?: QualifierExplanation;
  readonly nationality?: QualifierExplanation;
  readonly sex?: QualifierExplanation;
  readonly document?: QualifierExplanation;
}

export interface PersonScore {
  readonly score: number;
  readonly match: boolean;
  readonly explanation: PersonExplanation;
}

export const DEFAULT_THRESHOLD = 0.7;
export const DOCUMENT_MATCH_SCORE = 0.85;
export const BIRTH_EXACT_BOOST = 0.05;
export const BIRTH_DAY_OFF_BY_ONE = -0.05;
export const BIRTH_DAY_DISJOINT = -0.25;
export const BIRTH_DAY_MONTH_SWAP = BIRTH_DAY_DISJOINT / 2;
export const BIRTH_YEAR_DISJOINT = -0.15;
export const BIRTH_OTHER_DECADE = -0.35;
export const NATIONALITY_MISMATCH = -0.2;
export const SEX_MISMATCH = -0.2;

// ISO 3166-1 alpha-2 → alpha-3, as concatenated 5-letter pairs.
const ALPHA2_PAIRS = `
ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE
BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS
BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN
COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST
EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF
GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD
HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM
JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA
LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD
MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM
NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG
PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA
SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD
STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON
TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR
VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE UKGBR`;

const ALPHA2: ReadonlyMap<string, string> = new Map(
  ALPHA2_PAIRS.trim()
    .split(/\s+/)
    .map((p) => [p.slice(0, 2), p.slice(2)] as const),
);

const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(
  (
    'afghanistan AFG|algeria DZA|argentina ARG|australia AUS|austria AUT|bangladesh BGD|belgium BEL|' +
    'bhutan BTN|brazil BRA|canada CAN|chile CHL|china CHN|colombia COL|cuba CUB|egypt EGY|ethiopia ETH|' +
    'france FRA|germany DEU|ghana GHA|greece GRC|hong kong HKG|india IND|indonesia IDN|iran IRN|' +
    'iraq IRQ|ireland IRL|israel ISR|italy ITA|japan JPN|jordan JOR|kenya KEN|kuwait KWT|lebanon LBN|' +
    'libya LBY|malaysia MYS|mali MLI|mexico MEX|morocco MAR|nepal NPL|netherlands NLD|nigeria NGA|' +
    'north korea PRK|norway NOR|pakistan PAK|peru PER|philippines PHL|poland POL|portugal PRT|qatar QAT|' +
    'romania ROU|russia RUS|russian federation RUS|saudi arabia SAU|somalia SOM|south africa ZAF|' +
    'south korea KOR|spain ESP|sri lanka LKA|sudan SDN|sweden SWE|switzerland CHE|syria SYR|taiwan TWN|' +
    'thailand THA|tunisia TUN|turkey TUR|uganda UGA|ukraine UKR|united arab emirates ARE|' +
    'united kingdom GBR|united states USA|united states of america USA|venezuela VEN|vietnam VNM|' +
    'viet nam VNM|yemen YEM'
  )
    .split('|')
    .map((e) => [e.slice(0, -4), e.slice(-3)] as const),
);

/**
 * The codes ICAO 9303 adds to ISO 3166 for nationality and issuing state: Germany's `D`, British
 * variants, United Nations, stateless and refugee (`XXA`–`XXC`), unspecified (`XXX`), Interpol,
 * the EU, Kosovo and the specimen state Utopia.
 */
const ICAO_CODES = new Set(
  'D GBD GBN GBO GBP GBS UNO UNA UNK XBA XIM XCC XCE XCO XEC XPO XES XMP XOM XDC XXA XXB XXC XXX EUE RKS UTO'.split(' '),
);

/** ISO alpha-3 (or ICAO 9303) code for an alpha-3, ICAO, alpha-2 or common English country name; undefined if unknown. */
export function normaliseCountry(value: string): string | undefined {
  const v = value.trim();
  const upper = v.toUpperCase();
  if (ICAO_CODES.has(upper)) return upper;
  if (upper.length === 3 && countryCodes.has(upper)) return upper;
  if (upper.length === 2) return ALPHA2.get(upper);
  return COUNTRY_NAMES.get(v.toLowerCase().replace(/\s+/g, ' '));
}

const OCR_FOLD: Readonly<Record<string, string>> = { O: '0', I: '1', S: '5', B: '8' };

/** Document number for comparison: upper case, letters and digits only, O/I/S/B folded to 0/1/5/8. */
export function normaliseDocumentNumber(value: string): string {
  // One pass over the code units (a check normalises its number more than once).
  const upper = value.toUpperCase();
  let key = '';
  for (let i = 0; i < upper.length; i++) {
    const code = upper.charCodeAt(i);
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90)) key += OCR_FOLD[upper[i]!] ?? upper[i]!;
  }
  return key;
}

/** Phonetic keys of the name tokens of all names, for candidate retrieval (sorted, unique). */
export function candidateKeys(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const name of names)
    for (const token of normaliseName(name)) {
      if (token.kind !== 'name') continue;
      const key = phoneticKey(token.text);
      if (key.length > 0) keys.add(key);
    }
  return [...keys].sort();
}

const ISO_DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (unpadded tolerated); impossible months/days are dropped. */
export function parsePartialDate(value: string): DatePoint | undefined {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month === undefined || month < 1 || month > 12) return { year };
  if (day === undefined || day < 1 || day > daysInMonth(year, month)) return { year, month };
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRange(d: PartialDate): d is DateRange {
  return 'from' in d;
}

function formatDate(d: PartialDate): string {
  if (isRange(d)) return `${formatDate(d.from)}..${formatDate(d.to)}`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return [
    String(d.year),
    d.month === undefined ? '' : `-${pad(d.month)}`,
    d.day === undefined || d.month === undefined ? '' : `-${pad(d.day)}`,
  ].join('');
}

function dayNumber(d: DatePoint & { month: number; day: number }): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

/** Birth-date qualifier of a query point against one record value. */
function compareBirthDate(q: DatePoint, r: PartialDate): QualifierExplanation {
  const shown = `${formatDate(q)} vs ${formatDate(r)}`;
  if (isRange(r)) {
    const lo = Math.min(r.from.year, r.to.year);
    const hi = Math.max(r.from.year, r.to.year);
    if (q.year >= lo && q.year <= hi) return { effect: 0, detail: `${shown}: year within range` };
    return yearGap(q.year < lo ? lo - q.year : q.year - hi, shown);
  }
  if (q.year !== r.year) {
    if (q.month !== undefined && q.day !== undefined && r.month !== undefined && r.day !== undefined) {
      const qd = { year: q.year, month: q.month, day: q.day };
      const rd = { year: r.year, month: r.month, day: r.day };
      if (Math.abs(dayNumber(qd) - dayNumber(rd)) === 1) return { effect: BIRTH_DAY_OFF_BY_ONE, detail: `${shown}: one day apart` };
    }
    return yearGap(Math.abs(q.year - r.year), shown);
  }
  if (q.month === undefined || r.month === undefined) return { effect: 0, detail: `${shown}: same year` };
  if (q.day === undefined || r.day === undefined) {
    if (q.month === r.month) return { effect: 0, detail: `${shown}: same month` };
    return { effect: BIRTH_DAY_DISJOINT, detail: `${shown}: different month` };
  }
  if (q.month === r.month && q.day === r.day) return { effect: BIRTH_EXACT_BOOST, detail: `${shown}: exact` };
  const delta = Math.abs(dayNumber({ year: q.year, month: q.month, day: q.day }) - dayNumber({ year: r.year, month: r.month, day: r.day }));
  if (delta === 1) return { effect: BIRTH_DAY_OFF_BY_ONE, detail: `${shown}: one day apart` };
  if (q.month === r.day && q.day === r.month) return { effect: BIRTH_DAY_MONTH_SWAP, detail: `${shown}: day and month swapped` };
  return { effect: BIRTH_DAY_DISJOINT, detail: `${shown}: different day` };
}

function compareRanges(q: DateRange, r: DateRange): QualifierExplanation {
  const shown = `${formatDate(q)} vs ${formatDate(r)}`;
  const [qlo, qhi] = [Math.min(q.from.year, q.to.year), Math.max(q.from.year, q.to.year)];
  const [rlo, rhi] = [Math.min(r.from.year, r.to.year), Math.max(r.from.year, r.to.year)];
  if (qlo <= rhi && rlo <= qhi) return { effect: 0, detail: `${shown}: ranges overlap` };
  return yearGap(qhi < rlo ? rlo - qhi : qlo - rhi, shown);
}

function yearGap(gap: number, shown: string): QualifierExplanation {
  if (gap >= 10) return { effect: BIRTH_OTHER_DECADE, detail: `${shown}: ${gap} years apart` };
  return { effect: BIRTH_YEAR_DISJOINT, detail: `${shown}: ${gap} year${gap === 1 ? '' : 's'} apart` };
}

function birthDateQualifier(query: PersonQuery, record: PersonRecord): QualifierExplanation | undefined {
  if (query.birthDate === undefined || !record.birthDates || record.birthDates.length === 0) return undefined;
  const raw = query.birthDate;
  const q = typeof raw === 'string' ? parsePartialDate(raw) : raw;
  if (!q) return { effect: 0, detail: `query birth date ${typeof raw === 'string' ? raw : '?'} not understood` };
  const points: DatePoint[] = isRange(q) ? [q.from, q.to] : [q];
  let best: QualifierExplanation | undefined;
  for (const p of points)
    for (const r of record.birthDates) {
      const c = !isRange(q) ? compareBirthDate(p, r) : isRange(r) ? compareRanges(q, r) : compareBirthDate(r, q);
      if (!best || c.effect > best.effect) best = c;
    }
  return best;
}

function nationalityQualifier(query: PreparedQuery, record: PreparedRecord): QualifierExplanation | undefined {
  const raw = query.raw;
  if (raw.nationality === undefined || !record.record.nationalities || record.record.nationalities.length === 0) return undefined;
  const q = query.nationality;
  const known = record.nationalities;
  if (q === undefined) return { effect: 0, detail: `query nationality ${raw.nationality} unknown` };
  if (known.length === 0) return { effect: 0, detail: `record nationalities ${record.record.nationalities.join(', ')} unknown` };
  if (known.includes(q)) return { effect: 0, detail: `${q} agrees` };
  return { effect: NATIONALITY_MISMATCH, detail: `${q} not in ${known.join(', ')}` };
}

function sexQualifier(query: PersonQuery, record: PersonRecord): QualifierExplanation | undefined {
  if (query.sex === undefined || record.sex === undefined) return undefined;
  if (query.sex === 'X' || record.sex === 'X') return { effect: 0, detail: `${query.sex} vs ${record.sex}: unspecified` };
  if (query.sex === record.sex) return { effect: 0, detail: `${query.sex} agrees` };
  return { effect: SEX_MISMATCH, detail: `${query.sex} vs ${record.sex}` };
}

function documentMatch(query: PreparedQuery, record: PreparedRecord): { matched: boolean; detail: string } | undefined {
  const doc = query.raw.document;
  if (!doc || record.documents.length === 0) return undefined;
  const number = query.documentKey;
  if (number.length === 0) return undefined;
  const qc = query.documentCountry;
  let countryClash: string | undefined;
  for (const r of record.documents) {
    if (r.key !== number) continue;
    const rc = r.country;
    if (qc !== undefined && rc !== undefined && qc !== rc) {
      countryClash = `${doc.number} matches ${r.number} but issued by ${qc}, not ${rc}`;
      continue;
    }
    return { matched: true, detail: `${doc.number} matches ${r.number}` };
  }
  return { matched: false, detail: countryClash ?? `${doc.number} matches no listed document` };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** A watchlist entry with its names tokenised and its values normalised once, for repeated scoring. */
export interface PreparedRecord {
  readonly record: PersonRecord;
  readonly names: readonly (readonly NameToken[])[];
  /** Known nationalities as ISO alpha-3. */
  readonly nationalities: readonly string[];
  readonly documents: readonly { readonly number: string; readonly key: string; readonly country?: string }[];
}

/** A traveller with the name tokenised and the values normalised once. */
export interface PreparedQuery {
  readonly raw: PersonQuery;
  readonly tokens: readonly NameToken[];
  /** The birth date parsed, when it could be. */
  readonly birthDate?: PartialDate;
  readonly nationality?: string;
  readonly documentKey: string;
  readonly documentCountry?: string;
}

export function prepareRecord(record: PersonRecord): PreparedRecord {
  return {
    record,
    names: record.names.map((name) => normaliseName(name)),
    nationalities: (record.nationalities ?? []).map(normaliseCountry).filter((c): c is string => c !== undefined),
    documents: (record.documents ?? []).map((d) => {
      const country = d.country === undefined ? undefined : normaliseCountry(d.country);
      return { number: d.number, key: normaliseDocumentNumber(d.number), ...(country !== undefined && { country }) };
    }),
  };
}

/** `tokens`: the name already normalised, when the caller has it. */
export function prepareQuery(query: PersonQuery, tokens: readonly NameToken[] = normaliseName(query.name)): PreparedQuery {
  const nationality = query.nationality === undefined ? undefined : normaliseCountry(query.nationality);
  const documentCountry = query.document?.country === undefined ? undefined : normaliseCountry(query.document.country);
  const birthDate = typeof query.birthDate === 'string' ? parsePartialDate(query.birthDate) : query.birthDate;
  return {
    raw: query,
    tokens,
    ...(birthDate !== undefined && { birthDate }),
    ...(nationality !== undefined && { nationality }),
    documentKey: query.document === undefined ? '' : normaliseDocumentNumber(query.document.number),
    ...(documentCountry !== undefined && { documentCountry }),
  };
}

/** Scores a traveller against one watchlist entry; see the module comment for the constants. */
export function scorePerson(query: PersonQuery, record: PersonRecord, options: ScoreOptions = {}): PersonScore {
  return scorePrepared(prepareQuery(query), prepareRecord(record), options);
}

/** `scorePerson` on prepared values: what an index calls for each candidate. */
export function scorePrepared(prepared: PreparedQuery, entry: PreparedRecord, options: ScoreOptions = {}): PersonScore {
  return scoreAbove(prepared, entry, -Infinity, options)!;
}

/**
 * `scorePrepared`, or undefined as soon as the entry cannot reach `floor`: when its best name (or
 * a document match) plus the largest qualifier boost stays below it, before any explanation is
 * written. An index scoring many candidates per check calls this.
 */
export function scoreAbove(
  prepared: PreparedQuery,
  entry: PreparedRecord,
  floor: number,
  options: ScoreOptions = {},
): PersonScore | undefined {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const query = prepared.raw;
  const record = entry.record;
  let best: { comparison: ReturnType<typeof compareNames>; index: number } | undefined;
  entry.names.forEach((tokens, index) => {
    const comparison = compareNames(prepared.tokens, tokens);
    if (best === undefined || comparison.score > best.comparison.score) best = { comparison, index };
  });
  const nameScore = best?.comparison.score ?? 0;
  const doc = documentMatch(prepared, entry);
  if (Math.max(nameScore, doc?.matched === true ? DOCUMENT_MATCH_SCORE : 0) + BIRTH_EXACT_BOOST < floor) return undefined;
  let bestName = { score: 0, pairs: [] as readonly TokenPair[], detail: 'no names on record' };
  if (best !== undefined) {
    const { comparison, index } = best;
    const missing = comparison.unmatchedQuery.length > 0 ? `; unmatched: ${comparison.unmatchedQuery.join(' ')}` : '';
    bestName = {
      score: comparison.score,
      pairs: comparison.pairs,
      detail: `best of ${record.names.length}: "${record.names[index] ?? ''}"${missing}`,
    };
  }
  let base = bestName.score;
  const explanation: { -readonly [K in keyof PersonExplanation]: PersonExplanation[K] } = {
    name: { score: round(bestName.score), detail: bestName.detail, pairs: bestName.pairs },
  };
  if (doc) {
    const lift = doc.matched ? Math.max(0, DOCUMENT_MATCH_SCORE - base) : 0;
    base += lift;
    explanation.document = { effect: round(lift), detail: doc.detail };
  }
  let score = base;
  const birthDate = birthDateQualifier(query, record);
  const nationality = nationalityQualifier(prepared, entry);
  const sex = sexQualifier(query, record);
  if (birthDate) {
    score += birthDate.effect;
    explanation.birthDate = birthDate;
  }
  if (nationality) {
    score += nationality.effect;
    explanation.nationality = nationality;
  }
  if (sex) {
    score += sex.effect;
    explanation.sex = sex;
  }
  score = round(Math.min(1, Math.max(0, score)));
  return { score, match: score >= threshold, explanation };
}
