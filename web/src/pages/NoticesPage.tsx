// Notices → the list: the notices the user's agency may see (its own drafts, and the records other
// agencies share), filtered by status, type and a search; and the review queue of submitted notices
// the user may publish.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api';
import { DateTime } from '../components/DateTime';
import { SelectField, TextField } from '../components/Field';
import { NoticeStatusBadge, NoticeTypeBadge } from '../components/NoticeBadges';
import { NoticesTabs } from '../components/NoticesTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { fieldErrors } from '../forms';
import { useDocumentTitle, useLoad } from '../hooks';
import {
  NOTICE_STATUSES,
  NOTICE_TYPES,
  listNotices,
  type NoticeFilters,
  type NoticeStatus,
  type NoticeSummary,
  type NoticeType,
} from '../notices-api';
import { noticeStatusLabel, noticeTypeLabel, publicNumberText } from '../notices-format';
import { canWriteNotices, isPublishingAgency } from '../permissions';
import { href, navigate, paths } from '../router';
import { useSession } from '../session';

export function NoticesPage({ filters }: { filters: NoticeFilters }) {
  useDocumentTitle('Notices');
  const { user } = useSession().session;
  const filterKey = JSON.stringify(filters);
  const notices = useLoad((signal) => listNotices(filters, signal), [filterKey]);

  return (
    <>
      <PageHeader
        section="Notices"
        title="Notices"
        actions={
          canWriteNotices(user) ? (
            <a className="button button-primary" href={href(paths.noticeNew)} data-testid="notice-new">
              New notice
            </a>
          ) : null
        }
      />
      <NoticesTabs current="notices" />
      <NoticeFilterBar
        key={filterKey}
        filters={filters}
        error={notices.error}
        onChange={(next) => navigate(paths.notices(next), { replace: true })}
      />
      <ProblemAlert error={notices.error} fields={['status', 'type', 'q']} testId="notices-error" />
      {notices.loading && !notices.data ? <Loading what="Loading notices" /> : null}
      {notices.data ? (
        <NoticesTable
          notices={notices.data}
          caption="Notices visible to your agency"
          emptyText={Object.keys(filters).length > 0 ? 'No notice matches these filters.' : 'No notices are visible to your agency yet.'}
        />
      ) : null}
    </>
  );
}

export function NoticesReviewPage() {
  useDocumentTitle('Notices to review');
  const { user } = useSession().session;
  const publisher = isPublishingAgency(user);
  const notices = useLoad((signal) => listNotices({ queue: 'review' }, signal), []);
  return (
    <>
      <PageHeader section="Notices" title="Review queue" />
      <NoticesTabs current="review" />
      <p className="muted" data-testid="notices-review-hint">
        {publisher
          ? 'Notices submitted for publication. A notice officer of a publishing agency reviews what another officer wrote: open one to publish it, or return it to its author with what needs changing. A notice you submitted yourself is published by someone else.'
          : 'Your agency does not publish notices: these are its notices waiting for review by a publishing agency (the operator or a national central bureau).'}
      </p>
      <ProblemAlert error={notices.error} testId="notices-error" />
      {notices.loading && !notices.data ? <Loading what="Loading the review queue" /> : null}
      {notices.data ? (
        <NoticesTable notices={notices.data} caption="Notices waiting for review" emptyText="Nothing is waiting for review." />
      ) : null}
    </>
  );
}

const ANY = '';

const STATUS_OPTIONS: { value: NoticeStatus | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any status' },
  ...NOTICE_STATUSES.map((value) => ({ value, label: noticeStatusLabel(value) })),
];
const TYPE_OPTIONS: { value: NoticeType | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any type' },
  ...NOTICE_TYPES.map((value) => ({ value, label: noticeTypeLabel(value) })),
];

interface NoticeFilterBarProps {
  filters: NoticeFilters;
  error: ApiError | null;
  onChange: (filters: NoticeFilters) => void;
}

function NoticeFilterBar({ filters, error, onChange }: NoticeFilterBarProps) {
  const [q, setQ] = useState(filters.q ?? '');
  const errors = fieldErrors(error);

  function update(next: NoticeFilters) {
    const clean: NoticeFilters = {};
    if (next.status) clean.status = next.status;
    if (next.type) clean.type = next.type;
    if (next.q) clean.q = next.q;
    onChange(clean);
  }

  function search(event: FormEvent) {
    event.preventDefault();
    update({ ...filters, q: q.trim() });
  }

  return (
    <form className="panel panel-wide" role="search" aria-label="Filter notices" onSubmit={search} data-testid="notices-filters">
      <div className="field-grid review-filters">
        <SelectField
          label="Status"
          value={filters.status ?? ANY}
          options={STATUS_OPTIONS}
          onChange={(value) => update({ ...filters, status: value === ANY ? undefined : value })}
          error={errors.status}
          testId="notices-filter-status"
        />
        <SelectField
          label="Type"
          value={filters.type ?? ANY}
          options={TYPE_OPTIONS}
          onChange={(value) => update({ ...filters, type: value === ANY ? undefined : value })}
          error={errors.type}
          testId="notices-filter-type"
        />
        <TextField
          label="Search"
          hint="Names, aliases, public number or title."
          type="search"
          value={q}
          onChange={setQ}
          error={errors.q}
          testId="notices-filter-q"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" data-testid="notices-search">
          Search
        </button>
        {Object.keys(filters).length > 0 ? (
          <button type="button" className="button button-quiet" onClick={() => update({})}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function NoticesTable({ notices, caption, emptyText }: { notices: readonly NoticeSummary[]; caption: string; emptyText: string }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="notices-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name or title</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Public number</th>
            <th scope="col">Owner agency</th>
            <th scope="col" className="numeric">
              Photos
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {notices.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            notices.map((notice) => (
              <tr key={notice.id} data-testid="notice-row" data-notice-id={notice.id}>
                <td>
                  <a href={href(paths.notice(notice.id))}>{notice.displayName || 'Untitled notice'}</a>
                  {notice.expiresOn ? <span className="cell-sub">Expires {notice.expiresOn}</span> : null}
                </td>
                <td>
                  <NoticeTypeBadge type={notice.type} />
                </td>
                <td>
                  <NoticeStatusBadge status={notice.status} />
                </td>
                <td className="nowrap">{publicNumberText(notice.publicNumber)}</td>
                <td>{notice.ownerAgencyName}</td>
                <td className="numeric">{notice.photoCount}</td>
                <td>
                  <DateTime value={notice.updatedAt} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
