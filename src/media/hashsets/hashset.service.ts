/**
 * Hash sets ("banks"): named sets of known or ignorable files, owned by an agency and shared by
 * its choice, imported from and exported to the formats other tools use (ICSE CSV, Project VIC
 * VICS JSON, hash lists). An import is all-or-nothing unless `skipInvalid` is given; every bad
 * record is reported with its line.
 *
 *   const set = await hashSets.create(actor, { name: 'National known set', purpose: 'known', visibility: 'network' });
 *   await hashSets.import(actor, set.id, bytes, { format: 'icse-csv' });
 */
import type { Kysely } from 'kysely';
import { requireMember, type Actor } from '../../platform/access/actor.js';
import { visibilities, type Visibility } from '../../platform/access/roles.js';
import { assertMayChange, assertMayRead, assertOwner, orNotFound, viewerOf, type RecordPolicy } from '../../platform/access/visibility.js';
import { AgencyRepository } from '../../platform/agencies/agency.repository.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Database } from '../../platform/database/schema.js';
import { conflict, invalid, type FieldError } from '../../platform/errors.js';
import type { PdqIndexHolder } from '../match.service.js';
import {
  exportIcseCsv,
  exportMd5List,
  exportPdqList,
  exportSha1List,
  exportSha256List,
  exportVicsJson,
  hashSetFormats,
  parseHashSet,
  type ExportResult,
  type HashSetEntry,
  type HashSetFormat,
  type ParseIssue,
} from './formats/index.js';
import { HashSetRepository, type HashSet, type HashSetPurpose, type StoredEntry } from './hashset.repository.js';

export const hashSetPolicy: RecordPolicy = {
  table: 'hash_set',
  label: 'Hash set',
  readRoles: ['analyst', 'investigator'],
  changeRoles: ['analyst'],
};

export interface CreateHashSetInput {
  name: string;
  purpose: string;
  description?: string;
  visibility: string;
  sharedWith?: string[];
  /** The CLI (local operator) names the owning agency. */
  ownerAgencyId?: string;
}

export interface UpdateHashSetInput {
  name?: string;
  purpose?: string;
  description?: string;
  visibility?: string;
  sharedWith?: string[];
}

export interface ImportOutcome {
  format: HashSetFormat | 'unknown';
  variant?: string;
  imported: number;
  records: number;
  errors: ParseIssue[];
  warnings: ParseIssue[];
}

export type ExportFormat = HashSetFormat | 'vics-json-1.3';
const purposes: readonly HashSetPurpose[] = ['known', 'ignorable'];
const maxReportedIssues = 1000;

export class HashSetService {
  readonly repository: HashSetRepository;
  readonly #agencies: AgencyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditService,
    private readonly index: PdqIndexHolder,
  ) {
    this.repository = new HashSetRepository(db);
    this.#agencies = new AgencyRepository(db);
  }

  async list(actor: Actor): Promise<HashSet[]> {
    assertMayRead(actor, hashSetPolicy);
    return this.repository.listVisible(viewerOf(actor));
  }

  async get(actor: Actor, id: string): Promise<HashSet> {
    assertMayRead(actor, hashSetPolicy);
    const set = orNotFound(await this.repository.findVisible(viewerOf(actor), id), hashSetPolicy);
    await this.audit.record(actor, {
      action: 'hashset.read',
      outcome: 'success',
      recordType: 'hash_set',
      recordId: id,
      recordAgencyId: set.ownerAgencyId,
    });
    return set;
  }

  async create(actor: Actor, input: CreateHashSetInput): Promise<HashSet> {
    assertMayChange(actor, hashSetPolicy);
    const ownerAgencyId = actor.type === 'system' ? input.ownerAgencyId : requireMember(actor).agencyId;
    const problems: FieldError[] = [];
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) problems.push({ field: 'name', message: 'must be 1 to 200 characters' });
    if (!(purposes as readonly string[]).includes(input.purpose))
      problems.push({ field: 'purpose', message: `must be one of ${purposes.join(', ')}` });
    if (!(visibilities as readonly string[]).includes(input.visibility))
      problems.push({ field: 'visibility', message: `must be one of ${visibilities.join(', ')}` });
    const sharedWith = input.sharedWith ?? [];
    if (input.visibility === 'shared' && sharedWith.length === 0)
      problems.push({ field: 'sharedWith', message: 'names at least one agency when visibility is shared' });
    const missing = await this.#agencies.missing(sharedWith);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    if (ownerAgencyId === undefined || (await this.#agencies.find(ownerAgencyId)) === undefined)
      problems.push({ field: 'ownerAgencyId', message: 'no such agency' });
    if (problems.length > 0) throw invalid('The hash set is not valid', problems);
    if (await this.repository.findByName(ownerAgencyId!, name)) throw conflict(`Your agency already has a hash set named "${name}"`);
    const id = await this.db.transaction().execute(async (trx) => {
      const created = await this.repository.insert(trx, {
        ownerAgencyId: ownerAgencyId!,
        visibility: input.visibility as Visibility,
        sharedWith,
        name,
        purpose: input.purpose as HashSetPurpose,
        description: input.description?.trim() ?? '',
        createdBy: actor.type === 'user' ? actor.id : null,
      });
      await this.audit.record(
        actor,
        {
          action: 'hashset.create',
          outcome: 'success',
          recordType: 'hash_set',
          recordId: created,
          recordAgencyId: ownerAgencyId!,
          details: { name, purpose: input.purpose, visibility: input.visibility },
        },
        trx,
      );
      return created;
    });
    return (await this.repository.findVisible('all', id))!;
  }

  /** Renames, re-describes, re-purposes or re-shares a set (owning agency only). */
  async update(actor: Actor, id: string, input: UpdateHashSetInput): Promise<HashSet> {
    assertMayChange(actor, hashSetPolicy);
    const set = orNotFound(await this.repository.findVisible(viewerOf(actor), id), hashSetPolicy);
    assertOwner(actor, hashSetPolicy, set.ownerAgencyId);
    const problems: FieldError[] = [];
    const name = input.name?.trim();
    if (name !== undefined && (name.length < 1 || name.length > 200))
      problems.push({ field: 'name', message: 'must be 1 to 200 characters' });
    if (input.purpose !== undefined && !(purposes as readonly string[]).includes(input.purpose))
      problems.push({ field: 'purpose', message: `must be one of ${purposes.join(', ')}` });
    if (input.visibility !== undefined && !(visibilities as readonly string[]).includes(input.visibility))
      problems.push({ field: 'visibility', message: `must be one of ${visibilities.join(', ')}` });
    const visibility = (input.visibility ?? set.visibility) as Visibility;
    const sharedWith = input.sharedWith ?? set.sharedWith;
    if (visibility === 'shared' && sharedWith.length === 0)
      problems.push({ field: 'sharedWith', message: 'names at least one agency when visibility is shared' });
    const missing = await this.#agencies.missing(input.sharedWith ?? []);
    if (missing.length > 0) problems.push({ field: 'sharedWith', message: `no such agency: ${missing.join(', ')}` });
    if (problems.length > 0) throw invalid('The change is not valid', problems);
    if (name !== undefined && name !== set.name && (await this.repository.findByName(set.ownerAgencyId, name)))
      throw conflict(`Your agency already has a hash set named "${name}"`);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.update(trx, set, {
        ...(name !== undefined && { name }),
        ...(input.purpose !== undefined && { purpose: input.purpose as HashSetPurpose }),
        ...(input.description !== undefined && { description: input.description.trim() }),
        ...(input.visibility !== undefined && { visibility }),
        ...(input.sharedWith !== undefined && { sharedWith: input.sharedWith }),
      });
      await this.audit.record(
        actor,
        {
          action: 'hashset.update',
          outcome: 'success',
          recordType: 'hash_set',
          recordId: id,
          recordAgencyId: set.ownerAgencyId,
          details: { fields: Object.keys(input) },
        },
        trx,
      );
    });
    return (await this.repository.findVisible('all', id))!;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    assertMayChange(actor, hashSetPolicy);
    const set = orNotFound(await this.repository.findVisible(viewerOf(actor), id), hashSetPolicy);
    assertOwner(actor, hashSetPolicy, set.ownerAgencyId);
    const { before, after, removed } = await this.db.transaction().execute(async (trx) => {
      const pdq = await this.repository.pdqEntryIds(trx, id);
      const versionBefore = await this.repository.pdqVersion(trx);
      await this.repository.delete(trx, id);
      const versionAfter = await this.repository.bumpPdqVersion(trx);
      await this.audit.record(
        actor,
        {
          action: 'hashset.delete',
          outcome: 'success',
          recordType: 'hash_set',
          recordId: id,
          recordAgencyId: set.ownerAgencyId,
          details: { name: set.name, entries: set.entryCount },
        },
        trx,
      );
      return { before: versionBefore, after: versionAfter, removed: pdq.map((e) => e.id) };
    });
    this.index.applied({ removed }, before, after);
  }

  /** Parses and stores entries; refuses the whole input on any bad record unless `skipInvalid`. */
  async import(
    actor: Actor,
    id: string,
    bytes: Uint8Array,
    options: { format?: HashSetFormat; skipInvalid?: boolean } = {},
  ): Promise<ImportOutcome> {
    assertMayChange(actor, hashSetPolicy);
    const set = orNotFound(await this.repository.findVisible(viewerOf(actor), id), hashSetPolicy);
    assertOwner(actor, hashSetPolicy, set.ownerAgencyId);
    if (options.format !== undefined && !(hashSetFormats as readonly string[]).includes(options.format)) {
      throw invalid(`Unknown format ${options.format}`, [{ field: 'format', message: `must be one of ${hashSetFormats.join(', ')}` }]);
    }
    const parsed = parseHashSet(bytes, options.format);
    const outcome: ImportOutcome = {
      format: parsed.format,
      ...(parsed.variant !== undefined && { variant: parsed.variant }),
      imported: 0,
      records: parsed.records,
      errors: parsed.errors.slice(0, maxReportedIssues),
      warnings: parsed.warnings.slice(0, maxReportedIssues),
    };
    if (parsed.format === 'unknown') {
      throw invalid('The file is in no format Vigil reads (ICSE CSV, VICS JSON 1.3/2.0, PDQ, MD5, SHA-1 or SHA-256 lists)', [
        { field: 'file', message: parsed.errors[0]?.message ?? 'unknown format' },
      ]);
    }
    if (parsed.errors.length > 0 && options.skipInvalid !== true) {
      const fieldErrors = outcome.errors
        .slice(0, 100)
        .map((e) => ({ field: `line ${e.line}${e.path ? ` (${e.path})` : ''}`, message: e.message }));
      throw invalid(
        `${parsed.errors.length} record(s) are not valid; nothing was imported (use skip-invalid to import the rest)`,
        fieldErrors,
      );
    }
    let duplicates = 0;
    const { before, after, added } = await this.db.transaction().execute(async (trx) => {
      // Importing the same file twice adds nothing: entries the set already holds are skipped.
      const repeated = await this.repository.duplicates(trx, id, parsed.entries);
      const fresh = parsed.entries.filter((_entry, index) => !repeated.has(index));
      duplicates = repeated.size;
      const versionBefore = await this.repository.pdqVersion(trx);
      const ids = await this.repository.insertEntries(trx, id, fresh);
      const pdq = fresh.flatMap((entry, i) => (entry.pdq === undefined ? [] : [{ id: ids[i]!, pdq: entry.pdq }]));
      const versionAfter = pdq.length > 0 ? await this.repository.bumpPdqVersion(trx) : versionBefore;
      await this.audit.record(
        actor,
        {
          action: 'hashset.import',
          outcome: 'success',
          recordType: 'hash_set',
          recordId: id,
          recordAgencyId: set.ownerAgencyId,
          details: { format: parsed.format, imported: ids.length, skipped: parsed.errors.length, duplicates: repeated.size },
        },
        trx,
      );
      return { before: versionBefore, after: versionAfter, added: pdq };
    });
    if (added.length > 0) this.index.applied({ added }, before, after);
    const duplicateWarning = {
      line: 0,
      message: `${duplicates} entr${duplicates === 1 ? 'y is' : 'ies are'} already in the set and were skipped`,
    };
    return {
      ...outcome,
      imported: parsed.entries.length - duplicates,
      warnings: duplicates > 0 ? [duplicateWarning, ...outcome.warnings] : outcome.warnings,
    };
  }

  /** The whole set in one exchange format. */
  async export(actor: Actor, id: string, format: ExportFormat): Promise<ExportResult & { fileName: string; contentType: string }> {
    assertMayRead(actor, hashSetPolicy);
    const set = orNotFound(await this.repository.findVisible(viewerOf(actor), id), hashSetPolicy);
    const entries: HashSetEntry[] = [];
    for (let after = 0; ;) {
      const page = await this.repository.entries(id, after, 10_000);
      entries.push(...page.map(exchangeFields));
      if (page.length < 10_000) break;
      after = page.at(-1)!.id;
    }
    const result = exportAs(format, entries, set.name);
    await this.audit.record(actor, {
      action: 'hashset.export',
      outcome: 'success',
      recordType: 'hash_set',
      recordId: id,
      recordAgencyId: set.ownerAgencyId,
      details: { format, written: result.written },
    });
    const extension = format.startsWith('vics-json') ? 'json' : format === 'icse-csv' ? 'csv' : 'txt';
    const safeName = set.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'hash-set';
    return {
      ...result,
      fileName: `${safeName}.${format}.${extension}`,
      contentType: extension === 'json' ? 'application/json' : extension === 'csv' ? 'text/csv' : 'text/plain',
    };
  }

  async entries(actor: Actor, id: string, afterId: number, limit: number): Promise<StoredEntry[]> {
    assertMayRead(actor, hashSetPolicy);
    orNotFound(await this.repository.findVisible(viewerOf(actor), id), hashSetPolicy);
    return this.repository.entries(id, afterId, Math.min(Math.max(limit, 1), 1000));
  }
}

function exchangeFields(entry: StoredEntry): HashSetEntry {
  const { id: _id, hashSetId: _set, ...fields } = entry;
  return fields;
}

function exportAs(format: ExportFormat, entries: HashSetEntry[], name: string): ExportResult {
  switch (format) {
    case 'icse-csv':
      return exportIcseCsv(entries);
    case 'vics-json':
      return exportVicsJson(entries, { version: '2.0', caseNumber: name });
    case 'vics-json-1.3':
      return exportVicsJson(entries, { version: '1.3', caseNumber: name });
    case 'pdq-list':
      return exportPdqList(entries);
    case 'md5-list':
      return exportMd5List(entries);
    case 'sha1-list':
      return exportSha1List(entries);
    case 'sha256-list':
      return exportSha256List(entries);
  }
}
