/**
 * COD's "improved MeanShift" (Xu et al., "Unveiling Downstream Performance Scaling of LLMs: A
 * Clustering-Based Perspective", ICLR 2026 camera-ready, arXiv 2502.17262v4, App. A.1, Algorithm 1):
 * MeanShift repeated on the leftovers, with a capped bandwidth, a radius check and a minimum cluster
 * size, so that every cluster is tight and large enough to give a stable mean accuracy.
 *
 * 1. R = min(estimate_bandwidth(X, quantile = Q), U), computed once on all points (Q = 0.1; U =
 *    max_distance/10 = √d/10, since features lie in [0, 1]^d: 0.3 for the paper's d = 9).
 * 2. Every label starts at −1.
 * 3. Repeat until no label changes:
 *    a. MeanShift(bandwidth = R, cluster_all = False) on the points labelled −1 ({@link meanShift});
 *    b. a newly labelled point farther than R from its cluster's MeanShift centre goes back to −1;
 *    c. a new cluster with fewer than K = 10 members goes back to −1 entirely;
 *    d. the surviving new clusters are numbered after the existing labels, in MeanShift's order
 *       (strongest first).
 * 4. Points still at −1 are outliers; they are left out of the per-cluster fits.
 *
 * Each round that changes a label adds at least one cluster of ≥ K points, so the loop ends. If R
 * is 0 (a Q-share of every point's neighbours are exact duplicates of it, as with 0/1 scores on a
 * short ladder), MeanShift clusters exact duplicates; scikit-learn would refuse a zero bandwidth.
 *
 * {@link improvedMeanShift} runs in the calling thread; {@link improvedMeanShiftParallel} runs the
 * bandwidth estimate and the seed climbs on worker threads and returns the same result.
 *
 * @example
 * const r = improvedMeanShift(features, items, 9);
 * r.bandwidth;   // => min(estimate_bandwidth(·, 0.1), 0.3)
 * r.labels;      // cluster of each item, −1 for outliers
 * r.outlierRate; // share of items labelled −1
 * @see methods.md §1.3; https://arxiv.org/abs/2502.17262v4
 */
import { memberCentroids, type Clustering } from './clustering.js';
import { ClusterPool, defaultThreads } from './clusterPool.js';
import { checkPoints } from './checkPoints.js';
import { estimateBandwidth } from './estimateBandwidth.js';
import { gatherRows } from './gatherRows.js';
import { meanShift, type MeanShiftOptions, type MeanShiftResult } from './meanShift.js';

/** Options of {@link improvedMeanShift}. */
export interface ImprovedMeanShiftOptions {
  /** Quantile Q passed to `estimateBandwidth`. @default 0.1 */
  quantile?: number;
  /** Minimum cluster size K; smaller clusters go back to the pool. @default 10 */
  minClusterSize?: number;
  /** Bandwidth cap U. @default √d / 10 (the largest distance in [0, 1]^d, over 10) */
  maxBandwidth?: number;
  /** A fixed bandwidth R instead of min(estimate, cap) (the estimate is then skipped). */
  bandwidth?: number;
  /** MeanShift's `max_iter`. @default 300 */
  maxIter?: number;
}

/** The result of {@link improvedMeanShift}. */
export interface ImprovedMeanShiftResult extends Clustering {
  /** The bandwidth R used in every round. */
  bandwidth: number;
  /** The `estimate_bandwidth` value before the cap (NaN when a fixed bandwidth was given or n = 0). */
  estimatedBandwidth: number;
  /** Number of MeanShift rounds run (the last one changed nothing, or left no point unlabelled). */
  rounds: number;
}

/** A step of Algorithm 1 that needs heavy computation, answered by a driver. */
type Need = { kind: 'estimate'; quantile: number } | { kind: 'meanShift'; rows: Int32Array; options: MeanShiftOptions };

/**
 * Clusters the `n` rows of `points` (row-major n×d) with Algorithm 1 in the calling thread. Returns
 * labels 0…k−1 and −1, the centres as the means of each cluster's final members, R, the outlier rate
 * and the number of rounds.
 *
 * @throws RangeError for invalid options, non-finite points or inconsistent sizes
 * @example improvedMeanShift(features, n, d, { minClusterSize: 10 }).k // number of clusters
 */
export function improvedMeanShift(points: Float64Array, n: number, d: number, options: ImprovedMeanShiftOptions = {}): ImprovedMeanShiftResult {
  const steps = algorithm1(points, n, d, options);
  let answer: number | MeanShiftResult | undefined;
  for (;;) {
    const step = answer === undefined ? steps.next() : steps.next(answer);
    if (step.done) return step.value;
    const need = step.value;
    answer =
      need.kind === 'estimate'
        ? estimateBandwidth(points, n, d, need.quantile)
        : meanShift(gatherRows(points, d, need.rows), need.rows.length, d, need.options);
  }
}

/**
 * {@link improvedMeanShift} with the bandwidth estimate and the MeanShift seed climbs on `threads`
 * worker threads (default: the CPUs, at most 8); the same result. Small inputs (under 2,000 points)
 * or `threads: 1` run in the calling thread.
 *
 * @example const r = await improvedMeanShiftParallel(features, n, 9, { threads: 2 });
 */
export async function improvedMeanShiftParallel(
  points: Float64Array,
  n: number,
  d: number,
  options: ImprovedMeanShiftOptions & { threads?: number } = {},
): Promise<ImprovedMeanShiftResult> {
  const threads = options.threads ?? defaultThreads();
  if (threads <= 1 || n < 2000) return improvedMeanShift(points, n, d, options);
  const steps = algorithm1(points, n, d, options);
  const pool = await ClusterPool.start(points, n, d, threads);
  try {
    let answer: number | MeanShiftResult | undefined;
    for (;;) {
      const step = answer === undefined ? steps.next() : steps.next(answer);
      if (step.done) return step.value;
      const need = step.value;
      answer = need.kind === 'estimate' ? await pool.estimateBandwidth(need.quantile) : await pool.meanShift(need.rows, need.options);
    }
  } finally {
    await pool.close();
  }
}

/**
 * Algorithm 1 as a generator: it yields what it needs computed (the bandwidth estimate, a MeanShift
 * on some rows) and receives the answers, so that the same code runs with or without threads.
 */
function* algorithm1(
  points: Float64Array,
  n: number,
  d: number,
  options: ImprovedMeanShiftOptions,
): Generator<Need, ImprovedMeanShiftResult, number | MeanShiftResult> {
  const { quantile = 0.1, minClusterSize = 10, maxBandwidth = Math.sqrt(d) / 10, maxIter = 300 } = options;
  if (!Number.isInteger(minClusterSize) || minClusterSize < 1) throw new RangeError(`minClusterSize must be an integer ≥ 1, got ${String(minClusterSize)}`);
  if (!(maxBandwidth >= 0)) throw new RangeError(`maxBandwidth must be ≥ 0, got ${String(maxBandwidth)}`);
  if (!(quantile >= 0 && quantile <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${String(quantile)}`);
  checkPoints(points, n, d);
  let estimated = Number.NaN;
  if (options.bandwidth === undefined && n > 0) estimated = (yield { kind: 'estimate', quantile }) as number;
  const bandwidth = options.bandwidth ?? (n === 0 ? 0 : Math.min(estimated, maxBandwidth));
  if (!(bandwidth >= 0) || !Number.isFinite(bandwidth)) throw new RangeError(`bandwidth must be a finite number ≥ 0, got ${String(bandwidth)}`);
  const labels = new Int32Array(n).fill(-1);
  let k = 0;
  let rounds = 0;
  for (;;) {
    const rows = unlabelled(labels);
    if (rows.length === 0) break;
    rounds++;
    const ms = (yield { kind: 'meanShift', rows, options: { bandwidth, clusterAll: false, maxIter } }) as MeanShiftResult;
    const added = applyRound(points, d, rows, ms, bandwidth, minClusterSize, labels, k);
    if (added === 0) break;
    k += added;
  }
  const outliers = labels.reduce((s, l) => s + (l < 0 ? 1 : 0), 0);
  return { labels, centers: memberCentroids(points, d, labels, k), k, outlierRate: n === 0 ? 0 : outliers / n, bandwidth, estimatedBandwidth: estimated, rounds };
}

/** Indices of the points labelled −1. */
function unlabelled(labels: Int32Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i]! < 0) out.push(i);
  return Int32Array.from(out);
}

/**
 * Steps 3b–3d for one MeanShift round on the points `rows`: writes labels `first`, `first` + 1, …
 * for the surviving clusters and returns how many survived.
 */
function applyRound(
  points: Float64Array,
  d: number,
  rows: Int32Array,
  ms: MeanShiftResult,
  bandwidth: number,
  minClusterSize: number,
  labels: Int32Array,
  first: number,
): number {
  const local = ms.labels.slice();
  // 3b: members farther than R from their centre go back to the pool.
  for (let a = 0; a < rows.length; a++) {
    const c = local[a]!;
    if (c < 0) continue;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = points[rows[a]! * d + j]! - ms.centers[c * d + j]!;
      s += t * t;
    }
    if (Math.sqrt(s) > bandwidth) local[a] = -1;
  }
  // 3c: clusters smaller than K go back; 3d: the survivors are numbered after the existing labels.
  const size = new Int32Array(ms.k);
  for (let a = 0; a < rows.length; a++) if (local[a]! >= 0) size[local[a]!]++;
  const renumber = new Int32Array(ms.k).fill(-1);
  let added = 0;
  for (let c = 0; c < ms.k; c++) if (size[c]! >= minClusterSize) renumber[c] = first + added++;
  for (let a = 0; a < rows.length; a++) if (local[a]! >= 0) labels[rows[a]!] = renumber[local[a]!]!;
  return added;
}
