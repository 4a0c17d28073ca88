/**
 * Photos that leave the police side (notice photos on public pages) or arrive from the public
 * (tip photos) are never kept as sent: they are decoded, bounded in size, re-encoded as JPEG and
 * thereby stripped of EXIF, GPS, XMP and ICC metadata. Anything that is not a decodable image is
 * refused with a clear message.
 *
 *   const photo = await reencodePhoto(bytes, { maxBytes: 8 << 20 });   // { image, thumbnail, width, height, sha256 }
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError, invalid } from '../platform/errors.js';
import { detectFileType } from '../media/file-type.js';

export interface ReencodedPhoto {
  image: Uint8Array;
  thumbnail: Uint8Array;
  width: number;
  height: number;
  /** SHA-256 of the re-encoded image (an ETag for it). */
  sha256: string;
}

export interface PhotoLimits {
  maxBytes: number;
  maxPixels?: number;
  /** The name of the field in error messages. */
  field?: string;
}

const longestSide = 1600;
const thumbnailSide = 360;
const acceptedTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/heic', 'image/avif']);

export async function reencodePhoto(bytes: Uint8Array, limits: PhotoLimits): Promise<ReencodedPhoto> {
  const field = limits.field ?? 'photo';
  if (bytes.byteLength > limits.maxBytes) {
    throw new AppError('payload_too_large', `The photo is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`, {
      errors: [{ field, message: `at most ${limits.maxBytes} bytes` }],
    });
  }
  if (!acceptedTypes.has(detectFileType(bytes.subarray(0, 4096)).mime)) {
    throw invalid('Only photos can be attached (JPEG, PNG, WebP, GIF, TIFF, HEIC or AVIF)', [{ field, message: 'is not an image' }]);
  }
  try {
    const source = sharp(bytes, { failOn: 'truncated', limitInputPixels: limits.maxPixels ?? 40_000_000, pages: 1 }).rotate();
    const { data, info } = await source
      .clone()
      .resize({ width: longestSide, height: longestSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await source
      .clone()
      .resize({ width: thumbnailSide, height: thumbnailSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer();
    return {
      image: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      thumbnail: new Uint8Array(thumbnail.buffer, thumbnail.byteOffset, thumbnail.byteLength),
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  } catch {
    throw invalid('The photo could not be read: it is damaged or too large in pixels', [{ field, message: 'cannot be decoded' }]);
  }
}
