/**
 * SQL for persons of interest. Every read goes through `visibleTo`: an invisible person is never
 * loaded. The dark web accounts linked to a person are read only on sites the viewer may see.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { mapWithShares, replaceShares, visibleTo, type Viewer } from '../platform/access/visibility.js';
import type { Visibility } from '../platform/access/roles.js';
import { isUuid } from '../platform/agencies/agency.repository.js';
import type { Database } from '../platform/database/schema.js';

export type PersonVisibility = Extract<Visibility, 'agency' | 'shared' | 'network'>;

export interface Person {
  id: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  visibility: PersonVisibility;
  sharedWith: string[];
  caseId: string | null;
  name: string;
  aliases: string[];
  /** ISO date, `1984-02-29`. */
  birthDate: string | null;
  /** ISO 3166-1 alpha-3. */
  nationality: string | null;
  notes: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A dark web account linked to a person, as the person's page lists it. */
export interface LinkedAccount {
  id: string;
  siteId: string;
  siteName: string;
  kind: string;
  value: string;
  basis: string | null;
  linkedAt: Date;
}

export type NewPerson = Omit<Person, 'id' | 'ownerAgencyName' | 'createdAt' | 'updatedAt'>;

export type PersonChanges = Partial<Omit<NewPerson, 'ownerAgencyId' | 'createdBy'>>;

type Executor = Kysely<Database> | Transaction<Database>;

export class PersonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Visible persons, the most recently changed first; `q` matches part of the name or of an alias. */
  async listVisible(viewer: Viewer, options: { q?: string; limit: number }): Promise<Person[]> {
    let query = this.#visible(this.db, viewer);
    const q = options.q?.trim();
    if (q !== undefined && q !== '')
      query = query.where(
        sql<boolean>`(position(lower(${q}) in lower(person.name)) > 0
          or exists (select 1 from unnest(person.aliases) alias where position(lower(${q}) in lower(alias)) > 0))`,
      );
    const rows = await query.orderBy('person.updated_at', 'desc').orderBy('person.id').limit(options.limit).execute();
    return this.#withShares(this.db, rows);
  }

  async findVisible(viewer: Viewer, id: string, db: Executor = this.db): Promise<Person | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(db, viewer).where('person.id', '=', id).executeTakeFirst();
    return row && (await this.#withShares(db, [row]))[0];
  }

  /** Locks a visible person for a change inside `trx`. */
  async lockVisible(trx: Transaction<Database>, viewer: Viewer, id: string): Promise<Person | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#visible(trx, viewer).where('person.id', '=', id).forUpdate('person').executeTakeFirst();
    return row && (await this.#withShares(trx, [row]))[0];
  }

  async insert(trx: Transaction<Database>, input: NewPerson): Promise<string> {
    const { id } = await trx
      .insertInto('person')
      .values({
        owner_agency_id: input.ownerAgencyId,
        visibility: input.visibility,
        case_id: input.caseId,
        name: input.name,
        aliases: input.aliases,
        birth_date: input.birthDate,
        nationality: input.nationality,
        notes: input.notes,
        created_by: input.createdBy,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceShares(trx, 'person', id, input.visibility, input.sharedWith);
    return id;
  }

  async update(trx: Transaction<Database>, current: Person, changes: PersonChanges): Promise<void> {
    await trx
      .updateTable('person')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.aliases !== undefined && { aliases: changes.aliases }),
        ...(changes.birthDate !== undefined && { birth_date: changes.birthDate }),
        ...(changes.nationality !== undefined && { nationality: changes.nationality }),
        ...(changes.notes !== undefined && { notes: changes.notes }),
        ...(changes.caseId !== undefined && { case_id: changes.caseId }),
        ...(changes.visibility !== undefined && { visibility: changes.visibility }),
        updated_at: new Date(),
      })
      .where('id', '=', current.id)
      .execute();
    if (changes.visibility !== undefined || changes.sharedWith !== undefined) {
      await replaceShares(trx, 'person', current.id, changes.visibility ?? current.visibility, changes.sharedWith ?? current.sharedWith);
    }
  }

  /** The accounts linked to a person, on sites the viewer may see, by site and value. */
  async linkedAccounts(personId: string, viewer: Viewer): Promise<LinkedAccount[]> {
    const rows = await this.db
      .selectFrom('darkweb_account_person as l')
      .innerJoin('darkweb_account as a', 'a.id', 'l.account_id')
      .innerJoin('darkweb_site', 'darkweb_site.id', 'a.site_id')
      .select(['a.id', 'a.site_id', 'darkweb_site.name as site_name', 'a.kind', 'a.value', 'l.basis', 'l.linked_at'])
      .where('l.person_id', '=', personId)
      .where(visibleTo('darkweb_site', viewer))
      .orderBy('darkweb_site.name')
      .orderBy('a.kind')
      .orderBy('a.value')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      siteName: r.site_name,
      kind: r.kind,
      value: r.value,
      basis: r.basis,
      linkedAt: r.linked_at,
    }));
  }

  #visible(db: Executor, viewer: Viewer) {
    return db
      .selectFrom('person')
      .innerJoin('agency', 'agency.id', 'person.owner_agency_id')
      .select([
        'person.id',
        'person.owner_agency_id',
        'person.visibility',
        'person.case_id',
        'person.name',
        'person.aliases',
        'person.nationality',
        'person.notes',
        'person.created_by',
        'person.created_at',
        'person.updated_at',
        'agency.name as owner_agency_name',
      ])
      .select(sql<string | null>`to_char(person.birth_date, 'YYYY-MM-DD')`.as('birth_date'))
      .where(visibleTo('person', viewer));
  }

  async #withShares(
    db: Executor,
    rows: readonly {
      id: string;
      owner_agency_id: string;
      owner_agency_name: string;
      visibility: string;
      case_id: string | null;
      name: string;
      aliases: string[];
      birth_date: string | null;
      nationality: string | null;
      notes: string;
      created_by: string | null;
      created_at: Date;
      updated_at: Date;
    }[],
  ): Promise<Person[]> {
    return mapWithShares(db, 'person', rows, (row, sharedWith) => ({
      id: row.id,
      ownerAgencyId: row.owner_agency_id,
      ownerAgencyName: row.owner_agency_name,
      visibility: row.visibility as PersonVisibility,
      sharedWith,
      caseId: row.case_id,
      name: row.name,
      aliases: row.aliases,
      birthDate: row.birth_date,
      nationality: row.nationality,
      notes: row.notes,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}
