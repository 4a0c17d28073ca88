// Media → one hash set: its details, export links, the import form and the delete action for the
// owning agency's analysts, and its entries, paged.
import { CursorPager, useCursorPages } from '../components/CursorPager';
import { Fragment, useState } from 'react';
import {
  EXPORT_FORMATS,
  deleteHashSet,
  getHashSet,
  hashSetExportUrl,
  listAgencies,
  listHashSetEntries,
  type Agency,
  type HashSet,
  type HashSetEntry,
} from '../api';
import { PurposeBadge, VisibilityBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { HashSetImport } from '../components/HashSetImport';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { PURPOSE_HINTS, VISIBILITY_HINTS, flagLabel, formatLabel } from '../format';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangeHashSets, ownsHashSet } from '../permissions';
import { href, navigate, paths } from '../router';
import { useSession } from '../session';

const ENTRIES_PAGE = 50;

export function HashSetPage({ id }: { id: string }) {
  const set = useLoad((signal) => getHashSet(id, signal), [id]);
  useDocumentTitle(set.data?.name ?? 'Hash set');

  if (set.error?.status === 404) {
    return (
      <section data-testid="hashset-not-found">
        <PageHeader section="Hash sets" title="Hash set not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.hashSets)}>Back to hash sets</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <a href={href(paths.hashSets)}>← Hash sets</a>
      </p>
      <ProblemAlert error={set.error} testId="hashset-error" />
      {set.loading && !set.data ? <Loading what="Loading the hash set" /> : null}
      {set.data ? <HashSetDetail set={set.data} onChanged={set.reload} /> : null}
    </>
  );
}

function HashSetDetail({ set, onChanged }: { set: HashSet; onChanged: () => void }) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => (set.visibility === 'shared' ? listAgencies(signal) : Promise.resolve([])), [set.visibility]);
  const changeable = ownsHashSet(user, set) && canChangeHashSets(user);

  return (
    <article data-testid="hashset-detail" data-hashset-id={set.id}>
      <PageHeader section="Hash set" title={set.name} actions={changeable ? <DeleteHashSet set={set} /> : null} />
      <dl className="details">
        <dt>Purpose</dt>
        <dd>
          <PurposeBadge purpose={set.purpose} /> <span className="muted">{PURPOSE_HINTS[set.purpose]}</span>
        </dd>
        <dt>Owner agency</dt>
        <dd>{set.ownerAgencyName}</dd>
        <dt>Visibility</dt>
        <dd>
          <VisibilityBadge visibility={set.visibility} /> <span className="muted">{VISIBILITY_HINTS[set.visibility]}</span>
        </dd>
        {set.visibility === 'shared' ? (
          <>
            <dt>Shared with</dt>
            <dd>{sharedWithNames(set.sharedWith, agencies.data)}</dd>
          </>
        ) : null}
        <dt>Entries</dt>
        <dd data-testid="hashset-entry-count">{set.entryCount.toLocaleString('en')}</dd>
        {set.description ? (
          <>
            <dt>Description</dt>
            <dd className="prose">{set.description}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>
          <DateTime value={set.createdAt} />
        </dd>
        <dt>Last updated</dt>
        <dd>
          <DateTime value={set.updatedAt} />
        </dd>
      </dl>

      <div className="toolbar" data-testid="hashset-exports">
        <span className="muted">Export:</span>
        {EXPORT_FORMATS.map((format) => (
          <a
            key={format}
            className="button button-small"
            href={hashSetExportUrl(set.id, format)}
            download
            data-testid={`hashset-export-${format}`}
          >
            {formatLabel(format)}
          </a>
        ))}
      </div>

      {changeable ? <HashSetImport setId={set.id} onImported={onChanged} /> : null}
      {!changeable && ownsHashSet(user, set) ? (
        <p className="muted">Only analysts of {set.ownerAgencyName} can import into this set.</p>
      ) : null}

      <h2>Entries</h2>
      {/* A new key after each import starts the table again from the first page. */}
      <EntriesTable key={set.updatedAt} setId={set.id} />
    </article>
  );
}

function sharedWithNames(ids: readonly string[], agencies: readonly Agency[] | undefined): string {
  if (ids.length === 0) return 'No other agency';
  return ids.map((id) => agencies?.find((agency) => agency.id === id)?.name ?? id).join(', ');
}

function DeleteHashSet({ set }: { set: HashSet }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(deleteHashSet);

  async function confirm() {
    const result = await remove.run(set.id);
    if (result.ok) navigate(paths.hashSets, { replace: true });
  }

  if (!confirming) {
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)} data-testid="hashset-delete">
        Delete
      </button>
    );
  }
  return (
    <div className="confirm-box" role="group" aria-label="Confirm deletion" data-testid="hashset-delete-step">
      <p>
        Delete “{set.name}” and its {set.entryCount.toLocaleString('en')} {set.entryCount === 1 ? 'entry' : 'entries'}? New media will no
        longer match them; media triaged earlier keep their triage.
      </p>
      <ProblemAlert error={remove.error} />
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          onClick={confirm}
          disabled={remove.busy}
          data-testid="hashset-delete-confirm"
        >
          {remove.busy ? 'Deleting…' : 'Delete the hash set'}
        </button>
        <button type="button" className="button" onClick={() => setConfirming(false)} disabled={remove.busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function EntriesTable({ setId }: { setId: string }) {
  // The `after` cursor of each page seen so far; the last one is the current page.
  const paging = useCursorPages(0, ENTRIES_PAGE);
  const after = paging.after;
  const entries = useLoad((signal) => listHashSetEntries(setId, { after, limit: ENTRIES_PAGE }, signal), [setId, after]);
  const items = entries.data ?? [];
  const next = items.length === ENTRIES_PAGE ? items.at(-1)?.id : undefined;

  return (
    <>
      <ProblemAlert error={entries.error} testId="hashset-entries-error" />
      {entries.loading && !entries.data ? <Loading what="Loading entries" /> : null}
      {entries.data ? (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="hashset-entries">
            <caption className="visually-hidden">Entries of the hash set</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  ID
                </th>
                <th scope="col">Hashes</th>
                <th scope="col">Category</th>
                <th scope="col">Series</th>
                <th scope="col">Victim identified</th>
                <th scope="col">Offender identified</th>
                <th scope="col">Baseline</th>
                <th scope="col">Reference</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={8} className="empty">
                    {!paging.atStart ? 'No more entries.' : 'No entries yet.'}
                  </td>
                </tr>
              ) : (
                items.map((entry) => <EntryRow key={entry.id} entry={entry} />)
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      <CursorPager paging={paging} noun="Entries" count={items.length} next={next} loading={entries.loading} testId="hashset-entries" />
    </>
  );
}

const ENTRY_HASHES = [
  ['md5', 'MD5'],
  ['sha1', 'SHA-1'],
  ['sha256', 'SHA-256'],
  ['pdq', 'PDQ'],
  ['photoDna', 'PhotoDNA'],
] as const;

function EntryRow({ entry }: { entry: HashSetEntry }) {
  const reference = [entry.externalId, entry.fileName].filter(Boolean).join(' · ');
  return (
    <tr data-testid="hashset-entry-row">
      <td className="numeric">{entry.id}</td>
      <td>
        <dl className="entry-hashes">
          {ENTRY_HASHES.map(([key, label]) => {
            const value = entry[key];
            if (!value) return null;
            return (
              <Fragment key={key}>
                <dt>{label}</dt>
                <dd>
                  <code className="hash">{value}</code>
                  {key === 'pdq' && entry.pdqQuality !== undefined ? <span className="muted"> (quality {entry.pdqQuality})</span> : null}
                </dd>
              </Fragment>
            );
          })}
        </dl>
      </td>
      <td>
        {entry.category ? (
          <>
            {entry.category.code}
            <span className="cell-sub">{entry.category.scheme}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{entry.seriesName ?? <span className="muted">—</span>}</td>
      <td>{flagLabel(entry.victimIdentified)}</td>
      <td>{flagLabel(entry.offenderIdentified)}</td>
      <td>{flagLabel(entry.baseline)}</td>
      <td className="cell-break">{reference || <span className="muted">—</span>}</td>
    </tr>
  );
}
