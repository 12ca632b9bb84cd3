/**
 * Input checks shared by the clustering functions: a row-major n×d array of finite numbers, as
 * scikit-learn's `check_array` demands (it rejects NaN and ±∞).
 *
 * @example checkPoints(Float64Array.of(0, 1), 1, 2); // passes
 */

/**
 * Throws a RangeError unless n ≥ 0 and d ≥ 1 are integers, `points` holds at least n·d values, and
 * the first n·d are finite.
 *
 * @example checkPoints(Float64Array.of(0, NaN), 1, 2); // throws: row 0, column 1 is NaN
 */
export function checkPoints(points: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(d) || d < 1) {
    throw new RangeError(`need integers n ≥ 0 and d ≥ 1, got n = ${n}, d = ${d}`);
  }
  if (points.length < n * d) throw new RangeError(`points holds ${points.length} values, fewer than n·d = ${n * d}`);
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(points[i]!)) {
      throw new RangeError(`row ${Math.floor(i / d)}, column ${i % d} is ${String(points[i])}; clustering needs finite values`);
    }
  }
}
