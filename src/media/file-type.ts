/**
 * File type from content, not from the name (pure): the magic numbers of the image, video and
 * archive formats that seized media arrive in.
 */

export type MediaKind = 'image' | 'video' | 'archive' | 'other';

export interface FileType {
  /** MIME type, e.g. image/jpeg; application/octet-stream when unknown. */
  mime: string;
  kind: MediaKind;
}

const unknown: FileType = { mime: 'application/octet-stream', kind: 'other' };

const ascii = (bytes: Uint8Array, offset: number, text: string): boolean => {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i += 1) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** ISO base media (MP4, MOV, HEIC, AVIF): the major brand after `ftyp`. */
function isoBrand(head: Uint8Array): FileType | undefined {
  if (!ascii(head, 4, 'ftyp') || head.length < 12) return undefined;
  const brand = String.fromCharCode(...head.subarray(8, 12)).trim();
  if (['avif', 'avis'].includes(brand)) return { mime: 'image/avif', kind: 'image' };
  if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis', 'hevc', 'hevx'].includes(brand)) return { mime: 'image/heic', kind: 'image' };
  if (brand === 'qt') return { mime: 'video/quicktime', kind: 'video' };
  if (brand.startsWith('3g')) return { mime: 'video/3gpp', kind: 'video' };
  return { mime: 'video/mp4', kind: 'video' };
}

/** Detects the type from the first bytes of a file (4 KiB is plenty). */
export function detectFileType(head: Uint8Array): FileType {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', kind: 'image' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', kind: 'image' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return { mime: 'image/gif', kind: 'image' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return { mime: 'image/webp', kind: 'image' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'AVI ')) return { mime: 'video/x-msvideo', kind: 'video' };
  if (ascii(head, 0, 'BM') && head.length > 14) return { mime: 'image/bmp', kind: 'image' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return { mime: 'image/tiff', kind: 'image' };
  if (startsWith(head, [0xff, 0x0a]) || ascii(head, 4, 'jP  ')) return { mime: 'image/jxl', kind: 'image' };
  const iso = isoBrand(head);
  if (iso) return iso;
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    const text = String.fromCharCode(...head.subarray(0, Math.min(head.length, 64)));
    return text.includes('webm') ? { mime: 'video/webm', kind: 'video' } : { mime: 'video/x-matroska', kind: 'video' };
  }
  if (ascii(head, 0, 'FLV')) return { mime: 'video/x-flv', kind: 'video' };
  if (startsWith(head, [0x00, 0x00, 0x01, 0xba]) || startsWith(head, [0x00, 0x00, 0x01, 0xb3]))
    return { mime: 'video/mpeg', kind: 'video' };
  if (head.length >= 189 && head[0] === 0x47 && head[188] === 0x47) return { mime: 'video/mp2t', kind: 'video' };
  if (startsWith(head, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return { mime: 'video/x-ms-wmv', kind: 'video' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
    return { mime: 'application/zip', kind: 'archive' };
  if (ascii(head, 0, '%PDF-')) return { mime: 'application/pdf', kind: 'other' };
  if (isSvg(head)) return { mime: 'image/svg+xml', kind: 'image' };
  return unknown;
}

function isSvg(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 1024)).trimStart().toLowerCase();
  return text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'));
}
