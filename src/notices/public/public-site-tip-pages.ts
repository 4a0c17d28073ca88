/**
 * The tip pages: the "Do you have information?" form (on every notice page, and alone with its
 * errors after a refused submission), the receipt with the reference and the secret (shown once),
 * and the sender's page to read replies and add a follow-up. Pure: no I/O.
 */
import type { PublicLanguage, PublicNotice } from '../notice-model.js';
import { html, paragraphs, type SafeHtml } from './html.js';
import { t, formatNumber, type MessageKey } from './i18n.js';
import type { SenderView, TipReceipt } from './public-data.js';
import { tipLimits } from './public-data.js';
import { formatDateTime } from './public-site-format.js';
import { displayName, noticePath, renderPage, statusPath } from './public-site-layout.js';

export const contactLimits = { name: 200, email: 254, phone: 50 } as const;

export type TipField = 'body' | 'contactName' | 'contactEmail' | 'contactPhone' | 'photos' | 'form';

export interface TipFormValues {
  body?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
}

export interface TipFormError {
  field: TipField;
  message: string;
}

export const tipFormPath = (lang: PublicLanguage, notice: Pick<PublicNotice, 'publicNumber'>): string => `${noticePath(lang, notice)}/tips`;
export const followUpPath = (lang: PublicLanguage): string => `/${lang}/tips/follow-up`;

const fieldIds: Readonly<Record<TipField, string>> = {
  body: 'tip-body',
  contactName: 'tip-name',
  contactEmail: 'tip-email',
  contactPhone: 'tip-phone',
  photos: 'tip-photos',
  form: 'tip-body',
};

function errorSummary(lang: PublicLanguage, errors: readonly TipFormError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="errors" role="alert">
    <h2>${t(lang, 'errorSummary')}</h2>
    <ul>
      ${errors.map((e) => html`<li><a href="#${fieldIds[e.field]}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}

export interface TipFormInput {
  lang: PublicLanguage;
  notice: PublicNotice;
  values: TipFormValues;
  errors: readonly TipFormError[];
}

/** The tip form, anchored at `#tip`; multipart so that photos can go with it; works without JavaScript. */
export function renderTipForm(input: TipFormInput): SafeHtml {
  const { lang, notice, values, errors } = input;
  const errorOf = (field: TipField): TipFormError | undefined => errors.find((e) => e.field === field);
  const describedBy = (field: TipField, hint?: string): SafeHtml => {
    const error = errorOf(field);
    const ids = [hint, error === undefined ? undefined : `${fieldIds[field]}-error`].filter((v) => v !== undefined).join(' ');
    return html`${error === undefined ? '' : html` aria-invalid="true"`}${ids === '' ? '' : html` aria-describedby="${ids}"`}`;
  };
  const errorLine = (field: TipField): SafeHtml | string => {
    const error = errorOf(field);
    return error === undefined ? '' : html`<p class="error" id="${fieldIds[field]}-error">${error.message}</p>`;
  };
  const contact = (
    field: 'contactName' | 'contactEmail' | 'contactPhone',
    label: MessageKey,
    type: string,
    autocomplete: string,
    max: number,
  ) =>
    html`<div class="field">
      <label for="${fieldIds[field]}">${t(lang, label)}</label>${errorLine(field)}<input
        id="${fieldIds[field]}"
        name="${field}"
        type="${type}"
        autocomplete="${autocomplete}"
        maxlength="${max}"
        value="${values[field] ?? ''}"
        ${describedBy(field)}
      />
    </div>`;
  const mb = formatNumber(lang, Math.round(tipLimits.photoMaxBytes / 1024 / 1024));

  return html`<section class="tip" id="tip" aria-labelledby="tip-heading">
    <h2 id="tip-heading">${t(lang, 'tipHeading')}</h2>
    <p>${t(lang, 'tipIntro', { agency: notice.ownerAgencyName })}</p>
    <p class="warning">${t(lang, 'tipEmergency')}</p>
    ${errorSummary(lang, errors)}
    <form method="post" action="${tipFormPath(lang, notice)}" enctype="multipart/form-data">
      <div class="field">
        <label for="tip-body">${t(lang, 'tipBodyLabel')}</label>
        <p class="hint" id="tip-body-hint">
          ${t(lang, 'tipBodyHint', {
            max: formatNumber(lang, tipLimits.bodyMaxChars),
          })}
        </p>
        ${errorLine('body')}${errorLine('form')}<textarea
          id="tip-body"
          name="body"
          rows="6"
          required
          maxlength="${tipLimits.bodyMaxChars}"
          ${describedBy('body', 'tip-body-hint')}
        >
${values.body ?? ''}</textarea>
      </div>
      <fieldset>
        <legend>${t(lang, 'tipContactLegend')}</legend>
        <p class="hint">${t(lang, 'tipContactHint')}</p>
        ${contact('contactName', 'tipName', 'text', 'name', contactLimits.name)}
        ${contact('contactEmail', 'tipEmail', 'email', 'email', contactLimits.email)}
        ${contact('contactPhone', 'tipPhone', 'tel', 'tel', contactLimits.phone)}
      </fieldset>
      <div class="field">
        <label for="tip-photos">${t(lang, 'tipPhotos')}</label>
        <p class="hint" id="tip-photos-hint">
          ${t(lang, 'tipPhotosHint', {
            count: formatNumber(lang, tipLimits.photosMax),
            mb,
          })}
        </p>
        ${errorLine('photos')}<input
          id="tip-photos"
          name="photos"
          type="file"
          multiple
          accept="image/*"
          ${describedBy('photos', 'tip-photos-hint')}
        />
      </div>
      <div class="hp" aria-hidden="true">
        <label for="tip-website">${t(lang, 'honeypotLabel')}</label
        ><input id="tip-website" name="website" type="text" tabindex="-1" autocomplete="off" />
      </div>
      <p class="hint">${t(lang, 'tipPrivacy')}</p>
      <div class="actions"><button type="submit">${t(lang, 'tipSend')}</button></div>
    </form>
  </section>`;
}

/** The form alone, with what was wrong, after a refused submission. */
export function renderTipFormPage(input: TipFormInput): string {
  const { lang, notice } = input;
  const name = displayName(lang, notice);
  const body = html`<p><a href="${noticePath(lang, notice)}">${t(lang, 'receiptBack')}</a></p>
    <h1>${t(lang, 'tipFormTitle', { name })}</h1>
    ${renderTipForm(input)}`;
  return renderPage({ lang, title: t(lang, 'tipFormTitle', { name }), pathIn: (other) => `${noticePath(other, notice)}#tip`, body });
}

/** The receipt: the reference and the secret, shown this once. */
export function renderReceiptPage(lang: PublicLanguage, notice: PublicNotice, receipt: TipReceipt): string {
  const body = html`<h1>${t(lang, 'receiptTitle')}</h1>
    <p class="lead">${t(lang, 'receiptIntro', { agency: notice.ownerAgencyName })}</p>
    <dl class="facts">
      <dt>${t(lang, 'receiptReference')}</dt>
      <dd><span class="secret" id="tip-reference">${receipt.reference}</span></dd>
      <dt>${t(lang, 'receiptSecret')}</dt>
      <dd><span class="secret" id="tip-secret">${receipt.secret}</span></dd>
    </dl>
    <p class="warning">${t(lang, 'receiptWriteDown')}</p>
    <p><a href="${statusPath(lang)}">${t(lang, 'receiptStatusLink')}</a></p>
    <p><a href="${noticePath(lang, notice)}">${t(lang, 'receiptBack')}</a></p>`;
  // The switcher leads to the notice: the secret is not carried to another URL.
  return renderPage({ lang, title: t(lang, 'receiptTitle'), pathIn: (other) => noticePath(other, notice), body });
}

export interface StatusFormInput {
  lang: PublicLanguage;
  /** The one generic message for a wrong reference or secret. */
  notFound?: boolean;
  reference?: string;
}

function credentialFields(lang: PublicLanguage, reference: string | undefined, invalid: boolean): SafeHtml {
  const aria = invalid ? html` aria-invalid="true" aria-describedby="status-error"` : html``;
  return html`<div class="field">
      <label for="status-reference">${t(lang, 'statusReference')}</label
      ><input
        id="status-reference"
        name="reference"
        required
        maxlength="64"
        autocomplete="off"
        spellcheck="false"
        value="${reference ?? ''}"
        ${aria}
      />
    </div>
    <div class="field">
      <label for="status-secret">${t(lang, 'statusSecret')}</label
      ><input id="status-secret" name="secret" type="password" required maxlength="128" autocomplete="off" ${aria} />
    </div>`;
}

export function renderStatusFormPage(input: StatusFormInput): string {
  const { lang } = input;
  const body = html`<h1>${t(lang, 'statusTitle')}</h1>
    <p class="lead">${t(lang, 'statusIntro')}</p>
    ${input.notFound === true ? html`<div class="errors" role="alert"><p class="error" id="status-error">${t(lang, 'statusNotFound')}</p></div>` : ''}
    <form class="tip" method="post" action="${statusPath(lang)}">
      ${credentialFields(lang, input.reference, input.notFound === true)}
      <div class="actions"><button type="submit">${t(lang, 'statusShow')}</button></div>
    </form>`;
  return renderPage({ lang, title: t(lang, 'statusTitle'), pathIn: statusPath, body });
}

export interface StatusPageInput {
  lang: PublicLanguage;
  view: SenderView;
  secret: string;
  /** A follow-up was just added. */
  sent?: boolean;
  errors?: readonly TipFormError[];
}

const messageLabels: Readonly<Record<SenderView['messages'][number]['kind'], MessageKey>> = {
  tip: 'messageTip',
  reply: 'messageReply',
  sender: 'messageSender',
};

/** The sender's view: their messages and the agency's replies, oldest first, and a follow-up form. */
export function renderStatusPage(input: StatusPageInput): string {
  const { lang, view } = input;
  const replied = view.messages.some((m) => m.kind === 'reply');
  const errors = input.errors ?? [];
  const bodyError = errors.find((e) => e.field === 'body');
  const body = html`<h1>${t(lang, 'statusTitle')}</h1>
    <p class="lead">
      ${t(lang, 'statusAbout', { reference: view.reference, number: view.noticeNumber, date: formatDateTime(lang, view.createdAt) })}
    </p>
    ${input.sent === true ? html`<p class="note" role="status">${t(lang, 'followUpSent')}</p>` : ''}
    <h2>${t(lang, 'messagesHeading')}</h2>
    <ol class="messages">
      ${view.messages.map(
        (m) =>
          html`<li${m.kind === 'reply' ? html` class="reply"` : ''}><p class="meta"><strong>${t(lang, messageLabels[m.kind])}</strong> · ${formatDateTime(lang, m.at)}</p>${paragraphs(m.body)}</li>`,
      )}
    </ol>
    ${replied ? '' : html`<p>${t(lang, 'statusNoReply')}</p>`}
    <section class="tip" aria-labelledby="follow-up">
      <h2 id="follow-up">${t(lang, 'followUpHeading')}</h2>
      ${errorSummary(lang, errors)}
      <form method="post" action="${followUpPath(lang)}">
        <input type="hidden" name="reference" value="${view.reference}" />
        <input type="hidden" name="secret" value="${input.secret}" />
        <div class="field">
          <label for="tip-body">${t(lang, 'followUpLabel')}</label>${
            bodyError === undefined ? '' : html`<p class="error" id="tip-body-error">${bodyError.message}</p>`
          }<textarea
            id="tip-body"
            name="body"
            rows="5"
            required
            maxlength="${tipLimits.bodyMaxChars}"
            ${bodyError === undefined ? '' : html` aria-invalid="true" aria-describedby="tip-body-error"`}
          ></textarea>
        </div>
        <div class="actions"><button type="submit">${t(lang, 'followUpSend')}</button></div>
      </form>
    </section>`;
  return renderPage({ lang, title: t(lang, 'statusTitle'), pathIn: statusPath, body });
}
