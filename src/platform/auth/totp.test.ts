import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, otpauthUri, totpCode, totpStep, verifyTotp } from './totp.js';

// RFC 6238 appendix B, SHA-1, secret "12345678901234567890", last six digits.
const secret = base32Encode(Buffer.from('12345678901234567890'));
const vectors: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('totp', () => {
  it.each(vectors)('matches RFC 6238 at %i s', (seconds, code) => {
    expect(totpCode(secret, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it('round-trips base32', () => {
    expect(base32Decode(secret).toString()).toBe('12345678901234567890');
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts one step of drift, refuses replays and garbage', () => {
    const at = new Date(1111111111 * 1000);
    const step = totpStep(at);
    expect(verifyTotp(secret, totpCode(secret, step - 1), at, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, step - 2), at, null)).toBeUndefined();
    expect(verifyTotp(secret, totpCode(secret, step), at, step)).toBeUndefined();
    expect(verifyTotp(secret, '12345', at, null)).toBeUndefined();
  });

  it('builds an otpauth URI for authenticator apps', () => {
    expect(otpauthUri('ABC', 'k.jansen')).toBe('otpauth://totp/Vigil%3Ak.jansen?secret=ABC&issuer=Vigil&algorithm=SHA1&digits=6&period=30');
  });
});
