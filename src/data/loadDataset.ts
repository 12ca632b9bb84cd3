/**
 * One entry point that reads everything a user points scalecast at — score files in any layout
 * (CSV, TSV, JSON Lines, Parquet), folders of them, lm-evaluation-harness output folders and
 * results files (told by content, whatever their names), models tables — and returns one
 * {@link Dataset}, checked for consistency, with the rows selected (`--where`, `--step`) and the
 * benchmark groups combined (`--group`).
 */
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError, isInputError, locationText, type DataWarning } from '../io/inputError.js';
import { isDirectory } from '../io/isDirectory.js';
import { coverageWarnings, ItemScoreCollector } from './itemScoreCollector.js';
import { groupBenchmarks, type BenchmarkGroup } from './benchmarkGroups.js';
import {
  checkLmEvalChoices,
  isLmEvalHarnessDir,
  isLmEvalResultsFile,
  isResultsFileName,
  readLmEvalHarness,
  readLmEvalResultsFiles,
  SAMPLES_FILE,
  type ChoiceReport,
} from './lmEvalHarness.js';
import { checkSelectionUsed, mergeSelectionUse, newSelectionUse, selectsRows, type RowSelection, type SelectionUse } from './rowSelection.js';
import { mergeModelsTables, readModelsTable } from './modelsTable.js';
import { isOlmoLadderDir, readOlmoLadder } from './olmoLadder.js';
import { readScoreFile, type ScoreFileResult } from './scoreFiles.js';
import { selectModels } from './selectModels.js';
import { tableFormatOf } from '../io/tableReader.js';
import type { AggregateScore, Dataset, ItemMatrix, ModelsTable } from './types.js';

/** Re-exported for callers that drop models while loading; it lives with {@link selectModels}. */
export { dropModels } from './selectModels.js';

/** What to read and how. */
export interface LoadDatasetOptions {
  /** Score files, folders of score files, or lm-evaluation-harness output folders. */
  scores: readonly string[];
  /** Models tables (.csv, .tsv, .jsonl). */
  models?: readonly string[];
  /**
   * Scores are percentages in [0, 100]. A file whose scores are all within [0, 1] (not only 0s and
   * 1s) is then an error: they are already fractions. @default false
   */
  percent?: boolean;
  /** Benchmark name for a single wide file, instead of the file name. */
  benchmark?: string;
  /**
   * Metric to read from lm-evaluation-harness output (e.g. `acc_norm`). A metric that no task of any
   * harness folder reports is an error; tasks without it are listed in one warning.
   */
  metric?: string;
  /** Filter to read from lm-evaluation-harness output (e.g. `flexible-extract`); checked as `metric` is. */
  filter?: string;
  /**
   * Drop scores of models that have no row in the `models` tables (with a warning) instead of failing.
   * @default false
   */
  ignoreUnlisted?: boolean;
  /** Progress while reading large files. */
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
  /**
   * Rows of score tables to read (`--where KEY=VALUE`, `--step latest`; see {@link RowSelection}):
   * applied before duplicate (model, benchmark) rows are checked.
   */
  selection?: RowSelection;
  /** Benchmark groups to combine (`--group mmlu='hendrycksTest-*'`; see {@link groupBenchmarks}). */
  groups?: readonly BenchmarkGroup[];
}

/** Companion files in a folder that are not read as inputs of their own: trial counts, per-benchmark model summaries, truth. */
const NOT_INPUTS = /\.(count|models|truth)\.[a-z]+$/i;

/**
 * The table files a folder holds, sorted by name: its .csv/.tsv/.jsonl/.parquet files without trial-count
 * companions (`*.count.csv`, read along with their matrix), per-benchmark model summaries
 * (`*.models.csv`), truth files (`*.truth.csv`, written by `simulate`: not inputs) and, in an
 * lm-evaluation-harness folder, its `samples_*.jsonl` files (read with their results).
 */
export function scoreFilesInFolder(dir: string): string[] {
  const harness = isLmEvalHarnessDir(dir);
  return readdirSync(dir)
    .filter((f) => tableFormatOf(f) !== undefined && !NOT_INPUTS.test(f) && !(harness && SAMPLES_FILE.test(f)))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The `.json` files of a folder that are not `results_<date>.json` (those are read as harness output
 * folders are), sorted: candidates for lm-evaluation-harness results files named otherwise, such as
 * the v0.3 `opt-125m.json`.
 */
function jsonFilesInFolder(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => extname(f).toLowerCase() === '.json' && !isResultsFileName(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads and checks all inputs.
 *
 * - A `.json` file is an lm-evaluation-harness results file (v0.3 or v0.4), whatever its name; the
 *   model is named by `config.model_args` (`pretrained=…`), else `model_name`, else the file's name
 *   (its folder's for `results_<date>.json`). See {@link readLmEvalResultsFiles}.
 * - The OLMo ladder's folder (`ladder-runs/` and `configs/final.json`, as in `olmo-ladder/` of the
 *   shared data) is read through {@link readOlmoLadder}: each run's final evaluation, and its models.
 * - A folder is read one level deep: its table files (see {@link scoreFilesInFolder}), where a table
 *   with a `model` column but neither `benchmark` nor `item` and no column of scores is a models
 *   table; when it holds lm-evaluation-harness `results_*.json` (in it or in its subfolders), that
 *   output too; and its other `.json` files that are harness results by content (a top-level
 *   `results` object, with `versions` or `config`), one model per file — others are left out with
 *   an `ignored-file` warning.
 * - Models tables are merged with the user's `models` first (see {@link mergeModelsTables}), then
 *   tables found in folders, then those derived from lm-evaluation-harness output.
 * - Checks across files: a (model, item) pair or a (model, benchmark) aggregate row given twice, a
 *   `benchmark` name given for more than one wide file, a model with scores but no row in the
 *   `models` tables (an error unless `ignoreUnlisted`; tables found in folders or derived from
 *   harness output do not count), and coverage gaps (warnings).
 *
 * @throws InputError for the first problem found, located at file, line and column.
 */
export function loadDataset(options: LoadDatasetOptions): Dataset {
  const collector = new ItemScoreCollector();
  const aggregates: AggregateScore[] = [];
  const warnings: DataWarning[] = [];
  const userTables: ModelsTable[] = [];
  const folderTables: ModelsTable[] = [];
  const harnessTables: ModelsTable[] = [];

  for (const path of options.models ?? []) {
    const t = readModelsTable(path);
    userTables.push(t.table);
    warnings.push(...t.warnings);
  }
  if (options.scores.length === 0) {
    throw new InputError({ code: 'unreadable', file: '(none)', message: 'no score files were given', expected: 'at least one score file or folder' });
  }

  let firstWide: string | undefined;
  const harnessChoices: ChoiceReport[] = [];
  const harnessGroups: Record<string, string[]> = {};
  const selectionUse = newSelectionUse();
  /** Harness results files named otherwise than `results_<date>.json`, read together at the end. */
  const resultsFiles: string[] = [];
  const readOne = (file: string, inFolder: boolean): void => {
    if (extname(file).toLowerCase() === '.json') {
      resultsFiles.push(file);
      return;
    }
    const fileUse = newSelectionUse();
    let r: ScoreFileResult;
    try {
      r = readScoreFile(file, collector, {
        percent: options.percent,
        benchmark: options.benchmark,
        allowModelsTable: inFolder,
        onProgress: options.onProgress && ((done, total) => options.onProgress!(file, done, total)),
        ...(options.selection === undefined ? {} : { selection: options.selection, selectionUse: fileUse }),
      });
    } catch (e) {
      // Rows left twice because a filter's column is missing here: the filter is the mistake to name.
      if (isInputError(e) && e.code === 'duplicate' && options.selection !== undefined) throw unappliedFilter(file, options.selection, fileUse, e) ?? e;
      throw e;
    } finally {
      mergeSelectionUse(selectionUse, fileUse);
    }
    if (r.layout === 'wide' && options.benchmark !== undefined) {
      if (firstWide !== undefined) throw benchmarkForSeveral(options.benchmark, firstWide, file);
      firstWide = file;
    }
    if (r.models !== undefined) {
      folderTables.push(r.models.table);
      warnings.push(...r.models.warnings);
    }
    aggregates.push(...r.aggregates);
    warnings.push(...r.warnings);
  };

  for (const path of options.scores) {
    if (!isDirectory(path)) {
      readOne(path, false);
      continue;
    }
    if (isOlmoLadderDir(path)) {
      // The OLMo ladder's training logs: each run's final evaluation, with its size and tokens.
      const olmo = readOlmoLadder(path);
      aggregates.push(...olmo.aggregates);
      if (olmo.models !== null) folderTables.push(olmo.models);
      continue;
    }
    const harness = isLmEvalHarnessDir(path);
    if (harness) {
      const r = readLmEvalHarness(path, collector, { metric: options.metric, filter: options.filter, percent: options.percent, deferChoiceCheck: true });
      harnessChoices.push(r.choices);
      aggregates.push(...r.aggregates);
      warnings.push(...r.warnings);
      harnessTables.push(r.models);
      Object.assign(harnessGroups, r.groups);
    }
    const json = jsonFilesInFolder(path);
    for (const f of json) {
      if (isLmEvalResultsFile(f)) resultsFiles.push(f);
      else warnings.push({ code: 'ignored-file', file: f, message: 'not read: this JSON file is not lm-evaluation-harness results (no top-level "results" object of task → metrics)' });
    }
    const files = scoreFilesInFolder(path);
    if (files.length === 0 && !harness && !json.some((f) => resultsFiles.includes(f))) {
      throw new InputError({
        code: 'unreadable',
        file: path,
        message: 'the folder holds no score files',
        expected: '.csv, .tsv or .jsonl score files, or lm-evaluation-harness results_*.json',
      });
    }
    for (const f of files) readOne(f, true);
  }

  if (resultsFiles.length > 0) {
    const r = readLmEvalResultsFiles(resultsFiles, { metric: options.metric, filter: options.filter, percent: options.percent, deferChoiceCheck: true });
    harnessChoices.push(r.choices);
    aggregates.push(...r.aggregates);
    warnings.push(...r.warnings);
    harnessTables.push(r.models);
    Object.assign(harnessGroups, r.groups);
  }
  if (selectsRows(options.selection)) checkSelectionUsed(options.selection, selectionUse, options.scores.join(', '));
  // --metric and --filter are checked over all harness folders at once: a metric of one folder only is no typo.
  warnings.push(...checkLmEvalChoices(harnessChoices, options));
  checkAggregatesOnce(aggregates);
  const { kept, empty } = splitEmpty(collector.finish());
  for (const m of empty) {
    warnings.push({ code: 'empty-benchmark', file: m.sources[0], message: `${m.benchmark}: no model has a score on any of its ${m.items.length} items; it is left out` });
  }
  const tables = [...userTables, ...folderTables, ...harnessTables];
  let models: ModelsTable | null = null;
  if (tables.length > 0) {
    const merged = mergeModelsTables(tables);
    models = merged.table;
    warnings.push(...merged.warnings);
  } else {
    warnings.push({ code: 'no-models-table', message: 'no models table was given: sizes and compute are unknown (pass --models FILE)' });
  }
  let data: Dataset = { models, itemScores: kept, aggregates, warnings: [...warnings, ...coverageWarnings(kept)] };
  if (options.groups !== undefined && options.groups.length > 0) data = groupBenchmarks(data, options.groups, harnessGroups);

  if (userTables.length > 0) {
    const listed = new Set(userTables.flatMap((t) => t.models.map((m) => m.model)));
    const unlisted = unlistedModels(data, listed);
    if (unlisted.length > 0) {
      const shown = unlisted.slice(0, 8).map((n) => `"${n}"`).join(', ') + (unlisted.length > 8 ? `, and ${unlisted.length - 8} more` : '');
      if (!options.ignoreUnlisted) {
        const where = firstScoreOf(unlisted[0]!, collector, aggregates);
        throw new InputError({
          code: 'unknown-model',
          file: where.file,
          line: where.line,
          message: `${unlisted.length} model${unlisted.length === 1 ? ' has' : 's have'} scores but no row in the models table: ${shown} (the first score of "${unlisted[0]}" is here)`,
          expected: `a row for every scored model in ${(options.models ?? []).join(', ')}`,
          hint: 'add rows for them, or pass --ignore-unlisted to leave their scores out',
        });
      }
      const drop = new Set(unlisted);
      data = selectModels(data, (m) => !drop.has(m));
      data.warnings.push({
        code: 'ignored-unlisted-model',
        message: `left out the scores of ${unlisted.length} model${unlisted.length === 1 ? '' : 's'} not in the models table: ${shown}`,
      });
    }
  }
  return { ...data, warnings: estimatedComputeWarnings(data) };
}

/**
 * The models tables' "compute estimated" warnings as one, counting only the models with scores: a
 * table's rows that no score uses are no concern of this run.
 */
function estimatedComputeWarnings(data: Dataset): DataWarning[] {
  const others = data.warnings.filter((w) => w.code !== 'compute-estimated');
  const first = data.warnings.find((w) => w.code === 'compute-estimated');
  if (first === undefined) return data.warnings;
  const scored = new Set([...data.itemScores.flatMap((m) => m.models), ...data.aggregates.map((a) => a.model)]);
  const estimated = (data.models?.models ?? []).filter((m) => m.computeEstimated && scored.has(m.model)).map((m) => m.model);
  if (estimated.length === 0) return others;
  const shown = estimated.slice(0, 4).join(', ') + (estimated.length > 4 ? `, and ${estimated.length - 4} more` : '');
  return [...others, { ...first, message: `${estimated.length} of the ${scored.size} scored models had no compute; it was estimated as 6·params·tokens (${shown})` }];
}

/** Models with scores (per item or aggregate) that `listed` lacks, per-item ones first, each once. */
function unlistedModels(data: Dataset, listed: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const m of data.itemScores) for (const name of m.models) if (!listed.has(name)) out.add(name);
  for (const a of data.aggregates) if (!listed.has(a.model)) out.add(a.model);
  return [...out];
}

/** Where the first score of `model` was read: its first per-item score, else its first aggregate row. */
function firstScoreOf(model: string, collector: ItemScoreCollector, aggregates: readonly AggregateScore[]): { file: string; line?: number } {
  const item = collector.firstScore(model);
  if (item !== undefined) return item;
  const a = aggregates.find((x) => x.model === model);
  return a === undefined ? { file: '(unknown)' } : { file: a.source, line: a.line };
}

/** Matrices with at least one model, and those without (a wide file whose cells are all empty). */
function splitEmpty(matrices: ItemMatrix[]): { kept: ItemMatrix[]; empty: ItemMatrix[] } {
  return { kept: matrices.filter((m) => m.models.length > 0), empty: matrices.filter((m) => m.models.length === 0) };
}

/**
 * Rejects a (model, benchmark) aggregate row given in two files (a file's own repeats are caught
 * while reading it).
 *
 * @throws InputError `duplicate` at the second row, naming the first
 */
function checkAggregatesOnce(aggregates: readonly AggregateScore[]): void {
  const seen = new Map<string, AggregateScore>();
  for (const a of aggregates) {
    const key = `${a.model}\u0000${a.benchmark}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, a);
      continue;
    }
    throw new InputError({
      code: 'duplicate',
      file: a.source,
      line: a.line,
      message: `model "${a.model}" has a second aggregate score for benchmark "${a.benchmark}" (the first is at ${locationText(first.source, first.line)})`,
      expected: 'one aggregate row per (model, benchmark) over all inputs',
    });
  }
}

function benchmarkForSeveral(benchmark: string, first: string, second: string): InputError {
  return new InputError({
    code: 'bad-option',
    file: second,
    message: `--wide-name "${benchmark}" names the benchmark of a single wide file, but ${first} and this file are both wide files`,
    expected: 'one wide file with --wide-name',
    hint: 'leave out --wide-name to name each wide file\'s benchmark by its file name',
  });
}

/**
 * The error for a filter whose column `file` lacks, when the file then gave a (model, benchmark)
 * twice; undefined when every filter applied to it.
 */
function unappliedFilter(file: string, selection: RowSelection, use: SelectionUse, duplicate: InputError): InputError | undefined {
  const k = selection.where.findIndex((_, i) => !use.applied.has(i));
  if (k < 0) return undefined;
  const f = selection.where[k]!;
  return new InputError({
    code: 'bad-option',
    file,
    message: `--where ${f.text ?? f.column}: this table has no column "${f.column}", and without it ${duplicate.message}`,
    expected: `one of its columns: ${[...use.columns].join(', ')}`,
  });
}
