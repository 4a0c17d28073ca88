/**
 * Dark web monitoring: the sites an agency is authorised to watch (an owned record), each crawl of
 * a site (a visit) with its durable frontier, the pages and media it recorded (hashes, never media
 * bytes unless the site keeps media), the accounts seen, the alerts raised, and a hash-chained
 * custody log binding every capture to its WARC record.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('darkweb_site')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('agency', 'shared', 'network')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('onion', 'clear')`))
    // The site's origin: `http://<56 chars>.onion` or `https://forum.example`.
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('seeds', sql`text[]`, (c) => c.notNull())
    .addColumn('scope_include', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('scope_exclude', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('max_depth', 'integer', (c) => c.notNull())
    .addColumn('max_pages', 'integer', (c) => c.notNull())
    .addColumn('recrawl_minutes', 'integer', (c) => c.notNull())
    .addColumn('concurrency', 'integer', (c) => c.notNull())
    .addColumn('delay_ms', 'integer', (c) => c.notNull())
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    // Imported by an operator; sealed with the data key (AES-256-GCM); never returned by the API.
    .addColumn('session_cookie', 'text')
    .addColumn('extraction_rules', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    // Keep fetched media (encrypted) for victim identification: off unless an authorised user turns it on.
    .addColumn('keep_media', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'paused')`),
    )
    // The SOCKS username that isolates this site's Tor circuits.
    .addColumn('isolation_key', 'text', (c) => c.notNull())
    .addColumn('next_crawl_at', 'timestamptz')
    .addColumn('last_state', 'text', (c) => c.check(sql`last_state in ('up', 'down')`))
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('darkweb_site_due_idx').on('darkweb_site').columns(['status', 'next_crawl_at']).execute();

  await db.schema
    .createTable('darkweb_visit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('darkweb_site.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'completed', 'failed', 'cancelled')`))
    // What the visit found the site to be: up, down (with the failure class), behind a challenge, or logged out.
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('up', 'down', 'challenge', 'logged_out')`))
    .addColumn('failure_class', 'text')
    .addColumn('pages_fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('challenges', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('media_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('media_known', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('media_new', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('response_ms_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('member_count', 'integer')
    .addColumn('content_fingerprint', 'text')
    .addColumn('content_changed', 'boolean')
    .addColumn('started_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('darkweb_visit_site_idx').on('darkweb_visit').columns(['site_id', 'queued_at']).execute();
  // At most one unfinished visit per site.
  await sql`create unique index darkweb_visit_open_idx on darkweb_visit (site_id) where status in ('queued', 'running')`.execute(db);

  // The durable frontier: one row per URL per visit, so a visit never fetches a URL twice.
  await db.schema
    .createTable('darkweb_frontier')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('visit_id', 'uuid', (c) => c.notNull().references('darkweb_visit.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('page', 'media')`))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('referrer', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'claimed', 'done', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('error', 'text')
    .addUniqueConstraint('darkweb_frontier_url_uq', ['visit_id', 'url'])
    .execute();
  await sql`create index darkweb_frontier_pending_idx on darkweb_frontier (visit_id, id) where status = 'pending'`.execute(db);

  await db.schema
    .createTable('darkweb_page')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('visit_id', 'uuid', (c) => c.notNull().references('darkweb_visit.id').onDelete('cascade'))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('darkweb_site.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('page_kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('language', 'text')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_fingerprint', 'text')
    .addColumn('links', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('media', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('member_count', 'integer')
    // The posts read by the site's rules: author, time, the first 200 characters (at most 200 a page).
    .addColumn('posts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('response_ms', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('warc_file', 'text', (c) => c.notNull())
    .addColumn('warc_record_id', 'text', (c) => c.notNull())
    .addColumn('warc_offset', 'bigint', (c) => c.notNull())
    .addColumn('payload_digest', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // The page text is written once per page at crawl speed and rarely read: stored without compression (the WARC keeps the page compressed).
  await sql`alter table darkweb_page alter column text set storage external`.execute(db);
  await db.schema.createIndex('darkweb_page_visit_idx').on('darkweb_page').columns(['visit_id', 'id']).execute();
  await db.schema.createIndex('darkweb_page_record_idx').on('darkweb_page').columns(['warc_record_id']).execute();
  await db.schema.createIndex('darkweb_page_fingerprint_idx').on('darkweb_page').columns(['content_fingerprint']).execute();

  // Media seen: hashes and the match, never the bytes (unless the site keeps media: `kept_path`).
  await db.schema
    .createTable('darkweb_media')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('visit_id', 'uuid', (c) => c.notNull().references('darkweb_visit.id').onDelete('cascade'))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('darkweb_site.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('page_url', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'video', 'other')`))
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('md5', 'text', (c) => c.notNull())
    .addColumn('sha1', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('pdq', 'text')
    .addColumn('pdq_quality', 'integer')
    .addColumn('triage', 'text', (c) => c.notNull().check(sql`triage in ('known', 'ignorable', 'new', 'unreadable')`))
    .addColumn('matches', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('kept_path', 'text')
    .addColumn('warc_file', 'text', (c) => c.notNull())
    .addColumn('warc_record_id', 'text', (c) => c.notNull())
    .addColumn('warc_offset', 'bigint', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('darkweb_media_visit_idx').on('darkweb_media').columns(['visit_id', 'id']).execute();
  await db.schema.createIndex('darkweb_media_sha256_idx').on('darkweb_media').columns(['sha256']).execute();
  await db.schema.createIndex('darkweb_media_record_idx').on('darkweb_media').columns(['warc_record_id']).execute();

  // Accounts seen on a site (usernames, emails, PGP keys, wallets, other onions): UserAccount entities.
  await db.schema
    .createTable('darkweb_account')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('darkweb_site.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_url', 'text', (c) => c.notNull())
    .addColumn('sightings', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('watched', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
    .addColumn('note', 'text')
    .addUniqueConstraint('darkweb_account_uq', ['site_id', 'kind', 'value'])
    .execute();
  await db.schema.createIndex('darkweb_account_value_idx').on('darkweb_account').columns(['kind', 'value']).execute();

  await db.schema
    .createTable('darkweb_alert')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('darkweb_site.id').onDelete('cascade'))
    .addColumn('visit_id', 'uuid', (c) => c.references('darkweb_visit.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('known_material', 'new_media_surge', 'watched_account', 'site_up', 'site_down', 'session_expired', 'challenge')`,
        ),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'uuid', (c) => c.references('user_account.id'))
    .addColumn('webhook_status', 'text', (c) => c.check(sql`webhook_status in ('pending', 'sent', 'failed')`))
    .addColumn('webhook_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('darkweb_alert_site_idx').on('darkweb_alert').columns(['site_id', 'created_at']).execute();
  await sql`create index darkweb_alert_webhook_idx on darkweb_alert (created_at) where webhook_status = 'pending'`.execute(db);

  // Chain of custody: one entry per capture, chained by hash; `darkweb_custody_head` holds the head under lock.
  await db.schema
    .createTable('darkweb_custody')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('entry', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'uuid')
    .execute();
  await db.schema.createIndex('darkweb_custody_visit_idx').on('darkweb_custody').columns(['visit_id']).execute();
  await db.schema
    .createTable('darkweb_custody_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into darkweb_custody_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'darkweb_custody_head',
    'darkweb_custody',
    'darkweb_alert',
    'darkweb_account',
    'darkweb_media',
    'darkweb_page',
    'darkweb_frontier',
    'darkweb_visit',
    'darkweb_site',
  ])
    await db.schema.dropTable(table).execute();
}
