/**
 * The COD prediction of one benchmark (Xu et al. 2026, camera-ready), end to end:
 *
 * (a) difficulty features of the items over the ladder, items nobody solves left out;
 * (a) improved MeanShift clusters;
 * (b) a COD-law fit per cluster and its class;
 * (c) the predictable subset's extrapolation to the target: the size-weighted mean of the
 *     extrapolatable clusters' curves;
 * (d) the subset→full map, fitted to the ladder's (subset, full) accuracy pairs and to compatible
 *     anchor models, applied to (c).
 *
 * Uncertainty: a seeded bootstrap over items — each replicate resamples every cluster's members with
 * replacement, refits the cluster laws from the fitted ones, re-extrapolates and maps through the same
 * map — gives a 95% percentile interval ({@link percentileInterval}: NumPy's default linear-interpolation
 * quantiles); the spread of leave-one-ladder-model-out predictions (jackknife)
 * is added in quadrature to its half-width, so that the interval also reflects which models are in the
 * ladder.
 */
import { clip01 } from '../core/clamp.js';
import { percentileInterval } from '../core/quantile.js';
import { createRandom } from '../core/random.js';
import { DEFAULT_CLUSTER_SAMPLE } from './codDefaults.js';
import { arcsineFeatures, difficultyFeatures } from '../cluster/difficultyFeatures.js';
import { improvedMeanShift, type ImprovedMeanShiftResult } from '../cluster/improvedMeanShift.js';
import { improvedKMeans, kMeansClustering } from '../cluster/kMeansClustering.js';
import { sampleThenAssign } from '../cluster/sampleThenAssign.js';
import type { ItemMatrix } from '../data/types.js';
import { fitLaw } from '../fit/fitLaw.js';
import { codLaw } from '../fit/laws/index.js';
import { applySubsetToFullMap, fitSubsetToFullMap } from './mapping/subsetToFullMap.js';
import { classifyCluster, clusterFitOptions, DEFAULT_RULES, extrapolateSubset, fitClusterLaws, type ClassificationRules, type ClusterFit } from './clusterLaws.js';
import { dataKind } from './dataKind.js';
import type { MethodPrediction } from './endToEnd.js';
import type { LadderModel } from './ladder.js';

/** Options of {@link codPrediction}. */
export interface CodOptions {
  rules?: Partial<ClassificationRules>;
  /** Anchor models: columns of the matrix outside the ladder, used only by the subset→full map. */
  anchors?: readonly string[];
  /** Item-bootstrap replicates for the interval (0 = none). @default 200 */
  bootstrap?: number;
  /** Seed of the bootstrap. @default 1 */
  seed?: number;
  /** Leave-one-ladder-model-out jackknife for the interval. @default true */
  jackknife?: boolean;
  /**
   * How items are clustered: the paper's improved MeanShift, plain seeded K-Means, or the paper's
   * improved K-Means baseline. @default 'meanshift'
   */
  clustering?: 'meanshift' | 'kmeans' | 'improved-kmeans';
  /** Number of clusters for plain K-Means. @default round(√(n/2)), the usual rule of thumb */
  clusters?: number;
  /**
   * Benchmarks with more solved items than this are clustered on a seeded sample of this many items,
   * the others joining the nearest cluster centre within the bandwidth ({@link sampleThenAssign});
   * smaller benchmarks are clustered whole. @default DEFAULT_CLUSTER_SAMPLE
   */
  clusterSample?: number;
  /**
   * The space items are clustered in: the paper's raw pass-rate vectors, or their arcsine transform
   * (2/π)·asin(√p) ({@link arcsineFeatures}), which makes sampling noise the same size at every
   * difficulty. The laws are fitted to pass rates either way, and 0/1 scores are the same in both.
   * The arcsine space helps on the simulated ladder (docs/validation.md §1d) but not on the real
   * sampled ladders of the public corpus (docs/cod-vs-peer.md), so the paper's space is the default.
   * @default 'pass-rate'
   */
  clusterSpace?: 'pass-rate' | 'arcsine';
  /** Positions on the ladder's axis at which to report the COD curve (`diagnostics.curve`), for charts. */
  curveAt?: readonly number[];
  /** Told of each step of long work: clustering (0 of 1, then 1 of 1), then each interval replicate. */
  onProgress?: (step: 'clustering' | 'interval', done: number, total: number) => void;
}

export { DEFAULT_CLUSTER_SAMPLE } from './codDefaults.js';

/** Clusters the features with the chosen method; the bandwidth is NaN for the K-Means variants. */
function clusterItems(points: Float64Array, n: number, d: number, options: CodOptions): { labels: Int32Array; bandwidth: number; sampled: number } {
  const seed = options.seed ?? 1;
  const sampleSize = options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE;
  switch (options.clustering ?? 'meanshift') {
    case 'meanshift': {
      const r = sampleThenAssign<ImprovedMeanShiftResult>(points, n, d, { sampleSize, seed, radius: (c) => c.bandwidth }, (s, m) => improvedMeanShift(s, m, d));
      return { labels: r.labels, bandwidth: r.bandwidth, sampled: r.sampled };
    }
    case 'kmeans': {
      const m = Math.min(n, sampleSize);
      const k = Math.max(1, Math.min(m, options.clusters ?? Math.round(Math.sqrt(m / 2))));
      const r = sampleThenAssign(points, n, d, { sampleSize, seed, radius: Infinity }, (s, mm) => kMeansClustering(s, mm, d, k, { seed }));
      return { labels: r.labels, bandwidth: Number.NaN, sampled: r.sampled };
    }
    case 'improved-kmeans': {
      const r = sampleThenAssign(points, n, d, { sampleSize, seed, radius: Infinity }, (s, m) => improvedKMeans(s, m, d, { seed }));
      return { labels: r.labels, bandwidth: Number.NaN, sampled: r.sampled };
    }
  }
}

/** Subset accuracy of the largest ladder model at which the predictable subset counts as solved. */
export const SATURATED_SUBSET = 0.98;

/** Points at which the subset→full map is sampled for the diagnostics (and its chart). */
const MAP_SAMPLES = 50;

/** What the COD method saw and did on one benchmark. */
export interface CodDiagnostics {
  items: number;
  /** Items left out before clustering because no ladder model solved them. */
  unsolved: number;
  /** Items left out because a ladder model had no score on them. */
  incomplete: number;
  bandwidth: number;
  /** Items the clustering ran on; the other solved items joined the nearest cluster (see `clusterSample`). */
  clustered: number;
  /** Items MeanShift left as outliers. */
  outliers: number;
  clusters: ClusterFit[];
  /** Share of the benchmark's items in the predictable subset. */
  subsetShare: number;
  /** The subset's extrapolated accuracy at the target (before the map). */
  subsetPrediction: number | null;
  /** The map's points: ladder and anchors, (subset, full), and the map itself sampled on [0, 1]. */
  mapping: { kind: string; points: { model: string; subset: number; full: number; anchor: boolean }[]; rmse: number | null; curve: { subset: number; full: number }[] };
  /** The COD curve at the positions asked for by `curveAt`: subset extrapolation and mapped full score. */
  curve?: { x: number; subset: number | null; full: number | null }[];
  warnings: string[];
}


/** Mean of each column's scores over the given rows (NaN ignored). */
function columnMean(m: ItemMatrix, col: number, rows: Iterable<number>): number {
  let s = 0;
  let n = 0;
  const nM = m.models.length;
  for (const i of rows) {
    const v = m.scores[i * nM + col]!;
    if (v === v) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : Number.NaN;
}

/**
 * Runs the COD method on one benchmark.
 */
export function codPrediction(matrix: ItemMatrix, ladder: readonly LadderModel[], targetX: number, options: CodOptions = {}): { prediction: MethodPrediction; diagnostics: CodDiagnostics | null } {
  const method = 'cod';
  const warnings: string[] = [];
  options.onProgress?.('clustering', 0, 1);
  const core = codCore(matrix, ladder, targetX, options, warnings);
  options.onProgress?.('clustering', 1, 1);
  if ('reason' in core) return { prediction: { method, prediction: null, interval: null, reason: core.reason, warnings }, diagnostics: null };
  const { diagnostics, value } = core;
  if (value === null) {
    return { prediction: { method, prediction: null, interval: null, reason: 'no cluster is extrapolatable: nothing in this benchmark scales predictably on this ladder', warnings }, diagnostics };
  }
  // A predictable subset the ladder's largest model already solves has nothing left to extrapolate:
  // its prediction would be the subset→full map pulled towards its fixed point (1, 1), far from any
  // ladder point (docs/cod-vs-peer.md: two such cases missed by 43 and 47 points).
  const largest = diagnostics.mapping.points.find((p) => !p.anchor && p.model === ladder[ladder.length - 1]!.model);
  if (largest !== undefined && largest.subset >= SATURATED_SUBSET) {
    return {
      prediction: { method, prediction: null, interval: null, reason: `the predictable subset is already solved by the largest ladder model (${(100 * largest.subset).toFixed(1)}% of it): nothing is left in it to extrapolate`, warnings },
      diagnostics,
    };
  }
  // Uncertainty.
  const replicates: number[] = [];
  const B = options.bootstrap ?? 200;
  if (B > 0) replicates.push(...itemBootstrap(core, targetX, B, options.seed ?? 1, options.onProgress));
  let interval: [number, number] | null = null;
  if (replicates.length >= 20) {
    replicates.sort((a, b) => a - b);
    let [lo, hi] = percentileInterval(replicates, 0.95);
    if (options.jackknife ?? true) {
      const jack = ladder.length > 3 ? jackknife(core, matrix, targetX, options.anchors ?? []) : [];
      if (jack.length >= 2) {
        const mean = jack.reduce((a, v) => a + v, 0) / jack.length;
        const sd = Math.sqrt(((jack.length - 1) / jack.length) * jack.reduce((a, v) => a + (v - mean) ** 2, 0));
        lo = value - Math.hypot(value - lo, 1.96 * sd);
        hi = value + Math.hypot(hi - value, 1.96 * sd);
      }
    }
    interval = [Math.max(0, lo), Math.min(1, hi)];
  }
  return { prediction: { method, prediction: value, interval, warnings }, diagnostics };
}

/** A model's (subset, full) accuracy pair for the subset→full map. */
interface AccuracyPair {
  model: string;
  subset: number;
  full: number;
}

/**
 * The (subset, full) accuracy pairs of the ladder and anchor models: subset accuracy is the mean
 * over the rows of the predictable subset, full accuracy the mean over all rows; anchors without
 * scores on this benchmark are left out (and reported through `onMissingAnchor`).
 */
function accuracyPairs(
  matrix: ItemMatrix,
  subsetRows: readonly number[],
  ladderModels: readonly string[],
  anchors: readonly string[],
  onMissingAnchor: (anchor: string) => void = () => {},
): { ladder: AccuracyPair[]; anchors: AccuracyPair[] } {
  const allRows = Array.from({ length: matrix.items.length }, (_, i) => i);
  const pair = (model: string): AccuracyPair => {
    const col = matrix.models.indexOf(model);
    return { model, subset: columnMean(matrix, col, subsetRows), full: columnMean(matrix, col, allRows) };
  };
  const present = anchors.filter((a) => {
    const ok = matrix.models.includes(a);
    if (!ok) onMissingAnchor(a);
    return ok;
  });
  return { ladder: ladderModels.map(pair), anchors: present.map(pair) };
}

/** Rows of the matrix in the clusters of `used`. */
function subsetRowsOf(features: ReturnType<typeof difficultyFeatures>, labels: Int32Array, used: ReadonlySet<number>): number[] {
  const rows: number[] = [];
  features.items.forEach((row, r) => {
    if (used.has(labels[r]!)) rows.push(row);
  });
  return rows;
}

interface CoreResult {
  diagnostics: CodDiagnostics;
  value: number | null;
  clusters: ClusterFit[];
  labels: Int32Array;
  features: ReturnType<typeof difficultyFeatures>;
  map: ReturnType<typeof fitSubsetToFullMap>;
  rules: ClassificationRules;
  ladderX: number[];
}

/** Stages (b)–(d) on given clusters: laws, classes, subset extrapolation, the map and its value. */
function extrapolateAndMap(
  matrix: ItemMatrix,
  features: ReturnType<typeof difficultyFeatures>,
  labels: Int32Array,
  ladderX: readonly number[],
  rules: ClassificationRules,
  targetX: number,
  anchors: readonly string[],
  onMissingAnchor?: (anchor: string) => void,
  fitted?: ClusterFit[],
) {
  const clusters = fitted ?? fitClusterLaws(features, labels, ladderX, { rules });
  const sub = extrapolateSubset(clusters, targetX);
  const subsetRows = subsetRowsOf(features, labels, new Set(sub.clusters));
  const pairs = accuracyPairs(matrix, subsetRows, features.ladder, anchors, onMissingAnchor);
  const map = fitSubsetToFullMap(
    pairs.ladder.filter((p) => Number.isFinite(p.subset)),
    pairs.anchors.filter((p) => Number.isFinite(p.subset)),
  );
  const value = sub.value === null ? null : applySubsetToFullMap(map, clip01(sub.value));
  return { clusters, sub, subsetRows, pairs, map, value };
}

/** COD's stages (a)–(b) on one benchmark, which need no target: features, clusters, laws and classes. */
export interface CodClusters {
  features: ReturnType<typeof difficultyFeatures>;
  labels: Int32Array;
  clusters: ClusterFit[];
  bandwidth: number;
  /** Items the clustering ran on (see `clusterSample`). */
  clustered: number;
  rules: ClassificationRules;
  warnings: string[];
}

/**
 * Clusters a benchmark's items over the ladder and fits and classifies every cluster — what
 * `scalecast cluster` shows, and the first half of {@link codPrediction}.
 *
 * @example codClusters(matrix, ladder).clusters.filter((c) => c.class === 'extrapolatable')
 */
export function codClusters(matrix: ItemMatrix, ladder: readonly LadderModel[], options: CodOptions = {}): CodClusters | { reason: string } {
  if (ladder.length < 5) {
    return { reason: `the ladder has ${ladder.length} models; COD's per-cluster law has 4 parameters and needs at least 5 models to leave a spare data point` };
  }
  if (dataKind(matrix, ladder.map((l) => l.model)) === 'greedy') {
    const d = ladder.length;
    return {
      reason: `the items have one 0/1 result per model: over ${d} ladder models an item's difficulty feature is one of ${2 ** d} answer patterns, not a pass rate, so its clusters are patterns and their curves steps; COD needs sampled pass rates (several samples per item; the paper uses 100)`,
    };
  }
  const unscored = ladder.filter((l) => !matrix.models.includes(l.model)).map((l) => l.model);
  if (unscored.length > 0) return { reason: `ladder model${unscored.length === 1 ? '' : 's'} ${unscored.join(', ')} ${unscored.length === 1 ? 'has' : 'have'} no scores on ${matrix.benchmark}` };
  const warnings: string[] = [];
  const features = difficultyFeatures(matrix, ladder.map((l) => l.model));
  const n = features.items.length;
  const d = features.ladder.length;
  if (n === 0) return { reason: 'no item is solved by any ladder model' };
  const ms = clusterItems((options.clusterSpace ?? 'pass-rate') === 'arcsine' ? arcsineFeatures(features.features) : features.features, n, d, options);
  if (ms.sampled < n) {
    warnings.push(`${n} solved items: clustered a seeded sample of ${ms.sampled}, the others joined the nearest cluster centre within the radius (raise --cluster-sample to cluster more)`);
  }
  const rules = { ...DEFAULT_RULES, ...options.rules };
  const clusters = fitClusterLaws(
    features,
    ms.labels,
    ladder.map((l) => l.x),
    { rules },
  );
  return { features, labels: ms.labels, clusters, bandwidth: ms.bandwidth, clustered: ms.sampled, rules, warnings };
}

function codCore(matrix: ItemMatrix, ladder: readonly LadderModel[], targetX: number, options: CodOptions, warnings: string[]): CoreResult | { reason: string } {
  const stage = codClusters(matrix, ladder, options);
  if ('reason' in stage) return stage;
  if (targetX <= ladder[ladder.length - 1]!.x) warnings.push('the target is not larger than the largest ladder model: this is interpolation, not extrapolation');
  warnings.push(...stage.warnings);
  const { features, rules } = stage;
  const ms = { labels: stage.labels, bandwidth: stage.bandwidth, sampled: stage.clustered };
  const ladderX = ladder.map((l) => l.x);
  const { clusters, sub, subsetRows, pairs, map, value } = extrapolateAndMap(
    matrix,
    features,
    ms.labels,
    ladderX,
    rules,
    targetX,
    options.anchors ?? [],
    (a) => warnings.push(`anchor ${a} has no scores on ${matrix.benchmark}: left out`),
    stage.clusters,
  );
  const ladderPairs = pairs.ladder;
  const anchorPairs = pairs.anchors;
  warnings.push(...map.warnings);
  const diagnostics: CodDiagnostics = {
    items: matrix.items.length,
    unsolved: features.unsolved.length,
    incomplete: features.incomplete.length,
    bandwidth: ms.bandwidth,
    clustered: ms.sampled,
    outliers: ms.labels.filter((l: number) => l < 0).length,
    clusters,
    subsetShare: subsetRows.length / matrix.items.length,
    subsetPrediction: sub.value,
    mapping: {
      kind: map.kind,
      points: [...ladderPairs.map((p) => ({ ...p, anchor: false })), ...anchorPairs.map((p) => ({ ...p, anchor: true }))],
      rmse: map.rmse,
      curve: Array.from({ length: MAP_SAMPLES + 1 }, (_, i) => ({ subset: i / MAP_SAMPLES, full: applySubsetToFullMap(map, i / MAP_SAMPLES) })),
    },
    warnings,
  };
  if (options.curveAt !== undefined) {
    diagnostics.curve = options.curveAt.map((x) => {
      const v = extrapolateSubset(clusters, x).value;
      return { x, subset: v, full: v === null ? null : applySubsetToFullMap(map, clip01(v)) };
    });
  }
  return { diagnostics, value, clusters, labels: ms.labels, features, map, rules, ladderX };
}

/** Item bootstrap with the clusters and the map held fixed; returns the mapped predictions. */
function itemBootstrap(core: CoreResult, targetX: number, B: number, seed: number, onProgress?: CodOptions['onProgress']): number[] {
  const { features, labels, clusters, map, rules, ladderX } = core;
  const d = features.ladder.length;
  const members = new Map<number, number[]>();
  for (let r = 0; r < labels.length; r++) {
    const k = labels[r]!;
    if (k < 0) continue;
    let list = members.get(k);
    if (list === undefined) members.set(k, (list = []));
    list.push(r);
  }
  const x = Float64Array.from(ladderX);
  const out: number[] = [];
  const rng = createRandom(seed);
  for (let b = 0; b < B; b++) {
    let num = 0;
    let den = 0;
    for (const c of clusters) {
      const rows = members.get(c.cluster)!;
      const curve = new Float64Array(d);
      for (let t = 0; t < rows.length; t++) {
        const r = rows[rng.int(rows.length)]!;
        for (let j = 0; j < d; j++) curve[j]! += features.features[r * d + j]!;
      }
      for (let j = 0; j < d; j++) curve[j]! /= rows.length;
      if (c.fit === null) continue;
      let fit;
      try {
        fit = fitLaw(codLaw, { x: [x], y: curve }, clusterFitOptions(rules, { starts: [c.fit.values] }));
      } catch {
        continue;
      }
      if (classifyCluster(fit, rules, Array.from(curve)).class !== 'extrapolatable') continue;
      num += c.size * codLaw.evaluate(fit.values, [targetX]);
      den += c.size;
    }
    if (den > 0) out.push(applySubsetToFullMap(map, clip01(num / den)));
    onProgress?.('interval', b + 1, B);
  }
  return out;
}

/**
 * COD predictions with each ladder model but the largest left out in turn, the clusters held fixed
 * (re-clustering on each reduced ladder would multiply the cost of the whole method by the ladder's
 * size): the cluster curves lose that model's point, the laws are refitted, the subset re-extrapolated
 * and the map refitted on the remaining ladder models.
 */
function jackknife(core: CoreResult, matrix: ItemMatrix, targetX: number, anchors: readonly string[]): number[] {
  const { features, labels, rules } = core;
  const d = features.ladder.length;
  const out: number[] = [];
  for (let drop = 0; drop < d - 1; drop++) {
    const keep = Array.from({ length: d }, (_, j) => j).filter((j) => j !== drop);
    const reduced = {
      ...features,
      ladder: keep.map((j) => features.ladder[j]!),
      features: Float64Array.from({ length: features.items.length * keep.length }, (_, t) => features.features[Math.floor(t / keep.length) * d + keep[t % keep.length]!]!),
    };
    const r = extrapolateAndMap(matrix, reduced, labels, keep.map((j) => core.ladderX[j]!), rules, targetX, anchors);
    if (r.value !== null) out.push(r.value);
  }
  return out;
}
