/**
 * Rendered public pages kept per catalogue state (revision and day: ages move with the day) and
 * URL, so that a popular page is rendered once and then only copied to the socket. A small LRU
 * (Map order is recency) bounded in entries and bytes; a new state empties it.
 *
 *   const page = cache.get(state, url) ?? cache.set(state, url, 200, render());
 */
import { createHash } from 'node:crypto';

export interface CachedPage {
  status: number;
  body: Buffer;
  /** Strong: the same state and URL always render the same bytes. */
  etag: string;
}

export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  #state = '';
  #bytes = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get(state: string, url: string): CachedPage | undefined {
    if (state !== this.#state) return undefined;
    const hit = this.#entries.get(url);
    if (hit !== undefined) {
      this.#entries.delete(url);
      this.#entries.set(url, hit);
    }
    return hit;
  }

  set(state: string, url: string, status: number, html: string): CachedPage {
    if (state !== this.#state) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#state = state;
    }
    const page: CachedPage = { status, body: Buffer.from(html), etag: pageEtag(state, url) };
    const previous = this.#entries.get(url);
    if (previous !== undefined) {
      this.#entries.delete(url);
      this.#bytes -= previous.body.length;
    }
    this.#entries.set(url, page);
    this.#bytes += page.body.length;
    for (const [key, old] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(key);
      this.#bytes -= old.body.length;
    }
    return page;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** An ETag of the catalogue state and the URL (the language is in the URL). */
export function pageEtag(state: string, url: string): string {
  return `"${createHash('sha256').update(`${state}\n${url}`).digest('base64url').slice(0, 27)}"`;
}

/** True when an If-None-Match header names this ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((v) => v.trim().replace(/^W\//, ''))
    .some((v) => v === etag || v === '*');
}
