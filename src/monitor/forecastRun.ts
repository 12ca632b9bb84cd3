/**
 * Where a run in progress will finish on one benchmark, by every forecaster: carrying the latest
 * checkpoint forward (the baseline every forecaster must beat), the run's own saturating curve
 * ({@link fitSaturatingCurve}), the remaining gain of the nearest ladder run ({@link ladderGainForecast}),
 * the ladder's curves under an affine map ({@link ladderShapeForecast}), loss to score where a loss
 * is logged ({@link lossToScoreForecast}), and the default: the mean of
 * the own curve and the ladder gain where both run, else the own curve, else carry
 * (docs/validation.md, "Runs in progress", says why).
 */
import { clip01 } from '../core/clamp.js';
import type { CheckpointCurve } from './checkpointCurve.js';
import { ladderGainForecast } from './ladderGain.js';
import { ladderShapeForecast, WARMUP_FRACTION } from './ladderShape.js';
import { lossToScoreForecast } from './lossToScore.js';
import { fitSaturatingCurve } from './saturatingCurve.js';

/** The forecasters, in the order they are reported. */
export const FORECASTERS = ['default', 'carry', 'own-curve', 'ladder-gain', 'ladder-shape', 'two-step'] as const;
export type ForecasterId = (typeof FORECASTERS)[number];

/** One forecaster's result: the score at the planned end, and the path to it (null when it cannot run, with the reason). */
export interface Forecast {
  value: number | null;
  path: ((tokens: number) => number) | null;
  reason?: string;
}

/** Every forecaster's result on one run and benchmark. */
export interface RunForecast {
  run: string;
  benchmark: string;
  /** Tokens of the last checkpoint so far. */
  lastTokens: number;
  endTokens: number;
  forecasts: Partial<Record<ForecasterId, Forecast>>;
  /**
   * The default's 95% interval at tokens D (from the last checkpoint on), from three sources of
   * error added in quadrature: the own curve's residual spread, half the disagreement of the two
   * curves, and a horizon term of 2 points per whole training run still to go,
   *
   *     ŷ(D) ± 1.96 · √(rmse² + (own(D) − gain(D))²/4 + (0.02 · (D − D_last) / D_end)²),
   *
   * (docs/validation.md, "Runs in progress", gives its coverage); null when neither curve was fitted.
   */
  band: ((tokens: number) => [number, number]) | null;
}

/** Points of score, per whole training run still to go, in the default's interval. */
export const HORIZON_SD = 0.02;


/** Forecasts `run` (its checkpoints so far) at its `endTokens`, with the `ladder` runs' whole curves. */
export function forecastRun(run: CheckpointCurve, ladder: readonly CheckpointCurve[]): RunForecast {
  const last = run.points[run.points.length - 1];
  if (last === undefined) throw new RangeError(`${run.run} has no checkpoint on ${run.benchmark}`);
  const forecasts: RunForecast['forecasts'] = {};
  forecasts.carry = { value: last.score, path: () => last.score };
  const own = fitSaturatingCurve(run.points.filter((p) => p.tokens / run.endTokens >= WARMUP_FRACTION));
  forecasts['own-curve'] = own === null ? { value: null, path: null, reason: 'fewer than 3 checkpoints after the warm-up' } : { value: clip01(own.predict(run.endTokens)), path: (d) => clip01(own.predict(d)) };
  const shape = ladder.length === 0 ? null : ladderShapeForecast(run, ladder);
  forecasts['ladder-shape'] =
    shape === null ? { value: null, path: null, reason: ladder.length === 0 ? 'no ladder runs given' : 'no ladder run gives a rising fit to the checkpoints so far' } : { value: clip01(shape.forecast), path: (d) => clip01(shape.path(d)) };
  const twoStep = lossToScoreForecast(run, ladder);
  forecasts['two-step'] = twoStep === null ? { value: null, path: null, reason: 'no loss logged with 3 checkpoints or more after the warm-up' } : { value: clip01(twoStep.forecast), path: (d) => clip01(twoStep.path(d)) };
  const gain = ladder.length === 0 ? null : ladderGainForecast(run, ladder);
  forecasts['ladder-gain'] = gain === null ? { value: null, path: null, reason: 'no ladder run with 2 checkpoints or more' } : { value: clip01(gain.forecast), path: (d) => clip01(gain.path(d)) };
  // The default rests on the own curve: the ladder's gain alone was never validated (nor its band).
  const parts = forecasts['own-curve'].value === null ? [] : [forecasts['own-curve'], forecasts['ladder-gain']].filter((f) => f.value !== null);
  forecasts.default = parts.length === 0 ? { ...forecasts.carry, reason: 'no curve could be fitted: the latest checkpoint carried forward' } : { value: parts.reduce((a, f) => a + f.value!, 0) / parts.length, path: (d) => parts.reduce((a, f) => a + f.path!(d), 0) / parts.length };
  const rmse = own?.rmse ?? 0;
  const band = parts.length === 0
    ? null
    : (d: number): [number, number] => {
        const v = forecasts.default!.path!(d);
        const spread = parts.length === 2 ? parts[0]!.path!(d) - parts[1]!.path!(d) : 0;
        const half = 1.96 * Math.sqrt(rmse ** 2 + spread ** 2 / 4 + (HORIZON_SD * Math.max(0, d - last.tokens) / run.endTokens) ** 2);
        return [clip01(v - half), clip01(v + half)];
      };
  return { run: run.run, benchmark: run.benchmark, lastTokens: last.tokens, endTokens: run.endTokens, forecasts, band };
}
