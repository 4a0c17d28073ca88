// Media → ingests: the recent ingest jobs of the user's agency (uploads and command-line ingests).
import { listCases, listIngests, type Case, type IngestJob } from '../api';
import { IngestStatusBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { MediaTabs } from '../components/MediaTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { caseName, ingestSourceLabel } from '../format';
import { useDocumentTitle, useLoad } from '../hooks';
import { href, paths } from '../router';

export function IngestsPage() {
  useDocumentTitle('Ingests');
  const ingests = useLoad((signal) => listIngests(signal), []);
  const cases = useLoad((signal) => listCases(signal), []);
  return (
    <>
      <PageHeader
        section="Media"
        title="Ingests"
        actions={
          <button type="button" className="button" onClick={ingests.reload} disabled={ingests.loading} data-testid="ingests-refresh">
            Refresh
          </button>
        }
      />
      <MediaTabs current="ingests" />
      <ProblemAlert error={ingests.error} testId="ingests-error" />
      {ingests.loading && !ingests.data ? <Loading what="Loading ingests" /> : null}
      {ingests.data ? <IngestsTable jobs={ingests.data} cases={cases.data} /> : null}
    </>
  );
}

function IngestsTable({ jobs, cases }: { jobs: readonly IngestJob[]; cases: readonly Case[] | undefined }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="ingests-table">
        <caption className="visually-hidden">Recent ingest jobs of your agency, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Case</th>
            <th scope="col">Source</th>
            <th scope="col" className="numeric">
              Items
            </th>
            <th scope="col">Content</th>
            <th scope="col">Status</th>
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {jobs.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                No ingests yet. Upload media to start one.
              </td>
            </tr>
          ) : (
            jobs.map((job) => (
              <tr key={job.id} data-testid="ingest-row" data-ingest-id={job.id}>
                <td>
                  <a href={href(paths.ingest(job.id))}>
                    <DateTime value={job.createdAt} />
                  </a>
                </td>
                <td>{caseName(job.caseId, cases) ?? <span className="muted">—</span>}</td>
                <td className="cell-break">{ingestSourceLabel(job)}</td>
                <td className="numeric">{job.totalItems}</td>
                <td>{job.hashOnly ? 'Hashes only' : 'Stored'}</td>
                <td>
                  <IngestStatusBadge status={job.status} />
                </td>
                <td>
                  <DateTime value={job.finishedAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
