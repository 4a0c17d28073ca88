// The answer to one check in one glance: a banner (clear, hit, document hit), the problems found in
// the input per field, then each hit with its explanation.
import { useEffect, useRef } from 'react';
import { href, paths } from '../router';
import { matchedHits, verdictOf, type PersonHit, type ScreeningResult, type TravellerProblem } from '../screening-api';
import { VERDICT_HINTS, formatScore, problemFieldLabel, verdictLabel } from '../screening-format';
import { Badge } from './Badge';
import { DocumentHitDetails, EntrySource, HitComparison, TravellerDetails } from './HitExplanation';

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** With `focus`, the banner scrolls into view and takes the focus when it appears, so the answer is the next thing seen and read. */
export function VerdictBanner({ result, focus = false }: { result: ScreeningResult; focus?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focus) return;
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'start' });
  }, [focus]);
  const verdict = verdictOf(result);
  const persons = matchedHits(result).length;
  const documents = result.documentHits.length;
  const counts = [
    documents > 0 ? plural(documents, 'document hit', 'document hits') : '',
    persons > 0 ? plural(persons, 'person hit', 'person hits') : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`verdict verdict-${verdict}`}
      role={verdict === 'clear' ? 'status' : 'alert'}
      aria-live="assertive"
      data-testid="screening-verdict"
      data-verdict={verdict}
    >
      <p className="verdict-label">{verdictLabel(verdict)}</p>
      <div>
        <p className="verdict-hint">{VERDICT_HINTS[verdict]}</p>
        {counts ? <p className="verdict-counts">{counts}</p> : null}
      </div>
    </section>
  );
}

export function ProblemList({ problems, testId = 'screening-problems' }: { problems: readonly TravellerProblem[]; testId?: string }) {
  if (problems.length === 0) return null;
  return (
    <div className="alert alert-warning" role="alert" data-testid={testId}>
      <p>
        <strong>Problems in the input</strong> (the rest of the traveller was still screened):
      </p>
      <ul>
        {problems.map((problem, index) => (
          <li key={index} data-testid="screening-problem" data-field={problem.field}>
            <strong>{problemFieldLabel(problem.field)}:</strong> {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PersonHitCard({ hit, traveller }: { hit: PersonHit; traveller: ScreeningResult['traveller'] }) {
  const name = hit.entry?.names[0] ?? 'Watchlist person';
  return (
    <article className="hit-card" data-testid="screening-hit" data-entry-id={hit.entryId} data-match={hit.match ? 'true' : 'false'}>
      <header className="hit-card-header">
        <h3>{name}</h3>
        <Badge tone={hit.match ? 'danger' : 'neutral'} title="Score from 0 to 1" testId="screening-hit-score">
          Score {formatScore(hit.score)}
        </Badge>
        <EntrySource entry={hit.entry} />
      </header>
      <HitComparison
        traveller={traveller}
        entry={hit.entry}
        explanation={hit.explanation}
        caption={`The traveller compared with ${name}`}
      />
    </article>
  );
}

interface ScreeningAnswerProps {
  result: ScreeningResult;
  /** The operation the check was recorded in, for the link to its review queue. */
  operation?: { id: string; name: string } | undefined;
}

export function ScreeningAnswer({ result, operation }: ScreeningAnswerProps) {
  const matched = matchedHits(result);
  const weaker = result.hits.filter((hit) => !hit.match);
  const pending = matched.length + result.documentHits.length;
  return (
    <section className="screening-answer" aria-label="Screening answer" data-testid="screening-answer" data-check-id={result.checkId}>
      <h2 className="visually-hidden">Answer</h2>
      <VerdictBanner result={result} focus />
      <ProblemList problems={result.problems} />
      {result.checkId && operation ? (
        <p className="muted" data-testid="screening-recorded">
          Recorded in {operation.name}.{' '}
          {pending > 0 ? (
            <>
              {pending === 1 ? 'The hit waits' : 'The hits wait'} in the{' '}
              <a href={href(paths.screeningReview(operation.id))}>review queue</a>.
            </>
          ) : null}
        </p>
      ) : null}
      {result.suppressed ? (
        <p className="muted" data-testid="screening-suppressed">
          {plural(result.suppressed, 'hit was', 'hits were')} dismissed before for this traveller in this operation and not raised again.
        </p>
      ) : null}

      {result.documentHits.map((hit) => (
        <article key={hit.documentId} className="hit-card hit-card-document" data-testid="screening-document-hit">
          <header className="hit-card-header">
            <h3>Reported travel document</h3>
          </header>
          <DocumentHitDetails hit={hit} />
        </article>
      ))}
      {matched.map((hit) => (
        <PersonHitCard key={hit.entryId} hit={hit} traveller={result.traveller} />
      ))}

      <h2>Traveller as screened</h2>
      <TravellerDetails traveller={result.traveller} />

      {weaker.length > 0 ? (
        <details className="candidates" data-testid="screening-candidates">
          <summary>{plural(weaker.length, 'weaker candidate', 'weaker candidates')} below the match threshold</summary>
          {weaker.map((hit) => (
            <PersonHitCard key={hit.entryId} hit={hit} traveller={result.traveller} />
          ))}
        </details>
      ) : null}
    </section>
  );
}
