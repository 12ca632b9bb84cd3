/**
 * The k-th smallest squared distance from a query to the points of a {@link KdTree} (the query's own
 * row, if it is one, counts at distance 0), found by counting inside a bracket instead of keeping a
 * k-sized heap.
 *
 * Given a bracket [lo², hi²] believed to contain the answer, one traversal counts the points with
 * rdist < lo² (whole nodes at once from their counts), collects the rdists in [lo², hi²] into a
 * buffer and skips the rest; the answer is then the (k − below)-th smallest buffered value
 * (quickselect). If the bracket turns out not to contain the k-th value the function says so and the
 * caller widens it. Triangle-inequality brackets from a nearby point make the buffer a thin shell.
 *
 * @example
 * const tree = buildKdTree(Float64Array.of(0, 1, 3), 3, 1);
 * kthRdistInBracket(tree, Float64Array.of(0), 0, 2, 0, Infinity, new Float64Array(3)); // => 1
 */
import { boxQuery, boxTolerance, type KdTree } from './kdTree.js';
import { distanceSlack } from './kdTreeRadius.js';

/**
 * The k-th smallest rdist (1-based k ≤ n) from the query at offset `qo` of `qs`, provided it lies in
 * [lo2, hi2]; NaN when it does not (widen the bracket and call again). `buffer` needs length ≥ n;
 * `stack` (reusable) length ≥ tree.nodes + 2; `bq` (reusable) length ≥ d.
 *
 * @example kthRdistInBracket(tree, q, 0, 10, 0, Infinity, buf) // always succeeds with the full bracket
 */
export function kthRdistInBracket(
  tree: KdTree,
  qs: Float64Array,
  qo: number,
  k: number,
  lo2: number,
  hi2: number,
  buffer: Float64Array,
  stack: Int32Array = new Int32Array(tree.nodes + 2),
  bq: Float64Array = new Float64Array(tree.d),
): number {
  const { d, data, box, left, right, rho, leafCenter } = tree;
  boxQuery(tree, qs, qo, bq);
  const lo = Math.sqrt(lo2);
  const hi = Math.sqrt(hi2);
  const slack = distanceSlack(tree, hi === Infinity ? lo : hi);
  const pruneAbove = hi2 + boxTolerance(tree, hi2);
  const belowUnder = lo2 - boxTolerance(tree, lo2);
  let below = 0;
  let m = 0;
  let top = 0;
  if (tree.n > 0) stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top]!;
    // Box bounds in one pass, as boxMinRdist / boxMaxRdist.
    const o = node * 2 * d;
    let mn = 0;
    let mx = 0;
    for (let j = 0; j < d; j++) {
      const qj = bq[j]!;
      const a = box[o + 2 * j]! - qj;
      const b = qj - box[o + 2 * j + 1]!;
      if (a > 0) {
        mn += a * a;
        mx += b * b;
      } else if (b > 0) {
        mn += b * b;
        mx += a * a;
      } else {
        const g = a < b ? a : b;
        mx += g * g;
      }
    }
    if (mn > pruneAbove) continue;
    if (mx < belowUnder) {
      below += tree.nodeCount[node]!;
      continue;
    }
    const l = left[node]!;
    if (l >= 0) {
      stack[top++] = right[node]!;
      stack[top++] = l;
      continue;
    }
    // A straddling leaf, sorted by ρ = distance to its centre c: with D = ‖q − c‖, a leading run is
    // below lo (ρ < lo − D) or beyond hi (ρ < D − hi), and a trailing run beyond hi (ρ > D + hi).
    const leaf = tree.firstLeaf[node]!;
    let dc2 = 0;
    for (let j = 0; j < d; j++) {
      const t = qs[qo + j]! - leafCenter[leaf * d + j]!;
      dc2 += t * t;
    }
    const dc = Math.sqrt(dc2);
    const e = tree.end[node]!;
    let p = tree.start[node]!;
    if (dc < lo) {
      const inside = lo - dc - slack;
      while (p < e && rho[p]! < inside) {
        below++;
        p++;
      }
    } else if (dc > hi) {
      const outside = dc - hi - slack;
      while (p < e && rho[p]! < outside) p++;
    }
    const beyond = dc + hi + slack;
    for (; p < e; p++) {
      if (rho[p]! > beyond) break;
      const po = p * d;
      let s = 0;
      let c = 0;
      for (; c < d; c++) {
        const t = qs[qo + c]! - data[po + c]!;
        s += t * t;
        if (s > hi2) break;
      }
      if (c < d) continue;
      if (s < lo2) below++;
      else buffer[m++] = s;
    }
  }
  const rank = k - below; // 1-based rank inside the buffer
  if (rank < 1 || rank > m) return Number.NaN;
  return selectInPlace(buffer, m, rank - 1);
}

/** The `k`-th smallest (0-based) of `a[0..m)`, by quickselect (reorders `a`). */
function selectInPlace(a: Float64Array, m: number, k: number): number {
  let lo = 0;
  let hi = m - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}
