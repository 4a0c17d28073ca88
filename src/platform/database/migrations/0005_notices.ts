/**
 * Notices and public appeals: the notice (an owned record holding the police-only content and the
 * names of the fields chosen for its public extract), its photos, its lifecycle history,
 * campaigns grouping published notices, and the tips the public sends about them.
 *
 * A tip belongs to the agency that owns the notice it answers (`owner_agency_id` is copied when
 * the tip arrives) and is visible to other agencies only when that agency shares it.
 */
import { sql, type Kysely } from 'kysely';

const visibilityCheck = sql`visibility in ('agency', 'shared', 'network', 'public')`;

export async function up(db: Kysely<any>): Promise<void> {
  // Public numbers `YYYY/NNNNN`, given when a notice is first published.
  await sql`create sequence notice_number_seq`.execute(db);

  await db.schema
    .createTable('notice')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    // Who sees the police-only record; the public extract of a published notice is public regardless.
    .addColumn('visibility', 'text', (c) => c.notNull().check(visibilityCheck))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('red', 'yellow', 'blue', 'black', 'green', 'orange', 'purple', 'object')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'published', 'cancelled', 'withdrawn', 'expired')`),
    )
    .addColumn('public_number', 'text', (c) => c.unique())
    // The police-only record (NoticeContent) and the names of its fields chosen for the public extract.
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('public_fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // Searchable copies of the content, kept by the repository.
    .addColumn('family_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('forename', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expires_on', 'date')
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('submitted_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('published_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('published_by_agency_id', 'uuid', (c) => c.references('agency.id'))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('notice_status_idx').on('notice').columns(['status', 'type']).execute();

  await db.schema
    .createTable('notice_photo')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('notice_id', 'uuid', (c) => c.notNull().references('notice.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // Chosen for the public extract.
    .addColumn('public', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    // Re-encoded JPEG, metadata stripped, and a thumbnail.
    .addColumn('image', 'bytea', (c) => c.notNull())
    .addColumn('thumbnail', 'bytea', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('notice_photo_notice_idx').on('notice_photo').columns(['notice_id', 'position']).execute();

  await db.schema
    .createTable('notice_event')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('notice_id', 'uuid', (c) => c.notNull().references('notice.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_name', 'text')
    .addColumn('actor_agency_id', 'uuid')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('notice_event_notice_idx').on('notice_event').column('notice_id').execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    // Titles and texts in other languages: { fr: { title, body }, … }.
    .addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published', 'archived')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('campaign_notice')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('notice_id', 'uuid', (c) => c.notNull().references('notice.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_notice_pk', ['campaign_id', 'notice_id'])
    .execute();

  await db.schema
    .createTable('tip')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'uuid', (c) => c.notNull().references('notice.id'))
    .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('visibility', 'text', (c) => c.notNull().check(visibilityCheck))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'useful', 'not_useful', 'passed_on')`))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('tip_owner_idx').on('tip').columns(['owner_agency_id', 'status', 'created_at']).execute();

  await db.schema
    .createTable('tip_photo')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tip_id', 'uuid', (c) => c.notNull().references('tip.id').onDelete('cascade'))
    .addColumn('image', 'bytea', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Triage notes (internal), replies to the sender and the sender's follow-ups.
  await db.schema
    .createTable('tip_message')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tip_id', 'uuid', (c) => c.notNull().references('tip.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('note', 'reply', 'sender')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('author_agency_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('tip_message_tip_idx').on('tip_message').columns(['tip_id', 'created_at']).execute();

  // Bumped by every change the public side can see, so each process's public catalogue reloads.
  await db.schema
    .createTable('notice_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('notice_revision').values({ id: 1, revision: 0 }).execute();
}
