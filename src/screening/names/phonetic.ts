/**
 * A small phonetic key for candidate retrieval, built to absorb transliteration drift rather than
 * English spelling rules (Mohammed/Muhammad/Mohamed, Yusuf/Youssef/Jusuf, Aleksandr/Alexander,
 * Tchaikovsky/Chaykovskiy all collide).
 *
 * Takes a normalised token (lower-case ASCII). Digraphs are folded first (tch/sch/ch/sh/zh → X,
 * kh → H at the start and K inside, ph → F, th → T, dj/dzh → Y, x → KS); then consonants map to
 * classes (b p → P, f v w → F, d t → T, g k q c(hard) → K, s z c(soft) → S, j and consonantal y → Y,
 * l, m, n, r themselves); vowels, inner y and inner h vanish; adjacent repeats collapse. A token
 * starting with a vowel gets the marker A, one starting with h the marker H.
 *
 * @example phoneticKey('muhammad') === phoneticKey('mohamed') // 'MMT'
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

const DIGRAPHS: readonly (readonly [RegExp, string])[] = [
  [/dzh|dj/g, 'j'],
  [/tch|tsch|sch|zh|sh|ch|cz|sz/g, '§'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/x/g, 'ks'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/q/g, 'k'],
];

const CLASSES: Readonly<Record<string, string>> = {
  b: 'P',
  p: 'P',
  f: 'F',
  v: 'F',
  w: 'F',
  d: 'T',
  t: 'T',
  g: 'K',
  k: 'K',
  s: 'S',
  z: 'S',
  j: 'Y',
  l: 'L',
  m: 'M',
  n: 'N',
  r: 'R',
  '§': 'X',
};

/** Keys already computed (tokens repeat a great deal across a list); cleared when it grows large. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 100_000;

/** The phonetic key of one normalised token; '' when it has no letters. */
export function phoneticKey(token: string): string {
  const cached = keyCache.get(token);
  if (cached !== undefined) return cached;
  const key = computePhoneticKey(token);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(token, key);
  return key;
}

function computePhoneticKey(token: string): string {
  let s = token.toLowerCase().replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  // kh is h at the start (Khalid ~ Halid) and k inside (Mikhail ~ Mikael).
  s = s.startsWith('kh') ? s.slice(1) : s;
  s = s.replace(/kh/g, 'k');
  for (const [pattern, replacement] of DIGRAPHS) s = s.replace(pattern, replacement);

  let key = '';
  const first = s[0] ?? '';
  let i = 0;
  if (VOWELS.has(first)) {
    key = 'A';
    i = 1;
  } else if (first === 'h') {
    key = 'H';
    i = 1;
  } else if (first === 'y') {
    key = 'Y';
    i = 1;
  }
  let previous = key;
  for (; i < s.length; i++) {
    const ch = s[i] ?? '';
    const prev = s[i - 1] ?? '';
    const next = s[i + 1] ?? '';
    // A y between vowels is consonantal (Mayer ~ Majer); elsewhere inside a word it is a vowel.
    const code = ch === 'y' ? (VOWELS.has(prev) && VOWELS.has(next) ? 'Y' : '') : (CLASSES[ch] ?? '');
    if (code === '') {
      previous = '';
      continue;
    }
    if (code !== previous) key += code;
    previous = code;
  }
  return key;
}

/**
 * The consonant skeleton of a token: vowels, y and w dropped, doubled letters and a final h after
 * a consonant removed. Abjad scripts romanise without short vowels (محمد → mhmd, משה → msh), so
 * their tokens are compared with Latin spellings by skeleton (mhmd ~ mohammed).
 */
export function consonantSkeleton(token: string): string {
  const cached = skeletonCache.get(token);
  if (cached !== undefined) return cached;
  const skeleton = computeSkeleton(token);
  if (skeletonCache.size >= KEY_CACHE_LIMIT) skeletonCache.clear();
  skeletonCache.set(token, skeleton);
  return skeleton;
}

const skeletonCache = new Map<string, string>();

function computeSkeleton(token: string): string {
  const consonants = token
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/[aeiouyw]/g, '')
    .replace(/(.)\1+/g, '$1');
  return consonants.length > 1 ? consonants.replace(/h$/, '') : consonants;
}

/** Whether a token looks romanised from an abjad (no vowel letters at all). */
export function isVowelless(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    // a-z only, and none of a e i o u.
    if (c < 97 || c > 122 || c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return false;
  }
  return true;
}
