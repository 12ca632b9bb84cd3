/**
 * Fritsch–Carlson slope limiting: given non-decreasing values at the knots and any initial slopes,
 * change as few slopes as possible, and only downwards, so that the piecewise cubic Hermite curve
 * through the knots is non-decreasing (hence monotone, C¹, exact at every knot).
 *
 * With Δₖ = (yₖ₊₁ − yₖ)/hₖ and, for Δₖ > 0, α = mₖ/Δₖ and β = mₖ₊₁/Δₖ, the cubic on segment k is
 * monotone exactly when α, β ≥ 0 and (α, β) lies in the region M of Fritsch & Carlson (1980, Lemma
 * 2 and Fig. 2): α + β ≤ 2, or 2α + β ≤ 3, or α + 2β ≤ 3, or α − (2α + β − 3)²/(3(α + β − 2)) ≥ 0.
 * The rules, in order:
 *
 * 1. a segment with Δₖ = 0 gets mₖ = mₖ₊₁ = 0 (it is flat);
 * 2. a slope of the wrong sign is set to 0;
 * 3. a segment outside M is scaled into the circle α² + β² ≤ 9 (τ = 3/√(α² + β²), mₖ ← τ α Δₖ,
 *    mₖ₊₁ ← τ β Δₖ), the choice of Fritsch & Carlson's step 5 (τ is shrunk by a relative 1e-12 so
 *    that rounding cannot leave the point just outside M where the circle touches its boundary).
 *
 * Because M is not closed under lowering one slope (e.g. (0.05, 3.05) ∈ M but (0, 3.05) ∉ M),
 * lowering a shared slope for one segment can push its neighbour out of M; the rules are therefore
 * repeated until no segment changes. A segment, once scaled into the circle, stays inside it (the
 * circle is closed under lowering), so this ends after at most n passes. Slopes already inside M
 * are left untouched, so a curve that was already monotone is returned unchanged.
 *
 * Reference: F. N. Fritsch & R. E. Carlson, "Monotone piecewise cubic interpolation", SIAM J.
 * Numer. Anal. 17(2) (1980) 238–246.
 */

/**
 * Whether the Hermite cubic with normalised end slopes (α, β) = (mₖ/Δₖ, mₖ₊₁/Δₖ) is monotone, i.e.
 * (α, β) lies in Fritsch & Carlson's region M (1980, Lemma 2).
 *
 * @example inMonotoneRegion(3, 3) // true (the corner of the square [0, 3]², on M's boundary)
 * @example inMonotoneRegion(4, 4) // false
 */
export function inMonotoneRegion(alpha: number, beta: number): boolean {
  if (!(alpha >= 0 && beta >= 0)) return false;
  const s = alpha + beta - 2;
  if (s <= 0) return true;
  if (2 * alpha + beta - 3 <= 0 || alpha + 2 * beta - 3 <= 0) return true;
  return alpha - (2 * alpha + beta - 3) ** 2 / (3 * s) >= 0;
}

/** Limited slopes and how many of them changed. */
export interface LimitedSlopes {
  slopes: number[];
  /** Number of knots whose slope was changed. */
  changed: number;
}

/**
 * Limit slopes so that the cubic Hermite curve through non-decreasing values is non-decreasing.
 *
 * @example
 * // (α, β) = (4, 4) is outside M: both slopes become 3/√2 ≈ 2.1213.
 * limitSlopesFritschCarlson([0, 1], [0, 1], [4, 4]).slopes // [2.1213…, 2.1213…]
 * @param knots strictly increasing knots.
 * @param values non-decreasing values (a `RangeError` otherwise).
 * @param slopes initial slopes, one per knot.
 */
export function limitSlopesFritschCarlson(
  knots: readonly number[],
  values: readonly number[],
  slopes: readonly number[],
): LimitedSlopes {
  const n = knots.length;
  if (values.length !== n || slopes.length !== n || n < 2) {
    throw new RangeError('limitSlopesFritschCarlson: need ≥ 2 knots and one value and slope per knot');
  }
  const delta: number[] = [];
  for (let k = 0; k < n - 1; k++) {
    const h = knots[k + 1]! - knots[k]!;
    const d = values[k + 1]! - values[k]!;
    if (!(h > 0)) throw new RangeError('limitSlopesFritschCarlson: knots must be strictly increasing');
    if (!(d >= 0)) throw new RangeError('limitSlopesFritschCarlson: values must be non-decreasing');
    delta.push(d / h);
  }
  const m = slopes.map((s) => (s > 0 ? s : 0)); // rule 2 (also maps NaN to 0)
  for (let pass = 0; pass <= n; pass++) {
    let touched = false;
    for (let k = 0; k < n - 1; k++) {
      const d = delta[k]!;
      if (d === 0) {
        if (m[k] !== 0 || m[k + 1] !== 0) {
          m[k] = 0;
          m[k + 1] = 0;
          touched = true;
        }
        continue;
      }
      const a = m[k]! / d;
      const b = m[k + 1]! / d;
      if (!inMonotoneRegion(a, b)) {
        // just inside the circle, so that rounding cannot leave the point on M's boundary
        const tau = (3 * (1 - 1e-12)) / Math.hypot(a, b);
        m[k] = tau * a * d;
        m[k + 1] = tau * b * d;
        touched = true;
      }
    }
    if (!touched) break;
  }
  let changed = 0;
  for (let k = 0; k < n; k++) if (m[k] !== slopes[k]) changed++;
  return { slopes: m, changed };
}

/**
 * Fritsch–Carlson monotone slopes from the data alone: initial slopes from the three-point
 * (parabolic) formula — mₖ = (hₖ Δₖ₋₁ + hₖ₋₁ Δₖ)/(hₖ₋₁ + hₖ) inside, the one-sided parabola
 * m₀ = ((2h₀ + h₁)Δ₀ − h₀Δ₁)/(h₀ + h₁) at the ends (Δ₀ alone with two knots) — then
 * {@link limitSlopesFritschCarlson}.
 *
 * @example fritschCarlsonSlopes([0, 1, 2, 3], [0, 0, 1, 1]) // [0, 0, 0, 0]: a smoothstep on [1, 2]
 */
export function fritschCarlsonSlopes(knots: readonly number[], values: readonly number[]): number[] {
  const n = knots.length;
  if (n < 2 || values.length !== n) throw new RangeError('fritschCarlsonSlopes: need ≥ 2 knots and one value per knot');
  const h = (k: number) => knots[k + 1]! - knots[k]!;
  const d = (k: number) => (values[k + 1]! - values[k]!) / h(k);
  const init: number[] = [];
  if (n === 2) init.push(d(0), d(0));
  else {
    init.push(((2 * h(0) + h(1)) * d(0) - h(0) * d(1)) / (h(0) + h(1)));
    for (let k = 1; k < n - 1; k++) init.push((h(k) * d(k - 1) + h(k - 1) * d(k)) / (h(k - 1) + h(k)));
    const a = n - 2;
    const b = n - 3;
    init.push(((2 * h(a) + h(b)) * d(a) - h(a) * d(b)) / (h(a) + h(b)));
  }
  return limitSlopesFritschCarlson(knots, values, init).slopes;
}
