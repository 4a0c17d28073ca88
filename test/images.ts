/**
 * Synthetic test images, made here so that no test ever needs real material: smooth photo-like
 * scenes from a seed (different seeds give unrelated PDQ hashes), with variants for near-duplicate
 * tests, and zip archives built in memory.
 */
import sharp from 'sharp';
import { deflateRawSync, crc32 } from 'node:zlib';

/**
 * A photo-like scene, different for every seed: soft blobs of colour on a gradient, with hard-edged
 * shapes so that PDQ's quality (edge content) is high, as it is for real photos.
 */
export async function syntheticPhoto(
  seed: number,
  options: { width?: number; height?: number; brightness?: number; format?: 'jpeg' | 'png' } = {},
): Promise<Buffer> {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  const random = mulberry32(seed);
  const blobs = Array.from({ length: 6 }, () => ({
    x: random() * width,
    y: random() * height,
    r: (0.1 + random() * 0.3) * width,
    c: [random() * 255, random() * 255, random() * 255],
  }));
  const boxes = Array.from({ length: 24 }, () => ({
    x0: random() * width,
    y0: random() * height,
    w: (0.03 + random() * 0.2) * width,
    h: (0.03 + random() * 0.2) * height,
    c: [random() * 255, random() * 255, random() * 255],
  }));
  const pixels = Buffer.alloc(width * height * 3);
  const gain = options.brightness ?? 1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let rgb = [(x / width) * 120, (y / height) * 120, 60];
      for (const b of blobs) {
        const w = Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.r * b.r));
        rgb = rgb.map((v, i) => v * (1 - w) + b.c[i]! * w);
      }
      for (const b of boxes) if (x >= b.x0 && x < b.x0 + b.w && y >= b.y0 && y < b.y0 + b.h) rgb = b.c.map((v, i) => (v + rgb[i]!) / 2);
      for (let c = 0; c < 3; c += 1) pixels[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(rgb[c]! * gain)));
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return options.format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

/** A zip archive (stored with deflate) of the given files. */
export function zipOf(files: readonly { name: string; bytes: Uint8Array }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const data = deflateRawSync(file.bytes);
    const crc = crc32(file.bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(file.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(file.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
