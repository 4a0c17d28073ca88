// Notices → tips: what the public sent about the agency's notices and appeals (and tips other
// agencies shared), newest first, by triage status. The excerpt is plain text.
import { DateTime } from '../components/DateTime';
import { SelectField } from '../components/Field';
import { TipStatusBadge } from '../components/NoticeBadges';
import { NoticesTabs } from '../components/NoticesTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { useDocumentTitle, useLoad } from '../hooks';
import { TIP_STATUSES, listTips, type TipStatus, type TipSummary } from '../notices-api';
import { publicNumberText, tipStatusLabel } from '../notices-format';
import { href, navigate, paths } from '../router';

const ANY = '';
const STATUS_OPTIONS: { value: TipStatus | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any status' },
  ...TIP_STATUSES.map((value) => ({ value, label: tipStatusLabel(value) })),
];

export function TipsPage({ status }: { status: TipStatus | null }) {
  useDocumentTitle('Tips');
  const tips = useLoad((signal) => listTips(status ? { status } : {}, signal), [status]);
  return (
    <>
      <PageHeader section="Notices" title="Tips" />
      <NoticesTabs current="tips" />
      <p className="muted">
        Information sent by the public through the “Do you have information?” form of your agency’s published notices and appeals. Every tip
        you open is recorded in the audit log.
      </p>
      <form className="panel panel-wide" aria-label="Filter tips" onSubmit={(event) => event.preventDefault()} data-testid="tips-filters">
        <div className="filter-bar">
          <SelectField
            label="Status"
            value={status ?? ANY}
            options={STATUS_OPTIONS}
            onChange={(value) => navigate(paths.tips(value === ANY ? null : value), { replace: true })}
            testId="tips-filter-status"
          />
        </div>
      </form>
      <ProblemAlert error={tips.error} testId="tips-error" />
      {tips.loading && !tips.data ? <Loading what="Loading tips" /> : null}
      {tips.data ? <TipsTable tips={tips.data} filtered={status !== null} /> : null}
    </>
  );
}

function TipsTable({ tips, filtered }: { tips: readonly TipSummary[]; filtered: boolean }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="tips-table">
        <caption className="visually-hidden">Tips, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Status</th>
            <th scope="col">Notice</th>
            <th scope="col">Excerpt</th>
            <th scope="col">Received</th>
          </tr>
        </thead>
        <tbody>
          {tips.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                {filtered ? 'No tip has this status.' : 'No tips yet.'}
              </td>
            </tr>
          ) : (
            tips.map((tip) => (
              <tr key={tip.id} data-testid="tip-row" data-tip-id={tip.id}>
                <td className="nowrap">
                  <a href={href(paths.tip(tip.id))}>
                    <code>{tip.reference}</code>
                  </a>
                </td>
                <td>
                  <TipStatusBadge status={tip.status} />
                </td>
                <td>
                  {tip.noticeDisplayName || 'Untitled notice'}
                  <span className="cell-sub">{publicNumberText(tip.noticePublicNumber)}</span>
                </td>
                <td className="tip-excerpt">
                  <span dir="auto">{tip.excerpt}</span>
                  <span className="cell-sub">
                    {[
                      tip.photoCount > 0 ? `${tip.photoCount} ${tip.photoCount === 1 ? 'photo' : 'photos'}` : '',
                      tip.hasContact ? 'Contact given' : 'Anonymous',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </td>
                <td>
                  <DateTime value={tip.createdAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
