/**
 * Nearest-neighbour queries on a {@link KdTree}: the row i minimising Σⱼ (qⱼ − xᵢⱼ)², found by
 * depth-first descent (nearer child first) with pruning of boxes whose lower bound exceeds the best
 * squared distance so far (Friedman, Bentley & Finkel, "An algorithm for finding best matches in
 * logarithmic expected time", ACM TOMS 3(3), 1977).
 *
 * Exact ties go to the smallest original row index (scikit-learn's brute-force `argmin` rule).
 *
 * @example
 * const tree = buildKdTree(Float64Array.of(0, 1, 5), 3, 1);
 * nearestNeighbor(tree, Float64Array.of(4), 0); // => { index: 2, rdist: 1 }
 */
import { boxMinRdist, boxQuery, boxTolerance, type KdTree } from './kdTree.js';

/** The nearest row and its squared distance. */
export interface Nearest {
  /** Original row index, −1 for an empty tree. */
  index: number;
  /** Squared Euclidean distance (Infinity for an empty tree). */
  rdist: number;
}

/**
 * The nearest row of `tree` to the query at offset `qo` of `qs`.
 *
 * @example nearestNeighbor(centersTree, points, i * d).index // the label of point i
 */
export function nearestNeighbor(tree: KdTree, qs: Float64Array, qo: number): Nearest {
  let best = Infinity;
  let bestIndex = -1;
  if (tree.n === 0) return { index: bestIndex, rdist: best };
  const d = tree.d;
  const bq = new Float64Array(d);
  boxQuery(tree, qs, qo, bq);
  const stack: number[] = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (boxMinRdist(tree, node, bq) > best + boxTolerance(tree, best)) continue;
    const l = tree.left[node]!;
    if (l >= 0) {
      const r = tree.right[node]!;
      const dl = boxMinRdist(tree, l, bq);
      const dr = boxMinRdist(tree, r, bq);
      // Pop the nearer child first.
      if (dl <= dr) stack.push(r, l);
      else stack.push(l, r);
      continue;
    }
    for (let p = tree.start[node]!; p < tree.end[node]!; p++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = qs[qo + j]! - tree.data[p * d + j]!;
        s += t * t;
      }
      const i = tree.index[p]!;
      if (s < best || (s === best && i < bestIndex)) {
        best = s;
        bestIndex = i;
      }
    }
  }
  return { index: bestIndex, rdist: best };
}
