/**
 * The iteration of the bounded Levenberg–Marquardt solver behind `solveLeastSquares`
 * (`leastSquares.ts`, which documents the method, the options and the stopping rules in full).
 *
 * Each outer iteration, at θ with residuals r, Jacobian J and g = Jᵀr:
 * 1. the active set and the gtol test ({@link LevenbergMarquardt.gradientAndActiveSet});
 * 2. a QR factor of the free columns J_F (`dampedQrSolver.ts`);
 * 3. trial steps with increasing damping μ until one lowers ½‖r‖² or a test stops the run
 *    ({@link LevenbergMarquardt.tryDampedSteps}): the damped step δ, its bounded velocity v
 *    ({@link LevenbergMarquardt.velocity}), the geodesic acceleration a, the trial point
 *    θ' = P(θ + v + ½a), the ftol/xtol tests and Nielsen's damping update.
 *
 * @see J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory", LNM 630, 1978.
 * @see H. B. Nielsen, "Damping parameter in Marquardt's method", IMM-REP-1999-05, DTU, 1999.
 * @see M. K. Transtrum, B. B. Machta & J. P. Sethna, "Geometry of nonlinear least squares with
 *   applications to sloppy models and optimization", Phys. Rev. E 83, 036701, 2011.
 */
import { DampedQrSolver } from './dampedQrSolver.js';
import { finiteDifferenceColumn, type FiniteDifferenceWork } from './finiteDifferenceJacobian.js';
import type { LeastSquaresProblem, LeastSquaresResult, StopReason } from './leastSquares.js';

/** Relative distance from a bound within which a parameter counts as on it. */
const BOUND_TOL = 1e-10;
const MIN_DAMPING = 1e-20;
/** Finite-difference step (along the velocity) for the second directional derivative r_vv. */
const ACCEL_H = 0.1;
/** Largest accepted 2‖D·a‖/‖D·v‖ (Transtrum & Sethna's α). */
const ACCEL_RATIO = 0.75;
/** Largest scaled gradient (cosine) at which a rejected step may still count as convergence. */
const REJECTED_STEP_GTOL = 1e-4;

/** Whether v lies on (within BOUND_TOL relative of) the finite bound b. */
function onBound(v: number, b: number): boolean {
  return Number.isFinite(b) && Math.abs(v - b) <= BOUND_TOL * Math.max(Math.abs(b), 1);
}

/** ‖D·v‖₂ for the diagonal scaling D, over the first n components. */
function scaledNorm(diag: Float64Array, v: Float64Array, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += (diag[j]! * v[j]!) ** 2;
  return Math.sqrt(s);
}

/** The resolved options of one solve (tolerances already raised to at least ε). */
export interface LevenbergMarquardtSettings {
  maxIterations: number;
  ftol: number;
  xtol: number;
  gtol: number;
  initialDamping: number;
  maxDamping: number;
  geodesicAcceleration: boolean;
}

/** Verdict on the geodesic acceleration of a trial: use it, drop it (rounding noise), or reject the step. */
type AccelerationVerdict = 'use' | 'drop' | 'reject';

/** One run of the solver from a start inside the bounds; every work array is allocated here. */
export class LevenbergMarquardt {
  private readonly n: number;
  private readonly m: number;
  private readonly r: Float64Array; // residuals at x
  private readonly J: Float64Array; // Jacobian at x, row-major
  private readonly xt: Float64Array; // trial point / FD point
  private readonly rt: Float64Array; // residuals at trial point
  private readonly g: Float64Array; // Jᵀr
  private readonly colNorm: Float64Array;
  private readonly diag: Float64Array; // Marquardt scaling D
  private readonly free: Int32Array; // indices of free parameters
  private readonly delta: Float64Array; // step on free params
  private readonly step: Float64Array; // velocity v (feasible), full length
  private readonly Js: Float64Array;
  private readonly acc: Float64Array; // geodesic acceleration on free params
  private readonly xv: Float64Array; // θ + v
  private readonly xvSaved: Float64Array; // θ + projected step, while the truncated one is tried
  private readonly qr: DampedQrSolver;
  private readonly fd: FiniteDifferenceWork;
  private readonly hasJac: boolean;
  private readonly zeroSse: number;

  private evaluations = 0;
  private iterations = 0;
  private sse = NaN;
  private mu: number;
  private nu = 2;
  /** Number of free parameters (their indices in `free`). */
  private nf = 0;
  /** Acceleration ratio and step length of the previous trial, if it failed the ratio test. */
  private prevRatio = Infinity;
  private prevVD = Infinity;

  /** `x` is the start, already inside [lo, hi]; it is updated in place to the solution. */
  constructor(
    private readonly problem: LeastSquaresProblem,
    private readonly lo: Float64Array,
    private readonly hi: Float64Array,
    typ: Float64Array,
    private readonly x: Float64Array,
    private readonly settings: LevenbergMarquardtSettings,
  ) {
    const n = problem.nParams;
    const m = problem.nResiduals;
    this.n = n;
    this.m = m;
    this.r = new Float64Array(m);
    this.J = new Float64Array(m * n);
    this.xt = new Float64Array(n);
    this.rt = new Float64Array(m);
    this.g = new Float64Array(n);
    this.colNorm = new Float64Array(n);
    this.diag = new Float64Array(n);
    this.free = new Int32Array(n);
    this.delta = new Float64Array(n);
    this.step = new Float64Array(n);
    this.Js = new Float64Array(m);
    this.acc = new Float64Array(n);
    this.xv = new Float64Array(n);
    this.xvSaved = new Float64Array(n);
    this.qr = new DampedQrSolver(m, n);
    this.fd = {
      m,
      n,
      x,
      r: this.r,
      lower: lo,
      upper: hi,
      typicalScale: typ,
      J: this.J,
      xt: this.xt,
      rp: new Float64Array(m),
      rm: new Float64Array(m),
      evaluate: (p, out) => this.evaluate(p, out),
    };
    this.hasJac = typeof problem.jacobian === 'function';
    this.zeroSse = 1e-30 * m;
    this.mu = settings.initialDamping;
  }

  run(): LeastSquaresResult {
    const { m, x, r } = this;
    this.sse = this.evaluate(x, r);
    if (Number.isNaN(this.sse)) {
      let s = 0;
      for (let i = 0; i < m; i++) s += r[i]! * r[i]!;
      this.sse = s;
      return this.finish('non-finite');
    }
    this.jacobian();
    if (this.sse <= this.zeroSse) return this.finish('zero-residual');
    this.updateScaling(true);
    for (;;) {
      const gmax = this.gradientAndActiveSet();
      if (this.nf === 0 || gmax <= this.settings.gtol) return this.finish('gtol');
      if (this.iterations >= this.settings.maxIterations) return this.finish('max-iterations');
      this.qr.factor(this.J, r, this.free, this.nf);
      const stop = this.tryDampedSteps(gmax);
      if (stop !== null) return this.finish(stop);
    }
  }

  /**
   * Trial steps with increasing damping from the current θ until one is accepted (null: go on
   * with a new Jacobian) or the run stops (the reason). `gmax` is the scaled gradient at θ.
   */
  private tryDampedSteps(gmax: number): StopReason | null {
    const { n, x, diag, step, settings } = this;
    const { maxIterations, maxDamping, xtol } = settings;
    const xnormD = scaledNorm(diag, x, n);
    const f0 = 0.5 * this.sse;
    this.prevRatio = Infinity;
    this.prevVD = Infinity;
    for (;;) {
      if (this.iterations >= maxIterations) return 'max-iterations';
      if (this.mu > maxDamping) return 'stalled';
      this.iterations++;

      this.qr.solve(Math.sqrt(this.mu), diag, this.free, this.delta);
      // The step is below the floating-point resolution of θ: no further improvement possible.
      if (!this.stepIsRepresentable()) return 'xtol';
      const pred = this.velocity();
      const vD = scaledNorm(diag, step, n);
      if (!this.stepMoves() || !Number.isFinite(vD) || !(pred > 0)) {
        // Nothing to try at this damping (the step vanished in the projection, overflowed, or
        // its projection no longer descends): damp harder, which turns the step towards the
        // scaled projected gradient.
        this.raiseDamping();
        continue;
      }

      let useAcc = false;
      if (settings.geodesicAcceleration) {
        const verdict = this.accelerate(vD);
        if (verdict === 'reject') {
          this.raiseDamping();
          continue;
        }
        useAcc = verdict === 'use';
      }
      this.prevRatio = Infinity;
      this.prevVD = Infinity;

      const stepD = this.placeTrialPoint(useAcc);
      const xtolHit = stepD <= xtol * (xnormD + xtol);
      const sseT = this.evaluate(this.xt, this.rt);
      if (Number.isNaN(sseT)) {
        // Non-finite residuals: reject and damp harder; never a convergence.
        this.raiseDamping();
        continue;
      }
      const f1 = 0.5 * sseT;
      const act = f0 - f1;
      const rho = pred > 0 ? act / pred : -Infinity;
      const ftolHit = this.ftolReached(act, pred, rho, f0);

      if (pred > 0 && act > 0) {
        this.acceptTrial(sseT, rho);
        if (this.sse <= this.zeroSse) return 'zero-residual';
        if (ftolHit) return 'ftol';
        if (xtolHit) return 'xtol';
        return null;
      }
      // Reject. A rejected step is a convergence only where the residual is already nearly
      // orthogonal to every free column of J; otherwise a degenerate scaling (columns ~1e-35, steps
      // clipped at a bound) has shrunk the steps at a non-stationary point, which is a stall.
      if (ftolHit || xtolHit) return gmax <= REJECTED_STEP_GTOL ? (ftolHit ? 'ftol' : 'xtol') : 'stalled';
      this.raiseDamping();
    }
  }

  /** r(p) into out; returns Σr² (NaN if any residual or the sum is not finite). */
  private evaluate(p: Float64Array, out: Float64Array): number {
    this.evaluations++;
    this.problem.residuals(p, out);
    let s = 0;
    for (let i = 0; i < this.m; i++) {
      const v = out[i]!;
      s += v * v;
    }
    return Number.isFinite(s) ? s : Number.NaN;
  }

  /** J at x (residuals r there): the analytic Jacobian if it is finite, else finite differences. */
  private jacobian(): void {
    const { m, n, J } = this;
    if (this.hasJac) {
      this.problem.jacobian!(this.x, J);
      let ok = true;
      for (let k = 0; k < m * n; k++) {
        if (!Number.isFinite(J[k]!)) {
          ok = false;
          break;
        }
      }
      if (ok) return;
    }
    for (let j = 0; j < n; j++) finiteDifferenceColumn(this.fd, j);
  }

  /** Marquardt scaling D_j = max(D_j, ‖J_{·j}‖), initially the column norms (1 for zero columns). */
  private updateScaling(first: boolean): void {
    const { m, n, J, colNorm, diag } = this;
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
  }

  /**
   * g = Jᵀr; the free set F (parameters not held at a bound by their gradient) into `free`/`nf`;
   * returns the scaled projected gradient max_{j∈F} |g_j|/(‖J_{·j}‖·‖r‖) of the gtol test.
   */
  private gradientAndActiveSet(): number {
    const { m, n, J, r, g, x, lo, hi, free, colNorm } = this;
    const fnorm = Math.sqrt(this.sse);
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
    this.nf = nf;
    return gmax;
  }

  /** Whether θ + δ differs from θ in some free component (δ is above θ's resolution). */
  private stepIsRepresentable(): boolean {
    const { x, delta, free, nf } = this;
    for (let a = 0; a < nf; a++) {
      const xj = x[free[a]!]!;
      if (xj + delta[a]! !== xj) return true;
    }
    return false;
  }

  /**
   * Velocity v: the projected step P(θ + δ) − θ or, when the projection cut components off,
   * whichever of it and the step truncated at the first bound, α·δ, the model predicts to reduce
   * the cost more. Leaves xv = θ + v exactly (parameters stopped by a bound hold the bound's exact
   * value), v in `step`, J·v in `Js`, and returns the prediction −gᵀv − ½‖J·v‖².
   */
  private velocity(): number {
    const clipped = this.projectStep();
    let pred = this.modelReduction();
    if (!clipped) return pred;
    const alpha = this.blockingFraction();
    if (!(alpha > 0)) return pred;
    const projected = pred;
    this.xvSaved.set(this.xv);
    this.truncateStep(alpha);
    pred = this.modelReduction();
    if (!(pred > projected) && projected > 0) {
      this.xv.set(this.xvSaved);
      pred = this.modelReduction();
    }
    return pred;
  }

  /** xv = P(θ + δ), the projection onto the box; true when it cut some component. */
  private projectStep(): boolean {
    const { x, delta, free, nf, lo, hi, xv } = this;
    let clipped = false;
    xv.set(x);
    for (let a = 0; a < nf; a++) {
      const j = free[a]!;
      const v = x[j]! + delta[a]!;
      if (v < lo[j]!) {
        clipped = true;
        xv[j] = lo[j]!;
      } else if (v > hi[j]!) {
        clipped = true;
        xv[j] = hi[j]!;
      } else {
        xv[j] = v;
      }
    }
    return clipped;
  }

  /** The largest α ≤ 1 with θ + α·δ inside the box (the first bound δ runs into). */
  private blockingFraction(): number {
    const { x, delta, free, nf, lo, hi } = this;
    let alpha = 1;
    for (let a = 0; a < nf; a++) {
      const j = free[a]!;
      const xj = x[j]!;
      const d = delta[a]!;
      const v = xj + d;
      if (v < lo[j]!) alpha = Math.min(alpha, (lo[j]! - xj) / d);
      else if (v > hi[j]!) alpha = Math.min(alpha, (hi[j]! - xj) / d);
    }
    return alpha;
  }

  /** xv = θ + α·δ, with the blocking parameters exactly on their bound and the rest clipped. */
  private truncateStep(alpha: number): void {
    const { x, delta, free, nf, lo, hi, xv } = this;
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
  }

  /** −gᵀs − ½‖J·s‖² for s = xv − x (stored in `step`); leaves J·s in `Js`. */
  private modelReduction(): number {
    const { m, n, x, xv, g, J, step, Js } = this;
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
  }

  /** Whether the velocity has a nonzero component. */
  private stepMoves(): boolean {
    const { n, step } = this;
    for (let j = 0; j < n; j++) if (step[j]! !== 0) return true;
    return false;
  }

  /**
   * Geodesic acceleration: r_vv ≈ (2/h)·((r(θ + h·v) − r)/h − J·v), then
   * (J_FᵀJ_F + μD_F²)·a = −J_Fᵀ·r_vv via the damped factor, into `acc`. The step is rejected when
   * the probe is not finite or 2‖D·a‖/‖D·v‖ > 0.75; but if that ratio did not fall although the
   * step shrank, it is rounding noise in r_vv (near a solution) and a is dropped instead.
   */
  private accelerate(vD: number): AccelerationVerdict {
    const { m, n, nf, x, r, J, free, step, xt, rt, Js, acc, diag } = this;
    for (let j = 0; j < n; j++) xt[j] = x[j]! + ACCEL_H * step[j]!;
    const sseH = this.evaluate(xt, rt);
    if (Number.isNaN(sseH)) return 'reject';
    const c = 2 / ACCEL_H;
    for (let i = 0; i < m; i++) rt[i] = c * ((rt[i]! - r[i]!) / ACCEL_H - Js[i]!);
    for (let a = 0; a < nf; a++) {
      const j = free[a]!;
      let t = 0;
      for (let i = 0; i < m; i++) t += J[i * n + j]! * rt[i]!;
      acc[a] = -t;
    }
    this.qr.solveNormal(acc);
    let aD = 0;
    for (let a = 0; a < nf; a++) aD += (diag[free[a]!]! * acc[a]!) ** 2;
    aD = Math.sqrt(aD);
    const ratio = (2 * aD) / vD;
    if (ratio <= ACCEL_RATIO) return 'use';
    // The path curves too much over this step: shorten it. A true curvature term shrinks with the
    // step (ratio ∝ ‖v‖); if the ratio did not fall although the step shrank, it is rounding noise.
    const noise = Number.isFinite(ratio) && ratio >= this.prevRatio && vD < this.prevVD;
    if (noise) return 'drop';
    this.prevRatio = Number.isFinite(ratio) ? ratio : Infinity;
    this.prevVD = vD;
    return 'reject';
  }

  /** Trial point θ' = P(θ + v + ½·a) into `xt`; returns the scaled length ‖D·(θ' − θ)‖. */
  private placeTrialPoint(useAcc: boolean): number {
    const { x, xt, xv, free, nf, lo, hi, acc, diag } = this;
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
    return Math.sqrt(stepD);
  }

  /** MINPACK's ftol test: |act|/f ≤ ftol, pred/f ≤ ftol and ρ ≤ 2. */
  private ftolReached(act: number, pred: number, rho: number, f0: number): boolean {
    const actRel = act / f0;
    const predRel = pred / f0;
    return Math.abs(actRel) <= this.settings.ftol && predRel <= this.settings.ftol && rho <= 2;
  }

  /** Moves to the trial point, lowers the damping (Nielsen) and refreshes J and the scaling. */
  private acceptTrial(sseT: number, rho: number): void {
    this.x.set(this.xt);
    this.r.set(this.rt);
    this.sse = sseT;
    this.lowerDamping(rho);
    this.jacobian();
    this.updateScaling(false);
  }

  /** Nielsen's update after an accepted step with gain ratio ρ: μ ← μ·max(1/3, 1 − (2ρ − 1)³), ν ← 2. */
  private lowerDamping(rho: number): void {
    const t = 2 * rho - 1;
    this.mu *= Math.max(1 / 3, 1 - t * t * t);
    if (this.mu < MIN_DAMPING) this.mu = MIN_DAMPING;
    this.nu = 2;
  }

  /** Nielsen's update after a rejected step: μ ← μ·ν, ν ← 2ν. */
  private raiseDamping(): void {
    this.mu *= this.nu;
    this.nu *= 2;
  }

  private atBounds(): number[] {
    const { n, x, lo, hi } = this;
    const out: number[] = [];
    for (let j = 0; j < n; j++) {
      const v = x[j]!;
      if (onBound(v, lo[j]!) || onBound(v, hi[j]!)) out.push(j);
    }
    return out;
  }

  private finish(reason: StopReason): LeastSquaresResult {
    return {
      params: Float64Array.from(this.x),
      sse: this.sse,
      residuals: Float64Array.from(this.r),
      jacobian: Float64Array.from(this.J),
      iterations: this.iterations,
      evaluations: this.evaluations,
      converged: reason === 'ftol' || reason === 'xtol' || reason === 'gtol' || reason === 'zero-residual',
      reason,
      atBounds: this.atBounds(),
    };
  }
}
