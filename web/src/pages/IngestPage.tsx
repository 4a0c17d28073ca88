// Media → one ingest job: its progress and triage counts, refreshed every 2 s while it runs.
import { useEffect } from 'react';
import { TRIAGES, getIngest, listCases, type Case, type IngestWithCounts } from '../api';
import { IngestStatusBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { caseName, ingestSourceLabel, triageLabel } from '../format';
import { useDocumentTitle, useLoad } from '../hooks';
import { href, paths } from '../router';

const POLL_MS = 2000;

export function IngestPage({ id }: { id: string }) {
  useDocumentTitle('Ingest');
  const job = useLoad((signal) => getIngest(id, signal), [id]);
  const cases = useLoad((signal) => listCases(signal), []);
  const running = job.data?.status === 'running';
  const { loading, reload } = job;

  // Poll while the job runs: the next request only after the previous one answered.
  useEffect(() => {
    if (!running || loading) return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, loading, reload]);

  if (job.error?.status === 404) {
    return (
      <section data-testid="ingest-not-found">
        <PageHeader section="Media" title="Ingest not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.ingests)}>Back to ingests</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <a href={href(paths.ingests)}>← Ingests</a>
      </p>
      <ProblemAlert error={job.error} testId="ingest-error" />
      {job.loading && !job.data ? <Loading what="Loading the ingest" /> : null}
      {job.data ? <IngestDetail job={job.data} cases={cases.data} /> : null}
    </>
  );
}

function IngestDetail({ job, cases }: { job: IngestWithCounts; cases: readonly Case[] | undefined }) {
  const { counts } = job;
  return (
    <article data-testid="ingest-detail" data-status={job.status}>
      <PageHeader section="Ingest" title={`Ingest of ${job.totalItems} ${job.totalItems === 1 ? 'item' : 'items'}`} />
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <IngestStatusBadge status={job.status} />
          {job.status === 'running' ? <span className="muted"> Refreshing every 2 seconds.</span> : null}
        </dd>
        <dt>Progress</dt>
        <dd>
          <progress value={counts.itemsDone} max={Math.max(job.totalItems, 1)} aria-label="Items done" /> {counts.itemsDone} of{' '}
          {job.totalItems} items done
        </dd>
        <dt>Case</dt>
        <dd>
          {job.caseId ? (
            <a href={href(paths.case(job.caseId))}>{caseName(job.caseId, cases) ?? job.caseId}</a>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Source</dt>
        <dd className="cell-break">{ingestSourceLabel(job)}</dd>
        <dt>Content</dt>
        <dd>{job.hashOnly ? 'Hashes only' : 'Stored, encrypted'}</dd>
        <dt>Started</dt>
        <dd>
          <DateTime value={job.createdAt} />
        </dd>
        <dt>Finished</dt>
        <dd>
          <DateTime value={job.finishedAt} empty={job.status === 'running' ? 'Still running' : '—'} />
        </dd>
      </dl>
      <h2>Triage</h2>
      <dl className="stats" data-testid="ingest-counts">
        <div className="stat">
          <dt>Files</dt>
          <dd>{counts.files}</dd>
        </div>
        {TRIAGES.map((triage) => (
          <div key={triage} className={`stat stat-${triage}`} data-testid={`ingest-count-${triage}`}>
            <dt>{triageLabel(triage)}</dt>
            <dd>{counts[triage]}</dd>
          </div>
        ))}
        <div className="stat">
          <dt>Distinct</dt>
          <dd>{counts.distinct}</dd>
        </div>
        <div className="stat">
          <dt>Stacks</dt>
          <dd>{counts.stacks}</dd>
        </div>
      </dl>
      <p>
        <a className="button" href={href(paths.media({ ingestId: job.id }))} data-testid="ingest-grid-link">
          Show these media in the grid
        </a>
      </p>
    </article>
  );
}
