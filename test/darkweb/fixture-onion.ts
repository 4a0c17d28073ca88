/**
 * Valid v3 onion host names for fixtures, from any seed: the 32 "key" bytes are SHA-256 of the
 * seed, the checksum and version come from the transport's `onionAddressFromKey`, so the names
 * pass full validation (they are not keys of a real service).
 *
 *   onionHostFromSeed('forum'); // 'k5…d.onion', always the same for 'forum'
 */
import { createHash } from 'node:crypto';
import { onionAddressFromKey } from '../../src/darkweb/transport/onion-address.js';

/** A valid v3 onion host name (`<56 chars>.onion`) derived from a seed. */
export function onionHostFromSeed(seed: string | number): string {
  return onionAddressFromKey(createHash('sha256').update(`vigil-fixture-onion:${seed}`).digest());
}
