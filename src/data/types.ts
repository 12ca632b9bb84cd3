/**
 * The in-memory data model shared by every part of scalecast.
 *
 * - A {@link ModelsTable} says what each model is: size, training tokens, compute, checkpoint, date.
 * - An {@link ItemMatrix} holds per-item results of one benchmark as a dense items × models matrix on
 *   typed arrays, with trial counts alongside; 100k items × 50 models is 40 MB of scores.
 * - {@link AggregateScore} rows hold benchmark-level scores and loss-like metrics.
 * - A {@link Dataset} bundles them with the warnings found while reading.
 */
import type { DataWarning } from '../io/inputError.js';

/** One row of the models table. */
export interface ModelRecord {
  /** Model name as it appears in score files. */
  model: string;
  /** Model family (e.g. "Qwen1.5"), used to pick a ladder. */
  family?: string;
  /** Parameter count (not billions: 7e9 for a 7B model). */
  params?: number;
  /** Training tokens. */
  tokens?: number;
  /** Training compute in FLOPs. */
  compute?: number;
  /** True when `compute` was not given and was estimated as 6·params·tokens. */
  computeEstimated: boolean;
  /** Training step of a checkpoint. */
  step?: number;
  /** Release date, `YYYY-MM-DD`. */
  releaseDate?: string;
  /** Other columns of the row, as read. */
  extra: Record<string, string>;
  /** Where the row was read from. */
  source: string;
  line: number;
}

/** The models table: one row per model, in input order. */
export interface ModelsTable {
  models: ModelRecord[];
  /** Files the rows came from. */
  sources: string[];
}

/**
 * Per-item scores of one benchmark: a dense items × models matrix.
 *
 * Cell (i, m) is at index `i * models.length + m`. A score is a 0/1 result or a pass rate in [0, 1];
 * `NaN` marks a model that has no result for that item (a coverage gap).
 */
export interface ItemMatrix {
  benchmark: string;
  /** Item ids, one per row. */
  items: string[];
  /** Model names, one per column, in order of first appearance. */
  models: string[];
  /** Row-major scores, `items.length × models.length`; NaN = no result. */
  scores: Float64Array;
  /**
   * Trial counts per cell (the number of samples a pass rate averages), same shape as `scores`;
   * `null` when every cell is a single trial or no counts were given. 0 where the score is missing.
   */
  trials: Uint32Array | null;
  /** Files the scores came from. */
  sources: string[];
}

/** A benchmark-level score of one model, with optional loss-like metrics. */
export interface AggregateScore {
  model: string;
  benchmark: string;
  /** Score in [0, 1]; absent when the row only carries losses. */
  score?: number;
  /** Other numeric columns of the row (e.g. `loss`, `bpb`, `acc_stderr`). */
  metrics: Record<string, number>;
  source: string;
  line: number;
}

/** Everything read from the user's inputs. */
export interface Dataset {
  /** The models table, or null when none was given. */
  models: ModelsTable | null;
  /** Per-item matrices, one per benchmark, sorted by benchmark name. */
  itemScores: ItemMatrix[];
  /** Benchmark-level rows in input order. */
  aggregates: AggregateScore[];
  /** Everything worth telling the user that did not stop reading. */
  warnings: DataWarning[];
}

/** Cell index of (item, model) in an {@link ItemMatrix}. */
export function cellIndex(matrix: ItemMatrix, item: number, model: number): number {
  return item * matrix.models.length + model;
}
