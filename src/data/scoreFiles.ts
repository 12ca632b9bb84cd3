/**
 * Reading score files in the three table layouts scalecast accepts, told apart by their header:
 *
 * - **long** per-item: `model,benchmark,item,score[,trials]` — one row per (model, item).
 * - **wide** per-item: an `item` (or `example_id`) column plus one column per model; one benchmark per
 *   file, named by the file (`gsm8k.pass1.csv` → `gsm8k`) or by an option. An optional companion file
 *   `<stem>.count.csv` of the same shape gives trial counts (the layout of the all-the-noises matrices).
 * - **aggregate**: `model,benchmark[,score]` plus loss-like numeric columns (`loss`, `bpb`, …).
 *
 * Scores are fractions in [0, 1]. A file of percentages is rejected with a hint, unless `percent`
 * is set, in which case values in [0, 100] are divided by 100.
 */
import { basename, dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { cellError, cellText, findColumn, readNumberCell, requireColumn } from './cells.js';
import { InputError, type DataWarning } from './inputError.js';
import type { ItemScoreCollector } from './itemScoreCollector.js';
import { parseDecimal } from './quantity.js';
import { checkScoreValue } from './scoreValue.js';
import { readTableFile, readTableText, tableFormatOf, type TableFormat, type TableHandler, type TableRow } from './tableReader.js';
import type { AggregateScore } from './types.js';

/** Column names recognised in score files, first one canonical. */
export const SCORE_COLUMNS = {
  model: ['model', 'model_name'],
  benchmark: ['benchmark', 'task', 'dataset'],
  item: ['item', 'example_id', 'item_id', 'doc_id'],
  score: ['score', 'pass1', 'pass_rate', 'correct'],
  trials: ['trials', 'count', 'n_samples', 'k'],
} as const;

/** Which layout a score table uses. */
export type ScoreLayout = 'long' | 'wide' | 'aggregate';

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
  /** Progress callback for large files (bytes read, total bytes). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** What one score file contributed besides the per-item scores added to the collector. */
export interface ScoreFileResult {
  layout: ScoreLayout;
  aggregates: AggregateScore[];
  warnings: DataWarning[];
}

/**
 * The layout a header implies, or an error explaining the three layouts.
 */
export function detectScoreLayout(header: readonly string[], file: string): ScoreLayout {
  const has = (names: readonly string[]) => findColumn(header, names) >= 0;
  const item = has(SCORE_COLUMNS.item);
  const model = has(SCORE_COLUMNS.model);
  if (item && model) return 'long';
  if (item && !model && !has(SCORE_COLUMNS.benchmark)) return 'wide';
  if (model && has(SCORE_COLUMNS.benchmark)) return 'aggregate';
  throw new InputError({
    code: 'missing-column',
    file,
    line: 1,
    column: 1,
    message: 'cannot tell which kind of score table this is',
    expected:
      'a header of model,benchmark,item,score[,trials] (per item), item + one column per model (wide), or model,benchmark,score (aggregate)',
    found: header.join(','),
  });
}

/**
 * The benchmark a wide file holds, from its name: the file name without its extension and without
 * a trailing `.pass1`, `.scores` or `.items` part. `CRUXEval-input-T0.8.pass1.csv` → `CRUXEval-input-T0.8`.
 */
export function benchmarkFromFileName(path: string): string {
  const stem = basename(path, extname(path));
  return stem.replace(/\.(pass1|scores|items|acc)$/i, '');
}

/** The `<stem>.count.<ext>` companion of a wide `<stem>.pass1.<ext>` file, if it exists. */
export function trialsCompanionOf(path: string): string | undefined {
  const ext = extname(path);
  const stem = basename(path, ext);
  const base = stem.replace(/\.(pass1|scores|items|acc)$/i, '');
  const candidate = join(dirname(path), `${base}.count${ext}`);
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
  return checkScore(v, row, j, percent, what);
}

function checkScore(v: number, row: TableRow, j: number, percent: boolean, what: string): number {
  const text = cellText(row.values[j]) ?? String(v);
  return checkScoreValue(v, percent, what, { file: row.file, line: row.line, column: row.column(j) }, text);
}

/** Reads a positive whole trial count; `undefined` when empty. */
function readTrials(row: TableRow, j: number): number | undefined {
  const raw = row.values[j];
  if (typeof raw === 'string' && raw.length > 0 && raw.length < 10) {
    // Fast path for plain digits ("4", "100"); anything else takes the checked route below.
    let v = 0;
    let k = 0;
    for (; k < raw.length; k++) {
      const c = raw.charCodeAt(k) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (k === raw.length && v >= 1) return v;
  }
  return readNumberCell(row, j, { name: 'trials', min: 1, integer: true, expected: 'a whole number of samples ≥ 1' });
}

/** Handler for long per-item rows. */
function longHandler(collector: ItemScoreCollector, file: string, percent: boolean): TableHandler {
  let cols: { model: number; benchmark: number; item: number; score: number; trials: number } | null = null;
  let headerLen = -1;
  const src = collector.sourceId(file);
  // Cache the last benchmark and model: long files are usually sorted by one of them.
  let lastBench = '';
  let lastBenchId = -1;
  let lastModel = '';
  let lastModelId = -1;
  const jsonLines = tableFormatOf(file) === 'jsonl';
  return {
    onRow(row) {
      if (cols === null || row.header.length !== headerLen) {
        const h = row.header;
        cols = {
          model: requireColumn(h, SCORE_COLUMNS.model, file, 'a per-item score file', jsonLines),
          benchmark: requireColumn(h, SCORE_COLUMNS.benchmark, file, 'a per-item score file', jsonLines),
          item: requireColumn(h, SCORE_COLUMNS.item, file, 'a per-item score file', jsonLines),
          score: requireColumn(h, SCORE_COLUMNS.score, file, 'a per-item score file', jsonLines),
          trials: findColumn(h, SCORE_COLUMNS.trials),
        };
        headerLen = h.length;
      }
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

/** Reads a wide trial-count companion into item → counts per model column. */
function readTrialsTable(path: string, options: ScoreFileOptions): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  let itemCol = -1;
  const handler: TableHandler = {
    onHeader(header) {
      itemCol = requireColumn(header, SCORE_COLUMNS.item, path, 'a trial-count file');
    },
    onRow(row) {
      const item = cellText(row.values[itemCol]);
      if (item === undefined) throw cellError(row, itemCol, 'missing-value', 'item is empty', 'an item id');
      const counts = new Map<string, number>();
      for (let j = 0; j < row.header.length; j++) {
        if (j === itemCol) continue;
        const t = readTrials(row, j);
        if (t !== undefined) counts.set(row.header[j]!, t);
      }
      out.set(item, counts);
    },
  };
  readTableFile(path, handler, { format: options.format });
  return out;
}

/** Handler for a wide per-item file: item column + one column per model. */
function wideHandler(
  collector: ItemScoreCollector,
  file: string,
  benchmark: string,
  percent: boolean,
  trials: Map<string, Map<string, number>> | null,
  trialsFile: string | undefined,
): TableHandler {
  let itemCol = -1;
  let modelIds: number[] = [];
  let headerLen = -1;
  const bench = collector.benchmarkId(benchmark);
  const src = collector.sourceId(file);
  return {
    onRow(row) {
      if (row.header.length !== headerLen) {
        itemCol = requireColumn(row.header, SCORE_COLUMNS.item, file, 'a wide score file');
        modelIds = row.header.map((h, j) => (j === itemCol ? -1 : collector.modelId(h)));
        headerLen = row.header.length;
      }
      const item = cellText(row.values[itemCol]);
      if (item === undefined) throw cellError(row, itemCol, 'missing-value', 'item is empty', 'an item id');
      const itemId = collector.itemId(bench, item);
      const counts = trials?.get(item);
      for (let j = 0; j < row.values.length; j++) {
        if (j === itemCol) continue;
        const s = readScoreCell(row, j, percent, `score of ${row.header[j]}`);
        if (s === undefined) continue; // no result for this model: a coverage gap
        let k = 0;
        if (trials !== null) {
          const c = counts?.get(row.header[j]!);
          if (c === undefined) {
            throw new InputError({
              code: 'missing-value',
              file: trialsFile ?? file,
              message: `no trial count for model "${row.header[j]}" on item "${item}" (scored at ${file}:${row.line})`,
              expected: 'a count for every scored cell',
            });
          }
          k = c;
        }
        collector.addById(bench, itemId, modelIds[j]!, s, k, src, row.line);
      }
    },
  };
}

/** Handler for aggregate rows. */
function aggregateHandler(file: string, percent: boolean, out: AggregateScore[]): TableHandler {
  let cols: { model: number; benchmark: number; score: number } | null = null;
  let headerLen = -1;
  const seen = new Map<string, number>();
  const jsonLines = tableFormatOf(file) === 'jsonl';
  return {
    onRow(row) {
      if (cols === null || row.header.length !== headerLen) {
        const h = row.header;
        cols = {
          model: requireColumn(h, SCORE_COLUMNS.model, file, 'an aggregate score file', jsonLines),
          benchmark: requireColumn(h, SCORE_COLUMNS.benchmark, file, 'an aggregate score file', jsonLines),
          score: findColumn(h, ['score', 'accuracy', 'acc']),
        };
        headerLen = h.length;
      }
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
        // Text columns (family, notes) are not metrics; a number-like cell that is broken is an error.
        if (typeof raw === 'string' && !/^\s*[-+.\d]/.test(raw) && !/^\s*[-+]?(nan|inf)/i.test(raw)) continue;
        const v = readNumberCell(row, j, { name: row.header[j]!, expected: 'a finite number' });
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
  aggregates: AggregateScore[],
  trialsOf: () => { table: Map<string, Map<string, number>> | null; file: string | undefined },
): { handler: TableHandler; layout: () => ScoreLayout } {
  let layout: ScoreLayout | null = null;
  let inner: TableHandler | null = null;
  const percent = options.percent ?? false;
  return {
    layout: () => layout ?? 'long',
    handler: {
      onHeader(header) {
        layout = detectScoreLayout(header, file);
        if (layout === 'long') inner = longHandler(collector, file, percent);
        else if (layout === 'aggregate') inner = aggregateHandler(file, percent, aggregates);
        else {
          const t = trialsOf();
          inner = wideHandler(collector, file, options.benchmark ?? benchmarkFromFileName(file), percent, t.table, t.file);
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
  const aggregates: AggregateScore[] = [];
  const trialsOf = () => {
    const f = options.trialsFile ?? trialsCompanionOf(path);
    return { table: f === undefined ? null : readTrialsTable(f, options), file: f };
  };
  const r = layoutRouter(path, collector, options, aggregates, trialsOf);
  readTableFile(path, r.handler, { format: options.format, onProgress: options.onProgress });
  return { layout: r.layout(), aggregates, warnings: [] };
}

/** Reads score rows held in a string; `file` labels errors and names a wide file's benchmark. */
export function parseScoreText(
  text: string,
  file: string,
  collector: ItemScoreCollector,
  options: ScoreFileOptions = {},
): ScoreFileResult {
  const aggregates: AggregateScore[] = [];
  const format = options.format ?? tableFormatOf(file) ?? 'csv';
  const r = layoutRouter(file, collector, options, aggregates, () => ({ table: null, file: undefined }));
  readTableText(text, file, format, r.handler);
  return { layout: r.layout(), aggregates, warnings: [] };
}
