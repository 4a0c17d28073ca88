/**
 * The normalised hash-set entry that every exchange format maps to, the checks that keep its
 * hashes canonical, the categorisation schemes, and `mergeEntries`, which folds several records
 * of one physical file (same MD5, SHA-1 or SHA-256) into one entry.
 */

/** Categorisation schemes: the same number means different things, so an entry stores scheme + code. */
export type CategoryScheme = 'projectvic-us' | 'projectvic-legacy' | 'uk' | 'none';

/**
 * A category. `none` is a code whose numbering is unknown (e.g. a VICS 2.0 data model other than
 * US/Default): kept verbatim, never compared or converted. No category at all means uncategorised.
 */
export interface Category {
  scheme: CategoryScheme;
  code: string;
}

/** One known file. Every field is optional, but a valid entry has at least one hash. */
export interface HashSetEntry {
  /** 32 lowercase hex. */
  md5?: string;
  /** 40 lowercase hex. */
  sha1?: string;
  /** 64 lowercase hex. */
  sha256?: string;
  /** PDQ, 64 lowercase hex (reference text form: word 15 first). */
  pdq?: string;
  /** PDQ quality, integer 0–100. */
  pdqQuality?: number;
  /** PhotoDNA as text: 192 base64 characters (hex input of 288 characters is converted to base64). */
  photoDna?: string;
  category?: Category;
  /** INTERPOL Baseline: real child, apparently ≤ 13, severe; illegal everywhere. */
  baseline?: boolean;
  seriesName?: string;
  victimIdentified?: boolean;
  offenderIdentified?: boolean;
  distributed?: boolean;
  /** Number of submissions (ICSE), a non-negative integer. */
  submissions?: number;
  notes?: string;
  /** The source's own id: ICSE Image ID, VICS MediaID. */
  externalId?: string;
  mediaType?: string;
  fileName?: string;
}

/** `{ ok: true, value }` or `{ ok: false, reason }`: a check that does not throw. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export type HashKind = 'md5' | 'sha1' | 'sha256' | 'pdq';

/** Hex length of each hash kind. */
export const hashHexLength: Readonly<Record<HashKind, number>> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

export const hashLabel: Readonly<Record<HashKind, string>> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', pdq: 'PDQ' };

const whitespace = /\s+/g;
const hexOnly = /^[0-9a-f]*$/;
const plainHex = /^[0-9a-fA-F]+$/;

/** Canonical form of a hex hash: whitespace removed (also inside, as in `d41d8cd9 8f00b204 …`), lowercase, exact length. */
export function checkHash(kind: HashKind, raw: string): Checked<string> {
  if (raw.length === hashHexLength[kind] && plainHex.test(raw)) return { ok: true, value: raw.toLowerCase() };
  const value = raw.replace(whitespace, '').toLowerCase();
  const label = hashLabel[kind];
  const length = hashHexLength[kind];
  if (!hexOnly.test(value)) return { ok: false, reason: `${label} '${shorten(raw)}' is not hexadecimal` };
  if (value.length !== length) {
    return { ok: false, reason: `${label} must be ${length} hex characters, found ${value.length}` };
  }
  return { ok: true, value };
}

/** `checkHash` without the reason: the canonical hash, or undefined when it is not one. */
export function normaliseHash(kind: HashKind, raw: string): string | undefined {
  const checked = checkHash(kind, raw);
  return checked.ok ? checked.value : undefined;
}

const photoDnaBytes = 144;
const base64Shape = /^[A-Za-z0-9+/]{192}$/;
const hexShape = /^[0-9a-fA-F]{288}$/;

/** PhotoDNA (144 bytes) as 192 base64 characters; hex (288 characters) is converted, whitespace removed. */
export function checkPhotoDna(raw: string): Checked<string> {
  const value = raw.replace(whitespace, '');
  if (base64Shape.test(value)) return { ok: true, value };
  if (hexShape.test(value)) return { ok: true, value: Buffer.from(value, 'hex').toString('base64') };
  return {
    ok: false,
    reason: `PhotoDNA must be ${photoDnaBytes} bytes as 192 base64 or 288 hex characters, found ${value.length} characters`,
  };
}

/** The 144 bytes of a PhotoDNA in either text form, or undefined when it has neither shape. */
export function photoDnaToBytes(raw: string): Uint8Array | undefined {
  const checked = checkPhotoDna(raw);
  return checked.ok ? new Uint8Array(Buffer.from(checked.value, 'base64')) : undefined;
}

/** Hashes of zero bytes: a hash set holding one matches every empty file. */
export const emptyFileHashes: Readonly<Record<'md5' | 'sha1' | 'sha256', string>> = {
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
};

const zeroPdq = '0'.repeat(64);
/** Meta's guidance: PDQ hashes of quality under 50 are too unreliable to match on. */
export const pdqMinQuality = 50;

/**
 * Hashes that are valid but useless or harmful in a hash set: the hash of an empty file, the
 * all-zero PDQ (images under 5 px, blank images) and PDQ of quality under 50. Reported as
 * warnings by the importers; the caller decides whether to keep them.
 */
export function degenerateHashWarnings(entry: HashSetEntry): string[] {
  const warnings: string[] = [];
  for (const kind of ['md5', 'sha1', 'sha256'] as const) {
    if (entry[kind] === emptyFileHashes[kind]) {
      warnings.push(`${hashLabel[kind]} is the hash of an empty file and would match every empty file`);
    }
  }
  if (entry.pdq === zeroPdq) warnings.push('PDQ is all zeros (an image under 5 px or a blank image) and matches too widely');
  else if (entry.pdq !== undefined && entry.pdqQuality !== undefined && entry.pdqQuality < pdqMinQuality) {
    warnings.push(`PDQ quality ${entry.pdqQuality} is under ${pdqMinQuality}: too unreliable to match on`);
  }
  return warnings;
}

/** The codes of each scheme with their meaning (REFERENCE.md section 2). */
export const categorySchemes: Readonly<Record<Exclude<CategoryScheme, 'none'>, Readonly<Record<string, string>>>> = {
  'projectvic-us': {
    '0': 'non-pertinent',
    '1': 'child abuse material',
    '2': 'child exploitive / age difficult',
    '3': 'CGI / animation',
    '4': 'comparison',
  },
  'projectvic-legacy': {
    '0': 'uncategorised',
    '1': 'child exploitation (illegal)',
    '2': 'non-illegal / age difficult',
    '3': 'CGI / animation',
    '4': 'exemplar / comparison',
    '5': 'non-pertinent',
  },
  uk: { A: 'category A', B: 'category B', C: 'category C' },
};

const schemeLabel: Readonly<Record<CategoryScheme, string>> = {
  'projectvic-us': 'Project VIC (US)',
  'projectvic-legacy': 'legacy Project VIC',
  uk: 'UK',
  none: 'unknown scheme',
};

/** A category with its code canonical (UK letters upper case), or why it is not one. */
export function checkCategory(category: Category): Checked<Category> {
  const { scheme } = category;
  const code = category.code.trim();
  switch (scheme) {
    case 'none':
      return code === '' ? { ok: false, reason: 'category code is empty' } : { ok: true, value: { scheme, code } };
    case 'uk':
    case 'projectvic-us':
    case 'projectvic-legacy': {
      const canonical = scheme === 'uk' ? code.toUpperCase() : code;
      const codes = categorySchemes[scheme];
      if (Object.hasOwn(codes, canonical)) return { ok: true, value: { scheme, code: canonical } };
      return {
        ok: false,
        reason: `category '${shorten(category.code)}' is not a ${schemeLabel[scheme]} category (${Object.keys(codes).join(', ')})`,
      };
    }
  }
}

/** What a category means, e.g. 'child abuse material' (undefined for scheme `none` or an unknown code). */
export function describeCategory(category: Category): string | undefined {
  if (category.scheme === 'none') return undefined;
  const codes = categorySchemes[category.scheme];
  return Object.hasOwn(codes, category.code) ? codes[category.code] : undefined;
}

/**
 * The same category in the other Project VIC numbering, or undefined when it has no equivalent:
 * UK and unknown-scheme codes, and legacy 0 (uncategorised), which is no category in the US scheme.
 * Legacy 5 (non-pertinent) is US 0; codes 1–4 keep their number (same meaning in both tables).
 */
export function convertCategory(category: Category, to: 'projectvic-us' | 'projectvic-legacy'): Category | undefined {
  if (category.scheme === to) return category;
  if (category.scheme === 'projectvic-legacy' && to === 'projectvic-us') {
    if (category.code === '0') return undefined;
    return { scheme: to, code: category.code === '5' ? '0' : category.code };
  }
  if (category.scheme === 'projectvic-us' && to === 'projectvic-legacy') {
    return { scheme: to, code: category.code === '0' ? '5' : category.code };
  }
  return undefined;
}

const booleanFields = ['baseline', 'victimIdentified', 'offenderIdentified', 'distributed'] as const;
const textFields = ['seriesName', 'notes', 'externalId', 'mediaType', 'fileName'] as const;

/**
 * An entry with its hashes canonical, empty texts dropped and every field checked; or every
 * problem found. Use it on entries built by hand before exporting or storing them.
 */
export function normaliseEntry(entry: HashSetEntry): Checked<HashSetEntry> {
  const problems: string[] = [];
  const out: HashSetEntry = {};
  for (const kind of ['md5', 'sha1', 'sha256', 'pdq'] as const) {
    const raw = entry[kind];
    if (raw === undefined || raw.trim() === '') continue;
    const checked = checkHash(kind, raw);
    if (checked.ok) out[kind] = checked.value;
    else problems.push(checked.reason);
  }
  if (entry.pdqQuality !== undefined) {
    if (!isIntegerIn(entry.pdqQuality, 0, 100)) problems.push(`PDQ quality must be an integer 0–100, found ${entry.pdqQuality}`);
    else if (out.pdq === undefined) problems.push('PDQ quality without a PDQ hash');
    else out.pdqQuality = entry.pdqQuality;
  }
  if (entry.photoDna !== undefined && entry.photoDna.trim() !== '') {
    const checked = checkPhotoDna(entry.photoDna);
    if (checked.ok) out.photoDna = checked.value;
    else problems.push(checked.reason);
  }
  if (entry.category !== undefined) {
    const checked = checkCategory(entry.category);
    if (checked.ok) out.category = checked.value;
    else problems.push(checked.reason);
  }
  for (const field of booleanFields) {
    if (entry[field] !== undefined) out[field] = entry[field];
  }
  if (entry.submissions !== undefined) {
    if (!isIntegerIn(entry.submissions, 0, Number.MAX_SAFE_INTEGER)) {
      problems.push(`submissions must be a non-negative integer, found ${entry.submissions}`);
    } else out.submissions = entry.submissions;
  }
  for (const field of textFields) {
    const value = entry[field]?.trim();
    if (value) out[field] = value;
  }
  if (!hasHash(out) && problems.length === 0) problems.push('no hash (MD5, SHA-1, SHA-256, PDQ or PhotoDNA)');
  return problems.length === 0 ? { ok: true, value: out } : { ok: false, reason: problems.join('; ') };
}

/** Whether an entry carries at least one hash. */
export function hasHash(entry: HashSetEntry): boolean {
  return (
    entry.md5 !== undefined ||
    entry.sha1 !== undefined ||
    entry.sha256 !== undefined ||
    entry.pdq !== undefined ||
    entry.photoDna !== undefined
  );
}

/** Two records that could not be folded together, or folded with a field in disagreement. */
export interface MergeConflict {
  /** Indexes in the input of the records involved, ascending. */
  records: number[];
  message: string;
}

export interface MergeResult {
  entries: HashSetEntry[];
  /** For each output entry, the indexes of the input records folded into it, ascending. */
  sources: number[][];
  conflicts: MergeConflict[];
}

const cryptoKinds = ['md5', 'sha1', 'sha256'] as const;

interface Group {
  entry: HashSetEntry;
  sources: number[];
  /** Set when this group has been folded into another one. */
  mergedInto?: Group;
}

/**
 * Folds several records of one physical file into one entry, as VICS exports carry them. Records
 * are the same file when they share an MD5, SHA-1 or SHA-256 and no hash kind they both carry
 * differs (an MD5 shared with a different SHA-1 is kept apart and reported). Records without any
 * of these fold only with others without them that carry the same PDQ or PhotoDNA (duplicates in a
 * PDQ list).
 *
 * Fields: hashes are united; flags (baseline, victim/offender identified, distributed) are true
 * when any record says true; submissions take the maximum; notes are joined; category, series,
 * PDQ and PhotoDNA take the first value and report a disagreement; ids, media type and file name
 * take the first value silently (they legitimately differ between copies). Output keeps the order
 * in which each file first appears.
 */
export function mergeEntries(records: readonly HashSetEntry[]): MergeResult {
  const byHash = new Map<string, Group>();
  const groups: Group[] = [];
  const conflicts: MergeConflict[] = [];
  const live = (group: Group): Group => {
    let current = group;
    while (current.mergedInto) current = current.mergedInto;
    return current;
  };

  records.forEach((record, index) => {
    const keys = groupKeys(record);
    const candidates: Group[] = [];
    for (const key of keys) {
      const found = byHash.get(key);
      if (found) {
        const group = live(found);
        if (!candidates.includes(group)) candidates.push(group);
      }
    }
    let target: Group | undefined;
    const pending: Group[] = [];
    for (const group of candidates.sort((a, b) => a.sources[0]! - b.sources[0]!)) {
      const clash = hashClash(group.entry, record);
      if (clash) {
        conflicts.push({
          records: [...group.sources, index].sort((a, b) => a - b),
          message: `same ${clash.shared} but different ${clash.differs}: kept as separate files`,
        });
      } else pending.push(group);
    }
    const own: Group = { entry: { ...record }, sources: [index] };
    for (const group of pending) {
      if (!target) {
        target = group;
        foldInto(target, own, conflicts);
      } else {
        const clash = hashClash(target.entry, group.entry);
        if (clash) {
          conflicts.push({
            records: [...target.sources, ...group.sources].sort((a, b) => a - b),
            message: `same ${clash.shared} but different ${clash.differs}: kept as separate files`,
          });
        } else {
          foldInto(target, group, conflicts);
          group.mergedInto = target;
        }
      }
    }
    if (!target) {
      target = own;
      groups.push(own);
    }
    for (const key of groupKeys(target.entry)) {
      const existing = byHash.get(key);
      if (!existing || live(existing) === target) byHash.set(key, target);
    }
  });

  const kept = groups.filter((group) => !group.mergedInto);
  return { entries: kept.map((group) => group.entry), sources: kept.map((group) => group.sources), conflicts };
}

function groupKeys(entry: HashSetEntry): string[] {
  const keys: string[] = [];
  for (const kind of cryptoKinds) {
    const value = entry[kind];
    if (value !== undefined) keys.push(`${kind}:${value}`);
  }
  if (keys.length > 0) return keys;
  if (entry.pdq !== undefined) return [`pdq:${entry.pdq}`];
  if (entry.photoDna !== undefined) return [`photodna:${entry.photoDna}`];
  return [];
}

function hashClash(a: HashSetEntry, b: HashSetEntry): { shared: string; differs: string } | undefined {
  const shared = cryptoKinds.find((kind) => a[kind] !== undefined && a[kind] === b[kind]);
  const differs = cryptoKinds.find((kind) => a[kind] !== undefined && b[kind] !== undefined && a[kind] !== b[kind]);
  if (differs === undefined) return undefined;
  return { shared: shared ? hashLabel[shared] : 'hash', differs: hashLabel[differs] };
}

function foldInto(target: Group, source: Group, conflicts: MergeConflict[]): void {
  const a = target.entry;
  const b = source.entry;
  const records = [...target.sources, ...source.sources].sort((x, y) => x - y);
  const disagree = (what: string, kept: string, dropped: string) =>
    conflicts.push({ records, message: `${what} differs ('${shorten(kept)}' kept, '${shorten(dropped)}' dropped)` });

  for (const kind of cryptoKinds) a[kind] ??= b[kind];
  if (b.pdq !== undefined) {
    if (a.pdq === undefined) {
      a.pdq = b.pdq;
      if (b.pdqQuality !== undefined) a.pdqQuality = b.pdqQuality;
    } else if (a.pdq !== b.pdq) disagree('PDQ', a.pdq, b.pdq);
    else if (b.pdqQuality !== undefined) a.pdqQuality = Math.max(a.pdqQuality ?? 0, b.pdqQuality);
  }
  if (b.photoDna !== undefined) {
    if (a.photoDna === undefined) a.photoDna = b.photoDna;
    else if (a.photoDna !== b.photoDna) disagree('PhotoDNA', a.photoDna, b.photoDna);
  }
  if (b.category !== undefined) {
    if (a.category === undefined) a.category = b.category;
    else if (!sameCategory(a.category, b.category)) {
      disagree('category', `${a.category.scheme} ${a.category.code}`, `${b.category.scheme} ${b.category.code}`);
    }
  }
  for (const field of booleanFields) {
    if (b[field] !== undefined) a[field] = (a[field] ?? false) || b[field];
  }
  if (b.submissions !== undefined) a.submissions = Math.max(a.submissions ?? 0, b.submissions);
  if (b.seriesName !== undefined) {
    if (a.seriesName === undefined) a.seriesName = b.seriesName;
    else if (a.seriesName.trim().toLowerCase() !== b.seriesName.trim().toLowerCase()) disagree('series', a.seriesName, b.seriesName);
  }
  if (b.notes !== undefined) {
    if (a.notes === undefined) a.notes = b.notes;
    else if (!a.notes.split('\n').includes(b.notes)) a.notes = `${a.notes}\n${b.notes}`;
  }
  a.externalId ??= b.externalId;
  a.mediaType ??= b.mediaType;
  a.fileName ??= b.fileName;
  target.sources = records;
}

function sameCategory(a: Category, b: Category): boolean {
  if (a.scheme === b.scheme) return a.code === b.code;
  if (a.scheme === 'projectvic-us' || a.scheme === 'projectvic-legacy') {
    const converted = convertCategory(b, a.scheme);
    return converted !== undefined && converted.code === a.code;
  }
  return false;
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** A value cut to a length fit for a message. */
export function shorten(value: string, max = 48): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
