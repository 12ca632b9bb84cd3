/**
 * The one-parameter power map f(s) = s^γ (γ > 0), the fallback of the subset→full mapping when
 * there are too few points for a spline. It is continuous, smooth on (0, 1], strictly increasing
 * and passes exactly through (0, 0) and (1, 1) for every γ; γ < 1 bends it above the diagonal
 * (the full benchmark is easier than the subset), γ > 1 below, γ = 1 is the identity.
 *
 * γ is fitted by weighted least squares on the points, Σ wᵢ (yᵢ − sᵢ^γ)², over
 * γ ∈ [{@link GAMMA_MIN}, {@link GAMMA_MAX}]: a grid of 401 values evenly spaced in log γ, then a
 * golden-section search on the two grid intervals around the best grid value (deterministic and
 * free of starting values). Points with s = 0 or s = 1 do not depend on γ; they only count in the
 * RMSE.
 */

/** Smallest γ considered. */
export const GAMMA_MIN = 0.01;
/** Largest γ considered. */
export const GAMMA_MAX = 100;

/** A fitted power map. */
export interface PowerMapFit {
  gamma: number;
  /** Weighted RMSE of the map over all the points. */
  rmse: number;
  /** True when γ ended on a bound of [GAMMA_MIN, GAMMA_MAX] (the data want a more extreme bend). */
  atBound: boolean;
}

/** A point of the power map fit: subset accuracy s, full accuracy y, optional weight. */
export interface PowerMapPoint {
  s: number;
  y: number;
  weight?: number;
}

function sse(points: readonly PowerMapPoint[], gamma: number): number {
  let total = 0;
  for (const p of points) total += (p.weight ?? 1) * (p.y - p.s ** gamma) ** 2;
  return total;
}

/**
 * Fit f(s) = s^γ by weighted least squares. With no point strictly inside (0, 1), γ = 1.
 * Inputs are assumed checked (finite, in [0, 1], weights > 0).
 *
 * @example fitPowerMap([{ s: 0.25, y: 0.5 }]).gamma // 0.5, since 0.25^0.5 = 0.5
 */
export function fitPowerMap(points: readonly PowerMapPoint[]): PowerMapFit {
  const informative = points.filter((p) => p.s > 0 && p.s < 1);
  const totalWeight = points.reduce((s, p) => s + (p.weight ?? 1), 0);
  const rmseOf = (g: number) => (totalWeight > 0 ? Math.sqrt(sse(points, g) / totalWeight) : 0);
  if (informative.length === 0) return { gamma: 1, rmse: rmseOf(1), atBound: false };
  const lo = Math.log(GAMMA_MIN);
  const hi = Math.log(GAMMA_MAX);
  const n = 400;
  const at = (k: number) => lo + ((hi - lo) * k) / n;
  const f = (u: number) => sse(informative, Math.exp(u));
  let bestK = 0;
  let bestF = Infinity;
  for (let k = 0; k <= n; k++) {
    const v = f(at(k));
    if (v < bestF) {
      bestF = v;
      bestK = k;
    }
  }
  // golden section on [at(k−1), at(k+1)]
  let a = at(Math.max(0, bestK - 1));
  let b = at(Math.min(n, bestK + 1));
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let it = 0; it < 100 && b - a > 1e-13; it++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  let u = (a + b) / 2;
  if (f(u) > bestF) u = at(bestK);
  const gamma = Math.exp(u);
  const atBound = u <= lo + 1e-9 || u >= hi - 1e-9;
  return { gamma, rmse: rmseOf(gamma), atBound };
}
