// Dark web alerts, those not acknowledged yet first: known material found (with the hash set and
// its labels), a surge of new media, a watched account seen on another site, a site going up or
// down, an expired session, a challenge page. Any reader of the area acknowledges an alert.
import { matchLabels } from '../api';
import { acknowledgeAlert, alertMatches, type Alert } from '../darkweb-api';
import { failureLabel } from '../darkweb-format';
import { flagLabel } from '../format';
import { useAction } from '../hooks';
import { href, paths } from '../router';
import { AlertKindBadge } from './DarkwebBadges';
import { DateTime } from './DateTime';
import { RowProblem } from './ProblemAlert';

/** Not acknowledged first, then the newest first. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => {
    const open = Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null);
    return open !== 0 ? open : b.createdAt.localeCompare(a.createdAt);
  });
}

interface DarkwebAlertsTableProps {
  alerts: readonly Alert[];
  showSite: boolean;
  emptyText: string;
  onAcknowledged: (alert: Alert) => void;
}

export function DarkwebAlertsTable({ alerts, showSite, emptyText, onAcknowledged }: DarkwebAlertsTableProps) {
  const columns = showSite ? 6 : 5;
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="darkweb-alerts-table">
        <caption className="visually-hidden">Dark web alerts, not acknowledged first</caption>
        <thead>
          <tr>
            <th scope="col">Raised</th>
            <th scope="col">Kind</th>
            {showSite ? <th scope="col">Site</th> : null}
            <th scope="col">Alert</th>
            <th scope="col">Visit</th>
            <th scope="col">Acknowledged</th>
          </tr>
        </thead>
        <tbody>
          {alerts.length === 0 ? (
            <tr>
              <td colSpan={columns} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            sortAlerts(alerts).map((alert) => (
              <AlertRow key={alert.id} alert={alert} showSite={showSite} columns={columns} onAcknowledged={onAcknowledged} />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function AlertRow({
  alert,
  showSite,
  columns,
  onAcknowledged,
}: {
  alert: Alert;
  showSite: boolean;
  columns: number;
  onAcknowledged: (alert: Alert) => void;
}) {
  const acknowledge = useAction(acknowledgeAlert);
  const open = alert.acknowledgedAt === null;

  async function run() {
    const result = await acknowledge.run(alert.id);
    if (result.ok) onAcknowledged(result.value);
  }

  return (
    <>
      <tr
        data-testid="darkweb-alert-row"
        data-alert-id={alert.id}
        data-kind={alert.kind}
        data-acknowledged={!open}
        className={open ? 'darkweb-alert-open' : undefined}
      >
        <td>
          <DateTime value={alert.createdAt} />
        </td>
        <td>
          <AlertKindBadge kind={alert.kind} />
        </td>
        {showSite ? (
          <td>
            <a href={href(paths.darkwebSite(alert.siteId))}>{alert.siteName}</a>
          </td>
        ) : null}
        <td className="cell-break">
          <span className={open ? 'cell-title' : undefined}>{alert.title}</span>
          <AlertDetails alert={alert} />
        </td>
        <td>{alert.visitId ? <a href={href(paths.darkwebVisit(alert.visitId))}>Open the visit</a> : <span className="muted">—</span>}</td>
        <td>
          {open ? (
            <button
              type="button"
              className="button button-small"
              onClick={run}
              disabled={acknowledge.busy}
              data-testid="darkweb-alert-acknowledge"
            >
              {acknowledge.busy ? 'Acknowledging…' : 'Acknowledge'}
            </button>
          ) : (
            <DateTime value={alert.acknowledgedAt} />
          )}
        </td>
      </tr>
      <RowProblem error={acknowledge.error} colSpan={columns} />
    </>
  );
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** What the alert's details say, in lines of text (addresses stay text, never links). */
function detailLines(alert: Alert): string[] {
  const details = alert.details;
  switch (alert.kind) {
    case 'known_material':
      return list(details.items)
        .slice(0, 10)
        .map((raw) => {
          const item = record(raw);
          const matches = alertMatches(item.matches).map((match) => {
            const labels = matchLabels(match.labels);
            const parts = [match.hashSet.name];
            if (labels.seriesName) parts.push(`series ${labels.seriesName}`);
            if (labels.victimIdentified !== undefined) parts.push(`victim identified: ${flagLabel(labels.victimIdentified).toLowerCase()}`);
            if (labels.category) parts.push(`category ${labels.category.code}`);
            return parts.join(', ');
          });
          return `SHA-256 ${str(item.sha256) ?? '?'}${matches.length > 0 ? ` — ${matches.join('; ')}` : ''}`;
        });
    case 'watched_account':
      return list(details.items)
        .slice(0, 10)
        .map((raw) => {
          const item = record(raw);
          return `${str(item.kind) ?? 'account'} ${str(item.value) ?? '?'}${str(item.url) ? ` at ${str(item.url)}` : ''}`;
        });
    case 'session_expired':
    case 'challenge':
      return list(details.urls)
        .map(str)
        .filter((url): url is string => url !== undefined)
        .slice(0, 10);
    case 'site_up':
    case 'site_down': {
      const failure = str(details.failureClass);
      return failure ? [failureLabel(failure)] : [];
    }
    case 'new_media_surge': {
      const now = num(details.mediaNew);
      const before = num(details.previousMediaNew);
      return now === undefined ? [] : [`${now} new media${before !== undefined ? `, against ${before} at the visit before` : ''}`];
    }
  }
}

function AlertDetails({ alert }: { alert: Alert }) {
  const lines = detailLines(alert);
  if (lines.length === 0) return null;
  const count = num(alert.details.count);
  return (
    <details className="darkweb-alert-details">
      <summary>Details{count !== undefined && count > lines.length ? ` (first ${lines.length} of ${count})` : ''}</summary>
      <ul className="plain-list">
        {lines.map((line, index) => (
          <li key={index}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
