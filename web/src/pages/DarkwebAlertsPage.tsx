// Dark web → alerts: the alerts of every site the user's agency may see, those not acknowledged
// yet first, filtered by kind; any reader of the area acknowledges them.
import { DarkwebAlertsTable } from '../components/DarkwebAlertsTable';
import { DarkwebTabs } from '../components/DarkwebTabs';
import { CheckboxField, SelectField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { ALERT_KINDS, listAlerts, type Alert, type AlertKind } from '../darkweb-api';
import { alertKindLabel } from '../darkweb-format';
import { useDocumentTitle, useLoad } from '../hooks';
import { navigate, paths, type AlertListFilters } from '../router';

const ANY = '';

const KIND_OPTIONS: { value: AlertKind | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any kind' },
  ...ALERT_KINDS.map((value) => ({ value, label: alertKindLabel(value) })),
];

/** Alerts not acknowledged yet, at most; and the acknowledged ones shown below them. */
const OPEN_LIMIT = 500;
const RECENT_LIMIT = 100;

/**
 * The server answers the newest alerts first: the open ones are asked for on their own, so that an
 * old alert nobody acknowledged still comes first, then the most recent ones.
 */
async function loadAlerts(filters: AlertListFilters, signal: AbortSignal): Promise<Alert[]> {
  if (filters.unacknowledged) return listAlerts(filters, OPEN_LIMIT, signal);
  const [open, recent] = await Promise.all([
    listAlerts({ ...filters, unacknowledged: true }, OPEN_LIMIT, signal),
    listAlerts(filters, RECENT_LIMIT, signal),
  ]);
  const seen = new Set(open.map((alert) => alert.id));
  return [...open, ...recent.filter((alert) => !seen.has(alert.id))];
}

export function DarkwebAlertsPage({ filters }: { filters: AlertListFilters }) {
  useDocumentTitle('Dark web alerts');
  const filterKey = JSON.stringify(filters);
  const alerts = useLoad((signal) => loadAlerts(filters, signal), [filterKey]);
  // Without a kind filter the list holds every open alert, so the tab's count comes from it.
  const open = filters.kind === undefined ? alerts.data?.filter((alert) => alert.acknowledgedAt === null).length : undefined;

  function update(next: AlertListFilters) {
    const clean: AlertListFilters = {};
    if (next.kind) clean.kind = next.kind;
    if (next.unacknowledged) clean.unacknowledged = true;
    navigate(paths.darkwebAlerts(clean), { replace: true });
  }

  return (
    <>
      <PageHeader
        section="Dark web"
        title="Alerts"
        actions={
          <button type="button" className="button" onClick={alerts.reload} disabled={alerts.loading} data-testid="darkweb-alerts-refresh">
            Refresh
          </button>
        }
      />
      <DarkwebTabs current="alerts" unacknowledged={open} />
      <div className="toolbar" role="group" aria-label="Filter alerts" data-testid="darkweb-alerts-filters">
        <SelectField
          label="Kind"
          value={filters.kind ?? ANY}
          options={KIND_OPTIONS}
          onChange={(value) => update({ ...filters, kind: value === ANY ? undefined : value })}
          testId="darkweb-alerts-filter-kind"
        />
        <CheckboxField
          label="Not acknowledged only"
          checked={filters.unacknowledged === true}
          onChange={(checked) => update({ ...filters, unacknowledged: checked })}
          testId="darkweb-alerts-filter-open"
        />
      </div>
      <ProblemAlert error={alerts.error} testId="darkweb-alerts-error" />
      {alerts.loading && !alerts.data ? <Loading what="Loading alerts" /> : null}
      {alerts.data ? (
        <DarkwebAlertsTable
          alerts={alerts.data}
          showSite
          emptyText={filters.kind || filters.unacknowledged ? 'No alert matches these filters.' : 'No alert yet.'}
          onAcknowledged={(changed) => alerts.setData((alerts.data ?? []).map((alert) => (alert.id === changed.id ? changed : alert)))}
        />
      ) : null}
    </>
  );
}
