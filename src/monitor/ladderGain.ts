/**
 * A run's remaining gain borrowed from the ladder: The Fine Line (seed paper) finds that a downstream
 * metric follows similar training dynamics across model sizes trained the same way, so the run in
 * progress should gain, from the fraction of training it has reached to its end, what the ladder run
 * nearest to it in size gained over the same stretch:
 *
 *     ŷ(1) = y(f) + [s_m(1) − s_m(f)],   f = D_last / D_end,
 *
 * with s_m the ladder run's curve read at the same fraction of its own training (log-token
 * interpolation between its checkpoints). The path to the end is y(f) + [s_m(f′) − s_m(f)].
 *
 * @example ladderGainForecast(runSoFar, ladderCurves)?.forecast // the run's score at its planned end
 */
import { scoreAt, type CheckpointCurve } from './checkpointCurve.js';

/** The ladder run the gain comes from, and the forecast. */
export interface GainForecast {
  ladder: string;
  gain: number;
  forecast: number;
  /** The path at tokens D of the run (D from the last checkpoint on). */
  path(tokens: number): number;
}

/**
 * The ladder run nearest to `run` in parameters (log scale); without sizes on every curve, the last
 * ladder run given (ladders are listed smallest first).
 */
export function nearestLadderRun(run: CheckpointCurve, ladder: readonly CheckpointCurve[]): CheckpointCurve | null {
  if (ladder.length === 0) return null;
  if (run.params === undefined || ladder.some((m) => m.params === undefined)) return ladder[ladder.length - 1]!;
  const distance = (m: CheckpointCurve) => Math.abs(Math.log(m.params! / run.params!));
  return ladder.reduce((best, m) => (distance(m) < distance(best) ? m : best));
}

/** The forecast from the nearest ladder run's gain; null without a ladder run of 2 checkpoints or more. */
export function ladderGainForecast(run: CheckpointCurve, ladder: readonly CheckpointCurve[]): GainForecast | null {
  const last = run.points[run.points.length - 1];
  const m = nearestLadderRun(run, ladder.filter((c) => c.points.length >= 2));
  if (last === undefined || m === null) return null;
  const at = (tokens: number) => scoreAt(m, (tokens / run.endTokens) * m.endTokens)!;
  const base = at(last.tokens);
  const gain = at(run.endTokens) - base;
  return { ladder: m.run, gain, forecast: last.score + gain, path: (tokens) => last.score + at(tokens) - base };
}
