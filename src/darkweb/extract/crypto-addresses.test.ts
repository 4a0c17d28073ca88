import { describe, expect, it } from 'vitest';
import {
  decodeBase58Check,
  decodeBech32,
  decodeSegwitAddress,
  encodeBase58Check,
  encodeSegwitAddress,
  isEthereumAddress,
  moneroAddressKind,
  parseBitcoinAddress,
} from './crypto-addresses.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('Bech32 and Bech32m (BIP-173, BIP-350 test vectors)', () => {
  it('accepts the valid checksum strings of each encoding', () => {
    const bech32 = [
      'A12UEL5L',
      'a12uel5l',
      'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
      'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
      `11${'q'.repeat(82)}c8247j`,
      'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
      '?1ezyfcl',
    ];
    const bech32m = [
      'A1LQFN3A',
      'a1lqfn3a',
      'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
      'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
      `11${'l'.repeat(83)}udsr8`,
      'split1checkupstagehandshakeupstreamerranterredcaperredlc445v',
      '?1v759aa',
    ];
    for (const text of bech32) expect(decodeBech32(text)?.encoding, text).toBe('bech32');
    for (const text of bech32m) expect(decodeBech32(text)?.encoding, text).toBe('bech32m');
  });

  it('rejects the invalid Bech32m strings', () => {
    const invalid = [
      '\x201xj0phk',
      '\x7f1g6xzxy',
      '\x801vctc34',
      'an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4',
      'qyrz8wqd2c9m',
      '1qyrz8wqd2c9m',
      'y1b0jsk6g',
      'lt1igcx5c0',
      'in1muywd',
      'mm1crxm3i',
      'au1s5cgom',
      'M1VUXWEZ',
      '16plkw9',
      '1p2gdwpf',
    ];
    for (const text of invalid) expect(decodeBech32(text), text).toBeUndefined();
  });

  it('decodes the valid segwit addresses to their scriptPubKey', () => {
    const valid: [string, string][] = [
      ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', '0014751e76e8199196d454941c45d1b3a323f1433bd6'],
      [
        'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
        '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262',
      ],
      [
        'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
        '5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6',
      ],
      ['BC1SW50QGDZ25J', '6002751e'],
      ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', '5210751e76e8199196d454941c45d1b3a323'],
      [
        'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy',
        '0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433',
      ],
      [
        'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c',
        '5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433',
      ],
      [
        'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
        '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798',
      ],
    ];
    for (const [address, scriptPubKey] of valid) {
      const hrp = address.slice(0, 2).toLowerCase();
      const decoded = decodeSegwitAddress(hrp, address);
      expect(decoded, address).toBeDefined();
      const opVersion = decoded!.version === 0 ? 0 : 0x50 + decoded!.version;
      expect(hex(Uint8Array.of(opVersion, decoded!.program.length, ...decoded!.program))).toBe(scriptPubKey);
      expect(encodeSegwitAddress(hrp, decoded!.version, decoded!.program)).toBe(address.toLowerCase());
    }
  });

  it('rejects the invalid segwit addresses', () => {
    const invalid = [
      'tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd',
      'tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf',
      'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh',
      'tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47',
      'bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4',
      'BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R',
      'bc1pw5dgrnzv',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav',
      'BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P',
      'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf',
      'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j',
      'bc1gmk9yu',
    ];
    for (const address of invalid) {
      expect(decodeSegwitAddress('bc', address), address).toBeUndefined();
      expect(decodeSegwitAddress('tb', address), address).toBeUndefined();
      expect(parseBitcoinAddress(address), address).toBeUndefined();
    }
  });
});

describe('Base58Check Bitcoin addresses', () => {
  it('decodes P2PKH and P2SH with their checksum', () => {
    expect(hex(decodeBase58Check('1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i')!)).toBe('0065a16059864a2fdbc7c99a4723a8395bc6f188eb');
    expect(hex(decodeBase58Check('3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou')!)).toBe('0574f209f6ea907e2ea48f74fae05782ae8a665257');
    expect(parseBitcoinAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toMatchObject({ type: 'p2pkh', network: 'mainnet' });
    expect(parseBitcoinAddress('3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou')).toMatchObject({ type: 'p2sh', network: 'mainnet' });
    // BIP-173's example key as a legacy address: the same hash as bc1qw508…
    expect(encodeBase58Check(Buffer.from('00751e76e8199196d454941c45d1b3a323f1433bd6', 'hex'))).toBe('1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH');
  });

  it('rejects a changed character, a character outside the alphabet and a wrong length', () => {
    for (const text of [
      '1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62j',
      '1ANNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i',
      '1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62I',
      '1AGNa15ZQXAZ',
      '',
    ]) {
      expect(parseBitcoinAddress(text), text).toBeUndefined();
    }
  });

  it('reads segwit addresses as lower case', () => {
    expect(parseBitcoinAddress('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toMatchObject({
      address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      type: 'segwit',
      witnessVersion: 0,
    });
  });
});

describe('Monero and Ethereum', () => {
  it('recognises a Monero standard address by prefix, blocks and length', () => {
    const address = '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A';
    expect(moneroAddressKind(address)).toBe('standard');
    expect(moneroAddressKind(address.slice(0, 94))).toBeUndefined();
    expect(moneroAddressKind(`4${'z'.repeat(94)}`)).toBeUndefined();
    expect(moneroAddressKind(address.replace('44AF', '44A0'))).toBeUndefined();
  });

  it('accepts 0x and 40 hex digits as Ethereum', () => {
    expect(isEthereumAddress('0x52908400098527886E0F7030069857D2E4169EE7')).toBe(true);
    expect(isEthereumAddress('0x52908400098527886E0F7030069857D2E4169EE')).toBe(false);
    expect(isEthereumAddress('52908400098527886E0F7030069857D2E4169EE7')).toBe(false);
  });
});
