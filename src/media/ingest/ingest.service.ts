/**
 * Ingest of seized media: walks files and zip archives (nested too), hashes every file on worker
 * threads, matches it against the hash sets the case's agency may see, triages it (known,
 * ignorable, new, or error with its reason), stacks near-duplicates found in the same ingest, stores
 * the content encrypted (unless hash-only) and records it under the case.
 *
 * Resumable and crash-safe: the job and its items (one per file or archive given) are written
 * first; each item is committed in one transaction with the media it found, so after a kill the
 * same command resumes at the first unfinished item. Counts are read from the rows, so nothing is
 * counted twice.
 *
 *   const { job, counts } = await ingest.run(actor, { paths: ['/evidence/phone1'], caseRef: 'NLD-2026-0001' });
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { requireRole } from '../../platform/access/actor.js';
import type { Viewer } from '../../platform/access/visibility.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Database } from '../../platform/database/schema.js';
import { forbidden } from '../../platform/errors.js';
import type { CaseFile } from '../../operations/case.repository.js';
import type { CaseService } from '../../operations/case.service.js';
import { detectFileType } from '../file-type.js';
import { HashPool } from '../hash-pool.js';
import { hashMediaBytes, hashVideo, type MediaHashResult, type VideoHashes } from '../hashing.js';
import { PdqIndex } from '../match-index.js';
import { minPdqQuality, triageOf, type EntryMatch, type MatchService } from '../match.service.js';
import { MediaRepository, type IngestCounts, type IngestJob, type NewMediaFile, type Triage } from '../media.repository.js';
import type { MediaStore } from '../media-store.js';
import { pdqFromHex } from '../pdq-hash.js';
import { listFiles } from '../walk.js';
import type { VideoSource } from '../ffmpeg.js';
import { readZip } from './archive.js';

export interface IngestRequest {
  paths: string[];
  /** Case id or reference; the media belong to the case's agency. */
  caseRef: string;
  /** Keep only hashes and metadata, not the content. */
  hashOnly?: boolean;
  /** Called after each item with the items done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads (default: one per core). */
  threads?: number;
  /** Items committed per transaction (default 32). */
  batchSize?: number;
  /** What to call the source in the job (default: the paths). */
  source?: string;
}

export interface RematchOutcome {
  checked: number;
  changed: number;
  /** Media per triage after the re-match. */
  triage: Record<Triage, number>;
}

export interface IngestOutcome {
  job: IngestJob;
  counts: IngestCounts;
  resumed: boolean;
}

/** One file found by an item: a file given, or an archive member. */
interface FoundFile {
  path: string;
  result: Omit<MediaHashResult, 'path'>;
  /** Videos: what ffmpeg found and the vPDQ frames at one a second. */
  video?: VideoHashes;
  /** The content, when it is to be stored and was read. */
  bytes?: Uint8Array;
}

interface Occurrence {
  path: string;
  sha256: string | null;
  triage: Triage;
  error: string | null;
}

const ingestRoles = ['analyst', 'investigator'] as const;
/** Two near-duplicates within the same ingest are stacked at this PDQ distance or closer. */
const stackDistance = 31;
const maxNesting = 8;
const defaultBatchSize = 32;
/** Batches hashed ahead of the one being committed. */
const batchesAhead = 2;

export class IngestService {
  readonly #repository: MediaRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly cases: CaseService,
    private readonly matcher: MatchService,
    private readonly store: MediaStore,
    private readonly audit: AuditService,
  ) {
    this.#repository = new MediaRepository(db);
  }

  get repository(): MediaRepository {
    return this.#repository;
  }

  /** The case media would be filed under, checked before any file is read or uploaded. */
  async caseFor(actor: Actor, caseRef: string): Promise<CaseFile> {
    requireRole(actor, [...ingestRoles]);
    const found = await this.cases.resolve(actor, caseRef);
    if (actor.type !== 'system' && actor.agencyId !== found.ownerAgencyId)
      throw forbidden('Media can be ingested only into a case of your own agency');
    return found;
  }

  /** Starts an ingest, or resumes the unfinished one with the same paths, case and mode. */
  async run(actor: Actor, request: IngestRequest): Promise<IngestOutcome> {
    const found = await this.caseFor(actor, request.caseRef);
    const hashOnly = request.hashOnly === true;
    const files = await listFiles(request.paths);
    const resumeKey = createHash('sha256')
      .update(JSON.stringify({ files, caseId: found.id, hashOnly }))
      .digest('hex');

    let job = await this.#repository.findRunningJob(found.ownerAgencyId, resumeKey);
    const resumed = job !== undefined;
    if (job === undefined) {
      job = await this.db.transaction().execute(async (trx) => {
        const created = await this.#repository.createJob(
          trx,
          {
            ownerAgencyId: found.ownerAgencyId,
            caseId: found.id,
            resumeKey,
            source: (request.source ?? request.paths.join(', ')).slice(0, 1000),
            hashOnly,
            createdBy: actor.type === 'user' ? actor.id : null,
          },
          files,
        );
        await this.audit.record(
          actor,
          {
            action: 'ingest.start',
            outcome: 'success',
            recordType: 'ingest_job',
            recordId: created.id,
            recordAgencyId: found.ownerAgencyId,
            details: { items: files.length, hashOnly, caseId: found.id },
          },
          trx,
        );
        return created;
      });
    } else {
      await this.audit.record(actor, {
        action: 'ingest.resume',
        outcome: 'success',
        recordType: 'ingest_job',
        recordId: job.id,
        recordAgencyId: found.ownerAgencyId,
      });
    }

    const viewer: Viewer = { agencyId: found.ownerAgencyId };
    const stacks = await this.#stackIndex(job.id);
    const pending = await this.#repository.pendingItems(job.id);
    let done = job.totalItems - pending.length;
    request.onProgress?.(done, job.totalItems);

    const pool = new HashPool(request.threads);
    try {
      // Keep the workers fed a few batches ahead while each batch is matched and committed: one
      // transaction a batch, in order, so a kill loses at most the batches in flight.
      const batchSize = request.batchSize ?? defaultBatchSize;
      const batches = Array.from({ length: Math.ceil(pending.length / batchSize) }, (_, k) =>
        pending.slice(k * batchSize, (k + 1) * batchSize),
      );
      const reads: Promise<FoundFile[][]>[] = [];
      const readAhead = (upTo: number): void => {
        for (let k = reads.length; k < Math.min(upTo, batches.length); k += 1) {
          reads.push(Promise.all(batches[k]!.map((item) => this.#read(item.path, pool, hashOnly))));
        }
      };
      for (let k = 0; k < batches.length; k += 1) {
        readAhead(k + batchesAhead + 1);
        const ready = await reads[k]!;
        await this.#commit(
          actor,
          job,
          viewer,
          batches[k]!.map((item, i) => ({ seq: item.seq, files: ready[i]! })),
          stacks,
        );
        done += batches[k]!.length;
        request.onProgress?.(done, job.totalItems);
      }
    } finally {
      await pool.close();
    }

    const finished = await this.#repository.finishJob(job.id, 'completed');
    const counts = await this.#repository.counts(job.id);
    await this.audit.record(actor, {
      action: 'ingest.complete',
      outcome: 'success',
      recordType: 'ingest_job',
      recordId: job.id,
      recordAgencyId: found.ownerAgencyId,
      details: { ...counts },
    });
    return { job: finished, counts, resumed };
  }

  /**
   * Matches an agency's media again (those of one case, or all), after hash sets changed: triage
   * and matches follow the sets as they are now. Returns how many were checked and changed.
   */
  async rematch(actor: Actor, request: { caseRef?: string; agencyId?: string }): Promise<RematchOutcome> {
    const { agencyId, caseId } = await this.#rematchScope(actor, request);
    const viewer: Viewer = { agencyId };
    const outcome: RematchOutcome = { checked: 0, changed: 0, triage: { known: 0, ignorable: 0, new: 0, error: 0 } };
    for (let after: string | undefined; ;) {
      const page = await this.#repository.ownedPage(agencyId, caseId, after, 500);
      if (page.length === 0) break;
      const queries = page.map((m) => ({
        md5: m.md5,
        sha1: m.sha1,
        sha256: m.sha256,
        ...(m.pdq !== null &&
          (m.pdqQuality ?? 0) >= minPdqQuality && { pdq: m.pdq, ...(m.pdqVariants?.length === 7 && { pdqVariants: m.pdqVariants }) }),
      }));
      const matched = await this.matcher.match(actor, queries, { viewer, audit: false });
      const updates: { id: string; triage: Triage; matches: EntryMatch[] }[] = [];
      for (const [i, media] of page.entries()) {
        const frames = media.vpdq === null ? [] : await this.matcher.matchFrames(actor, media.vpdq, { viewer, audit: false });
        const matches = [...matched[i]!, ...frames];
        const byMatch = triageOf(matches);
        const triage: Triage = byMatch !== 'new' ? byMatch : media.error !== null ? 'error' : 'new';
        outcome.triage[triage] += 1;
        if (triage !== media.triage || JSON.stringify(matches) !== JSON.stringify(media.matches))
          updates.push({ id: media.id, triage, matches });
      }
      await this.db.transaction().execute((trx) => this.#repository.updateTriage(trx, updates));
      outcome.checked += page.length;
      outcome.changed += updates.length;
      after = page.at(-1)!.id;
    }
    await this.audit.record(actor, {
      action: 'media.rematch',
      outcome: 'success',
      recordType: 'media',
      recordAgencyId: agencyId,
      details: { caseId, ...outcome },
    });
    return outcome;
  }

  async #rematchScope(
    actor: Actor,
    request: { caseRef?: string; agencyId?: string },
  ): Promise<{ agencyId: string; caseId: string | undefined }> {
    if (request.caseRef !== undefined) {
      const found = await this.caseFor(actor, request.caseRef);
      return { agencyId: found.ownerAgencyId, caseId: found.id };
    }
    requireRole(actor, [...ingestRoles]);
    const agencyId = actor.type === 'system' ? request.agencyId : actor.agencyId;
    if (agencyId === undefined || agencyId === null) throw forbidden('Name the agency whose media to match again');
    return { agencyId, caseId: undefined };
  }

  /** Hashes one item: a file, or every member of an archive (recursively). Never throws. */
  async #read(path: string, pool: HashPool, hashOnly: boolean): Promise<FoundFile[]> {
    // The worker detects the type from the content; an archive is then opened here, in memory.
    const { path: _path, ...result } = await pool.hash(path, { dihedral: true });
    if (result.kind === 'archive' && result.sha256 !== undefined) {
      try {
        return await this.#readArchive(path, await readFile(path), hashOnly, 0, result);
      } catch (error) {
        return [{ path, result: { ...result, error: `cannot read archive: ${(error as Error).message}` } }];
      }
    }
    const file: FoundFile = { path, result };
    if (result.kind === 'video' && result.sha256 !== undefined) await this.#hashVideo(file, path);
    if (hashOnly || result.sha256 === undefined) return [file];
    try {
      return [{ ...file, bytes: await readFile(path) }];
    } catch (error) {
      return [{ path, result: { ...result, error: `cannot read: ${(error as Error).message}` } }];
    }
  }

  /** vPDQ at one frame a second (of a file, or of an archive member in memory); a video ffmpeg cannot read keeps its content hashes and an error. */
  async #hashVideo(file: FoundFile, source: VideoSource): Promise<void> {
    try {
      file.video = await hashVideo(source);
    } catch (error) {
      file.result = { ...file.result, error: `cannot decode video: ${(error as Error).message.split('\n')[0]!.slice(0, 300)}` };
    }
  }

  /** The archive itself (hashed already when the worker read it) and every member, recursively. */
  async #readArchive(
    path: string,
    bytes: Uint8Array,
    hashOnly: boolean,
    depth: number,
    hashed?: FoundFile['result'],
  ): Promise<FoundFile[]> {
    const found: FoundFile[] = [{ path, result: hashed ?? (await hashMediaBytes(bytes, { exif: false })) }];
    for await (const member of readZip(bytes)) {
      const memberPath = `${path}!/${member.name}`;
      if (member.bytes === undefined) {
        found.push({
          path: memberPath,
          result: { mediaType: 'application/octet-stream', kind: 'other', error: member.error ?? 'unreadable member' },
        });
        continue;
      }
      if (detectFileType(member.bytes.subarray(0, 4100)).kind === 'archive' && depth < maxNesting) {
        try {
          found.push(...(await this.#readArchive(memberPath, member.bytes, hashOnly, depth + 1)));
        } catch (error) {
          found.push({
            path: memberPath,
            result: { ...(await hashMediaBytes(member.bytes, { exif: false })), error: `cannot read archive: ${(error as Error).message}` },
          });
        }
        continue;
      }
      const result = await hashMediaBytes(member.bytes, { dihedral: true });
      const file: FoundFile = { path: memberPath, result, ...(!hashOnly && { bytes: member.bytes }) };
      if (result.kind === 'video') await this.#hashVideo(file, { bytes: member.bytes, name: memberPath });
      found.push(file);
    }
    return found;
  }

  /** Matches, stacks, stores and records the files of a batch of items, then marks them done: one transaction. */
  async #commit(
    actor: Actor,
    job: IngestJob,
    viewer: Viewer,
    items: { seq: number; files: FoundFile[] }[],
    stacks: StackIndex,
  ): Promise<void> {
    const files = items.flatMap((item) => item.files);
    const queries = files.map(({ result }) => ({
      ...(result.md5 !== undefined && { md5: result.md5, sha1: result.sha1, sha256: result.sha256 }),
      ...(result.pdq !== undefined &&
        (result.quality ?? 0) >= minPdqQuality && {
          pdq: result.pdq,
          ...(result.dihedral?.length === 7 && { pdqVariants: result.dihedral }),
        }),
    }));
    const matchable = queries.map((q, i) => ({ q, i })).filter(({ q }) => Object.keys(q).length > 0);
    const matched = await this.matcher.match(
      actor,
      matchable.map(({ q }) => q),
      { viewer, audit: false },
    );
    const matchesOf = new Map(matchable.map(({ i }, k) => [i, matched[k]!]));
    for (const [i, file] of files.entries()) {
      if (file.video === undefined) continue;
      const frameMatches = await this.matcher.matchFrames(actor, file.video.frames, { viewer, audit: false });
      if (frameMatches.length > 0) matchesOf.set(i, [...(matchesOf.get(i) ?? []), ...frameMatches]);
    }

    for (const file of files) {
      if (file.bytes !== undefined && file.result.sha256 !== undefined) await this.store.put(file.result.sha256, file.bytes);
    }
    await this.db.transaction().execute(async (trx) => {
      const hashed = files.filter((file) => file.result.sha256 !== undefined);
      const existing = await this.#repository.findManyBySha256(
        trx,
        job.ownerAgencyId,
        hashed.map((f) => f.result.sha256!),
      );
      const media = new Map<string, NewMediaFile>();
      const occurrences: Occurrence[] = [];
      for (const [i, file] of files.entries()) {
        const { result } = file;
        if (result.sha256 === undefined || result.md5 === undefined || result.sha1 === undefined || result.size === undefined) {
          occurrences.push({ path: file.path, sha256: null, triage: 'error', error: result.error ?? 'unreadable' });
          continue;
        }
        const matches: EntryMatch[] = matchesOf.get(i) ?? [];
        const matchedTriage = triageOf(matches);
        const triage: Triage = matchedTriage !== 'new' ? matchedTriage : result.error !== undefined ? 'error' : 'new';
        occurrences.push({ path: file.path, sha256: result.sha256, triage, error: result.error ?? null });
        const earlier = media.get(result.sha256);
        if (earlier !== undefined) {
          earlier.stored ||= file.bytes !== undefined;
          continue;
        }
        const known = existing.get(result.sha256);
        const id = known?.id ?? randomUUID();
        let stackId = known?.stackId ?? null;
        if (known === undefined && result.pdq !== undefined && (result.quality ?? 0) >= minPdqQuality) {
          // Stacked at once, so near-duplicates within one batch find each other; a failed
          // transaction fails the run, and a resume rebuilds the stacks from the database.
          stackId = stacks.find(result.pdq) ?? id;
          stacks.add(result.pdq, stackId);
        }
        media.set(result.sha256, {
          id,
          ownerAgencyId: job.ownerAgencyId,
          visibility: 'agency',
          caseId: job.caseId,
          sha256: result.sha256,
          sha1: result.sha1,
          md5: result.md5,
          size: result.size,
          mediaType: result.mediaType,
          kind: result.kind,
          width: result.width ?? file.video?.width ?? null,
          height: result.height ?? file.video?.height ?? null,
          durationSeconds: file.video?.durationSeconds ?? null,
          codec: file.video?.codec ?? null,
          pdq: result.pdq ?? null,
          pdqQuality: result.quality ?? null,
          pdqVariants: result.dihedral ?? null,
          exif: result.exif ?? null,
          vpdq: file.video?.frames ?? null,
          triage,
          matches,
          stackId,
          stored: file.bytes !== undefined,
          error: result.error ?? null,
        });
      }
      const ids = await this.#repository.upsertMany(trx, [...media.values()]);
      await this.#repository.addOccurrences(
        trx,
        job.id,
        occurrences.map((o) => ({
          path: o.path,
          mediaId: o.sha256 === null ? null : ids.get(o.sha256)!,
          triage: o.triage,
          error: o.error,
        })),
      );
      await this.#repository.markItemsDone(
        trx,
        job.id,
        items.map((item) => item.seq),
      );
    });
  }

  async #stackIndex(ingestId: string): Promise<StackIndex> {
    const stacks = new StackIndex();
    for (const media of await this.#repository.ingestPdq(ingestId)) stacks.add(media.pdq, media.stackId ?? media.id);
    return stacks;
  }
}

/** Near-duplicates within one ingest: the stack of the closest earlier media within the distance. */
class StackIndex {
  readonly #index = new PdqIndex();
  readonly #stackOf: string[] = [];

  add(pdq: string, stackId: string): void {
    this.#stackOf.push(stackId);
    this.#index.add(this.#stackOf.length - 1, pdqFromHex(pdq));
  }

  find(pdq: string): string | undefined {
    const [closest] = this.#index.query(pdqFromHex(pdq), stackDistance);
    return closest === undefined ? undefined : this.#stackOf[closest.id];
  }
}
