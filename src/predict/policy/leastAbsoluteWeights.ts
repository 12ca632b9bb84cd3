/**
 * Non-negative least-absolute-deviations weights: the w ≥ 0 that minimises Σᵢ |yᵢ − Σⱼ wⱼ·xᵢⱼ|,
 * the fit behind the default policy's combination of methods (stacking, Breiman 1996, with the
 * absolute error the corpus is judged by, and non-negative weights so that no method is bet against).
 *
 * Coordinate descent: with the other weights held, the best wⱼ ≥ 0 is the weighted median of
 * rᵢ/xᵢⱼ with weights |xᵢⱼ| (rᵢ the residual without j), clamped at 0. Coordinate descent can stop
 * at a corner of the L1 objective where no single weight can move, so its end is refined by
 * iteratively reweighted least squares (Schlossmacher 1973: weights 1/max(|rᵢ|, δ) with δ shrinking),
 * each step a non-negative weighted least-squares problem solved exactly over the active sets of the
 * few weights, and polished by coordinate descent again. On the fixtures (test/predict/policy) it
 * reaches the linear-programming optimum of scipy's HiGHS to within 1e-6 of the objective.
 *
 * @example leastAbsoluteWeights([[1, 0], [0, 1], [1, 1]], [2, 3, 5]) // => [2, 3]
 */

/**
 * Weighted median of `values` (weights > 0): the smallest v with at least half the weight at or below
 * it. Expected linear time: a quickselect that keeps the side holding the half-weight point.
 */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  let v = Float64Array.from(values);
  let w = Float64Array.from(weights);
  let total = 0;
  for (const x of w) total += x;
  let below = 0; // weight known to lie strictly below the current range
  const half = total / 2;
  for (;;) {
    const n = v.length;
    if (n === 1) return v[0]!;
    const pivot = v[n >> 1]!;
    let wl = 0;
    let we = 0;
    let nl = 0;
    let ng = 0;
    for (let i = 0; i < n; i++) {
      if (v[i]! < pivot) (wl += w[i]!), nl++;
      else if (v[i]! === pivot) we += w[i]!;
      else ng++;
    }
    if (below + wl >= half && nl > 0) {
      const nv = new Float64Array(nl);
      const nw = new Float64Array(nl);
      for (let i = 0, k = 0; i < n; i++) if (v[i]! < pivot) (nv[k] = v[i]!), (nw[k++] = w[i]!);
      v = nv;
      w = nw;
    } else if (below + wl + we >= half || ng === 0) {
      return pivot;
    } else {
      below += wl + we;
      const nv = new Float64Array(ng);
      const nw = new Float64Array(ng);
      for (let i = 0, k = 0; i < n; i++) if (v[i]! > pivot) (nv[k] = v[i]!), (nw[k++] = w[i]!);
      v = nv;
      w = nw;
    }
  }
}

function objective(x: readonly (readonly number[])[], y: readonly number[], w: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    let p = 0;
    for (let j = 0; j < w.length; j++) p += w[j]! * x[i]![j]!;
    s += Math.abs(y[i]! - p);
  }
  return s;
}

function descend(x: readonly (readonly number[])[], y: readonly number[], start: number[], maxSweeps: number): number[] {
  const w = [...start];
  const p = w.length;
  const fitted = y.map((_, i) => x[i]!.reduce((s, v, j) => s + v * w[j]!, 0));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moved = 0;
    for (let j = 0; j < p; j++) {
      const ratios: number[] = [];
      const weights: number[] = [];
      for (let i = 0; i < y.length; i++) {
        const xij = x[i]![j]!;
        if (xij === 0) continue;
        const r = y[i]! - (fitted[i]! - w[j]! * xij);
        ratios.push(r / xij);
        weights.push(Math.abs(xij));
      }
      const next = ratios.length === 0 ? 0 : Math.max(0, weightedMedian(ratios, weights));
      const delta = next - w[j]!;
      if (delta !== 0) {
        for (let i = 0; i < y.length; i++) fitted[i]! += delta * x[i]![j]!;
        w[j] = next;
        moved = Math.max(moved, Math.abs(delta));
      }
    }
    if (moved <= 1e-10) break;
  }
  return w;
}

/** Solves the p×p system a·w = b by Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    if (!(Math.abs(m[piv]![c]!) > 1e-14)) return null;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const w = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let v = m[r]![n]!;
    for (let k = r + 1; k < n; k++) v -= m[r]![k]! * w[k]!;
    w[r] = v / m[r]![r]!;
  }
  return w;
}

/**
 * min over w ≥ 0 of Σ uᵢ(yᵢ − xᵢ·w)², exactly: the optimum solves the normal equations on its set of
 * positive weights, so every subset is tried (p is a handful) and the best feasible one kept.
 */
function nonNegativeWeightedLeastSquares(x: readonly (readonly number[])[], y: readonly number[], u: readonly number[]): number[] {
  const p = x[0]!.length;
  const g: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const h = new Array<number>(p).fill(0);
  for (let i = 0; i < y.length; i++) {
    const xi = x[i]!;
    for (let j = 0; j < p; j++) {
      h[j]! += u[i]! * xi[j]! * y[i]!;
      for (let k = 0; k < p; k++) g[j]![k]! += u[i]! * xi[j]! * xi[k]!;
    }
  }
  let best = new Array<number>(p).fill(0);
  let bestValue = 0; // the objective minus Σuy², at w = 0
  for (let mask = 1; mask < 1 << p; mask++) {
    const set = Array.from({ length: p }, (_, j) => j).filter((j) => mask & (1 << j));
    const ws = solve(
      set.map((j) => set.map((k) => g[j]![k]!)),
      set.map((j) => h[j]!),
    );
    if (ws === null || ws.some((v) => !(v >= 0))) continue;
    const w = new Array<number>(p).fill(0);
    set.forEach((j, t) => (w[j] = ws[t]!));
    let value = 0;
    for (let j = 0; j < p; j++) {
      value -= 2 * w[j]! * h[j]!;
      for (let k = 0; k < p; k++) value += w[j]! * g[j]![k]! * w[k]!;
    }
    if (value < bestValue) {
      best = w;
      bestValue = value;
    }
  }
  return best;
}

/** Iteratively reweighted least squares towards the L1 optimum, from `start`; the best point visited. */
function reweight(x: readonly (readonly number[])[], y: readonly number[], start: number[], iterations: number): number[] {
  let w = start;
  let best = start;
  let bestObjective = objective(x, y, start);
  for (let it = 0; it < iterations; it++) {
    const r = y.map((yi, i) => Math.abs(yi - x[i]!.reduce((a, v, j) => a + v * w[j]!, 0)));
    const scale = [...r].sort((a, b) => a - b)[r.length >> 1]!;
    const delta = Math.max(1e-12, scale * 10 ** (-2 - (4 * it) / iterations));
    w = nonNegativeWeightedLeastSquares(
      x,
      y,
      r.map((v) => 1 / Math.max(v, delta)),
    );
    const o = objective(x, y, w);
    if (o < bestObjective) {
      best = w;
      bestObjective = o;
    }
  }
  return best;
}

/**
 * The non-negative weights minimising the sum of absolute residuals.
 *
 * @param x rows of features (one row per observation; a handful of columns)
 * @param y the responses
 */
export function leastAbsoluteWeights(x: readonly (readonly number[])[], y: readonly number[], maxSweeps = 500): number[] {
  const p = x[0]?.length ?? 0;
  if (p === 0 || y.length === 0) return new Array<number>(p).fill(0);
  const a = descend(x, y, new Array<number>(p).fill(0), maxSweeps);
  const b = descend(x, y, new Array<number>(p).fill(1 / p), maxSweeps);
  const start = objective(x, y, a) <= objective(x, y, b) ? a : b;
  const refined = descend(x, y, reweight(x, y, start, 40), maxSweeps);
  return objective(x, y, refined) < objective(x, y, start) ? refined : start;
}
