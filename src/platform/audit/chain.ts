/**
 * The audit hash chain (pure). Each entry's hash is SHA-256 over the previous entry's hash and
 * the entry's canonical content: JSON with keys sorted at every depth, timestamps in ISO form.
 * Altering, deleting or reordering any entry breaks the chain from that entry on.
 */
import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

/** The chained fields of one entry, exactly as stored. */
export interface ChainedContent {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  agencyId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  recordAgencyId: string | null;
  outcome: string;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

/** Deterministic JSON: object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface StoredEntry {
  content: ChainedContent;
  prevHash: string;
  hash: string;
}

export type ChainProblem =
  | 'sequence gap or reordering'
  | 'previous hash does not match the entry before it'
  | 'content does not match its hash'
  | 'the chain ends before its recorded head';

export interface ChainBreak {
  seq: number;
  problem: ChainProblem;
}

/**
 * Checks entries in order against the running state; returns the first break or the new state.
 * Feed it batches: the state carries over.
 */
export function verifyBatch(
  state: { seq: number; hash: string },
  entries: readonly StoredEntry[],
): { ok: true; state: { seq: number; hash: string } } | { ok: false; broken: ChainBreak } {
  let { seq, hash } = state;
  for (const entry of entries) {
    const at = entry.content.seq;
    if (at !== seq + 1) return { ok: false, broken: { seq: at, problem: 'sequence gap or reordering' } };
    if (entry.prevHash !== hash) return { ok: false, broken: { seq: at, problem: 'previous hash does not match the entry before it' } };
    if (chainHash(entry.prevHash, entry.content) !== entry.hash)
      return { ok: false, broken: { seq: at, problem: 'content does not match its hash' } };
    seq = at;
    hash = entry.hash;
  }
  return { ok: true, state: { seq, hash } };
}
