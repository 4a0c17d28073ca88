/**
 * The audit trail: an append-only, hash-chained log of who did what to which record, when, from
 * where and with what outcome (denials included).
 *
 *   await audit.record(actor, { action: 'case.read', recordType: 'case', recordId, outcome: 'success' });
 *   const result = await audit.verify(); // { ok, checked, firstBroken }
 */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import { requireMember } from '../access/actor.js';
import type { Database } from '../database/schema.js';
import { forbidden, isAppError } from '../errors.js';
import { verifyBatch, genesisHash, type ChainBreak } from './chain.js';
import { AuditRepository, type AuditEvent, type AuditFilter } from './audit.repository.js';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  reason?: string;
  recordType?: string;
  recordId?: string;
  /** The agency that owns the record, so its auditors see who touched it. */
  recordAgencyId?: string;
  details?: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken: ChainBreak | null;
}

export type ExportFormat = 'csv' | 'jsonl';

const exportColumns = [
  'seq',
  'at',
  'actorType',
  'actorId',
  'actorName',
  'agencyId',
  'action',
  'recordType',
  'recordId',
  'recordAgencyId',
  'outcome',
  'reason',
  'ip',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;

/** Entries appended in one transaction at most (a group commit). */
const GROUP_COMMIT_LIMIT = 500;

interface Waiting {
  readonly content: Parameters<AuditRepository['append']>[1];
  readonly resolve: (event: AuditEvent) => void;
  readonly reject: (error: unknown) => void;
}

export class AuditService {
  readonly #repository: AuditRepository;
  readonly #waiting: Waiting[] = [];
  #flushing = false;

  constructor(private readonly db: Kysely<Database>) {
    this.#repository = new AuditRepository(db);
  }

  /**
   * Appends one entry. Pass the caller's transaction to commit the entry with the change it
   * describes. Without one, entries recorded while another append is committing wait and are
   * committed together in the next transaction (a group commit: under load, one head lock and one
   * insert for many entries); either way the promise resolves only once the entry is committed.
   */
  /** Runs a check; a denial (forbidden or not found) is audited before it is rethrown. */
  async guard<T>(
    actor: Actor,
    denial: { action: string; recordType: string; recordId?: string | undefined },
    check: () => T | Promise<T>,
  ): Promise<T> {
    try {
      return await check();
    } catch (error) {
      if (isAppError(error) && (error.code === 'forbidden' || error.code === 'not_found')) {
        await this.record(actor, {
          action: denial.action,
          outcome: 'denied',
          reason: error.code,
          recordType: denial.recordType,
          ...(denial.recordId !== undefined && { recordId: denial.recordId.slice(0, 100) }),
        });
      }
      throw error;
    }
  }

  async record(actor: Actor, entry: AuditEntry, trx?: Transaction<Database>): Promise<AuditEvent> {
    const content = {
      at: new Date().toISOString(),
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      agencyId: actor.agencyId,
      action: entry.action,
      recordType: entry.recordType ?? null,
      recordId: entry.recordId ?? null,
      recordAgencyId: entry.recordAgencyId ?? null,
      outcome: entry.outcome,
      reason: entry.reason ?? null,
      ip: actor.ip,
      requestId: actor.requestId,
      details: entry.details ?? {},
    };
    if (trx !== undefined) return this.#repository.append(trx, content);
    return new Promise<AuditEvent>((resolve, reject) => {
      this.#waiting.push({ content, resolve, reject });
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#waiting.length > 0) {
        const batch = this.#waiting.splice(0, GROUP_COMMIT_LIMIT);
        try {
          const events = await this.db.transaction().execute((own) =>
            this.#repository.appendMany(
              own,
              batch.map((w) => w.content),
            ),
          );
          batch.forEach((waiting, i) => waiting.resolve(events[i]!));
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  /** Walks the whole chain in order; names the first broken entry. */
  async verify(batchSize = 5000): Promise<VerifyResult> {
    const head = await this.#repository.head();
    let state = { seq: 0, hash: genesisHash };
    let checked = 0;
    for (;;) {
      const batch = await this.#repository.readChain(state.seq, batchSize);
      if (batch.length === 0) break;
      const result = verifyBatch(state, batch);
      if (!result.ok) return { ok: false, checked, headSeq: head.seq, firstBroken: result.broken };
      checked += batch.length;
      state = result.state;
      if (batch.length < batchSize) break;
    }
    if (state.seq !== head.seq || state.hash !== head.hash) {
      const problem = state.seq < head.seq ? 'the chain ends before its recorded head' : 'sequence gap or reordering';
      return { ok: false, checked, headSeq: head.seq, firstBroken: { seq: state.seq + 1, problem } };
    }
    return { ok: true, checked, headSeq: head.seq, firstBroken: null };
  }

  /** Search for auditors (their agency's events) and for the operator agency (everything). */
  async search(actor: Actor, filter: AuditFilter, limit = 100): Promise<AuditEvent[]> {
    return this.#repository.search(this.#scoped(actor, filter), Math.min(Math.max(limit, 1), 1000));
  }

  /** Streams matching events, newest first, as CSV or JSON Lines. */
  async *export(actor: Actor, filter: AuditFilter, format: ExportFormat): AsyncGenerator<string> {
    const scoped = this.#scoped(actor, filter);
    if (format === 'csv') yield exportColumns.join(',') + '\n';
    let before = scoped.before;
    for (;;) {
      const page = await this.#repository.search({ ...scoped, before }, 1000);
      for (const event of page) {
        yield format === 'csv' ? csvLine(event) : JSON.stringify(event) + '\n';
      }
      if (page.length < 1000) break;
      before = page.at(-1)!.seq;
    }
  }

  /** Verification is open to auditors and admins; the CLI (system actor) may always. */
  assertMayVerify(actor: Actor): void {
    if (actor.type === 'system') return;
    const member = requireMember(actor);
    if (!member.roles.includes('auditor') && !member.roles.includes('admin'))
      throw forbidden('Verifying the audit chain needs the auditor or admin role');
  }

  #scoped(actor: Actor, filter: AuditFilter): AuditFilter {
    if (actor.type === 'system') return filter;
    const member = requireMember(actor);
    const isAuditor = member.roles.includes('auditor');
    const isOperatorAdmin = member.agencyIsOperator && member.roles.includes('admin');
    if (!isAuditor && !isOperatorAdmin) throw forbidden('The audit log needs the auditor role');
    return member.agencyIsOperator ? filter : { ...filter, agencyScope: member.agencyId };
  }
}

function csvLine(event: AuditEvent): string {
  return exportColumns.map((column) => csvField(event[column])).join(',') + '\n';
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // A leading = + - @ would make spreadsheets evaluate the cell: quote it as text.
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
