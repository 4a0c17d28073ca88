/**
 * The public catalogue: every published notice's public extract and every running campaign, held
 * in memory by each process and searched there, so that the public pages and the public API answer
 * a flood of visitors without a database query per request. It reloads when the notice revision
 * changes (read at most once a second), and at once after a change made by this process.
 *
 *   const view = await catalogue.current();
 *   const { total, notices } = view.search({ types: ['red'], name: 'doe', page: 1, perPage: 20 });
 */
import { createHash } from 'node:crypto';
import { foldForSearch } from './search-text.js';
import { ageOn, type NoticeType, type PublicCampaign, type PublicNotice } from '../notice-model.js';
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

interface Entry {
  notice: PublicNotice;
  forenameWords: string[];
  nameWords: string[];
  text: string;
  birthDate: string | undefined;
  warrantCountries: string[];
}

export class CatalogueView {
  readonly revision: number;
  /** A strong validator of everything public at this revision. */
  readonly etag: string;
  readonly campaigns: readonly PublicCampaign[];
  readonly #entries: Entry[];
  readonly #byNumber: Map<string, PublicNotice>;
  readonly #byId: Map<string, PublicNotice>;
  readonly #campaigns: Map<string, PublicCampaign>;
  readonly #today: () => Date;

  constructor(revision: number, notices: readonly PublicNotice[], campaigns: readonly PublicCampaign[], today: () => Date) {
    this.revision = revision;
    this.campaigns = campaigns;
    this.#today = today;
    this.#entries = notices.map(toEntry);
    this.#byNumber = new Map(notices.map((n) => [n.publicNumber, n]));
    this.#byId = new Map(notices.map((n) => [n.id, n]));
    this.#campaigns = new Map(campaigns.map((c) => [c.slug, c]));
    this.etag = `"${createHash('sha256').update(`${revision}:${notices.length}:${campaigns.length}`).digest('base64url').slice(0, 22)}"`;
  }

  get size(): number {
    return this.#entries.length;
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

  /** Notices matching every given filter, newest first, one page of them and the total. */
  search(query: NoticeQuery): SearchResult {
    const forename = words(query.forename);
    const name = words(query.name);
    const free = words(query.freeText);
    const types = query.types === undefined || query.types.length === 0 ? undefined : new Set(query.types);
    const campaign = query.campaign === undefined ? undefined : this.#campaigns.get(query.campaign);
    const inCampaign = campaign === undefined ? undefined : new Set(campaign.notices);
    if (query.campaign !== undefined && campaign === undefined) return { total: 0, notices: [] };
    const today = this.#today();
    const start = (query.page - 1) * query.perPage;
    const page: PublicNotice[] = [];
    let total = 0;
    for (const entry of this.#entries) {
      const notice = entry.notice;
      if (types !== undefined && !types.has(notice.type)) continue;
      if (inCampaign !== undefined && !inCampaign.has(notice.publicNumber)) continue;
      if (query.sex !== undefined && notice.content.sex !== query.sex) continue;
      if (query.nationality !== undefined && !(notice.content.nationalities ?? []).includes(query.nationality)) continue;
      if (query.arrestWarrantCountry !== undefined && !entry.warrantCountries.includes(query.arrestWarrantCountry)) continue;
      if (query.ageMin !== undefined || query.ageMax !== undefined) {
        const age = entry.birthDate === undefined ? undefined : ageOn(entry.birthDate, today);
        if (age === undefined) continue;
        if (query.ageMin !== undefined && age < query.ageMin) continue;
        if (query.ageMax !== undefined && age > query.ageMax) continue;
      }
      if (forename.length > 0 && !allPrefixed(forename, entry.forenameWords)) continue;
      if (name.length > 0 && !allPrefixed(name, entry.nameWords)) continue;
      if (free.length > 0 && !free.every((w) => entry.text.includes(w))) continue;
      if (total >= start && page.length < query.perPage) page.push(notice);
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

  /** The current view: reloaded when the revision moved, checked at most once per `checkEveryMs`. */
  async current(): Promise<CatalogueView> {
    const view = this.#view;
    const now = Date.now();
    if (view !== undefined && !this.#stale && now - this.#checkedAt < this.checkEveryMs) return view;
    this.#loading ??= this.#refresh(view).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  /** Something public changed in this process: the next call reloads. */
  invalidate(): void {
    this.#stale = true;
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

function toEntry(notice: PublicNotice): Entry {
  const c = notice.content;
  const nameWords = [c.familyName, c.originalScriptName, ...(c.aliases ?? [])].flatMap((v) => words(v));
  const text = foldForSearch(
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
  return {
    notice,
    forenameWords: words(c.forename),
    nameWords,
    text,
    birthDate: c.birthDate,
    warrantCountries: (c.arrestWarrants ?? []).map((w) => w.issuingCountry),
  };
}

function words(value: string | undefined): string[] {
  if (value === undefined) return [];
  return foldForSearch(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function allPrefixed(wanted: readonly string[], have: readonly string[]): boolean {
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}
