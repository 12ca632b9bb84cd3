/**
 * The reference scaling function f: N → S of the Densing Law (Xiao et al., "Densing Law of LLMs",
 * arXiv 2412.04315, §2): the score a reference model of N parameters reaches, fitted on a set of
 * reference models with the fitting engine. Two forms:
 *
 * - **two-step** (the paper's), where the reference models have a loss column:
 *     L(N, D) = a·N^(−α) + b·D^(−β)                      (Eq. 2, `densing-loss`)
 *     S(L)    = c / (1 + e^(−γ·(L − l))) + d             (Eq. 3, `sigmoid`)
 *   evaluated at a fixed token count D0 (the paper's 1T): f(N) = S(L(N, D0));
 * - **one-step**, where they only have scores: a sigmoid in log-parameters fitted end to end,
 *     f(N) = g + (h − g)·σ(k·(log10 N − m))                 (`logistic`).
 *
 * In both, the floor (g, or d) and the ceiling (h, or c + d) are held fixed — at the benchmark's
 * chance level and 1 unless set — so that only the two growth parameters (k, m; γ, l) are fitted:
 * reference sets are small (a family of 3–8 sizes) and a free floor and ceiling would be barely
 * determined by them. The one-step fit then needs 3 reference models (one spare degree of freedom);
 * the two-step fit 5 with a loss (4 loss parameters plus one spare).
 *
 * The one-step curve is fitted at the reference models' own token counts, so it describes "the
 * reference family as trained", not a fixed D0; say so when comparing with the paper.
 *
 * @example
 * const ref = fitReferenceCurve(points, { floor: 0.25 });
 * ref.scoreAt(7e9);          // the score of a 7B reference model
 * ref.log10ParamsAt(0.6);    // log10 of the reference size that scores 0.6, or undefined
 * @see methods.md §2.1; https://arxiv.org/abs/2412.04315
 */
import { fitLaw, type FitResult } from '../fit/fitLaw.js';
import { densingLoss, logisticLogCompute, sigmoidLoss } from '../fit/laws/index.js';
import { DensityInputError } from './densityError.js';

/** A reference model: its size, its score, and for the two-step form its tokens and loss. */
export interface ReferencePoint {
  model: string;
  /** Parameters N. */
  params: number;
  /** Score in [0, 1]. */
  score: number;
  /** Training tokens D (two-step form). */
  tokens?: number;
  /** Loss on the benchmark's answers (two-step form). */
  loss?: number;
}

/** Options of {@link fitReferenceCurve}. */
export interface ReferenceCurveOptions {
  /** `auto`: two-step when every reference model has a loss and tokens, one-step otherwise. @default 'auto' */
  form?: 'auto' | 'one-step' | 'two-step';
  /** The score of a model with no capability (chance level), held fixed. @default 0 */
  floor?: number;
  /** The score of a perfect model, held fixed. @default 1 */
  ceiling?: number;
  /** D0 of the two-step form, in tokens. @default 1e12 (the paper's 1T) */
  tokens?: number;
  /** Sizes are trusted from min(N)/extrapolation to max(N)·extrapolation. @default 10 */
  extrapolation?: number;
  /** Level of the intervals. @default 0.95 */
  level?: number;
}

/** A fitted reference curve. */
export interface ReferenceCurve {
  form: 'one-step' | 'two-step';
  points: ReferencePoint[];
  floor: number;
  ceiling: number;
  /** D0 for the two-step form; null for the one-step form. */
  tokens: number | null;
  /** The sizes over which the curve is trusted, [min N / extrapolation, max N · extrapolation]. */
  range: [number, number];
  level: number;
  /** The score fit (one-step: score against N; two-step: score against loss). */
  scoreFit: FitResult;
  /** The loss fit L(N, D) of the two-step form. */
  lossFit: FitResult | null;
  /** Warnings of the fits, as text. */
  warnings: string[];
  /** f(N). */
  scoreAt(params: number): number;
  /** log10 f⁻¹(S), or undefined where the curve never reaches S. */
  log10ParamsAt(score: number): number | undefined;
  /** The same inverse with the free parameters replaced (for the delta method). */
  log10ParamsWith(free: readonly number[], score: number): number | undefined;
  /** The free parameters' values and covariance (block-diagonal over the fits), in the order `log10ParamsWith` takes. */
  free: { names: string[]; values: number[]; covariance: number[][] | null; dof: number };
}

/**
 * Fits the reference curve.
 *
 * @throws DensityInputError for fewer than 3 reference models (5 for the two-step form), sizes that
 *   are not positive, or a floor not below the ceiling
 */
export function fitReferenceCurve(points: readonly ReferencePoint[], options: ReferenceCurveOptions = {}): ReferenceCurve {
  const floor = options.floor ?? 0;
  const ceiling = options.ceiling ?? 1;
  const level = options.level ?? 0.95;
  const extrapolation = options.extrapolation ?? 10;
  if (!(floor >= 0 && ceiling <= 1 && floor < ceiling)) throw new DensityInputError('bad-option', `the floor (${floor}) must be below the ceiling (${ceiling}), both in [0, 1]`);
  if (!(extrapolation >= 1)) throw new DensityInputError('bad-option', `extrapolation must be ≥ 1, got ${extrapolation}`);
  for (const p of points) {
    if (!(p.params > 0)) throw new DensityInputError('bad-reference', `reference model ${p.model} has no positive parameter count`);
    if (!(p.score >= 0 && p.score <= 1)) throw new DensityInputError('bad-reference', `reference model ${p.model} has no score in [0, 1]`);
  }
  const hasLoss = points.length > 0 && points.every((p) => p.loss !== undefined && p.tokens !== undefined && p.tokens > 0);
  const form = options.form === undefined || options.form === 'auto' ? (hasLoss && points.length >= 5 ? 'two-step' : 'one-step') : options.form;
  const need = form === 'two-step' ? 5 : 3;
  if (points.length < need) {
    throw new DensityInputError(
      'too-few-reference-models',
      `the reference has ${points.length} model${points.length === 1 ? '' : 's'}; the ${form} reference curve needs at least ${need} (${form === 'two-step' ? '4 loss parameters' : '2 growth parameters'} and a spare data point)`,
    );
  }
  if (form === 'two-step' && !hasLoss) throw new DensityInputError('bad-reference', 'the two-step reference curve needs a loss and a token count for every reference model');
  const sizes = points.map((p) => p.params);
  const distinct = new Set(sizes).size;
  if (distinct < 2) {
    throw new DensityInputError('bad-reference', `the reference models have ${distinct} distinct size${distinct === 1 ? '' : 's'}: a curve in N needs at least 2 (and 3 models)`);
  }
  const range: [number, number] = [Math.min(...sizes) / extrapolation, Math.max(...sizes) * extrapolation];
  const base = { form, points: [...points], floor, ceiling, range, level };
  let d0 = options.tokens ?? 1e12;
  const preWarnings: string[] = [];
  if (form === 'two-step') {
    const tokens = new Set(points.map((p) => p.tokens!));
    if (tokens.size === 1) {
      // With one token count, b and β cannot be told apart: L(N, D) is known only at that D.
      const [only] = tokens;
      if (only !== d0) preWarnings.push(`every reference model was trained on ${only!.toExponential(2)} tokens: the loss fit cannot separate b and β, so the curve is read at that token count, not at D0 = ${d0.toExponential(2)}`);
      d0 = only!;
    }
  }
  const curve = form === 'one-step' ? oneStep(base, level) : twoStep(base, d0, level);
  curve.warnings.unshift(...preWarnings);
  checkCurve(curve);
  return curve;
}

/** A curve that does not rise with size, or whose growth parameters the data do not determine, cannot be inverted honestly. */
function checkCurve(curve: ReferenceCurve): void {
  const [lo, hi] = curve.range;
  if (!(curve.scoreAt(hi) > curve.scoreAt(lo))) {
    throw new DensityInputError('bad-reference', `the reference curve does not rise with size (score ${curve.scoreAt(lo).toFixed(4)} at the smallest trusted size, ${curve.scoreAt(hi).toFixed(4)} at the largest): the reference models' scores do not grow with their size`);
  }
  if (curve.free.covariance === null) {
    throw new DensityInputError('bad-reference', `the reference models do not determine the curve's growth parameters (${curve.free.names.join(', ')}): ${curve.warnings.join('; ') || 'singular fit'}`);
  }
}

type Base = Pick<ReferenceCurve, 'form' | 'points' | 'floor' | 'ceiling' | 'range' | 'level'>;

function fitWarnings(fit: FitResult, what: string): string[] {
  return fit.warnings.map((w) => `${what}: ${w.message}`);
}

function oneStep(base: Base, level: number): ReferenceCurve {
  const { floor, ceiling, points } = base;
  const fit = fitLaw(
    logisticLogCompute,
    { x: [Float64Array.from(points, (p) => p.params)], y: Float64Array.from(points, (p) => p.score) },
    { fixed: { g: floor, h: ceiling }, level },
  );
  const [k, m] = [fit.values[2]!, fit.values[3]!];
  // The law's own inverse, with the growth parameters (k, m) replaced for the delta method.
  const inverse = (kk: number, mm: number, s: number): number | undefined => {
    const n = logisticLogCompute.inverse!([floor, ceiling, kk, mm], s);
    return n === undefined ? undefined : Math.log10(n);
  };
  const cov = fit.covariance === null ? null : [2, 3].map((a) => [2, 3].map((b) => fit.covariance![a]![b]!));
  return {
    ...base,
    form: 'one-step',
    tokens: null,
    scoreFit: fit,
    lossFit: null,
    warnings: fitWarnings(fit, 'reference fit'),
    scoreAt: (n) => logisticLogCompute.evaluate(fit.values, [n]),
    log10ParamsAt: (s) => inverse(k, m, s),
    log10ParamsWith: (free, s) => inverse(free[0]!, free[1]!, s),
    free: { names: ['k', 'm'], values: [k, m], covariance: cov, dof: fit.dof },
  };
}

function twoStep(base: Base, d0: number, level: number): ReferenceCurve {
  const { floor, ceiling, points } = base;
  const lossFit = fitLaw(densingLoss, { x: [Float64Array.from(points, (p) => p.params), Float64Array.from(points, (p) => p.tokens!)], y: Float64Array.from(points, (p) => p.loss!) }, { level });
  const scoreFit = fitLaw(sigmoidLoss, { x: [Float64Array.from(points, (p) => p.loss!)], y: Float64Array.from(points, (p) => p.score) }, { fixed: { c: ceiling - floor, d: floor }, level });
  // free = [a, α, b, β, γ, l]: the loss law's parameters, then the sigmoid's growth parameters.
  const lossParams = (f: readonly number[]) => f.slice(0, 4);
  const scoreParams = (f: readonly number[]) => [ceiling - floor, f[4]!, f[5]!, floor];
  const scoreAt = (f: readonly number[], n: number) => sigmoidLoss.evaluate(scoreParams(f), [densingLoss.evaluate(lossParams(f), [n, d0])]);
  // Eq. 4: L̂ from the sigmoid's inverse, then N̂ = ((L̂ − b·D0^(−β)) / a)^(−1/α).
  const inverse = (f: readonly number[], s: number): number | undefined => {
    const lHat = sigmoidLoss.inverse!(scoreParams(f), s);
    if (lHat === undefined) return undefined;
    const rest = lHat - f[2]! * d0 ** -f[3]!;
    if (!(rest > 0) || !(f[0]! > 0) || !(f[1]! > 0)) return undefined;
    return -Math.log10(rest / f[0]!) / f[1]!;
  };
  const free = [...lossFit.values, scoreFit.values[1]!, scoreFit.values[2]!];
  let covariance: number[][] | null = null;
  if (lossFit.covariance !== null && scoreFit.covariance !== null) {
    covariance = free.map(() => free.map(() => 0));
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) covariance[a]![b] = lossFit.covariance[a]![b]!;
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) covariance[4 + a]![4 + b] = scoreFit.covariance[1 + a]![1 + b]!;
  }
  return {
    ...base,
    form: 'two-step',
    tokens: d0,
    scoreFit,
    lossFit,
    warnings: [...fitWarnings(lossFit, 'reference loss fit'), ...fitWarnings(scoreFit, 'reference loss→score fit')],
    scoreAt: (n) => scoreAt(free, n),
    log10ParamsAt: (s) => inverse(free, s),
    log10ParamsWith: (f, s) => inverse(f, s),
    free: { names: ['a', 'alpha', 'b', 'beta', 'gamma', 'l'], values: free, covariance, dof: Math.min(lossFit.dof, scoreFit.dof) },
  };
}
