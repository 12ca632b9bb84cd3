/**
 * The prediction methods behind one interface, so that `predict`, `backtest`, `evaluate` and the
 * default treat them alike: the largest ladder model carried forward, the end-to-end fits, the
 * two-step loss→accuracy method and COD. Every prediction is bounded here, in one place, to the
 * benchmark's [chance floor, ceiling] ({@link boundPrediction}).
 */
import type { BenchmarkData } from '../data/benchmarkData.js';
import { boundPrediction, scoreBounds } from './bounds.js';
import { codPrediction, type CodDiagnostics, type CodOptions } from './codPrediction.js';
import { endToEndPrediction, type MethodPrediction } from './endToEnd.js';
import { populationCurvePrediction, type PopulationPoint } from './populationCurve.js';
import type { LadderModel } from './ladder.js';
import { isAnswerLoss, twoStepPrediction } from './twoStep.js';

import type { MethodId } from './methodIds.js';

export { METHODS, type MethodId } from './methodIds.js';

/** What a method may use about one benchmark (defined in `src/data/benchmarkData.ts`). */
export type { BenchmarkData } from '../data/benchmarkData.js';

/** A method's prediction, with COD's diagnostics when the method is COD. */
export interface MethodOutcome extends MethodPrediction {
  diagnostics?: CodDiagnostics | null;
}

/** The model to predict: its position on the ladder's axis and, when known, its parameter count. */
export interface MethodTarget {
  x: number;
  params?: number;
  /** Its name, when it is a model of the data: never part of the population a method borrows from. */
  model?: string;
}

/** What a method may use beyond the benchmark's data. */
export interface MethodContext {
  /** Models `pop-curve` must not borrow from (in a backtest: the hidden models' relatives). */
  exclude?: ReadonlySet<string>;
}

/**
 * Runs one method for a target (a position on the ladder's axis, or the position and the parameter
 * count); the prediction and its interval come back bounded to the benchmark's [floor, ceiling].
 */
export function runMethod(method: MethodId, data: BenchmarkData, ladder: readonly LadderModel[], target: number | MethodTarget, cod: CodOptions = {}, context: MethodContext = {}): MethodOutcome {
  const t = typeof target === 'number' ? { x: target } : target;
  return boundPrediction(runUnbounded(method, data, ladder, t, cod, context), scoreBounds(data));
}

/** The other models' sizes and scores on a benchmark: everyone but the ladder, the target and the excluded. */
function population(data: BenchmarkData, ladder: readonly LadderModel[], target: MethodTarget, context: MethodContext): PopulationPoint[] {
  const skip = new Set(ladder.map((l) => l.model));
  if (target.model !== undefined) skip.add(target.model);
  const out: PopulationPoint[] = [];
  for (const [model, score] of data.scores) {
    const params = data.sizes?.get(model);
    if (params === undefined || skip.has(model) || context.exclude?.has(model)) continue;
    out.push({ params, score });
  }
  return out;
}

function runUnbounded(method: MethodId, data: BenchmarkData, ladder: readonly LadderModel[], target: MethodTarget, cod: CodOptions, context: MethodContext): MethodOutcome {
  const targetX = target.x;
  const missing = ladder.filter((l) => !data.scores.has(l.model)).map((l) => l.model);
  if (missing.length > 0) return { method, prediction: null, interval: null, reason: `no score for ${missing.join(', ')} on ${data.benchmark}`, warnings: [] };
  const x = ladder.map((l) => l.x);
  const y = ladder.map((l) => data.scores.get(l.model)!);
  switch (method) {
    case 'carry':
      // The naive forecast every method must beat: the largest ladder model's score, no trend.
      return { method, prediction: y[y.length - 1]!, interval: null, warnings: [] };
    case 'e2e-linear3':
      // The recent trend: a ladder's curve bends, and its last three models show the slope it has now.
      return { ...endToEndPrediction('e2e-linear', x.slice(-3), y.slice(-3), targetX, data.guess), method };
    case 'e2e-linear':
    case 'e2e-logistic':
    case 'e2e-cod':
      return endToEndPrediction(method, x, y, targetX, data.guess);
    case 'two-step': {
      const losses = data.losses;
      if (losses === undefined || ladder.some((l) => !losses.has(l.model))) {
        return { method, prediction: null, interval: null, reason: 'needs a loss-like column (loss, bpb) for every ladder model', warnings: [] };
      }
      return twoStepPrediction(x, ladder.map((l) => losses.get(l.model)!), y, targetX, { anchorPerfect: isAnswerLoss(data.lossColumn) });
    }
    case 'pop-curve': {
      const last = ladder[ladder.length - 1]!;
      if (last.params === undefined || target.params === undefined) {
        return { method, prediction: null, interval: null, reason: 'needs the parameter counts of the target and of the largest ladder model', warnings: [] };
      }
      return populationCurvePrediction(population(data, ladder, target, context), { params: last.params, score: y[y.length - 1]! }, target.params, scoreBounds(data), data.items);
    }
    case 'cod': {
      if (data.matrix === null) return { method, prediction: null, interval: null, reason: 'needs per-item scores', warnings: [] };
      // The guess floor is not imposed on COD's clusters: a cluster of items of one difficulty sits
      // above or below the benchmark's chance level, and the paper fits g per cluster.
      const r = codPrediction(data.matrix, ladder, targetX, cod);
      return { ...r.prediction, diagnostics: r.diagnostics };
    }
  }
}

/** A ladder model as a target. */
export function toTarget(l: LadderModel): MethodTarget {
  const t: MethodTarget = { x: l.x, model: l.model };
  if (l.params !== undefined) t.params = l.params;
  return t;
}

/** One held-out model's error. */
export interface HeldOutError {
  model: string;
  actual: number;
  prediction: number | null;
  error: number | null;
}

/** A method's backtest on one benchmark. */
export interface MethodBacktest {
  method: MethodId;
  heldOut: HeldOutError[];
  /** Mean and max absolute error over the held-out models; null if any prediction is missing. */
  meanError: number | null;
  maxError: number | null;
  reason?: string;
}

/**
 * Hides the largest `k` ladder models, predicts each from the rest with `method`, and measures the
 * absolute errors against their real scores.
 */
export function backtestMethod(method: MethodId, data: BenchmarkData, ladder: readonly LadderModel[], k: number, cod: CodOptions = {}): MethodBacktest {
  const train = ladder.slice(0, ladder.length - k);
  const hidden = ladder.slice(ladder.length - k);
  const heldOut: HeldOutError[] = [];
  let reason: string | undefined;
  const exclude = new Set(hidden.map((h) => h.model));
  for (const h of hidden) {
    const actual = data.scores.get(h.model);
    if (actual === undefined) continue;
    const p = runMethod(method, data, train, toTarget(h), { ...cod, bootstrap: 0, jackknife: false }, { exclude });
    if (p.prediction === null) reason ??= p.reason;
    heldOut.push({ model: h.model, actual, prediction: p.prediction, error: p.prediction === null ? null : Math.abs(p.prediction - actual) });
  }
  const errs = heldOut.map((h) => h.error);
  const complete = errs.length > 0 && errs.every((e) => e !== null);
  const out: MethodBacktest = {
    method,
    heldOut,
    meanError: complete ? (errs as number[]).reduce((a, b) => a + b, 0) / errs.length : null,
    maxError: complete ? Math.max(...(errs as number[])) : null,
  };
  if (reason !== undefined) out.reason = reason;
  return out;
}
