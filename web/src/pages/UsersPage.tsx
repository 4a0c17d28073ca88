// Administration → Users: accounts of an agency, creation with a one-time password, and account actions.
import { useState } from 'react';
import { listAgencies, listUsers, type Agency, type CreatedUser, type User } from '../api';
import { AdminTabs } from '../components/AdminTabs';
import { OneTimeSecret } from '../components/OneTimeSecret';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { SelectField } from '../components/Field';
import { Loading } from '../components/Status';
import { NewUserForm, UsersTable } from '../components/UserAdmin';
import { useDocumentTitle, useLoad } from '../hooks';
import { isOperatorAdmin } from '../permissions';
import { useSession } from '../session';

interface IssuedPassword {
  username: string;
  password: string;
  reason: 'created' | 'reset';
}

export function UsersPage() {
  useDocumentTitle('Users');
  const { user } = useSession().session;
  const operator = isOperatorAdmin(user);
  const [agencyId, setAgencyId] = useState(user.agency.id);
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const users = useLoad((signal) => listUsers(operator ? agencyId : undefined, signal), [operator, agencyId]);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);

  function handleCreated({ user: created, oneTimePassword }: CreatedUser) {
    setCreating(false);
    setIssued({ username: created.username, password: oneTimePassword, reason: 'created' });
    if (created.agencyId !== agencyId) setAgencyId(created.agencyId);
    else users.reload();
  }

  function handleChanged(changed: User) {
    if (users.data) users.setData(users.data.map((entry) => (entry.id === changed.id ? changed : entry)));
  }

  return (
    <>
      <PageHeader
        section="Administration"
        title="Users"
        actions={
          <button
            type="button"
            className="button button-primary"
            onClick={() => setCreating(true)}
            disabled={creating}
            data-testid="user-new"
          >
            New user
          </button>
        }
      />
      <AdminTabs current="users" />
      {issued ? (
        <OneTimeSecret
          title={`One-time password for ${issued.username}`}
          secret={issued.password}
          note={passwordNote(issued)}
          onDismiss={() => setIssued(null)}
          testId="user-password"
        />
      ) : null}
      {creating ? (
        <NewUserForm
          agencies={operator ? agencies.data : undefined}
          defaultAgencyId={agencyId}
          onCreated={handleCreated}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {operator ? <AgencyFilter agencies={agencies.data} value={agencyId} onChange={setAgencyId} /> : null}
      <ProblemAlert error={users.error} />
      {users.loading && !users.data ? <Loading what="Loading users" /> : null}
      {users.data ? (
        <UsersTable
          users={users.data}
          onChanged={handleChanged}
          onPasswordReset={(username, password) => setIssued({ username, password, reason: 'reset' })}
        />
      ) : null}
    </>
  );
}

function passwordNote({ username, reason }: IssuedPassword): string {
  const done = reason === 'created' ? 'The account is created.' : 'The password is reset.';
  return (
    `${done} Give this password to ${username} through a secure channel; ` +
    'they must choose their own at the next sign-in. If it is lost, reset the password again.'
  );
}

interface AgencyFilterProps {
  agencies: readonly Agency[] | undefined;
  value: string;
  onChange: (agencyId: string) => void;
}

function AgencyFilter({ agencies, value, onChange }: AgencyFilterProps) {
  if (!agencies) return null;
  const options = agencies.map((agency) => ({ value: agency.id, label: agency.name }));
  return (
    <div className="filter-bar">
      <SelectField label="Show users of" value={value} options={options} onChange={onChange} testId="users-agency" />
    </div>
  );
}
