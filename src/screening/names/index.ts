/**
 * Person-name matching for screening, pure and free of I/O.
 *
 * - `normaliseName(raw)`: tokens in lower-case ASCII, romanised, MRZ- and list-aware, with
 *   particles and honorifics marked.
 * - `compareNames(query, candidate)`: a 0..1 score from a one-to-one pairing of tokens, with the
 *   pairs and the unmatched tokens that explain it.
 * - `phoneticKey(token)`: a key for candidate retrieval that absorbs transliteration drift.
 *
 * @example
 * compareNames(normaliseName('Muhammad Yusuf'), normaliseName('MOHAMED<<YOUSSEF')).score // 0.85
 */
export { normaliseName, normaliseNameText, tokenKind, type NamePart, type NameToken, type NameTokenKind } from './normalise.js';
export { consonantSkeleton, isVowelless, phoneticKey } from './phonetic.js';
export {
  compareNames,
  compareTokens,
  DEFAULT_COMPARE_OPTIONS,
  jaro,
  jaroWinkler,
  typoDistance,
  tokenWeight,
  typoScore,
  type CompareOptions,
  type NameComparison,
  type NameInput,
  type PairKind,
  type TokenPair,
} from './similarity.js';
