/**
 * MeanShift bandwidth estimate, exactly as scikit-learn's `sklearn.cluster.estimate_bandwidth`
 * (`sklearn/cluster/_mean_shift.py`, checked against scikit-learn 1.2.1) with its defaults
 * `n_samples=None` (every point is used, so `random_state` plays no part):
 *
 * ```python
 * n_neighbors = int(X.shape[0] * quantile)
 * if n_neighbors < 1: n_neighbors = 1
 * nbrs = NearestNeighbors(n_neighbors=n_neighbors).fit(X)
 * for batch in gen_batches(len(X), 500):
 *     d, _ = nbrs.kneighbors(X[batch, :], return_distance=True)
 *     bandwidth += np.max(d, axis=1).sum()
 * return bandwidth / X.shape[0]
 * ```
 *
 * that is, with k = max(1, ⌊n·quantile⌋) and D_k(i) the distance from point i to its k-th nearest
 * point, **counting i itself at distance 0** (the query points are the fitted points):
 *
 *   bandwidth = (1/n) Σᵢ D_k(i).
 *
 * Distances are √(Σⱼ (xᵢⱼ − xₗⱼ)²) with the squares summed in index order, as scikit-learn's k-d
 * tree computes them (see {@link kthDistances}); only the order of the final sum differs, a
 * difference of a few units in the last place. (When k ≥ n/2, scikit-learn uses brute force with the
 * dot-product expansion of distances instead, which rounds differently, by ~10⁻¹⁶ relative.)
 *
 * @example
 * // four points on a line at 0, 1, 2, 10; quantile 0.5 → k = 2: D₂ = 1, 1, 1, 8
 * estimateBandwidth(Float64Array.of(0, 1, 2, 10), 4, 1, 0.5); // => 2.75
 * @see https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/cluster/_mean_shift.py
 */
import { buildKdTree } from './kdTree.js';
import { kthDistances, meanKthDistance } from './kthDistances.js';
import { checkPoints } from './checkPoints.js';

/**
 * The number of neighbours scikit-learn uses: k = max(1, int(n·quantile)).
 *
 * @example neighboursForQuantile(15000, 0.1) // => 1500
 */
export function neighboursForQuantile(n: number, quantile: number): number {
  if (!(quantile >= 0 && quantile <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${String(quantile)}`);
  return Math.max(1, Math.trunc(n * quantile));
}

/**
 * scikit-learn's `estimate_bandwidth(X, quantile=quantile)` for the `n` rows of `points`
 * (row-major n×d). Returns NaN for n = 0 (scikit-learn refuses an empty array), and 0 when each
 * point's k nearest points all coincide with it.
 *
 * @param quantile - in [0, 1]; k = max(1, ⌊n·quantile⌋) neighbours. @default 0.3
 * @throws RangeError for a quantile outside [0, 1], non-finite values or inconsistent sizes
 * @example estimateBandwidth(features, items, 9, 0.1) // COD's Q = 0.1
 */
export function estimateBandwidth(points: Float64Array, n: number, d: number, quantile = 0.3): number {
  const k = neighboursForQuantile(n, quantile);
  checkPoints(points, n, d);
  if (n === 0) return Number.NaN;
  const tree = buildKdTree(points, n, d, undefined, true);
  return meanKthDistance(tree, kthDistances(tree, k, 0, n));
}
