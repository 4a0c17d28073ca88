/**
 * Matching hashes against the hash sets an agency may see: MD5, SHA-1 and SHA-256 exactly (SQL),
 * PDQ within a distance (the in-memory index, shared by every request of the process and reloaded
 * when another process changes the sets).
 *
 *   const [matches] = await matcher.match(actor, [{ pdq: 'd8f8…' }]);
 */
import type { Actor } from '../platform/access/actor.js';
import { hasAnyRole, requireMember } from '../platform/access/actor.js';
import type { Role } from '../platform/access/roles.js';
import { viewerOf, type Viewer } from '../platform/access/visibility.js';
import { forbidden, invalid, type FieldError } from '../platform/errors.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { HashSetEntry } from './hashsets/formats/entry.js';
import { type HashSetRepository, type ExactKind, type HashSetRef, type StoredEntry } from './hashsets/hashset.repository.js';
import { PdqIndex } from './match-index.js';
import { isPdqHex, pdqFromHex } from './pdq-hash.js';

/** Meta's threshold: a PDQ match is distance ≤ 31 of 256. */
export const defaultPdqDistance = 31;
/** Hashes of lower quality say too little to match on. */
export const minPdqQuality = 50;
/** Roles that may match and read hash-set labels. */
export const matchRoles: readonly Role[] = ['analyst', 'investigator'];

export interface MatchQuery {
  md5?: string;
  sha1?: string;
  sha256?: string;
  pdq?: string;
  /** The other 7 dihedral variants of `pdq` (from `vigil hash --dihedral`), to find rotated and flipped copies. */
  pdqVariants?: string[];
}

export interface EntryMatch {
  entryId: number;
  hashSet: Pick<HashSetRef, 'id' | 'name' | 'purpose'>;
  matchedOn: ExactKind | 'pdq';
  /** 0 for exact hashes; the Hamming distance for PDQ. */
  distance: number;
  /** For PDQ: which variant matched (0 = as given, 1..7 = rot90 … flipminus1). */
  variant?: number;
  /** For a video: the frame whose PDQ matched an image entry (a still taken from known material). */
  frame?: { frameNumber: number; timestamp: number };
  labels: Omit<HashSetEntry, 'md5' | 'sha1' | 'sha256' | 'pdq' | 'pdqQuality' | 'photoDna'>;
  hashes: Pick<HashSetEntry, 'md5' | 'sha1' | 'sha256' | 'pdq'>;
}

export const maxQueriesPerRequest = 10_000;
const versionCheckMs = 1000;

/** The process's PDQ index over every hash-set entry, whichever agency owns it (visibility is applied after). */
export class PdqIndexHolder {
  #index: PdqIndex | undefined;
  #version = -1;
  #checkedAt = 0;
  #loading: Promise<PdqIndex> | undefined;

  constructor(private readonly repository: HashSetRepository) {}

  /** The current index, loaded on first use and reloaded when another process changed the sets. */
  async get(): Promise<PdqIndex> {
    const now = Date.now();
    if (this.#index !== undefined && now - this.#checkedAt < versionCheckMs) return this.#index;
    this.#checkedAt = now;
    const version = await this.repository.pdqVersion();
    if (this.#index !== undefined && version === this.#version) return this.#index;
    this.#loading ??= this.#load(version).finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  /** Applies this process's own change; if others changed the sets meanwhile, the next use reloads. */
  applied(change: { added?: readonly { id: number; pdq: string }[]; removed?: readonly number[] }, before: number, after: number): void {
    if (this.#index === undefined || this.#version !== before) {
      this.#checkedAt = 0;
      return;
    }
    const added = change.added ?? [];
    if (added.length > 0) {
      const words = new Uint32Array(added.length * 8);
      added.forEach(({ pdq }, i) => words.set(pdqFromHex(pdq), i * 8));
      this.#index.addMany(Uint32Array.from(added.map((entry) => entry.id)), words);
    }
    for (const id of change.removed ?? []) this.#index.remove(id);
    this.#version = after;
  }

  get size(): number {
    return this.#index?.size ?? 0;
  }

  async #load(version: number): Promise<PdqIndex> {
    const ids: number[] = [];
    const chunks: Uint32Array[] = [];
    for await (const batch of this.repository.allPdq()) {
      const words = new Uint32Array(batch.length * 8);
      batch.forEach((entry, i) => {
        ids.push(entry.id);
        words.set(pdqFromHex(entry.pdq), i * 8);
      });
      chunks.push(words);
    }
    const all = new Uint32Array(ids.length * 8);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    this.#index = PdqIndex.fromEntries(Uint32Array.from(ids), all);
    this.#version = version;
    return this.#index;
  }
}

export class MatchService {
  constructor(
    private readonly repository: HashSetRepository,
    private readonly index: PdqIndexHolder,
    private readonly audit: AuditService,
  ) {}

  /** Matches for each query, in order; audited as one lookup. */
  /** Loads the PDQ index now (the server calls this at start), returning how many hashes it holds. */
  async warm(): Promise<number> {
    return (await this.index.get()).size;
  }

  /**
   * `viewer` lets an internal caller (an ingest run at the CLI for a case) match as the agency it
   * works for rather than as the local operator.
   */
  async match(
    actor: Actor,
    queries: readonly MatchQuery[],
    options: { maxDistance?: number; audit?: boolean; viewer?: Viewer } = {},
  ): Promise<EntryMatch[][]> {
    if (actor.type !== 'system') requireMember(actor);
    if (!hasAnyRole(actor, matchRoles)) throw forbidden(`Matching needs one of the roles: ${matchRoles.join(', ')}`);
    const maxDistance = options.maxDistance ?? defaultPdqDistance;
    validateQueries(queries, maxDistance);
    const viewer = options.viewer ?? viewerOf(actor);
    const results: EntryMatch[][] = queries.map(() => []);

    const exactKinds = ['md5', 'sha1', 'sha256'] as const;
    const wanted = Object.fromEntries(exactKinds.map((kind) => [kind, queries.map((q) => q[kind]?.toLowerCase())])) as Record<
      ExactKind,
      (string | undefined)[]
    >;
    const found = await this.repository.findExact(viewer, {
      md5: wanted.md5.filter((v): v is string => v !== undefined),
      sha1: wanted.sha1.filter((v): v is string => v !== undefined),
      sha256: wanted.sha256.filter((v): v is string => v !== undefined),
    });
    for (const kind of exactKinds) {
      const byHash = groupBy(
        found.filter((entry) => entry[kind] !== undefined),
        (entry) => entry[kind]!,
      );
      wanted[kind].forEach((value, i) => {
        for (const entry of value === undefined ? [] : (byHash.get(value) ?? [])) results[i]!.push(toMatch(entry, kind, 0));
      });
    }

    if (queries.some((q) => q.pdq !== undefined)) {
      const index = await this.index.get();
      const hits = queries.map((q) => {
        if (q.pdq === undefined) return [];
        const variants = [q.pdq, ...(q.pdqVariants ?? [])].map((hex) => pdqFromHex(hex.toLowerCase()));
        return variants.length === 1
          ? index.query(variants[0]!, maxDistance).map((m) => ({ ...m, variant: 0 }))
          : index.queryAll8(variants, maxDistance);
      });
      const entries = await this.repository.findVisibleEntries(
        viewer,
        hits.flatMap((h) => h.map((m) => m.id)),
      );
      const byId = new Map(entries.map((e) => [e.id, e]));
      hits.forEach((list, i) => {
        for (const hit of list) {
          const entry = byId.get(hit.id);
          if (entry !== undefined) results[i]!.push({ ...toMatch(entry, 'pdq', hit.distance), variant: hit.variant });
        }
      });
    }
    for (const list of results) list.sort((a, b) => a.distance - b.distance || a.entryId - b.entryId);
    if (options.audit !== false) {
      await this.audit.record(actor, {
        action: 'media.match',
        outcome: 'success',
        recordType: 'hash_set_entry',
        details: { queries: queries.length, matched: results.filter((r) => r.length > 0).length },
      });
    }
    return results;
  }

  /**
   * Each distinct video frame of quality ≥ 50 against the image entries, keeping per entry the
   * closest frame: a video containing a known still is known, and the match names the frame.
   */
  async matchFrames(
    actor: Actor,
    frames: readonly FrameForMatching[],
    options: { viewer?: Viewer; audit?: boolean } = {},
  ): Promise<EntryMatch[]> {
    const distinct = framesForMatching(frames);
    if (distinct.length === 0) return [];
    const results = await this.match(
      actor,
      distinct.map((f) => ({ pdq: f.hash })),
      options,
    );
    return bestFrameMatches(distinct, results);
  }
}

/** The frames worth matching: quality ≥ 50, one per distinct hash. */
export function framesForMatching<F extends FrameForMatching>(frames: readonly F[]): F[] {
  return [...new Map(frames.filter((f) => f.quality >= minPdqQuality).map((f) => [f.hash, f])).values()];
}

/** Per entry, the closest of the frames' matches (`results[k]` are frame k's), naming the frame. */
export function bestFrameMatches(frames: readonly FrameForMatching[], results: readonly EntryMatch[][]): EntryMatch[] {
  const best = new Map<number, EntryMatch>();
  results.forEach((matches, k) => {
    const frame = frames[k]!;
    for (const match of matches) {
      const known = best.get(match.entryId);
      if (known === undefined || match.distance < known.distance)
        best.set(match.entryId, { ...match, frame: { frameNumber: frame.frameNumber, timestamp: frame.timestamp } });
    }
  });
  return [...best.values()].sort((a, b) => a.distance - b.distance || a.entryId - b.entryId);
}

export interface FrameForMatching {
  frameNumber: number;
  quality: number;
  hash: string;
  timestamp: number;
}

/** `known` when a known set matched, else `ignorable` when an ignorable set did, else `new`. */
export function triageOf(matches: readonly EntryMatch[]): 'known' | 'ignorable' | 'new' {
  if (matches.some((m) => m.hashSet.purpose === 'known')) return 'known';
  if (matches.some((m) => m.hashSet.purpose === 'ignorable')) return 'ignorable';
  return 'new';
}

function validateQueries(queries: readonly MatchQuery[], maxDistance: number): void {
  if (queries.length > maxQueriesPerRequest)
    throw invalid(`At most ${maxQueriesPerRequest} hashes per request`, [{ field: 'items', message: `has ${queries.length} items` }]);
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 128)
    throw invalid('maxDistance must be 0 to 128', [{ field: 'maxDistance', message: 'must be 0 to 128' }]);
  const problems: FieldError[] = [];
  const lengths = { md5: 32, sha1: 40, sha256: 64 } as const;
  queries.forEach((q, i) => {
    for (const kind of ['md5', 'sha1', 'sha256'] as const) {
      const value = q[kind];
      if (value !== undefined && !new RegExp(`^[0-9a-fA-F]{${lengths[kind]}}$`).test(value))
        problems.push({ field: `items/${i}/${kind}`, message: `is not a ${lengths[kind]}-hex ${kind.toUpperCase()}` });
    }
    for (const [j, hex] of [q.pdq, ...(q.pdqVariants ?? [])].entries()) {
      if (hex !== undefined && !isPdqHex(hex.toLowerCase()))
        problems.push({ field: j === 0 ? `items/${i}/pdq` : `items/${i}/pdqVariants/${j - 1}`, message: 'is not a 64-hex PDQ hash' });
    }
    if (q.pdqVariants !== undefined && q.pdqVariants.length !== 7)
      problems.push({ field: `items/${i}/pdqVariants`, message: 'must hold the 7 other variants' });
    if (q.md5 === undefined && q.sha1 === undefined && q.sha256 === undefined && q.pdq === undefined)
      problems.push({ field: `items/${i}`, message: 'needs at least one hash' });
  });
  if (problems.length > 0) throw invalid('Some hashes are not valid', problems.slice(0, 100));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

function toMatch(entry: StoredEntry & { set: HashSetRef }, matchedOn: EntryMatch['matchedOn'], distance: number): EntryMatch {
  const { id, hashSetId: _set, set, md5, sha1, sha256, pdq, pdqQuality: _q, photoDna: _p, ...labels } = entry;
  const hashes = Object.fromEntries(Object.entries({ md5, sha1, sha256, pdq }).filter(([, v]) => v !== undefined));
  return { entryId: id, hashSet: { id: set.id, name: set.name, purpose: set.purpose }, matchedOn, distance, labels, hashes };
}
