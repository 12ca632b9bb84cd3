/**
 * The L-BFGS-B search direction for min f(θ) subject to l ≤ θ ≤ u: from the iterate x with
 * gradient ∇f and the compact quasi-Newton matrix B = θI − W M Wᵀ (`lbfgsMemory.ts`), the point x̄
 * that `lbfgs.ts` searches towards (d = x̄ − x).
 *
 * 1. *Generalised Cauchy point* x_c: the first local minimiser of the quadratic model
 *    m(z) = f + ∇fᵀ(z − x) + ½(z − x)ᵀB(z − x) along the projected steepest-descent path
 *    P(x − t∇f), t ≥ 0, found by visiting the breakpoints (where a variable hits its bound) in
 *    increasing order from a heap and updating the model's slope and curvature on each segment.
 *    The variables at a bound at x_c are held there.
 * 2. *Direct primal subspace minimisation* of the model over the variables free at x_c, by the
 *    Sherman–Morrison–Woodbury formula on the reduced matrix.
 * 3. As in L-BFGS-B 3.0, the subspace step is projected onto the box and, if that projection is not
 *    a descent direction, truncated to the box instead; x̄ always lies in the box.
 *
 * @see R. H. Byrd, P. Lu, J. Nocedal & C. Zhu, "A limited memory algorithm for bound constrained
 *   optimization", SIAM J. Sci. Comput. 16(5):1190–1208, 1995, §§4–5.
 * @see J. L. Morales & J. Nocedal, "Remark on Algorithm 778: L-BFGS-B", ACM TOMS 38(1), 2011.
 */
import type { LbfgsMemory } from './lbfgsMemory.js';

const EPS = Number.EPSILON;

/** Variable status at the Cauchy point (L-BFGS-B's `iwhere`). */
const FREE = 0; // free, bounded on at least one side
const UNBOUNDED = -1; // no finite bound: always free
const FREE_ZERO_GRADIENT = -3; // strictly inside the box with ∇f = 0
const AT_LOWER = 1;
const AT_UPPER = 2;
const FIXED = 3; // lᵢ = uᵢ

/** Computes x̄ for L-BFGS-B; all work arrays are allocated once, in the constructor. */
export class BoundedSearchDirection {
  // Cauchy point and subspace minimisation (n-vectors)
  private readonly xc: Float64Array;
  private readonly dc: Float64Array;
  private readonly where: Int8Array;
  private readonly breakpoints: Float64Array;
  private readonly heap: Int32Array;
  private readonly freeIndex: Int32Array;
  private readonly r: Float64Array;
  private readonly du: Float64Array;
  // 2m-vectors and 2m×2m matrices with stride 2m
  private readonly p: Float64Array;
  private readonly c: Float64Array;
  private readonly v: Float64Array;
  private readonly u: Float64Array;
  private readonly A: Float64Array;
  private readonly N: Float64Array;

  /** `lower`/`upper` are the bounds (±Infinity for none); `memory` must keep the compact form. */
  constructor(
    private readonly n: number,
    private readonly lower: Float64Array,
    private readonly upper: Float64Array,
    private readonly memory: LbfgsMemory,
  ) {
    const m2 = 2 * memory.m;
    this.xc = new Float64Array(n);
    this.dc = new Float64Array(n);
    this.where = new Int8Array(n);
    this.breakpoints = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.freeIndex = new Int32Array(n);
    this.r = new Float64Array(n);
    this.du = new Float64Array(n);
    this.p = new Float64Array(m2);
    this.c = new Float64Array(m2);
    this.v = new Float64Array(m2);
    this.u = new Float64Array(m2);
    this.A = new Float64Array(m2 * m2);
    this.N = new Float64Array(m2 * m2);
  }

  /** Writes x̄ for the iterate x with gradient g into `xbar` (the Cauchy point when the memory is empty). */
  compute(x: Float64Array, g: Float64Array, xbar: Float64Array): void {
    this.cauchyPoint(x, g);
    if (this.memory.k > 0) this.subspaceMinimization(x, g, xbar);
    else xbar.set(this.xc);
  }

  /**
   * The generalised Cauchy point x_c: the first local minimiser of the quadratic model
   * m(z) = f + ∇fᵀ(z − x) + ½(z − x)ᵀB(z − x) along the projected path P(x − t∇f), t ≥ 0,
   * scanning the breakpoints in increasing order (Byrd et al. 1995, §4). Also sets c = Wᵀ(x_c − x)
   * and the status of every variable at x_c.
   */
  private cauchyPoint(x: Float64Array, g: Float64Array): void {
    const { n, lower, upper, xc, dc, where, breakpoints, heap, p, c, v, memory } = this;
    const { k, m, W, theta } = memory;
    const m2 = 2 * m;
    const k2 = 2 * k;
    if (k > 0) memory.formW();
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
      memory.multiplyM(p, 0, v);
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
        memory.multiplyM(W, b * m2, v);
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
  private subspaceMinimization(x: Float64Array, g: Float64Array, xbar: Float64Array): void {
    const { n, lower, upper, xc, where, freeIndex, r, du, c, v, u, A, N, memory } = this;
    const { k, m, W, theta } = memory;
    const m2 = 2 * m;
    const k2 = 2 * k;
    xbar.set(xc);
    let nsub = 0;
    for (let i = 0; i < n; i++) if (where[i]! <= 0) freeIndex[nsub++] = i;
    if (nsub === 0) return;

    // r = Zᵀ(g + θ(x_c − x) − W M c)
    memory.multiplyM(c, 0, v);
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
    memory.multiplyM(v, 0, u);
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
    const M = memory.M;
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
