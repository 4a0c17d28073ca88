// Dark web → one site: its settings and legal basis, "Crawl now", pause and resume, the session
// import and the keep-media switch (investigators and administrators of the owning agency), the
// history of its visits drawn as charts, the visits themselves, mirrors, the accounts seen on it
// and its alerts.
import { Fragment, useEffect, useState } from 'react';
import { listAgencies, listCases, type Agency } from '../api';
import { VisibilityBadge } from '../components/Badge';
import { DarkwebAccountsTable } from '../components/DarkwebAccountsTable';
import { DarkwebAlertsTable } from '../components/DarkwebAlertsTable';
import { SiteStateBadge, SiteStatusBadge, VisitOutcomeBadge, VisitStatusBadge } from '../components/DarkwebBadges';
import { HistoryChart, UptimeChart } from '../components/DarkwebHistoryCharts';
import { KeepMediaSwitch, SessionImport } from '../components/DarkwebSiteControls';
import { DarkwebSiteForm } from '../components/DarkwebSiteForm';
import { DarkwebTabs } from '../components/DarkwebTabs';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import {
  EXTRACTION_RULE_FIELDS,
  crawlSite,
  getSite,
  isOpenVisit,
  listAccounts,
  listAlerts,
  listMirrors,
  listVisits,
  updateSite,
  type Site,
  type SiteStatus,
  type Visit,
} from '../darkweb-api';
import { formatCount, formatMinutes, formatMs, ruleLabel } from '../darkweb-format';
import { VISIBILITY_HINTS, caseName, formatBytes } from '../format';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangeDarkweb, ownsSite } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

/** Accounts and alerts shown on the site's page; the accounts and alerts pages show more. */
const SITE_LIST_LIMIT = 100;

/** While a visit is open, the visits are read again this often. */
const VISITS_POLL_MS = 5000;

export function DarkwebSitePage({ id }: { id: string }) {
  const site = useLoad((signal) => getSite(id, signal), [id]);
  useDocumentTitle(site.data?.name ?? 'Dark web site');

  if (site.error?.status === 404) {
    return (
      <section data-testid="darkweb-site-not-found">
        <PageHeader section="Dark web" title="Site not found" />
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
      <p className="breadcrumb">
        <a href={href(paths.darkwebSites)}>← Sites</a>
      </p>
      <ProblemAlert error={site.error} testId="darkweb-site-error" />
      {site.loading && !site.data ? <Loading what="Loading the site" /> : null}
      {site.data ? <SiteDetail site={site.data} onChanged={site.setData} /> : null}
    </>
  );
}

function SiteDetail({ site, onChanged }: { site: Site; onChanged: (site: Site) => void }) {
  const { user } = useSession().session;
  const owned = ownsSite(user, site);
  const changeable = owned && canChangeDarkweb(user);
  const [editing, setEditing] = useState(false);
  const [visitsVersion, setVisitsVersion] = useState(0);
  const needAgencies = !owned || site.visibility === 'shared';
  const agencies = useLoad((signal) => (needAgencies ? listAgencies(signal) : Promise.resolve([])), [needAgencies]);
  const cases = useLoad((signal) => (site.caseId ? listCases(signal) : Promise.resolve([])), [site.caseId]);

  return (
    <article data-testid="darkweb-site-detail" data-site-id={site.id}>
      <PageHeader
        section={site.kind === 'onion' ? 'Onion service' : 'Clear-web site'}
        title={site.name}
        actions={
          changeable ? (
            <>
              <button type="button" className="button" onClick={() => setEditing(true)} disabled={editing} data-testid="darkweb-site-edit">
                Change settings
              </button>
              <PauseResume site={site} onChanged={onChanged} />
            </>
          ) : null
        }
      />
      {changeable ? <CrawlNow site={site} onQueued={() => setVisitsVersion((value) => value + 1)} /> : null}
      {editing ? (
        <DarkwebSiteForm
          site={site}
          onSaved={(saved) => {
            setEditing(false);
            onChanged(saved);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}

      <dl className="details" data-testid="darkweb-site-summary">
        <dt>Address</dt>
        <dd className="cell-break">
          <code>{site.origin}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <SiteStatusBadge status={site.status} />
        </dd>
        <dt>Last visit</dt>
        <dd>
          <SiteStateBadge state={site.lastState} />
        </dd>
        <dt>Next crawl</dt>
        <dd>
          <DateTime value={site.status === 'paused' ? null : site.nextCrawlAt} empty={site.status === 'paused' ? 'Paused' : '—'} />{' '}
          <span className="muted">(every {formatMinutes(site.recrawlMinutes)})</span>
        </dd>
        <dt>Legal basis</dt>
        <dd className="prose" data-testid="darkweb-site-legal-basis">
          {site.legalBasis}
        </dd>
        <dt>Case</dt>
        <dd>
          {site.caseId ? (
            <a href={href(paths.case(site.caseId))}>{caseName(site.caseId, cases.data) ?? site.caseId}</a>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Owner agency</dt>
        <dd>{owned ? user.agency.name : agencyName(site.ownerAgencyId, agencies.data)}</dd>
        <dt>Visibility</dt>
        <dd>
          <VisibilityBadge visibility={site.visibility} /> <span className="muted">{VISIBILITY_HINTS[site.visibility]}</span>
        </dd>
        {site.visibility === 'shared' ? (
          <>
            <dt>Shared with</dt>
            <dd>{site.sharedWith.map((agencyId) => agencyName(agencyId, agencies.data)).join(', ') || 'No other agency'}</dd>
          </>
        ) : null}
        <dt>Session</dt>
        <dd data-testid="darkweb-site-session">{site.hasSession ? 'Session imported' : 'No session'}</dd>
        <dt>Media</dt>
        <dd data-testid="darkweb-site-keep-media">
          {site.keepMedia ? 'Kept, encrypted (and hashed)' : 'Hashes only: no media byte is kept'}
        </dd>
        <dt>Watched since</dt>
        <dd>
          <DateTime value={site.createdAt} />
        </dd>
      </dl>

      <Settings site={site} />

      {changeable ? (
        <div className="darkweb-controls">
          <SessionImport site={site} onChanged={onChanged} />
          <KeepMediaSwitch site={site} onChanged={onChanged} />
        </div>
      ) : null}

      <History siteId={site.id} version={visitsVersion} />
      <Mirrors siteId={site.id} />
      <SiteAccounts site={site} />
      <SiteAlerts siteId={site.id} />
    </article>
  );
}

function agencyName(id: string, agencies: readonly Agency[] | undefined): string {
  return agencies?.find((agency) => agency.id === id)?.name ?? id;
}

function CrawlNow({ site, onQueued }: { site: Site; onQueued: () => void }) {
  const crawl = useAction(() => crawlSite(site.id));
  const [queued, setQueued] = useState<{ visit: Visit; created: boolean } | null>(null);

  async function run() {
    setQueued(null);
    const result = await crawl.run();
    if (result.ok) {
      setQueued(result.value);
      onQueued();
    }
  }

  return (
    <>
      <div className="toolbar">
        <button type="button" className="button button-primary" onClick={run} disabled={crawl.busy} data-testid="darkweb-crawl-now">
          {crawl.busy ? 'Queueing…' : 'Crawl now'}
        </button>
        {site.status === 'paused' ? <span className="muted">The site is paused: a visit asked for now still runs.</span> : null}
      </div>
      <ProblemAlert error={crawl.error} testId="darkweb-crawl-error" />
      {queued ? (
        <SuccessNote testId="darkweb-crawl-queued">
          {queued.created ? 'Visit queued. ' : 'A visit of this site is already open. '}
          <a href={href(paths.darkwebVisit(queued.visit.id))}>Follow the visit</a>
        </SuccessNote>
      ) : null}
    </>
  );
}

function PauseResume({ site, onChanged }: { site: Site; onChanged: (site: Site) => void }) {
  const save = useAction((status: SiteStatus) => updateSite(site.id, { status }));
  const next: SiteStatus = site.status === 'paused' ? 'active' : 'paused';

  async function run() {
    const result = await save.run(next);
    if (result.ok) onChanged(result.value);
  }

  return (
    <>
      <button type="button" className="button" onClick={run} disabled={save.busy} data-testid="darkweb-site-pause">
        {save.busy ? 'Saving…' : next === 'paused' ? 'Pause crawling' : 'Resume crawling'}
      </button>
      {save.error ? <ProblemAlert error={save.error} testId="darkweb-site-pause-error" /> : null}
    </>
  );
}

function Settings({ site }: { site: Site }) {
  const rules = EXTRACTION_RULE_FIELDS.filter((field) => site.extractionRules[field]);
  return (
    <section aria-labelledby="darkweb-settings-title">
      <h2 id="darkweb-settings-title">Settings</h2>
      <dl className="details" data-testid="darkweb-site-settings">
        <dt>Seeds</dt>
        <dd>
          <PlainList items={site.seeds} empty="The front page" />
        </dd>
        <dt>Include</dt>
        <dd>
          <PlainList items={site.scopeInclude} empty="Every link on the site" />
        </dd>
        <dt>Exclude</dt>
        <dd>
          <PlainList items={site.scopeExclude} empty="Nothing" />
        </dd>
        <dt>Depth</dt>
        <dd>{site.maxDepth} links from the seeds</dd>
        <dt>Pages per visit</dt>
        <dd>at most {site.maxPages.toLocaleString('en')}</dd>
        <dt>Politeness</dt>
        <dd>
          {site.concurrency} {site.concurrency === 1 ? 'request' : 'requests'} at once, {formatMs(site.delayMs)} between requests, timeout{' '}
          {formatMs(site.timeoutMs)}
        </dd>
        <dt>Extraction rules</dt>
        <dd>
          {rules.length === 0 ? (
            <span className="muted">None: generic extraction only (e-mail, PGP keys, cryptocurrency and onion addresses)</span>
          ) : (
            <dl className="entry-hashes">
              {rules.map((field) => (
                <Fragment key={field}>
                  <dt>{ruleLabel(field)}</dt>
                  <dd>
                    <code className="cell-break">{site.extractionRules[field]}</code>
                  </dd>
                </Fragment>
              ))}
            </dl>
          )}
        </dd>
      </dl>
    </section>
  );
}

function PlainList({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="plain-list cell-break">
      {items.map((item) => (
        <li key={item}>
          <code>{item}</code>
        </li>
      ))}
    </ul>
  );
}

function History({ siteId, version }: { siteId: string; version: number }) {
  const visits = useLoad((signal) => listVisits(siteId, signal), [siteId, version]);
  const open = (visits.data ?? []).some(isOpenVisit);
  const { loading, reload } = visits;

  // Follow an open visit: the next request only after the previous one answered.
  useEffect(() => {
    if (!open || loading) return;
    const timer = window.setTimeout(reload, VISITS_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [open, loading, reload]);

  // Oldest first for the charts; open visits have no result yet.
  const finished = [...(visits.data ?? [])].filter((visit) => !isOpenVisit(visit)).reverse();
  const finishedUp = finished.filter((visit) => visit.outcome !== 'down');
  return (
    <>
      <section aria-labelledby="darkweb-history-title" data-testid="darkweb-site-history">
        <div className="section-header">
          <h2 id="darkweb-history-title">History</h2>
          <div className="toolbar">
            <button
              type="button"
              className="button button-small"
              onClick={visits.reload}
              disabled={visits.loading}
              data-testid="darkweb-history-refresh"
            >
              Refresh
            </button>
          </div>
        </div>
        <ProblemAlert error={visits.error} testId="darkweb-visits-error" />
        {visits.loading && !visits.data ? <Loading what="Loading the visits" /> : null}
        {visits.data ? (
          <div className="charts">
            <UptimeChart visits={finished} testId="darkweb-chart-uptime" />
            <HistoryChart
              title="Pages per visit"
              visits={finishedUp}
              series={[
                { name: 'Fetched', tone: 'accent', value: (visit) => visit.pagesFetched },
                { name: 'Failed', tone: 'other', value: (visit) => visit.pagesFailed },
              ]}
              testId="darkweb-chart-pages"
              emptyText="No page fetched yet."
            />
            <HistoryChart
              title="Media per visit"
              visits={finishedUp}
              series={[
                { name: 'Known', tone: 'known', value: (visit) => visit.mediaKnown },
                { name: 'New', tone: 'new', value: (visit) => visit.mediaNew },
                { name: 'Other', tone: 'accent', value: (visit) => Math.max(0, visit.mediaSeen - visit.mediaKnown - visit.mediaNew) },
              ]}
              testId="darkweb-chart-media"
              emptyText="No media met yet."
            />
            <HistoryChart
              title="Known media per visit"
              visits={finishedUp}
              series={[{ name: 'Known', tone: 'known', value: (visit) => visit.mediaKnown }]}
              testId="darkweb-chart-known"
              emptyText="No known media met."
            />
            <HistoryChart
              title="Mean response time"
              kind="line"
              visits={finishedUp}
              series={[{ name: 'Mean response', tone: 'accent', value: (visit) => visit.meanResponseMs }]}
              format={formatMs}
              testId="darkweb-chart-response"
              emptyText="No response timed yet."
            />
            <HistoryChart
              title="Advertised member count"
              kind="line"
              visits={finishedUp}
              series={[{ name: 'Members', tone: 'accent', value: (visit) => visit.memberCount }]}
              testId="darkweb-chart-members"
              emptyText="No member count found (see the extraction rules)."
            />
          </div>
        ) : null}
      </section>
      <h2>Visits</h2>
      {visits.data ? <VisitsTable visits={visits.data} /> : null}
    </>
  );
}

function VisitsTable({ visits }: { visits: readonly Visit[] }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="darkweb-visits-table">
        <caption className="visually-hidden">Visits of the site, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Queued</th>
            <th scope="col">Status</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="numeric">
              Pages
            </th>
            <th scope="col" className="numeric">
              Media (known / new)
            </th>
            <th scope="col" className="numeric">
              Mean response
            </th>
            <th scope="col" className="numeric">
              Members
            </th>
            <th scope="col">Content</th>
          </tr>
        </thead>
        <tbody>
          {visits.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                No visit yet.
              </td>
            </tr>
          ) : (
            visits.map((visit) => (
              <tr key={visit.id} data-testid="darkweb-visit-row" data-visit-id={visit.id} data-status={visit.status}>
                <td>
                  <a href={href(paths.darkwebVisit(visit.id))}>
                    <DateTime value={visit.queuedAt} />
                  </a>
                  {visit.finishedAt ? (
                    <span className="cell-sub">
                      finished <DateTime value={visit.finishedAt} />
                    </span>
                  ) : null}
                </td>
                <td>
                  <VisitStatusBadge status={visit.status} />
                </td>
                <td>
                  <VisitOutcomeBadge outcome={visit.outcome} failureClass={visit.failureClass} />
                </td>
                <td className="numeric">
                  {visit.pagesFetched.toLocaleString('en')}
                  {visit.pagesFailed > 0 ? <span className="cell-sub">{visit.pagesFailed} failed</span> : null}
                  {visit.challenges > 0 ? <span className="cell-sub">{visit.challenges} challenges</span> : null}
                </td>
                <td className="numeric">
                  {visit.mediaSeen.toLocaleString('en')}{' '}
                  <span className="muted">
                    ({visit.mediaKnown} / {visit.mediaNew})
                  </span>
                </td>
                <td className="numeric">{formatMs(visit.meanResponseMs)}</td>
                <td className="numeric">{formatCount(visit.memberCount)}</td>
                <td>
                  {visit.contentChanged === null ? <span className="muted">—</span> : visit.contentChanged ? 'Changed' : 'Unchanged'}
                  <span className="cell-sub">{formatBytes(visit.bytes)}</span>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function Mirrors({ siteId }: { siteId: string }) {
  const mirrors = useLoad((signal) => listMirrors(siteId, signal), [siteId]);
  return (
    <section aria-labelledby="darkweb-mirrors-title">
      <h2 id="darkweb-mirrors-title">Mirrors</h2>
      <p className="muted">Other watched sites that served the same pages (by content fingerprint).</p>
      <ProblemAlert error={mirrors.error} testId="darkweb-mirrors-error" />
      {mirrors.loading && !mirrors.data ? <Loading what="Looking for mirrors" /> : null}
      {mirrors.data ? (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="darkweb-mirrors-table">
            <caption className="visually-hidden">Mirrors of the site</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Address</th>
                <th scope="col" className="numeric">
                  Pages in common
                </th>
              </tr>
            </thead>
            <tbody>
              {mirrors.data.length === 0 ? (
                <tr>
                  <td colSpan={3} className="empty">
                    No mirror found among the sites your agency may see.
                  </td>
                </tr>
              ) : (
                mirrors.data.map((mirror) => (
                  <tr key={mirror.site.id} data-testid="darkweb-mirror-row">
                    <td>
                      <a href={href(paths.darkwebSite(mirror.site.id))}>{mirror.site.name}</a>
                    </td>
                    <td className="cell-break">
                      <code>{mirror.site.origin}</code>
                    </td>
                    <td className="numeric">{mirror.sharedPages.toLocaleString('en')}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function SiteAccounts({ site }: { site: Site }) {
  const siteId = site.id;
  const accounts = useLoad((signal) => listAccounts({ siteId }, SITE_LIST_LIMIT, signal), [siteId]);
  return (
    <section aria-labelledby="darkweb-accounts-title">
      <div className="section-header">
        <h2 id="darkweb-accounts-title">Accounts</h2>
        <div className="toolbar">
          <a className="button button-small" href={href(paths.darkwebAccounts({ siteId }))} data-testid="darkweb-site-accounts-link">
            Search the accounts of this site
          </a>
        </div>
      </div>
      <ProblemAlert error={accounts.error} testId="darkweb-site-accounts-error" />
      {accounts.loading && !accounts.data ? <Loading what="Loading accounts" /> : null}
      {accounts.data ? (
        <DarkwebAccountsTable
          accounts={accounts.data}
          sites={[site]}
          showSite={false}
          emptyText="No account seen on this site yet."
          onChanged={(changed) => accounts.setData((accounts.data ?? []).map((account) => (account.id === changed.id ? changed : account)))}
        />
      ) : null}
    </section>
  );
}

function SiteAlerts({ siteId }: { siteId: string }) {
  const alerts = useLoad((signal) => listAlerts({ siteId }, SITE_LIST_LIMIT, signal), [siteId]);
  return (
    <section aria-labelledby="darkweb-site-alerts-title">
      <h2 id="darkweb-site-alerts-title">Alerts</h2>
      <ProblemAlert error={alerts.error} testId="darkweb-site-alerts-error" />
      {alerts.loading && !alerts.data ? <Loading what="Loading alerts" /> : null}
      {alerts.data ? (
        <DarkwebAlertsTable
          alerts={alerts.data}
          showSite={false}
          emptyText="No alert for this site."
          onAcknowledged={(changed) => alerts.setData((alerts.data ?? []).map((alert) => (alert.id === changed.id ? changed : alert)))}
        />
      ) : null}
    </section>
  );
}
