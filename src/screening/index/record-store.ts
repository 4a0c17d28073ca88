/**
 * Plain-data values (watchlist records, travel documents) kept as JSON text in one byte array and
 * read back one at a time: a million entries cost one buffer instead of tens of millions of small
 * objects on the heap, which every major garbage collection would have to walk, and the buffer can
 * be shared between threads. An index reads back only the few candidates it scores per check.
 *
 * Values must be plain data (strings, finite numbers, booleans, arrays and objects): what JSON
 * gives back is what was stored.
 */
import { Buffer } from 'node:buffer';
import { shareFloat64, sharedUint8 } from './shared-arrays.js';

/** The shareable parts of a `RecordStore`. */
export interface SharedRecordStore {
  readonly bytes: Uint8Array;
  /** Value i is `bytes[offsets[i] .. offsets[i + 1])`. */
  readonly offsets: Float64Array;
}

/** The builder writes into chunks of this many bytes (or one value's size when larger), copied once into shared memory at the end. */
const CHUNK = 1 << 24;

export class RecordStoreBuilder<T> {
  private readonly chunks: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(0);
  /** Bytes used in the current chunk, and in all chunks before it. */
  private used = 0;
  private before = 0;
  private offsets = new Float64Array(1 << 10);
  private count = 0;

  /** Adds a value; returns its number. */
  add(value: T): number {
    const text = JSON.stringify(value);
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > this.chunk.length) {
      if (this.used > 0) this.chunks.push(this.chunk.subarray(0, this.used));
      this.before += this.used;
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK, text.length * 3));
      this.used = 0;
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
    if (this.count + 2 > this.offsets.length) {
      const offsets = new Float64Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    this.offsets[++this.count] = this.before + this.used;
    return this.count - 1;
  }

  build(): RecordStore<T> {
    if (this.used > 0) this.chunks.push(this.chunk.subarray(0, this.used));
    const bytes = sharedUint8(this.before + this.used);
    let at = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    const store = new RecordStore<T>({ bytes, offsets: shareFloat64(this.offsets, this.count + 1) });
    this.chunks.length = 0;
    this.chunk = Buffer.allocUnsafe(0);
    this.offsets = new Float64Array(1);
    return store;
  }
}

export class RecordStore<T> {
  private readonly text: Buffer;

  constructor(readonly shared: SharedRecordStore) {
    this.text = Buffer.from(shared.bytes.buffer, shared.bytes.byteOffset, shared.bytes.byteLength);
  }

  get count(): number {
    return this.shared.offsets.length - 1;
  }

  /** Value `i`, read back. */
  get(i: number): T {
    const { offsets } = this.shared;
    return JSON.parse(this.text.toString('utf8', offsets[i], offsets[i + 1])) as T;
  }
}
