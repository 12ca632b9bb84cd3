/**
 * Copies selected rows of a row-major matrix into a new contiguous one.
 *
 * @example gatherRows(Float64Array.of(1, 2, 3, 4, 5, 6), 2, Int32Array.of(2, 0)) // => [5, 6, 1, 2]
 */

/**
 * The rows `rows` of `points` (d columns), in that order.
 *
 * @example gatherRows(features, d, outliers) // the outliers' feature vectors
 */
export function gatherRows(points: Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let a = 0; a < rows.length; a++) out.set(points.subarray(rows[a]! * d, rows[a]! * d + d), a * d);
  return out;
}
