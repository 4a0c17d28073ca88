// Media → hash sets: the known and ignorable sets the user's agency may see, and "New hash set".
import { useState } from 'react';
import { listHashSets, type HashSet } from '../api';
import { PurposeBadge, VisibilityBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { HashSetForm } from '../components/HashSetForm';
import { MediaTabs } from '../components/MediaTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { useDocumentTitle, useLoad } from '../hooks';
import { canChangeHashSets } from '../permissions';
import { href, navigate, paths } from '../router';
import { useSession } from '../session';

export function HashSetsPage() {
  useDocumentTitle('Hash sets');
  const { user } = useSession().session;
  const sets = useLoad((signal) => listHashSets(signal), []);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        section="Media"
        title="Hash sets"
        actions={
          canChangeHashSets(user) ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setCreating(true)}
              disabled={creating}
              data-testid="hashset-new"
            >
              New hash set
            </button>
          ) : null
        }
      />
      <MediaTabs current="hashsets" />
      {/* A new set is empty: its page is where entries are imported. */}
      {creating ? <HashSetForm onCreated={(set) => navigate(paths.hashSet(set.id))} onCancel={() => setCreating(false)} /> : null}
      <ProblemAlert error={sets.error} testId="hashsets-error" />
      {sets.loading && !sets.data ? <Loading what="Loading hash sets" /> : null}
      {sets.data ? <HashSetsTable sets={sets.data} /> : null}
    </>
  );
}

function HashSetsTable({ sets }: { sets: readonly HashSet[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="hashsets-table">
        <caption className="visually-hidden">Hash sets visible to your agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Purpose</th>
            <th scope="col">Owner agency</th>
            <th scope="col">Visibility</th>
            <th scope="col" className="numeric">
              Entries
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {sets.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                No hash sets are visible to your agency yet.
              </td>
            </tr>
          ) : (
            sets.map((set) => (
              <tr key={set.id} data-testid="hashset-row" data-hashset-id={set.id}>
                <td>
                  <a href={href(paths.hashSet(set.id))}>{set.name}</a>
                  {set.description ? <span className="cell-sub">{set.description}</span> : null}
                </td>
                <td>
                  <PurposeBadge purpose={set.purpose} />
                </td>
                <td>{set.ownerAgencyName}</td>
                <td>
                  <VisibilityBadge visibility={set.visibility} />
                </td>
                <td className="numeric">{set.entryCount.toLocaleString('en')}</td>
                <td>
                  <DateTime value={set.updatedAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
