import { describe, expect, it } from 'vitest';
import { onionAddressFromKey } from '../transport/onion-address.js';
import { accountFromHref, findTextAccounts, maxCandidates } from './accounts.js';

const onionA = onionAddressFromKey(new Uint8Array(32).fill(1));
const onionB = onionAddressFromKey(new Uint8Array(32).fill(2));

const values = (text: string, kind: string, ownOnion?: string): string[] =>
  findTextAccounts(text, ownOnion)
    .filter((account) => account.kind === kind)
    .map((account) => account.value);

describe('findTextAccounts', () => {
  it('finds e-mail addresses, lower-cased, and skips file names', () => {
    const text = 'Write to Valve.Wizard+radio@RelicMail.example or sue@mail.relics.org. Logo: logo@2x.png';
    expect(values(text, 'email')).toEqual(['valve.wizard+radio@relicmail.example', 'sue@mail.relics.org']);
  });

  it('keeps Bitcoin addresses whose checksum is right, mainnet only', () => {
    const text = [
      'good 1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i',
      'p2sh 3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou',
      'segwit BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
      'taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      'typo 1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62j',
      'testnet tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
      'embedded x1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i',
    ].join('\n');
    expect(values(text, 'bitcoin')).toEqual([
      '1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i',
      '3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    ]);
  });

  it('finds Monero and Ethereum addresses', () => {
    const monero = '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A';
    const text = `XMR: ${monero}. ETH: 0x52908400098527886E0F7030069857D2E4169EE7, not 0x1234.`;
    expect(values(text, 'monero')).toEqual([monero]);
    expect(values(text, 'ethereum')).toEqual(['0x52908400098527886e0f7030069857d2e4169ee7']);
    // The ETH address is not read as a PGP fingerprint.
    expect(values(text, 'pgp_key')).toEqual([]);
  });

  it('finds other onion services, validated, not the page’s own', () => {
    const broken = `${onionB.slice(0, 10)}${onionB[10] === 'a' ? 'b' : 'a'}${onionB.slice(11)}`;
    const text = `Mirror: http://www.${onionA}/ shop ${onionB.toUpperCase()} broken ${broken}`;
    expect(values(text, 'onion')).toEqual([onionA, onionB]);
    expect(values(text, 'onion', onionA)).toEqual([onionB]);
  });

  it('takes a 40-hex fingerprint when grouped as gpg prints it, or introduced as a key', () => {
    const grouped = 'C432 FAC5 63F0 CEAF ED8F  0B3F C01D C231 BDBD 688A';
    expect(values(`Key: ${grouped}`, 'pgp_key')).toEqual(['C432FAC563F0CEAFED8F0B3FC01DC231BDBD688A']);
    expect(values('PGP fingerprint: c432fac563f0ceafed8f0b3fc01dc231bdbd688a', 'pgp_key')).toEqual([
      'C432FAC563F0CEAFED8F0B3FC01DC231BDBD688A',
    ]);
    expect(values('torrent c432fac563f0ceafed8f0b3fc01dc231bdbd688a', 'pgp_key')).toEqual([]);
  });

  it('records where each account was seen, once per value', () => {
    const accounts = findTextAccounts('pay 1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i now, again 1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i');
    expect(accounts).toEqual([
      { kind: 'bitcoin', value: '1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i', context: expect.stringContaining('pay 1AGN') },
    ]);
  });

  it('examines a bounded number of candidates per kind', () => {
    const text = Array.from({ length: maxCandidates * 3 }, (_, i) => `user${i}@relics.example`).join(' ');
    expect(values(text, 'email')).toHaveLength(maxCandidates);
  });
});

describe('accountFromHref', () => {
  it('reads mailto:, bitcoin:, ethereum: and links to other onions', () => {
    expect(accountFromHref('mailto:Sue@Relics.example?subject=Radio')).toEqual({ kind: 'email', value: 'sue@relics.example' });
    expect(accountFromHref('bitcoin:1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i?amount=0.1')).toEqual({
      kind: 'bitcoin',
      value: '1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i',
    });
    expect(accountFromHref('ethereum:0x52908400098527886E0F7030069857D2E4169EE7@1')).toEqual({
      kind: 'ethereum',
      value: '0x52908400098527886e0f7030069857d2e4169ee7',
    });
    expect(accountFromHref(`http://${onionA}/shop`)).toEqual({ kind: 'onion', value: onionA });
    expect(accountFromHref(`http://${onionA}/shop`, onionA)).toBeUndefined();
    expect(accountFromHref('https://example.org/')).toBeUndefined();
    expect(accountFromHref('/relative/path')).toBeUndefined();
    expect(accountFromHref('bitcoin:not-an-address')).toBeUndefined();
  });
});
