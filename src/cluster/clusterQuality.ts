/**
 * Cluster quality as COD's Table 3 reports it (Xu et al., ICLR 2026): the intra-cluster average
 * distance (IAD, lower is tighter) and the outlier rate (OR).
 *
 * The paper does not spell out IAD; scalecast uses, over the clusters c with their members' mean μ_c,
 *
 *   IAD = (1/|C|) Σ_c (1/|c|) Σ_{i∈c} ‖xᵢ − μ_c‖       (each cluster counts once),
 *
 * and also reports the point-weighted variant (1/N) Σ_c Σ_{i∈c} ‖xᵢ − μ_c‖ over the N clustered
 * points. Outliers (label −1) are left out of both. OR = (points labelled −1) / (all points); pass
 * the items dropped before clustering (COD's all-zero rows) as `extraOutliers` to count them too.
 *
 * @example
 * // cluster 0 = {0, 2} (centre 1, distances 1, 1), cluster 1 = {10} (distance 0), one outlier
 * clusterQuality(Float64Array.of(0, 2, 10, 50), 4, 1, Int32Array.of(0, 0, 1, -1));
 * // => { iad: 0.5, iadWeighted: 2/3, outlierRate: 0.25, clusters: 2, sizes: [2, 1] }
 */
import { memberCentroids } from './clustering.js';

/** IAD and OR of a clustering. */
export interface ClusterQuality {
  /** Mean over clusters of the mean member-to-centre distance (NaN without clusters). */
  iad: number;
  /** Mean over clustered points of the distance to their cluster's centre (NaN without clusters). */
  iadWeighted: number;
  /** Share of points labelled −1 (extra outliers included), 0 without points. */
  outlierRate: number;
  /** Number of non-empty clusters. */
  clusters: number;
  /** Size of each cluster label 0…max. */
  sizes: Int32Array;
}

/**
 * IAD and OR of `labels` over the `n` rows of `points` (row-major n×d); labels are 0…k−1 or −1.
 *
 * @param extraOutliers - points left out before clustering that count as outliers. @default 0
 * @example clusterQuality(features, n, 9, result.labels, unsolved.length).iad
 */
export function clusterQuality(points: Float64Array, n: number, d: number, labels: Int32Array, extraOutliers = 0): ClusterQuality {
  const k = labels.reduce((m, c) => Math.max(m, c + 1), 0);
  const centers = memberCentroids(points, d, labels, k);
  const sizes = new Int32Array(k);
  const total = new Float64Array(k);
  let outliers = extraOutliers;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (c < 0) {
      outliers++;
      continue;
    }
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = points[i * d + j]! - centers[c * d + j]!;
      s += t * t;
    }
    sizes[c]++;
    total[c] += Math.sqrt(s);
  }
  let clusters = 0;
  let perCluster = 0;
  let all = 0;
  let members = 0;
  for (let c = 0; c < k; c++) {
    if (sizes[c] === 0) continue;
    clusters++;
    perCluster += total[c]! / sizes[c]!;
    all += total[c]!;
    members += sizes[c]!;
  }
  const everyone = n + extraOutliers;
  return {
    iad: clusters > 0 ? perCluster / clusters : Number.NaN,
    iadWeighted: members > 0 ? all / members : Number.NaN,
    outlierRate: everyone > 0 ? outliers / everyone : 0,
    clusters,
    sizes,
  };
}
