/**
 * One column of a Jacobian J_ij = ∂r_i/∂θ_j by finite differences that respect box bounds, for
 * the least-squares solver when the problem has no analytic Jacobian (or it returned a non-finite
 * entry).
 *
 * The step is h = ε^(1/3)·max(|θ_j|, typ_j), which balances truncation and rounding error for
 * central differences. The first scheme whose points lie in [l_j, u_j] and give finite residuals
 * is used:
 *
 *     central            (r(θ + h) − r(θ − h)) / 2h                   error O(h²)
 *     3-point one-sided  (−3·r(θ) + 4·r(θ ± h) − r(θ ± 2h)) / (±2h)   error O(h²)
 *     2-point one-sided  (r(θ ± h') − r(θ)) / (±h'), h' clipped to the bound   error O(h)
 *
 * (forward before backward). With no usable neighbour the column is zero, so the parameter does
 * not move that iteration.
 *
 * @see J. E. Dennis & R. B. Schnabel, *Numerical Methods for Unconstrained Optimization and
 *   Nonlinear Equations*, SIAM 1996, §5.4 (the step size for finite differences).
 * @see J. Nocedal & S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006, §8.1.
 */

const EPS = 2.220446049250313e-16;
/** ε^(1/3): the step of central differences that balances truncation and rounding error. */
const FD_REL = Math.cbrt(EPS);

/** The point, its residuals, the bounds and the work arrays a difference column needs. */
export interface FiniteDifferenceWork {
  /** Number of residuals m and parameters n. */
  readonly m: number;
  readonly n: number;
  /** The point θ and r(θ). */
  readonly x: Float64Array;
  readonly r: Float64Array;
  /** Box bounds (±Infinity for none). */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** typ_j in the step h_j = ε^(1/3)·max(|θ_j|, typ_j). */
  readonly typicalScale: Float64Array;
  /** The row-major m × n Jacobian the column is written into. */
  readonly J: Float64Array;
  /** Work: a point (length n) and two residual vectors (length m). */
  readonly xt: Float64Array;
  readonly rp: Float64Array;
  readonly rm: Float64Array;
  /** Writes r(p) into `out`; returns Σr², NaN when not finite. */
  evaluate(p: Float64Array, out: Float64Array): number;
}

/** Finite-difference column j of J at x (residuals r there), into J. */
export function finiteDifferenceColumn(work: FiniteDifferenceWork, j: number): void {
  const { m, n, x, r, J, xt, rp, rm } = work;
  const xj = x[j]!;
  const lj = work.lower[j]!;
  const uj = work.upper[j]!;
  const h = FD_REL * Math.max(Math.abs(xj), work.typicalScale[j]!);
  xt.set(x);
  /** r at x with x_j = v, into out; false when not finite. */
  const probe = (v: number, out: Float64Array): boolean => {
    xt[j] = v;
    return !Number.isNaN(work.evaluate(xt, out));
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
}
