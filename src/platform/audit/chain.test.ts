import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, genesisHash, verifyBatch, type ChainedContent } from './chain.js';

const content = (seq: number): ChainedContent => ({
  seq,
  at: '2026-11-29T10:00:00.000Z',
  actorType: 'system',
  actorId: null,
  actorName: 'cli',
  agencyId: null,
  action: 'x',
  recordType: null,
  recordId: null,
  recordAgencyId: null,
  outcome: 'success',
  reason: null,
  ip: null,
  requestId: null,
  details: {},
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
  });
});

describe('verifyBatch', () => {
  it('accepts a chain and rejects a broken link', () => {
    const first = { content: content(1), prevHash: genesisHash, hash: chainHash(genesisHash, content(1)) };
    const second = { content: content(2), prevHash: first.hash, hash: chainHash(first.hash, content(2)) };
    expect(verifyBatch({ seq: 0, hash: genesisHash }, [first, second])).toEqual({ ok: true, state: { seq: 2, hash: second.hash } });
    expect(verifyBatch({ seq: 0, hash: genesisHash }, [second])).toMatchObject({ ok: false, broken: { seq: 2 } });
  });
});
