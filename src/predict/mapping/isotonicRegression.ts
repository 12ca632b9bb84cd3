/**
 * Weighted isotonic regression by the pool-adjacent-violators algorithm (PAVA): the non-decreasing
 * sequence v minimising Σᵢ wᵢ (yᵢ − vᵢ)². Adjacent values that violate the order are pooled into
 * blocks whose value is their weighted mean, until the sequence is non-decreasing
 * (Ayer, Brunk, Ewing, Reid & Silverman 1955; Barlow, Bartholomew, Bremner & Brunk, *Statistical
 * Inference under Order Restrictions*, Wiley 1972, §1.2; de Leeuw, Hornik & Mair, "Isotone
 * optimization in R", J. Stat. Softw. 32(5), 2009).
 *
 * An infinite weight fixes a value: a block that contains a fixed entry takes that entry's value.
 * This is the limit of the weighted mean as the weight grows, and it is how the subset→full map
 * keeps its endpoints (0, 0) and (1, 1) exact while smoothed interior values are pooled.
 */

/** The isotonic fit and whether it differs from the input. */
export interface IsotonicResult {
  /** Non-decreasing fitted values, one per input value. */
  values: number[];
  /** True when at least one value was changed (the input was not non-decreasing). */
  adjusted: boolean;
}

/**
 * Weighted isotonic (non-decreasing) regression by pool-adjacent-violators, O(n).
 *
 * @example isotonicRegression([1, 3, 2, 4], [1, 1, 2, 1]).values // [1, 7/3, 7/3, 4]
 * @param y values in order.
 * @param w weights, > 0; `Infinity` fixes a value (fixed values must themselves be non-decreasing).
 * @returns the fitted values.
 */
export function isotonicRegression(y: readonly number[], w: readonly number[]): IsotonicResult {
  const n = y.length;
  if (w.length !== n) throw new RangeError('isotonicRegression: y and w must have the same length');
  // Blocks on a stack: weighted sum, weight, fixed value (if any), count.
  const sum: number[] = [];
  const weight: number[] = [];
  const fixed: (number | undefined)[] = [];
  const count: number[] = [];
  const mean: number[] = []; // exactly yᵢ for a block of one entry (no rounding from w·y/w)
  const value = (b: number) => fixed[b] ?? mean[b]!;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (!(wi > 0)) throw new RangeError(`isotonicRegression: weights must be > 0, got ${wi}`);
    const inf = wi === Infinity;
    sum.push(inf ? 0 : wi * y[i]!);
    weight.push(inf ? 0 : wi);
    fixed.push(inf ? y[i]! : undefined);
    count.push(1);
    mean.push(y[i]!);
    while (sum.length > 1 && value(sum.length - 2) > value(sum.length - 1)) {
      const b = sum.length - 1;
      const fa = fixed[b - 1];
      const fb = fixed[b];
      if (fa !== undefined && fb !== undefined) {
        throw new RangeError(`isotonicRegression: fixed values ${fa} and ${fb} are out of order`);
      }
      sum[b - 1] += sum[b]!;
      weight[b - 1] += weight[b]!;
      fixed[b - 1] = fa ?? fb;
      count[b - 1] += count[b]!;
      mean[b - 1] = sum[b - 1]! / weight[b - 1]!;
      sum.pop();
      mean.pop();
      weight.pop();
      fixed.pop();
      count.pop();
    }
  }
  const values: number[] = [];
  let adjusted = false;
  for (let b = 0; b < sum.length; b++) {
    const v = value(b);
    for (let k = 0; k < count[b]!; k++) {
      if (v !== y[values.length]) adjusted = true;
      values.push(v);
    }
  }
  return { values, adjusted };
}
