/**
 * The public site's read-only pages, rendered from the in-memory catalogue: the search page (the
 * filters of INTERPOL's public site, results with thumbnails, paging that reaches every result),
 * a notice page (only the public extract) and a campaign page. Pure: no I/O.
 *
 *   const markup = renderSearchPage({ lang: 'en', view, filters, problems: [], today: new Date() });
 */
import { ageOn, noticeTypes, sexes, type PublicCampaign, type PublicLanguage, type PublicNotice } from '../notice-model.js';
import { escapeHtml, html, paragraphs, unsafeHtml, type SafeHtml } from './html.js';
import { noticeTypeTexts, sexNames, t, tn, formatNumber, type MessageKey } from './i18n.js';
import type { CatalogueView } from './public-catalogue.js';
import { countryName, countryOptions, formatDate, formatList, languageName } from './public-site-format.js';
import {
  campaignPath,
  displayName,
  errorBody,
  imageUrl,
  noticePath,
  renderPage,
  resultCard,
  searchPath,
  thumbnailUrl,
  typeBadge,
} from './public-site-layout.js';
import {
  filtersQuery,
  searchLimits,
  toNoticeQuery,
  type FilterField,
  type FilterProblem,
  type SearchFilters,
} from './public-site-query.js';
import { renderTipForm } from './public-site-tip-pages.js';

/** The label of each filter, which also names it in error messages. */
export const filterLabels: Readonly<Record<FilterField, MessageKey>> = {
  type: 'fieldType',
  name: 'fieldFamilyName',
  forename: 'fieldForename',
  nationality: 'fieldNationality',
  sexId: 'fieldSex',
  ageMin: 'fieldAgeMin',
  ageMax: 'fieldAgeMax',
  arrestWarrantCountryId: 'fieldWantedBy',
  freeText: 'fieldFreeText',
  page: 'fieldPage',
};

export function problemText(lang: PublicLanguage, problem: FilterProblem): string {
  const field = t(lang, filterLabels[problem.field]);
  let text: string;
  switch (problem.problem) {
    case 'unknownValue':
      text = t(lang, 'problemUnknownValue');
      break;
    case 'repeated':
      text = t(lang, 'problemRepeated');
      break;
    case 'numberRange':
      text = t(lang, 'problemNumberRange', { min: formatNumber(lang, problem.min), max: formatNumber(lang, problem.max) });
      break;
    case 'tooLong':
      text = t(lang, 'problemTooLong', { max: formatNumber(lang, problem.max) });
      break;
    case 'ageOrder':
      text = t(lang, 'problemAgeOrder', { other: t(lang, filterLabels[problem.other]) });
      break;
  }
  return t(lang, 'invalidField', { field, problem: text });
}

// The country options of a language, rendered once; a selected one is marked by a replace.
const countryOptionsHtml = new Map<PublicLanguage, string>();
function countrySelectOptions(lang: PublicLanguage, selected: string | undefined): SafeHtml {
  let options = countryOptionsHtml.get(lang);
  if (options === undefined) {
    options = html`${countryOptions(lang).map(([code, name]) => html`<option value="${code}">${name}</option>`)}`.value;
    countryOptionsHtml.set(lang, options);
  }
  if (selected === undefined) return unsafeHtml(options);
  const marker = `<option value="${escapeHtml(selected)}">`;
  return unsafeHtml(options.replace(marker, `<option value="${escapeHtml(selected)}" selected>`));
}

export interface SearchPageInput {
  lang: PublicLanguage;
  view: CatalogueView;
  filters: SearchFilters;
  problems: readonly FilterProblem[];
  today: Date;
}

export function renderSearchPage(input: SearchPageInput): string {
  const { lang, view, filters, problems, today } = input;
  const perPage = searchLimits.perPage;
  const query = filtersQuery(filters, filters.page);
  const invalid = new Set(problems.map((p) => p.field));
  const errorId = (field: FilterField): string => `error-${field}`;
  const fieldError = (field: FilterField): SafeHtml | string => {
    const problem = problems.find((p) => p.field === field);
    return problem === undefined ? '' : html`<p class="error" id="${errorId(field)}">${problemText(lang, problem)}</p>`;
  };
  const aria = (field: FilterField, hint?: string): SafeHtml => {
    const described = [hint, invalid.has(field) ? errorId(field) : undefined].filter((v) => v !== undefined).join(' ');
    return html`${invalid.has(field) ? html` aria-invalid="true"` : ''}${described === '' ? '' : html` aria-describedby="${described}"`}`;
  };
  const textInput = (field: FilterField, value: string | number | undefined, attrs: SafeHtml = html``): SafeHtml =>
    html`<div class="field">
      <label for="f-${field}">${t(lang, filterLabels[field])}</label>${fieldError(field)}<input
        id="f-${field}"
        name="${field}"
        value="${value ?? ''}"
        ${attrs}${aria(field)}
      />
    </div>`;

  const form = html`<form method="get" action="${searchPath(lang)}" role="search">
    <fieldset class="filters">
      <legend>${t(lang, 'filtersLegend')}</legend>
      <div class="field">
        <label for="f-type">${t(lang, 'fieldType')}</label>${fieldError('type')}<select id="f-type" name="type" ${aria('type')}>
          <option value="">${t(lang, 'anyType')}</option>
          ${noticeTypes.map(
            (type) =>
              html`<option value="${type}" ${filters.type === type ? html` selected` : ''}>${noticeTypeTexts[lang][type].name}</option>`,
          )}
        </select>
      </div>
      ${textInput('name', filters.name, html` maxlength="${searchLimits.textMax}" autocomplete="off"`)}
      ${textInput('forename', filters.forename, html` maxlength="${searchLimits.textMax}" autocomplete="off"`)}
      <div class="field">
        <label for="f-nationality">${t(lang, 'fieldNationality')}</label>${fieldError('nationality')}<select
          id="f-nationality"
          name="nationality"
          ${aria('nationality')}
        >
          <option value="">${t(lang, 'anyCountry')}</option>
          ${countrySelectOptions(lang, filters.nationality)}
        </select>
      </div>
      <div class="field">
        <label for="f-sexId">${t(lang, 'fieldSex')}</label>${fieldError('sexId')}<select id="f-sexId" name="sexId" ${aria('sexId')}>
          <option value="">${t(lang, 'anySex')}</option>
          ${sexes.map(
            (sex) => html`<option value="${sex}" ${filters.sexId === sex ? html` selected` : ''}>${sexNames[lang][sex]}</option>`,
          )}
        </select>
      </div>
      ${textInput('ageMin', filters.ageMin, html` type="number" min="0" max="${searchLimits.ageMax}" inputmode="numeric"`)}
      ${textInput('ageMax', filters.ageMax, html` type="number" min="0" max="${searchLimits.ageMax}" inputmode="numeric"`)}
      <div class="field">
        <label for="f-arrestWarrantCountryId">${t(lang, 'fieldWantedBy')}</label>${fieldError('arrestWarrantCountryId')}<select
          id="f-arrestWarrantCountryId"
          name="arrestWarrantCountryId"
          ${aria('arrestWarrantCountryId')}
        >
          <option value="">${t(lang, 'anyCountry')}</option>
          ${countrySelectOptions(lang, filters.arrestWarrantCountryId)}
        </select>
      </div>
      <div class="field wide">
        <label for="f-freeText">${t(lang, 'fieldFreeText')}</label>
        <p class="hint" id="hint-freeText">${t(lang, 'freeTextHint')}</p>
        ${fieldError('freeText')}<input
          id="f-freeText"
          name="freeText"
          value="${filters.freeText ?? ''}"
          maxlength="${searchLimits.freeTextMax}"
          ${aria('freeText', 'hint-freeText')}
        />
      </div>
      ${fieldError('page')}
      <div class="actions">
        <button type="submit">${t(lang, 'searchButton')}</button><a href="${searchPath(lang)}">${t(lang, 'clearFilters')}</a>
      </div>
    </fieldset>
  </form>`;

  let results: SafeHtml;
  if (problems.length > 0) {
    results = html``;
  } else {
    const { total, notices } = view.search(toNoticeQuery(filters, perPage));
    const pages = Math.max(1, Math.ceil(total / perPage));
    results = html`<h2 id="results">${t(lang, 'resultsHeading')}</h2>
      <p class="count" role="status">
        ${tn(lang, 'resultCount', total)}${total > perPage ? html` · ${t(lang, 'pageOf', { page: formatNumber(lang, filters.page), pages: formatNumber(lang, pages) })}` : ''}
      </p>
      ${
        notices.length === 0
          ? html`<p>${t(lang, 'noResults')}</p>`
          : html`<ul class="results">
              ${notices.map((notice) => resultCard(lang, notice, today))}
            </ul>`
      }
      ${pagination(lang, filters, pages)}`;
  }

  const campaigns = view.campaigns.length === 0 || query !== '' ? html`` : campaignList(lang, view.campaigns);
  const summary =
    problems.length === 0
      ? html``
      : html`<div class="errors" role="alert">
          <h2>${t(lang, 'invalidFilterTitle')}</h2>
          <ul>
            ${problems.map((p) => html`<li><a href="#f-${p.field === 'page' ? 'type' : p.field}">${problemText(lang, p)}</a></li>`)}
          </ul>
        </div>`;

  return renderPage({
    lang,
    title: problems.length > 0 ? t(lang, 'invalidFilterTitle') : t(lang, 'searchTitle'),
    pathIn: (other) => `${searchPath(other)}${query}`,
    body: html`<h1>${t(lang, 'searchTitle')}</h1>
      <p class="lead">${t(lang, 'searchIntro')}</p>
      ${summary}${campaigns}${form} ${results}`,
  });
}

function campaignList(lang: PublicLanguage, campaigns: readonly PublicCampaign[]): SafeHtml {
  return html`<section aria-labelledby="campaigns">
    <h2 id="campaigns">${t(lang, 'campaignsHeading')}</h2>
    <ul>
      ${campaigns.map((c) => html`<li><a href="${campaignPath(lang, c.slug)}">${c.translations[lang]?.title ?? c.title}</a></li>`)}
    </ul>
  </section>`;
}

/** First, previous, a window around the current page, next and last: every page is reachable. */
function pagination(lang: PublicLanguage, filters: SearchFilters, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const current = Math.min(filters.page, pages);
  const href = (page: number): string => `${searchPath(lang)}${filtersQuery(filters, page)}#results`;
  const numbers = new Set<number>([1, pages]);
  for (let p = Math.max(1, current - 2); p <= Math.min(pages, current + 2); p += 1) numbers.add(p);
  const sorted = [...numbers].sort((a, b) => a - b);
  const items: SafeHtml[] = [];
  if (filters.page > 1)
    items.push(html`<li><a href="${href(Math.min(filters.page - 1, pages))}" rel="prev">${t(lang, 'previousPage')}</a></li>`);
  let previous = 0;
  for (const page of sorted) {
    if (page > previous + 1) items.push(html`<li><span aria-hidden="true">…</span></li>`);
    items.push(
      page === filters.page
        ? html`<li><span aria-current="page">${formatNumber(lang, page)}</span></li>`
        : html`<li>
            <a href="${href(page)}" aria-label="${t(lang, 'pageN', { page: formatNumber(lang, page) })}">${formatNumber(lang, page)}</a>
          </li>`,
    );
    previous = page;
  }
  if (filters.page < pages) items.push(html`<li><a href="${href(filters.page + 1)}" rel="next">${t(lang, 'nextPage')}</a></li>`);
  return html`<nav class="pages" aria-label="${t(lang, 'pagination')}">
    <ul>
      ${items}
    </ul>
  </nav>`;
}

function fact(label: string, value: SafeHtml | string | undefined): SafeHtml {
  if (value === undefined || value === '') return html``;
  return html`<dt>${label}</dt>
    <dd>${value}</dd>`;
}

function section(id: string, title: string, content: SafeHtml): SafeHtml {
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${title}</h2>
    ${content}
  </section>`;
}

export interface NoticePageInput {
  lang: PublicLanguage;
  view: CatalogueView;
  notice: PublicNotice;
  today: Date;
}

/** The notice page: only the public extract, photos, warrants, disappearance, agency, tip form, how to contest. */
export function renderNoticePage(input: NoticePageInput): string {
  const { lang, view, notice, today } = input;
  const c = notice.content;
  const name = displayName(lang, notice);
  const type = noticeTypeTexts[lang][notice.type];
  const age = c.birthDate === undefined ? undefined : ageOn(c.birthDate, today);
  const countries = (codes: readonly string[] | undefined): string | undefined =>
    codes === undefined || codes.length === 0
      ? undefined
      : formatList(
          lang,
          codes.map((code) => countryName(lang, code)),
        );

  const photos =
    notice.photos.length === 0
      ? html``
      : section(
          'photos',
          t(lang, 'sectionPhotos'),
          html`<ul class="photos">
            ${notice.photos.map((photo, i) => {
              const scale = Math.min(1, 360 / Math.max(photo.width, photo.height, 1));
              return html`<li>
                <figure>
                  <a href="${imageUrl(photo.id)}"
                    ><img
                      src="${thumbnailUrl(photo.id)}"
                      alt="${t(lang, 'photoOfNumbered', { n: formatNumber(lang, i + 1), name })}"
                      width="${Math.round(photo.width * scale)}"
                      height="${Math.round(photo.height * scale)}"
                      ${i > 0 ? html` loading="lazy"` : ''} /></a
                  >${photo.caption === '' ? '' : html`<figcaption>${photo.caption}</figcaption>`}
                </figure>
              </li>`;
            })}
          </ul>`,
        );

  const identityFacts = html`${fact(t(lang, 'fieldFamilyName'), c.familyName)}${fact(t(lang, 'fieldForename'), c.forename)}${fact(
    t(lang, 'fieldOriginalScriptName'),
    c.originalScriptName === undefined ? undefined : html`<bdi>${c.originalScriptName}</bdi>`,
  )}${fact(t(lang, 'fieldAliases'), c.aliases === undefined ? undefined : formatList(lang, c.aliases))}${fact(
    t(lang, 'fieldSex'),
    c.sex === undefined ? undefined : sexNames[lang][c.sex],
  )}${fact(t(lang, 'fieldBirthDate'), c.birthDate === undefined ? undefined : formatDate(lang, c.birthDate))}${fact(
    t(lang, 'fieldAge'),
    age === undefined ? undefined : tn(lang, 'ageYears', age),
  )}${fact(t(lang, 'fieldBirthPlace'), c.birthPlace)}${fact(
    t(lang, 'fieldBirthCountry'),
    c.birthCountry === undefined ? undefined : countryName(lang, c.birthCountry),
  )}${fact(t(lang, 'fieldNationalities'), countries(c.nationalities))}${fact(
    t(lang, 'fieldLanguages'),
    c.languages === undefined
      ? undefined
      : formatList(
          lang,
          c.languages.map((code) => languageName(lang, code)),
        ),
  )}`;
  const physicalFacts = html`${fact(
    t(lang, 'fieldHeight'),
    c.heightCm === undefined ? undefined : t(lang, 'unitCm', { value: formatNumber(lang, c.heightCm) }),
  )}${fact(t(lang, 'fieldWeight'), c.weightKg === undefined ? undefined : t(lang, 'unitKg', { value: formatNumber(lang, c.weightKg) }))}${fact(
    t(lang, 'fieldEyes'),
    c.eyes,
  )}${fact(t(lang, 'fieldHair'), c.hair)}${fact(t(lang, 'fieldMarks'), c.distinguishingMarks)}`;

  const warrants =
    c.arrestWarrants === undefined || c.arrestWarrants.length === 0
      ? html``
      : section(
          'warrants',
          t(lang, 'sectionWarrants'),
          html`<ul class="warrants">
            ${c.arrestWarrants.map((w) => {
              const translated = w.chargeTranslations?.[lang];
              return html`<li>
                <dl class="facts">
                  ${fact(t(lang, 'warrantCountry'), countryName(lang, w.issuingCountry))}${fact(
                    t(lang, 'warrantCharge'),
                    translated ?? w.charge,
                  )}${translated !== undefined && translated !== w.charge ? fact(t(lang, 'chargeOriginal'), w.charge) : ''}
                </dl>
              </li>`;
            })}
          </ul>`,
        );

  const d = c.disappearance;
  const disappearance =
    d === undefined
      ? html``
      : section(
          'disappearance',
          t(lang, 'sectionDisappearance'),
          html`<dl class="facts">
            ${fact(t(lang, 'disappearanceDate'), d.date === undefined ? undefined : formatDate(lang, d.date))}${fact(
              t(lang, 'disappearancePlace'),
              d.place,
            )}${fact(t(lang, 'disappearanceCountry'), d.country === undefined ? undefined : countryName(lang, d.country))}
          </dl>`,
        );

  const campaigns = notice.campaigns.map((slug) => view.campaign(slug)).filter((x): x is PublicCampaign => x !== undefined);
  const agency = notice.ownerAgencyName;
  const body = html`<p><a href="${searchPath(lang)}">${t(lang, 'backToSearch')}</a></p>
    <h1><bdi>${name}</bdi></h1>
    <div class="notice-head">${typeBadge(lang, notice)}<span>${type.meaning}</span></div>
    <dl class="facts">
      ${fact(t(lang, 'noticeNumber'), notice.publicNumber)}${fact(t(lang, 'publishedOn'), formatDate(lang, notice.publishedAt))}${fact(
        t(lang, 'publishedBy'),
        html`<bdi>${agency}</bdi>, ${countryName(lang, notice.ownerAgencyCountry)}`,
      )}
    </dl>
    ${notice.type === 'red' ? html`<p class="note">${t(lang, 'redPresumption')}</p>` : ''}${
      campaigns.length === 0
        ? ''
        : html`<p>
            ${t(lang, 'partOfCampaign')}
            ${campaigns.map(
              (campaign, i) =>
                html`${i > 0 ? ', ' : ''}<a href="${campaignPath(lang, campaign.slug)}"
                    >${campaign.translations[lang]?.title ?? campaign.title}</a
                  >`,
            )}
          </p>`
    }
    ${photos}
    ${identityFacts.value === '' ? '' : section('identity', t(lang, 'sectionIdentity'), html`<dl class="facts">${identityFacts}</dl>`)}
    ${physicalFacts.value === '' ? '' : section('description', t(lang, 'sectionDescription'), html`<dl class="facts">${physicalFacts}</dl>`)}
    ${warrants} ${disappearance}
    ${c.description === undefined ? '' : section('details', t(lang, 'sectionDetails'), paragraphs(c.description))}
    ${renderTipForm({ lang, notice, values: {}, errors: [] })} ${contestSection(lang, notice)}`;

  return renderPage({ lang, title: `${name} – ${type.name}`, pathIn: (other) => noticePath(other, notice), body });
}

function contestSection(lang: PublicLanguage, notice: PublicNotice): SafeHtml {
  return html`<section class="contest" aria-labelledby="contest">
    <h2 id="contest">${t(lang, 'contestHeading')}</h2>
    <p>${t(lang, 'contestText1', { agency: notice.ownerAgencyName, number: notice.publicNumber })}</p>
    <p>${t(lang, 'contestText2')}</p>
    <p>${t(lang, 'contestText3')}</p>
  </section>`;
}

export interface CampaignPageInput {
  lang: PublicLanguage;
  view: CatalogueView;
  campaign: PublicCampaign;
  today: Date;
}

export function renderCampaignPage(input: CampaignPageInput): string {
  const { lang, view, campaign, today } = input;
  const translated = campaign.translations[lang];
  const title = translated?.title ?? campaign.title;
  const text = translated?.body ?? campaign.body;
  const start = campaign.startsOn === null ? undefined : formatDate(lang, campaign.startsOn);
  const end = campaign.endsOn === null ? undefined : formatDate(lang, campaign.endsOn);
  const dates =
    start !== undefined && end !== undefined
      ? t(lang, 'campaignDates', { start, end })
      : start !== undefined
        ? t(lang, 'campaignFrom', { start })
        : end !== undefined
          ? t(lang, 'campaignUntil', { end })
          : undefined;
  const notices = campaign.notices.map((number) => view.byNumber(number)).filter((n): n is PublicNotice => n !== undefined);
  const body = html`<p><a href="${searchPath(lang)}">${t(lang, 'backToSearch')}</a></p>
    <h1>${title}</h1>
    ${dates === undefined ? '' : html`<p class="meta">${dates}</p>`}
    <dl class="facts">${fact(t(lang, 'publishedBy'), html`<bdi>${campaign.ownerAgencyName}</bdi>`)}</dl>
    <div class="lead">${paragraphs(text)}</div>
    <h2 id="results">${t(lang, 'campaignNotices')}</h2>
    ${
      notices.length === 0
        ? html`<p>${t(lang, 'campaignNoNotices')}</p>`
        : html`<p class="count">${tn(lang, 'resultCount', notices.length)}</p>
            <ul class="results">
              ${notices.map((n) => resultCard(lang, n, today))}
            </ul>`
    }`;
  return renderPage({ lang, title, pathIn: (other) => campaignPath(other, campaign.slug), body });
}

/** A page for a notice or campaign that is not (or no longer) public, or any unknown path. */
export function renderNotFoundPage(
  lang: PublicLanguage,
  what: 'notice' | 'campaign' | 'page',
  pathIn: (lang: PublicLanguage) => string,
): string {
  const [title, text]: [MessageKey, MessageKey] =
    what === 'notice'
      ? ['noticeNotFoundTitle', 'noticeNotFound']
      : what === 'campaign'
        ? ['campaignNotFoundTitle', 'campaignNotFound']
        : ['notFoundTitle', 'notFoundText'];
  return renderPage({ lang, title: t(lang, title), pathIn, body: errorBody(lang, t(lang, title), t(lang, text)) });
}

/** Any other error page (429, 413, 400, 500) with its title and text. */
export function renderErrorPage(lang: PublicLanguage, title: string, text: string, pathIn: (lang: PublicLanguage) => string): string {
  return renderPage({ lang, title, pathIn, body: errorBody(lang, title, text) });
}
