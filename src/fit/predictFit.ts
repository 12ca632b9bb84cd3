/**
 * Predictions from a fitted law with their uncertainty, by the delta method.
 *
 * At an input x with ∇ = ∂f/∂θ (free parameters) and Σ the parameter covariance:
 * - confidence interval of the curve: f ± t·√(∇ᵀΣ∇)
 * - prediction interval of a new observation: f ± t·√(∇ᵀΣ∇ + s²)
 * with t the Student quantile at n − p degrees of freedom and s² the residual variance. For fits in
 * log space the same is done for ln f (variance ∇ᵀΣ∇ / f²) and mapped back, so intervals stay
 * positive. Far outside the data the delta method is only a local approximation; the bootstrap
 * (`bootstrapFit`) does not lean on linearity.
 */
import { studentTQuantile } from '../core/studentT.js';
import type { FitResult } from './fitLaw.js';
import { lawGradient } from './fitProblem.js';
import type { Law } from './law.js';

/** A prediction at one input point. */
export interface FitPrediction {
  /** The input point (one value per law input). */
  x: number[];
  /** f(x; θ̂), or null when the fit must not be extrapolated. */
  value: number | null;
  /** Standard error of the curve at x (in the fitting space); null when unknown. */
  se: number | null;
  /** Confidence interval of the curve at the fit's level. */
  confidence: [number, number] | null;
  /** Prediction interval for a new observation at the fit's level. */
  prediction: [number, number] | null;
  /** True when x lies outside the range of the fitted inputs. */
  extrapolation: boolean;
  /** Why there is no value, when there is none. */
  reason?: string;
}

/**
 * Predicts the law at `x` with delta-method intervals.
 *
 * @param inputRange per input, the [min, max] of the fitted data, to flag extrapolation
 * @example predictFit(powerLawOffset, fit, [1e11]) // => { value: 1.79, confidence: [1.75, 1.83], … }
 */
export function predictFit(law: Law, fit: FitResult, x: number[], inputRange?: [number, number][]): FitPrediction {
  const extrapolation = inputRange !== undefined && x.some((v, k) => v < inputRange[k]![0] || v > inputRange[k]![1]);
  if (fit.cannotExtrapolate !== undefined) {
    return { x, value: null, se: null, confidence: null, prediction: null, extrapolation, reason: fit.cannotExtrapolate };
  }
  const theta = Float64Array.from(fit.values);
  const value = law.evaluate(theta, x);
  if (!Number.isFinite(value)) {
    return { x, value: null, se: null, confidence: null, prediction: null, extrapolation, reason: `the fitted law is undefined at this input` };
  }
  if (fit.covariance === null || fit.dof <= 0 || fit.residualVariance === null) {
    return { x, value, se: null, confidence: null, prediction: null, extrapolation };
  }
  const p = theta.length;
  const g = new Float64Array(p);
  lawGradient(law, theta, x, g, new Float64Array(p));
  let variance = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) variance += g[a]! * fit.covariance[a]![b]! * g[b]!;
  const t = studentTQuantile(0.5 + fit.level / 2, fit.dof);
  const s2 = fit.residualVariance;
  if (fit.space === 'log') {
    if (!(value > 0)) return { x, value, se: null, confidence: null, prediction: null, extrapolation };
    const vLog = Math.max(variance, 0) / (value * value);
    const se = Math.sqrt(vLog);
    const sp = Math.sqrt(vLog + s2);
    return {
      x,
      value,
      se,
      confidence: [value * Math.exp(-t * se), value * Math.exp(t * se)],
      prediction: [value * Math.exp(-t * sp), value * Math.exp(t * sp)],
      extrapolation,
    };
  }
  const se = Math.sqrt(Math.max(variance, 0));
  const sp = Math.sqrt(se * se + s2);
  return { x, value, se, confidence: [value - t * se, value + t * se], prediction: [value - t * sp, value + t * sp], extrapolation };
}

/** Per input, the [min, max] of the data a fit was made on. */
export function inputRanges(x: readonly Float64Array[]): [number, number][] {
  return x.map((col) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of col) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  });
}
