/**
 * A tiny HTML template tag that escapes by default: every interpolated value is escaped unless it
 * is itself the result of `html` (or `unsafeHtml`, for markup built by this module's callers from
 * constants only). Arrays are joined; undefined, null and false render nothing.
 *
 *   const page = html`<p title="${title}">${text}</p>`;   // SafeHtml; `${page}` is its markup
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
 */

/** Markup that is already safe to put into a page. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => replacements[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** The template tag: literal parts are kept, values escaped (SafeHtml kept as is). */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks markup as safe without escaping: only for strings built from constants or escaped parts. */
export function unsafeHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Text with its line breaks kept: paragraphs at blank lines, `<br>` at single ones; each paragraph takes its own direction. */
export function paragraphs(text: string): SafeHtml {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return html`${blocks.map((b) => html`<p dir="auto">${b.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br />${line}`))}</p>`)}`;
}
