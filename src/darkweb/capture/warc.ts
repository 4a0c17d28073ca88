/**
 * WARC 1.1 files for dark web evidence: a writer that appends each record as its own gzip member
 * (so a `.warc.gz` is readable by standard tools and any record can be read alone from its
 * offset), and a reader that walks a file, reads one record at an offset, and re-verifies every
 * digest. Digests are SHA-256 (see `digest.ts` for the encoding).
 *
 * Durability: one file descriptor opened append-only and exclusive, one write per record (records
 * are digested and compressed concurrently, appended in call order), `fsync` on `flush()` and
 * `close()`. A process killed mid-write leaves at most one truncated
 * member at the end, which the reader reports as such after every complete record before it. A
 * damaged member in the middle is reported and skipped, and reading resumes at the next member.
 *
 * Media safety: the writer refuses a payload whose bytes are an image or a video (and a `data:`
 * target URI, which would carry bytes in a header), and metadata fields are short strings, so
 * media hashes can be recorded without any media byte reaching the disk.
 *
 *   const warc = await WarcWriter.open('/data/darkweb/visit-42.warc.gz', { warcinfo: { software: 'vigil' } });
 *   const { recordId, offset, length, payloadDigest } = await warc.writeResponse({ targetUri, httpStatusLine, httpHeaders, payload });
 *   await warc.close();
 */
import { once } from 'node:events';
import { constants as fsConstants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { isIP } from 'node:net';
import { basename, dirname } from 'node:path';
import { constants as zlibConstants, crc32, createGzip, gzipSync, inflateRawSync } from 'node:zlib';
import { detectFileType } from '../../media/file-type.js';
import { AppError } from '../../platform/errors.js';
import { sha256Digest, type Digest, type DigestEncoding } from './digest.js';
import {
  bracketId,
  checkRecordDigests,
  fieldProblem,
  formatRecordHeader,
  formatWarcDate,
  formatWarcFields,
  newRecordId,
  parseRecord,
  peekRecordId,
  targetUriOf,
  type DigestProblemKind,
  type WarcRecord,
} from './warc-record.js';

/** HTTP header lines as received: pairs in order, or an object with repeated values as arrays. */
export type HttpHeaders = readonly (readonly [string, string])[] | Readonly<Record<string, string | readonly string[]>>;

/** `application/warc-fields` content: repeated names for lists. */
export type WarcFields = Readonly<Record<string, string | readonly string[]>>;

export interface WarcWriterOptions {
  /** The warcinfo record's fields (operator, software, isPartOf, description, …). */
  warcinfo?: WarcFields;
  /** The clock for WARC-Date (tests pass a fixed one). */
  now?: () => Date;
  /** Base32 (the default) or Base16 for the digest values written. */
  digestEncoding?: DigestEncoding;
  /** fsync after every record instead of only on flush() and close(). */
  syncEachRecord?: boolean;
  /** Let image and video bytes into response, resource and request records (off: hashes only). */
  allowMediaPayloads?: boolean;
  /** gzip level, 1 (fast) to 9 (small); 6 by default. */
  compressionLevel?: number;
}

interface RecordInput {
  /** A WARC-Record-ID chosen in advance (to cross-reference records); a fresh one otherwise. */
  recordId?: string;
  /** WARC-Date; records of one capture event share it. The writer's clock otherwise. */
  date?: Date;
  /** WARC-Concurrent-To: the other records of the same capture event. */
  concurrentTo?: string | readonly string[];
}

export interface WarcRequestInput extends RecordInput {
  targetUri: string;
  /** `GET /path HTTP/1.1` */
  httpRequestLine: string;
  httpHeaders: HttpHeaders;
  body?: Buffer;
  ip?: string;
}

export interface WarcResponseInput extends RecordInput {
  targetUri: string;
  /** `HTTP/1.1 200 OK` */
  httpStatusLine: string;
  /**
   * As received. The payload is stored as given, so when the fetcher has removed chunking or a
   * content coding it should not pass Transfer-Encoding or Content-Encoding as if it had not.
   */
  httpHeaders: HttpHeaders;
  /** The entity body: the payload digest covers exactly these bytes. */
  payload: Buffer;
  ip?: string;
  /** WARC-Identified-Payload-Type, from the bytes themselves (never copied from Content-Type). */
  identifiedPayloadType?: string;
  /** WARC-Truncated, when the body was cut short. */
  truncated?: 'length' | 'time' | 'disconnect' | 'unspecified';
}

export interface WarcMetadataInput {
  targetUri: string;
  /** The record this one describes (WARC-Refers-To). */
  refersTo?: string;
  concurrentTo?: string | readonly string[];
  /** e.g. `hash-md5`, `hash-sha1`, `hash-sha256`, `hash-pdq`, `match`: short strings, never media bytes. */
  fields: WarcFields;
  contentType?: 'application/warc-fields';
  recordId?: string;
  date?: Date;
}

export interface WarcResourceInput extends RecordInput {
  targetUri: string;
  contentType: string;
  block: Buffer;
  identifiedPayloadType?: string;
}

/** Where a record landed, for the database to point at. */
export interface WarcWriteResult {
  recordId: string;
  /** The gzip member's first byte in the file. */
  offset: number;
  /** The gzip member's length in the file. */
  length: number;
  date: string;
  blockDigest: string;
  blockDigestHex: string;
  payloadDigest?: string;
  payloadDigestHex?: string;
}

const crlfcrlf = Buffer.from('\r\n\r\n');
const maxUriLength = 8 * 1024;
const maxMetadataValue = 1024;
const maxMetadataBlock = 256 * 1024;

/** Appends WARC 1.1 records to a new `.warc.gz`, one gzip member each. */
export class WarcWriter {
  readonly path: string;
  /** The warcinfo record written first; every later record names it in WARC-Warcinfo-ID. */
  readonly warcinfo: WarcWriteResult;
  readonly #file: FileHandle;
  readonly #options: WarcWriterOptions;
  #size: number;
  #queue: Promise<unknown> = Promise.resolve();
  #failure: unknown;
  #closed = false;

  private constructor(path: string, file: FileHandle, options: WarcWriterOptions, warcinfo: WarcWriteResult, size: number) {
    this.path = path;
    this.#file = file;
    this.#options = options;
    this.warcinfo = warcinfo;
    this.#size = size;
  }

  /** Creates the file (never an existing one: start a new file after a crash) and writes its warcinfo record. */
  static async open(path: string, options: WarcWriterOptions = {}): Promise<WarcWriter> {
    // Everything that can be refused is checked before the file is created.
    const block = tryFormat(() =>
      formatWarcFields({
        format: 'WARC File Format 1.1',
        conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
        ...options.warcinfo,
      }),
    );
    const recordId = newRecordId();
    const date = formatWarcDate((options.now ?? (() => new Date()))());
    const header: (readonly [string, string])[] = [
      ['WARC-Type', 'warcinfo'],
      ['WARC-Record-ID', recordId],
      ['WARC-Date', date],
      ['WARC-Filename', basename(path)],
      ['Content-Type', 'application/warc-fields'],
    ];
    checkFields(header);
    let file: FileHandle;
    try {
      file = await open(path, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_APPEND, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new AppError('conflict', `WARC file ${path} already exists`, { cause: error });
      throw error;
    }
    try {
      const prepared = await prepareRecord(options, { header, block: [block] });
      await writeAll(file, prepared.member);
      await file.sync();
      await syncDirectory(dirname(path));
      return new WarcWriter(path, file, options, { recordId, date, ...landed(prepared, 0) }, prepared.length);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** Bytes written so far: the offset the next record will start at. */
  get size(): number {
    return this.#size;
  }

  /** A `request` record: the request line and headers, and the body if any. */
  async writeRequest(input: WarcRequestInput): Promise<WarcWriteResult> {
    const head = httpHead(input.httpRequestLine, input.httpHeaders);
    const body = input.body ?? Buffer.alloc(0);
    this.#guardMedia(body);
    return await this.#write(input, 'request', 'application/http;msgtype=request', [head, body], input.body ? [body] : undefined, [
      ...optionalField('WARC-Target-URI', checkTargetUri(input.targetUri)),
      ...ipField(input.ip),
    ]);
  }

  /** A `response` record: block = status line, headers and payload; payload digest over the payload only. */
  async writeResponse(input: WarcResponseInput): Promise<WarcWriteResult> {
    const head = httpHead(input.httpStatusLine, input.httpHeaders);
    this.#guardMedia(input.payload);
    return await this.#write(
      input,
      'response',
      'application/http;msgtype=response',
      [head, input.payload],
      [input.payload],
      [
        ...optionalField('WARC-Target-URI', checkTargetUri(input.targetUri)),
        ...ipField(input.ip),
        ...optionalField('WARC-Identified-Payload-Type', input.identifiedPayloadType),
        ...optionalField('WARC-Truncated', input.truncated),
      ],
    );
  }

  /**
   * A `metadata` record of warc-fields, e.g. the hashes and match of media that was fetched into
   * memory and not kept. Values are limited to 1 KiB each and 256 KiB in all so that no encoded
   * media can ride along.
   */
  async writeMetadata(input: WarcMetadataInput): Promise<WarcWriteResult> {
    for (const [name, values] of Object.entries(input.fields)) {
      for (const value of typeof values === 'string' ? [values] : values) {
        if (value.length > maxMetadataValue) throw invalid(`metadata field ${name} is longer than ${maxMetadataValue} characters`);
      }
    }
    const block = tryFormat(() => formatWarcFields(input.fields));
    if (block.length > maxMetadataBlock) throw invalid(`metadata is larger than ${maxMetadataBlock} bytes`);
    return await this.#write(input, 'metadata', input.contentType ?? 'application/warc-fields', [block], undefined, [
      ...optionalField('WARC-Target-URI', checkTargetUri(input.targetUri)),
      ...optionalField('WARC-Refers-To', input.refersTo === undefined ? undefined : checkId(input.refersTo)),
    ]);
  }

  /** A `resource` record: the block is the payload (e.g. a screenshot or a page as rendered text). */
  async writeResource(input: WarcResourceInput): Promise<WarcWriteResult> {
    this.#guardMedia(input.block);
    return await this.#write(
      input,
      'resource',
      input.contentType,
      [input.block],
      [input.block],
      [
        ...optionalField('WARC-Target-URI', checkTargetUri(input.targetUri)),
        ...optionalField('WARC-Identified-Payload-Type', input.identifiedPayloadType),
      ],
    );
  }

  /** Waits for every write so far and fsyncs the file: what was written is then on disk. */
  async flush(): Promise<void> {
    await this.#enqueue(() => this.#fileOperation(() => this.#file.sync()));
  }

  /** Flushes and closes; later writes are refused. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#queue.catch(() => undefined);
      if (this.#failure === undefined) await this.#file.sync();
    } finally {
      await this.#file.close();
    }
  }

  #guardMedia(bytes: Buffer): void {
    if (!this.#options.allowMediaPayloads && isMedia(bytes)) {
      throw invalid('the payload is an image or a video: media is hashed and recorded in a metadata record, never written to a WARC');
    }
  }

  #write(
    input: RecordInput,
    type: string,
    contentType: string,
    block: readonly Buffer[],
    payload: readonly Buffer[] | undefined,
    extra: readonly (readonly [string, string])[],
  ): Promise<WarcWriteResult> {
    const recordId = input.recordId === undefined ? newRecordId() : checkId(input.recordId);
    const date = formatWarcDate(input.date ?? (this.#options.now ?? (() => new Date()))());
    const concurrent =
      input.concurrentTo === undefined ? [] : typeof input.concurrentTo === 'string' ? [input.concurrentTo] : input.concurrentTo;
    const header: (readonly [string, string])[] = [
      ['WARC-Type', type],
      ['WARC-Record-ID', recordId],
      ['WARC-Date', date],
      ...extra,
      ['WARC-Warcinfo-ID', this.warcinfo.recordId],
      ...concurrent.map((id) => ['WARC-Concurrent-To', checkId(id)] as const),
      ['Content-Type', contentType],
    ];
    // Validated before queueing: a refused record must not mark the file as failed.
    checkFields(header);
    if (this.#closed) return Promise.reject(closedError(this.path));
    // Digests and compression run now, alongside other records'; only appending is in turn.
    const prepared = prepareRecord(this.#options, { header, block, payload });
    prepared.catch(() => undefined); // awaited below; this only keeps an early refusal from leaving it unhandled
    return this.#enqueue(async () => {
      const record = await prepared;
      const offset = this.#size;
      await this.#fileOperation(async () => {
        await writeAll(this.#file, record.member);
        if (this.#options.syncEachRecord) await this.#file.sync();
      });
      this.#size += record.length;
      return { recordId, date, ...landed(record, offset) };
    });
  }

  /** A write or sync: once one fails the file may end in a partial member, so it takes no more. */
  async #fileOperation(operation: () => Promise<void>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      this.#failure = error;
      throw error;
    }
  }

  /** Runs operations one at a time, in call order; after a failed write or sync the file takes no more. */
  #enqueue<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError(this.path));
    const run = async (): Promise<T> => {
      if (this.#failure !== undefined) {
        throw new AppError('unavailable', `an earlier write to ${this.path} failed; start a new WARC file`, { cause: this.#failure });
      }
      return await operation();
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}

const invalid = (message: string): AppError => new AppError('invalid', message);
const closedError = (path: string): AppError => new AppError('conflict', `WARC writer for ${path} is closed`);

function checkFields(fields: readonly (readonly [string, string])[]): void {
  for (const [name, value] of fields) {
    const problem = fieldProblem(name, value);
    if (problem) throw invalid(problem);
  }
}

function tryFormat(format: () => Buffer): Buffer {
  try {
    return format();
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
}

const optionalField = (name: string, value: string | undefined): (readonly [string, string])[] =>
  value === undefined ? [] : [[name, value]];

function ipField(ip: string | undefined): (readonly [string, string])[] {
  if (ip === undefined) return [];
  if (isIP(ip) === 0) throw invalid(`WARC-IP-Address ${JSON.stringify(ip)} is not an IP address`);
  return [['WARC-IP-Address', ip]];
}

function checkTargetUri(uri: string): string {
  if (uri.length === 0 || uri.length > maxUriLength) throw invalid(`target URI must be 1 to ${maxUriLength} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(uri)) throw invalid('target URI contains white space or a control character');
  if (/^data:/i.test(uri)) throw invalid('a data: URI carries its content: use a synthetic URI for inline media');
  return uri;
}

function checkId(id: string): string {
  const bracketed = bracketId(id);
  // eslint-disable-next-line no-control-regex
  if (!/^<[^\s<>\u0000-\u001f\u007f]+:[^\s<>\u0000-\u001f\u007f]+>$/.test(bracketed))
    throw invalid(`${JSON.stringify(id)} is not a record id URI`);
  return bracketed;
}

/** The start line, the header lines and the blank line of an HTTP message. */
function httpHead(startLine: string, headers: HttpHeaders): Buffer {
  const pairs: readonly (readonly [string, string])[] = Array.isArray(headers)
    ? (headers as readonly (readonly [string, string])[])
    : Object.entries(headers as Readonly<Record<string, string | readonly string[]>>).flatMap(([name, value]) =>
        (typeof value === 'string' ? [value] : value).map((v) => [name, v] as const),
      );
  if (/[\r\n]/.test(startLine)) throw invalid('the HTTP start line contains a line break');
  let text = `${startLine}\r\n`;
  for (const [name, value] of pairs) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value))
      throw invalid(`HTTP header ${JSON.stringify(name)} cannot be written`);
    text += `${name}: ${value}\r\n`;
  }
  // latin1 keeps header bytes as received (Node decodes header values byte for byte).
  return Buffer.from(`${text}\r\n`, 'latin1');
}

/** Magic numbers of images and videos; the two weak signatures (BMP, MPEG-TS) are checked harder. */
function isMedia(bytes: Buffer): boolean {
  const type = detectFileType(bytes.subarray(0, 4096));
  if (type.kind !== 'image' && type.kind !== 'video') return false;
  if (type.mime === 'image/bmp') return bytes.length >= 14 && bytes.readUInt32LE(2) === bytes.length;
  if (type.mime === 'video/mp2t') return [0, 188, 376, 564].every((at) => at >= bytes.length || bytes[at] === 0x47) && bytes.length > 564;
  return true;
}

interface RecordParts {
  header: readonly (readonly [string, string])[];
  block: readonly Buffer[];
  payload?: readonly Buffer[] | undefined;
}

interface PreparedRecord {
  member: Buffer[];
  length: number;
  blockDigest: Digest;
  payloadDigest?: Digest | undefined;
}

/** Digests, frames and compresses one record, ready to append. */
async function prepareRecord(options: WarcWriterOptions, parts: RecordParts): Promise<PreparedRecord> {
  const encoding = options.digestEncoding ?? 'base32';
  const blockDigest = sha256Digest(parts.block, encoding);
  const payloadDigest = parts.payload ? sha256Digest(parts.payload, encoding) : undefined;
  const contentLength = parts.block.reduce((sum, chunk) => sum + chunk.length, 0);
  const header = formatRecordHeader([
    ...parts.header,
    ['WARC-Block-Digest', blockDigest.labelled],
    ...optionalField('WARC-Payload-Digest', payloadDigest?.labelled),
    ['Content-Length', String(contentLength)],
  ]);
  const member = await gzipMember([header, ...parts.block, crlfcrlf], options.compressionLevel ?? 6);
  return { member, length: member.reduce((sum, chunk) => sum + chunk.length, 0), blockDigest, payloadDigest };
}

/** Where a prepared record landed. */
function landed(prepared: PreparedRecord, offset: number): Omit<WarcWriteResult, 'recordId' | 'date'> {
  const { blockDigest, payloadDigest } = prepared;
  return {
    offset,
    length: prepared.length,
    blockDigest: blockDigest.labelled,
    blockDigestHex: blockDigest.hex,
    ...(payloadDigest ? { payloadDigest: payloadDigest.labelled, payloadDigestHex: payloadDigest.hex } : {}),
  };
}

/** Records up to this size are compressed in one synchronous call: a page costs about 0.06 ms that way, against 0.3 ms for a stream. */
const syncGzipLimit = 1024 * 1024;

/**
 * One gzip member of the chunks: small records in one call on this thread (a zlib stream's set-up
 * costs more than compressing a page), large ones streamed off the main thread without joining the input.
 */
async function gzipMember(chunks: readonly Buffer[], level: number): Promise<Buffer[]> {
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (size <= syncGzipLimit) return [gzipSync(Buffer.concat(chunks, size), { level })];
  const gzip = createGzip({ level, chunkSize: 64 * 1024 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(gzip, 'end');
  for (const chunk of chunks) if (chunk.length > 0) gzip.write(chunk);
  gzip.end();
  await ended;
  return out;
}

/** Writes every byte (writev may write less than asked, and takes at most IOV_MAX buffers). */
async function writeAll(file: FileHandle, chunks: readonly Buffer[]): Promise<number> {
  let pending = chunks.filter((chunk) => chunk.length > 0);
  let total = 0;
  while (pending.length > 0) {
    const batch = pending.slice(0, 512);
    let { bytesWritten } = await file.writev(batch);
    total += bytesWritten;
    const rest: Buffer[] = [];
    for (const chunk of pending) {
      if (bytesWritten >= chunk.length) bytesWritten -= chunk.length;
      else {
        rest.push(bytesWritten > 0 ? chunk.subarray(bytesWritten) : chunk);
        bytesWritten = 0;
      }
    }
    pending = rest;
  }
  return total;
}

/** Makes a new file's directory entry durable (a no-op where directories cannot be fsynced). */
async function syncDirectory(path: string): Promise<void> {
  let directory: FileHandle | undefined;
  try {
    directory = await open(path, 'r');
    await directory.sync();
  } catch {
    // Some platforms and file systems refuse fsync on a directory; the file itself is synced.
  } finally {
    await directory?.close();
  }
}

// ——— Reading ———

/** The end of a file cut short inside a record, as after a crash mid-write. */
export interface WarcTruncation {
  kind: 'truncated';
  offset: number;
  /** Bytes from `offset` to the end of the file. */
  length: number;
  recordId?: string;
  problem: string;
}

/** A member (or record) that is present but cannot be read: skipped, and reading goes on after it. */
export interface WarcDamage {
  kind: 'damaged';
  offset: number;
  /** Bytes skipped, up to the next readable member or the end of the file. */
  length: number;
  recordId?: string;
  problem: string;
}

export type WarcEntry = WarcRecord | WarcTruncation | WarcDamage;

export interface ReadWarcOptions {
  /** Bytes read from the file at a time (1 MiB). A record larger than this is read whole. */
  chunkSize?: number;
}

/**
 * Every record of a `.warc.gz` (one or more records per gzip member) or an uncompressed `.warc`,
 * in file order, with damage and a truncated end reported as entries of their own.
 */
export async function* readWarc(path: string, options: ReadWarcOptions = {}): AsyncGenerator<WarcEntry> {
  const file = await open(path, 'r');
  try {
    const window = new FileWindow(file, (await file.stat()).size, options.chunkSize ?? 1024 * 1024);
    let offset = 0;
    while (offset < window.size) {
      const { entries, next } = await readAt(window, offset);
      yield* entries;
      if (next === undefined) return;
      offset = next;
    }
  } finally {
    await file.close();
  }
}

/**
 * The record whose member (or uncompressed record) starts at `offset`; `length`, when the caller
 * stored it, saves a second read. Throws not_found past the end and invalid when there is no
 * intact record there.
 */
export async function readRecordAt(path: string, offset: number, length?: number): Promise<WarcRecord> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= size)
      throw new AppError('not_found', `no WARC record at offset ${offset} of ${path}`);
    const window = new FileWindow(file, size, length ?? 64 * 1024);
    const { entries } = await readAt(window, offset, { resync: false });
    const first = entries[0];
    if (first?.kind !== 'record') {
      throw new AppError('invalid', `no intact WARC record at offset ${offset} of ${path}: ${first?.problem ?? 'nothing there'}`);
    }
    return first;
  } finally {
    await file.close();
  }
}

export type WarcProblemKind = DigestProblemKind | 'truncated' | 'damaged';

export interface WarcProblem {
  offset: number;
  recordId?: string;
  targetUri?: string;
  problem: WarcProblemKind;
  detail: string;
}

export interface WarcVerification {
  ok: boolean;
  records: number;
  problems: WarcProblem[];
}

/**
 * Reads the whole file and recomputes every block and payload digest; lists each record's
 * problems (a missing block digest is one, unless `requireBlockDigest` is false), damage and a
 * truncated end.
 */
export async function verifyWarc(
  path: string,
  options: ReadWarcOptions & { requireBlockDigest?: boolean } = {},
): Promise<WarcVerification> {
  const problems: WarcProblem[] = [];
  let records = 0;
  for await (const entry of readWarc(path, options)) {
    if (entry.kind === 'record') {
      records += 1;
      for (const { problem, detail } of checkRecordDigests(entry, options)) {
        problems.push({ offset: entry.offset, recordId: entry.recordId, targetUri: targetUriOf(entry), problem, detail });
      }
    } else {
      problems.push({
        offset: entry.offset,
        ...(entry.recordId ? { recordId: entry.recordId } : {}),
        problem: entry.kind,
        detail: entry.problem,
      });
    }
  }
  return { ok: problems.length === 0, records, problems };
}

/** A sliding read buffer over the file, so that memory holds one chunk or one member, not the file. */
class FileWindow {
  #start = 0;
  #bytes = Buffer.alloc(0);

  constructor(
    readonly file: FileHandle,
    readonly size: number,
    readonly chunkSize: number,
  ) {}

  /** The bytes from `offset`: at least `minimum` of them unless the file ends first (a view, not a copy). */
  async at(offset: number, minimum: number): Promise<Buffer> {
    const end = Math.min(this.size, offset + minimum);
    if (offset < this.#start || end > this.#start + this.#bytes.length) {
      const length = Math.min(this.size - offset, Math.max(minimum, this.chunkSize));
      const bytes = Buffer.allocUnsafe(length);
      // Keep what is already buffered rather than reading it again.
      let filled = 0;
      if (offset >= this.#start && offset < this.#start + this.#bytes.length) {
        filled = this.#bytes.copy(bytes, 0, offset - this.#start);
      }
      while (filled < length) {
        const { bytesRead } = await this.file.read(bytes, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      this.#start = offset;
      this.#bytes = bytes.subarray(0, filled);
    }
    return this.#bytes.subarray(offset - this.#start);
  }
}

const gzipMagic = [0x1f, 0x8b, 0x08] as const;
const isGzipAt = (bytes: Buffer, at = 0): boolean =>
  bytes[at] === gzipMagic[0] && bytes[at + 1] === gzipMagic[1] && bytes[at + 2] === gzipMagic[2];
const isWarcAt = (bytes: Buffer, at = 0): boolean => bytes.toString('latin1', at, at + 7) === 'WARC/1.';

type MemberResult =
  | { status: 'ok'; data: Buffer; length: number }
  | { status: 'more' }
  | { status: 'truncated'; problem: string; partial?: Buffer }
  | { status: 'damaged'; problem: string; partial?: Buffer };

/** The length of a gzip header (RFC 1952), 'more' when incomplete, or a problem. */
function gzipHeaderLength(bytes: Buffer): number | 'more' | { problem: string } {
  if (bytes.length < 10) return 'more';
  if (!isGzipAt(bytes)) return { problem: 'not a gzip member' };
  const flags = bytes[3] ?? 0;
  if (flags & 0xe0) return { problem: 'reserved gzip flags are set' };
  let at = 10;
  if (flags & 0x04) {
    if (bytes.length < at + 2) return 'more';
    at += 2 + bytes.readUInt16LE(at);
  }
  for (const flag of [0x08, 0x10]) {
    if (flags & flag) {
      const zero = bytes.indexOf(0, at);
      if (zero < 0) return 'more';
      at = zero + 1;
    }
  }
  if (flags & 0x02) at += 2;
  return at > bytes.length ? 'more' : at;
}

/** Inflates the gzip member at the start of `bytes`, checking its CRC-32 and size. */
function inflateMember(bytes: Buffer, atEnd: boolean): MemberResult {
  const incomplete = (problem: string): MemberResult =>
    atEnd ? { status: 'truncated', problem, partial: inflatePartial(bytes) } : { status: 'more' };
  const headerLength = gzipHeaderLength(bytes);
  if (headerLength === 'more') return incomplete('the file ends inside a gzip header');
  if (typeof headerLength === 'object') return { status: 'damaged', problem: headerLength.problem };
  let data: Buffer;
  let consumed: number;
  try {
    // With `info`, Node returns the engine too, whose bytesWritten is the compressed input consumed.
    const result = inflateRawSync(bytes.subarray(headerLength), { info: true }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    data = result.buffer;
    consumed = result.engine.bytesWritten;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') return incomplete('the file ends inside a gzip member');
    return { status: 'damaged', problem: `gzip: ${(error as Error).message}`, partial: inflatePartial(bytes) };
  }
  const trailer = headerLength + consumed;
  if (bytes.length < trailer + 8) return incomplete('the file ends inside a gzip trailer');
  if (bytes.readUInt32LE(trailer) !== crc32(data) || bytes.readUInt32LE(trailer + 4) !== data.length % 2 ** 32) {
    return { status: 'damaged', problem: 'gzip CRC-32 or size does not match the data', partial: data };
  }
  return { status: 'ok', data, length: trailer + 8 };
}

/** What a damaged or cut-short member still yields from its start (enough for its WARC header). */
function inflatePartial(bytes: Buffer): Buffer | undefined {
  const headerLength = gzipHeaderLength(bytes);
  if (typeof headerLength !== 'number') return undefined;
  // A short prefix: corruption further on does not stop the header from decoding.
  for (const size of [bytes.length - headerLength, 4096, 512]) {
    try {
      return inflateRawSync(bytes.subarray(headerLength, headerLength + size), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      // Try a shorter prefix.
    }
  }
  return undefined;
}

/** The entries that start at `offset` and where the next ones start (undefined at a truncated end). */
async function readAt(
  window: FileWindow,
  offset: number,
  options: { resync: boolean } = { resync: true },
): Promise<{ entries: WarcEntry[]; next?: number }> {
  const head = await window.at(offset, 16);
  if (isGzipAt(head)) {
    let want = window.chunkSize;
    for (;;) {
      const bytes = await window.at(offset, want);
      const atEnd = offset + bytes.length >= window.size;
      const result = inflateMember(bytes, atEnd);
      switch (result.status) {
        case 'more':
          want = Math.max(want, bytes.length) * 2;
          continue;
        case 'truncated': {
          // Corruption can make a member seem to run on to the end of the file; when another
          // member starts after it, this one is damaged rather than the truncated end.
          const next = options.resync ? await nextStart(window, offset + 1) : undefined;
          const kind = next === undefined ? 'truncated' : 'damaged';
          const length = (next ?? window.size) - offset;
          const entry = { kind, offset, length, ...recordIdOf(result.partial), problem: result.problem } as const;
          return next === undefined ? { entries: [entry] } : { entries: [entry], next };
        }
        case 'damaged':
          return damaged(window, offset, result.problem, result.partial, options.resync);
        case 'ok':
          return { entries: recordsOf(result.data, offset, result.length), next: offset + result.length };
      }
    }
  }
  if (isWarcAt(head)) {
    let want = window.chunkSize;
    for (;;) {
      const bytes = await window.at(offset, want);
      const atEnd = offset + bytes.length >= window.size;
      const parsed = parseRecord(bytes, 0, { offset, length: 0 });
      if (parsed.ok) {
        parsed.record.length = parsed.end;
        // The block is a view into the window's buffer, which the next read replaces rather than reuses.
        return { entries: [parsed.record], next: offset + parsed.end };
      }
      if (parsed.incomplete && !atEnd) {
        want = Math.max(want, bytes.length) * 2;
        continue;
      }
      if (parsed.incomplete) {
        return { entries: [{ kind: 'truncated', offset, length: window.size - offset, ...recordIdOf(bytes), problem: parsed.problem }] };
      }
      return damaged(window, offset, parsed.problem, bytes, options.resync);
    }
  }
  return damaged(window, offset, 'neither a gzip member nor a WARC record starts here', undefined, options.resync);
}

const recordIdOf = (bytes: Buffer | undefined): { recordId?: string } => {
  const recordId = bytes ? peekRecordId(bytes) : undefined;
  return recordId ? { recordId } : {};
};

/** The records of one decompressed member (normally one; whole-file gzip holds them all). */
function recordsOf(data: Buffer, offset: number, length: number): WarcEntry[] {
  const entries: WarcEntry[] = [];
  let at = 0;
  while (at < data.length) {
    // Some writers leave a stray line break after a record; that is not another record.
    if (data.length - at <= 4 && data.subarray(at).every((byte) => byte === 0x0d || byte === 0x0a)) break;
    const parsed = parseRecord(data, at, { offset, length });
    if (!parsed.ok) {
      entries.push({
        kind: 'damaged',
        offset,
        length,
        ...(parsed.recordId ? { recordId: parsed.recordId } : recordIdOf(data.subarray(at))),
        problem: parsed.problem,
      });
      break;
    }
    entries.push(parsed.record);
    at = parsed.end;
  }
  return entries;
}

/** A damage entry, and the next place a member or record starts (when resynchronising). */
async function damaged(
  window: FileWindow,
  offset: number,
  problem: string,
  partial: Buffer | undefined,
  resync: boolean,
): Promise<{ entries: WarcEntry[]; next?: number }> {
  const next = resync ? await nextStart(window, offset + 1) : undefined;
  const end = next ?? window.size;
  return {
    entries: [{ kind: 'damaged', offset, length: end - offset, ...recordIdOf(partial), problem }],
    ...(next === undefined ? {} : { next }),
  };
}

const plainBoundary = '\r\n\r\nWARC/1.';
const candidateOverlap = 16 * 1024;

/**
 * The next offset after damage where a gzip member that inflates to a WARC record starts, or (in
 * an uncompressed file) a WARC version line right after a record's closing CRLF CRLF.
 */
async function nextStart(window: FileWindow, from: number): Promise<number | undefined> {
  let at = from;
  while (at < window.size) {
    const bytes = await window.at(at, window.chunkSize);
    const last = at + bytes.length >= window.size;
    let advance = bytes.length;
    for (let i = 0; i < bytes.length; i += 1) {
      const gzip = bytes[i] === 0x1f && isGzipAt(bytes, i);
      const plain = !gzip && bytes[i] === 0x0d && bytes.toString('latin1', i, i + plainBoundary.length) === plainBoundary;
      if (!gzip && !plain) continue;
      if (i > 0 && !last && bytes.length - i < candidateOverlap) {
        // Too near the end of the buffer to judge: read again from here.
        advance = i;
        break;
      }
      if (plain) return at + i + 4;
      const start = inflatePartial(bytes.subarray(i, i + candidateOverlap));
      if (start && isWarcAt(start)) return at + i;
    }
    at += advance;
  }
  return undefined;
}
