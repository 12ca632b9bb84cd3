/**
 * A whole capacity-density analysis: a reference curve per benchmark and for the benchmark average,
 * every model's effective size and density, and the densing law over release dates.
 *
 * The headline is the **average**: each model's mean score over the benchmarks (models that lack any
 * of them are left out of it), against a reference curve fitted to the reference models' mean scores
 * with the mean of the benchmarks' floors — the paper's "AVERAGE" panel. With one benchmark, the
 * headline is that benchmark. Per-benchmark densities are reported too.
 *
 * The densing law is fitted to the headline's models that have a density and a release date, the
 * reference models excepted (their density is 1 by construction, up to their residuals). Models
 * beyond the reference's reach have only a bound; they are left out of the fit and named in a warning,
 * since they are often the densest (a biased envelope is worse than a short one, but the user must know).
 *
 * @example
 * const r = densityAnalysis(benchmarks, models, { reference: ['pythia-70m', …] });
 * r.law?.doublingMonths; // the headline's doubling time
 */
import { capacityDensity, type ModelDensity } from './capacityDensity.js';
import { DensityInputError } from './densityError.js';
import { fitDensingLaw, type DensingLawFit, type DensingLawOptions } from './densingLaw.js';
import { fitReferenceCurve, type ReferenceCurve, type ReferenceCurveOptions, type ReferencePoint } from './referenceCurve.js';

/** A model of the analysis. */
export interface DensityModelRecord {
  model: string;
  family?: string;
  params?: number;
  tokens?: number;
  releaseDate?: string;
}

/** One benchmark's scores (and losses, for the two-step reference). */
export interface DensityBenchmarkInput {
  benchmark: string;
  scores: ReadonlyMap<string, number>;
  losses?: ReadonlyMap<string, number>;
  /** Chance level; the reference curve's floor. @default 0 */
  floor?: number;
}

/** Options of {@link densityAnalysis}. */
export interface DensityOptions extends Omit<ReferenceCurveOptions, 'floor'> {
  /** Names of the reference models. */
  reference: readonly string[];
  /** Options of the densing-law fit. */
  law?: DensingLawOptions;
}

/** The densities of one benchmark (or of the average). */
export interface BenchmarkDensity {
  benchmark: string;
  curve: ReferenceCurve;
  models: ModelDensity[];
}

/** The result of {@link densityAnalysis}. */
export interface DensityAnalysisResult {
  /** Which benchmark the headline is: `average` or the single benchmark's name. */
  headline: string;
  benchmarks: BenchmarkDensity[];
  /** The average over the benchmarks (null with a single benchmark). */
  average: BenchmarkDensity | null;
  /** The densing law on the headline, or null with the reason. */
  law: DensingLawFit | null;
  lawReason: string | null;
  warnings: string[];
}

/** The name of the average's row. */
export const AVERAGE = 'average';

/**
 * Runs the analysis.
 *
 * @throws DensityInputError for a reference that cannot be fitted (fewer than 3 models with scores,
 *   reference models unknown or without sizes) and scores on another scale than the reference's
 */
export function densityAnalysis(benchmarks: readonly DensityBenchmarkInput[], models: readonly DensityModelRecord[], options: DensityOptions): DensityAnalysisResult {
  if (benchmarks.length === 0) throw new DensityInputError('bad-option', 'no benchmark to compute densities on');
  const byName = new Map(models.map((m) => [m.model, m]));
  options = { ...options, reference: [...new Set(options.reference)] };
  const unknown = options.reference.filter((r) => !byName.has(r));
  if (unknown.length > 0) throw new DensityInputError('bad-reference', `reference model${unknown.length === 1 ? '' : 's'} not in the models table: ${unknown.join(', ')}`);
  const warnings: string[] = [];
  const perBenchmark = benchmarks.map((b) => benchmarkDensity(b, models, byName, options));
  let average: BenchmarkDensity | null = null;
  if (benchmarks.length > 1) {
    const names = new Set<string>();
    for (const b of benchmarks) for (const m of b.scores.keys()) names.add(m);
    const scores = new Map<string, number>();
    const losses = new Map<string, number>();
    const partial: string[] = [];
    for (const m of names) {
      const s = benchmarks.map((b) => b.scores.get(m));
      if (s.some((v) => v === undefined)) {
        partial.push(m);
        continue;
      }
      scores.set(m, s.reduce<number>((a, v) => a + v!, 0) / s.length);
      const l = benchmarks.map((b) => b.losses?.get(m));
      if (l.every((v) => v !== undefined)) losses.set(m, l.reduce<number>((a, v) => a + v!, 0) / l.length);
    }
    if (partial.length > 0) warnings.push(`${partial.length} model${partial.length === 1 ? ' lacks' : 's lack'} a score on some benchmark and ${partial.length === 1 ? 'is' : 'are'} left out of the average: ${partial.slice(0, 8).join(', ')}${partial.length > 8 ? ', …' : ''}`);
    const floor = benchmarks.reduce((a, b) => a + (b.floor ?? 0), 0) / benchmarks.length;
    average = benchmarkDensity({ benchmark: AVERAGE, scores, ...(losses.size > 0 ? { losses } : {}), floor }, models, byName, options);
  }
  const head = average ?? perBenchmark[0]!;
  let law: DensingLawFit | null = null;
  let lawReason: string | null = null;
  // Reference models have density 1 by construction (up to their residual): they measure nothing.
  const dated = head.models.filter((m) => m.density !== null && m.releaseDate !== null && !m.reference);
  const undated = head.models.filter((m) => m.releaseDate === null && m.params !== null && !m.reference);
  if (undated.length > 0) warnings.push(`${undated.length} model${undated.length === 1 ? ' has' : 's have'} no release date and ${undated.length === 1 ? 'is' : 'are'} left out of the densing law: ${undated.slice(0, 8).map((m) => m.model).join(', ')}${undated.length > 8 ? ', …' : ''}`);
  const beyond = head.models.filter((m) => m.densityBound?.side === 'lower' && m.releaseDate !== null && !m.reference);
  if (beyond.length > 0) {
    warnings.push(
      `${beyond.length} dated model${beyond.length === 1 ? ' is' : 's are'} beyond the reference's reach and left out of the densing law, though ${beyond.length === 1 ? 'it is' : 'they are'} among the densest: ${beyond
        .slice(0, 8)
        .map((m) => `${m.model} (ρ > ${Number(m.densityBound!.value.toPrecision(3))})`)
        .join(', ')}${beyond.length > 8 ? ', …' : ''}`,
    );
  }
  try {
    law = fitDensingLaw(
      dated.map((m) => ({ model: m.model, date: m.releaseDate!, density: m.density! })),
      options.law,
    );
  } catch (e) {
    if (!(e instanceof DensityInputError)) throw e;
    lawReason = e.message;
  }
  return { headline: head.benchmark, benchmarks: perBenchmark, average, law, lawReason, warnings };
}

function benchmarkDensity(b: DensityBenchmarkInput, models: readonly DensityModelRecord[], byName: ReadonlyMap<string, DensityModelRecord>, options: DensityOptions): BenchmarkDensity {
  const points: ReferencePoint[] = [];
  const missing: string[] = [];
  for (const r of options.reference) {
    const rec = byName.get(r)!;
    const score = b.scores.get(r);
    if (score === undefined) {
      missing.push(r);
      continue;
    }
    if (!(rec.params !== undefined && rec.params > 0)) throw new DensityInputError('bad-reference', `reference model ${r} has no parameter count in the models table`);
    const loss = b.losses?.get(r);
    points.push({ model: r, params: rec.params, score, ...(rec.tokens !== undefined ? { tokens: rec.tokens } : {}), ...(loss !== undefined ? { loss } : {}) });
  }
  if (points.length < 3) {
    throw new DensityInputError(
      'too-few-reference-models',
      `${b.benchmark}: ${points.length} reference model${points.length === 1 ? ' has' : 's have'} a score (${missing.length > 0 ? `no score for ${missing.join(', ')}` : 'the reference is that small'}); a reference curve needs at least 3`,
    );
  }
  checkScale(b, points, options.ceiling ?? 1);
  const { reference: _r, law: _l, ...curveOptions } = options;
  const curve = fitReferenceCurve(points, { ...curveOptions, floor: b.floor ?? 0 });
  const entries = models
    .filter((m) => b.scores.has(m.model))
    .map((m) => ({
      model: m.model,
      score: b.scores.get(m.model)!,
      ...(m.family !== undefined ? { family: m.family } : {}),
      ...(m.params !== undefined ? { params: m.params } : {}),
      ...(m.releaseDate !== undefined ? { releaseDate: m.releaseDate } : {}),
    }));
  return { benchmark: b.benchmark, curve, models: capacityDensity(curve, entries) };
}

/**
 * Scores on another scale than the reference's chance level: where a benchmark's floor g > 0 is
 * known, a reference model scoring below g − 0.05 (its curve could not be fitted with that floor) or
 * most of the other models doing so (the file is on another scale: normalized scores, a percentage
 * divided twice) is an error. Single models below chance get a warning (`capacityDensity`). Without
 * a floor the scale cannot be told from the values: a benchmark nobody solves looks the same.
 */
function checkScale(b: DensityBenchmarkInput, points: readonly ReferencePoint[], ceiling: number): void {
  const over = points.filter((p) => p.score >= ceiling);
  if (over.length > 0) {
    throw new DensityInputError(
      'scale-mismatch',
      `${b.benchmark}: reference model${over.length === 1 ? '' : 's'} ${over.map((p) => `${p.model} (${p.score.toFixed(4)})`).join(', ')} score${over.length === 1 ? 's' : ''} at or above the ceiling ${ceiling}: raise --ceiling, or the scores are on another scale`,
    );
  }
  const g = b.floor ?? 0;
  if (!(g > 0)) return;
  const below = (v: number) => v < g - 0.05;
  const refBelow = points.filter((p) => below(p.score));
  if (refBelow.length > 0) {
    throw new DensityInputError(
      'scale-mismatch',
      `${b.benchmark}: reference model${refBelow.length === 1 ? '' : 's'} ${refBelow.map((p) => `${p.model} (${p.score.toFixed(4)})`).join(', ')} score${refBelow.length === 1 ? 's' : ''} below the chance level ${g}: the scores are on another scale than the floor (normalized scores? percentages divided twice?), or the floor is wrong`,
    );
  }
  const refNames = new Set(points.map((p) => p.model));
  const others = [...b.scores.entries()].filter(([m]) => !refNames.has(m));
  const othersBelow = others.filter(([, v]) => below(v));
  if (others.length >= 3 && othersBelow.length > others.length / 2) {
    throw new DensityInputError(
      'scale-mismatch',
      `${b.benchmark}: ${othersBelow.length} of ${others.length} models score below the chance level ${g}, the reference models do not: the scores are on another scale than the reference's (normalized scores? percentages divided twice?)`,
    );
  }
}
