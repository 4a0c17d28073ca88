/**
 * Seized media at rest: content-addressed by SHA-256 (so a file found twice is stored once),
 * encrypted with AES-256-GCM under a key derived from the data key. A file is written to a
 * temporary name and renamed, so a crash never leaves a half-written file under its real name.
 *
 *   const store = new MediaStore(join(dataDir, 'media'), encryptionKey);
 *   await store.put(sha256, bytes);
 *   const bytes = await store.get(sha256);
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../platform/errors.js';

const magic = Buffer.from('VGLM1');
const ivBytes = 12;
const tagBytes = 16;

export class MediaStore {
  readonly #key: Buffer;

  constructor(
    readonly root: string,
    encryptionKey: Buffer,
  ) {
    this.#key = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'vigil media v1', 32));
  }

  /** Stores the bytes unless a file with this SHA-256 is already stored. */
  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const path = this.#path(sha256);
    if (await exists(path)) return;
    await mkdir(join(path, '..'), { recursive: true });
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(sha256));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, Buffer.concat([magic, iv, cipher.getAuthTag(), body]), { mode: 0o600 });
    await rename(temporary, path);
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.#path(sha256));
  }

  /** The decrypted bytes; throws `not_found` when absent and `unavailable` when damaged. */
  async get(sha256: string): Promise<Buffer> {
    let file: Buffer;
    try {
      file = await readFile(this.#path(sha256));
    } catch {
      throw new AppError('not_found', 'The media content is not stored');
    }
    if (!file.subarray(0, magic.length).equals(magic)) throw new AppError('unavailable', `Stored media ${sha256} is damaged`);
    const iv = file.subarray(magic.length, magic.length + ivBytes);
    const tag = file.subarray(magic.length + ivBytes, magic.length + ivBytes + tagBytes);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAAD(Buffer.from(sha256));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(file.subarray(magic.length + ivBytes + tagBytes)), decipher.final()]);
    } catch (error) {
      throw new AppError('unavailable', `Stored media ${sha256} failed its integrity check`, { cause: error });
    }
  }

  #path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('invalid', 'not a SHA-256');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.vgl`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
