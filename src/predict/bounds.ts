/**
 * The range a benchmark score can take: from the chance floor (the score of guessing: 1/k on k-way
 * multiple choice, 0 on generation) to the ceiling (1, or a benchmark's own ceiling where some items
 * are unanswerable). No prediction leaves it: a method whose curve crosses a bound before the target
 * is bounded there, and says so.
 *
 * @example boundPrediction({ method: 'e2e-linear', prediction: 1.07, interval: [0.98, 1.16], warnings: [] }, { floor: 0.25, ceiling: 1 })
 * // => { prediction: 1, interval: [0.98, 1], raw: 1.07, warnings: ['the method's curve crosses the ceiling (100%) before the target: 107.0% bounded to 100%'] }
 */
import type { MethodPrediction } from './endToEnd.js';

/** A benchmark's floor and ceiling, fractions in [0, 1] with floor < ceiling. */
export interface ScoreBounds {
  floor: number;
  ceiling: number;
}

/** The bounds of a benchmark: its guess floor (0 when unknown) and its ceiling (1 when unknown). */
export function scoreBounds(b: { guess?: number; ceiling?: number }): ScoreBounds {
  return { floor: b.guess ?? 0, ceiling: b.ceiling ?? 1 };
}

/** `v` clamped to the bounds. */
export function clampToBounds(v: number, b: ScoreBounds): number {
  return Math.min(b.ceiling, Math.max(b.floor, v));
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/**
 * A prediction clamped to the bounds, and its interval to [0, ceiling] (a measured score can fall
 * below chance, so an interval for it may too); when the value itself was outside the bounds, `raw`
 * keeps it and a warning says which bound the method's curve crossed.
 */
export function boundPrediction<P extends MethodPrediction>(p: P, b: ScoreBounds): P {
  if (p.prediction === null) return p;
  const value = clampToBounds(p.prediction, b);
  const range = { floor: 0, ceiling: b.ceiling };
  const out: P = { ...p, prediction: value, interval: p.interval === null ? null : [clampToBounds(p.interval[0], range), clampToBounds(p.interval[1], range)] };
  if (value !== p.prediction) {
    out.raw = p.prediction;
    const which = p.prediction > b.ceiling ? `the ceiling (${pct(b.ceiling)})` : `the chance floor (${pct(b.floor)})`;
    out.warnings = [...p.warnings, `the method's curve crosses ${which} before the target: ${pct(p.prediction)} bounded to ${pct(value)}`];
  }
  return out;
}
