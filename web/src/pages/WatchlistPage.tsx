// Screening → one watchlist: its details, the import form for the owning agency, and its records,
// paged.
import { CursorPager, useCursorPages } from '../components/CursorPager';
import { useState } from 'react';
import { listAgencies, type Agency } from '../api';
import { Badge, VisibilityBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScreeningTabs } from '../components/ScreeningTabs';
import { Loading } from '../components/Status';
import { WatchlistImport } from '../components/WatchlistForms';
import { VISIBILITY_HINTS } from '../format';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangeWatchlists } from '../permissions';
import { href, navigate, paths } from '../router';
import {
  deleteWatchlist,
  getWatchlist,
  isPersonEntry,
  listWatchlistEntries,
  type TravelDocumentView,
  type Watchlist,
  type WatchlistPersonView,
} from '../screening-api';
import { WATCHLIST_KIND_HINTS, documentStatusLabel, documentTypeLabel, reasonLabel, sexLabel } from '../screening-format';
import { useSession } from '../session';
import { KindBadge } from './WatchlistsPage';

const ENTRIES_PAGE = 50;

export function WatchlistPage({ id }: { id: string }) {
  const list = useLoad((signal) => getWatchlist(id, signal), [id]);
  useDocumentTitle(list.data?.name ?? 'Watchlist');

  if (list.error?.status === 404) {
    return (
      <section data-testid="watchlist-not-found">
        <PageHeader section="Watchlists" title="Watchlist not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.watchlists)}>Back to watchlists</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <ScreeningTabs current="watchlists" />
      <p className="breadcrumb">
        <a href={href(paths.watchlists)}>← Watchlists</a>
      </p>
      <ProblemAlert error={list.error} testId="watchlist-error" />
      {list.loading && !list.data ? <Loading what="Loading the watchlist" /> : null}
      {list.data ? <WatchlistDetail list={list.data} onChanged={list.reload} /> : null}
    </>
  );
}

function WatchlistDetail({ list, onChanged }: { list: Watchlist; onChanged: () => void }) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => (list.visibility === 'shared' ? listAgencies(signal) : Promise.resolve([])), [list.visibility]);
  const owned = list.ownerAgencyId === user.agency.id;
  const changeable = owned && canChangeWatchlists(user);

  return (
    <article data-testid="watchlist-detail" data-watchlist-id={list.id}>
      <PageHeader section="Watchlist" title={list.name} actions={changeable ? <DeleteWatchlist list={list} /> : null} />
      <dl className="details">
        <dt>Kind</dt>
        <dd>
          <KindBadge kind={list.kind} /> <span className="muted">{WATCHLIST_KIND_HINTS[list.kind]}</span>
        </dd>
        {list.source ? (
          <>
            <dt>Source</dt>
            <dd>{list.source}</dd>
          </>
        ) : null}
        <dt>Owner agency</dt>
        <dd>{list.ownerAgencyName}</dd>
        <dt>Visibility</dt>
        <dd>
          <VisibilityBadge visibility={list.visibility} /> <span className="muted">{VISIBILITY_HINTS[list.visibility]}</span>
        </dd>
        {list.visibility === 'shared' ? (
          <>
            <dt>Shared with</dt>
            <dd>{sharedWithNames(list.sharedWith, agencies.data)}</dd>
          </>
        ) : null}
        <dt>Records</dt>
        <dd data-testid="watchlist-entry-count">{list.entryCount.toLocaleString('en')}</dd>
        {list.description ? (
          <>
            <dt>Description</dt>
            <dd className="prose">{list.description}</dd>
          </>
        ) : null}
        <dt>Last updated</dt>
        <dd>
          <DateTime value={list.updatedAt} />
        </dd>
      </dl>

      {changeable ? <WatchlistImport list={list} onImported={onChanged} /> : null}
      {!changeable && owned ? (
        <p className="muted">
          Only border officers, notice officers and administrators of {list.ownerAgencyName} can import into this list.
        </p>
      ) : null}

      <h2>Records</h2>
      {/* A new key after each import starts the table again from the first page. */}
      <EntriesTable key={list.updatedAt} list={list} />
    </article>
  );
}

function DeleteWatchlist({ list }: { list: Watchlist }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(deleteWatchlist);

  async function confirm() {
    const result = await remove.run(list.id);
    if (result.ok) navigate(paths.watchlists, { replace: true });
  }

  if (!confirming) {
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)} data-testid="watchlist-delete">
        Delete
      </button>
    );
  }
  return (
    <div className="confirm-box" role="group" aria-label="Confirm deletion" data-testid="watchlist-delete-step">
      <p>
        Delete “{list.name}” and its {list.entryCount.toLocaleString('en')} {list.entryCount === 1 ? 'record' : 'records'}? Travellers will
        no longer be checked against them; hits already recorded in operations keep what they showed.
      </p>
      <ProblemAlert error={remove.error} />
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          onClick={confirm}
          disabled={remove.busy}
          data-testid="watchlist-delete-confirm"
        >
          {remove.busy ? 'Deleting…' : 'Delete the watchlist'}
        </button>
        <button type="button" className="button" onClick={() => setConfirming(false)} disabled={remove.busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function sharedWithNames(ids: readonly string[], agencies: readonly Agency[] | undefined): string {
  if (ids.length === 0) return 'No other agency';
  return ids.map((id) => agencies?.find((agency) => agency.id === id)?.name ?? id).join(', ');
}

function EntriesTable({ list }: { list: Watchlist }) {
  // The `after` cursor of each page seen so far; the last one is the current page.
  const paging = useCursorPages<string | undefined>(undefined, ENTRIES_PAGE);
  const after = paging.after;
  const entries = useLoad(
    (signal) => listWatchlistEntries(list.id, { ...(after && { after }), limit: ENTRIES_PAGE }, signal),
    [list.id, after],
  );
  const items = entries.data ?? [];
  const next = items.length === ENTRIES_PAGE ? items.at(-1)?.id : undefined;
  const persons = items.filter(isPersonEntry);
  const documents = items.filter((entry): entry is TravelDocumentView => !isPersonEntry(entry));
  const emptyText = !paging.atStart ? 'No more records.' : 'No records yet.';

  return (
    <>
      <ProblemAlert error={entries.error} testId="watchlist-entries-error" />
      {entries.loading && !entries.data ? <Loading what="Loading records" /> : null}
      {entries.data ? (
        list.kind === 'documents' ? (
          <DocumentsTable documents={documents} emptyText={emptyText} />
        ) : (
          <PersonsTable persons={persons} emptyText={emptyText} />
        )
      ) : null}
      <CursorPager paging={paging} noun="Records" count={items.length} next={next} loading={entries.loading} testId="watchlist-entries" />
    </>
  );
}

function dash(values: readonly string[] | null | undefined) {
  return values && values.length > 0 ? values.join(', ') : <span className="muted">—</span>;
}

function PersonsTable({ persons, emptyText }: { persons: readonly WatchlistPersonView[]; emptyText: string }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="watchlist-entries">
        <caption className="visually-hidden">Persons on the watchlist</caption>
        <thead>
          <tr>
            <th scope="col">Names</th>
            <th scope="col">Birth dates</th>
            <th scope="col">Nationalities</th>
            <th scope="col">Sex</th>
            <th scope="col">Documents</th>
            <th scope="col">Reason</th>
            <th scope="col">Reference</th>
          </tr>
        </thead>
        <tbody>
          {persons.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            persons.map((person) => (
              <tr key={person.id} data-testid="watchlist-entry-row">
                <td>
                  <strong>{person.names[0] ?? '—'}</strong>
                  {person.names.length > 1 ? <span className="cell-sub">{person.names.slice(1).join(' · ')}</span> : null}
                  {person.weakNames && person.weakNames.length > 0 ? (
                    <span className="cell-sub">Weak: {person.weakNames.join(' · ')}</span>
                  ) : null}
                </td>
                <td>{dash(person.birthDates)}</td>
                <td>{dash(person.nationalities)}</td>
                <td>{person.sex ? sexLabel(person.sex) : <span className="muted">—</span>}</td>
                <td className="cell-break">
                  {dash(
                    (person.documents ?? []).map((document) => `${document.number}${document.country ? ` (${document.country})` : ''}`),
                  )}
                </td>
                <td>
                  {person.reason ? (
                    <Badge tone={person.reason === 'wanted' ? 'danger' : 'warning'}>{reasonLabel(person.reason)}</Badge>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="cell-break">{person.externalId ?? <span className="muted">—</span>}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function DocumentsTable({ documents, emptyText }: { documents: readonly TravelDocumentView[]; emptyText: string }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="watchlist-entries">
        <caption className="visually-hidden">Travel documents on the watchlist</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Country</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Reported</th>
            <th scope="col">Reference</th>
          </tr>
        </thead>
        <tbody>
          {documents.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            documents.map((document) => (
              <tr key={document.id} data-testid="watchlist-entry-row">
                <td>
                  <code>{document.number}</code>
                </td>
                <td>{document.country ?? <span className="muted">—</span>}</td>
                <td>{documentTypeLabel(document.documentType)}</td>
                <td>
                  <Badge tone="danger">{documentStatusLabel(document.status)}</Badge>
                </td>
                <td>{document.reportedOn ?? <span className="muted">—</span>}</td>
                <td className="cell-break">{document.externalId ?? <span className="muted">—</span>}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
