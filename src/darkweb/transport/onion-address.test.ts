import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isOnionHost, onionAddressFromKey, onionHostOf, parseOnionAddress } from './onion-address.js';

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** Independent of the module: base32 by bit strings, the checksum per rend-spec-v3 §6. */
function referenceAddress(key: Buffer, version = 3): string {
  const checksum = createHash('sha3-256')
    .update(Buffer.concat([Buffer.from('.onion checksum'), key, Buffer.from([version])]))
    .digest()
    .subarray(0, 2);
  return `${encode(Buffer.concat([key, checksum, Buffer.from([version])]))}.onion`;
}

const ed25519Key = (): Buffer => {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
};

/** Public v3 addresses, as published by their operators. */
const wellKnown = {
  torProject: '2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion',
  duckDuckGo: 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion',
  facebook: 'facebookwkhpilnemxj7asaniu7vnjjbiltxjqhye3mhbshg7kx5tfyd.onion',
};

describe('parseOnionAddress', () => {
  it('accepts addresses made from random and real ed25519 keys, and returns the key', () => {
    for (const key of [randomBytes(32), randomBytes(32), ed25519Key(), ed25519Key(), Buffer.alloc(32), Buffer.alloc(32, 0xff)]) {
      const address = referenceAddress(key);
      const result = parseOnionAddress(address);
      expect(result).toEqual({ ok: true, address, publicKey: key });
      expect(onionAddressFromKey(key)).toBe(address);
    }
  });

  it('accepts the well-known public onion services', () => {
    for (const address of Object.values(wellKnown)) expect(parseOnionAddress(address)).toMatchObject({ ok: true, address });
  });

  it('accepts upper case, no suffix, subdomains, a trailing dot, ports and URLs', () => {
    const address = wellKnown.torProject;
    const name = address.slice(0, 56);
    for (const input of [
      name,
      name.toUpperCase(),
      address.toUpperCase(),
      `www.${address}`,
      `a.b.${address}.`,
      ` ${address} `,
      `${address}:8080`,
      `http://${address}/about?x=1`,
      `https://user:pw@WWW.${address.toUpperCase()}:443/`,
      `${address}/path`,
    ]) {
      expect(parseOnionAddress(input), input).toMatchObject({ ok: true, address });
    }
  });

  it('rejects a flipped character anywhere with a checksum (or version) failure', () => {
    const address = referenceAddress(randomBytes(32));
    for (let at = 0; at < 56; at += 1) {
      const char = address[at] === 'a' ? 'b' : 'a';
      const result = parseOnionAddress(address.slice(0, at) + char + address.slice(at + 1));
      expect(result.ok, `position ${at}`).toBe(false);
      if (!result.ok) expect(['bad_checksum', 'wrong_version']).toContain(result.reason);
    }
  });

  it('rejects with a distinct reason for each problem', () => {
    const key = randomBytes(32);
    const address = referenceAddress(key);
    // The checksum computed for version 4, so that only the version is wrong.
    const wrongVersion = referenceAddress(key, 4);
    const cases: [string, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['expyuzz4wqqyqhjn.onion', 'v2_unsupported'],
      ['facebookcorewwwi.onion', 'v2_unsupported'],
      [address.slice(1), 'wrong_length'],
      [`a${address}`, 'wrong_length'],
      ['abc.onion', 'wrong_length'],
      [`${address.slice(0, 10)}1${address.slice(11)}`, 'not_base32'],
      [`${address.slice(0, 10)}-${address.slice(11)}`, 'not_base32'],
      [wrongVersion, 'wrong_version'],
      [`${'a'.repeat(56)}.onion`, 'wrong_version'],
      [`${address.slice(0, 55)}${address[55] === 'd' ? 'e' : 'd'}.onion`, 'wrong_version'],
      ['example.com', 'not_onion'],
      [`https://example.com/${address}`, 'not_onion'],
      [`${address}.example.com`, 'not_onion'],
    ];
    for (const [input, reason] of cases) expect(parseOnionAddress(input), input).toMatchObject({ ok: false, reason });
    const bad = parseOnionAddress(flipChecksum(address));
    expect(bad).toMatchObject({ ok: false, reason: 'bad_checksum' });
    if (!bad.ok) expect(bad.message).toMatch(/checksum/);
  });
});

describe('onion hosts in URLs', () => {
  it('finds the onion host of a URL, subdomains kept, and nothing for other hosts', () => {
    const address = wellKnown.duckDuckGo;
    expect(onionHostOf(`https://${address}/?q=x`)).toBe(address);
    expect(onionHostOf(`http://WWW.${address.toUpperCase()}:8080/a`)).toBe(`www.${address}`);
    expect(onionHostOf(`http://${address}./`)).toBe(address);
    expect(onionHostOf('https://duckduckgo.com/')).toBeUndefined();
    expect(onionHostOf('not a url')).toBeUndefined();
  });

  it('tells onion names (valid or not) from others', () => {
    expect(isOnionHost('x.onion')).toBe(true);
    expect(isOnionHost('X.ONION.')).toBe(true);
    expect(isOnionHost('onion')).toBe(true);
    expect(isOnionHost('onion.example.com')).toBe(false);
    expect(isOnionHost('myonion')).toBe(false);
  });
});

/** Changes the checksum bytes, keeping the key and the version. */
function flipChecksum(address: string): string {
  const bytes = decode(address.slice(0, 56));
  bytes[32] = (bytes[32] ?? 0) ^ 0x01;
  return `${encode(bytes)}.onion`;
}

function encode(bytes: Buffer): string {
  const bits = [...bytes].map((byte) => byte.toString(2).padStart(8, '0')).join('');
  return (bits.match(/.{5}/g) ?? []).map((five) => alphabet[parseInt(five, 2)]).join('');
}

function decode(text: string): Buffer {
  const bits = [...text].map((char) => alphabet.indexOf(char).toString(2).padStart(5, '0')).join('');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((eight) => parseInt(eight, 2)));
}
