import { describe, expect, it } from 'vitest';
import { classifyPage } from './page-kind.js';

const page = (body: string, title = 'Radio forum'): string =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;
const forumText = '<p>I restored a Grundig Majestic this winter and the tuning eye works again.</p>'.repeat(40);

describe('classifyPage: challenges', () => {
  it('detects Cloudflare by header and by page', () => {
    expect(classifyPage(403, { 'cf-mitigated': 'challenge' }, '')).toMatchObject({ kind: 'challenge', reason: 'cloudflare' });
    const html = page(
      '<div id="cf-chl-widget"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>',
      'Just a moment...',
    );
    expect(classifyPage(503, new Headers({ server: 'cloudflare' }), html)).toMatchObject({ kind: 'challenge', reason: 'cloudflare' });
  });

  it('detects DDoS-Guard by its server header on 403, and by its page', () => {
    expect(classifyPage(403, { server: 'ddos-guard' }, page('<p>wait</p>'))).toMatchObject({ kind: 'challenge', reason: 'ddos_guard' });
    const html = page(
      '<h1>Checking your browser before accessing relics.example</h1><script src="/.well-known/ddos-guard/js-challenge/index.js"></script>',
      'DDoS-Guard',
    );
    expect(classifyPage(200, {}, html)).toMatchObject({ kind: 'challenge', reason: 'ddos_guard' });
    // A content page behind DDoS-Guard carries the header too.
    expect(classifyPage(200, { server: 'ddos-guard' }, page(forumText))).toMatchObject({ kind: 'content' });
  });

  it('detects the EndGame queue and captcha pages of onion services', () => {
    const queue = page('<h1>You are in the queue</h1><p>Your position in the queue: 14. This page refreshes.</p>', 'EndGame V3');
    expect(classifyPage(200, {}, queue)).toMatchObject({ kind: 'challenge', reason: 'endgame_queue' });
    const captcha = page(
      '<form method="post"><img src="/captcha.png" alt="captcha"><input name="captcha"><button>Verify</button></form>',
      'Access',
    );
    expect(classifyPage(200, {}, captcha)).toMatchObject({ kind: 'challenge', reason: 'captcha' });
  });

  it('detects "checking your browser" and a 503 that refreshes itself', () => {
    expect(classifyPage(200, {}, page('<p>Checking your browser before accessing the site.</p>'))).toMatchObject({
      reason: 'browser_check',
    });
    const refresh = page('<meta http-equiv="refresh" content="5"><p>Busy, retrying.</p>');
    expect(classifyPage(503, {}, refresh)).toMatchObject({ kind: 'challenge', reason: 'refresh_challenge' });
    expect(classifyPage(503, { refresh: '5' }, page('<p>Busy.</p>'))).toMatchObject({ kind: 'challenge', reason: 'refresh_challenge' });
  });

  it('does not take a long forum page that talks about captchas or EndGame for a challenge', () => {
    const html = page(`${forumText}<p>The captcha on the other forum is annoying, they use EndGame and you are in the queue for ages.</p>`);
    expect(classifyPage(200, {}, html)).toMatchObject({ kind: 'content' });
  });
});

describe('classifyPage: login walls', () => {
  const loginForm =
    '<form id="login" action="/login" method="post"><input name="user"><input type="password" name="pass"><button>Log in</button></form>';

  it('sees a login form with nothing else as a wall', () => {
    expect(classifyPage(200, {}, page(`<h1>Members only</h1>${loginForm}`))).toMatchObject({ kind: 'logged_out', reason: 'login_form' });
  });

  it('does not take a content page with a login box in its sidebar for a wall', () => {
    expect(classifyPage(200, {}, page(`<aside>${loginForm}</aside>${forumText}`))).toMatchObject({ kind: 'content' });
  });

  it('uses the site’s logged-out selector and pattern', () => {
    const html = page(`${forumText}<div class="guest-banner">You must be logged in to view this board.</div>`);
    expect(classifyPage(200, {}, html, { loggedOutSelector: '.guest-banner' })).toMatchObject({
      kind: 'logged_out',
      reason: 'rule_selector',
    });
    expect(classifyPage(200, {}, html, { loggedOutPattern: 'must be logged in' })).toMatchObject({
      kind: 'logged_out',
      reason: 'rule_pattern',
    });
    expect(classifyPage(200, {}, html, { loggedOutSelector: '#nothing', loggedOutPattern: 'session expired' })).toMatchObject({
      kind: 'content',
    });
  });

  it('sees a redirect to a login page and a 401 as logged out', () => {
    expect(classifyPage(302, { location: '/ucp.php?mode=login' }, '')).toMatchObject({ kind: 'logged_out', reason: 'login_redirect' });
    expect(classifyPage(401, {}, 'no')).toMatchObject({ kind: 'logged_out', reason: 'unauthorized' });
    expect(classifyPage(301, { location: '/new-home' }, '')).toMatchObject({ kind: 'error', reason: 'redirect' });
  });
});

describe('classifyPage: errors and content', () => {
  it('reports HTTP errors and empty bodies', () => {
    expect(classifyPage(404, {}, page('<h1>Not found</h1>'))).toMatchObject({ kind: 'error', reason: 'http_status', detail: 'HTTP 404' });
    expect(classifyPage(500, {}, '')).toMatchObject({ kind: 'error', reason: 'http_status' });
    expect(classifyPage(200, {}, '  ')).toMatchObject({ kind: 'error', reason: 'empty' });
  });

  it('calls an ordinary page content', () => {
    expect(classifyPage(200, { 'content-type': 'text/html' }, page(forumText))).toEqual({
      kind: 'content',
      reason: 'content',
      detail: 'content',
    });
  });
});

describe('classifyPage: redirects', () => {
  it.each(['/login', '/users/sign_in?next=%2F', '/ucp.php?mode=login', 'http://x.onion/auth/start', '/session/new'])(
    'sees %s as a login page',
    (location) => {
      expect(classifyPage(302, { location }, '')).toMatchObject({ kind: 'logged_out', reason: 'login_redirect' });
    },
  );

  it.each(['/author/bob', '/blogin-tips', '/thread/7'])('does not see %s as a login page', (location) => {
    expect(classifyPage(302, { location }, '')).toMatchObject({ kind: 'error', reason: 'redirect' });
  });
});
