/**
 * Watchlists: named lists of persons (wanted, missing, victims, others) or of stolen, lost and
 * revoked travel documents, owned by an agency and shared by its choice. Persons are imported from
 * FollowTheMoney JSON lines or a CSV, documents from a CSV. An import is all-or-nothing unless
 * `skipInvalid` is given, and idempotent: an entry whose external id the list already holds is
 * replaced, not added again. Every change bumps the screening revision, so that every process's
 * screening index rebuilds.
 *
 *   const list = await watchlists.create(actor, { name: 'Wanted (national)', kind: 'persons', visibility: 'network' });
 *   await watchlists.import(actor, list.id, bytes, { format: 'ftm-jsonl' });
 */
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../../platform/access/actor.js';
import { visibilities, type Visibility } from '../../platform/access/roles.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../../platform/access/visibility.js';
import { AgencyRepository, isUuid } from '../../platform/agencies/agency.repository.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Database } from '../../platform/database/schema.js';
import { stripBom } from '../../platform/csv.js';
import { conflict, invalid, type FieldError } from '../../platform/errors.js';
import { parseDocumentsCsv, type TravelDocumentRow } from '../documents-format.js';
import { parseFtmPersons, parseWatchlistCsv, type WatchlistLineError, type WatchlistPerson } from '../watchlist-formats.js';
import {
  watchlistKinds,
  WatchlistRepository,
  type TravelDocumentView,
  type Watchlist,
  type WatchlistKind,
  type WatchlistPersonView,
} from './watchlist.repository.js';

export const watchlistPolicy: RecordPolicy = {
  table: 'watchlist',
  label: 'Watchlist',
  readRoles: ['border_officer', 'notice_officer', 'investigator', 'analyst', 'admin'],
  changeRoles: ['border_officer', 'notice_officer', 'admin'],
};

export const watchlistImportFormats = ['ftm-jsonl', 'persons-csv', 'documents-csv'] as const;
export type WatchlistImportFormat = (typeof watchlistImportFormats)[number];

export interface CreateWatchlistInput {
  name: string;
  kind: string;
  source?: string;
  description?: string;
  visibility: string;
  sharedWith?: string[];
  /** The CLI (local operator) names the owning agency. */
  ownerAgencyId?: string;
}

export interface UpdateWatchlistInput {
  name?: string;
  source?: string;
  description?: string;
  visibility?: string;
  sharedWith?: string[];
}

export interface WatchlistImportOutcome {
  format: WatchlistImportFormat;
  /** Entries written (created or replaced); 0 when errors refused the import. */
  imported: number;
  created: number;
  updated: number;
  /** Records read: valid and invalid. */
  records: number;
  /** Bad records, with their line (the first 1,000). */
  errors: WatchlistLineError[];
  /** FtM entities of another schema than Person. */
  skipped: number;
}

export type WatchlistEntries = { kind: 'persons'; items: WatchlistPersonView[] } | { kind: 'documents'; items: TravelDocumentView[] };

/** Told after a change to watchlists, so that this process's screening index rebuilds at once. */
export interface WatchlistChangeListener {
  watchlistsChanged(): void;
}

const maxReportedErrors = 1000;

export class WatchlistService {
  readonly repository: WatchlistRepository;
  readonly #agencies: AgencyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly listener: WatchlistChangeListener = { watchlistsChanged: () => undefined },
  ) {
    this.repository = new WatchlistRepository(db);
    this.#agencies = new AgencyRepository(db);
  }

  async list(actor: Actor): Promise<Watchlist[]> {
    assertMayRead(actor, watchlistPolicy);
    return this.repository.listVisible(viewerOf(actor));
  }

  async get(actor: Actor, id: string): Promise<Watchlist> {
    assertMayRead(actor, watchlistPolicy);
    const list = orNotFound(await this.repository.findVisible(viewerOf(actor), id), watchlistPolicy);
    await this.audit.record(actor, {
      action: 'watchlist.read',
      outcome: 'success',
      recordType: 'watchlist',
      recordId: id,
      recordAgencyId: list.ownerAgencyId,
    });
    return list;
  }

  async create(actor: Actor, input: CreateWatchlistInput): Promise<Watchlist> {
    assertMayChange(actor, watchlistPolicy);
    const ownerAgencyId = actor.type === 'system' ? input.ownerAgencyId : requireMember(actor).agencyId;
    const problems: FieldError[] = [];
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) problems.push({ field: 'name', message: 'must be 1 to 200 characters' });
    if (!(watchlistKinds as readonly string[]).includes(input.kind))
      problems.push({ field: 'kind', message: `must be one of ${watchlistKinds.join(', ')}` });
    if (!(visibilities as readonly string[]).includes(input.visibility))
      problems.push({ field: 'visibility', message: `must be one of ${visibilities.join(', ')}` });
    const sharedWith = input.sharedWith ?? [];
    if (input.visibility === 'shared' && sharedWith.length === 0)
      problems.push({ field: 'sharedWith', message: 'names at least one agency when visibility is shared' });
    const missing = await this.#agencies.missing(sharedWith);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    if (ownerAgencyId === undefined || (await this.#agencies.find(ownerAgencyId)) === undefined)
      problems.push({ field: 'ownerAgencyId', message: 'no such agency' });
    if (problems.length > 0) throw invalid('The watchlist is not valid', problems);
    if (await this.repository.findByName(ownerAgencyId!, name)) throw conflict(`Your agency already has a watchlist named "${name}"`);
    const id = await this.db.transaction().execute(async (trx) => {
      const created = await this.repository.insert(trx, {
        ownerAgencyId: ownerAgencyId!,
        visibility: input.visibility as Visibility,
        sharedWith,
        name,
        kind: input.kind as WatchlistKind,
        source: input.source?.trim() ?? '',
        description: input.description?.trim() ?? '',
        createdBy: actor.type === 'user' ? actor.id : null,
      });
      await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: 'watchlist.create',
          outcome: 'success',
          recordType: 'watchlist',
          recordId: created,
          recordAgencyId: ownerAgencyId!,
          details: { name, kind: input.kind, visibility: input.visibility },
        },
        trx,
      );
      return created;
    });
    this.listener.watchlistsChanged();
    return (await this.repository.findVisible('all', id))!;
  }

  /** Renames, re-describes or re-shares a list (owning agency only); its kind is fixed. */
  async update(actor: Actor, id: string, input: UpdateWatchlistInput): Promise<Watchlist> {
    assertMayChange(actor, watchlistPolicy);
    const list = orNotFound(await this.repository.findVisible(viewerOf(actor), id), watchlistPolicy);
    assertOwner(actor, watchlistPolicy, list.ownerAgencyId);
    const problems: FieldError[] = [];
    const name = input.name?.trim();
    if (name !== undefined && (name.length < 1 || name.length > 200))
      problems.push({ field: 'name', message: 'must be 1 to 200 characters' });
    if (input.visibility !== undefined && !(visibilities as readonly string[]).includes(input.visibility))
      problems.push({ field: 'visibility', message: `must be one of ${visibilities.join(', ')}` });
    const visibility = (input.visibility ?? list.visibility) as Visibility;
    const sharedWith = input.sharedWith ?? list.sharedWith;
    if (visibility === 'shared' && sharedWith.length === 0)
      problems.push({ field: 'sharedWith', message: 'names at least one agency when visibility is shared' });
    const missing = await this.#agencies.missing(input.sharedWith ?? []);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    if (problems.length > 0) throw invalid('The change is not valid', problems);
    if (name !== undefined && name !== list.name && (await this.repository.findByName(list.ownerAgencyId, name)))
      throw conflict(`Your agency already has a watchlist named "${name}"`);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, list, {
        ...(name !== undefined && { name }),
        ...(input.source !== undefined && { source: input.source.trim() }),
        ...(input.description !== undefined && { description: input.description.trim() }),
        ...(input.visibility !== undefined && { visibility }),
        ...(input.sharedWith !== undefined && { sharedWith: input.sharedWith }),
      });
      await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: 'watchlist.update',
          outcome: 'success',
          recordType: 'watchlist',
          recordId: id,
          recordAgencyId: list.ownerAgencyId,
          details: { fields: Object.keys(input) },
        },
        trx,
      );
    });
    this.listener.watchlistsChanged();
    return (await this.repository.findVisible('all', id))!;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    assertMayChange(actor, watchlistPolicy);
    const list = orNotFound(await this.repository.findVisible(viewerOf(actor), id), watchlistPolicy);
    assertOwner(actor, watchlistPolicy, list.ownerAgencyId);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.delete(trx, id);
      await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: 'watchlist.delete',
          outcome: 'success',
          recordType: 'watchlist',
          recordId: id,
          recordAgencyId: list.ownerAgencyId,
          details: { name: list.name, kind: list.kind, entries: list.entryCount },
        },
        trx,
      );
    });
    this.listener.watchlistsChanged();
  }

  /**
   * Parses and stores entries. Any bad record refuses the whole file (nothing changes; the errors
   * come back with `imported: 0`) unless `skipInvalid`. Entries are keyed by their external id:
   * importing the same file again replaces them rather than adding copies.
   */
  async import(
    actor: Actor,
    id: string,
    bytes: Uint8Array,
    options: { format?: WatchlistImportFormat; skipInvalid?: boolean } = {},
  ): Promise<WatchlistImportOutcome> {
    assertMayChange(actor, watchlistPolicy);
    const list = orNotFound(await this.repository.findVisible(viewerOf(actor), id), watchlistPolicy);
    assertOwner(actor, watchlistPolicy, list.ownerAgencyId);
    const text = new TextDecoder('utf-8').decode(bytes);
    const format = options.format ?? detectFormat(list.kind, text);
    if (!(watchlistImportFormats as readonly string[]).includes(format))
      throw invalid(`Unknown format ${format}`, [{ field: 'format', message: `must be one of ${watchlistImportFormats.join(', ')}` }]);
    const expectedKind: WatchlistKind = format === 'documents-csv' ? 'documents' : 'persons';
    if (expectedKind !== list.kind)
      throw invalid(`A ${list.kind} watchlist cannot import ${format}`, [
        {
          field: 'format',
          message:
            list.kind === 'documents'
              ? 'must be documents-csv for a documents list'
              : 'must be ftm-jsonl or persons-csv for a persons list',
        },
      ]);

    let persons: WatchlistPerson[] = [];
    let documents: TravelDocumentRow[] = [];
    let errors: WatchlistLineError[];
    let skipped = 0;
    if (format === 'documents-csv') {
      ({ documents, errors } = parseDocumentsCsv(text));
    } else {
      ({ persons, errors, skipped } = format === 'ftm-jsonl' ? parseFtmPersons(text) : parseWatchlistCsv(text));
    }
    const valid = persons.length + documents.length;
    const outcome: WatchlistImportOutcome = {
      format,
      imported: 0,
      created: 0,
      updated: 0,
      records: valid + errors.length,
      errors: errors.slice(0, maxReportedErrors),
      skipped,
    };
    const auditEntry = {
      recordType: 'watchlist',
      recordId: id,
      recordAgencyId: list.ownerAgencyId,
    };
    if (errors.length > 0 && options.skipInvalid !== true) {
      await this.audit.record(actor, {
        action: 'watchlist.import',
        outcome: 'failure',
        reason: `${errors.length} invalid record(s); nothing imported`,
        ...auditEntry,
        details: { format, records: outcome.records, invalid: errors.length },
      });
      return outcome;
    }
    const counts = await this.db.transaction().execute(async (trx) => {
      const written =
        list.kind === 'documents'
          ? await this.repository.upsertDocuments(trx, id, documents)
          : await this.repository.upsertPersons(trx, id, persons);
      await this.repository.bumpRevision(trx);
      await this.audit.record(
        actor,
        {
          action: 'watchlist.import',
          outcome: 'success',
          ...auditEntry,
          details: {
            format,
            records: outcome.records,
            created: written.created,
            updated: written.updated,
            invalid: errors.length,
            skipped,
          },
        },
        trx,
      );
      return written;
    });
    this.listener.watchlistsChanged();
    return { ...outcome, imported: counts.created + counts.updated, created: counts.created, updated: counts.updated };
  }

  /** One page of a list's entries (persons or documents), ordered by id; audited, as every read of entries. */
  async entries(actor: Actor, id: string, options: { after?: string; limit?: number } = {}): Promise<WatchlistEntries> {
    assertMayRead(actor, watchlistPolicy);
    const list = orNotFound(await this.repository.findVisible(viewerOf(actor), id), watchlistPolicy);
    if (options.after !== undefined && !isUuid(options.after))
      throw invalid('after is not an entry id', [{ field: 'after', message: 'must be the id of the last entry of the previous page' }]);
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const entries: WatchlistEntries =
      list.kind === 'documents'
        ? { kind: 'documents', items: await this.repository.documents(id, options.after, limit) }
        : { kind: 'persons', items: await this.repository.persons(id, options.after, limit) };
    await this.audit.record(actor, {
      action: 'watchlist.entries',
      outcome: 'success',
      recordType: 'watchlist',
      recordId: id,
      recordAgencyId: list.ownerAgencyId,
      details: { after: options.after ?? null, returned: entries.items.length },
    });
    return entries;
  }
}

/** The import format a file most likely is: documents CSV for a documents list; FtM when the first line is a JSON object. */
export function detectFormat(kind: WatchlistKind, text: string): WatchlistImportFormat {
  if (kind === 'documents') return 'documents-csv';
  return stripBom(text).trimStart().startsWith('{') ? 'ftm-jsonl' : 'persons-csv';
}
