// A tiny hash router: #/cases, #/cases/:id, #/admin/users, …
import { useSyncExternalStore } from 'react';

export const UPCOMING_AREAS = ['media', 'series', 'screening', 'notices', 'darkweb'] as const;
export type UpcomingArea = (typeof UPCOMING_AREAS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'upcoming'; area: UpcomingArea }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'users' }
  | { name: 'tokens' }
  | { name: 'agencies' }
  | { name: 'audit' }
  | { name: 'unknown'; path: string };

export const paths = {
  home: '/',
  upcoming: (area: UpcomingArea) => `/${area}`,
  cases: '/cases',
  case: (id: string) => `/cases/${encodeURIComponent(id)}`,
  users: '/admin/users',
  tokens: '/admin/tokens',
  agencies: '/admin/agencies',
  audit: '/audit',
} as const;

/** The href for an in-app path, e.g. href(paths.cases) === '#/cases'. */
export function href(path: string): string {
  return `#${path}`;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.location.replace(href(path));
  else window.location.hash = path;
}

function isUpcomingArea(value: string): value is UpcomingArea {
  return (UPCOMING_AREAS as readonly string[]).includes(value);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const segments = path.split('/').filter(Boolean).map(decode);
  const [first, second, ...rest] = segments;

  if (first === undefined) return { name: 'home' };
  if (rest.length === 0) {
    if (second === undefined && isUpcomingArea(first)) return { name: 'upcoming', area: first };
    if (first === 'operations' && second === undefined) return { name: 'cases' };
    if (first === 'cases') return second === undefined ? { name: 'cases' } : { name: 'case', id: second };
    if (first === 'admin') {
      if (second === undefined || second === 'users') return { name: 'users' };
      if (second === 'tokens') return { name: 'tokens' };
      if (second === 'agencies') return { name: 'agencies' };
    }
    if (first === 'audit' && second === undefined) return { name: 'audit' };
  }
  return { name: 'unknown', path };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHash(): string {
  return window.location.hash;
}

/** The current hash, kept in sync with the address bar. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash);
}
