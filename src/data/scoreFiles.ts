/**
 * Reading score files in the three table layouts scalecast accepts, told apart by their header:
 *
 * - **long** per-item: `model,benchmark,item,score[,trials]` — one row per (model, item).
 * - **wide** per-item: an `item` (or `example_id`) column plus one column per model; one benchmark per
 *   file, named by the file (`gsm8k.pass1.csv` → `gsm8k`) or by an option. An optional companion file
 *   `<stem>.count.csv` of the same shape gives trial counts (the layout of the all-the-noises matrices).
 * - **aggregate**: `model,benchmark[,score]` plus loss-like numeric columns (`loss`, `bpb`, …).
 *
 * When asked to (in a folder), a table with a `model` column but neither `benchmark` nor `item` is
 * read as a models table instead.
 *
 * Scores are fractions in [0, 1]. A file of percentages is rejected with a hint, unless `percent`
 * is set, in which case values in [0, 100] are divided by 100.
 */
import { basename, dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { cellError, cellText, columnResolver, findColumn, headerText, isNumberLike, readNumberCell, requireColumn } from '../io/cells.js';
import { InputError } from '../io/inputError.js';
import type { ItemScoreCollector } from './itemScoreCollector.js';
import { ModelsTableBuilder, type ParsedModelsTable } from './modelsTable.js';
import { parseDecimal } from '../io/quantity.js';
import { checkScoreValue } from './scoreValue.js';
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

/** The largest trial count accepted: more samples than any evaluation draws. */
export const MAX_TRIALS = 1e9;

/** Which layout a table uses: one of the three score layouts, or a models table (only where allowed). */
export type ScoreLayout = 'long' | 'wide' | 'aggregate' | 'models';

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
}

/** What one score file contributed besides the per-item scores added to the collector. */
export interface ScoreFileResult {
  layout: ScoreLayout;
  aggregates: AggregateScore[];
  /** The models table, when the layout is `models`. */
  models?: ParsedModelsTable;
}

/**
 * The layout a header implies, or an error explaining the three layouts.
 *
 * @param allowModels a header with `model` but neither `benchmark` nor `item` is a models table
 */
export function detectScoreLayout(h: TableHeader, allowModels = false): ScoreLayout {
  const has = (names: readonly string[]) => findColumn(h.header, names) >= 0;
  const item = has(SCORE_COLUMNS.item);
  const model = has(SCORE_COLUMNS.model);
  const benchmark = has(SCORE_COLUMNS.benchmark);
  if (item && model) return 'long';
  if (item && !model && !benchmark) return 'wide';
  if (model && benchmark) return 'aggregate';
  if (allowModels && model) return 'models';
  throw new InputError({
    code: 'missing-column',
    file: h.file,
    line: h.headerLine,
    column: 1,
    message: 'cannot tell which kind of score table this is',
    expected:
      'a header of model,benchmark,item,score[,trials] (per item), item + one column per model (wide), or model,benchmark,score (aggregate)',
    found: headerText(h),
    hint: model ? 'a models table (model, params, …) goes after --models' : undefined,
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

/** Reads a score value (checked range, percent handling). Shared by all layouts. */
export function readScoreCell(row: TableRow, j: number, percent: boolean, what = 'score'): number | undefined {
  const raw = row.values[j];
  let v: number | undefined;
  if (typeof raw === 'string') {
    v = parseDecimal(raw);
    if (v === undefined) {
      if (raw.trim() === '') return undefined;
      v = readNumberCell(row, j, { name: what, expected: percent ? 'a number in [0, 100]' : 'a number in [0, 1]' });
    }
  } else {
    v = readNumberCell(row, j, { name: what, expected: percent ? 'a number in [0, 100]' : 'a number in [0, 1]' });
  }
  if (v === undefined) return undefined;
  const text = cellText(raw) ?? String(v);
  return checkScoreValue(v, percent, what, { file: row.file, line: row.lineOf(j), column: row.column(j) }, text);
}

/** Reads a whole trial count in [1, {@link MAX_TRIALS}]; `undefined` when empty. */
function readTrials(row: TableRow, j: number): number | undefined {
  const raw = row.values[j];
  if (typeof raw === 'string' && raw.length > 0 && raw.length < 10) {
    // Fast path for plain digits ("4", "100"); at most 9 digits, so below MAX_TRIALS.
    let v = 0;
    let k = 0;
    for (; k < raw.length; k++) {
      const c = raw.charCodeAt(k) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (k === raw.length && v >= 1) return v;
  }
  return readNumberCell(row, j, { name: 'trials', min: 1, max: MAX_TRIALS, integer: true, expected: 'a whole number of samples in [1, 1e9]' });
}

const LONG_COLUMNS = {
  model: { names: SCORE_COLUMNS.model, required: true },
  benchmark: { names: SCORE_COLUMNS.benchmark, required: true },
  item: { names: SCORE_COLUMNS.item, required: true },
  score: { names: SCORE_COLUMNS.score, required: true },
  trials: { names: SCORE_COLUMNS.trials },
};

/** Handler for long per-item rows. */
function longHandler(collector: ItemScoreCollector, file: string, percent: boolean): TableHandler {
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
      const score = readScoreCell(row, cols.score, percent);
      if (score === undefined) throw cellError(row, cols.score, 'missing-value', 'score is empty', 'a number in [0, 1]');
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

/** A wide trial-count file: its rows by item, kept as read, and each model's column. */
interface TrialsTable {
  file: string;
  header: TableHeader | null;
  columnOf: Map<string, number>;
  rows: Map<string, TableRow>;
}

/** Reads a wide trial-count companion. Its cells are checked only where the score file has a score. */
function readTrialsTable(path: string, options: ScoreFileOptions): TrialsTable {
  const out: TrialsTable = { file: path, header: null, columnOf: new Map(), rows: new Map() };
  let itemCol = -1;
  const handler: TableHandler = {
    onRow(row) {
      if (out.header === null) {
        itemCol = requireColumn(row, SCORE_COLUMNS.item, 'a trial-count file');
        out.header = { file: row.file, format: row.format, header: row.header, headerLine: row.headerLine };
        row.header.forEach((h, j) => j !== itemCol && out.columnOf.set(h, j));
      }
      const item = cellText(row.values[itemCol]);
      if (item === undefined) throw cellError(row, itemCol, 'missing-value', 'item is empty', 'an item id');
      out.rows.set(item, snapshotRow(row));
    },
  };
  readTableFile(path, handler, { format: options.format });
  return out;
}

/** The trial count of a scored cell, read from the count file; errors point into the count file. */
function trialCount(t: TrialsTable, item: string, model: string, scoredAt: string): number {
  const j = t.columnOf.get(model);
  if (j === undefined) {
    throw new InputError({
      code: 'missing-column',
      file: t.file,
      line: t.header?.headerLine,
      column: 1,
      message: `the trial-count file has no column for model "${model}", which has scores (e.g. at ${scoredAt})`,
      expected: 'a column for every model of the score file',
    });
  }
  const row = t.rows.get(item);
  if (row === undefined) {
    throw new InputError({
      code: 'missing-value',
      file: t.file,
      message: `the trial-count file has no row for item "${item}", which has scores (e.g. at ${scoredAt})`,
      expected: 'a row for every scored item',
    });
  }
  const k = readTrials(row, j);
  if (k === undefined) {
    throw cellError(row, j, 'missing-value', `no trial count for model "${model}" on item "${item}" (scored at ${scoredAt})`, 'a count for every scored cell');
  }
  return k;
}

/** Handler for a wide per-item file: item column + one column per model. */
function wideHandler(collector: ItemScoreCollector, file: string, benchmark: string, percent: boolean, trials: TrialsTable | null): TableHandler {
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
        const s = readScoreCell(row, j, percent, `score of ${row.header[j]}`);
        if (s === undefined) continue; // no result for this model: a coverage gap
        const k = trials === null ? 0 : trialCount(trials, item, row.header[j]!, `${file}:${row.lineOf(j)}`);
        collector.addById(bench, itemId, modelIds[j]!, s, k, src, row.line);
      }
    },
  };
}

/**
 * Handler for aggregate rows. Besides `model`, `benchmark` and the score, a column whose first
 * non-empty cell is a number is a metric column (`loss`, `bpb`); any other column (dates, notes,
 * revisions) is text and skipped. A later cell of a metric column that is not a number is an error.
 */
function aggregateHandler(file: string, percent: boolean, out: AggregateScore[]): TableHandler {
  const columns = columnResolver(
    {
      model: { names: SCORE_COLUMNS.model, required: true },
      benchmark: { names: SCORE_COLUMNS.benchmark, required: true },
      score: { names: SCORE_COLUMNS.score },
    },
    'an aggregate score file',
  );
  /** Per column: the line of its first non-empty cell, negated for a text column; 0 while unknown. */
  const firstValue: number[] = [];
  const seen = new Map<string, number>();
  return {
    onRow(row) {
      const cols = columns(row);
      const model = cellText(row.values[cols.model]);
      const benchmark = cellText(row.values[cols.benchmark]);
      if (model === undefined) throw cellError(row, cols.model, 'missing-value', 'model is empty', 'a model name');
      if (benchmark === undefined) throw cellError(row, cols.benchmark, 'missing-value', 'benchmark is empty', 'a benchmark name');
      const key = `${model}\u0000${benchmark}`;
      const first = seen.get(key);
      if (first !== undefined) {
        throw cellError(row, cols.benchmark, 'duplicate', `model "${model}" has a second row for benchmark "${benchmark}" (the first is on line ${first})`, 'one row per (model, benchmark)');
      }
      seen.set(key, row.line);
      const rec: AggregateScore = { model, benchmark, metrics: {}, source: file, line: row.line };
      if (cols.score >= 0) {
        const s = readScoreCell(row, cols.score, percent);
        if (s !== undefined) rec.score = s;
      }
      for (let j = 0; j < row.header.length; j++) {
        if (j === cols.model || j === cols.benchmark || j === cols.score) continue;
        const raw = row.values[j];
        if (cellText(raw) === undefined) continue;
        const kind = (firstValue[j] ??= isNumberLike(raw) ? row.lineOf(j) : -row.lineOf(j));
        if (kind < 0) continue; // a text column
        const v = readNumberCell(row, j, { name: row.header[j]!, expected: `a number, as in this column's first value (line ${kind})` });
        if (v !== undefined) rec.metrics[row.header[j]!] = v;
      }
      if (rec.score === undefined && Object.keys(rec.metrics).length === 0) {
        throw cellError(row, cols.benchmark, 'missing-value', 'row has neither a score nor a numeric metric such as loss', 'a score or a loss-like column');
      }
      out.push(rec);
    },
  };
}

/** Routes rows to the handler of the layout the header implies. */
function layoutRouter(
  file: string,
  collector: ItemScoreCollector,
  options: ScoreFileOptions,
  trialsFile: () => string | undefined,
): { handler: TableHandler; result: () => ScoreFileResult } {
  let layout: ScoreLayout | null = null;
  let inner: TableHandler | null = null;
  let models: ModelsTableBuilder | null = null;
  const aggregates: AggregateScore[] = [];
  const percent = options.percent ?? false;
  return {
    result: () => {
      const r: ScoreFileResult = { layout: layout ?? 'long', aggregates };
      if (models !== null) r.models = models.result(file);
      return r;
    },
    handler: {
      onHeader(header) {
        layout = detectScoreLayout(header, options.allowModelsTable ?? false);
        if (layout === 'long') inner = longHandler(collector, file, percent);
        else if (layout === 'aggregate') inner = aggregateHandler(file, percent, aggregates);
        else if (layout === 'models') {
          const b = (models = new ModelsTableBuilder());
          inner = { onRow: (row) => b.row(row) };
        } else {
          const t = trialsFile();
          const table = t === undefined ? null : readTrialsTable(t, options);
          inner = wideHandler(collector, file, options.benchmark ?? benchmarkFromFileName(file), percent, table);
        }
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
 * @throws InputError on any problem, located at file, line and column.
 */
export function readScoreFile(path: string, collector: ItemScoreCollector, options: ScoreFileOptions = {}): ScoreFileResult {
  const r = layoutRouter(path, collector, options, () => options.trialsFile ?? trialsCompanionOf(path));
  readTableFile(path, r.handler, { format: options.format, onProgress: options.onProgress });
  return r.result();
}

/** Reads score rows held in a string; `file` labels errors and names a wide file's benchmark. */
export function parseScoreText(text: string, file: string, collector: ItemScoreCollector, options: ScoreFileOptions = {}): ScoreFileResult {
  const format = options.format ?? tableFormatOf(file) ?? 'csv';
  const r = layoutRouter(file, collector, options, () => options.trialsFile);
  readTableText(text, file, format, r.handler);
  return r.result();
}
