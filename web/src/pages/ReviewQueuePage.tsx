// Screening → review queue of one operation: each hit with the traveller and the watchlist record
// side by side and the explanation; border officers confirm it (with the outcome) or dismiss it.
// A dismissal is remembered: the same traveller does not raise that record again in the operation.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { Badge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { SelectField, TextAreaField, TextField } from '../components/Field';
import { DocumentHitDetails, EntrySource, HitComparison, TravellerDetails } from '../components/HitExplanation';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScreeningTabs } from '../components/ScreeningTabs';
import { Loading } from '../components/Status';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangeOperations } from '../permissions';
import { href, navigate, paths } from '../router';
import {
  HIT_OUTCOMES,
  HIT_STATUSES,
  listHits,
  listOperations,
  reviewHit,
  type HitOutcome,
  type HitReview,
  type HitStatus,
  type HitView,
} from '../screening-api';
import { borderTypeLabel, formatScore, hitOutcomeLabel, hitStatusLabel } from '../screening-format';
import { useRememberedCheckpoint, useRememberedOperation } from '../screening-memory';
import { useSession } from '../session';

const STATUS_OPTIONS = HIT_STATUSES.map((value) => ({ value, label: hitStatusLabel(value) }));

export function ReviewQueuePage({ operationId: routeOperationId }: { operationId: string | null }) {
  useDocumentTitle('Review queue');
  const [remembered, remember] = useRememberedOperation();
  const [, rememberCheckpoint] = useRememberedCheckpoint();
  const operations = useLoad((signal) => listOperations(signal), []);
  const [status, setStatus] = useState<HitStatus>('pending');
  const operationId = routeOperationId ?? remembered ?? operations.data?.[0]?.id ?? null;
  const operation = operations.data?.find((item) => item.id === operationId);

  function chooseOperation(id: string) {
    if (id !== remembered) {
      remember(id || null);
      rememberCheckpoint(null);
    }
    navigate(paths.screeningReview(id || null), { replace: true });
  }

  const operationOptions = [
    { value: '', label: operations.data ? 'Choose an operation' : 'Loading operations…' },
    ...(operations.data ?? []).map((item) => ({ value: item.id, label: item.name })),
  ];

  return (
    <>
      <PageHeader section="Screening" title="Review queue" />
      <ScreeningTabs current="review" />
      <ProblemAlert error={operations.error} testId="review-operations-error" />
      <div className="toolbar review-filters">
        <SelectField
          label="Operation"
          value={operationId ?? ''}
          options={operationOptions}
          onChange={chooseOperation}
          testId="review-operation"
        />
        <SelectField label="Status" value={status} options={STATUS_OPTIONS} onChange={setStatus} testId="review-status" />
        {operationId ? (
          <a className="button button-small" href={href(paths.screeningOperation(operationId))} data-testid="review-dashboard-link">
            Operation dashboard
          </a>
        ) : null}
      </div>
      {operations.data && operations.data.length === 0 ? (
        <p className="empty-state">No border operation is visible to your agency yet.</p>
      ) : null}
      {operationId ? (
        <HitQueue key={`${operationId}-${status}`} operationId={operationId} status={status} operationName={operation?.name} />
      ) : null}
    </>
  );
}

const HITS_PAGE = 50;

function HitQueue({ operationId, status, operationName }: { operationId: string; status: HitStatus; operationName: string | undefined }) {
  // Pages are appended: `after` is the cursor of the next page asked for.
  const [after, setAfter] = useState<number | undefined>(undefined);
  const [earlier, setEarlier] = useState<HitView[]>([]);
  const hits = useLoad(
    (signal) => listHits(operationId, { status, limit: HITS_PAGE, ...(after !== undefined && { after }) }, signal),
    [operationId, status, after],
  );
  const [reviewed, setReviewed] = useState<HitView[]>([]);
  const reviewedIds = new Set(reviewed.map((hit) => hit.id));
  // While the next page loads, the previous one is still `data` and already in `earlier`: keep one of each.
  const loaded = hits.data ? [...new Map([...earlier, ...hits.data.items].map((hit) => [hit.id, hit])).values()] : undefined;
  const items = (loaded ?? []).filter((hit) => !reviewedIds.has(hit.id));
  const next = hits.data?.next ?? null;

  function loadMore() {
    const page = hits.data;
    if (!page || next === null) return;
    setEarlier((previous) => [...previous, ...page.items]);
    setAfter(next);
  }

  return (
    <section aria-label={`${hitStatusLabel(status)} hits${operationName ? ` of ${operationName}` : ''}`} data-testid="review-queue">
      <h2 className="visually-hidden">{hitStatusLabel(status)} hits</h2>
      <ProblemAlert error={hits.error} testId="review-error" />
      {hits.loading && !hits.data ? <Loading what="Loading hits" /> : null}
      {reviewed.map((hit) => (
        <p key={hit.id} className="alert alert-success" role="status" data-testid="review-done" data-hit-id={hit.id}>
          {hit.status === 'confirmed' ? 'Confirmed' : 'Dismissed'}: {hit.traveller.name ?? hit.traveller.documentNumber ?? 'traveller'}
          {hit.outcome ? ` (${hitOutcomeLabel(hit.outcome)})` : ''}.
        </p>
      ))}
      {loaded ? (
        <>
          <p className="muted" data-testid="review-count" data-count={items.length}>
            {items.length.toLocaleString('en')}
            {next !== null ? '+' : ''} {hitStatusLabel(status).toLowerCase()} {items.length === 1 ? 'hit' : 'hits'}
          </p>
          {items.length === 0 ? (
            <p className="empty-state" data-testid="review-empty">
              {status === 'pending' ? 'Nothing waits for review.' : `No ${hitStatusLabel(status).toLowerCase()} hits.`}
            </p>
          ) : (
            items.map((hit) => (
              <HitReviewCard
                key={hit.id}
                operationId={operationId}
                hit={hit}
                onReviewed={(done) => setReviewed((previous) => [...previous, done])}
              />
            ))
          )}
          {next !== null ? (
            <button type="button" className="button" onClick={loadMore} disabled={hits.loading} data-testid="review-more">
              {hits.loading ? 'Loading…' : 'Load more hits'}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function HitReviewCard({ operationId, hit, onReviewed }: { operationId: string; hit: HitView; onReviewed: (hit: HitView) => void }) {
  const { user } = useSession().session;
  const title = hit.kind === 'document' ? 'Reported travel document' : (hit.entry?.names[0] ?? 'Watchlist person');
  return (
    <article className="hit-card" data-testid="review-hit" data-hit-id={hit.id} data-status={hit.status} data-kind={hit.kind}>
      <header className="hit-card-header">
        <h3>{title}</h3>
        {hit.kind === 'person' ? (
          <Badge tone="danger" title="Score from 0 to 1" testId="review-hit-score">
            Score {formatScore(hit.score)}
          </Badge>
        ) : (
          <Badge tone="danger">Document hit</Badge>
        )}
        <EntrySource entry={hit.entry} />
      </header>
      <p className="muted hit-meta">
        Checked <DateTime value={hit.checkedAt} />
        {hit.checkpoint ? ` at ${hit.checkpoint.name} (${borderTypeLabel(hit.checkpoint.borderType)}, ${hit.checkpoint.country})` : ''}
        {hit.agencyName ? ` by ${hit.agencyName}` : ''}
      </p>
      {hit.kind === 'person' ? (
        <HitComparison
          traveller={hit.traveller}
          entry={hit.entry}
          explanation={hit.explanation}
          caption={`The traveller compared with ${title}`}
        />
      ) : hit.document ? (
        <div className="side-by-side">
          <div>
            <h4>Traveller</h4>
            <TravellerDetails traveller={hit.traveller} />
          </div>
          <div>
            <h4>Reported document</h4>
            <DocumentHitDetails
              hit={{ ...hit.document, documentType: hit.document.documentType ?? 'other', status: hit.document.status ?? 'stolen' }}
            />
          </div>
        </div>
      ) : null}
      {hit.status === 'pending' ? (
        canChangeOperations(user) ? (
          <ReviewForm operationId={operationId} hit={hit} onReviewed={onReviewed} />
        ) : (
          <p className="muted">Border officers of the operation review hits.</p>
        )
      ) : (
        <ReviewOutcome hit={hit} />
      )}
    </article>
  );
}

function ReviewOutcome({ hit }: { hit: HitView }) {
  return (
    <dl className="details" data-testid="review-outcome">
      <dt>Decision</dt>
      <dd>
        <Badge tone={hit.status === 'confirmed' ? 'danger' : 'neutral'}>{hitStatusLabel(hit.status)}</Badge>
      </dd>
      {hit.outcome ? (
        <>
          <dt>Outcome</dt>
          <dd>
            {hitOutcomeLabel(hit.outcome)}
            {hit.outcomeNationality ? ` (${hit.outcomeNationality})` : ''}
          </dd>
        </>
      ) : null}
      {hit.note ? (
        <>
          <dt>Note</dt>
          <dd className="prose">{hit.note}</dd>
        </>
      ) : null}
      <dt>Reviewed</dt>
      <dd>
        <DateTime value={hit.reviewedAt} />
        {hit.reviewedBy ? ` by ${hit.reviewedBy}` : ''}
      </dd>
    </dl>
  );
}

const OUTCOME_OPTIONS: { value: HitOutcome | ''; label: string }[] = [
  { value: '', label: 'Choose the outcome' },
  ...HIT_OUTCOMES.map((value) => ({ value, label: hitOutcomeLabel(value) })),
];

const REVIEW_FIELDS = ['decision', 'outcome', 'outcomeNationality', 'note'] as const;

function missingForConfirm(outcome: HitOutcome | '', nationality: string): ApiError | null {
  if (outcome === '') {
    return new ApiError({
      status: 0,
      code: 'invalid',
      detail: 'Choose the outcome to confirm the hit.',
      errors: [{ field: 'outcome', message: 'is required to confirm a hit' }],
    });
  }
  if (outcome === 'migrant_identified' && nationality.trim() === '') {
    return new ApiError({
      status: 0,
      code: 'invalid',
      detail: 'Give the nationality of the identified migrant.',
      errors: [{ field: 'outcomeNationality', message: 'is required when a migrant is identified' }],
    });
  }
  return null;
}

function ReviewForm({ operationId, hit, onReviewed }: { operationId: string; hit: HitView; onReviewed: (hit: HitView) => void }) {
  const [outcome, setOutcome] = useState<HitOutcome | ''>('');
  const [nationality, setNationality] = useState(hit.traveller.nationality ?? '');
  const [note, setNote] = useState('');
  const review = useAction((input: HitReview) => reviewHit(operationId, hit.id, input));
  const [missing, setMissing] = useState<ApiError | null>(null);
  const error = missing ?? review.error;
  const errors = fieldErrors(error);

  async function decide(decision: 'confirm' | 'dismiss') {
    // The server asks for these too; saying so here spares a refused request.
    const absent = decision === 'confirm' ? missingForConfirm(outcome, nationality) : null;
    setMissing(absent);
    if (absent) return;
    const input: HitReview = { decision };
    if (decision === 'confirm' && outcome) input.outcome = outcome;
    if (decision === 'confirm' && outcome === 'migrant_identified' && nationality.trim())
      input.outcomeNationality = nationality.trim().toUpperCase();
    if (note.trim()) input.note = note.trim();
    const result = await review.run(input);
    if (result.ok) onReviewed({ ...hit, ...input, ...result.value, status: decision === 'confirm' ? 'confirmed' : 'dismissed' });
  }

  function confirm(event: FormEvent) {
    event.preventDefault();
    void decide('confirm');
  }

  return (
    <form className="review-form" onSubmit={confirm} noValidate aria-label="Review the hit" data-testid="review-form">
      <ProblemAlert error={error} fields={REVIEW_FIELDS} testId="review-form-error" />
      <div className="field-grid">
        <SelectField
          label="Outcome"
          hint="What confirming this hit led to."
          value={outcome}
          options={OUTCOME_OPTIONS}
          onChange={setOutcome}
          error={errors.outcome}
          disabled={review.busy}
          testId="review-outcome-select"
        />
        {outcome === 'migrant_identified' ? (
          <TextField
            label="Nationality of the migrant"
            hint="Country code, e.g. SYR."
            value={nationality}
            onChange={(value) => setNationality(value.toUpperCase())}
            error={errors.outcomeNationality}
            maxLength={3}
            className="input-short"
            disabled={review.busy}
            testId="review-nationality"
          />
        ) : null}
      </div>
      <TextAreaField
        label="Note (optional)"
        value={note}
        onChange={setNote}
        error={errors.note}
        rows={2}
        disabled={review.busy}
        testId="review-note"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={review.busy} data-testid="review-confirm">
          {review.busy ? 'Saving…' : 'Confirm hit'}
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => void decide('dismiss')}
          disabled={review.busy}
          data-testid="review-dismiss"
        >
          Dismiss as false positive
        </button>
      </div>
    </form>
  );
}
