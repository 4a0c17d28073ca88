// Administration → API tokens: machine access for the agency; the secret is shown once at creation.
import { useState, type FormEvent } from 'react';
import { createToken, listTokens, revokeToken, type ApiToken, type CreatedToken, type Role } from '../api';
import { AdminTabs } from '../components/AdminTabs';
import { Badge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { CheckboxGroup, TextField } from '../components/Field';
import { OneTimeSecret } from '../components/OneTimeSecret';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert, RowProblem } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { ROLE_OPTIONS, endOfLocalDayIso, isInFuture, rolesLabel } from '../format';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle, useLoad } from '../hooks';

export function TokensPage() {
  useDocumentTitle('API tokens');
  const tokens = useLoad((signal) => listTokens(signal), []);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<CreatedToken | null>(null);

  function handleCreated(created: CreatedToken) {
    setCreating(false);
    setIssued(created);
    tokens.reload();
  }

  function handleRevoked(revoked: ApiToken) {
    if (tokens.data) tokens.setData(tokens.data.map((token) => (token.id === revoked.id ? revoked : token)));
  }

  return (
    <>
      <PageHeader
        section="Administration"
        title="API tokens"
        actions={
          <button
            type="button"
            className="button button-primary"
            onClick={() => setCreating(true)}
            disabled={creating}
            data-testid="token-new"
          >
            New token
          </button>
        }
      />
      <AdminTabs current="tokens" />
      <p className="muted">Tokens let other systems of your agency call the API. They act with the roles you give them.</p>
      {issued ? (
        <OneTimeSecret
          title={`Secret of token “${issued.token.name}”`}
          secret={issued.secret}
          note="Copy it into the system that will use it now; Vigil keeps only a hash and cannot show it again."
          onDismiss={() => setIssued(null)}
          testId="token-secret"
        />
      ) : null}
      {creating ? <NewTokenForm onCreated={handleCreated} onCancel={() => setCreating(false)} /> : null}
      <ProblemAlert error={tokens.error} />
      {tokens.loading && !tokens.data ? <Loading what="Loading tokens" /> : null}
      {tokens.data ? <TokensTable tokens={tokens.data} onRevoked={handleRevoked} /> : null}
    </>
  );
}

function today(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

function NewTokenForm({ onCreated, onCancel }: { onCreated: (created: CreatedToken) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [expiry, setExpiry] = useState('');
  const create = useAction(createToken);
  const errors = fieldErrors(create.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const expiresAt = endOfLocalDayIso(expiry);
    const result = await create.run({ name: name.trim(), roles, ...(expiresAt ? { expiresAt } : {}) });
    if (result.ok) onCreated(result.value);
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New API token" data-testid="token-form">
      <h2>New API token</h2>
      <ProblemAlert error={create.error} fields={['name', 'roles', 'expiresAt']} />
      <TextField
        label="Name"
        hint="What uses this token, for example “Hotline intake bridge”."
        value={name}
        onChange={setName}
        error={errors.name}
        autoComplete="off"
        required
        testId="token-name"
      />
      <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} selected={roles} onChange={setRoles} error={errors.roles} testId="token-roles" />
      <TextField
        label="Expires (optional)"
        hint="The token stops working at the end of this day. Leave empty for no expiry."
        type="date"
        min={today()}
        value={expiry}
        onChange={setExpiry}
        error={errors.expiresAt}
        className="input-short"
        testId="token-expiry"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.busy} data-testid="token-submit">
          {create.busy ? 'Creating…' : 'Create token'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TokensTable({ tokens, onRevoked }: { tokens: readonly ApiToken[]; onRevoked: (token: ApiToken) => void }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="tokens-table">
        <caption className="visually-hidden">API tokens of your agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Roles</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                No API tokens yet.
              </td>
            </tr>
          ) : (
            tokens.map((token) => <TokenRow key={token.id} token={token} onRevoked={onRevoked} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ token, onRevoked }: { token: ApiToken; onRevoked: (token: ApiToken) => void }) {
  const revoke = useAction(revokeToken);
  const expired = token.expiresAt !== null && !isInFuture(token.expiresAt);

  async function confirmRevoke() {
    const confirmed = window.confirm(`Revoke the token “${token.name}”? Systems using it lose access immediately. This cannot be undone.`);
    if (!confirmed) return;
    const result = await revoke.run(token.id);
    if (result.ok) onRevoked(result.value);
  }

  return (
    <>
      <tr data-testid="token-row">
        <td>{token.name}</td>
        <td>
          <code>{token.prefix}</code>
        </td>
        <td>{rolesLabel(token.roles)}</td>
        <td>
          <DateTime value={token.createdAt} />
        </td>
        <td>
          <DateTime value={token.lastUsedAt} empty="Never" />
        </td>
        <td>
          <DateTime value={token.expiresAt} empty="No expiry" />
        </td>
        <td>
          {token.revokedAt ? (
            <Badge tone="danger">
              Revoked <DateTime value={token.revokedAt} />
            </Badge>
          ) : expired ? (
            <Badge tone="warning">Expired</Badge>
          ) : (
            <Badge tone="success">Active</Badge>
          )}
        </td>
        <td>
          {token.revokedAt ? null : (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={confirmRevoke}
              disabled={revoke.busy}
              data-testid="token-revoke"
            >
              Revoke
            </button>
          )}
        </td>
      </tr>
      <RowProblem error={revoke.error} colSpan={8} />
    </>
  );
}
