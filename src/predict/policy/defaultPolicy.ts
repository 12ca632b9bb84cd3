/**
 * The default prediction: one documented policy, fitted on a corpus of real ladders
 * (`scalecast evaluate`) and applied to the user's ladder.
 *
 * **Point.** Start from the largest ladder model's score (`carry`) and add a weighted sum of what the
 * other methods say the target gains over it:
 *
 *   ŷ = carry + Σₘ wₘ·(ŷₘ − carry),  wₘ ≥ 0,
 *
 * bounded to the benchmark's [chance floor, ceiling]. The components are the straight line in
 * log-compute over the whole ladder and over its three largest models, the population curve borrowed
 * from other models on the same benchmark, the sigmoid and COD-law fits and the two-step method. A
 * component a ladder cannot support (a 4-parameter fit on 3 points, too few other models scored on
 * the benchmark, no loss column) is replaced by the straight line, and the line, on flat data, by
 * carry. The weights are stacking weights (Breiman 1996): the non-negative least-absolute-deviations
 * fit of the hidden models' real gains on the components' gains, each lineage's predictions weighted
 * to count as one (the family, not the case, is what a new user's ladder is a new draw of), over the
 * corpus's predictions of one group — the data kind (greedy 0/1 items, sampled pass rates, aggregate scores) and what the
 * user's ladder can show (whether the population curve and the COD-law fit run on it). A group with
 * fewer than {@link MIN_GROUP_ROWS} predictions or {@link MIN_GROUP_LINEAGES} lineages falls back to
 * the group of what the ladder shows over every kind, then to its data kind, then to the whole corpus.
 *
 * **Interval.** Split conformal, per data kind (Mondrian; a kind with too few errors or lineages to
 * calibrate on uses all kinds' quantile, {@link MIN_CALIBRATION}), on absolute errors normalised by
 * s = 1 + log2(ratio), the ratio being the target's size over the largest ladder model's: the
 * half-width is q·s, with q the ⌈(n + 1)·0.95⌉-th smallest normalised error of out-of-sample
 * predictions of the corpus — lineages dealt into {@link LINEAGE_FOLDS} folds, each predicted by weights
 * fitted on the others (Lei et al. 2018; Vovk et al. 2005; Barber et al. 2021 on cross-conformal). The
 * interval is clipped to [0, ceiling] — not to the chance floor, under which a measured score can
 * fall — and is never of zero width.
 *
 * Out of sample means by lineage: a family's ladders (and its fine-tunes') are predicted by a policy
 * fitted without them, and the calibration of that policy uses errors made without them too
 * ({@link crossValidatedDefault}).
 */
import { DATA_KINDS, type DataKind } from '../dataKind.js';
import type { MethodId } from '../methods.js';
import { leastAbsoluteWeights } from './leastAbsoluteWeights.js';

/** The methods the default combines. */
export const POLICY_COMPONENTS = ['e2e-linear', 'e2e-linear3', 'pop-curve', 'e2e-logistic', 'e2e-cod', 'two-step'] as const satisfies readonly MethodId[];

/** A component of the default. */
export type PolicyComponent = (typeof POLICY_COMPONENTS)[number];

/** Fewest training predictions a group needs to have weights of its own. */
export const MIN_GROUP_ROWS = 40;
/** Fewest lineages a group's predictions must come from. */
export const MIN_GROUP_LINEAGES = 3;
/** Coverage the interval is calibrated for. */
export const INTERVAL_LEVEL = 0.95;
/** Folds of lineages whose out-of-sample errors calibrate the interval. */
export const LINEAGE_FOLDS = 5;
/**
 * Fewest calibration errors a data kind needs for a quantile of its own (fewer than
 * ⌈1/(1 − level)⌉ − 1 makes the 95% quantile the largest error, and a few families say little);
 * otherwise the kind uses the quantile of all kinds.
 */
export const MIN_CALIBRATION = { scores: 19, lineages: MIN_GROUP_LINEAGES } as const;

/** What the policy sees of one prediction. */
export interface PolicyInput {
  kind: DataKind;
  /** Target size over the largest ladder model's (≥ 1). */
  ratio: number;
  floor: number;
  ceiling: number;
  /** Each method's bounded prediction, null where it had none; `carry` is required. */
  values: Partial<Record<MethodId, number | null>>;
}

/** One group's weights. */
export interface PolicyGroup {
  /** `kind|pop|cod` (`-` for an absent component; `*` for any kind), `kind`, or `*`. */
  key: string;
  weights: Record<PolicyComponent, number>;
  /** Training predictions and lineages behind the weights. */
  rows: number;
  lineages: number;
}

/** A fitted default policy (what `scalecast evaluate --write-policy` writes). */
export interface DefaultPolicy {
  version: 1;
  /** The corpus it was fitted on, and when. */
  corpus: string;
  fitted: string;
  components: PolicyComponent[];
  groups: PolicyGroup[];
  /** q per data kind (and `*` for all): the half-width is q·(1 + log2 ratio). */
  calibration: { level: number; quantile: Partial<Record<DataKind | '*', number>> };
}

/** The default's answer for one prediction. */
export interface PolicyPrediction {
  value: number;
  interval: [number, number];
  /** The group whose weights were used. */
  group: string;
  /** Each component's weight and the value it entered with (after fallback). */
  components: { method: PolicyComponent; weight: number; value: number; fallback?: MethodId }[];
}

/** A prediction of the corpus the policy is fitted on. */
export interface PolicyRow extends PolicyInput {
  lineage: string;
  actual: number;
}

/**
 * The group keys of an input, most specific first: its data kind and what its ladder can show,
 * then what its ladder can show for any kind (so that weights learnt where the population curve
 * ran are not applied with the line standing in for it), then its kind, then everything.
 */
export function policyGroupKeys(input: PolicyInput): string[] {
  const has = (m: MethodId) => (input.values[m] ?? null) !== null;
  const shows = `${has('pop-curve') ? 'pop' : '-'}|${has('e2e-cod') ? 'cod' : '-'}`;
  return [`${input.kind}|${shows}`, `*|${shows}`, input.kind, '*'];
}

/** A component's value for an input, with the method it fell back to when it had none. */
export function componentValue(input: PolicyInput, m: PolicyComponent): { value: number; fallback?: MethodId } {
  const own = input.values[m] ?? null;
  if (own !== null) return { value: own };
  const line = input.values['e2e-linear'] ?? null;
  if (m !== 'e2e-linear' && line !== null) return { value: line, fallback: 'e2e-linear' };
  const carry = input.values.carry;
  if (carry === undefined || carry === null) throw new RangeError('the policy needs the carry-forward value of every prediction');
  return { value: carry, fallback: 'carry' };
}

/** The interval's scale for an extrapolation ratio: 1 + log2(ratio). */
export function intervalScale(ratio: number): number {
  return 1 + Math.log2(Math.max(1, ratio));
}

/** Each component's gain over carry. */
function gains(input: PolicyInput): number[] {
  const carry = input.values.carry!;
  return POLICY_COMPONENTS.map((m) => componentValue(input, m).value - carry);
}

/** A corpus row with what every fit needs of it, computed once. */
interface Prepared {
  row: PolicyRow;
  gains: number[];
  keys: string[];
}

function prepare(rows: readonly PolicyRow[]): Prepared[] {
  return rows.map((row) => ({ row, gains: gains(row), keys: policyGroupKeys(row) }));
}

/** The point prediction of the policy's weights for one group, given the input's gains. */
function combine(input: PolicyInput, g: readonly number[], weights: Record<PolicyComponent, number>): number {
  let v = input.values.carry!;
  POLICY_COMPONENTS.forEach((m, j) => (v += weights[m] * g[j]!));
  return Math.min(input.ceiling, Math.max(input.floor, v));
}

function groupFor(policy: Pick<DefaultPolicy, 'groups'>, keys: readonly string[]): PolicyGroup {
  for (const key of keys) {
    const g = policy.groups.find((x) => x.key === key);
    if (g !== undefined) return g;
  }
  throw new RangeError('the policy has no group for this prediction (not even "*")');
}

/**
 * The default's prediction and interval for one input.
 *
 * @example applyPolicy(policy, { kind: 'aggregate', ratio: 2, floor: 0.25, ceiling: 1, values: { carry: 0.6, 'e2e-linear': 0.66 } })
 */
export function applyPolicy(policy: DefaultPolicy, input: PolicyInput): PolicyPrediction {
  const group = groupFor(policy, policyGroupKeys(input));
  const value = combine(input, gains(input), group.weights);
  const q = policy.calibration.quantile[input.kind] ?? policy.calibration.quantile['*'];
  if (q === undefined) throw new RangeError(`the policy has no interval calibration for ${input.kind} data`);
  // Never a zero-width interval: at least a point of width even where the corpus erred by nothing.
  const half = Math.max(q, 0.005) * intervalScale(input.ratio);
  const interval: [number, number] = [Math.max(0, value - half), Math.min(input.ceiling, value + half)];
  return {
    value,
    interval,
    group: group.key,
    components: POLICY_COMPONENTS.map((m) => {
      const c = componentValue(input, m);
      return { method: m, weight: group.weights[m], value: c.value, ...(c.fallback ? { fallback: c.fallback } : {}) };
    }),
  };
}

/** The stacking weights of every group that has enough rows, plus `*`. */
function fitGroups(rows: readonly Prepared[]): PolicyGroup[] {
  const byKey = new Map<string, Prepared[]>();
  for (const r of rows) {
    for (const key of r.keys) {
      let list = byKey.get(key);
      if (list === undefined) byKey.set(key, (list = []));
      list.push(r);
    }
  }
  const groups: PolicyGroup[] = [];
  for (const [key, list] of [...byKey].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const lineages = new Set(list.map((r) => r.row.lineage)).size;
    if (key !== '*' && (list.length < MIN_GROUP_ROWS || lineages < MIN_GROUP_LINEAGES)) continue;
    // Each lineage counts once, however many predictions it has: the default will meet a new family,
    // and a big family's quirks should not set the weights for all. Weighting a row's absolute error
    // by r is fitting the row scaled by r (r·|y − x·w| = |r·y − r·x·w|).
    const per = new Map<string, number>();
    for (const r of list) per.set(r.row.lineage, (per.get(r.row.lineage) ?? 0) + 1);
    const scale = (r: Prepared) => 1 / per.get(r.row.lineage)!;
    const x = list.map((r) => r.gains.map((g) => g * scale(r)));
    const y = list.map((r) => (r.row.actual - r.row.values.carry!) * scale(r));
    const w = leastAbsoluteWeights(x, y);
    const weights = Object.fromEntries(POLICY_COMPONENTS.map((m, j) => [m, w[j]!])) as Record<PolicyComponent, number>;
    groups.push({ key, weights, rows: list.length, lineages });
  }
  return groups;
}

/**
 * Normalised absolute errors of out-of-sample predictions of `rows`, with each row's kind: the
 * lineages, in name order, are dealt into {@link LINEAGE_FOLDS} folds, and each fold is predicted by
 * weights fitted on the others.
 */
function outOfSampleScores(rows: readonly Prepared[]): { kind: DataKind; lineage: string; score: number }[] {
  const lineages = [...new Set(rows.map((r) => r.row.lineage))].sort();
  const fold = new Map(lineages.map((l, i) => [l, i % LINEAGE_FOLDS] as const));
  const out: { kind: DataKind; lineage: string; score: number }[] = [];
  for (let f = 0; f < Math.min(LINEAGE_FOLDS, lineages.length); f++) {
    const train = rows.filter((r) => fold.get(r.row.lineage) !== f);
    if (train.length === 0) continue;
    const groups = fitGroups(train);
    for (const p of rows) {
      if (fold.get(p.row.lineage) !== f) continue;
      const v = combine(p.row, p.gains, groupFor({ groups }, p.keys).weights);
      out.push({ kind: p.row.kind, lineage: p.row.lineage, score: Math.abs(v - p.row.actual) / intervalScale(p.row.ratio) });
    }
  }
  return out;
}

/** The split-conformal quantile: the ⌈(n + 1)·level⌉-th smallest score (the largest when that is past n). */
export function conformalQuantile(scores: readonly number[], level: number): number | undefined {
  if (scores.length === 0) return undefined;
  const s = [...scores].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.ceil((s.length + 1) * level)) - 1];
}

function calibration(scores: readonly { kind: DataKind; lineage: string; score: number }[]): DefaultPolicy['calibration'] {
  const quantile: DefaultPolicy['calibration']['quantile'] = {};
  const all = conformalQuantile(scores.map((s) => s.score), INTERVAL_LEVEL);
  if (all !== undefined) quantile['*'] = all;
  for (const k of DATA_KINDS) {
    const mine = scores.filter((s) => s.kind === k);
    if (mine.length < MIN_CALIBRATION.scores || new Set(mine.map((s) => s.lineage)).size < MIN_CALIBRATION.lineages) continue;
    quantile[k] = conformalQuantile(mine.map((s) => s.score), INTERVAL_LEVEL)!;
  }
  return { level: INTERVAL_LEVEL, quantile };
}

/**
 * Fits the policy on a corpus's predictions: stacking weights per group on all of them, interval
 * quantiles on their leave-one-lineage-out errors.
 *
 * @param corpus names the corpus in the policy
 * @param fitted the date of the fit (YYYY-MM-DD), kept out of the computation so that it stays pure
 */
export function fitPolicy(rows: readonly PolicyRow[], corpus: string, fitted: string): DefaultPolicy {
  if (rows.length === 0) throw new RangeError('no predictions to fit the default policy on');
  if (new Set(rows.map((r) => r.lineage)).size < 2) throw new RangeError('the policy\'s interval is calibrated on errors made leaving lineages out: it needs predictions of at least two lineages');
  const prepared = prepare(rows);
  return { version: 1, corpus, fitted, components: [...POLICY_COMPONENTS], groups: fitGroups(prepared), calibration: calibration(outOfSampleScores(prepared)) };
}

/**
 * The default's predictions of a corpus, every one out of sample: each lineage is predicted by a
 * policy fitted on the other lineages — its weights on their predictions, its interval on their own
 * out-of-sample errors (nested: folds of the other lineages, so that no error the interval is
 * calibrated on was made by a policy that saw the lineage being predicted).
 *
 * @returns one prediction per row, in the order of `rows`
 */
export function crossValidatedDefault(rows: readonly PolicyRow[]): PolicyPrediction[] {
  const out: (PolicyPrediction | undefined)[] = new Array(rows.length);
  const prepared = prepare(rows);
  for (const lineage of new Set(rows.map((r) => r.lineage))) {
    const train = prepared.filter((p) => p.row.lineage !== lineage);
    if (train.length === 0) throw new RangeError('leave-one-lineage-out needs at least two lineages');
    const policy: DefaultPolicy = { version: 1, corpus: '', fitted: '', components: [...POLICY_COMPONENTS], groups: fitGroups(train), calibration: calibration(outOfSampleScores(train)) };
    rows.forEach((r, i) => {
      if (r.lineage === lineage) out[i] = applyPolicy(policy, r);
    });
  }
  return out as PolicyPrediction[];
}
