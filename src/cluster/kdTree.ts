/**
 * A k-d tree over row-major points, with per-node aggregates (member count and two 32-bit set
 * hashes) and per-leaf coordinate sums, so that a radius query can take whole nodes at once.
 *
 * Construction (Bentley, "Multidimensional binary search trees used for associative searching",
 * CACM 18(9), 1975, with scikit-learn's `KDTree` splitting rule): a node holding more than
 * `leafSize` points is split at the median position along the dimension of its largest spread
 * (quickselect, so the halves differ in size by at most one). Every node keeps the bounding box of
 * its points, which gives exact lower and upper bounds on the squared distance from a query to any
 * member ({@link boxMinRdist}, {@link boxMaxRdist}).
 *
 * Distances are compared as squared distances ("rdist") summed dimension by dimension in index
 * order, Σⱼ (qⱼ − xⱼ)², exactly as scikit-learn's `euclidean_rdist` does. Because rounded
 * subtraction, squaring and addition are monotone, box bounds computed the same way bracket every
 * member's computed rdist, so pruning and whole-node inclusion never change the answer of a radius
 * query: it is always {i : rdist(q, xᵢ) ≤ r²}, as a point-by-point scan would give.
 *
 * With `rotate`, the boxes live in the data's principal axes ({@link principalAxes}), which fit
 * correlated data much more tightly; points keep their original coordinates for the exact per-point
 * test, and box decisions then carry a tolerance ({@link boxTolerance}) far above the rounding of
 * the rotation, so that a box is pruned or taken whole only when every member's exact rdist agrees.
 *
 * The set hashes are XOR sums of fixed pseudo-random 32-bit keys of the original row indices
 * ({@link pointKeyA}, {@link pointKeyB}); with the member count they identify a neighbourhood set
 * without listing it.
 *
 * @example
 * const tree = buildKdTree(Float64Array.of(0, 0, 1, 1, 5, 5), 3, 2);
 * tree.nodeCount[0]; // => 3 (the root holds every point)
 */
import { principalAxes, toFrame, type Frame } from './principalAxes.js';

/** A built k-d tree. Node 0 is the root; children have larger ids than their parent. */
export interface KdTree {
  /** Number of points. */
  n: number;
  /** Dimension. */
  d: number;
  /** The points in tree order (row-major n×d): the members of a node are contiguous. */
  data: Float64Array;
  /** The points in tree order in box coordinates (the same array as `data` without a frame). */
  boxData: Float64Array;
  /** Original row index of each tree position. */
  index: Int32Array;
  /** Set-hash keys of each tree position ({@link pointKeyA}, {@link pointKeyB} of its row). */
  keyA: Int32Array;
  keyB: Int32Array;
  /** Number of nodes. */
  nodes: number;
  /** First tree position of each node. */
  start: Int32Array;
  /** One past the last tree position of each node. */
  end: Int32Array;
  /** Left and right child of each node, −1 for a leaf. */
  left: Int32Array;
  right: Int32Array;
  /**
   * Bounding box of each node in box coordinates (the principal axes when `frame` is set, else the
   * original ones), nodes×2d, interleaved: box[2d·node + 2j] = loⱼ, box[2d·node + 2j + 1] = hiⱼ.
   */
  box: Float64Array;
  /** The rotation of the box coordinates, or null when boxes are in the original coordinates. */
  frame: Frame | null;
  /** 1 + 4·Σⱼ maxᵢ xᵢⱼ²: the scale of rounding errors in rotated bounds (see {@link boxTolerance}). */
  scale2: number;
  /** Member count of each node. */
  nodeCount: Int32Array;
  /** XOR of the members' {@link pointKeyA} / {@link pointKeyB}. */
  hashA: Int32Array;
  hashB: Int32Array;
  /** Number of leaves; leaves are numbered in tree order. */
  leaves: number;
  /** Coordinate sums of each leaf (leaves×d), accumulated from 0 over its points in tree order. */
  leafSum: Float64Array;
  /** First leaf and one past the last leaf under each node. */
  firstLeaf: Int32Array;
  endLeaf: Int32Array;
  /** A reference centre of each leaf (leaves×d, original coordinates): the mean of its points. */
  leafCenter: Float64Array;
  /**
   * Distance of each tree position to its leaf's centre; within a leaf, positions are sorted by it
   * (ties by row), so that the triangle inequality decides a leading run of a leaf at once.
   */
  rho: Float64Array;
  /** Sum of the coordinates from the leaf's first position to this one, from 0, in tree order (n×d). */
  prefix: Float64Array;
  /** XOR of the set-hash keys from the leaf's first position to this one. */
  prefixA: Int32Array;
  prefixB: Int32Array;
}

/** The default maximum number of points in a leaf. */
export const DEFAULT_LEAF_SIZE = 64;

/** MurmurHash3's 32-bit finaliser (Appleby, smhasher): a bijective integer mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * First set-hash key of row `i`: fmix32(i·0x9e3779b1 + 0x2545f491), bijective in i.
 *
 * @example pointKeyA(0) !== pointKeyA(1) // => true
 */
export function pointKeyA(i: number): number {
  return fmix32((Math.imul(i, 0x9e3779b1) + 0x2545f491) | 0);
}

/**
 * Second, independent set-hash key of row `i`: fmix32(fmix32(i ^ 0x5bd1e995) + 0x68e31da4).
 *
 * @example pointKeyB(0) !== pointKeyA(0) // => true
 */
export function pointKeyB(i: number): number {
  return fmix32((fmix32(i ^ 0x5bd1e995) + 0x68e31da4) | 0);
}

/**
 * Builds a k-d tree over the `n` rows of `points` (row-major n×d).
 *
 * @param leafSize - maximum points per leaf. @default 64
 * @param rotate - build the boxes in the principal axes (for large, correlated data). @default false
 * @example buildKdTree(Float64Array.of(0, 1, 2), 3, 1).nodes // => 1 (one leaf)
 */
export function buildKdTree(points: Float64Array, n: number, d: number, leafSize = DEFAULT_LEAF_SIZE, rotate = false): KdTree {
  const frame = rotate && d > 1 && n > 1 ? principalAxes(points, n, d) : null;
  const coords = frame ? rotated(points, n, d, frame) : points;
  const size = Math.max(1, leafSize);
  // A split node holds more than `size` points, so every leaf holds at least ⌊(size + 1)/2⌋.
  const maxNodes = Math.max(1, 2 * Math.ceil(n / Math.floor((size + 1) / 2)) - 1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const start = new Int32Array(maxNodes);
  const end = new Int32Array(maxNodes);
  const left = new Int32Array(maxNodes).fill(-1);
  const right = new Int32Array(maxNodes).fill(-1);
  const box = new Float64Array(maxNodes * 2 * d);
  let nodes = 1;
  end[0] = n;
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const s = start[node]!;
    const e = end[node]!;
    const split = boundingBox(coords, d, order, s, e, box, node);
    if (e - s <= size || split < 0) continue;
    const mid = (s + e) >> 1;
    quickselect(coords, d, split, order, s, e - 1, mid);
    const l = nodes++;
    const r = nodes++;
    start[l] = s;
    end[l] = mid;
    start[r] = mid;
    end[r] = e;
    left[node] = l;
    right[node] = r;
    stack.push(r, l);
  }
  const { centers, rho } = sortLeavesByRadius(points, d, order, start, end, left, nodes);
  const tree = emptyTree(points, order, n, d, nodes, frame);
  if (frame) {
    tree.boxData = new Float64Array(n * d);
    for (let p = 0; p < n; p++) tree.boxData.set(coords.subarray(order[p]! * d, order[p]! * d + d), p * d);
  }
  tree.leafCenter = centers;
  tree.rho = rho;
  tree.start.set(start.subarray(0, nodes));
  tree.end.set(end.subarray(0, nodes));
  tree.left.set(left.subarray(0, nodes));
  tree.right.set(right.subarray(0, nodes));
  tree.box.set(box.subarray(0, nodes * 2 * d));
  fillAggregates(tree);
  return tree;
}

/**
 * Reorders each leaf's points by their distance ρ to the leaf's mean (ties by row) and returns the
 * leaf centres (in tree order of the leaves) and ρ per tree position.
 */
function sortLeavesByRadius(
  points: Float64Array,
  d: number,
  order: Int32Array,
  start: Int32Array,
  end: Int32Array,
  left: Int32Array,
  nodes: number,
): { centers: Float64Array; rho: Float64Array } {
  const leaves: number[] = [];
  for (let node = 0; node < nodes; node++) if (left[node]! < 0) leaves.push(node);
  leaves.sort((a, b) => start[a]! - start[b]!);
  const centers = new Float64Array(leaves.length * d);
  const rho = new Float64Array(order.length);
  leaves.forEach((node, leaf) => {
    const s = start[node]!;
    const e = end[node]!;
    const c = centers.subarray(leaf * d, leaf * d + d);
    for (let p = s; p < e; p++) for (let j = 0; j < d; j++) c[j] = c[j]! + points[order[p]! * d + j]!;
    for (let j = 0; j < d; j++) c[j] = c[j]! / Math.max(1, e - s);
    const members = Array.from(order.subarray(s, e), (row) => ({ row, r: Math.sqrt(rdist(points, row, c, 0, d)) }));
    members.sort((a, b) => a.r - b.r || a.row - b.row);
    members.forEach((m, k) => {
      order[s + k] = m.row;
      rho[s + k] = m.r;
    });
  });
  return { centers, rho };
}

/** All rows expressed in `frame`. */
function rotated(points: Float64Array, n: number, d: number, frame: Frame): Float64Array {
  const out = new Float64Array(n * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    toFrame(frame, points, i * d, row, d);
    out.set(row, i * d);
  }
  return out;
}

/** The tree's arrays, with the points and keys copied into tree order. */
function emptyTree(points: Float64Array, order: Int32Array, n: number, d: number, nodes: number, frame: Frame | null): KdTree {
  let scale2 = 1;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(points[i * d + j]!));
    scale2 += 4 * m * m;
  }
  const data = new Float64Array(n * d);
  const keyA = new Int32Array(n);
  const keyB = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    for (let j = 0; j < d; j++) data[p * d + j] = points[i * d + j]!;
    keyA[p] = pointKeyA(i);
    keyB[p] = pointKeyB(i);
  }
  return {
    n,
    d,
    data,
    boxData: data,
    index: order,
    keyA,
    keyB,
    nodes,
    start: new Int32Array(nodes),
    end: new Int32Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    box: new Float64Array(nodes * 2 * d),
    frame,
    scale2,
    nodeCount: new Int32Array(nodes),
    hashA: new Int32Array(nodes),
    hashB: new Int32Array(nodes),
    leaves: 0,
    leafSum: new Float64Array(0),
    firstLeaf: new Int32Array(nodes),
    endLeaf: new Int32Array(nodes),
    leafCenter: new Float64Array(0),
    rho: new Float64Array(n),
    prefix: new Float64Array(n * d),
    prefixA: new Int32Array(n),
    prefixB: new Int32Array(n),
  };
}

/**
 * Writes the bounding box of `order[s..e)` into node `node` and returns the dimension of largest
 * spread, or −1 when all points coincide (such a node is never split).
 */
function boundingBox(points: Float64Array, d: number, order: Int32Array, s: number, e: number, box: Float64Array, node: number): number {
  const o = node * 2 * d;
  for (let j = 0; j < d; j++) {
    box[o + 2 * j] = Infinity;
    box[o + 2 * j + 1] = -Infinity;
  }
  for (let p = s; p < e; p++) {
    const b = order[p]! * d;
    for (let j = 0; j < d; j++) {
      const v = points[b + j]!;
      if (v < box[o + 2 * j]!) box[o + 2 * j] = v;
      if (v > box[o + 2 * j + 1]!) box[o + 2 * j + 1] = v;
    }
  }
  let best = -1;
  let spread = 0;
  for (let j = 0; j < d; j++) {
    const w = box[o + 2 * j + 1]! - box[o + 2 * j]!;
    if (w > spread) {
      spread = w;
      best = j;
    }
  }
  return best;
}

/** Hoare-style quickselect on `order[a..b]` by coordinate `dim`, so that position `k` holds its order statistic. */
function quickselect(points: Float64Array, d: number, dim: number, order: Int32Array, a: number, b: number, k: number): void {
  while (b > a) {
    const pivot = points[order[(a + b) >> 1]! * d + dim]!;
    let i = a;
    let j = b;
    while (i <= j) {
      while (points[order[i]! * d + dim]! < pivot) i++;
      while (points[order[j]! * d + dim]! > pivot) j--;
      if (i <= j) {
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) b = j;
    else if (k >= i) a = i;
    else return;
  }
}

/**
 * Fills node counts and hashes bottom-up, numbers the leaves in tree order, and records each node's
 * leaf range and each leaf's coordinate sum (from 0, in tree order).
 */
function fillAggregates(t: KdTree): void {
  const { d, data } = t;
  const leafNodes: number[] = [];
  for (let node = t.nodes - 1; node >= 0; node--) {
    const l = t.left[node]!;
    if (l < 0) {
      leafNodes.push(node);
      let ha = 0;
      let hb = 0;
      for (let p = t.start[node]!; p < t.end[node]!; p++) {
        ha ^= t.keyA[p]!;
        hb ^= t.keyB[p]!;
      }
      t.nodeCount[node] = t.end[node]! - t.start[node]!;
      t.hashA[node] = ha;
      t.hashB[node] = hb;
    } else {
      const r = t.right[node]!;
      t.nodeCount[node] = t.nodeCount[l]! + t.nodeCount[r]!;
      t.hashA[node] = t.hashA[l]! ^ t.hashA[r]!;
      t.hashB[node] = t.hashB[l]! ^ t.hashB[r]!;
    }
  }
  leafNodes.sort((a, b) => t.start[a]! - t.start[b]!);
  const leafAt = new Int32Array(t.n);
  t.leaves = leafNodes.length;
  t.leafSum = new Float64Array(leafNodes.length * d);
  leafNodes.forEach((node, leaf) => {
    let ha = 0;
    let hb = 0;
    for (let p = t.start[node]!; p < t.end[node]!; p++) {
      leafAt[p] = leaf;
      for (let j = 0; j < d; j++) {
        t.leafSum[leaf * d + j] = t.leafSum[leaf * d + j]! + data[p * d + j]!;
        t.prefix[p * d + j] = t.leafSum[leaf * d + j]!;
      }
      ha ^= t.keyA[p]!;
      hb ^= t.keyB[p]!;
      t.prefixA[p] = ha;
      t.prefixB[p] = hb;
    }
  });
  for (let node = 0; node < t.nodes; node++) {
    const empty = t.end[node]! <= t.start[node]!;
    t.firstLeaf[node] = empty ? 0 : leafAt[t.start[node]!]!;
    t.endLeaf[node] = empty ? 0 : leafAt[t.end[node]! - 1]! + 1;
  }
}

/**
 * Writes the query at offset `qo` of `qs` in box coordinates into `out` (length d): rotated into the
 * tree's frame, or copied.
 *
 * @example boxQuery(tree, means, id * d, bq); boxMinRdist(tree, 0, bq)
 */
export function boxQuery(t: KdTree, qs: Float64Array, qo: number, out: Float64Array): void {
  if (t.frame) toFrame(t.frame, qs, qo, out, t.d);
  else for (let j = 0; j < t.d; j++) out[j] = qs[qo + j]!;
}

/**
 * The margin by which a box bound must clear r² before a whole box is pruned or taken: 0 for boxes
 * in the original coordinates (bounds and point tests then round alike), and 10⁻¹⁰·(scale² + 2r²)
 * for rotated boxes, far above the ~10⁻¹⁵·scale² rounding of a rotation. Points within the margin are
 * simply tested one by one.
 *
 * @example const tol = boxTolerance(tree, r2); // prune when boxMinRdist > r2 + tol
 */
export function boxTolerance(t: KdTree, r2: number): number {
  return t.frame ? 1e-10 * (t.scale2 + 2 * r2) : 0;
}

/**
 * Smallest squared distance from the box-coordinate query `bq` to the box of `node`:
 * Σⱼ max(loⱼ − qⱼ, 0, qⱼ − hiⱼ)².
 *
 * @example boxMinRdist(tree, 0, bq) // => 0 when the root box contains the query
 */
export function boxMinRdist(t: KdTree, node: number, bq: Float64Array): number {
  const d = t.d;
  const o = node * 2 * d;
  let s = 0;
  for (let j = 0; j < d; j++) {
    const q = bq[j]!;
    const a = t.box[o + 2 * j]! - q;
    const b = q - t.box[o + 2 * j + 1]!;
    const g = a > 0 ? a : b > 0 ? b : 0;
    s += g * g;
  }
  return s;
}

/**
 * Largest squared distance from the box-coordinate query `bq` to any point of the box of `node`:
 * Σⱼ max(qⱼ − loⱼ, hiⱼ − qⱼ)².
 *
 * @example boxMaxRdist(tree, 0, bq) // => the squared distance to the far corner
 */
export function boxMaxRdist(t: KdTree, node: number, bq: Float64Array): number {
  const d = t.d;
  const o = node * 2 * d;
  let s = 0;
  for (let j = 0; j < d; j++) {
    const q = bq[j]!;
    const a = q - t.box[o + 2 * j]!;
    const b = t.box[o + 2 * j + 1]! - q;
    const g = a > b ? a : b;
    s += g * g;
  }
  return s;
}

/**
 * Both bounds of the box of `node` in one pass: `out[0]` = {@link boxMinRdist}, `out[1]` =
 * {@link boxMaxRdist}, the squared distances from the box-coordinate query `bq` to the nearest and
 * the farthest point of the box. The pruning tests of the radius and k-th-distance queries use both.
 *
 * @example boxRdistRange(tree, 0, bq, range); // range[0] ≤ rdist to any point of the root ≤ range[1]
 */
export function boxRdistRange(t: KdTree, node: number, bq: Float64Array, out: Float64Array): void {
  const d = t.d;
  const box = t.box;
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
  out[0] = mn;
  out[1] = mx;
}

/**
 * Squared distance Σⱼ (aⱼ − bⱼ)² between row `ai` of `a` and row `bi` of `b`, summed in index
 * order (scikit-learn's `euclidean_rdist`).
 *
 * @example rdist(Float64Array.of(0, 0), 0, Float64Array.of(3, 4), 0, 2) // => 25
 */
export function rdist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  const ao = ai * d;
  const bo = bi * d;
  for (let j = 0; j < d; j++) {
    const t = a[ao + j]! - b[bo + j]!;
    s += t * t;
  }
  return s;
}
