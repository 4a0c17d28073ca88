/**
 * Screening against the database: one in-memory `WatchlistIndex` per process over every watchlist
 * entry of every agency, searched per request only within the lists the actor may see. The index
 * is rebuilt when the screening revision changes: checked at most once a second, and at once after
 * this process's own changes. A change made by another process is picked up within a second; while
 * the new index builds, checks keep using the previous one (visibility is always read fresh).
 *
 *   const [result] = (await screening.screen(actor, { travellers: [{ name: 'Anna Eriksson', birthDate: '1974-08-12' }] })).results;
 */
import { hasAnyRole, requireMember, type Actor } from '../platform/access/actor.js';
import { viewerOf, type Viewer } from '../platform/access/visibility.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import { forbidden, invalid, AppError, type FieldError } from '../platform/errors.js';
import { parseMrz, type Mrz } from './mrz.js';
import { DEFAULT_THRESHOLD, type PersonDocument, type Sex } from './person-match.js';
import type { WatchlistReason } from './watchlist-formats.js';
import {
  WatchlistIndex,
  type DocumentHit,
  type PersonHit,
  type ScreeningAnswer,
  type Traveller,
  type TravelDocumentEntry,
  type WatchlistEntry,
} from './watchlist-index.js';
import { formatPartialDate, type WatchlistKind, type WatchlistRepository } from './watchlists/watchlist.repository.js';
import { watchlistPolicy, type WatchlistChangeListener } from './watchlists/watchlist.service.js';

/** Roles that may screen travellers: those that may read watchlists. */
export const screeningRoles = watchlistPolicy.readRoles;
export const maxTravellersPerRequest = 1000;
const revisionCheckMs = 1000;

/** The watchlist side of a person hit, as a reviewer sees it. */
export interface HitEntryView {
  names: string[];
  birthDates: string[];
  nationalities: string[];
  sex: Sex | null;
  documents: PersonDocument[];
  reason: WatchlistReason | null;
  listId: string;
  listName: string;
}

/** The list side of a document hit. */
export interface DocumentEntryView {
  number: string;
  country: string | null;
  documentType: DocumentHit['documentType'];
  status: DocumentHit['status'];
  reportedOn: string | null;
  listId: string;
  listName: string;
}

/** Where checks are recorded: the border operation, optionally its checkpoint, and for the local operator the checking agency. */
export interface CheckPlace {
  operationId: string;
  checkpointId?: string;
  agencyId?: string;
}

/** What the recorder did with one answer. */
export interface RecordedCheck {
  checkId: string;
  /** Per hit of the answer, in order: the stored hit, or undefined (a candidate below the threshold, or not raised again). */
  hitIds: (string | undefined)[];
  /** Per document hit of the answer: the stored hit, or undefined (not raised again). */
  documentHitIds: (string | undefined)[];
  /** Hits not raised again because they were dismissed before for this traveller in this operation. */
  suppressed: number;
}

/** Records checks within a border operation (the operations capability), applying its adjudication memory. */
export interface ScreeningRecorder {
  recordChecks(
    actor: Actor,
    place: CheckPlace,
    answers: readonly ScreeningAnswer[],
    entryDetails: ReadonlyMap<string, HitEntryView | DocumentEntryView>,
  ): Promise<RecordedCheck[]>;
}

export interface ScreenRequest {
  travellers: readonly Traveller[];
  /** Score at which a hit is a match; default 0.7. */
  threshold?: number;
  /** Also return near misses from this score (default: the threshold). */
  minScore?: number;
  operationId?: string;
  checkpointId?: string;
  /** The local operator (CLI) names the agency it checks for: only that agency's visible lists are searched, and the checks are its own. */
  agencyId?: string;
}

export type PersonHitView = PersonHit & { hitId?: string; entry: HitEntryView };
export type DocumentHitView = DocumentHit & { hitId?: string; listName: string };

export interface ScreeningResultView extends Omit<ScreeningAnswer, 'hits' | 'documentHits'> {
  hits: PersonHitView[];
  documentHits: DocumentHitView[];
  /** Set when the check was recorded in an operation. */
  checkId?: string;
  /** Hits not raised again because they were dismissed before in this operation. */
  suppressed: number;
}

export interface ScreenOutcome {
  results: ScreeningResultView[];
}

interface ListInfo {
  name: string;
  kind: WatchlistKind;
}

/** One built index and what the views need beside it. */
export interface LoadedIndex {
  readonly index: WatchlistIndex;
  readonly revision: number;
  readonly lists: ReadonlyMap<string, ListInfo>;
  readonly entries: ReadonlyMap<string, WatchlistEntry>;
}

/** The process's screening index over every watchlist, whichever agency owns it (visibility is applied per request). */
export class ScreeningIndexHolder implements WatchlistChangeListener {
  #loaded: LoadedIndex | undefined;
  #checkedAt = 0;
  #seenRevision = -1;
  /** The build under way and the revision it was started for. */
  #loading: { promise: Promise<LoadedIndex>; revision: number } | undefined;
  /** A build every check must wait for (the first, or one after this process's own change). */
  #waiting: Promise<LoadedIndex> | undefined;
  #ownChange = false;
  #builds = 0;

  constructor(
    private readonly repository: WatchlistRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current index, built on first use and rebuilt when the revision changed. */
  async get(): Promise<LoadedIndex> {
    if (this.#waiting !== undefined) return this.#waiting;
    const now = this.now();
    const loaded = this.#loaded;
    if (loaded !== undefined && !this.#ownChange && now - this.#checkedAt < revisionCheckMs) return loaded;
    this.#checkedAt = now;
    const mustWait = this.#ownChange || loaded === undefined;
    this.#ownChange = false;
    const revision = await this.repository.revision();
    this.#seenRevision = Math.max(this.#seenRevision, revision);
    if (loaded !== undefined && loaded.revision >= revision) return loaded;
    const building = this.#buildFor(revision);
    if (!mustWait) {
      // Another process changed the lists: keep checking against the previous index while the new one builds.
      building.catch(() => (this.#checkedAt = 0));
      return loaded;
    }
    const waiting = building.finally(() => {
      if (this.#waiting === waiting) this.#waiting = undefined;
    });
    this.#waiting = waiting;
    return waiting;
  }

  /** The revision last read from the database (for caches keyed on it). */
  get seenRevision(): number {
    return this.#seenRevision;
  }

  /** How many times an index was built (tests, metrics). */
  get builds(): number {
    return this.#builds;
  }

  /** This process changed the lists: the next check reads the revision and waits for the rebuilt index. */
  watchlistsChanged(): void {
    this.#ownChange = true;
    this.#checkedAt = 0;
  }

  /** The build under way if it covers `revision`, else a new one started after it (builds never overlap). */
  #buildFor(revision: number): Promise<LoadedIndex> {
    if (this.#loading !== undefined && this.#loading.revision >= revision) return this.#loading.promise;
    const previous = this.#loading?.promise.catch(() => undefined) ?? Promise.resolve(undefined);
    const promise = previous.then(() => this.#build(revision));
    const loading = { promise, revision };
    this.#loading = loading;
    const clear = (): void => {
      if (this.#loading === loading) this.#loading = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }

  async #build(revision: number): Promise<LoadedIndex> {
    // Lists first: an entry of a list created after this read is simply not shown until the next build.
    const lists = new Map<string, ListInfo>((await this.repository.allLists()).map((l) => [l.id, { name: l.name, kind: l.kind }]));
    const entries = new Map<string, WatchlistEntry>();
    for await (const batch of this.repository.allPersons()) for (const person of batch) entries.set(person.id, person);
    const documents: TravelDocumentEntry[] = [];
    for await (const batch of this.repository.allDocuments()) documents.push(...batch);
    const index = WatchlistIndex.build(entries.values(), documents);
    const loaded: LoadedIndex = { index, revision, lists, entries };
    // A slower build must not replace a newer one.
    if (this.#loaded === undefined || this.#loaded.revision <= revision) this.#loaded = loaded;
    this.#builds++;
    return loaded;
  }
}

export class ScreeningService {
  /** Visible list ids per agency, valid for one revision. */
  #visible = new Map<string, ReadonlySet<string>>();
  #visibleRevision = -1;

  constructor(
    private readonly repository: WatchlistRepository,
    private readonly holder: ScreeningIndexHolder,
    private readonly audit: AuditService,
    private readonly recorder: () => ScreeningRecorder | undefined = () => undefined,
  ) {}

  /** Builds the index now (the server may call this at start); returns how many persons and documents it holds. */
  async warm(): Promise<{ persons: number; documents: number }> {
    const { index } = await this.holder.get();
    return { persons: index.personCount, documents: index.documentCount };
  }

  /**
   * Screens travellers (1 to 1,000) against the lists the actor may see; with an operation, the
   * checks are recorded there and hits dismissed before for the same traveller are not raised
   * again. Audited as one event per call.
   */
  async screen(actor: Actor, request: ScreenRequest): Promise<ScreenOutcome> {
    if (actor.type !== 'system') requireMember(actor);
    if (!hasAnyRole(actor, screeningRoles)) throw forbidden(`Screening needs one of the roles: ${screeningRoles.join(', ')}`);
    const problems: FieldError[] = [];
    const count = request.travellers.length;
    if (count < 1 || count > maxTravellersPerRequest)
      problems.push({ field: 'travellers', message: `give 1 to ${maxTravellersPerRequest} travellers` });
    const threshold = request.threshold;
    if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) problems.push({ field: 'threshold', message: 'must be in (0, 1]' });
    const minScore = request.minScore;
    if (minScore !== undefined && !(minScore > 0 && minScore <= (threshold ?? DEFAULT_THRESHOLD)))
      problems.push({ field: 'minScore', message: 'must be in (0, threshold]' });
    if (request.checkpointId !== undefined && request.operationId === undefined)
      problems.push({ field: 'checkpointId', message: 'needs an operationId' });
    if (problems.length > 0) throw invalid('The screening request is not valid', problems);
    const recorder = request.operationId === undefined ? undefined : this.recorder();
    if (request.operationId !== undefined && recorder === undefined)
      throw new AppError('unavailable', 'Checks cannot be recorded in operations on this server');

    const loaded = await this.holder.get();
    const lists = await this.#visibleLists(
      actor.type === 'system' && request.agencyId !== undefined ? { agencyId: request.agencyId } : viewerOf(actor),
    );
    const answers = request.travellers.map((traveller) =>
      loaded.index.screen(traveller, {
        ...(threshold !== undefined && { threshold }),
        ...(minScore !== undefined && { minScore }),
        ...(lists !== undefined && { lists }),
      }),
    );
    const details = new Map<string, HitEntryView | DocumentEntryView>();
    for (const answer of answers) {
      for (const hit of answer.hits) details.set(hit.entryId, entryView(loaded, hit));
      for (const hit of answer.documentHits) details.set(hit.documentId, documentEntryView(loaded, hit));
    }

    let recorded: RecordedCheck[] | undefined;
    if (recorder !== undefined && request.operationId !== undefined) {
      recorded = await recorder.recordChecks(
        actor,
        {
          operationId: request.operationId,
          ...(request.checkpointId !== undefined && { checkpointId: request.checkpointId }),
          ...(request.agencyId !== undefined && { agencyId: request.agencyId }),
        },
        answers,
        details,
      );
    }
    const results = answers.map((answer, i) => resultView(loaded, answer, details, recorded?.[i]));
    await this.audit.record(actor, {
      action: 'screening.check',
      outcome: 'success',
      ...(request.operationId !== undefined && { recordType: 'border_operation', recordId: request.operationId }),
      details: {
        count,
        screened: results.filter((r) => r.screened).length,
        matches: results.filter((r) => r.hits.some((h) => h.match)).length,
        documentHits: results.filter((r) => r.documentHits.length > 0).length,
        suppressed: results.reduce((n, r) => n + r.suppressed, 0),
        operationId: request.operationId ?? null,
        checkpointId: request.checkpointId ?? null,
        ...(threshold !== undefined && { threshold }),
      },
    });
    return { results };
  }

  /** Parses an MRZ; a bad one is refused with the fields at fault. */
  parseMrz(actor: Actor, text: string): Mrz {
    if (actor.type !== 'system') requireMember(actor);
    if (!hasAnyRole(actor, screeningRoles)) throw forbidden(`Reading an MRZ needs one of the roles: ${screeningRoles.join(', ')}`);
    const parsed = parseMrz(text);
    if (!parsed.ok)
      throw invalid(
        'The MRZ is not valid',
        parsed.errors.map((e) => ({ field: e.field, message: e.message })),
      );
    return parsed.mrz;
  }

  /** The lists the viewer may see, or undefined for all (the local operator). */
  async #visibleLists(viewer: Viewer): Promise<ReadonlySet<string> | undefined> {
    if (viewer === 'all') return undefined;
    const revision = this.holder.seenRevision;
    if (revision !== this.#visibleRevision) {
      this.#visible = new Map();
      this.#visibleRevision = revision;
    }
    let ids = this.#visible.get(viewer.agencyId);
    if (ids === undefined) {
      ids = new Set(await this.repository.visibleIds(viewer));
      this.#visible.set(viewer.agencyId, ids);
    }
    return ids;
  }
}

function entryView(loaded: LoadedIndex, hit: PersonHit): HitEntryView {
  const entry = loaded.entries.get(hit.entryId);
  const record = entry?.record;
  return {
    names: [...(record?.names ?? [])],
    birthDates: (record?.birthDates ?? []).map(formatPartialDate),
    nationalities: [...(record?.nationalities ?? [])],
    sex: record?.sex ?? null,
    documents: (record?.documents ?? []).map((d) => ({ ...d })),
    reason: entry?.reason ?? null,
    listId: hit.listId,
    listName: loaded.lists.get(hit.listId)?.name ?? '',
  };
}

function documentEntryView(loaded: LoadedIndex, hit: DocumentHit): DocumentEntryView {
  return {
    number: hit.number,
    country: hit.country ?? null,
    documentType: hit.documentType,
    status: hit.status,
    reportedOn: hit.reportedOn ?? null,
    listId: hit.listId,
    listName: loaded.lists.get(hit.listId)?.name ?? '',
  };
}

function resultView(
  loaded: LoadedIndex,
  answer: ScreeningAnswer,
  details: ReadonlyMap<string, HitEntryView | DocumentEntryView>,
  recorded: RecordedCheck | undefined,
): ScreeningResultView {
  const hits: PersonHitView[] = [];
  answer.hits.forEach((hit, i) => {
    const hitId = recorded?.hitIds[i];
    // Recorded matches get a hit id; a match without one was dismissed before for this traveller and is not raised again.
    if (recorded !== undefined && hit.match && hitId === undefined) return;
    hits.push({ ...hit, ...(hitId !== undefined && { hitId }), entry: details.get(hit.entryId) as HitEntryView });
  });
  const documentHits: DocumentHitView[] = [];
  answer.documentHits.forEach((hit, i) => {
    const hitId = recorded?.documentHitIds[i];
    if (recorded !== undefined && hitId === undefined) return;
    documentHits.push({ ...hit, ...(hitId !== undefined && { hitId }), listName: loaded.lists.get(hit.listId)?.name ?? '' });
  });
  return {
    ...answer,
    hits,
    documentHits,
    ...(recorded !== undefined && { checkId: recorded.checkId }),
    suppressed: recorded?.suppressed ?? 0,
  };
}
