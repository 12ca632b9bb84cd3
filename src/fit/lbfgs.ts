/**
 * Limited-memory BFGS minimisation of a smooth objective, with optional box bounds (L-BFGS-B), and
 * the robust-loss helpers the Chinchilla/Epoch "Approach 3" fit needs.
 *
 * **What it solves.** min f(θ) subject to lᵢ ≤ θᵢ ≤ uᵢ (bounds optional, ±∞ allowed), for f with a
 * continuous gradient. The typical use is the Huber loss in log space of Hoffmann et al. 2022 and
 * Besiroglu et al. 2024 (Epoch AI),
 *
 *     f(a, b, e, α, β) = Σᵢ Huber_δ( LSE(a − α·log Nᵢ, b − β·log Dᵢ, e) − log Lᵢ ),  δ = 1e-3,
 *
 * which those authors minimise with scipy's L-BFGS-B from a grid of starts. This module follows
 * L-BFGS-B 3.0 (the Fortran code scipy wraps) closely: on the problems of
 * test/fixtures/scipy/lbfgs_reference.json it takes the same iterations and evaluations as
 * scipy 1.17 and ends at the same point (to rounding).
 *
 * **Algorithm.** Each iteration:
 * 1. *Search direction.*
 *    - No finite bound: the two-loop recursion (Nocedal & Wright 2006, Alg. 7.4) gives d = −H∇f,
 *      with H₀ = γI, γ = sᵀy / yᵀy of the newest pair.
 *    - With bounds (Byrd, Lu, Nocedal & Zhu 1995): the quasi-Newton matrix in compact form
 *      B = θI − W M Wᵀ, W = [Y, θS], M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹ (θ = yᵀy / sᵀy); the generalised
 *      Cauchy point x_c, the first local minimiser of the quadratic model along the projected
 *      steepest-descent path P(x − t∇f); then direct primal subspace minimisation of the model over
 *      the variables that are free at x_c (Sherman–Morrison–Woodbury on the reduced B). As in
 *      L-BFGS-B 3.0 (Morales & Nocedal 2011), the subspace step is projected onto the box and, if
 *      that projection is not a descent direction, truncated to the box instead. The search
 *      direction is d = x̄ − x, and every point the line search tries lies in the box.
 * 2. *Line search* along d satisfying the strong Wolfe conditions f(x+td) ≤ f(x) + 10⁻³·t·∇fᵀd and
 *    |∇f(x+td)ᵀd| ≤ 0.9·|∇fᵀd|, by Moré & Thuente (1994) (MINPACK-2 `dcsrch`/`dcstep`, as in
 *    L-BFGS-B), at most 20 evaluations, never beyond the box (t ≤ t_max). The first trial step is 1,
 *    except on the first iteration of a problem that is not fully boxed, where it is 1/‖d‖₂. A trial
 *    point where f or ∇f is not finite cuts the step by 10× (and caps the search below it).
 * 3. *Update*: the pair s = x₊ − x, y = ∇f₊ − ∇f is stored (the oldest dropped beyond `memory`)
 *    unless sᵀy ≤ ε_mach·yᵀy, which would break positive definiteness.
 *
 * **When the line search finds no strong Wolfe point** in 20 evaluations (or d is not a descent
 * direction), with τ = max(ftol, 10·ε_mach)·max(1, |f|) the decrease the ftol test ignores:
 * - if some trial lowered f by more than τ and satisfied the sufficient-decrease condition, that
 *   trial is accepted (this happens past the edge of a plateau, where L-BFGS-B would restart);
 * - else, if the memory is not empty and both the predicted decrease −∇fᵀd and the best decrease
 *   seen are ≤ τ, the run stops with `'ftol'`: f cannot be lowered beyond rounding/ftol level
 *   (L-BFGS-B reaches the same verdict by accepting such a step and then failing its f test);
 * - else the memory is discarded and the iteration restarted from the steepest-descent model, as
 *   L-BFGS-B does; a failure with an empty memory ends the run with `'line-search-failed'`.
 * When the line search ends on a rounding/interval warning at a point that does not lower f, the
 * same rules apply (L-BFGS-B would accept that point even if f rose).
 *
 * **Stopping** (checked in this order after every accepted step):
 * - `'gtol'`: ‖P(x − ∇f) − x‖∞ ≤ gtol·max(1, |f|). This is the projected gradient (equal to ‖∇f‖∞
 *   without bounds). The max(1, |f|) factor makes the test relative for large objectives and
 *   absolute (like scipy's `pgtol`) when |f| ≤ 1.
 * - `'ftol'`: (f_k − f_{k+1}) ≤ ftol·max(|f_k|, |f_{k+1}|, 1), scipy's `factr·ε_mach` test (default
 *   ftol = 10⁷·ε_mach ≈ 2.2e-9, scipy's default). Note the floor of 1: for objectives much smaller
 *   than 1, such as a Huber loss with δ = 1e-3, this is an *absolute* test, which can stop well
 *   before the optimum (Epoch's diagnosis of the original Chinchilla fit). Pass a smaller `ftol`
 *   (e.g. 1e-15) for such objectives.
 * - `'max-iterations'`, `'max-evaluations'`: budgets exhausted (the best point so far is returned).
 * `converged` is true for `'gtol'` and `'ftol'`.
 *
 * All work arrays are allocated once per call; the iterations allocate nothing. The result is a
 * deterministic function of the objective, the start and the options.
 *
 * @example
 * // Rosenbrock: f = 100(y − x²)² + (1 − x)², minimum at (1, 1).
 * const r = minimizeLbfgs({
 *   nParams: 2,
 *   evaluate(p, g) {
 *     const [x, y] = [p[0]!, p[1]!];
 *     g[0] = -400 * x * (y - x * x) - 2 * (1 - x);
 *     g[1] = 200 * (y - x * x);
 *     return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
 *   },
 * }, [-1.2, 1]);
 * r.params; // => Float64Array [≈1, ≈1]
 *
 * @see J. Nocedal & S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006, ch. 7 (L-BFGS,
 *   two-loop recursion, compact representation) and §3.5 (strong Wolfe line searches).
 * @see R. H. Byrd, P. Lu, J. Nocedal & C. Zhu, "A limited memory algorithm for bound constrained
 *   optimization", SIAM J. Sci. Comput. 16(5):1190–1208, 1995 (L-BFGS-B).
 * @see J. L. Morales & J. Nocedal, "Remark on Algorithm 778: L-BFGS-B", ACM TOMS 38(1), 2011
 *   (the projected subspace step of version 3.0).
 * @see J. J. Moré & D. J. Thuente, "Line search algorithms with guaranteed sufficient decrease",
 *   ACM TOMS 20(3):286–307, 1994.
 */

/** A smooth objective f: ℝⁿ → ℝ with its gradient, optionally restricted to a box. */
export interface SmoothObjective {
  /** Number of parameters n. */
  nParams: number;
  /** Returns f(θ) and writes ∇f(θ) into `gradient` (length n). Must not keep `params`. */
  evaluate(params: Float64Array, gradient: Float64Array): number;
  /** Lower bounds lᵢ (length n; −Infinity for none). */
  lower?: ArrayLike<number>;
  /** Upper bounds uᵢ (length n; +Infinity for none). */
  upper?: ArrayLike<number>;
}

/** Options for {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Number of (s, y) correction pairs kept. @default 10 */
  memory?: number;
  /** Maximum number of accepted steps. @default 1000 */
  maxIterations?: number;
  /**
   * Stop when the projected gradient satisfies ‖P(x − ∇f) − x‖∞ ≤ gtol·max(1, |f|).
   * @default 1e-10
   */
  gtol?: number;
  /**
   * Stop when an accepted step lowers f by at most ftol·max(|f_old|, |f_new|, 1) (scipy's
   * factr·ε_mach test). @default 10⁷·Number.EPSILON ≈ 2.22e-9 (scipy's default)
   */
  ftol?: number;
  /** Maximum number of objective evaluations, including the one at the start. @default Infinity */
  maxEvaluations?: number;
}

/** Why {@link minimizeLbfgs} stopped. */
export type LbfgsStopReason =
  | 'gtol'
  | 'ftol'
  | 'max-iterations'
  | 'max-evaluations'
  | 'line-search-failed'
  | 'non-finite';

/** The outcome of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  /** The final point (the best accepted one; inside the bounds). */
  params: Float64Array;
  /** f(params). */
  value: number;
  /** ∇f(params) (not projected). */
  gradient: Float64Array;
  /** Accepted steps. */
  iterations: number;
  /** Objective evaluations, including the start. */
  evaluations: number;
  /** True when a convergence test (`'gtol'` or `'ftol'`) stopped the run. */
  converged: boolean;
  reason: LbfgsStopReason;
}

// ---------------------------------------------------------------------------------------------
// Robust-loss helpers
// ---------------------------------------------------------------------------------------------

/**
 * The Huber loss
 *
 *     huber_δ(r) = ½r²            if |r| ≤ δ
 *                = δ·(|r| − ½δ)    otherwise,
 *
 * quadratic near 0 and linear in the tails, continuous with a continuous first derivative. It is
 * `scipy.special.huber(delta, r)` (note the argument order there), which Epoch AI's Chinchilla
 * replication uses with δ = 1e-3: huber is +∞ for δ < 0 and 0 for δ = 0; NaN propagates.
 *
 * @example
 * huber(0.5, 1); // => 0.125
 * huber(3, 1);   // => 2.5   (1·(3 − 0.5))
 * @see P. J. Huber, "Robust estimation of a location parameter", Ann. Math. Statist. 35(1), 1964.
 */
export function huber(r: number, delta: number): number {
  if (delta < 0) return Infinity;
  const a = Math.abs(r);
  if (a <= delta) return 0.5 * r * r;
  return delta * (a - 0.5 * delta);
}

/**
 * The derivative of {@link huber} with respect to r:
 *
 *     huber_δ′(r) = r          if |r| ≤ δ
 *                 = δ·sign(r)  otherwise,
 *
 * i.e. r clipped to [−δ, δ]. NaN for δ < 0 (where the loss is +∞) or r = NaN.
 *
 * @example
 * huberDerivative(0.5, 1);  // => 0.5
 * huberDerivative(-3, 1);   // => -1
 */
export function huberDerivative(r: number, delta: number): number {
  if (!(delta >= 0)) return NaN;
  if (r > delta) return delta;
  if (r < -delta) return -delta;
  return r;
}

/**
 * log Σᵢ exp(vᵢ), computed stably as m + log1p(Σ_{i≠k} exp(vᵢ − m)) with m = v_k = maxᵢ vᵢ, so
 * it neither overflows for huge arguments nor underflows to log 0 for very negative ones.
 *
 * Special cases: an empty list gives −Infinity (log 0); any NaN gives NaN; a +Infinity gives
 * +Infinity; all −Infinity gives −Infinity.
 *
 * Its gradient is the softmax: ∂LSE/∂vᵢ = exp(vᵢ − LSE(v)).
 *
 * @example
 * logSumExp([0, 0]);       // => Math.LN2
 * logSumExp([1000, 1000]); // => 1000 + Math.LN2   (the naive formula gives Infinity)
 * logSumExp([-1000]);      // => -1000
 */
export function logSumExp(values: ArrayLike<number>): number {
  const n = values.length;
  let max = -Infinity;
  let argmax = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) return NaN;
    if (v > max) {
      max = v;
      argmax = i;
    }
  }
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = 0; i < n; i++) if (i !== argmax) sum += Math.exp(values[i]! - max);
  return max + Math.log1p(sum);
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

const EPS = Number.EPSILON;
/** Relative rounding level of f below which a failed line search means "no decrease possible". */
const STALL_EPS = 10 * EPS;
/** scipy's default factr·ε_mach = 1e7·2.22e-16. */
const DEFAULT_FTOL = 1e7 * EPS;
/** The largest step the line search may take when nothing else limits it (L-BFGS-B's `big`). */
const BIG_STEP = 1e10;
/** Strong Wolfe constants and interval tolerance, as in L-BFGS-B. */
const LS_FTOL = 1e-3;
const LS_GTOL = 0.9;
const LS_XTOL = 0.1;
/** Evaluations per line search (scipy's `maxls`). */
const MAX_LINE_SEARCH = 20;
/** Step factor after a trial point where f or ∇f is not finite. */
const NON_FINITE_SHRINK = 0.1;

// ---------------------------------------------------------------------------------------------
// Moré–Thuente line search (a port of MINPACK-2 dcsrch/dcstep, reverse communication)
// ---------------------------------------------------------------------------------------------

const LS_EVALUATE = 0;
const LS_CONVERGED = 1;
const LS_WARNING = 2;
type LineSearchTask = typeof LS_EVALUATE | typeof LS_CONVERGED | typeof LS_WARNING;

/**
 * Moré & Thuente's line search for φ(t) = f(x + t·d): finds t with φ(t) ≤ φ(0) + ftol·t·φ′(0) and
 * |φ′(t)| ≤ gtol·|φ′(0)|. Call {@link start} with φ(0), φ′(0) and the first trial step, evaluate at
 * {@link stp}, then call {@link next} with φ(stp), φ′(stp) until it stops returning LS_EVALUATE.
 */
class MoreThuente {
  stp = 0;
  private stpmin = 0;
  private stpmax = 0;
  private brackt = false;
  private stage = 1;
  private finit = 0;
  private ginit = 0;
  private gtest = 0;
  private stx = 0;
  private fx = 0;
  private gx = 0;
  private sty = 0;
  private fy = 0;
  private gy = 0;
  private stmin = 0;
  private stmax = 0;
  private width = 0;
  private width1 = 0;

  start(f0: number, g0: number, stp: number, stpmin: number, stpmax: number): void {
    this.stp = stp;
    this.stpmin = stpmin;
    this.stpmax = stpmax;
    this.brackt = false;
    this.stage = 1;
    this.finit = f0;
    this.ginit = g0;
    this.gtest = LS_FTOL * g0;
    this.width = stpmax - stpmin;
    this.width1 = this.width / 0.5;
    this.stx = 0;
    this.fx = f0;
    this.gx = g0;
    this.sty = 0;
    this.fy = f0;
    this.gy = g0;
    this.stmin = 0;
    this.stmax = stp + 4 * stp;
  }

  next(f: number, g: number): LineSearchTask {
    const stp = this.stp;
    const ftest = this.finit + stp * this.gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;

    let task: LineSearchTask = LS_EVALUATE;
    if (this.brackt && (stp <= this.stmin || stp >= this.stmax)) task = LS_WARNING; // rounding errors
    if (this.brackt && this.stmax - this.stmin <= LS_XTOL * this.stmax) task = LS_WARNING; // xtol
    if (stp === this.stpmax && f <= ftest && g <= this.gtest) task = LS_WARNING; // stp = stpmax
    if (stp === this.stpmin && (f > ftest || g >= this.gtest)) task = LS_WARNING; // stp = stpmin
    if (f <= ftest && Math.abs(g) <= LS_GTOL * -this.ginit) task = LS_CONVERGED;
    if (task !== LS_EVALUATE) return task;

    if (this.stage === 1 && f <= this.fx && f > ftest) {
      // Use the modified function ψ(t) = φ(t) − φ(0) − ftol·t·φ′(0) until a step with ψ ≤ 0 and
      // φ′ ≥ 0 has been seen.
      const gtest = this.gtest;
      this.fx -= this.stx * gtest;
      this.fy -= this.sty * gtest;
      this.gx -= gtest;
      this.gy -= gtest;
      this.cstep(f - stp * gtest, g - gtest);
      this.fx += this.stx * gtest;
      this.fy += this.sty * gtest;
      this.gx += gtest;
      this.gy += gtest;
    } else {
      this.cstep(f, g);
    }

    if (this.brackt) {
      // Force a sufficient decrease in the width of the bracketing interval.
      if (Math.abs(this.sty - this.stx) >= 0.66 * this.width1) this.stp = this.stx + 0.5 * (this.sty - this.stx);
      this.width1 = this.width;
      this.width = Math.abs(this.sty - this.stx);
      this.stmin = Math.min(this.stx, this.sty);
      this.stmax = Math.max(this.stx, this.sty);
    } else {
      this.stmin = this.stp + 1.1 * (this.stp - this.stx);
      this.stmax = this.stp + 4 * (this.stp - this.stx);
    }
    this.stp = Math.min(Math.max(this.stp, this.stpmin), this.stpmax);
    if (
      (this.brackt && (this.stp <= this.stmin || this.stp >= this.stmax)) ||
      (this.brackt && this.stmax - this.stmin <= LS_XTOL * this.stmax)
    ) {
      this.stp = this.stx;
    }
    return LS_EVALUATE;
  }

  /**
   * dcstep: safeguarded cubic/quadratic step that updates the interval [stx, sty] containing a
   * step satisfying the conditions, given the trial (stp, fp, dp).
   */
  private cstep(fp: number, dp: number): void {
    const stx = this.stx;
    const fx = this.fx;
    const dx = this.gx;
    const sty = this.sty;
    const fy = this.fy;
    const dy = this.gy;
    const stp = this.stp;
    const stpmin = this.stmin;
    const stpmax = this.stmax;
    const sgnd = dp * Math.sign(dx);
    let stpf: number;

    if (fp > fx) {
      // Case 1: higher function value. The minimum is bracketed.
      const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
      const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
      let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
      if (stp < stx) gamma = -gamma;
      const p = gamma - dx + theta;
      const q = gamma - dx + gamma + dp;
      const r = p / q;
      const stpc = stx + r * (stp - stx);
      const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
      stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
      this.brackt = true;
    } else if (sgnd < 0) {
      // Case 2: lower value, derivatives of opposite sign. The minimum is bracketed.
      const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
      const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
      let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
      if (stp > stx) gamma = -gamma;
      const p = gamma - dp + theta;
      const q = gamma - dp + gamma + dx;
      const r = p / q;
      const stpc = stp + r * (stx - stp);
      const stpq = stp + (dp / (dp - dx)) * (stx - stp);
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      this.brackt = true;
    } else if (Math.abs(dp) < Math.abs(dx)) {
      // Case 3: lower value, same-sign derivatives, |derivative| decreases.
      const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
      const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
      let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
      if (stp > stx) gamma = -gamma;
      const p = gamma - dp + theta;
      const q = gamma + (dx - dp) + gamma;
      const r = p / q;
      let stpc: number;
      if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
      else if (stp > stx) stpc = stpmax;
      else stpc = stpmin;
      const stpq = stp + (dp / (dp - dx)) * (stx - stp);
      if (this.brackt) {
        stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
        if (stp > stx) stpf = Math.min(stp + 0.66 * (sty - stp), stpf);
        else stpf = Math.max(stp + 0.66 * (sty - stp), stpf);
      } else {
        stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
        stpf = Math.max(stpmin, Math.min(stpmax, stpf));
      }
    } else {
      // Case 4: lower value, same-sign derivatives, |derivative| does not decrease.
      if (this.brackt) {
        const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
        const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
        let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dy / s) * (dp / s)));
        if (stp > sty) gamma = -gamma;
        const p = gamma - dp + theta;
        const q = gamma - dp + gamma + dy;
        const r = p / q;
        stpf = stp + r * (sty - stp);
      } else if (stp > stx) {
        stpf = stpmax;
      } else {
        stpf = stpmin;
      }
    }

    // Update the interval that contains a minimiser.
    if (fp > fx) {
      this.sty = stp;
      this.fy = fp;
      this.gy = dp;
    } else {
      if (sgnd < 0) {
        this.sty = stx;
        this.fy = fx;
        this.gy = dx;
      }
      this.stx = stp;
      this.fx = fp;
      this.gx = dp;
    }
    this.stp = stpf;
  }
}

// ---------------------------------------------------------------------------------------------
// The minimiser
// ---------------------------------------------------------------------------------------------

/** Variable status at the Cauchy point (L-BFGS-B's `iwhere`). */
const FREE = 0; // free, bounded on at least one side
const UNBOUNDED = -1; // no finite bound: always free
const FREE_ZERO_GRADIENT = -3; // strictly inside the box with ∇f = 0
const AT_LOWER = 1;
const AT_UPPER = 2;
const FIXED = 3; // lᵢ = uᵢ

type LineSearchOutcome = 'accepted' | 'failed' | 'budget';

/**
 * Minimises a smooth objective by L-BFGS (no bounds) or L-BFGS-B (box bounds) from `start`.
 *
 * The start is first clipped into the bounds (as scipy does). Invalid arguments (a wrong length,
 * lᵢ > uᵢ, a NaN bound, a lower bound of +∞ or upper bound of −∞, a non-positive memory, a
 * negative tolerance) throw a RangeError. Numerical trouble never throws but is reported in
 * `reason`: a non-finite start value (not evaluated) or a start where f or ∇f is not finite gives
 * `'non-finite'` with `iterations: 0`, and an objective that is not finite anywhere near the start
 * gives `'line-search-failed'` with the start as the result.
 *
 * See the module documentation for the algorithm and the stopping rules.
 *
 * @example
 * // min (x − 3)² subject to x ≤ 1  =>  x = 1 (the gradient 2(x − 3) = −4 points out of the box)
 * const r = minimizeLbfgs({
 *   nParams: 1, upper: [1],
 *   evaluate: (p, g) => { g[0] = 2 * (p[0]! - 3); return (p[0]! - 3) ** 2; },
 * }, [0]);
 * r.params[0]; // => 1
 * r.reason;    // => 'gtol'
 */
export function minimizeLbfgs(
  objective: SmoothObjective,
  start: ArrayLike<number>,
  options: LbfgsOptions = {},
): LbfgsResult {
  const n = objective.nParams;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`nParams must be a positive integer, got ${n}`);
  if (start.length !== n) throw new RangeError(`start has ${start.length} values, expected nParams = ${n}`);
  const memory = options.memory ?? 10;
  if (!Number.isInteger(memory) || memory < 1) throw new RangeError(`memory must be a positive integer, got ${memory}`);
  const maxIterations = options.maxIterations ?? 1000;
  const gtol = options.gtol ?? 1e-10;
  const ftol = options.ftol ?? DEFAULT_FTOL;
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  for (const [name, value] of [
    ['maxIterations', maxIterations],
    ['gtol', gtol],
    ['ftol', ftol],
    ['maxEvaluations', maxEvaluations],
  ] as const) {
    if (!(value >= 0)) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  }
  const solver = new LbfgsSolver(objective, n, memory, gtol, ftol, maxIterations, maxEvaluations);
  return solver.run(start);
}

class LbfgsSolver {
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  /** Some bound is finite. */
  private readonly constrained: boolean;
  /** Every variable has two finite bounds. */
  private readonly boxed: boolean;

  // iterate and trial point
  private x: Float64Array;
  private g: Float64Array;
  private xt: Float64Array;
  private gt: Float64Array;
  private f = NaN;
  private fTrial = NaN;
  /** The lowest f seen by the last failed line search, and the step that gave it. */
  private lineSearchBest = NaN;
  private lineSearchBestStep = 0;
  private readonly d: Float64Array;
  private readonly xbar: Float64Array;
  private readonly sNew: Float64Array;
  private readonly xBest: Float64Array;
  private readonly gBest: Float64Array;
  private readonly yNew: Float64Array;

  // limited memory: slots in a ring, logical order oldest → newest
  private readonly S: Float64Array;
  private readonly Y: Float64Array;
  /** SY[i·m + j] = sᵢᵀyⱼ, logical indices. */
  private readonly SY: Float64Array;
  /** SS[i·m + j] = sᵢᵀsⱼ, logical indices. */
  private readonly SS: Float64Array;
  /** Offset into S/Y of the logical pair j. */
  private readonly offsets: Int32Array;
  private readonly alpha: Float64Array;
  private k = 0;
  private head = 0;
  private theta = 1;

  // compact representation (bounded problems); 2m-vectors and 2m×2m matrices with stride 2m
  private readonly M: Float64Array;
  private readonly W: Float64Array; // n × 2m, row i = wᵢ = [Y(i, ·), θ S(i, ·)]
  private readonly p: Float64Array;
  private readonly c: Float64Array;
  private readonly v: Float64Array;
  private readonly u: Float64Array;
  private readonly A: Float64Array;
  private readonly N: Float64Array;
  private readonly T: Float64Array; // m × m
  private readonly E: Float64Array; // m × m
  private readonly G: Float64Array; // m × m

  // Cauchy point and subspace minimisation
  private readonly xc: Float64Array;
  private readonly dc: Float64Array;
  private readonly where: Int8Array;
  private readonly breakpoints: Float64Array;
  private readonly heap: Int32Array;
  private readonly freeIndex: Int32Array;
  private readonly r: Float64Array;
  private readonly du: Float64Array;

  private readonly lineSearch = new MoreThuente();
  private evaluations = 0;
  private iterations = 0;

  constructor(
    private readonly objective: SmoothObjective,
    private readonly n: number,
    private readonly m: number,
    private readonly gtol: number,
    private readonly ftol: number,
    private readonly maxIterations: number,
    private readonly maxEvaluations: number,
  ) {
    this.lower = boundArray(objective.lower, n, -Infinity, 'lower');
    this.upper = boundArray(objective.upper, n, Infinity, 'upper');
    let constrained = false;
    let boxed = true;
    for (let i = 0; i < n; i++) {
      const l = this.lower[i]!;
      const u = this.upper[i]!;
      if (l > u) throw new RangeError(`lower[${i}] = ${l} exceeds upper[${i}] = ${u}`);
      if (l > -Infinity || u < Infinity) constrained = true;
      if (!(l > -Infinity && u < Infinity)) boxed = false;
    }
    this.constrained = constrained;
    this.boxed = boxed;

    const m2 = 2 * m;
    this.x = new Float64Array(n);
    this.g = new Float64Array(n);
    this.xt = new Float64Array(n);
    this.gt = new Float64Array(n);
    this.d = new Float64Array(n);
    this.xbar = new Float64Array(n);
    this.sNew = new Float64Array(n);
    this.xBest = new Float64Array(n);
    this.gBest = new Float64Array(n);
    this.yNew = new Float64Array(n);
    this.S = new Float64Array(m * n);
    this.Y = new Float64Array(m * n);
    this.SY = new Float64Array(m * m);
    this.SS = new Float64Array(m * m);
    this.offsets = new Int32Array(m);
    this.alpha = new Float64Array(m);
    const withBounds = constrained ? 1 : 0;
    this.M = new Float64Array(withBounds * m2 * m2);
    this.W = new Float64Array(withBounds * n * m2);
    this.p = new Float64Array(m2);
    this.c = new Float64Array(m2);
    this.v = new Float64Array(m2);
    this.u = new Float64Array(m2);
    this.A = new Float64Array(withBounds * m2 * m2);
    this.N = new Float64Array(withBounds * m2 * m2);
    this.T = new Float64Array(withBounds * m * m);
    this.E = new Float64Array(withBounds * m * m);
    this.G = new Float64Array(withBounds * m * m);
    const nb = withBounds * n;
    this.xc = new Float64Array(nb);
    this.dc = new Float64Array(nb);
    this.where = new Int8Array(nb);
    this.breakpoints = new Float64Array(nb);
    this.heap = new Int32Array(nb);
    this.freeIndex = new Int32Array(nb);
    this.r = new Float64Array(nb);
    this.du = new Float64Array(nb);
  }

  run(start: ArrayLike<number>): LbfgsResult {
    const { n, lower, upper } = this;
    // this.x/this.g swap with the trial buffers on every accepted step: never cache them here.
    const x0 = this.x;
    const g0 = this.g;
    let startFinite = true;
    for (let i = 0; i < n; i++) {
      const s = start[i]!;
      if (!Number.isFinite(s)) startFinite = false;
      x0[i] = Math.min(Math.max(s, lower[i]!), upper[i]!);
    }
    if (!startFinite) {
      this.f = NaN;
      g0.fill(NaN);
      return this.result('non-finite');
    }
    this.f = this.objective.evaluate(x0, g0);
    this.evaluations = 1;
    if (!Number.isFinite(this.f) || !allFinite(g0)) return this.result('non-finite');
    if (this.projectedGradientNorm() <= this.gtol * Math.max(1, Math.abs(this.f))) return this.result('gtol');

    for (;;) {
      if (this.iterations >= this.maxIterations) return this.result('max-iterations');

      // Search direction d and the largest feasible step along it.
      let stpmax = BIG_STEP;
      if (this.constrained) {
        this.cauchyPoint();
        if (this.k > 0) this.subspaceMinimization();
        else this.xbar.set(this.xc);
        for (let i = 0; i < n; i++) this.d[i] = this.xbar[i]! - this.x[i]!;
        stpmax = this.iterations === 0 ? 1 : this.maxFeasibleStep();
      } else {
        this.twoLoop();
      }
      let gd = 0;
      let dnorm2 = 0;
      for (let i = 0; i < n; i++) {
        gd += this.g[i]! * this.d[i]!;
        dnorm2 += this.d[i]! * this.d[i]!;
      }

      let outcome: LineSearchOutcome = 'failed';
      this.lineSearchBest = this.f;
      this.lineSearchBestStep = 0;
      if (gd < 0 && stpmax > 0) {
        let stp = this.iterations === 0 && !this.boxed ? Math.min(1 / Math.sqrt(dnorm2), stpmax) : 1;
        stp = Math.min(stp, stpmax);
        outcome = this.searchLine(gd, stp, stpmax);
      }
      if (outcome === 'budget') return this.result('max-evaluations');
      if (outcome === 'failed') {
        // Decreases up to `threshold` are what the ftol test ignores (at least the rounding level).
        const threshold = Math.max(this.ftol, STALL_EPS) * Math.max(Math.abs(this.f), 1);
        const decrease = this.f - this.lineSearchBest;
        if (decrease > threshold && decrease >= -LS_FTOL * this.lineSearchBestStep * gd) {
          // No Wolfe point, but a real sufficient decrease (e.g. a cliff beyond a plateau): take it.
          this.xt.set(this.xBest);
          this.gt.set(this.gBest);
          this.fTrial = this.lineSearchBest;
        } else if (this.k > 0 && -gd <= threshold && decrease <= threshold) {
          // The quasi-Newton step predicts, and the trials found, no decrease beyond the ftol
          // threshold: no step could have passed the ftol test, so x is optimal to precision.
          return this.result('ftol');
        } else if (this.k === 0) {
          return this.result('line-search-failed');
        } else {
          this.resetMemory(); // restart from the steepest-descent model, as L-BFGS-B does
          continue;
        }
      }

      // Accept the trial point.
      const fOld = this.f;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        const s = this.xt[i]! - this.x[i]!;
        const y = this.gt[i]! - this.g[i]!;
        this.sNew[i] = s;
        this.yNew[i] = y;
        sy += s * y;
        yy += y * y;
      }
      this.swapTrial();
      this.f = this.fTrial;
      this.iterations++;

      if (this.projectedGradientNorm() <= this.gtol * Math.max(1, Math.abs(this.f))) return this.result('gtol');
      if (fOld - this.f <= this.ftol * Math.max(Math.abs(fOld), Math.abs(this.f), 1)) return this.result('ftol');
      if (sy > EPS * yy) this.addPair(sy, yy);
    }
  }

  private result(reason: LbfgsStopReason): LbfgsResult {
    return {
      params: Float64Array.from(this.x),
      value: this.f,
      gradient: Float64Array.from(this.g),
      iterations: this.iterations,
      evaluations: this.evaluations,
      converged: reason === 'gtol' || reason === 'ftol',
      reason,
    };
  }

  private swapTrial(): void {
    const x = this.x;
    const g = this.g;
    this.x = this.xt;
    this.g = this.gt;
    this.xt = x;
    this.gt = g;
  }

  /** ‖P(x − g) − x‖∞: the gradient with components that push against an active bound removed. */
  private projectedGradientNorm(): number {
    const { n, x, g, lower, upper } = this;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let gi = g[i]!;
      if (gi < 0) gi = Math.max(x[i]! - upper[i]!, gi);
      else gi = Math.min(x[i]! - lower[i]!, gi);
      const a = Math.abs(gi);
      if (a > norm) norm = a;
    }
    return norm;
  }

  /** Largest t ≤ BIG_STEP with x + t·d inside the box (L-BFGS-B's lnsrlb). */
  private maxFeasibleStep(): number {
    const { n, x, d, lower, upper } = this;
    let stpmax = BIG_STEP;
    for (let i = 0; i < n; i++) {
      const di = d[i]!;
      if (di < 0 && lower[i]! > -Infinity) {
        const room = lower[i]! - x[i]!;
        if (room >= 0) stpmax = 0;
        else if (di * stpmax < room) stpmax = room / di;
      } else if (di > 0 && upper[i]! < Infinity) {
        const room = upper[i]! - x[i]!;
        if (room <= 0) stpmax = 0;
        else if (di * stpmax > room) stpmax = room / di;
      }
    }
    return stpmax;
  }

  /**
   * Moré–Thuente search along d from x. On 'accepted' the new point is in xt/gt and its value in
   * `fTrial`. 'failed' means no acceptable step in MAX_LINE_SEARCH evaluations, or a search that
   * ended (rounding errors, collapsed interval) without lowering f; `lineSearchBest` is then the
   * lowest f it saw. On 'budget' the best trial
   * point, if it lowered f, has been made the current iterate.
   */
  private searchLine(gd: number, firstStep: number, stpmax: number): LineSearchOutcome {
    const { n, x, d, lower, upper, constrained, lineSearch, xBest, gBest } = this;
    const f0 = this.f;
    let fBest = f0;
    let stpBest = 0;
    lineSearch.start(f0, gd, firstStep, 0, stpmax);
    for (let count = 1; ; count++) {
      if (this.evaluations >= this.maxEvaluations) {
        if (fBest < f0) {
          this.x.set(xBest);
          this.g.set(gBest);
          this.f = fBest;
        }
        return 'budget';
      }
      const stp = lineSearch.stp;
      const xt = this.xt;
      const gt = this.gt;
      if (constrained && stp === 1) {
        xt.set(this.xbar);
      } else {
        for (let i = 0; i < n; i++) xt[i] = x[i]! + stp * d[i]!;
        if (constrained) for (let i = 0; i < n; i++) xt[i] = Math.min(Math.max(xt[i]!, lower[i]!), upper[i]!);
      }
      const ft = this.objective.evaluate(xt, gt);
      this.evaluations++;
      if (!Number.isFinite(ft) || !allFinite(gt)) {
        if (count >= MAX_LINE_SEARCH) {
          this.lineSearchBest = fBest;
          this.lineSearchBestStep = stpBest;
          return 'failed';
        }
        // Step back inside the region where the objective is finite, and never go past it again.
        lineSearch.start(f0, gd, NON_FINITE_SHRINK * stp, 0, 0.5 * stp);
        continue;
      }
      if (ft < fBest) {
        fBest = ft;
        stpBest = stp;
        xBest.set(xt);
        gBest.set(gt);
      }
      let gtd = 0;
      for (let i = 0; i < n; i++) gtd += gt[i]! * d[i]!;
      const task = lineSearch.next(ft, gtd);
      if (task === LS_CONVERGED || (task === LS_WARNING && ft <= f0)) {
        this.fTrial = ft;
        return 'accepted';
      }
      if (task === LS_WARNING || count >= MAX_LINE_SEARCH) {
        this.lineSearchBest = fBest;
        this.lineSearchBestStep = stpBest;
        return 'failed';
      }
    }
  }

  private resetMemory(): void {
    this.k = 0;
    this.head = 0;
    this.theta = 1;
  }

  /** Stores the pair (sNew, yNew) with sᵀy = sy > 0, dropping the oldest if the memory is full. */
  private addPair(sy: number, yy: number): void {
    const { n, m, S, Y, SY, SS, sNew, yNew, offsets } = this;
    let slot: number;
    if (this.k < m) {
      slot = (this.head + this.k) % m;
      this.k++;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % m;
      for (let i = 0; i < m - 1; i++) {
        for (let j = 0; j < m - 1; j++) {
          SY[i * m + j] = SY[(i + 1) * m + j + 1]!;
          SS[i * m + j] = SS[(i + 1) * m + j + 1]!;
        }
      }
    }
    const k = this.k;
    const base = slot * n;
    S.set(sNew, base);
    Y.set(yNew, base);
    for (let j = 0; j < k; j++) offsets[j] = ((this.head + j) % m) * n;
    const last = k - 1;
    for (let j = 0; j < last; j++) {
      const oj = offsets[j]!;
      let sNewYj = 0;
      let sjYNew = 0;
      let sNewSj = 0;
      for (let i = 0; i < n; i++) {
        sNewYj += sNew[i]! * Y[oj + i]!;
        sjYNew += S[oj + i]! * yNew[i]!;
        sNewSj += sNew[i]! * S[oj + i]!;
      }
      SY[last * m + j] = sNewYj;
      SY[j * m + last] = sjYNew;
      SS[last * m + j] = sNewSj;
      SS[j * m + last] = sNewSj;
    }
    let ss = 0;
    for (let i = 0; i < n; i++) ss += sNew[i]! * sNew[i]!;
    SY[last * m + last] = sy;
    SS[last * m + last] = ss;
    this.theta = yy / sy;
    if (this.constrained && !this.formMiddleMatrix()) this.resetMemory();
  }

  /** d = −H∇f by the two-loop recursion (Nocedal & Wright Alg. 7.4), H₀ = I/θ. */
  private twoLoop(): void {
    const { n, k, m, S, Y, SY, offsets, alpha, d, g } = this;
    for (let i = 0; i < n; i++) d[i] = g[i]!;
    for (let j = k - 1; j >= 0; j--) {
      const o = offsets[j]!;
      let sq = 0;
      for (let i = 0; i < n; i++) sq += S[o + i]! * d[i]!;
      const a = sq / SY[j * m + j]!;
      alpha[j] = a;
      for (let i = 0; i < n; i++) d[i] -= a * Y[o + i]!;
    }
    const gamma = 1 / this.theta;
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let j = 0; j < k; j++) {
      const o = offsets[j]!;
      let yr = 0;
      for (let i = 0; i < n; i++) yr += Y[o + i]! * d[i]!;
      const b = alpha[j]! - yr / SY[j * m + j]!;
      for (let i = 0; i < n; i++) d[i] += b * S[o + i]!;
    }
    for (let i = 0; i < n; i++) d[i] = -d[i]!;
  }

  /**
   * M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹ by block elimination: with T = θSᵀS + L D⁻¹ Lᵀ (positive
   * definite) and E = T⁻¹, M = [[−D⁻¹ + D⁻¹LᵀE L D⁻¹, D⁻¹LᵀE], [E L D⁻¹, E]]. Returns false when T
   * is not numerically positive definite.
   */
  private formMiddleMatrix(): boolean {
    const { k, m, SY, SS, T, E, G, M, theta } = this;
    const m2 = 2 * m;
    // T = θ SᵀS + L D⁻¹ Lᵀ, L[a][j] = SY[a][j] for a > j.
    for (let a = 0; a < k; a++) {
      for (let b = 0; b <= a; b++) {
        let sum = theta * SS[a * m + b]!;
        for (let j = 0; j < b; j++) sum += (SY[a * m + j]! * SY[b * m + j]!) / SY[j * m + j]!;
        T[a * m + b] = sum;
        T[b * m + a] = sum;
      }
    }
    // Cholesky T = R Rᵀ (lower R stored in the lower triangle of T).
    for (let j = 0; j < k; j++) {
      let diag = T[j * m + j]!;
      for (let q = 0; q < j; q++) diag -= T[j * m + q]! * T[j * m + q]!;
      if (!(diag > 0) || !Number.isFinite(diag)) return false;
      const rjj = Math.sqrt(diag);
      T[j * m + j] = rjj;
      for (let i = j + 1; i < k; i++) {
        let sum = T[i * m + j]!;
        for (let q = 0; q < j; q++) sum -= T[i * m + q]! * T[j * m + q]!;
        T[i * m + j] = sum / rjj;
      }
    }
    // E = T⁻¹: solve R z = e_col, then Rᵀ w = z, column by column (z kept in E's column).
    for (let col = 0; col < k; col++) {
      for (let i = 0; i < k; i++) {
        let sum = i === col ? 1 : 0;
        for (let q = 0; q < i; q++) sum -= T[i * m + q]! * E[q * m + col]!;
        E[i * m + col] = sum / T[i * m + i]!;
      }
      for (let i = k - 1; i >= 0; i--) {
        let sum = E[i * m + col]!;
        for (let q = i + 1; q < k; q++) sum -= T[q * m + i]! * E[q * m + col]!;
        E[i * m + col] = sum / T[i * m + i]!;
      }
    }
    // G = E L D⁻¹: G[a][b] = Σ_{c>b} E[a][c] L[c][b] / D[b].
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let sum = 0;
        for (let c = b + 1; c < k; c++) sum += E[a * m + c]! * SY[c * m + b]!;
        G[a * m + b] = sum / SY[b * m + b]!;
      }
    }
    for (let a = 0; a < k; a++) {
      const da = SY[a * m + a]!;
      for (let b = 0; b < k; b++) {
        // M11 = −D⁻¹ + D⁻¹ Lᵀ G
        let sum = 0;
        for (let c = a + 1; c < k; c++) sum += SY[c * m + a]! * G[c * m + b]!;
        M[a * m2 + b] = (sum - (a === b ? 1 : 0)) / da;
        M[a * m2 + k + b] = G[b * m + a]!; // M12 = Gᵀ
        M[(k + a) * m2 + b] = G[a * m + b]!; // M21 = G
        M[(k + a) * m2 + k + b] = E[a * m + b]!; // M22 = E
      }
    }
    for (let q = 0; q < 2 * k * m2; q++) if (!Number.isFinite(M[q]!)) return false;
    return true;
  }

  /** Fills W (row i = [Y(i, ·), θ·S(i, ·)]) for the current memory. */
  private formW(): void {
    const { n, k, m, S, Y, W, offsets, theta } = this;
    const m2 = 2 * m;
    for (let j = 0; j < k; j++) {
      const o = offsets[j]!;
      for (let i = 0; i < n; i++) {
        W[i * m2 + j] = Y[o + i]!;
        W[i * m2 + k + j] = theta * S[o + i]!;
      }
    }
  }

  /** out = M·vec (2k-vectors). */
  private multiplyM(vec: Float64Array, vecOffset: number, out: Float64Array): void {
    const k2 = 2 * this.k;
    const m2 = 2 * this.m;
    const M = this.M;
    for (let a = 0; a < k2; a++) {
      let sum = 0;
      for (let b = 0; b < k2; b++) sum += M[a * m2 + b]! * vec[vecOffset + b]!;
      out[a] = sum;
    }
  }

  /**
   * The generalised Cauchy point x_c: the first local minimiser of the quadratic model
   * m(z) = f + ∇fᵀ(z − x) + ½(z − x)ᵀB(z − x) along the projected path P(x − t∇f), t ≥ 0,
   * scanning the breakpoints in increasing order (Byrd et al. 1995, §4). Also sets c = Wᵀ(x_c − x)
   * and the status of every variable at x_c.
   */
  private cauchyPoint(): void {
    const { n, k, m, x, g, lower, upper, xc, dc, where, breakpoints, heap, p, c, v, W, theta } = this;
    const m2 = 2 * m;
    const k2 = 2 * k;
    if (k > 0) this.formW();
    for (let a = 0; a < k2; a++) {
      p[a] = 0;
      c[a] = 0;
    }
    let f1 = 0;
    let nbreak = 0;
    let bounded = true; // every moving variable has a breakpoint
    for (let i = 0; i < n; i++) {
      const neg = -g[i]!;
      const l = lower[i]!;
      const u = upper[i]!;
      const hasL = l > -Infinity;
      const hasU = u < Infinity;
      let status: number;
      if (hasL && hasU && l === u) status = FIXED;
      else if (!hasL && !hasU) status = UNBOUNDED;
      else {
        status = FREE;
        if (hasL && x[i]! - l <= 0) {
          if (neg <= 0) status = AT_LOWER;
        } else if (hasU && u - x[i]! <= 0) {
          if (neg >= 0) status = AT_UPPER;
        } else if (neg === 0) status = FREE_ZERO_GRADIENT;
      }
      where[i] = status;
      if (status !== FREE && status !== UNBOUNDED) {
        dc[i] = 0;
        continue;
      }
      dc[i] = neg;
      f1 -= neg * neg;
      for (let a = 0; a < k2; a++) p[a] += W[i * m2 + a]! * neg;
      if (hasL && neg < 0) {
        breakpoints[i] = (x[i]! - l) / -neg;
        heap[nbreak++] = i;
      } else if (hasU && neg > 0) {
        breakpoints[i] = (u - x[i]!) / neg;
        heap[nbreak++] = i;
      } else if (neg !== 0) {
        bounded = false;
      }
    }
    xc.set(x);
    if (f1 === 0) return; // the projected gradient is zero: x is the Cauchy point

    let f2 = -theta * f1;
    const f2org = f2;
    if (k > 0) {
      this.multiplyM(p, 0, v);
      for (let a = 0; a < k2; a++) f2 -= p[a]! * v[a]!;
    }
    let dtm = -f1 / f2;
    let tsum = 0;
    let tOld = 0;
    let allFixed = false;
    // Min-heap of breakpoint indices keyed on their t.
    for (let i = (nbreak >> 1) - 1; i >= 0; i--) siftDown(heap, breakpoints, i, nbreak);
    let nleft = nbreak;
    while (nleft > 0) {
      const b = heap[0]!;
      const tj = breakpoints[b]!;
      const dt = tj - tOld;
      if (dtm < dt) break; // the minimiser lies in the current segment
      heap[0] = heap[nleft - 1]!;
      nleft--;
      siftDown(heap, breakpoints, 0, nleft);
      tsum += dt;
      tOld = tj;
      const dib = dc[b]!;
      dc[b] = 0;
      let zb: number;
      if (dib > 0) {
        zb = upper[b]! - x[b]!;
        xc[b] = upper[b]!;
        where[b] = AT_UPPER;
      } else {
        zb = lower[b]! - x[b]!;
        xc[b] = lower[b]!;
        where[b] = AT_LOWER;
      }
      if (nleft === 0 && nbreak === n) {
        // Every variable is at a bound: the last breakpoint is the Cauchy point.
        dtm = dt;
        allFixed = true;
        break;
      }
      const dib2 = dib * dib;
      f1 = f1 + dt * f2 + dib2 - theta * dib * zb;
      f2 = f2 - theta * dib2;
      if (k > 0) {
        for (let a = 0; a < k2; a++) c[a] += dt * p[a]!;
        this.multiplyM(W, b * m2, v);
        let wmc = 0;
        let wmp = 0;
        let wmw = 0;
        for (let a = 0; a < k2; a++) {
          const va = v[a]!;
          wmc += c[a]! * va;
          wmp += p[a]! * va;
          wmw += W[b * m2 + a]! * va;
        }
        for (let a = 0; a < k2; a++) p[a] -= dib * W[b * m2 + a]!;
        f1 += dib * wmc;
        f2 += 2 * dib * wmp - dib2 * wmw;
      }
      f2 = Math.max(EPS * f2org, f2);
      if (nleft > 0) dtm = -f1 / f2;
      else if (bounded) dtm = 0;
      else dtm = -f1 / f2;
    }
    if (!allFixed) {
      if (!(dtm > 0)) dtm = 0;
      tsum += dtm;
      for (let i = 0; i < n; i++) xc[i] += tsum * dc[i]!;
    }
    for (let a = 0; a < k2; a++) c[a] += dtm * p[a]!;
  }

  /**
   * Direct primal subspace minimisation (Byrd et al. 1995, §5.1) over the variables free at x_c,
   * then L-BFGS-B 3.0's projection/backtracking (Morales & Nocedal 2011). Writes x̄ into `xbar`.
   *
   * With Z the free columns, r = Zᵀ(∇f + θ(x_c − x) − W M c) and the reduced matrix
   * B̂ = θI − ZᵀW M WᵀZ, the step is d_u = −B̂⁻¹r = −r/θ − ZᵀW (I − M WᵀZZᵀW/θ)⁻¹ M WᵀZ r / θ².
   */
  private subspaceMinimization(): void {
    const { n, k, m, x, g, lower, upper, xc, xbar, where, freeIndex, r, du, W, c, v, u, A, N, theta } = this;
    const m2 = 2 * m;
    const k2 = 2 * k;
    xbar.set(xc);
    let nsub = 0;
    for (let i = 0; i < n; i++) if (where[i]! <= 0) freeIndex[nsub++] = i;
    if (nsub === 0) return;

    // r = Zᵀ(g + θ(x_c − x) − W M c)
    this.multiplyM(c, 0, v);
    for (let j = 0; j < nsub; j++) {
      const i = freeIndex[j]!;
      let wmc = 0;
      for (let a = 0; a < k2; a++) wmc += W[i * m2 + a]! * v[a]!;
      r[j] = g[i]! + theta * (xc[i]! - x[i]!) - wmc;
    }
    // u = M WᵀZ r
    for (let a = 0; a < k2; a++) {
      let sum = 0;
      for (let j = 0; j < nsub; j++) sum += W[freeIndex[j]! * m2 + a]! * r[j]!;
      v[a] = sum;
    }
    this.multiplyM(v, 0, u);
    // A = WᵀZ ZᵀW, N = I − M A / θ
    for (let a = 0; a < k2; a++) {
      for (let b = a; b < k2; b++) {
        let sum = 0;
        for (let j = 0; j < nsub; j++) {
          const row = freeIndex[j]! * m2;
          sum += W[row + a]! * W[row + b]!;
        }
        A[a * m2 + b] = sum;
        A[b * m2 + a] = sum;
      }
    }
    const M = this.M;
    for (let a = 0; a < k2; a++) {
      for (let b = 0; b < k2; b++) {
        let sum = 0;
        for (let q = 0; q < k2; q++) sum += M[a * m2 + q]! * A[q * m2 + b]!;
        N[a * m2 + b] = (a === b ? 1 : 0) - sum / theta;
      }
    }
    if (!luSolve(N, m2, k2, u)) return; // numerically singular: keep x̄ = x_c
    // d_u = −r/θ − ZᵀW u / θ²
    const theta2 = theta * theta;
    for (let j = 0; j < nsub; j++) {
      const row = freeIndex[j]! * m2;
      let wu = 0;
      for (let a = 0; a < k2; a++) wu += W[row + a]! * u[a]!;
      du[j] = -r[j]! / theta - wu / theta2;
    }

    // Project x_c + d_u onto the box.
    let hitBound = false;
    for (let j = 0; j < nsub; j++) {
      const i = freeIndex[j]!;
      let xi = xc[i]! + du[j]!;
      if (xi <= lower[i]!) {
        xi = lower[i]!;
        hitBound = true;
      } else if (xi >= upper[i]!) {
        xi = upper[i]!;
        hitBound = true;
      }
      xbar[i] = xi;
    }
    if (!hitBound) return;
    let slope = 0;
    for (let i = 0; i < n; i++) slope += (xbar[i]! - x[i]!) * g[i]!;
    if (slope <= 0) return;

    // The projected point is not a descent direction: truncate x_c + α d_u to the box instead.
    xbar.set(xc);
    let alpha = 1;
    let blocking = -1;
    for (let j = 0; j < nsub; j++) {
      const i = freeIndex[j]!;
      const dk = du[j]!;
      let limit = alpha;
      if (dk < 0 && lower[i]! > -Infinity) {
        const room = lower[i]! - xc[i]!;
        if (room >= 0) limit = 0;
        else if (dk * alpha < room) limit = room / dk;
      } else if (dk > 0 && upper[i]! < Infinity) {
        const room = upper[i]! - xc[i]!;
        if (room <= 0) limit = 0;
        else if (dk * alpha > room) limit = room / dk;
      }
      if (limit < alpha) {
        alpha = limit;
        blocking = j;
      }
    }
    if (alpha < 1 && blocking >= 0) {
      const i = freeIndex[blocking]!;
      const dk = du[blocking]!;
      if (dk > 0) xbar[i] = upper[i]!;
      else if (dk < 0) xbar[i] = lower[i]!;
      du[blocking] = 0;
    }
    for (let j = 0; j < nsub; j++) xbar[freeIndex[j]!] += alpha * du[j]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function boundArray(values: ArrayLike<number> | undefined, n: number, fill: number, name: string): Float64Array {
  const out = new Float64Array(n).fill(fill);
  if (values === undefined) return out;
  if (values.length !== n) throw new RangeError(`${name} has ${values.length} values, expected nParams = ${n}`);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || v === -fill) throw new RangeError(`${name}[${i}] is ${v}`);
    out[i] = v;
  }
  return out;
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/** Restores the min-heap property (keys t[heap[·]]) below position `pos` of heap[0, size). */
function siftDown(heap: Int32Array, t: Float64Array, pos: number, size: number): void {
  const item = heap[pos]!;
  const key = t[item]!;
  for (;;) {
    let child = 2 * pos + 1;
    if (child >= size) break;
    if (child + 1 < size && t[heap[child + 1]!]! < t[heap[child]!]!) child++;
    if (t[heap[child]!]! >= key) break;
    heap[pos] = heap[child]!;
    pos = child;
  }
  heap[pos] = item;
}

/**
 * Solves a·z = rhs in place (rhs ← z) for the size×size matrix stored row-major with the given
 * stride, by Gaussian elimination with partial pivoting (a is overwritten). False if singular.
 */
function luSolve(a: Float64Array, stride: number, size: number, rhs: Float64Array): boolean {
  for (let col = 0; col < size; col++) {
    let best = col;
    let bestAbs = Math.abs(a[col * stride + col]!);
    for (let row = col + 1; row < size; row++) {
      const v = Math.abs(a[row * stride + col]!);
      if (v > bestAbs) {
        bestAbs = v;
        best = row;
      }
    }
    if (!(bestAbs > 0) || !Number.isFinite(bestAbs)) return false;
    if (best !== col) {
      for (let q = 0; q < size; q++) {
        const tmp = a[col * stride + q]!;
        a[col * stride + q] = a[best * stride + q]!;
        a[best * stride + q] = tmp;
      }
      const tmp = rhs[col]!;
      rhs[col] = rhs[best]!;
      rhs[best] = tmp;
    }
    const pivot = a[col * stride + col]!;
    for (let row = col + 1; row < size; row++) {
      const factor = a[row * stride + col]! / pivot;
      if (factor === 0) continue;
      for (let q = col + 1; q < size; q++) a[row * stride + q] -= factor * a[col * stride + q]!;
      rhs[row] -= factor * rhs[col]!;
    }
  }
  for (let row = size - 1; row >= 0; row--) {
    let sum = rhs[row]!;
    for (let q = row + 1; q < size; q++) sum -= a[row * stride + q]! * rhs[q]!;
    rhs[row] = sum / a[row * stride + row]!;
  }
  for (let q = 0; q < size; q++) if (!Number.isFinite(rhs[q]!)) return false;
  return true;
}
