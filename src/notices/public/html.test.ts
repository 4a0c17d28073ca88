import { describe, expect, it } from 'vitest';
import { escapeHtml, html, paragraphs, unsafeHtml } from './html.js';

describe('html', () => {
  it('escapes every interpolated value by default', () => {
    const text = `<script>alert("x")</script> & 'y' \`z\``;
    expect(html`<p>${text}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</p>');
  });

  it('escapes quotes so a value cannot leave its attribute', () => {
    const value = '" onmouseover="alert(1)';
    expect(html`<input value="${value}" />`.value).toBe('<input value="&quot; onmouseover=&quot;alert(1)" />');
  });

  it('keeps nested templates and joins arrays, escaping their values', () => {
    const items = ['a<b', 'c&d'];
    expect(
      html`<ul>
        ${items.map((i) => html`<li>${i}</li>`)}
      </ul>`.value.replace(/>\s+</g, '><'),
    ).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
  });

  it('renders nothing for undefined, null and false, and numbers as text', () => {
    expect(html`${undefined}${null}${false}${0}${12.5}`.value).toBe('012.5');
  });

  it('leaves unsafeHtml as it is and escapes plain strings that look like markup', () => {
    expect(html`${unsafeHtml('<b>x</b>')}${'<b>y</b>'}`.value).toBe('<b>x</b>&lt;b&gt;y&lt;/b&gt;');
  });

  it('escapeHtml handles text without special characters unchanged', () => {
    expect(escapeHtml('José Müller, 42')).toBe('José Müller, 42');
  });

  it('paragraphs keeps blank-line paragraphs and single line breaks, escaped', () => {
    expect(paragraphs('one\r\ntwo <i>\n\n\nthree').value).toBe('<p dir="auto">one<br />two &lt;i&gt;</p><p dir="auto">three</p>');
    expect(paragraphs('  \n ').value).toBe('');
  });
});
