/**
 * The crawler: runs one visit of one site to the end, or until stopped, from the durable frontier.
 * Pages are fetched through Tor (onion sites always; clear-web sites too when a proxy is set),
 * each site under its own SOCKS username so Tor isolates its circuits. Every page is kept as a WARC
 * response record; every image or video is fetched into memory only, hashed (MD5, SHA-1,
 * SHA-256, PDQ), matched against the hash sets the owning agency may see, and recorded as a WARC
 * metadata record with the hashes and the match, never the bytes (unless the site keeps media,
 * then encrypted in the media store).
 *
 * Results are written in batches, each in one transaction (page or media row, frontier state, new
 * links, accounts, custody entries), after the WARC file was synced: work reported done is on
 * disk, and a killed crawler resumes with what was not yet written, never re-fetching what was.
 *
 *   const summary = await crawler.runVisit(visitId, { onProgress: (p) => bar.update(p) });
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdirSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '../platform/access/actor.js';
import type { HTMLElement } from 'node-html-parser';
import { AppError } from '../platform/errors.js';
import { systemActor } from '../platform/access/actor.js';
import { HashPool } from '../media/hash-pool.js';
import { bestFrameMatches, framesForMatching, triageOf, type EntryMatch, type MatchQuery } from '../media/match.service.js';
import { formatVpdq, type VpdqFrame } from '../media/vpdq.js';
import type { MediaStore } from '../media/media-store.js';
import type { Viewer } from '../platform/access/visibility.js';
import { mediaHashMetadata, type CustodyEntry } from './capture/custody.js';
import { WarcWriter } from './capture/warc.js';
import type { CrawlBatch, CrawlRepository, FrontierItem, MediaCapture, PageCapture } from './crawl.repository.js';
import type { VisitOutcome } from './darkweb.schema.js';
import { extractPage, type ExtractedPage } from './extract/extract-page.js';
import { parseHtml } from './extract/html-text.js';
import { classifyPage } from './extract/page-kind.js';
import { inScope, nextCrawlAt, normaliseUrl, originOf } from './site-model.js';
import type { SiteForCrawl, SiteRepository } from './site.repository.js';
import { httpFetch, type FetchedResponse, type HttpFetchOptions } from './transport/http-fetch.js';
import type { SocksProxy } from './transport/socks5.js';
import { torSelfTest, type TorSelfTestResult } from './transport/tor-self-test.js';
import { isTransportError, type TransportFailure } from './transport/transport-error.js';

export type Fetcher = (url: string, options: HttpFetchOptions) => Promise<FetchedResponse>;

/** The media capability's matcher, as the crawler uses it. */
export interface HashMatcher {
  match(actor: Actor, queries: readonly MatchQuery[], options: { viewer?: Viewer; audit?: boolean }): Promise<EntryMatch[][]>;
}

/** Told when a visit has ended (alerts, schedule). */
export interface VisitListener {
  visitFinished(site: SiteForCrawl, visitId: string, summary: VisitSummary): Promise<void>;
  /** Called for each batch: known media, new accounts, login walls, as they are written. */
  batchWritten(site: SiteForCrawl, visitId: string, findings: BatchFindings): Promise<void>;
}

export interface BatchFindings {
  knownMedia: MediaCapture[];
  accounts: { kind: string; value: string; url: string }[];
  loggedOut: string[];
  challenges: string[];
}

export interface CrawlProgress {
  pagesDone: number;
  mediaDone: number;
  failed: number;
  inFlight: number;
}

export interface VisitSummary {
  visitId: string;
  status: 'completed' | 'cancelled';
  outcome: VisitOutcome | null;
  failureClass: string | null;
  pagesFetched: number;
  mediaSeen: number;
  mediaKnown: number;
  failed: number;
}

export interface CrawlerOptions {
  sites: SiteRepository;
  crawl: CrawlRepository;
  matcher: HashMatcher;
  listener: VisitListener;
  /** Where WARC files go: `<warcDir>/<site id>/<visit id>/…warc.gz`. */
  warcDir: string;
  torProxy?: SocksProxy;
  /** Send clear-web sites through Tor too (default true when a proxy is set). */
  torForClearWeb?: boolean;
  fetcher?: Fetcher;
  mediaStore?: MediaStore;
  /** Threads hashing media (decoding and PDQ off the crawler's thread); default one per core, 1 = in this thread. */
  hashThreads?: number;
  /** A name unique among running workers: host and pid by default. */
  workerId?: string;
  /** How often results are written (ms). */
  batchMs?: number;
  /** Largest page and media body fetched. */
  maxPageBytes?: number;
  maxMediaBytes?: number;
}

const transientFailures: ReadonlySet<TransportFailure> = new Set([
  'timeout',
  'connection_lost',
  'general_failure',
  'ttl_expired',
  'rendezvous_failed',
  'introduction_failed',
  'introduction_timeout',
]);
const maxAttempts = 3;
const mediaExtensions = /\.(jpe?g|png|gif|webp|bmp|tiff?|mp4|webm|mkv|avi|mov|m4v)(\?.*)?$/i;

export class Crawler {
  readonly workerId: string;
  readonly #options: CrawlerOptions;
  readonly #fetch: Fetcher;
  #proxyCheck: Promise<TorSelfTestResult> | undefined;

  constructor(options: CrawlerOptions) {
    this.#options = options;
    this.#fetch = options.fetcher ?? httpFetch;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  }

  /** Runs the visit until its frontier is exhausted or `signal` aborts (then it stops cleanly, leaving the rest pending). */
  async runVisit(visitId: string, options: { signal?: AbortSignal; onProgress?: (p: CrawlProgress) => void } = {}): Promise<VisitSummary> {
    const { crawl, sites } = this.#options;
    const visit = await crawl.findVisit(visitId);
    if (visit === undefined) throw new Error(`visit ${visitId} not found`);
    const site = await sites.findForCrawl(visit.siteId);
    if (site === undefined) throw new Error(`site ${visit.siteId} not found`);
    if (this.#options.torProxy !== undefined && (site.kind === 'onion' || this.#options.torForClearWeb !== false)) {
      // Once per process: a proxy that is not Tor (or not ready) stops the crawl with the reason, before any request.
      this.#proxyCheck ??= torSelfTest(this.#options.torProxy);
      const proxy = await this.#proxyCheck;
      if (!proxy.ok) {
        this.#proxyCheck = undefined;
        throw new AppError('unavailable', `The Tor proxy is not usable: ${proxy.message}`);
      }
    }
    if (site.kind === 'onion' && this.#options.torProxy === undefined && this.#options.fetcher === undefined)
      throw new AppError(
        'unavailable',
        "Onion sites are crawled only through Tor: set VIGIL_TOR_SOCKS to Tor's SocksPort (e.g. 127.0.0.1:9050)",
      );
    // Every request in flight listens on the stop signal.
    if (options.signal !== undefined) setMaxListeners(site.concurrency * 2 + 16, options.signal);
    await crawl.markRunning(visitId);
    await crawl.releaseClaims(visitId, await this.#deadLocalWorkers(visitId), new Date(Date.now() - Math.max(120_000, 3 * site.timeoutMs)));

    const dir = join(this.#options.warcDir, site.id, visitId);
    mkdirSync(dir, { recursive: true });
    const warcName = `${new Date().toISOString().replace(/[:.]/g, '-')}-${this.workerId.replace(/[^A-Za-z0-9_-]/g, '_')}.warc.gz`;
    const warc = await WarcWriter.open(join(dir, warcName), {
      // Fast compression: the crawler's thread also parses every page.
      compressionLevel: 1,
      warcinfo: {
        software: 'Vigil dark web monitoring',
        isPartOf: `visit ${visitId}`,
        description: `site ${site.name}`,
        'legal-basis': site.legalBasis,
      },
    });
    const hashing = new HashPool(this.#options.hashThreads ?? availableParallelism());
    const operator = await crawl.operatorOf(visitId);
    const run = new VisitRun(this, site, visitId, warc, join(site.id, visitId, warcName), hashing, operator, options);
    try {
      await run.crawl();
    } finally {
      await warc.close();
      await hashing.close();
    }
    if (options.signal?.aborted === true) return { ...run.totals(), visitId, status: 'cancelled', outcome: null, failureClass: null };
    return this.#finish(site, visitId, run);
  }

  /**
   * Fetch, with the site's isolation, proxy and limits. Never aborted by a stop: a request in
   * flight finishes (within the timeout) and is recorded.
   */
  fetch(site: SiteForCrawl, url: string, maxBytes: number): Promise<FetchedResponse> {
    const proxy = site.kind === 'onion' || this.#options.torForClearWeb !== false ? this.#options.torProxy : undefined;
    return this.#fetch(url, {
      ...(proxy !== undefined && { proxy, isolation: site.isolationKey }),
      timeoutMs: site.timeoutMs,
      maxBytes,
      ...(site.sessionCookie !== null && { cookie: site.sessionCookie }),
    });
  }

  get options(): CrawlerOptions {
    return this.#options;
  }

  async #finish(site: SiteForCrawl, visitId: string, run: VisitRun): Promise<VisitSummary> {
    const { crawl, sites, listener } = this.#options;
    const totals = run.totals();
    // Judged on everything the visit recorded, over all its runs (a resumed visit's last run may have fetched only media).
    const pages = await crawl.pageKinds(visitId);
    let outcome: VisitOutcome;
    if (pages.content > 0) outcome = 'up';
    else if (pages.loggedOut > 0) outcome = 'logged_out';
    else if (pages.challenge > 0) outcome = 'challenge';
    else outcome = pages.all > 0 ? 'up' : 'down';
    const seedFailure = run.seedFailure ?? (await crawl.pageFailures(visitId, 10)).find((f) => f.depth === 0)?.error?.split(':')[0] ?? null;
    const failureClass = outcome === 'down' ? (seedFailure ?? 'no_pages') : null;
    const fingerprint = await crawl.seedFingerprint(visitId, site.seeds);
    const previous = await crawl.previousVisit(site.id, visitId);
    const changed = previous?.contentFingerprint == null || fingerprint === null ? null : previous.contentFingerprint !== fingerprint;
    await crawl.finishVisit(visitId, {
      status: 'completed',
      outcome,
      failureClass,
      contentFingerprint: fingerprint,
      contentChanged: changed,
    });
    await sites.setSchedule(site.id, nextCrawlAt(site), outcome === 'down' ? 'down' : 'up');
    // The visit's totals, over every run of it (a resumed visit counts what the stopped runs recorded too).
    const recorded = await crawl.findVisit(visitId);
    const summary: VisitSummary = {
      visitId,
      status: 'completed',
      outcome,
      failureClass,
      pagesFetched: recorded?.pagesFetched ?? totals.pagesFetched,
      mediaSeen: recorded?.mediaSeen ?? totals.mediaSeen,
      mediaKnown: recorded?.mediaKnown ?? totals.mediaKnown,
      failed: recorded?.pagesFailed ?? totals.failed,
    };
    await listener.visitFinished(site, visitId, summary);
    return summary;
  }

  /** Workers of this host that held claims on the visit and are no longer running. */
  async #deadLocalWorkers(visitId: string): Promise<string[]> {
    const host = hostname();
    return (await this.#options.crawl.claimants(visitId)).filter((worker) => {
      const [h, pid] = worker.split(':');
      if (h !== host || worker === this.workerId) return worker === this.workerId;
      try {
        process.kill(Number(pid), 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ESRCH';
      }
    });
  }
}

/** One run of one visit by this worker. */
class VisitRun {
  readonly #pending: CrawlBatch = emptyBatch();
  #findings: BatchFindings = { knownMedia: [], accounts: [], loggedOut: [], challenges: [] };
  readonly #inFlight = new Set<Promise<void>>();
  #lastStart = 0;
  #pagesDone = 0;
  #mediaDone = 0;
  #failed = 0;
  #pagesFetched = 0;
  #mediaSeen = 0;
  #mediaKnown = 0;
  #pagesQueued = 0;
  readonly #seen = new Set<string>();
  #flushChain: Promise<void> = Promise.resolve();
  /** Batches written that added links to the frontier. */
  #writes = 0;
  #flushing = false;
  #flushError: Error | undefined;
  readonly #matches: MatchBatcher;
  seedFailure: string | null = null;
  readonly #operator: { id: string | null; name: string | null };

  constructor(
    private readonly crawler: Crawler,
    private readonly site: SiteForCrawl,
    private readonly visitId: string,
    private readonly warc: WarcWriter,
    private readonly warcFile: string,
    private readonly hashing: HashPool,
    operator: { id: string | null; name: string },
    private readonly options: { signal?: AbortSignal; onProgress?: (p: CrawlProgress) => void },
  ) {
    this.#operator = { id: operator.id, name: `${operator.name} via worker ${crawler.workerId}` };
    this.#matches = new MatchBatcher(crawler.options.matcher, { agencyId: site.ownerAgencyId });
  }

  totals(): Omit<VisitSummary, 'visitId' | 'status' | 'outcome' | 'failureClass'> {
    return { pagesFetched: this.#pagesFetched, mediaSeen: this.#mediaSeen, mediaKnown: this.#mediaKnown, failed: this.#failed };
  }

  async crawl(): Promise<void> {
    const { crawl } = this.crawler.options;
    const batchMs = this.crawler.options.batchMs ?? 200;
    // The seen set: links already in the frontier are not sent to the database again.
    for (const { url, kind } of await crawl.frontierUrls(this.visitId)) {
      this.#seen.add(url);
      if (kind === 'page') this.#pagesQueued++;
    }
    let lastFlush = Date.now();
    const signal = this.options.signal;
    const stopped = (): boolean => signal?.aborted === true;
    const concurrency = this.site.concurrency;
    // Items claimed ahead (up to one more round), so that a finished request is replaced without a query.
    const queue: FrontierItem[] = [];
    let dryAt = -1;
    let claimedAt = 0;
    for (;;) {
      if (stopped()) break;
      // Claim again once the frontier may hold more: after a write that added links, or a while later (other workers' links).
      if (queue.length < concurrency && (this.#writes !== dryAt || Date.now() - claimedAt > 250)) {
        const wanted = 2 * concurrency - queue.length;
        const claimed = await crawl.claim(this.visitId, this.crawler.workerId, wanted);
        claimedAt = Date.now();
        if (claimed.length < wanted) dryAt = this.#writes;
        queue.push(...claimed);
      }
      while (queue.length > 0 && this.#inFlight.size < concurrency && !stopped()) {
        await this.#politeness(signal);
        const task = this.#process(queue.shift()!).finally(() => this.#inFlight.delete(task));
        this.#inFlight.add(task);
      }
      if (this.#flushError !== undefined) throw this.#flushError;
      // Results are written in the background, one batch at a time, while requests go on.
      // Sooner when the claimed work runs short and new links wait to be written (so that they can be claimed).
      const starving = queue.length < concurrency && this.#pending.discovered.length > 0 && Date.now() - lastFlush >= 20;
      if ((Date.now() - lastFlush >= batchMs || starving) && !this.#flushing) {
        this.#flushing = true;
        void this.flush()
          .catch(
            (error: unknown) => (this.#flushError = error instanceof Error ? error : new Error('writing results failed', { cause: error })),
          )
          .finally(() => (this.#flushing = false));
        lastFlush = Date.now();
      }
      if (queue.length === 0 && this.#inFlight.size === 0) {
        await this.flush();
        lastFlush = Date.now();
        const left = await crawl.frontierCounts(this.visitId);
        if (left.pending.page + left.pending.media === 0 && left.claimed.page + left.claimed.media === 0) break;
        // Others hold claims (another worker): wait for them, or for their claims to go stale.
        if (left.pending.page + left.pending.media === 0) await sleep(Math.min(1000, batchMs * 5));
      } else if (this.#inFlight.size >= concurrency || queue.length === 0) {
        await Promise.race([...this.#inFlight, sleep(batchMs)]);
      }
    }
    await Promise.allSettled([...this.#inFlight]);
    await this.flush();
    // Items claimed ahead and not started go back to the frontier at once.
    await crawl.unclaim(queue.map((item) => item.id));
  }

  async #politeness(signal: AbortSignal | undefined): Promise<void> {
    const wait = this.#lastStart + this.site.delayMs - Date.now();
    if (wait > 0) await sleep(wait, undefined, signal ? { signal } : undefined).catch(() => undefined);
    this.#lastStart = Date.now();
  }

  /** Writes what finished since the last flush (the WARC synced first, then one transaction); flushes run one after the other. */
  flush(): Promise<void> {
    const next = this.#flushChain.then(() => this.#flushNow());
    this.#flushChain = next.catch(() => undefined);
    return next;
  }

  async #flushNow(): Promise<void> {
    const batch = this.#pending;
    if (batch.done.length + batch.failed.length === 0) return;
    const taken: CrawlBatch = { ...batch, counters: { ...batch.counters } };
    Object.assign(this.#pending, emptyBatch());
    const findings = this.#findings;
    this.#findings = { knownMedia: [], accounts: [], loggedOut: [], challenges: [] };
    await this.warc.flush();
    await this.crawler.options.crawl.writeBatch(this.visitId, this.site.id, taken);
    if (taken.discovered.length > 0 || taken.failed.some((f) => f.retry)) this.#writes++;
    this.#pagesDone += taken.pages.length;
    this.#mediaDone += taken.media.length;
    this.#failed += taken.failed.filter((f) => !f.retry).length;
    await this.crawler.options.listener.batchWritten(this.site, this.visitId, findings);
    this.options.onProgress?.({
      pagesDone: this.#pagesDone,
      mediaDone: this.#mediaDone,
      failed: this.#failed,
      inFlight: this.#inFlight.size,
    });
  }

  async #process(item: FrontierItem): Promise<void> {
    try {
      if (item.kind === 'page') await this.#page(item);
      else await this.#media(item);
    } catch (error) {
      const failure = isTransportError(error) ? error.failure : 'error';
      const retry = isTransportError(error) && transientFailures.has(error.failure) && item.attempts < maxAttempts;
      if (item.kind === 'page' && item.depth === 0 && !retry && this.seedFailure === null) this.seedFailure = failure;
      const message = `${failure}: ${(error as Error).message}`.slice(0, 500);
      this.#pending.failed.push({ id: item.id, error: message, retry });
      if (!retry && item.kind === 'page') this.#pending.counters.pagesFailed++;
    }
  }

  async #page(item: FrontierItem): Promise<void> {
    const maxBytes = this.crawler.options.maxPageBytes ?? 8 * 1024 * 1024;
    const response = await this.crawler.fetch(this.site, item.url, maxBytes);
    const fetchedAt = new Date();
    const contentType = response.headers['content-type'] ?? '';
    // A redirect is a link to follow (in scope), recorded like any page.
    const location = response.status >= 300 && response.status < 400 ? response.headers['location'] : undefined;
    const isHtml = /html|xml/i.test(contentType) || (contentType === '' && looksLikeHtml(response.body));
    const html = isHtml ? response.body.toString('utf8') : '';
    // One parse of the page for both its classification and its extraction.
    let tree: HTMLElement | undefined;
    const parse = (): HTMLElement => (tree ??= parseHtml(html));
    const kind = classifyPage(response.status, response.headers, html, this.site.extractionRules, parse);
    // Images inlined as data: URIs are media too: hashed like any image, and cut out of the stored page.
    const inline = isHtml ? takeInlineMedia(html) : undefined;
    const payload = inline === undefined ? response.body : Buffer.from(inline.html, 'utf8');
    const record = await this.warc.writeResponse({
      targetUri: item.url,
      httpStatusLine: `HTTP/1.1 ${response.status} ${response.statusText}`,
      httpHeaders: Object.entries(response.headers).filter(
        ([name]) => name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'content-length',
      ),
      payload,
      date: fetchedAt,
    });
    if (inline !== undefined) {
      // What was removed, and the digest of the page as served, beside the stored page.
      await this.warc.writeMetadata({
        targetUri: item.url,
        refersTo: record.recordId,
        fields: {
          'inline-media-removed': String(inline.media.length),
          'served-payload-digest': `sha256:${createHash('sha256').update(response.body).digest('hex')}`,
        },
        date: fetchedAt,
      });
      for (const [index, bytes] of inline.media.entries())
        await this.#recordMedia(`${item.url}#inline-${index + 1}`, item.url, bytes, fetchedAt);
    }
    let extracted: ExtractedPage | undefined;
    if (isHtml && kind.kind === 'content') extracted = extractPage(html, item.url, this.site.extractionRules, parse());
    const batch = this.#pending;
    if (kind.kind === 'challenge') {
      batch.counters.challenges++;
      this.#findings.challenges.push(item.url);
    } else if (kind.kind === 'logged_out') {
      this.#findings.loggedOut.push(item.url);
    }
    const page: PageCapture = {
      url: item.url,
      statusCode: response.status,
      pageKind: kind.kind,
      title: extracted?.title ?? null,
      language: extracted?.language ?? null,
      text: extracted?.text.slice(0, 100_000) ?? '',
      contentFingerprint: extracted?.contentFingerprint ?? null,
      links: extracted?.links.length ?? 0,
      media: extracted?.media.length ?? 0,
      memberCount: extracted?.memberCount ?? null,
      posts: (extracted?.posts ?? []).slice(0, 200).map((p) => ({ author: p.author, time: p.time, timeText: p.timeText, text: p.text })),
      responseMs: Math.round(response.timings.totalMs),
      bytes: response.body.length,
      warcFile: this.warcFile,
      warcRecordId: record.recordId,
      warcOffset: record.offset,
      payloadDigest: record.payloadDigest ?? record.blockDigest,
      fetchedAt,
    };
    batch.pages.push(page);
    batch.done.push({ id: item.id });
    batch.counters.pagesFetched++;
    batch.counters.bytes += response.body.length;
    batch.counters.responseMs += page.responseMs;
    this.#pagesFetched++;
    if (page.memberCount !== null) batch.memberCount = Math.max(batch.memberCount ?? 0, page.memberCount);
    batch.custody.push(this.#custody('capture', item.url, record));

    // A login redirect or a challenge is not followed: the crawler never walks login pages.
    if (location !== undefined && kind.kind !== 'logged_out' && kind.kind !== 'challenge')
      this.#discover(normaliseUrl(location, item.url), 'page', item);
    if (extracted === undefined) return;
    for (const link of extracted.links) {
      const kindOf = mediaExtensions.test(link.url) ? 'media' : 'page';
      this.#discover(link.url, kindOf, item);
    }
    for (const media of extracted.media) this.#discover(media.url, 'media', item);
    for (const account of extracted.accounts) {
      batch.accounts.push({ kind: account.kind, value: account.value, url: item.url });
      this.#findings.accounts.push({ kind: account.kind, value: account.value, url: item.url });
    }
  }

  #discover(url: string | undefined, kind: 'page' | 'media', from: FrontierItem): void {
    if (url === undefined || this.#seen.has(url)) return;
    if (kind === 'page') {
      if (from.depth + 1 > this.site.maxDepth || !inScope(this.site, url)) return;
      if (this.#pagesQueued >= this.site.maxPages) return;
      this.#pagesQueued++;
    } else if (originOf(url) !== this.site.origin) return;
    this.#seen.add(url);
    this.#pending.discovered.push({ url, kind, depth: from.depth + 1, referrer: from.url });
  }

  async #media(item: FrontierItem): Promise<void> {
    const maxBytes = this.crawler.options.maxMediaBytes ?? 64 * 1024 * 1024;
    const response = await this.crawler.fetch(this.site, item.url, maxBytes);
    const fetchedAt = new Date();
    const batch = this.#pending;
    if (response.status >= 400) {
      batch.failed.push({ id: item.id, error: `http_${response.status}`, retry: false });
      return;
    }
    await this.#recordMedia(item.url, item.referrer, response.body, fetchedAt, item.id);
  }

  /**
   * Hashes and matches media held in memory, and records it: a WARC metadata record with the
   * hashes and the match (never the bytes), a media row, a custody entry.
   */
  async #recordMedia(url: string, pageUrl: string | null, body: Buffer, fetchedAt: Date, frontierId?: number): Promise<void> {
    const { mediaStore } = this.crawler.options;
    const batch = this.#pending;
    // In memory only: the bytes go to the hasher and are dropped (or kept encrypted when the site keeps media).
    const size = body.length;
    // Kept media is encrypted from this copy; the hasher gets the bytes moved to its thread.
    const kept = this.site.keepMedia && mediaStore !== undefined ? Buffer.from(body) : undefined;
    const hashed = await this.hashing.hashBytes(body, { exif: false, video: true });
    const kind = hashed.kind === 'image' || hashed.kind === 'video' ? hashed.kind : 'other';
    const usablePdq = hashed.pdq !== undefined && (hashed.quality ?? 0) >= 50 ? hashed.pdq : undefined;
    const [byContent, byFrames] = await Promise.all([
      this.#matches.match({
        md5: hashed.md5!,
        sha1: hashed.sha1!,
        sha256: hashed.sha256!,
        ...(usablePdq !== undefined && { pdq: usablePdq }),
      }),
      this.#matchFrames(hashed.video?.frames ?? []),
    ]);
    const matches = mergeMatches(byContent, byFrames);
    const unreadable =
      hashed.error !== undefined && (kind === 'image' ? hashed.pdq === undefined : kind === 'video' && hashed.video === undefined);
    const triage = unreadable && triageOf(matches) === 'new' ? 'unreadable' : triageOf(matches);
    let keptPath: string | null = null;
    if (kept !== undefined && mediaStore !== undefined) {
      await mediaStore.put(hashed.sha256!, kept);
      keptPath = hashed.sha256!;
    }
    const hashes = { md5: hashed.md5!, sha1: hashed.sha1!, sha256: hashed.sha256!, ...(hashed.pdq !== undefined && { pdq: hashed.pdq }) };
    const record = await this.warc.writeMetadata({
      targetUri: url,
      fields: {
        ...mediaHashMetadata(hashes),
        'media-kind': kind,
        'media-bytes': String(size),
        ...(hashed.quality !== undefined && { 'pdq-quality': String(hashed.quality) }),
        ...(hashed.video !== undefined && {
          'video-duration': hashed.video.durationSeconds.toFixed(3),
          // The reference's vPDQ lines (frameNumber,quality,pdq,timestamp): the evidence names every frame hash.
          vpdq: formatVpdq(hashed.video.frames)
            .split('\n')
            .filter((line) => line !== ''),
        }),
        ...(hashed.error !== undefined && { 'hash-error': hashed.error }),
        triage,
        ...(matches.length > 0 && {
          match: matches
            .slice(0, 20)
            .map((m) => `${m.hashSet.name} #${m.entryId} ${m.matchedOn} d=${m.distance}${m.frame ? ` frame=${m.frame.frameNumber}` : ''}`),
        }),
        kept: keptPath === null ? 'no' : 'encrypted',
      },
      date: fetchedAt,
    });
    const capture: MediaCapture = {
      url,
      pageUrl,
      kind,
      bytes: size,
      ...hashes,
      pdq: hashed.pdq ?? null,
      pdqQuality: hashed.quality ?? null,
      video: hashed.video === undefined ? null : { frames: hashed.video.frames, durationSeconds: hashed.video.durationSeconds },
      triage,
      matches: matches.map((m) => ({
        entryId: m.entryId,
        hashSet: m.hashSet,
        matchedOn: m.matchedOn,
        distance: m.distance,
        labels: m.labels,
        ...(m.frame !== undefined && { frame: m.frame }),
      })),
      keptPath,
      warcFile: this.warcFile,
      warcRecordId: record.recordId,
      warcOffset: record.offset,
      fetchedAt,
    };
    // The row and its frontier item in the same batch: recorded together or fetched again together.
    batch.media.push(capture);
    if (frontierId !== undefined) batch.done.push({ id: frontierId });
    batch.counters.mediaSeen++;
    batch.counters.bytes += size;
    this.#mediaSeen++;
    if (triage === 'known') {
      batch.counters.mediaKnown++;
      this.#mediaKnown++;
      this.#findings.knownMedia.push(capture);
    } else if (triage === 'new') batch.counters.mediaNew++;
    batch.custody.push({ ...this.#custody(keptPath === null ? 'media_hashed' : 'media_kept', url, record), mediaHashes: hashes });
  }

  /** A video's frames against the hash sets' PDQ entries, in the same batches as everything else; per entry, the closest frame. */
  async #matchFrames(frames: readonly VpdqFrame[]): Promise<EntryMatch[]> {
    const distinct = framesForMatching(frames);
    if (distinct.length === 0) return [];
    return bestFrameMatches(distinct, await Promise.all(distinct.map((frame) => this.#matches.match({ pdq: frame.hash }))));
  }

  #custody(
    action: CustodyEntry['action'],
    targetUri: string,
    record: { recordId: string; blockDigest: string; payloadDigest?: string },
  ): Omit<CustodyEntry, 'seq'> {
    return {
      at: new Date().toISOString(),
      operatorId: this.#operator.id,
      operatorName: this.#operator.name,
      agencyId: this.site.ownerAgencyId,
      caseId: this.site.caseId,
      siteId: this.site.id,
      visitId: this.visitId,
      action,
      targetUri,
      warcFile: this.warcFile,
      warcRecordId: record.recordId,
      blockDigest: record.blockDigest,
      payloadDigest: record.payloadDigest ?? null,
    };
  }
}

/**
 * Collects the media hashes of many requests in flight and matches them in one call: one query
 * per hash kind for the whole batch instead of per image.
 */
class MatchBatcher {
  #waiting: { query: MatchQuery; resolve: (matches: EntryMatch[]) => void; reject: (error: unknown) => void }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly matcher: HashMatcher,
    private readonly viewer: Viewer,
    private readonly waitMs = 25,
    private readonly maxBatch = 500,
  ) {}

  match(query: MatchQuery): Promise<EntryMatch[]> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ query, resolve, reject });
      if (this.#waiting.length >= this.maxBatch) this.#run();
      else this.#timer ??= setTimeout(() => this.#run(), this.waitMs);
    });
  }

  #run(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#waiting;
    this.#waiting = [];
    if (batch.length === 0) return;
    this.matcher
      .match(
        systemActor('darkweb crawler'),
        batch.map((w) => w.query),
        { viewer: this.viewer, audit: false },
      )
      .then(
        (results) => batch.forEach((w, i) => w.resolve(results[i] ?? [])),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      );
  }
}

/** Matches by content and by frames together: one per entry, the closer one (an exact match wins). */
function mergeMatches(byContent: readonly EntryMatch[], byFrames: readonly EntryMatch[]): EntryMatch[] {
  const best = new Map<number, EntryMatch>();
  for (const match of [...byContent, ...byFrames]) {
    const known = best.get(match.entryId);
    if (known === undefined || match.distance < known.distance) best.set(match.entryId, match);
  }
  return [...best.values()].sort((a, b) => a.distance - b.distance || a.entryId - b.entryId);
}

function emptyBatch(): CrawlBatch {
  return {
    done: [],
    failed: [],
    pages: [],
    media: [],
    discovered: [],
    accounts: [],
    custody: [],
    counters: { pagesFetched: 0, pagesFailed: 0, challenges: 0, mediaSeen: 0, mediaKnown: 0, mediaNew: 0, bytes: 0, responseMs: 0 },
    memberCount: null,
  };
}

const inlineMediaPattern = /data:(?:image|video)\/[a-z0-9.+-]{1,40};base64,([A-Za-z0-9+/=\s]{16,})/gi;

/**
 * Cuts `data:image/…;base64,…` and `data:video/…` URIs out of a page: the decoded bytes, and the
 * page with each replaced by `data:,vigil-removed-inline-media-N`. Undefined when there is none.
 */
export function takeInlineMedia(html: string): { html: string; media: Buffer[] } | undefined {
  if (!/data:(?:image|video)\//i.test(html)) return undefined;
  const media: Buffer[] = [];
  const stripped = html.replace(inlineMediaPattern, (_whole, base64: string) => {
    media.push(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
    return `data:,vigil-removed-inline-media-${media.length}`;
  });
  return media.length === 0 ? undefined : { html: stripped, media };
}

function looksLikeHtml(body: Buffer): boolean {
  const head = body.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<body');
}
