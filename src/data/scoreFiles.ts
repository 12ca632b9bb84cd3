/**
 * Reading score files in the four table layouts scalecast accepts, told apart by their header
 * (CSV, TSV, JSON Lines or Parquet alike):
 *
 * - **long** per-item: `model,benchmark,item,score[,trials]` — one row per (model, item).
 * - **wide** per-item: an `item` (or `example_id`) column plus one column per model, and no `model`
 *   column; one benchmark per file, named by the file (`gsm8k.pass1.csv` → `gsm8k`) or by an option.
 *   An optional companion file `<stem>.count.csv` of the same shape gives trial counts (the layout of
 *   the all-the-noises matrices).
 * - **aggregate** (tidy): `model,benchmark[,score]` plus loss-like numeric columns (`loss`, `bpb`, …)
 *   and any other key columns (`step`, `num_fewshot`); one row per (model, benchmark) once the rows
 *   are selected (`--where`, `--step latest`: {@link RowSelection}). Rows left twice are an error
 *   naming the columns that tell them apart ({@link DuplicateRows}).
 * - **wide aggregate**: a `model` column and neither `benchmark` nor `item` — one row per model, one
 *   column per benchmark (ObsScaling, leaderboard exports). Its content decides between it and a
 *   **models table** (`model` + params, tokens, …, no column of scores): columns named as a models
 *   table's (`family`, `params`, `Model Size (B)`, …) describe the models; a column of numbers that
 *   are not all whole and lie in [0, 1] is a benchmark; anything else is an attribute or, for
 *   fractional numbers outside [0, 1] (a BLEU column), left out with a warning. A table with no
 *   benchmark column is a models table where one is allowed (in a folder), else an error with a
 *   hint about `--models`. See {@link modelRowsHandler}.
 *
 * The `item` column tells the per-item layouts from the rest; the `benchmark` column the tidy
 * aggregate layout from the wide one.
 *
 * Scores are fractions in [0, 1]. A file of percentages is rejected with a hint, unless `percent`
 * is set, in which case values in [0, 100] are divided by 100; `percent` on a file whose scores are
 * all within [0, 1] (not only 0s and 1s) is rejected too, as they are already fractions.
 *
 * A missing cell (empty, `n/a`, `NA`, `nan`, `-`, …: {@link isMissingCell}) is read the same wherever it
 * is: no score (a coverage gap in a wide file, an error in a long one), no metric value in an aggregate file.
 */
import { basename, dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  cellError,
  cellLocation,
  cellText,
  columnResolver,
  findColumn,
  headerText,
  isMissingCell,
  isNumberLike,
  missingMessage,
  readNumberCell,
  requireColumn,
} from '../io/cells.js';
import { InputError, isInputError, quoteCell, type DataWarning } from '../io/inputError.js';
import { DuplicateRows } from './duplicateRows.js';
import type { ItemScoreCollector } from './itemScoreCollector.js';
import type { ParsedModelsTable } from './modelsTable.js';
import { readTrials, readTrialsTable, trialCount, type TrialsTable } from './trialCounts.js';
import { latestSteps, latestStepsOfText, selectingHandler, selectsRows, type RowSelection, type SelectionUse } from './rowSelection.js';
import { modelRowsHandler, type ModelRowsHandler } from './wideAggregate.js';
import { parseDecimal } from '../io/quantity.js';
import { checkScoreValue, PercentFileCheck } from './scoreValue.js';
import {
  readTableFile,
  readTableText,
  snapshotRow,
  tableFormatOf,
  type TableFormat,
  type TableHandler,
  type TableHeader,
  type TableRow,
} from '../io/tableReader.js';
import type { AggregateScore } from './types.js';

/** Column names recognised in score files, first one canonical; `score` serves the long and aggregate layouts. */
export const SCORE_COLUMNS = {
  model: ['model', 'model_name'],
  benchmark: ['benchmark', 'task', 'dataset'],
  item: ['item', 'example_id', 'item_id', 'doc_id'],
  score: ['score', 'pass1', 'pass_rate', 'correct', 'accuracy', 'acc'],
  trials: ['trials', 'count', 'n_samples', 'k'],
} as const;

export { MAX_TRIALS } from './trialCounts.js';

/** Which layout a table uses: one of the four score layouts, or a models table (only where allowed). */
export type ScoreLayout = 'long' | 'wide' | 'aggregate' | 'wide-aggregate' | 'models';

/** Options for reading score files. */
export interface ScoreFileOptions {
  /** Scores are percentages in [0, 100]; divide them by 100. @default false */
  percent?: boolean;
  /** Benchmark name for a wide file, instead of the one derived from its file name. */
  benchmark?: string;
  /** Trial-count file for a wide file, instead of the `<stem>.count.<ext>` companion. */
  trialsFile?: string;
  /** Overrides the format implied by the file's extension. */
  format?: TableFormat;
  /**
   * Read a table with a `model` column but neither `benchmark` nor `item` as a models table
   * (layout `models`) instead of rejecting it. @default false
   */
  allowModelsTable?: boolean;
  /** Progress callback for large files (bytes read, total bytes). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Rows to read (`--where`, `--step latest`); every row when absent. */
  selection?: RowSelection;
  /** Records what the selection met, for {@link checkSelectionUsed}. */
  selectionUse?: SelectionUse;
}

/** What one score file contributed besides the per-item scores added to the collector. */
export interface ScoreFileResult {
  layout: ScoreLayout;
  aggregates: AggregateScore[];
  /** The models table, when the layout is `models`. */
  models?: ParsedModelsTable;
  /** Problems that do not stop reading (an aggregate column of both text and numbers read as text). */
  warnings: DataWarning[];
}

/**
 * The layout a header implies, or an error explaining the layouts. A header with `model` but neither
 * `benchmark` nor `item` is `wide-aggregate` here; its content decides whether it is one or a models
 * table ({@link modelRowsHandler}).
 */
export function detectScoreLayout(h: TableHeader): ScoreLayout {
  const has = (names: readonly string[]) => findColumn(h.header, names) >= 0;
  const item = has(SCORE_COLUMNS.item);
  const model = has(SCORE_COLUMNS.model);
  const benchmark = has(SCORE_COLUMNS.benchmark);
  if (item && model) return 'long';
  if (item && !model && !benchmark) return 'wide';
  if (model && benchmark) return 'aggregate';
  if (model) return 'wide-aggregate';
  throw new InputError({
    code: 'missing-column',
    file: h.file,
    line: h.headerLine,
    column: 1,
    message: 'cannot tell which kind of score table this is',
    expected:
      'a header of model,benchmark,item,score[,trials] (per item), item + one column per model (wide), model,benchmark,score (aggregate), or model + one column per benchmark (wide aggregate)',
    found: headerText(h),
  });
}

/** The part of a wide file's name after the benchmark: `.pass1`, `.scores`, `.items` or `.acc`. */
const SCORE_FILE_SUFFIX = /\.(pass1|scores|items|acc)$/i;

/**
 * The benchmark a wide file holds, from its name: the file name without its extension and without
 * a trailing `.pass1`, `.scores`, `.items` or `.acc` part. `CRUXEval-input-T0.8.pass1.csv` → `CRUXEval-input-T0.8`.
 */
export function benchmarkFromFileName(path: string): string {
  return basename(path, extname(path)).replace(SCORE_FILE_SUFFIX, '');
}

/** The `<stem>.count.<ext>` companion of a wide `<stem>.pass1.<ext>` file, if it exists. */
export function trialsCompanionOf(path: string): string | undefined {
  const ext = extname(path);
  const candidate = join(dirname(path), `${benchmarkFromFileName(path)}.count${ext}`);
  return candidate !== path && existsSync(candidate) ? candidate : undefined;
}

/**
 * Reads a score value (checked range, percent handling); `undefined` for a missing cell. Shared by
 * all layouts.
 *
 * @param check collects the file's scores as read, for {@link PercentFileCheck}
 */
export function readScoreCell(row: TableRow, j: number, percent: boolean, what = 'score', check?: PercentFileCheck): number | undefined {
  const raw = row.values[j];
  let v: number | undefined;
  if (typeof raw === 'string') v = parseDecimal(raw);
  v ??= readNumberCell(row, j, { name: what, expected: percent ? 'a number in [0, 100]' : 'a number in [0, 1]' });
  if (v === undefined) return undefined;
  const text = cellText(raw) ?? String(v);
  const where = cellLocation(row, j);
  const score = checkScoreValue(v, percent, what, where, text);
  check?.add(v, where);
  return score;
}

const LONG_COLUMNS = {
  model: { names: SCORE_COLUMNS.model, required: true },
  benchmark: { names: SCORE_COLUMNS.benchmark, required: true },
  item: { names: SCORE_COLUMNS.item, required: true },
  score: { names: SCORE_COLUMNS.score, required: true },
  trials: { names: SCORE_COLUMNS.trials },
};

/** Handler for long per-item rows. */
function longHandler(collector: ItemScoreCollector, file: string, percent: boolean, check: PercentFileCheck): TableHandler {
  const columns = columnResolver(LONG_COLUMNS, 'a per-item score file');
  const src = collector.sourceId(file);
  // Cache the last benchmark and model: long files are usually sorted by one of them.
  let lastBench = '';
  let lastBenchId = -1;
  let lastModel = '';
  let lastModelId = -1;
  return {
    onRow(row) {
      const cols = columns(row);
      const v = row.values;
      const model = cellText(v[cols.model]);
      const bench = cellText(v[cols.benchmark]);
      const item = cellText(v[cols.item]);
      if (model === undefined) throw cellError(row, cols.model, 'missing-value', 'model is empty', 'a model name');
      if (bench === undefined) throw cellError(row, cols.benchmark, 'missing-value', 'benchmark is empty', 'a benchmark name');
      if (item === undefined) throw cellError(row, cols.item, 'missing-value', 'item is empty', 'an item id');
      const score = readScoreCell(row, cols.score, percent, 'score', check);
      if (score === undefined) {
        throw cellError(row, cols.score, 'missing-value', missingMessage(v[cols.score], 'score'), 'a number in [0, 1]', cellText(v[cols.score]));
      }
      const trials = cols.trials >= 0 ? (readTrials(row, cols.trials) ?? 0) : 0;
      if (bench !== lastBench) {
        lastBench = bench;
        lastBenchId = collector.benchmarkId(bench);
      }
      if (model !== lastModel) {
        lastModel = model;
        lastModelId = collector.modelId(model);
      }
      collector.addById(lastBenchId, collector.itemId(lastBenchId, item), lastModelId, score, trials, src, row.line);
    },
  };
}

/** Handler for a wide per-item file: item column + one column per model. */
function wideHandler(
  collector: ItemScoreCollector,
  file: string,
  benchmark: string,
  percent: boolean,
  trials: TrialsTable | null,
  check: PercentFileCheck,
): TableHandler {
  let itemCol = -1;
  let modelIds: number[] = [];
  let headerLen = -1;
  const bench = collector.benchmarkId(benchmark);
  const src = collector.sourceId(file);
  return {
    onRow(row) {
      if (row.header.length !== headerLen) {
        itemCol = requireColumn(row, SCORE_COLUMNS.item, 'a wide score file');
        modelIds = row.header.map((h, j) => (j === itemCol ? -1 : collector.modelId(h)));
        headerLen = row.header.length;
      }
      const item = cellText(row.values[itemCol]);
      if (item === undefined) throw cellError(row, itemCol, 'missing-value', 'item is empty', 'an item id');
      const itemId = collector.itemId(bench, item);
      for (let j = 0; j < row.values.length; j++) {
        if (j === itemCol) continue;
        const s = readScoreCell(row, j, percent, `score of ${row.header[j]}`, check);
        if (s === undefined) continue; // no result for this model (empty or n/a): a coverage gap
        const k = trials === null ? 0 : trialCount(trials, item, row.header[j]!, `${file}:${row.lineOf(j)}`);
        collector.addById(bench, itemId, modelIds[j]!, s, k, src, row.line);
      }
    },
  };
}

/** The cells of one aggregate column besides model, benchmark and score, kept until its kind is known. */
interface AggregateColumn {
  name: string;
  /** Its number-like cells: the value read, or the error reading it gave (`inf`, `1e400`). */
  numbers: { rec: AggregateScore; line: number; value?: number; error?: InputError }[];
  /** How many of its cells are text (not numbers, not missing). */
  texts: number;
  firstText?: { line: number; column: number | undefined; text: string };
}

/** A handler whose work ends after the last row: {@link aggregateHandler}. */
interface FinishingHandler extends TableHandler {
  /** Checks what needs the whole file, sets the metrics, and returns the warnings. @throws InputError */
  finish(): DataWarning[];
}

/**
 * Handler for aggregate rows. Besides `model`, `benchmark` and the score, a column whose cells are
 * numbers is a metric column (`loss`, `bpb`); a column of text (dates, notes, revisions) is skipped.
 * Missing cells (empty, `n/a`, `nan`, `-`, …) count as neither, wherever they are in the column. A column of
 * both numbers and text is decided by the whole column, not by its first cell: mostly numbers, the
 * first text cell is an error; otherwise a text column, with a `mixed-column` warning naming the
 * numbers left out. So a column's kind, and its values, do not depend on the order of the rows.
 */
function aggregateHandler(file: string, percent: boolean, out: AggregateScore[], check: PercentFileCheck): FinishingHandler {
  const columns = columnResolver(
    {
      model: { names: SCORE_COLUMNS.model, required: true },
      benchmark: { names: SCORE_COLUMNS.benchmark, required: true },
      score: { names: SCORE_COLUMNS.score },
    },
    'an aggregate score file',
  );
  const metricColumns: AggregateColumn[] = [];
  /** Rows without a score: they need a metric, known only at the end. */
  const unscored: { rec: AggregateScore; line: number; column: number | undefined }[] = [];
  const duplicates = new DuplicateRows();
  let used: number[] = [];
  return {
    onRow(row) {
      const cols = columns(row);
      used = [cols.model, cols.benchmark, cols.score];
      const model = cellText(row.values[cols.model]);
      const benchmark = cellText(row.values[cols.benchmark]);
      if (model === undefined) throw cellError(row, cols.model, 'missing-value', 'model is empty', 'a model name');
      if (benchmark === undefined) throw cellError(row, cols.benchmark, 'missing-value', 'benchmark is empty', 'a benchmark name');
      // A repeated (model, benchmark) is followed to the end of the file, so that the error can list
      // every value of the columns that tell its rows apart.
      if (duplicates.add(model, benchmark, row, cols.benchmark)) return;
      const rec: AggregateScore = { model, benchmark, metrics: {}, source: file, line: row.line };
      if (cols.score >= 0) {
        const s = readScoreCell(row, cols.score, percent, 'score', check);
        if (s !== undefined) rec.score = s;
      }
      for (let j = 0; j < row.header.length; j++) {
        if (j === cols.model || j === cols.benchmark || j === cols.score) continue;
        const raw = row.values[j];
        if (isMissingCell(raw)) continue;
        const col = (metricColumns[j] ??= { name: row.header[j]!, numbers: [], texts: 0 });
        if (!isNumberLike(raw)) {
          if (col.texts++ === 0) col.firstText = { line: row.lineOf(j), column: row.column(j), text: cellText(raw)! };
          continue;
        }
        try {
          col.numbers.push({ rec, line: row.lineOf(j), value: readNumberCell(row, j, { name: col.name, expected: 'a finite number' }) });
        } catch (e) {
          if (!isInputError(e)) throw e;
          col.numbers.push({ rec, line: row.lineOf(j), error: e });
        }
      }
      if (rec.score === undefined) unscored.push({ rec, line: row.lineOf(cols.benchmark), column: row.column(cols.benchmark) });
      out.push(rec);
    },
    finish() {
      const dup = duplicates.error(file, used);
      if (dup !== undefined) throw dup;
      const warnings: DataWarning[] = [];
      for (const col of metricColumns) {
        if (col === undefined || col.numbers.length === 0) continue;
        const n = col.numbers.length;
        const t = col.firstText;
        if (t !== undefined && col.texts >= n) {
          warnings.push({
            code: 'mixed-column',
            file,
            line: t.line,
            message: `column "${col.name}" holds text (e.g. "${quoteCell(t.text)}" on line ${t.line}) and ${n} number${n === 1 ? '' : 's'} (the first on line ${col.numbers[0]!.line}); it is read as a text column and its numbers are not used`,
          });
          continue;
        }
        const broken = col.numbers.find((c) => c.error !== undefined);
        if (t !== undefined && (broken === undefined || t.line < broken.line)) {
          throw new InputError({
            code: 'bad-number',
            file,
            line: t.line,
            column: t.column,
            message: `${col.name} is not a number`,
            expected: `a number, as the column's other ${n} values are (the first on line ${col.numbers[0]!.line})`,
            found: quoteCell(t.text),
            hint: 'leave a missing value empty or write n/a',
          });
        }
        if (broken !== undefined) throw broken.error!;
        for (const c of col.numbers) c.rec.metrics[col.name] = c.value!;
      }
      for (const u of unscored) {
        if (Object.keys(u.rec.metrics).length > 0) continue;
        throw new InputError({
          code: 'missing-value',
          file,
          line: u.line,
          column: u.column,
          message: 'row has neither a score nor a numeric metric such as loss',
          expected: 'a score or a loss-like column',
        });
      }
      return warnings;
    },
  };
}

/** Routes rows to the handler of the layout the header implies. */
function layoutRouter(
  file: string,
  collector: ItemScoreCollector,
  options: ScoreFileOptions,
  trialsFile: () => string | undefined,
  latest: () => Map<string, number> | null,
): { handler: TableHandler; result: () => ScoreFileResult } {
  let layout: ScoreLayout | null = null;
  let inner: TableHandler | null = null;
  let aggregate: FinishingHandler | null = null;
  let byModel: ModelRowsHandler | null = null;
  const aggregates: AggregateScore[] = [];
  const percent = options.percent ?? false;
  const check = new PercentFileCheck();
  return {
    result: () => {
      const warnings = aggregate === null ? [] : aggregate.finish();
      let models: ParsedModelsTable | undefined;
      if (byModel !== null) {
        const m = byModel.finish();
        layout = m.layout;
        aggregates.push(...m.aggregates);
        warnings.push(...m.warnings);
        models = m.models;
      }
      check.finish(file, percent);
      const r: ScoreFileResult = { layout: layout ?? 'long', aggregates, warnings };
      if (models !== undefined) r.models = models;
      return r;
    },
    handler: {
      onHeader(header) {
        layout = detectScoreLayout(header);
        if (layout === 'long') inner = longHandler(collector, file, percent, check);
        else if (layout === 'aggregate') inner = aggregate = aggregateHandler(file, percent, aggregates, check);
        else if (layout === 'wide-aggregate') inner = byModel = modelRowsHandler(file, percent, options.allowModelsTable ?? false, check, readScoreCell);
        else {
          const t = trialsFile();
          const table = t === undefined ? null : readTrialsTable(t, options);
          inner = wideHandler(collector, file, options.benchmark ?? benchmarkFromFileName(file), percent, table, check);
        }
        if (selectsRows(options.selection)) inner = selectingHandler(inner, options.selection, latest(), options.selectionUse);
        inner.onHeader?.(header);
      },
      onRow(row) {
        inner!.onRow(row);
      },
    },
  };
}

/**
 * Reads one score file (any layout) into `collector` (per-item rows) or the returned aggregates.
 *
 * @throws InputError on any problem, located at file, line and column; `looks-like-fractions`, naming
 *   the file, when `percent` is set but its scores are all fractions in [0, 1].
 */
export function readScoreFile(path: string, collector: ItemScoreCollector, options: ScoreFileOptions = {}): ScoreFileResult {
  const stepLatest = options.selection?.stepLatest === true;
  const r = layoutRouter(
    path,
    collector,
    options,
    () => options.trialsFile ?? trialsCompanionOf(path),
    () => (stepLatest ? latestSteps(path, options.selection!, options.format) : null),
  );
  readTableFile(path, r.handler, { format: options.format, onProgress: options.onProgress });
  return r.result();
}

/** Reads score rows held in a string; `file` labels errors and names a wide file's benchmark. */
export function parseScoreText(text: string, file: string, collector: ItemScoreCollector, options: ScoreFileOptions = {}): ScoreFileResult {
  const format = options.format ?? tableFormatOf(file) ?? 'csv';
  const stepLatest = options.selection?.stepLatest === true;
  const r = layoutRouter(file, collector, options, () => options.trialsFile, () => (stepLatest ? latestStepsOfText(text, file, format, options.selection!) : null));
  readTableText(text, file, format, r.handler);
  return r.result();
}
