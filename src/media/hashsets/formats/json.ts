/**
 * A JSON reader that remembers the line where each object and array starts, so that a bad record
 * in a large export can be reported by line (JSON.parse cannot say where a value came from). A
 * `__proto__` key is an own property, as with JSON.parse. Strict JSON, except that raw control
 * characters inside strings are accepted, as some exporters write them.
 */

export class JsonSyntaxError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
    this.line = line;
    this.column = column;
  }
}

export interface ParsedJson {
  value: unknown;
  /** The 1-based line where an object or array of the document starts. */
  lineOf: (node: object) => number | undefined;
}

const maxDepth = 256;
const simpleEscapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export interface JsonLineOptions {
  /**
   * Remember lines only down to this nesting depth (the top-level value is depth 0). Lines of
   * deeper values are rarely needed, and a large export holds millions of them.
   */
  lineDepth?: number;
}

/** Parses a JSON text; throws JsonSyntaxError with the line and column of the first problem. */
export function parseJsonWithLines(text: string, options: JsonLineOptions = {}): ParsedJson {
  const lineDepth = options.lineDepth ?? Number.POSITIVE_INFINITY;
  const lines = new Map<object, number>();
  const length = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, line, i - lineStart + 1);
  };

  const skipWhitespace = (): void => {
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line += 1;
        lineStart = i + 1;
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) !== 10) {
          line += 1;
          lineStart = i + 1;
        }
      } else if (c !== 32 && c !== 9) return;
      i += 1;
    }
  };

  // Where the next backslash and line feed are, so that a plain string is one slice.
  let nextBackslash = -1;
  let nextLineFeed = -1;
  const nextIndex = (char: string): number => {
    const found = text.indexOf(char, i);
    return found === -1 ? Number.POSITIVE_INFINITY : found;
  };
  const readString = (): string => {
    i += 1;
    const quote = text.indexOf('"', i);
    if (nextBackslash < i) nextBackslash = nextIndex('\\');
    if (nextLineFeed < i) nextLineFeed = nextIndex('\n');
    if (quote !== -1 && quote < nextBackslash && quote < nextLineFeed) {
      const plain = text.slice(i, quote);
      i = quote + 1;
      return plain;
    }
    let out = '';
    let start = i;
    for (;;) {
      if (i >= length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i += 1;
        return out;
      }
      if (c === 92) {
        out += text.slice(start, i);
        const e = text[i + 1] ?? '';
        i += 2;
        const simple = simpleEscapes[e];
        if (simple !== undefined) out += simple;
        else if (e === 'u') {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else {
          i -= 2;
          fail('bad escape');
        }
        start = i;
        continue;
      }
      if (c === 10) {
        line += 1;
        lineStart = i + 1;
      }
      i += 1;
    }
  };

  const readValue = (depth: number): unknown => {
    skipWhitespace();
    if (i >= length) fail('unexpected end of input');
    const c = text.charCodeAt(i);
    if (c === 123) return readObject(depth);
    if (c === 91) return readArray(depth);
    if (c === 34) return readString();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    numberPattern.lastIndex = i;
    const match = numberPattern.exec(text);
    if (match) {
      i += match[0].length;
      return Number(match[0]);
    }
    return fail(`unexpected character '${text[i]}'`);
  };

  const readObject = (depth: number): Record<string, unknown> => {
    if (depth >= maxDepth) fail('nested too deeply');
    const object: Record<string, unknown> = {};
    if (depth <= lineDepth) lines.set(object, line);
    i += 1;
    skipWhitespace();
    if (text.charCodeAt(i) === 125) {
      i += 1;
      return object;
    }
    for (;;) {
      skipWhitespace();
      if (text.charCodeAt(i) !== 34) fail('expected a property name in double quotes');
      const key = readString();
      skipWhitespace();
      if (text.charCodeAt(i) !== 58) fail("expected ':'");
      i += 1;
      const item = readValue(depth + 1);
      if (key === '__proto__') Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true });
      else object[key] = item;
      skipWhitespace();
      if (i >= length) fail('unexpected end of input');
      const next = text.charCodeAt(i);
      i += 1;
      if (next === 125) return object;
      if (next !== 44) {
        i -= 1;
        fail("expected ',' or '}'");
      }
    }
  };

  const readArray = (depth: number): unknown[] => {
    if (depth >= maxDepth) fail('nested too deeply');
    const array: unknown[] = [];
    if (depth <= lineDepth) lines.set(array, line);
    i += 1;
    skipWhitespace();
    if (text.charCodeAt(i) === 93) {
      i += 1;
      return array;
    }
    for (;;) {
      array.push(readValue(depth + 1));
      skipWhitespace();
      if (i >= length) fail('unexpected end of input');
      const next = text.charCodeAt(i);
      i += 1;
      if (next === 93) return array;
      if (next !== 44) {
        i -= 1;
        fail("expected ',' or ']'");
      }
    }
  };

  const value = readValue(0);
  skipWhitespace();
  if (i < length) fail('unexpected text after the JSON value');
  return { value, lineOf: (node) => lines.get(node) };
}
