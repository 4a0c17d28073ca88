/*
 * Vigil web console.
 *
 * App (this file) owns the session. On load it asks GET /auth/session: with no session, or with a
 * step still pending (TOTP code, TOTP enrolment, password change), it shows SignInPage; once the
 * session is complete it renders the console. A 401 from any API call (see api.ts) returns to
 * sign-in with a message and keeps the address, so the user comes back to the same page.
 *
 * The console is Shell (header, left navigation) around one page picked from the hash route
 * (router.ts → ConsolePage below). Pages live in pages/, shared pieces in components/; a page loads
 * its data with useLoad and submits with useAction (hooks.ts). permissions.ts decides which areas
 * are shown; the server enforces every rule regardless.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getSession, isAbortError, logout, onUnauthenticated, toApiError, type ApiError, type SessionInfo, type SessionUser } from './api';
import { ProblemAlert } from './components/ProblemAlert';
import { Shell } from './components/Shell';
import { AgenciesPage } from './pages/AgenciesPage';
import { AuditPage } from './pages/AuditPage';
import { CaseDetailPage } from './pages/CaseDetailPage';
import { CampaignNewPage, CampaignPage, CampaignsPage } from './pages/CampaignsPage';
import { CasesPage } from './pages/CasesPage';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { DarkwebAccountsPage } from './pages/DarkwebAccountsPage';
import { DarkwebAlertsPage } from './pages/DarkwebAlertsPage';
import { DarkwebCapturedPage } from './pages/DarkwebCapturedPage';
import { DarkwebSitePage } from './pages/DarkwebSitePage';
import { DarkwebSitesPage } from './pages/DarkwebSitesPage';
import { DarkwebVisitPage } from './pages/DarkwebVisitPage';
import { HashSetPage } from './pages/HashSetPage';
import { HashSetsPage } from './pages/HashSetsPage';
import { IngestPage } from './pages/IngestPage';
import { IngestsPage } from './pages/IngestsPage';
import { MediaGridPage } from './pages/MediaGridPage';
import { MediaItemPage } from './pages/MediaItemPage';
import { MediaUploadPage } from './pages/MediaUploadPage';
import { NoticeEditPage, NoticeNewPage } from './pages/NoticeEditorPage';
import { NoticePage } from './pages/NoticePage';
import { NoticesPage, NoticesReviewPage } from './pages/NoticesPage';
import { OperationPage } from './pages/OperationPage';
import { OperationsPage } from './pages/OperationsPage';
import { PersonPage } from './pages/PersonPage';
import { PersonsPage } from './pages/PersonsPage';
import { ReviewQueuePage } from './pages/ReviewQueuePage';
import { ScreeningBatchPage } from './pages/ScreeningBatchPage';
import { ScreeningCheckPage } from './pages/ScreeningCheckPage';
import { SignInPage } from './pages/SignInPage';
import { NoAccess, PageNotFound } from './pages/StatusPages';
import { TipPage } from './pages/TipPage';
import { TipsPage } from './pages/TipsPage';
import { TokensPage } from './pages/TokensPage';
import { UsersPage } from './pages/UsersPage';
import { WatchlistPage } from './pages/WatchlistPage';
import { WatchlistsPage } from './pages/WatchlistsPage';
import {
  canAdminister,
  canAudit,
  canReadCases,
  canReadDarkweb,
  canReadMedia,
  canReadNotices,
  canReadPersons,
  canReadTips,
  canScreen,
  canUploadMedia,
  canWriteNotices,
  hasRole,
} from './permissions';
import { navigate, parseRoute, paths, useHash, type Route } from './router';
import { SessionProvider, useSession, type SessionContextValue } from './session';

type AppState =
  | { status: 'loading' }
  | { status: 'unavailable'; error: ApiError }
  | {
      status: 'signed-out';
      pendingSession: SessionInfo | null;
      message: string | null;
      /** Who was signed in before the session ended, to keep their place only for them. */
      previousUserId: string | null;
    }
  | { status: 'signed-in'; session: SessionInfo };

const EXPIRED_MESSAGE = 'Your session has ended. Sign in again to continue.';
const SIGNED_OUT_MESSAGE = 'You have signed out.';
const SIGN_OUT_FAILED_MESSAGE = 'Signing out could not reach the server. Close the browser to make sure the session ends.';

/** Ends the session on the server; resolves to the message for the sign-in page. */
async function endSession(): Promise<string> {
  try {
    await logout();
    return SIGNED_OUT_MESSAGE;
  } catch (error) {
    return toApiError(error).status === 401 ? SIGNED_OUT_MESSAGE : SIGN_OUT_FAILED_MESSAGE;
  }
}

export function App() {
  const [state, setState] = useState<AppState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getSession(controller.signal).then(
      (session) => {
        if (controller.signal.aborted) return;
        setState(
          session.pending === null
            ? { status: 'signed-in', session }
            : { status: 'signed-out', pendingSession: session, message: null, previousUserId: null },
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        const apiError = toApiError(error);
        setState(
          apiError.status === 401
            ? { status: 'signed-out', pendingSession: null, message: null, previousUserId: null }
            : { status: 'unavailable', error: apiError },
        );
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthenticated(() =>
        setState((previous) => ({
          status: 'signed-out',
          pendingSession: null,
          message: EXPIRED_MESSAGE,
          previousUserId: previous.status === 'signed-in' ? previous.session.user.id : null,
        })),
      ),
    [],
  );

  const signOut = useCallback(() => {
    void endSession().then((message) => {
      navigate(paths.home, { replace: true });
      setState({ status: 'signed-out', pendingSession: null, message, previousUserId: null });
    });
  }, []);

  switch (state.status) {
    case 'loading':
      return (
        <div className="splash" role="status">
          Loading Vigil…
        </div>
      );
    case 'unavailable':
      return (
        <div className="splash">
          <ProblemAlert error={state.error} />
          <button type="button" className="button" onClick={() => setAttempt((value) => value + 1)}>
            Try again
          </button>
        </div>
      );
    case 'signed-out': {
      const { previousUserId } = state;
      const signedIn = (session: SessionInfo) => {
        if (previousUserId !== null && previousUserId !== session.user.id) navigate(paths.home, { replace: true });
        setState({ status: 'signed-in', session });
      };
      return <SignInPage pendingSession={state.pendingSession} message={state.message} onSignedIn={signedIn} />;
    }
    case 'signed-in':
      return <SignedIn session={state.session} signOut={signOut} />;
  }
}

function SignedIn({ session, signOut }: SessionContextValue) {
  const value = useMemo(() => ({ session, signOut }), [session, signOut]);
  return (
    <SessionProvider value={value}>
      <Console />
    </SessionProvider>
  );
}

/** The first page after sign-in: the first area the user's roles open. */
function homePath(user: SessionUser): string {
  if (canReadCases(user)) return paths.cases;
  if (canAudit(user)) return paths.audit;
  if (canAdminister(user)) return paths.users;
  if (canReadMedia(user)) return paths.media();
  if (hasRole(user, 'notice_officer') || !canScreen(user)) return paths.notices();
  return paths.screeningCheck;
}

function Console() {
  const { user } = useSession().session;
  const hash = useHash();
  const route = parseRoute(hash);

  useEffect(() => {
    if (route.name === 'home') navigate(homePath(user), { replace: true });
  }, [route.name, user]);

  // The query (grid filters) is not part of the key: changing a filter keeps the focus where it is.
  const routeKey = hash.split('?')[0] ?? hash;

  return (
    <Shell route={route} routeKey={routeKey}>
      <ConsolePage route={route} user={user} />
    </Shell>
  );
}

function ConsolePage({ route, user }: { route: Route; user: SessionUser }) {
  switch (route.name) {
    case 'home':
      return null;
    case 'upcoming':
      return <ComingSoonPage area={route.area} />;
    case 'media':
      return canReadMedia(user) ? <MediaGridPage filters={route.filters} /> : <NoAccess area="Media" />;
    case 'media-item':
      return canReadMedia(user) ? <MediaItemPage key={route.id} id={route.id} /> : <NoAccess area="Media" />;
    case 'media-upload':
      return canUploadMedia(user) ? <MediaUploadPage /> : <NoAccess area="Media" />;
    case 'ingests':
      return canReadMedia(user) ? <IngestsPage /> : <NoAccess area="Media" />;
    case 'ingest':
      return canReadMedia(user) ? <IngestPage key={route.id} id={route.id} /> : <NoAccess area="Media" />;
    case 'hashsets':
      return canReadMedia(user) ? <HashSetsPage /> : <NoAccess area="Media" />;
    case 'hashset':
      return canReadMedia(user) ? <HashSetPage key={route.id} id={route.id} /> : <NoAccess area="Media" />;
    case 'screening-check':
      return canScreen(user) ? <ScreeningCheckPage /> : <NoAccess area="Screening" />;
    case 'screening-batch':
      return canScreen(user) ? <ScreeningBatchPage /> : <NoAccess area="Screening" />;
    case 'screening-review':
      return canScreen(user) ? <ReviewQueuePage operationId={route.operationId} /> : <NoAccess area="Screening" />;
    case 'screening-operations':
      return canScreen(user) ? <OperationsPage /> : <NoAccess area="Screening" />;
    case 'screening-operation':
      return canScreen(user) ? <OperationPage key={route.id} id={route.id} /> : <NoAccess area="Screening" />;
    case 'screening-watchlists':
      return canScreen(user) ? <WatchlistsPage /> : <NoAccess area="Screening" />;
    case 'screening-watchlist':
      return canScreen(user) ? <WatchlistPage key={route.id} id={route.id} /> : <NoAccess area="Screening" />;
    case 'notices':
      return canReadNotices(user) ? <NoticesPage filters={route.filters} /> : <NoAccess area="Notices" />;
    case 'notices-review':
      return canWriteNotices(user) ? <NoticesReviewPage /> : <NoAccess area="Notices" />;
    case 'notice-new':
      return canWriteNotices(user) ? <NoticeNewPage /> : <NoAccess area="Notices" />;
    case 'notice':
      return canReadNotices(user) ? <NoticePage key={route.id} id={route.id} /> : <NoAccess area="Notices" />;
    case 'notice-edit':
      return canWriteNotices(user) ? <NoticeEditPage key={route.id} id={route.id} /> : <NoAccess area="Notices" />;
    case 'campaigns':
      return canReadNotices(user) ? <CampaignsPage /> : <NoAccess area="Notices" />;
    case 'campaign-new':
      return canWriteNotices(user) ? <CampaignNewPage /> : <NoAccess area="Notices" />;
    case 'campaign':
      return canReadNotices(user) ? <CampaignPage key={route.id} id={route.id} /> : <NoAccess area="Notices" />;
    case 'tips':
      return canReadTips(user) ? <TipsPage status={route.status} /> : <NoAccess area="Tips" />;
    case 'tip':
      return canReadTips(user) ? <TipPage key={route.id} id={route.id} /> : <NoAccess area="Tips" />;
    case 'darkweb-sites':
      return canReadDarkweb(user) ? <DarkwebSitesPage /> : <NoAccess area="Dark web" />;
    case 'darkweb-site':
      return canReadDarkweb(user) ? <DarkwebSitePage key={route.id} id={route.id} /> : <NoAccess area="Dark web" />;
    case 'darkweb-visit':
      return canReadDarkweb(user) ? <DarkwebVisitPage key={route.id} id={route.id} /> : <NoAccess area="Dark web" />;
    case 'darkweb-page':
      return canReadDarkweb(user) ? <DarkwebCapturedPage key={route.id} id={route.id} /> : <NoAccess area="Dark web" />;
    case 'darkweb-accounts':
      return canReadDarkweb(user) ? <DarkwebAccountsPage filters={route.filters} /> : <NoAccess area="Dark web" />;
    case 'darkweb-alerts':
      return canReadDarkweb(user) ? <DarkwebAlertsPage filters={route.filters} /> : <NoAccess area="Dark web" />;
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CaseDetailPage key={route.id} id={route.id} />;
    case 'persons':
      return canReadPersons(user) ? <PersonsPage q={route.q} /> : <NoAccess area="Persons" />;
    case 'person':
      return canReadPersons(user) ? <PersonPage key={route.id} id={route.id} /> : <NoAccess area="Persons" />;
    case 'users':
      return canAdminister(user) ? <UsersPage /> : <NoAccess area="Administration" />;
    case 'tokens':
      return canAdminister(user) ? <TokensPage /> : <NoAccess area="Administration" />;
    case 'agencies':
      return canAdminister(user) ? <AgenciesPage /> : <NoAccess area="Administration" />;
    case 'audit':
      return canAudit(user) ? <AuditPage /> : <NoAccess area="Audit" />;
    case 'unknown':
      return <PageNotFound />;
  }
}
