/**
 * Predicting a target model on every benchmark of a suite with the chosen methods, and backtesting
 * the methods on the ladder: what `scalecast predict` and `scalecast backtest` compute.
 */
import type { CodOptions } from './codPrediction.js';
import type { LadderModel } from './ladder.js';
import { backtestMethod, chooseMethod, METHODS, runMethod, type AutoChoice, type BenchmarkData, type MethodBacktest, type MethodId, type MethodOutcome } from './methods.js';

/** Which methods to run: one, all, or `auto` (all, with a default chosen per benchmark). */
export type MethodSelection = MethodId | 'all' | 'auto';

/** One benchmark's predictions. */
export interface BenchmarkPrediction {
  benchmark: string;
  /** One row per method run; the automatic choice's row has `default: true`. */
  predictions: (MethodOutcome & { default?: boolean })[];
  /** The automatic choice, when `auto`. */
  auto?: AutoChoice;
}

/** Options of {@link predictSuite}. */
export interface SuiteOptions {
  methods?: MethodSelection;
  cod?: CodOptions;
}

function methodsOf(sel: MethodSelection): MethodId[] {
  return sel === 'all' || sel === 'auto' ? [...METHODS] : [sel];
}

/**
 * Predicts the target (at `targetX` on the ladder's axis) on every benchmark.
 */
export function predictSuite(benchmarks: readonly BenchmarkData[], ladder: readonly LadderModel[], targetX: number, options: SuiteOptions = {}): BenchmarkPrediction[] {
  const sel = options.methods ?? 'auto';
  return benchmarks.map((b) => {
    const rows: (MethodOutcome & { default?: boolean })[] = methodsOf(sel).map((m) => runMethod(m, b, ladder, targetX, options.cod));
    const out: BenchmarkPrediction = { benchmark: b.benchmark, predictions: rows };
    if (sel === 'auto') {
      const usable = rows.filter((r) => r.prediction !== null).map((r) => r.method as MethodId);
      const choice = chooseMethod(b, ladder, usable, options.cod);
      out.auto = choice;
      for (const r of rows) if (r.method === choice.method) r.default = true;
    }
    return out;
  });
}

/** One benchmark's backtest. */
export interface BenchmarkBacktest {
  benchmark: string;
  /** The hidden models. */
  heldOut: string[];
  methods: MethodBacktest[];
  /** What `auto` would have chosen from the reduced ladder, and its error. */
  auto?: { method: MethodId | null; meanError: number | null; maxError: number | null; reason: string };
}

/**
 * Hides the largest `k` ladder models and predicts them from the rest with every method; with `auto`
 * also reports the error of the method the automatic choice would have picked on the reduced ladder
 * (so the default is judged on data it did not choose with).
 */
export function backtestSuite(benchmarks: readonly BenchmarkData[], ladder: readonly LadderModel[], k: number, options: SuiteOptions = {}): BenchmarkBacktest[] {
  const sel = options.methods ?? 'auto';
  return benchmarks.map((b) => {
    const methods = methodsOf(sel).map((m) => backtestMethod(m, b, ladder, k, options.cod));
    const out: BenchmarkBacktest = { benchmark: b.benchmark, heldOut: ladder.slice(ladder.length - k).map((l) => l.model), methods };
    if (sel === 'auto') {
      const reduced = ladder.slice(0, ladder.length - k);
      const choice = chooseMethod(b, reduced, METHODS, options.cod);
      const bt = methods.find((m) => m.method === choice.method);
      out.auto = { method: choice.method, meanError: bt?.meanError ?? null, maxError: bt?.maxError ?? null, reason: choice.reason };
    }
    return out;
  });
}

/** A method's backtest over a suite: its mean error on each benchmark, and their mean and max. */
export interface BacktestSummary {
  /** Mean absolute error per benchmark, in the order of the results; null where it did not predict. */
  errors: (number | null)[];
  /** Mean and max of `errors`, or null when any benchmark lacks a prediction. */
  mean: number | null;
  max: number | null;
}

/**
 * The row of the paper's Table 1 for one method (`auto` for the automatic choice): its mean error on
 * each benchmark, then the mean and the max over the benchmarks.
 *
 * @example backtestSummary(results, 'e2e-linear').mean
 */
export function backtestSummary(results: readonly BenchmarkBacktest[], method: MethodId | 'auto'): BacktestSummary {
  const errors = results.map((r) => (method === 'auto' ? (r.auto?.meanError ?? null) : (r.methods.find((m) => m.method === method)?.meanError ?? null)));
  const ok = errors.filter((e): e is number => e !== null);
  const complete = ok.length === errors.length && ok.length > 0;
  return { errors, mean: complete ? ok.reduce((a, b) => a + b, 0) / ok.length : null, max: complete ? Math.max(...ok) : null };
}
