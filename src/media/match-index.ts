/**
 * Exact near-duplicate search over PDQ hashes (pure): "every stored hash within distance d of this
 * query", with 100% recall, by multi-index hashing (Norouzi, Punjani & Fleet, 2012).
 *
 *   const index = PdqIndex.fromEntries(ids, words); // ids: Uint32Array, words: 8 per id
 *   index.query(hash, 31)                           // [{ id, distance }] by distance, then id
 *   index.queryAll8(dihedralHashes, 31)             // [{ id, distance, variant }] by distance, then id
 *
 * Data. Stored hashes live in flat typed arrays sorted by id: `ids` (n) and `words` (8n), with a
 * tombstone byte per row. An id holds one hash: adding an id again replaces its hash. Incremental
 * adds go to a small delta buffer that every query scans; when it fills (or a quarter of the rows
 * are tombstones) everything is rebuilt in one pass, as `addMany` and `fromEntries` do. A rebuild
 * is synchronous (about 5 s for 10 million hashes on the project's VM): batch adds with `addMany`.
 *
 * Chunk tables. The 256 bits are cut into m chunks of 8..24 bits, m ≈ 256 / log2 n so that a chunk
 * value selects about one stored hash (m = 11 at 10 million, 13 at 1 million). Per chunk, one
 * Uint32Array slot per chunk value holds nothing, the one row with that value, or the position of a
 * list (length, rows…) in an overflow Uint32Array: one random read per probe, a second only for
 * values shared by several rows. Memory ≈ 32n (hashes) + 4n (ids) + n + m · (4 · 2^bits + ~4n).
 *
 * Search. If distance(x, q) ≤ d with d = s·m + a (0 ≤ a < m), then x is within s bits of q on one
 * of any a+1 chosen chunks, or within s−1 bits on one of the others (else the distance would be at
 * least (a+1)(s+1) + (m−a−1)s = d+1). So a query probes every value within that radius on each chunk
 * and verifies each candidate by full Hamming distance. A row found under chunk k is reported only
 * if no earlier chunk would have found it too, which de-duplicates without a "seen" array (only
 * matches, never the bulk of candidates, pay for that check).
 *
 * Crossover. Probing costs about `probeNs` per probed value plus `candidateNs` per candidate (random
 * reads); a scan costs `scanNs` per stored hash (sequential). A query probes when its estimate
 * (candidates ≈ probes · n / 2^bits) is below the scan's, and still scans if the exact candidate
 * count, known after the cheap first pass (and larger on clustered data), makes probing dearer.
 * Measured on the project's 2-core VM: at 10 million hashes a query at d = 31 probes 2,866 values
 * and verifies ~2,900 candidates (~0.4 ms) where a scan takes ~100 ms; the index is used up to
 * d = 68 (1 million hashes: up to d = 64). `explain(d)` shows the plan for an index.
 */
import { pdqBits, pdqWordCount, popcount32, type PdqHash } from './pdq-hash.js';

/** One stored hash within the threshold. */
export interface PdqMatch {
  id: number;
  distance: number;
}

/** The closest of several query variants that matched one stored hash. */
export interface PdqVariantMatch extends PdqMatch {
  /** Index of the query variant that matched at `distance` (the lowest, on ties). */
  variant: number;
}

/** Flat arrays of entries: `ids[i]` owns `words[8i .. 8i+7]`. */
export interface PdqEntries {
  ids: Uint32Array;
  words: Uint32Array;
}

/** How a query finds candidates: `auto` picks the cheaper of `index` (probe chunks) and `scan`. */
export type PdqQueryStrategy = 'auto' | 'index' | 'scan';

export interface PdqIndexOptions {
  /** Number of chunks (11..32); by default chosen from the size at each rebuild. */
  chunkCount?: number;
  /** Below this many stored hashes there are no chunk tables and queries scan (default 8192). */
  indexThreshold?: number;
  /** Incremental adds buffered before a rebuild (default n/64, clamped to 1024..8192). */
  deltaLimit?: number;
}

/** What a query at one threshold starts from (before it sees its actual candidate count). */
export interface PdqQueryPlan {
  strategy: 'index' | 'scan';
  chunkBits: number[];
  /** Probe radius per chunk; −1: the chunk is not probed. */
  radii: number[];
  probes: number;
  estimatedCandidates: number;
  estimatedIndexNs: number;
  estimatedScanNs: number;
}

export interface PdqIndexStats {
  size: number;
  /** Rows in the main arrays, tombstones included. */
  rows: number;
  tombstones: number;
  delta: number;
  chunkBits: number[];
  /** Bytes held in typed arrays: hashes, ids, chunk tables, delta buffer, query scratch. */
  bytes: number;
}

/** Cost model in nanoseconds, fitted on this project's 2-core VM (bench/match-index.bench.ts). */
const scanNs = 10;
const probeNs = 30;
const candidateNs = 80;

/** Slot values: below `listFlag` a row; `listFlag + i` a list at overflow[i] (length, then rows). */
const listFlag = 0x80000000;
const emptySlot = 0xffffffff;
/** Rows, and so overflow positions (at most 1.5 per row), stay below `listFlag`. */
const maxRows = 2 ** 30;

const minChunks = 11;
const maxChunks = 32;
const minDeltaLimit = 1024;
const maxDeltaLimit = 8192;

/** Reference answer for tests and benchmarks: every entry within `maxDistance`, by distance then id. */
export function bruteForce(hashes: PdqEntries, query: PdqHash, maxDistance: number): PdqMatch[] {
  const { ids, words } = hashes;
  const matches: PdqMatch[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    let distance = 0;
    for (let w = 0; w < pdqWordCount; w += 1) distance += popcount32(words[i * pdqWordCount + w]! ^ query[w]!);
    if (distance <= maxDistance) matches.push({ id: ids[i]!, distance });
  }
  return matches.sort(byDistanceThenId);
}

/** In-memory exact PDQ match index; see the module comment for the layout and the search. */
export class PdqIndex {
  readonly #chunkCount: number | undefined;
  readonly #indexThreshold: number;
  readonly #fixedDeltaLimit: number | undefined;

  // Main rows, sorted by id (unique); tombstoned rows stay until the next rebuild.
  #ids = new Uint32Array(0);
  #words = new Uint32Array(0);
  #dead = new Uint8Array(0);
  #deadCount = 0;

  // Chunk tables over the main rows (none below the index threshold).
  #chunkBits: number[] = [];
  #chunkStart: number[] = [];
  #slots: Uint32Array[] = [];
  #overflow: Uint32Array[] = [];
  #plans: (PdqQueryPlan | undefined)[] = [];

  // Delta buffer of incremental adds (capacity doubles), scanned by every query.
  #deltaIds = new Uint32Array(64);
  #deltaWords = new Uint32Array(64 * pdqWordCount);
  #deltaCount = 0;
  readonly #deltaRow = new Map<number, number>();

  // Query scratch, grown on demand.
  #lists = new Uint32Array(1024);
  #candidates = new Uint32Array(4096);
  #gathered = new Uint32Array(4096 * pdqWordCount);
  readonly #queryKeys = new Uint32Array(maxChunks);
  readonly #chunkEnd = new Uint32Array(maxChunks);

  constructor(options: PdqIndexOptions = {}) {
    const { chunkCount, indexThreshold = 8192, deltaLimit } = options;
    if (chunkCount !== undefined && !(Number.isInteger(chunkCount) && chunkCount >= minChunks && chunkCount <= maxChunks)) {
      throw new RangeError(`chunkCount must be an integer from ${minChunks} to ${maxChunks}, got ${chunkCount}`);
    }
    if (!(Number.isInteger(indexThreshold) && indexThreshold >= 0))
      throw new RangeError(`indexThreshold must be ≥ 0, got ${indexThreshold}`);
    if (deltaLimit !== undefined && !(Number.isInteger(deltaLimit) && deltaLimit >= 1)) {
      throw new RangeError(`deltaLimit must be a positive integer, got ${deltaLimit}`);
    }
    this.#chunkCount = chunkCount;
    this.#indexThreshold = indexThreshold;
    this.#fixedDeltaLimit = deltaLimit;
  }

  /** An index over flat arrays, built in one pass (ids in any order; a repeated id keeps its last hash). */
  static fromEntries(ids: Uint32Array, words: Uint32Array, options?: PdqIndexOptions): PdqIndex {
    const index = new PdqIndex(options);
    index.addMany(ids, words);
    return index;
  }

  /** Number of ids stored. */
  get size(): number {
    return this.#ids.length - this.#deadCount + this.#deltaCount;
  }

  /** Stores `hash` under `id` (a uint32), replacing any hash the id had. */
  add(id: number, hash: PdqHash): void {
    checkId(id);
    checkHash(hash);
    const existing = this.#deltaRow.get(id);
    if (existing !== undefined) {
      this.#deltaWords.set(hash, existing * pdqWordCount);
      return;
    }
    this.#kill(this.#findMainRow(id));
    if (this.#deltaCount === this.#deltaIds.length) {
      this.#deltaIds = grow(this.#deltaIds, this.#deltaCount, this.#deltaCount + 1);
      this.#deltaWords = grow(this.#deltaWords, this.#deltaCount * pdqWordCount, this.#deltaIds.length * pdqWordCount);
    }
    const row = this.#deltaCount;
    this.#deltaIds[row] = id;
    this.#deltaWords.set(hash, row * pdqWordCount);
    this.#deltaRow.set(id, row);
    this.#deltaCount += 1;
    if (this.#deltaCount >= this.#deltaLimit()) this.build();
  }

  /** Stores many entries (`words` holds 8 per id) with one rebuild; a repeated id keeps its last hash. */
  addMany(ids: Uint32Array, words: Uint32Array): void {
    if (words.length !== ids.length * pdqWordCount) {
      throw new RangeError(`addMany: expected ${ids.length * pdqWordCount} words for ${ids.length} ids, got ${words.length}`);
    }
    this.#merge({ ids, words });
    this.#buildTables();
  }

  /** Removes `id`; returns whether it was stored. Other ids with the same hash stay. */
  remove(id: number): boolean {
    const deltaRow = this.#deltaRow.get(id);
    if (deltaRow !== undefined) {
      const last = this.#deltaCount - 1;
      if (deltaRow !== last) {
        const movedId = this.#deltaIds[last]!;
        this.#deltaIds[deltaRow] = movedId;
        this.#deltaWords.copyWithin(deltaRow * pdqWordCount, last * pdqWordCount, (last + 1) * pdqWordCount);
        this.#deltaRow.set(movedId, deltaRow);
      }
      this.#deltaRow.delete(id);
      this.#deltaCount = last;
      return true;
    }
    if (!this.#kill(this.#findMainRow(id))) return false;
    if (this.#deadCount >= minDeltaLimit && this.#deadCount * 4 >= this.#ids.length) this.build();
    return true;
  }

  /** Whether `id` is stored. */
  has(id: number): boolean {
    if (this.#deltaRow.has(id)) return true;
    const row = this.#findMainRow(id);
    return row >= 0 && this.#dead[row] === 0;
  }

  /** Merges the delta buffer and drops tombstones now (otherwise done when they grow). */
  build(): void {
    this.#merge(undefined);
    this.#buildTables();
  }

  /** Every stored hash within `maxDistance` (0..256) of `hash`, by distance then id. */
  query(hash: PdqHash, maxDistance: number, options: { strategy?: PdqQueryStrategy } = {}): PdqMatch[] {
    checkHash(hash);
    const d = checkDistance(maxDistance);
    const hits = new Hits();
    this.#queryInto(hash, d, options.strategy ?? 'auto', hits, 0);
    const matches: PdqMatch[] = [];
    for (let i = 0; i < hits.ids.length; i += 1) matches.push({ id: hits.ids[i]!, distance: hits.distances[i]! });
    return matches.sort(byDistanceThenId);
  }

  /**
   * Matches any of an image's 8 dihedral variants (`pdqDihedral`): per stored id, the closest
   * variant within `maxDistance`, by distance then id.
   */
  queryAll8(dihedralHashes: readonly PdqHash[], maxDistance: number, options: { strategy?: PdqQueryStrategy } = {}): PdqVariantMatch[] {
    if (dihedralHashes.length !== 8) throw new RangeError(`queryAll8: expected 8 hashes, got ${dihedralHashes.length}`);
    for (const hash of dihedralHashes) checkHash(hash);
    const d = checkDistance(maxDistance);
    const hits = new Hits();
    for (let v = 0; v < 8; v += 1) this.#queryInto(dihedralHashes[v]!, d, options.strategy ?? 'auto', hits, v);
    const best = new Map<number, PdqVariantMatch>();
    for (let i = 0; i < hits.ids.length; i += 1) {
      const id = hits.ids[i]!;
      const distance = hits.distances[i]!;
      const variant = hits.variants[i]!;
      const seen = best.get(id);
      if (seen === undefined) best.set(id, { id, distance, variant });
      else if (distance < seen.distance || (distance === seen.distance && variant < seen.variant)) {
        seen.distance = distance;
        seen.variant = variant;
      }
    }
    return [...best.values()].sort(byDistanceThenId);
  }

  /** The plan a query at `maxDistance` starts from: chunk radii and estimated costs. */
  explain(maxDistance: number): PdqQueryPlan {
    const d = checkDistance(maxDistance);
    let plan = this.#plans[d];
    if (plan === undefined) {
      plan = this.#plan(d);
      this.#plans[d] = plan;
    }
    return plan;
  }

  /** Sizes and memory, for benchmarks and diagnostics. */
  stats(): PdqIndexStats {
    const arrays = [this.#ids, this.#words, this.#dead, this.#deltaIds, this.#deltaWords, this.#lists, this.#candidates, this.#gathered];
    let bytes = 0;
    for (const array of [...arrays, ...this.#slots, ...this.#overflow]) bytes += array.byteLength;
    return {
      size: this.size,
      rows: this.#ids.length,
      tombstones: this.#deadCount,
      delta: this.#deltaCount,
      chunkBits: [...this.#chunkBits],
      bytes,
    };
  }

  #deltaLimit(): number {
    return this.#fixedDeltaLimit ?? Math.min(maxDeltaLimit, Math.max(minDeltaLimit, Math.floor(this.#ids.length / 64)));
  }

  /** Binary search of the sorted main ids; −1 when absent. */
  #findMainRow(id: number): number {
    const ids = this.#ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = ids[mid]!;
      if (value < id) lo = mid + 1;
      else if (value > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Tombstones a live main row; returns whether it was one. */
  #kill(row: number): boolean {
    if (row < 0 || this.#dead[row] !== 0) return false;
    this.#dead[row] = 1;
    this.#deadCount += 1;
    return true;
  }

  #plan(d: number): PdqQueryPlan {
    const n = this.#ids.length;
    const chunkBits = this.#chunkBits;
    const m = chunkBits.length;
    // The delta buffer is scanned either way, so it is left out of both estimates.
    const estimatedScanNs = n * scanNs;
    if (m === 0) {
      return { strategy: 'scan', chunkBits: [], radii: [], probes: 0, estimatedCandidates: 0, estimatedIndexNs: Infinity, estimatedScanNs };
    }
    const s = Math.floor(d / m);
    const a = d - s * m;
    // The a+1 chunks probed at radius s (the others at s−1) are those where the extra radius costs least.
    const extraCost = (c: number): number => binomial(chunkBits[c]!, s) * (probeNs + (candidateNs * n) / 2 ** chunkBits[c]!);
    const order = chunkBits.map((_, c) => c).sort((x, y) => extraCost(x) - extraCost(y) || x - y);
    const radii = new Array<number>(m).fill(s - 1);
    for (let i = 0; i <= a; i += 1) radii[order[i]!] = s;
    let probes = 0;
    let estimatedCandidates = 0;
    for (let c = 0; c < m; c += 1) {
      const ball = ballSize(chunkBits[c]!, radii[c]!);
      probes += ball;
      estimatedCandidates += (ball * n) / 2 ** chunkBits[c]!;
    }
    const estimatedIndexNs = probes * probeNs + estimatedCandidates * candidateNs;
    const strategy = estimatedIndexNs < estimatedScanNs ? 'index' : 'scan';
    return { strategy, chunkBits: [...chunkBits], radii, probes, estimatedCandidates, estimatedIndexNs, estimatedScanNs };
  }

  #queryInto(query: PdqHash, d: number, strategy: PdqQueryStrategy, hits: Hits, variant: number): void {
    const plan = this.explain(d);
    const useIndex = plan.chunkBits.length > 0 && (strategy === 'index' || (strategy === 'auto' && plan.strategy === 'index'));
    if (!useIndex || !this.#probe(query, d, plan, strategy === 'index', hits, variant)) {
      scanRows(this.#words, this.#ids.length, query, d, (row, distance) => {
        if (this.#dead[row] === 0) hits.push(this.#ids[row]!, distance, variant);
      });
    }
    if (this.#deltaCount > 0) {
      scanRows(this.#deltaWords, this.#deltaCount, query, d, (row, distance) => hits.push(this.#deltaIds[row]!, distance, variant));
    }
  }

  /**
   * Probes the chunk tables and verifies the candidates; returns false, having reported nothing, when
   * the actual candidate count makes a scan cheaper (unless the caller forced the index).
   *
   * Random reads, not arithmetic, are the cost of a query, so the work is split into passes over
   * scratch arrays whose reads do not depend on one another, letting the CPU overlap them: slots,
   * then overflow lists, then the candidates' hashes (copied together), then the distances.
   */
  #probe(query: PdqHash, d: number, plan: PdqQueryPlan, forced: boolean, hits: Hits, variant: number): boolean {
    const { radii, chunkBits } = plan;
    const m = chunkBits.length;
    const keys = this.#queryKeys;
    const chunkEnd = this.#chunkEnd;
    let rows = this.#candidates;
    let lists = this.#lists;
    let nc = 0;
    for (let c = 0; c < m; c += 1) {
      const radius = radii[c]!;
      if (radius >= 0) {
        const bits = chunkBits[c]!;
        const key = chunkKey(query, 0, this.#chunkStart[c]!, bits);
        keys[c] = key;
        const masks = flipMasks(bits, radius);
        if (rows.length < nc + masks.length) rows = this.#candidates = grow(rows, nc, nc + masks.length);
        if (lists.length < masks.length) lists = this.#lists = grow(lists, 0, masks.length);
        // Pass 1: the slot of every value within the radius: a row, nothing, or a list.
        const slots = this.#slots[c]!;
        let nl = 0;
        for (let i = 0; i < masks.length; i += 1) {
          const slot = slots[key ^ masks[i]!]!;
          if (slot < listFlag) rows[nc++] = slot;
          else if (slot !== emptySlot) lists[nl++] = slot - listFlag;
        }
        // Pass 2: the rows of the lists.
        const overflow = this.#overflow[c]!;
        for (let i = 0; i < nl; i += 1) {
          const at = lists[i]!;
          const count = overflow[at]!;
          if (rows.length < nc + count) rows = this.#candidates = grow(rows, nc, nc + count);
          rows.set(overflow.subarray(at + 1, at + 1 + count), nc);
          nc += count;
        }
      }
      chunkEnd[c] = nc;
    }
    if (!forced && plan.probes * probeNs + nc * candidateNs > plan.estimatedScanNs) return false;

    // Pass 3: the candidates' hashes, copied side by side.
    const words = this.#words;
    let gathered = this.#gathered;
    if (gathered.length < nc * pdqWordCount) gathered = this.#gathered = grow(gathered, 0, nc * pdqWordCount);
    for (let j = 0, g = 0; j < nc; j += 1, g += 8) {
      const o = rows[j]! * 8;
      gathered[g] = words[o]!;
      gathered[g + 1] = words[o + 1]!;
      gathered[g + 2] = words[o + 2]!;
      gathered[g + 3] = words[o + 3]!;
      gathered[g + 4] = words[o + 4]!;
      gathered[g + 5] = words[o + 5]!;
      gathered[g + 6] = words[o + 6]!;
      gathered[g + 7] = words[o + 7]!;
    }

    // Pass 4: full distances; each live row reported under the first chunk that finds it.
    const dead = this.#dead;
    const ids = this.#ids;
    let j = 0;
    for (let c = 0; c < m; c += 1) {
      const stop = chunkEnd[c]!;
      scanRows(
        gathered,
        stop,
        query,
        d,
        (k, distance) => {
          const row = rows[k]!;
          if (dead[row] === 0 && !this.#foundEarlier(row * pdqWordCount, c, radii, chunkBits)) hits.push(ids[row]!, distance, variant);
        },
        j,
      );
      j = stop;
    }
    return true;
  }

  /** Whether the row at word `o` is within the radius of the query on a chunk probed before `c`. */
  #foundEarlier(o: number, c: number, radii: readonly number[], chunkBits: readonly number[]): boolean {
    for (let k = 0; k < c; k += 1) {
      const radius = radii[k]!;
      if (radius < 0) continue;
      if (popcount32(chunkKey(this.#words, o, this.#chunkStart[k]!, chunkBits[k]!) ^ this.#queryKeys[k]!) <= radius) return true;
    }
    return false;
  }

  /** Merges the live main rows, the delta buffer and an optional batch into new arrays sorted by id. */
  #merge(batch: PdqEntries | undefined): void {
    const mainIds = this.#ids;
    const mainWords = this.#words;
    const mainDead = this.#dead;
    const deltaIds = this.#deltaIds;
    const deltaWords = this.#deltaWords;
    const deltaCount = this.#deltaCount;
    // The old tables are derived data: dropping them first keeps the peak memory down.
    this.#slots = [];
    this.#overflow = [];
    this.#plans = [];

    const live = new Uint32Array(mainIds.length - this.#deadCount);
    for (let row = 0, j = 0; row < mainIds.length; row += 1) if (mainDead[row] === 0) live[j++] = row;
    // Sources in precedence order (main, delta, batch); after a stable sort the last of equal ids wins.
    const deltaBase = live.length;
    const batchBase = deltaBase + deltaCount;
    const total = batchBase + (batch?.ids.length ?? 0);
    const combined = new Uint32Array(total);
    for (let i = 0; i < live.length; i += 1) combined[i] = mainIds[live[i]!]!;
    combined.set(deltaIds.subarray(0, deltaCount), deltaBase);
    if (batch !== undefined) combined.set(batch.ids, batchBase);
    const order = stableSortOrder(combined);
    let kept = 0;
    for (let i = 0; i < total; i += 1) {
      const source = order[i]!;
      if (i + 1 < total && combined[order[i + 1]!] === combined[source]) continue;
      order[kept++] = source;
    }
    if (kept > maxRows) throw new RangeError(`PdqIndex holds at most ${maxRows} hashes, got ${kept}`);

    const ids = new Uint32Array(kept);
    const words = new Uint32Array(kept * pdqWordCount);
    for (let row = 0; row < kept; row += 1) {
      const source = order[row]!;
      ids[row] = combined[source]!;
      const from = source < deltaBase ? mainWords : source < batchBase ? deltaWords : batch!.words;
      const at = (source < deltaBase ? live[source]! : source < batchBase ? source - deltaBase : source - batchBase) * pdqWordCount;
      for (let w = 0, o = row * pdqWordCount; w < pdqWordCount; w += 1) words[o + w] = from[at + w]!;
    }
    this.#ids = ids;
    this.#words = words;
    this.#dead = new Uint8Array(kept);
    this.#deadCount = 0;
    this.#deltaCount = 0;
    this.#deltaRow.clear();
    if (deltaIds.length > 256) {
      this.#deltaIds = new Uint32Array(64);
      this.#deltaWords = new Uint32Array(64 * pdqWordCount);
    }
  }

  /** Builds the chunk tables over the main rows: per chunk, rows sorted by chunk value, then laid out in value order. */
  #buildTables(): void {
    const n = this.#ids.length;
    const m = n < this.#indexThreshold ? 0 : (this.#chunkCount ?? chunkCountFor(n));
    this.#chunkBits = [];
    this.#chunkStart = [];
    for (let c = 0, start = 0; c < m; c += 1) {
      const bits = Math.floor(pdqBits / m) + (c < pdqBits % m ? 1 : 0);
      this.#chunkBits.push(bits);
      this.#chunkStart.push(start);
      start += bits;
    }
    if (m === 0) return;
    const words = this.#words;
    const sorter = new KeySorter(n);
    for (let c = 0; c < m; c += 1) {
      const bits = this.#chunkBits[c]!;
      const start = this.#chunkStart[c]!;
      const keys = sorter.keys;
      for (let row = 0, o = 0; row < n; row += 1, o += pdqWordCount) keys[row] = chunkKey(words, o, start, bits);
      const rows = sorter.sort(bits);
      // Runs of equal values: one row goes in its slot, longer runs become overflow lists.
      let listed = 0;
      for (let i = 0; i < n;) {
        const j = runEnd(keys, i);
        if (j - i > 1) listed += j - i + 1;
        i = j;
      }
      const slots = new Uint32Array(2 ** bits).fill(emptySlot);
      const overflow = new Uint32Array(listed);
      for (let i = 0, next = 0; i < n;) {
        const j = runEnd(keys, i);
        if (j - i === 1) slots[keys[i]!] = rows[i]!;
        else {
          slots[keys[i]!] = listFlag + next;
          overflow[next] = j - i;
          overflow.set(rows.subarray(i, j), next + 1);
          next += j - i + 1;
        }
        i = j;
      }
      this.#slots.push(slots);
      this.#overflow.push(overflow);
    }
  }
}

/**
 * Sorts rows by a key of up to 24 bits: two stable counting-sort passes of at most 12 bits each,
 * whose reads and writes stay sequential (random writes into a large table were 5× slower).
 */
class KeySorter {
  /** Input: the key of each row; after `sort`, the keys in sorted order. */
  readonly keys: Uint32Array;
  readonly #rows: Uint32Array;
  readonly #tempKeys: Uint32Array;
  readonly #tempRows: Uint32Array;
  readonly #counts = new Uint32Array(4096);

  constructor(n: number) {
    this.keys = new Uint32Array(n);
    this.#rows = new Uint32Array(n);
    this.#tempKeys = new Uint32Array(n);
    this.#tempRows = new Uint32Array(n);
  }

  /** Returns the rows ordered by key (ties by row), and leaves `keys` sorted to match. */
  sort(bits: number): Uint32Array {
    const low = bits >>> 1;
    const keys = this.keys;
    const tempKeys = this.#tempKeys;
    const tempRows = this.#tempRows;
    const counts = this.#counts;
    const n = keys.length;
    // Pass 1, by the low digit, from rows in order.
    const lowMask = (1 << low) - 1;
    this.#prefixSums((i) => keys[i]! & lowMask, 1 << low);
    for (let row = 0; row < n; row += 1) {
      const key = keys[row]!;
      const at = counts[key & lowMask]!;
      counts[key & lowMask] = at + 1;
      tempKeys[at] = key;
      tempRows[at] = row;
    }
    // Pass 2, by the high digit, back into `keys`.
    const rows = this.#rows;
    this.#prefixSums((i) => tempKeys[i]! >>> low, 1 << (bits - low));
    for (let i = 0; i < n; i += 1) {
      const key = tempKeys[i]!;
      const at = counts[key >>> low]!;
      counts[key >>> low] = at + 1;
      keys[at] = key;
      rows[at] = tempRows[i]!;
    }
    return rows;
  }

  /** Sets counts[d] to the number of items whose digit is below d. */
  #prefixSums(digit: (i: number) => number, digits: number): void {
    const counts = this.#counts;
    counts.fill(0);
    for (let i = 0; i < this.keys.length; i += 1) {
      const d = digit(i);
      counts[d] = counts[d]! + 1;
    }
    for (let d = 0, sum = 0; d < digits; d += 1) {
      const count = counts[d]!;
      counts[d] = sum;
      sum += count;
    }
  }
}

/** End of the run of equal values starting at `i`. */
function runEnd(keys: Uint32Array, i: number): number {
  const key = keys[i]!;
  let j = i + 1;
  while (j < keys.length && keys[j] === key) j += 1;
  return j;
}

/** Matches collected by a query, as parallel arrays. */
class Hits {
  readonly ids: number[] = [];
  readonly distances: number[] = [];
  readonly variants: number[] = [];

  push(id: number, distance: number, variant: number): void {
    this.ids.push(id);
    this.distances.push(distance);
    this.variants.push(variant);
  }
}

function byDistanceThenId(a: PdqMatch, b: PdqMatch): number {
  return a.distance - b.distance || a.id - b.id;
}

/** Chunks for n stored hashes: chunk values of about log2 n bits (8..24). */
function chunkCountFor(n: number): number {
  return Math.min(maxChunks, Math.max(minChunks, Math.round(pdqBits / Math.log2(n))));
}

/** Bits [start, start + width) of the hash at words[base..base+7], first bit most significant (width 1..32). */
function chunkKey(words: Uint32Array, base: number, start: number, width: number): number {
  const i = base + (start >>> 5);
  const shift = start & 31;
  let value = words[i]! << shift;
  if (shift + width > 32) value |= words[i + 1]! >>> (32 - shift);
  return value >>> (32 - width);
}

/** Calls `report(row, distance)` for rows `from..count-1` of `words` within `d` of `query`: the tight loop. */
function scanRows(
  words: Uint32Array,
  count: number,
  query: PdqHash,
  d: number,
  report: (row: number, distance: number) => void,
  from = 0,
): void {
  const q0 = query[0]!;
  const q1 = query[1]!;
  const q2 = query[2]!;
  const q3 = query[3]!;
  const q4 = query[4]!;
  const q5 = query[5]!;
  const q6 = query[6]!;
  const q7 = query[7]!;
  for (let row = from, o = from * 8; row < count; row += 1, o += 8) {
    const distance =
      popcount32(words[o]! ^ q0) +
      popcount32(words[o + 1]! ^ q1) +
      popcount32(words[o + 2]! ^ q2) +
      popcount32(words[o + 3]! ^ q3) +
      popcount32(words[o + 4]! ^ q4) +
      popcount32(words[o + 5]! ^ q5) +
      popcount32(words[o + 6]! ^ q6) +
      popcount32(words[o + 7]! ^ q7);
    if (distance <= d) report(row, distance);
  }
}

const binomials: number[][] = [];
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let row = binomials[n];
  if (row === undefined) {
    row = [1];
    for (let i = 1; i <= n; i += 1) row.push((row[i - 1]! * (n - i + 1)) / i);
    binomials[n] = row;
  }
  return row[k]!;
}

/** Number of values within `radius` bits of a `bits`-bit value: Σ C(bits, i) for i ≤ radius. */
function ballSize(bits: number, radius: number): number {
  let size = 0;
  for (let i = 0; i <= Math.min(radius, bits); i += 1) size += binomial(bits, i);
  return size;
}

const maskCache = new Map<number, Uint32Array>();
/** Every XOR mask of at most `radius` set bits among the low `bits` bits (cached when small). */
function flipMasks(bits: number, radius: number): Uint32Array {
  const cacheKey = bits * 64 + radius;
  const cached = maskCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const masks = new Uint32Array(ballSize(bits, radius));
  let n = 1; // masks[0] = 0: the value itself
  const extend = (from: number, depth: number, mask: number): void => {
    for (let i = from; i < bits; i += 1) {
      const next = (mask | (1 << i)) >>> 0;
      masks[n++] = next;
      if (depth + 1 < radius) extend(i + 1, depth + 1, next);
    }
  };
  if (radius > 0) extend(0, 0, 0);
  if (masks.length <= 1 << 16) maskCache.set(cacheKey, masks);
  return masks;
}

/** A larger copy of `array` (at least `needed` long) keeping its first `used` values. */
function grow(array: Uint32Array, used: number, needed: number): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(Math.max(array.length * 2, needed));
  grown.set(array.subarray(0, used));
  return grown;
}

/** Stable order of `keys` by value (LSD radix sort, 2 × 16 bits); identity when already sorted. */
function stableSortOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let from: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) from[i] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i += 1) sorted = keys[i - 1]! <= keys[i]!;
  if (sorted) return from;
  let to: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i += 1) {
      const bucket = (keys[i]! >>> shift) & 0xffff;
      counts[bucket] = counts[bucket]! + 1;
    }
    for (let v = 0, sum = 0; v < 65536; v += 1) {
      const count = counts[v]!;
      counts[v] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i += 1) {
      const index = from[i]!;
      const bucket = (keys[index]! >>> shift) & 0xffff;
      const at = counts[bucket]!;
      to[at] = index;
      counts[bucket] = at + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}

function checkId(id: number): void {
  if (!(Number.isInteger(id) && id >= 0 && id <= 0xffffffff)) throw new RangeError(`PdqIndex id must be a uint32, got ${id}`);
}

function checkHash(hash: PdqHash): void {
  if (!(hash instanceof Uint32Array && hash.length === pdqWordCount)) throw new TypeError('expected a PdqHash (8 uint32 words)');
}

function checkDistance(maxDistance: number): number {
  if (!(Number.isInteger(maxDistance) && maxDistance >= 0))
    throw new RangeError(`maxDistance must be a non-negative integer, got ${maxDistance}`);
  return Math.min(maxDistance, pdqBits);
}
