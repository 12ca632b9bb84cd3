/**
 * What the analyses need about each benchmark, gathered from a {@link Dataset}: the per-item
 * matrix, every model's benchmark score, and a loss-like metric. The prediction methods
 * (`src/predict`) run on it, and the density analysis (`scalecast density`) takes its scores and
 * losses from it.
 */
import { modelMeans } from './summarizeDataset.js';
import type { Dataset, ItemMatrix } from './types.js';

/** What a method may use about one benchmark (and what the density analysis reads). */
export interface BenchmarkData {
  benchmark: string;
  /** Per-item scores; null for benchmarks known only by aggregate scores (COD cannot run). */
  matrix: ItemMatrix | null;
  /** Benchmark score of each model (mean over items, or the aggregate score). */
  scores: Map<string, number>;
  /** A loss-like metric of each model (loss, bpb) for the two-step method. */
  losses?: Map<string, number>;
  /** The column `losses` came from: bits per byte of the answer are anchored at (0, 1) by the two-step method. */
  lossColumn?: string;
  /** Number of items, when known (per-item data). */
  items?: number;
  /** Parameter count of every model the data describe: the population `pop-curve` borrows from. */
  sizes?: Map<string, number>;
  /** Guess floor of the benchmark (its chance level), when known: the floor of every prediction. */
  guess?: number;
  /** Highest reachable score, when below 1 (a benchmark with unanswerable items). @default 1 */
  ceiling?: number;
}

/** Names of loss-like metric columns, in order of preference. */
export const LOSS_COLUMNS = ['loss', 'bpb', 'bits_per_byte', 'task_loss', 'nll'] as const;

/** Options of {@link benchmarkData}. */
export interface BenchmarkDataOptions {
  /** Only these benchmarks (all when absent or empty). */
  benchmarks?: readonly string[];
  /** Guess floor per benchmark (e.g. `{ arc_challenge: 0.25 }`). */
  guess?: Record<string, number>;
  /** Loss-like column to use; the first of {@link LOSS_COLUMNS} found otherwise. */
  lossColumn?: string;
}

/**
 * One {@link BenchmarkData} per benchmark, sorted by name. A benchmark's score for a model is the
 * mean over the items the model has; where a benchmark has no per-item data, the aggregate score.
 *
 * @throws RangeError naming benchmarks asked for that the data do not have
 */
export function benchmarkData(data: Dataset, options: BenchmarkDataOptions = {}): BenchmarkData[] {
  const out = new Map<string, BenchmarkData>();
  for (const m of data.itemScores) {
    const { means, counts } = modelMeans(m);
    const scores = new Map<string, number>();
    m.models.forEach((name, j) => {
      if (counts[j]! > 0) scores.set(name, means[j]!);
    });
    out.set(m.benchmark, { benchmark: m.benchmark, matrix: m, scores, items: m.items.length });
  }
  for (const a of data.aggregates) {
    let b = out.get(a.benchmark);
    if (b === undefined) out.set(a.benchmark, (b = { benchmark: a.benchmark, matrix: null, scores: new Map() }));
    if (a.score !== undefined && !b.scores.has(a.model)) b.scores.set(a.model, a.score);
  }
  // One loss-like column per benchmark (the first of LOSS_COLUMNS any of its rows has), so that
  // a benchmark never mixes, say, loss for some models and bpb for others.
  const lossColumn = new Map<string, string>();
  for (const a of data.aggregates) {
    const col = options.lossColumn ?? LOSS_COLUMNS.find((c) => a.metrics[c] !== undefined);
    if (col === undefined) continue;
    const prev = lossColumn.get(a.benchmark);
    if (prev === undefined || LOSS_COLUMNS.indexOf(col as (typeof LOSS_COLUMNS)[number]) < LOSS_COLUMNS.indexOf(prev as (typeof LOSS_COLUMNS)[number])) lossColumn.set(a.benchmark, col);
  }
  for (const a of data.aggregates) {
    const col = lossColumn.get(a.benchmark);
    const v = col === undefined ? undefined : a.metrics[col];
    if (v === undefined) continue;
    const b = out.get(a.benchmark)!;
    b.losses ??= new Map();
    b.lossColumn = col;
    b.losses.set(a.model, v);
  }
  const wanted = options.benchmarks ?? [];
  const missing = wanted.filter((b) => !out.has(b));
  if (missing.length > 0) throw new RangeError(`no scores for benchmark${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (have: ${[...out.keys()].sort().join(', ')})`);
  const list = [...out.values()].filter((b) => wanted.length === 0 || wanted.includes(b.benchmark));
  const sizes = new Map<string, number>();
  for (const m of data.models?.models ?? []) if (m.params !== undefined) sizes.set(m.model, m.params);
  for (const b of list) b.sizes = sizes;
  for (const b of list) {
    const g = options.guess?.[b.benchmark];
    if (g !== undefined) b.guess = g;
  }
  return list.sort((a, b) => (a.benchmark < b.benchmark ? -1 : a.benchmark > b.benchmark ? 1 : 0));
}
