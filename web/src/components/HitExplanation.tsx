// A screening hit explained: the traveller and the watchlist record side by side, feature by
// feature (name with its token pairs, birth date, nationality, sex, document), each with what it
// did to the score. Used by the check page, the batch results and the review queue.
import type { ReactNode } from 'react';
import type { DocumentHit, HitEntry, PersonExplanation, QualifierExplanation, ResolvedTraveller } from '../screening-api';
import { documentStatusLabel, documentTypeLabel, formatEffect, formatScore, pairLabel, reasonLabel, sexLabel } from '../screening-format';
import { Badge } from './Badge';

function joined(values: readonly string[] | undefined | null): ReactNode {
  return values && values.length > 0 ? values.join(', ') : <span className="muted">—</span>;
}

function text(value: string | null | undefined): ReactNode {
  return value ? value : <span className="muted">—</span>;
}

function effectTone(effect: number): 'success' | 'danger' | 'neutral' {
  if (effect > 0) return 'success';
  if (effect < 0) return 'danger';
  return 'neutral';
}

function Qualifier({ explanation }: { explanation: QualifierExplanation | undefined }) {
  if (!explanation || typeof explanation.effect !== 'number') return <span className="muted">Not compared (missing on one side)</span>;
  return (
    <>
      <Badge tone={effectTone(explanation.effect)}>{formatEffect(explanation.effect)}</Badge> {explanation.detail}
    </>
  );
}

interface HitComparisonProps {
  traveller: ResolvedTraveller;
  entry: HitEntry | null | undefined;
  explanation: PersonExplanation | null | undefined;
  /** Caption for screen readers. */
  caption: string;
}

/** Traveller | watchlist record | how it counted, one row per feature. */
export function HitComparison({ traveller, entry, explanation: given, caption }: HitComparisonProps) {
  // Recorded hits come back as stored JSON: read the explanation defensively.
  const explanation = given && typeof given === 'object' && given.name && typeof given.name === 'object' ? given : null;
  const pairs = Array.isArray(explanation?.name.pairs) ? explanation.name.pairs : [];
  const documentText = traveller.documentNumber
    ? `${traveller.documentNumber}${traveller.documentCountry ? ` (${traveller.documentCountry})` : ''}`
    : undefined;
  const entryDocuments = (entry?.documents ?? []).map(
    (document) => `${document.number}${document.country ? ` (${document.country})` : ''}`,
  );
  return (
    <div className="table-scroll">
      <table className="table table-compact comparison" data-testid="hit-comparison">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Traveller</th>
            <th scope="col">Watchlist record</th>
            <th scope="col">How it counted</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="hit-feature-name">
            <th scope="row">Name</th>
            <td>{text(traveller.name)}</td>
            <td>
              {entry?.names[0] ? <strong>{entry.names[0]}</strong> : <span className="muted">—</span>}
              {entry && entry.names.length > 1 ? <span className="cell-sub">Also: {entry.names.slice(1).join(' · ')}</span> : null}
            </td>
            <td>
              {explanation ? (
                <>
                  <Badge tone="info">{formatScore(explanation.name.score)}</Badge> {explanation.name.detail}
                  {pairs.length > 0 ? (
                    <ul className="name-pairs" aria-label="Name tokens paired">
                      {pairs.map((pair, index) => (
                        <li key={index} data-testid="hit-name-pair">
                          <code>{pair.query}</code> ↔ <code>{pair.candidate}</code>{' '}
                          <span className="muted">
                            {pairLabel(pair.how)} {formatScore(pair.score)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
          <tr data-testid="hit-feature-birthDate">
            <th scope="row">Birth date</th>
            <td>{text(traveller.birthDate)}</td>
            <td>{joined(entry?.birthDates)}</td>
            <td>{explanation ? <Qualifier explanation={explanation.birthDate} /> : null}</td>
          </tr>
          <tr data-testid="hit-feature-nationality">
            <th scope="row">Nationality</th>
            <td>{text(traveller.nationality)}</td>
            <td>{joined(entry?.nationalities)}</td>
            <td>{explanation ? <Qualifier explanation={explanation.nationality} /> : null}</td>
          </tr>
          <tr data-testid="hit-feature-sex">
            <th scope="row">Sex</th>
            <td>{traveller.sex ? sexLabel(traveller.sex) : <span className="muted">—</span>}</td>
            <td>{entry?.sex ? sexLabel(entry.sex) : <span className="muted">—</span>}</td>
            <td>{explanation ? <Qualifier explanation={explanation.sex} /> : null}</td>
          </tr>
          <tr data-testid="hit-feature-document">
            <th scope="row">Document</th>
            <td>{text(documentText)}</td>
            <td>{joined(entryDocuments)}</td>
            <td>{explanation ? <Qualifier explanation={explanation.document} /> : null}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The record's list and reason, e.g. "Demo wanted persons · Wanted". */
export function EntrySource({ entry }: { entry: HitEntry | null | undefined }) {
  if (!entry) return null;
  return (
    <span className="hit-source">
      {entry.listName ? <span>{entry.listName}</span> : null}
      {entry.reason ? <Badge tone={entry.reason === 'wanted' ? 'danger' : 'warning'}>{reasonLabel(entry.reason)}</Badge> : null}
      {entry.externalId ? <span className="muted">{entry.externalId}</span> : null}
    </span>
  );
}

/** A reported travel document that the traveller's document number matched. */
export function DocumentHitDetails({
  hit,
}: {
  hit: Pick<DocumentHit, 'number' | 'documentType' | 'status'> & { country?: string | null; reportedOn?: string | null; listName?: string };
}) {
  return (
    <dl className="details" data-testid="document-hit-details">
      <dt>Document number</dt>
      <dd>
        <code>{hit.number}</code>
      </dd>
      <dt>Issuing country</dt>
      <dd>{text(hit.country)}</dd>
      <dt>Type</dt>
      <dd>{documentTypeLabel(hit.documentType)}</dd>
      <dt>Reported</dt>
      <dd>
        <Badge tone="danger">{documentStatusLabel(hit.status)}</Badge>
        {hit.reportedOn ? <span className="muted"> on {hit.reportedOn}</span> : null}
      </dd>
      {hit.listName ? (
        <>
          <dt>List</dt>
          <dd>{hit.listName}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The traveller as the server read them (the MRZ turned into fields). */
export function TravellerDetails({ traveller }: { traveller: ResolvedTraveller }) {
  return (
    <dl className="details" data-testid="traveller-details">
      <dt>Name</dt>
      <dd>{text(traveller.name)}</dd>
      <dt>Birth date</dt>
      <dd>{text(traveller.birthDate)}</dd>
      <dt>Nationality</dt>
      <dd>{text(traveller.nationality)}</dd>
      <dt>Sex</dt>
      <dd>{traveller.sex ? sexLabel(traveller.sex) : <span className="muted">—</span>}</dd>
      <dt>Document</dt>
      <dd>
        {traveller.documentNumber ? <code>{traveller.documentNumber}</code> : <span className="muted">—</span>}
        {traveller.documentCountry ? ` (${traveller.documentCountry})` : null}
      </dd>
      <dt>Read from</dt>
      <dd>{traveller.fromMrz ? 'The MRZ' : 'The typed fields'}</dd>
    </dl>
  );
}
