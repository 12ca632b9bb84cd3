/**
 * The effective parameter size N̂ of a model with score S (Densing Law, Eq. 4): the size a reference
 * model would need to reach S, N̂ = f⁻¹(S), with a delta-method interval.
 *
 *   log10 N̂ ± t·se,  se² = ∇ᵀΣ∇,  ∇ = ∂ log10 f⁻¹(S) / ∂θ (central differences over the fitted
 *   growth parameters θ, Σ their covariance, t the Student quantile at the fit's residual dof)
 *
 * Scores the reference cannot reach inside its trusted size range get no number but a bound: a
 * score at or below f(N_lo) gives "below the reference floor" with N̂ < N_lo, a score at or above
 * f(N_hi) "beyond the reference ceiling" with N̂ > N_hi, where [N_lo, N_hi] is the curve's `range`.
 * The bound is exact because f increases with N.
 *
 * @example
 * effectiveParams(ref, 0.62) // => { status: 'ok', value: 1.3e10, interval: [9e9, 1.9e10], bound: null }
 * effectiveParams(ref, 0.99) // => { status: 'beyond-ceiling', value: null, bound: 1.2e12, reason: '…' }
 * @see methods.md §2.1
 */
import { studentTQuantile } from '../core/studentT.js';
import type { ReferenceCurve } from './referenceCurve.js';

/** Where a score falls against the reference. */
export type EffectiveParamsStatus = 'ok' | 'below-floor' | 'beyond-ceiling';

/** N̂ of one score. */
export interface EffectiveParams {
  status: EffectiveParamsStatus;
  /** N̂ in parameters (status `ok`). */
  value: number | null;
  /** Interval of N̂ at the curve's level; null without a covariance. */
  interval: [number, number] | null;
  /** N̂ < bound (below the floor) or N̂ > bound (beyond the ceiling). */
  bound: number | null;
  reason?: string;
}

const fmt = (n: number) => (n >= 1e12 ? `${Number((n / 1e12).toPrecision(3))}T` : n >= 1e9 ? `${Number((n / 1e9).toPrecision(3))}B` : `${Number((n / 1e6).toPrecision(3))}M`);

/**
 * N̂ of a score against a reference curve.
 *
 * @throws RangeError for a score outside [0, 1]
 */
export function effectiveParams(curve: ReferenceCurve, score: number): EffectiveParams {
  if (!(score >= 0 && score <= 1)) throw new RangeError(`score must be in [0, 1], got ${String(score)}`);
  const [nLo, nHi] = curve.range;
  const sLo = curve.scoreAt(nLo);
  const sHi = curve.scoreAt(nHi);
  if (score <= sLo) {
    const reason =
      score <= curve.floor
        ? `the score ${score.toFixed(4)} is at or below the reference floor ${curve.floor} (no capability above chance)`
        : `the score ${score.toFixed(4)} is below what the reference reaches at ${fmt(nLo)}, the smallest size it is trusted at`;
    return { status: 'below-floor', value: null, interval: null, bound: nLo, reason };
  }
  if (score >= sHi) {
    const reason =
      score >= curve.ceiling
        ? `the score ${score.toFixed(4)} is at or above the reference ceiling ${curve.ceiling}`
        : `the score ${score.toFixed(4)} is beyond what the reference reaches at ${fmt(nHi)}, the largest size it is trusted at`;
    return { status: 'beyond-ceiling', value: null, interval: null, bound: nHi, reason };
  }
  const l = curve.log10ParamsAt(score);
  if (l === undefined || !Number.isFinite(l)) {
    return { status: 'below-floor', value: null, interval: null, bound: nLo, reason: 'the reference curve does not reach this score' };
  }
  return { status: 'ok', value: 10 ** l, interval: deltaInterval(curve, score, l), bound: null };
}

/** The delta-method interval of N̂ in log10 space, mapped back. */
function deltaInterval(curve: ReferenceCurve, score: number, l: number): [number, number] | null {
  const { values, covariance, dof } = curve.free;
  if (covariance === null || dof < 1) return null;
  const p = values.length;
  const grad = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    const h = 1e-6 * Math.max(Math.abs(values[j]!), 1e-3);
    const up = values.slice();
    const down = values.slice();
    up[j]! += h;
    down[j]! -= h;
    const fu = curve.log10ParamsWith(up, score);
    const fd = curve.log10ParamsWith(down, score);
    if (fu === undefined || fd === undefined) return null;
    grad[j] = (fu - fd) / (2 * h);
  }
  let variance = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) variance += grad[a]! * covariance[a]![b]! * grad[b]!;
  if (!(variance >= 0) || !Number.isFinite(variance)) return null;
  const half = studentTQuantile(0.5 + curve.level / 2, dof) * Math.sqrt(variance);
  return [10 ** (l - half), 10 ** (l + half)];
}
