/**
 * End-to-end baselines: fit the full benchmark score of the ladder models directly against compute
 * and read the fit at the target (COD paper §5.2, "End-to-end"; Ruan et al. 2024; Schaeffer et al.).
 *
 * - `e2e-cod`: the COD law y = g + (1 − g)·exp(−a·Ĉ^(−b) − c) on the benchmark score (the
 *   "End-to-end (exp)" baseline of the COD paper, after the Densing Law paper);
 * - `e2e-logistic`: a sigmoid in log-compute, y = g + (h − g)·σ(k·(log10 C − m));
 * - `e2e-linear`: a straight line in log-compute, y = a + b·log10 C.
 *
 * When the benchmark's guess floor is known it is held fixed in the COD and sigmoid fits, which
 * saves a parameter on short ladders. Intervals are delta-method 95% prediction intervals. The
 * values returned are the laws' own (`prediction` unbounded): the caller bounds them
 * ({@link boundPrediction}). A ladder too short for a law gives no prediction and says why.
 */
import { FitDataError } from '../fit/fitError.js';
import { fitLaw, type FitOptions, type FitResult } from '../fit/fitLaw.js';
import type { Law } from '../fit/law.js';
import { codLaw, linearLogCompute, logisticLogCompute } from '../fit/laws/index.js';
import { inputRanges, predictFit } from '../fit/predictFit.js';

/** The end-to-end methods. */
export type EndToEndMethod = 'e2e-cod' | 'e2e-logistic' | 'e2e-linear';

/** A prediction of one benchmark by one method. */
export interface MethodPrediction {
  method: string;
  /** Predicted score in [0, 1], or null when the method cannot predict (see `reason`). */
  prediction: number | null;
  /** 95% interval, or null when unknown. */
  interval: [number, number] | null;
  /** The method's own value before it was bounded to [floor, ceiling], when it differs. */
  raw?: number;
  /** Why there is no prediction. */
  reason?: string;
  /** The fit behind the prediction, when there is one. */
  fit?: FitResult;
  warnings: string[];
}

const LAW: Record<EndToEndMethod, Law> = { 'e2e-cod': codLaw, 'e2e-logistic': logisticLogCompute, 'e2e-linear': linearLogCompute };

/**
 * Predicts the target's score with an end-to-end fit.
 *
 * @param compute ladder training FLOPs
 * @param scores ladder benchmark scores in [0, 1], same order
 * @param targetCompute the target's training FLOPs
 * @param guess the benchmark's guess floor, when known (e.g. 0.25 for 4-way multiple choice)
 */
export function endToEndPrediction(method: EndToEndMethod, compute: readonly number[], scores: readonly number[], targetCompute: number, guess?: number): MethodPrediction {
  const law = LAW[method];
  const options: FitOptions = {};
  if (guess !== undefined && method === 'e2e-cod') options.fixed = { g: guess };
  if (guess !== undefined && method === 'e2e-logistic') options.fixed = { g: guess };
  const data = { x: [Float64Array.from(compute)], y: Float64Array.from(scores) };
  if (method !== 'e2e-linear') {
    // A sigmoid-type law placed on scores that leave the floor at one model only is a step fitted to
    // a single point: its steepness and midpoint are not in the data.
    const first = scores[0]!;
    const above = scores.filter((v) => v > first + 0.01).length;
    if (above < 2) return { method, prediction: null, interval: null, reason: `the scores rise above the smallest model's at ${above === 0 ? 'no' : 'one'} ladder model${above === 1 ? '' : 's'}: a sigmoid-type law would be a step fitted to ${above === 0 ? 'nothing' : 'one point'}`, warnings: [] };
  }
  let fit: FitResult;
  try {
    fit = fitLaw(law, data, options);
  } catch (e) {
    if (e instanceof FitDataError) return { method, prediction: null, interval: null, reason: e.message, warnings: [] };
    throw e;
  }
  const warnings = fit.warnings.map((w) => w.message);
  // A sigmoid-type fit whose growth parameters sit on their bounds is a step placed past the data,
  // and one with no residual degree of freedom is not constrained beyond its points: neither is a trend.
  const growth = method === 'e2e-cod' ? ['a', 'b'] : method === 'e2e-logistic' ? ['k'] : [];
  const pinned = fit.atBounds.filter((n) => growth.includes(n));
  if (pinned.length > 0) return { method, prediction: null, interval: null, reason: `the fit rests on the bound of ${pinned.join(' and ')}: a step past the data, not a trend`, fit, warnings };
  if (growth.length > 0 && fit.dof < 1) return { method, prediction: null, interval: null, reason: `${fit.n} points leave no spare degree of freedom for this ${fit.n - fit.dof}-parameter law`, fit, warnings };
  const p = predictFit(law, fit, [targetCompute], inputRanges(data.x));
  if (p.value === null) return { method, prediction: null, interval: null, reason: p.reason ?? 'the fit cannot be extrapolated', fit, warnings };
  return { method, prediction: p.value, interval: p.prediction, fit, warnings };
}
