/**
 * The Moré–Thuente line search: a port of MINPACK-2's `dcsrch`/`dcstep`, as used inside
 * L-BFGS-B 3.0, driven by reverse communication (the caller evaluates the objective).
 *
 * Along a descent direction d from x, with φ(t) = f(x + t·d) and φ′(0) < 0, it looks for a step t in
 * [t_min, t_max] satisfying the strong Wolfe conditions
 *
 *     φ(t) ≤ φ(0) + c₁·t·φ′(0),   |φ′(t)| ≤ c₂·|φ′(0)|,   c₁ = 10⁻³, c₂ = 0.9,
 *
 * by keeping an interval [stx, sty] known to contain such a step and choosing each trial by a
 * safeguarded cubic or quadratic interpolation of the function values and derivatives at its ends
 * (`dcstep`'s four cases). Until a step with ψ(t) ≤ 0 and φ′(t) ≥ 0 has been seen, it works on the
 * auxiliary function ψ(t) = φ(t) − φ(0) − c₁·t·φ′(0). The search ends with a warning when the
 * interval has shrunk below the relative tolerance 0.1, when rounding errors prevent progress, or
 * at t_max / t_min. How many evaluations to allow, and what to do on a warning, is the caller's
 * business (see `lbfgs.ts`).
 *
 * @see J. J. Moré & D. J. Thuente, "Line search algorithms with guaranteed sufficient decrease",
 *   ACM TOMS 20(3):286–307, 1994.
 * @see J. Nocedal & S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006, §3.5.
 */

/** Strong Wolfe constants and interval tolerance, as in L-BFGS-B. */
export const LS_FTOL = 1e-3;
const LS_GTOL = 0.9;
const LS_XTOL = 0.1;

/** {@link MoreThuente.next} results: evaluate at the new `stp`, a Wolfe point was found, or a warning stop. */
export const LS_EVALUATE = 0;
export const LS_CONVERGED = 1;
export const LS_WARNING = 2;
export type LineSearchTask = typeof LS_EVALUATE | typeof LS_CONVERGED | typeof LS_WARNING;

/**
 * Moré & Thuente's line search for φ(t) = f(x + t·d): finds t with φ(t) ≤ φ(0) + ftol·t·φ′(0) and
 * |φ′(t)| ≤ gtol·|φ′(0)|. Call {@link start} with φ(0), φ′(0) and the first trial step, evaluate at
 * {@link stp}, then call {@link next} with φ(stp), φ′(stp) until it stops returning LS_EVALUATE.
 */
export class MoreThuente {
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
