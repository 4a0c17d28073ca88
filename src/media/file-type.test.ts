import { describe, expect, it } from 'vitest';
import { detectFileType } from './file-type.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('detectFileType', () => {
  it.each([
    [bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg', 'image'],
    [bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png', 'image'],
    [bytes('GIF89a'), 'image/gif', 'image'],
    [bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'image'],
    [bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'video/x-msvideo', 'video'],
    [bytes([0, 0, 0, 0x20], 'ftypisom'), 'video/mp4', 'video'],
    [bytes([0, 0, 0, 0x20], 'ftypqt  '), 'video/quicktime', 'video'],
    [bytes([0, 0, 0, 0x20], 'ftypheic'), 'image/heic', 'image'],
    [bytes([0, 0, 0, 0x20], 'ftypavif'), 'image/avif', 'image'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3], 'webm'), 'video/webm', 'video'],
    [bytes('PK', [3, 4]), 'application/zip', 'archive'],
    [bytes('II', [0x2a, 0]), 'image/tiff', 'image'],
    [bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', 'image'],
    [bytes('hello'), 'application/octet-stream', 'other'],
    [new Uint8Array(0), 'application/octet-stream', 'other'],
  ])('%#: %s', (head, mime, kind) => {
    expect(detectFileType(head)).toEqual({ mime, kind });
  });
});
