// Accounts seen on monitored sites (usernames, e-mail addresses, PGP keys, cryptocurrency and onion
// addresses), with where and how often they were seen and on how many other sites. Investigators
// and administrators of the site's agency watch an account (an alert is raised when it appears on
// another site) and keep a note on it. On the accounts page, each account also shows the persons it
// is linked to (those the user's agency may see), and the same users link it to a person or unlink it.
import { useState, type FormEvent } from 'react';
import {
  linkAccountPerson,
  unlinkAccountPerson,
  updateAccount,
  type Account,
  type AccountChanges,
  type AccountKind,
  type Site,
} from '../darkweb-api';
import { accountKindLabel } from '../darkweb-format';
import { useAction } from '../hooks';
import { canChangeDarkweb, ownsSite } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';
import { Badge } from './Badge';
import { DateTime } from './DateTime';
import type { Person } from '../persons-api';
import { SelectField, TextAreaField, TextField } from './Field';
import { ProblemAlert, RowProblem } from './ProblemAlert';

interface DarkwebAccountsTableProps {
  accounts: readonly Account[];
  /** The visible sites, to know which the user's agency owns; undefined while loading (nothing is changeable then). */
  sites: readonly Pick<Site, 'id' | 'ownerAgencyId'>[] | undefined;
  /** Show the site column (the accounts page); a site's own page leaves it out. */
  showSite: boolean;
  emptyText: string;
  onChanged: (account: Account) => void;
  /**
   * The persons the user's agency may see, to link accounts to: given, the table shows each
   * account's persons with link and unlink; undefined leaves the column out.
   */
  persons?: readonly Pick<Person, 'id' | 'name' | 'aliases'>[] | undefined;
}

export function DarkwebAccountsTable({ accounts, sites, showSite, emptyText, onChanged, persons }: DarkwebAccountsTableProps) {
  const { user } = useSession().session;
  const owned = new Set((sites ?? []).filter((site) => ownsSite(user, site)).map((site) => site.id));
  const changeable = canChangeDarkweb(user);
  const columns = (showSite ? 8 : 7) + (persons ? 1 : 0);
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
            {persons ? <th scope="col">Persons</th> : null}
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
                persons={persons}
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
  persons: readonly Pick<Person, 'id' | 'name' | 'aliases'>[] | undefined;
}

function AccountRow({ account, showSite, columns, changeable, onChanged, persons }: AccountRowProps) {
  const [editingNote, setEditingNote] = useState(false);
  const [linking, setLinking] = useState(false);
  const save = useAction((changes: AccountChanges) => updateAccount(account.id, changes));
  const unlink = useAction((personId: string) => unlinkAccountPerson(account.id, personId));

  async function removePerson(personId: string) {
    const result = await unlink.run(personId);
    if (result.ok) onChanged({ ...account, persons: account.persons.filter((person) => person.id !== personId) });
  }

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
        {persons ? (
          <td data-testid="darkweb-account-persons">
            {account.persons.length === 0 ? (
              <span className="muted">None</span>
            ) : (
              <ul className="plain-list">
                {account.persons.map((person) => (
                  <li key={person.id} data-testid="darkweb-account-person">
                    <a href={href(paths.person(person.id))}>{person.name}</a>
                    {changeable ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button-small button-quiet"
                          onClick={() => void removePerson(person.id)}
                          disabled={unlink.busy}
                          aria-label={`Unlink ${person.name}`}
                          data-testid="darkweb-account-person-unlink"
                        >
                          Unlink
                        </button>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {changeable ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => setLinking(true)}
                disabled={linking}
                data-testid="darkweb-account-person-link"
              >
                Link to person
              </button>
            ) : null}
          </td>
        ) : null}
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
      {!editingNote ? <RowProblem error={save.error ?? unlink.error} colSpan={columns} /> : null}
      {linking && persons ? (
        <tr className="row-detail">
          <td colSpan={columns}>
            <LinkPersonForm
              account={account}
              persons={persons}
              onLinked={(person) => {
                setLinking(false);
                const others = account.persons.filter((candidate) => candidate.id !== person.id);
                onChanged({ ...account, persons: [...others, person].sort((a, b) => a.name.localeCompare(b.name)) });
              }}
              onCancel={() => setLinking(false)}
            />
          </td>
        </tr>
      ) : null}
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

interface LinkPersonFormProps {
  account: Account;
  persons: readonly Pick<Person, 'id' | 'name' | 'aliases'>[];
  onLinked: (person: { id: string; name: string }) => void;
  onCancel: () => void;
}

const NO_PERSON = '';

/** Links the account to one of the persons the user's agency may see, with an optional basis. */
function LinkPersonForm({ account, persons, onLinked, onCancel }: LinkPersonFormProps) {
  const linked = new Set(account.persons.map((person) => person.id));
  const choices = persons.filter((person) => !linked.has(person.id));
  const [personId, setPersonId] = useState(NO_PERSON);
  const [basis, setBasis] = useState('');
  const link = useAction((id: string, text: string | null) => linkAccountPerson(account.id, id, text));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const person = choices.find((candidate) => candidate.id === personId);
    if (person === undefined) return;
    const result = await link.run(person.id, basis.trim() || null);
    if (result.ok) onLinked({ id: person.id, name: person.name });
  }

  const options = [
    { value: NO_PERSON, label: choices.length > 0 ? 'Choose a person' : 'No other person is visible to your agency' },
    ...choices.map((person) => ({
      value: person.id,
      label: person.aliases.length > 0 ? `${person.name} (${person.aliases.join(', ')})` : person.name,
    })),
  ];
  return (
    <form
      className="inline-form"
      onSubmit={submit}
      aria-label={`Link ${account.value} to a person`}
      data-testid="darkweb-account-link-form"
    >
      <ProblemAlert error={link.error} fields={['basis']} />
      <SelectField label="Person" value={personId} options={options} onChange={setPersonId} testId="darkweb-account-link-person" />
      <TextField
        label="Basis (optional)"
        hint="Why this account is thought to be the person's: the same key, e-mail address or wallet elsewhere."
        value={basis}
        onChange={setBasis}
        maxLength={2000}
        testId="darkweb-account-link-basis"
      />
      <div className="actions">
        <button
          type="submit"
          className="button button-small button-primary"
          disabled={link.busy || personId === NO_PERSON}
          data-testid="darkweb-account-link-save"
        >
          {link.busy ? 'Linking…' : 'Link'}
        </button>
        <button type="button" className="button button-small" onClick={onCancel} disabled={link.busy}>
          Cancel
        </button>
      </div>
      <p className="field-hint">
        Persons are recorded under <a href={href(paths.persons())}>Operations → Persons</a>.
      </p>
    </form>
  );
}
