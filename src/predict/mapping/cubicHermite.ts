/**
 * Piecewise cubic Hermite curves as plain data: knots x₀ < … < xₙ₋₁, values yᵢ and slopes mᵢ.
 * On [xₖ, xₖ₊₁] with h = xₖ₊₁ − xₖ and t = (x − xₖ)/h the curve is
 *
 *     p(x) = yₖ + (yₖ₊₁ − yₖ)·(3t² − 2t³) + h·(mₖ·(t³ − 2t² + t) + mₖ₊₁·(t³ − t²)),
 *
 * the standard Hermite basis (h₀₀, h₁₀, h₀₁, h₁₁) rearranged so that a flat segment with zero
 * slopes evaluates to exactly yₖ. The curve is C¹ and passes exactly through every (xᵢ, yᵢ).
 *
 * Reference: F. N. Fritsch & R. E. Carlson, "Monotone piecewise cubic interpolation",
 * SIAM J. Numer. Anal. 17(2) (1980) 238–246, eq. (2).
 */

/** A piecewise cubic Hermite curve (plain, JSON-serialisable data). */
export interface PiecewiseCubicHermite {
  /** Knots, strictly increasing (at least 2). */
  knots: number[];
  /** Curve values at the knots. */
  values: number[];
  /** Curve slopes (first derivatives) at the knots. */
  slopes: number[];
}

/** Index k of the segment [xₖ, xₖ₊₁] containing x (x inside the knot range). */
function segmentOf(knots: readonly number[], x: number): number {
  let lo = 0;
  let hi = knots.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (knots[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Value of segment k at local coordinate t ∈ [0, 1]. */
function segmentValue(c: PiecewiseCubicHermite, k: number, t: number): number {
  const h = c.knots[k + 1]! - c.knots[k]!;
  const t2 = t * t;
  const t3 = t2 * t;
  const y0 = c.values[k]!;
  return y0 + (c.values[k + 1]! - y0) * (3 * t2 - 2 * t3) + h * (c.slopes[k]! * (t3 - 2 * t2 + t) + c.slopes[k + 1]! * (t3 - t2));
}

/**
 * Evaluate a piecewise cubic Hermite curve. Exact at the knots. Throws a `RangeError` when x is not
 * a number or lies outside [x₀, xₙ₋₁] (no extrapolation).
 *
 * @example evaluateHermite({ knots: [0, 1], values: [0, 1], slopes: [0, 0] }, 0.5) // 0.5
 */
export function evaluateHermite(curve: PiecewiseCubicHermite, x: number): number {
  const { knots, values } = curve;
  const first = knots[0]!;
  const last = knots[knots.length - 1]!;
  if (!(x >= first && x <= last)) {
    throw new RangeError(`cannot evaluate the curve at ${x}: it is defined on [${first}, ${last}]`);
  }
  if (x === last) return values[values.length - 1]!;
  const k = segmentOf(knots, x);
  if (x === knots[k]) return values[k]!;
  return segmentValue(curve, k, (x - knots[k]!) / (knots[k + 1]! - knots[k]!));
}

/**
 * Invert a non-decreasing piecewise cubic Hermite curve: the smallest x with p(x) = y, found by
 * locating the segment by its end values and bisecting inside it to machine precision (each
 * segment is monotone when the curve is). Throws a `RangeError` when y is not a number or lies
 * outside [p(x₀), p(xₙ₋₁)].
 *
 * @example inverseHermite({ knots: [0, 1], values: [0, 1], slopes: [1, 1] }, 0.25) // 0.25
 */
export function inverseHermite(curve: PiecewiseCubicHermite, y: number): number {
  const { knots, values } = curve;
  const n = knots.length;
  const lo = values[0]!;
  const hi = values[n - 1]!;
  if (!(y >= lo && y <= hi)) throw new RangeError(`cannot invert the curve at ${y}: its values span [${lo}, ${hi}]`);
  let k = 0;
  while (k < n - 1 && values[k + 1]! < y) k++;
  if (values[k] === y || k === n - 1) return knots[k]!;
  // A monotone cubic that reaches y only at its right end cannot reach it earlier (it would be
  // constant on an interval, hence everywhere); answering exactly avoids bisecting a flat tangent.
  if (values[k + 1] === y) return knots[k + 1]!;
  // bisection on t ∈ [0, 1] for the leftmost t with value ≥ y
  let a = 0;
  let b = 1;
  for (let it = 0; it < 200 && b - a > 0; it++) {
    const mid = (a + b) / 2;
    if (mid === a || mid === b) break;
    if (segmentValue(curve, k, mid) < y) a = mid;
    else b = mid;
  }
  const x = knots[k]! + b * (knots[k + 1]! - knots[k]!);
  return Math.min(x, knots[k + 1]!);
}
