// Status labels of the dark web area: a site's status and last state, a visit's status and
// outcome, the triage of captured media and the kind of an alert. Always worded, never colour alone.
import type { VisitOutcome } from '../darkweb-api';
import {
  OUTCOME_HINTS,
  alertKindLabel,
  darkwebTriageHint,
  darkwebTriageLabel,
  failureLabel,
  outcomeLabel,
  siteStateLabel,
  siteStatusLabel,
  visitStatusLabel,
} from '../darkweb-format';
import { Badge } from './Badge';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function SiteStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={status === 'paused' ? 'warning' : 'info'} testId="site-status">
      {siteStatusLabel(status)}
    </Badge>
  );
}

export function SiteStateBadge({ state }: { state: 'up' | 'down' | null }) {
  const tone: Tone = state === 'up' ? 'success' : state === 'down' ? 'danger' : 'neutral';
  return (
    <Badge tone={tone} testId="site-state">
      {siteStateLabel(state)}
    </Badge>
  );
}

const VISIT_TONES: Partial<Record<string, Tone>> = {
  queued: 'neutral',
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'warning',
};

export function VisitStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={VISIT_TONES[status] ?? 'neutral'} testId="visit-status">
      {visitStatusLabel(status)}
    </Badge>
  );
}

const OUTCOME_TONES: Partial<Record<string, Tone>> = {
  up: 'success',
  down: 'danger',
  challenge: 'warning',
  logged_out: 'warning',
};

/** The outcome of a visit, with the failure class when the site was down. */
export function VisitOutcomeBadge({ outcome, failureClass }: { outcome: VisitOutcome | null; failureClass?: string | null }) {
  if (outcome === null) return <span className="muted">—</span>;
  return (
    <>
      <Badge tone={OUTCOME_TONES[outcome] ?? 'neutral'} title={OUTCOME_HINTS[outcome]} testId="visit-outcome">
        {outcomeLabel(outcome)}
      </Badge>
      {failureClass ? <span className="cell-sub">{failureLabel(failureClass)}</span> : null}
    </>
  );
}

const TRIAGE_TONES: Partial<Record<string, Tone>> = {
  known: 'danger',
  new: 'warning',
  ignorable: 'success',
  unreadable: 'neutral',
};

export function DarkwebTriageBadge({ triage }: { triage: string }) {
  return (
    <Badge tone={TRIAGE_TONES[triage] ?? 'neutral'} title={darkwebTriageHint(triage)} testId="darkweb-triage">
      {darkwebTriageLabel(triage)}
    </Badge>
  );
}

const ALERT_TONES: Partial<Record<string, Tone>> = {
  known_material: 'danger',
  new_media_surge: 'warning',
  watched_account: 'warning',
  site_up: 'success',
  site_down: 'danger',
  session_expired: 'warning',
  challenge: 'neutral',
};

export function AlertKindBadge({ kind }: { kind: string }) {
  return (
    <Badge tone={ALERT_TONES[kind] ?? 'neutral'} testId="alert-kind">
      {alertKindLabel(kind)}
    </Badge>
  );
}
