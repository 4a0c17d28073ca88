// Human labels of the dark web area: site and visit states, page kinds, triage of captured media,
// account and alert kinds, and the durations of a site's schedule and politeness.
import type {
  AccountKind,
  AlertKind,
  DarkwebTriage,
  ExtractionRuleField,
  PageKind,
  SiteNumber,
  SiteStatus,
  VisitOutcome,
  VisitStatus,
} from './darkweb-api';

function labelFrom<K extends string>(labels: Record<K, string>, key: string): string {
  return key in labels ? labels[key as K] : key;
}

const SITE_STATUS_LABELS: Record<SiteStatus, string> = {
  active: 'Active',
  paused: 'Paused',
};

export function siteStatusLabel(status: string): string {
  return labelFrom(SITE_STATUS_LABELS, status);
}

export function siteStateLabel(state: 'up' | 'down' | null): string {
  if (state === 'up') return 'Up';
  if (state === 'down') return 'Down';
  return 'Not visited yet';
}

const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function visitStatusLabel(status: string): string {
  return labelFrom(VISIT_STATUS_LABELS, status);
}

const OUTCOME_LABELS: Record<VisitOutcome, string> = {
  up: 'Up',
  down: 'Down',
  challenge: 'Challenge page',
  logged_out: 'Logged out',
};

export const OUTCOME_HINTS: Record<VisitOutcome, string> = {
  up: 'The site answered and its pages were captured.',
  down: 'The site could not be reached.',
  challenge: 'An anti-DDoS or captcha page stood in the way; it was not counted as content.',
  logged_out: 'The login wall came back: import a new session.',
};

export function outcomeLabel(outcome: string | null): string {
  return outcome === null ? '—' : labelFrom(OUTCOME_LABELS, outcome);
}

/** The transport's failure classes (src/darkweb/transport/transport-error.ts), as a reader understands them. */
const FAILURE_LABELS: Record<string, string> = {
  descriptor_not_found: 'Onion descriptor not found (offline or unused address)',
  descriptor_invalid: 'Onion descriptor invalid',
  introduction_failed: 'Introduction failed (service not running)',
  rendezvous_failed: 'Rendezvous failed',
  client_auth_missing: 'Client authorisation required',
  client_auth_wrong: 'Client authorisation refused',
  bad_address: 'Bad address',
  introduction_timeout: 'Introduction timed out',
  network_unreachable: 'Network unreachable',
  host_unreachable: 'Host unreachable',
  connection_refused: 'Connection refused',
  ttl_expired: 'Connection attempt expired',
  not_allowed: 'Not allowed by the proxy',
  general_failure: 'Proxy general failure',
  connection_lost: 'Connection lost',
  timeout: 'Timed out',
  proxy_unreachable: 'Tor proxy unreachable',
  proxy_auth_failed: 'Tor proxy refused authentication',
  proxy_protocol: 'Proxy is not SOCKS5 as expected',
  tls_failed: 'TLS handshake failed',
  http_protocol: 'Invalid HTTP response',
  too_large: 'Response too large',
  aborted: 'Aborted',
  no_pages: 'No page could be fetched',
};

export function failureLabel(failureClass: string): string {
  return FAILURE_LABELS[failureClass] ?? failureClass.replace(/_/g, ' ');
}

const PAGE_KIND_LABELS: Record<PageKind, string> = {
  content: 'Content',
  challenge: 'Challenge',
  logged_out: 'Logged out',
  error: 'Error',
};

export function pageKindLabel(kind: string): string {
  return labelFrom(PAGE_KIND_LABELS, kind);
}

const TRIAGE_LABELS: Record<DarkwebTriage, string> = {
  known: 'Known',
  ignorable: 'Ignorable',
  new: 'New',
  unreadable: 'Unreadable',
};

export const DARKWEB_TRIAGE_HINTS: Record<DarkwebTriage, string> = {
  known: 'Matches a known hash set.',
  ignorable: 'Matches an ignorable set (stock images, site furniture).',
  new: 'Matches no set: unknown material.',
  unreadable: 'Could not be decoded or hashed perceptually.',
};

export function darkwebTriageLabel(triage: string): string {
  return labelFrom(TRIAGE_LABELS, triage);
}

export function darkwebTriageHint(triage: string): string | undefined {
  return triage in DARKWEB_TRIAGE_HINTS ? DARKWEB_TRIAGE_HINTS[triage as DarkwebTriage] : undefined;
}

const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  username: 'Username',
  email: 'E-mail',
  pgp_key: 'PGP key',
  bitcoin: 'Bitcoin',
  monero: 'Monero',
  ethereum: 'Ethereum',
  onion: 'Onion address',
};

export function accountKindLabel(kind: string): string {
  return labelFrom(ACCOUNT_KIND_LABELS, kind);
}

const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  known_material: 'Known material',
  new_media_surge: 'Surge of new media',
  watched_account: 'Watched account',
  site_up: 'Site up',
  site_down: 'Site down',
  session_expired: 'Session expired',
  challenge: 'Challenge page',
};

export function alertKindLabel(kind: string): string {
  return labelFrom(ALERT_KIND_LABELS, kind);
}

const RULE_LABELS: Record<ExtractionRuleField, string> = {
  usernameSelector: 'Username selector',
  postSelector: 'Post selector',
  postAuthorSelector: 'Post author selector',
  postTimeSelector: 'Post time selector',
  memberCountSelector: 'Member count selector',
  memberCountPattern: 'Member count pattern',
  loggedOutSelector: 'Logged-out selector',
  loggedOutPattern: 'Logged-out pattern',
};

export const RULE_HINTS: Record<ExtractionRuleField, string> = {
  usernameSelector: 'CSS selector of elements whose text is a username, e.g. .member-list .name',
  postSelector: 'CSS selector of one post, e.g. article.post',
  postAuthorSelector: 'Inside a post: its author, e.g. .author',
  postTimeSelector: 'Inside a post: its time (the datetime or title attribute is preferred), e.g. time',
  memberCountSelector: 'CSS selector of the element holding the member count, e.g. #stats .members',
  memberCountPattern: 'Regular expression over the page text; the first group is the count, e.g. ([\\d,]+) members',
  loggedOutSelector: 'CSS selector present only when signed out (a login form), e.g. form#login',
  loggedOutPattern: 'Regular expression present only when signed out, e.g. please log in',
};

export function ruleLabel(field: string): string {
  return labelFrom(RULE_LABELS, field);
}

const NUMBER_LABELS: Record<SiteNumber, string> = {
  maxDepth: 'Depth',
  maxPages: 'Maximum pages per visit',
  recrawlMinutes: 'Re-crawl interval (minutes)',
  concurrency: 'Concurrent requests',
  delayMs: 'Delay between requests (ms)',
  timeoutMs: 'Request timeout (ms)',
};

export const NUMBER_HINTS: Record<SiteNumber, string> = {
  maxDepth: 'Links followed from the seeds; 0 fetches the seeds only.',
  maxPages: 'The visit stops once this many pages were fetched.',
  recrawlMinutes: 'How often the site is visited again: 1440 is once a day.',
  concurrency: 'Requests in flight at once. Keep it low: a small site notices.',
  delayMs: 'Pause between requests of one worker.',
  timeoutMs: 'How long to wait for one answer; onion services are slow.',
};

export function numberLabel(field: SiteNumber): string {
  return NUMBER_LABELS[field];
}

/** 90 → "1 h 30 min", 1440 → "1 day", 10080 → "7 days". */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** 850 → "850 ms", 12500 → "12.5 s". */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatCount(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en');
}

const shortFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** A visit's time on a chart: "12 May, 14:30" in a tooltip, "12 May" on the axis. */
export function chartTime(iso: string, axis = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (axis ? dayFormat : shortFormat).format(date);
}

/** "http://abc…xyz.onion" → a shorter form for tables (the whole origin stays in the tooltip). */
export function shortOrigin(origin: string): string {
  const match = /^(https?:\/\/)([a-z2-7]{56})\.onion(.*)$/i.exec(origin);
  if (!match) return origin;
  const [, scheme = '', name = '', rest = ''] = match;
  return `${scheme}${name.slice(0, 8)}…${name.slice(-6)}.onion${rest}`;
}
