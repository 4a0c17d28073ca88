// Audit: search the audit trail, page back through it, export it and verify its hash chain.
import { useState, type FormEvent } from 'react';
import {
  AUDIT_OUTCOMES,
  auditExportUrl,
  searchAudit,
  verifyAudit,
  type ApiError,
  type AuditEvent,
  type AuditFilters,
  type AuditOutcome,
  type AuditVerification,
} from '../api';
import { OutcomeBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { SelectField, TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { localDateTimeToIso, outcomeLabel } from '../format';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle, useLoad } from '../hooks';

const PAGE_SIZE = 50;

interface FilterDraft {
  action: string;
  actor: string;
  recordType: string;
  recordId: string;
  outcome: AuditOutcome | '';
  from: string;
  to: string;
}

const EMPTY_DRAFT: FilterDraft = { action: '', actor: '', recordType: '', recordId: '', outcome: '', from: '', to: '' };

const FILTER_FIELDS = ['action', 'actor', 'recordType', 'recordId', 'outcome', 'from', 'to'] as const;

function toFilters(draft: FilterDraft): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of ['action', 'actor', 'recordType', 'recordId'] as const) {
    const value = draft[key].trim();
    if (value) filters[key] = value;
  }
  if (draft.outcome) filters.outcome = draft.outcome;
  const from = localDateTimeToIso(draft.from);
  const to = localDateTimeToIso(draft.to);
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

export function AuditPage() {
  useDocumentTitle('Audit');
  const [applied, setApplied] = useState<AuditFilters>({});
  const results = useLoad((signal) => searchAudit(applied, { limit: PAGE_SIZE }, signal), [JSON.stringify(applied)]);
  const more = useAction(searchAudit);

  async function loadMore() {
    const current = results.data;
    if (!current || current.nextBefore === null) return;
    const result = await more.run(applied, { before: current.nextBefore, limit: PAGE_SIZE });
    if (result.ok) {
      results.setData({ items: [...current.items, ...result.value.items], nextBefore: result.value.nextBefore });
    }
  }

  return (
    <>
      <PageHeader section="Audit" title="Audit trail" />
      <VerifyChain />
      <AuditSearchForm searchError={results.error} onSearch={setApplied} />
      <div className="toolbar">
        <span className="muted">Export the events matching the search:</span>
        <a className="button button-small" href={auditExportUrl('csv', applied)} download data-testid="audit-export-csv">
          CSV
        </a>
        <a className="button button-small" href={auditExportUrl('jsonl', applied)} download data-testid="audit-export-jsonl">
          JSON Lines
        </a>
      </div>
      {results.loading && !results.data ? <Loading what="Searching" /> : null}
      {results.data ? <AuditTable events={results.data.items} /> : null}
      <ProblemAlert error={more.error} />
      {results.data && results.data.nextBefore !== null ? (
        <div className="actions">
          <button type="button" className="button" onClick={loadMore} disabled={more.busy} data-testid="audit-more">
            {more.busy ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </>
  );
}

const OUTCOME_OPTIONS: { value: AuditOutcome | ''; label: string }[] = [
  { value: '', label: 'Any outcome' },
  ...AUDIT_OUTCOMES.map((value) => ({ value, label: outcomeLabel(value) })),
];

interface AuditSearchFormProps {
  searchError: ApiError | null;
  onSearch: (filters: AuditFilters) => void;
}

function AuditSearchForm({ searchError, onSearch }: AuditSearchFormProps) {
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_DRAFT);
  const errors = fieldErrors(searchError);

  function update<K extends keyof FilterDraft>(key: K, value: FilterDraft[K]) {
    setDraft((previous) => ({ ...previous, [key]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(toFilters(draft));
  }

  function clear() {
    setDraft(EMPTY_DRAFT);
    onSearch({});
  }

  return (
    <form className="panel panel-wide" onSubmit={submit} noValidate aria-label="Search the audit trail" data-testid="audit-search">
      <ProblemAlert error={searchError} fields={FILTER_FIELDS} />
      <div className="field-grid">
        <TextField
          label="Action"
          hint="For example auth.login"
          value={draft.action}
          onChange={(value) => update('action', value)}
          error={errors.action}
          testId="audit-action"
        />
        <TextField
          label="Actor"
          hint="User name or ID"
          value={draft.actor}
          onChange={(value) => update('actor', value)}
          error={errors.actor}
          testId="audit-actor"
        />
        <TextField
          label="Record type"
          hint="For example case"
          value={draft.recordType}
          onChange={(value) => update('recordType', value)}
          error={errors.recordType}
          testId="audit-record-type"
        />
        <TextField
          label="Record ID"
          value={draft.recordId}
          onChange={(value) => update('recordId', value)}
          error={errors.recordId}
          testId="audit-record-id"
        />
        <SelectField
          label="Outcome"
          value={draft.outcome}
          options={OUTCOME_OPTIONS}
          onChange={(value) => update('outcome', value)}
          error={errors.outcome}
          testId="audit-outcome"
        />
        <TextField
          label="From"
          type="datetime-local"
          value={draft.from}
          onChange={(value) => update('from', value)}
          error={errors.from}
          testId="audit-from"
        />
        <TextField
          label="To"
          type="datetime-local"
          value={draft.to}
          onChange={(value) => update('to', value)}
          error={errors.to}
          testId="audit-to"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" data-testid="audit-submit">
          Search
        </button>
        <button type="button" className="button" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}

function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="audit-table">
        <caption className="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              Seq
            </th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Outcome</th>
            <th scope="col">IP</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                No audit events match this search.
              </td>
            </tr>
          ) : (
            events.map((event) => <AuditRow key={event.seq} event={event} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  return (
    <tr data-testid="audit-row">
      <td className="numeric">{event.seq}</td>
      <td>
        <DateTime value={event.at} precise />
      </td>
      <td>
        <span className="cell-title">{event.actorName ?? event.actorId ?? '—'}</span>
        <span className="cell-sub">{event.actorType}</span>
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td>{event.recordType ? `${event.recordType}${event.recordId ? ` ${event.recordId}` : ''}` : '—'}</td>
      <td>
        <OutcomeBadge outcome={event.outcome} />
        {event.reason ? <span className="cell-sub">{event.reason}</span> : null}
      </td>
      <td>{event.ip ?? '—'}</td>
    </tr>
  );
}

function VerifyChain() {
  const verify = useAction(verifyAudit);
  const [result, setResult] = useState<AuditVerification | null>(null);

  async function run() {
    setResult(null);
    const outcome = await verify.run();
    if (outcome.ok) setResult(outcome.value);
  }

  return (
    <section className="verify" aria-label="Chain verification">
      <div className="toolbar">
        <span className="muted">Each entry is chained to the one before by its hash.</span>
        <button type="button" className="button button-small" onClick={run} disabled={verify.busy} data-testid="audit-verify">
          {verify.busy ? 'Verifying…' : 'Verify chain'}
        </button>
      </div>
      <div aria-live="polite">
        {result ? <VerificationResult result={result} /> : null}
        <ProblemAlert error={verify.error} />
      </div>
    </section>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const broken = result.firstBroken;
  if (result.ok && !broken) {
    return (
      <p className="alert alert-success" data-testid="audit-verify-result">
        Chain intact: {result.checked} entries checked
        {result.headSeq !== null ? `, up to entry ${result.headSeq}` : ''}.
      </p>
    );
  }
  return (
    <p className="alert alert-error" data-testid="audit-verify-result">
      Chain broken{broken ? ` at entry ${broken.seq}: ${broken.problem}` : ''}. {result.checked} entries checked.
    </p>
  );
}
