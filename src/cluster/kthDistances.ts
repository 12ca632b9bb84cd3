/**
 * Distances D_k(p) from points of a {@link KdTree} to their k-th nearest point of the tree (the
 * point itself counts, at distance 0): the per-point quantity averaged by scikit-learn's
 * `estimate_bandwidth`.
 *
 * Points are processed in tree order, so that recent points are close, and each search is bracketed
 * by the triangle inequality from the previous ones: |D_k(p) − D_k(p′)| ≤ ‖p − p′‖ for each of the
 * last 32 points p′, and the tightest bounds are kept. The bracket is
 * widened by a relative 10⁻⁹ against rounding, and a search whose bracket misses (a NaN from
 * {@link kthRdistInBracket}) is repeated with [0, ∞). D_k = √(k-th smallest Σⱼ (pⱼ − xⱼ)²), as
 * scikit-learn's k-d tree computes it.
 *
 * @example
 * const tree = buildKdTree(Float64Array.of(0, 1, 2, 10), 4, 1);
 * kthDistances(tree, 2, 0, 4); // => D₂ in tree order, here the values 1, 1, 1, 8 in some order
 */
import { rdist, type KdTree } from './kdTree.js';
import { createKthWork, kthRdistInBracket } from './kdTreeKth.js';

/** Relative slack on bracket ends so that rounding in the triangle-inequality bounds cannot exclude the answer. */
const SLACK = 1e-9;

/** How many previous points (in tree order) bound each search. */
const WINDOW = 32;

/**
 * D_k for the tree positions `from` … `to` − 1 (1 ≤ k ≤ n), in tree order.
 *
 * @example kthDistances(tree, Math.max(1, Math.trunc(n * 0.1)), 0, n)
 */
export function kthDistances(tree: KdTree, k: number, from: number, to: number): Float64Array {
  const d = tree.d;
  const work = createKthWork(tree);
  const out = new Float64Array(Math.max(0, to - from));
  for (let p = from; p < to; p++) {
    // Bracket: the intersection of [D(j) − ‖p − j‖, D(j) + ‖p − j‖] over up to WINDOW previous points.
    let lo = 0;
    let hi = Infinity;
    for (let j = Math.max(from, p - WINDOW); j < p; j++) {
      const step = Math.sqrt(rdist(tree.data, p, tree.data, j, d));
      const dj = out[j - from]!;
      if (dj - step > lo) lo = dj - step;
      if (dj + step < hi) hi = dj + step;
    }
    let r2 = Number.NaN;
    if (p > from) r2 = kthRdistInBracket(tree, tree.data, p * d, k, lo * lo * (1 - SLACK), hi * hi * (1 + SLACK), work);
    if (Number.isNaN(r2)) r2 = kthRdistInBracket(tree, tree.data, p * d, k, 0, Infinity, work);
    out[p - from] = Math.sqrt(r2);
  }
  return out;
}

/**
 * The mean of D_k over all points, summed in original row order: (1/n) Σᵢ D_k(i). `kth` holds D_k in
 * tree order (as {@link kthDistances} returns it for the whole range).
 *
 * @example meanKthDistance(tree, kthDistances(tree, k, 0, tree.n))
 */
export function meanKthDistance(tree: KdTree, kth: Float64Array): number {
  const byRow = new Float64Array(tree.n);
  for (let p = 0; p < tree.n; p++) byRow[tree.index[p]!] = kth[p]!;
  let total = 0;
  for (let i = 0; i < tree.n; i++) total += byRow[i]!;
  return total / tree.n;
}
