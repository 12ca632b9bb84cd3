/**
 * The penalised cubic smoothing spline: the function g minimising
 *
 *     Σᵢ wᵢ (yᵢ − g(xᵢ))² + λ ∫ g''(u)² du
 *
 * over all twice-differentiable g on [x₁, xₙ]. The minimiser is a natural cubic spline with a knot
 * at every xᵢ (Reinsch 1967; Green & Silverman 1994, §2.3), found here with Reinsch's algorithm
 * in the notation of Green & Silverman (§2.1.2, §2.3.3): with hᵢ = xᵢ₊₁ − xᵢ, the n×(n−2) matrix Q
 * and the (n−2)×(n−2) matrix R (tridiagonal, positive definite), the second derivatives γ at the
 * interior knots solve the pentadiagonal system
 *
 *     (R + λ Qᵀ W⁻¹ Q) γ = Qᵀ y,   and the fitted values are  g = y − λ W⁻¹ Q γ.
 *
 * Because only W⁻¹ appears, a weight may be `Infinity` (W⁻¹ = 0): the spline then passes exactly
 * through that point, which is how the fixed endpoints (0, 0) and (1, 1) of the subset→full map
 * are held. λ = 0 gives the natural interpolating spline; λ → ∞ gives the weighted least-squares
 * line (the line through the infinite-weight points when there are two).
 *
 * This is the same objective and parameterisation as `scipy.interpolate.make_smoothing_spline(x,
 * y, w, lam)` (weights not squared), which the tests check against a committed fixture.
 *
 * References: C. H. Reinsch, "Smoothing by spline functions", Numer. Math. 10 (1967) 177–183;
 * P. J. Green & B. W. Silverman, *Nonparametric Regression and Generalized Linear Models*,
 * Chapman & Hall (1994), ch. 2.
 */
import { solveBandedSpd } from './solveBandedSpd.js';

/** A natural cubic spline given by its values, second derivatives and slopes at the knots. */
export interface NaturalCubicSpline {
  /** Knots, strictly increasing. */
  knots: number[];
  /** g(knotᵢ). */
  values: number[];
  /** g''(knotᵢ); zero at the two end knots (natural spline). */
  secondDerivatives: number[];
  /** g'(knotᵢ): with `values`, a cubic Hermite description of the same curve. */
  slopes: number[];
}

/**
 * Fit the penalised cubic smoothing spline by Reinsch's algorithm.
 *
 * @example
 * // λ = 0 interpolates; infinite weights pin points exactly whatever λ is.
 * fitSmoothingSpline([0, 0.5, 1], [0, 0.7, 1], [Infinity, 1, Infinity], 1e6).values // ≈ [0, 0.5, 1]
 * @param x knots, strictly increasing, at least 2.
 * @param y data values at the knots.
 * @param w weights, > 0; `Infinity` holds a point exactly (any number of them may be infinite).
 * @param lambda the roughness penalty λ ≥ 0.
 * @returns the fitted natural cubic spline.
 */
export function fitSmoothingSpline(
  x: readonly number[],
  y: readonly number[],
  w: readonly number[],
  lambda: number,
): NaturalCubicSpline {
  const n = x.length;
  if (n < 2 || y.length !== n || w.length !== n) throw new RangeError('fitSmoothingSpline: need at least 2 knots and equal-length x, y, w');
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`fitSmoothingSpline: λ must be finite and ≥ 0, got ${lambda}`);
  const h: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    const d = x[i + 1]! - x[i]!;
    if (!(d > 0)) throw new RangeError('fitSmoothingSpline: knots must be strictly increasing');
    h.push(d);
  }
  for (const wi of w) if (!(wi > 0)) throw new RangeError(`fitSmoothingSpline: weights must be > 0, got ${wi}`);
  if (n === 2) return withSlopes([...x], [...y], [0, 0]);

  const m = n - 2; // interior knots 1..n−2 ↔ unknowns 0..m−1
  const dinv = w.map((wi) => 1 / wi); // 0 for infinite weights
  // Column j (interior knot j+1) of Q has entries at rows j, j+1, j+2.
  const qCol = (j: number): [number, number, number] => {
    const a = 1 / h[j]!;
    const b = 1 / h[j + 1]!;
    return [a, -a - b, b];
  };
  const diag = new Array<number>(m).fill(0);
  const sub1 = new Array<number>(m).fill(0);
  const sub2 = new Array<number>(m).fill(0);
  for (let j = 0; j < m; j++) {
    // R
    diag[j] = (h[j]! + h[j + 1]!) / 3;
    if (j + 1 < m) sub1[j] = h[j + 1]! / 6;
    // λ Qᵀ W⁻¹ Q: column j overlaps columns j+1 (rows j+1, j+2) and j+2 (row j+2)
    const cj = qCol(j);
    diag[j] += lambda * (cj[0] ** 2 * dinv[j]! + cj[1] ** 2 * dinv[j + 1]! + cj[2] ** 2 * dinv[j + 2]!);
    if (j + 1 < m) {
      const c1 = qCol(j + 1);
      sub1[j] += lambda * (cj[1] * c1[0] * dinv[j + 1]! + cj[2] * c1[1] * dinv[j + 2]!);
    }
    if (j + 2 < m) {
      const c2 = qCol(j + 2);
      sub2[j] = lambda * cj[2] * c2[0] * dinv[j + 2]!;
    }
  }
  const rhs: number[] = [];
  for (let j = 0; j < m; j++) {
    const c = qCol(j);
    rhs.push(c[0] * y[j]! + c[1] * y[j + 1]! + c[2] * y[j + 2]!);
  }
  const gamma = solveBandedSpd([diag, sub1, sub2], rhs);
  // Qγ, then g = y − λ W⁻¹ Q γ
  const qg = new Array<number>(n).fill(0);
  for (let j = 0; j < m; j++) {
    const c = qCol(j);
    qg[j] += c[0] * gamma[j]!;
    qg[j + 1] += c[1] * gamma[j]!;
    qg[j + 2] += c[2] * gamma[j]!;
  }
  const values = y.map((yi, i) => (dinv[i] === 0 ? yi : yi - lambda * dinv[i]! * qg[i]!));
  return withSlopes([...x], values, [0, ...gamma, 0]);
}

/**
 * Slopes of a natural cubic spline at its knots from its values and second derivatives
 * (Green & Silverman 1994, eq. 2.5, differentiated): on [xᵢ, xᵢ₊₁],
 * g'(xᵢ⁺) = Δᵢ − hᵢ(2γᵢ + γᵢ₊₁)/6 and g'(xᵢ₊₁⁻) = Δᵢ + hᵢ(γᵢ + 2γᵢ₊₁)/6.
 */
function withSlopes(knots: number[], values: number[], secondDerivatives: number[]): NaturalCubicSpline {
  const n = knots.length;
  const slopes: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    const h = knots[i + 1]! - knots[i]!;
    slopes.push((values[i + 1]! - values[i]!) / h - (h * (2 * secondDerivatives[i]! + secondDerivatives[i + 1]!)) / 6);
  }
  const h = knots[n - 1]! - knots[n - 2]!;
  slopes.push((values[n - 1]! - values[n - 2]!) / h + (h * (secondDerivatives[n - 2]! + 2 * secondDerivatives[n - 1]!)) / 6);
  return { knots, values, secondDerivatives, slopes };
}
