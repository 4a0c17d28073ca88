// Operations → Cases: the cases visible to the user's agency, and the "New case" form.
import { useState } from 'react';
import { createCase, listAgencies, listCases, type Case } from '../api';
import { VisibilityBadge } from '../components/Badge';
import { CaseForm, EMPTY_CASE, toNewCase, type CaseFormValues } from '../components/CaseForm';
import { DateTime } from '../components/DateTime';
import { OperationsTabs } from '../components/OperationsTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangeCases } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

export function CasesPage() {
  useDocumentTitle('Cases');
  const { user } = useSession().session;
  const cases = useLoad((signal) => listCases(signal), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Case | null>(null);

  function handleCreated(record: Case) {
    setCreating(false);
    setCreated(record);
    cases.reload();
  }

  function openForm() {
    setCreated(null);
    setCreating(true);
  }

  return (
    <>
      <PageHeader
        section="Operations"
        title="Cases"
        actions={
          canChangeCases(user) ? (
            <button type="button" className="button button-primary" onClick={openForm} disabled={creating} data-testid="case-new">
              New case
            </button>
          ) : null
        }
      />
      <OperationsTabs current="cases" />
      {created ? (
        <SuccessNote testId="case-created">
          Case <a href={href(paths.case(created.id))}>{created.title}</a> created.
        </SuccessNote>
      ) : null}
      {creating ? <NewCaseForm onCreated={handleCreated} onCancel={() => setCreating(false)} /> : null}
      {cases.error?.status === 403 ? (
        <p>Your roles do not give access to cases.</p>
      ) : (
        <ProblemAlert error={cases.error} testId="cases-error" />
      )}
      {cases.loading && !cases.data ? <Loading what="Loading cases" /> : null}
      {cases.data ? <CasesTable cases={cases.data} /> : null}
    </>
  );
}

function NewCaseForm({ onCreated, onCancel }: { onCreated: (record: Case) => void; onCancel: () => void }) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const create = useAction(createCase);

  async function submit(values: CaseFormValues) {
    const result = await create.run(toNewCase(values));
    if (result.ok) onCreated(result.value);
  }

  return (
    <CaseForm
      heading="New case"
      initial={EMPTY_CASE}
      showReference
      agencies={agencies.data}
      ownAgencyId={user.agency.id}
      submitLabel="Create case"
      busy={create.busy}
      error={create.error}
      onSubmit={submit}
      onCancel={onCancel}
      testId="case-form"
    />
  );
}

function CasesTable({ cases }: { cases: readonly Case[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="cases-table">
        <caption className="visually-hidden">Cases visible to your agency</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            <th scope="col">Owner agency</th>
            <th scope="col">Visibility</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {cases.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                No cases are visible to your agency yet.
              </td>
            </tr>
          ) : (
            cases.map((record) => (
              <tr key={record.id} data-testid="case-row">
                <td className="nowrap">{record.reference || <span className="muted">—</span>}</td>
                <td>
                  <a href={href(paths.case(record.id))}>{record.title}</a>
                </td>
                <td>{record.ownerAgencyName}</td>
                <td>
                  <VisibilityBadge visibility={record.visibility} />
                </td>
                <td>
                  <DateTime value={record.updatedAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
