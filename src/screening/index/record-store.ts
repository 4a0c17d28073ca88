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
import { shareFloat64, shareUint8 } from './shared-arrays.js';

/** The shareable parts of a `RecordStore`. */
export interface SharedRecordStore {
  readonly bytes: Uint8Array;
  /** Value i is `bytes[offsets[i] .. offsets[i + 1])`. */
  readonly offsets: Float64Array;
}

const encoder = new TextEncoder();

export class RecordStoreBuilder<T> {
  private bytes = new Uint8Array(1 << 16);
  private offsets = new Float64Array(1 << 10);
  private length = 0;
  private count = 0;

  /** Adds a value; returns its number. */
  add(value: T): number {
    const text = JSON.stringify(value);
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
    if (this.count + 2 > this.offsets.length) {
      const offsets = new Float64Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    this.offsets[++this.count] = this.length;
    return this.count - 1;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
  }

  build(): RecordStore<T> {
    const store = new RecordStore<T>({ bytes: shareUint8(this.bytes, this.length), offsets: shareFloat64(this.offsets, this.count + 1) });
    this.bytes = new Uint8Array(0);
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
