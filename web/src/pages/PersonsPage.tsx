// Operations → Persons: the persons of interest visible to the user's agency, searched by name or
// alias, and the "New person" form for investigators and administrators.
import { useState, type FormEvent } from 'react';
import { listAgencies, listCases } from '../api';
import { VisibilityBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { TextField } from '../components/Field';
import { OperationsTabs } from '../components/OperationsTabs';
import { PageHeader } from '../components/PageHeader';
import { EMPTY_PERSON, PersonForm, toPersonInput, type PersonFormValues } from '../components/PersonForm';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangePersons } from '../permissions';
import { createPerson, listPersons, type Person } from '../persons-api';
import { href, navigate, paths } from '../router';
import { useSession } from '../session';

/** The most recently changed persons shown at once; a search finds the others. */
const PERSONS_LIMIT = 500;

export function PersonsPage({ q }: { q: string | null }) {
  useDocumentTitle('Persons');
  const { user } = useSession().session;
  const persons = useLoad((signal) => listPersons(q ?? undefined, PERSONS_LIMIT, signal), [q]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Person | null>(null);

  function handleCreated(person: Person) {
    setCreating(false);
    setCreated(person);
    persons.reload();
  }

  return (
    <>
      <PageHeader
        section="Operations"
        title="Persons"
        actions={
          canChangePersons(user) ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
              disabled={creating}
              data-testid="person-new"
            >
              New person
            </button>
          ) : null
        }
      />
      <OperationsTabs current="persons" />
      <p className="muted">
        Persons of interest recorded by your agency or shared with it. Dark web accounts are linked to them from the accounts page.
      </p>
      {created ? (
        <SuccessNote testId="person-created">
          <a href={href(paths.person(created.id))}>{created.name}</a> recorded.
        </SuccessNote>
      ) : null}
      {creating ? <NewPersonForm onCreated={handleCreated} onCancel={() => setCreating(false)} /> : null}
      <PersonSearch key={q ?? ''} q={q} />
      <ProblemAlert error={persons.error} testId="persons-error" />
      {persons.loading && !persons.data ? <Loading what="Loading persons" /> : null}
      {persons.data && persons.data.length >= PERSONS_LIMIT ? (
        <p className="alert alert-info" role="status">
          Showing the {PERSONS_LIMIT} most recently changed persons. Search to find others.
        </p>
      ) : null}
      {persons.data ? <PersonsTable persons={persons.data} searched={q !== null} /> : null}
    </>
  );
}

function PersonSearch({ q }: { q: string | null }) {
  const [text, setText] = useState(q ?? '');

  function search(event: FormEvent) {
    event.preventDefault();
    navigate(paths.persons(text.trim() || null), { replace: true });
  }

  return (
    <form className="panel panel-wide" role="search" aria-label="Search persons" onSubmit={search} data-testid="persons-search">
      <TextField label="Search" hint="Part of a name or an alias." type="search" value={text} onChange={setText} testId="persons-q" />
      <div className="actions">
        <button type="submit" className="button" data-testid="persons-search-submit">
          Search
        </button>
        {q !== null ? (
          <button type="button" className="button button-quiet" onClick={() => navigate(paths.persons(), { replace: true })}>
            Show everyone
          </button>
        ) : null}
      </div>
    </form>
  );
}

function NewPersonForm({ onCreated, onCancel }: { onCreated: (person: Person) => void; onCancel: () => void }) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const cases = useLoad((signal) => listCases(signal), []);
  const create = useAction(createPerson);

  async function submit(values: PersonFormValues) {
    const result = await create.run(toPersonInput(values));
    if (result.ok) onCreated(result.value);
  }

  return (
    <PersonForm
      heading="New person"
      initial={EMPTY_PERSON}
      agencies={agencies.data}
      cases={cases.data}
      ownAgencyId={user.agency.id}
      submitLabel="Record person"
      busy={create.busy}
      error={create.error}
      onSubmit={submit}
      onCancel={onCancel}
      testId="person-form"
    />
  );
}

function PersonsTable({ persons, searched }: { persons: readonly Person[]; searched: boolean }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="persons-table">
        <caption className="visually-hidden">Persons visible to your agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Aliases</th>
            <th scope="col">Born</th>
            <th scope="col">Nationality</th>
            <th scope="col">Owner agency</th>
            <th scope="col">Visibility</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {persons.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                {searched ? 'No person matches this search.' : 'No persons are visible to your agency yet.'}
              </td>
            </tr>
          ) : (
            persons.map((person) => (
              <tr key={person.id} data-testid="person-row">
                <td>
                  <a href={href(paths.person(person.id))}>{person.name}</a>
                </td>
                <td>{person.aliases.length > 0 ? person.aliases.join(', ') : <span className="muted">—</span>}</td>
                <td className="nowrap">{person.birthDate ?? <span className="muted">—</span>}</td>
                <td>{person.nationality ?? <span className="muted">—</span>}</td>
                <td>{person.ownerAgencyName}</td>
                <td>
                  <VisibilityBadge visibility={person.visibility} />
                </td>
                <td>
                  <DateTime value={person.updatedAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
