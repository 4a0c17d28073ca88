import { describe, expect, it } from 'vitest';
import { RecordStore, RecordStoreBuilder } from './record-store.js';

describe('RecordStore', () => {
  it('reads back every value as stored, in any script, from memory another thread can share', () => {
    const builder = new RecordStoreBuilder<{ id: string; names: string[]; year?: number }>();
    const values = Array.from({ length: 3000 }, (_, i) => ({
      id: `p${i}`,
      names: [`Anna ${i}`, 'Анна Эрикссон', '金正恩', 'محمد'],
      ...(i % 2 === 0 && { year: 1900 + (i % 100) }),
    }));
    values.forEach((value, i) => expect(builder.add(value)).toBe(i));
    const store = builder.build();
    expect(store.count).toBe(3000);
    values.forEach((value, i) => expect(store.get(i)).toEqual(value));
    const copy = new RecordStore<(typeof values)[number]>(structuredClone(store.shared));
    expect(copy.get(2999)).toEqual(values[2999]);
    expect(copy.shared.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
