/**
 * The two-step forecast of a run in progress where a loss is logged with each checkpoint (the
 * task's bits per byte in the OLMo ladder's logs): the loss is extrapolated to the planned end
 * along the run's saturating curve ({@link fitSaturatingCurve}, which fits a falling curve as
 * readily as a rising one), and mapped to a score by the straight line score = a + b·loss fitted
 * by least squares to every (loss, score) pair after the warm-up of the run and of its ladder runs —
 * step 2 of Bhagia et al. (2024), linear over the narrow range a run's end adds to its checkpoints.
 *
 * @example lossToScoreForecast(runSoFar, ladder)?.forecast
 */
import type { CheckpointCurve } from './checkpointCurve.js';
import { WARMUP_FRACTION } from './ladderShape.js';
import { fitSaturatingCurve } from './saturatingCurve.js';

/** The forecast, the extrapolated loss and the loss→score line. */
export interface LossToScoreForecast {
  loss: number;
  a: number;
  b: number;
  forecast: number;
  path(tokens: number): number;
}

/** Null when the run has fewer than 3 checkpoints with a loss after its warm-up, or the pairs do not fix a line. */
export function lossToScoreForecast(run: CheckpointCurve, ladder: readonly CheckpointCurve[]): LossToScoreForecast | null {
  const after = (c: CheckpointCurve) => c.points.filter((p) => p.loss !== undefined && p.tokens / c.endTokens >= WARMUP_FRACTION);
  const own = after(run);
  const fit = fitSaturatingCurve(own.map((p) => ({ tokens: p.tokens, score: p.loss! })));
  if (fit === null) return null;
  const pairs = [run, ...ladder].flatMap(after);
  const n = pairs.length;
  const mx = pairs.reduce((s, p) => s + p.loss!, 0) / n;
  const my = pairs.reduce((s, p) => s + p.score, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of pairs) {
    sxx += (p.loss! - mx) ** 2;
    sxy += (p.loss! - mx) * (p.score - my);
  }
  if (!(sxx > 1e-12)) return null;
  const b = sxy / sxx;
  const a = my - b * mx;
  const loss = fit.predict(run.endTokens);
  return { loss, a, b, forecast: a + b * loss, path: (d) => a + b * fit.predict(d) };
}
