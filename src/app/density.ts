/**
 * The `density` job: capacity density of every model against a reference family, and the densing
 * law over release dates. The rules live here: how the reference is named, each benchmark's chance
 * level, the defaults, and the order of the density table (text and report alike).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/packageRoot.js';
import { UsageError } from '../core/userError.js';
import { benchmarkData } from '../data/benchmarkData.js';
import { loadDataset, type LoadDatasetOptions } from '../data/loadDataset.js';
import type { Dataset } from '../data/types.js';
import type { ModelDensity } from '../density/capacityDensity.js';
import { OPEN_LLM_LEADERBOARD_V1_CHANCE } from '../density/chanceLevels.js';
import { densityAnalysis, type DensityAnalysisResult, type DensityBenchmarkInput } from '../density/densityAnalysis.js';
import { parseIsoDate } from '../io/quantity.js';
import { readCsvRecords } from '../io/readCsvRecords.js';
import { readFileSync } from 'node:fs';
import { DENSITY_DEFAULTS, EMBEDDED_DENSITY_REFERENCE } from './densityDefaults.js';

export { DENSITY_DEFAULTS, EMBEDDED_DENSITY_REFERENCE } from './densityDefaults.js';

/** The embedded public table of base models (`datasets/public/density.*` under `root`, the package by default). */
export function embeddedDensityTable(root = packageRoot()): LoadDatasetOptions {
  const dir = join(root, 'datasets', 'public');
  return { scores: [join(dir, 'density.scores.csv')], models: [join(dir, 'density.models.csv')] };
}

/** What `density` is asked. */
export interface DensityRequest {
  /** What to read. @default the embedded public table ({@link embeddedDensityTable}) */
  input?: LoadDatasetOptions;
  /**
   * A family of the models table, a file of model names, or a comma-separated list.
   * @default {@link EMBEDDED_DENSITY_REFERENCE} on the embedded table; required with other input
   */
  reference?: string;
  benchmarks?: readonly string[];
  /** Chance level per benchmark. */
  guess?: Record<string, number>;
  form?: 'auto' | 'one-step' | 'two-step';
  ceiling?: number;
  d0?: number;
  extrapolation?: number;
  fit?: 'envelope' | 'all';
  origin?: string;
  bootstrap?: number;
  seed?: number;
}

/** The reference as resolved: its models and how to name it. */
export interface DensityReference {
  models: string[];
  /** e.g. "family Qwen1.5", "file ref.txt", "the models given". */
  description: string;
  /** Short name for titles: the family, the file or "the models given". */
  name: string;
}

/** What `density` gives. */
export interface DensityResult {
  result: DensityAnalysisResult;
  reference: DensityReference;
}

/**
 * The reference models named by `spec`: a family of the models table, a comma-separated list of
 * models, or a file with one model per line (or a CSV whose header has a `model` column).
 */
export function resolveReference(spec: string, data: Dataset): DensityReference {
  const table = data.models?.models ?? [];
  const named = (models: string[], description: string): DensityReference => ({ models, description, name: description.replace(/^family /, '') });
  const family = table.filter((m) => m.family === spec).map((m) => m.model);
  if (family.length > 0) return named(family, `family ${spec}`);
  if (existsSync(spec)) {
    if (!statSync(spec).isFile()) throw new UsageError(`--reference ${spec} is a folder; give a family, a file of model names, or m1,m2,m3`);
    const first = readFileSync(spec, 'utf8').split(/\r?\n/, 1)[0] ?? '';
    const isTable = /(^|[,\t])\s*model\s*([,\t]|$)/i.test(first);
    const models = isTable
      ? readCsvRecords(spec).map((r) => (Object.entries(r.values).find(([k]) => k.trim().toLowerCase() === 'model')?.[1] ?? '').trim()).filter(Boolean)
      : readFileSync(spec, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    return named([...new Set(models)], `file ${spec}`);
  }
  if (spec.includes(',')) return named([...new Set(spec.split(',').map((s) => s.trim()).filter(Boolean))], 'the models given');
  const families = [...new Set(table.map((m) => m.family).filter((f): f is string => f !== undefined))].sort();
  throw new UsageError(`--reference ${spec}: no such family in the models table, and no such file (families: ${families.join(', ') || 'none'})`);
}

/**
 * Each benchmark's chance level: the given one, else the Open LLM Leaderboard v1 level for a
 * benchmark of that name, else 0 with a warning. A guess naming no benchmark of the data is an error.
 */
export function chanceFloors(benchmarks: readonly string[], guess: Record<string, number>): { floors: Record<string, number>; warnings: string[] } {
  const unknown = Object.keys(guess).filter((g) => !benchmarks.includes(g));
  if (unknown.length > 0) throw new UsageError(`--guess names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among the benchmarks (${benchmarks.join(', ')})`);
  const floors: Record<string, number> = {};
  const assumed: string[] = [];
  for (const b of benchmarks) {
    const known = OPEN_LLM_LEADERBOARD_V1_CHANCE[b.toLowerCase()];
    floors[b] = guess[b] ?? known ?? 0;
    if (guess[b] === undefined && known === undefined) assumed.push(b);
  }
  const warnings = assumed.length > 0 ? [`chance level 0 assumed for ${assumed.join(', ')}: pass --guess bench=g for multiple-choice benchmarks (e.g. 0.25 for 4 options), or their densities will be off`] : [];
  return { floors, warnings };
}

/** Runs the density analysis the request describes. */
export function densityJob(request: DensityRequest): DensityResult {
  if (request.d0 !== undefined && request.form === 'one-step') throw new UsageError('--d0 is the D0 of the two-step curve; --form one-step has none');
  if (request.ceiling !== undefined && !(request.ceiling > 0 && request.ceiling <= 1)) throw new UsageError(`--ceiling must be in (0, 1], not ${request.ceiling}`);
  const origin = request.origin ?? DENSITY_DEFAULTS.origin;
  if (parseIsoDate(origin) === undefined) throw new UsageError(`--origin must be a calendar date written YYYY-MM-DD, not "${origin}"`);
  if (request.input !== undefined && request.reference === undefined) {
    throw new UsageError(`say which models are the reference: --reference FAMILY (or a file of model names, or m1,m2,m3); without scores, density runs on the embedded table against ${EMBEDDED_DENSITY_REFERENCE}`);
  }
  const data = loadDataset(request.input ?? embeddedDensityTable());
  const out = densityOf(data, { ...request, reference: request.reference ?? EMBEDDED_DENSITY_REFERENCE });
  if (request.input === undefined) out.reference.description += ` in the embedded table of public base models${request.reference === undefined ? ' (its default reference; choose another with --reference)' : ''}`;
  return out;
}

/** The density analysis of data already read (the main job reads its own table). */
export function densityOf(data: Dataset, request: Omit<DensityRequest, 'input' | 'reference'> & { reference: string }): DensityResult {
  if (data.models === null) throw new UsageError('density needs a models table with params and release dates: --models FILE');
  const reference = resolveReference(request.reference, data);
  let inputs: DensityBenchmarkInput[];
  try {
    inputs = benchmarkData(data, { benchmarks: request.benchmarks }).map((b) => ({ benchmark: b.benchmark, scores: b.scores, ...(b.losses ? { losses: b.losses } : {}) }));
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const floors = chanceFloors(inputs.map((b) => b.benchmark), request.guess ?? {});
  for (const b of inputs) b.floor = floors.floors[b.benchmark]!;
  const result = densityAnalysis(inputs, data.models.models, {
    reference: reference.models,
    form: request.form ?? DENSITY_DEFAULTS.form,
    ceiling: request.ceiling ?? DENSITY_DEFAULTS.ceiling,
    tokens: request.d0 ?? DENSITY_DEFAULTS.d0,
    extrapolation: request.extrapolation ?? DENSITY_DEFAULTS.extrapolation,
    law: { on: request.fit ?? DENSITY_DEFAULTS.fit, origin: request.origin ?? DENSITY_DEFAULTS.origin, bootstrap: request.bootstrap ?? DENSITY_DEFAULTS.bootstrap, seed: request.seed ?? DENSITY_DEFAULTS.seed },
  });
  result.warnings.unshift(...floors.warnings);
  return { result, reference };
}

/**
 * The order of the density table, in the text and in the report alike: by release date (undated
 * last), then by size (unknown sizes last), then by name.
 */
export function densityTableOrder(models: readonly ModelDensity[]): ModelDensity[] {
  const date = (m: ModelDensity) => m.releaseDate ?? '9999';
  return [...models].sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : (a.params ?? Infinity) - (b.params ?? Infinity) || (a.model < b.model ? -1 : 1)));
}
