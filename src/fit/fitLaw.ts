/**
 * Fitting a scaling law to a few noisy points, the way a careful analyst would: bounded nonlinear
 * least squares (or a Huber loss, as Chinchilla's Approach 3) from many starting points, keeping the
 * best, with standard errors from the Jacobian at the optimum, t-based intervals, fit statistics,
 * and warnings when the answer deserves doubt (not converged, on a bound, flat data, starts that
 * disagree).
 *
 * Standard errors: Cov(θ̂) = s²·(JᵀJ)⁻¹ with J = ∂r/∂θ at θ̂ and s² = Σr²/(n − p), the residuals r
 * in the space the fit minimised (linear or log). Intervals are θ̂ ± t_{(1+level)/2, n−p}·SE; for
 * parameters on a log scale they are computed for ln θ and mapped back, so they stay positive.
 * For a Huber fit the same Gauss–Newton formula is reported as an approximation; the bootstrap
 * (`bootstrapFit`) gives intervals that do not lean on it.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { studentTQuantile } from '../core/studentT.js';
import { FitDataError, type FitWarning } from './fitError.js';
import { ResidualModel, type ProblemSpec, type ResidualSpace } from './fitProblem.js';
import type { FitData, Law } from './law.js';
import { minimizeLbfgs } from './lbfgs.js';
import { solveLeastSquares } from './leastSquares.js';

/** Iteration cap per start when {@link FitOptions.maxIterations} is not given. */
export const DEFAULT_MAX_ITERATIONS = 500;

/** Options of {@link fitLaw}. */
export interface FitOptions {
  /** `squared`: least squares (Levenberg–Marquardt); `huber`: Σ Huber_δ(r) (L-BFGS). @default 'squared' */
  loss?: 'squared' | 'huber';
  /** δ of the Huber loss. @default 1e-3 */
  huberDelta?: number;
  /** Residual space. @default the law's `defaultSpace` for squared loss, `log` for Huber */
  space?: ResidualSpace;
  /** Starting points (natural parameter values); the law's own grid by default. */
  starts?: number[][];
  /** Bounds to use instead of the law's, by parameter name. */
  bounds?: Record<string, [number, number]>;
  /** Parameters held at a value, by name (e.g. `{ g: 0.25 }` for a known guess floor). */
  fixed?: Record<string, number>;
  /** Per-point weights on the residuals. */
  weights?: ArrayLike<number>;
  /** Confidence level of the intervals. @default 0.95 */
  level?: number;
  /** Iteration cap per start. @default 500 (1000 for Huber) */
  maxIterations?: number;
  /**
   * Stopping tolerances. `tight` runs each start to the optimum as far as floating point allows;
   * `scipy` stops where scipy does by default (L-BFGS-B: ftol = 2.2e-9 with an absolute floor, gtol =
   * 1e-5; curve_fit's LM: ftol = xtol = 1.49e-8), which on flat valleys such as Chinchilla's stops
   * short of the optimum — use it to reproduce published fits made with scipy.
   * @default 'tight'
   */
  tolerance?: 'tight' | 'scipy';
}

/** A fitted law with everything needed to judge and use it. */
export interface FitResult {
  law: string;
  formula: string;
  /** Parameter names, in the law's order. */
  names: string[];
  /** Fitted values, in the law's order. */
  values: number[];
  /** Fitted values by name. */
  params: Record<string, number>;
  /** Which parameters were held fixed. */
  fixed: boolean[];
  /** Standard errors; null for fixed or unidentifiable parameters. */
  standardErrors: (number | null)[];
  /** Covariance of all parameters (zeros for fixed ones); null when it cannot be estimated. */
  covariance: number[][] | null;
  /** Confidence intervals at `level`; null where no standard error exists. */
  intervals: ([number, number] | null)[];
  level: number;
  loss: 'squared' | 'huber';
  huberDelta: number | null;
  space: ResidualSpace;
  /** Number of points and residual degrees of freedom (points − free parameters). */
  n: number;
  dof: number;
  /** Fitted values and residuals y − ŷ in the units of y. */
  fitted: number[];
  residuals: number[];
  /** Sum of squared residuals, in the units of y. */
  sse: number;
  rmse: number;
  mae: number;
  /** Coefficient of determination; null when y is constant. */
  r2: number | null;
  /** Residual variance s² in the fitting space: Σr²/(n − p). */
  residualVariance: number | null;
  /** Akaike and Bayesian information criteria, n·ln(SSE/n) + penalty (k = free parameters); null for a perfect fit. */
  aic: number | null;
  aicc: number | null;
  bic: number | null;
  /** The minimised objective (½Σr² or ΣHuber). */
  objective: number;
  converged: boolean;
  reason: string;
  iterations: number;
  /** Parameters that ended on a bound. */
  atBounds: string[];
  /** How many starts were tried, converged, and reached the best objective (within 1e-6 relative). */
  starts: { tried: number; converged: number; agreeing: number };
  warnings: FitWarning[];
  /** Set when the fit must not be extrapolated, with the reason (e.g. flat data). */
  cannotExtrapolate?: string;
}

/** Checks the data against the law; returns the problem with bounds and fixed values resolved. */
export function prepareProblem(law: Law, data: FitData, options: FitOptions = {}): ProblemSpec {
  const n = data.y.length;
  if (data.x.length !== law.inputs.length) {
    throw new FitDataError('bad-option', `${law.name} takes ${law.inputs.length} input${law.inputs.length === 1 ? '' : 's'} (${law.inputs.join(', ')}), got ${data.x.length}`);
  }
  for (const col of data.x) if (col.length !== n) throw new FitDataError('bad-option', 'every input column needs one value per point');
  const point = new Float64Array(data.x.length);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(data.y[i]!)) throw new FitDataError('non-finite', `point ${i + 1} has a non-finite y (${data.y[i]})`);
    for (let k = 0; k < data.x.length; k++) {
      point[k] = data.x[k]![i]!;
      if (!Number.isFinite(point[k]!)) throw new FitDataError('non-finite', `point ${i + 1} has a non-finite ${law.inputs[k]} (${point[k]})`);
    }
    const why = law.checkInput?.(point);
    if (why !== undefined) throw new FitDataError('domain', `point ${i + 1}: ${why}`);
  }
  const p = law.params.length;
  const fixed = new Float64Array(p).fill(Number.NaN);
  const lower = Float64Array.from(law.params, (q) => q.lower);
  const upper = Float64Array.from(law.params, (q) => q.upper);
  const index = (name: string) => {
    const j = law.params.findIndex((q) => q.name === name);
    if (j < 0) throw new FitDataError('bad-option', `${law.name} has no parameter "${name}" (it has ${law.params.map((q) => q.name).join(', ')})`);
    return j;
  };
  for (const [name, [lo, hi]] of Object.entries(options.bounds ?? {})) {
    const j = index(name);
    if (!(lo <= hi)) throw new FitDataError('bad-option', `bounds of ${name} must satisfy lower ≤ upper`);
    lower[j] = lo;
    upper[j] = hi;
  }
  for (const [name, value] of Object.entries(options.fixed ?? {})) {
    if (!Number.isFinite(value)) throw new FitDataError('bad-option', `fixed value of ${name} must be finite`);
    const j = index(name);
    if (value < lower[j]! || value > upper[j]!) throw new FitDataError('bad-option', `fixed value of ${name} (${value}) is outside its bounds [${lower[j]}, ${upper[j]}]`);
    fixed[j] = value;
  }
  if (options.huberDelta !== undefined && !(options.huberDelta > 0 && Number.isFinite(options.huberDelta))) {
    throw new FitDataError('bad-option', `the Huber δ must be a positive number, not ${options.huberDelta}`);
  }
  const nFree = [...fixed].filter(Number.isNaN).length;
  if (n < nFree) {
    throw new FitDataError('too-few-points', `${law.name} has ${nFree} free parameters but there ${n === 1 ? 'is 1 point' : `are ${n} points`}: it cannot be fitted (fix parameters or add points)`);
  }
  const space = options.space ?? (options.loss === 'huber' ? 'log' : law.defaultSpace);
  if (space === 'log') {
    for (let i = 0; i < n; i++) {
      if (!(data.y[i]! > 0)) throw new FitDataError('domain', `point ${i + 1}: y must be > 0 to fit in log space (y = ${data.y[i]})`);
    }
  }
  let weights: Float64Array | undefined;
  if (options.weights !== undefined) {
    weights = Float64Array.from(options.weights);
    if (weights.length !== n || weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
      throw new FitDataError('bad-option', 'weights must be one finite, non-negative number per point');
    }
  }
  return { law, data, space, weights, fixed, lower, upper };
}

/**
 * Fits `law` to `data`.
 *
 * @throws FitDataError when the data cannot support the fit (see {@link prepareProblem})
 * @example
 * const fit = fitLaw(powerLawOffset, { x: [Float64Array.of(1e6, 1e7, 1e8, 1e9)], y: Float64Array.of(3.29, 2.50, 2.10, 1.90) });
 * fit.params // => { E: …, A: …, alpha: … }
 */
export function fitLaw(law: Law, data: FitData, options: FitOptions = {}): FitResult {
  const spec = prepareProblem(law, data, options);
  const model = new ResidualModel(spec);
  const loss = options.loss ?? 'squared';
  const delta = options.huberDelta ?? 1e-3;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const starts = options.starts ?? law.starts(data);
  if (starts.length === 0) throw new FitDataError('bad-option', `no starting points for ${law.name}`);

  const { best, runs } = runStarts(spec, model, starts, loss, delta, maxIterations, options.tolerance);
  if (best === null) {
    throw new FitDataError('domain', `${law.name}: no starting point gave a finite objective; the law cannot describe these data`);
  }
  const agreeing = runs.filter((r) => r.objective <= best!.objective + 1e-6 * Math.max(Math.abs(best!.objective), 1e-12)).length;
  return summarizeFit(spec, model, best.u, {
    loss,
    delta,
    level: options.level ?? 0.95,
    objective: best.objective,
    converged: best.converged,
    reason: best.reason,
    iterations: best.iterations,
    starts: { tried: starts.length, converged: runs.filter((r) => r.converged).length, agreeing },
  });
}

/** One optimiser run from one start, in internal coordinates. */
export interface StartRun {
  u: Float64Array;
  objective: number;
  converged: boolean;
  reason: string;
  iterations: number;
}

/**
 * Runs the optimiser from every start and returns the best run (lowest objective) and all runs
 * with a finite objective. Starts are natural parameter values; fixed parameters are overridden.
 */
export function runStarts(
  spec: ProblemSpec,
  model: ResidualModel,
  starts: readonly (readonly number[])[],
  loss: 'squared' | 'huber',
  delta: number,
  maxIterations: number,
  tolerance: 'tight' | 'scipy' = 'tight',
): { best: StartRun | null; runs: StartRun[] } {
  const lsTol = tolerance === 'scipy' ? { ftol: 1.49012e-8, xtol: 1.49012e-8, gtol: 0 } : { ftol: 1e-10, xtol: 1e-10, gtol: 1e-12 };
  const lbTol = tolerance === 'scipy' ? { ftol: 2.220446049250313e-9, gtol: 1e-5 } : { ftol: 1e-15, gtol: 1e-12 };
  const coords = model.coords;
  const law = spec.law;
  let best: StartRun | null = null;
  const runs: StartRun[] = [];
  const ls = loss === 'squared' ? model.leastSquares() : null;
  const hub = loss === 'huber' ? model.huberObjective(delta) : null;
  const theta = new Float64Array(law.params.length);
  for (const start of starts) {
    for (let j = 0; j < theta.length; j++) theta[j] = Number.isNaN(spec.fixed[j]!) ? start[j]! : spec.fixed[j]!;
    const u0 = coords.internal(theta);
    let run: StartRun;
    if (ls !== null) {
      const r = solveLeastSquares(ls, u0, { maxIterations, ...lsTol });
      run = { u: r.params, objective: 0.5 * r.sse, converged: r.converged, reason: r.reason, iterations: r.iterations };
    } else {
      const r = minimizeLbfgs(hub!, u0, { maxIterations: Math.max(maxIterations, 1000), ...lbTol });
      run = { u: r.params, objective: r.value, converged: r.converged, reason: r.reason, iterations: r.iterations };
    }
    if (!Number.isFinite(run.objective)) continue;
    runs.push(run);
    if (best === null || run.objective < best.objective) best = run;
  }
  return { best, runs };
}

interface RunSummary {
  loss: 'squared' | 'huber';
  delta: number;
  level: number;
  objective: number;
  converged: boolean;
  reason: string;
  iterations: number;
  starts: { tried: number; converged: number; agreeing: number };
}

/** Statistics of the fit at internal point `u`. */
function summarizeFit(spec: ProblemSpec, model: ResidualModel, u: Float64Array, run: RunSummary): FitResult {
  const { law, data } = spec;
  const coords = model.coords;
  const n = data.y.length;
  const p = law.params.length;
  const m = coords.nFree;
  const theta = coords.theta(u);
  const warnings: FitWarning[] = [];

  const point = new Float64Array(data.x.length);
  const fitted: number[] = [];
  const residuals: number[] = [];
  let sse = 0;
  let sae = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < data.x.length; k++) point[k] = data.x[k]![i]!;
    const f = law.evaluate(theta, point);
    fitted.push(f);
    residuals.push(data.y[i]! - f);
    sse += (data.y[i]! - f) ** 2;
    sae += Math.abs(data.y[i]! - f);
    mean += data.y[i]!;
  }
  mean /= n;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (data.y[i]! - mean) ** 2;
  const flat = sst <= 1e-24 * Math.max(1, mean * mean) * n;

  // Residuals in the fitting space, for s² and the covariance.
  const r = new Float64Array(n);
  model.residuals(u, r);
  let rss = 0;
  for (const v of r) rss += v * v;
  const dof = n - m;
  const s2 = dof > 0 ? rss / dof : null;

  // Jacobian with respect to the natural free parameters: J_u / (dθ/du).
  const Ju = new Float64Array(n * m);
  model.jacobian(u, Ju);
  const J = new Matrix(n, m);
  for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) J.set(i, k, Ju[i * m + k]! / coords.scaleOf(k, theta));

  let covFree: Matrix | null = null;
  if (s2 === null) {
    warnings.push({ code: 'no-dof', message: `${n} points for ${m} free parameters leave no degrees of freedom: no standard errors` });
  } else if (m > 0) {
    const svd = new SingularValueDecomposition(J, { autoTranspose: true });
    const sv = svd.diagonal;
    const smax = Math.max(...sv);
    const rank = sv.filter((s) => s > smax * 1e-10).length;
    if (rank < m || !(smax > 0)) {
      warnings.push({ code: 'unidentifiable', message: `the data do not determine all ${m} parameters (Jacobian rank ${rank}): standard errors omitted` });
    } else {
      // (JᵀJ)⁻¹ = V·diag(1/σ²)·Vᵀ
      const V = svd.rightSingularVectors;
      covFree = new Matrix(m, m);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          let s = 0;
          for (let k = 0; k < m; k++) s += (V.get(a, k) * V.get(b, k)) / (sv[k]! * sv[k]!);
          covFree.set(a, b, s * s2);
        }
      }
    }
  }

  const level = run.level;
  const tq = dof > 0 ? studentTQuantile(0.5 + level / 2, dof) : Number.NaN;
  const standardErrors: (number | null)[] = new Array(p).fill(null);
  const intervals: ([number, number] | null)[] = new Array(p).fill(null);
  let covariance: number[][] | null = null;
  if (covFree !== null) {
    covariance = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    coords.free.forEach((j, a) => {
      coords.free.forEach((jj, b) => {
        covariance![j]![jj] = covFree!.get(a, b);
      });
      const se = Math.sqrt(Math.max(covFree!.get(a, a), 0));
      standardErrors[j] = se;
      const v = theta[j]!;
      if (law.params[j]!.scale === 'log' && v > 0) {
        const seLog = se / v;
        intervals[j] = [v * Math.exp(-tq * seLog), v * Math.exp(tq * seLog)];
      } else {
        intervals[j] = [v - tq * se, v + tq * se];
      }
    });
  }

  const atBounds: string[] = [];
  coords.free.forEach((j) => {
    const v = theta[j]!;
    const lo = spec.lower[j]!;
    const hi = spec.upper[j]!;
    const tol = 1e-8 * Math.max(1, Math.abs(v));
    if ((Number.isFinite(lo) && v - lo <= tol) || (Number.isFinite(hi) && hi - v <= tol)) atBounds.push(law.params[j]!.name);
  });
  if (atBounds.length > 0) {
    warnings.push({ code: 'at-bound', message: `${atBounds.join(', ')} ended on ${atBounds.length === 1 ? 'its bound' : 'their bounds'}: the unconstrained optimum lies outside, so treat ${atBounds.length === 1 ? 'it' : 'them'} with care` });
  }
  if (!run.converged) warnings.push({ code: 'not-converged', message: `the best start did not converge (${run.reason})` });
  if (run.starts.tried >= 5 && run.starts.agreeing === 1) {
    warnings.push({ code: 'few-starts-agree', message: `only 1 of ${run.starts.tried} starting points reached the best objective: the optimum may be fragile` });
  }
  let cannotExtrapolate: string | undefined;
  if (flat) {
    cannotExtrapolate = 'the responses are all equal: there is no trend to extrapolate';
    warnings.push({ code: 'flat-data', message: cannotExtrapolate });
  }

  const k = m;
  const aic = sse > 0 ? n * Math.log(sse / n) + 2 * k : null;
  const result: FitResult = {
    law: law.id,
    formula: law.formula,
    names: law.params.map((q) => q.name),
    values: Array.from(theta),
    params: Object.fromEntries(law.params.map((q, j) => [q.name, theta[j]!])),
    fixed: law.params.map((_, j) => !Number.isNaN(spec.fixed[j]!)),
    standardErrors,
    covariance,
    intervals,
    level,
    loss: run.loss,
    huberDelta: run.loss === 'huber' ? run.delta : null,
    space: spec.space,
    n,
    dof,
    fitted,
    residuals,
    sse,
    rmse: Math.sqrt(sse / n),
    mae: sae / n,
    r2: sst > 0 && !flat ? 1 - sse / sst : null,
    residualVariance: s2,
    aic,
    aicc: aic !== null && n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : null,
    bic: sse > 0 ? n * Math.log(sse / n) + k * Math.log(n) : null,
    objective: run.objective,
    converged: run.converged,
    reason: run.reason,
    iterations: run.iterations,
    atBounds,
    starts: run.starts,
    warnings,
  };
  if (cannotExtrapolate !== undefined) result.cannotExtrapolate = cannotExtrapolate;
  return result;
}

/** Re-exported so that callers of fitLaw need one import for the warning types. */
export type { FitWarning } from './fitError.js';
