/**
 * A monotone cubic smoothing spline on [0, 1] through (0, 0) and (1, 1), with its smoothing chosen
 * the way the COD paper chooses it (Xu et al., arXiv 2502.17262v4, §3.4 and App. C.3): start smooth
 * and reduce the smoothing until the RMSE over the data points falls below a target T (0.005).
 *
 * Method, for one value of the penalty λ:
 *
 * 1. **Knots.** The data points, with duplicates merged (weighted mean, summed weight; see
 *    {@link mergeDuplicates}), plus the fixed endpoints (0, 0) and (1, 1) with infinite weight. A
 *    data point at x = 0 or x = 1 is merged into the endpoint, which stays fixed: it cannot move
 *    the curve, but its residual still counts in the RMSE.
 * 2. **Smoothing.** The penalised cubic smoothing spline minimising Σ wᵢ (yᵢ − g(xᵢ))² + λ ∫ g''²
 *    (Reinsch 1967; Green & Silverman 1994), see {@link fitSmoothingSpline}. The infinite weights
 *    hold the endpoints exactly: g(0) = 0 and g(1) = 1 for every λ.
 * 3. **Monotone values.** If the smoothed values at the knots are not non-decreasing, they are
 *    replaced by their weighted isotonic regression (pool-adjacent-violators, {@link
 *    isotonicRegression}), the endpoints again held fixed. The values then lie in [0, 1].
 * 4. **Monotone curve.** The final curve is the cubic Hermite interpolant through (knot, value)
 *    with the smoothing spline's own slopes at the knots, limited by Fritsch & Carlson (1980) only
 *    where a segment would not be monotone ({@link limitSlopesFritschCarlson}). Where the smoothing
 *    spline is already monotone the curve *is* the smoothing spline (a cubic is fixed by its end
 *    values and slopes); elsewhere it is the nearest monotone C¹ curve of the same form. It is
 *    non-decreasing, C¹ and exact at (0, 0) and (1, 1) by construction.
 *
 * The RMSE is taken over the data points as given (before merging; weighted by their weights;
 * the fixed endpoints excluded): √(Σ wᵢ (yᵢ − f(xᵢ))² / Σ wᵢ).
 *
 * **λ search.** λ runs down a geometric grid from `lambdaStart` (default 100·Σw, where the fit is
 * essentially the straight line y = x) to `lambdaFloor` (default 10⁻¹²·Σw, where it essentially
 * interpolates the monotone values), `stepsPerDecade` (default 8) values per factor of ten. The
 * first — hence smoothest — λ whose RMSE is below the target (strictly, as in the paper:
 * "refine while RMSE ≥ T") is returned with `reachedTarget: true`. If none reaches it, the λ with
 * the smallest RMSE is returned with `reachedTarget: false`: the data cannot be fitted that closely
 * by a monotone curve through the endpoints (noise larger than T, points out of order, or
 * duplicates that disagree). λ is on the same scale as `scipy.interpolate.make_smoothing_spline`'s
 * `lam`.
 *
 * References: C. H. Reinsch, Numer. Math. 10 (1967) 177–183; P. J. Green & B. W. Silverman,
 * *Nonparametric Regression and Generalized Linear Models* (1994), ch. 2; F. N. Fritsch &
 * R. E. Carlson, SIAM J. Numer. Anal. 17 (1980) 238–246; Ayer et al., Ann. Math. Statist. 26
 * (1955) 641–647 (PAVA).
 */
import { evaluateHermite, inverseHermite, type PiecewiseCubicHermite } from './cubicHermite.js';
import { limitSlopesFritschCarlson } from './fritschCarlson.js';
import { isotonicRegression } from './isotonicRegression.js';
import { checkUnitPoints, DUPLICATE_TOLERANCE, mergeDuplicates, type WeightedPoint } from './mappingPoints.js';
import { fitSmoothingSpline } from './smoothingSpline.js';

/** The paper's RMSE target T. */
export const DEFAULT_RMSE_TARGET = 0.005;

/** Options of {@link fitMonotoneSpline}. */
export interface MonotoneSplineOptions {
  /** Stop lowering λ once the RMSE is below this (default 0.005, the paper's T). */
  rmseTarget?: number;
  /** Use this λ and skip the search (the result still reports whether the target is met). */
  lambda?: number;
  /** First (largest) λ of the search; default 100 × total weight. */
  lambdaStart?: number;
  /** Last (smallest) λ of the search; default 1e-12 × total weight. */
  lambdaFloor?: number;
  /** Grid values per factor of ten (default 8: ratio 10^(1/8) ≈ 1.33). */
  stepsPerDecade?: number;
}

/** A fitted monotone spline: the curve (plain data) and how it was fitted. */
export interface MonotoneSpline extends PiecewiseCubicHermite {
  /** λ of the returned fit. */
  lambda: number;
  /** RMSE over the data points (fixed endpoints excluded); 0 with no data points. */
  rmse: number;
  rmseTarget: number;
  /** Whether `rmse` < `rmseTarget`. */
  reachedTarget: boolean;
  /** Number of data points given (fixed endpoints not counted). */
  pointCount: number;
  /** Number of λ values fitted. */
  lambdaSteps: number;
  /** Whether pool-adjacent-violators changed the smoothed values (they were out of order). */
  isotonicAdjusted: boolean;
  /** Number of knot slopes that Fritsch–Carlson limiting changed. */
  slopesLimited: number;
}

interface Candidate {
  curve: PiecewiseCubicHermite;
  rmse: number;
  isotonicAdjusted: boolean;
  slopesLimited: number;
}

function positiveOption(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number > 0, got ${v}`);
  return v;
}

/** Knots with the fixed endpoints: interior merged points plus (0, 0) and (1, 1), weight ∞. */
function knotsWithEndpoints(points: readonly WeightedPoint[]) {
  const merged = mergeDuplicates(points);
  const x = [0];
  const y = [0];
  const w = [Infinity];
  merged.x.forEach((xi, i) => {
    if (xi > DUPLICATE_TOLERANCE && xi < 1 - DUPLICATE_TOLERANCE) {
      x.push(xi);
      y.push(merged.y[i]!);
      w.push(merged.w[i]!);
    }
  });
  x.push(1);
  y.push(1);
  w.push(Infinity);
  return { x, y, w };
}

function weightedRmse(curve: PiecewiseCubicHermite, points: readonly WeightedPoint[]): number {
  let sw = 0;
  let ss = 0;
  for (const p of points) {
    const w = p.weight ?? 1;
    sw += w;
    ss += w * (p.y - evaluateHermite(curve, p.x)) ** 2;
  }
  return sw > 0 ? Math.sqrt(ss / sw) : 0;
}

function candidateAt(
  knots: { x: number[]; y: number[]; w: number[] },
  lambda: number,
  points: readonly WeightedPoint[],
): Candidate {
  const smooth = fitSmoothingSpline(knots.x, knots.y, knots.w, lambda);
  const iso = isotonicRegression(smooth.values, knots.w);
  const limited = limitSlopesFritschCarlson(knots.x, iso.values, smooth.slopes);
  const curve = { knots: [...knots.x], values: iso.values, slopes: limited.slopes };
  return { curve, rmse: weightedRmse(curve, points), isotonicAdjusted: iso.adjusted, slopesLimited: limited.changed };
}

/**
 * The λ grid of the search: from `start` down to `floor`, geometric with `stepsPerDecade` values
 * per factor of ten, both ends included.
 *
 * @example lambdaGrid(100, 1, 1) // [100, 10, 1]
 */
export function lambdaGrid(start: number, floor: number, stepsPerDecade: number): number[] {
  if (floor >= start) return [start];
  const steps = Math.ceil(stepsPerDecade * Math.log10(start / floor) - 1e-9);
  const grid: number[] = [];
  for (let k = 0; k < steps; k++) grid.push(start * 10 ** (-k / stepsPerDecade));
  grid.push(floor);
  return grid;
}

/**
 * Fit a monotone cubic smoothing spline through (0, 0) and (1, 1), lowering λ until the RMSE over
 * the points is below `rmseTarget` (see the module comment for the method).
 *
 * Throws a `RangeError` when a coordinate is not a number in [0, 1], a weight is not finite and
 * > 0, or an option is invalid.
 *
 * @example
 * const s = fitMonotoneSpline([{ x: 0.2, y: 0.1 }, { x: 0.5, y: 0.4 }, { x: 0.8, y: 0.75 }]);
 * s.reachedTarget;            // true
 * evaluateSpline(s, 0.5);     // ≈ 0.4 (within the target)
 * evaluateSpline(s, 1);       // 1 exactly
 * @param points data points (x, y) in [0, 1]², optionally weighted.
 * @param options RMSE target and λ search.
 * @returns the spline as plain data with λ, the RMSE, whether the target was reached and the
 *   number of points.
 */
export function fitMonotoneSpline(points: readonly WeightedPoint[], options: MonotoneSplineOptions = {}): MonotoneSpline {
  checkUnitPoints(points);
  const rmseTarget = positiveOption('rmseTarget', options.rmseTarget, DEFAULT_RMSE_TARGET);
  const totalWeight = points.reduce((s, p) => s + (p.weight ?? 1), 0) || 1;
  const knots = knotsWithEndpoints(points);
  let grid: number[];
  if (options.lambda !== undefined) {
    if (!(options.lambda >= 0) || !Number.isFinite(options.lambda)) {
      throw new RangeError(`lambda must be a finite number ≥ 0, got ${options.lambda}`);
    }
    grid = [options.lambda];
  } else {
    const start = positiveOption('lambdaStart', options.lambdaStart, 100 * totalWeight);
    const floor = positiveOption('lambdaFloor', options.lambdaFloor, 1e-12 * totalWeight);
    const steps = positiveOption('stepsPerDecade', options.stepsPerDecade, 8);
    // Without interior knots every λ gives the line y = x.
    grid = knots.x.length > 2 ? lambdaGrid(start, floor, steps) : [start];
  }
  let best: { lambda: number; c: Candidate } | undefined;
  let tried = 0;
  for (const lambda of grid) {
    const c = candidateAt(knots, lambda, points);
    tried++;
    if (best === undefined || c.rmse < best.c.rmse) best = { lambda, c };
    if (c.rmse < rmseTarget) {
      best = { lambda, c };
      break;
    }
  }
  const { lambda, c } = best!;
  return {
    ...c.curve,
    lambda,
    rmse: c.rmse,
    rmseTarget,
    reachedTarget: c.rmse < rmseTarget,
    pointCount: points.length,
    lambdaSteps: tried,
    isotonicAdjusted: c.isotonicAdjusted,
    slopesLimited: c.slopesLimited,
  };
}

/**
 * Evaluate a monotone spline at x ∈ [0, 1] (a `RangeError` outside, or for NaN). Exact at the
 * knots, so `evaluateSpline(s, 0) === 0` and `evaluateSpline(s, 1) === 1`.
 *
 * @example evaluateSpline({ knots: [0, 1], values: [0, 1], slopes: [1, 1] }, 0.3) // 0.3
 */
export function evaluateSpline(spline: PiecewiseCubicHermite, x: number): number {
  return evaluateHermite(spline, x);
}

/**
 * The smallest x with f(x) = y for a monotone spline f (a `RangeError` for y outside the curve's
 * range, or NaN). Use it to ask which subset accuracy a full-benchmark accuracy corresponds to.
 *
 * @example inverseSpline({ knots: [0, 1], values: [0, 1], slopes: [1, 1] }, 0.3) // 0.3
 */
export function inverseSpline(spline: PiecewiseCubicHermite, y: number): number {
  return inverseHermite(spline, y);
}
