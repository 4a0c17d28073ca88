/**
 * The check loop of the screening benchmark, shared by the main thread and its workers
 * (bench/screening-worker.ts): screens travellers and counts matches, planted persons found and
 * document hits.
 */
import { performance } from 'node:perf_hooks';
import type { Traveller, WatchlistIndex } from '../src/screening/watchlist-index.js';

export interface Check {
  readonly i: number;
  readonly traveller: Traveller;
  /** The id of the listed person this traveller was made from. */
  readonly planted?: string;
  /** The traveller carries a listed document. */
  readonly plantedDocument?: boolean;
}

export interface CheckCounts {
  checks: number;
  matches: number;
  plantedPersons: number;
  plantedFound: number;
  plantedDocuments: number;
  plantedDocumentsFound: number;
  travellersWithDocumentHit: number;
  seconds: number;
}

export function runChecks(
  index: WatchlistIndex,
  checks: readonly Check[],
  progress?: (done: number, perSecond: number) => void,
): CheckCounts {
  const counts: CheckCounts = {
    checks: checks.length,
    matches: 0,
    plantedPersons: 0,
    plantedFound: 0,
    plantedDocuments: 0,
    plantedDocumentsFound: 0,
    travellersWithDocumentHit: 0,
    seconds: 0,
  };
  const start = performance.now();
  for (const [n, { traveller, planted, plantedDocument }] of checks.entries()) {
    const answer = index.screen(traveller);
    let matched = 0;
    let found = false;
    for (const hit of answer.hits)
      if (hit.match) {
        matched++;
        if (hit.entryId === planted) found = true;
      }
    counts.matches += matched;
    if (planted !== undefined) {
      counts.plantedPersons++;
      if (found) counts.plantedFound++;
    }
    if (answer.documentHits.length > 0) counts.travellersWithDocumentHit++;
    if (plantedDocument === true) {
      counts.plantedDocuments++;
      if (answer.documentHits.length > 0) counts.plantedDocumentsFound++;
    }
    if (progress !== undefined && n % 100_000 === 99_999) progress(n + 1, (n + 1) / ((performance.now() - start) / 1000));
  }
  counts.seconds = (performance.now() - start) / 1000;
  return counts;
}
