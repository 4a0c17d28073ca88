/** Worker thread of the hash pool: hashes the files it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { hashMediaFile, type HashOptions } from './hashing.js';

// One worker per core already: each decodes on its own thread, without libvips' thread pool or cache.
sharp.concurrency(1);
sharp.cache(false);

interface Job {
  id: number;
  path: string;
  options: HashOptions;
}

parentPort?.on('message', (job: Job) => {
  void hashMediaFile(job.path, job.options).then(
    (result) => parentPort?.postMessage({ id: job.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        result: { path: job.path, mediaType: 'application/octet-stream', kind: 'other', error: String(error) },
      }),
  );
});
