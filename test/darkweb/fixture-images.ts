/**
 * Images for the fixture forum: plain geometric shapes (rectangles, discs, triangles) on a colour
 * gradient, generated from a number and nothing else, so that a test can recompute the bytes of
 * `/img/<n>.png` and put their hashes in a hash set. Sizes run from 64 to 256 pixels a side; the
 * hard edges keep PDQ's quality high and different numbers give unrelated PDQ hashes.
 *
 *   const bytes = await fixtureImageBytes(10); // the PNG served at /img/10.png
 */
import sharp from 'sharp';

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The raw RGB pixels of image n. */
export function fixtureImagePixels(n: number): { pixels: Uint8Array; width: number; height: number } {
  const random = prng(n);
  const width = 64 + Math.floor(random() * 193);
  const height = 64 + Math.floor(random() * 193);
  const colour = (): [number, number, number] => [random() * 255, random() * 255, random() * 255];
  const [from, to] = [colour(), colour()];
  const pixels = new Uint8Array(width * height * 3);
  // The gradient runs along the diagonal: one colour per value of x + y.
  const diagonal = new Uint8Array((width + height) * 3);
  for (let d = 0; d < width + height; d += 1) {
    const w = d / (width + height);
    for (let c = 0; c < 3; c += 1) diagonal[d * 3 + c] = from[c]! * (1 - w) + to[c]! * w;
  }
  for (let y = 0; y < height; y += 1) {
    pixels.set(diagonal.subarray(y * 3, (y + width) * 3), y * width * 3);
  }
  const shapes = 10 + Math.floor(random() * 8);
  for (let s = 0; s < shapes; s += 1) {
    const kind = Math.floor(random() * 3);
    // Alternate dark and light fills: contrast is what PDQ's quality measures.
    const fill: [number, number, number] =
      s % 2 === 0 ? [random() * 90, random() * 90, random() * 90] : [165 + random() * 90, 165 + random() * 90, 165 + random() * 90];
    const cx = random() * width;
    const cy = random() * height;
    const r = (0.08 + random() * 0.25) * Math.min(width, height);
    const [ax, ay, bx, by, qx, qy] = [cx, cy - r, cx - r, cy + r * random(), cx + r, cy + r * random()];
    const inside = (x: number, y: number): boolean => {
      if (kind === 0) return Math.abs(x - cx) <= r && Math.abs(y - cy) <= r * 0.6;
      if (kind === 1) return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
      const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
      const d2 = (x - qx) * (by - qy) - (bx - qx) * (y - qy);
      const d3 = (x - ax) * (qy - ay) - (qx - ax) * (y - ay);
      return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    };
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, Math.ceil(cy + r + 1)); y += 1) {
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, Math.ceil(cx + r + 1)); x += 1) {
        if (!inside(x, y)) continue;
        const at = (y * width + x) * 3;
        for (let c = 0; c < 3; c += 1) pixels[at + c] = fill[c]!;
      }
    }
  }
  return { pixels, width, height };
}

/** The PNG bytes of image n (deterministic: the same bytes on every call and machine with the same sharp). */
export async function fixtureImageBytes(n: number): Promise<Buffer> {
  const { pixels, width, height } = fixtureImagePixels(n);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
}

/** A small least-recently-used cache of generated images, bounded in bytes. */
export class ImageCache {
  readonly #entries = new Map<number, Promise<Buffer>>();
  readonly #sizes = new Map<number, number>();
  #bytes = 0;

  constructor(readonly maxBytes = 16 * 1024 * 1024) {}

  get(n: number): Promise<Buffer> {
    const cached = this.#entries.get(n);
    if (cached !== undefined) {
      this.#entries.delete(n);
      this.#entries.set(n, cached);
      return cached;
    }
    const pending = fixtureImageBytes(n);
    this.#entries.set(n, pending);
    pending.then(
      (bytes) => {
        if (!this.#entries.has(n)) return;
        this.#sizes.set(n, bytes.length);
        this.#bytes += bytes.length;
        this.#evict();
      },
      () => this.#entries.delete(n),
    );
    return pending;
  }

  #evict(): void {
    for (const n of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      const size = this.#sizes.get(n);
      if (size === undefined) continue;
      this.#entries.delete(n);
      this.#sizes.delete(n);
      this.#bytes -= size;
    }
  }
}
