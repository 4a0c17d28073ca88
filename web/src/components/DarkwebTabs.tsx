// Second-level navigation of the Dark web area: sites, accounts and alerts, the alerts tab with the
// number of alerts not acknowledged yet (the main navigation has no badges).
import { listAlerts } from '../darkweb-api';
import { useLoad } from '../hooks';
import { href, paths } from '../router';

/** Open alerts counted at most; beyond, the tab says "100+". */
const COUNT_LIMIT = 100;

export type DarkwebPage = 'sites' | 'accounts' | 'alerts';

interface DarkwebTabsProps {
  current: DarkwebPage | null;
  /** The alerts page knows the count itself (and keeps it current as alerts are acknowledged). */
  unacknowledged?: number;
}

export function DarkwebTabs({ current, unacknowledged }: DarkwebTabsProps) {
  const known = unacknowledged !== undefined;
  const open = useLoad((signal) => (known ? Promise.resolve(null) : listAlerts({ unacknowledged: true }, COUNT_LIMIT, signal)), [known]);
  const count = unacknowledged ?? open.data?.length;
  const tabs: readonly { id: DarkwebPage; label: string; path: string }[] = [
    { id: 'sites', label: 'Sites', path: paths.darkwebSites },
    { id: 'accounts', label: 'Accounts', path: paths.darkwebAccounts() },
    { id: 'alerts', label: 'Alerts', path: paths.darkwebAlerts() },
  ];
  return (
    <nav className="tabs" aria-label="Dark web">
      {tabs.map((tab) => (
        <a key={tab.id} href={href(tab.path)} aria-current={tab.id === current ? 'page' : undefined} data-testid={`darkweb-tab-${tab.id}`}>
          {tab.label}
          {tab.id === 'alerts' && count ? (
            <span className="tab-count" data-testid="darkweb-alert-count">
              {!known && count >= COUNT_LIMIT ? `${COUNT_LIMIT}+` : count.toLocaleString('en')}
              <span className="visually-hidden"> not acknowledged</span>
            </span>
          ) : null}
        </a>
      ))}
    </nav>
  );
}
