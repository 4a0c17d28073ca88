/**
 * Plain hash lists, one hash a line; blank lines and `#` comments are skipped everywhere.
 *
 * - PDQ: `hex`, `hex,quality`, `hex quality` (space or tab), or the reference hasher's
 *   `hex,quality,filename`.
 * - MD5, SHA-1, SHA-256: `hash`, or the md5sum / sha1sum / sha256sum style `hash  filename`
 *   (`hash *filename` in binary mode; a leading `\` marks an escaped file name).
 */
import { checkHash, type HashKind, hashHexLength, hashLabel, type HashSetEntry } from './entry.js';
import { type ExportResult, prepareEntries } from './export-result.js';
import {
  finishParse,
  type HashSetFormat,
  type LocatedEntry,
  type ParseIssue,
  type ParseOptions,
  type ParseResult,
} from './parse-result.js';
import { decodeText, type HashSetInput, lines } from './text.js';

type CryptoKind = Exclude<HashKind, 'pdq'>;

const listFormat: Readonly<Record<CryptoKind, HashSetFormat>> = { md5: 'md5-list', sha1: 'sha1-list', sha256: 'sha256-list' };
const hexRun = /^[0-9a-fA-F]+/;

/** What one line of a list holds, for format sniffing. */
export type ListLineKind = 'md5' | 'sha1' | 'pdq' | 'hex64' | 'sha256sum';

/** Classifies a non-blank, non-comment line, or undefined when it is no hash line. */
export function classifyListLine(line: string): ListLineKind | undefined {
  const trimmed = line.trim();
  const text = trimmed.startsWith('\\') ? trimmed.slice(1) : trimmed;
  const hex = hexRun.exec(text)?.[0];
  if (hex === undefined) return undefined;
  const rest = text.slice(hex.length);
  if (hex.length === 64) {
    if (/^(?:,\s*\d{1,3}(?:,.*)?|[ \t]+\d{1,3})$/.test(rest)) return 'pdq';
    if (rest === '') return 'hex64';
    if (/^(?: \*| {2}|\t)/.test(rest)) return 'sha256sum';
    return undefined;
  }
  if (rest !== '' && !/^(?: \*| {2}|\t)/.test(rest)) return undefined;
  if (hex.length === 32) return 'md5';
  if (hex.length === 40) return 'sha1';
  return undefined;
}

const meaningful = (text: string): boolean => {
  const trimmed = text.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
};

/** Reads a PDQ list. */
export function parsePdqList(input: HashSetInput, options: ParseOptions = {}): ParseResult {
  const decoded = decodeText(input);
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [...decoded.warnings];
  const located: LocatedEntry[] = [];
  for (const { line, text } of lines(decoded.text)) {
    if (!meaningful(text)) continue;
    const result = pdqLine(text.trim());
    if (typeof result === 'string') errors.push({ line, message: result });
    else located.push({ entry: result, line });
  }
  return finishParse({ format: 'pdq-list', variant: 'PDQ list', errors, warnings }, located, options);
}

function pdqLine(text: string): HashSetEntry | string {
  const comma = text.indexOf(',');
  let hashText: string;
  let qualityText: string | undefined;
  let fileName: string | undefined;
  if (comma !== -1) {
    hashText = text.slice(0, comma);
    const rest = text.slice(comma + 1);
    const second = rest.indexOf(',');
    qualityText = (second === -1 ? rest : rest.slice(0, second)).trim();
    if (second !== -1) fileName = rest.slice(second + 1).trim() || undefined;
  } else {
    const parts = text.split(/[ \t]+/);
    if (parts.length > 2) return `expected 'hex', 'hex,quality' or 'hex quality', found ${parts.length} words`;
    [hashText = '', qualityText] = parts;
  }
  const hash = checkHash('pdq', hashText);
  if (!hash.ok) return hash.reason;
  const entry: HashSetEntry = { pdq: hash.value };
  if (qualityText !== undefined && qualityText !== '') {
    if (!/^\d{1,3}$/.test(qualityText) || Number(qualityText) > 100) {
      return `PDQ quality must be a whole number 0–100, found '${qualityText.slice(0, 20)}'`;
    }
    entry.pdqQuality = Number(qualityText);
  }
  if (fileName !== undefined) entry.fileName = fileName;
  return entry;
}

/** Reads an MD5 list. */
export function parseMd5List(input: HashSetInput, options: ParseOptions = {}): ParseResult {
  return parseCryptoList('md5', input, options);
}

/** Reads a SHA-1 list. */
export function parseSha1List(input: HashSetInput, options: ParseOptions = {}): ParseResult {
  return parseCryptoList('sha1', input, options);
}

/** Reads a SHA-256 list. */
export function parseSha256List(input: HashSetInput, options: ParseOptions = {}): ParseResult {
  return parseCryptoList('sha256', input, options);
}

const lengthNames: Readonly<Record<number, string>> = { 32: 'an MD5', 40: 'a SHA-1', 64: 'a SHA-256 or PDQ' };

function parseCryptoList(kind: CryptoKind, input: HashSetInput, options: ParseOptions): ParseResult {
  const decoded = decodeText(input);
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [...decoded.warnings];
  const located: LocatedEntry[] = [];
  const label = hashLabel[kind];
  for (const { line, text } of lines(decoded.text)) {
    if (!meaningful(text)) continue;
    let body = text.trim();
    const escaped = body.startsWith('\\');
    if (escaped) body = body.slice(1);
    const hex = hexRun.exec(body)?.[0] ?? '';
    const rest = body.slice(hex.length);
    if (hex.length !== hashHexLength[kind]) {
      const other = hex.length !== 0 && rest.length === 0 ? lengthNames[hex.length] : undefined;
      const found = other ? `${other} hash` : `'${body.slice(0, 24)}${body.length > 24 ? '…' : ''}'`;
      errors.push({ line, message: `expected ${label} (${hashHexLength[kind]} hex characters), found ${found}` });
      continue;
    }
    const entry: HashSetEntry = { [kind]: hex.toLowerCase() };
    if (rest !== '') {
      const name = /^(?: \*| {2}|\t)(.*)$/s.exec(rest)?.[1];
      if (name === undefined) {
        errors.push({ line, message: `expected '${label.toLowerCase()}  filename' after the hash, found '${rest.slice(0, 24)}'` });
        continue;
      }
      const fileName = escaped ? name.replace(/\\(\\|n|r)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : name;
      if (fileName !== '') entry.fileName = fileName;
    }
    located.push({ entry, line });
  }
  return finishParse({ format: listFormat[kind], variant: `${label} list`, errors, warnings }, located, options);
}

export interface ListExportOptions {
  /**
   * Write `hash  filename` (md5sum style) where a file name is known. Off by default: the names
   * of files in a hash set are often case data and do not belong in an exchanged list.
   */
  withFileNames?: boolean;
}

/** Writes a PDQ list, `hex,quality` (or `hex` when the quality is unknown) a line. */
export function exportPdqList(entries: readonly HashSetEntry[]): ExportResult {
  const { ready, skipped } = prepareEntries(entries, (entry) => (entry.pdq === undefined ? 'no PDQ hash' : undefined));
  const text = ready.map(({ entry }) => (entry.pdqQuality === undefined ? entry.pdq! : `${entry.pdq!},${entry.pdqQuality}`));
  return { text: joinLines(text), written: ready.length, skipped, warnings: [] };
}

/** Writes an MD5 list. */
export function exportMd5List(entries: readonly HashSetEntry[], options: ListExportOptions = {}): ExportResult {
  return exportCryptoList('md5', entries, options);
}

/** Writes a SHA-1 list. */
export function exportSha1List(entries: readonly HashSetEntry[], options: ListExportOptions = {}): ExportResult {
  return exportCryptoList('sha1', entries, options);
}

/** Writes a SHA-256 list. */
export function exportSha256List(entries: readonly HashSetEntry[], options: ListExportOptions = {}): ExportResult {
  return exportCryptoList('sha256', entries, options);
}

function exportCryptoList(kind: CryptoKind, entries: readonly HashSetEntry[], options: ListExportOptions): ExportResult {
  const { ready, skipped } = prepareEntries(entries, (entry) => (entry[kind] === undefined ? `no ${hashLabel[kind]} hash` : undefined));
  const seen = new Set<string>();
  const text: string[] = [];
  for (const { entry } of ready) {
    const hash = entry[kind]!;
    const name = options.withFileNames ? entry.fileName : undefined;
    if (name === undefined) {
      if (seen.has(hash)) continue;
      seen.add(hash);
      text.push(hash);
    } else if (/[\\\n\r]/.test(name)) {
      text.push(`\\${hash}  ${name.replace(/[\\\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\'))}`);
    } else text.push(`${hash}  ${name}`);
  }
  return { text: joinLines(text), written: text.length, skipped, warnings: [] };
}

const joinLines = (text: string[]): string => (text.length === 0 ? '' : `${text.join('\n')}\n`);
