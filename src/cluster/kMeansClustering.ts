/**
 * K-Means baselines for COD's clustering stage (Xu et al., ICLR 2026, Table 3): plain seeded K-Means
 * and the authors' "improved K-Means".
 *
 * {@link kMeansClustering} wraps ml-kmeans (Lloyd's algorithm with k-means++ seeding, Arthur &
 * Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007):
 * `kmeans(points, k, { seed, initialization: 'kmeans++' })`. Empty clusters are dropped and the rest
 * renumbered 0…k′−1 in ml-kmeans' order; centres are the means of the final members.
 *
 * {@link improvedKMeans} follows methods.md §1.3's description of the baseline, made concrete:
 * 1. k search: the largest k in [1, ⌊n/K⌋] whose K-Means clustering has every cluster of at least K
 *    points (bisection, treating "smallest cluster ≥ K" as monotone in k — usually but not always
 *    true; the search keeps the largest k it saw pass);
 * 2. radius: with τ = factor × (mean distance of all points to their centre), a point farther than τ
 *    from every centre is an outlier (factor 2 by default);
 * 3. size: clusters left with fewer than K members become outliers; survivors are renumbered and
 *    their centres recomputed as member means.
 *
 * Cost: each K-Means run is O(iterations · n · k · d), and the search runs about log₂(n/K) of them;
 * this is a baseline for moderate n, not part of the default pipeline.
 *
 * @example
 * kMeansClustering(features, n, 9, 20, { seed: 1 }).labels;
 * improvedKMeans(features, n, 9, { seed: 1 }).outlierRate;
 */
import { kmeans } from 'ml-kmeans';
import { checkPoints } from './checkPoints.js';
import { memberCentroids, type Clustering } from './clustering.js';

/** Options of {@link kMeansClustering}. */
export interface KMeansOptions {
  /** Seed of ml-kmeans' k-means++ initialisation. @default 1 */
  seed?: number;
  /** Lloyd iterations at most. @default 100 */
  maxIterations?: number;
  /** Convergence tolerance on centre moves (ml-kmeans' `tolerance`). @default 1e-6 */
  tolerance?: number;
}

/** Options of {@link improvedKMeans}. */
export interface ImprovedKMeansOptions extends KMeansOptions {
  /** Minimum cluster size K. @default 10 */
  minClusterSize?: number;
  /** Outlier radius as a multiple of the mean point-to-centre distance. @default 2 */
  radiusFactor?: number;
  /** Largest k tried. @default ⌊n / minClusterSize⌋ */
  maxK?: number;
}

/** The result of {@link improvedKMeans}. */
export interface ImprovedKMeansResult extends Clustering {
  /** The k chosen by the search (before outliers and small clusters were removed). */
  searchedK: number;
  /** The outlier radius τ. */
  radius: number;
}

/**
 * Seeded K-Means with k-means++ initialisation on the `n` rows of `points` (row-major n×d);
 * k is clipped to [1, n]. No point is an outlier (`outlierRate` 0).
 *
 * @throws RangeError for k < 1 or non-finite points
 * @example kMeansClustering(Float64Array.of(0, 0.1, 5, 5.1), 4, 1, 2).labels // => two groups of two
 */
export function kMeansClustering(points: Float64Array, n: number, d: number, k: number, options: KMeansOptions = {}): Clustering {
  checkPoints(points, n, d);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer ≥ 1, got ${String(k)}`);
  if (n === 0) return { labels: new Int32Array(0), centers: new Float64Array(0), k: 0, outlierRate: 0 };
  const rows = Array.from({ length: n }, (_, i) => Array.from(points.subarray(i * d, i * d + d)));
  const result = kmeans(rows, Math.min(k, n), {
    seed: options.seed ?? 1,
    initialization: 'kmeans++',
    maxIterations: options.maxIterations ?? 100,
    tolerance: options.tolerance ?? 1e-6,
  });
  const { labels, k: kept } = compactLabels(Int32Array.from(result.clusters));
  return { labels, centers: memberCentroids(points, d, labels, kept), k: kept, outlierRate: 0 };
}

/**
 * The authors' improved K-Means baseline (see the module comment): k searched for clusters of at
 * least K points, outliers beyond `radiusFactor` × the mean intra-cluster distance, clusters ≥ K.
 *
 * @example improvedKMeans(features, n, 9, { seed: 1, minClusterSize: 10 }).k
 */
export function improvedKMeans(points: Float64Array, n: number, d: number, options: ImprovedKMeansOptions = {}): ImprovedKMeansResult {
  const { minClusterSize = 10, radiusFactor = 2 } = options;
  checkPoints(points, n, d);
  if (!Number.isInteger(minClusterSize) || minClusterSize < 1) throw new RangeError(`minClusterSize must be an integer ≥ 1, got ${String(minClusterSize)}`);
  if (n === 0) return { labels: new Int32Array(0), centers: new Float64Array(0), k: 0, outlierRate: 0, searchedK: 0, radius: 0 };
  const { clustering, k: searchedK } = searchK(points, n, d, minClusterSize, options);
  const distances = distancesToCentres(points, n, d, clustering);
  const radius = (radiusFactor * distances.reduce((s, x) => s + x, 0)) / n;
  const labels = clustering.labels.slice();
  for (let i = 0; i < n; i++) if (distances[i]! > radius) labels[i] = -1;
  const sizes = new Int32Array(clustering.k);
  for (const c of labels) if (c >= 0) sizes[c]++;
  for (let i = 0; i < n; i++) if (labels[i]! >= 0 && sizes[labels[i]!]! < minClusterSize) labels[i] = -1;
  const { labels: final, k } = compactLabels(labels);
  const outliers = final.reduce((s, c) => s + (c < 0 ? 1 : 0), 0);
  return { labels: final, centers: memberCentroids(points, d, final, k), k, outlierRate: outliers / n, searchedK, radius };
}

/** Bisection for the largest k whose clustering has no cluster below `minSize` points. */
function searchK(points: Float64Array, n: number, d: number, minSize: number, options: ImprovedKMeansOptions): { clustering: Clustering; k: number } {
  let lo = 1;
  let hi = Math.max(1, Math.min(options.maxK ?? Math.floor(n / minSize), n));
  let best = { clustering: kMeansClustering(points, n, d, 1, options), k: 1 };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const clustering = kMeansClustering(points, n, d, mid, options);
    if (smallestCluster(clustering) >= minSize && clustering.k === mid) {
      best = { clustering, k: mid };
      lo = mid;
    } else hi = mid - 1;
  }
  return best;
}

/** Size of the smallest cluster. */
function smallestCluster(c: Clustering): number {
  const sizes = new Int32Array(c.k);
  for (const l of c.labels) if (l >= 0) sizes[l]++;
  return sizes.reduce((m, s) => Math.min(m, s), Infinity);
}

/**
 * Distance of every point to its nearest centre. After Lloyd's algorithm converges a point's own
 * centre is its nearest, so "farther than τ from every centre" is tested on the nearest one.
 */
function distancesToCentres(points: Float64Array, n: number, d: number, c: Clustering): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let k = 0; k < c.k; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = points[i * d + j]! - c.centers[k * d + j]!;
        s += t * t;
      }
      if (s < best) best = s;
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}

/**
 * Renumbers the labels ≥ 0 to 0…k−1, keeping their order (so unused labels vanish);
 * −1 stays −1.
 *
 * @example compactLabels(Int32Array.of(3, -1, 3, 5)) // => { labels: [0, -1, 0, 1], k: 2 }
 */
export function compactLabels(labels: Int32Array): { labels: Int32Array; k: number } {
  const ids = [...new Set(Array.from(labels).filter((c) => c >= 0))].sort((a, b) => a - b);
  const map = new Map(ids.map((c, i) => [c, i]));
  return { labels: labels.map((c) => (c < 0 ? -1 : map.get(c)!)), k: ids.length };
}
