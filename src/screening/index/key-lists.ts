/**
 * Lists of numbers by string key (document number → entries listing it), in typed arrays only:
 * open addressing over the keys, whose UTF-16 code units sit in one array, and the lists one after
 * the other. A million keys cost a few arrays instead of a million strings and arrays on the heap,
 * and every array can be shared between threads.
 */
import { sharedInt32, sharedUint16 } from './shared-arrays.js';

/** The shareable parts of `KeyLists`. */
export interface SharedKeyLists {
  /** Key k is `chars[keyOffsets[k] .. keyOffsets[k + 1])`. */
  readonly chars: Uint16Array;
  readonly keyOffsets: Int32Array;
  /** The list of key k is `values[valueOffsets[k] .. valueOffsets[k + 1])`. */
  readonly values: Int32Array;
  readonly valueOffsets: Int32Array;
  /** Open addressing: a key number, or −1 for an empty slot. */
  readonly slots: Int32Array;
}

const EMPTY_LIST = new Int32Array(0);

function hash(key: string): number {
  // FNV-1a over the code units.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class KeyListsBuilder {
  private readonly lists = new Map<string, number[]>();

  /** Appends `value` to the list of `key`, unless it is already that list's last value. */
  add(key: string, value: number): void {
    const list = this.lists.get(key);
    if (list === undefined) this.lists.set(key, [value]);
    else if (list[list.length - 1] !== value) list.push(value);
  }

  build(): KeyLists {
    const count = this.lists.size;
    let charCount = 0;
    let valueCount = 0;
    for (const [key, list] of this.lists) {
      charCount += key.length;
      valueCount += list.length;
    }
    const chars = sharedUint16(charCount);
    const keyOffsets = sharedInt32(count + 1);
    const values = sharedInt32(valueCount);
    const valueOffsets = sharedInt32(count + 1);
    let bits = 4;
    while (1 << bits < count * 2) bits++;
    const slots = sharedInt32(1 << bits).fill(-1);
    const mask = (1 << bits) - 1;
    let k = 0;
    let c = 0;
    let v = 0;
    for (const [key, list] of this.lists) {
      for (let i = 0; i < key.length; i++) chars[c++] = key.charCodeAt(i);
      keyOffsets[k + 1] = c;
      values.set(list, v);
      v += list.length;
      valueOffsets[k + 1] = v;
      let at = hash(key) & mask;
      while (slots[at] !== -1) at = (at + 1) & mask;
      slots[at] = k;
      k++;
    }
    this.lists.clear();
    return new KeyLists({ chars, keyOffsets, values, valueOffsets, slots });
  }
}

export class KeyLists {
  private readonly mask: number;

  constructor(readonly shared: SharedKeyLists) {
    this.mask = shared.slots.length - 1;
  }

  /** Distinct keys. */
  get size(): number {
    return this.shared.keyOffsets.length - 1;
  }

  /** The list of `key` (a view into the shared values: do not write to it), empty when no value has it. */
  get(key: string): Int32Array {
    const { slots, chars, keyOffsets, values, valueOffsets } = this.shared;
    for (let at = hash(key) & this.mask; ; at = (at + 1) & this.mask) {
      const k = slots[at]!;
      if (k === -1) return EMPTY_LIST;
      const from = keyOffsets[k]!;
      if (keyOffsets[k + 1]! - from !== key.length) continue;
      let same = true;
      for (let i = 0; i < key.length && same; i++) same = chars[from + i] === key.charCodeAt(i);
      if (same) return values.subarray(valueOffsets[k], valueOffsets[k + 1]);
    }
  }
}
