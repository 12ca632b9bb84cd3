/**
 * Clustering a large point set by clustering a seeded random sample of it and giving every other
 * point the nearest centre of the sample's clusters:
 *
 *   S = a uniform sample of m of the n rows (seeded, kept in row order);
 *   labels(S), centres = cluster(S);
 *   label(x) = argmin_c ‖x − μ_c‖ for x ∉ S, or −1 when that distance exceeds `radius`.
 *
 * Why: flat-kernel MeanShift seeded from every point costs about n² distance evaluations per round
 * (each seed's neighbourhood holds a fixed share of the points), so the exact improved MeanShift on
 * 50,000 items takes minutes. The clusters are groups of items with similar difficulty curves; a
 * sample of several thousand items finds the same dense regions, and the remaining items are put in
 * them by the same radius rule Algorithm 1 applies to a cluster's members (step 3b). The sampled rows
 * keep exactly the labels the clustering gave them. With n ≤ m nothing is sampled and the result is
 * the plain clustering's.
 *
 * The centres returned are the means of all final members (sampled and assigned).
 *
 * @example
 * const r = sampleThenAssign(X, 50_000, 10, { sampleSize: 8000, seed: 1, radius: (c) => c.bandwidth },
 *   (S, m) => improvedMeanShift(S, m, 10));
 * r.sampled; // => 8000
 * @see scikit-learn's `estimate_bandwidth(n_samples=…)`, which subsamples the same way for the same reason
 */
import { createRandom } from '../core/random.js';
import { memberCentroids, type Clustering } from './clustering.js';
import { gatherRows } from './gatherRows.js';
import { assignLabels } from './modeSelection.js';

/** Options of {@link sampleThenAssign}. */
export interface SampleOptions<C extends Clustering> {
  /** Rows clustered directly, m ≥ 1; larger inputs are sampled down to it. */
  sampleSize: number;
  /** Seed of the sample. */
  seed: number;
  /**
   * Points farther than this from their nearest centre become outliers (−1); Infinity keeps all. A
   * function receives the sample's clustering (the MeanShift radius is known only after it ran).
   */
  radius: number | ((inner: C) => number);
}

/** A clustering of all n points, with the number of rows clustered directly. */
export type SampledClustering<C extends Clustering> = C & {
  /** Rows the clustering ran on (n when nothing was sampled). */
  sampled: number;
};

/**
 * The rows of a seeded uniform sample of `m` out of `n`, in increasing order (all rows when m ≥ n).
 *
 * @example sampleRows(10, 3, 1) // three distinct rows of 0…9, sorted
 */
export function sampleRows(n: number, m: number, seed: number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  // Partial Fisher–Yates: the first m slots end up a uniform sample without replacement.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRandom(seed);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order.subarray(0, m).sort();
}

/**
 * Clusters a sample of the rows with `cluster` and assigns the others to the nearest centre within
 * `radius`.
 *
 * @throws RangeError for a sample size below 1
 */
export function sampleThenAssign<C extends Clustering>(
  points: Float64Array,
  n: number,
  d: number,
  options: SampleOptions<C>,
  cluster: (sample: Float64Array, m: number) => C,
): SampledClustering<C> {
  const { sampleSize, seed } = options;
  if (!Number.isInteger(sampleSize) || sampleSize < 1) throw new RangeError(`sampleSize must be an integer ≥ 1, got ${String(sampleSize)}`);
  if (n <= sampleSize) return { ...cluster(points, n), sampled: n };
  const rows = sampleRows(n, sampleSize, seed);
  const sample = gatherRows(points, d, rows);
  const inner = cluster(sample, rows.length);
  const labels = new Int32Array(n);
  if (inner.k > 0) {
    const sampleCentres = memberCentroids(sample, d, inner.labels, inner.k);
    const radius = typeof options.radius === 'function' ? options.radius(inner) : options.radius;
    labels.set(assignLabels(points, n, d, sampleCentres, inner.k, radius, !Number.isFinite(radius)));
  } else {
    labels.fill(-1);
  }
  for (let a = 0; a < rows.length; a++) labels[rows[a]!] = inner.labels[a]!;
  let outliers = 0;
  for (let i = 0; i < n; i++) if (labels[i]! < 0) outliers++;
  return { ...inner, labels, centers: memberCentroids(points, d, labels, inner.k), outlierRate: outliers / n, sampled: rows.length };
}
