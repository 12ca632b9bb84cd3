/**
 * The prediction methods behind one interface, so that `predict`, `backtest` and the automatic choice
 * treat them alike: COD, the three end-to-end fits, and the two-step loss→accuracy method.
 */
import type { ItemMatrix } from '../data/types.js';
import { codPrediction, type CodDiagnostics, type CodOptions } from './codPrediction.js';
import { endToEndPrediction, type MethodPrediction } from './endToEnd.js';
import type { LadderModel } from './ladder.js';
import { twoStepPrediction } from './twoStep.js';

/** Every method, in order of increasing complexity (the tie-break of the automatic choice). */
export const METHODS = ['e2e-linear', 'e2e-logistic', 'e2e-cod', 'two-step', 'cod'] as const;

/** A prediction method. */
export type MethodId = (typeof METHODS)[number];

/** What a method may use about one benchmark. */
export interface BenchmarkData {
  benchmark: string;
  /** Per-item scores; null for benchmarks known only by aggregate scores (COD cannot run). */
  matrix: ItemMatrix | null;
  /** Benchmark score of each model (mean over items, or the aggregate score). */
  scores: Map<string, number>;
  /** A loss-like metric of each model (loss, bpb) for the two-step method. */
  losses?: Map<string, number>;
  /** Guess floor of the benchmark, when known. */
  guess?: number;
}

/** A method's prediction, with COD's diagnostics when the method is COD. */
export interface MethodOutcome extends MethodPrediction {
  diagnostics?: CodDiagnostics | null;
}

/**
 * Runs one method for a target placed at `targetX` on the ladder's axis.
 */
export function runMethod(method: MethodId, data: BenchmarkData, ladder: readonly LadderModel[], targetX: number, cod: CodOptions = {}): MethodOutcome {
  const missing = ladder.filter((l) => !data.scores.has(l.model)).map((l) => l.model);
  if (missing.length > 0) return { method, prediction: null, interval: null, reason: `no score for ${missing.join(', ')} on ${data.benchmark}`, warnings: [] };
  const x = ladder.map((l) => l.x);
  const y = ladder.map((l) => data.scores.get(l.model)!);
  switch (method) {
    case 'e2e-linear':
    case 'e2e-logistic':
    case 'e2e-cod':
      return endToEndPrediction(method, x, y, targetX, data.guess);
    case 'two-step': {
      const losses = data.losses;
      if (losses === undefined || ladder.some((l) => !losses.has(l.model))) {
        return { method, prediction: null, interval: null, reason: 'needs a loss-like column (loss, bpb) for every ladder model', warnings: [] };
      }
      return twoStepPrediction(x, ladder.map((l) => losses.get(l.model)!), y, targetX);
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
  for (const h of hidden) {
    const actual = data.scores.get(h.model);
    if (actual === undefined) continue;
    const p = runMethod(method, data, train, h.x, { ...cod, bootstrap: 0, jackknife: false });
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

/** The automatic choice for one benchmark and why. */
export interface AutoChoice {
  method: MethodId | null;
  /** Held-out models of the inner backtest. */
  heldOut: string[];
  /** Each candidate's inner-backtest mean error (null: could not predict). */
  errors: Record<string, number | null>;
  reason: string;
}

/**
 * Chooses the method for a benchmark by a leave-the-largest-out backtest on the ladder itself: the
 * largest model (the two largest when the ladder has 6 or more) is predicted from the others by each
 * candidate, and the candidate with the least mean absolute error wins; ties go to the simpler
 * method. On a ladder of 3 models no backtest is possible and the straight line in log-compute, the
 * method with fewest parameters, is used.
 */
export function chooseMethod(data: BenchmarkData, ladder: readonly LadderModel[], candidates: readonly MethodId[] = METHODS, cod: CodOptions = {}): AutoChoice {
  if (ladder.length <= 3) {
    const method = candidates.includes('e2e-linear') ? 'e2e-linear' : (candidates[0] ?? null);
    return { method, heldOut: [], errors: {}, reason: `the ladder has ${ladder.length} models, too few to backtest: ${method} has the fewest parameters` };
  }
  const k = ladder.length >= 6 ? 2 : 1;
  const errors: Record<string, number | null> = {};
  let best: MethodId | null = null;
  let bestErr = Infinity;
  for (const m of METHODS.filter((x) => candidates.includes(x))) {
    const bt = backtestMethod(m, data, ladder, k, cod);
    errors[m] = bt.meanError;
    if (bt.meanError !== null && bt.meanError < bestErr - 1e-12) {
      best = m;
      bestErr = bt.meanError;
    }
  }
  const heldOut = ladder.slice(ladder.length - k).map((l) => l.model);
  if (best === null) {
    const method = candidates.includes('e2e-linear') ? 'e2e-linear' : (candidates[0] ?? null);
    return { method, heldOut, errors, reason: `no method could predict ${heldOut.join(' and ')} from the smaller models: ${method ?? 'nothing'} is used, as the method with the fewest parameters` };
  }
  const table = Object.entries(errors)
    .map(([m, e]) => `${m} ${e === null ? 'n/a' : `${(100 * e).toFixed(2)} pts`}`)
    .join(', ');
  return { method: best, heldOut, errors, reason: `least error predicting ${heldOut.join(' and ')} from the smaller models (${table})` };
}
