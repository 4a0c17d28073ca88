/**
 * The frame of every public page (skip link, header with the language switcher, main landmark,
 * footer) and the pieces several pages share: a notice's display name, its type badge, a result
 * card and the error page. Pure: strings in, HTML out.
 */
import { ageOn, noticeDisplayName, noticeUrlId, publicLanguages, type PublicLanguage, type PublicNotice } from '../notice-model.js';
import { html, type SafeHtml } from './html.js';
import { languageNames, noticeTypeTexts, t, textDirection, tn } from './i18n.js';
import { countryName, formatList } from './public-site-format.js';
import { publicCssPath } from './public-site-style.js';

/** Public image URLs (served by the public API). */
export const imageUrl = (photoId: string): string => `/api/public/v1/images/${encodeURIComponent(photoId)}`;
export const thumbnailUrl = (photoId: string): string => `${imageUrl(photoId)}/thumbnail`;

export const searchPath = (lang: PublicLanguage): string => `/${lang}/notices`;
export const noticePath = (lang: PublicLanguage, notice: Pick<PublicNotice, 'publicNumber'>): string =>
  `/${lang}/notices/${noticeUrlId(notice.publicNumber)}`;
export const campaignPath = (lang: PublicLanguage, slug: string): string => `/${lang}/campaigns/${encodeURIComponent(slug)}`;
export const statusPath = (lang: PublicLanguage): string => `/${lang}/tips/status`;

export interface Frame {
  lang: PublicLanguage;
  title: string;
  /** The path (and query) of this page in another language. */
  pathIn: (lang: PublicLanguage) => string;
  body: SafeHtml;
}

/** A whole page: `<!doctype html>` to `</html>`. */
export function renderPage(frame: Frame): string {
  const { lang } = frame;
  const current = frame.pathIn(lang);
  return html`<!doctype html>
    <html lang="${lang}" dir="${textDirection(lang)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} – ${t(lang, 'siteTitle')}</title>
        <link rel="stylesheet" href="${publicCssPath}" />
        <link rel="icon" href="data:," />
        ${publicLanguages.map((other) => html`<link rel="alternate" hreflang="${other}" href="${frame.pathIn(other)}" /> `)}
      </head>
      <body>
        <a class="skip" href="#main">${t(lang, 'skipToContent')}</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="${searchPath(lang)}">${t(lang, 'siteTitle')}</a>
            <nav aria-label="${t(lang, 'mainNav')}">
              <ul>
                <li><a href="${searchPath(lang)}">${t(lang, 'navSearch')}</a></li>
                <li><a href="${statusPath(lang)}">${t(lang, 'navTipStatus')}</a></li>
              </ul>
            </nav>
            <nav class="langs" aria-label="${t(lang, 'chooseLanguage')}">
              <ul>
                ${publicLanguages.map(
                  (other) =>
                    html`<li>
                      <a
                        href="${other === lang ? current : frame.pathIn(other)}"
                        lang="${other}"
                        hreflang="${other}"
                        ${other === lang ? html` aria-current="true"` : ''}
                        >${languageNames[other]}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1">${frame.body}</main>
        <footer class="site-footer"><p>${t(lang, 'footerNotice')} ${t(lang, 'footerDanger')}</p></footer>
      </body>
    </html> `.value;
}

/** The name a notice is shown under: "FAMILY, Forename", its title, or its type and number. */
export function displayName(lang: PublicLanguage, notice: PublicNotice): string {
  const name = noticeDisplayName(notice.content);
  return name !== '' ? name : `${noticeTypeTexts[lang][notice.type].name} ${notice.publicNumber}`;
}

export function typeBadge(lang: PublicLanguage, notice: Pick<PublicNotice, 'type'>): SafeHtml {
  return html`<span class="badge ${notice.type}">${noticeTypeTexts[lang][notice.type].name}</span>`;
}

/** One notice in a result list: thumbnail (or a neutral placeholder), name, type, age, nationalities. */
export function resultCard(lang: PublicLanguage, notice: PublicNotice, today: Date): SafeHtml {
  const name = displayName(lang, notice);
  const photo = notice.photos[0];
  const c = notice.content;
  const age = c.birthDate === undefined ? undefined : ageOn(c.birthDate, today);
  const nationalities = formatList(
    lang,
    (c.nationalities ?? []).map((code) => countryName(lang, code)),
  );
  const wantedBy = formatList(
    lang,
    [...new Set((c.arrestWarrants ?? []).map((w) => w.issuingCountry))].map((code) => countryName(lang, code)),
  );
  return html`<li class="result">
    ${
      photo === undefined
        ? html`<span class="placeholder" role="img" aria-label="${t(lang, 'noPhoto')}"></span>`
        : html`<img src="${thumbnailUrl(photo.id)}" alt="${t(lang, 'photoOf', { name })}" loading="lazy" width="80" height="96" />`
    }
    <div>
      <h3>
        <a href="${noticePath(lang, notice)}"><bdi>${name}</bdi></a>
      </h3>
      <p>${typeBadge(lang, notice)}</p>
      ${age === undefined ? '' : html`<p>${tn(lang, 'ageYears', age)}</p>`}${
        nationalities === '' ? '' : html`<p>${nationalities}</p>`
      }${wantedBy === '' ? '' : html`<p>${t(lang, 'wantedBy', { countries: wantedBy })}</p>`}
    </div>
  </li>`;
}

/** A page that says what went wrong, with a way back to the search. */
export function errorBody(lang: PublicLanguage, title: string, text: string | SafeHtml): SafeHtml {
  return html`<h1>${title}</h1>
    <p class="lead">${text}</p>
    <p><a href="${searchPath(lang)}">${t(lang, 'backToSearch')}</a></p>`;
}
