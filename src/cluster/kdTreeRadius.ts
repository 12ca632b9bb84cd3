/**
 * Radius queries on a {@link KdTree}: the set N(q) = {i : Σⱼ (qⱼ − xᵢⱼ)² ≤ r²} (a flat kernel, as
 * scikit-learn's `NearestNeighbors.radius_neighbors` with the Euclidean metric).
 *
 * {@link radiusAggregate} returns the set's size, coordinate sum and 2×32-bit set hash without
 * listing it: a node whose whole box lies within r is taken from its precomputed aggregates, one
 * whose box lies beyond r is skipped, and only leaves that straddle the sphere are scanned point by
 * point. {@link radiusIndices} lists the members.
 *
 * @example
 * const tree = buildKdTree(Float64Array.of(0, 1, 5), 3, 1);
 * const acc = createRadiusAccumulator(tree);
 * radiusAggregate(tree, Float64Array.of(0.5), 0, 1, acc); // acc.count => 2, acc.sum[0] => 1
 */
import { boxMaxRdist, boxMinRdist, boxQuery, boxTolerance, type KdTree } from './kdTree.js';

/** Reusable output and work space of {@link radiusAggregate}. */
export interface RadiusAccumulator {
  /** Number of points within the radius. */
  count: number;
  /** XOR of the members' first and second set-hash keys. */
  hashA: number;
  hashB: number;
  /** Coordinate sums of the members (length d), in the canonical order described at {@link radiusAggregate}. */
  sum: Float64Array;
  /** Traversal stack (length ≥ tree depth + 2). */
  stack: Int32Array;
  /** The query point (length d). */
  q: Float64Array;
  /** The query point in box coordinates (length d). */
  bq: Float64Array;
  /** One leaf's partial sum (length d). */
  part: Float64Array;
}

/**
 * Allocates an accumulator for queries on `tree`.
 *
 * @example const acc = createRadiusAccumulator(tree); // reuse it for every query
 */
export function createRadiusAccumulator(tree: KdTree): RadiusAccumulator {
  const d = tree.d;
  return {
    count: 0,
    hashA: 0,
    hashB: 0,
    sum: new Float64Array(d),
    stack: new Int32Array(tree.nodes + 2),
    q: new Float64Array(d),
    bq: new Float64Array(d),
    part: new Float64Array(d),
  };
}

/**
 * Aggregates N(q) for the query at offset `qo` of `qs` and squared radius `r2` into `acc`.
 *
 * The sum is **canonical**: a function of the set alone (for a given tree), whichever query found
 * it. It is accumulated leaf by leaf in tree order, acc ← acc + partₗ, where partₗ is the sum from 0
 * of the leaf's members in tree order; a whole node inside the sphere adds its leaves' precomputed
 * sums one by one. Identical sets therefore get bit-identical sums and means, as scikit-learn's do
 * (its k-d tree lists a given set in a fixed order).
 *
 * @example radiusAggregate(tree, center, 0, bandwidth * bandwidth, acc); // acc.count, acc.sum
 */
export function radiusAggregate(tree: KdTree, qs: Float64Array, qo: number, r2: number, acc: RadiusAccumulator): void {
  const { d, data, box, left, right, leafSum, leafCenter, rho, prefix } = tree;
  const { sum, stack, q, bq, part } = acc;
  for (let j = 0; j < d; j++) {
    q[j] = qs[qo + j]!;
    sum[j] = 0;
  }
  boxQuery(tree, qs, qo, bq);
  const tol = boxTolerance(tree, r2);
  const pruneAbove = r2 + tol;
  const wholeUpTo = r2 - tol;
  const r = Math.sqrt(r2);
  const slack = distanceSlack(tree, r);
  let count = 0;
  let ha = 0;
  let hb = 0;
  let top = 0;
  if (tree.n > 0) stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top]!;
    // Box bounds in one pass: mn = Σ gap², mx = Σ (farther face)², as boxMinRdist / boxMaxRdist.
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
    if (mx <= wholeUpTo) {
      // The whole box is inside the sphere.
      for (let leaf = tree.firstLeaf[node]!, e = tree.endLeaf[node]!; leaf < e; leaf++) {
        for (let k = 0; k < d; k++) sum[k] = sum[k]! + leafSum[leaf * d + k]!;
      }
      count += tree.nodeCount[node]!;
      ha ^= tree.hashA[node]!;
      hb ^= tree.hashB[node]!;
      continue;
    }
    const l = left[node]!;
    if (l >= 0) {
      stack[top++] = right[node]!;
      stack[top++] = l;
      continue;
    }
    // A straddling leaf. Its points are sorted by their distance ρ to the leaf centre c, so with
    // D = ‖q − c‖ the triangle inequality decides a leading run (ρ ≤ r − D: inside, taken from the
    // prefix sums; ρ < D − r: outside) and a trailing one (ρ > D + r: outside) without distances.
    const leaf = tree.firstLeaf[node]!;
    let dc2 = 0;
    for (let j = 0; j < d; j++) {
      const t = q[j]! - leafCenter[leaf * d + j]!;
      dc2 += t * t;
    }
    const dc = Math.sqrt(dc2);
    const s0 = tree.start[node]!;
    const e = tree.end[node]!;
    let p = s0;
    let members = 0;
    if (dc < r) {
      const inside = r - dc - slack;
      while (p < e && rho[p]! <= inside) p++;
      members = p - s0;
    } else {
      const outside = dc - r - slack;
      while (p < e && rho[p]! < outside) p++;
    }
    if (members > 0) {
      const po = (p - 1) * d;
      for (let k = 0; k < d; k++) part[k] = prefix[po + k]!;
      ha ^= tree.prefixA[p - 1]!;
      hb ^= tree.prefixB[p - 1]!;
    } else part.fill(0);
    const beyond = dc + r + slack;
    for (; p < e; p++) {
      if (rho[p]! > beyond) break;
      const po = p * d;
      let s = 0;
      let k = 0;
      for (; k < d; k++) {
        const t = q[k]! - data[po + k]!;
        s += t * t;
        if (s > r2) break;
      }
      if (k < d) continue;
      members++;
      for (let k2 = 0; k2 < d; k2++) part[k2] = part[k2]! + data[po + k2]!;
      ha ^= tree.keyA[p]!;
      hb ^= tree.keyB[p]!;
    }
    if (members > 0) {
      for (let k = 0; k < d; k++) sum[k] = sum[k]! + part[k]!;
      count += members;
    }
  }
  acc.count = count;
  acc.hashA = ha;
  acc.hashB = hb;
}

/**
 * The margin by which a triangle-inequality bound on a distance must clear the radius r before a
 * point is decided without computing its distance: 10⁻⁹·(r + √scale²), far above the rounding of ρ,
 * ‖q − c‖ and the point's rdist.
 *
 * @example distanceSlack(tree, 0.3) // ≈ 3e-9 for features in [0, 1]^9
 */
export function distanceSlack(tree: KdTree, r: number): number {
  return 1e-9 * (r + Math.sqrt(tree.scale2));
}

/**
 * Pushes onto `out` the original row indices of N(q) (query at offset `qo` of `qs`, squared radius
 * `r2`), in tree order, and returns `out`.
 *
 * @example radiusIndices(tree, Float64Array.of(0.5), 0, 1, []) // => [0, 1] in some order
 */
export function radiusIndices(tree: KdTree, qs: Float64Array, qo: number, r2: number, out: number[]): number[] {
  if (tree.n === 0) return out;
  const d = tree.d;
  const bq = new Float64Array(d);
  boxQuery(tree, qs, qo, bq);
  const tol = boxTolerance(tree, r2);
  const stack: number[] = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (boxMinRdist(tree, node, bq) > r2 + tol) continue;
    const all = boxMaxRdist(tree, node, bq) <= r2 - tol;
    const l = tree.left[node]!;
    if (!all && l >= 0) {
      stack.push(tree.right[node]!, l);
      continue;
    }
    for (let p = tree.start[node]!; p < tree.end[node]!; p++) {
      if (all) {
        out.push(tree.index[p]!);
        continue;
      }
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = qs[qo + j]! - tree.data[p * d + j]!;
        s += t * t;
      }
      if (s <= r2) out.push(tree.index[p]!);
    }
  }
  return out;
}
