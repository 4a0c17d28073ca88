// Screening → watchlists: the person and travel-document lists the user's agency may see, and
// "New watchlist" for border officers, notice officers and administrators.
import { useState } from 'react';
import { Badge, VisibilityBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScreeningTabs } from '../components/ScreeningTabs';
import { Loading } from '../components/Status';
import { WatchlistForm } from '../components/WatchlistForms';
import { useDocumentTitle, useLoad } from '../hooks';
import { canChangeWatchlists } from '../permissions';
import { href, navigate, paths } from '../router';
import { listWatchlists, type Watchlist } from '../screening-api';
import { watchlistKindLabel } from '../screening-format';
import { useSession } from '../session';

export function WatchlistsPage() {
  useDocumentTitle('Watchlists');
  const { user } = useSession().session;
  const lists = useLoad((signal) => listWatchlists(signal), []);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        section="Screening"
        title="Watchlists"
        actions={
          canChangeWatchlists(user) ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setCreating(true)}
              disabled={creating}
              data-testid="watchlist-new"
            >
              New watchlist
            </button>
          ) : null
        }
      />
      <ScreeningTabs current="watchlists" />
      {/* A new list is empty: its page is where records are imported. */}
      {creating ? <WatchlistForm onCreated={(list) => navigate(paths.watchlist(list.id))} onCancel={() => setCreating(false)} /> : null}
      <ProblemAlert error={lists.error} testId="watchlists-error" />
      {lists.loading && !lists.data ? <Loading what="Loading watchlists" /> : null}
      {lists.data ? <WatchlistsTable lists={lists.data} /> : null}
    </>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return <Badge tone={kind === 'documents' ? 'warning' : 'info'}>{watchlistKindLabel(kind)}</Badge>;
}

function WatchlistsTable({ lists }: { lists: readonly Watchlist[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="watchlists-table">
        <caption className="visually-hidden">Watchlists visible to your agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Source</th>
            <th scope="col">Owner agency</th>
            <th scope="col">Visibility</th>
            <th scope="col" className="numeric">
              Records
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {lists.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                No watchlists are visible to your agency yet.
              </td>
            </tr>
          ) : (
            lists.map((list) => (
              <tr key={list.id} data-testid="watchlist-row" data-watchlist-id={list.id}>
                <td>
                  <a href={href(paths.watchlist(list.id))}>{list.name}</a>
                  {list.description ? <span className="cell-sub">{list.description}</span> : null}
                </td>
                <td>
                  <KindBadge kind={list.kind} />
                </td>
                <td>{list.source || <span className="muted">—</span>}</td>
                <td>{list.ownerAgencyName}</td>
                <td>
                  <VisibilityBadge visibility={list.visibility} />
                </td>
                <td className="numeric">{list.entryCount.toLocaleString('en')}</td>
                <td>
                  <DateTime value={list.updatedAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
