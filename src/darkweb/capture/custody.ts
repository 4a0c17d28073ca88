/**
 * The chain of custody for dark web captures (pure). Every capture, every media item hashed or
 * kept and every export gets an entry naming the operator, agency, case, site and visit, the
 * WARC file and record, and the record's digests. Entries are chained as the audit log is
 * (`platform/audit/chain.ts`): SHA-256 over the previous hash, a line feed and the entry's
 * canonical JSON, so an edited, deleted or reordered entry breaks the chain from there on; and
 * each entry can be held against its WARC record, so a WARC edited or swapped under an intact
 * chain is caught too.
 *
 *   const stored = appendCustody(head, { at, operatorId, …, action: 'capture', warcRecordId, blockDigest, payloadDigest });
 *   verifyCustody(custodyGenesis, entries) // { ok: true, state } or { ok: false, broken: { seq, problem } }
 */
import { createHash } from 'node:crypto';
import { canonicalJson, genesisHash, type ChainBreak } from '../../platform/audit/chain.js';
import { digestMatches, sameDigest } from './digest.js';
import { bracketId, parseWarcFields, recordPayload, targetUriOf, type WarcRecord } from './warc-record.js';

export const custodyActions = ['capture', 'media_hashed', 'media_kept', 'export'] as const;
export type CustodyAction = (typeof custodyActions)[number];

/** Hashes of a media item fetched into memory (hex; PDQ as 64 hex characters). */
export interface CustodyMediaHashes {
  md5: string;
  sha1: string;
  sha256: string;
  pdq?: string;
}

/** The chained fields of one custody entry, exactly as stored. */
export interface CustodyEntry {
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  operatorId: string | null;
  operatorName: string | null;
  agencyId: string;
  caseId: string | null;
  siteId: string;
  visitId: string | null;
  action: CustodyAction;
  targetUri: string;
  /** The WARC file's name as stored (relative to the capture directory). */
  warcFile: string;
  warcRecordId: string;
  /** Labelled, as in the record's WARC-Block-Digest. */
  blockDigest: string;
  payloadDigest: string | null;
  mediaHashes?: CustodyMediaHashes;
}

export interface StoredCustodyEntry {
  entry: CustodyEntry;
  prevHash: string;
  hash: string;
}

export interface CustodyState {
  seq: number;
  hash: string;
}

/** The hash before the first entry (the audit chain's genesis). */
export const custodyGenesisHash = genesisHash;
export const custodyGenesis: CustodyState = { seq: 0, hash: genesisHash };

/** SHA-256(prevHash ‖ '\n' ‖ canonical JSON of the entry), in hex. */
export function custodyHash(prevHash: string, entry: CustodyEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}

/** The next entry after `state`: its seq, the link to the entry before, and its hash. */
export function appendCustody(state: CustodyState, fields: Omit<CustodyEntry, 'seq'>): StoredCustodyEntry {
  const entry: CustodyEntry = { ...fields, seq: state.seq + 1 };
  return { entry, prevHash: state.hash, hash: custodyHash(state.hash, entry) };
}

/**
 * Checks entries in order against the running state; returns the first break or the new state.
 * Feed it batches: the state carries over. Comparing the final state with a head recorded
 * elsewhere catches entries cut off the end, which no chain can show by itself.
 */
export function verifyCustody(
  state: CustodyState,
  batch: readonly StoredCustodyEntry[],
): { ok: true; state: CustodyState } | { ok: false; broken: ChainBreak } {
  let { seq, hash } = state;
  for (const stored of batch) {
    const at = stored.entry.seq;
    if (at !== seq + 1) return { ok: false, broken: { seq: at, problem: 'sequence gap or reordering' } };
    if (stored.prevHash !== hash) return { ok: false, broken: { seq: at, problem: 'previous hash does not match the entry before it' } };
    if (custodyHash(stored.prevHash, stored.entry) !== stored.hash)
      return { ok: false, broken: { seq: at, problem: 'content does not match its hash' } };
    seq = at;
    hash = stored.hash;
  }
  return { ok: true, state: { seq, hash } };
}

/** The warc-fields names under which a metadata record carries media hashes. */
const mediaHashFields: Readonly<Record<keyof CustodyMediaHashes, string>> = {
  md5: 'hash-md5',
  sha1: 'hash-sha1',
  sha256: 'hash-sha256',
  pdq: 'hash-pdq',
};

/** The metadata record fields for media hashes, named as `verifyCaptureAgainstWarc` reads them. */
export function mediaHashMetadata(hashes: CustodyMediaHashes): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, name] of Object.entries(mediaHashFields) as [keyof CustodyMediaHashes, string][]) {
    const value = hashes[key];
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}

/**
 * Holds a custody entry against the WARC record it names: the record id and target, the digests
 * in the header, the digests recomputed from the bytes, and for media the hashes in the metadata
 * record. Any difference means the WARC is not the one custody recorded.
 */
export function verifyCaptureAgainstWarc(entry: CustodyEntry, record: WarcRecord): { ok: true } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (bracketId(entry.warcRecordId) !== record.recordId) {
    problems.push(`record id is ${record.recordId}, custody recorded ${entry.warcRecordId}`);
  }
  const target = targetUriOf(record);
  if (target !== entry.targetUri) problems.push(`target URI is ${target ?? 'missing'}, custody recorded ${entry.targetUri}`);

  const blockHeader = record.headers.get('WARC-Block-Digest');
  if (blockHeader === undefined || !sameDigest(blockHeader, entry.blockDigest)) {
    problems.push(`WARC-Block-Digest is ${blockHeader ?? 'missing'}, custody recorded ${entry.blockDigest}`);
  }
  if (digestMatches(entry.blockDigest, [record.block]) !== true) problems.push('the block does not hash to the digest custody recorded');

  const payloadHeader = record.headers.get('WARC-Payload-Digest');
  if (entry.payloadDigest === null) {
    if (payloadHeader !== undefined) problems.push(`the record has a payload digest (${payloadHeader}) that custody did not record`);
  } else {
    if (payloadHeader === undefined || !sameDigest(payloadHeader, entry.payloadDigest)) {
      problems.push(`WARC-Payload-Digest is ${payloadHeader ?? 'missing'}, custody recorded ${entry.payloadDigest}`);
    }
    const payload = recordPayload(record);
    if (payload === undefined || digestMatches(entry.payloadDigest, [payload]) !== true) {
      problems.push('the payload does not hash to the digest custody recorded');
    }
  }

  if (entry.mediaHashes) {
    const fields = record.type === 'metadata' ? parseWarcFields(record.block) : undefined;
    if (!fields) problems.push(`custody recorded media hashes but the record is a ${record.type} record, not metadata`);
    else {
      for (const [key, name] of Object.entries(mediaHashFields) as [keyof CustodyMediaHashes, string][]) {
        const expected = entry.mediaHashes[key];
        if (expected === undefined) continue;
        const found = fields.get(name);
        if (found?.toLowerCase() !== expected.toLowerCase())
          problems.push(`${name} is ${found ?? 'missing'}, custody recorded ${expected}`);
      }
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
