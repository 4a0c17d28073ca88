/**
 * The catalogue's indexed search against the plain reading of each filter (a scan of every notice),
 * on generated notices and thousands of generated queries: same totals, same pages, same order.
 */
import { describe, expect, it } from 'vitest';
import { ageOn, noticeTypes, type NoticeType, type PublicCampaign, type PublicNotice } from '../notice-model.js';
import { CatalogueView, PublicCatalogue, type NoticeQuery } from './public-catalogue.js';
import type { PublicNoticeSource, PublicSnapshot } from './public-data.js';
import { foldForSearch } from './search-text.js';

const today = new Date('2026-11-29T12:00:00Z');

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const families = [
  'Dupont',
  'Durand',
  'Müller',
  'Muller',
  'García López',
  'Garcia',
  'Ōta',
  'Иванов',
  'Ivanova',
  'Al-Hassan',
  'Hassan',
  'Doe',
];
const forenames = ['Jean', 'Jeanne', 'José', 'Jose Maria', 'Anna', 'Ann', 'Ali', 'Alina', 'Мария', 'Tobias'];
const countries = ['FRA', 'DEU', 'ESP', 'RUS', 'DZA', 'BEL'];

function generate(count: number, random: () => number): PublicNotice[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const year = 1940 + Math.floor(random() * 80);
    const birthDate = [`${year}`, `${year}-0${1 + Math.floor(random() * 9)}`, `${year}-11-${10 + Math.floor(random() * 19)}`, undefined][
      Math.floor(random() * 4)
    ];
    const type = pick(noticeTypes);
    return {
      id: `n${i}`,
      publicNumber: `2026/${String(i + 1).padStart(5, '0')}`,
      type,
      ownerAgencyId: 'a',
      ownerAgencyName: 'Agency',
      ownerAgencyCountry: 'FRA',
      publishedAt: '2026-01-01T00:00:00.000Z',
      content: {
        ...(random() < 0.9 && { familyName: pick(families) }),
        ...(random() < 0.9 && { forename: pick(forenames) }),
        ...(random() < 0.2 && { aliases: [pick(families)] }),
        ...(random() < 0.8 && { sex: pick(['F', 'M', 'U'] as const) }),
        ...(birthDate !== undefined && { birthDate }),
        ...(random() < 0.9 && { nationalities: random() < 0.2 ? [pick(countries), pick(countries)] : [pick(countries)] }),
        ...(type === 'red' && { arrestWarrants: [{ issuingCountry: pick(countries), charge: pick(['Murder', 'Fraud', 'Rape']) }] }),
        ...(random() < 0.5 && { description: pick(['Seen in Lyon', 'Last seen near Sevilla', 'Armed and dangerous']) }),
      },
      photos: [],
      campaigns: [],
    };
  });
}

/** The filters read literally, one notice at a time. */
function reference(
  notices: readonly PublicNotice[],
  campaigns: readonly PublicCampaign[],
  query: NoticeQuery,
): { total: number; numbers: string[] } {
  const words = (v: string | undefined) =>
    v === undefined
      ? []
      : foldForSearch(v)
          .split(/[^\p{L}\p{N}]+/u)
          .filter((w) => w !== '');
  const campaign = query.campaign === undefined ? undefined : campaigns.find((c) => c.slug === query.campaign);
  if (query.campaign !== undefined && campaign === undefined) return { total: 0, numbers: [] };
  const matches = notices.filter((n) => {
    const c = n.content;
    if (query.types !== undefined && query.types.length > 0 && !query.types.includes(n.type)) return false;
    if (campaign !== undefined && !campaign.notices.includes(n.publicNumber)) return false;
    if (query.sex !== undefined && c.sex !== query.sex) return false;
    if (query.nationality !== undefined && !(c.nationalities ?? []).includes(query.nationality)) return false;
    if (query.arrestWarrantCountry !== undefined && !(c.arrestWarrants ?? []).some((w) => w.issuingCountry === query.arrestWarrantCountry))
      return false;
    if (query.ageMin !== undefined || query.ageMax !== undefined) {
      const age = c.birthDate === undefined ? undefined : ageOn(c.birthDate, today);
      if (age === undefined || (query.ageMin !== undefined && age < query.ageMin) || (query.ageMax !== undefined && age > query.ageMax))
        return false;
    }
    const forenameWords = words(c.forename);
    if (!words(query.forename).every((w) => forenameWords.some((h) => h.startsWith(w)))) return false;
    const nameWords = [c.familyName, c.originalScriptName, ...(c.aliases ?? [])].flatMap(words);
    if (!words(query.name).every((w) => nameWords.some((h) => h.startsWith(w)))) return false;
    const parts = [
      c.familyName,
      c.forename,
      ...(c.aliases ?? []),
      c.description,
      ...(c.arrestWarrants ?? []).map((w) => w.charge),
      n.publicNumber,
    ];
    const text = foldForSearch(parts.filter((p) => p !== undefined).join(' '));
    return words(query.freeText).every((w) => text.includes(w));
  });
  const start = (query.page - 1) * query.perPage;
  return { total: matches.length, numbers: matches.slice(start, start + query.perPage).map((n) => n.publicNumber) };
}

describe('public catalogue search', () => {
  const random = prng(7);
  const notices = generate(2000, random);
  const campaigns: PublicCampaign[] = [
    {
      id: 'c',
      slug: 'women',
      title: 'Campaign',
      body: '',
      translations: {},
      startsOn: null,
      endsOn: null,
      ownerAgencyName: 'Agency',
      notices: ['2026/00042', '2026/00007', '2026/99999', ...notices.filter((_, i) => i % 97 === 0).map((n) => n.publicNumber)],
    },
  ];
  const view = new CatalogueView(1, notices, campaigns, () => today);

  it('finds what a scan of every notice finds, in the same order, for thousands of queries', () => {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const prefixes = [
      'd',
      'du',
      'dup',
      'mu',
      'mül',
      'gar',
      'lop',
      'ot',
      'ив',
      'iv',
      'al',
      'has',
      'al-h',
      'x',
      'j',
      'jea',
      'jose m',
      'an',
      'ann',
      'ma',
    ];
    for (let k = 0; k < 2000; k++) {
      const query: NoticeQuery = { page: 1 + Math.floor(random() * 3), perPage: pick([1, 5, 20, 160]) };
      if (random() < 0.5) query.types = random() < 0.8 ? [pick(noticeTypes)] : [pick(noticeTypes), pick(noticeTypes)];
      if (random() < 0.3) query.name = pick(prefixes);
      if (random() < 0.3) query.forename = pick(prefixes);
      if (random() < 0.3) query.nationality = pick(countries);
      if (random() < 0.2) query.sex = pick(['F', 'M', 'U'] as const);
      if (random() < 0.3) query.ageMin = 10 + Math.floor(random() * 60);
      if (random() < 0.3) query.ageMax = 20 + Math.floor(random() * 70);
      if (random() < 0.15) query.arrestWarrantCountry = pick(countries);
      if (random() < 0.15) query.freeText = pick(['lyon', 'SEEN', 'armed dangerous', 'fraud', '2026/0004', 'nowhere']);
      if (random() < 0.05) query.campaign = pick(['women', 'none']);
      const result = view.search(query);
      const expected = reference(notices, campaigns, query);
      expect({ total: result.total, numbers: result.notices.map((n) => n.publicNumber) }, JSON.stringify(query)).toEqual(expected);
    }
  });

  it('pages through every match of a type with no other filter', () => {
    const red = notices.filter((n) => n.type === ('red' satisfies NoticeType));
    const pages = Math.ceil(red.length / 160);
    const seen = Array.from({ length: pages }, (_, p) => view.search({ types: ['red'], page: p + 1, perPage: 160 }).notices).flat();
    expect(seen.map((n) => n.id)).toEqual(red.map((n) => n.id));
    expect(view.search({ types: ['red'], page: pages + 1, perPage: 160 })).toEqual({ total: red.length, notices: [] });
  });

  it('checks the revision behind the answers, and waits for the reload only after a change of its own', async () => {
    let snapshot: PublicSnapshot = { revision: 1, notices: notices.slice(0, 10), campaigns: [] };
    let reads = 0;
    const source: PublicNoticeSource = {
      publicRevision: () => Promise.resolve(snapshot.revision),
      publicSnapshot: () => {
        reads += 1;
        return Promise.resolve(snapshot);
      },
      publicPhoto: () => Promise.resolve(undefined),
    };
    const catalogue = new PublicCatalogue(source, () => today, 0);
    expect((await catalogue.current()).size).toBe(10);
    // Another process publishes: the call that notices keeps answering from the view it has.
    snapshot = { revision: 2, notices: notices.slice(0, 11), campaigns: [] };
    expect((await catalogue.current()).size).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await catalogue.current()).size).toBe(11);
    // This process withdraws one: the next call waits for the reload.
    snapshot = { revision: 3, notices: notices.slice(0, 9), campaigns: [] };
    catalogue.invalidate();
    expect((await catalogue.current()).size).toBe(9);
    expect(reads).toBe(3);
  });
});
