// Notices → new notice, and → edit a draft: the editor (police record, public extract with its
// preview) and, once the draft exists, its photos.
import { useState } from 'react';
import { NoticeForm } from '../components/NoticeForm';
import { NoticePhotos } from '../components/NoticePhotos';
import { NoticesTabs } from '../components/NoticesTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import { useDocumentTitle, useLoad } from '../hooks';
import { getNotice } from '../notices-api';
import { href, navigate, paths } from '../router';

export function NoticeNewPage() {
  useDocumentTitle('New notice');
  return (
    <>
      <NoticesTabs current="notices" />
      <p className="breadcrumb">
        <a href={href(paths.notices())}>← Notices</a>
      </p>
      <PageHeader section="Notices" title="New notice" />
      <p className="muted">
        The notice starts as a draft that only your agency sees. Add photos once it is created, then submit it for review: a notice officer
        of a publishing agency publishes it.
      </p>
      <NoticeForm onSaved={(notice) => navigate(paths.noticeEdit(notice.id))} onCancel={() => navigate(paths.notices())} />
    </>
  );
}

export function NoticeEditPage({ id }: { id: string }) {
  const notice = useLoad((signal) => getNotice(id, signal), [id]);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const title = notice.data ? `Edit: ${notice.data.displayName || 'untitled notice'}` : 'Edit notice';
  useDocumentTitle(title);

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
  const data = notice.data;
  return (
    <>
      <NoticesTabs current="notices" />
      <p className="breadcrumb">
        <a href={href(paths.notices())}>← Notices</a>
      </p>
      <ProblemAlert error={notice.error} testId="notice-error" />
      {notice.loading && !data ? <Loading what="Loading the notice" /> : null}
      {data ? (
        <>
          <PageHeader
            section="Edit draft"
            title={data.displayName || 'Untitled notice'}
            actions={
              <a className="button" href={href(paths.notice(data.id))} data-testid="notice-view">
                Done: view and submit
              </a>
            }
          />
          {data.status !== 'draft' || !data.allowed.edit ? (
            <p className="alert alert-info" data-testid="notice-not-editable">
              Only drafts are changed, by notice officers of the owning agency. <a href={href(paths.notice(data.id))}>View the notice</a>.
            </p>
          ) : (
            <>
              {savedAt ? (
                <SuccessNote testId="notice-saved">
                  Draft saved. <a href={href(paths.notice(data.id))}>View the notice and submit it for review</a>.
                </SuccessNote>
              ) : null}
              {/* The form keeps what is typed across reloads of the photos; a new notice id starts it afresh. */}
              <NoticeForm
                key={data.id}
                notice={data}
                onSaved={(saved) => {
                  notice.setData(saved);
                  setSavedAt(saved.updatedAt);
                  window.scrollTo({ top: 0 });
                }}
                onCancel={() => navigate(paths.notice(data.id))}
              />
              <NoticePhotos notice={data} editable onChanged={notice.reload} />
            </>
          )}
        </>
      ) : null}
    </>
  );
}
