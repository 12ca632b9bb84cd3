/**
 * The result shape shared by the clustering methods (improved MeanShift, K-Means, improved K-Means)
 * and the centroid helper they use.
 *
 * @example
 * const c: Clustering = improvedMeanShift(features, n, d);
 * c.labels[i]; // cluster of item i in 0…c.k−1, or −1 for an outlier
 */

/** A clustering of n points in d dimensions. */
export interface Clustering {
  /** Cluster of each point, 0…k−1, or −1 for an outlier. */
  labels: Int32Array;
  /** Centre of each cluster, row-major k×d: the mean of its members. */
  centers: Float64Array;
  /** Number of clusters. */
  k: number;
  /** Share of points labelled −1, in [0, 1] (0 for no points). */
  outlierRate: number;
}

/**
 * The mean of the members of each cluster 0…k−1 (row-major k×d; NaN for a cluster without members):
 * μ_c = (1/|c|) Σ_{i : labels[i] = c} xᵢ. Points labelled −1 are ignored.
 *
 * @example memberCentroids(Float64Array.of(0, 2, 10), 1, Int32Array.of(0, 0, -1), 1) // => [1]
 */
export function memberCentroids(points: Float64Array, d: number, labels: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c < 0) continue;
    counts[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += points[i * d + j]!;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] = counts[c]! > 0 ? sums[c * d + j]! / counts[c]! : Number.NaN;
  return sums;
}
