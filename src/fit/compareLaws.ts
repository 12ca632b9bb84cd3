/**
 * Choosing between laws fitted to the same data, two ways:
 *
 * - by information criteria (AIC, small-sample AICc, BIC) of the fits on all points, which reward
 *   fit and penalise parameters, and
 * - by **leave-the-largest-out** extrapolation error: refit without the `holdout` points of largest
 *   first input (compute, or N for two-input laws) and measure the error in predicting them — the
 *   question a scaling law is asked in practice.
 *
 * AICc = AIC + 2k(k + 1)/(n − k − 1) (Hurvich & Tsai 1989), with AIC = n·ln(SSE/n) + 2k.
 */
import { FitDataError } from './fitError.js';
import { fitLaw, type FitOptions, type FitResult } from './fitLaw.js';
import type { FitData, Law } from './law.js';

/** One law's row in a comparison. */
export interface LawComparison {
  law: string;
  /** The fit on all points, or null when the law could not be fitted (see `error`). */
  fit: FitResult | null;
  aic: number | null;
  aicc: number | null;
  bic: number | null;
  /** AICc minus the smallest AICc in the comparison. */
  deltaAicc: number | null;
  /** Mean and max absolute error on the held-out largest points; null when the reduced fit failed. */
  holdoutMeanError: number | null;
  holdoutMaxError: number | null;
  /** Predictions for the held-out points, in order of the first input. */
  holdoutPredictions: (number | null)[];
  error?: string;
}

/** Options of {@link compareLaws}. */
export interface CompareOptions {
  /** Points of largest first input to hold out. @default 1 */
  holdout?: number;
  /** Fit options per law id (e.g. `{ cod: { fixed: { g: 0.25 } } }`). */
  fitOptions?: Record<string, FitOptions>;
}

/** Indices of the points sorted by their first input, largest last. */
function orderByFirstInput(data: FitData): number[] {
  const x = data.x[0]!;
  return Array.from(x, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
}

function subset(data: FitData, idx: number[]): FitData {
  return { x: data.x.map((c) => Float64Array.from(idx, (i) => c[i]!)), y: Float64Array.from(idx, (i) => data.y[i]!) };
}

/**
 * Fits every law and compares them.
 *
 * @example compareLaws([powerLawOffset, powerLaw], data, { holdout: 2 })
 */
export function compareLaws(laws: readonly Law[], data: FitData, options: CompareOptions = {}): LawComparison[] {
  const holdout = options.holdout ?? 1;
  const order = orderByFirstInput(data);
  if (holdout < 0 || holdout >= order.length) throw new FitDataError('bad-option', `cannot hold out ${holdout} of ${order.length} points`);
  const train = subset(data, order.slice(0, order.length - holdout));
  const heldIdx = order.slice(order.length - holdout);
  const rows: LawComparison[] = laws.map((law) => {
    const opts = options.fitOptions?.[law.id] ?? {};
    const row: LawComparison = { law: law.id, fit: null, aic: null, aicc: null, bic: null, deltaAicc: null, holdoutMeanError: null, holdoutMaxError: null, holdoutPredictions: [] };
    try {
      row.fit = fitLaw(law, data, opts);
      row.aic = row.fit.aic;
      row.aicc = row.fit.aicc;
      row.bic = row.fit.bic;
    } catch (e) {
      row.error = e instanceof Error ? e.message : String(e);
      return row;
    }
    if (holdout === 0) return row;
    try {
      const reduced = fitLaw(law, train, opts);
      const errors: number[] = [];
      for (const i of heldIdx) {
        const x = data.x.map((c) => c[i]!);
        const v = reduced.cannotExtrapolate === undefined ? law.evaluate(reduced.values, x) : Number.NaN;
        row.holdoutPredictions.push(Number.isFinite(v) ? v : null);
        if (Number.isFinite(v)) errors.push(Math.abs(v - data.y[i]!));
      }
      if (errors.length === heldIdx.length) {
        row.holdoutMeanError = errors.reduce((a, b) => a + b, 0) / errors.length;
        row.holdoutMaxError = Math.max(...errors);
      }
    } catch (e) {
      row.error = `held-out fit failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    return row;
  });
  const best = Math.min(...rows.map((r) => r.aicc ?? Infinity));
  for (const r of rows) if (r.aicc !== null && Number.isFinite(best)) r.deltaAicc = r.aicc - best;
  return rows;
}
