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
 * kthRdistInBracket(tree, Float64Array.of(0), 0, 2, 0, Infinity, createKthWork(tree)); // => 1
 */
import { boxQuery, boxRdistRange, boxTolerance, type KdTree } from './kdTree.js';
import { distanceSlack } from './kdTreeRadius.js';

/** Reusable work space of {@link kthRdistInBracket}. */
export interface KthWork {
  /** Collected squared distances (length ≥ n). */
  buffer: Float64Array;
  /** Traversal stack (length ≥ tree.nodes + 2). */
  stack: Int32Array;
  /** The query in box coordinates (length ≥ d). */
  bq: Float64Array;
}

/**
 * Allocates work space for {@link kthRdistInBracket} on `tree`.
 *
 * @example const work = createKthWork(tree);
 */
export function createKthWork(tree: KdTree): KthWork {
  return { buffer: new Float64Array(tree.n), stack: new Int32Array(tree.nodes + 2), bq: new Float64Array(tree.d) };
}

/** The bracket of one search and its tolerances. */
interface Bracket {
  /** Scratch for {@link boxRdistRange}: the box's [min, max] rdist. */
  range: Float64Array;
  lo2: number;
  hi2: number;
  /** Box bounds below this are surely below lo² (lo² − tolerance). */
  below: number;
  /** Box bounds above this are surely beyond hi² (hi² + tolerance). */
  beyond: number;
  lo: number;
  hi: number;
  /** Distance margin for triangle-inequality decisions (see `distanceSlack`). */
  slack: number;
}

/** Running counts of one search. */
interface Tally {
  /** Points surely below lo². */
  below: number;
  /** Squared distances collected in [lo², hi²]. */
  m: number;
}

/**
 * The k-th smallest rdist (1-based k ≤ n) from the query at offset `qo` of `qs`, provided it lies in
 * [lo2, hi2]; NaN when it does not (widen the bracket and call again).
 *
 * @example kthRdistInBracket(tree, q, 0, 10, 0, Infinity, createKthWork(tree)) // the full bracket always succeeds
 */
export function kthRdistInBracket(tree: KdTree, qs: Float64Array, qo: number, k: number, lo2: number, hi2: number, work: KthWork): number {
  const { bq, stack, buffer } = work;
  boxQuery(tree, qs, qo, bq);
  const hi = Math.sqrt(hi2);
  const lo = Math.sqrt(lo2);
  const bracket: Bracket = {
    range: new Float64Array(2),
    lo2,
    hi2,
    below: lo2 - boxTolerance(tree, lo2),
    beyond: hi2 + boxTolerance(tree, hi2),
    lo,
    hi,
    slack: distanceSlack(tree, hi === Infinity ? lo : hi),
  };
  const tally: Tally = { below: 0, m: 0 };
  let top = 0;
  if (tree.n > 0) stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top]!;
    const where = classifyBox(tree, node, bq, bracket);
    if (where === BEYOND) continue;
    if (where === BELOW) tally.below += tree.nodeCount[node]!;
    else if (tree.left[node]! >= 0) {
      stack[top++] = tree.right[node]!;
      stack[top++] = tree.left[node]!;
    } else scanLeaf(tree, node, qs, qo, bracket, buffer, tally);
  }
  const rank = k - tally.below; // 1-based rank inside the buffer
  if (rank < 1 || rank > tally.m) return Number.NaN;
  return selectInPlace(buffer, tally.m, rank - 1);
}

const BELOW = 0;
const BEYOND = 1;
const ACROSS = 2;

/** Whether the box of `node` is surely below lo², surely beyond hi², or neither (one-pass bounds). */
function classifyBox(tree: KdTree, node: number, bq: Float64Array, bracket: Bracket): number {
  boxRdistRange(tree, node, bq, bracket.range);
  if (bracket.range[0]! > bracket.beyond) return BEYOND;
  return bracket.range[1]! < bracket.below ? BELOW : ACROSS;
}

/**
 * Counts and collects the points of a leaf the bracket cuts. Its points are sorted by their distance
 * ρ to the leaf centre c; with D = ‖q − c‖, a leading run is below lo (ρ < lo − D) or beyond hi
 * (ρ < D − hi), and a trailing run is beyond hi (ρ > D + hi), without computing distances.
 */
function scanLeaf(tree: KdTree, node: number, qs: Float64Array, qo: number, bracket: Bracket, buffer: Float64Array, tally: Tally): void {
  const { d, data, rho, leafCenter } = tree;
  const leaf = tree.firstLeaf[node]!;
  let dc2 = 0;
  for (let j = 0; j < d; j++) {
    const t = qs[qo + j]! - leafCenter[leaf * d + j]!;
    dc2 += t * t;
  }
  const dc = Math.sqrt(dc2);
  const e = tree.end[node]!;
  let p = tree.start[node]!;
  if (dc < bracket.lo) {
    const inside = bracket.lo - dc - bracket.slack;
    for (; p < e && rho[p]! < inside; p++) tally.below++;
  } else if (dc > bracket.hi) {
    const outside = dc - bracket.hi - bracket.slack;
    while (p < e && rho[p]! < outside) p++;
  }
  const beyond = dc + bracket.hi + bracket.slack;
  for (; p < e && rho[p]! <= beyond; p++) {
    const po = p * d;
    let s = 0;
    let c = 0;
    for (; c < d; c++) {
      const t = qs[qo + c]! - data[po + c]!;
      s += t * t;
      if (s > bracket.hi2) break;
    }
    if (c < d) continue;
    if (s < bracket.lo2) tally.below++;
    else buffer[tally.m++] = s;
  }
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
