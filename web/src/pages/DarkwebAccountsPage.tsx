// Dark web → accounts: the accounts seen on every site the user's agency may see (or one site),
// filtered by kind, text and whether they are watched, each with the number of other sites it was
// seen on and the persons it is linked to; watch, unwatch, note and link to a person (or unlink)
// for the investigators and administrators of the site's agency.
import { useState, type FormEvent } from 'react';
import { DarkwebAccountsTable } from '../components/DarkwebAccountsTable';
import { DarkwebTabs } from '../components/DarkwebTabs';
import { SelectField, TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { ACCOUNT_KINDS, listAccounts, listSites, type AccountFilters, type AccountKind } from '../darkweb-api';
import { accountKindLabel } from '../darkweb-format';
import { useDocumentTitle, useLoad } from '../hooks';
import { canReadPersons } from '../permissions';
import { listPersons } from '../persons-api';
import { useSession } from '../session';
import { href, navigate, paths } from '../router';

const ANY = '';

/** The most recently seen accounts shown at once; narrower filters find the others. */
const ACCOUNTS_LIMIT = 500;

/** Persons offered to link an account to (the most recently changed); the server allows 1,000. */
const PERSONS_LIMIT = 1000;

const KIND_OPTIONS: { value: AccountKind | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any kind' },
  ...ACCOUNT_KINDS.map((value) => ({ value, label: accountKindLabel(value) })),
];

type WatchedChoice = '' | 'true' | 'false';

const WATCHED_OPTIONS: { value: WatchedChoice; label: string }[] = [
  { value: '', label: 'Watched or not' },
  { value: 'true', label: 'Watched only' },
  { value: 'false', label: 'Not watched' },
];

export function DarkwebAccountsPage({ filters }: { filters: AccountFilters }) {
  useDocumentTitle('Dark web accounts');
  const filterKey = JSON.stringify(filters);
  const accounts = useLoad((signal) => listAccounts(filters, ACCOUNTS_LIMIT, signal), [filterKey]);
  const sites = useLoad((signal) => listSites(signal), []);
  const { user } = useSession().session;
  const readsPersons = canReadPersons(user);
  const persons = useLoad((signal) => (readsPersons ? listPersons(undefined, PERSONS_LIMIT, signal) : Promise.resolve([])), [readsPersons]);
  const site = filters.siteId ? sites.data?.find((candidate) => candidate.id === filters.siteId) : undefined;
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader section="Dark web" title="Accounts" />
      <DarkwebTabs current="accounts" />
      <p className="muted">
        Usernames, e-mail addresses, PGP keys, cryptocurrency and onion addresses found on the watched sites. A watched account raises an
        alert when it appears on another site.
      </p>
      <AccountFilterBar key={filterKey} filters={filters} onChange={(next) => navigate(paths.darkwebAccounts(next), { replace: true })} />
      {filters.siteId ? (
        <p data-testid="darkweb-accounts-site-filter">
          Accounts of <a href={href(paths.darkwebSite(filters.siteId))}>{site?.name ?? 'one site'}</a> only.{' '}
          <a href={href(paths.darkwebAccounts({ ...filters, siteId: undefined }))}>Show every site</a>
        </p>
      ) : null}
      <ProblemAlert error={accounts.error} testId="darkweb-accounts-error" />
      {accounts.loading && !accounts.data ? <Loading what="Loading accounts" /> : null}
      {accounts.data && accounts.data.length >= ACCOUNTS_LIMIT ? (
        <p className="alert alert-info" role="status" data-testid="darkweb-accounts-limit">
          Showing the {ACCOUNTS_LIMIT} most recently seen accounts. Filter by kind, site or text to find others.
        </p>
      ) : null}
      {accounts.data ? (
        <DarkwebAccountsTable
          accounts={accounts.data}
          sites={sites.data}
          showSite
          emptyText={filtered ? 'No account matches these filters.' : 'No account seen on the sites your agency may see yet.'}
          onChanged={(changed) => accounts.setData((accounts.data ?? []).map((account) => (account.id === changed.id ? changed : account)))}
          persons={readsPersons ? (persons.data ?? []) : undefined}
        />
      ) : null}
    </>
  );
}

function AccountFilterBar({ filters, onChange }: { filters: AccountFilters; onChange: (filters: AccountFilters) => void }) {
  const [q, setQ] = useState(filters.q ?? '');

  function update(next: AccountFilters) {
    const clean: AccountFilters = {};
    if (next.siteId) clean.siteId = next.siteId;
    if (next.kind) clean.kind = next.kind;
    if (next.q) clean.q = next.q;
    if (next.watched !== undefined) clean.watched = next.watched;
    onChange(clean);
  }

  function search(event: FormEvent) {
    event.preventDefault();
    update({ ...filters, q: q.trim() });
  }

  const watched: WatchedChoice = filters.watched === undefined ? '' : filters.watched ? 'true' : 'false';
  return (
    <form className="panel panel-wide" role="search" aria-label="Filter accounts" onSubmit={search} data-testid="darkweb-accounts-filters">
      <div className="field-grid">
        <SelectField
          label="Kind"
          value={filters.kind ?? ANY}
          options={KIND_OPTIONS}
          onChange={(value) => update({ ...filters, kind: value === ANY ? undefined : value })}
          testId="darkweb-accounts-filter-kind"
        />
        <SelectField
          label="Watched"
          value={watched}
          options={WATCHED_OPTIONS}
          onChange={(value) => update({ ...filters, watched: value === '' ? undefined : value === 'true' })}
          testId="darkweb-accounts-filter-watched"
        />
        <TextField
          label="Search"
          hint="Part of the account: a username, an address, a key fingerprint."
          type="search"
          value={q}
          onChange={setQ}
          testId="darkweb-accounts-filter-q"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" data-testid="darkweb-accounts-search">
          Search
        </button>
        {Object.keys(filters).length > 0 ? (
          <button type="button" className="button button-quiet" onClick={() => update({})}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}
