/**
 * Hashing one file: MD5, SHA-1 and SHA-256 of its bytes (streamed for large and non-image files),
 * the type from its content, and for images the PDQ hash, quality, dimensions, dihedral variants
 * on request, and EXIF clues; for videos in memory, vPDQ on request. A file that cannot be read or decoded gives a result with `error`,
 * never an exception: one bad file must not stop a run.
 *
 *   const result = await hashMediaFile('/evidence/DCIM/0001.jpg', { dihedral: true });
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { decodeForPdq } from './decode.js';
import { detectFileType, type MediaKind } from './file-type.js';
import { readExifClues, type ExifClues } from './metadata.js';
import { pdqDihedral, pdqFromPixels, pdqWordsToHex } from './pdq.js';
import type { VideoSource } from './ffmpeg.js';
import { vpdqHashVideo, type VpdqFrame } from './vpdq.js';

export interface ContentHashes {
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
}

export interface MediaHashResult extends Partial<ContentHashes> {
  path: string;
  mediaType: string;
  kind: MediaKind;
  pdq?: string;
  quality?: number;
  /** rot90, rot180, rot270, flipx, flipy, flipplus1, flipminus1 (the original is `pdq`). */
  dihedral?: string[];
  width?: number;
  height?: number;
  exif?: ExifClues;
  /** A video's vPDQ (one frame a second) and stream, when asked for with `video: true`. */
  video?: VideoHashes;
  /** Why the file could not be read or hashed perceptually; the content hashes may still be set. */
  error?: string;
}

export interface VideoHashes {
  frames: VpdqFrame[];
  durationSeconds: number;
  codec: string;
  width: number;
  height: number;
}

export interface HashOptions {
  dihedral?: boolean;
  exif?: boolean;
  /** Hash a video's frames (vPDQ, one a second) from the bytes in memory; ffmpeg reads them from loopback. */
  video?: boolean;
}

/** Images larger than this are hashed by content only: decoding them would exhaust memory. */
const maxImageBytes = 256 * 1024 * 1024;
const sniffBytes = 4100;

class ContentHasher {
  readonly #hashes: Hash[] = [createHash('md5'), createHash('sha1'), createHash('sha256')];
  #size = 0;

  update(chunk: Uint8Array): void {
    this.#size += chunk.byteLength;
    for (const hash of this.#hashes) hash.update(chunk);
  }

  digest(): ContentHashes {
    const [md5, sha1, sha256] = this.#hashes.map((hash) => hash.digest('hex'));
    return { size: this.#size, md5: md5!, sha1: sha1!, sha256: sha256! };
  }
}

/** MD5, SHA-1 and SHA-256 of bytes in memory. */
export function hashBytes(bytes: Uint8Array): ContentHashes {
  const hasher = new ContentHasher();
  hasher.update(bytes);
  return hasher.digest();
}

/** MD5, SHA-1 and SHA-256 of a file, streamed. */
export async function hashFileContent(path: string): Promise<ContentHashes> {
  const hasher = new ContentHasher();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hasher.update(chunk as Buffer);
  return hasher.digest();
}

/** Everything Vigil computes about one file on disk. */
export async function hashMediaFile(path: string, options: HashOptions = {}): Promise<MediaHashResult> {
  let head: Uint8Array;
  let size: number;
  try {
    const handle = await open(path, 'r');
    try {
      size = (await handle.stat()).size;
      const buffer = Buffer.alloc(Math.min(sniffBytes, size));
      await handle.read(buffer, 0, buffer.length, 0);
      head = buffer;
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { path, mediaType: 'application/octet-stream', kind: 'other', error: `cannot read: ${(error as Error).message}` };
  }
  const type = detectFileType(head);
  if (type.kind === 'image' && size <= maxImageBytes) {
    try {
      return { path, ...(await hashMediaBytes(await readFile(path), options)) };
    } catch (error) {
      return { path, mediaType: type.mime, kind: type.kind, error: `cannot read: ${(error as Error).message}` };
    }
  }
  try {
    return { path, mediaType: type.mime, kind: type.kind, ...(await hashFileContent(path)) };
  } catch (error) {
    return { path, mediaType: type.mime, kind: type.kind, error: `cannot read: ${(error as Error).message}` };
  }
}

/** The same for bytes already in memory (uploads, archive members, crawled images). */
export async function hashMediaBytes(bytes: Uint8Array, options: HashOptions = {}): Promise<Omit<MediaHashResult, 'path'>> {
  const type = detectFileType(bytes.subarray(0, sniffBytes));
  const result: Omit<MediaHashResult, 'path'> = { mediaType: type.mime, kind: type.kind, ...hashBytes(bytes) };
  if (type.kind === 'video' && options.video === true) {
    try {
      result.video = await hashVideo({ bytes, name: `${type.mime} of ${bytes.length} bytes` });
    } catch (error) {
      result.error = `cannot decode video: ${firstLine((error as Error).message)}`;
    }
    return result;
  }
  if (type.kind !== 'image') return result;
  try {
    const image = await decodeForPdq(bytes);
    const { words, quality, dct } = pdqFromPixels(image.pixels, image.width, image.height, image.channels);
    result.pdq = pdqWordsToHex(words);
    result.quality = quality;
    result.width = image.originalWidth;
    result.height = image.originalHeight;
    if (options.dihedral === true) result.dihedral = pdqDihedral(dct).slice(1).map(pdqWordsToHex);
  } catch (error) {
    result.error = `cannot decode ${type.mime}: ${firstLine((error as Error).message)}`;
  }
  if (options.exif !== false && result.error === undefined) {
    const exif = await readExifClues(bytes);
    if (exif !== undefined) result.exif = exif;
  }
  return result;
}

/** vPDQ at one frame a second (HMA's default) and what the stream is; throws when ffmpeg cannot read it. */
export async function hashVideo(source: VideoSource): Promise<VideoHashes> {
  const { frames, durationSeconds, codec, width, height } = await vpdqHashVideo(source, { secondsPerHash: 1 });
  return { frames, durationSeconds, codec, width, height };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 300);
}
