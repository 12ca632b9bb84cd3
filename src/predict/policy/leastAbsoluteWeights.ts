/**
 * Non-negative least-absolute-deviations weights: the w ≥ 0 that minimises Σᵢ |yᵢ − Σⱼ wⱼ·xᵢⱼ|,
 * the fit behind the default policy's combination of methods (stacking, Breiman 1996, with the
 * absolute error the corpus is judged by, and non-negative weights so that no method is bet against).
 *
 * Coordinate descent: with the other weights held, the best wⱼ ≥ 0 is the weighted median of
 * rᵢ/xᵢⱼ with weights |xᵢⱼ| (rᵢ the residual without j), clamped at 0. Sweeps repeat until no weight
 * moves by more than 1e-10; as coordinate descent can stop at a corner of the L1 objective, it starts
 * from all-zero and from equal weights and keeps the better end. The result is within a small
 * tolerance of the linear-programming optimum (test/predict/policy: scipy's HiGHS on the same data).
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

/**
 * The non-negative weights minimising the sum of absolute residuals.
 *
 * @param x rows of features (one row per observation)
 * @param y the responses
 */
export function leastAbsoluteWeights(x: readonly (readonly number[])[], y: readonly number[], maxSweeps = 500): number[] {
  const p = x[0]?.length ?? 0;
  if (p === 0 || y.length === 0) return new Array<number>(p).fill(0);
  const a = descend(x, y, new Array<number>(p).fill(0), maxSweeps);
  const b = descend(x, y, new Array<number>(p).fill(1 / p), maxSweeps);
  return objective(x, y, a) <= objective(x, y, b) ? a : b;
}
