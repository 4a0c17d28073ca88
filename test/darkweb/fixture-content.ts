/**
 * The invented content of the fixture forum "Wireless Relics", a place to trade old radios: user
 * names, profiles (e-mail, a well-formed but made-up OpenPGP key, a Bitcoin address, a shop on
 * another onion address), thread titles and post text, all derived from numbers so that every
 * page can be generated on demand and a test can predict it.
 *
 *   fixtureUser(3); // { name: 'bakelite_betty', email: 'bakelite_betty@relicmail.example', bitcoin: '1…', … }
 */
import { createHash } from 'node:crypto';
import { encodeBase58Check, encodeSegwitAddress } from '../../src/darkweb/extract/crypto-addresses.js';
import { onionHostFromSeed } from './fixture-onion.js';

const baseNames = [
  'valve_wizard',
  'crystal_set_kid',
  'heterodyne_hal',
  'bakelite_betty',
  'cathode_carl',
  'dial_cord_dan',
  'shortwave_sue',
  'grid_leak_gus',
  'tuning_eye_tess',
  'rectifier_rex',
  'loktal_lou',
  'superhet_sam',
  'antenna_annie',
  'capacitor_cal',
  'ferrite_fran',
  'magic_eye_max',
  'morse_mo',
  'regen_ray',
  'selenium_sid',
  'tube_tester_ted',
];

const radios = [
  'Philips 930A',
  'Zenith Trans-Oceanic',
  'Hallicrafters S-38',
  'Grundig Majestic',
  'Telefunken Opus 7',
  'a box of 6L6 valves',
  'Collins R-390A',
  'Bush DAC90A',
  'Braun SK4',
  'Nordmende Elektra',
  'Roberts R200',
  'National HRO',
];
const prefixes = ['For trade:', 'Wanted:', 'Restoring a', 'Question about the', 'Show and tell:', 'Price check on'];

const englishSentences = [
  'The cabinet has a few scratches but the dial glass is intact.',
  'I replaced the wax capacitors last winter and it has played every evening since.',
  'Does anyone have a service manual for this model?',
  'Happy to swap for a good tube tester or a set of spare valves.',
  'The tuning eye glows green again after a new resistor.',
  'Postage from the coast is slow, so please be patient.',
  'I found this one at a flea market, covered in dust but complete.',
  'The speaker cloth is original and only slightly faded.',
  'Mine hums a little on long wave, probably the filter capacitor.',
  'Thanks for the tip about the dial cord, it worked first time.',
  'It picks up the coastal stations clearly at night.',
  'The back panel is missing, but the chassis is clean.',
  'I would keep the original knobs if you can, they are hard to find.',
  'A photo of the chassis is below, as promised.',
];
const frenchSentences = [
  'Le poste est en bon état et il fonctionne très bien.',
  'Je cherche une lampe pour mon récepteur, est-ce que vous avez une idée ?',
  "L'ébénisterie a été restaurée mais le cadran est d'origine.",
  'Nous avons fait un échange avec un membre du forum la semaine dernière.',
  "Il faut changer les condensateurs avant de l'allumer.",
  'Merci pour les photos, elles sont très claires.',
];

/** A seeded PRNG (mulberry32) returning integers. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export interface FixtureUser {
  index: number;
  name: string;
  email: string;
  /** Base58 P2PKH for most users, a segwit v0 address for every third. */
  bitcoin: string;
  /** Another onion service the user links to (a "shop"). */
  shopOnion: string;
  pgpArmor: string;
  /** The v4 fingerprint of `pgpArmor`'s key, upper-case hex. */
  pgpFingerprint: string;
}

/** The name of user i (twenty base names, then numbered variants). */
export function fixtureUserName(index: number): string {
  const base = baseNames[index % baseNames.length]!;
  return index < baseNames.length ? base : `${base}${Math.floor(index / baseNames.length)}`;
}

/** Everything the profile page of user i shows. */
export function fixtureUser(index: number): FixtureUser {
  const name = fixtureUserName(index);
  const hash = digest(`bitcoin:${index}`).subarray(0, 20);
  const bitcoin = index % 3 === 0 ? encodeSegwitAddress('bc', 0, hash) : encodeBase58Check(Buffer.concat([Buffer.from([0x00]), hash]));
  const email = `${name}@relicmail.example`;
  const { armor, fingerprint } = fakePgpKey(index, `${name} <${email}>`);
  return { index, name, email, bitcoin, shopOnion: onionHostFromSeed(`shop:${index}`), pgpArmor: armor, pgpFingerprint: fingerprint };
}

/** The title of thread t. */
export function threadTitle(thread: number): string {
  return `${prefixes[thread % prefixes.length]} ${radios[(thread * 7) % radios.length]} (#${thread})`;
}

/** French threads let language detection see something other than English. */
export function isFrenchThread(thread: number): boolean {
  return thread % 9 === 4;
}

/** The author (user index) of post k of thread t. */
export function postAuthorIndex(thread: number, post: number, users: number): number {
  return (thread * 7 + post * 3) % users;
}

const firstPostTime = Date.UTC(2024, 0, 1);

/** When post k of thread t was written. */
export function postTime(thread: number, post: number): Date {
  return new Date(firstPostTime + thread * 5 * 3_600_000 + post * 1_200_000);
}

/** The text of post k of thread t: two or three sentences. */
export function postText(thread: number, post: number): string {
  const next = prng(thread * 100_003 + post);
  const bank = isFrenchThread(thread) ? frenchSentences : englishSentences;
  const count = 2 + (next() % 2);
  return Array.from({ length: count }, () => bank[next() % bank.length]!).join(' ');
}

/**
 * A well-formed OpenPGP v4 public key (an EdDSA key packet and a user ID packet, no signatures)
 * whose key material is random bytes: it reads and fingerprints like a real key but is none.
 */
export function fakePgpKey(seed: number, userId: string): { armor: string; fingerprint: string } {
  const created = Buffer.alloc(4);
  created.writeUInt32BE(1_700_000_000 + seed * 86_400);
  const ed25519Oid = Buffer.from('2b06010401da470f01', 'hex');
  const point = Buffer.concat([Buffer.from([0x40]), digest(`pgp:${seed}`)]);
  const body = Buffer.concat([
    Buffer.from([4]),
    created,
    Buffer.from([22, ed25519Oid.length]),
    ed25519Oid,
    Buffer.from([0x01, 0x07]),
    point,
  ]);
  const uid = Buffer.from(userId, 'utf8');
  const packets = Buffer.concat([Buffer.from([0x98, body.length]), body, Buffer.from([0xb4, uid.length]), uid]);
  const fingerprint = createHash('sha1')
    .update(Buffer.from([0x99, body.length >> 8, body.length & 0xff]))
    .update(body)
    .digest('hex')
    .toUpperCase();
  const base64 = packets.toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  const crc = Buffer.alloc(3);
  crc.writeUIntBE(crc24(packets), 0, 3);
  const armor = [
    '-----BEGIN PGP PUBLIC KEY BLOCK-----',
    'Comment: Wireless Relics key directory',
    '',
    ...lines,
    `=${crc.toString('base64')}`,
    '-----END PGP PUBLIC KEY BLOCK-----',
  ].join('\n');
  return { armor, fingerprint };
}

/** The OpenPGP armor checksum (RFC 9580 §6.1). */
function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i += 1) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/** A fingerprint the way gpg prints it: ten groups of four, two spaces in the middle. */
export function groupedFingerprint(fingerprint: string): string {
  const groups = fingerprint.match(/.{4}/g) ?? [];
  return `${groups.slice(0, 5).join(' ')}  ${groups.slice(5).join(' ')}`;
}
