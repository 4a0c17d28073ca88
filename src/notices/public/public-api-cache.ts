/**
 * Answers of the public API kept serialised, per catalogue revision and request URL, so that a
 * popular search is built once and then only copied to the socket. A small LRU (Map order is
 * recency), emptied whenever the revision or the day moves (ages depend on the day).
 *
 *   const answer = cache.get(key) ?? cache.set(key, build());
 */
import { createHash } from 'node:crypto';

export interface CachedAnswer {
  body: Buffer;
  /** Strong: the same revision, day and URL always give the same bytes. */
  etag: string;
}

export class AnswerCache {
  readonly #entries = new Map<string, CachedAnswer>();
  #generation = '';
  #bytes = 0;

  constructor(
    private readonly maxEntries = 5000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** `generation` names the catalogue state (revision and day); a new one empties the cache. */
  get(generation: string, url: string): CachedAnswer | undefined {
    if (generation !== this.#generation) return undefined;
    const hit = this.#entries.get(url);
    if (hit !== undefined) {
      this.#entries.delete(url);
      this.#entries.set(url, hit);
    }
    return hit;
  }

  set(generation: string, url: string, document: unknown): CachedAnswer {
    if (generation !== this.#generation) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#generation = generation;
    }
    const answer: CachedAnswer = { body: Buffer.from(JSON.stringify(document)), etag: answerEtag(generation, url) };
    const previous = this.#entries.get(url);
    if (previous !== undefined) {
      this.#entries.delete(url);
      this.#bytes -= previous.body.length;
    }
    this.#entries.set(url, answer);
    this.#bytes += answer.body.length;
    for (const [key, old] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(key);
      this.#bytes -= old.body.length;
    }
    return answer;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The ETag of an answer: a digest of the catalogue state and the URL. */
export function answerEtag(generation: string, url: string): string {
  return `"${createHash('sha256').update(generation).update('\n').update(url).digest('base64url').slice(0, 27)}"`;
}

/** True when an If-None-Match header names `etag` (or is `*`); weak forms match too (RFC 9110 weak comparison). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
