/**
 * The point order of scikit-learn's `KDTree` (its `idx_array`, `tree.get_arrays()[1]`), as built by
 * `NearestNeighbors(...).fit(X)` with the default `leaf_size = 30` (`sklearn/neighbors/_binary_tree.pxi`,
 * scikit-learn 1.2.1):
 *
 * - the tree is complete, with n_levels = ⌊log₂ max(1, (n − 1)/leaf_size)⌋ + 1 levels and
 *   2^n_levels − 1 nodes; node i covers idx_array[start, end) and its children 2i + 1 and 2i + 2
 *   cover the first ⌊(end − start)/2⌋ points and the rest;
 * - an inner node is split on the dimension of largest spread (max − min, the first on ties) by
 *   `std::nth_element` with the comparator "value, then index" ({@link nthElement}).
 *
 * `radius_neighbors` lists a neighbourhood in this order, so `np.mean(X[i_nbrs], axis=0)` is the
 * sequential sum of the members in this order divided by their number ({@link orderedMean}).
 *
 * @example
 * const order = sklearnTreeOrder(X, n, d); // equals scikit-learn's tree.get_arrays()[1]
 */
import { nthElement } from './nthElement.js';

/** scikit-learn's default `leaf_size` for `NearestNeighbors`. */
export const SKLEARN_LEAF_SIZE = 30;

/**
 * scikit-learn's k-d tree `idx_array` for the `n` rows of `points` (row-major n×d).
 *
 * @example sklearnTreeOrder(Float64Array.of(3, 1, 2), 3, 1) // a permutation of 0, 1, 2
 */
export function sklearnTreeOrder(points: Float64Array, n: number, d: number, leafSize = SKLEARN_LEAF_SIZE): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n === 0) return idx;
  const levels = Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize))) + 1;
  const nodes = 2 ** levels - 1;
  const build = (node: number, start: number, end: number): void => {
    const count = end - start;
    if (2 * node + 1 >= nodes || count < 2) return;
    const dim = splitDimension(points, d, idx, start, end);
    const less = (a: number, b: number): boolean => {
      const va = points[a * d + dim]!;
      const vb = points[b * d + dim]!;
      return va === vb ? a < b : va < vb;
    };
    const mid = count >> 1;
    nthElement(idx, start, start + mid, end, less);
    build(2 * node + 1, start, start + mid);
    build(2 * node + 2, start + mid, end);
  };
  build(0, 0, n);
  return idx;
}

/** scikit-learn's `find_node_split_dim`: the first dimension of largest max − min. */
function splitDimension(points: Float64Array, d: number, idx: Int32Array, start: number, end: number): number {
  let best = 0;
  let bestSpread = 0;
  for (let j = 0; j < d; j++) {
    let lo = points[idx[start]! * d + j]!;
    let hi = lo;
    for (let p = start + 1; p < end; p++) {
      const v = points[idx[p]! * d + j]!;
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
    if (hi - lo > bestSpread) {
      bestSpread = hi - lo;
      best = j;
    }
  }
  return best;
}

/**
 * The position of each row in `order` (the inverse permutation).
 *
 * @example positions(Int32Array.of(2, 0, 1)) // => [1, 2, 0]
 */
export function positions(order: Int32Array): Int32Array {
  const pos = new Int32Array(order.length);
  for (let p = 0; p < order.length; p++) pos[order[p]!] = p;
  return pos;
}

/**
 * `np.mean(X[rows], axis=0)` with `rows` sorted by `pos` (scikit-learn's tree order): the sequential
 * sum s ← s + xᵣ over the rows in that order, divided by their number. Sorts `rows` in place.
 *
 * @example orderedMean(X, d, [5, 2, 9], pos) // the mean of rows 2, 5, 9 added in tree order
 */
export function orderedMean(points: Float64Array, d: number, rows: number[], pos: Int32Array): Float64Array {
  rows.sort((a, b) => pos[a]! - pos[b]!);
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] = mean[j]! + points[r * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / rows.length;
  return mean;
}
