// Accounts seen on monitored sites (usernames, e-mail addresses, PGP keys, cryptocurrency and onion
// addresses), with where and how often they were seen and on how many other sites. Investigators
// and administrators of the site's agency watch an account (an alert is raised when it appears on
// another site) and keep a note on it.
import { useState, type FormEvent } from 'react';
import { updateAccount, type Account, type AccountChanges, type AccountKind, type Site } from '../darkweb-api';
import { accountKindLabel } from '../darkweb-format';
import { useAction } from '../hooks';
import { canChangeDarkweb, ownsSite } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';
import { Badge } from './Badge';
import { DateTime } from './DateTime';
import { TextAreaField } from './Field';
import { ProblemAlert, RowProblem } from './ProblemAlert';

interface DarkwebAccountsTableProps {
  accounts: readonly Account[];
  /** The visible sites, to know which the user's agency owns; undefined while loading (nothing is changeable then). */
  sites: readonly Pick<Site, 'id' | 'ownerAgencyId'>[] | undefined;
  /** Show the site column (the accounts page); a site's own page leaves it out. */
  showSite: boolean;
  emptyText: string;
  onChanged: (account: Account) => void;
}

export function DarkwebAccountsTable({ accounts, sites, showSite, emptyText, onChanged }: DarkwebAccountsTableProps) {
  const { user } = useSession().session;
  const owned = new Set((sites ?? []).filter((site) => ownsSite(user, site)).map((site) => site.id));
  const changeable = canChangeDarkweb(user);
  const columns = showSite ? 8 : 7;
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="darkweb-accounts-table">
        <caption className="visually-hidden">Accounts seen on monitored sites</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Kind</th>
            {showSite ? <th scope="col">Site</th> : null}
            <th scope="col" className="numeric">
              Sightings
            </th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            <th scope="col">Other sites</th>
            <th scope="col">Watch and note</th>
          </tr>
        </thead>
        <tbody>
          {accounts.length === 0 ? (
            <tr>
              <td colSpan={columns} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            accounts.map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                showSite={showSite}
                columns={columns}
                changeable={changeable && owned.has(account.siteId)}
                onChanged={onChanged}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

interface AccountRowProps {
  account: Account;
  showSite: boolean;
  columns: number;
  changeable: boolean;
  onChanged: (account: Account) => void;
}

function AccountRow({ account, showSite, columns, changeable, onChanged }: AccountRowProps) {
  const [editingNote, setEditingNote] = useState(false);
  const save = useAction((changes: AccountChanges) => updateAccount(account.id, changes));

  async function toggleWatch() {
    const watched = !account.watched;
    const result = await save.run({ watched });
    if (result.ok) onChanged({ ...account, watched });
  }

  return (
    <>
      <tr data-testid="darkweb-account-row" data-account-id={account.id} data-watched={account.watched}>
        <td className="cell-break">
          <code>{account.value}</code>
          <span className="cell-sub">
            first on <code>{account.firstUrl}</code>
          </span>
        </td>
        <td className="nowrap">{accountKindLabel(account.kind)}</td>
        {showSite ? (
          <td>
            <a href={href(paths.darkwebSite(account.siteId))}>{account.siteName}</a>
          </td>
        ) : null}
        <td className="numeric">{account.sightings.toLocaleString('en')}</td>
        <td>
          <DateTime value={account.firstSeenAt} />
        </td>
        <td>
          <DateTime value={account.lastSeenAt} />
        </td>
        <td data-testid="darkweb-account-other-sites">
          {account.otherSites > 0 ? (
            <a href={href(paths.darkwebAccounts({ kind: account.kind as AccountKind, q: account.value }))}>
              Seen on {account.otherSites} other {account.otherSites === 1 ? 'site' : 'sites'}
            </a>
          ) : (
            <span className="muted">None</span>
          )}
        </td>
        <td>
          <div className="row-actions">
            {account.watched ? <Badge tone="warning">Watched</Badge> : null}
            {changeable ? (
              <>
                <button
                  type="button"
                  className="button button-small"
                  onClick={toggleWatch}
                  disabled={save.busy}
                  aria-pressed={account.watched}
                  data-testid="darkweb-account-watch"
                >
                  {account.watched ? 'Stop watching' : 'Watch'}
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => setEditingNote(true)}
                  disabled={editingNote}
                  data-testid="darkweb-account-note-edit"
                >
                  {account.note ? 'Edit note' : 'Add note'}
                </button>
              </>
            ) : null}
          </div>
          {account.note && !editingNote ? (
            <span className="cell-sub prose" data-testid="darkweb-account-note">
              {account.note}
            </span>
          ) : null}
        </td>
      </tr>
      {!editingNote ? <RowProblem error={save.error} colSpan={columns} /> : null}
      {editingNote ? (
        <tr className="row-detail">
          <td colSpan={columns}>
            <NoteForm
              account={account}
              onSaved={(note) => {
                setEditingNote(false);
                onChanged({ ...account, note });
              }}
              onCancel={() => setEditingNote(false)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function NoteForm({ account, onSaved, onCancel }: { account: Account; onSaved: (note: string | null) => void; onCancel: () => void }) {
  const [note, setNote] = useState(account.note ?? '');
  const save = useAction((value: string | null) => updateAccount(account.id, { note: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = note.trim() || null;
    const result = await save.run(value);
    if (result.ok) onSaved(value);
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Note on ${account.value}`} data-testid="darkweb-account-note-form">
      <ProblemAlert error={save.error} />
      <TextAreaField
        label="Note"
        hint="For your unit: who this may be, what is known. Leave empty to remove the note."
        value={note}
        onChange={setNote}
        rows={2}
        testId="darkweb-account-note-input"
      />
      <div className="actions">
        <button type="submit" className="button button-small button-primary" disabled={save.busy} data-testid="darkweb-account-note-save">
          {save.busy ? 'Saving…' : 'Save note'}
        </button>
        <button type="button" className="button button-small" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
