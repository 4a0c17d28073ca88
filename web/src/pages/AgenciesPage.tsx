// Administration → Agencies: the member agencies; the operator agency's admins can add one.
import { useState, type FormEvent } from 'react';
import { AGENCY_KINDS, createAgency, listAgencies, type Agency, type AgencyKind } from '../api';
import { AdminTabs } from '../components/AdminTabs';
import { Badge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { SelectField, TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import { kindLabel } from '../format';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { isOperatorAdmin } from '../permissions';
import { useSession } from '../session';

export function AgenciesPage() {
  useDocumentTitle('Agencies');
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Agency | null>(null);

  function handleCreated(agency: Agency) {
    setCreating(false);
    setCreated(agency);
    agencies.reload();
  }

  return (
    <>
      <PageHeader
        section="Administration"
        title="Agencies"
        actions={
          isOperatorAdmin(user) ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
              disabled={creating}
              data-testid="agency-new"
            >
              New agency
            </button>
          ) : null
        }
      />
      <AdminTabs current="agencies" />
      {created ? <SuccessNote>{created.name} was added to the network.</SuccessNote> : null}
      {creating ? <NewAgencyForm onCreated={handleCreated} onCancel={() => setCreating(false)} /> : null}
      <ProblemAlert error={agencies.error} />
      {agencies.loading && !agencies.data ? <Loading what="Loading agencies" /> : null}
      {agencies.data ? <AgenciesTable agencies={agencies.data} /> : null}
    </>
  );
}

const KIND_OPTIONS = AGENCY_KINDS.map((value) => ({ value, label: kindLabel(value) }));

function NewAgencyForm({ onCreated, onCancel }: { onCreated: (agency: Agency) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [kind, setKind] = useState<AgencyKind>('police');
  const create = useAction(createAgency);
  const errors = fieldErrors(create.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create.run({ name: name.trim(), country: country.trim().toUpperCase(), kind });
    if (result.ok) onCreated(result.value);
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New agency" data-testid="agency-form">
      <h2>New agency</h2>
      <ProblemAlert error={create.error} fields={['name', 'country', 'kind']} />
      <TextField label="Name" value={name} onChange={setName} error={errors.name} required testId="agency-name" />
      <TextField
        label="Country"
        hint="ISO 3166 alpha-3 code, for example NLD or KEN."
        value={country}
        onChange={(value) => setCountry(value.toUpperCase())}
        error={errors.country}
        maxLength={3}
        autoCapitalize="characters"
        spellCheck={false}
        required
        className="input-short"
        testId="agency-country"
      />
      <SelectField label="Kind" value={kind} options={KIND_OPTIONS} onChange={setKind} error={errors.kind} testId="agency-kind" />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.busy} data-testid="agency-submit">
          {create.busy ? 'Saving…' : 'Add agency'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AgenciesTable({ agencies }: { agencies: readonly Agency[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="agencies-table">
        <caption className="visually-hidden">Member agencies</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Country</th>
            <th scope="col">Kind</th>
            <th scope="col">Member since</th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((agency) => (
            <tr key={agency.id} data-testid="agency-row">
              <td>
                {agency.name} {agency.isOperator ? <Badge tone="info">Operator</Badge> : null}
              </td>
              <td>{agency.country}</td>
              <td>{kindLabel(agency.kind)}</td>
              <td>
                <DateTime value={agency.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
