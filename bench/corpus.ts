/**
 * A generated corpus of photo-like JPEGs for the hashing benchmarks (no real images): random
 * shapes and gradients rendered by sharp, with sensor-like noise so that files are as large and
 * as slow to decode as camera photos (about 1 megapixel, 250–300 KiB, like a phone photo of that size). Cached in the temp folder.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export async function photoCorpus(count: number, width = 1200, height = 840): Promise<string> {
  const dir = join(tmpdir(), `vigil-bench-corpus-${count}-${width}x${height}-v4`);
  if (existsSync(dir) && readdirSync(dir).length === count) return dir;
  mkdirSync(dir, { recursive: true });
  let seed = 1;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i += 1) noise[i] = 128 + Math.round((Math.random() + Math.random() + Math.random() - 1.5) * 16);
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < count; i += 1) {
    const shapes = Array.from({ length: 40 }, () => {
      const [x, y, w, h] = [random() * width, random() * height, 20 + random() * width * 0.3, 20 + random() * height * 0.3];
      const colour = `rgb(${Math.floor(random() * 255)},${Math.floor(random() * 255)},${Math.floor(random() * 255)})`;
      return random() < 0.5
        ? `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${colour}" fill-opacity="0.7"/>`
        : `<ellipse cx="${x}" cy="${y}" rx="${w / 2}" ry="${h / 2}" fill="${colour}" fill-opacity="0.6"/>`;
    });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="rgb(${Math.floor(random() * 255)},90,60)"/><stop offset="1" stop-color="rgb(40,${Math.floor(random() * 255)},160)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}</svg>`;
    const scene = await sharp(Buffer.from(svg)).blur(1.2).removeAlpha().raw().toBuffer();
    const pixels = Buffer.alloc(scene.length);
    const shift = Math.floor(random() * 997) * 3;
    for (let p = 0; p < scene.length; p += 1) pixels[p] = Math.max(0, Math.min(255, scene[p]! + noise[(p + shift) % noise.length]! - 128));
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 88 })
      .toFile(join(dir, `photo-${String(i).padStart(5, '0')}.jpg`));
  }
  return dir;
}
