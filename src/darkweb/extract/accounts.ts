/**
 * Accounts seen in page text and links (pure): e-mail addresses, PGP public keys and fingerprints,
 * Bitcoin (checksums verified), Monero, Ethereum and other onion services (fully validated with
 * the transport's `parseOnionAddress`). Every pattern is anchored by a look-behind so that it is
 * tried once per word, not once per character, and each kind stops after `maxCandidates` matches:
 * the scan stays linear on hostile text.
 *
 *   findTextAccounts('pay to 1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i'); // [{ kind: 'bitcoin', value: '1AGN…62i', context: 'pay to 1AGN…' }]
 */
import { parseOnionAddress } from '../transport/onion-address.js';
import { isEthereumAddress, moneroAddressKind, parseBitcoinAddress } from './crypto-addresses.js';
import { collapseWhitespace } from './html-text.js';
import { findArmoredPublicKeys, pgpKeyIdOfArmor } from './openpgp.js';

export type AccountKind = 'username' | 'email' | 'pgp_key' | 'bitcoin' | 'monero' | 'ethereum' | 'onion';

export interface ExtractedAccount {
  kind: AccountKind;
  /** Normalised: e-mail, segwit, Ethereum and onion lower-cased; PGP as an upper-case fingerprint or `sha256:…`. */
  value: string;
  /** Where it was seen: the text around it, the link it came from, or the rule that found it. */
  context?: string;
}

/** Matches examined per kind and page. */
export const maxCandidates = 200;

// Each pattern starts with a character class and then looks behind it, so that the engine's quick
// first-character scan skips most positions and a match can only start at the beginning of a word.
const patterns = {
  bitcoinBase58: /[13](?<![A-Za-z0-9][13])[1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g,
  bitcoinSegwit: /(?:bc1|BC1)(?<![A-Za-z0-9](?:bc1|BC1))[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}(?![A-Za-z0-9])/g,
  monero: /[48](?<![A-Za-z0-9][48])[1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?(?![A-Za-z0-9])/g,
  ethereum: /0x(?<![A-Za-z0-9]0x)[0-9a-fA-F]{40}(?![A-Za-z0-9])/g,
  onion: /[a-z2-7](?<![a-z0-9][a-z2-7])[a-z2-7]{55}\.onion(?![a-z0-9-])/gi,
  pgpFingerprint: /[0-9A-Fa-f](?<![A-Za-z0-9][0-9A-Fa-f])[0-9A-Fa-f]{3} {0,2}(?:[0-9A-Fa-f]{4} {0,2}){8}[0-9A-Fa-f]{4}(?![A-Za-z0-9])/g,
};
/** The domain of an e-mail address, tried right after each "@". */
const emailDomain = /(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){1,8}[A-Za-z]{2,24}(?![\w-])/y;

/** File names look like e-mail addresses ("logo@2x.png"): these endings are not top-level domains people mail. */
const fileExtensions = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'css', 'js', 'html', 'htm', 'php', 'zip', 'pdf', 'txt', 'mp4']);
const fingerprintContext = /fingerprint|fpr|pgp|gpg|openpgp|key/i;

/** Collects accounts once per kind and value, keeping the first context seen. */
export class AccountSet {
  readonly #accounts = new Map<string, ExtractedAccount>();

  add(kind: AccountKind, value: string, context?: string): void {
    const key = `${kind}\u0000${value}`;
    if (value === '' || this.#accounts.has(key)) return;
    this.#accounts.set(key, context === undefined || context === '' ? { kind, value } : { kind, value, context });
  }

  has(kind: AccountKind, value: string): boolean {
    return this.#accounts.has(`${kind}\u0000${value}`);
  }

  list(): ExtractedAccount[] {
    return [...this.#accounts.values()];
  }
}

/** Accounts written in a text; `ownOnion` (the page's own `name.onion`) is not reported as another onion. */
export function findTextAccounts(text: string, ownOnion?: string, into = new AccountSet()): ExtractedAccount[] {
  const each = (pattern: RegExp, handle: (match: string, index: number) => void): void => {
    let count = 0;
    for (const match of text.matchAll(pattern)) {
      handle(match[0], match.index);
      if ((count += 1) >= maxCandidates) break;
    }
  };
  const around = (index: number, length: number): string => snippet(text, index, length);

  for (const { address, index } of findEmails(text)) {
    const tld = address.slice(address.lastIndexOf('.') + 1).toLowerCase();
    if (!fileExtensions.has(tld)) into.add('email', address.toLowerCase(), around(index, address.length));
  }
  for (const block of findArmoredPublicKeys(text)) into.add('pgp_key', pgpKeyIdOfArmor(block), 'armored public key block');
  each(patterns.pgpFingerprint, (match, index) => {
    const grouped = match.includes(' ');
    if (grouped || fingerprintContext.test(text.slice(Math.max(0, index - 80), index))) {
      into.add('pgp_key', match.replace(/ /g, '').toUpperCase(), around(index, match.length));
    }
  });
  each(patterns.bitcoinBase58, (match, index) => {
    const address = parseBitcoinAddress(match);
    if (address?.network === 'mainnet') into.add('bitcoin', address.address, around(index, match.length));
  });
  each(patterns.bitcoinSegwit, (match, index) => {
    const address = parseBitcoinAddress(match);
    if (address?.network === 'mainnet') into.add('bitcoin', address.address, around(index, match.length));
  });
  each(patterns.monero, (match, index) => {
    if (moneroAddressKind(match) !== undefined) into.add('monero', match, around(index, match.length));
  });
  each(patterns.ethereum, (match, index) => {
    if (isEthereumAddress(match)) into.add('ethereum', match.toLowerCase(), around(index, match.length));
  });
  if (/\.onion/i.test(text))
    each(patterns.onion, (match, index) => {
      const parsed = parseOnionAddress(match);
      if (parsed.ok && parsed.address !== ownOnion) into.add('onion', parsed.address, around(index, match.length));
    });
  return into.list();
}

/** The account a link points at: mailto:, bitcoin:, monero:, ethereum: URIs and links to other onion services. */
export function accountFromHref(href: string, ownOnion?: string): { kind: AccountKind; value: string } | undefined {
  const colon = href.indexOf(':');
  if (colon < 0) return undefined;
  const scheme = href.slice(0, colon).trim().toLowerCase();
  const rest = href.slice(colon + 1).replace(/^\/\//, '');
  const target = safeDecode(rest.split(/[?#@/]/, 1)[0] ?? '');
  switch (scheme) {
    case 'mailto': {
      const email = safeDecode(rest.split(/[?#]/, 1)[0] ?? '').trim();
      return /^[^\s@]{1,64}@[^\s@]{3,255}$/.test(email) ? { kind: 'email', value: email.toLowerCase() } : undefined;
    }
    case 'bitcoin': {
      const address = parseBitcoinAddress(target);
      return address?.network === 'mainnet' ? { kind: 'bitcoin', value: address.address } : undefined;
    }
    case 'monero':
      return moneroAddressKind(target) !== undefined ? { kind: 'monero', value: target } : undefined;
    case 'ethereum': {
      const address = target.replace(/^pay-/, '');
      return isEthereumAddress(address) ? { kind: 'ethereum', value: address.toLowerCase() } : undefined;
    }
    case 'http':
    case 'https': {
      if (!/\.onion\b/i.test(href)) return undefined;
      let host: string;
      try {
        host = new URL(href).hostname;
      } catch {
        return undefined;
      }
      if (!host.endsWith('.onion')) return undefined;
      const parsed = parseOnionAddress(host);
      return parsed.ok && parsed.address !== ownOnion ? { kind: 'onion', value: parsed.address } : undefined;
    }
    default:
      return undefined;
  }
}

/** The onion service (`name.onion`, subdomains dropped) a host name belongs to, when it is a valid one. */
export function onionServiceOf(host: string): string | undefined {
  if (!host.toLowerCase().endsWith('.onion')) return undefined;
  const parsed = parseOnionAddress(host);
  return parsed.ok ? parsed.address : undefined;
}

/**
 * E-mail addresses, found from each "@": the local part is the run of address characters before it
 * (at most 64), the domain is matched in place after it. Linear in the text, whatever it holds.
 */
function findEmails(text: string): { address: string; index: number }[] {
  const found: { address: string; index: number }[] = [];
  for (let at = text.indexOf('@'); at >= 0 && found.length < maxCandidates; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start <= 64 && isLocalPartChar(text.charCodeAt(start - 1))) start -= 1;
    if (at - start > 64) continue;
    // A local part starts with a letter or digit ("(.bob@…" is bob@…).
    while (start < at && !isAlphanumeric(text.charCodeAt(start))) start += 1;
    if (start === at) continue;
    emailDomain.lastIndex = at + 1;
    const domain = emailDomain.exec(text);
    if (domain !== null) found.push({ address: text.slice(start, at + 1 + domain[0].length), index: start });
  }
  return found;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Letters, digits and . _ % + - */
function isLocalPartChar(code: number): boolean {
  return isAlphanumeric(code) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45;
}

function snippet(text: string, index: number, length: number): string {
  return collapseWhitespace(text.slice(Math.max(0, index - 40), index + length + 40)).slice(0, 160);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
