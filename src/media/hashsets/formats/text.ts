/**
 * Bytes to text for the importers: byte-order marks (UTF-8, UTF-16 LE/BE) removed, UTF-8 by
 * default with a Windows-1252 fallback for exports saved by older Windows tools.
 *
 * Inputs are read whole: a string in V8 holds at most about 512 M characters, so a single input
 * should stay under a few hundred MB (the entries it produces take several times its size).
 */
import { stripBom } from '../../../platform/csv.js';
import type { ParseIssue } from './parse-result.js';

export type HashSetInput = Uint8Array | string;

export interface DecodedText {
  text: string;
  warnings: ParseIssue[];
}

/** Decodes an input to text without its byte-order mark. */
export function decodeText(input: HashSetInput): DecodedText {
  if (typeof input === 'string') return { text: stripBom(input), warnings: [] };
  if (input[0] === 0xff && input[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(input), warnings: [] };
  if (input[0] === 0xfe && input[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(input), warnings: [] };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input), warnings: [] };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(input),
      warnings: [{ line: 0, message: 'the input is not valid UTF-8; it was read as Windows-1252' }],
    };
  }
}

/** The first characters of an input, for sniffing its format without decoding all of it. */
export function decodeHead(input: HashSetInput, chars = 65_536): string {
  if (typeof input === 'string') return stripBom(input.slice(0, chars));
  const head = input.subarray(0, chars * 2);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head);
  return new TextDecoder('utf-8').decode(head.subarray(0, chars));
}

/** Each line with its 1-based number; CRLF, LF and lone CR all end a line. */
export function* lines(text: string): Generator<{ line: number; text: string }> {
  let start = 0;
  let line = 1;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      yield { line, text: text.slice(start, i) };
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 1;
      start = i + 1;
      line += 1;
    }
  }
  if (start < length) yield { line, text: text.slice(start) };
}
