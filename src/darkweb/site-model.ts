/**
 * A monitored site (pure): its origin (a v3 onion address or a clear-web origin), seeds, scope,
 * depth, schedule and politeness, validated with every problem named; and the scope rule the
 * crawler applies to each link.
 *
 *   const checked = validateSiteSettings({ origin: 'http://…onion', legalBasis: 'Warrant 2026/114' });
 *   inScope(checked.settings, 'http://…onion/forum/3'); // true
 */
import type { FieldError } from '../platform/errors.js';
import { parseOnionAddress } from './transport/onion-address.js';

export type SiteKind = 'onion' | 'clear';

/** Everything that decides how a site is crawled. */
export interface SiteSettings {
  kind: SiteKind;
  /** `http://<56 chars>.onion` or `https://forum.example` (scheme, host and port only). */
  origin: string;
  seeds: string[];
  /** URL patterns with `*` for any characters; a link must match one of `scopeInclude` (when any) and none of `scopeExclude`. */
  scopeInclude: string[];
  scopeExclude: string[];
  maxDepth: number;
  maxPages: number;
  recrawlMinutes: number;
  concurrency: number;
  delayMs: number;
  timeoutMs: number;
}

export interface SiteSettingsInput {
  origin?: string;
  seeds?: string[];
  scopeInclude?: string[];
  scopeExclude?: string[];
  maxDepth?: number;
  maxPages?: number;
  recrawlMinutes?: number;
  concurrency?: number;
  delayMs?: number;
  timeoutMs?: number;
}

export const siteDefaults = {
  maxDepth: 5,
  maxPages: 10_000,
  recrawlMinutes: 24 * 60,
  concurrency: 4,
  delayMs: 250,
  timeoutMs: 60_000,
} as const;

const limits = {
  maxDepth: [0, 1000],
  maxPages: [1, 5_000_000],
  recrawlMinutes: [5, 60 * 24 * 365],
  concurrency: [1, 128],
  delayMs: [0, 600_000],
  timeoutMs: [1_000, 600_000],
} as const;

/** Validates settings (merged over `base` for an update); names every problem. */
export function validateSiteSettings(
  input: SiteSettingsInput,
  base?: SiteSettings,
): { ok: true; settings: SiteSettings } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const originText = input.origin ?? base?.origin;
  const origin = originText === undefined ? undefined : parseOrigin(originText);
  if (origin === undefined || 'error' in origin) errors.push({ field: 'origin', message: origin?.error ?? 'is required' });
  const numbers = {} as Record<keyof typeof limits, number>;
  for (const key of Object.keys(limits) as (keyof typeof limits)[]) {
    const value = input[key] ?? base?.[key] ?? siteDefaults[key];
    const [min, max] = limits[key];
    if (!Number.isInteger(value) || value < min || value > max)
      errors.push({ field: key, message: `must be a whole number from ${min} to ${max}` });
    numbers[key] = value;
  }
  const scopeInclude = input.scopeInclude ?? base?.scopeInclude ?? [];
  const scopeExclude = input.scopeExclude ?? base?.scopeExclude ?? [];
  for (const [field, patterns] of [
    ['scopeInclude', scopeInclude],
    ['scopeExclude', scopeExclude],
  ] as const) {
    if (patterns.length > 100) errors.push({ field, message: 'at most 100 patterns' });
    patterns.forEach((p, i) => {
      if (p.length === 0 || p.length > 500) errors.push({ field: `${field}[${i}]`, message: 'must be 1 to 500 characters' });
    });
  }
  if (errors.length > 0 || origin === undefined || 'error' in origin) return { ok: false, errors };
  const seedsIn = input.seeds ?? base?.seeds ?? [];
  const seeds: string[] = [];
  seedsIn.forEach((seed, i) => {
    const url = normaliseUrl(seed, origin.origin);
    if (url === undefined || originOf(url) !== origin.origin)
      errors.push({ field: `seeds[${i}]`, message: `must be a URL on ${origin.origin}` });
    else seeds.push(url);
  });
  if (seeds.length === 0 && errors.length === 0) seeds.push(`${origin.origin}/`);
  if (seeds.length > 1000) errors.push({ field: 'seeds', message: 'at most 1,000 seeds' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: { kind: origin.kind, origin: origin.origin, seeds: [...new Set(seeds)], scopeInclude, scopeExclude, ...numbers },
  };
}

/** When a site is visited next: its re-crawl interval after `now`. */
export function nextCrawlAt(site: Pick<SiteSettings, 'recrawlMinutes'>, now = Date.now()): Date {
  return new Date(now + site.recrawlMinutes * 60_000);
}

/** Parses what an operator typed as a site address: a bare onion name, an onion URL or a clear-web URL. */
export function parseOrigin(text: string): { kind: SiteKind; origin: string } | { error: string } {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: 'is not a URL or an onion address' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'must be http or https' };
  if (url.username !== '' || url.password !== '') return { error: 'must not carry credentials (import a session cookie instead)' };
  if (url.hostname.endsWith('.onion')) {
    const onion = parseOnionAddress(url.hostname);
    if (!onion.ok) return { error: `is not a valid onion address: ${onion.message}` };
    return { kind: 'onion', origin: url.origin };
  }
  if (!url.hostname.includes('.')) return { error: 'needs a full host name' };
  return { kind: 'clear', origin: url.origin };
}

/** The absolute form of a link (fragment removed), or undefined when it is not http(s). */
export function normaliseUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.toString();
  } catch {
    return undefined;
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

const patternCache = new Map<string, RegExp>();

/** `*` matches any characters; everything else literally; the whole URL must match. */
export function urlPattern(pattern: string): RegExp {
  let compiled = patternCache.get(pattern);
  if (compiled === undefined) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    compiled = new RegExp(`^${source}$`, 's');
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

/** A link is crawled when it is on the site's origin, matches an include pattern (if any) and no exclude pattern. */
export function inScope(settings: Pick<SiteSettings, 'origin' | 'scopeInclude' | 'scopeExclude'>, url: string): boolean {
  if (originOf(url) !== settings.origin) return false;
  if (settings.scopeInclude.length > 0 && !settings.scopeInclude.some((p) => urlPattern(p).test(url))) return false;
  return !settings.scopeExclude.some((p) => urlPattern(p).test(url));
}
