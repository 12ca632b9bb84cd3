/**
 * A run's own curve, extrapolated: the saturating power law in training tokens
 *
 *     y(D) = y∞ − A · D^(−α),   α ∈ [0.05, 2]
 *
 * fitted by least squares to the checkpoints so far. For a fixed α the law is linear in (y∞, A),
 * so the fit is exact on a grid of α (log-spaced) and the best α is kept: no starting point, no
 * local minimum. A may come out negative (a score that declines), and y∞ is not bounded; the
 * forecast is clipped to [0, 1] by the caller. Kaplan et al. (2020) use this form for loss against
 * data; for a downstream score in its middle range it is the simplest curve that bends.
 *
 * @example fitSaturatingCurve([1e9, 1e10, 1e11, 1e12].map((d) => ({ tokens: d, score: 0.8 - 2 * d ** -0.2 })))!.predict(1e13) // ≈ 0.8 − 2·1e13^−0.2
 */
import type { CheckpointPoint } from './checkpointCurve.js';

/** A fitted saturating curve. */
export interface SaturatingCurve {
  yInf: number;
  A: number;
  alpha: number;
  /** Root mean squared residual over the fitted points. */
  rmse: number;
  predict(tokens: number): number;
}

const ALPHAS = Array.from({ length: 61 }, (_, i) => 0.05 * (2 / 0.05) ** (i / 60));

/** Least-squares fit over the α grid; null for fewer than 3 points or points at one token count. */
export function fitSaturatingCurve(points: readonly CheckpointPoint[]): SaturatingCurve | null {
  const n = points.length;
  if (n < 3 || new Set(points.map((p) => p.tokens)).size < 3) return null;
  let best: SaturatingCurve | null = null;
  let bestSse = Number.POSITIVE_INFINITY;
  for (const alpha of ALPHAS) {
    // y = yInf + B·u with u = D^(−α), B = −A: simple linear regression of y on u.
    const u = points.map((p) => p.tokens ** -alpha);
    const mu = u.reduce((a, v) => a + v, 0) / n;
    const my = points.reduce((a, p) => a + p.score, 0) / n;
    let suu = 0;
    let suy = 0;
    for (let i = 0; i < n; i++) {
      suu += (u[i]! - mu) ** 2;
      suy += (u[i]! - mu) * (points[i]!.score - my);
    }
    if (!(suu > 0)) continue;
    const B = suy / suu;
    const yInf = my - B * mu;
    let sse = 0;
    for (let i = 0; i < n; i++) sse += (points[i]!.score - yInf - B * u[i]!) ** 2;
    if (sse < bestSse) {
      bestSse = sse;
      const A = -B;
      best = { yInf, A, alpha, rmse: Math.sqrt(sse / n), predict: (d) => yInf - A * d ** -alpha };
    }
  }
  return best;
}
