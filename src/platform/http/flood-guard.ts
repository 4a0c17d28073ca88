/**
 * Flood control for public endpoints, per client address and without third-party services: a
 * token bucket per address. Within its rate and burst a visitor passes untouched; beyond it the
 * next requests are slowed (held until the bucket would have refilled), and past a band of slowed
 * requests they are refused with the time to wait. One address's flood never touches another's
 * bucket, so other visitors are not hurt.
 *
 *   const guard = new FloodGuard({ ratePerSecond: 20, burst: 100 });
 *   const verdict = guard.take(request.ip);   // { action: 'pass' } | { action: 'delay', ms } | { action: 'refuse', retryAfterSeconds }
 */

export interface FloodGuardOptions {
  /** Sustained requests per second per address. */
  ratePerSecond: number;
  /** Requests an address may make at once before it is slowed. */
  burst: number;
  /** Requests beyond the burst that are slowed rather than refused (default: burst / 2). */
  slowBand?: number;
  /** Longest a request is held (default 2 s). */
  maxDelayMs?: number;
  /** Addresses tracked at most; the idlest are forgotten beyond it (default 100,000). */
  maxAddresses?: number;
}

export type FloodVerdict = { action: 'pass' } | { action: 'delay'; ms: number } | { action: 'refuse'; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class FloodGuard {
  readonly #rate: number;
  readonly #burst: number;
  readonly #slowBand: number;
  readonly #maxDelayMs: number;
  readonly #maxAddresses: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: FloodGuardOptions) {
    this.#rate = options.ratePerSecond;
    this.#burst = options.burst;
    this.#slowBand = options.slowBand ?? Math.max(1, Math.floor(options.burst / 2));
    this.#maxDelayMs = options.maxDelayMs ?? 2000;
    this.#maxAddresses = options.maxAddresses ?? 100_000;
  }

  take(address: string, now = Date.now()): FloodVerdict {
    let bucket = this.#buckets.get(address);
    if (bucket === undefined) {
      if (this.#buckets.size >= this.#maxAddresses) this.#forgetIdle(now);
      bucket = { tokens: this.#burst, at: now };
      this.#buckets.set(address, bucket);
    } else {
      bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#rate);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { action: 'pass' };
    }
    const debt = 1 - bucket.tokens;
    if (debt > this.#slowBand) {
      return { action: 'refuse', retryAfterSeconds: Math.max(1, Math.ceil((debt - this.#slowBand) / this.#rate)) };
    }
    bucket.tokens -= 1;
    return { action: 'delay', ms: Math.min(this.#maxDelayMs, Math.ceil((debt / this.#rate) * 1000)) };
  }

  get size(): number {
    return this.#buckets.size;
  }

  /** Drops the buckets that have refilled (idle addresses), or the oldest half if none has. */
  #forgetIdle(now: number): void {
    for (const [address, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.#rate >= this.#burst) this.#buckets.delete(address);
    }
    if (this.#buckets.size < this.#maxAddresses) return;
    let drop = Math.ceil(this.#buckets.size / 2);
    for (const address of this.#buckets.keys()) {
      if (drop-- <= 0) break;
      this.#buckets.delete(address);
    }
  }
}
