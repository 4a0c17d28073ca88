/**
 * What a crawled page says (pure, no I/O): title, language, links, media references, accounts,
 * posts, the advertised member count, the visible text and a content fingerprint that ignores
 * counters and the site's own address, so that a re-crawl can tell real change from a ticking
 * clock and two addresses serving the same forum can be recognised as mirrors.
 *
 *   const page = extractPage(html, 'http://forum….onion/thread/7', site.extractionRules);
 */
import { createHash } from 'node:crypto';
import type { HTMLElement, Node } from 'node-html-parser';
import { AccountSet, accountFromHref, findTextAccounts, onionServiceOf, type ExtractedAccount } from './accounts.js';
import { execRulePattern, type ExtractionRules } from './extraction-rules.js';
import { allElements, collapseWhitespace, elementText, findElement, parseHtml, tagOf, truncate, visibleText } from './html-text.js';
import { detectLanguage } from './language.js';
import { findMemberCount, parseCount } from './member-count.js';

export type { ExtractedAccount } from './accounts.js';

export interface ExtractedLink {
  /** Absolute http(s) URL without fragment. */
  url: string;
  /** The anchor's text (or its image's alt text), collapsed, at most 200 characters; '' when none. */
  text: string;
}

export type MediaKind = 'image' | 'video';

export interface MediaReference {
  url: string;
  kind: MediaKind;
}

export interface ExtractedPost {
  author: string | null;
  /** ISO 8601 (UTC) when the time could be read, else null (see `timeText`). */
  time: string | null;
  /** The time as the page shows it (its datetime/title attribute, else its text). */
  timeText: string | null;
  /** The post's text without its author and time, at most 200 characters. */
  text: string;
}

export interface ExtractedPage {
  title: string | null;
  /** BCP-47 primary language subtag, or null when unsure. */
  language: string | null;
  links: ExtractedLink[];
  media: MediaReference[];
  accounts: ExtractedAccount[];
  posts: ExtractedPost[];
  memberCount: number | null;
  /** Visible text, whitespace collapsed, at most `maxTextChars` characters. */
  text: string;
  /** SHA-256 (hex) of the visible text with digits, onion addresses and the page's own host name masked. */
  contentFingerprint: string;
}

export const maxTextChars = 100 * 1024;
/** Text scanned for accounts and patterns: beyond it a page is padding. */
const maxScanChars = 1024 * 1024;
const maxLinks = 5000;
const maxMedia = 2000;
const maxPosts = 500;
const maxUsernames = 1000;
/** Nodes looked at inside one post: far more than a real post has. */
const postNodes = 5000;

const imageExtensions = /\.(?:jpe?g|png|gif|webp|bmp|avif|tiff?|heic)$/i;
const videoExtensions = /\.(?:mp4|m4v|webm|mkv|mov|avi|wmv|flv|mpe?g|3gp|ogv)$/i;

/**
 * Extracts everything Vigil records about a page; `pageUrl` is the URL it was fetched from.
 * `parsed` is the page's tree from `parseHtml` when the caller has it already (it is only read).
 */
export function extractPage(html: string, pageUrl: string, rules: ExtractionRules = {}, parsed?: HTMLElement): ExtractedPage {
  const root = parsed ?? parseHtml(html);
  const elements = allElements(root);
  const page = safeUrl(pageUrl);
  const ownHost = page?.hostname ?? '';
  const ownOnion = onionServiceOf(ownHost);

  const resolve = httpResolver(baseUrl(elements, page));
  const rawText = visibleText(root, { limit: maxScanChars });
  const text = truncate(collapseWhitespace(rawText), maxTextChars);

  const accounts = new AccountSet();
  const links = new Map<string, ExtractedLink>();
  const media = new Map<string, MediaReference>();
  const addMedia = (value: string | undefined, kind: MediaKind): void => {
    const url = value === undefined ? undefined : resolve(value);
    if (url !== undefined && !media.has(url) && media.size < maxMedia) media.set(url, { url, kind });
  };

  const addLink = (value: string | undefined, text: string): void => {
    const url = value === undefined ? undefined : resolve(value);
    if (url !== undefined && !links.has(url) && links.size < maxLinks) links.set(url, { url, text });
  };

  let title: string | null = null;
  let htmlLang: string | undefined;
  for (const element of elements) {
    switch (tagOf(element)) {
      case 'title':
        title ??= elementText(element, 500) || null;
        break;
      case 'html':
        htmlLang ??= element.getAttribute('lang');
        break;
      case 'a':
      case 'area': {
        const href = element.getAttribute('href');
        if (href === undefined) break;
        const account = accountFromHref(href.trim(), ownOnion);
        if (account !== undefined) accounts.add(account.kind, account.value, `link ${truncate(href.trim(), 200)}`);
        const url = resolve(href);
        if (url === undefined) break;
        const kind = mediaKindOfUrl(url);
        if (kind !== undefined) {
          addMedia(url, kind);
          break;
        }
        if (!links.has(url) && links.size < maxLinks) links.set(url, { url, text: anchorText(element) });
        break;
      }
      case 'iframe':
      case 'frame':
        addLink(element.getAttribute('src'), '');
        break;
      case 'link':
        // Pagination hints in <head>.
        if (/\b(?:next|prev)\b/i.test(element.getAttribute('rel') ?? '')) addLink(element.getAttribute('href'), '');
        break;
      case 'meta': {
        // <meta http-equiv="refresh" content="0; url=/elsewhere">: onion sites redirect this way.
        const refresh = /^\s*\d*\s*[;,]\s*url\s*=\s*['"]?([^'"]+)/i.exec(element.getAttribute('content') ?? '');
        if (refresh !== null && element.getAttribute('http-equiv')?.toLowerCase() === 'refresh') addLink(refresh[1], '');
        break;
      }
      case 'img':
        addMedia(element.getAttribute('src'), 'image');
        addMedia(element.getAttribute('data-src'), 'image');
        for (const candidate of srcsetUrls(element.getAttribute('srcset') ?? element.getAttribute('data-srcset')))
          addMedia(candidate, 'image');
        break;
      case 'video':
        addMedia(element.getAttribute('src'), 'video');
        addMedia(element.getAttribute('poster'), 'image');
        break;
      case 'source': {
        const parent = element.parentNode === null ? '' : tagOf(element.parentNode);
        if (parent === 'video') addMedia(element.getAttribute('src'), 'video');
        else if (parent === 'picture') for (const candidate of srcsetUrls(element.getAttribute('srcset'))) addMedia(candidate, 'image');
        break;
      }
    }
  }

  const usernames = rules.usernameSelector === undefined ? [] : root.querySelectorAll(rules.usernameSelector).slice(0, maxUsernames);
  for (const element of usernames) {
    const name = elementText(element, 100);
    if (!accounts.has('username', name)) accounts.add('username', name, usernameContext(element, resolve));
  }
  const posts = extractPosts(root, rules, resolve, accounts);
  findTextAccounts(rawText, ownOnion, accounts);

  return {
    title,
    language: detectLanguage(text) ?? primaryLanguage(htmlLang),
    links: [...links.values()],
    media: [...media.values()],
    accounts: accounts.list(),
    posts,
    memberCount: memberCountOf(root, rules, rawText, text) ?? null,
    text,
    contentFingerprint: contentFingerprint(text, ownHost),
  };
}

/** The fingerprint of a page's visible text: equal for mirrors and for re-crawls where only counters moved. */
export function contentFingerprint(text: string, ownHost = ''): string {
  let normalised = text.toLowerCase();
  if (ownHost !== '') normalised = normalised.replaceAll(ownHost.toLowerCase(), 'host');
  if (normalised.includes('.onion')) normalised = normalised.replace(/(?<![a-z2-7])[a-z2-7]{56}\.onion/g, 'onion');
  normalised = normalised.replace(/\d+/g, '#');
  return createHash('sha256').update(normalised).digest('hex');
}

function extractPosts(root: HTMLElement, rules: ExtractionRules, resolve: Resolve, accounts: AccountSet): ExtractedPost[] {
  if (rules.postSelector === undefined) return [];
  // Authors and times are found once for the whole page, then looked up inside each post with a
  // bounded walk: a per-post querySelector would be quadratic on nested posts.
  const authors = new Set<Node>(rules.postAuthorSelector === undefined ? [] : root.querySelectorAll(rules.postAuthorSelector));
  const times = new Set<Node>(rules.postTimeSelector === undefined ? [] : root.querySelectorAll(rules.postTimeSelector));
  const posts: ExtractedPost[] = [];
  for (const post of root.querySelectorAll(rules.postSelector).slice(0, maxPosts)) {
    const authorElement =
      authors.size === 0 ? undefined : findElement(post, (element) => element !== post && authors.has(element), postNodes);
    const timeElement = times.size === 0 ? undefined : findElement(post, (element) => element !== post && times.has(element), postNodes);
    const exclude = new Set<Node>([authorElement, timeElement].filter((element) => element !== undefined));
    const author = authorElement === undefined ? null : elementText(authorElement, 100) || null;
    if (authorElement !== undefined && author !== null && !accounts.has('username', author)) {
      accounts.add('username', author, usernameContext(authorElement, resolve) ?? 'post author');
    }
    const timeText = timeElement === undefined ? null : timeAttribute(timeElement) || elementText(timeElement, 100) || null;
    const body = collapseWhitespace(visibleText(post, { limit: 2000, exclude, maxNodes: postNodes }));
    posts.push({ author, time: timeText === null ? null : parseTime(timeText), timeText, text: excerpt(body, 200) });
  }
  return posts;
}

function memberCountOf(root: HTMLElement, rules: ExtractionRules, rawText: string, text: string): number | undefined {
  if (rules.memberCountSelector !== undefined) {
    const element = root.querySelector(rules.memberCountSelector);
    const count = element === null ? undefined : parseCount(elementText(element, 200));
    if (count !== undefined) return count;
  }
  if (rules.memberCountPattern !== undefined) {
    const match = execRulePattern(rules.memberCountPattern, rawText);
    const count = match === null ? undefined : parseCount(match[1] ?? match[0]);
    if (count !== undefined) return count;
  }
  return findMemberCount(text);
}

function baseUrl(elements: readonly HTMLElement[], page: URL | undefined): URL | undefined {
  const base = elements.find((element) => tagOf(element) === 'base' && element.hasAttribute('href'));
  const href = base?.getAttribute('href');
  if (href === undefined || page === undefined) return page;
  const resolved = safeUrl(href, page);
  return resolved !== undefined && (resolved.protocol === 'http:' || resolved.protocol === 'https:') ? resolved : page;
}

type Resolve = (value: string) => string | undefined;

/** Resolves against the page's base URL, remembering answers: forums repeat the same links many times. */
function httpResolver(base: URL | undefined): Resolve {
  const known = new Map<string, string | undefined>();
  return (value) => {
    if (known.has(value)) return known.get(value);
    const url = resolveHttp(value, base);
    if (known.size < 20_000) known.set(value, url);
    return url;
  };
}

/** An absolute http(s) URL without fragment, or undefined for other schemes and unparsable values. */
function resolveHttp(value: string, base: URL | undefined): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const url = safeUrl(trimmed, base);
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  url.hash = '';
  return url.href;
}

function safeUrl(value: string, base?: URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

function mediaKindOfUrl(url: string): MediaKind | undefined {
  const path = url.split(/[?#]/, 1)[0]!;
  if (imageExtensions.test(path)) return 'image';
  if (videoExtensions.test(path)) return 'video';
  return undefined;
}

/** The URLs of a srcset ("a.png 1x, b.png 2x"), following the HTML parsing rules closely enough for crawling. */
function srcsetUrls(srcset: string | undefined): string[] {
  if (srcset === undefined) return [];
  const urls: string[] = [];
  let at = 0;
  while (at < srcset.length && urls.length < 50) {
    while (at < srcset.length && /[\s,]/.test(srcset[at]!)) at += 1;
    const start = at;
    while (at < srcset.length && !/\s/.test(srcset[at]!)) at += 1;
    let url = srcset.slice(start, at);
    const trailingCommas = /,+$/.exec(url);
    if (trailingCommas !== null) url = url.slice(0, trailingCommas.index);
    else {
      // Skip the descriptors ("2x", "640w") up to the next comma outside parentheses.
      let depth = 0;
      while (at < srcset.length && (depth > 0 || srcset[at] !== ',')) {
        if (srcset[at] === '(') depth += 1;
        else if (srcset[at] === ')') depth = Math.max(0, depth - 1);
        at += 1;
      }
    }
    if (url !== '') urls.push(url);
  }
  return urls;
}

function anchorText(element: HTMLElement): string {
  const text = elementText(element, 200);
  if (text !== '') return text;
  const image = findElement(element, (candidate) => tagOf(candidate) === 'img');
  return collapseWhitespace(image?.getAttribute('alt') ?? element.getAttribute('title') ?? '').slice(0, 200);
}

/** A username element's profile link, when it is a link, holds one or sits in one (a few levels up at most). */
function usernameContext(element: HTMLElement, resolve: Resolve): string | undefined {
  let link = findElement(element, (candidate) => tagOf(candidate) === 'a' && candidate.hasAttribute('href'), 50);
  for (
    let parent = element.parentNode, depth = 0;
    link === undefined && parent !== null && depth < 5;
    parent = parent.parentNode, depth += 1
  ) {
    if (tagOf(parent) === 'a' && parent.hasAttribute('href')) link = parent;
  }
  const href = link?.getAttribute('href');
  const url = href === undefined ? undefined : resolve(href);
  return url === undefined ? undefined : `profile ${url}`;
}

function timeAttribute(element: HTMLElement): string {
  return (element.getAttribute('datetime') ?? element.getAttribute('title') ?? element.getAttribute('data-time') ?? '').trim();
}

const isoLike = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/**
 * A post time as ISO 8601 UTC. ISO-like forms without a zone are read as UTC; Unix seconds are
 * accepted; other forms go through Date.parse with " UTC" appended, so the machine's zone never matters.
 */
export function parseTime(text: string): string | null {
  const value = text.trim();
  if (/^\d{9,10}$/.test(value)) return new Date(Number(value) * 1000).toISOString();
  const iso = isoLike.exec(value);
  let millis: number;
  if (iso !== null) {
    const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone = 'Z'] = iso;
    const offset = /^[+-]/.test(zone) ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) : 0;
    const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
    millis = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute) - offset, Number(second), milliseconds);
    // Date.UTC rolls 2024-02-31 over to March: such a date is not a date.
    if (new Date(millis + offset * 60_000).getUTCDate() !== Number(day)) return null;
  } else {
    const hasZone = /\b(?:UTC|GMT|Z)\b|[+-]\d{2}:?\d{2}$/i.test(value);
    millis = Date.parse(hasZone ? value : `${value} UTC`);
  }
  if (Number.isNaN(millis)) return null;
  const year = new Date(millis).getUTCFullYear();
  return year >= 1990 && year <= 2200 ? new Date(millis).toISOString() : null;
}

function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${truncate(text, max - 1).trimEnd()}…`;
}

function primaryLanguage(lang: string | undefined): string | null {
  const primary = lang?.trim().split(/[-_]/, 1)[0]?.toLowerCase();
  return primary !== undefined && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
