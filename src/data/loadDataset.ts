/**
 * One entry point that reads everything a user points scalecast at — score files in any layout,
 * folders of them, lm-evaluation-harness output folders, models tables — and returns one
 * {@link Dataset}, checked for consistency.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type DataWarning } from './inputError.js';
import { coverageWarnings, ItemScoreCollector } from './itemScoreCollector.js';
import { isLmEvalHarnessDir, readLmEvalHarness } from './lmEvalHarness.js';
import { mergeModelsTables, readModelsTable } from './modelsTable.js';
import { readScoreFile } from './scoreFiles.js';
import { tableFormatOf } from './tableReader.js';
import type { AggregateScore, Dataset, ItemMatrix, ModelsTable } from './types.js';

/** What to read and how. */
export interface LoadDatasetOptions {
  /** Score files, folders of score files, or lm-evaluation-harness output folders. */
  scores: readonly string[];
  /** Models tables (.csv, .tsv, .jsonl). */
  models?: readonly string[];
  /** Scores are percentages in [0, 100]. @default false */
  percent?: boolean;
  /** Benchmark name for wide files, instead of the file name. */
  benchmark?: string;
  /** Metric to read from lm-evaluation-harness output (e.g. `acc_norm`). */
  metric?: string;
  /** Filter to read from lm-evaluation-harness output (e.g. `flexible-extract`). */
  filter?: string;
  /**
   * Drop scores of models that have no row in the models table (with a warning) instead of failing.
   * @default false
   */
  ignoreUnlisted?: boolean;
  /** Progress while reading large files. */
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
}

/**
 * The score files a folder holds: its .csv/.tsv/.jsonl files, sorted by name, without trial-count
 * companions (`*.count.csv`, read along with their matrix) and per-benchmark model summaries
 * (`*.models.csv`).
 */
export function scoreFilesInFolder(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => tableFormatOf(f) !== undefined && !/\.(count|models)\.[a-z]+$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads and checks all inputs.
 *
 * Checks across files: a (model, item) pair given twice, a model with scores but no row in the
 * models table (an error unless `ignoreUnlisted`), and coverage gaps (warnings).
 *
 * @throws InputError for the first problem found, located at file, line and column.
 */
export function loadDataset(options: LoadDatasetOptions): Dataset {
  const collector = new ItemScoreCollector();
  const aggregates: AggregateScore[] = [];
  const warnings: DataWarning[] = [];
  const tables: ModelsTable[] = [];

  for (const path of options.models ?? []) {
    const t = readModelsTable(path);
    tables.push(t.table);
    warnings.push(...t.warnings);
  }
  const userTableCount = tables.length;

  if (options.scores.length === 0) {
    throw new InputError({ code: 'unreadable', file: '(none)', message: 'no score files were given', expected: 'at least one score file or folder' });
  }
  for (const path of options.scores) {
    if (isDirectory(path)) {
      if (isLmEvalHarnessDir(path)) {
        const r = readLmEvalHarness(path, collector, { metric: options.metric, filter: options.filter, percent: options.percent });
        aggregates.push(...r.aggregates);
        warnings.push(...r.warnings);
        tables.push(r.models);
        continue;
      }
      const files = scoreFilesInFolder(path);
      if (files.length === 0) {
        throw new InputError({
          code: 'unreadable',
          file: path,
          message: 'the folder holds no score files',
          expected: '.csv, .tsv or .jsonl score files, or lm-evaluation-harness results_*.json',
        });
      }
      for (const f of files) readOne(f);
    } else {
      readOne(path);
    }
  }

  function readOne(file: string): void {
    const r = readScoreFile(file, collector, {
      percent: options.percent,
      benchmark: options.benchmark,
      onProgress: options.onProgress && ((done, total) => options.onProgress!(file, done, total)),
    });
    aggregates.push(...r.aggregates);
    warnings.push(...r.warnings);
  }

  const built = collector.finish();
  let matrices = built.matrices;
  let aggs = aggregates;
  const models = tables.length > 0 ? mergeModelsTables(tables) : null;

  if (userTableCount > 0 && models !== null) {
    const listed = new Set(models.models.map((m) => m.model));
    const unlisted = new Map<string, { file: string; line: number }>();
    for (const m of matrices) {
      for (const name of m.models) if (!listed.has(name) && !unlisted.has(name)) unlisted.set(name, { file: m.sources[0]!, line: 0 });
    }
    for (const a of aggs) if (!listed.has(a.model) && !unlisted.has(a.model)) unlisted.set(a.model, { file: a.source, line: a.line });
    if (unlisted.size > 0) {
      const names = [...unlisted.keys()];
      const shown = names.slice(0, 8).map((n) => `"${n}"`).join(', ') + (names.length > 8 ? `, and ${names.length - 8} more` : '');
      if (!options.ignoreUnlisted) {
        const first = unlisted.get(names[0]!)!;
        throw new InputError({
          code: 'unknown-model',
          file: first.file,
          line: first.line > 0 ? first.line : undefined,
          message: `${names.length} model${names.length === 1 ? ' has' : 's have'} scores but no row in the models table: ${shown}`,
          expected: `a row for every scored model in ${(options.models ?? []).join(', ')}`,
          hint: 'add rows for them, or pass --ignore-unlisted to leave their scores out',
        });
      }
      matrices = matrices.map((m) => dropModels(m, unlisted)).filter((m) => m.models.length > 0);
      aggs = aggs.filter((a) => !unlisted.has(a.model));
      warnings.push({ code: 'ignored-unlisted-model', message: `left out the scores of ${names.length} model${names.length === 1 ? '' : 's'} not in the models table: ${shown}` });
    }
  }
  warnings.push(...coverageWarnings(matrices));
  if (models === null) {
    warnings.push({ code: 'no-models-table', message: 'no models table was given: sizes and compute are unknown (pass --models FILE)' });
  }
  return { models, itemScores: matrices, aggregates: aggs, warnings };
}

/** A copy of `m` without the columns of `drop`. */
export function dropModels(m: ItemMatrix, drop: ReadonlyMap<string, unknown> | ReadonlySet<string>): ItemMatrix {
  const keep = m.models.map((name, j) => (drop.has(name) ? -1 : j)).filter((j) => j >= 0);
  if (keep.length === m.models.length) return m;
  const nI = m.items.length;
  const nOld = m.models.length;
  const nNew = keep.length;
  const scores = new Float64Array(nI * nNew);
  const trials = m.trials === null ? null : new Uint32Array(nI * nNew);
  for (let i = 0; i < nI; i++) {
    for (let k = 0; k < nNew; k++) {
      scores[i * nNew + k] = m.scores[i * nOld + keep[k]!]!;
      if (trials !== null) trials[i * nNew + k] = m.trials![i * nOld + keep[k]!]!;
    }
  }
  return { ...m, models: keep.map((j) => m.models[j]!), scores, trials };
}
