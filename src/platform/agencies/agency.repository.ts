/** SQL for agencies. */
import type { Kysely, Transaction } from 'kysely';
import type { AgencyRow, Database } from '../database/schema.js';
import type { AgencyKind } from '../access/roles.js';

export interface Agency {
  id: string;
  name: string;
  country: string;
  kind: AgencyKind;
  isOperator: boolean;
  createdAt: Date;
}

export interface NewAgency {
  name: string;
  country: string;
  kind: AgencyKind;
  isOperator?: boolean;
}

type Executor = Kysely<Database> | Transaction<Database>;

export class AgencyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Agency[]> {
    const rows = await this.db.selectFrom('agency').selectAll().orderBy('name').execute();
    return rows.map(toAgency);
  }

  async find(id: string): Promise<Agency | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAgency(row);
  }

  async findByName(name: string): Promise<Agency | undefined> {
    const row = await this.db.selectFrom('agency').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toAgency(row);
  }

  /** Ids among `ids` that name no agency. */
  async missing(ids: readonly string[]): Promise<string[]> {
    const valid = ids.filter(isUuid);
    const found = valid.length === 0 ? [] : await this.db.selectFrom('agency').select('id').where('id', 'in', valid).execute();
    const known = new Set(found.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  async insert(db: Executor, agency: NewAgency): Promise<Agency> {
    const row = await db
      .insertInto('agency')
      .values({ name: agency.name, country: agency.country, kind: agency.kind, is_operator: agency.isOperator ?? false })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAgency(row);
  }

  async hasOperator(): Promise<boolean> {
    const row = await this.db.selectFrom('agency').select('id').where('is_operator', '=', true).executeTakeFirst();
    return row !== undefined;
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function toAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    kind: row.kind as AgencyKind,
    isOperator: row.is_operator,
    createdAt: row.created_at,
  };
}
