/**
 * Limited-memory BFGS minimisation of a smooth objective, with optional box bounds (L-BFGS-B): the
 * solver loop (direction, line search, update, stopping rules). Its parts live in
 * `lbfgsMemory.ts` (the (s, y) pairs, two-loop recursion, compact representation),
 * `boundedSearchDirection.ts` (Cauchy point and subspace step) and `lineSearch.ts` (Moré–Thuente);
 * the Huber loss it is typically used on is in `robustLoss.ts`.
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
 *    - With bounds (Byrd, Lu, Nocedal & Zhu 1995): the generalised Cauchy point of the compact
 *      quasi-Newton model B = θI − W M Wᵀ, then subspace minimisation over the variables free
 *      there, projected or truncated to the box as in L-BFGS-B 3.0 (`boundedSearchDirection.ts`)
 *      gives x̄. The search direction is d = x̄ − x, and every point the line search tries lies in
 *      the box.
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
import { BoundedSearchDirection } from './boundedSearchDirection.js';
import { LbfgsMemory } from './lbfgsMemory.js';
import { LS_CONVERGED, LS_FTOL, LS_WARNING, MoreThuente } from './lineSearch.js';

// The loss helpers used to live here; re-exported for the public API (src/index.ts) and
// validation/epochChinchilla.ts, which import them from this module.
export { huber, huberDerivative } from './robustLoss.js';
export { logSumExp } from './logSumExp.js';

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

const EPS = Number.EPSILON;
/** Relative rounding level of f below which a failed line search means "no decrease possible". */
const STALL_EPS = 10 * EPS;
/** scipy's default factr·ε_mach = 1e7·2.22e-16. */
const DEFAULT_FTOL = 1e7 * EPS;
/** The largest step the line search may take when nothing else limits it (L-BFGS-B's `big`). */
const BIG_STEP = 1e10;
/** Evaluations per line search (scipy's `maxls`). */
const MAX_LINE_SEARCH = 20;
/** Step factor after a trial point where f or ∇f is not finite. */
const NON_FINITE_SHRINK = 0.1;

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

/** One run of {@link minimizeLbfgs}: the iterate, its trial point and the work arrays. */
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

  /** The (s, y) pairs, with the compact representation when some bound is finite. */
  private readonly memory: LbfgsMemory;
  /** The L-BFGS-B direction (null without finite bounds, where the two-loop recursion is used). */
  private readonly bounded: BoundedSearchDirection | null;

  private readonly lineSearch = new MoreThuente();
  private evaluations = 0;
  private iterations = 0;

  constructor(
    private readonly objective: SmoothObjective,
    private readonly n: number,
    m: number,
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
    this.memory = new LbfgsMemory(n, m, constrained);
    this.bounded = constrained ? new BoundedSearchDirection(n, this.lower, this.upper, this.memory) : null;
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
      if (this.bounded !== null) {
        this.bounded.compute(this.x, this.g, this.xbar);
        for (let i = 0; i < n; i++) this.d[i] = this.xbar[i]! - this.x[i]!;
        stpmax = this.iterations === 0 ? 1 : this.maxFeasibleStep();
      } else {
        this.memory.twoLoop(this.g, this.d);
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
        } else if (this.memory.k > 0 && -gd <= threshold && decrease <= threshold) {
          // The quasi-Newton step predicts, and the trials found, no decrease beyond the ftol
          // threshold: no step could have passed the ftol test, so x is optimal to precision.
          return this.result('ftol');
        } else if (this.memory.k === 0) {
          return this.result('line-search-failed');
        } else {
          this.memory.reset(); // restart from the steepest-descent model, as L-BFGS-B does
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
      if (sy > EPS * yy) this.memory.addPair(this.sNew, this.yNew, sy, yy);
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
}

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
