/**
 * Name similarity: Jaro-Winkler, a typo score, and a token-aligned comparison of two normalised
 * names (`compareNames`).
 *
 * Token score s of a query token q against a candidate token c:
 *   exact     1.0 when equal (how = 'particle' when both are particles or honorifics)
 *   initial   0.70 when one is a single letter that starts the other (j ~ john)
 *   typo      (JW(q, c) + 1 − lev(q, c) / max(|q|, |c|)) / 2 when ≥ 0.80 and both have ≥ 3 letters;
 *             JW alone is generous to long shared prefixes (Zuckermann ~ Zuckerberg 0.92)
 *   phonetic  0.85 when `phoneticKey` agrees (key of ≥ 3 symbols) and the typo score is lower, or
 *             when one token has no vowel letters (abjad romanisation: mhmd, hsn) and the
 *             consonant skeletons agree (mhmd ~ mohammed)
 *   otherwise the two tokens do not pair. Particles pair only with particles.
 *
 * Before pairing, a run of 2–3 adjacent tokens on one side that together spell a token of the other
 * side (typo score ≥ 0.9, or ≥ 0.85 when they share a phonetic key of 4+ symbols: abd allah ~
 * abdullah), or whose consonants spell it when one of them is an abjad romanisation without
 * vowels (rhmt allah ~ rahmatullah), is joined ('vladimirputin' ~ 'vladimir putin'). Pairs are then chosen
 * one-to-one, greedily, best score first, regardless of order (names rarely exceed 6 tokens; this is
 * watchman's best-pair approach). Token weight w = 0.2 for particles and honorifics, 0.5 for
 * tokens of 1–2 letters and for patronymics (-ovich, -ovna, -ivna, oglu…), otherwise 1; a pair
 * weighs the mean of its two tokens. Then
 *
 *   base  = Σ w_pair·s_pair / (Σ w_pair + 1.0·Σ w_unmatched_query + 0.25·Σ w_unmatched_candidate)
 *   score = max(0, base − 0.05 · min(2, swapped pairs))
 *
 * A candidate's extra middle name costs little ('john smith' vs 'john smith jones' = 0.89), a query
 * token with no partner costs a full share, only complete exact matches in the same order reach
 * 1.0, and a name whose non-particle tokens all stay unmatched scores 0. Swapped order is not
 * penalised when either side announces its surname (MRZ or `FAMILY, Given`), since there the order
 * is a convention. All constants can be overridden through `CompareOptions`.
 *
 * @example compareNames(normaliseName('Anna Eriksson'), normaliseName('ERIKSSON<<ANNA<MARIA')).score // ≈ 0.89
 */
import { type NameToken, type NameTokenKind, tokenKind } from './normalise.js';
import { consonantSkeleton, isVowelless, phoneticKey } from './phonetic.js';

export type PairKind = 'exact' | 'typo' | 'phonetic' | 'initial' | 'particle';

export interface TokenPair {
  readonly query: string;
  readonly candidate: string;
  readonly score: number;
  readonly how: PairKind;
}

export interface NameComparison {
  /** 0..1; 1 only when every token matches exactly (and, in free text, in the same order). */
  readonly score: number;
  readonly pairs: readonly TokenPair[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedCandidate: readonly string[];
}

/** Tokens from `normaliseName`, or bare strings (classified with `tokenKind`). */
export type NameInput = readonly (NameToken | string)[];

/** Tuning knobs of `compareNames`; the defaults are documented in the module comment. */
export interface CompareOptions {
  /** Lowest typo score that still pairs two tokens. */
  readonly typoFloor: number;
  /** Score of a pair whose phonetic keys agree (unless the typo score is higher). */
  readonly phoneticScore: number;
  /** Score of an initial against a full name. */
  readonly initialScore: number;
  /** Cost factor of a query token left unmatched. */
  readonly unmatchedQueryCost: number;
  /** Cost factor of a candidate token left unmatched. */
  readonly unmatchedCandidateCost: number;
  /** Subtracted per pair of matched tokens in swapped order (capped at twice this). */
  readonly reorderPenalty: number;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = Object.freeze({
  typoFloor: 0.8,
  phoneticScore: 0.85,
  initialScore: 0.7,
  unmatchedQueryCost: 1,
  unmatchedCandidateCost: 0.25,
  reorderPenalty: 0.05,
});

/** Jaro similarity of two strings, 0..1. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Uint8Array(a.length);
  const bMatched = new Uint8Array(b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    const ch = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] === 1 || ch !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (aMatched[i] !== 1) continue;
    while (bMatched[k] !== 1) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
}

/**
 * Edit distance where swapping two neighbouring letters costs one edit, as typing and reading
 * errors do (optimal string alignment: Levenshtein plus adjacent transpositions).
 */
export function typoDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4 characters), 0..1. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

interface Token {
  readonly text: string;
  /** Whether the source said which part is the surname (MRZ, `FAMILY, Given`). */
  readonly ordered: boolean;
  readonly minor: boolean;
  readonly weight: number;
}

/** Patronymics (Viktorovich, Oleksandrivna, Aliyev oglu) are often left out of Western lists. */
const PATRONYMIC = /(?:ovich|evich|ovych|evych|ovna|evna|ivna|ogly|oglu|qizi|kyzy)$/;

/** A token's weight in `compareNames`: 0.2 for particles and honorifics, 0.5 for 1–2 letters and patronymics, else 1. */
export function tokenWeight(text: string, kind: NameTokenKind = tokenKind(text)): number {
  return kind !== 'name' ? 0.2 : text.length <= 2 || PATRONYMIC.test(text) ? 0.5 : 1;
}

function toToken(input: NameToken | string): Token {
  const text = typeof input === 'string' ? input : input.text;
  const kind = typeof input === 'string' ? tokenKind(input) : input.kind;
  const ordered = typeof input !== 'string' && input.part !== undefined;
  return { text, ordered, minor: kind !== 'name', weight: tokenWeight(text, kind) };
}

const letterCounts = new Int32Array(128);

/**
 * An upper bound of `typoScore(a, b)`, cheap to compute, so that callers can skip pairs that
 * cannot reach a floor without changing any result. With c letters in common (as multisets) and a
 * common prefix p ≤ 4: Jaro ≤ (c/|a| + c/|b| + 1) / 3, Jaro-Winkler ≤ that + 0.1·p·(1 − that), and
 * the typo distance is at least max(|a|, |b|) − c. A hair of slack absorbs rounding.
 */
function typoScoreCeiling(a: string, b: string): number {
  const longest = Math.max(a.length, b.length, 1);
  let common = 0;
  let ascii = true;
  for (let i = 0; i < a.length; i++) {
    const code = a.charCodeAt(i);
    if (code >= 128) ascii = false;
    else letterCounts[code]!++;
  }
  for (let i = 0; i < b.length; i++) {
    const code = b.charCodeAt(i);
    if (code >= 128) ascii = false;
    else if (letterCounts[code]! > 0) {
      letterCounts[code]!--;
      common++;
    }
  }
  for (let i = 0; i < a.length; i++) {
    const code = a.charCodeAt(i);
    if (code < 128) letterCounts[code] = 0;
  }
  if (!ascii) return 1;
  if (common === 0) return 0;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  const jaroCeiling = (common / a.length + common / b.length + 1) / 3;
  const jwCeiling = jaroCeiling + prefix * 0.1 * (1 - jaroCeiling);
  return (jwCeiling + common / longest) / 2 + 1e-9;
}

/**
 * Typo similarity of two tokens: the mean of Jaro-Winkler and the typo-distance ratio. JW alone is
 * generous to long shared prefixes (Zuckermann ~ Zuckerberg 0.92); the edit ratio tempers that.
 */
export function typoScore(a: string, b: string): number {
  const ratio = 1 - typoDistance(a, b) / Math.max(a.length, b.length, 1);
  return (jaroWinkler(a, b) + ratio) / 2;
}

const SHORT_VOWEL_SCORE = 0.8;
const isVowel = (c: string): boolean => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';

/**
 * Short syllables that differ in one vowel only (Korean and Chinese romanisations: kim ~ kem,
 * chol ~ chul, sun ~ son), which the typo score cannot tell from different names at 3–4 letters.
 */
function oneVowelApart(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 3 || a.length > 4) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x === y) continue;
    if (!isVowel(x) || !isVowel(y) || ++differences > 1) return false;
  }
  return differences === 1;
}

/** Scores one query token against one candidate token; undefined when they should not pair. */
export function compareTokens(
  query: string,
  candidate: string,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): { score: number; how: PairKind } | undefined {
  if (query === candidate) return { score: 1, how: tokenKind(query) === 'name' ? 'exact' : 'particle' };
  if (query.length === 0 || candidate.length === 0) return undefined;
  if ((query.length === 1 || candidate.length === 1) && query[0] === candidate[0]) return { score: options.initialScore, how: 'initial' };
  if (query.length < 3 || candidate.length < 3) return undefined;
  // Tokens too different in length to reach either floor skip the costly typo score (same result).
  const reachable = typoScoreCeiling(query, candidate) >= Math.min(options.typoFloor, options.phoneticScore);
  const typo = reachable ? typoScore(query, candidate) : 0;
  const qKey = phoneticKey(query);
  if (qKey.length >= 3 && qKey === phoneticKey(candidate) && typo < options.phoneticScore)
    return { score: options.phoneticScore, how: 'phonetic' };
  if (typo >= options.typoFloor) return { score: typo, how: 'typo' };
  if (oneVowelApart(query, candidate)) return { score: SHORT_VOWEL_SCORE, how: 'phonetic' };
  if ((isVowelless(query) || isVowelless(candidate)) && query.length >= 3 && candidate.length >= 3) {
    const skeleton = consonantSkeleton(query);
    if (skeleton.length >= 2 && skeleton === consonantSkeleton(candidate)) return { score: options.phoneticScore, how: 'phonetic' };
  }
  return undefined;
}

/** Compares two tokenised names (see the module comment for the formula). */
export function compareNames(queryTokens: NameInput, candidateTokens: NameInput, overrides: Partial<CompareOptions> = {}): NameComparison {
  const options: CompareOptions = { ...DEFAULT_COMPARE_OPTIONS, ...overrides };
  const initialQuery = queryTokens.map(toToken);
  const initialCandidate = candidateTokens.map(toToken);
  const query = joinSplitTokens(initialQuery, initialCandidate);
  const candidate = joinSplitTokens(initialCandidate, query);
  const choices: { qi: number; ci: number; score: number; how: PairKind }[] = [];
  query.forEach((q, qi) => {
    candidate.forEach((c, ci) => {
      // A particle only pairs with a particle: 'al' must not soak up an initial 'a'.
      if (q.minor !== c.minor) return;
      const scored = compareTokens(q.text, c.text, options);
      if (scored) choices.push({ qi, ci, ...scored });
    });
  });
  // Best first; on ties prefer heavier tokens, then original order (stable sort).
  choices.sort((x, y) => y.score - x.score || weightOf(query, candidate, y) - weightOf(query, candidate, x));

  const usedQ = new Set<number>();
  const usedC = new Set<number>();
  const pairs: TokenPair[] = [];
  const matched: { qi: number; ci: number }[] = [];
  let numerator = 0;
  let denominator = 0;
  let majorMatched = false;
  for (const option of choices) {
    if (usedQ.has(option.qi) || usedC.has(option.ci)) continue;
    usedQ.add(option.qi);
    usedC.add(option.ci);
    const q = query[option.qi];
    const c = candidate[option.ci];
    if (!q || !c) continue;
    const weight = (q.weight + c.weight) / 2;
    numerator += weight * option.score;
    denominator += weight;
    if (!q.minor) majorMatched = true;
    pairs.push({ query: q.text, candidate: c.text, score: option.score, how: option.how });
    if (!q.minor) matched.push(option);
  }
  const unmatchedQuery = query.filter((_, i) => !usedQ.has(i));
  const unmatchedCandidate = candidate.filter((_, i) => !usedC.has(i));
  denominator += options.unmatchedQueryCost * sum(unmatchedQuery) + options.unmatchedCandidateCost * sum(unmatchedCandidate);
  // Free text keeps name order ('Friedrich Hans' is not 'Hans Friedrich'); MRZ and list names
  // announce their surname, so their order carries no signal.
  const orderKnown = query.some((t) => t.ordered) || candidate.some((t) => t.ordered);
  const reorder = orderKnown ? 0 : Math.min(2, inversions(matched)) * options.reorderPenalty;
  const score = majorMatched && denominator > 0 ? Math.max(0, numerator / denominator - reorder) : 0;
  return {
    score,
    pairs,
    unmatchedQuery: unmatchedQuery.map((t) => t.text),
    unmatchedCandidate: unmatchedCandidate.map((t) => t.text),
  };
}

/** Lowest typo score at which a run of tokens is taken for one token written apart. */
const JOIN_FLOOR = 0.9;
/** The same when the joined run and the token share a phonetic key of 4+ symbols. */
const JOIN_SOUND_FLOOR = 0.85;

function sameSound(a: string, b: string): boolean {
  const key = phoneticKey(a);
  return key.length >= 4 && key === phoneticKey(b);
}

/**
 * Joins runs of 2–3 adjacent name tokens on one side when together they spell a token of the other
 * side better than any of them alone ('rami makhlouf' ~ 'ramimakhlouf', 'patr ushev' ~ 'patrushev').
 */
function joinSplitTokens(side: readonly Token[], other: readonly Token[]): Token[] {
  const targets = other.filter((t) => !t.minor && t.text.length >= 4);
  if (side.length < 2 || targets.length === 0) return [...side];
  const longestTarget = Math.max(...targets.map((t) => t.text.length));
  const result: Token[] = [];
  let i = 0;
  outer: while (i < side.length) {
    for (let length = 3; length >= 2; length--) {
      if (i + length > side.length) continue;
      // Cheap bounds first: most runs are far longer than any single token, or share too few letters.
      let joinedLength = 0;
      let minor = false;
      let abjad = false;
      for (let k = i; k < i + length; k++) {
        const text = side[k]?.text ?? '';
        joinedLength += text.length;
        // A leading particle may join (al khafaji ~ alkhafaji); a run may not end in one.
        if (k > i || length > 2) minor ||= side[k]?.minor ?? false;
        abjad ||= text.length >= 2 && isVowelless(text);
      }
      if (minor || (!abjad && 1 - (joinedLength - longestTarget) / (2 * joinedLength) < Math.min(JOIN_FLOOR, JOIN_SOUND_FLOOR))) continue;
      const run = side.slice(i, i + length);
      const joined = run.map((t) => t.text).join('');
      for (const target of targets) {
        // A run with an abjad romanisation joins when the consonants agree (rhmt allah ~ rahmatullah).
        if (abjad && skeletonJoins(run, joined, target.text)) {
          result.push({ ...toToken(joined), ordered: run.some((t) => t.ordered) });
          i += length;
          continue outer;
        }
        // A join also counts when it sounds like the target (abd allah ~ abdullah, 0.89 by typo).
        const ceiling = typoScoreCeiling(joined, target.text);
        if (ceiling < Math.min(JOIN_FLOOR, JOIN_SOUND_FLOOR)) continue;
        const floor = sameSound(joined, target.text) ? JOIN_SOUND_FLOOR : JOIN_FLOOR;
        if (ceiling < floor) continue;
        const together = typoScore(joined, target.text);
        if (together < floor || run.some((t) => typoScore(t.text, target.text) >= together)) continue;
        result.push({ ...toToken(joined), ordered: run.some((t) => t.ordered) });
        i += length;
        continue outer;
      }
    }
    const token = side[i];
    if (token) result.push(token);
    i++;
  }
  return result;
}

/** Whether a run's consonant skeleton is the target's, and no token of the run alone has it. */
function skeletonJoins(run: readonly Token[], joined: string, target: string): boolean {
  const skeleton = consonantSkeleton(target);
  return skeleton.length >= 3 && consonantSkeleton(joined) === skeleton && run.every((t) => consonantSkeleton(t.text) !== skeleton);
}

/** Pairs of matched tokens that appear in opposite orders in the two names. */
function inversions(matched: readonly { qi: number; ci: number }[]): number {
  let count = 0;
  for (const [i, a] of matched.entries()) {
    for (const b of matched.slice(i + 1)) if ((a.qi - b.qi) * (a.ci - b.ci) < 0) count++;
  }
  return count;
}

function weightOf(query: readonly Token[], candidate: readonly Token[], option: { qi: number; ci: number }): number {
  return (query[option.qi]?.weight ?? 0) + (candidate[option.ci]?.weight ?? 0);
}

function sum(tokens: readonly Token[]): number {
  return tokens.reduce((total, t) => total + t.weight, 0);
}
