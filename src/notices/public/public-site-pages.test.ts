import { describe, expect, it } from 'vitest';
import type { PublicCampaign, PublicNotice } from '../notice-model.js';
import { CatalogueView } from './public-catalogue.js';
import { alpha2ByAlpha3, countryCodeOf } from './country-codes.js';
import { countryName } from './public-site-format.js';
import { renderCampaignPage, renderNoticePage, renderNotFoundPage, renderSearchPage } from './public-site-pages.js';
import { parseSearchFilters, type SearchFilters } from './public-site-query.js';
import { renderReceiptPage, renderStatusPage, renderTipFormPage } from './public-site-tip-pages.js';

const today = new Date('2026-06-01T12:00:00Z');

function notice(n: number, overrides: Partial<PublicNotice> = {}, content: PublicNotice['content'] = {}): PublicNotice {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    publicNumber: `2026/${String(n).padStart(5, '0')}`,
    type: 'red',
    ownerAgencyId: 'agency-1',
    ownerAgencyName: 'Policía Nacional',
    ownerAgencyCountry: 'ESP',
    publishedAt: '2026-05-01T10:00:00.000Z',
    content: { familyName: `Family${n}`, forename: 'Ana', sex: 'F', birthDate: '1990-03-04', nationalities: ['ESP'], ...content },
    photos: [],
    campaigns: [],
    ...overrides,
  };
}

const wanted = notice(
  1,
  { photos: [{ id: 'photo-1', caption: 'Taken in 2024', width: 800, height: 1000 }], campaigns: ['women'] },
  {
    familyName: 'Doe <script>alert(1)</script>',
    forename: 'Jane',
    originalScriptName: 'Джейн Доу',
    aliases: ['JD'],
    birthPlace: 'Sevilla',
    nationalities: ['ESP', 'FRA'],
    languages: ['spa', 'fra'],
    heightCm: 170,
    weightKg: 60,
    distinguishingMarks: 'Scar <b>left</b> hand',
    arrestWarrants: [
      { issuingCountry: 'ESP', charge: 'Asesinato', chargeTranslations: { en: 'Murder', ar: 'القتل العمد' } },
      { issuingCountry: 'FRA', charge: 'Meurtre' },
    ],
    description: 'Line one\nLine two\n\n<img src=x onerror=alert(1)>',
  },
);
const missing = notice(
  2,
  { type: 'yellow' },
  { familyName: 'Lost', forename: 'Tom', sex: 'M', disappearance: { date: '2025-12-24', place: 'Lyon', country: 'FRA' } },
);
const campaign: PublicCampaign = {
  id: 'c1',
  slug: 'women',
  title: 'Wanted for crimes against women',
  body: 'Help us find them.\n\nEvery tip counts.',
  translations: { fr: { title: 'Recherchés pour des crimes contre les femmes', body: 'Aidez-nous à les retrouver.' } },
  startsOn: '2026-11-25',
  endsOn: null,
  ownerAgencyName: 'Policía Nacional',
  notices: [wanted.publicNumber, '2026/99999'],
};
const many = Array.from({ length: 45 }, (_, i) => notice(100 + i));
const view = new CatalogueView(7, [wanted, missing, ...many], [campaign], () => today);

function search(query: string, lang: 'en' | 'fr' | 'es' | 'ar' = 'en'): string {
  const { filters, problems } = parseSearchFilters(new URLSearchParams(query));
  return renderSearchPage({ lang, view, filters, problems, today });
}

describe('countries', () => {
  it('maps alpha-3 to alpha-2 for every assigned country, GB for GBR (not UK)', () => {
    expect(alpha2ByAlpha3.get('GBR')).toBe('GB');
    expect(alpha2ByAlpha3.get('FRA')).toBe('FR');
    expect(alpha2ByAlpha3.size).toBeGreaterThan(240);
    expect(countryCodeOf('fr')).toBe('FRA');
    expect(countryCodeOf('ESP')).toBe('ESP');
    expect(countryCodeOf('UK')).toBeUndefined();
    expect(countryCodeOf('XYZ')).toBeUndefined();
  });

  it('names countries in the visitor language', () => {
    expect(countryName('en', 'DEU')).toBe('Germany');
    expect(countryName('fr', 'DEU')).toBe('Allemagne');
    expect(countryName('es', 'DEU')).toBe('Alemania');
    expect(countryName('ar', 'DEU')).toBe('ألمانيا');
  });
});

describe('search filters', () => {
  it('reads the filters, empty values as absent', () => {
    const { filters, problems } = parseSearchFilters(
      new URLSearchParams(
        'type=red&name=doe&forename=&nationality=fr&sexId=f&ageMin=20&ageMax=40&arrestWarrantCountryId=ESP&freeText=x&page=2',
      ),
    );
    expect(problems).toEqual([]);
    expect(filters).toEqual<SearchFilters>({
      type: 'red',
      name: 'doe',
      nationality: 'FRA',
      sexId: 'F',
      ageMin: 20,
      ageMax: 40,
      arrestWarrantCountryId: 'ESP',
      freeText: 'x',
      page: 2,
    });
  });

  it('names every field whose value is unknown', () => {
    const { problems } = parseSearchFilters(
      new URLSearchParams('type=pink&nationality=ZZZ&sexId=X&ageMin=-1&ageMax=abc&page=0&arrestWarrantCountryId=Mars'),
    );
    expect(problems.map((p) => p.field).sort()).toEqual([
      'ageMax',
      'ageMin',
      'arrestWarrantCountryId',
      'nationality',
      'page',
      'sexId',
      'type',
    ]);
    expect(parseSearchFilters(new URLSearchParams('ageMin=50&ageMax=20')).problems).toEqual([
      { field: 'ageMax', problem: 'ageOrder', other: 'ageMin' },
    ]);
    expect(parseSearchFilters(new URLSearchParams('name=a&name=b')).problems).toEqual([{ field: 'name', problem: 'repeated' }]);
  });
});

describe('search page', () => {
  it('lists results with thumbnails or a placeholder, the count and the type', () => {
    const page = search('type=yellow');
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('1 notice found');
    expect(page).toContain('href="/en/notices/2026-00002"');
    expect(page).toContain('class="placeholder" role="img" aria-label="No photo published"');
    expect(page).not.toContain('2026-00001');
    const red = search('freeText=murder');
    expect(red).toContain('src="/api/public/v1/images/photo-1/thumbnail"');
    expect(red).toContain('alt="Photo of DOE &lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;, Jane"');
    expect(red).not.toContain('<script>');
  });

  it('pages through every result, keeping the filters in the links', () => {
    const first = search('type=red');
    expect(first).toContain('46 notices found');
    expect(first).toContain('Page 1 of 3');
    expect(first).toContain('href="/en/notices?type=red&amp;page=2#results"');
    expect(first).toContain('href="/en/notices?type=red&amp;page=3#results"');
    const last = search('type=red&page=3');
    expect(last).toContain('<span aria-current="page">3</span>');
    expect(last.match(/class="result"/g)).toHaveLength(6);
    expect(last).toContain('rel="prev"');
    expect(last).not.toContain('rel="next"');
  });

  it('keeps the chosen values in the form, and the language switcher keeps the query', () => {
    const page = search('nationality=FRA&sexId=M&name=lo%22st', 'fr');
    expect(page).toMatch(/<option value="FRA"\s+selected>France<\/option>/);
    expect(page).toMatch(/<option value="M"\s+selected>Homme<\/option>/);
    expect(page).toContain('value="lo&quot;st"');
    expect(page).toMatch(/href="\/ar\/notices\?name=lo%22st&amp;nationality=FRA&amp;sexId=M"\s+lang="ar"/);
  });

  it('names the field of an unknown value, in the language', () => {
    const page = search('sexId=X&nationality=Atlantis', 'es');
    expect(page).toContain('«Sexo»: este valor no es válido.');
    expect(page).toContain('«Nacionalidad»: este valor no es válido.');
    expect(page).toContain('aria-invalid="true"');
    expect(page).not.toContain('class="results"');
  });

  it('is right to left in Arabic, with Arabic labels and country names', () => {
    const page = search('', 'ar');
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('البحث في النشرات');
    expect(page).toContain('<option value="DEU">ألمانيا</option>');
    expect(page).toContain('النداءات الجارية');
  });
});

describe('notice page', () => {
  const page = renderNoticePage({ lang: 'en', view, notice: wanted, today });

  it('shows the public extract, escaped', () => {
    expect(page).toContain('DOE &lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;, Jane');
    expect(page).toContain('Scar &lt;b&gt;left&lt;/b&gt; hand');
    expect(page).toContain('<p dir="auto">Line one<br />Line two</p><p dir="auto">&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(page).not.toMatch(/<script|<img src=x/);
    expect(page).toContain('<bdi>Джейн Доу</bdi>');
    expect(page).toContain('Spanish and French');
    expect(page).toContain('Spain and France');
    expect(page).toContain('170 cm');
    expect(page).toContain('36 years old');
    expect(page).toContain('March 4, 1990');
    expect(page).toContain('Policía Nacional');
  });

  it('shows each charge in the visitor language when translated, with the original beside it', () => {
    expect(page).toContain('<dd>Murder</dd>');
    expect(page).toContain('<dd>Asesinato</dd>');
    expect(page).toContain('<dd>Meurtre</dd>');
    const fr = renderNoticePage({ lang: 'fr', view, notice: wanted, today });
    expect(fr).toContain('<dd>Asesinato</dd>');
    expect(fr).not.toContain('Murder');
    const ar = renderNoticePage({ lang: 'ar', view, notice: wanted, today });
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('<dd>القتل العمد</dd>');
  });

  it('has the photos, the campaign, the tip form and how to contest, under 50 KB', () => {
    expect(page).toContain('href="/api/public/v1/images/photo-1"');
    expect(page).toMatch(/width="288"\s+height="360"/);
    expect(page).toContain('href="/en/campaigns/women"');
    expect(page).toContain('id="tip"');
    expect(page).toContain('action="/en/notices/2026-00001/tips" enctype="multipart/form-data"');
    expect(page).toContain('name="website"');
    expect(page).toContain('Named in this notice?');
    expect(page).toContain('quote the notice number 2026/00001');
    for (const lang of ['en', 'fr', 'es', 'ar'] as const) {
      expect(Buffer.byteLength(renderNoticePage({ lang, view, notice: wanted, today }))).toBeLessThan(50 * 1024);
    }
  });

  it('shows the disappearance of a yellow notice, and no warrants', () => {
    const yellow = renderNoticePage({ lang: 'es', view, notice: missing, today });
    expect(yellow).toContain('Fecha de la desaparición');
    expect(yellow).toContain('24 de diciembre de 2025');
    expect(yellow).toContain('Lyon');
    expect(yellow).not.toContain('Órdenes de detención');
  });

  it('has headings in order: one h1, then h2s', () => {
    const levels = [...page.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i += 1) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });
});

describe('campaign page', () => {
  it('uses the translation when there is one, and lists the published notices only', () => {
    const fr = renderCampaignPage({ lang: 'fr', view, campaign, today });
    expect(fr).toContain('<h1>Recherchés pour des crimes contre les femmes</h1>');
    expect(fr).toContain('Aidez-nous à les retrouver.');
    expect(fr).toContain('1\u00a0notice trouvée'.replace('\u00a0', ' '));
    const es = renderCampaignPage({ lang: 'es', view, campaign, today });
    expect(es).toContain('<h1>Wanted for crimes against women</h1>');
    expect(es).toContain('<p dir="auto">Help us find them.</p><p dir="auto">Every tip counts.</p>');
    expect(es).toContain('Desde el 25 de noviembre de 2026');
  });
});

describe('tip pages', () => {
  it('the receipt shows the reference and the secret, escaped', () => {
    const page = renderReceiptPage('en', wanted, { reference: 'T-ABCD-EFGH', secret: '<b>1234</b>' });
    expect(page).toContain('T-ABCD-EFGH');
    expect(page).toContain('&lt;b&gt;1234&lt;/b&gt;');
    expect(page).toContain('shown only this once');
  });

  it('the refused form keeps the values and names the problems', () => {
    const page = renderTipFormPage({
      lang: 'en',
      notice: wanted,
      values: { body: '</textarea><script>x</script>', contactEmail: 'nope' },
      errors: [{ field: 'contactEmail', message: 'Enter an email address' }],
    });
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(page).toContain('value="nope"');
    expect(page).toContain('<a href="#tip-email">Enter an email address</a>');
  });

  it('the sender sees their messages and the replies, escaped, and a follow-up form', () => {
    const page = renderStatusPage({
      lang: 'en',
      secret: 'S3CR-ET',
      view: {
        reference: 'T-ABCD-EFGH',
        noticeNumber: '2026/00001',
        createdAt: '2026-05-02T10:00:00.000Z',
        messages: [
          { kind: 'tip', body: 'I saw <script>her</script>', at: '2026-05-02T10:00:00.000Z' },
          { kind: 'reply', body: 'Thank you', at: '2026-05-03T10:00:00.000Z' },
        ],
      },
    });
    expect(page).toContain('I saw &lt;script&gt;her&lt;/script&gt;');
    expect(page).toContain('Reply from the agency');
    expect(page).toContain('name="secret" value="S3CR-ET"');
    expect(page).not.toContain('has not replied yet');
  });

  it('an unknown page is a page in the language', () => {
    const page = renderNotFoundPage('ar', 'notice', (l) => `/${l}/notices/2026-00404`);
    expect(page).toContain('النشرة غير موجودة');
  });
});
