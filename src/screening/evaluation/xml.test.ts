import { describe, expect, it } from 'vitest';
import { childElement, childElements, childText, parseXml, textOf } from './xml.js';

describe('parseXml', () => {
  it('reads elements, attributes, text, entities and CDATA', () => {
    const doc = parseXml(
      '<?xml version="1.0"?>\n<!-- list --><LIST date="2026-02-27" note=\'a &amp; b\'><P><N>AL-QA&apos;IDA &#x26; Co &#233;</N><E/><C><![CDATA[<raw> & text]]></C></P></LIST>',
    );
    const list = childElement(doc, 'LIST');
    expect(list?.attributes).toEqual({ date: '2026-02-27', note: 'a & b' });
    const p = list ? childElement(list, 'P') : undefined;
    expect(p && childText(p, 'N')).toBe("AL-QA'IDA & Co é");
    expect(p && childElements(p).map((e) => e.name)).toEqual(['N', 'E', 'C']);
    expect(p && childText(p, 'E')).toBe('');
    expect(p && childText(p, 'C')).toBe('<raw> & text');
  });

  it('tolerates stray and missing closing tags, unknown entities and a DOCTYPE', () => {
    const doc = parseXml('<!DOCTYPE x [<!ENTITY y "z">]><a><b>one</x></b><c>two &nbsp; three<d>four</a>');
    const a = childElement(doc, 'a');
    expect(a && childText(a, 'b')).toBe('one');
    expect(a && textOf(childElement(a, 'c'))).toBe('two &nbsp; threefour');
  });

  it('keeps a lone < in text', () => {
    const doc = parseXml('<a>1 < 2</a>');
    expect(textOf(childElement(doc, 'a'))).toBe('1 < 2');
  });
});
