/**
 * OpenPGP public keys found in page text (pure): armored PUBLIC KEY BLOCKs are reduced to the
 * fingerprint of their primary key (v4: SHA-1, v6: SHA-256, RFC 9580 §5.5.4) so that the same key
 * posted on two sites, or its fingerprint quoted alone, gives the same account value. A block whose
 * first packet cannot be read gets `sha256:` + the SHA-256 of its normalised base64 body instead.
 *
 *   pgpKeyIdOfArmor(blockText); // 'C432FAC563F0CEAFED8F0B3FC01DC231BDBD688A'
 */
import { createHash } from 'node:crypto';

export const pgpBeginMarker = '-----BEGIN PGP PUBLIC KEY BLOCK-----';
export const pgpEndMarker = '-----END PGP PUBLIC KEY BLOCK-----';

/** The armored public key blocks in a text, each from its BEGIN line to its END line. */
export function findArmoredPublicKeys(text: string, limit = 20): string[] {
  const blocks: string[] = [];
  let from = 0;
  while (blocks.length < limit) {
    const begin = text.indexOf(pgpBeginMarker, from);
    if (begin < 0) break;
    const end = text.indexOf(pgpEndMarker, begin + pgpBeginMarker.length);
    if (end < 0) break;
    blocks.push(text.slice(begin, end + pgpEndMarker.length));
    from = end + pgpEndMarker.length;
  }
  return blocks;
}

/** The base64 key data of an armored block: headers and the CRC-24 line dropped, whitespace removed. */
export function armorBody(block: string): string {
  const inner = block.replace(pgpBeginMarker, '').replace(pgpEndMarker, '');
  const lines = inner.split(/\r?\n/).map((line) => line.trim());
  let body: string[];
  if (lines.filter(Boolean).length >= 2) {
    // Armor headers ("Version: …", "Comment: …") are the only lines with ": "; base64 never has one.
    body = lines.filter((line) => line !== '' && !/^[\w-]+: /.test(line));
  } else {
    // The block lost its line breaks (pasted into a paragraph): key data starts at the first long base64 token.
    const tokens = inner.split(/\s+/).filter(Boolean);
    const start = tokens.findIndex((token) => token.length >= 20 && /^[A-Za-z0-9+/=]+$/.test(token));
    body = start < 0 ? [] : tokens.slice(start).filter((token) => /^[A-Za-z0-9+/=]+$/.test(token));
  }
  return body.join('').replace(/=[A-Za-z0-9+/]{4}$/, '');
}

/** The primary key fingerprint (upper-case hex) of the first packet, or undefined when it is not a v4/v6 public key. */
export function primaryKeyFingerprint(packets: Uint8Array): string | undefined {
  const first = packets[0];
  if (first === undefined || (first & 0x80) === 0) return undefined;
  let tag: number;
  let offset: number;
  let length: number;
  if (first & 0x40) {
    tag = first & 0x3f;
    const octet = packets[1];
    if (octet === undefined) return undefined;
    if (octet < 192) [length, offset] = [octet, 2];
    else if (octet < 224) [length, offset] = [((octet - 192) << 8) + (packets[2] ?? 0) + 192, 3];
    else if (octet === 255) [length, offset] = [readUint32(packets, 2), 6];
    else return undefined; // partial lengths are not allowed for key packets
  } else {
    tag = (first >> 2) & 0x0f;
    const type = first & 0x03;
    if (type === 0) [length, offset] = [packets[1] ?? 0, 2];
    else if (type === 1) [length, offset] = [((packets[1] ?? 0) << 8) | (packets[2] ?? 0), 3];
    else if (type === 2) [length, offset] = [readUint32(packets, 1), 5];
    else return undefined;
  }
  if (tag !== 6 || length < 1 || offset + length > packets.length) return undefined;
  const body = packets.subarray(offset, offset + length);
  if (body[0] === 4) {
    const header = Uint8Array.of(0x99, (length >> 8) & 0xff, length & 0xff);
    return createHash('sha1').update(header).update(body).digest('hex').toUpperCase();
  }
  if (body[0] === 6) {
    const header = Uint8Array.of(0x9b, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff);
    return createHash('sha256').update(header).update(body).digest('hex').toUpperCase();
  }
  return undefined;
}

/** The account value for an armored public key block: its primary key fingerprint, or `sha256:` + a digest of its body. */
export function pgpKeyIdOfArmor(block: string): string {
  const body = armorBody(block);
  const fingerprint = /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? primaryKeyFingerprint(Buffer.from(body, 'base64')) : undefined;
  return fingerprint ?? `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}
