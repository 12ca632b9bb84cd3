/**
 * The limited-memory BFGS model of the Hessian: the m most recent correction pairs
 * sⱼ = x_{j+1} − x_j, yⱼ = ∇f_{j+1} − ∇f_j, and the two ways L-BFGS(-B) uses them.
 *
 * - *Two-loop recursion* (unbounded problems; Nocedal & Wright 2006, Alg. 7.4): d = −H∇f with
 *   H₀ = I/θ, θ = yᵀy / sᵀy of the newest pair, in O(mn) without forming H.
 * - *Compact representation* (bounded problems; Byrd, Nocedal & Schnabel 1994, Byrd et al. 1995):
 *   B = θI − W M Wᵀ with W = [Y, θS] (n × 2k) and M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹ (2k × 2k), where
 *   D = diag(sⱼᵀyⱼ) and L is the strictly lower triangle of SᵀY. The L-BFGS-B direction
 *   (`boundedSearchDirection.ts`) is built from W and M.
 *
 * The pairs live in a ring buffer (logical order oldest → newest); SᵀY and SᵀS are updated
 * incrementally as pairs are added, and nothing is allocated after construction.
 *
 * @see J. Nocedal & S. J. Wright, *Numerical Optimization*, 2nd ed., Springer 2006, §7.2.
 * @see R. H. Byrd, J. Nocedal & R. B. Schnabel, "Representations of quasi-Newton matrices and their
 *   use in limited memory methods", Math. Program. 63:129–156, 1994.
 * @see R. H. Byrd, P. Lu, J. Nocedal & C. Zhu, "A limited memory algorithm for bound constrained
 *   optimization", SIAM J. Sci. Comput. 16(5):1190–1208, 1995.
 */

/** The (s, y) memory of L-BFGS, with the compact representation kept up to date when asked. */
export class LbfgsMemory {
  // limited memory: slots in a ring, logical order oldest → newest
  readonly S: Float64Array;
  readonly Y: Float64Array;
  /** SY[i·m + j] = sᵢᵀyⱼ, logical indices. */
  readonly SY: Float64Array;
  /** SS[i·m + j] = sᵢᵀsⱼ, logical indices. */
  readonly SS: Float64Array;
  /** Offset into S/Y of the logical pair j. */
  readonly offsets: Int32Array;
  private readonly alpha: Float64Array;
  /** Number of pairs stored. */
  k = 0;
  private head = 0;
  /** θ = yᵀy / sᵀy of the newest pair (1 when empty). */
  theta = 1;

  // compact representation (bounded problems); 2m×2m matrices with stride 2m
  readonly M: Float64Array;
  readonly W: Float64Array; // n × 2m, row i = wᵢ = [Y(i, ·), θ S(i, ·)]
  private readonly T: Float64Array; // m × m
  private readonly E: Float64Array; // m × m
  private readonly G: Float64Array; // m × m

  /**
   * @param n number of variables
   * @param m number of pairs kept
   * @param compact keep M (and room for W) up to date, for the L-BFGS-B direction
   */
  constructor(
    readonly n: number,
    readonly m: number,
    private readonly compact: boolean,
  ) {
    const m2 = 2 * m;
    this.S = new Float64Array(m * n);
    this.Y = new Float64Array(m * n);
    this.SY = new Float64Array(m * m);
    this.SS = new Float64Array(m * m);
    this.offsets = new Int32Array(m);
    this.alpha = new Float64Array(m);
    const withBounds = compact ? 1 : 0;
    this.M = new Float64Array(withBounds * m2 * m2);
    this.W = new Float64Array(withBounds * n * m2);
    this.T = new Float64Array(withBounds * m * m);
    this.E = new Float64Array(withBounds * m * m);
    this.G = new Float64Array(withBounds * m * m);
  }

  /** Discards every pair (the model becomes θI with θ = 1). */
  reset(): void {
    this.k = 0;
    this.head = 0;
    this.theta = 1;
  }

  /**
   * Stores the pair (sNew, yNew) with sᵀy = sy > 0, dropping the oldest if the memory is full.
   * With the compact representation, a pair that makes M numerically singular empties the memory.
   */
  addPair(sNew: Float64Array, yNew: Float64Array, sy: number, yy: number): void {
    const { n, m, S, Y, SY, SS, offsets } = this;
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
    if (this.compact && !this.formMiddleMatrix()) this.reset();
  }

  /** d = −H∇f by the two-loop recursion (Nocedal & Wright Alg. 7.4), H₀ = I/θ. */
  twoLoop(g: Float64Array, d: Float64Array): void {
    const { n, k, m, S, Y, SY, offsets, alpha } = this;
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

  /** Fills W (row i = [Y(i, ·), θ·S(i, ·)]) for the current memory. */
  formW(): void {
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
  multiplyM(vec: Float64Array, vecOffset: number, out: Float64Array): void {
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
}
