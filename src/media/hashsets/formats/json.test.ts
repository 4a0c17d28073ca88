import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonWithLines } from './json.js';

describe('parseJsonWithLines', () => {
  it('parses like JSON.parse', () => {
    const text = JSON.stringify({ a: [1, -2.5e3, true, false, null, 'x\\"\n\u00e9\ud83d\ude00'], b: {}, c: [] }, null, 2);
    expect(JSON.parse(JSON.stringify(parseJsonWithLines(text).value))).toEqual(JSON.parse(text));
    expect(parseJsonWithLines('"\\u00e9\\/\\t"').value).toBe('é/\t');
    expect(parseJsonWithLines(' 0 ').value).toBe(0);
    const mixed = '["plain", "esc\\"aped", "again", "back\\\\slash", "last"]';
    expect(parseJsonWithLines(mixed).value).toEqual(JSON.parse(mixed));
  });

  it('remembers where each object and array starts', () => {
    const text = '{\n  "value": [\n    { "a": 1 },\n\n    {\n      "b": [\n        2\n      ]\n    }\r\n  ]\n}';
    const { value, lineOf } = parseJsonWithLines(text);
    const root = value as { value: [object, { b: object }] };
    expect(lineOf(root)).toBe(1);
    expect(lineOf(root.value)).toBe(2);
    expect(lineOf(root.value[0])).toBe(3);
    expect(lineOf(root.value[1])).toBe(5);
    expect(lineOf(root.value[1].b)).toBe(6);
    expect(lineOf({})).toBeUndefined();
  });

  it('counts lines inside strings that hold raw line breaks', () => {
    const { value, lineOf } = parseJsonWithLines('[\n"two\nlines",\n{}\n]');
    expect(lineOf((value as object[])[1]!)).toBe(4);
  });

  it('treats __proto__ as data, as JSON.parse does', () => {
    const { value } = parseJsonWithLines('{"__proto__": {"polluted": true}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect((value as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(value).toEqual(JSON.parse('{"__proto__": {"polluted": true}}'));
  });

  it('remembers lines only down to the depth asked', () => {
    const { value, lineOf } = parseJsonWithLines('{\n"a": [\n{\n"b": {}\n}\n]\n}', { lineDepth: 2 });
    const root = value as { a: [{ b: object }] };
    expect([lineOf(root), lineOf(root.a), lineOf(root.a[0])]).toEqual([1, 2, 3]);
    expect(lineOf(root.a[0].b)).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n  "b": tru\n}', 3, 8, "unexpected character 't'"],
    ['{"a" 1}', 1, 6, "expected ':'"],
    ['[1, 2', 1, 6, 'unexpected end of input'],
    ['{"a": 1} x', 1, 10, 'unexpected text after the JSON value'],
    ['{"a": "\\q"}', 1, 8, 'bad escape'],
    ["{'a': 1}", 1, 2, 'expected a property name in double quotes'],
  ])('reports %j at its line and column', (text, line, column, message) => {
    try {
      parseJsonWithLines(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect(error).toMatchObject({ line, column, message: `${message} at line ${line}, column ${column}` });
    }
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseJsonWithLines('['.repeat(10_000))).toThrow(/nested too deeply/);
  });
});
