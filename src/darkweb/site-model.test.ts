import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inScope, parseOrigin, urlPattern, validateSiteSettings } from './site-model.js';
import { takeInlineMedia } from './crawler.js';
import { onionAddressFromKey } from './transport/onion-address.js';

const onion = onionAddressFromKey(randomBytes(32));

describe('site origins', () => {
  it('takes a bare onion name, an onion URL and a clear-web URL, keeping scheme, host and port only', () => {
    expect(parseOrigin(onion)).toEqual({ kind: 'onion', origin: `http://${onion}` });
    expect(parseOrigin(`https://${onion}/forum/index.php`)).toEqual({ kind: 'onion', origin: `https://${onion}` });
    expect(parseOrigin('https://forum.example:8443/board')).toEqual({ kind: 'clear', origin: 'https://forum.example:8443' });
  });

  it('refuses a bad onion checksum, a v2 address, credentials, other schemes and bare host names, saying why', () => {
    const flipped = (onion[0] === 'a' ? 'b' : 'a') + onion.slice(1);
    expect(parseOrigin(flipped)).toEqual({ error: expect.stringMatching(/not a valid onion address/) as string });
    expect(parseOrigin('expyuzz4wqqyqhjn.onion')).toEqual({ error: expect.stringMatching(/v2|version 2|no longer/i) as string });
    expect(parseOrigin(`http://user:pw@${onion}`)).toEqual({ error: expect.stringMatching(/credentials/) as string });
    expect(parseOrigin('ftp://forum.example')).toEqual({ error: 'must be http or https' });
    expect(parseOrigin('localhost')).toEqual({ error: 'needs a full host name' });
  });
});

describe('site settings', () => {
  it('defaults the seed to the home page and names every bad number at once', () => {
    const ok = validateSiteSettings({ origin: onion });
    expect(ok.ok && ok.settings.seeds).toEqual([`http://${onion}/`]);
    const bad = validateSiteSettings({ origin: onion, concurrency: 0, recrawlMinutes: 1, timeoutMs: 10 });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['recrawlMinutes', 'concurrency', 'timeoutMs']);
  });

  it('refuses seeds off the origin', () => {
    const result = validateSiteSettings({ origin: onion, seeds: ['/board/1', 'http://elsewhere.example/'] });
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'seeds[1]', message: `must be a URL on http://${onion}` }]);
  });

  it('keeps an update over the current settings', () => {
    const base = validateSiteSettings({ origin: onion, maxDepth: 3 });
    if (!base.ok) throw new Error('valid');
    const updated = validateSiteSettings({ delayMs: 0 }, base.settings);
    expect(updated.ok && { depth: updated.settings.maxDepth, delay: updated.settings.delayMs, origin: updated.settings.origin }).toEqual({
      depth: 3,
      delay: 0,
      origin: `http://${onion}`,
    });
  });
});

describe('scope', () => {
  const settings = { origin: `http://${onion}`, scopeInclude: [] as string[], scopeExclude: ['*/logout*', '*?sort=*'] };

  it('follows links on the origin only, and none matching an exclude pattern', () => {
    expect(inScope(settings, `http://${onion}/thread/1`)).toBe(true);
    expect(inScope(settings, `http://${onion}/logout?x=1`)).toBe(false);
    expect(inScope(settings, `http://${onion}/board/1?sort=new`)).toBe(false);
    expect(inScope(settings, 'http://elsewhere.example/thread/1')).toBe(false);
    expect(inScope(settings, `https://${onion}/thread/1`)).toBe(false);
  });

  it('with include patterns, follows only what they match; * matches anything, the rest literally', () => {
    const members = { ...settings, scopeInclude: [`http://${onion}/members/*`] };
    expect(inScope(members, `http://${onion}/members/?page=2`)).toBe(true);
    expect(inScope(members, `http://${onion}/board/1`)).toBe(false);
    expect(urlPattern('http://a.example/x.y?z=*').test('http://a.example/x.y?z=1')).toBe(true);
    expect(urlPattern('http://a.example/x.y').test('http://a.example/xzy')).toBe(false);
  });
});

describe('images inlined as data: URIs', () => {
  it('are cut out of the page and returned as bytes', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const html = `<p>hi</p><img src="data:image/png;base64,${png.toString('base64')}"><img src="/a.png">`;
    const taken = takeInlineMedia(html);
    expect(taken?.media).toEqual([png]);
    expect(taken?.html).toBe('<p>hi</p><img src="data:,vigil-removed-inline-media-1"><img src="/a.png">');
    expect(takeInlineMedia('<p>no pictures, data:text/plain;base64,aGVsbG8=</p>')).toBeUndefined();
  });
});
