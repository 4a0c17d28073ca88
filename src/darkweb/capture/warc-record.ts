/**
 * WARC 1.1 records in memory (pure): the named fields, the header as written, parsing one record
 * from bytes, the payload of a record, `application/warc-fields` blocks, and the check that a
 * record's block and payload still match the digests in its header. File I/O and gzip live in
 * `warc.ts`; this module is shared with the custody check, which must stay pure.
 *
 *   const parsed = parseRecord(bytes, 0, { offset: 0, length: bytes.length });
 *   if (parsed.ok) checkRecordDigests(parsed.record) // [] when intact
 */
import { randomUUID } from 'node:crypto';
import { digestMatches } from './digest.js';

export const warcVersion = 'WARC/1.1';

export const warcRecordTypes = [
  'warcinfo',
  'response',
  'resource',
  'request',
  'metadata',
  'revisit',
  'conversion',
  'continuation',
] as const;
export type WarcRecordType = (typeof warcRecordTypes)[number];

const crlf = Buffer.from('\r\n');
const headerEnd = Buffer.from('\r\n\r\n');

/** The named fields of a record in file order; names compare without regard to case. */
export class WarcHeaders implements Iterable<readonly [string, string]> {
  readonly #fields: readonly (readonly [string, string])[];

  constructor(fields: readonly (readonly [string, string])[]) {
    this.#fields = fields;
  }

  /** The first value of the field, or undefined. */
  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.#fields.find(([n]) => n.toLowerCase() === lower)?.[1];
  }

  /** Every value of a field that may repeat (WARC-Concurrent-To, or a warc-fields list). */
  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.#fields.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    return this.#fields.length;
  }

  [Symbol.iterator](): Iterator<readonly [string, string]> {
    return this.#fields[Symbol.iterator]();
  }
}

/** One record as read from a file. */
export interface WarcRecord {
  kind: 'record';
  /** Where the record's gzip member (or, in an uncompressed file, the record) starts. */
  offset: number;
  /** The member's (or uncompressed record's) length in the file. */
  length: number;
  /** `WARC/1.1`, or `WARC/1.0` in older files. */
  version: string;
  type: string;
  /** With its angle brackets, as written: `<urn:uuid:…>`. */
  recordId: string;
  headers: WarcHeaders;
  block: Buffer;
}

/** A fresh record id, `<urn:uuid:…>`. */
export function newRecordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

/** `<id>` for an id given with or without its angle brackets (readers must accept both). */
export function bracketId(id: string): string {
  const bare = id.trim().replace(/^<(.*)>$/, '$1');
  return `<${bare}>`;
}

/** WARC-Date: UTC with milliseconds (WARC 1.1 allows 1 to 9 fraction digits). */
export function formatWarcDate(date: Date): string {
  return date.toISOString();
}

const tokenPattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Any control character but tab; CR and LF above all, which would let a value forge fields.
// eslint-disable-next-line no-control-regex
const controlPattern = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Why a field name or value cannot be written, or undefined when it can. */
export function fieldProblem(name: string, value: string): string | undefined {
  if (!tokenPattern.test(name)) return `field name ${JSON.stringify(name)} is not a token`;
  if (controlPattern.test(value)) return `field ${name} contains a control character`;
  return undefined;
}

/** `WARC/1.1` CRLF, the fields, and the blank line; throws on a field that cannot be written. */
export function formatRecordHeader(fields: readonly (readonly [string, string])[]): Buffer {
  let text = `${warcVersion}\r\n`;
  for (const [name, value] of fields) {
    const problem = fieldProblem(name, value);
    if (problem) throw new TypeError(problem);
    text += `${name}: ${value}\r\n`;
  }
  return Buffer.from(`${text}\r\n`, 'utf8');
}

/** An `application/warc-fields` block: one `name: value` line each, repeated names for lists. */
export function formatWarcFields(fields: Readonly<Record<string, string | readonly string[]>>): Buffer {
  let text = '';
  for (const [name, values] of Object.entries(fields)) {
    for (const value of typeof values === 'string' ? [values] : values) {
      const problem = fieldProblem(name, value);
      if (problem) throw new TypeError(problem);
      text += `${name}: ${value}\r\n`;
    }
  }
  return Buffer.from(text, 'utf8');
}

/** Named-field lines (CRLF or LF), with continuation lines folded into the field before them. */
function parseFieldLines(lines: readonly string[]): [string, string][] | string {
  const fields: [string, string][] = [];
  for (const line of lines) {
    if (line === '') continue;
    const last = fields.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return `malformed field line ${JSON.stringify(line.slice(0, 80))}`;
    fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

/** Reads an `application/warc-fields` block. */
export function parseWarcFields(block: Buffer): WarcHeaders {
  const parsed = parseFieldLines(block.toString('utf8').split(/\r?\n/));
  return new WarcHeaders(typeof parsed === 'string' ? [] : parsed);
}

/** A failed parse is `incomplete` when more bytes could still complete the record. */
export type ParsedRecord =
  { ok: true; record: WarcRecord; end: number } | { ok: false; problem: string; recordId?: string; incomplete?: boolean };

const maxHeaderBytes = 1024 * 1024;

/**
 * Parses one record starting at `start` of `bytes`; `end` is where the next record would start.
 * The block is a view into `bytes`, not a copy.
 */
export function parseRecord(bytes: Buffer, start: number, at: { offset: number; length: number }): ParsedRecord {
  if (bytes.toString('latin1', start, start + 5) !== 'WARC/') return { ok: false, problem: 'does not start with a WARC version line' };
  const end = bytes.indexOf(headerEnd, start);
  if (end < 0 || end - start > maxHeaderBytes) {
    const incomplete = end < 0 && bytes.length - start <= maxHeaderBytes;
    return { ok: false, problem: 'the header does not end (no blank line)', recordId: peekRecordId(bytes.subarray(start)), incomplete };
  }
  const lines = bytes.toString('utf8', start, end).split('\r\n');
  const version = lines[0] ?? '';
  const parsed = parseFieldLines(lines.slice(1));
  if (typeof parsed === 'string') return { ok: false, problem: parsed };
  const headers = new WarcHeaders(parsed);
  const rawId = headers.get('WARC-Record-ID');
  const recordId = rawId ? bracketId(rawId) : undefined;
  const type = headers.get('WARC-Type');
  const lengthText = headers.get('Content-Length');
  if (!recordId || !type || lengthText === undefined) {
    return { ok: false, problem: 'a mandatory field (WARC-Record-ID, WARC-Type, Content-Length) is missing', recordId };
  }
  if (!/^\d+$/.test(lengthText)) return { ok: false, problem: `Content-Length ${JSON.stringify(lengthText)} is not a number`, recordId };
  const blockStart = end + headerEnd.length;
  const blockEnd = blockStart + Number(lengthText);
  if (blockEnd + headerEnd.length > bytes.length) {
    return { ok: false, problem: 'the block is shorter than its Content-Length', recordId, incomplete: true };
  }
  if (!bytes.subarray(blockEnd, blockEnd + headerEnd.length).equals(headerEnd)) {
    return { ok: false, problem: 'the record does not end with CRLF CRLF after Content-Length bytes', recordId };
  }
  const record: WarcRecord = {
    kind: 'record',
    offset: at.offset,
    length: at.length,
    version,
    type,
    recordId,
    headers,
    block: bytes.subarray(blockStart, blockEnd),
  };
  return { ok: true, record, end: blockEnd + headerEnd.length };
}

/** The WARC-Record-ID in the first bytes of a damaged or truncated record, if they hold it. */
export function peekRecordId(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1', 0, Math.min(bytes.length, 64 * 1024));
  const match = /\r\nWARC-Record-ID:[ \t]*(\S+)\r\n/i.exec(text);
  return match?.[1] ? bracketId(match[1]) : undefined;
}

/** The WARC-Target-URI without the angle brackets some writers (wget) put around it. */
export function targetUriOf(record: WarcRecord): string | undefined {
  return record.headers
    .get('WARC-Target-URI')
    ?.replace(/^<(.*)>$/, '$1')
    .trim();
}

/** The head of an HTTP message block (status or request line and headers) and where its body starts. */
export function splitHttpMessage(block: Buffer): { head: WarcHeaders; bodyStart: number } | undefined {
  const end = block.indexOf(headerEnd);
  if (end < 0) return undefined;
  const lines = block.toString('latin1', 0, end).split('\r\n').slice(1);
  const parsed = parseFieldLines(lines);
  return { head: new WarcHeaders(typeof parsed === 'string' ? [] : parsed), bodyStart: end + headerEnd.length };
}

const isHttpBlock = (record: WarcRecord): boolean => /^application\/http\b/i.test(record.headers.get('Content-Type') ?? '');

/**
 * The record's payload: the entity body of an HTTP request or response, the whole block of a
 * resource or conversion; undefined for types without one (warcinfo, metadata) and for revisits,
 * whose payload is another record's.
 */
export function recordPayload(record: WarcRecord): Buffer | undefined {
  switch (record.type) {
    case 'response':
    case 'request': {
      if (!isHttpBlock(record)) return record.block;
      const message = splitHttpMessage(record.block);
      return message ? record.block.subarray(message.bodyStart) : undefined;
    }
    case 'resource':
    case 'conversion':
    case 'continuation':
      return record.block;
    default:
      return undefined;
  }
}

/** A chunked body without its chunk framing, or undefined when it is not well-formed chunking. */
export function dechunk(body: Buffer): Buffer[] | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf(crlf, at);
    if (lineEnd < 0) return undefined;
    const sizeText = body.toString('latin1', at, lineEnd).split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return undefined;
    const size = parseInt(sizeText, 16);
    if (size === 0) return parts;
    const start = lineEnd + crlf.length;
    if (start + size + crlf.length > body.length) return undefined;
    parts.push(body.subarray(start, start + size));
    at = start + size + crlf.length;
  }
}

export type DigestProblemKind = 'block digest mismatch' | 'payload digest mismatch' | 'no block digest' | 'unsupported digest';

export interface DigestProblem {
  problem: DigestProblemKind;
  detail: string;
}

/**
 * Recomputes the block digest, and the payload digest where the record has a payload, and
 * compares them with the header. A chunked HTTP body may be digested with or without its chunk
 * framing (writers differ), so either is accepted.
 */
export function checkRecordDigests(record: WarcRecord, options: { requireBlockDigest?: boolean } = {}): DigestProblem[] {
  const problems: DigestProblem[] = [];
  const blockDigest = record.headers.get('WARC-Block-Digest');
  if (blockDigest === undefined) {
    if (options.requireBlockDigest ?? true) problems.push({ problem: 'no block digest', detail: 'the record has no WARC-Block-Digest' });
  } else {
    const matches = digestMatches(blockDigest, [record.block]);
    if (matches === 'unsupported') problems.push({ problem: 'unsupported digest', detail: `cannot check ${blockDigest}` });
    else if (!matches) problems.push({ problem: 'block digest mismatch', detail: `the block does not hash to ${blockDigest}` });
  }
  const payloadDigest = record.headers.get('WARC-Payload-Digest');
  const payload = recordPayload(record);
  if (payloadDigest !== undefined && payload !== undefined) {
    const matches = digestMatches(payloadDigest, [payload]);
    if (matches === 'unsupported') problems.push({ problem: 'unsupported digest', detail: `cannot check ${payloadDigest}` });
    else if (!matches && !chunkedPayloadMatches(record, payload, payloadDigest)) {
      problems.push({ problem: 'payload digest mismatch', detail: `the payload does not hash to ${payloadDigest}` });
    }
  }
  return problems;
}

function chunkedPayloadMatches(record: WarcRecord, payload: Buffer, payloadDigest: string): boolean {
  const head = isHttpBlock(record) ? splitHttpMessage(record.block)?.head : undefined;
  if (!/\bchunked\b/i.test(head?.get('Transfer-Encoding') ?? '')) return false;
  const parts = dechunk(payload);
  return parts !== undefined && digestMatches(payloadDigest, parts) === true;
}
