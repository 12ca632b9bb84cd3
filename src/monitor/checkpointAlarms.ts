/**
 * Checkpoints that leave the run's path: each checkpoint from 5% of training on is compared with the
 * run's own curve ({@link fitSaturatingCurve}) fitted to every other checkpoint so far (leave one
 * out, so that a bad checkpoint does not bend the path towards itself). The residuals' spread is
 * estimated robustly, σ = 1.4826 · median |r| (the normal-consistent median absolute deviation),
 * floored at half a point, so that one bad checkpoint does not widen the band that should catch it.
 * A checkpoint whose residual exceeds z·σ (z = 1.96 for the 95% band) raises an alarm, with how far
 * it is in points and in σ.
 *
 * @example checkpointAlarms(curve).checks.filter((c) => c.alarm) // the checkpoints off the path
 */
import type { CheckpointCurve } from './checkpointCurve.js';
import { WARMUP_FRACTION } from './ladderShape.js';
import { fitSaturatingCurve } from './saturatingCurve.js';
import { sortedQuantile } from '../core/quantile.js';

/** One checkpoint against its path. */
export interface CheckpointCheck {
  tokens: number;
  step?: number;
  score: number;
  /** The path's score there, fitted without this checkpoint. */
  expected: number;
  /** score − expected. */
  residual: number;
  /** |residual| / σ. */
  sigmas: number;
  alarm: boolean;
}

const FLOOR = 0.005;

/** Checkpoints before this fraction of training are fitted but not checked. */
export const CHECKED_FROM = 0.05;

/** The checks of every checkpoint from 5% of training on that has 3 others to fit a path to; `z` sets the band (1.96: 95%). */
export function checkpointAlarms(run: CheckpointCurve, z = 1.96): { sigma: number; checks: CheckpointCheck[] } {
  const pts = run.points.filter((p) => p.tokens / run.endTokens >= WARMUP_FRACTION);
  const raw: Omit<CheckpointCheck, 'sigmas' | 'alarm'>[] = [];
  for (let i = 0; i < pts.length; i++) {
    // The steep start is where the path is least known: a first checkpoint's path is an extrapolation backwards.
    if (pts[i]!.tokens / run.endTokens < CHECKED_FROM) continue;
    const others = pts.filter((_, j) => j !== i);
    const fit = fitSaturatingCurve(others);
    if (fit === null) continue;
    const p = pts[i]!;
    const expected = fit.predict(p.tokens);
    raw.push({ tokens: p.tokens, ...(p.step === undefined ? {} : { step: p.step }), score: p.score, expected, residual: p.score - expected });
  }
  const abs = raw.map((r) => Math.abs(r.residual)).sort((a, b) => a - b);
  const median = abs.length === 0 ? 0 : sortedQuantile(abs, 0.5);
  const sigma = Math.max(FLOOR, 1.4826 * median);
  return { sigma, checks: raw.map((r) => ({ ...r, sigmas: Math.abs(r.residual) / sigma, alarm: Math.abs(r.residual) > z * sigma })) };
}
