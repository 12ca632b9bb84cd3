/**
 * The seed-climbing stage of flat-kernel MeanShift, with scikit-learn's per-seed loop
 * (`_mean_shift_single_seed` in `sklearn/cluster/_mean_shift.py`, scikit-learn 1.2.1):
 *
 * ```python
 * stop_thresh = 1e-3 * bandwidth
 * completed_iterations = 0
 * while True:
 *     i_nbrs = nbrs.radius_neighbors([my_mean], bandwidth, return_distance=False)[0]
 *     points_within = X[i_nbrs]
 *     if len(points_within) == 0:
 *         break
 *     my_old_mean = my_mean
 *     my_mean = np.mean(points_within, axis=0)
 *     if np.linalg.norm(my_mean - my_old_mean) < stop_thresh or completed_iterations == max_iter:
 *         break
 *     completed_iterations += 1
 * return tuple(my_mean), len(points_within), completed_iterations
 * ```
 *
 * So a seed's mode is its last mean; its intensity is the size of the neighbourhood of the
 * *previous* mean (the set the last mean was averaged from); the loop stops on a shift strictly
 * below 10⁻³·bandwidth, or after max_iter + 1 mean updates. A seed whose neighbourhood is empty
 * reports intensity 0, which scikit-learn then ignores.
 *
 * Speed, without changing the result:
 * - neighbourhoods come from k-d tree aggregates ({@link radiusAggregate}), with sums in a
 *   canonical order, so that equal sets have bit-identical means whichever query found them;
 * - the next mean depends only on the current neighbourhood *set*, so every set met is stored once
 *   in a {@link NeighbourhoodMemo} with its mean and successor, and seeds that reach a known set
 *   follow the stored chain at O(d) per step;
 * - identical seeds are climbed once ({@link distinctSeeds}).
 *
 * Bits: a seed's reported mode is recomputed from its final neighbourhood exactly as NumPy computes
 * `np.mean(X[i_nbrs], axis=0)` — the members added one by one in scikit-learn's k-d tree order
 * ({@link sklearnTreeOrder}), then divided — so modes match scikit-learn's to the last bit whenever
 * the final neighbourhoods match, and ties in the (intensity, mode tuple) ordering break the same
 * way (they are common with grid-valued data such as pass rates k/100). Means along the way use the
 * canonical leaf-order sum, which can differ from NumPy's in the last bits; that can only matter for
 * a point within rounding distance of the sphere.
 *
 * @example
 * const climber = new SeedClimber(X, n, d, 0.3, 300);
 * const r = climber.climb(X, Int32Array.of(0, 1, 2)); // seeds = rows 0, 1, 2 of X
 * r.modes.subarray(0, d); // row 0's mode; r.intensity[0], r.iterations[0]
 */
import { buildKdTree, type KdTree } from './kdTree.js';
import { createRadiusAccumulator, radiusAggregate, radiusIndices, type RadiusAccumulator } from './kdTreeRadius.js';
import { NeighbourhoodMemo } from './neighbourhoodMemo.js';
import { orderedMean, positions, sklearnTreeOrder } from './sklearnTreeOrder.js';

/** Where a list of seeds ended, aligned with the list. */
export interface ClimbResult {
  /** Mode of each seed (row-major, d columns); NaN where the intensity is 0. */
  modes: Float64Array;
  /** Intensity of each seed's mode (0 = no point within the bandwidth). */
  intensity: Int32Array;
  /** Completed iterations of each seed, as scikit-learn counts them. */
  iterations: Int32Array;
}

/** Climbs seeds over a fixed point set and bandwidth, remembering every neighbourhood it meets. */
export class SeedClimber {
  private readonly tree: KdTree;
  private readonly acc: RadiusAccumulator;
  private readonly memo: NeighbourhoodMemo;
  private readonly r2: number;
  private readonly stopThresh: number;
  private readonly d: number;
  private readonly old: Float64Array;
  private readonly points: Float64Array;
  private sklearnPos: Int32Array | null = null;
  private readonly exact = new Map<number, Float64Array>();

  /**
   * @param points - row-major n×d data.
   * @param bandwidth - flat-kernel radius (> 0): neighbours satisfy Σⱼ (mⱼ − xⱼ)² ≤ bandwidth².
   * @param maxIter - scikit-learn's `max_iter`.
   * @example new SeedClimber(X, n, d, 0.3, 300)
   */
  constructor(
    points: Float64Array,
    n: number,
    d: number,
    bandwidth: number,
    private readonly maxIter: number,
  ) {
    this.d = d;
    this.points = points;
    this.old = new Float64Array(d);
    this.tree = buildKdTree(points, n, d, undefined, true);
    this.acc = createRadiusAccumulator(this.tree);
    this.memo = new NeighbourhoodMemo(d);
    this.r2 = bandwidth * bandwidth;
    this.stopThresh = 1e-3 * bandwidth;
  }

  /** Number of distinct neighbourhoods met so far. */
  get neighbourhoods(): number {
    return this.memo.size;
  }

  /**
   * Climbs the seeds `indices` (rows of `seeds`, row-major with d columns).
   *
   * @example climber.climb(seeds, Int32Array.from({ length: m }, (_, i) => i))
   */
  climb(seeds: Float64Array, indices: Int32Array): ClimbResult {
    const d = this.d;
    const m = indices.length;
    const modes = new Float64Array(m * d);
    const intensity = new Int32Array(m);
    const iterations = new Int32Array(m);
    for (const a of this.visitOrder(seeds, indices)) {
      const { id, k } = this.climbOne(seeds, indices[a]! * d);
      const count = this.memo.count(id);
      intensity[a] = count;
      iterations[a] = k;
      if (count > 0) modes.set(this.exactMean(id, this.old), a * d);
      else modes.fill(Number.NaN, a * d, a * d + d);
    }
    return { modes, intensity, iterations };
  }

  /**
   * The order to climb `indices` in: by k-d tree position when the seeds are the points themselves
   * (nearby seeds one after another share tree nodes and neighbourhoods in cache), else as given.
   * Results do not depend on it.
   */
  private visitOrder(seeds: Float64Array, indices: Int32Array): Int32Array {
    const order = Int32Array.from(indices.keys());
    if (seeds !== this.points) return order;
    return byTreePosition(this.tree, indices, order);
  }

  /** One seed (at offset `so` of `seeds`): the memo id of its final neighbourhood and its completed iterations. */
  private climbOne(seeds: Float64Array, so: number): { id: number; k: number } {
    const { d, memo, old } = this;
    for (let j = 0; j < d; j++) old[j] = seeds[so + j]!;
    let id = this.query(seeds, so);
    let k = 0;
    for (;;) {
      if (memo.count(id) === 0) break;
      let shift2 = 0;
      for (let j = 0; j < d; j++) {
        const t = memo.mean(id, j) - old[j]!;
        shift2 += t * t;
      }
      if (Math.sqrt(shift2) < this.stopThresh || k === this.maxIter) break;
      k++;
      for (let j = 0; j < d; j++) old[j] = memo.mean(id, j);
      let next = memo.next(id);
      if (next < 0) {
        next = this.query(memo.meanRows(), id * d);
        memo.setNext(id, next);
      }
      id = next;
    }
    return { id, k };
  }

  /** NumPy's mean of set `id`, which is the neighbourhood of `at`. */
  private exactMean(id: number, at: Float64Array): Float64Array {
    let mean = this.exact.get(id);
    if (mean) return mean;
    this.sklearnPos ??= positions(sklearnTreeOrder(this.points, this.tree.n, this.d));
    mean = orderedMean(this.points, this.d, radiusIndices(this.tree, at, 0, this.r2, []), this.sklearnPos);
    this.exact.set(id, mean);
    return mean;
  }

  /** The memo id of the neighbourhood of the point at offset `qo` of `qs`. */
  private query(qs: Float64Array, qo: number): number {
    radiusAggregate(this.tree, qs, qo, this.r2, this.acc);
    return this.memo.intern(this.acc.count, this.acc.hashA, this.acc.hashB, this.acc.sum);
  }
}

/** Sorts `order` (positions in `indices`) by the tree position of the row each one names. */
function byTreePosition(tree: KdTree, indices: Int32Array, order: Int32Array): Int32Array {
  const pos = new Int32Array(tree.n);
  for (let p = 0; p < tree.n; p++) pos[tree.index[p]!] = p;
  return order.sort((a, b) => pos[indices[a]!]! - pos[indices[b]!]!);
}

/**
 * The rows `indices` of `points` reordered as a {@link SeedClimber} on those points visits them
 * (k-d tree order), so that contiguous chunks of the result are spatially compact — which keeps the
 * neighbourhoods a worker meets shared across its seeds.
 *
 * @example const chunks = cut(spatialOrder(X, n, d, seeds), parts);
 */
export function spatialOrder(points: Float64Array, n: number, d: number, indices: Int32Array): Int32Array {
  const tree = buildKdTree(points, n, d, undefined, true);
  return Int32Array.from(byTreePosition(tree, indices, Int32Array.from(indices.keys())), (a) => indices[a]!);
}

/** Identical seeds grouped: climb `distinct`, then copy results through `groupOf`. */
export interface DistinctSeeds {
  /** One seed index per distinct row, in lexicographic order of the rows. */
  distinct: Int32Array;
  /** For every seed, its position in `distinct`. */
  groupOf: Int32Array;
}

/**
 * Groups the `m` rows of `seeds` (d columns) by equal values; `distinct` is in lexicographic row
 * order, which keeps nearby seeds together when the list is cut into chunks.
 *
 * @example distinctSeeds(Float64Array.of(1, 0, 1), 3, 1) // => { distinct: [1, 0], groupOf: [1, 0, 1] }
 */
export function distinctSeeds(seeds: Float64Array, m: number, d: number): DistinctSeeds {
  const order = Array.from({ length: m }, (_, i) => i);
  const cmp = (a: number, b: number): number => {
    for (let j = 0; j < d; j++) {
      const x = seeds[a * d + j]!;
      const y = seeds[b * d + j]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  order.sort((a, b) => cmp(a, b) || a - b);
  const distinct: number[] = [];
  const groupOf = new Int32Array(m);
  for (let g = 0; g < m; g++) {
    const s = order[g]!;
    if (g === 0 || cmp(s, order[g - 1]!) !== 0) distinct.push(s);
    groupOf[s] = distinct.length - 1;
  }
  return { distinct: Int32Array.from(distinct), groupOf };
}

/**
 * Expands a {@link ClimbResult} over `distinct` seeds to every seed through `groupOf`.
 *
 * @example expandClimb(climber.climb(seeds, g.distinct), g.groupOf, d)
 */
export function expandClimb(r: ClimbResult, groupOf: Int32Array, d: number): ClimbResult {
  const m = groupOf.length;
  const out: ClimbResult = { modes: new Float64Array(m * d), intensity: new Int32Array(m), iterations: new Int32Array(m) };
  for (let s = 0; s < m; s++) {
    const g = groupOf[s]!;
    out.modes.set(r.modes.subarray(g * d, g * d + d), s * d);
    out.intensity[s] = r.intensity[g]!;
    out.iterations[s] = r.iterations[g]!;
  }
  return out;
}
