/**
 * The public catalogue: every published notice's public extract and every running campaign, held
 * in memory by each process and searched there, so that the public pages and the public API answer
 * a flood of visitors without a database query per request. It reloads when the notice revision
 * changes (read at most once a second, behind the answers), and at once after a change made by
 * this process.
 *
 *   const view = await catalogue.current();
 *   const { total, notices } = view.search({ types: ['red'], name: 'doe', page: 1, perPage: 20 });
 */
import { createHash } from 'node:crypto';
import { foldForSearch } from './search-text.js';
import { type NoticeType, type PublicCampaign, type PublicNotice } from '../notice-model.js';
import type { PublicNoticeSource } from './public-data.js';

export interface NoticeQuery {
  types?: readonly NoticeType[];
  /** Matched against the forename, word by word, as a prefix, case and accents folded. */
  forename?: string;
  /** Matched against the family name, the original-script name and the aliases. */
  name?: string;
  /** ISO alpha-3. */
  nationality?: string;
  sex?: 'F' | 'M' | 'U';
  ageMin?: number;
  ageMax?: number;
  /** ISO alpha-3 of a warrant's issuing country. */
  arrestWarrantCountry?: string;
  /** Every word must occur somewhere in the public text. */
  freeText?: string;
  campaign?: string;
  /** 1-based. */
  page: number;
  perPage: number;
}

export interface SearchResult {
  total: number;
  notices: PublicNotice[];
}

/**
 * Word-prefix postings: every distinct word in code-unit order with the (ascending) positions of the
 * notices holding it, so the words starting with a prefix are one contiguous run found by bisection.
 */
class PrefixIndex {
  readonly #words: string[];
  readonly #postings: Int32Array[];

  constructor(wordsOf: readonly (readonly string[])[]) {
    const lists = new Map<string, number[]>();
    wordsOf.forEach((words, position) => {
      for (const word of words) {
        const list = lists.get(word);
        if (list === undefined) lists.set(word, [position]);
        else if (list[list.length - 1] !== position) list.push(position);
      }
    });
    this.#words = [...lists.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.#postings = this.#words.map((w) => Int32Array.from(lists.get(w)!));
  }

  /** Positions of the notices with a word starting with `prefix`, ascending. */
  matching(prefix: string): Int32Array {
    let lo = 0;
    let hi = this.#words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < this.#words.length && this.#words[end]!.startsWith(prefix)) end++;
    if (end === lo) return empty;
    if (end === lo + 1) return this.#postings[lo]!;
    return union(this.#postings.slice(lo, end));
  }
}

const empty = new Int32Array(0);

export class CatalogueView {
  readonly revision: number;
  /** A strong validator of everything public at this revision. */
  readonly etag: string;
  readonly campaigns: readonly PublicCampaign[];
  readonly #notices: readonly PublicNotice[];
  readonly #all: Int32Array;
  readonly #byType: Map<NoticeType, Int32Array>;
  readonly #byNationality: Map<string, Int32Array>;
  readonly #byWarrantCountry: Map<string, Int32Array>;
  readonly #byCampaign: Map<string, Int32Array>;
  readonly #forenames: PrefixIndex;
  readonly #names: PrefixIndex;
  /** Per notice: folded public text, sex, and birth year and month·100+day (-1 when unknown). */
  readonly #texts: string[];
  readonly #sexes: (string | undefined)[];
  readonly #birthYears: Int32Array;
  readonly #birthDays: Int32Array;
  readonly #byNumber: Map<string, PublicNotice>;
  readonly #byId: Map<string, PublicNotice>;
  readonly #campaigns: Map<string, PublicCampaign>;
  readonly #today: () => Date;

  constructor(revision: number, notices: readonly PublicNotice[], campaigns: readonly PublicCampaign[], today: () => Date) {
    this.revision = revision;
    this.campaigns = campaigns;
    this.#today = today;
    this.#notices = notices;
    this.#all = Int32Array.from(notices.keys());
    this.#byNumber = new Map(notices.map((n) => [n.publicNumber, n]));
    this.#byId = new Map(notices.map((n) => [n.id, n]));
    this.#campaigns = new Map(campaigns.map((c) => [c.slug, c]));
    this.#byType = postingsBy(notices, (n) => [n.type]);
    this.#byNationality = postingsBy(notices, (n) => n.content.nationalities ?? []);
    this.#byWarrantCountry = postingsBy(notices, (n) => (n.content.arrestWarrants ?? []).map((w) => w.issuingCountry));
    const position = new Map(notices.map((n, i) => [n.publicNumber, i]));
    this.#byCampaign = new Map(
      campaigns.map((c) => [
        c.slug,
        Int32Array.from(new Set(c.notices.map((number) => position.get(number)).filter((i): i is number => i !== undefined))).sort(),
      ]),
    );
    this.#forenames = new PrefixIndex(notices.map((n) => words(n.content.forename)));
    this.#names = new PrefixIndex(
      notices.map((n) => [n.content.familyName, n.content.originalScriptName, ...(n.content.aliases ?? [])].flatMap((v) => words(v))),
    );
    this.#texts = notices.map(searchText);
    this.#sexes = notices.map((n) => n.content.sex);
    this.#birthYears = new Int32Array(notices.length).fill(-1);
    this.#birthDays = new Int32Array(notices.length).fill(-1);
    notices.forEach((n, i) => {
      const match = n.content.birthDate === undefined ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(n.content.birthDate);
      if (match === null) return;
      // A partial date counts from its last possible day (the younger bound, as ageOn does).
      this.#birthYears[i] = Number(match[1]);
      this.#birthDays[i] = (match[2] === undefined ? 12 : Number(match[2])) * 100 + (match[3] === undefined ? 31 : Number(match[3]));
    });
    this.etag = `"${createHash('sha256').update(`${revision}:${notices.length}:${campaigns.length}`).digest('base64url').slice(0, 22)}"`;
  }

  get size(): number {
    return this.#notices.length;
  }

  byNumber(publicNumber: string): PublicNotice | undefined {
    return this.#byNumber.get(publicNumber);
  }

  byId(id: string): PublicNotice | undefined {
    return this.#byId.get(id);
  }

  campaign(slug: string): PublicCampaign | undefined {
    return this.#campaigns.get(slug);
  }

  /**
   * Notices matching every given filter, newest first, one page of them and the total. The
   * filters with an index (type, nationality, warrant country, campaign, name and forename
   * prefixes) narrow the candidates by intersecting postings; sex, age and free text are checked
   * on what is left.
   */
  search(query: NoticeQuery): SearchResult {
    if (query.campaign !== undefined && !this.#campaigns.has(query.campaign)) return { total: 0, notices: [] };
    const lists: Int32Array[] = [];
    if (query.types !== undefined && query.types.length > 0) {
      lists.push(union([...new Set(query.types)].map((t) => this.#byType.get(t) ?? empty)));
    }
    if (query.nationality !== undefined) lists.push(this.#byNationality.get(query.nationality) ?? empty);
    if (query.arrestWarrantCountry !== undefined) lists.push(this.#byWarrantCountry.get(query.arrestWarrantCountry) ?? empty);
    if (query.campaign !== undefined) lists.push(this.#byCampaign.get(query.campaign) ?? empty);
    for (const word of words(query.forename)) lists.push(this.#forenames.matching(word));
    for (const word of words(query.name)) lists.push(this.#names.matching(word));
    const candidates = lists.length === 0 ? this.#all : intersectAll(lists);

    const free = words(query.freeText);
    const sex = query.sex;
    const ages = query.ageMin !== undefined || query.ageMax !== undefined;
    const start = (query.page - 1) * query.perPage;
    const end = start + query.perPage;
    if (sex === undefined && !ages && free.length === 0) {
      const page = Array.from(
        candidates.subarray(Math.min(start, candidates.length), Math.min(end, candidates.length)),
        (i) => this.#notices[i]!,
      );
      return { total: candidates.length, notices: page };
    }
    const today = this.#today();
    const year = today.getUTCFullYear();
    const day = (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
    const ageMin = query.ageMin ?? -Infinity;
    const ageMax = query.ageMax ?? Infinity;
    const page: PublicNotice[] = [];
    let total = 0;
    for (const i of candidates) {
      if (sex !== undefined && this.#sexes[i] !== sex) continue;
      if (ages) {
        const born = this.#birthYears[i]!;
        if (born < 0) continue;
        const age = year - born - (day < this.#birthDays[i]! ? 1 : 0);
        if (age < ageMin || age > ageMax) continue;
      }
      if (free.length > 0) {
        const text = this.#texts[i]!;
        if (!free.every((w) => text.includes(w))) continue;
      }
      if (total >= start && total < end) page.push(this.#notices[i]!);
      total += 1;
    }
    return { total, notices: page };
  }
}

export class PublicCatalogue {
  #view: CatalogueView | undefined;
  #checkedAt = 0;
  #loading: Promise<CatalogueView> | undefined;
  #stale = false;

  constructor(
    private readonly source: PublicNoticeSource,
    private readonly today: () => Date = () => new Date(),
    private readonly checkEveryMs = 1000,
  ) {}

  /**
   * The current view, its revision checked at most once per `checkEveryMs`. The periodic check
   * (a change made by another process) runs behind the answer: requests keep the view they have
   * instead of queueing behind a reload. After a change made by this process (`invalidate`), the
   * next call waits for the reload, so that a withdrawn notice is gone at once.
   */
  async current(): Promise<CatalogueView> {
    const view = this.#view;
    if (view === undefined || this.#stale) return this.#load();
    if (Date.now() - this.#checkedAt >= this.checkEveryMs) {
      // A failed check is tried again at the next interval; the view in hand stays valid meanwhile.
      this.#load().catch(() => undefined);
    }
    return view;
  }

  /** Something public changed in this process: the next call reloads. */
  invalidate(): void {
    this.#stale = true;
  }

  #load(): Promise<CatalogueView> {
    if (this.#loading !== undefined && this.#stale) {
      // The load under way began before this process's change (a load clears the flag as it starts): reload after it.
      return this.#loading.then(
        () => this.#load(),
        () => this.#load(),
      );
    }
    this.#loading ??= this.#refresh(this.#view).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #refresh(view: CatalogueView | undefined): Promise<CatalogueView> {
    this.#stale = false;
    this.#checkedAt = Date.now();
    const revision = await this.source.publicRevision();
    if (view !== undefined && view.revision === revision) return view;
    const snapshot = await this.source.publicSnapshot();
    const next = new CatalogueView(snapshot.revision, snapshot.notices, snapshot.campaigns, this.today);
    this.#view = next;
    return next;
  }
}

/** Everything public about a notice as one folded text, for free-text search. */
function searchText(notice: PublicNotice): string {
  const c = notice.content;
  return foldForSearch(
    [
      c.title,
      c.familyName,
      c.forename,
      c.originalScriptName,
      ...(c.aliases ?? []),
      c.birthPlace,
      c.distinguishingMarks,
      c.description,
      c.disappearance?.place,
      ...(c.arrestWarrants ?? []).flatMap((w) => [w.charge, ...Object.values(w.chargeTranslations ?? {})]),
      notice.publicNumber,
    ]
      .filter((v): v is string => v !== undefined)
      .join(' '),
  );
}

/** Positions of the notices under each key, ascending. */
function postingsBy<K>(notices: readonly PublicNotice[], keys: (notice: PublicNotice) => readonly K[]): Map<K, Int32Array> {
  const lists = new Map<K, number[]>();
  notices.forEach((notice, position) => {
    for (const key of new Set(keys(notice))) {
      const list = lists.get(key);
      if (list === undefined) lists.set(key, [position]);
      else list.push(position);
    }
  });
  return new Map([...lists].map(([key, list]) => [key, Int32Array.from(list)]));
}

/** The ascending union of ascending lists. */
function union(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0]!;
  const merged = new Int32Array(lists.reduce((sum, l) => sum + l.length, 0));
  let at = 0;
  for (const list of lists) {
    merged.set(list, at);
    at += list.length;
  }
  merged.sort();
  let unique = 0;
  for (let i = 0; i < merged.length; i++) if (i === 0 || merged[i] !== merged[i - 1]) merged[unique++] = merged[i]!;
  return merged.subarray(0, unique);
}

/** The ascending intersection of ascending lists, shortest first. */
function intersectAll(lists: Int32Array[]): Int32Array {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0]!;
  for (let k = 1; k < sorted.length && result.length > 0; k++) {
    const other = sorted[k]!;
    const out = new Int32Array(result.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < result.length; i++) {
      const value = result[i]!;
      while (j < other.length && other[j]! < value) j++;
      if (j === other.length) break;
      if (other[j] === value) out[n++] = value;
    }
    result = out.subarray(0, n);
  }
  return result;
}

function words(value: string | undefined): string[] {
  if (value === undefined) return [];
  return foldForSearch(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}
