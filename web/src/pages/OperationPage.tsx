// Screening → one border operation: its details and checkpoints, the statistics drawn as bar
// charts (checks per day, by border type and country; hits by status and outcome; identified
// migrants by nationality) and the CSV and JSON exports.
import { useState, type FormEvent } from 'react';
import { listAgencies, type Agency } from '../api';
import { BarChart, type Bar } from '../components/BarChart';
import { CheckLog } from '../components/CheckLog';
import { VisibilityBadge } from '../components/Badge';
import { SelectField } from '../components/Field';
import { CheckpointForm, OperationForm } from '../components/OperationForms';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScreeningTabs } from '../components/ScreeningTabs';
import { Loading } from '../components/Status';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangeOperations } from '../permissions';
import { href, navigate, paths } from '../router';
import {
  OPERATION_STATUSES,
  getOperation,
  getStatistics,
  statisticsExportUrl,
  updateOperation,
  type BorderOperation,
  type OperationStatus,
  type CountByKey,
  type OperationStatistics,
} from '../screening-api';
import { borderTypeLabel, hitOutcomeLabel, operationStatusLabel } from '../screening-format';
import { useRememberedCheckpoint, useRememberedOperation } from '../screening-memory';
import { useSession } from '../session';
import { OperationStatusBadge, operationDates } from './OperationsPage';

export function OperationPage({ id }: { id: string }) {
  const operation = useLoad((signal) => getOperation(id, signal), [id]);
  useDocumentTitle(operation.data?.name ?? 'Border operation');

  if (operation.error?.status === 404) {
    return (
      <section data-testid="operation-not-found">
        <PageHeader section="Border operations" title="Operation not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.screeningOperations)}>Back to operations</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <ScreeningTabs current="operations" />
      <p className="breadcrumb">
        <a href={href(paths.screeningOperations)}>← Border operations</a>
      </p>
      <ProblemAlert error={operation.error} testId="operation-error" />
      {operation.loading && !operation.data ? <Loading what="Loading the operation" /> : null}
      {operation.data ? <OperationDetail operation={operation.data} onChanged={operation.reload} /> : null}
    </>
  );
}

function OperationDetail({ operation, onChanged }: { operation: BorderOperation; onChanged: () => void }) {
  const { user } = useSession().session;
  const [, rememberOperation] = useRememberedOperation();
  const [, rememberCheckpoint] = useRememberedCheckpoint();
  const needNames = operation.participants === undefined && operation.sharedWith.length > 0;
  const agencies = useLoad((signal) => (needNames ? listAgencies(signal) : Promise.resolve([])), [needNames]);
  const changeable = canChangeOperations(user) && operation.status !== 'closed';
  const owned = canChangeOperations(user) && operation.ownerAgencyId === user.agency.id;
  const [editing, setEditing] = useState(false);

  function checkHere() {
    rememberOperation(operation.id);
    rememberCheckpoint(null);
    navigate(paths.screeningCheck);
  }

  return (
    <article data-testid="operation-detail" data-operation-id={operation.id}>
      <PageHeader
        section="Border operation"
        title={operation.name}
        actions={
          <>
            {owned ? (
              <button type="button" className="button" onClick={() => setEditing(true)} disabled={editing} data-testid="operation-edit">
                Change
              </button>
            ) : null}
            <a className="button" href={href(paths.screeningReview(operation.id))} data-testid="operation-review-link">
              Review queue
            </a>
            {changeable ? (
              <button type="button" className="button button-primary" onClick={checkHere} data-testid="operation-check-here">
                Check travellers in this operation
              </button>
            ) : null}
          </>
        }
      />
      {editing ? (
        <OperationForm
          operation={operation}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <OperationStatusBadge status={operation.status} />
        </dd>
        <dt>Dates</dt>
        <dd>{operationDates(operation)}</dd>
        {operation.ownerAgencyName ? (
          <>
            <dt>Lead agency</dt>
            <dd>{operation.ownerAgencyName}</dd>
          </>
        ) : null}
        <dt>Visibility</dt>
        <dd>
          <VisibilityBadge visibility={operation.visibility} />
        </dd>
        {operation.visibility === 'shared' ? (
          <>
            <dt>Participating agencies</dt>
            <dd data-testid="operation-participants">
              {operation.participants
                ? operation.participants.map((agency) => `${agency.name} (${agency.country})`).join(', ') || 'No other agency'
                : participants(operation.sharedWith, agencies.data)}
            </dd>
          </>
        ) : null}
        {operation.description ? (
          <>
            <dt>Description</dt>
            <dd className="prose">{operation.description}</dd>
          </>
        ) : null}
      </dl>
      {owned ? <StatusControl key={operation.status} operation={operation} onChanged={onChanged} /> : null}

      <h2>Checkpoints</h2>
      <Checkpoints operation={operation} />
      {changeable && owned ? <AddCheckpoint operation={operation} onAdded={onChanged} /> : null}

      <Statistics operationId={operation.id} />
      <CheckLog operationId={operation.id} />
    </article>
  );
}

/** The checkpoint form, open at once while the operation has none, behind a button after that. */
function AddCheckpoint({ operation, onAdded }: { operation: BorderOperation; onAdded: () => void }) {
  const [adding, setAdding] = useState((operation.checkpoints ?? []).length === 0);
  if (!adding) {
    return (
      <div className="toolbar">
        <button type="button" className="button" onClick={() => setAdding(true)} data-testid="checkpoint-new">
          Add a checkpoint
        </button>
      </div>
    );
  }
  return (
    <CheckpointForm
      operationId={operation.id}
      onAdded={() => {
        setAdding(false);
        onAdded();
      }}
      onCancel={() => setAdding(false)}
    />
  );
}

const STATUS_OPTIONS = OPERATION_STATUSES.map((value) => ({ value, label: operationStatusLabel(value) }));

/** The lead agency moves the operation from planned to active to closed (no checks are recorded once closed). */
function StatusControl({ operation, onChanged }: { operation: BorderOperation; onChanged: () => void }) {
  const [status, setStatus] = useState<OperationStatus>(operation.status);
  const save = useAction((next: OperationStatus) => updateOperation(operation.id, { status: next }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run(status);
    if (result.ok) onChanged();
  }

  return (
    <form className="toolbar inline-form" onSubmit={submit} aria-label="Operation status" data-testid="operation-status-form">
      <SelectField
        label="Operation status"
        value={status}
        options={STATUS_OPTIONS}
        onChange={setStatus}
        disabled={save.busy}
        testId="operation-status-select"
      />
      <button
        type="submit"
        className="button button-small"
        disabled={save.busy || status === operation.status}
        data-testid="operation-status-save"
      >
        {save.busy ? 'Saving…' : 'Change status'}
      </button>
      <ProblemAlert error={save.error} testId="operation-status-error" />
    </form>
  );
}

function participants(ids: readonly string[], agencies: readonly Agency[] | undefined): string {
  if (ids.length === 0) return 'No other agency';
  return ids.map((id) => agencies?.find((agency) => agency.id === id)?.name ?? id).join(', ');
}

function Checkpoints({ operation }: { operation: BorderOperation }) {
  const checkpoints = operation.checkpoints ?? [];
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="checkpoints-table">
        <caption className="visually-hidden">Checkpoints of the operation</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Border</th>
            <th scope="col">Place</th>
            <th scope="col">Country</th>
          </tr>
        </thead>
        <tbody>
          {checkpoints.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                No checkpoints yet.
              </td>
            </tr>
          ) : (
            checkpoints.map((checkpoint) => (
              <tr key={checkpoint.id} data-testid="checkpoint-row">
                <td>{checkpoint.name}</td>
                <td>{borderTypeLabel(checkpoint.borderType)}</td>
                <td>{checkpoint.place || <span className="muted">—</span>}</td>
                <td>{checkpoint.country}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function bars(counts: readonly CountByKey[], label: (key: string) => string = (key) => key): Bar[] {
  return counts.map((count) => ({ label: label(count.key), value: count.count }));
}

/** Every day from the first to the last with checks, the quiet ones at zero (at most a year). */
function daySeries(counts: readonly CountByKey[]): Bar[] {
  const sorted = [...counts].sort((a, b) => a.key.localeCompare(b.key));
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || !/^\d{4}-\d{2}-\d{2}$/.test(first.key) || !/^\d{4}-\d{2}-\d{2}$/.test(last.key)) return bars(sorted);
  const byDay = new Map(sorted.map((count) => [count.key, count.count]));
  const result: Bar[] = [];
  const day = new Date(`${first.key}T00:00:00Z`);
  const end = new Date(`${last.key}T00:00:00Z`).getTime();
  while (day.getTime() <= end && result.length < 366) {
    const key = day.toISOString().slice(0, 10);
    result.push({ label: key, value: byDay.get(key) ?? 0 });
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return result;
}

function Statistics({ operationId }: { operationId: string }) {
  const statistics = useLoad((signal) => getStatistics(operationId, signal), [operationId]);
  return (
    <section aria-labelledby="operation-statistics-title" data-testid="operation-statistics">
      <div className="section-header">
        <h2 id="operation-statistics-title">Statistics</h2>
        <div className="toolbar" data-testid="operation-exports">
          <span className="muted">Export:</span>
          <a className="button button-small" href={statisticsExportUrl(operationId, 'csv')} download data-testid="operation-export-csv">
            CSV
          </a>
          <a className="button button-small" href={statisticsExportUrl(operationId, 'json')} download data-testid="operation-export-json">
            JSON
          </a>
          <button
            type="button"
            className="button button-small"
            onClick={statistics.reload}
            disabled={statistics.loading}
            data-testid="operation-statistics-refresh"
          >
            Refresh
          </button>
        </div>
      </div>
      <ProblemAlert error={statistics.error} testId="operation-statistics-error" />
      {statistics.loading && !statistics.data ? <Loading what="Loading statistics" /> : null}
      {statistics.data ? <StatisticsView statistics={statistics.data} /> : null}
    </section>
  );
}

function StatisticsView({ statistics }: { statistics: OperationStatistics }) {
  const { checks, hits } = statistics;
  const migrants = statistics.migrantsByNationality.reduce((sum, count) => sum + count.count, 0);
  const figures: { id: string; label: string; value: number; tone?: string }[] = [
    { id: 'checks', label: 'Checks', value: checks.total },
    { id: 'hits', label: 'Hits', value: hits.total, tone: hits.total > 0 ? 'stat-known' : '' },
    { id: 'pending', label: 'Pending review', value: hits.pending, tone: hits.pending > 0 ? 'stat-new' : '' },
    { id: 'confirmed', label: 'Confirmed', value: hits.confirmed },
    { id: 'dismissed', label: 'Dismissed', value: hits.dismissed },
    { id: 'migrants', label: 'Migrants identified', value: migrants },
    { id: 'countries', label: 'Countries', value: statistics.participatingCountries.length },
    { id: 'agencies', label: 'Agencies', value: statistics.participatingAgencies },
  ];
  return (
    <>
      <dl className="stats" data-testid="operation-figures">
        {figures.map((figure) => (
          <div key={figure.id} className={`stat ${figure.tone ?? ''}`.trim()} data-testid={`operation-stat-${figure.id}`}>
            <dt>{figure.label}</dt>
            <dd>{figure.value.toLocaleString('en')}</dd>
          </div>
        ))}
      </dl>
      {statistics.participatingCountries.length > 0 ? (
        <p className="muted" data-testid="operation-countries">
          Participating countries: {statistics.participatingCountries.join(', ')}
        </p>
      ) : null}
      <div className="charts">
        <BarChart title="Checks per day" bars={daySeries(checks.byDay)} columns testId="chart-checks-by-day" emptyText="No checks yet." />
        <BarChart
          title="Checks by border type"
          bars={bars(checks.byBorderType, borderTypeLabel)}
          testId="chart-checks-by-border"
          emptyText="No checks yet."
        />
        <BarChart title="Checks by country" bars={bars(checks.byCountry)} testId="chart-checks-by-country" emptyText="No checks yet." />
        <BarChart
          title="Hits by status"
          bars={[
            { label: 'Pending', value: hits.pending },
            { label: 'Confirmed', value: hits.confirmed },
            { label: 'Dismissed', value: hits.dismissed },
          ]}
          testId="chart-hits-by-status"
          emptyText="No hits yet."
        />
        <BarChart
          title="Confirmed hits by outcome"
          bars={bars(hits.byOutcome, hitOutcomeLabel)}
          testId="chart-hits-by-outcome"
          emptyText="No outcomes yet."
        />
        <BarChart
          title="Migrants identified by nationality"
          bars={bars(statistics.migrantsByNationality)}
          testId="chart-migrants-by-nationality"
          emptyText="No migrants identified yet."
        />
      </div>
    </>
  );
}
