/**
 * Bytes held in memory, offered to FFmpeg without writing them anywhere: a one-request-path HTTP
 * server on 127.0.0.1 that answers byte ranges, so FFmpeg can seek (an MP4 whose index sits at the
 * end cannot be read from a pipe). The path holds 128 random bits and the server closes when the
 * caller is done, so no other process can guess or keep the address.
 *
 *   const input = await serveInMemory(bytes);
 *   try { ffmpeg -protocol_whitelist http,tcp -i input.url … } finally { await input.close(); }
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MemoryInput {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveInMemory(bytes: Uint8Array): Promise<MemoryInput> {
  const path = `/${randomBytes(16).toString('hex')}`;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const server = createServer((request, response) => answer(request, response, path, body));
  // FFmpeg opens a new connection for each seek; none of them may outlive the input.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', listening);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

function answer(request: IncomingMessage, response: ServerResponse, path: string, body: Buffer): void {
  if (request.url !== path || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404).end();
    return;
  }
  const size = body.length;
  const range = parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    return;
  }
  const [start, end] = range ?? [0, size - 1];
  const headers = {
    'accept-ranges': 'bytes',
    'content-type': 'application/octet-stream',
    'content-length': String(Math.max(0, end - start + 1)),
    ...(range !== undefined && { 'content-range': `bytes ${start}-${end}/${size}` }),
  };
  response.writeHead(range === undefined ? 200 : 206, headers);
  response.end(request.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
}

/** `bytes=START-[END]` or `bytes=-SUFFIX`; undefined for no (or a multi-range) header. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Math.min(Number(match[2]), size);
    return suffix === 0 ? 'unsatisfiable' : [size - suffix, size - 1];
  }
  const start = Number(match[1]);
  if (start >= size) return 'unsatisfiable';
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return end < start ? 'unsatisfiable' : [start, end];
}
