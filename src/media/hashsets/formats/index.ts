/**
 * Hash-set exchange formats (pure: text or bytes in, data out; no files, no database).
 *
 * | format        | read | write | carries |
 * | ------------- | ---- | ----- | ------- |
 * | `icse-csv`    | yes  | yes   | MD5, SHA-1, PhotoDNA, Image ID, distributed / victim / offender flags, series, submissions, media type, Baseline |
 * | `vics-json`   | yes  | yes   | Project VIC VICS 1.3 and 2.0, `#Media` and `#Cases`: MD5, SHA-1, PhotoDNA, SHA-256 and PDQ in `AlternativeHashes`, category, flags, series, comments, MediaID, MIME type, file name |
 * | `pdq-list`    | yes  | yes   | PDQ and quality: `hex[,quality]` a line |
 * | `md5-list`    | yes  | yes   | MD5 a line (md5sum `hash  filename` accepted) |
 * | `sha1-list`   | yes  | yes   | SHA-1 a line (sha1sum style accepted) |
 * | `sha256-list` | yes  | yes   | SHA-256 a line (sha256sum style accepted) |
 *
 * Every importer returns a `ParseResult`: the entries, each bad record as an error with its line
 * (for JSON also its path, `value[2].Media[5]`), and warnings; a bad record never stops the
 * parse. Records of one physical file are merged (`mergeEntries`). Inputs are read whole: keep
 * one input under a few hundred MB (V8's string limit is about 512 M characters).
 *
 *   import { exportVicsJson, parseHashSet } from './formats/index.js';
 *
 *   const result = parseHashSet(bytes); // format detected; or parseHashSet(bytes, 'icse-csv')
 *   if (result.errors.length > 0) return { ok: false, reason: `line ${result.errors[0]!.line}: ${result.errors[0]!.message}` };
 *   store(result.entries);
 *
 *   const { text, skipped, warnings } = exportVicsJson(entries, { version: '2.0', caseNumber: 'OP-2025-17' });
 */
export {
  type Category,
  type CategoryScheme,
  categorySchemes,
  type Checked,
  checkCategory,
  checkHash,
  checkPhotoDna,
  convertCategory,
  degenerateHashWarnings,
  describeCategory,
  emptyFileHashes,
  type HashKind,
  hashHexLength,
  type HashSetEntry,
  hasHash,
  type MergeConflict,
  type MergeResult,
  mergeEntries,
  normaliseEntry,
  normaliseHash,
  pdqMinQuality,
  photoDnaToBytes,
} from './entry.js';
export {
  type HashSetFormat,
  hashSetFormats,
  type ParseIssue,
  type ParseOptions,
  type ParseResult,
  type VicsCaseSummary,
} from './parse-result.js';
export type { ExportIssue, ExportResult } from './export-result.js';
export type { HashSetInput } from './text.js';
export { detectFormat, parseHashSet } from './detect.js';
export { exportIcseCsv, icseColumns, parseIcseCsv } from './icse-csv.js';
export { exportVicsJson, parseVicsJson, type VicsExportOptions, type VicsVersion } from './vics-json.js';
export {
  exportMd5List,
  exportPdqList,
  exportSha1List,
  exportSha256List,
  type ListExportOptions,
  parseMd5List,
  parsePdqList,
  parseSha1List,
  parseSha256List,
} from './hash-list.js';
