/**
 * A run's curve predicted from the ladder's: The Fine Line (seed paper) finds that a downstream
 * metric follows similar training dynamics across model sizes trained the same way. Each ladder run
 * m, read at the same fraction of its training f = D / D_end, gives a shape s_m(f); the run in
 * progress is that shape under an affine map fitted to its checkpoints so far,
 *
 *     y(f) ≈ a_m + b_m · s_m(f),   b_m > 0,
 *
 * and the forecast at the planned end is a_m + b_m · s_m(1). The ladder runs' forecasts are pooled
 * with weights 1 / (rmse_m² + ε²), ε = 0.005, so that the shapes that fit the run best count most.
 *
 * @example ladderShapeForecast(runSoFar, ladderCurves)?.forecast // the run's score at its planned end
 */
import { scoreAt, type CheckpointCurve } from './checkpointCurve.js';

/** One ladder run's fit to the run in progress. */
export interface ShapeFit {
  ladder: string;
  a: number;
  b: number;
  rmse: number;
  /** a + b · s(1). */
  forecast: number;
}

/** The pooled forecast, its ladder fits and the path it draws. */
export interface ShapeForecast {
  forecast: number;
  fits: ShapeFit[];
  /** The pooled path at tokens D of the run. */
  path(tokens: number): number;
}

const EPS = 0.005;

/** Checkpoints before this fraction of training are its warm-up: scores at chance, not dynamics. */
export const WARMUP_FRACTION = 0.005;

/**
 * Fits every ladder run's shape to `run` (its checkpoints from the warm-up on) and pools them; null
 * when no ladder run gives a rising fit on at least 3 checkpoints.
 */
export function ladderShapeForecast(run: CheckpointCurve, ladder: readonly CheckpointCurve[]): ShapeForecast | null {
  const pts = run.points.filter((p) => p.tokens / run.endTokens >= WARMUP_FRACTION);
  if (pts.length < 3) return null;
  const fits: (ShapeFit & { shape: (f: number) => number })[] = [];
  for (const m of ladder) {
    if (m.points.length < 3) continue;
    const shape = (f: number) => scoreAt(m, f * m.endTokens)!;
    const x = pts.map((p) => shape(p.tokens / run.endTokens));
    const y = pts.map((p) => p.score);
    const n = x.length;
    const mx = x.reduce((a, v) => a + v, 0) / n;
    const my = y.reduce((a, v) => a + v, 0) / n;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      sxx += (x[i]! - mx) ** 2;
      sxy += (x[i]! - mx) * (y[i]! - my);
    }
    if (!(sxx > 1e-12)) continue;
    const b = sxy / sxx;
    if (!(b > 0)) continue;
    const a = my - b * mx;
    const rmse = Math.sqrt(x.reduce((s, xi, i) => s + (y[i]! - a - b * xi) ** 2, 0) / n);
    fits.push({ ladder: m.run, a, b, rmse, forecast: a + b * shape(1), shape });
  }
  if (fits.length === 0) return null;
  const w = fits.map((f) => 1 / (f.rmse ** 2 + EPS ** 2));
  const total = w.reduce((s, v) => s + v, 0);
  const pool = (g: (f: (typeof fits)[number]) => number) => fits.reduce((s, f, i) => s + w[i]! * g(f), 0) / total;
  return {
    forecast: pool((f) => f.forecast),
    fits: fits.map(({ shape: _s, ...f }) => f),
    path: (tokens) => pool((f) => f.a + f.b * f.shape(tokens / run.endTokens)),
  };
}
