// Notices → one notice: its status and where it stands, the lifecycle buttons the user may use,
// the police record with the fields of the public extract marked, the photos, and the history of
// every step with its reason. A published notice links to its page on the public site.
import { listAgencies, type Agency } from '../api';
import { VisibilityBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { NoticeStatusBadge, NoticeTypeBadge } from '../components/NoticeBadges';
import { NoticeContentView } from '../components/NoticeContentView';
import { NoticeLifecycle } from '../components/NoticeLifecycle';
import { NoticePhotos } from '../components/NoticePhotos';
import { NoticesTabs } from '../components/NoticesTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { VISIBILITY_HINTS } from '../format';
import { useDocumentTitle, useLoad } from '../hooks';
import { PUBLIC_LANGUAGES, getNotice, publicNoticeUrl, type Notice, type NoticeEvent } from '../notices-api';
import { NOTICE_STATUS_HINTS, languageLabel, noticeFieldLabel, noticeStatusLabel } from '../notices-format';
import { canReadTips, canWriteNotices } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

export function NoticePage({ id }: { id: string }) {
  const notice = useLoad((signal) => getNotice(id, signal), [id]);
  useDocumentTitle(notice.data?.displayName || 'Notice');

  if (notice.error?.status === 404) {
    return (
      <section data-testid="notice-not-found">
        <PageHeader section="Notices" title="Notice not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.notices())}>Back to notices</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <NoticesTabs current={notice.data?.status === 'submitted' && notice.data.allowed.publish ? 'review' : 'notices'} />
      <p className="breadcrumb">
        <a href={href(paths.notices())}>← Notices</a>
      </p>
      <ProblemAlert error={notice.error} testId="notice-error" />
      {notice.loading && !notice.data ? <Loading what="Loading the notice" /> : null}
      {notice.data ? <NoticeDetail notice={notice.data} onChanged={notice.setData} reload={notice.reload} /> : null}
    </>
  );
}

function NoticeDetail({ notice, onChanged, reload }: { notice: Notice; onChanged: (notice: Notice) => void; reload: () => void }) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => (notice.visibility === 'shared' ? listAgencies(signal) : Promise.resolve([])), [notice.visibility]);
  const owned = notice.ownerAgencyId === user.agency.id;
  const publicFields = notice.publicFields.filter((field) => field !== 'documents');

  return (
    <article data-testid="notice-detail" data-notice-id={notice.id} data-status={notice.status}>
      <PageHeader
        section="Notice"
        title={notice.displayName || 'Untitled notice'}
        actions={
          notice.allowed.edit ? (
            <a className="button" href={href(paths.noticeEdit(notice.id))} data-testid="notice-edit">
              Edit the draft
            </a>
          ) : null
        }
      />
      <p className="badges">
        <NoticeTypeBadge type={notice.type} />
        <NoticeStatusBadge status={notice.status} />
      </p>
      <p className="muted" data-testid="notice-status-hint">
        {NOTICE_STATUS_HINTS[notice.status]}
      </p>
      <NoticeLifecycle notice={notice} onChanged={onChanged} />

      <dl className="details">
        <dt>Public number</dt>
        <dd data-testid="notice-public-number">{notice.publicNumber ?? <span className="muted">Given when published</span>}</dd>
        {notice.status === 'published' && notice.publicNumber ? (
          <>
            <dt>Public page</dt>
            <dd data-testid="notice-public-links">
              {PUBLIC_LANGUAGES.map((language, index) => (
                <span key={language}>
                  {index > 0 ? ' · ' : null}
                  <a
                    href={publicNoticeUrl(notice.publicNumber!, language)}
                    target="_blank"
                    rel="noopener noreferrer"
                    hrefLang={language}
                    data-testid={`notice-public-link-${language}`}
                  >
                    {languageLabel(language)}
                  </a>
                </span>
              ))}
              <span className="visually-hidden"> (open in a new tab)</span>
            </dd>
          </>
        ) : null}
        <dt>Owner agency</dt>
        <dd>{notice.ownerAgencyName}</dd>
        <dt>Police record visible to</dt>
        <dd>
          <VisibilityBadge visibility={notice.visibility} /> <span className="muted">{VISIBILITY_HINTS[notice.visibility]}</span>
        </dd>
        {notice.visibility === 'shared' ? (
          <>
            <dt>Shared with</dt>
            <dd>{sharedWithNames(notice.sharedWith, agencies.data)}</dd>
          </>
        ) : null}
        <dt>Published</dt>
        <dd>
          <DateTime value={notice.publishedAt} empty="Not yet" />
        </dd>
        <dt>Expires on</dt>
        <dd>{notice.expiresOn ?? <span className="muted">No expiry date</span>}</dd>
        <dt>Last updated</dt>
        <dd>
          <DateTime value={notice.updatedAt} />
        </dd>
        {owned && canReadTips(user) && notice.publicNumber ? (
          <>
            <dt>Tips</dt>
            <dd>
              <a href={href(paths.tips())}>The agency’s tip queue</a>
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="notice-record-title">
        <h2 id="notice-record-title">Police record</h2>
        <NoticeContentView content={notice.content} publicFields={publicFields} testId="notice-record" />
      </section>

      <section aria-labelledby="notice-extract-title">
        <h2 id="notice-extract-title">Public extract</h2>
        {publicFields.length === 0 ? (
          <p className="muted">No field is public: only the type, the public number and the public photos would be shown.</p>
        ) : (
          <p data-testid="notice-public-fields">{publicFields.map(noticeFieldLabel).join(', ')}</p>
        )}
      </section>

      {/* The owner may change photos of a draft, and of a published notice (e.g. a newer photo). */}
      <NoticePhotos
        notice={notice}
        editable={notice.allowed.edit || (notice.status === 'published' && owned && canWriteNotices(user))}
        onChanged={reload}
      />

      <History events={notice.events} />
    </article>
  );
}

function sharedWithNames(ids: readonly string[], agencies: readonly Agency[] | undefined): string {
  if (ids.length === 0) return 'No other agency';
  return ids.map((id) => agencies?.find((agency) => agency.id === id)?.name ?? id).join(', ');
}

function History({ events }: { events: readonly NoticeEvent[] }) {
  return (
    <section aria-labelledby="notice-history-title">
      <h2 id="notice-history-title">History</h2>
      <div className="table-scroll">
        <table className="table table-compact" data-testid="notice-history">
          <caption className="visually-hidden">Each step of the notice, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Step</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {events.length === 0 ? (
              <tr>
                <td colSpan={4} className="empty">
                  No steps yet.
                </td>
              </tr>
            ) : (
              events.map((event, index) => (
                <tr key={index} data-testid="notice-event" data-to={event.toStatus}>
                  <td>
                    <DateTime value={event.at} />
                  </td>
                  <td>
                    {event.fromStatus ? `${noticeStatusLabel(event.fromStatus)} → ` : ''}
                    {noticeStatusLabel(event.toStatus)}
                  </td>
                  <td>{event.actorName ?? <span className="muted">System</span>}</td>
                  <td className="prose">{event.reason || <span className="muted">—</span>}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
