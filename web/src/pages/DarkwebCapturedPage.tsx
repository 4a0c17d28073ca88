// Dark web → one captured page, as plain text only: the visible text the crawler extracted, with
// the page's facts and where its record lies in the WARC file. The captured HTML is never rendered
// and nothing is loaded from the site; the server records each read in the audit log.
import { DarkwebTabs } from '../components/DarkwebTabs';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { getPage, type PageDetail } from '../darkweb-api';
import { formatCount, formatMs, pageKindLabel } from '../darkweb-format';
import { formatBytes } from '../format';
import { useDocumentTitle, useLoad } from '../hooks';
import { href, paths } from '../router';

export function DarkwebCapturedPage({ id }: { id: string }) {
  const page = useLoad((signal) => getPage(id, signal), [id]);
  useDocumentTitle(page.data?.title ?? 'Captured page');

  if (page.error?.status === 404) {
    return (
      <section data-testid="darkweb-page-not-found">
        <PageHeader section="Dark web" title="Page not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.darkwebSites)}>Back to sites</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <DarkwebTabs current="sites" />
      {page.data ? (
        <p className="breadcrumb">
          <a href={href(paths.darkwebVisit(page.data.visitId))}>← The visit</a>
        </p>
      ) : null}
      <ProblemAlert error={page.error} testId="darkweb-page-error" />
      {page.loading && !page.data ? <Loading what="Loading the page" /> : null}
      {page.data ? <CapturedPage page={page.data} /> : null}
    </>
  );
}

function CapturedPage({ page }: { page: PageDetail }) {
  return (
    <article data-testid="darkweb-page-detail" data-page-id={page.id}>
      <PageHeader section="Captured page" title={page.title || 'Untitled page'} />
      <p className="muted">
        Shown as plain text: the captured HTML is never rendered and nothing is loaded from the site. Opening this page is recorded in the
        audit log.
      </p>
      <dl className="details">
        <dt>Address</dt>
        <dd className="cell-break">
          <code>{page.url}</code>
        </dd>
        <dt>Kind</dt>
        <dd>{pageKindLabel(page.pageKind)}</dd>
        <dt>HTTP status</dt>
        <dd>{page.statusCode}</dd>
        <dt>Language</dt>
        <dd>{page.language ?? <span className="muted">Not recognised</span>}</dd>
        <dt>Fetched</dt>
        <dd>
          <DateTime value={page.fetchedAt} precise /> <span className="muted">in {formatMs(page.responseMs)}</span>
        </dd>
        <dt>Size</dt>
        <dd>{formatBytes(page.bytes)}</dd>
        <dt>Links and media</dt>
        <dd>
          {page.links.toLocaleString('en')} links, {page.media.toLocaleString('en')} media
        </dd>
        {page.memberCount !== null ? (
          <>
            <dt>Members advertised</dt>
            <dd>{formatCount(page.memberCount)}</dd>
          </>
        ) : null}
      </dl>

      {page.posts.length > 0 ? (
        <>
          <h2>Posts</h2>
          <div className="table-scroll">
            <table className="table" data-testid="darkweb-page-posts">
              <thead>
                <tr>
                  <th scope="col">Author</th>
                  <th scope="col">Time</th>
                  <th scope="col">Beginning</th>
                </tr>
              </thead>
              <tbody>
                {page.posts.map((post, i) => (
                  <tr key={i}>
                    <td>{post.author ?? <span className="muted">Not read</span>}</td>
                    <td>
                      {post.time !== null ? (
                        <DateTime value={post.time} precise />
                      ) : (
                        (post.timeText ?? <span className="muted">Not read</span>)
                      )}
                    </td>
                    <td>{post.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h2>Text</h2>
      {page.text.trim() === '' ? (
        <p className="muted">The page has no visible text.</p>
      ) : (
        <pre className="darkweb-page-text" data-testid="darkweb-page-text" tabIndex={0} aria-label="Text of the captured page">
          {page.text}
        </pre>
      )}

      <h2>Evidence</h2>
      <dl className="details hashes" data-testid="darkweb-page-evidence">
        <dt>WARC file</dt>
        <dd className="cell-break">
          <code>{page.warcFile}</code>
        </dd>
        <dt>Record</dt>
        <dd className="cell-break">
          <code>{page.warcRecordId}</code> <span className="muted">at byte {page.warcOffset.toLocaleString('en')}</span>
        </dd>
        <dt>Payload digest</dt>
        <dd>
          <code className="hash">{page.payloadDigest}</code>
        </dd>
        <dt>Content fingerprint</dt>
        <dd>{page.contentFingerprint ? <code className="hash">{page.contentFingerprint}</code> : <span className="muted">None</span>}</dd>
      </dl>
    </article>
  );
}
