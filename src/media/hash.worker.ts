/** Worker thread of the hash pool: hashes the files (or in-memory bytes) it is sent. */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { hashMediaBytes, hashMediaFile, type HashOptions } from './hashing.js';

// One worker per core already: each decodes on its own thread, without libvips' thread pool or cache.
sharp.concurrency(1);
sharp.cache(false);

interface Job {
  id: number;
  path?: string;
  bytes?: Uint8Array;
  options: HashOptions;
}

parentPort?.on('message', (job: Job) => {
  const work = job.bytes !== undefined ? hashMediaBytes(job.bytes, job.options) : hashMediaFile(job.path!, job.options);
  void work.then(
    (result) => parentPort?.postMessage({ id: job.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        result: { path: job.path ?? '', mediaType: 'application/octet-stream', kind: 'other', error: String(error) },
      }),
  );
});
