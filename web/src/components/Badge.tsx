// Small status labels: visibility of a record, outcome of an audit event, account state, triage.
import type { ReactNode } from 'react';
import { ingestStatusLabel, outcomeLabel, purposeLabel, triageHint, triageLabel, visibilityLabel } from '../format';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

interface BadgeProps {
  tone?: Tone;
  title?: string;
  testId?: string;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', title, testId, children }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
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

const TRIAGE_TONES: Partial<Record<string, Tone>> = {
  known: 'danger',
  new: 'warning',
  ignorable: 'success',
  error: 'neutral',
};

export function TriageBadge({ triage }: { triage: string }) {
  return (
    <Badge tone={TRIAGE_TONES[triage] ?? 'neutral'} title={triageHint(triage)} testId="triage-badge">
      {triageLabel(triage)}
    </Badge>
  );
}

const PURPOSE_TONES: Partial<Record<string, Tone>> = {
  known: 'danger',
  ignorable: 'success',
};

export function PurposeBadge({ purpose }: { purpose: string }) {
  return <Badge tone={PURPOSE_TONES[purpose] ?? 'neutral'}>{purposeLabel(purpose)}</Badge>;
}

const STATUS_TONES: Partial<Record<string, Tone>> = {
  running: 'info',
  completed: 'success',
  failed: 'danger',
};

export function IngestStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? 'neutral'} testId="ingest-status">
      {ingestStatusLabel(status)}
    </Badge>
  );
}
