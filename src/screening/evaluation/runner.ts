/**
 * The evaluation runner: scores labelled checks against a watchlist with `scorePerson` and counts
 * precision, recall and F1 at a threshold (the default one unless told), overall, for checks with
 * and without a birth date, per perturbation kind and per birth-date kind.
 *
 * Method. Scoring every check against every record is quadratic, so each check is scored against
 * its target record (the true record of a positive, the imitated person of a hard negative) plus
 * `sample` other records drawn at random (seeded; default 200), which count as negatives: a match
 * there is a false alert. Pairs are the unit: precision = TP / (TP + FP) over all pairs scored,
 * recall = TP / (TP + FN) over the positive target pairs.
 *
 * Shortcut (decisions unchanged): a record is passed to `scorePerson` only when its best name
 * score (`compareNames`, over all its names, tokenised once) plus the largest positive qualifier
 * (`BIRTH_EXACT_BOOST`) could reach the threshold, or when the query carries a document. Below
 * that bound `scorePerson` cannot return a match, whatever the qualifiers. `verifyShortcut` checks
 * this against full scoring.
 */
import { compareNames, normaliseName, phoneticKey, type NameToken } from '../names/index.js';
import {
  BIRTH_EXACT_BOOST,
  DEFAULT_THRESHOLD,
  scorePerson,
  type PersonExplanation,
  type PersonQuery,
  type PersonRecord,
} from '../person-match.js';
import { createRng, DATE_KINDS, NAME_KINDS, NEGATIVE_KINDS, type LabelledCheck } from './perturb.js';

export interface EvaluationOptions {
  /** Default `DEFAULT_THRESHOLD` (0.7). */
  readonly threshold?: number;
  /** Other records scored per check as negatives; default 200. */
  readonly sample?: number;
  /** Seed of the sample; default 1. */
  readonly seed?: number;
  /** How many wrong decisions to keep for inspection; default 50. */
  readonly keepErrors?: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Metrics extends Readonly<Counts> {
  readonly checks: number;
  /** TP / (TP + FP); 1 when nothing was flagged. */
  readonly precision: number;
  /** TP / (TP + FN); NaN when there were no positives. */
  readonly recall: number;
  readonly f1: number;
}

export interface EvaluationError {
  readonly check: LabelledCheck;
  /** Index of the record scored. */
  readonly record: number;
  /** Whether the pair is the same person. */
  readonly label: boolean;
  readonly score: number;
  readonly recordName: string;
  readonly explanation?: PersonExplanation;
}

export interface EvaluationReport {
  readonly threshold: number;
  readonly sample: number;
  readonly records: number;
  readonly pairs: number;
  /** Pairs that went through `scorePerson` (the rest could not reach the threshold by name). */
  readonly fullyScored: number;
  readonly overall: Metrics;
  readonly withBirthDate: Metrics;
  readonly withoutBirthDate: Metrics;
  readonly byKind: ReadonlyMap<string, Metrics>;
  readonly byDateKind: ReadonlyMap<string, Metrics>;
  /** False alerts among the randomly sampled records, per 1,000 such pairs. */
  readonly sampledFalseAlertsPerThousand: number;
  /** False alerts on the hard-negative targets, out of how many. */
  readonly hardNegatives: { readonly flagged: number; readonly total: number };
  /** Outcomes of the target pairs alone (no sampled records), per kind. */
  readonly targetsByKind: ReadonlyMap<string, Readonly<Counts>>;
  readonly errors: readonly EvaluationError[];
}

function metrics(c: Counts, checks: number): Metrics {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? Number.NaN : c.tp / (c.tp + c.fn);
  const f1 = Number.isNaN(recall) || precision + recall === 0 ? Number.NaN : (2 * precision * recall) / (precision + recall);
  return { ...c, checks, precision, recall, f1 };
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });

/** Tokenised names per record, computed once per record object. */
const tokenCache = new WeakMap<PersonRecord, readonly NameToken[][]>();
function recordTokens(record: PersonRecord): readonly NameToken[][] {
  let tokens = tokenCache.get(record);
  if (!tokens) {
    tokens = record.names.map((n) => normaliseName(n));
    tokenCache.set(record, tokens);
  }
  return tokens;
}

/** Rounding slack: `scorePerson` rounds its score to three decimals before comparing. */
const ROUNDING = 0.001;

interface Decision {
  readonly match: boolean;
  readonly score: number;
  readonly full: boolean;
  readonly explanation?: PersonExplanation;
}

function decide(query: PersonQuery, queryTokens: readonly NameToken[], record: PersonRecord, threshold: number): Decision {
  if (query.document === undefined) {
    let best = 0;
    for (const tokens of recordTokens(record)) best = Math.max(best, compareNames(queryTokens, tokens).score);
    if (best + Math.max(0, BIRTH_EXACT_BOOST) < threshold - ROUNDING) return { match: false, score: best, full: false };
  }
  const scored = scorePerson(query, record, { threshold });
  return { match: scored.match, score: scored.score, full: true, explanation: scored.explanation };
}

/** Scores the checks (see the module comment) and counts the outcomes. */
export function evaluateChecks(
  records: readonly PersonRecord[],
  checks: readonly LabelledCheck[],
  options: EvaluationOptions = {},
): EvaluationReport {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const sample = Math.min(options.sample ?? 200, Math.max(0, records.length - 1));
  const keepErrors = options.keepErrors ?? 50;
  const rng = createRng(options.seed ?? 1);
  const overall = zero();
  const withDate = zero();
  const withoutDate = zero();
  const byKind = new Map<string, { counts: Counts; checks: number }>();
  const byDateKind = new Map<string, { counts: Counts; checks: number }>();
  const targetsByKind = new Map<string, Counts>();
  const errors: EvaluationError[] = [];
  let pairs = 0;
  let fullyScored = 0;
  let sampledPairs = 0;
  let sampledAlerts = 0;
  let hardTotal = 0;
  let hardFlagged = 0;
  const bucket = (map: Map<string, { counts: Counts; checks: number }>, key: string) => {
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = { counts: zero(), checks: 0 }));
    return entry;
  };

  for (const check of checks) {
    const queryTokens = normaliseName(check.query.name);
    const kind = bucket(byKind, check.kind);
    const dateKind = bucket(byDateKind, check.dateKind);
    const dated = check.query.birthDate !== undefined ? withDate : withoutDate;
    kind.checks++;
    dateKind.checks++;
    const tallies = [overall, dated, kind.counts, dateKind.counts];
    const count = (index: number, record: PersonRecord, label: boolean, sampled: boolean): void => {
      const decision = decide(check.query, queryTokens, record, threshold);
      pairs++;
      if (decision.full) fullyScored++;
      const outcome: keyof Counts = label ? (decision.match ? 'tp' : 'fn') : decision.match ? 'fp' : 'tn';
      for (const t of tallies) t[outcome]++;
      if (sampled) {
        sampledPairs++;
        if (decision.match) sampledAlerts++;
      } else {
        let counts = targetsByKind.get(check.kind);
        if (!counts) targetsByKind.set(check.kind, (counts = zero()));
        counts[outcome]++;
        if (!label) {
          hardTotal++;
          if (decision.match) hardFlagged++;
        }
      }
      if ((outcome === 'fn' || outcome === 'fp') && errors.length < keepErrors) {
        errors.push({
          check,
          record: index,
          label,
          score: decision.score,
          recordName: record.names[0] ?? '',
          ...(decision.explanation ? { explanation: decision.explanation } : {}),
        });
      }
    };

    const target = check.targetRecord ?? records[check.target];
    if (target) count(check.target, target, check.match, false);
    const drawn = new Set<number>([check.target]);
    while (drawn.size < sample + 1 && drawn.size < records.length) {
      const i = rng.int(records.length);
      if (drawn.has(i)) continue;
      drawn.add(i);
      const record = records[i];
      if (record) count(i, record, false, true);
    }
  }

  const summarise = (map: Map<string, { counts: Counts; checks: number }>): Map<string, Metrics> =>
    new Map([...map].map(([k, v]) => [k, metrics(v.counts, v.checks)]));
  const datedChecks = checks.filter((c) => c.query.birthDate !== undefined).length;
  return {
    threshold,
    sample,
    records: records.length,
    pairs,
    fullyScored,
    overall: metrics(overall, checks.length),
    withBirthDate: metrics(withDate, datedChecks),
    withoutBirthDate: metrics(withoutDate, checks.length - datedChecks),
    byKind: summarise(byKind),
    byDateKind: summarise(byDateKind),
    sampledFalseAlertsPerThousand: sampledPairs === 0 ? 0 : (1000 * sampledAlerts) / sampledPairs,
    hardNegatives: { flagged: hardFlagged, total: hardTotal },
    targetsByKind,
    errors,
  };
}

/**
 * Pairs where the shortcut and full scoring disagree (should be none): every check against its
 * target and `sample` random records, each decided both ways.
 */
export function verifyShortcut(records: readonly PersonRecord[], checks: readonly LabelledCheck[], sample = 20, seed = 2): number {
  const rng = createRng(seed);
  let disagreements = 0;
  for (const check of checks) {
    const tokens = normaliseName(check.query.name);
    const indices = [check.target, ...Array.from({ length: sample }, () => rng.int(records.length))];
    for (const i of indices) {
      const record = i === check.target ? (check.targetRecord ?? records[i]) : records[i];
      if (!record) continue;
      if (decide(check.query, tokens, record, DEFAULT_THRESHOLD).match !== scorePerson(check.query, record).match) disagreements++;
    }
  }
  return disagreements;
}

const pct = (x: number): string => (Number.isNaN(x) ? '   – ' : `${(100 * x).toFixed(1).padStart(5)}`);

function row(label: string, m: Metrics): string {
  return [
    label.padEnd(22),
    String(m.checks).padStart(6),
    String(m.tp).padStart(6),
    String(m.fn).padStart(5),
    String(m.fp).padStart(5),
    String(m.tn).padStart(8),
    pct(m.precision).padStart(7),
    pct(m.recall).padStart(7),
    pct(m.f1).padStart(7),
  ].join(' ');
}

const KIND_ORDER: readonly string[] = [...NAME_KINDS, ...NEGATIVE_KINDS, ...DATE_KINDS, 'unlisted', 'random', 'other-decade'];

function ordered(map: ReadonlyMap<string, Metrics>): [string, Metrics][] {
  const rank = (k: string): number => {
    const i = KIND_ORDER.indexOf(k);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return [...map].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A plain-text table of the report. */
export function formatReport(title: string, report: EvaluationReport): string {
  const header = ['', 'checks', 'TP', 'FN', 'FP', 'TN', 'prec%', 'recall%', 'F1%'];
  const head = [
    header[0]?.padEnd(22),
    header[1]?.padStart(6),
    header[2]?.padStart(6),
    header[3]?.padStart(5),
    header[4]?.padStart(5),
    header[5]?.padStart(8),
    header[6]?.padStart(7),
    header[7]?.padStart(7),
    header[8]?.padStart(7),
  ].join(' ');
  const lines = [
    `${title}: ${report.records} records; threshold ${report.threshold}; each check scored against its target record + ${report.sample} ` +
      `random others (${report.pairs} pairs, ${report.fullyScored} through scorePerson, the rest below the name bound)`,
    head,
    row('all checks', report.overall),
    row('with birth date', report.withBirthDate),
    row('without birth date', report.withoutBirthDate),
    '-- by name perturbation / negative kind',
    ...ordered(report.byKind).map(([k, m]) => row(k, m)),
    '-- by birth-date kind',
    ...ordered(report.byDateKind).map(([k, m]) => row(k, m)),
    `hard negatives flagged: ${report.hardNegatives.flagged}/${report.hardNegatives.total} (` +
      NEGATIVE_KINDS.map(
        (k) =>
          `${k} ${report.targetsByKind.get(k)?.fp ?? 0}/${(report.targetsByKind.get(k)?.fp ?? 0) + (report.targetsByKind.get(k)?.tn ?? 0)}`,
      ).join(', ') +
      '); ' +
      `false alerts among random records: ${report.sampledFalseAlertsPerThousand.toFixed(3)} per 1,000 pairs`,
  ];
  return lines.join('\n');
}

export interface UnlistedReport {
  readonly checks: number;
  readonly records: number;
  /** Checks that raised at least one alert. */
  readonly alertedChecks: number;
  readonly alerts: number;
  /** Record pairs retrieved (sharing a key) and decided. */
  readonly candidates: number;
  readonly examples: readonly { readonly query: PersonQuery; readonly recordName: string; readonly score: number }[];
}

/** Retrieval keys of a name token: its phonetic key and its first three letters. */
function blockingKeys(tokens: readonly NameToken[]): Set<string> {
  const keys = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'name') continue;
    const key = phoneticKey(t.text);
    if (key.length > 0) keys.add(`p:${key}`);
    if (t.text.length >= 3) keys.add(`s:${t.text.slice(0, 3)}`);
  }
  return keys;
}

/**
 * Travellers who are on no list, each checked against every record that shares a retrieval key
 * with it (a name token's phonetic key or first three letters, as a screening index retrieves
 * candidates), decided as in `evaluateChecks`. Every alert is a false alert.
 */
export function screenUnlisted(
  records: readonly PersonRecord[],
  queries: readonly PersonQuery[],
  options: { readonly threshold?: number; readonly keepExamples?: number } = {},
): UnlistedReport {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const index = new Map<string, number[]>();
  records.forEach((record, i) => {
    const keys = new Set(recordTokens(record).flatMap((tokens) => [...blockingKeys(tokens)]));
    for (const key of keys) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  let alertedChecks = 0;
  let alerts = 0;
  let candidates = 0;
  const examples: { query: PersonQuery; recordName: string; score: number }[] = [];
  for (const query of queries) {
    const tokens = normaliseName(query.name);
    const found = new Set<number>();
    for (const key of blockingKeys(tokens)) for (const i of index.get(key) ?? []) found.add(i);
    let alerted = false;
    for (const i of found) {
      const record = records[i];
      if (!record) continue;
      candidates++;
      const decision = decide(query, tokens, record, threshold);
      if (!decision.match) continue;
      alerts++;
      alerted = true;
      if (examples.length < (options.keepExamples ?? 20))
        examples.push({ query, recordName: record.names[0] ?? '', score: decision.score });
    }
    if (alerted) alertedChecks++;
  }
  return { checks: queries.length, records: records.length, alertedChecks, alerts, candidates, examples };
}
