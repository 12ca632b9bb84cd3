/**
 * Bounded nonlinear least squares: a Levenberg–Marquardt solver with Marquardt's diagonal
 * scaling, Nielsen's damping update, geodesic acceleration, an active set for box bounds and
 * MINPACK-style convergence tests.
 *
 * Written for many small, possibly ill-conditioned curve fits (a handful of parameters, a few to a
 * few hundred residuals, dozens of starting points): every work array is allocated once per call
 * and reused by every iteration.
 *
 * References:
 * - J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory", in Numerical
 *   Analysis, Lecture Notes in Mathematics 630, Springer, 1978, pp. 105–116 (scaling, QR + Givens
 *   solution of the damped system, convergence tests).
 * - H. B. Nielsen, "Damping parameter in Marquardt's method", IMM-REP-1999-05, Technical
 *   University of Denmark, 1999 (the damping update).
 * - J. J. Moré, B. S. Garbow, K. E. Hillstrom, MINPACK-1 (ANL-80-74, 1980), routines `lmder`,
 *   `qrfac` and `qrsolv`.
 * - M. K. Transtrum, B. B. Machta, J. P. Sethna, "Geometry of nonlinear least squares with
 *   applications to sloppy models and optimization", Phys. Rev. E 83, 036701, 2011 (geodesic
 *   acceleration).
 */

/**
 * A nonlinear least-squares problem: minimise ½·Σ r_i(θ)² subject to lower ≤ θ ≤ upper, with
 * Jacobian J_ij = ∂r_i/∂θ_j (the `fcn`/`fjac` pair of MINPACK `lmder`, Moré 1978).
 *
 * Bounds count as "on" within 1e-10·max(|bound|, 1). A parameter with lower = upper is fixed.
 *
 * @example
 * // Fit y = b1·(1 − exp(−b2·x)) to points (x, y):
 * const problem: LeastSquaresProblem = {
 *   nParams: 2,
 *   nResiduals: x.length,
 *   residuals: (b, out) => { for (let i = 0; i < x.length; i++) out[i] = b[0] * (1 - Math.exp(-b[1] * x[i])) - y[i]; },
 *   lower: [0, 0],
 * };
 */
export interface LeastSquaresProblem {
  /** Number of parameters θ. */
  nParams: number;
  /** Number of residuals r. */
  nResiduals: number;
  /** Writes the residuals r(θ) (length nResiduals) into `out`. */
  residuals(params: Float64Array, out: Float64Array): void;
  /**
   * Writes the Jacobian ∂r_i/∂θ_j, row-major nResiduals × nParams, into `out`. Optional:
   * finite differences otherwise (central, h_j = ε^(1/3)·max(|θ_j|, 1) — see
   * {@link LeastSquaresOptions.parameterScale} — and second-order one-sided where θ_j ± h_j would
   * leave the bounds). If it writes a non-finite entry, finite differences are used at that point.
   */
  jacobian?(params: Float64Array, out: Float64Array): void;
  /** Lower box bounds (length nParams); −Infinity allowed; default unbounded. */
  lower?: ArrayLike<number>;
  /** Upper box bounds (length nParams); +Infinity allowed; default unbounded. */
  upper?: ArrayLike<number>;
}

/**
 * Tuning of {@link solveLeastSquares}. The tolerances are MINPACK `lmder`'s ftol, xtol and gtol
 * (Moré, Garbow & Hillstrom 1980), with f = ½‖r‖², D the Marquardt scaling and s a trial step;
 * tolerances below ε = 2.2e-16 act as ε.
 *
 * @example
 * solveLeastSquares(problem, start, { maxIterations: 1000, gtol: 1e-12 });
 */
export interface LeastSquaresOptions {
  /**
   * Maximum number of trial steps (each accepted or rejected step counts one; each costs one
   * residual evaluation, two with geodesic acceleration, plus a Jacobian when accepted).
   * @default 200
   */
  maxIterations?: number;
  /**
   * Stop when both the actual and the predicted relative reduction of the cost of a step are at
   * most ftol: |Δf|/f ≤ ftol and pred/f ≤ ftol (and the step ratio ρ = Δf/pred ≤ 2).
   * @default 1e-12
   */
  ftol?: number;
  /**
   * Stop when the scaled step is small: ‖D·s‖ ≤ xtol·(‖D·θ‖ + xtol).
   * @default 1e-12
   */
  xtol?: number;
  /**
   * Stop when the scaled projected gradient is small:
   * max_j |(Jᵀr)_j| / (‖J_{·j}‖·‖r‖) ≤ gtol over the parameters not held at a bound (the cosine of
   * the angle between r and each free column of J).
   * @default 1e-10
   */
  gtol?: number;
  /**
   * Initial damping μ₀, relative to the scaling D² = diag(JᵀJ) (so μ₀ = 1e-3 means "1e-3 of the
   * curvature along each parameter").
   * @default 1e-3
   */
  initialDamping?: number;
  /**
   * The solver gives up with `reason: 'stalled'` when the damping exceeds this value (no step of
   * any length decreases the cost, typically because trial points are non-finite).
   * @default 1e32
   */
  maxDamping?: number;
  /**
   * Geodesic acceleration (Transtrum, Machta & Sethna 2011): add ½·a to the step, where a solves
   * (JᵀJ + μD²)·a = −Jᵀ·r_vv and r_vv is the second directional derivative of r along the step
   * (by finite differences), and reject steps with 2‖D·a‖/‖D·v‖ > 0.75. Costs one more residual
   * evaluation per trial; keeps the solver out of plateaus it would otherwise jump into.
   * @default true
   */
  geodesicAcceleration?: boolean;
  /**
   * Typical magnitude of each parameter, for the finite-difference step
   * h_j = ε^(1/3)·max(|θ_j|, parameterScale_j). The default suits parameters of order 1 or more;
   * a parameter near 5e-4 (say) gets a 1 % step and a Jacobian error of order 1e-6 unless its
   * scale is given. Ignored when the problem has an analytic Jacobian.
   * @default 1 for every parameter
   */
  parameterScale?: ArrayLike<number>;
}

/**
 * Why {@link solveLeastSquares} stopped. The first four mirror MINPACK `lmder`'s info codes
 * 1–4 (and 6–8, the same tests at machine precision); `converged` is true for exactly those.
 * - `ftol`: the relative cost reduction (actual and predicted) fell below ftol.
 * - `xtol`: the scaled step fell below xtol relative to the scaled parameters.
 * - `gtol`: the scaled projected gradient fell below gtol (a KKT point), or every parameter is
 *   held at a bound by its gradient.
 * - `zero-residual`: Σr² ≤ 1e-30·nResiduals.
 * - `max-iterations`: the budget of trial steps ran out.
 * - `non-finite`: the start point's residuals are not finite.
 * - `stalled`: no decrease could be found (damping above `maxDamping`, typically because every
 *   trial point near θ has non-finite residuals).
 *
 * @example
 * const { reason } = solveLeastSquares(problem, start); // e.g. 'ftol'
 */
export type StopReason =
  | 'ftol'
  | 'xtol'
  | 'gtol'
  | 'zero-residual'
  | 'max-iterations'
  | 'non-finite'
  | 'stalled';

/**
 * The outcome of {@link solveLeastSquares}: θ̂, SSE = Σ r_i(θ̂)², and r and J at θ̂ — what the
 * Gauss–Newton covariance s²·(JᵀJ)⁻¹ with s² = SSE/(m − n) needs (e.g. Seber & Wild 1989,
 * "Nonlinear Regression", §2.1), restricted to the parameters not in `atBounds`.
 *
 * @example
 * const res = solveLeastSquares(problem, [1, 1]);
 * if (res.converged) console.log(res.params, res.sse);
 */
export interface LeastSquaresResult {
  /** The best parameters found (always within the bounds). */
  params: Float64Array;
  /** Σ r_i² at the solution (the SSE, not ½). */
  sse: number;
  /** Residuals at the solution. */
  residuals: Float64Array;
  /** Jacobian at the solution, row-major nResiduals × nParams (all zero if never evaluated). */
  jacobian: Float64Array;
  /** Trial steps taken (accepted and rejected). */
  iterations: number;
  /** Residual evaluations, including those of finite differences. */
  evaluations: number;
  /** True for ftol/xtol/gtol/zero-residual. */
  converged: boolean;
  /** Why the solver stopped. */
  reason: StopReason;
  /** Indices of parameters that ended on (within 1e-10 relative of) a bound. */
  atBounds: number[];
}

import { LevenbergMarquardt, type LevenbergMarquardtSettings } from './levenbergMarquardt.js';

const EPS = 2.220446049250313e-16;

/**
 * Minimises ½·Σ r_i(θ)² over lower ≤ θ ≤ upper by a bounded Levenberg–Marquardt method.
 *
 * Each iteration, with r, J at θ and g = Jᵀr:
 * 1. Scaling D_j = max(D_j, ‖J_{·j}‖) (monotone, as in MINPACK; 1 for a zero column).
 * 2. Active set: θ_j on its lower bound with g_j > 0, or on its upper bound with g_j < 0, is held
 *    fixed; F is the set of the others.
 * 3. Step: δ_F = argmin ‖J_F·δ + r‖² + μ·‖D_F·δ‖², solved stably as the least-squares problem
 *    [J_F; √μ·D_F]·δ = [−r; 0] by a Householder QR of J_F (once per Jacobian) followed by Givens
 *    rotations that fold in √μ·D_F (once per μ) — Moré 1978 / MINPACK `qrsolv`.
 * 4. Velocity v = P(θ + δ) − θ (projection onto the box) or, if the projection cut components,
 *    the truncated step α·δ that stops at the first bound, whichever has the larger model
 *    reduction pred = −gᵀv − ½‖J·v‖² — the prediction is always that of the step actually
 *    taken after projection, so a projection that spoils the step is caught, not trusted.
 * 5. Geodesic acceleration (option, on by default; Transtrum, Machta & Sethna 2011): the second
 *    directional derivative r_vv ≈ (2/h)·((r(θ + h·v) − r)/h − J·v), h = 0.1, gives
 *    a = −(J_FᵀJ_F + μD_F²)⁻¹J_Fᵀr_vv; the step is rejected (μ raised) when 2‖D·a‖/‖D·v‖ > 0.75,
 *    which keeps the solver from leaping onto plateaus (e.g. NIST BoxBOD from start 1); if the
 *    ratio grows as the step shrinks it is rounding noise near a solution and a is dropped.
 * 6. Trial θ' = P(θ + v + ½·a), actual reduction act = ½‖r‖² − ½‖r(θ')‖², ρ = act / pred.
 *    Accept when pred > 0 and act > 0; non-finite residuals at θ' (or at the acceleration probe)
 *    reject the step, never propagate.
 * 7. Nielsen's damping update: on acceptance μ ← μ·max(1/3, 1 − (2ρ − 1)³), ν ← 2; on rejection
 *    μ ← μ·ν, ν ← 2ν. As μ grows the step turns into a short scaled projected-gradient step, so a
 *    decrease is always found unless θ is a KKT point (to rounding) or a non-finite wall is hit.
 *
 * Stops (MINPACK `lmder` tests, checked after every trial, accepted or not): `ftol` when
 * |act|/f ≤ ftol, pred/f ≤ ftol and ρ ≤ 2; `xtol` when ‖D·s‖ ≤ xtol·(‖D·θ‖ + xtol) for the trial
 * step s (or when δ is below the floating-point resolution of θ); `gtol` when
 * max_{j∈F} |g_j|/(‖J_{·j}‖·‖r‖) ≤ gtol (the projected gradient: held parameters excluded);
 * `zero-residual` when Σr² ≤ 1e-30·nResiduals. Tolerances below ε = 2.2e-16 act as ε. The start
 * is projected into the bounds first; if its residuals are not finite, the result has
 * `reason: 'non-finite'`. The returned residuals and Jacobian are those at the returned params.
 *
 * Cost: one residual evaluation per trial (two with acceleration), one Jacobian per accepted
 * step (2·nParams evaluations by differences), O(m·n²) for the QR and O(n³) per trial. All work
 * arrays are allocated once per call; nothing is allocated inside the iteration loop.
 *
 * Throws a RangeError on malformed input (sizes, NaN in start or bounds, lower > upper).
 *
 * @example
 * // Misra1a (NIST StRD): y = b1·(1 − exp(−b2·x)), from start 1 (500, 1e-4).
 * const res = solveLeastSquares(
 *   {
 *     nParams: 2,
 *     nResiduals: x.length,
 *     residuals: (b, out) => { for (let i = 0; i < x.length; i++) out[i] = b[0] * (1 - Math.exp(-b[1] * x[i])) - y[i]; },
 *   },
 *   [500, 1e-4],
 * );
 * // res.params ≈ [238.94212918, 5.5015643181e-4], res.sse ≈ 0.12455138894, res.reason 'ftol'
 *
 * References: Moré 1978 "The Levenberg–Marquardt algorithm: implementation and theory";
 * Nielsen 1999 "Damping parameter in Marquardt's method"; MINPACK-1 `lmder`; Transtrum, Machta
 * & Sethna 2011 "Geometry of nonlinear least squares with applications to sloppy models and
 * optimization", Phys. Rev. E 83, 036701.
 */
export function solveLeastSquares(
  problem: LeastSquaresProblem,
  start: ArrayLike<number>,
  options: LeastSquaresOptions = {},
): LeastSquaresResult {
  const n = problem.nParams;
  const m = problem.nResiduals;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`nParams must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(m) || m < 0) {
    throw new RangeError(`nResiduals must be a non-negative integer, got ${m}`);
  }
  if (start.length !== n) throw new RangeError(`start has length ${start.length}, expected ${n}`);
  const settings = resolveSettings(options);
  const lo = boundArray(problem.lower, n, -Infinity, 'lower');
  const hi = boundArray(problem.upper, n, Infinity, 'upper');
  const typ = parameterScales(options.parameterScale, n);
  const x = projectedStart(start, lo, hi);
  return new LevenbergMarquardt(problem, lo, hi, typ, x, settings).run();
}

/** The options with their defaults; tolerances below ε act as ε. Throws on invalid values. */
function resolveSettings(options: LeastSquaresOptions): LevenbergMarquardtSettings {
  const maxIterations = options.maxIterations ?? 200;
  // Tolerances below machine precision act as ε (MINPACK's info 6–8: "no further reduction
  // in the sum of squares is possible", "no further improvement in the solution is possible",
  // "the residuals are orthogonal to the Jacobian to machine precision").
  const ftol = Math.max(options.ftol ?? 1e-12, EPS);
  const xtol = Math.max(options.xtol ?? 1e-12, EPS);
  const gtol = Math.max(options.gtol ?? 1e-10, EPS);
  const maxDamping = options.maxDamping ?? 1e32;
  const mu = options.initialDamping ?? 1e-3;
  const accel = options.geodesicAcceleration ?? true;
  for (const name of ['ftol', 'xtol', 'gtol'] as const) {
    const v = options[name] ?? 0;
    if (!(v >= 0)) throw new RangeError(`${name} must be ≥ 0, got ${v}`);
  }
  if (!(mu > 0) || !Number.isFinite(mu)) throw new RangeError(`initialDamping must be > 0, got ${mu}`);
  if (!(maxDamping > mu)) throw new RangeError(`maxDamping must exceed initialDamping, got ${maxDamping}`);
  if (!(maxIterations >= 0) || Number.isNaN(maxIterations)) throw new RangeError(`maxIterations must be ≥ 0, got ${maxIterations}`);
  return { maxIterations, ftol, xtol, gtol, initialDamping: mu, maxDamping, geodesicAcceleration: accel };
}

/** A bound as a length-n array (`fill` where absent); throws on a wrong length. */
function boundArray(values: ArrayLike<number> | undefined, n: number, fill: number, name: string): Float64Array {
  const out = new Float64Array(n).fill(fill);
  if (values) {
    if (values.length !== n) throw new RangeError(`${name} has length ${values.length}, expected ${n}`);
    for (let j = 0; j < n; j++) out[j] = values[j]!;
  }
  return out;
}

/** The typical parameter magnitudes for the finite-difference step (1 by default). */
function parameterScales(ps: ArrayLike<number> | undefined, n: number): Float64Array {
  const typ = new Float64Array(n).fill(1);
  if (ps) {
    if (ps.length !== n) throw new RangeError(`parameterScale has length ${ps.length}, expected ${n}`);
    for (let j = 0; j < n; j++) {
      const v = ps[j]!;
      if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`parameterScale[${j}] must be > 0, got ${v}`);
      typ[j] = v;
    }
  }
  return typ;
}

/** The start clipped into [lo, hi]; throws on invalid bounds or a NaN start value. */
function projectedStart(start: ArrayLike<number>, lo: Float64Array, hi: Float64Array): Float64Array {
  const n = lo.length;
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (Number.isNaN(lo[j]) || Number.isNaN(hi[j]) || lo[j]! > hi[j]! || lo[j] === Infinity || hi[j] === -Infinity) {
      throw new RangeError(`invalid bounds for parameter ${j}: [${lo[j]}, ${hi[j]}]`);
    }
    const s = start[j]!;
    if (Number.isNaN(s)) throw new RangeError(`start[${j}] is NaN`);
    x[j] = Math.min(Math.max(s, lo[j]!), hi[j]!);
  }
  return x;
}
