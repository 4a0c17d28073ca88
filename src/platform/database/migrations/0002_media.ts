/** Hash sets and their entries, seized media, and ingest jobs with their items. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const owned = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
      .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('agency', 'shared', 'network', 'public')`));

  await owned('hash_set')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('known', 'ignorable')`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('hash_set_owner_name_key', ['owner_agency_id', 'name'])
    .execute();

  await db.schema
    .createTable('hash_set_entry')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('hash_set_id', 'uuid', (c) => c.notNull().references('hash_set.id').onDelete('cascade'))
    .addColumn('md5', 'text')
    .addColumn('sha1', 'text')
    .addColumn('sha256', 'text')
    .addColumn('pdq', 'text')
    .addColumn('pdq_quality', 'integer')
    .addColumn('photo_dna', 'text')
    .addColumn('category_scheme', 'text')
    .addColumn('category_code', 'text')
    .addColumn('baseline', 'boolean')
    .addColumn('series_name', 'text')
    .addColumn('victim_identified', 'boolean')
    .addColumn('offender_identified', 'boolean')
    .addColumn('distributed', 'boolean')
    .addColumn('submissions', 'integer')
    .addColumn('notes', 'text')
    .addColumn('external_id', 'text')
    .addColumn('media_type', 'text')
    .addColumn('file_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  for (const column of ['hash_set_id', 'md5', 'sha1', 'sha256']) {
    await db.schema.createIndex(`hash_set_entry_${column}_idx`).on('hash_set_entry').column(column).execute();
  }

  // Every change to PDQ entries bumps this counter, so that each process's match index can tell
  // that another process changed the sets.
  await db.insertInto('vigil_meta').values({ key: 'hash_set_pdq_version', value: '0' }).execute();

  await owned('ingest_job')
    .addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
    .addColumn('resume_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('hash_only', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'completed', 'failed')`))
    .addColumn('total_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('ingest_job_resume_idx').on('ingest_job').columns(['owner_agency_id', 'resume_key', 'status']).execute();

  await owned('media_file')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sha1', 'text', (c) => c.notNull())
    .addColumn('md5', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_seconds', 'double precision')
    .addColumn('codec', 'text')
    .addColumn('pdq', 'text')
    .addColumn('pdq_quality', 'integer')
    // The 7 other dihedral PDQs (rot90 … flipminus1), so that a later re-match finds rotated copies.
    .addColumn('pdq_variants', 'jsonb')
    .addColumn('exif', 'jsonb')
    // vPDQ of a video at one frame per second: [{ frameNumber, quality, hash, timestamp }].
    .addColumn('vpdq', 'jsonb')
    .addColumn('triage', 'text', (c) => c.notNull().check(sql`triage in ('known', 'ignorable', 'new', 'error')`))
    .addColumn('matches', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('stack_id', 'uuid')
    .addColumn('stored', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('error', 'text')
    .addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('media_file_owner_sha256_key', ['owner_agency_id', 'sha256'])
    .execute();
  await db.schema.createIndex('media_file_case_idx').on('media_file').columns(['case_id', 'triage']).execute();

  await db.schema
    .createTable('ingest_item')
    .addColumn('ingest_id', 'uuid', (c) => c.notNull().references('ingest_job.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done')`))
    .addPrimaryKeyConstraint('ingest_item_pk', ['ingest_id', 'seq'])
    .execute();

  // One row per file found by an ingest (archive members included): the same media may be found
  // at several paths, and counting occurrences by (ingest, path) never counts a file twice.
  await db.schema
    .createTable('media_occurrence')
    .addColumn('ingest_id', 'uuid', (c) => c.notNull().references('ingest_job.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('media_id', 'uuid', (c) => c.references('media_file.id'))
    .addColumn('triage', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('media_occurrence_pk', ['ingest_id', 'path'])
    .execute();
  await db.schema.createIndex('media_occurrence_media_idx').on('media_occurrence').column('media_id').execute();
}
