/**
 * Persons of interest (FollowTheMoney `Person`): an agency-owned record with the platform's
 * visibility (agency, shared with named agencies, network), optionally filed under a case; and the
 * many-to-many link between dark web accounts and persons, with who linked them, when and why.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('agency', 'shared', 'network')`))
    .addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('birth_date', 'date')
    // ISO 3166-1 alpha-3.
    .addColumn('nationality', 'text', (c) => c.check(sql`nationality ~ '^[A-Z]{3}$'`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('person_owner_idx').on('person').columns(['owner_agency_id', 'updated_at']).execute();

  await db.schema
    .createTable('darkweb_account_person')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('darkweb_account.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('basis', 'text')
    .addColumn('linked_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('darkweb_account_person_pk', ['account_id', 'person_id'])
    .execute();
  await db.schema.createIndex('darkweb_account_person_person_idx').on('darkweb_account_person').columns(['person_id']).execute();
}
