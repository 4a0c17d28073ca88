// Dark web → sites: the onion and clear-web sites the user's agency may see, with their status,
// their state at the last visit and the next scheduled crawl; and "Watch a site" for investigators
// and administrators.
import { useState } from 'react';
import { Badge } from '../components/Badge';
import { SiteStateBadge, SiteStatusBadge } from '../components/DarkwebBadges';
import { DarkwebSiteForm } from '../components/DarkwebSiteForm';
import { DarkwebTabs } from '../components/DarkwebTabs';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { listSites, type Site } from '../darkweb-api';
import { shortOrigin } from '../darkweb-format';
import { useDocumentTitle, useLoad } from '../hooks';
import { canChangeDarkweb } from '../permissions';
import { href, navigate, paths } from '../router';
import { useSession } from '../session';

export function DarkwebSitesPage() {
  useDocumentTitle('Dark web sites');
  const { user } = useSession().session;
  const sites = useLoad((signal) => listSites(signal), []);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        section="Dark web"
        title="Sites"
        actions={
          canChangeDarkweb(user) ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setCreating(true)}
              disabled={creating}
              data-testid="darkweb-site-new"
            >
              Watch a site
            </button>
          ) : null
        }
      />
      <DarkwebTabs current="sites" />
      {creating ? <DarkwebSiteForm onSaved={(site) => navigate(paths.darkwebSite(site.id))} onCancel={() => setCreating(false)} /> : null}
      <ProblemAlert error={sites.error} testId="darkweb-sites-error" />
      {sites.loading && !sites.data ? <Loading what="Loading sites" /> : null}
      {sites.data ? <SitesTable sites={sites.data} /> : null}
    </>
  );
}

function SitesTable({ sites }: { sites: readonly Site[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="darkweb-sites-table">
        <caption className="visually-hidden">Monitored sites visible to your agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Status</th>
            <th scope="col">Last visit</th>
            <th scope="col">Next crawl</th>
          </tr>
        </thead>
        <tbody>
          {sites.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                No site is watched by your agency or shared with it yet.
              </td>
            </tr>
          ) : (
            sites.map((site) => (
              <tr key={site.id} data-testid="darkweb-site-row" data-site-id={site.id}>
                <td>
                  <a href={href(paths.darkwebSite(site.id))}>{site.name}</a>
                  <span className="cell-sub">
                    {site.kind === 'onion' ? 'Onion service' : 'Clear web'}
                    {site.hasSession ? ' · session imported' : ''}
                  </span>
                </td>
                <td className="cell-break">
                  <code title={site.origin}>{shortOrigin(site.origin)}</code>
                </td>
                <td>
                  <SiteStatusBadge status={site.status} />
                  {site.keepMedia ? (
                    <>
                      {' '}
                      <Badge tone="danger" title="Fetched media are kept, encrypted, not only their hashes.">
                        Keeps media
                      </Badge>
                    </>
                  ) : null}
                </td>
                <td>
                  <SiteStateBadge state={site.lastState} />
                </td>
                <td>
                  <DateTime value={site.status === 'paused' ? null : site.nextCrawlAt} empty={site.status === 'paused' ? 'Paused' : '—'} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
