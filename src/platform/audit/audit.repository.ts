/** SQL of the audit trail: append under the head-row lock, search, and ordered reads for verify. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEventRow, Database } from '../database/schema.js';
import { chainHash, genesisHash, type ChainedContent, type StoredEntry } from './chain.js';

export interface AuditEvent extends ChainedContent {
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  recordType?: string;
  recordId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  /** Only events by or about this agency (auditors outside the operator agency). */
  agencyScope?: string;
  /** Only events with seq below this (paging, newest first). */
  before?: number;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends one entry; must run inside a transaction so the head lock holds until commit. */
  async append(trx: Transaction<Database>, content: Omit<ChainedContent, 'seq'>): Promise<AuditEvent> {
    const [event] = await this.appendMany(trx, [content]);
    return event!;
  }

  /** Appends entries in order, chained, with one head lock and one insert; inside a transaction. */
  async appendMany(trx: Transaction<Database>, contents: readonly Omit<ChainedContent, 'seq'>[]): Promise<AuditEvent[]> {
    const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    let seq = Number(head.seq);
    let previous = head.hash;
    const events: AuditEvent[] = contents.map((content) => {
      const full: ChainedContent = { ...content, seq: ++seq };
      const hash = chainHash(previous, full);
      const event = { ...full, prevHash: previous, hash };
      previous = hash;
      return event;
    });
    // One statement inserts the entries and moves the head (a data-modifying CTE): one round trip less per group.
    await trx
      .with('inserted', (db) =>
        db.insertInto('audit_event').values(
          events.map((full) => ({
            seq: full.seq,
            at: full.at,
            actor_type: full.actorType,
            actor_id: full.actorId,
            actor_name: full.actorName,
            agency_id: full.agencyId,
            action: full.action,
            record_type: full.recordType,
            record_id: full.recordId,
            record_agency_id: full.recordAgencyId,
            outcome: full.outcome,
            reason: full.reason,
            ip: full.ip,
            request_id: full.requestId,
            details: JSON.stringify(full.details ?? {}),
            prev_hash: full.prevHash,
            hash: full.hash,
          })),
        ),
      )
      .updateTable('audit_head')
      .set({ seq, hash: previous })
      .where('id', '=', 1)
      .execute();
    return events;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const row = await this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: genesisHash };
  }

  /** Entries with seq > after, in stored order by seq, for verification. */
  async readChain(after: number, limit: number): Promise<StoredEntry[]> {
    const rows = await this.db.selectFrom('audit_event').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
    return rows.map((row) => {
      const event = toEvent(row);
      return { content: contentOf(event), prevHash: event.prevHash, hash: event.hash };
    });
  }

  async search(filter: AuditFilter, limit: number): Promise<AuditEvent[]> {
    let query = this.db.selectFrom('audit_event').selectAll();
    if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (filter.actor) query = query.where((eb) => eb.or([eb('actor_name', '=', filter.actor!), eb('actor_id', '=', filter.actor!)]));
    if (filter.recordType) query = query.where('record_type', '=', filter.recordType);
    if (filter.recordId) query = query.where('record_id', '=', filter.recordId);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.to) query = query.where('at', '<', filter.to);
    if (filter.before !== undefined) query = query.where('seq', '<', filter.before);
    if (filter.agencyScope) {
      const agency = filter.agencyScope;
      query = query.where((eb) => eb.or([eb('agency_id', '=', agency), eb('record_agency_id', '=', agency)]));
    }
    const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toEvent);
  }

  /** Test and repair tooling only: bypasses the append-only trigger inside one transaction. */
  async withTriggersDisabled<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`alter table audit_event disable trigger user`.execute(trx);
      const result = await fn(trx);
      await sql`alter table audit_event enable trigger user`.execute(trx);
      return result;
    });
  }
}

function toEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    agencyId: row.agency_id,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    recordAgencyId: row.record_agency_id,
    outcome: row.outcome,
    reason: row.reason,
    ip: row.ip,
    requestId: row.request_id,
    details: row.details ?? {},
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function contentOf(event: AuditEvent): ChainedContent {
  const { prevHash: _prev, hash: _hash, ...content } = event;
  return content;
}
