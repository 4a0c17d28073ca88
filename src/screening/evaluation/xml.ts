/**
 * A small, tolerant XML reader for list files (the UN consolidated sanctions list and the like):
 * elements, attributes, text, CDATA, comments, processing instructions and a DOCTYPE are read;
 * the five predefined entities and numeric character references are decoded; namespaces are kept
 * as part of the name. It is tolerant the way published list files need: an unknown entity stays
 * as written, a stray closing tag is ignored, a closing tag for an outer element closes the inner
 * ones left open, and elements still open at the end are closed. No DTD, no validation.
 *
 * @example parseXml('<a x="1"><b>t&amp;u</b><b/></a>').children[0] // <a> with two <b>
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

interface MutableElement {
  name: string;
  attributes: Record<string, string>;
  children: (MutableElement | string)[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined entities and numeric character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1];
    if (name) attributes[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

/** Parses a document into a synthetic root element (name `#document`) holding the top-level nodes. */
export function parseXml(text: string): XmlElement {
  const root: MutableElement = { name: '#document', attributes: {}, children: [] };
  const stack: MutableElement[] = [root];
  const top = (): MutableElement => stack[stack.length - 1] ?? root;
  const addText = (raw: string): void => {
    if (raw.length > 0) top().children.push(raw);
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      addText(decodeEntities(text.slice(i)));
      break;
    }
    if (lt > i) addText(decodeEntities(text.slice(i, lt)));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      i = end < 0 ? text.length : end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      addText(text.slice(lt + 9, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (text.startsWith('<!', lt)) {
      // DOCTYPE (possibly with an internal subset in brackets).
      let depth = 0;
      let j = lt + 2;
      for (; j < text.length; j++) {
        const c = text[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      i = j + 1;
    } else if (!/[A-Za-z_:/]/.test(text[lt + 1] ?? '')) {
      // Not a tag ('1 < 2'): the '<' is text.
      addText('<');
      i = lt + 1;
    } else {
      const gt = findTagEnd(text, lt + 1);
      const body = text.slice(lt + 1, gt).trim();
      // A tag cut short by the next '<' ends there; that '<' starts the next tag.
      i = gt < text.length && text[gt] === '>' ? gt + 1 : gt;
      if (body.startsWith('/')) {
        const name = body.slice(1).trim();
        const at = stack.map((e) => e.name).lastIndexOf(name);
        // A stray closing tag is ignored; one for an outer element closes the inner ones too.
        if (at > 0) stack.length = at;
        continue;
      }
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const nameEnd = inner.search(/\s/);
      const name = nameEnd < 0 ? inner : inner.slice(0, nameEnd);
      const element: MutableElement = { name, attributes: nameEnd < 0 ? {} : parseAttributes(inner.slice(nameEnd)), children: [] };
      top().children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  return root;
}

/**
 * Index of the `>` that ends a tag opened before `from`, skipping quoted attribute values; of the
 * next unquoted `<` when the tag is cut short; the text length when neither comes.
 */
function findTagEnd(text: string, from: number): number {
  let quote = '';
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>' || c === '<') return j;
  }
  return text.length;
}

/** Child elements, all or those with the given name. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** The first child element with the given name. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** All text inside an element (descendants included), whitespace trimmed. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (typeof c === 'string') parts.push(c);
      else walk(c);
    }
  };
  walk(element);
  return parts.join('').trim();
}

/** The trimmed text of the first child with the given name ('' when absent). */
export function childText(element: XmlElement, name: string): string {
  return textOf(childElement(element, name));
}
