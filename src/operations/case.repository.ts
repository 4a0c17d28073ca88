/** SQL for case files. Every read goes through `visibleTo`: an invisible case is never loaded. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { mapWithShares, replaceShares, visibleTo, type Viewer } from '../platform/access/visibility.js';
import type { Visibility } from '../platform/access/roles.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import type { CaseFileRow, Database } from '../platform/database/schema.js';

export interface CaseFile {
  id: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  visibility: Visibility;
  sharedWith: string[];
  reference: string;
  title: string;
  summary: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewCaseFile {
  ownerAgencyId: string;
  visibility: Visibility;
  sharedWith: string[];
  reference: string;
  title: string;
  summary: string;
  createdBy: string | null;
}

export type CaseFileChanges = Partial<Pick<NewCaseFile, 'visibility' | 'sharedWith' | 'title' | 'summary'>>;

type Executor = Kysely<Database> | Transaction<Database>;

export class CaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listVisible(viewer: Viewer, limit = 500): Promise<CaseFile[]> {
    const rows = await this.#visible(this.db, viewer).orderBy('case_file.updated_at', 'desc').limit(limit).execute();
    return this.#withShares(this.db, rows);
  }

  /** Whether the case exists and the agency may see it (for filing sites, accounts and persons under it). */
  async isVisibleTo(agencyId: string, caseId: string): Promise<boolean> {
    return isUuid(caseId) && (await this.findVisible({ agencyId }, caseId)) !== undefined;
  }

  async findVisible(viewer: Viewer, id: string, db: Executor = this.db): Promise<CaseFile | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(db, viewer).where('case_file.id', '=', id).executeTakeFirst();
    return row && (await this.#withShares(db, [row]))[0];
  }

  /** A visible case by its id or its reference (references are unique within an agency, so own cases win). */
  async findVisibleByIdOrReference(viewer: Viewer, idOrReference: string): Promise<CaseFile | undefined> {
    if (isUuid(idOrReference)) return this.findVisible(viewer, idOrReference);
    let query = this.#visible(this.db, viewer).where('case_file.reference', '=', idOrReference);
    if (viewer !== 'all') query = query.orderBy(sql`case_file.owner_agency_id = ${viewer.agencyId}`, 'desc');
    const row = await query.orderBy('case_file.created_at').executeTakeFirst();
    return row && (await this.#withShares(this.db, [row]))[0];
  }

  /** Locks a visible case for a change inside `trx`. */
  async lockVisible(trx: Transaction<Database>, viewer: Viewer, id: string): Promise<CaseFile | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(trx, viewer).where('case_file.id', '=', id).forUpdate('case_file').executeTakeFirst();
    return row && (await this.#withShares(trx, [row]))[0];
  }

  async insert(trx: Transaction<Database>, input: NewCaseFile): Promise<string> {
    const { id } = await trx
      .insertInto('case_file')
      .values({
        owner_agency_id: input.ownerAgencyId,
        visibility: input.visibility,
        reference: input.reference,
        title: input.title,
        summary: input.summary,
        created_by: input.createdBy,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceShares(trx, 'case_file', id, input.visibility, input.sharedWith);
    return id;
  }

  async update(trx: Transaction<Database>, current: CaseFile, changes: CaseFileChanges): Promise<void> {
    await trx
      .updateTable('case_file')
      .set({
        ...(changes.title !== undefined && { title: changes.title }),
        ...(changes.summary !== undefined && { summary: changes.summary }),
        ...(changes.visibility !== undefined && { visibility: changes.visibility }),
        updated_at: new Date(),
      })
      .where('id', '=', current.id)
      .execute();
    if (changes.visibility !== undefined || changes.sharedWith !== undefined) {
      await replaceShares(trx, 'case_file', current.id, changes.visibility ?? current.visibility, changes.sharedWith ?? current.sharedWith);
    }
  }

  /** The next free reference of an agency's cases: `NLD-2026-0001`. */
  async nextReference(trx: Transaction<Database>, agencyId: string, country: string, year: number): Promise<string> {
    const prefix = `${country}-${year}-`;
    const row = await trx
      .selectFrom('case_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_agency_id', '=', agencyId)
      .where('reference', 'like', `${prefix}%`)
      .executeTakeFirstOrThrow();
    return `${prefix}${String(Number(row.n) + 1).padStart(4, '0')}`;
  }

  #visible(db: Executor, viewer: Viewer) {
    return db
      .selectFrom('case_file')
      .innerJoin('agency', 'agency.id', 'case_file.owner_agency_id')
      .selectAll('case_file')
      .select('agency.name as owner_agency_name')
      .where(visibleTo('case_file', viewer));
  }

  async #withShares(db: Executor, rows: (CaseFileRow & { owner_agency_name: string })[]): Promise<CaseFile[]> {
    return mapWithShares(db, 'case_file', rows, (row, sharedWith) => ({
      id: row.id,
      ownerAgencyId: row.owner_agency_id,
      ownerAgencyName: row.owner_agency_name,
      visibility: row.visibility as Visibility,
      sharedWith,
      reference: row.reference,
      title: row.title,
      summary: row.summary,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}
