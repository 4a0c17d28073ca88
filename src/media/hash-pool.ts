/**
 * Hashes files on worker threads, one per core, so decoding and PDQ use the whole machine. With
 * one thread (or where workers cannot start) it hashes in this thread.
 *
 *   const pool = new HashPool();
 *   const result = await pool.hash('/evidence/0001.jpg', { dihedral: false });
 *   const crawled = await pool.hashBytes(bytes); // bytes fetched into memory (moved to the worker)
 *   await pool.close();
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hashMediaBytes, hashMediaFile, type HashOptions, type MediaHashResult } from './hashing.js';

interface Pending {
  resolve: (result: MediaHashResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class HashPool {
  readonly #slots: Slot[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  /** `threads` defaults to the number of cores; 1 hashes in this thread. */
  constructor(threads = availableParallelism()) {
    if (threads <= 1) return;
    for (let i = 0; i < threads; i += 1) {
      const worker = startWorker();
      const slot = { worker, busy: 0 };
      worker.on('message', ({ id, result }: { id: number; result: MediaHashResult }) => {
        slot.busy -= 1;
        this.#pending.get(id)?.resolve(result);
        this.#pending.delete(id);
      });
      worker.on('error', (error) => this.#failAll(error));
      this.#slots.push(slot);
    }
  }

  get threads(): number {
    return Math.max(1, this.#slots.length);
  }

  hash(path: string, options: HashOptions = {}): Promise<MediaHashResult> {
    if (this.#slots.length === 0) return hashMediaFile(path, options);
    return this.#send({ path, options });
  }

  /**
   * Hashes bytes held in memory. The bytes are moved to the worker (the caller's copy is
   * detached), so nothing is copied and nothing touches the disk.
   */
  hashBytes(bytes: Uint8Array, options: HashOptions = {}): Promise<Omit<MediaHashResult, 'path'>> {
    if (this.#slots.length === 0) return hashMediaBytes(bytes, options);
    // A Buffer may share its memory with others (Node's pool): move only a buffer it owns alone.
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return this.#send({ bytes: owned, options }, [owned.buffer as ArrayBuffer]);
  }

  /** Hands a job to the least busy worker. */
  #send(job: { path?: string; bytes?: Uint8Array; options: HashOptions }, transfer: ArrayBuffer[] = []): Promise<MediaHashResult> {
    const slot = this.#slots.reduce((best, s) => (s.busy < best.busy ? s : best));
    const id = (this.#nextId += 1);
    slot.busy += 1;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, ...job }, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
    this.#slots.length = 0;
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/** Starts a hash worker; from the TypeScript sources (tests, tsx) it first registers tsx's loader. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(fileURLToPath(new URL('./hash.worker.js', import.meta.url)));
  const entry = new URL('./hash.worker.ts', import.meta.url).href;
  const tsx = pathToFileURL(tsxEsmApi()).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: [] });
}

/** The ESM entry of tsx's loader API (its CommonJS entry cannot be imported from a worker). */
function tsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return join(dirname(packageJson), manifest.exports['./esm/api']!.import.default);
}

/** Runs `work` over `items` with at most `limit` in flight, results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  onDone?: (result: R, index: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!, index);
      onDone?.(results[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}
