/**
 * Principal axes of a point set: the eigenvectors of its covariance matrix, strongest first
 * (Pearson 1901; Hotelling 1933). A k-d tree built in these coordinates has much tighter boxes on
 * data that varies mostly along a few directions — difficulty vectors rise together across a
 * ladder, so their spread lies along the diagonal, which axis-aligned boxes cover badly.
 *
 * The eigen-decomposition is ml-matrix's symmetric QL algorithm (EISPACK tred2/tql2 via JAMA).
 *
 * @example
 * const { center, axes } = principalAxes(points, n, d);
 * // coordinate c of row i in the new frame: Σⱼ (x_ij − center_j)·axes[j·d + c]
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** An orthonormal frame: origin `center` and axes as the columns of the row-major d×d `axes`. */
export interface Frame {
  center: Float64Array;
  axes: Float64Array;
}

/**
 * The mean of the rows and the covariance eigenvectors sorted by decreasing eigenvalue.
 *
 * @example principalAxes(Float64Array.of(0, 0, 1, 1, 2, 2), 3, 2).axes // first column ∝ (1, 1)/√2
 */
export function principalAxes(points: Float64Array, n: number, d: number): Frame {
  const center = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) center[j] = center[j]! + points[i * d + j]!;
  for (let j = 0; j < d; j++) center[j] = center[j]! / Math.max(1, n);
  const cov = Matrix.zeros(d, d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = points[i * d + j]! - center[j]!;
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov.set(a, b, cov.get(a, b) + row[a]! * row[b]!);
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov.set(a, b, cov.get(b, a));
  const evd = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, c) => [v, c] as const).sort((p, q) => q[0] - p[0]);
  const axes = new Float64Array(d * d);
  order.forEach(([, c], k) => {
    for (let j = 0; j < d; j++) axes[j * d + k] = evd.eigenvectorMatrix.get(j, c);
  });
  return { center, axes };
}

/**
 * Writes the coordinates of the row at offset `qo` of `qs` in `frame` into `out` (length d).
 *
 * @example toFrame(frame, points, i * d, out, d)
 */
export function toFrame(frame: Frame, qs: Float64Array, qo: number, out: Float64Array, d: number): void {
  const { center, axes } = frame;
  for (let c = 0; c < d; c++) out[c] = 0;
  for (let j = 0; j < d; j++) {
    const v = qs[qo + j]! - center[j]!;
    for (let c = 0; c < d; c++) out[c] = out[c]! + v * axes[j * d + c]!;
  }
}
