/**
 * A worker thread of the screening benchmark (`--threads`): screens its share of the travellers
 * against the index the main thread built, read from shared memory (no copy of the index).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runChecks, type Check } from './screening-checks.js';
import { WatchlistIndex, type SharedWatchlistIndex } from '../src/screening/watchlist-index.js';

const { shared, checks } = workerData as { shared: SharedWatchlistIndex; checks: Check[] };
parentPort?.postMessage(runChecks(WatchlistIndex.fromShared(shared), checks));
