// Labels of the notices area: the type as a colour swatch beside its name (never colour alone),
// the lifecycle status, a campaign's status and a tip's triage status.
import type { NoticeStatus, NoticeType } from '../notices-api';
import {
  NOTICE_STATUS_HINTS,
  NOTICE_TYPE_COLOURS,
  NOTICE_TYPE_HINTS,
  TIP_STATUS_HINTS,
  campaignStatusLabel,
  noticeStatusLabel,
  noticeTypeLabel,
  tipStatusLabel,
} from '../notices-format';
import { Badge } from './Badge';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function NoticeTypeBadge({ type }: { type: string }) {
  const known = type in NOTICE_TYPE_COLOURS;
  return (
    <span
      className="notice-type"
      title={known ? NOTICE_TYPE_HINTS[type as NoticeType] : undefined}
      data-testid="notice-type"
      data-type={type}
    >
      <span
        className="notice-swatch"
        aria-hidden="true"
        style={{ backgroundColor: known ? NOTICE_TYPE_COLOURS[type as NoticeType] : 'transparent' }}
      />
      {noticeTypeLabel(type)}
    </span>
  );
}

const STATUS_TONES: Partial<Record<string, Tone>> = {
  draft: 'neutral',
  submitted: 'warning',
  published: 'success',
  cancelled: 'danger',
  withdrawn: 'danger',
  expired: 'neutral',
};

export function NoticeStatusBadge({ status }: { status: string }) {
  return (
    <Badge
      tone={STATUS_TONES[status] ?? 'neutral'}
      title={status in NOTICE_STATUS_HINTS ? NOTICE_STATUS_HINTS[status as NoticeStatus] : undefined}
      testId="notice-status"
    >
      {noticeStatusLabel(status)}
    </Badge>
  );
}

const CAMPAIGN_TONES: Partial<Record<string, Tone>> = { draft: 'neutral', published: 'success', archived: 'neutral' };

export function CampaignStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={CAMPAIGN_TONES[status] ?? 'neutral'} testId="campaign-status">
      {campaignStatusLabel(status)}
    </Badge>
  );
}

const TIP_TONES: Partial<Record<string, Tone>> = { new: 'warning', useful: 'success', not_useful: 'neutral', passed_on: 'info' };

export function TipStatusBadge({ status }: { status: string }) {
  return (
    <Badge
      tone={TIP_TONES[status] ?? 'neutral'}
      title={status in TIP_STATUS_HINTS ? TIP_STATUS_HINTS[status as keyof typeof TIP_STATUS_HINTS] : undefined}
      testId="tip-status"
    >
      {tipStatusLabel(status)}
    </Badge>
  );
}
