/**
 * Videos the crawler sees are hashed by their frames too (vPDQ, one frame a second, from the bytes
 * in memory): the frames and the duration are kept with the media row, so that a video can be
 * matched again later and its vPDQ handed to other tools.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('darkweb_media').addColumn('vpdq', 'jsonb').addColumn('duration_seconds', 'double precision').execute();
}
