// Small status labels: visibility of a record, outcome of an audit event, account state.
import type { ReactNode } from 'react';
import { outcomeLabel, visibilityLabel } from '../format';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

const VISIBILITY_TONES: Partial<Record<string, Tone>> = {
  agency: 'neutral',
  shared: 'info',
  network: 'warning',
  public: 'danger',
};

export function VisibilityBadge({ visibility }: { visibility: string }) {
  return <Badge tone={VISIBILITY_TONES[visibility] ?? 'neutral'}>{visibilityLabel(visibility)}</Badge>;
}

const OUTCOME_TONES: Partial<Record<string, Tone>> = {
  success: 'success',
  denied: 'warning',
  failure: 'danger',
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={OUTCOME_TONES[outcome] ?? 'neutral'}>{outcomeLabel(outcome)}</Badge>;
}
