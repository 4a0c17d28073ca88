// Forms and table rows for administering user accounts.
import { useState, type FormEvent } from 'react';
import { createUser, resetPassword, unlockUser, updateUser, type Agency, type CreatedUser, type Role, type User } from '../api';
import { ROLE_OPTIONS, formatDateTime, isInFuture, rolesLabel } from '../format';
import { fieldErrors } from '../forms';
import { useAction } from '../hooks';
import { useSession } from '../session';
import { Badge } from './Badge';
import { DateTime } from './DateTime';
import { CheckboxGroup, SelectField, TextField } from './Field';
import { ProblemAlert, RowProblem } from './ProblemAlert';

interface NewUserFormProps {
  /** Agencies to choose from; only given to admins of the operator agency. */
  agencies: readonly Agency[] | undefined;
  defaultAgencyId: string;
  onCreated: (created: CreatedUser) => void;
  onCancel: () => void;
}

export function NewUserForm({ agencies, defaultAgencyId, onCreated, onCancel }: NewUserFormProps) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [agencyId, setAgencyId] = useState(defaultAgencyId);
  const create = useAction(createUser);
  const errors = fieldErrors(create.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create.run({
      username: username.trim(),
      displayName: displayName.trim(),
      roles,
      ...(agencies ? { agencyId } : {}),
    });
    if (result.ok) onCreated(result.value);
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New user" data-testid="user-form">
      <h2>New user</h2>
      <ProblemAlert error={create.error} fields={['username', 'displayName', 'roles', 'agencyId']} />
      <TextField
        label="Username"
        value={username}
        onChange={setUsername}
        error={errors.username}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        testId="user-username"
      />
      <TextField
        label="Display name"
        value={displayName}
        onChange={setDisplayName}
        error={errors.displayName}
        autoComplete="off"
        required
        testId="user-display-name"
      />
      {agencies ? (
        <SelectField
          label="Agency"
          value={agencyId}
          options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
          onChange={setAgencyId}
          error={errors.agencyId}
          testId="user-agency"
        />
      ) : null}
      <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} selected={roles} onChange={setRoles} error={errors.roles} testId="user-roles" />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.busy} data-testid="user-submit">
          {create.busy ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface UsersTableProps {
  users: readonly User[];
  onChanged: (user: User) => void;
  onPasswordReset: (username: string, password: string) => void;
}

export function UsersTable({ users, onChanged, onPasswordReset }: UsersTableProps) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="users-table">
        <caption className="visually-hidden">User accounts</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                No users in this agency yet.
              </td>
            </tr>
          ) : (
            users.map((user) => <UserRow key={user.id} user={user} onChanged={onChanged} onPasswordReset={onPasswordReset} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

interface UserRowProps {
  user: User;
  onChanged: (user: User) => void;
  onPasswordReset: (username: string, password: string) => void;
}

function UserRow({ user, onChanged, onPasswordReset }: UserRowProps) {
  const { session } = useSession();
  const [editing, setEditing] = useState(false);
  const act = useAction((operation: () => Promise<void>) => operation());
  const isSelf = user.id === session.user.id;
  const locked = isInFuture(user.lockedUntil);

  function reset() {
    const confirmed = window.confirm(`Reset the password of ${user.username}? Their current password stops working immediately.`);
    if (!confirmed) return;
    void act.run(async () => {
      const { oneTimePassword } = await resetPassword(user.id);
      onPasswordReset(user.username, oneTimePassword);
    });
  }

  function unlock() {
    void act.run(async () => onChanged(await unlockUser(user.id)));
  }

  function setDisabled(disabled: boolean) {
    if (disabled && !window.confirm(`Disable ${user.username}? They can no longer sign in.`)) return;
    void act.run(async () => onChanged(await updateUser(user.id, { disabled })));
  }

  return (
    <>
      <tr data-testid="user-row">
        <td>
          <span className="cell-title">{user.displayName}</span>
          <span className="cell-sub">
            {user.username}
            {isSelf ? ' (you)' : ''}
          </span>
        </td>
        <td>{rolesLabel(user.roles)}</td>
        <td>
          <UserStatus user={user} locked={locked} />
        </td>
        <td>
          <DateTime value={user.lastLoginAt} empty="Never" />
        </td>
        <td>
          <div className="row-actions">
            <button type="button" className="button button-small" onClick={() => setEditing(!editing)} aria-expanded={editing}>
              Edit roles
            </button>
            <button type="button" className="button button-small" onClick={reset} disabled={act.busy}>
              Reset password
            </button>
            {locked ? (
              <button type="button" className="button button-small" onClick={unlock} disabled={act.busy}>
                Unlock
              </button>
            ) : null}
            {user.disabled ? (
              <button type="button" className="button button-small" onClick={() => setDisabled(false)} disabled={act.busy}>
                Enable
              </button>
            ) : isSelf ? null : (
              <button type="button" className="button button-small button-danger" onClick={() => setDisabled(true)} disabled={act.busy}>
                Disable
              </button>
            )}
          </div>
        </td>
      </tr>
      <RowProblem error={act.error} colSpan={5} />
      {editing ? (
        <tr className="row-detail">
          <td colSpan={5}>
            <UserEditor
              user={user}
              onSaved={(saved) => {
                setEditing(false);
                onChanged(saved);
              }}
              onCancel={() => setEditing(false)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function UserStatus({ user, locked }: { user: User; locked: boolean }) {
  return (
    <div className="badges">
      {user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
      {locked && user.lockedUntil ? <Badge tone="warning">Locked until {formatDateTime(user.lockedUntil)}</Badge> : null}
      {user.mustChangePassword ? <Badge tone="info">Must change password</Badge> : null}
      {user.totpEnabled ? <Badge>Two-step on</Badge> : <Badge tone="warning">Two-step off</Badge>}
    </div>
  );
}

interface UserEditorProps {
  user: User;
  onSaved: (user: User) => void;
  onCancel: () => void;
}

function UserEditor({ user, onSaved, onCancel }: UserEditorProps) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const save = useAction(updateUser);
  const errors = fieldErrors(save.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run(user.id, { displayName: displayName.trim(), roles });
    if (result.ok) onSaved(result.value);
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Edit ${user.username}`}>
      <ProblemAlert error={save.error} fields={['displayName', 'roles']} />
      <TextField label="Display name" value={displayName} onChange={setDisplayName} error={errors.displayName} required />
      <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} selected={roles} onChange={setRoles} error={errors.roles} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
