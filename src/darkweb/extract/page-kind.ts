/**
 * What kind of page a response is (pure): real content, an anti-DDoS or captcha challenge
 * (Cloudflare, DDoS-Guard, the EndGame onion queue, "checking your browser", a 503 that refreshes
 * itself), a login wall (the site's logged-out rule, a login redirect, or a login form with nothing
 * else on the page), or an error. Challenges and login walls are flagged, never counted as content.
 *
 *   classifyPage(403, { server: 'ddos-guard' }, html, rules); // { kind: 'challenge', reason: 'ddos_guard' }
 */
import type { HTMLElement } from 'node-html-parser';
import { execRulePattern, type ExtractionRules } from './extraction-rules.js';
import { allElements, collapseWhitespace, parseHtml, tagOf, visibleText } from './html-text.js';

export type PageKind = 'content' | 'challenge' | 'logged_out' | 'error';

export type PageKindReason =
  | 'content'
  | 'cloudflare'
  | 'ddos_guard'
  | 'endgame_queue'
  | 'browser_check'
  | 'refresh_challenge'
  | 'captcha'
  | 'rule_selector'
  | 'rule_pattern'
  | 'login_form'
  | 'login_redirect'
  | 'unauthorized'
  | 'redirect'
  | 'http_status'
  | 'empty';

export interface PageClassification {
  kind: PageKind;
  reason: PageKindReason;
  /** A short human explanation, for the site's history and alerts. */
  detail: string;
}

/** Response headers as Node (`IncomingHttpHeaders`) or fetch (`Headers`) give them. */
export type ResponseHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Markers are looked for in the start of the page only: challenge pages are small. */
const markerScanChars = 256 * 1024;
/** A page with a login form and less visible text than this outside forms is a login wall. */
const loginWallTextChars = 600;
/** A page with challenge words or a captcha and less visible text than this is a challenge. */
const shortPageTextChars = 1500;

const challengeMarkers: { reason: PageKindReason; pattern: RegExp; detail: string }[] = [
  {
    reason: 'cloudflare',
    pattern:
      /<title>\s*just a moment(?:\.\.\.|…)?\s*<\/title>|cf[-_]chl[-_]|challenges\.cloudflare\.com|cf-browser-verification|attention required! \| cloudflare/i,
    detail: 'Cloudflare challenge',
  },
  {
    reason: 'ddos_guard',
    pattern: /ddos-guard(?:\.net)?\/?[^<]{0,200}?(?:check|challenge)|\.well-known\/ddos-guard|<title>\s*ddos-guard\s*<\/title>/i,
    detail: 'DDoS-Guard challenge',
  },
  {
    reason: 'endgame_queue',
    pattern: /endgame|you are (?:currently )?in (?:the |a )?queue|position in (?:the )?queue|queue position/i,
    detail: 'EndGame (onion anti-DDoS) queue or captcha',
  },
  {
    reason: 'browser_check',
    pattern:
      /checking (?:if the site connection is secure|your browser)|(?:anti-?)?ddos protection by|verify(?:ing)? (?:that )?you are (?:a )?human|please (?:enable|turn on) javascript and cookies|browser verification/i,
    detail: 'browser check',
  },
];

/** A redirect target that is a login page: /login, /users/sign_in, ?mode=login, /auth/… */
const loginLocation = /(?:^|[/?&=._-])(?:log[-_]?in|sign[-_]?in|log[-_]?on|auth|authenticate|session)(?:$|[/?&=._-])/i;

/** Classifies one response; `html` is its body as text, `parse` gives its tree (shared with extraction) when needed. */
export function classifyPage(
  status: number,
  headers: ResponseHeaders,
  html: string,
  rules: ExtractionRules = {},
  parse: () => HTMLElement = () => parseHtml(html),
): PageClassification {
  const head = html.length > markerScanChars ? html.slice(0, markerScanChars) : html;
  const header = (name: string): string => headerValue(headers, name);

  if (header('cf-mitigated').toLowerCase() === 'challenge')
    return { kind: 'challenge', reason: 'cloudflare', detail: 'Cloudflare challenge (cf-mitigated)' };
  const guardServer = /ddos-guard/i.test(header('server'));
  if (guardServer && (status === 403 || status === 503))
    return { kind: 'challenge', reason: 'ddos_guard', detail: `DDoS-Guard answered ${status}` };
  const challengeStatus = status === 403 || status === 429 || status === 503;
  let short: boolean | undefined;
  const shortPage = (): boolean => (short ??= isShortPage(head));
  for (const marker of challengeMarkers) {
    // A forum post may quote these words: on a 200 only a short page counts.
    if (marker.pattern.test(head) && (challengeStatus || shortPage())) {
      return { kind: 'challenge', reason: marker.reason, detail: marker.detail };
    }
  }
  const refresh = header('refresh') !== '' || /<meta[^>]{0,200}http-equiv\s*=\s*["']?refresh/i.test(head);
  if ((status === 503 || status === 429) && refresh)
    return { kind: 'challenge', reason: 'refresh_challenge', detail: `${status} with a refresh` };
  if (/captcha/i.test(head) && shortPage()) return { kind: 'challenge', reason: 'captcha', detail: 'captcha page' };

  if (status >= 300 && status < 400) {
    const location = header('location');
    if (loginLocation.test(location)) return { kind: 'logged_out', reason: 'login_redirect', detail: `redirected to ${location}` };
    return { kind: 'error', reason: 'redirect', detail: `HTTP ${status} to ${location || '(no location)'}` };
  }

  const root =
    rules.loggedOutSelector !== undefined || rules.loggedOutPattern !== undefined || hasPasswordInput(head) ? parse() : undefined;
  if (root !== undefined && status < 500) {
    if (rules.loggedOutSelector !== undefined && root.querySelector(rules.loggedOutSelector) !== null) {
      return { kind: 'logged_out', reason: 'rule_selector', detail: `the page matches ${rules.loggedOutSelector}` };
    }
    if (
      rules.loggedOutPattern !== undefined &&
      execRulePattern(rules.loggedOutPattern, visibleText(root, { limit: 1024 * 1024 })) !== null
    ) {
      return { kind: 'logged_out', reason: 'rule_pattern', detail: `the page text matches /${rules.loggedOutPattern}/` };
    }
    if (isLoginWall(root)) return { kind: 'logged_out', reason: 'login_form', detail: 'a login form and little else' };
  }
  if (status === 401) return { kind: 'logged_out', reason: 'unauthorized', detail: 'HTTP 401' };
  if (status < 200 || status >= 400) return { kind: 'error', reason: 'http_status', detail: `HTTP ${status}` };
  if (html.trim() === '') return { kind: 'error', reason: 'empty', detail: 'empty body' };
  return { kind: 'content', reason: 'content', detail: 'content' };
}

function headerValue(headers: ResponseHeaders, name: string): string {
  if (headers instanceof Headers) return headers.get(name) ?? '';
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.join(', ');
}

function hasPasswordInput(html: string): boolean {
  return /<input[^>]{0,500}type\s*=\s*["']?password/i.test(html);
}

/** A page whose visible text is short (challenge pages say little). */
function isShortPage(html: string, max = shortPageTextChars): boolean {
  // The raw text may be mostly white space: collect generously, judge after collapsing.
  return collapseWhitespace(visibleText(parseHtml(html), { limit: max * 8 })).length <= max;
}

/** A login form (a password field) with little visible text outside forms. */
function isLoginWall(root: HTMLElement): boolean {
  const elements = allElements(root);
  const password = elements.some((element) => tagOf(element) === 'input' && element.getAttribute('type')?.toLowerCase() === 'password');
  if (!password) return false;
  const forms = new Set(elements.filter((element) => tagOf(element) === 'form'));
  const outside = collapseWhitespace(visibleText(root, { exclude: forms, limit: loginWallTextChars * 8 }));
  return outside.length <= loginWallTextChars;
}
