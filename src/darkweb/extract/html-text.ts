/**
 * HTML parsing that stays fast on hostile pages (pure), and the visible text of a parsed tree.
 * node-html-parser is quadratic on thousands of unclosed tags and on unterminated comments, so
 * `parseHtml` keeps unclosed tags nested (as browsers do), neutralises comment openers that are
 * never closed and caps the input; every walk here is iterative, so deep nesting cannot overflow
 * the stack.
 *
 *   const root = parseHtml(html); const text = collapseWhitespace(visibleText(root));
 */
import { NodeType, parse, type HTMLElement, type Node, type TextNode } from 'node-html-parser';

/** Longer documents are cut here before parsing (4 MiB of characters). */
export const maxHtmlChars = 4 * 1024 * 1024;

const parseOptions = {
  parseNoneClosedTags: true,
  comment: false,
  // Only script and style are raw text; their content is dropped (false). <pre> and <noscript> are parsed as HTML.
  blockTextElements: { script: false, style: false },
};

/** Parses a page defensively: see the module comment. */
export function parseHtml(html: string): HTMLElement {
  const capped = html.length > maxHtmlChars ? html.slice(0, maxHtmlChars) : html;
  // The parser keeps <!DOCTYPE …> and <?xml …?> as text: drop them.
  const declarations = /<![a-z][^>]{0,1000}>|<\?[^>]{0,1000}>/gi;
  return parse(neutraliseUnclosedComments(capped.replace(declarations, '')), parseOptions);
}

/** Comment openers after the last "-->" would each make the parser scan to the end: show them as text instead. */
function neutraliseUnclosedComments(html: string): string {
  const lastClose = html.lastIndexOf('-->');
  const tailStart = lastClose < 0 ? 0 : lastClose + 3;
  if (!html.includes('<!--', tailStart)) return html;
  return html.slice(0, tailStart) + html.slice(tailStart).replaceAll('<!--', '&lt;!--');
}

/** The lower-case tag name of an element ('' for the document root). */
export function tagOf(element: HTMLElement): string {
  return element.rawTagName ? element.rawTagName.toLowerCase() : '';
}

// Not 'head': its end tag is optional, and a page that leaves it out would have no visible text at all.
const invisibleTags = new Set(['script', 'style', 'template', 'title', 'iframe', 'object', 'svg', 'canvas', 'math']);
const blockTags = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** True for elements a reader never sees: hidden attribute, display:none, visibility:hidden. */
function isHidden(element: HTMLElement): boolean {
  // Reading attributes makes the parser parse them all: look at the raw text first.
  const raw = element.rawAttrs;
  if (raw === '' || !/hidden|style/i.test(raw)) return false;
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

const blockEnd = Symbol('block end');

export interface VisibleTextOptions {
  /** Stop collecting after about this many characters. */
  limit?: number;
  /** Subtrees to leave out (for a post: its author and time elements). */
  exclude?: ReadonlySet<Node>;
  /** Stop after visiting this many nodes: bounds the work on deep or padded subtrees. */
  maxNodes?: number;
}

/**
 * The text a reader sees, with a line break at every block boundary and <br>, entities decoded and
 * the source's own line breaks kept (armored PGP blocks need them). Collapse it for display.
 */
export function visibleText(root: Node, options: VisibleTextOptions = {}): string {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let budget = options.maxNodes ?? Number.POSITIVE_INFINITY;
  const parts: string[] = [];
  let length = 0;
  const stack: (Node | typeof blockEnd)[] = [root];
  while (stack.length > 0 && length < limit && budget > 0) {
    const node = stack.pop()!;
    budget -= 1;
    if (node === blockEnd) {
      parts.push('\n');
      length += 1;
      continue;
    }
    if (node.nodeType === NodeType.TEXT_NODE) {
      const text = (node as TextNode).text;
      parts.push(text);
      length += text.length;
      continue;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE || options.exclude?.has(node) === true) continue;
    const element = node as HTMLElement;
    const tag = tagOf(element);
    if (node !== root && (invisibleTags.has(tag) || isHidden(element))) continue;
    if (tag === 'br') {
      parts.push('\n');
      length += 1;
      continue;
    }
    if (blockTags.has(tag)) {
      parts.push('\n');
      stack.push(blockEnd);
    }
    const children = element.childNodes;
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  const text = parts.join('');
  return text.length > limit ? text.slice(0, limit) : text;
}

/** Runs of white space (including no-break spaces) become one space; ends trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Nodes visited for the text of one element (a name, a link): enough for any real one. */
const elementTextNodes = 2000;

/** The collapsed visible text of one element, cut to `max` characters. */
export function elementText(element: Node, max = 500): string {
  return collapseWhitespace(visibleText(element, { limit: max * 4, maxNodes: elementTextNodes })).slice(0, max);
}

/** The first element in a subtree (the root included) that satisfies `test`, looking at no more than `maxNodes` nodes. */
export function findElement(
  root: HTMLElement,
  test: (element: HTMLElement) => boolean,
  maxNodes = elementTextNodes,
): HTMLElement | undefined {
  const stack: Node[] = [root];
  for (let budget = maxNodes; stack.length > 0 && budget > 0; budget -= 1) {
    const node = stack.pop()!;
    if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
    if (test(node as HTMLElement)) return node as HTMLElement;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return undefined;
}

/** Every element of the tree in document order, walked iteratively. */
export function allElements(root: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
    out.push(node as HTMLElement);
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return out;
}

/** Cuts a string to at most `max` characters without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
