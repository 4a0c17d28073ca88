/**
 * Reads zip archives (nested ones too) member by member, in memory, so that every file inside is
 * hashed like a file on disk. Damaged, encrypted or oversized members are reported, never fatal.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface ArchiveMember {
  /** Path inside the archive, e.g. `DCIM/0001.jpg`. */
  name: string;
  bytes?: Uint8Array;
  /** Why the member could not be read. */
  error?: string;
}

/** Members larger than this are reported instead of read. */
export const maxMemberBytes = 512 * 1024 * 1024;

/** Every file member of a zip held in memory, in archive order. Throws only if the archive itself is unreadable. */
export async function* readZip(bytes: Uint8Array): AsyncGenerator<ArchiveMember> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (error, file) => (error || file === undefined ? reject(error ?? new Error('no zip')) : resolve(file)),
    ),
  );
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === undefined) return;
      if (entry.fileName.endsWith('/')) continue;
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
        yield { name: entry.fileName, error: 'encrypted archive member' };
        continue;
      }
      if (entry.uncompressedSize > maxMemberBytes) {
        yield { name: entry.fileName, error: `member larger than ${maxMemberBytes} bytes` };
        continue;
      }
      try {
        yield { name: entry.fileName, bytes: await readEntry(zip, entry) };
      } catch (error) {
        yield { name: entry.fileName, error: `damaged archive member: ${(error as Error).message}` };
      }
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || stream === undefined) {
        reject(error ?? new Error('cannot open member'));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
