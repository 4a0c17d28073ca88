// Screening → operations: the border operations the user's agency runs or takes part in, and
// "New operation" for border officers and administrators.
import { useState } from 'react';
import { Badge, VisibilityBadge } from '../components/Badge';
import { OperationForm } from '../components/OperationForms';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScreeningTabs } from '../components/ScreeningTabs';
import { Loading } from '../components/Status';
import { useDocumentTitle, useLoad } from '../hooks';
import { canChangeOperations } from '../permissions';
import { href, navigate, paths } from '../router';
import { listOperations, type BorderOperation } from '../screening-api';
import { operationStatusLabel } from '../screening-format';
import { useSession } from '../session';

export function OperationsPage() {
  useDocumentTitle('Border operations');
  const { user } = useSession().session;
  const operations = useLoad((signal) => listOperations(signal), []);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        section="Screening"
        title="Border operations"
        actions={
          canChangeOperations(user) ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setCreating(true)}
              disabled={creating}
              data-testid="operation-new"
            >
              New operation
            </button>
          ) : null
        }
      />
      <ScreeningTabs current="operations" />
      {creating ? (
        <OperationForm onSaved={(operation) => navigate(paths.screeningOperation(operation.id))} onCancel={() => setCreating(false)} />
      ) : null}
      <ProblemAlert error={operations.error} testId="operations-error" />
      {operations.loading && !operations.data ? <Loading what="Loading operations" /> : null}
      {operations.data ? <OperationsTable operations={operations.data} /> : null}
    </>
  );
}

export function OperationStatusBadge({ status }: { status: string }) {
  const tone = status === 'active' ? 'success' : status === 'planned' ? 'info' : 'neutral';
  return (
    <Badge tone={tone} testId="operation-status-badge">
      {operationStatusLabel(status)}
    </Badge>
  );
}

/** "2026-11-01 – 2026-11-14", or whichever end is known. */
export function operationDates(operation: Pick<BorderOperation, 'startsOn' | 'endsOn'>): string {
  if (operation.startsOn && operation.endsOn) return `${operation.startsOn} – ${operation.endsOn}`;
  if (operation.startsOn) return `From ${operation.startsOn}`;
  if (operation.endsOn) return `Until ${operation.endsOn}`;
  return '—';
}

function OperationsTable({ operations }: { operations: readonly BorderOperation[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="operations-table">
        <caption className="visually-hidden">Border operations visible to your agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Dates</th>
            <th scope="col">Lead agency</th>
            <th scope="col">Visibility</th>
            <th scope="col" className="numeric">
              Checkpoints
            </th>
          </tr>
        </thead>
        <tbody>
          {operations.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                No border operations are visible to your agency yet.
              </td>
            </tr>
          ) : (
            operations.map((operation) => (
              <tr key={operation.id} data-testid="operation-row" data-operation-id={operation.id}>
                <td>
                  <a href={href(paths.screeningOperation(operation.id))}>{operation.name}</a>
                  {operation.description ? <span className="cell-sub">{operation.description}</span> : null}
                </td>
                <td>
                  <OperationStatusBadge status={operation.status} />
                </td>
                <td className="nowrap">{operationDates(operation)}</td>
                <td>{operation.ownerAgencyName ?? <span className="muted">—</span>}</td>
                <td>
                  <VisibilityBadge visibility={operation.visibility} />
                </td>
                <td className="numeric">{(operation.checkpoints ?? []).length.toLocaleString('en')}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
