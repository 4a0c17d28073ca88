/**
 * Decodes an image into the pixel buffer that PDQ hashes, with the C++ reference CLI's quirks so
 * that our hashes match hash sets made with the reference tools: EXIF orientation ignored, alpha
 * dropped, embedded ICC profiles not applied, CMYK turned into RGB by the plain formula
 * (R = (255 − C)(255 − K) / 255 …), the first frame of an animation, and images over 512 px in either
 * dimension resized to exactly 512×512 by nearest neighbour (aspect ratio not kept).
 */
import sharp from 'sharp';

export interface DecodedImage {
  pixels: Uint8Array;
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB). */
  channels: number;
  /** Dimensions of the image as stored, before any resize. */
  originalWidth: number;
  originalHeight: number;
}

const referenceMaxDimension = 512;

/** Decodes a whole file's bytes; throws sharp's error for corrupt or unsupported input. */
export async function decodeForPdq(input: Buffer | Uint8Array): Promise<DecodedImage> {
  // A truncated file is an error (recorded with its reason), not a half-grey image.
  const image = sharp(input, { failOn: 'truncated', limitInputPixels: 268_402_689 });
  const cmyk = (await colourComponents(input, image)) === 4;
  const pipeline = cmyk ? image.pipelineColourspace('cmyk').toColourspace('cmyk') : image.keepIccProfile().removeAlpha();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const pixels = cmyk ? rgbFromCmyk(raw) : raw;
  const channels = cmyk ? 3 : info.channels;
  const decoded = { pixels, width: info.width, height: info.height, channels, originalWidth: info.width, originalHeight: info.height };
  if (info.width <= referenceMaxDimension && info.height <= referenceMaxDimension) return decoded;
  return { ...decoded, ...nearestNeighbour(pixels, info.width, info.height, channels, referenceMaxDimension, referenceMaxDimension) };
}

/**
 * How many colour components the image has when that decides the decode: JPEG headers are read
 * here (a JPEG with 4 components is CMYK); only TIFF, the other CMYK container, asks libvips.
 */
async function colourComponents(input: Uint8Array, image: sharp.Sharp): Promise<number | undefined> {
  if (input[0] === 0xff && input[1] === 0xd8) return jpegComponents(input);
  const tiff = (input[0] === 0x49 && input[1] === 0x49) || (input[0] === 0x4d && input[1] === 0x4d);
  if (!tiff) return undefined;
  return (await image.metadata()).space === 'cmyk' ? 4 : undefined;
}

/** The component count of a JPEG's frame header (SOF0–SOF15 but DHT, JPG and DAC), or undefined. */
export function jpegComponents(bytes: Uint8Array): number | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[offset + 9];
    if (marker === 0xda || marker === 0xd9) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

/** ImageMagick's conversion without a colour profile, which the reference hashes went through. */
function rgbFromCmyk(cmyk: Uint8Array): Uint8Array {
  const count = cmyk.length / 4;
  const rgb = new Uint8Array(count * 3);
  for (let p = 0; p < count; p += 1) {
    const k = 255 - cmyk[p * 4 + 3]!;
    for (let c = 0; c < 3; c += 1) rgb[p * 3 + c] = Math.round(((255 - cmyk[p * 4 + c]!) * k) / 255);
  }
  return rgb;
}

/** Output pixel x takes input pixel floor(x · width / newWidth), as the reference's resize does. */
export function nearestNeighbour(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  newWidth: number,
  newHeight: number,
): { pixels: Uint8Array; width: number; height: number } {
  const out = new Uint8Array(newWidth * newHeight * channels);
  const columns = new Uint32Array(newWidth);
  for (let x = 0; x < newWidth; x += 1) columns[x] = Math.floor((x * width) / newWidth);
  for (let y = 0; y < newHeight; y += 1) {
    const row = Math.floor((y * height) / newHeight) * width;
    for (let x = 0; x < newWidth; x += 1) {
      const from = (row + columns[x]!) * channels;
      const to = (y * newWidth + x) * channels;
      for (let c = 0; c < channels; c += 1) out[to + c] = pixels[from + c]!;
    }
  }
  return { pixels: out, width: newWidth, height: newHeight };
}
