/**
 * Solve A·z = b for a symmetric positive-definite banded matrix A by banded Cholesky
 * factorisation (A = L·Lᵀ with L lower-triangular of the same half-bandwidth), in O(n·p²) time.
 *
 * The smoothing-spline system of Reinsch (1967) is pentadiagonal (half-bandwidth 2), so this is
 * linear in the number of knots. Golub & Van Loan, *Matrix Computations* (4th ed., 2013), §4.3.5,
 * "Band Cholesky".
 */

/**
 * Solve a symmetric positive-definite banded system.
 *
 * `bands[k][i]` holds A[i + k][i], the k-th sub-diagonal (k = 0 is the diagonal); every band has
 * length n (entries past the end are ignored). Throws an `Error` when A is not numerically
 * positive definite.
 *
 * @example solveBandedSpd([[4, 4], [2, 0]], [6, 6]) // A = [[4, 2], [2, 4]] → [1, 1]
 * @param bands the diagonal and the sub-diagonals of A.
 * @param rhs the right-hand side b (length n).
 * @returns z with A·z = b.
 */
export function solveBandedSpd(bands: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const p = bands.length - 1;
  // l[k][i] = L[i][i - k]
  const l: Float64Array[] = bands.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - p); j <= i; j++) {
      let s = bands[i - j]![j]!;
      for (let k = Math.max(0, i - p); k < j; k++) s -= l[i - k]![k]! * l[j - k]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`banded system is not positive definite (pivot ${s} at row ${i})`);
        l[0]![i] = Math.sqrt(s);
      } else {
        l[i - j]![j] = s / l[0]![j]!;
      }
    }
  }
  // forward: L·u = b
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = rhs[i]!;
    for (let k = Math.max(0, i - p); k < i; k++) s -= l[i - k]![k]! * u[k]!;
    u[i] = s / l[0]![i]!;
  }
  // backward: Lᵀ·z = u
  const z = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = u[i]!;
    for (let k = i + 1; k <= Math.min(n - 1, i + p); k++) s -= l[k - i]![i]! * z[k]!;
    z[i] = s / l[0]![i]!;
  }
  return z;
}
