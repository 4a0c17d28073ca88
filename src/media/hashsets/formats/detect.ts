/** Format auto-detection and the one entry point that reads any supported hash set. */
import { looksLikeIcseHeader, parseIcseCsv } from './icse-csv.js';
import { classifyListLine, type ListLineKind, parseMd5List, parsePdqList, parseSha1List, parseSha256List } from './hash-list.js';
import type { HashSetFormat, ParseOptions, ParseResult } from './parse-result.js';
import { decodeHead, type HashSetInput, lines } from './text.js';
import { looksLikeVicsJson, parseVicsJson } from './vics-json.js';

/** A detected format; `guess` explains a choice the content could not settle. */
export interface Detection {
  format: HashSetFormat;
  guess?: string;
}

const sampleLines = 200;

/** The format of an input, or undefined when it is none Vigil reads; see `detectFormat`. */
export function sniffFormat(input: HashSetInput): Detection | undefined {
  const head = decodeHead(input);
  if (looksLikeVicsJson(head)) return { format: 'vics-json' };
  const kinds: ListLineKind[] = [];
  for (const { text } of lines(head)) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (kinds.length === 0 && looksLikeIcseHeader(trimmed)) return { format: 'icse-csv' };
    const kind = classifyListLine(trimmed);
    if (kind === undefined) break;
    kinds.push(kind);
    if (kinds.length >= sampleLines) break;
  }
  // The first line decides, except that bare 64-hex lines take their meaning from a later line
  // that carries a PDQ quality or a sha256sum file name.
  switch (kinds[0]) {
    case undefined:
      return undefined;
    case 'md5':
      return { format: 'md5-list' };
    case 'sha1':
      return { format: 'sha1-list' };
    case 'pdq':
      return { format: 'pdq-list' };
    case 'sha256sum':
      return { format: 'sha256-list' };
    case 'hex64':
      break;
  }
  if (kinds.includes('pdq')) return { format: 'pdq-list' };
  if (kinds.includes('sha256sum')) return { format: 'sha256-list' };
  return {
    format: 'pdq-list',
    guess: "lines of 64 hex characters could be PDQ or SHA-256 hashes; read as PDQ (give the format 'sha256-list' if they are SHA-256)",
  };
}

/**
 * The format of an input from its first 64 KiB: VICS JSON by its OData model key, ICSE CSV by its
 * header, hash lists by the shape of their first lines (32 hex: MD5, 40: SHA-1, 64 with a quality:
 * PDQ, 64 with a file name: SHA-256, bare 64: PDQ). Undefined when none fits.
 */
export function detectFormat(input: HashSetInput): HashSetFormat | undefined {
  return sniffFormat(input)?.format;
}

const parsers: Readonly<Record<HashSetFormat, (input: HashSetInput, options: ParseOptions) => ParseResult>> = {
  'icse-csv': parseIcseCsv,
  'vics-json': parseVicsJson,
  'pdq-list': parsePdqList,
  'md5-list': parseMd5List,
  'sha1-list': parseSha1List,
  'sha256-list': parseSha256List,
};

/**
 * Reads a hash set in the given format, or in the detected one. An unrecognised input gives a
 * result with format 'unknown', no entries and one error at line 0.
 *
 *   const result = parseHashSet(bytes);
 *   if (result.errors.length > 0) … // refuse, or import result.entries and report the errors
 */
export function parseHashSet(input: HashSetInput, format?: HashSetFormat, options: ParseOptions = {}): ParseResult {
  if (format !== undefined) return parsers[format](input, options);
  const detection = sniffFormat(input);
  if (!detection) {
    const message = 'unrecognised format: expected ICSE CSV, VICS JSON (1.3 or 2.0), or a PDQ, MD5, SHA-1 or SHA-256 list';
    return { format: 'unknown', entries: [], errors: [{ line: 0, message }], warnings: [], records: 0 };
  }
  const result = parsers[detection.format](input, options);
  if (detection.guess !== undefined) result.warnings.unshift({ line: 0, message: detection.guess });
  return result;
}
