/**
 * Typed arrays over `SharedArrayBuffer`, so that an index built once can be handed to worker
 * threads (`postMessage` shares such memory instead of copying it) and read by all of them.
 */

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

export function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

export function sharedUint16(length: number): Uint16Array {
  return new Uint16Array(new SharedArrayBuffer(length * Uint16Array.BYTES_PER_ELEMENT));
}

/** A shared copy of the first `length` elements of `array`. */
export function shareInt32(array: Int32Array, length = array.length): Int32Array {
  const copy = sharedInt32(length);
  copy.set(array.subarray(0, length));
  return copy;
}

export function shareUint32(array: Uint32Array, length = array.length): Uint32Array {
  const copy = sharedUint32(length);
  copy.set(array.subarray(0, length));
  return copy;
}

export function shareFloat64(array: Float64Array, length = array.length): Float64Array {
  const copy = sharedFloat64(length);
  copy.set(array.subarray(0, length));
  return copy;
}

export function shareUint8(array: Uint8Array, length = array.length): Uint8Array {
  const copy = sharedUint8(length);
  copy.set(array.subarray(0, length));
  return copy;
}
