/**
 * COD stages (b) and (c) (Xu et al. 2026, §3.2–3.3, App. C.1): fit a performance law to each
 * difficulty cluster's mean accuracy over the ladder, classify the cluster, and extrapolate the
 * predictable subset — the extrapolatable clusters — to the target compute as the cluster-size
 * weighted mean of their fitted curves.
 *
 * Classification of a COD-law fit y = g + (1 − g)·exp(−a·Ĉ^(−b) − c), with Ĉ = C/1e18 FLOPs (the
 * unit the paper's thresholds are stated in; see `COD_COMPUTE_UNIT`):
 * - **non-emergent**: negligible growth over the ladder, a ≤ 1 or b ≤ 0.1 (the curve is flat where
 *   we can see it, so its rise cannot be placed);
 * - **non-extrapolatable**: a poor ceiling, c < 0 or c ≥ 1 (the curve saturates far below 1, typical of
 *   clusters that scale badly), or a fit that failed or did not converge;
 * - **extrapolatable** otherwise.
 * The paper names the two discarded groups but gives no rule separating them; the split above
 * (growth rules → non-emergent, ceiling and fit failures → non-extrapolatable) is ours. The
 * thresholds are the paper's defaults and can be changed.
 */
import { FitDataError } from '../fit/fitError.js';
import { fitLaw, type FitOptions, type FitResult } from '../fit/fitLaw.js';
import type { DifficultyFeatures } from '../cluster/difficultyFeatures.js';
import { codLaw } from '../fit/laws/index.js';

/** What a cluster is judged to be. */
export type ClusterClass = 'extrapolatable' | 'non-extrapolatable' | 'non-emergent';

/** Thresholds on the COD-law parameters. */
export interface ClassificationRules {
  /** An extrapolatable cluster has a > minA. @default 1 */
  minA: number;
  /** … and b > minB. @default 0.1 */
  minB: number;
  /** … and minC ≤ c < maxC. @default 0 */
  minC: number;
  /** @default 1 */
  maxC: number;
  /**
   * When above 0, the cluster's mean curve must also rise by at least this much from the smallest to
   * the largest ladder model, with at least two ladder models above the smallest model's level plus
   * half of it (so a single uptick at the last model is not a trend). Off by default: on the public
   * corpus it refuses clusters the paper keeps and costs accuracy (docs/cod-vs-peer.md). @default 0
   */
  minRise: number;
  /**
   * Upper bound of a in the cluster fits (Ĉ in 1e18 FLOPs), tighter than the law's own range. With
   * only 5–8 ladder points a 4-parameter fit can bend its curve into a steep rise that saturates just
   * past the ladder; bounding a caps how steep the rise can be where the ladder sits, as the
   * scikit-learn/scipy reading of the paper that COD is held to does (`../shared/reference/peer_cod.py`).
   * It is a prior in the paper's compute unit; docs/cod-vs-peer.md shows how the corpus figures move
   * with it. @default 1e4
   */
  maxA: number;
}

/** The paper's thresholds: a > 1, b > 0.1, 0 ≤ c < 1. */
export const DEFAULT_RULES: ClassificationRules = Object.freeze({ minA: 1, minB: 0.1, minC: 0, maxC: 1, minRise: 0, maxA: 1e4 });

/** One cluster: its members, its mean curve over the ladder, its fit and its class. */
export interface ClusterFit {
  /** Cluster label. */
  cluster: number;
  /** Number of items. */
  size: number;
  /** Mean pass rate of the members at each ladder model (in ladder order). */
  curve: number[];
  /** The fitted COD law, or null when it could not be fitted. */
  fit: FitResult | null;
  class: ClusterClass;
  /** Why the cluster got its class, in words. */
  reason: string;
}

/** Options of {@link fitClusterLaws}. */
export interface ClusterLawOptions {
  rules?: Partial<ClassificationRules>;
  /** Options passed to every fit (e.g. `{ fixed: { g: 0.25 } }` for a known guess floor). */
  fit?: FitOptions;
}

/**
 * The mean feature vector of each cluster label ≥ 0, with member counts.
 */
export function clusterCurves(features: DifficultyFeatures, labels: Int32Array): Map<number, { size: number; curve: number[] }> {
  const d = features.ladder.length;
  const out = new Map<number, { size: number; curve: number[] }>();
  for (let r = 0; r < labels.length; r++) {
    const k = labels[r]!;
    if (k < 0) continue;
    let c = out.get(k);
    if (c === undefined) out.set(k, (c = { size: 0, curve: new Array<number>(d).fill(0) }));
    c.size++;
    for (let j = 0; j < d; j++) c.curve[j]! += features.features[r * d + j]!;
  }
  for (const c of out.values()) for (let j = 0; j < d; j++) c.curve[j]! /= c.size;
  return out;
}

/**
 * Classifies one fitted cluster by the rules. Besides the paper's thresholds on (a, b, c), a cluster
 * needs a fit with at least one spare data point and b off its upper bound (a law fitted with no
 * residual degree of freedom, or a step, is not evidence of a trend), and, when `minRise` > 0, a
 * visible rise over the ladder (checked on its mean curve when given).
 */
export function classifyCluster(fit: FitResult | null, rules: ClassificationRules = DEFAULT_RULES, curve?: readonly number[]): { class: ClusterClass; reason: string } {
  if (curve !== undefined && curve.length >= 2 && rules.minRise > 0) {
    const first = curve[0]!;
    const rise = curve[curve.length - 1]! - first;
    const above = curve.filter((v) => v > first + rules.minRise / 2).length;
    if (!(rise >= rules.minRise) || above < 2) {
      return { class: 'non-emergent', reason: `no clear rise over the ladder (from ${(100 * first).toFixed(1)}% to ${(100 * curve[curve.length - 1]!).toFixed(1)}%, ${above} model${above === 1 ? '' : 's'} above the start; needs a rise of ${100 * rules.minRise} points seen at 2 models)` };
    }
  }
  if (fit === null) return { class: 'non-extrapolatable', reason: 'the COD law could not be fitted' };
  if (fit.dof < 1) return { class: 'non-extrapolatable', reason: `the fit has no spare data point (${fit.n} points for ${fit.n - fit.dof} parameters)` };
  // a may rest on its bound (rules.maxA caps it on purpose); b at its upper bound is a step.
  const pinned = fit.atBounds.filter((n) => n === 'b');
  if (pinned.length > 0) return { class: 'non-extrapolatable', reason: `the fit rests on the bound of ${pinned.join(' and ')}` };
  const { a, b, c } = fit.params as { a: number; b: number; c: number };
  if (!(a > rules.minA) || !(b > rules.minB)) {
    return { class: 'non-emergent', reason: `negligible growth over the ladder (a = ${a.toPrecision(3)}, b = ${b.toPrecision(3)}; needs a > ${rules.minA}, b > ${rules.minB})` };
  }
  if (!(c >= rules.minC) || !(c < rules.maxC)) {
    return { class: 'non-extrapolatable', reason: `poor ceiling (c = ${c.toPrecision(3)}; needs ${rules.minC} ≤ c < ${rules.maxC})` };
  }
  if (!fit.converged) return { class: 'non-extrapolatable', reason: `the fit did not converge (${fit.reason})` };
  return { class: 'extrapolatable', reason: `a = ${a.toPrecision(3)} > ${rules.minA}, b = ${b.toPrecision(3)} > ${rules.minB}, c = ${c.toPrecision(3)} in [${rules.minC}, ${rules.maxC})` };
}

/** Fit options of a cluster law: a bounded to (0, rules.maxA], under the caller's options. */
export function clusterFitOptions(rules: ClassificationRules = DEFAULT_RULES, fit: FitOptions = {}): FitOptions {
  return { ...fit, bounds: { a: [1e-8, rules.maxA], ...fit.bounds } };
}

/**
 * Fits the COD law to every cluster's mean curve against the ladder's compute and classifies it.
 *
 * @param compute training FLOPs of the ladder models, in the order of `features.ladder`
 */
export function fitClusterLaws(features: DifficultyFeatures, labels: Int32Array, compute: readonly number[], options: ClusterLawOptions = {}): ClusterFit[] {
  if (compute.length !== features.ladder.length) throw new RangeError('one compute value per ladder model is needed');
  const rules = { ...DEFAULT_RULES, ...options.rules };
  const x = Float64Array.from(compute);
  const out: ClusterFit[] = [];
  const curves = [...clusterCurves(features, labels).entries()].sort((p, q) => p[0] - q[0]);
  for (const [cluster, { size, curve }] of curves) {
    let fit: FitResult | null = null;
    try {
      fit = fitLaw(codLaw, { x: [x], y: Float64Array.from(curve) }, clusterFitOptions(rules, options.fit));
    } catch (e) {
      if (!(e instanceof FitDataError)) throw e;
    }
    out.push({ cluster, size, curve, fit, ...classifyCluster(fit, rules, curve) });
  }
  return out;
}

/** The predictable subset's extrapolation at one compute. */
export interface SubsetExtrapolation {
  /** Size-weighted mean of the extrapolatable clusters' curves at the target; null without any. */
  value: number | null;
  /** Items in the predictable subset. */
  items: number;
  /** Clusters in it. */
  clusters: number[];
}

/**
 * ŷ_subset(C) = Σ_k n_k·y_k(C) / Σ_k n_k over the extrapolatable clusters k (Xu et al. 2026, §3.3).
 */
export function extrapolateSubset(clusters: readonly ClusterFit[], compute: number): SubsetExtrapolation {
  let num = 0;
  let den = 0;
  const used: number[] = [];
  for (const c of clusters) {
    if (c.class !== 'extrapolatable' || c.fit === null) continue;
    num += c.size * codLaw.evaluate(c.fit.values, [compute]);
    den += c.size;
    used.push(c.cluster);
  }
  return { value: den > 0 ? num / den : null, items: den, clusters: used };
}
