/**
 * Border operations: the operation (an owned record; participating agencies are its shares),
 * its checkpoints, every check recorded within it, the hits of those checks with their review,
 * and the adjudication memory (a dismissed traveller × entry is not raised again).
 *
 * `list_id` and `entry_id` name watchlist rows (0003) without foreign keys: a hit stays on record
 * when its list is deleted, with the snapshot of the entry taken when it was raised.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('border_operation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('agency', 'shared', 'network', 'public')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned', 'active', 'closed')`))
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('border_operation_owner_name_key', ['owner_agency_id', 'name'])
    .execute();

  await db.schema
    .createTable('checkpoint')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operation_id', 'uuid', (c) => c.notNull().references('border_operation.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('border_type', 'text', (c) => c.notNull().check(sql`border_type in ('air', 'land', 'sea')`))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('checkpoint_operation_name_key', ['operation_id', 'name'])
    .execute();

  await db.schema
    .createTable('screening_check')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Insertion order, for paging through a million checks without offsets.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('operation_id', 'uuid', (c) => c.notNull().references('border_operation.id').onDelete('cascade'))
    // A checkpoint with checks cannot be deleted (the service refuses it): statistics need it.
    .addColumn('checkpoint_id', 'uuid', (c) => c.references('checkpoint.id'))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('user_id', 'uuid')
    .addColumn('token_id', 'uuid')
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('traveller', 'jsonb', (c) => c.notNull())
    .addColumn('traveller_key', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('clear', 'hit', 'error')`))
    .addColumn('hit_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('document_hit_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suppressed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.createIndex('screening_check_operation_seq_idx').on('screening_check').columns(['operation_id', 'seq']).execute();
  await db.schema
    .createIndex('screening_check_operation_agency_idx')
    .on('screening_check')
    .columns(['operation_id', 'agency_id', 'seq'])
    .execute();

  await db.schema
    .createTable('screening_hit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('check_id', 'uuid', (c) => c.notNull().references('screening_check.id').onDelete('cascade'))
    .addColumn('operation_id', 'uuid', (c) => c.notNull().references('border_operation.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'document')`))
    .addColumn('list_id', 'uuid', (c) => c.notNull())
    .addColumn('entry_id', 'uuid', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('explanation', 'jsonb')
    // What the entry said when the hit was raised (names, dates, list name, document fields).
    .addColumn('entry_snapshot', 'jsonb')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'confirmed', 'dismissed')`),
    )
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome in ('arrest', 'victim_identified', 'missing_person_found', 'migrant_identified', 'document_seized', 'other')`),
    )
    .addColumn('outcome_nationality', 'text')
    .addColumn('note', 'text')
    .addColumn('reviewed_by', 'uuid')
    .addColumn('reviewed_by_name', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('screening_hit_operation_status_idx')
    .on('screening_hit')
    .columns(['operation_id', 'status', 'seq'])
    .execute();
  await db.schema.createIndex('screening_hit_check_idx').on('screening_hit').column('check_id').execute();

  await db.schema
    .createTable('screening_dismissal')
    .addColumn('operation_id', 'uuid', (c) => c.notNull().references('border_operation.id').onDelete('cascade'))
    .addColumn('traveller_key', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'uuid', (c) => c.notNull())
    .addColumn('dismissed_by', 'uuid')
    .addColumn('dismissed_by_name', 'text')
    .addColumn('dismissed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('hit_id', 'uuid', (c) => c.references('screening_hit.id').onDelete('set null'))
    .addPrimaryKeyConstraint('screening_dismissal_pk', ['operation_id', 'traveller_key', 'entry_id'])
    .execute();
}
