/** Watchlists of persons and of stolen, lost or revoked travel documents, and the screening revision counter. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watchlist')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('agency', 'shared', 'network', 'public')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('persons', 'documents')`))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('entry_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('watchlist_owner_name_key', ['owner_agency_id', 'name'])
    .execute();

  await db.schema
    .createTable('watchlist_person')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('watchlist_id', 'uuid', (c) => c.notNull().references('watchlist.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    // Names in any script, aliases included: a JSON array of strings.
    .addColumn('names', 'jsonb', (c) => c.notNull())
    .addColumn('weak_names', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Partial dates and ranges as `PartialDate` objects ({year, month?, day?} or {from, to}).
    .addColumn('birth_dates', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('nationalities', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('sex', 'text', (c) => c.check(sql`sex in ('F', 'M', 'X')`))
    // Identity documents: [{ number, country? }].
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('reason', 'text', (c) => c.check(sql`reason in ('wanted', 'missing', 'victim', 'other')`))
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('notes', 'text')
    // The notice this entry was made from (notices fill it in).
    .addColumn('source_notice_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('watchlist_person_external_key', ['watchlist_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('travel_document')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('watchlist_id', 'uuid', (c) => c.notNull().references('watchlist.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    // normaliseDocumentNumber(number): separators dropped, O/I/S/B folded to 0/1/5/8.
    .addColumn('number_key', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('document_type', 'text', (c) => c.notNull().check(sql`document_type in ('passport', 'id_card', 'visa', 'other')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('stolen', 'lost', 'revoked')`))
    .addColumn('reported_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('travel_document_external_key', ['watchlist_id', 'external_id'])
    .execute();
  await db.schema.createIndex('travel_document_number_key_idx').on('travel_document').column('number_key').execute();

  // One row, bumped by every change to watchlists or their entries, so that each process's
  // in-memory screening index can tell that it must rebuild.
  await db.schema
    .createTable('screening_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('screening_revision').values({ id: 1, revision: 0 }).execute();
}
