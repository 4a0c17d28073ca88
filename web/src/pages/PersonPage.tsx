// A single person of interest: the recorded fields, the dark web accounts linked to the person (on
// sites the user's agency may see), and the edit form for investigators and administrators of the
// owning agency.
import { useState } from 'react';
import { listAgencies, listCases, type Agency, type Case } from '../api';
import { VisibilityBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { PersonForm, personFormValues, toPersonInput, type PersonFormValues } from '../components/PersonForm';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import { accountKindLabel } from '../darkweb-format';
import { caseName, VISIBILITY_HINTS } from '../format';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangePersons, ownsPerson } from '../permissions';
import { getPerson, updatePerson, type LinkedAccount, type PersonDetail } from '../persons-api';
import { href, paths } from '../router';
import { useSession } from '../session';

export function PersonPage({ id }: { id: string }) {
  const person = useLoad((signal) => getPerson(id, signal), [id]);
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const cases = useLoad((signal) => listCases(signal), []);
  useDocumentTitle(person.data?.name ?? 'Person');

  if (person.error?.status === 404) return <PersonNotFound />;
  return (
    <>
      <p className="breadcrumb">
        <a href={href(paths.persons())}>← Persons</a>
      </p>
      <ProblemAlert error={person.error} testId="person-error" />
      {person.loading && !person.data ? <Loading what="Loading the person" /> : null}
      {person.data ? <PersonView person={person.data} agencies={agencies.data} cases={cases.data} onSaved={person.setData} /> : null}
    </>
  );
}

function PersonNotFound() {
  return (
    <section data-testid="not-found">
      <PageHeader section="Operations" title="Person not found" />
      <p>Not found or not visible to your agency.</p>
      <p>
        <a href={href(paths.persons())}>Back to persons</a>
      </p>
    </section>
  );
}

interface PersonViewProps {
  person: PersonDetail;
  agencies: readonly Agency[] | undefined;
  cases: readonly Case[] | undefined;
  onSaved: (person: PersonDetail) => void;
}

function PersonView({ person, agencies, cases, onSaved }: PersonViewProps) {
  const { user } = useSession().session;
  const [saved, setSaved] = useState(false);
  const owned = ownsPerson(user, person);
  const editable = owned && canChangePersons(user);

  return (
    <article data-testid="person-detail">
      <PageHeader section="Person" title={person.name} />
      <dl className="details">
        <dt>Aliases</dt>
        <dd>{person.aliases.length > 0 ? person.aliases.join(', ') : <span className="muted">None</span>}</dd>
        <dt>Date of birth</dt>
        <dd>{person.birthDate ?? <span className="muted">Unknown</span>}</dd>
        <dt>Nationality</dt>
        <dd>{person.nationality ?? <span className="muted">Unknown</span>}</dd>
        <dt>Case</dt>
        <dd>
          {person.caseId ? (
            <a href={href(paths.case(person.caseId))}>{caseName(person.caseId, cases) ?? 'A case'}</a>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Owner agency</dt>
        <dd>{person.ownerAgencyName}</dd>
        <dt>Visibility</dt>
        <dd>
          <VisibilityBadge visibility={person.visibility} /> <span className="muted">{VISIBILITY_HINTS[person.visibility]}</span>
        </dd>
        {person.visibility === 'shared' ? (
          <>
            <dt>Shared with</dt>
            <dd>{person.sharedWith.map((id) => agencies?.find((agency) => agency.id === id)?.name ?? id).join(', ')}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>
          <DateTime value={person.createdAt} />
        </dd>
        <dt>Last updated</dt>
        <dd>
          <DateTime value={person.updatedAt} />
        </dd>
      </dl>
      <h2>Notes</h2>
      {person.notes ? <p className="prose">{person.notes}</p> : <p className="muted">No notes.</p>}

      <h2>Linked dark web accounts</h2>
      <LinkedAccounts accounts={person.accounts} />

      {saved ? <SuccessNote testId="person-saved">Changes saved.</SuccessNote> : null}
      {editable ? (
        <EditPerson
          person={person}
          agencies={agencies}
          cases={cases}
          onSaved={(updated) => {
            setSaved(true);
            onSaved(updated);
          }}
          onEditing={() => setSaved(false)}
        />
      ) : null}
      {owned && !editable ? (
        <p className="muted">Only investigators and administrators of {person.ownerAgencyName} can change this person.</p>
      ) : null}
    </article>
  );
}

function LinkedAccounts({ accounts }: { accounts: readonly LinkedAccount[] }) {
  if (accounts.length === 0)
    return (
      <p className="muted" data-testid="person-accounts-empty">
        No account linked, or none on a site your agency may see. Link accounts from{' '}
        <a href={href(paths.darkwebAccounts())}>Dark web → Accounts</a>.
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="person-accounts">
        <caption className="visually-hidden">Dark web accounts linked to this person</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Kind</th>
            <th scope="col">Site</th>
            <th scope="col">Basis</th>
            <th scope="col">Linked</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} data-testid="person-account-row">
              <td className="cell-break">
                <a href={href(paths.darkwebAccounts({ siteId: account.siteId, q: account.value }))}>
                  <code>{account.value}</code>
                </a>
              </td>
              <td className="nowrap">{accountKindLabel(account.kind)}</td>
              <td>
                <a href={href(paths.darkwebSite(account.siteId))}>{account.siteName}</a>
              </td>
              <td>{account.basis ?? <span className="muted">—</span>}</td>
              <td>
                <DateTime value={account.linkedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface EditPersonProps {
  person: PersonDetail;
  agencies: readonly Agency[] | undefined;
  cases: readonly Case[] | undefined;
  onSaved: (person: PersonDetail) => void;
  onEditing: () => void;
}

function EditPerson({ person, agencies, cases, onSaved, onEditing }: EditPersonProps) {
  const { user } = useSession().session;
  const save = useAction((values: PersonFormValues) => updatePerson(person.id, toPersonInput(values)));

  async function submit(values: PersonFormValues) {
    onEditing();
    const result = await save.run(values);
    if (result.ok) onSaved(result.value);
  }

  return (
    <PersonForm
      key={person.updatedAt}
      heading="Edit person"
      initial={personFormValues(person)}
      agencies={agencies}
      cases={cases}
      ownAgencyId={user.agency.id}
      submitLabel="Save changes"
      busy={save.busy}
      error={save.error}
      onSubmit={submit}
      testId="person-edit"
    />
  );
}
