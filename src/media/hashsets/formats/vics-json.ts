/**
 * Project VIC VICS JSON, versions 1.3 and 2.0, `#Media` and `#Cases` documents.
 *
 *   { "@odata.context": "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media",
 *     "value": [ { "MediaID": 1, "Category": 1, "MD5": "…", "SHA1": "…", "VictimIdentified": "true", … } ] }
 *
 * 1.3 names its model under `odata.metadata` (…/ICMEC/ProjectVic/DataModels/1.3.xml#Media); a
 * `#Cases` document holds cases, each with `Media[]`. The official schema is shared only under
 * agreement: this follows the shape open-source readers and writers agree on (REFERENCE.md §2).
 *
 * Read as real exports are written: a BOM; booleans as strings; `Category: null` = uncategorised
 * while 0 is a real code; `IsPrecategorized` ignored (trust `Category`); `TotalMediaFiles` not
 * trusted (the array is counted); several Media records for one file (merged); extra hashes in an
 * array of `{ HashName, HashValue }` (`AlternativeHashes`: PhotoDNA, SHA256, PDQ, …).
 */
import { parseFlag } from './booleans.js';
import {
  type Category,
  type CategoryScheme,
  checkCategory,
  checkHash,
  checkPhotoDna,
  convertCategory,
  type HashKind,
  hashLabel,
  type HashSetEntry,
  hasHash,
  shorten,
} from './entry.js';
import { type ExportIssue, type ExportResult, prepareEntries } from './export-result.js';
import { JsonSyntaxError, parseJsonWithLines } from './json.js';
import {
  finishParse,
  type LocatedEntry,
  type ParseIssue,
  type ParseOptions,
  type ParseResult,
  type VicsCaseSummary,
} from './parse-result.js';
import { decodeText, type HashSetInput } from './text.js';

export type VicsVersion = '1.3' | '2.0';

const modelUrl: Readonly<Record<VicsVersion, string>> = {
  '1.3': 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml',
  '2.0': 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml',
};
const contextKey = { '1.3': 'odata.metadata', '2.0': '@odata.context' } as const;

/** Whether the start of a text is a VICS document: a JSON object naming an OData model. */
export function looksLikeVicsJson(head: string): boolean {
  return head.trimStart().startsWith('{') && /"(?:@odata\.context|odata\.metadata)"\s*:/.test(head);
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a VICS JSON document (1.3 or 2.0, `#Media` or `#Cases`). */
export function parseVicsJson(input: HashSetInput, options: ParseOptions = {}): ParseResult {
  const decoded = decodeText(input);
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [...decoded.warnings];
  const base = { format: 'vics-json' as const, errors, warnings };
  const fatal = (line: number, message: string): ParseResult => {
    errors.push({ line, message });
    return finishParse(base, [], options);
  };

  let parsed: ReturnType<typeof parseJsonWithLines>;
  try {
    // Lines are reported down to a case's Media records: root 0, value 1, record or case 2, Media 3, record 4.
    parsed = parseJsonWithLines(decoded.text, { lineDepth: 4 });
  } catch (error) {
    if (error instanceof JsonSyntaxError) return fatal(error.line, `not valid JSON: ${error.message}`);
    throw error;
  }
  const root = parsed.value;
  if (!isObject(root)) return fatal(1, 'not a VICS document: the top level must be an object');
  const model = readModel(root, warnings);
  if (typeof model === 'string') return fatal(1, model);
  const value = root['value'];
  if (!Array.isArray(value)) return fatal(1, "not a VICS document: 'value' must be an array");

  const canonical = canonicalFields();
  let kind = model.kind;
  if (kind === undefined) {
    kind = value.some((item) => isObject(item) && Array.isArray(canonical(item)['Media'])) ? 'Cases' : 'Media';
    warnings.push({ line: 1, message: `the model URL names no #Media or #Cases; read as #${kind} from its content` });
  }
  const variant = `VICS ${model.version} #${kind}${model.flavour ? ` (${model.flavour})` : ''}`;
  const lineOf = (node: unknown): number => (typeof node === 'object' && node !== null ? (parsed.lineOf(node) ?? 0) : 0);
  const located: LocatedEntry[] = [];
  // A record that is no object has no line of its own: its array's line stands in.
  const readMedia = (media: unknown, path: string, arrayLine: number) => {
    const line = lineOf(media) || arrayLine;
    const result = isObject(media) ? mediaToEntry(media, model.scheme, canonical) : 'a Media record must be an object';
    if (typeof result === 'string') errors.push({ line, path, message: result });
    else located.push({ entry: result, line, path });
  };

  if (kind === 'Media') {
    value.forEach((media, index) => readMedia(media, `value[${index}]`, lineOf(value)));
    return finishParse({ ...base, variant }, located, options);
  }

  const cases: VicsCaseSummary[] = [];
  value.forEach((item, index) => {
    const path = `value[${index}]`;
    if (!isObject(item)) {
      errors.push({ line: lineOf(item) || lineOf(value), path, message: 'a case must be an object' });
      return;
    }
    const caseFields = canonical(item);
    const media = caseFields['Media'];
    if (!Array.isArray(media)) {
      errors.push({ line: lineOf(item), path, message: "a case must have a 'Media' array" });
      return;
    }
    const summary: VicsCaseSummary = { mediaCount: media.length };
    const caseId = text(caseFields['CaseID']);
    const caseNumber = text(caseFields['CaseNumber']);
    if (typeof caseId === 'string') summary.caseId = caseId;
    if (typeof caseNumber === 'string') summary.caseNumber = caseNumber;
    cases.push(summary);
    const declared = caseFields['TotalMediaFiles'];
    if ((typeof declared === 'number' || typeof declared === 'string') && Number(declared) !== media.length) {
      warnings.push({
        line: lineOf(item),
        path,
        message: `TotalMediaFiles says ${String(declared)} but the case holds ${media.length} Media records; counted the records`,
      });
    }
    media.forEach((record, mediaIndex) => readMedia(record, `${path}.Media[${mediaIndex}]`, lineOf(media)));
  });
  return finishParse({ ...base, variant, cases }, located, options);
}

interface Model {
  version: VicsVersion;
  kind?: 'Media' | 'Cases';
  /** 2.0's data-model flavour, the path segment before `$metadata` (US, Default, …). */
  flavour?: string;
  scheme: CategoryScheme;
}

/** The data model a root names, or why it names none. */
function readModel(root: Json, warnings: ParseIssue[]): Model | string {
  const context = root['@odata.context'];
  const metadata = root['odata.metadata'];
  const url = context ?? metadata;
  if (url === undefined) return "not a VICS document: no '@odata.context' (2.0) or 'odata.metadata' (1.3)";
  if (typeof url !== 'string') return 'not a VICS document: the data model URL must be a string';
  const keyVersion: VicsVersion = context !== undefined ? '2.0' : '1.3';
  // The URL names the data model, which decides the category numbering; the key only follows the
  // OData protocol version. Trust the URL when it names a version.
  const named = /DataModels\/(\d+)\.\d+\.xml/i.exec(url)?.[1];
  const version: VicsVersion = named === undefined ? keyVersion : Number(named) >= 2 ? '2.0' : '1.3';
  if (version !== keyVersion) {
    warnings.push({ line: 1, message: `the model URL names VICS ${version} under '${contextKey[keyVersion]}'; read as ${version}` });
  }
  const kindName = /#(\w+)/.exec(url)?.[1]?.toLowerCase();
  const kind = kindName === 'media' ? 'Media' : kindName === 'cases' ? 'Cases' : undefined;
  if (version === '1.3') {
    // VICS 1.3 documents come from the older Project VIC / DHS tools, which numbered categories
    // 0 uncategorised, 1 illegal, 2 non-illegal / age difficult, 3 CGI, 4 comparison, 5
    // non-pertinent; 2.0 renumbered (0 = non-pertinent). The same number means different things,
    // so 1.3 codes are kept in the legacy scheme, never read as current US codes.
    return kind ? { version, kind, scheme: 'projectvic-legacy' } : { version, scheme: 'projectvic-legacy' };
  }
  const flavour = /\.xml\/([^/#]+)\/\$metadata/i.exec(url)?.[1];
  let scheme: CategoryScheme = 'projectvic-us';
  if (flavour !== undefined && !['us', 'default'].includes(flavour.toLowerCase())) {
    scheme = 'none';
    warnings.push({
      line: 1,
      message: `data model flavour '${flavour}' has a category numbering Vigil does not know; categories kept with scheme 'none'`,
    });
  }
  const model: Model = { version, scheme };
  if (kind) model.kind = kind;
  if (flavour !== undefined) model.flavour = flavour;
  return model;
}

const knownKeys = [
  'MediaID',
  'Category',
  'MD5',
  'SHA1',
  'SHA256',
  'PhotoDNA',
  'MimeType',
  'VictimIdentified',
  'OffenderIdentified',
  'IsDistributed',
  'Series',
  'Comments',
  'MediaFiles',
  'FileName',
  'RelativeFilePath',
  'HashName',
  'HashValue',
  'CaseID',
  'CaseNumber',
  'TotalMediaFiles',
  'Media',
];
const knownByLowerCase = new Map(knownKeys.map((key) => [key.toLowerCase(), key]));

/**
 * Exports agree on field names, not always on their case. Returns a function giving an object
 * with the known names in their usual case: the object itself when they already are (the common
 * case, checked without copying). Key spellings are remembered for one parse.
 */
function canonicalFields(): (object: Json) => Json {
  const spelling = new Map<string, string | null>();
  return (object) => {
    let copy: Json | undefined;
    for (const key of Object.keys(object)) {
      let wanted = spelling.get(key);
      if (wanted === undefined) {
        wanted = knownByLowerCase.get(key.toLowerCase()) ?? null;
        if (spelling.size < 1_000) spelling.set(key, wanted);
      }
      if (wanted !== null && wanted !== key && !Object.hasOwn(object, wanted)) {
        copy ??= { ...object };
        copy[wanted] = object[key];
      }
    }
    return copy ?? object;
  };
}

/** Text from a string or number (trimmed); undefined when absent, null or blank; false for any other type. */
function text(value: unknown): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const alternativeHashKinds: Readonly<Record<string, HashKind | 'photoDna'>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  pdq: 'pdq',
  photodna: 'photoDna',
};

/** One Media record as an entry, or every problem in it. */
function mediaToEntry(media: Json, scheme: CategoryScheme, canonical: (object: Json) => Json): HashSetEntry | string {
  const entry: HashSetEntry = {};
  const problems: string[] = [];
  const get = canonical(media);

  const setHash = (kind: HashKind | 'photoDna', raw: unknown, source: string) => {
    const value = text(raw);
    if (value === undefined) return;
    const label = kind === 'photoDna' ? 'PhotoDNA' : hashLabel[kind];
    if (value === false) {
      problems.push(`${source} must be a string`);
      return;
    }
    const checked = kind === 'photoDna' ? checkPhotoDna(value) : checkHash(kind, value);
    if (!checked.ok) {
      problems.push(source === label ? checked.reason : `${source}: ${checked.reason}`);
      return;
    }
    const existing = entry[kind];
    if (existing === undefined) entry[kind] = checked.value;
    else if (existing !== checked.value) problems.push(`${source} differs from the ${label} given elsewhere in the record`);
  };

  setHash('md5', get['MD5'], 'MD5');
  setHash('sha1', get['SHA1'], 'SHA-1');
  setHash('sha256', get['SHA256'], 'SHA-256');
  setHash('photoDna', get['PhotoDNA'], 'PhotoDNA');
  for (const key of Object.keys(media)) {
    const value = media[key];
    if (!Array.isArray(value) || !value.some((item) => isObject(item) && canonical(item)['HashName'] !== undefined)) continue;
    value.forEach((item, index) => {
      if (!isObject(item)) return;
      const hash = canonical(item);
      const name = text(hash['HashName']);
      if (typeof name !== 'string') return;
      const kind = alternativeHashKinds[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
      if (kind !== undefined) setHash(kind, hash['HashValue'], `${key}[${index}] ${name}`);
    });
  }

  const category = readCategory(get['Category'], scheme);
  if (typeof category === 'string') problems.push(category);
  else if (category !== undefined) entry.category = category;

  const flags = [
    ['VictimIdentified', 'victimIdentified'],
    ['OffenderIdentified', 'offenderIdentified'],
    ['IsDistributed', 'distributed'],
  ] as const;
  for (const [key, field] of flags) {
    const flag = parseFlag(get[key]);
    if (flag === null) problems.push(`${key} must be true or false, found ${shorten(JSON.stringify(get[key]) ?? '')}`);
    else if (flag !== undefined) entry[field] = flag;
  }

  const texts = [
    ['Series', 'seriesName'],
    ['Comments', 'notes'],
    ['MediaID', 'externalId'],
    ['MimeType', 'mediaType'],
  ] as const;
  for (const [key, field] of texts) {
    const value = text(get[key]);
    if (value === false) problems.push(`${key} must be text`);
    else if (value !== undefined) entry[field] = value;
  }

  const files = get['MediaFiles'];
  const firstFile = Array.isArray(files) && isObject(files[0]) ? text(canonical(files[0])['FileName']) : undefined;
  const relativePath = text(get['RelativeFilePath']);
  if (typeof firstFile === 'string') entry.fileName = firstFile;
  else if (typeof relativePath === 'string') entry.fileName = relativePath.split(/[\\/]/).pop()!;

  if (problems.length > 0) return problems.join('; ');
  if (!hasHash(entry)) return 'no hash: MD5, SHA1, PhotoDNA and the hash list are all empty';
  return entry;
}

/** A Category value: undefined for null (uncategorised), a category, or a problem. */
function readCategory(raw: unknown, scheme: CategoryScheme): Category | undefined | string {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(code) || code < 0) return `Category must be a whole number or null, found ${shorten(JSON.stringify(raw) ?? '')}`;
  const checked = checkCategory({ scheme, code: String(code) });
  return checked.ok ? checked.value : `Category ${code}: ${checked.reason}`;
}

export interface VicsExportOptions {
  version: VicsVersion;
  /** Write a `#Cases` document with one case of this number (with `caseId`, or alone); otherwise `#Media`. */
  caseNumber?: string;
  /** The case's GUID; a random one when a case is written without it. */
  caseId?: string;
  /** 2.0's data-model flavour in the URL: `US` (default) or `Default` (which IPED expects). */
  flavour?: 'US' | 'Default';
  sourceApplicationName?: string;
  sourceApplicationVersion?: string;
}

/**
 * Writes a VICS JSON document. It carries MD5, SHA-1, PhotoDNA, category, the identified and
 * distributed flags, series, comments, MediaID, MIME type and file name; SHA-256 and PDQ go to
 * `AlternativeHashes` (PDQ quality is lost). Categories are converted to the version's numbering
 * (US for 2.0, legacy for 1.3); UK and unknown-scheme categories cannot be, and are written as
 * null with a warning. Baseline and submissions have no VICS field. Entries without a MediaID get
 * numbers after the highest numeric one.
 */
export function exportVicsJson(entries: readonly HashSetEntry[], options: VicsExportOptions): ExportResult {
  const { version } = options;
  const { ready, skipped } = prepareEntries(entries, () => undefined);
  const warnings: ExportIssue[] = [];
  let nextId =
    ready.reduce(
      (max, { entry }) => (entry.externalId && /^\d{1,15}$/.test(entry.externalId) ? Math.max(max, Number(entry.externalId)) : max),
      0,
    ) + 1;
  const targetScheme = version === '2.0' ? 'projectvic-us' : 'projectvic-legacy';

  const media = ready.map(({ entry, index }) => {
    const id = entry.externalId ?? String(nextId++);
    let category: number | null = null;
    if (entry.category) {
      const converted = convertCategory(entry.category, targetScheme);
      if (converted) category = Number(converted.code);
      else if (!(entry.category.scheme === 'projectvic-legacy' && entry.category.code === '0')) {
        warnings.push({
          index,
          message: `category ${entry.category.scheme} ${entry.category.code} has no VICS ${version} equivalent; written as null (uncategorised)`,
        });
      }
    }
    const record: Json = {
      MediaID: /^\d{1,15}$/.test(id) ? Number(id) : id,
      Category: category,
      IsPrecategorized: category !== null,
    };
    if (entry.md5) record['MD5'] = entry.md5.toUpperCase();
    if (entry.sha1) record['SHA1'] = entry.sha1.toUpperCase();
    if (entry.photoDna) record['PhotoDNA'] = entry.photoDna;
    if (entry.mediaType) record['MimeType'] = entry.mediaType;
    if (entry.victimIdentified !== undefined) record['VictimIdentified'] = entry.victimIdentified;
    if (entry.offenderIdentified !== undefined) record['OffenderIdentified'] = entry.offenderIdentified;
    if (entry.distributed !== undefined) record['IsDistributed'] = entry.distributed;
    if (entry.seriesName) record['Series'] = entry.seriesName;
    if (entry.notes) record['Comments'] = entry.notes;
    if (entry.fileName) record['MediaFiles'] = [{ FileName: entry.fileName }];
    const alternative: { HashName: string; HashValue: string }[] = [];
    // 2.0 readers look for PhotoDNA in the hash list; it stays in the PhotoDNA field too.
    if (entry.photoDna && version === '2.0') alternative.push({ HashName: 'PhotoDNA', HashValue: entry.photoDna });
    if (entry.sha256) alternative.push({ HashName: 'SHA256', HashValue: entry.sha256.toUpperCase() });
    if (entry.pdq) alternative.push({ HashName: 'PDQ', HashValue: entry.pdq });
    if (alternative.length > 0) record['AlternativeHashes'] = alternative;
    const dropped = [
      entry.baseline !== undefined && 'Baseline',
      entry.submissions !== undefined && 'submissions',
      entry.pdqQuality !== undefined && 'PDQ quality',
    ]
      .filter((name) => name !== false)
      .join(', ');
    if (dropped) warnings.push({ index, message: `VICS has no field for ${dropped}; not written` });
    return record;
  });

  const asCases = options.caseNumber !== undefined || options.caseId !== undefined;
  const url = version === '2.0' ? `${modelUrl[version]}/${options.flavour ?? 'US'}/$metadata` : modelUrl[version];
  const document: Json = { [contextKey[version]]: `${url}#${asCases ? 'Cases' : 'Media'}` };
  if (asCases) {
    const caseRecord: Json = { CaseID: options.caseId ?? globalThis.crypto.randomUUID() };
    if (options.caseNumber !== undefined) caseRecord['CaseNumber'] = options.caseNumber;
    caseRecord['SourceApplicationName'] = options.sourceApplicationName ?? 'Vigil';
    if (options.sourceApplicationVersion !== undefined) caseRecord['SourceApplicationVersion'] = options.sourceApplicationVersion;
    caseRecord['TotalMediaFiles'] = media.length;
    caseRecord['TotalPrecategorized'] = media.filter((record) => record['Category'] !== null).length;
    caseRecord['Media'] = media;
    document['value'] = [caseRecord];
  } else {
    document['value'] = media;
  }
  return { text: `${JSON.stringify(document, null, 2)}\n`, written: media.length, skipped, warnings };
}
