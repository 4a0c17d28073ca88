/**
 * PDQ perceptual hashing (pure), written from the published algorithm (ThreatExchange `pdq/`):
 * luminance → two passes of a Jarosz box filter → 64×64 decimation → 16×16 DCT (basis rows 1..16,
 * the DC term skipped) → threshold at the median. Also the quality metric (0–100) and the 8
 * dihedral variants, which come from sign flips and transposes of the one DCT.
 *
 * The arithmetic is IEEE single precision throughout (Float32Array buffers, Math.fround after each
 * operation), as in the C++ reference, so that near-ties at the median fall the same way.
 *
 *   const { words, quality } = pdqFromPixels(rgb, width, height, 3);
 *   pdqWordsToHex(words) // 64 hex characters, reference word 15 first
 */

/** The reference's luma weights (ITU-R BT.601). */
const lumaR = Math.fround(0.299);
const lumaG = Math.fround(0.587);
const lumaB = Math.fround(0.114);

/** Each weight times every 8-bit value, rounded to single precision as the reference's products are. */
const weighted = (weight: number): Float32Array => Float32Array.from({ length: 256 }, (_, v) => weight * v);
const weightedR = weighted(lumaR);
const weightedG = weighted(lumaG);
const weightedB = weighted(lumaB);
const dctSize = 16;
const bufferSize = 64;
/** Images under this size in either dimension hash to zero with quality 0, as in the reference. */
const minDimension = 5;

/** 16×64 DCT matrix: D[i][j] = sqrt(2/64) · cos(π/128 · (i+1) · (2j+1)). */
const dctMatrix: Float32Array = (() => {
  const matrix = new Float32Array(dctSize * bufferSize);
  const scale = Math.fround(Math.sqrt(2 / bufferSize));
  for (let i = 0; i < dctSize; i += 1) {
    for (let j = 0; j < bufferSize; j += 1)
      matrix[i * bufferSize + j] = scale * Math.cos((Math.PI / 2 / bufferSize) * (i + 1) * (2 * j + 1));
  }
  return matrix;
})();

export interface PdqOutput {
  /** The reference's 16 words: bit j of words[i] is DCT coefficient (i, j) above the median. */
  words: Uint16Array;
  quality: number;
  /** The 16×16 DCT, row-major: input for the dihedral variants. */
  dct: Float32Array;
}

/** Luminance of 8-bit pixels with 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels; alpha is ignored. */
export function lumaFromPixels(pixels: Uint8Array, width: number, height: number, channels: number): Float32Array {
  const count = width * height;
  const luma = new Float32Array(count);
  if (channels <= 2) {
    for (let p = 0, q = 0; p < count; p += 1, q += channels) luma[p] = pixels[q]!;
  } else {
    for (let p = 0, q = 0; p < count; p += 1, q += channels) {
      luma[p] = Math.fround(Math.fround(weightedR[pixels[q]!]! + weightedG[pixels[q + 1]!]!) + weightedB[pixels[q + 2]!]!);
    }
  }
  return luma;
}

/** PDQ of 8-bit pixels (see lumaFromPixels for the channel layouts). */
export function pdqFromPixels(pixels: Uint8Array, width: number, height: number, channels: number): PdqOutput {
  return pdqFromLuma(lumaFromPixels(pixels, width, height, channels), width, height);
}

/** PDQ of a luminance buffer, row-major. The buffer is used as scratch space. */
export function pdqFromLuma(luma: Float32Array, width: number, height: number): PdqOutput {
  if (width < minDimension || height < minDimension) {
    return { words: new Uint16Array(dctSize), quality: 0, dct: new Float32Array(dctSize * dctSize) };
  }
  const scratch = new Float32Array(luma.length);
  jaroszFilter(luma, scratch, height, width, windowSize(width), windowSize(height), 2);
  const buffer64 = decimate(luma, height, width);
  const quality = qualityOf(buffer64);
  const dct = dct64To16(buffer64);
  return { words: thresholdAtMedian(dct), quality, dct };
}

/** The 8 variants, in the reference's order: original, rot90, rot180, rot270, flipX, flipY, flip+1, flip−1. */
export const dihedralNames = ['orig', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipplus1', 'flipminus1'] as const;

/**
 * The hashes of the image rotated and flipped, from its DCT: flipping an axis negates the odd
 * basis functions (our rows are basis 1..16, so the even indexes), and a transpose swaps axes.
 */
export function pdqDihedral(dct: Float32Array): Uint16Array[] {
  const variant = (transpose: boolean, sign: (i: number, j: number) => number): Uint16Array => {
    const out = new Float32Array(dctSize * dctSize);
    for (let i = 0; i < dctSize; i += 1) {
      for (let j = 0; j < dctSize; j += 1) {
        const value = sign(i, j) * dct[i * dctSize + j]!;
        if (transpose) out[j * dctSize + i] = value;
        else out[i * dctSize + j] = value;
      }
    }
    return thresholdAtMedian(out);
  };
  const odd = (n: number): number => (n & 1 ? 1 : -1);
  return [
    variant(false, () => 1),
    variant(true, (_i, j) => odd(j)),
    variant(false, (i, j) => ((i + j) & 1 ? -1 : 1)),
    variant(true, (i) => odd(i)),
    variant(false, (i) => odd(i)),
    variant(false, (_i, j) => odd(j)),
    variant(true, () => 1),
    variant(true, (i, j) => ((i + j) & 1 ? -1 : 1)),
  ];
}

/** 64 lowercase hex characters, word 15 first, as the reference prints. */
export function pdqWordsToHex(words: Uint16Array): string {
  let hex = '';
  for (let i = dctSize - 1; i >= 0; i -= 1) hex += words[i]!.toString(16).padStart(4, '0');
  return hex;
}

/** The Jarosz window for shrinking `oldDimension` to 64: ceil(old / 128), as the reference computes it. */
function windowSize(oldDimension: number): number {
  return Math.floor((oldDimension + 2 * bufferSize - 1) / (2 * bufferSize));
}

/** Repeated box filters along rows then columns: `data` holds the result. */
function jaroszFilter(
  data: Float32Array,
  temp: Float32Array,
  rows: number,
  cols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  reps: number,
): void {
  const sums = new Float32Array(cols);
  for (let k = 0; k < reps; k += 1) {
    let i = 0;
    for (; i + 4 <= rows; i += 4) boxRows4(data, temp, i * cols, cols, windowAlongRows);
    for (; i < rows; i += 1) box1D(data, temp, i * cols, cols, 1, windowAlongRows);
    boxColumns(temp, data, rows, cols, windowAlongCols, sums);
  }
}

/**
 * `box1D` along four neighbouring rows in lockstep. Each row's running sum is its own chain of
 * single-precision additions, exactly as in `box1D`; interleaving four of them lets the processor
 * work on one while another waits, which is where a lone row spends its time.
 */
function boxRows4(input: Float32Array, output: Float32Array, start: number, cols: number, fullWindow: number): void {
  const f = Math.fround;
  const halfWindow = Math.floor((fullWindow + 2) / 2);
  const phase1 = halfWindow - 1;
  const phase2 = fullWindow - halfWindow + 1;
  const phase3 = cols - fullWindow;
  const phase4 = halfWindow - 1;
  const r1 = start + cols;
  const r2 = r1 + cols;
  const r3 = r2 + cols;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let li = 0;
  let ri = 0;
  let oi = 0;
  let size = 0;
  for (let i = 0; i < phase1; i += 1, ri += 1) {
    s0 = f(s0 + input[start + ri]!);
    s1 = f(s1 + input[r1 + ri]!);
    s2 = f(s2 + input[r2 + ri]!);
    s3 = f(s3 + input[r3 + ri]!);
    size += 1;
  }
  for (let i = 0; i < phase2; i += 1, ri += 1, oi += 1) {
    s0 = f(s0 + input[start + ri]!);
    s1 = f(s1 + input[r1 + ri]!);
    s2 = f(s2 + input[r2 + ri]!);
    s3 = f(s3 + input[r3 + ri]!);
    size += 1;
    output[start + oi] = s0 / size;
    output[r1 + oi] = s1 / size;
    output[r2 + oi] = s2 / size;
    output[r3 + oi] = s3 / size;
  }
  for (let i = 0; i < phase3; i += 1, li += 1, ri += 1, oi += 1) {
    s0 = f(f(s0 + input[start + ri]!) - input[start + li]!);
    s1 = f(f(s1 + input[r1 + ri]!) - input[r1 + li]!);
    s2 = f(f(s2 + input[r2 + ri]!) - input[r2 + li]!);
    s3 = f(f(s3 + input[r3 + ri]!) - input[r3 + li]!);
    output[start + oi] = s0 / size;
    output[r1 + oi] = s1 / size;
    output[r2 + oi] = s2 / size;
    output[r3 + oi] = s3 / size;
  }
  for (let i = 0; i < phase4; i += 1, li += 1, oi += 1) {
    s0 = f(s0 - input[start + li]!);
    s1 = f(s1 - input[r1 + li]!);
    s2 = f(s2 - input[r2 + li]!);
    s3 = f(s3 - input[r3 + li]!);
    size -= 1;
    output[start + oi] = s0 / size;
    output[r1 + oi] = s1 / size;
    output[r2 + oi] = s2 / size;
    output[r3 + oi] = s3 / size;
  }
}

/**
 * `box1D` down every column at once, row by row, so that memory is read in order. The running
 * sums live in a Float32Array, so every addition is rounded to single precision as in `box1D`.
 */
function boxColumns(input: Float32Array, output: Float32Array, rows: number, cols: number, fullWindow: number, sums: Float32Array): void {
  const halfWindow = Math.floor((fullWindow + 2) / 2);
  const phase1 = halfWindow - 1;
  const phase2 = fullWindow - halfWindow + 1;
  const phase3 = rows - fullWindow;
  const phase4 = halfWindow - 1;
  sums.fill(0);
  let li = 0;
  let ri = 0;
  let oi = 0;
  let size = 0;
  for (let i = 0; i < phase1; i += 1, ri += cols) {
    for (let j = 0; j < cols; j += 1) sums[j] = sums[j]! + input[ri + j]!;
    size += 1;
  }
  for (let i = 0; i < phase2; i += 1, ri += cols, oi += cols) {
    size += 1;
    for (let j = 0; j < cols; j += 1) {
      const sum = Math.fround(sums[j]! + input[ri + j]!);
      sums[j] = sum;
      output[oi + j] = sum / size;
    }
  }
  for (let i = 0; i < phase3; i += 1, li += cols, ri += cols, oi += cols) {
    for (let j = 0; j < cols; j += 1) {
      const sum = Math.fround(Math.fround(sums[j]! + input[ri + j]!) - input[li + j]!);
      sums[j] = sum;
      output[oi + j] = sum / size;
    }
  }
  for (let i = 0; i < phase4; i += 1, li += cols, oi += cols) {
    size -= 1;
    for (let j = 0; j < cols; j += 1) {
      const sum = Math.fround(sums[j]! - input[li + j]!);
      sums[j] = sum;
      output[oi + j] = sum / size;
    }
  }
}

/**
 * A centred moving average of `length` values spaced `stride` apart, with the reference's four
 * phases: the window grows at the start and shrinks at the end instead of padding.
 */
function box1D(input: Float32Array, output: Float32Array, start: number, length: number, stride: number, fullWindow: number): void {
  const halfWindow = Math.floor((fullWindow + 2) / 2);
  const phase1 = halfWindow - 1;
  const phase2 = fullWindow - halfWindow + 1;
  const phase3 = length - fullWindow;
  const phase4 = halfWindow - 1;
  let li = start;
  let ri = start;
  let oi = start;
  let sum = 0;
  let size = 0;
  for (let i = 0; i < phase1; i += 1) {
    sum = Math.fround(sum + input[ri]!);
    size += 1;
    ri += stride;
  }
  for (let i = 0; i < phase2; i += 1) {
    sum = Math.fround(sum + input[ri]!);
    size += 1;
    output[oi] = sum / size;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase3; i += 1) {
    sum = Math.fround(sum + input[ri]!);
    sum = Math.fround(sum - input[li]!);
    output[oi] = sum / size;
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase4; i += 1) {
    sum = Math.fround(sum - input[li]!);
    size -= 1;
    output[oi] = sum / size;
    li += stride;
    oi += stride;
  }
}

/** Samples the filtered image at the centres of a 64×64 grid. */
function decimate(input: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(bufferSize * bufferSize);
  for (let i = 0; i < bufferSize; i += 1) {
    const ini = Math.floor(((i + 0.5) * rows) / bufferSize);
    for (let j = 0; j < bufferSize; j += 1) {
      const inj = Math.floor(((j + 0.5) * cols) / bufferSize);
      out[i * bufferSize + j] = input[ini * cols + inj]!;
    }
  }
  return out;
}

/** Sum of absolute neighbour differences in percent of full scale, / 90, capped at 100. */
function qualityOf(buffer: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < bufferSize - 1; i += 1) {
    for (let j = 0; j < bufferSize; j += 1) {
      const d = Math.trunc(
        Math.fround(Math.fround(Math.fround(buffer[i * bufferSize + j]! - buffer[(i + 1) * bufferSize + j]!) * 100) / 255),
      );
      gradientSum += Math.abs(d);
    }
  }
  for (let i = 0; i < bufferSize; i += 1) {
    for (let j = 0; j < bufferSize - 1; j += 1) {
      const d = Math.trunc(
        Math.fround(Math.fround(Math.fround(buffer[i * bufferSize + j]! - buffer[i * bufferSize + j + 1]!) * 100) / 255),
      );
      gradientSum += Math.abs(d);
    }
  }
  return Math.min(100, Math.floor(gradientSum / 90));
}

/** B = D · A · Dᵀ: the 16×16 low-frequency DCT of the 64×64 buffer. */
function dct64To16(a: Float32Array): Float32Array {
  const t = new Float32Array(dctSize * bufferSize);
  for (let i = 0; i < dctSize; i += 1) {
    for (let j = 0; j < bufferSize; j += 1) {
      let sum = 0;
      for (let k = 0; k < bufferSize; k += 1) sum = Math.fround(sum + Math.fround(dctMatrix[i * bufferSize + k]! * a[k * bufferSize + j]!));
      t[i * bufferSize + j] = sum;
    }
  }
  const b = new Float32Array(dctSize * dctSize);
  for (let i = 0; i < dctSize; i += 1) {
    for (let j = 0; j < dctSize; j += 1) {
      let sum = 0;
      for (let k = 0; k < bufferSize; k += 1) sum = Math.fround(sum + Math.fround(t[i * bufferSize + k]! * dctMatrix[j * bufferSize + k]!));
      b[i * dctSize + j] = sum;
    }
  }
  return b;
}

/** Bit (i, j) is set when coefficient (i, j) is strictly above the median (the 128th smallest). */
function thresholdAtMedian(dct: Float32Array): Uint16Array {
  const sorted = Float32Array.from(dct).sort();
  const median = sorted[(dctSize * dctSize) / 2 - 1]!;
  const words = new Uint16Array(dctSize);
  for (let i = 0; i < dctSize; i += 1) {
    let word = 0;
    for (let j = 0; j < dctSize; j += 1) if (dct[i * dctSize + j]! > median) word |= 1 << j;
    words[i] = word;
  }
  return words;
}
