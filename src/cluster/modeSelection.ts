/**
 * MeanShift's post-processing, as scikit-learn's `MeanShift.fit` does it after the seeds have
 * climbed (`sklearn/cluster/_mean_shift.py`, scikit-learn 1.2.1):
 *
 * ```python
 * for i in range(len(seeds)):
 *     if all_res[i][1]:  # i.e. len(points_within) > 0
 *         center_intensity_dict[all_res[i][0]] = all_res[i][1]
 * sorted_by_intensity = sorted(center_intensity_dict.items(),
 *                              key=lambda tup: (tup[1], tup[0]), reverse=True)
 * sorted_centers = np.array([tup[0] for tup in sorted_by_intensity])
 * unique = np.ones(len(sorted_centers), dtype=bool)
 * nbrs = NearestNeighbors(radius=bandwidth).fit(sorted_centers)
 * for i, center in enumerate(sorted_centers):
 *     if unique[i]:
 *         neighbor_idxs = nbrs.radius_neighbors([center], return_distance=False)[0]
 *         unique[neighbor_idxs] = 0
 *         unique[i] = 1  # leave the current point as unique
 * cluster_centers = sorted_centers[unique]
 * # labels: nearest centre; with cluster_all=False, −1 beyond the bandwidth
 * ```
 *
 * Distances here are exact (Σⱼ Δⱼ² in index order, as scikit-learn's k-d tree). With few modes
 * (≤ 11 for the suppression, ≤ 3 centres for the labels) scikit-learn switches to brute force, whose
 * dot-product expansion ‖a‖² − 2a·b + ‖b‖² can round differently; only a distance within ~10⁻¹⁵ of
 * the bandwidth, or an exact tie between two centres, could then be decided otherwise.
 *
 * @example
 * const c = selectCenters(modes, intensity, m, d, 0.3);
 * assignLabels(points, n, d, c.centers, c.k, 0.3, false);
 */
import { buildKdTree } from './kdTree.js';
import { nearestNeighbor } from './kdTreeNearest.js';
import { radiusIndices } from './kdTreeRadius.js';

/** The cluster centres kept, strongest first. */
export interface SelectedCenters {
  /** Row-major k×d. */
  centers: Float64Array;
  /** Intensity of each centre. */
  intensities: Int32Array;
  /** Number of centres. */
  k: number;
}

/**
 * Steps 2–4 of MeanShift: drop seeds of intensity 0; keep one entry per distinct mode tuple (the
 * intensity of the last seed, in seed order, wins, as with a Python dict); sort by (intensity, mode
 * tuple) descending; walking that order, each mode still kept removes every other mode within
 * `bandwidth` (Σⱼ Δⱼ² ≤ bandwidth²).
 *
 * @param modes - row-major m×d seed modes.
 * @param intensity - per seed; 0 means no neighbour.
 * @example selectCenters(climb.modes, climb.intensity, m, d, bandwidth).k
 */
export function selectCenters(modes: Float64Array, intensity: Int32Array, m: number, d: number, bandwidth: number): SelectedCenters {
  const entries = distinctModes(modes, intensity, m, d);
  entries.sort((a, b) => intensity[b]! - intensity[a]! || compareRows(modes, b, a, d));
  const u = entries.length;
  const rows = new Float64Array(u * d);
  entries.forEach((s, i) => rows.set(modes.subarray(s * d, s * d + d), i * d));
  const keep = suppressNear(rows, u, d, bandwidth);
  const k = keep.length;
  const centers = new Float64Array(k * d);
  const intensities = new Int32Array(k);
  keep.forEach((i, c) => {
    centers.set(rows.subarray(i * d, i * d + d), c * d);
    intensities[c] = intensity[entries[i]!]!;
  });
  return { centers, intensities, k };
}

/** Lexicographic comparison of rows `a` and `b` (Python tuple order; −0 equals 0). */
function compareRows(x: Float64Array, a: number, b: number, d: number): number {
  for (let j = 0; j < d; j++) {
    const p = x[a * d + j]!;
    const q = x[b * d + j]!;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** One seed per distinct mode among seeds of positive intensity: the last in seed order. */
function distinctModes(modes: Float64Array, intensity: Int32Array, m: number, d: number): number[] {
  const alive: number[] = [];
  for (let s = 0; s < m; s++) if (intensity[s]! > 0) alive.push(s);
  alive.sort((a, b) => compareRows(modes, a, b, d) || a - b);
  const out: number[] = [];
  for (let g = 0; g < alive.length; g++) {
    const s = alive[g]!;
    const next = alive[g + 1];
    if (next === undefined || compareRows(modes, s, next, d) !== 0) out.push(s);
  }
  return out;
}

/** Indices (in order) of the rows kept by scikit-learn's near-duplicate removal. */
function suppressNear(rows: Float64Array, u: number, d: number, bandwidth: number): number[] {
  const tree = buildKdTree(rows, u, d);
  const unique = new Uint8Array(u).fill(1);
  const r2 = bandwidth * bandwidth;
  const near: number[] = [];
  for (let i = 0; i < u; i++) {
    if (!unique[i]) continue;
    near.length = 0;
    for (const j of radiusIndices(tree, rows, i * d, r2, near)) unique[j] = 0;
    unique[i] = 1;
  }
  const keep: number[] = [];
  for (let i = 0; i < u; i++) if (unique[i]) keep.push(i);
  return keep;
}

/**
 * Step 5: each point's nearest centre (exact ties to the lower index); with `clusterAll = false`,
 * −1 for points whose distance √(Σⱼ Δⱼ²) to it exceeds `bandwidth`.
 *
 * @example assignLabels(X, n, d, centers, k, 0.3, true)
 */
export function assignLabels(
  points: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  k: number,
  bandwidth: number,
  clusterAll: boolean,
): Int32Array {
  const tree = buildKdTree(centers, k, d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const hit = nearestNeighbor(tree, points, i * d);
    labels[i] = clusterAll || Math.sqrt(hit.rdist) <= bandwidth ? hit.index : -1;
  }
  return labels;
}
