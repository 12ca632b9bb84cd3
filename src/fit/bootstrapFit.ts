/**
 * Seeded bootstrap of a fit: refit on resampled data many times to get parameter intervals,
 * confidence bands of the curve and prediction intervals at any input — including far beyond the
 * data, where the delta method's linearisation is least trustworthy.
 *
 * - `pairs`: resample the points with replacement (Efron & Tibshirani 1993, §9.5; what Epoch's
 *   Chinchilla replication does).
 * - `residuals`: keep the inputs, add resampled residuals of the original fit to its fitted values
 *   (§9.4), in the space the fit was made in (multiplicatively for log space); the residuals are
 *   centred and inflated by √(n/(n − p)) first. Prediction intervals draw from the same residuals.
 *
 * Replicate b draws from its own generator, seeded by (seed, b), so the result is the same whatever
 * the number of threads. Each refit starts from the original optimum; replicates whose refit fails
 * are dropped and counted.
 *
 * Intervals are percentile intervals (the (1 − level)/2 and (1 + level)/2 quantiles of the
 * replicates, NumPy's default linear-interpolation definition: {@link percentileInterval}).
 */
import { percentileInterval } from '../core/quantile.js';
import { createRandom } from '../core/random.js';
import { defaultThreads, runWorker, workerScriptUrl } from '../core/workerThreads.js';
import { DEFAULT_MAX_ITERATIONS, runStarts, prepareProblem, type FitOptions, type FitResult } from './fitLaw.js';
import { ResidualModel } from './fitProblem.js';
import type { FitData, Law } from './law.js';
import { lawById } from './laws/index.js';

/** Options of {@link bootstrapFit}. */
export interface BootstrapOptions {
  /** Number of replicates. @default 1000 */
  samples?: number;
  /** Seed; the same seed gives the same replicates. @default 1 */
  seed?: number;
  /** What to resample. @default 'pairs' */
  method?: 'pairs' | 'residuals';
  /** Level of the percentile intervals. @default the fit's level */
  level?: number;
  /** Worker threads (1 = in this thread). @default the number of CPUs, at most 8 */
  threads?: number;
}

/** Bootstrap replicates of a fit and what they say. */
export interface BootstrapResult {
  method: 'pairs' | 'residuals';
  seed: number;
  /** Replicates asked for and replicates whose refit succeeded. */
  samples: number;
  succeeded: number;
  level: number;
  /** Replicate parameters: `draws[b][j]` for successful replicate b, all parameters in the law's order. */
  draws: number[][];
  /** Per parameter: standard deviation over the replicates (the bootstrap standard error). */
  standardErrors: number[];
  /** Per parameter: percentile interval at `level`. */
  intervals: [number, number][];
  /** Residual draws for prediction intervals: one per successful replicate, in the fitting space. */
  residualDraws: number[];
}

/** Everything a replicate needs, in a form that can be sent to a worker thread. */
export interface ReplicateJob {
  lawId: string;
  x: number[][];
  y: number[];
  fitOptions: FitOptions;
  start: number[];
  fittedSpace: number[];
  residualsSpace: number[];
  method: 'pairs' | 'residuals';
  seed: number;
  from: number;
  to: number;
}

/** Seed of replicate b: a 32-bit mix of (seed, b) so that neighbouring replicates are unrelated. */
export function replicateSeed(seed: number, b: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * Runs replicates [from, to) of a job. Returns, per replicate, the parameters (NaN when the refit
 * failed) followed by one residual draw: `(p + 1)` numbers per replicate.
 */
export function runReplicates(job: ReplicateJob, lawOverride?: Law): Float64Array {
  const law = lawOverride ?? lawById(job.lawId);
  if (law === undefined) throw new Error(`unknown law ${job.lawId}`);
  const n = job.y.length;
  const p = law.params.length;
  const out = new Float64Array((job.to - job.from) * (p + 1)).fill(Number.NaN);
  const xs = job.x.map((c) => new Float64Array(n));
  const y = new Float64Array(n);
  // jobFor writes the original fit's resolved loss, δ and space, so no default is re-derived here.
  const loss = job.fitOptions.loss!;
  const delta = job.fitOptions.huberDelta!;
  const logSpace = job.fitOptions.space === 'log';
  for (let b = job.from; b < job.to; b++) {
    const rng = createRandom(replicateSeed(job.seed, b));
    for (let i = 0; i < n; i++) {
      if (job.method === 'pairs') {
        const k = rng.int(n);
        for (let c = 0; c < xs.length; c++) xs[c]![i] = job.x[c]![k]!;
        y[i] = job.y[k]!;
      } else {
        for (let c = 0; c < xs.length; c++) xs[c]![i] = job.x[c]![i]!;
        const r = job.residualsSpace[rng.int(n)]!;
        y[i] = logSpace ? Math.exp(job.fittedSpace[i]! + r) : job.fittedSpace[i]! + r;
      }
    }
    const row = (b - job.from) * (p + 1);
    out[row + p] = job.residualsSpace[rng.int(n)]!;
    try {
      const data: FitData = { x: xs, y };
      const spec = prepareProblem(law, data, job.fitOptions);
      const model = new ResidualModel(spec);
      const { best } = runStarts(spec, model, [job.start], loss, delta, job.fitOptions.maxIterations ?? DEFAULT_MAX_ITERATIONS, job.fitOptions.tolerance);
      if (best === null) continue;
      const theta = model.coords.theta(best.u);
      for (let j = 0; j < p; j++) out[row + j] = theta[j]!;
    } catch {
      // A resample the law cannot be fitted to (e.g. every point drawn from one x) counts as failed.
    }
  }
  return out;
}

function jobFor(law: Law, data: FitData, fit: FitResult, fitOptions: FitOptions, method: 'pairs' | 'residuals', seed: number): ReplicateJob {
  const logSpace = fit.space === 'log';
  const fittedSpace = fit.fitted.map((f) => (logSpace ? Math.log(f) : f));
  // Fitted residuals are smaller than the errors they estimate (the fit absorbed p degrees of
  // freedom): centre them and inflate by √(n/(n − p)) before resampling (Davison & Hinkley 1997, §6.2.3).
  const raw = fit.fitted.map((f, i) => (logSpace ? Math.log(data.y[i]!) - Math.log(f) : data.y[i]! - f));
  const mean = raw.reduce((a, v) => a + v, 0) / raw.length;
  const free = fit.fixed.filter((f) => !f).length;
  const inflate = fit.n > free ? Math.sqrt(fit.n / (fit.n - free)) : 1;
  const residualsSpace = raw.map((r) => (r - mean) * inflate);
  const fixed: Record<string, number> = { ...(fitOptions.fixed ?? {}) };
  return {
    lawId: law.id,
    x: data.x.map((c) => Array.from(c)),
    y: Array.from(data.y),
    fitOptions: {
      ...fitOptions,
      loss: fit.loss,
      huberDelta: fit.huberDelta ?? 1e-3,
      space: fit.space,
      fixed,
      starts: undefined,
      weights: fitOptions.weights ? Array.from(fitOptions.weights) : undefined,
    },
    start: fit.values,
    fittedSpace,
    residualsSpace,
    method,
    seed,
    from: 0,
    to: 0,
  };
}

function summarize(law: Law, raw: Float64Array, samples: number, level: number, method: 'pairs' | 'residuals', seed: number): BootstrapResult {
  const p = law.params.length;
  const draws: number[][] = [];
  const residualDraws: number[] = [];
  for (let b = 0; b < samples; b++) {
    const row = Array.from(raw.subarray(b * (p + 1), b * (p + 1) + p));
    if (row.every(Number.isFinite)) {
      draws.push(row);
      residualDraws.push(raw[b * (p + 1) + p]!);
    }
  }
  const standardErrors: number[] = [];
  const intervals: [number, number][] = [];
  for (let j = 0; j < p; j++) {
    const col = draws.map((d) => d[j]!);
    const sorted = Float64Array.from(col).sort();
    const mean = col.reduce((a, v) => a + v, 0) / Math.max(col.length, 1);
    const sd = Math.sqrt(col.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(col.length - 1, 1));
    standardErrors.push(sd);
    intervals.push(percentileInterval(sorted, level));
  }
  return { method, seed, samples, succeeded: draws.length, level, draws, standardErrors, intervals, residualDraws };
}

/**
 * Bootstraps a fit in this thread.
 *
 * @param fitOptions the options the fit was made with
 * @example const boot = bootstrapFit(chinchilla, data, fit, { loss: 'huber' }, { samples: 1000, seed: 42 });
 */
export function bootstrapFit(law: Law, data: FitData, fit: FitResult, fitOptions: FitOptions = {}, options: BootstrapOptions = {}): BootstrapResult {
  const samples = options.samples ?? 1000;
  const seed = options.seed ?? 1;
  const method = options.method ?? 'pairs';
  const job = { ...jobFor(law, data, fit, fitOptions, method, seed), from: 0, to: samples };
  return summarize(law, runReplicates(job, law), samples, options.level ?? fit.level, method, seed);
}

/**
 * Bootstraps a fit on several worker threads; the same result as {@link bootstrapFit} for the same
 * seed. Laws that are not registered in `laws/index.ts` run in this thread.
 */
export async function bootstrapFitParallel(
  law: Law,
  data: FitData,
  fit: FitResult,
  fitOptions: FitOptions = {},
  options: BootstrapOptions = {},
): Promise<BootstrapResult> {
  const samples = options.samples ?? 1000;
  const seed = options.seed ?? 1;
  const method = options.method ?? 'pairs';
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(), samples));
  if (threads === 1 || lawById(law.id) !== law) return bootstrapFit(law, data, fit, fitOptions, options);
  const base = jobFor(law, data, fit, fitOptions, method, seed);
  const p = law.params.length;
  const raw = new Float64Array(samples * (p + 1));
  const chunk = Math.ceil(samples / threads);
  const url = workerScriptUrl(import.meta.url, 'bootstrapWorker');
  await Promise.all(
    Array.from({ length: threads }, async (_, t) => {
      const from = t * chunk;
      const to = Math.min(samples, from + chunk);
      if (from >= to) return;
      const job: ReplicateJob = { ...base, from, to };
      raw.set(await runWorker<Float64Array>(url, job, 'bootstrap worker'), from * (p + 1));
    }),
  );
  return summarize(law, raw, samples, options.level ?? fit.level, method, seed);
}

/** A bootstrap band at one input: the curve's percentile interval and a prediction interval. */
export interface BootstrapBand {
  x: number[];
  value: number;
  confidence: [number, number];
  prediction: [number, number];
}

/**
 * Confidence band and prediction interval at each input from bootstrap replicates: the percentiles
 * of f(x; θ_b), and of f(x; θ_b) plus a resampled residual (in the fitting space).
 */
export function bootstrapBands(law: Law, fit: FitResult, boot: BootstrapResult, xs: number[][]): BootstrapBand[] {
  const logSpace = fit.space === 'log';
  return xs.map((x) => {
    const curve: number[] = [];
    const pred: number[] = [];
    boot.draws.forEach((theta, b) => {
      const f = law.evaluate(theta, x);
      if (!Number.isFinite(f)) return;
      curve.push(f);
      const r = boot.residualDraws[b]!;
      pred.push(logSpace ? f * Math.exp(r) : f + r);
    });
    curve.sort((a, b) => a - b);
    pred.sort((a, b) => a - b);
    return { x, value: law.evaluate(fit.values, x), confidence: percentileInterval(curve, boot.level), prediction: percentileInterval(pred, boot.level) };
  });
}
