// Dark web → one visit: its counters and the progress of its frontier (read again every 2 s while
// the visit is queued or running), the pages it captured with a text search, and the media it met
// as hashes and matches. Captured addresses are text, never links.
import { CursorPager, useCursorPages } from '../components/CursorPager';
import { useEffect, useState, type FormEvent } from 'react';
import { VisitOutcomeBadge, VisitStatusBadge } from '../components/DarkwebBadges';
import { DarkwebMediaList } from '../components/DarkwebMediaTable';
import { DarkwebTabs } from '../components/DarkwebTabs';
import { DateTime } from '../components/DateTime';
import { TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { getVisit, isOpenVisit, listPages, type FrontierCounts, type PageSummary, type VisitDetail } from '../darkweb-api';
import { formatCount, formatMs, pageKindLabel } from '../darkweb-format';
import { formatBytes } from '../format';
import { useDocumentTitle, useLoad } from '../hooks';
import { href, paths } from '../router';

const POLL_MS = 2000;
const PAGES_PAGE = 50;

export function DarkwebVisitPage({ id }: { id: string }) {
  const visit = useLoad((signal) => getVisit(id, signal), [id]);
  useDocumentTitle(visit.data ? `Visit of ${visit.data.site.name}` : 'Dark web visit');
  const open = visit.data !== undefined && isOpenVisit(visit.data);
  const { loading, reload } = visit;

  // Poll while the visit is open: the next request only after the previous one answered.
  useEffect(() => {
    if (!open || loading) return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [open, loading, reload]);

  if (visit.error?.status === 404) {
    return (
      <section data-testid="darkweb-visit-not-found">
        <PageHeader section="Dark web" title="Visit not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.darkwebSites)}>Back to sites</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <DarkwebTabs current="sites" />
      {visit.data ? (
        <p className="breadcrumb">
          <a href={href(paths.darkwebSite(visit.data.site.id))}>← {visit.data.site.name}</a>
        </p>
      ) : null}
      <ProblemAlert error={visit.error} testId="darkweb-visit-error" />
      {visit.loading && !visit.data ? <Loading what="Loading the visit" /> : null}
      {visit.data ? <VisitView visit={visit.data} /> : null}
    </>
  );
}

function VisitView({ visit }: { visit: VisitDetail }) {
  const open = isOpenVisit(visit);
  // The lists are read again when the visit moves from one status to the next (and so once it ends).
  const listVersion = visit.status;
  return (
    <article data-testid="darkweb-visit-detail" data-visit-id={visit.id} data-status={visit.status}>
      <PageHeader section="Dark web visit" title={`Visit of ${visit.site.name}`} />
      <dl className="details">
        <dt>Site</dt>
        <dd>
          <a href={href(paths.darkwebSite(visit.site.id))}>{visit.site.name}</a> <code className="cell-break">{visit.site.origin}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <VisitStatusBadge status={visit.status} />
          {open ? <span className="muted"> Refreshing every 2 seconds.</span> : null}
        </dd>
        <dt>Outcome</dt>
        <dd>
          <VisitOutcomeBadge outcome={visit.outcome} failureClass={visit.failureClass} />
        </dd>
        <dt>Queued</dt>
        <dd>
          <DateTime value={visit.queuedAt} />
        </dd>
        <dt>Started</dt>
        <dd>
          <DateTime value={visit.startedAt} empty="Not yet" />
        </dd>
        <dt>Finished</dt>
        <dd>
          <DateTime value={visit.finishedAt} empty={open ? 'Still running' : '—'} />
        </dd>
        <dt>Content</dt>
        <dd>
          {visit.contentChanged === null
            ? '—'
            : visit.contentChanged
              ? 'Changed since the visit before'
              : 'Unchanged since the visit before'}
        </dd>
      </dl>

      <h2>Counters</h2>
      <dl className="stats" data-testid="darkweb-visit-counters">
        <Stat id="pages" label="Pages fetched" value={visit.pagesFetched} />
        <Stat id="failed" label="Pages failed" value={visit.pagesFailed} />
        <Stat id="challenges" label="Challenges" value={visit.challenges} tone={visit.challenges > 0 ? 'stat-new' : ''} />
        <Stat id="media" label="Media met" value={visit.mediaSeen} />
        <Stat id="known" label="Known" value={visit.mediaKnown} tone={visit.mediaKnown > 0 ? 'stat-known' : ''} />
        <Stat id="new" label="New" value={visit.mediaNew} tone={visit.mediaNew > 0 ? 'stat-new' : ''} />
        <div className="stat" data-testid="darkweb-visit-stat-bytes">
          <dt>Downloaded</dt>
          <dd>{formatBytes(visit.bytes)}</dd>
        </div>
        <div className="stat" data-testid="darkweb-visit-stat-response">
          <dt>Mean response</dt>
          <dd>{formatMs(visit.meanResponseMs)}</dd>
        </div>
        <div className="stat" data-testid="darkweb-visit-stat-members">
          <dt>Members advertised</dt>
          <dd>{formatCount(visit.memberCount)}</dd>
        </div>
      </dl>

      <h2>Frontier</h2>
      <Frontier frontier={visit.frontier} />

      <CapturedPages key={listVersion} visitId={visit.id} />

      <section aria-labelledby="darkweb-visit-media-title">
        <h2 id="darkweb-visit-media-title">Media</h2>
        <p className="muted">
          Images and videos are fetched into memory, hashed and matched, then dropped unless the site keeps media. No picture is shown here.
        </p>
        <DarkwebMediaList key={listVersion} filter={{ visitId: visit.id }} />
      </section>
    </article>
  );
}

function Stat({ id, label, value, tone = '' }: { id: string; label: string; value: number; tone?: string }) {
  return (
    <div className={`stat ${tone}`.trim()} data-testid={`darkweb-visit-stat-${id}`}>
      <dt>{label}</dt>
      <dd>{value.toLocaleString('en')}</dd>
    </div>
  );
}

function Frontier({ frontier }: { frontier: FrontierCounts }) {
  const rows = (['page', 'media'] as const).map((kind) => {
    const done = frontier.done[kind];
    const failed = frontier.failed[kind];
    const claimed = frontier.claimed[kind];
    const pending = frontier.pending[kind];
    return { kind, done, failed, claimed, pending, total: done + failed + claimed + pending };
  });
  return (
    <dl className="details" data-testid="darkweb-visit-frontier">
      {rows.map((row) => (
        <FrontierRow key={row.kind} {...row} />
      ))}
    </dl>
  );
}

function FrontierRow({
  kind,
  done,
  failed,
  claimed,
  pending,
  total,
}: {
  kind: 'page' | 'media';
  done: number;
  failed: number;
  claimed: number;
  pending: number;
  total: number;
}) {
  const label = kind === 'page' ? 'Pages' : 'Media';
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={`darkweb-frontier-${kind}`} data-done={done} data-total={total}>
        <progress value={done + failed} max={Math.max(total, 1)} aria-label={`${label} handled`} /> {(done + failed).toLocaleString('en')}{' '}
        of {total.toLocaleString('en')} handled
        <span className="cell-sub">
          {done.toLocaleString('en')} done · {failed.toLocaleString('en')} failed · {claimed.toLocaleString('en')} in progress ·{' '}
          {pending.toLocaleString('en')} waiting
        </span>
      </dd>
    </>
  );
}

function CapturedPages({ visitId }: { visitId: string }) {
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const paging = useCursorPages(0, PAGES_PAGE);
  const after = paging.after;
  const pages = useLoad((signal) => listPages(visitId, { after, limit: PAGES_PAGE, ...(q ? { q } : {}) }, signal), [visitId, after, q]);
  const items = pages.data ?? [];
  const next = items.length === PAGES_PAGE ? items.at(-1)?.id : undefined;

  function search(event: FormEvent) {
    event.preventDefault();
    paging.reset();
    setQ(query.trim());
  }

  return (
    <section aria-labelledby="darkweb-visit-pages-title">
      <h2 id="darkweb-visit-pages-title">Captured pages</h2>
      <form
        className="toolbar inline-form"
        role="search"
        aria-label="Search the captured pages"
        onSubmit={search}
        data-testid="darkweb-pages-search"
      >
        <TextField label="Text contains" type="search" value={query} onChange={setQuery} testId="darkweb-pages-q" />
        <button type="submit" className="button button-small" data-testid="darkweb-pages-search-submit">
          Search
        </button>
        {q ? (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              setQuery('');
              setQ('');
              paging.reset();
            }}
          >
            Clear
          </button>
        ) : null}
        <button
          type="button"
          className="button button-small"
          onClick={pages.reload}
          disabled={pages.loading}
          data-testid="darkweb-pages-refresh"
        >
          Refresh
        </button>
      </form>
      <ProblemAlert error={pages.error} testId="darkweb-pages-error" />
      {pages.loading && !pages.data ? <Loading what="Loading captured pages" /> : null}
      {pages.data ? (
        <PagesTable
          pages={items}
          emptyText={q ? `No captured page contains “${q}”.` : !paging.atStart ? 'No more pages.' : 'No page captured yet.'}
        />
      ) : null}
      <CursorPager paging={paging} noun="Pages" count={items.length} next={next} loading={pages.loading} testId="darkweb-pages" />
    </section>
  );
}

function PagesTable({ pages, emptyText }: { pages: readonly PageSummary[]; emptyText: string }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="darkweb-pages-table">
        <caption className="visually-hidden">Pages captured by the visit</caption>
        <thead>
          <tr>
            <th scope="col">Page</th>
            <th scope="col">Kind</th>
            <th scope="col" className="numeric">
              HTTP
            </th>
            <th scope="col">Language</th>
            <th scope="col" className="numeric">
              Links
            </th>
            <th scope="col" className="numeric">
              Media
            </th>
            <th scope="col" className="numeric">
              Response
            </th>
            <th scope="col">Fetched</th>
          </tr>
        </thead>
        <tbody>
          {pages.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            pages.map((page) => (
              <tr key={page.id} data-testid="darkweb-page-row" data-page-id={page.id}>
                <td className="cell-break">
                  <a href={href(paths.darkwebPage(page.id))}>{page.title || 'Untitled page'}</a>
                  <span className="cell-sub">
                    <code>{page.url}</code>
                  </span>
                </td>
                <td>{pageKindLabel(page.pageKind)}</td>
                <td className="numeric">{page.statusCode}</td>
                <td>{page.language ?? <span className="muted">—</span>}</td>
                <td className="numeric">{page.links}</td>
                <td className="numeric">{page.media}</td>
                <td className="numeric nowrap">{formatMs(page.responseMs)}</td>
                <td>
                  <DateTime value={page.fetchedAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
