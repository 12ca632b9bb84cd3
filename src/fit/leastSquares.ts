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

const EPS = 2.220446049250313e-16;
/** ε^(1/3): the step of central differences that balances truncation and rounding error. */
const FD_REL = Math.cbrt(EPS);
/** Relative distance from a bound within which a parameter counts as on it. */
const BOUND_TOL = 1e-10;
const MIN_DAMPING = 1e-20;
/** Finite-difference step (along the velocity) for the second directional derivative r_vv. */
const ACCEL_H = 0.1;
/** Largest accepted 2‖D·a‖/‖D·v‖ (Transtrum & Sethna's α). */
const ACCEL_RATIO = 0.75;

/** Whether v lies on (within BOUND_TOL relative of) the finite bound b. */
function onBound(v: number, b: number): boolean {
  return Number.isFinite(b) && Math.abs(v - b) <= BOUND_TOL * Math.max(Math.abs(b), 1);
}

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
  const maxIterations = options.maxIterations ?? 200;
  // Tolerances below machine precision act as ε (MINPACK's info 6–8: "no further reduction
  // in the sum of squares is possible", "no further improvement in the solution is possible",
  // "the residuals are orthogonal to the Jacobian to machine precision").
  const ftol = Math.max(options.ftol ?? 1e-12, EPS);
  const xtol = Math.max(options.xtol ?? 1e-12, EPS);
  const gtol = Math.max(options.gtol ?? 1e-10, EPS);
  const maxDamping = options.maxDamping ?? 1e32;
  let mu = options.initialDamping ?? 1e-3;
  const accel = options.geodesicAcceleration ?? true;
  for (const name of ['ftol', 'xtol', 'gtol'] as const) {
    const v = options[name] ?? 0;
    if (!(v >= 0)) throw new RangeError(`${name} must be ≥ 0, got ${v}`);
  }
  if (!(mu > 0) || !Number.isFinite(mu)) throw new RangeError(`initialDamping must be > 0, got ${mu}`);
  if (!(maxDamping > mu)) throw new RangeError(`maxDamping must exceed initialDamping, got ${maxDamping}`);
  if (!(maxIterations >= 0) || Number.isNaN(maxIterations)) throw new RangeError(`maxIterations must be ≥ 0, got ${maxIterations}`);

  // ---- bounds and start -------------------------------------------------------------------
  const lo = new Float64Array(n).fill(-Infinity);
  const hi = new Float64Array(n).fill(Infinity);
  if (problem.lower) {
    if (problem.lower.length !== n) throw new RangeError(`lower has length ${problem.lower.length}, expected ${n}`);
    for (let j = 0; j < n; j++) lo[j] = problem.lower[j]!;
  }
  if (problem.upper) {
    if (problem.upper.length !== n) throw new RangeError(`upper has length ${problem.upper.length}, expected ${n}`);
    for (let j = 0; j < n; j++) hi[j] = problem.upper[j]!;
  }
  const typ = new Float64Array(n).fill(1);
  if (options.parameterScale) {
    const ps = options.parameterScale;
    if (ps.length !== n) throw new RangeError(`parameterScale has length ${ps.length}, expected ${n}`);
    for (let j = 0; j < n; j++) {
      const v = ps[j]!;
      if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`parameterScale[${j}] must be > 0, got ${v}`);
      typ[j] = v;
    }
  }
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (Number.isNaN(lo[j]) || Number.isNaN(hi[j]) || lo[j]! > hi[j]! || lo[j] === Infinity || hi[j] === -Infinity) {
      throw new RangeError(`invalid bounds for parameter ${j}: [${lo[j]}, ${hi[j]}]`);
    }
    const s = start[j]!;
    if (Number.isNaN(s)) throw new RangeError(`start[${j}] is NaN`);
    x[j] = Math.min(Math.max(s, lo[j]!), hi[j]!);
  }

  // ---- work arrays (allocated once) -------------------------------------------------------
  const r = new Float64Array(m); // residuals at x
  const J = new Float64Array(m * n); // Jacobian at x, row-major
  const xt = new Float64Array(n); // trial point / FD point
  const rt = new Float64Array(m); // residuals at trial point
  const rp = new Float64Array(m); // FD work
  const rm = new Float64Array(m); // FD work
  const g = new Float64Array(n); // Jᵀr
  const colNorm = new Float64Array(n);
  const diag = new Float64Array(n); // Marquardt scaling D
  const free = new Int32Array(n); // indices of free parameters
  const qa = new Float64Array(m * n); // QR work, column-major m × nf
  const qb = new Float64Array(m); // Qᵀr work
  const rdiag = new Float64Array(n);
  const R = new Float64Array(n * n); // upper triangular nf × nf, row-major
  const qtr = new Float64Array(n);
  const S = new Float64Array(n * n); // Givens work
  const sdiag = new Float64Array(n);
  const wa = new Float64Array(n);
  const delta = new Float64Array(n); // step on free params
  const step = new Float64Array(n); // velocity v (feasible), full length
  const Js = new Float64Array(m);
  const acc = new Float64Array(n); // geodesic acceleration on free params
  const xv = new Float64Array(n); // θ + v
  const xvSaved = new Float64Array(n); // θ + projected step, while the truncated one is tried

  let evaluations = 0;
  let iterations = 0;
  const hasJac = typeof problem.jacobian === 'function';

  /** r(p) into out; returns Σr² (NaN if any residual or the sum is not finite). */
  const evaluate = (p: Float64Array, out: Float64Array): number => {
    evaluations++;
    problem.residuals(p, out);
    let s = 0;
    for (let i = 0; i < m; i++) {
      const v = out[i]!;
      s += v * v;
    }
    return Number.isFinite(s) ? s : Number.NaN;
  };

  /** Finite-difference column j of J at x (residuals r there), into J. */
  const fdColumn = (j: number): void => {
    const xj = x[j]!;
    const lj = lo[j]!;
    const uj = hi[j]!;
    const h = FD_REL * Math.max(Math.abs(xj), typ[j]!);
    xt.set(x);
    /** r at x with x_j = v, into out; false when not finite. */
    const probe = (v: number, out: Float64Array): boolean => {
      xt[j] = v;
      return !Number.isNaN(evaluate(xt, out));
    };
    let done = false;
    // 0 central, 1 forward 3-point, 2 backward 3-point, 3 forward 2-point, 4 backward 2-point
    for (let scheme = 0; scheme < 5 && !done; scheme++) {
      if (scheme === 0) {
        if (!(xj - h >= lj && xj + h <= uj)) continue;
        const a = xj + h;
        const b = xj - h;
        if (!probe(a, rp) || !probe(b, rm)) continue;
        const inv = 1 / (a - b);
        for (let i = 0; i < m; i++) J[i * n + j] = (rp[i]! - rm[i]!) * inv;
        done = true;
      } else if (scheme === 1 || scheme === 2) {
        const sg = scheme === 1 ? 1 : -1;
        const a = xj + sg * h;
        const hh = a - xj;
        const b = xj + 2 * hh;
        if (!(b >= lj && b <= uj)) continue;
        if (!probe(a, rp) || !probe(b, rm)) continue;
        const inv = 1 / (2 * hh);
        for (let i = 0; i < m; i++) J[i * n + j] = (-3 * r[i]! + 4 * rp[i]! - rm[i]!) * inv;
        done = true;
      } else {
        const a = scheme === 3 ? Math.min(xj + h, uj) : Math.max(xj - h, lj);
        const hh = a - xj;
        if (hh === 0) continue;
        if (!probe(a, rp)) continue;
        const inv = 1 / hh;
        for (let i = 0; i < m; i++) J[i * n + j] = (rp[i]! - r[i]!) * inv;
        done = true;
      }
    }
    // No usable neighbour (fixed parameter or a non-finite wall on both sides): a zero column,
    // so the parameter does not move this iteration.
    if (!done) for (let i = 0; i < m; i++) J[i * n + j] = 0;
  };

  /** J at x (residuals r there). */
  const jacobian = (): void => {
    if (hasJac) {
      problem.jacobian!(x, J);
      let ok = true;
      for (let k = 0; k < m * n; k++) {
        if (!Number.isFinite(J[k]!)) {
          ok = false;
          break;
        }
      }
      if (ok) return;
    }
    for (let j = 0; j < n; j++) fdColumn(j);
  };

  /** −gᵀs − ½‖J·s‖² for s = xv − x (stored in `step`); leaves J·s in `Js`. */
  const modelReduction = (): number => {
    let gs = 0;
    for (let j = 0; j < n; j++) {
      step[j] = xv[j]! - x[j]!;
      gs += g[j]! * step[j]!;
    }
    let jsn = 0;
    for (let i = 0; i < m; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += J[i * n + j]! * step[j]!;
      Js[i] = t;
      jsn += t * t;
    }
    return -gs - 0.5 * jsn;
  };

  const atBoundsOf = (p: Float64Array): number[] => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) {
      const v = p[j]!;
      if (onBound(v, lo[j]!) || onBound(v, hi[j]!)) out.push(j);
    }
    return out;
  };

  let sse = evaluate(x, r);
  const finish = (reason: StopReason): LeastSquaresResult => ({
    params: Float64Array.from(x),
    sse,
    residuals: Float64Array.from(r),
    jacobian: Float64Array.from(J),
    iterations,
    evaluations,
    converged: reason === 'ftol' || reason === 'xtol' || reason === 'gtol' || reason === 'zero-residual',
    reason,
    atBounds: atBoundsOf(x),
  });

  if (Number.isNaN(sse)) {
    let s = 0;
    for (let i = 0; i < m; i++) s += r[i]! * r[i]!;
    sse = s;
    return finish('non-finite');
  }
  const zeroSse = 1e-30 * m;
  jacobian();
  if (sse <= zeroSse) return finish('zero-residual');

  // Initial scaling: column norms, 1 for zero columns.
  const updateScaling = (first: boolean): void => {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) {
        const v = J[i * n + j]!;
        s += v * v;
      }
      const c = Math.sqrt(s);
      colNorm[j] = c;
      if (first) diag[j] = c > 0 && Number.isFinite(c) ? c : 1;
      else if (c > diag[j]!) diag[j] = c;
    }
  };
  updateScaling(true);

  /** Largest scaled gradient (cosine) at which a rejected step may still count as convergence. */
  const REJECTED_STEP_GTOL = 1e-4;
  let nu = 2;
  for (;;) {
    // ---- gradient, active set, gtol ---------------------------------------------------------
    const fnorm = Math.sqrt(sse);
    let nf = 0;
    let gmax = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += J[i * n + j]! * r[i]!;
      g[j] = s;
      const atLo = onBound(x[j]!, lo[j]!);
      const atHi = onBound(x[j]!, hi[j]!);
      if ((atLo && atHi) || (atLo && s > 0) || (atHi && s < 0)) continue;
      free[nf++] = j;
      if (colNorm[j]! > 0) gmax = Math.max(gmax, Math.abs(s) / (colNorm[j]! * fnorm));
    }
    if (nf === 0 || gmax <= gtol) return finish('gtol');
    if (iterations >= maxIterations) return finish('max-iterations');

    // ---- Householder QR of J_F (MINPACK qrfac, no pivoting); qtr = (Qᵀr)[0..nf) -----------------
    for (let k = 0; k < nf; k++) {
      const j = free[k]!;
      const col = k * m;
      for (let i = 0; i < m; i++) qa[col + i] = J[i * n + j]!;
    }
    qb.set(r);
    for (let k = 0; k < nf; k++) {
      const col = k * m;
      let s = 0;
      for (let i = k; i < m; i++) s += qa[col + i]! * qa[col + i]!;
      let ajnorm = Math.sqrt(s);
      if (ajnorm === 0) {
        rdiag[k] = 0;
        continue;
      }
      if (qa[col + k]! < 0) ajnorm = -ajnorm;
      for (let i = k; i < m; i++) qa[col + i] = qa[col + i]! / ajnorm;
      qa[col + k] = qa[col + k]! + 1;
      const pivot = qa[col + k]!;
      for (let c = k + 1; c < nf; c++) {
        const col2 = c * m;
        let t = 0;
        for (let i = k; i < m; i++) t += qa[col + i]! * qa[col2 + i]!;
        t /= pivot;
        for (let i = k; i < m; i++) qa[col2 + i] = qa[col2 + i]! - t * qa[col + i]!;
      }
      let t = 0;
      for (let i = k; i < m; i++) t += qa[col + i]! * qb[i]!;
      t /= pivot;
      for (let i = k; i < m; i++) qb[i] = qb[i]! - t * qa[col + i]!;
      rdiag[k] = -ajnorm;
    }
    for (let a = 0; a < nf; a++) {
      qtr[a] = a < m ? qb[a]! : 0;
      for (let b = 0; b < nf; b++) {
        R[a * nf + b] = b < a || a >= m ? 0 : b === a ? rdiag[a]! : qa[b * m + a]!;
      }
    }

    // ---- trial steps with increasing damping until one is accepted --------------------------------
    let xnormD = 0;
    for (let j = 0; j < n; j++) xnormD += (diag[j]! * x[j]!) ** 2;
    xnormD = Math.sqrt(xnormD);
    const f0 = 0.5 * sse;
    // Acceleration ratio and step length of the previous trial, if it failed the ratio test.
    let prevRatio = Infinity;
    let prevVD = Infinity;
    for (;;) {
      if (iterations >= maxIterations) return finish('max-iterations');
      if (mu > maxDamping) return finish('stalled');
      iterations++;

      // Solve [R; √μ·D_F]·δ = [−qtr; 0] by Givens rotations (MINPACK qrsolv).
      const sq = Math.sqrt(mu);
      for (let k = 0; k < nf * nf; k++) S[k] = R[k]!;
      for (let a = 0; a < nf; a++) wa[a] = qtr[a]!;
      for (let a = 0; a < nf; a++) {
        const dj = sq * diag[free[a]!]!;
        if (dj === 0) continue;
        for (let k = a; k < nf; k++) sdiag[k] = 0;
        sdiag[a] = dj;
        let qtbpj = 0;
        for (let k = a; k < nf; k++) {
          const sk = sdiag[k]!;
          if (sk === 0) continue;
          const skk = S[k * nf + k]!;
          let cos: number;
          let sin: number;
          if (Math.abs(skk) < Math.abs(sk)) {
            const cotan = skk / sk;
            sin = 0.5 / Math.sqrt(0.25 + 0.25 * cotan * cotan);
            cos = sin * cotan;
          } else {
            const tan = sk / skk;
            cos = 0.5 / Math.sqrt(0.25 + 0.25 * tan * tan);
            sin = cos * tan;
          }
          S[k * nf + k] = cos * skk + sin * sk;
          const tw = cos * wa[k]! + sin * qtbpj;
          qtbpj = -sin * wa[k]! + cos * qtbpj;
          wa[k] = tw;
          for (let i = k + 1; i < nf; i++) {
            const ski = S[k * nf + i]!;
            const sdi = sdiag[i]!;
            S[k * nf + i] = cos * ski + sin * sdi;
            sdiag[i] = -sin * ski + cos * sdi;
          }
        }
      }
      // Back substitution S·δ = −wa; components past the first zero diagonal are set to 0.
      let nsing = nf;
      for (let a = 0; a < nf; a++) {
        if (S[a * nf + a] === 0 || !Number.isFinite(S[a * nf + a]!)) {
          nsing = a;
          break;
        }
      }
      for (let a = nf - 1; a >= 0; a--) {
        if (a >= nsing) {
          delta[a] = 0;
          continue;
        }
        let s = -wa[a]!;
        for (let b = a + 1; b < nsing; b++) s -= S[a * nf + b]! * delta[b]!;
        delta[a] = s / S[a * nf + a]!;
      }

      // Velocity v: the projected step P(θ + δ) − θ or, when the projection cut components
      // off, whichever of it and the step truncated at the first bound, α·δ, the model predicts
      // to reduce the cost more. Its model reduction −gᵀv − ½‖J·v‖² is the prediction.
      // xv = θ + v exactly (parameters stopped by a bound hold the bound's exact value).
      let representable = false;
      let clipped = false;
      let alpha = 1;
      xv.set(x);
      for (let a = 0; a < nf; a++) {
        const j = free[a]!;
        const xj = x[j]!;
        const d = delta[a]!;
        const v = xj + d;
        if (v !== xj) representable = true;
        if (v < lo[j]!) {
          clipped = true;
          alpha = Math.min(alpha, (lo[j]! - xj) / d);
          xv[j] = lo[j]!;
        } else if (v > hi[j]!) {
          clipped = true;
          alpha = Math.min(alpha, (hi[j]! - xj) / d);
          xv[j] = hi[j]!;
        } else {
          xv[j] = v;
        }
      }
      let pred = modelReduction();
      if (clipped && alpha > 0) {
        const projected = pred;
        xvSaved.set(xv);
        for (let a = 0; a < nf; a++) {
          const j = free[a]!;
          const xj = x[j]!;
          const d = delta[a]!;
          let v = xj + alpha * d;
          // The blocking parameters land exactly on their bound (α·δ rounds a hair short).
          if (xj + d < lo[j]! && onBound(v, lo[j]!)) v = lo[j]!;
          else if (xj + d > hi[j]! && onBound(v, hi[j]!)) v = hi[j]!;
          xv[j] = v < lo[j]! ? lo[j]! : v > hi[j]! ? hi[j]! : v;
        }
        pred = modelReduction();
        if (!(pred > projected) && projected > 0) {
          xv.set(xvSaved);
          pred = modelReduction();
        }
      }
      let moved = false;
      let vD = 0;
      for (let j = 0; j < n; j++) {
        const sj = step[j]!;
        if (sj !== 0) moved = true;
        vD += (diag[j]! * sj) ** 2;
      }
      vD = Math.sqrt(vD);
      // The step is below the floating-point resolution of θ: no further improvement possible.
      if (!representable) return finish('xtol');
      if (!moved || !Number.isFinite(vD) || !(pred > 0)) {
        // Nothing to try at this damping (the step vanished in the projection, overflowed, or
        // its projection no longer descends): damp harder, which turns the step towards the
        // scaled projected gradient.
        mu *= nu;
        nu *= 2;
        continue;
      }

      let useAcc = accel;
      if (accel) {
        // Geodesic acceleration: r_vv ≈ (2/h)·((r(θ + h·v) − r)/h − J·v), then
        // (J_FᵀJ_F + μD_F²)·a = −J_Fᵀ·r_vv via the factor S (SᵀS = J_FᵀJ_F + μD_F²).
        for (let j = 0; j < n; j++) xt[j] = x[j]! + ACCEL_H * step[j]!;
        const sseH = evaluate(xt, rt);
        if (Number.isNaN(sseH)) {
          mu *= nu;
          nu *= 2;
          continue;
        }
        const c = 2 / ACCEL_H;
        for (let i = 0; i < m; i++) rt[i] = c * ((rt[i]! - r[i]!) / ACCEL_H - Js[i]!);
        // z = S⁻ᵀ·(−J_Fᵀ r_vv), then acc = S⁻¹·z (components past a zero diagonal: 0).
        for (let a = 0; a < nf; a++) {
          const j = free[a]!;
          let t = 0;
          for (let i = 0; i < m; i++) t += J[i * n + j]! * rt[i]!;
          let z = -t;
          for (let b = 0; b < a; b++) z -= S[b * nf + a]! * acc[b]!;
          acc[a] = a < nsing ? z / S[a * nf + a]! : 0;
        }
        for (let a = nf - 1; a >= 0; a--) {
          if (a >= nsing) continue;
          let t = acc[a]!;
          for (let b = a + 1; b < nsing; b++) t -= S[a * nf + b]! * acc[b]!;
          acc[a] = t / S[a * nf + a]!;
        }
        let aD = 0;
        for (let a = 0; a < nf; a++) aD += (diag[free[a]!]! * acc[a]!) ** 2;
        aD = Math.sqrt(aD);
        const ratio = (2 * aD) / vD;
        if (!(ratio <= ACCEL_RATIO)) {
          // The path curves too much over this step: shorten it. A true curvature term shrinks
          // with the step (ratio ∝ ‖v‖); if the ratio did not fall although the step shrank, it
          // is rounding noise in r_vv (near a solution), so try the plain step instead.
          const noise = Number.isFinite(ratio) && ratio >= prevRatio && vD < prevVD;
          if (!noise) {
            prevRatio = Number.isFinite(ratio) ? ratio : Infinity;
            prevVD = vD;
            mu *= nu;
            nu *= 2;
            continue;
          }
          useAcc = false;
        }
      }
      prevRatio = Infinity;
      prevVD = Infinity;

      // Trial point θ' = P(θ + v + ½·a) and the scaled length of the actual step.
      xt.set(x);
      let stepD = 0;
      for (let a = 0; a < nf; a++) {
        const j = free[a]!;
        const b = xv[j]!;
        // A parameter that v put on a bound stays there; the others get ½·a, projected.
        const v = useAcc && b !== lo[j] && b !== hi[j] ? b + 0.5 * acc[a]! : b;
        const p = v < lo[j]! ? lo[j]! : v > hi[j]! ? hi[j]! : v;
        xt[j] = p;
        stepD += (diag[j]! * (p - x[j]!)) ** 2;
      }
      stepD = Math.sqrt(stepD);
      const xtolHit = stepD <= xtol * (xnormD + xtol);

      const sseT = evaluate(xt, rt);
      if (Number.isNaN(sseT)) {
        // Non-finite residuals: reject and damp harder; never a convergence.
        mu *= nu;
        nu *= 2;
        continue;
      }
      const f1 = 0.5 * sseT;
      const act = f0 - f1;
      const rho = pred > 0 ? act / pred : -Infinity;
      const actRel = act / f0;
      const predRel = pred / f0;
      const ftolHit = Math.abs(actRel) <= ftol && predRel <= ftol && rho <= 2;

      if (pred > 0 && act > 0) {
        // Accept.
        x.set(xt);
        r.set(rt);
        sse = sseT;
        const t = 2 * rho - 1;
        mu *= Math.max(1 / 3, 1 - t * t * t);
        if (mu < MIN_DAMPING) mu = MIN_DAMPING;
        nu = 2;
        jacobian();
        updateScaling(false);
        if (sse <= zeroSse) return finish('zero-residual');
        if (ftolHit) return finish('ftol');
        if (xtolHit) return finish('xtol');
        break;
      }
      // Reject. A rejected step is a convergence only where the residual is already nearly
      // orthogonal to every free column of J; otherwise a degenerate scaling (columns ~1e-35, steps
      // clipped at a bound) has shrunk the steps at a non-stationary point, which is a stall.
      if (ftolHit || xtolHit) return finish(gmax <= REJECTED_STEP_GTOL ? (ftolHit ? 'ftol' : 'xtol') : 'stalled');
      mu *= nu;
      nu *= 2;
    }
  }
}
