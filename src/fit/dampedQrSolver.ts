/**
 * The linear subproblem of a Levenberg–Marquardt step, solved stably without forming JᵀJ:
 *
 *     δ = argmin ‖J_F·δ + r‖² + μ·‖D_F·δ‖²,   i.e.   (J_FᵀJ_F + μD_F²)·δ = −J_Fᵀr,
 *
 * for the free columns J_F of the Jacobian and the diagonal scaling D. As in MINPACK, J_F is
 * factored once per Jacobian by Householder reflections, J_F = Q·R (`qrfac`, no pivoting), and for
 * each damping μ the rows √μ·D_F are folded into R by Givens rotations, giving an upper triangular
 * S with SᵀS = J_FᵀJ_F + μD_F² (`qrsolv`); δ then follows by back substitution. Components past the
 * first zero (or non-finite) diagonal of S are set to 0. The factor S also solves other systems
 * with the same matrix (the geodesic acceleration of `levenbergMarquardt.ts`).
 *
 * @see J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory", in Numerical
 *   Analysis, Lecture Notes in Mathematics 630, Springer, 1978, pp. 105–116.
 * @see J. J. Moré, B. S. Garbow, K. E. Hillstrom, MINPACK-1 (ANL-80-74, 1980), `qrfac`, `qrsolv`.
 */

/** QR factor of J_F and the damped solves built on it; work arrays are allocated once. */
export class DampedQrSolver {
  /** Number of free columns of the last {@link factor}. */
  private nf = 0;
  /** Rank used by the last {@link solve}: S's diagonal is nonzero and finite before this index. */
  private nsing = 0;
  private readonly qa: Float64Array; // QR work, column-major m × nf
  private readonly qb: Float64Array; // Qᵀr work
  private readonly rdiag: Float64Array;
  private readonly R: Float64Array; // upper triangular nf × nf, row-major
  private readonly qtr: Float64Array;
  private readonly S: Float64Array; // Givens work
  private readonly sdiag: Float64Array;
  private readonly wa: Float64Array;

  /** For m residuals and n parameters. */
  constructor(
    private readonly m: number,
    private readonly n: number,
  ) {
    this.qa = new Float64Array(m * n);
    this.qb = new Float64Array(m);
    this.rdiag = new Float64Array(n);
    this.R = new Float64Array(n * n);
    this.qtr = new Float64Array(n);
    this.S = new Float64Array(n * n);
    this.sdiag = new Float64Array(n);
    this.wa = new Float64Array(n);
  }

  /**
   * Householder QR of J_F (MINPACK qrfac, no pivoting), the columns `free[0..nf)` of the row-major
   * m × n Jacobian J; keeps R and qtr = (Qᵀr)[0..nf).
   */
  factor(J: Float64Array, r: Float64Array, free: Int32Array, nf: number): void {
    const { m, n, qa, qb, rdiag, R, qtr } = this;
    this.nf = nf;
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
  }

  /**
   * Solves [R; √μ·D_F]·δ = [−qtr; 0] by Givens rotations (MINPACK qrsolv) and back substitution,
   * writing δ (length nf) into `delta`. `sqrtMu` is √μ, `diag` the full-length scaling D.
   */
  solve(sqrtMu: number, diag: Float64Array, free: Int32Array, delta: Float64Array): void {
    const { nf, R, qtr, S, sdiag, wa } = this;
    for (let k = 0; k < nf * nf; k++) S[k] = R[k]!;
    for (let a = 0; a < nf; a++) wa[a] = qtr[a]!;
    for (let a = 0; a < nf; a++) {
      const dj = sqrtMu * diag[free[a]!]!;
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
    this.nsing = nsing;
    for (let a = nf - 1; a >= 0; a--) {
      if (a >= nsing) {
        delta[a] = 0;
        continue;
      }
      let s = -wa[a]!;
      for (let b = a + 1; b < nsing; b++) s -= S[a * nf + b]! * delta[b]!;
      delta[a] = s / S[a * nf + a]!;
    }
  }

  /**
   * rhs ← (SᵀS)⁻¹·rhs = (J_FᵀJ_F + μD_F²)⁻¹·rhs with the factor of the last {@link solve}:
   * z = S⁻ᵀ·rhs, then S⁻¹·z (components past a zero diagonal: 0).
   */
  solveNormal(rhs: Float64Array): void {
    const { nf, nsing, S } = this;
    for (let a = 0; a < nf; a++) {
      let z = rhs[a]!;
      for (let b = 0; b < a; b++) z -= S[b * nf + a]! * rhs[b]!;
      rhs[a] = a < nsing ? z / S[a * nf + a]! : 0;
    }
    for (let a = nf - 1; a >= 0; a--) {
      if (a >= nsing) continue;
      let t = rhs[a]!;
      for (let b = a + 1; b < nsing; b++) t -= S[a * nf + b]! * rhs[b]!;
      rhs[a] = t / S[a * nf + a]!;
    }
  }
}
