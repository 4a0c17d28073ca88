/** The loopback server that hands in-memory bytes to FFmpeg: ranges as HTTP defines them, one path only, gone when closed. */
import { describe, expect, it } from 'vitest';
import { parseRange, serveInMemory } from './memory-input.js';

describe('parseRange', () => {
  it.each([
    ['bytes=0-', [0, 99]],
    ['bytes=10-19', [10, 19]],
    ['bytes=90-200', [90, 99]],
    ['bytes=-10', [90, 99]],
    ['bytes=-500', [0, 99]],
  ] as const)('%s of 100 bytes is %j', (header, range) => expect(parseRange(header, 100)).toEqual(range));

  it('says a range past the end cannot be satisfied, and ignores what it does not understand', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
  });
});

describe('serveInMemory', () => {
  it('serves the bytes whole or by range at one unguessable path, and nothing once closed', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const input = await serveInMemory(bytes);
    try {
      expect(input.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
      const whole = await fetch(input.url);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
      const part = await fetch(input.url, { headers: { range: 'bytes=990-' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 990-999/1000');
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(990));
      expect((await fetch(input.url, { headers: { range: 'bytes=1000-' } })).status).toBe(416);
      expect((await fetch(new URL('/', input.url))).status).toBe(404);
      expect((await fetch(input.url, { method: 'POST' })).status).toBe(404);
    } finally {
      await input.close();
    }
    await expect(fetch(input.url)).rejects.toThrow();
  });
});
