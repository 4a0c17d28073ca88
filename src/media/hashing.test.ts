/** Hashing files: content hashes, type from content, PDQ, EXIF clues, and bad files as results. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { testdata } from '../../test/testdata.js';
import { HashPool } from './hash-pool.js';
import { hashMediaFile } from './hashing.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-hashing-'));
const bridge = testdata('pdq', 'data', 'bridge-mods', 'aaa-orig.jpg');

/** A generated photo-like gradient with EXIF clues, as a camera would write them. */
async function cameraJpeg(): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x ^ y) & 0xff) / 2;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: 'VigilCam', Model: 'Synthetic X1', Software: 'vigil-test 1.0' },
      IFD2: { DateTimeOriginal: '2024:05:17 14:03:22', BodySerialNumber: 'SN-000123', LensModel: 'Test Lens 35mm' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 54/1 0/1' },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('hashMediaFile', () => {
  const pool = new HashPool(2);
  afterAll(() => pool.close());

  it('hashes an image: content hashes, type from content, PDQ and size', async () => {
    const renamed = join(dir, 'holiday.txt');
    const bytes = (await import('node:fs')).readFileSync(bridge);
    writeFileSync(renamed, bytes);
    const result = await hashMediaFile(renamed);
    expect(result).toMatchObject({
      mediaType: 'image/jpeg',
      kind: 'image',
      size: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
      sha1: createHash('sha1').update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      pdq: 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22',
      quality: 100,
      width: 1600,
      height: 1004,
    });
    expect(result.error).toBeUndefined();
  });

  it('adds the 7 other dihedral variants on request', async () => {
    const result = await hashMediaFile(bridge, { dihedral: true });
    expect(result.dihedral).toHaveLength(7);
    expect(result.dihedral![0]).toBe('f0a10efd51c83d429053d48d0fffbc52e34e0e17ada956a9d29685211ea9e58f');
  });

  it('reads EXIF clues: camera, serial number, lens, software, time and place', async () => {
    const file = join(dir, 'camera.jpg');
    writeFileSync(file, await cameraJpeg());
    const { exif } = await hashMediaFile(file);
    expect(exif).toMatchObject({
      make: 'VigilCam',
      model: 'Synthetic X1',
      serialNumber: 'SN-000123',
      lens: 'Test Lens 35mm',
      software: 'vigil-test 1.0',
      takenAt: '2024-05-17T14:03:22',
    });
    expect(exif?.gps?.latitude).toBeCloseTo(52.3667, 3);
    expect(exif?.gps?.longitude).toBeCloseTo(4.9, 3);
  });

  it('records a truncated image as an error, with its content hashes', async () => {
    const file = join(dir, 'truncated.jpg');
    writeFileSync(file, (await cameraJpeg()).subarray(0, 600));
    const result = await hashMediaFile(file);
    expect(result.kind).toBe('image');
    expect(result.error).toMatch(/^cannot decode image\/jpeg/);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.pdq).toBeUndefined();
  });

  it('hashes a file of unknown type by content only', async () => {
    const file = join(dir, 'notes.jpg');
    writeFileSync(file, 'not an image at all');
    const result = await hashMediaFile(file);
    expect(result).toMatchObject({ mediaType: 'application/octet-stream', kind: 'other', size: 19 });
    expect(result.pdq).toBeUndefined();
    expect(result.error).toBeUndefined();
  });

  it('reports a missing file as an error', async () => {
    expect((await hashMediaFile(join(dir, 'missing.jpg'))).error).toMatch(/^cannot read/);
  });

  it('gives the same results on worker threads', async () => {
    const file = join(dir, 'camera2.jpg');
    writeFileSync(file, await cameraJpeg());
    const [inWorker, inThread] = await Promise.all([pool.hash(file), hashMediaFile(file)]);
    expect(inWorker).toEqual(inThread);
  });
});
