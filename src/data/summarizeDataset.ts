/**
 * What `scalecast inspect` shows: the models by compute, the benchmarks with their coverage, every
 * model's score on every benchmark, and the warnings. Pure: the CLI only formats it.
 */
import type { DataWarning } from '../io/inputError.js';
import { compareNatural, compareText } from '../io/textOrder.js';
import type { Dataset, ItemMatrix, ModelRecord } from './types.js';
import { paramsFromName } from './paramsFromName.js';

/** One model as `inspect` lists it: what the models table says of it (when it lists it), and its coverage. */
export interface ModelSummary
  extends Pick<ModelRecord, 'model' | 'family' | 'params' | 'tokens' | 'compute' | 'computeEstimated' | 'step' | 'releaseDate'> {
  /** Number of benchmarks with at least one score of this model. */
  benchmarks: number;
  /** The model has a row in the models table. */
  listed: boolean;
}

/** One benchmark as `inspect` lists it. */
export interface BenchmarkSummary {
  benchmark: string;
  /** `items` when per-item scores exist, else `aggregate`. */
  kind: 'items' | 'aggregate';
  /** Items in the benchmark (0 for aggregate-only benchmarks). */
  items: number;
  /** Models with any score. */
  models: number;
  /** Share of the items × models cells that hold a score, in [0, 1]. */
  coverage: number;
  /** Smallest and largest trial count over scored cells; null when every cell is one trial. */
  trials: { min: number; max: number } | null;
  /** Items that no model solved at all (every score 0). */
  unsolved: number;
  sources: string[];
}

/** One model's score on one benchmark. */
export interface ScoreSummary {
  model: string;
  benchmark: string;
  /** Mean over the items the model has (per-item data), or the aggregate score. */
  score: number;
  /** Items the mean is over (0 for an aggregate score). */
  items: number;
  from: 'items' | 'aggregate';
}

/** The whole summary. */
export interface DatasetSummary {
  models: ModelSummary[];
  benchmarks: BenchmarkSummary[];
  scores: ScoreSummary[];
  /** Loss-like metric columns found in aggregate rows (e.g. `loss`, `bpb`). */
  metrics: string[];
  warnings: DataWarning[];
  /** What the model order rests on ({@link sizeOrderText}). */
  orderedBy: string;
}

/**
 * What the model order rests on, in words: the keys of {@link compareBySize} that some model has,
 * e.g. "training compute", or "parameters, then the size in the name, then name".
 */
export function sizeOrderText(models: readonly (Partial<ModelRecord> & { model: string })[]): string {
  const keys: string[] = [];
  if (models.some((m) => m.compute !== undefined)) keys.push('training compute');
  if (models.some((m) => m.compute === undefined && m.params !== undefined)) keys.push('parameters');
  const bare = models.filter((m) => m.compute === undefined && m.params === undefined);
  if (bare.some((m) => paramsFromName(m.model) !== undefined)) keys.push('the size in the name');
  if (bare.some((m) => paramsFromName(m.model) === undefined) || keys.length === 0) keys.push('name');
  return keys.join(', then ');
}

/**
 * The mean score of each model (column) of a matrix over the items it has; NaN for a model with none.
 *
 * @example modelMeans(m) // => Float64Array [0.21, 0.37, …] in the order of m.models
 */
export function modelMeans(m: ItemMatrix): { means: Float64Array; counts: Int32Array } {
  const nM = m.models.length;
  const sums = new Float64Array(nM);
  const counts = new Int32Array(nM);
  const s = m.scores;
  for (let i = 0, c = 0; i < m.items.length; i++) {
    for (let j = 0; j < nM; j++, c++) {
      const v = s[c]!;
      if (v === v) {
        sums[j]! += v;
        counts[j]!++;
      }
    }
  }
  const means = new Float64Array(nM);
  for (let j = 0; j < nM; j++) means[j] = counts[j]! > 0 ? sums[j]! / counts[j]! : Number.NaN;
  return { means, counts };
}

/**
 * Orders models by compute, then params, then the size their name states ({@link paramsFromName}:
 * without a models table `pythia-70m` comes before `pythia-1b`), then step, then name in natural
 * order (`Qwen1.5-4B` before `Qwen1.5-14B`); unknown sizes last.
 */
export function compareBySize(a: Partial<ModelRecord> & { model: string }, b: Partial<ModelRecord> & { model: string }): number {
  const key = (m: Partial<ModelRecord>) => m.compute ?? Number.POSITIVE_INFINITY;
  const d = key(a) - key(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  const p = (a.params ?? Number.POSITIVE_INFINITY) - (b.params ?? Number.POSITIVE_INFINITY);
  if (p !== 0 && !Number.isNaN(p)) return p;
  const n = (paramsFromName(a.model) ?? Number.POSITIVE_INFINITY) - (paramsFromName(b.model) ?? Number.POSITIVE_INFINITY);
  if (n !== 0 && !Number.isNaN(n)) return n;
  const s = (a.step ?? -1) - (b.step ?? -1);
  if (s !== 0) return s;
  return compareNatural(a.model, b.model);
}

function benchmarkSummary(m: ItemMatrix): BenchmarkSummary {
  const nM = m.models.length;
  let filled = 0;
  let unsolved = 0;
  let tmin = Number.POSITIVE_INFINITY;
  let tmax = 0;
  for (let i = 0; i < m.items.length; i++) {
    let solved = false;
    for (let j = 0; j < nM; j++) {
      const c = i * nM + j;
      const v = m.scores[c]!;
      if (v !== v) continue;
      filled++;
      if (v > 0) solved = true;
      if (m.trials !== null) {
        const t = m.trials[c]!;
        if (t < tmin) tmin = t;
        if (t > tmax) tmax = t;
      }
    }
    if (!solved) unsolved++;
  }
  const cells = m.items.length * nM;
  return {
    benchmark: m.benchmark,
    kind: 'items',
    items: m.items.length,
    models: nM,
    coverage: cells > 0 ? filled / cells : 0,
    trials: m.trials === null ? null : { min: tmin, max: tmax },
    unsolved,
    sources: m.sources,
  };
}

/**
 * Summarises a dataset. Per-item means take precedence over an aggregate row for the same
 * (model, benchmark); when both exist and differ by more than 0.005 a warning says so.
 */
export function summarizeDataset(data: Dataset): DatasetSummary {
  const warnings = [...data.warnings];
  const scores: ScoreSummary[] = [];
  const itemKeys = new Map<string, number>();
  const benchmarks: BenchmarkSummary[] = data.itemScores.map(benchmarkSummary);
  for (const m of data.itemScores) {
    const { means, counts } = modelMeans(m);
    m.models.forEach((model, j) => {
      if (counts[j]! === 0) return;
      scores.push({ model, benchmark: m.benchmark, score: means[j]!, items: counts[j]!, from: 'items' });
      itemKeys.set(`${model}\u0000${m.benchmark}`, means[j]!);
    });
  }
  const aggBench = new Map<string, Set<string>>();
  const metrics = new Set<string>();
  for (const a of data.aggregates) {
    for (const k of Object.keys(a.metrics)) metrics.add(k);
    if (a.score === undefined) continue;
    const fromItems = itemKeys.get(`${a.model}\u0000${a.benchmark}`);
    if (fromItems !== undefined) {
      if (Math.abs(fromItems - a.score) > 0.005) {
        warnings.push({
          code: 'aggregate-mismatch',
          file: a.source,
          line: a.line || undefined,
          model: a.model,
          message: `${a.model} on ${a.benchmark}: the aggregate score ${a.score.toFixed(4)} differs from the per-item mean ${fromItems.toFixed(4)}; the per-item mean is used`,
        });
      }
      continue;
    }
    scores.push({ model: a.model, benchmark: a.benchmark, score: a.score, items: 0, from: 'aggregate' });
    let set = aggBench.get(a.benchmark);
    if (set === undefined) aggBench.set(a.benchmark, (set = new Set()));
    set.add(a.model);
  }
  for (const [benchmark, set] of aggBench) {
    if (benchmarks.some((b) => b.benchmark === benchmark)) continue;
    const sources = [...new Set(data.aggregates.filter((a) => a.benchmark === benchmark).map((a) => a.source))];
    benchmarks.push({ benchmark, kind: 'aggregate', items: 0, models: set.size, coverage: 1, trials: null, unsolved: 0, sources });
  }
  benchmarks.sort((a, b) => compareText(a.benchmark, b.benchmark));

  const perModel = new Map<string, Set<string>>();
  for (const s of scores) {
    let set = perModel.get(s.model);
    if (set === undefined) perModel.set(s.model, (set = new Set()));
    set.add(s.benchmark);
  }
  const listed = new Map((data.models?.models ?? []).map((m) => [m.model, m] as const));
  const names = new Set<string>([...listed.keys(), ...perModel.keys()]);
  const models: ModelSummary[] = [...names].map((name) => {
    const rec = listed.get(name);
    const out: ModelSummary = {
      model: name,
      computeEstimated: rec?.computeEstimated ?? false,
      benchmarks: perModel.get(name)?.size ?? 0,
      listed: rec !== undefined,
    };
    if (rec?.family !== undefined) out.family = rec.family;
    if (rec?.params !== undefined) out.params = rec.params;
    if (rec?.tokens !== undefined) out.tokens = rec.tokens;
    if (rec?.compute !== undefined) out.compute = rec.compute;
    if (rec?.step !== undefined) out.step = rec.step;
    if (rec?.releaseDate !== undefined) out.releaseDate = rec.releaseDate;
    return out;
  });
  models.sort(compareBySize);
  const order = new Map(models.map((m, i) => [m.model, i] as const));
  scores.sort((a, b) => order.get(a.model)! - order.get(b.model)! || compareText(a.benchmark, b.benchmark));
  return { models, benchmarks, scores, metrics: [...metrics].sort(), warnings, orderedBy: sizeOrderText(models) };
}
