/**
 * Flat-kernel MeanShift clustering with the exact semantics of scikit-learn's
 * `sklearn.cluster.MeanShift(bandwidth=…, bin_seeding=False, cluster_all=…, max_iter=…).fit(X)`
 * (`sklearn/cluster/_mean_shift.py`, checked against scikit-learn 1.2.1):
 *
 * 1. **Seeds**: every point (or the given `seeds`). Each climbs m ← mean{xᵢ : ‖xᵢ − m‖ ≤ bandwidth}
 *    until the shift is < 10⁻³·bandwidth or after `maxIter` + 1 updates ({@link SeedClimber}). Its
 *    mode is the last mean; its intensity is the size of the last neighbourhood, i.e. that of the
 *    *previous* mean.
 * 2. **Modes**: seeds of intensity 0 are dropped; identical modes are kept once (a Python dict keyed
 *    by the mode tuple: the intensity of the last seed, in seed order, wins).
 * 3. **Order**: modes sorted by (intensity, mode tuple), descending.
 * 4. **Suppression**: walking that order, each mode still kept removes every other mode within
 *    `bandwidth` (≤). The kept modes are the cluster centres, in that order.
 * 5. **Labels**: each point gets the index of its nearest centre; with `clusterAll = false`, points
 *    farther than `bandwidth` from it get −1.
 *
 * `iterations` is scikit-learn's `n_iter_`, the most completed iterations of any seed. Steps 2–5 are
 * in modeSelection.ts.
 *
 * Deviations, for inputs scikit-learn refuses: `bandwidth = 0` clusters exact duplicates (each
 * distinct row is a mode whose intensity is its multiplicity: the limit of the flat kernel as the
 * radius shrinks); `n = 0` gives no centres and no labels instead of an error.
 *
 * @example
 * // two tight pairs far apart
 * const X = Float64Array.of(0, 0, 0, 0.1, 5, 5, 5, 5.1);
 * const r = meanShift(X, 4, 2, { bandwidth: 1 });
 * r.centers; // => [5, 5.05, 0, 0.05] (equal intensities 2: the larger tuple first)
 * r.labels;  // => [1, 1, 0, 0]
 * @see https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/cluster/_mean_shift.py
 */
import { checkPoints } from './checkPoints.js';
import { assignLabels, selectCenters } from './modeSelection.js';
import { distinctSeeds, expandClimb, SeedClimber, type ClimbResult } from './seedClimber.js';

/** Options of {@link meanShift}. */
export interface MeanShiftOptions {
  /** Flat-kernel radius, ≥ 0 (scikit-learn requires > 0; 0 clusters exact duplicates). */
  bandwidth: number;
  /** Label every point (true) or give −1 to points farther than `bandwidth` from their nearest centre. @default true */
  clusterAll?: boolean;
  /** scikit-learn's `max_iter`. @default 300 */
  maxIter?: number;
  /** Seeds (row-major, d columns); every point when omitted. */
  seeds?: Float64Array;
}

/** The result of {@link meanShift}. */
export interface MeanShiftResult {
  /** Cluster centres, row-major k×d, strongest first (scikit-learn's `cluster_centers_`). */
  centers: Float64Array;
  /** Number of centres k. */
  k: number;
  /** Centre index of each point, or −1 (scikit-learn's `labels_`). */
  labels: Int32Array;
  /** Intensity of each centre: the number of points in the neighbourhood its mode was averaged from. */
  intensities: Int32Array;
  /** Most completed iterations of any seed (scikit-learn's `n_iter_`). */
  iterations: number;
}

/**
 * Runs MeanShift on the `n` rows of `points` (row-major n×d).
 *
 * @throws RangeError for a negative or non-finite bandwidth, maxIter < 0, non-finite points or
 *   inconsistent sizes, and (as scikit-learn) when no seed has any point within the bandwidth
 * @example meanShift(features, n, 9, { bandwidth: 0.3, clusterAll: false }).labels
 */
export function meanShift(points: Float64Array, n: number, d: number, options: MeanShiftOptions): MeanShiftResult {
  const { seeds, m } = checkMeanShift(points, n, d, options);
  if (n === 0) return emptyMeanShift();
  const groups = distinctSeeds(seeds, m, d);
  const climbed =
    options.bandwidth === 0
      ? duplicateClimb(points, n, d, seeds, groups.distinct)
      : new SeedClimber(points, n, d, options.bandwidth, options.maxIter ?? 300).climb(seeds, groups.distinct);
  return finishMeanShift(points, n, d, expandClimb(climbed, groups.groupOf, d), options);
}

/**
 * Validates the arguments of {@link meanShift} and returns the seeds to climb and their number.
 *
 * @example const { seeds, m } = checkMeanShift(X, n, d, { bandwidth: 0.3 });
 */
export function checkMeanShift(points: Float64Array, n: number, d: number, options: MeanShiftOptions): { seeds: Float64Array; m: number } {
  const { bandwidth, maxIter = 300 } = options;
  if (!(bandwidth >= 0) || !Number.isFinite(bandwidth)) throw new RangeError(`bandwidth must be a finite number ≥ 0, got ${String(bandwidth)}`);
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new RangeError(`maxIter must be an integer ≥ 0, got ${String(maxIter)}`);
  checkPoints(points, n, d);
  if (options.seeds === undefined) return { seeds: points, m: n };
  if (options.seeds.length % d !== 0) throw new RangeError(`seeds holds ${options.seeds.length} values, not a multiple of d = ${d}`);
  checkPoints(options.seeds, options.seeds.length / d, d);
  return { seeds: options.seeds, m: options.seeds.length / d };
}

/** The result for no points. */
export function emptyMeanShift(): MeanShiftResult {
  return { centers: new Float64Array(0), k: 0, labels: new Int32Array(0), intensities: new Int32Array(0), iterations: 0 };
}

/**
 * Steps 2–5 from the climbed seeds (one row per seed, in seed order).
 *
 * @example finishMeanShift(X, n, d, climbed, { bandwidth: 0.3, clusterAll: false })
 */
export function finishMeanShift(points: Float64Array, n: number, d: number, climbed: ClimbResult, options: MeanShiftOptions): MeanShiftResult {
  const m = climbed.intensity.length;
  const { centers, intensities, k } = selectCenters(climbed.modes, climbed.intensity, m, d, options.bandwidth);
  if (k === 0) {
    throw new RangeError(`no point lies within bandwidth ${options.bandwidth} of any seed; use other seeds or a larger bandwidth`);
  }
  let iterations = 0;
  for (let s = 0; s < m; s++) iterations = Math.max(iterations, climbed.iterations[s]!);
  const labels = assignLabels(points, n, d, centers, k, options.bandwidth, options.clusterAll ?? true);
  return { centers, k, labels, intensities, iterations };
}

/**
 * Bandwidth 0: a seed equal to some rows has those rows as its only neighbours and stays put, with
 * intensity = their number; any other seed has intensity 0.
 *
 * @example duplicateClimb(X, n, d, X, Int32Array.of(0, 1))
 */
export function duplicateClimb(points: Float64Array, n: number, d: number, seeds: Float64Array, indices: Int32Array): ClimbResult {
  const multiplicity = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = rowKey(points, i, d);
    multiplicity.set(key, (multiplicity.get(key) ?? 0) + 1);
  }
  const m = indices.length;
  const out: ClimbResult = { modes: new Float64Array(m * d).fill(Number.NaN), intensity: new Int32Array(m), iterations: new Int32Array(m) };
  for (let a = 0; a < m; a++) {
    const s = indices[a]!;
    const count = multiplicity.get(rowKey(seeds, s, d)) ?? 0;
    out.intensity[a] = count;
    if (count > 0) out.modes.set(seeds.subarray(s * d, s * d + d), a * d);
  }
  return out;
}

/** A string equal for rows with equal values (−0 and 0 alike, as Python's tuple equality). */
function rowKey(a: Float64Array, i: number, d: number): string {
  let key = '';
  for (let j = 0; j < d; j++) key += `${a[i * d + j]! + 0},`;
  return key;
}
