import { describe, expect, it } from 'vitest';
import { armorBody, findArmoredPublicKeys, pgpKeyIdOfArmor } from './openpgp.js';

// A throwaway Ed25519 key made with GnuPG 2 for this test; gpg printed its fingerprint as
// C432 FAC5 63F0 CEAF ED8F  0B3F C01D C231 BDBD 688A.
const gpgKey = `-----BEGIN PGP PUBLIC KEY BLOCK-----

mDMEawxEmhYJKwYBBAHaRw8BAQdAT1yLMsKbOH2fpssmWWoqvszPB+D3tYZK0wWp
zbba+jC0JFZhbHZlIENvbGxlY3RvciA8dmFsdmVzQGV4YW1wbGUub3JnPoiQBBMW
CAA4FiEExDL6xWPwzq/tjws/wB3CMb29aIoFAmsMRJoCGwMFCwkIBwIGFQoJCAsC
BBYCAwECHgECF4AACgkQwB3CMb29aIoYAwEAuJkQj0kKBm0+5z6mSXWK493sMfgR
ufHywJzD2j5dpLgBAMaYQ2fT95t9mzGrhU2ozh6cRvCKOrA+kmGrnpDXXqkG
=8vSL
-----END PGP PUBLIC KEY BLOCK-----`;
const gpgFingerprint = 'C432FAC563F0CEAFED8F0B3FC01DC231BDBD688A';

describe('OpenPGP public key blocks', () => {
  it('gives the primary key fingerprint gpg prints', () => {
    expect(pgpKeyIdOfArmor(gpgKey)).toBe(gpgFingerprint);
  });

  it('ignores armor headers, indentation and CRLF line ends', () => {
    const withHeaders = gpgKey.replace('\n\n', '\nVersion: GnuPG v2\nComment: radio parts only\n\n').replace(/\n/g, '\r\n    ');
    expect(pgpKeyIdOfArmor(withHeaders)).toBe(gpgFingerprint);
  });

  it('still reads a block whose line breaks were collapsed into spaces', () => {
    expect(pgpKeyIdOfArmor(gpgKey.replace('\n\n', '\nVersion: GnuPG v2\n\n').replace(/\s+/g, ' '))).toBe(gpgFingerprint);
  });

  it('falls back to a digest of the body when the packets cannot be read', () => {
    const garbled = gpgKey.replace('mDMEawxE', 'AAAAAAAA');
    const id = pgpKeyIdOfArmor(garbled);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pgpKeyIdOfArmor(garbled.replace(/\n/g, '\r\n'))).toBe(id);
    expect(armorBody(garbled)).not.toContain('=8vSL');
  });

  it('finds every complete block in a text', () => {
    const text = `my key:\n${gpgKey}\nand an old one:\n${gpgKey.replace('mDME', 'mDMF')}\n-----BEGIN PGP PUBLIC KEY BLOCK----- unfinished`;
    expect(findArmoredPublicKeys(text)).toHaveLength(2);
  });
});
