/**
 * Red and yellow notices feed screening while they are published: each owning agency has one
 * network-visible persons list, "Published notices", that holds an entry per valid notice (its
 * external id is the public number) and loses it when the notice is cancelled, withdrawn or
 * expires. Both happen in the transaction that changes the notice, and bump the screening revision.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { parsePartialDate, type Sex } from '../screening/person-match.js';
import type { WatchlistPerson } from '../screening/watchlist-formats.js';
import { WatchlistRepository } from '../screening/watchlists/watchlist.repository.js';
import { watchlistNoticeTypes, type NoticeContent, type NoticeType } from './notice-model.js';

export const noticeWatchlistName = 'Published notices';

export interface FedNotice {
  id: string;
  type: NoticeType;
  ownerAgencyId: string;
  publicNumber: string;
  content: NoticeContent;
}

/** The watchlist entry a notice becomes, or undefined when its type does not feed screening. */
export function noticeToWatchlistPerson(notice: FedNotice): WatchlistPerson | undefined {
  if (!watchlistNoticeTypes.includes(notice.type)) return undefined;
  const c = notice.content;
  const fullName = [c.forename, c.familyName].filter((v) => v !== undefined).join(' ');
  const names = [
    ...new Set([fullName, c.originalScriptName, ...(c.aliases ?? [])].filter((v): v is string => v !== undefined && v !== '')),
  ];
  if (names.length === 0) return undefined;
  const birth = c.birthDate === undefined ? undefined : parsePartialDate(c.birthDate);
  const sex: Sex | undefined = c.sex === 'F' || c.sex === 'M' ? c.sex : undefined;
  return {
    externalId: notice.publicNumber,
    record: {
      names,
      ...(birth !== undefined && { birthDates: [birth] }),
      ...(c.nationalities !== undefined && { nationalities: c.nationalities }),
      ...(sex !== undefined && { sex }),
      ...(c.documents !== undefined && { documents: c.documents }),
    },
    reason: notice.type === 'red' ? 'wanted' : 'missing',
    topics: [notice.type === 'red' ? 'crime' : 'poi'],
    notes: `${notice.type} notice ${notice.publicNumber}`,
  };
}

/** Puts a published notice on its agency's "Published notices" list; returns whether screening changed. */
export async function feedNotice(trx: Transaction<Database>, notice: FedNotice): Promise<boolean> {
  const person = noticeToWatchlistPerson(notice);
  if (person === undefined) return false;
  const watchlists = new WatchlistRepository(trx);
  const existing = await trx
    .selectFrom('watchlist')
    .select('id')
    .where('owner_agency_id', '=', notice.ownerAgencyId)
    .where('name', '=', noticeWatchlistName)
    .executeTakeFirst();
  const watchlistId =
    existing?.id ??
    (await watchlists.insert(trx, {
      ownerAgencyId: notice.ownerAgencyId,
      name: noticeWatchlistName,
      kind: 'persons',
      source: 'notices',
      description: 'Red and yellow notices of this agency while they are published; kept by Vigil.',
      visibility: 'network',
      sharedWith: [],
      createdBy: null,
    }));
  await watchlists.upsertPersons(trx, watchlistId, [person]);
  await trx
    .updateTable('watchlist_person')
    .set({ source_notice_id: notice.id })
    .where('watchlist_id', '=', watchlistId)
    .where('external_id', '=', person.externalId)
    .execute();
  await watchlists.bumpRevision(trx);
  return true;
}

/** Takes a notice's entries off every list; returns whether screening changed. */
export async function unfeedNotice(trx: Transaction<Database>, noticeId: string): Promise<boolean> {
  const removed = await trx.deleteFrom('watchlist_person').where('source_notice_id', '=', noticeId).returning('watchlist_id').execute();
  if (removed.length === 0) return false;
  for (const watchlistId of new Set(removed.map((r) => r.watchlist_id))) {
    await trx
      .updateTable('watchlist')
      .set((eb) => ({
        entry_count: eb.selectFrom('watchlist_person').select(eb.fn.countAll<number>().as('n')).where('watchlist_id', '=', watchlistId),
        updated_at: new Date(),
      }))
      .where('id', '=', watchlistId)
      .execute();
  }
  await new WatchlistRepository(trx).bumpRevision(trx);
  return true;
}
