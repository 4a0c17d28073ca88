// The checks recorded in a border operation, oldest first, a page at a time: when, where, by which
// agency, the traveller as screened and the outcome. The lead agency sees every check; a
// participating agency sees its own.
import { CursorPager, useCursorPages } from './CursorPager';
import { useState } from 'react';
import { useLoad } from '../hooks';
import { CHECK_OUTCOMES, listChecks, type CheckOutcome, type CheckView } from '../screening-api';
import { borderTypeLabel } from '../screening-format';
import { Badge } from './Badge';
import { DateTime } from './DateTime';
import { SelectField } from './Field';
import { ProblemAlert } from './ProblemAlert';
import { Loading } from './Status';

const PAGE = 25;
const OUTCOME_LABELS: Record<CheckOutcome, string> = { clear: 'Clear', hit: 'Hit', error: 'Not screened' };
const FILTER_OPTIONS: { value: CheckOutcome | ''; label: string }[] = [
  { value: '', label: 'Every outcome' },
  ...CHECK_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] })),
];

export function CheckLog({ operationId }: { operationId: string }) {
  const [outcome, setOutcome] = useState<CheckOutcome | ''>('');
  return (
    <section aria-labelledby="check-log-title" data-testid="check-log">
      <div className="section-header">
        <h2 id="check-log-title">Checks</h2>
        <div className="toolbar">
          <SelectField label="Outcome" value={outcome} options={FILTER_OPTIONS} onChange={setOutcome} testId="check-log-outcome" />
        </div>
      </div>
      <CheckPages key={outcome} operationId={operationId} outcome={outcome || undefined} />
    </section>
  );
}

function CheckPages({ operationId, outcome }: { operationId: string; outcome: CheckOutcome | undefined }) {
  const paging = useCursorPages<number | undefined>(undefined, PAGE);
  const after = paging.after;
  const checks = useLoad(
    (signal) => listChecks(operationId, { limit: PAGE, ...(after !== undefined && { after }), ...(outcome && { outcome }) }, signal),
    [operationId, outcome, after],
  );
  const items = checks.data?.items ?? [];
  const next = checks.data?.next ?? undefined;

  return (
    <>
      <ProblemAlert error={checks.error} testId="check-log-error" />
      {checks.loading && !checks.data ? <Loading what="Loading checks" /> : null}
      {checks.data ? (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="check-log-table">
            <caption className="visually-hidden">Checks recorded in the operation, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Checked</th>
                <th scope="col">Checkpoint</th>
                <th scope="col">Agency</th>
                <th scope="col">Traveller</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="numeric">
                  Hits
                </th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={6} className="empty">
                    {!paging.atStart ? 'No more checks.' : 'No checks recorded yet.'}
                  </td>
                </tr>
              ) : (
                items.map((check) => <CheckRow key={check.id} check={check} />)
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      <CursorPager paging={paging} noun="Checks" count={items.length} next={next} loading={checks.loading} testId="check-log" />
    </>
  );
}

function CheckRow({ check }: { check: CheckView }) {
  const { traveller } = check;
  const tone = check.outcome === 'hit' ? 'danger' : check.outcome === 'error' ? 'warning' : 'success';
  return (
    <tr data-testid="check-log-row" data-outcome={check.outcome}>
      <td>
        <DateTime value={check.checkedAt} />
      </td>
      <td>
        {check.checkpoint ? (
          <>
            {check.checkpoint.name}
            <span className="cell-sub">
              {borderTypeLabel(check.checkpoint.borderType)}, {check.checkpoint.country}
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{check.agencyName}</td>
      <td>
        {traveller.name ?? <span className="muted">No name</span>}
        <span className="cell-sub">
          {[traveller.birthDate, traveller.nationality, traveller.documentNumber].filter(Boolean).join(' · ')}
          {traveller.fromMrz ? ' · MRZ' : ''}
        </span>
      </td>
      <td>
        <Badge tone={tone}>{OUTCOME_LABELS[check.outcome]}</Badge>
        {check.problems.length > 0 ? (
          <span className="cell-sub" title={check.problems.map((problem) => `${problem.field}: ${problem.message}`).join('\n')}>
            {check.problems.length} {check.problems.length === 1 ? 'problem' : 'problems'}
          </span>
        ) : null}
        {check.suppressed > 0 ? <span className="cell-sub">{check.suppressed} dismissed before</span> : null}
      </td>
      <td className="numeric">
        {check.hitCount + check.documentHitCount}
        {check.documentHitCount > 0 ? <span className="cell-sub">{check.documentHitCount} document</span> : null}
      </td>
    </tr>
  );
}
