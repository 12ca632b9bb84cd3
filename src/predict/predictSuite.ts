/**
 * Predicting a target model on every benchmark of a suite with the chosen methods, and backtesting
 * the methods on the ladder: what `scalecast predict` and `scalecast backtest` compute. With `auto`
 * every method runs and the default — the policy fitted on the public corpus
 * ({@link applyPolicy}) — is added as the row `default`.
 */
import type { CodOptions } from './codPrediction.js';
import { dataKind, type DataKind } from './dataKind.js';
import { scoreBounds } from './bounds.js';
import { extrapolationRatio, type LadderModel } from './ladder.js';
import { backtestMethod, METHODS, runMethod, toTarget, type BenchmarkData, type HeldOutError, type MethodBacktest, type MethodId, type MethodOutcome, type MethodTarget } from './methods.js';
import { applyPolicy, type DefaultPolicy, type PolicyInput, type PolicyPrediction } from './policy/defaultPolicy.js';
import { shippedPolicy } from './policy/shippedPolicy.js';

/** Which methods to run: one, all, or `auto` (all, and the default). */
export type MethodSelection = MethodId | 'all' | 'auto';

/** The method id of the default's row. */
export const DEFAULT_METHOD = 'default';

/** How the default came about on one benchmark. */
export interface DefaultChoice {
  kind: DataKind;
  ratio: number;
  /** The policy's group and the weight and value of each component. */
  group: string;
  components: PolicyPrediction['components'];
  /** Where the policy comes from. */
  policy: { corpus: string; fitted: string };
  reason: string;
}

/** One benchmark's predictions. */
export interface BenchmarkPrediction {
  benchmark: string;
  /** One row per method run; with `auto`, the default's row (`method: 'default'`) has `default: true`. */
  predictions: (MethodOutcome & { default?: boolean })[];
  /** How the default was made, with `auto`. */
  auto?: DefaultChoice;
}

/** Options of {@link predictSuite} and {@link backtestSuite}. */
export interface SuiteOptions {
  methods?: MethodSelection;
  cod?: CodOptions;
  /** The default's policy. @default the shipped one ({@link shippedPolicy}) */
  policy?: DefaultPolicy;
  /** Told before each benchmark and method, during COD's long steps, and once at the end (done = total). */
  onProgress?: (progress: SuiteProgress) => void;
}

/** Where a suite is: `done` of `total` benchmarks finished, and what runs now. */
export interface SuiteProgress {
  done: number;
  total: number;
  benchmark?: string;
  method?: MethodId;
  /** COD's step, with its own count. */
  step?: { name: string; done: number; total: number };
}

/** The COD options of one (benchmark, method) with progress reported through the suite's callback. */
function withProgress(options: SuiteOptions, at: Omit<SuiteProgress, 'step'>): CodOptions | undefined {
  const report = options.onProgress;
  if (report === undefined) return options.cod;
  report(at);
  return { ...options.cod, onProgress: (name, done, total) => report({ ...at, step: { name, done, total } }) };
}

function methodsOf(sel: MethodSelection): MethodId[] {
  return sel === 'all' || sel === 'auto' ? [...METHODS] : [sel];
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** The words of a default: its group and the components that carry weight. */
function describeDefault(p: PolicyPrediction, policy: DefaultPolicy, kind: DataKind, ratio: number): string {
  const used = p.components.filter((c) => c.weight > 0.005).map((c) => `${c.method}${c.fallback ? ` (as ${c.fallback})` : ''} ${c.weight.toFixed(2)}`);
  return `${kind} data, ${ratio.toFixed(1)}× the largest ladder model: carry forward plus the weighted gains of ${used.length > 0 ? used.join(', ') : 'no method (the corpus gave every one weight 0)'} (weights of group ${p.group}, fitted on corpus "${policy.corpus}" on ${policy.fitted}); interval from the corpus's out-of-sample errors at this ratio`;
}

/** The policy's input for one benchmark and target from the methods' predictions. */
export function policyInput(b: BenchmarkData, ladder: readonly LadderModel[], target: MethodTarget, rows: readonly MethodOutcome[]): PolicyInput {
  const largest = ladder[ladder.length - 1]!;
  const t: LadderModel = { model: target.model ?? 'target', x: target.x };
  if (target.params !== undefined) t.params = target.params;
  const values: PolicyInput['values'] = {};
  for (const r of rows) values[r.method as MethodId] = r.prediction;
  return { kind: dataKind(b.matrix, ladder.map((l) => l.model)), ratio: extrapolationRatio(t, largest), ...scoreBounds(b), values };
}

/**
 * The default's row for one benchmark from the methods' rows (which must include every method).
 */
export function defaultRow(
  b: BenchmarkData,
  ladder: readonly LadderModel[],
  target: MethodTarget,
  rows: readonly MethodOutcome[],
  policy: DefaultPolicy,
): { row: MethodOutcome & { default: true }; choice: DefaultChoice } {
  const input = policyInput(b, ladder, target, rows);
  const p = applyPolicy(policy, input);
  const reason = describeDefault(p, policy, input.kind, input.ratio);
  const warnings = rows.filter((r) => r.prediction !== null && p.components.some((c) => c.method === r.method && c.weight > 0.005 && !c.fallback)).flatMap((r) => r.warnings.map((w) => `${r.method}: ${w}`));
  if (p.interval[1] - p.interval[0] > 0.3) warnings.push(`the 95% interval is ${pct(p.interval[1] - p.interval[0])} wide: on the corpus, predictions this far out missed by this much`);
  return {
    row: { method: DEFAULT_METHOD, prediction: p.value, interval: p.interval, warnings, default: true },
    choice: { kind: input.kind, ratio: input.ratio, group: p.group, components: p.components, policy: { corpus: policy.corpus, fitted: policy.fitted }, reason },
  };
}

/**
 * Predicts the target (a position on the ladder's axis, or position, size and name) on every benchmark.
 */
export function predictSuite(benchmarks: readonly BenchmarkData[], ladder: readonly LadderModel[], target: number | MethodTarget, options: SuiteOptions = {}): BenchmarkPrediction[] {
  const sel = options.methods ?? 'auto';
  const t = typeof target === 'number' ? { x: target } : target;
  const policy = sel === 'auto' ? (options.policy ?? shippedPolicy()) : undefined;
  const total = benchmarks.length;
  const out = benchmarks.map((b, i) => {
    const rows: (MethodOutcome & { default?: boolean })[] = methodsOf(sel).map((m) => runMethod(m, b, ladder, t, withProgress(options, { done: i, total, benchmark: b.benchmark, method: m })));
    const out: BenchmarkPrediction = { benchmark: b.benchmark, predictions: rows };
    if (policy !== undefined) {
      // The default starts from the largest ladder model's score; without it there is no default.
      if (rows.find((r) => r.method === 'carry')?.prediction == null) {
        rows.unshift({ method: DEFAULT_METHOD, prediction: null, interval: null, reason: `the largest ladder model (${ladder[ladder.length - 1]!.model}) has no score on this benchmark, and the default starts from it`, warnings: [], default: true });
      } else {
        const d = defaultRow(b, ladder, t, rows, policy);
        rows.unshift(d.row);
        out.auto = d.choice;
      }
    }
    return out;
  });
  options.onProgress?.({ done: total, total });
  return out;
}

/** One benchmark's backtest. */
export interface BenchmarkBacktest {
  benchmark: string;
  /** The hidden models. */
  heldOut: string[];
  methods: MethodBacktest[];
  /** What the default would have predicted from the reduced ladder, and its errors. */
  auto?: { meanError: number | null; maxError: number | null; heldOut: HeldOutError[]; reason: string };
}

/**
 * Hides the largest `k` ladder models and predicts them from the rest with every method; with `auto`
 * also the default's prediction of each hidden model from the same reduced ladder.
 */
export function backtestSuite(benchmarks: readonly BenchmarkData[], ladder: readonly LadderModel[], k: number, options: SuiteOptions = {}): BenchmarkBacktest[] {
  const sel = options.methods ?? 'auto';
  const policy = sel === 'auto' ? (options.policy ?? shippedPolicy()) : undefined;
  const train = ladder.slice(0, ladder.length - k);
  const hidden = ladder.slice(ladder.length - k);
  const total = benchmarks.length;
  const out = benchmarks.map((b, i) => {
    const methods = methodsOf(sel).map((m) => backtestMethod(m, b, ladder, k, withProgress(options, { done: i, total, benchmark: b.benchmark, method: m })));
    const out: BenchmarkBacktest = { benchmark: b.benchmark, heldOut: hidden.map((l) => l.model), methods };
    if (policy !== undefined) {
      const heldOut: HeldOutError[] = [];
      let reason = '';
      for (const h of hidden) {
        const actual = b.scores.get(h.model);
        if (actual === undefined) continue;
        const rows: MethodOutcome[] = methods.map((m) => {
          const e = m.heldOut.find((x) => x.model === h.model);
          return { method: m.method, prediction: e?.prediction ?? null, interval: null, warnings: [] };
        });
        if (rows.find((r) => r.method === 'carry')?.prediction == null) continue;
        const d = defaultRow(b, train, toTarget(h), rows, policy);
        reason = d.choice.reason;
        heldOut.push({ model: h.model, actual, prediction: d.row.prediction, error: Math.abs(d.row.prediction! - actual) });
      }
      const errs = heldOut.map((h) => h.error!);
      out.auto = { heldOut, meanError: errs.length > 0 ? errs.reduce((a, e) => a + e, 0) / errs.length : null, maxError: errs.length > 0 ? Math.max(...errs) : null, reason };
    }
    return out;
  });
  options.onProgress?.({ done: total, total });
  return out;
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
 * The row of the paper's Table 1 for one method (`auto` for the default): its mean error on each
 * benchmark, then the mean and the max over the benchmarks.
 *
 * @example backtestSummary(results, 'e2e-linear').mean
 */
export function backtestSummary(results: readonly BenchmarkBacktest[], method: MethodId | 'auto'): BacktestSummary {
  const errors = results.map((r) => (method === 'auto' ? (r.auto?.meanError ?? null) : (r.methods.find((m) => m.method === method)?.meanError ?? null)));
  const ok = errors.filter((e): e is number => e !== null);
  const complete = ok.length === errors.length && ok.length > 0;
  return { errors, mean: complete ? ok.reduce((a, b) => a + b, 0) / ok.length : null, max: complete ? Math.max(...ok) : null };
}
