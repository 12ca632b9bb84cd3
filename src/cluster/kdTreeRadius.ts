/**
 * Radius queries on a {@link KdTree}: the set N(q) = {i : Σⱼ (qⱼ − xᵢⱼ)² ≤ r²} (a flat kernel, as
 * scikit-learn's `NearestNeighbors.radius_neighbors` with the Euclidean metric).
 *
 * {@link radiusAggregate} returns the set's size, coordinate sum and 2×32-bit set hash without
 * listing it: a node whose whole box lies within r is taken from its precomputed aggregates, one
 * whose box lies beyond r is skipped, and only leaves that straddle the sphere are scanned. Within a
 * straddling leaf (its points sorted by their distance ρ to the leaf centre c), the triangle
 * inequality with D = ‖q − c‖ settles a leading run (ρ ≤ r − D: inside, from prefix sums; or
 * ρ < D − r: outside) and a trailing one (ρ > D + r) without computing distances; the others are
 * tested one by one. {@link radiusIndices} lists the members.
 *
 * @example
 * const tree = buildKdTree(Float64Array.of(0, 1, 5), 3, 1);
 * const acc = createRadiusAccumulator(tree);
 * radiusAggregate(tree, Float64Array.of(0.5), 0, 1, acc); // acc.count => 2, acc.sum[0] => 1
 */
import { boxMaxRdist, boxMinRdist, boxQuery, boxRdistRange, boxTolerance, rdist, type KdTree } from './kdTree.js';

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
  const d = tree.d;
  for (let j = 0; j < d; j++) {
    acc.q[j] = qs[qo + j]!;
    acc.sum[j] = 0;
  }
  boxQuery(tree, qs, qo, acc.bq);
  acc.count = 0;
  acc.hashA = 0;
  acc.hashB = 0;
  const tol = boxTolerance(tree, r2);
  const limits: Limits = { range: new Float64Array(2), r2, outside: r2 + tol, inside: r2 - tol, r: Math.sqrt(r2), slack: distanceSlack(tree, Math.sqrt(r2)) };
  const stack = acc.stack;
  let top = 0;
  if (tree.n > 0) stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top]!;
    const where = classifyBox(tree, node, acc.bq, limits);
    if (where === OUTSIDE) continue;
    if (where === INSIDE) addWholeNode(tree, node, acc);
    else if (tree.left[node]! >= 0) {
      stack[top++] = tree.right[node]!;
      stack[top++] = tree.left[node]!;
    } else addLeafMembers(tree, node, acc, limits);
  }
}

/** Thresholds of one radius query. */
interface Limits {
  /** Scratch for {@link boxRdistRange}: the box's [min, max] rdist. */
  range: Float64Array;
  /** r². */
  r2: number;
  /** Box bounds above this are outside (r² + tolerance). */
  outside: number;
  /** Box bounds up to this are inside (r² − tolerance). */
  inside: number;
  /** r. */
  r: number;
  /** {@link distanceSlack} for r. */
  slack: number;
}

const OUTSIDE = 0;
const INSIDE = 1;
const STRADDLING = 2;

/**
 * Whether the box of `node` lies outside the sphere, inside it or across it, from its bounds in one
 * pass: min = Σ gap², max = Σ (farther face)², as {@link boxMinRdist} and {@link boxMaxRdist}.
 */
function classifyBox(tree: KdTree, node: number, bq: Float64Array, limits: Limits): number {
  boxRdistRange(tree, node, bq, limits.range);
  if (limits.range[0]! > limits.outside) return OUTSIDE;
  return limits.range[1]! <= limits.inside ? INSIDE : STRADDLING;
}

/** Adds every point of `node`: its count and hashes, and its leaves' sums one by one, in order. */
function addWholeNode(tree: KdTree, node: number, acc: RadiusAccumulator): void {
  const { d, leafSum } = tree;
  const sum = acc.sum;
  for (let leaf = tree.firstLeaf[node]!, e = tree.endLeaf[node]!; leaf < e; leaf++) {
    for (let k = 0; k < d; k++) sum[k] = sum[k]! + leafSum[leaf * d + k]!;
  }
  acc.count += tree.nodeCount[node]!;
  acc.hashA ^= tree.hashA[node]!;
  acc.hashB ^= tree.hashB[node]!;
}

/**
 * Adds the members of a leaf that straddles the sphere. Its points are sorted by their distance ρ to
 * the leaf centre c; with D = ‖q − c‖, a leading run is inside (ρ ≤ r − D, taken from the prefix sums)
 * or outside (ρ < D − r), and a trailing run is outside (ρ > D + r). The rest are tested one by one,
 * in box coordinates first — in the principal axes most of a distance comes in the first terms, so
 * far points are rejected early — and exactly in the original coordinates when within the tolerance
 * of the sphere (without a frame, box coordinates are the original ones and the tolerance is 0).
 */
function addLeafMembers(tree: KdTree, node: number, acc: RadiusAccumulator, limits: Limits): void {
  const { d, data, boxData, leafCenter, rho, prefix } = tree;
  const { q, bq, part } = acc;
  const leaf = tree.firstLeaf[node]!;
  let dc2 = 0;
  for (let j = 0; j < d; j++) {
    const t = q[j]! - leafCenter[leaf * d + j]!;
    dc2 += t * t;
  }
  const dc = Math.sqrt(dc2);
  const first = tree.start[node]!;
  const e = tree.end[node]!;
  let p = first;
  if (dc < limits.r) {
    const inside = limits.r - dc - limits.slack;
    while (p < e && rho[p]! <= inside) p++;
  } else {
    const outside = dc - limits.r - limits.slack;
    while (p < e && rho[p]! < outside) p++;
  }
  let members = dc < limits.r ? p - first : 0;
  if (members > 0) {
    for (let k = 0; k < d; k++) part[k] = prefix[(p - 1) * d + k]!;
    acc.hashA ^= tree.prefixA[p - 1]!;
    acc.hashB ^= tree.prefixB[p - 1]!;
  } else part.fill(0);
  const beyond = dc + limits.r + limits.slack;
  for (; p < e && rho[p]! <= beyond; p++) {
    const po = p * d;
    let s = 0;
    let k = 0;
    for (; k < d; k++) {
      const t = bq[k]! - boxData[po + k]!;
      s += t * t;
      if (s > limits.outside) break;
    }
    if (k < d) continue;
    if (s > limits.inside && rdist(q, 0, data, p, d) > limits.r2) continue;
    members++;
    for (let k2 = 0; k2 < d; k2++) part[k2] = part[k2]! + data[po + k2]!;
    acc.hashA ^= tree.keyA[p]!;
    acc.hashB ^= tree.keyB[p]!;
  }
  if (members > 0) {
    for (let k = 0; k < d; k++) acc.sum[k] = acc.sum[k]! + part[k]!;
    acc.count += members;
  }
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
