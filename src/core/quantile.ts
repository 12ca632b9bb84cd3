/**
 * Sample quantiles and percentile intervals: the one quantile definition every interval of the
 * package uses (bootstrap parameter intervals and bands, the densing law's slope interval, COD's
 * prediction interval).
 *
 * The definition is linear interpolation between order statistics — Hyndman & Fan (1996) type 7,
 * the default of `numpy.quantile`/`numpy.percentile` (`method='linear'`), of R's `quantile()`, and
 * of simple-statistics' `quantileSorted` (7.x). For values sorted ascending x₀ ≤ … ≤ xₙ₋₁ and
 * p ∈ [0, 1]:
 *
 *     h = (n − 1)·p,  i = ⌊h⌋,  t = h − i,  Q(p) = xᵢ + t·(xᵢ₊₁ − xᵢ)   (Q(p) = xₙ₋₁ when i = n − 1)
 *
 * so Q(0) is the minimum, Q(1) the maximum and Q(½) the usual median. The interpolation is computed
 * as NumPy computes it (from the upper neighbour when t ≥ ½), so results agree with
 * `numpy.quantile` to the last bit; they agree with simple-statistics' `quantileSorted` up to
 * rounding. The reference implementations of the methods (scipy/numpy) use this definition, which
 * is why it was chosen over the nearest-rank rule COD's interval used before.
 *
 * @example
 * percentileInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95); // [1.225, 9.775], as numpy.quantile(x, [0.025, 0.975])
 */

/**
 * The p-quantile of values sorted ascending (type 7, see the module comment); NaN for no values.
 * Values must be sorted and should be finite: an infinite value gives NaN wherever it is
 * interpolated (as in NumPy), though not at its own order statistic.
 *
 * @throws RangeError for p outside [0, 1]
 * @example sortedQuantile([2, 4], 0.75); // 3.5
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${String(p)}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  if (h >= n - 1) return sorted[n - 1]!;
  const i = Math.floor(h);
  const t = h - i;
  const a = sorted[i]!;
  if (t === 0) return a;
  const b = sorted[i + 1]!;
  const diff = b - a;
  // NumPy's _lerp: interpolate from the nearer neighbour, which keeps the result within [a, b].
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The central percentile interval at `level` of values sorted ascending: the (1 − level)/2 and
 * (1 + level)/2 quantiles ({@link sortedQuantile}); [NaN, NaN] for no values.
 *
 * @param level - coverage in [0, 1], e.g. 0.95 (1 gives [min, max])
 * @throws RangeError for a level outside [0, 1]
 * @example percentileInterval(replicates.sort((a, b) => a - b), 0.95)
 */
export function percentileInterval(sorted: ArrayLike<number>, level: number): [number, number] {
  if (!(level >= 0 && level <= 1)) throw new RangeError(`interval level must be in [0, 1], got ${String(level)}`);
  return [sortedQuantile(sorted, (1 - level) / 2), sortedQuantile(sorted, (1 + level) / 2)];
}
