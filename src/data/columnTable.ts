/**
 * Aggregate scores from a table whose columns are named by the user rather than by scalecast's
 * layouts: a tidy table with more keys than (model, benchmark) — select rows with `where`, as in
 * `pythia_v1_evals.csv` (model, step, num_fewshot, task) — or a wide table with one column per
 * benchmark, as ObsScaling and most papers' tables are. Model sizes may sit in the same table (with
 * units: `Model Size (B)` × 1e9) or in another one. Benchmarks that are groups of subtasks (MMLU's
 * 57 `hendrycksTest-*` subjects) can be combined into the mean over their subtasks.
 *
 * @example
 * readColumnTable({ format: 'table', path: 'base_llm_benchmark_eval.csv', model: 'Model',
 *   benchmarks: { MMLU: 'MMLU', 'ARC-C': 'ARC-C' }, family: { column: 'Model Family', scale: 1 },
 *   params: { column: 'Model Size (B)', scale: 1e9 }, benchmarkSuffix: '', where: {}, combine: {}, percent: false,
 *   guess: {}, ceiling: {} })
 * // => a Dataset with one aggregate row per (model, benchmark) and a models table
 */
import { cellError, cellLocation, cellText, readNumberCell, requireColumn } from '../io/cells.js';
import type { ColumnRef, ModelColumns, TableSource } from './corpusManifest.js';
import { InputError } from '../io/inputError.js';
import { estimateCompute } from './modelsTable.js';
import { checkScoreValue, PercentFileCheck } from './scoreValue.js';
import { readTableFile, type TableRow } from '../io/tableReader.js';
import type { AggregateScore, Dataset, ModelRecord } from './types.js';

/** Does the row pass every `where` condition? A number matches a cell holding the same number. */
function rowMatches(row: TableRow, where: readonly { j: number; values: (string | number)[] }[]): boolean {
  for (const w of where) {
    const text = cellText(row.values[w.j]);
    if (text === undefined) return false;
    const ok = w.values.some((v) => (typeof v === 'number' ? Number(text) === v : text === v));
    if (!ok) return false;
  }
  return true;
}

/** Resolves the `where` columns of a table at its header. */
function whereColumns(row: TableRow, where: Record<string, (string | number)[]>): { j: number; values: (string | number)[] }[] {
  return Object.entries(where).map(([column, values]) => ({ j: requireColumn(row, [column], 'this table (a "where" column)'), values }));
}

/** Reads the model description columns of one row into a record (first row of a model wins). */
function modelRecord(row: TableRow, name: string, cols: ModelColumns, idx: Partial<Record<keyof ModelColumns, number>>): ModelRecord {
  const num = (key: 'params' | 'tokens' | 'compute') => {
    const j = idx[key];
    if (j === undefined || j < 0) return undefined;
    const v = readNumberCell(row, j, { name: key, quantity: true, min: 0, exclusiveMin: true, expected: 'a positive number' });
    return v === undefined ? undefined : v * (cols[key] as ColumnRef).scale;
  };
  const rec: ModelRecord = { model: name, computeEstimated: false, extra: {}, source: row.file, line: row.line };
  const family = idx.family !== undefined && idx.family >= 0 ? cellText(row.values[idx.family]) : undefined;
  if (family !== undefined) rec.family = family;
  const params = num('params');
  const tokens = num('tokens');
  let compute = num('compute');
  if (params !== undefined) rec.params = params;
  if (tokens !== undefined) rec.tokens = tokens;
  if (compute === undefined && params !== undefined && tokens !== undefined) {
    compute = estimateCompute(params, tokens, { file: row.file, line: row.line });
    rec.computeEstimated = true;
  }
  if (compute !== undefined) rec.compute = compute;
  return rec;
}

/** Column indices of the model description columns that are given. */
function modelColumnIndices(row: TableRow, cols: ModelColumns): Partial<Record<keyof ModelColumns, number>> {
  const out: Partial<Record<keyof ModelColumns, number>> = {};
  for (const key of ['family', 'params', 'tokens', 'compute'] as const) {
    const c = cols[key];
    if (c !== undefined) out[key] = requireColumn(row, [c.column], `this table (the "${key}" column)`);
  }
  return out;
}

/**
 * Reads a {@link TableSource} into a {@link Dataset} of aggregate scores (and a models table when the
 * source describes the models).
 *
 * @throws InputError for a missing column, a score outside [0, 1], scores all within [0, 1] with
 *   `percent` (already fractions), a (model, benchmark) pair given
 *   twice by the rows the filters keep, or a models table that lacks a scored model's row
 */
export function readColumnTable(source: TableSource): Dataset {
  const aggregates: AggregateScore[] = [];
  const seen = new Map<string, number>();
  const models = new Map<string, ModelRecord>();
  const percentCheck = new PercentFileCheck();
  const describesModels = source.family !== undefined || source.params !== undefined || source.tokens !== undefined || source.compute !== undefined;
  let setup: null | {
    where: { j: number; values: (string | number)[] }[];
    model: number;
    benchmark: number;
    score: number;
    loss: number;
    wide: { name: string; j: number }[];
    modelCols: Partial<Record<keyof ModelColumns, number>>;
  } = null;
  readTableFile(source.path, {
    onRow(row) {
      if (setup === null) {
        const wide: { name: string; j: number }[] = [];
        if (source.benchmarks !== undefined) {
          for (const [name, column] of Object.entries(source.benchmarks)) wide.push({ name: name + source.benchmarkSuffix, j: requireColumn(row, [column], 'this table (a benchmark column)') });
        }
        if (source.benchmarkPrefix !== undefined) {
          const prefix = source.benchmarkPrefix;
          row.header.forEach((h, j) => {
            if (h.startsWith(prefix) && h.length > prefix.length) wide.push({ name: h.slice(prefix.length) + source.benchmarkSuffix, j });
          });
          if (wide.length === 0) throw new InputError({ code: 'missing-column', file: row.file, line: row.headerLine, column: 1, message: `no column starts with "${prefix}"`, expected: `benchmark columns named ${prefix}<benchmark>` });
        }
        setup = {
          where: whereColumns(row, source.where),
          model: requireColumn(row, [source.model], 'this table (the model column)'),
          benchmark: source.benchmark === undefined ? -1 : requireColumn(row, [source.benchmark], 'this table (the benchmark column)'),
          score: source.score === undefined ? -1 : requireColumn(row, [source.score], 'this table (the score column)'),
          loss: source.loss === undefined ? -1 : requireColumn(row, [source.loss], 'this table (the loss column)'),
          wide,
          modelCols: modelColumnIndices(row, source),
        };
      }
      const s = setup;
      if (!rowMatches(row, s.where)) return;
      const model = cellText(row.values[s.model]);
      if (model === undefined) throw cellError(row, s.model, 'missing-value', 'model name is empty', 'a model name');
      if (describesModels && !models.has(model)) models.set(model, modelRecord(row, model, source, s.modelCols));
      const loss = s.loss < 0 ? undefined : readNumberCell(row, s.loss, { name: source.loss!, min: 0, exclusiveMin: true, expected: 'a positive loss' });
      const add = (benchmark: string, j: number) => {
        const v = readNumberCell(row, j, { name: 'score', expected: source.percent ? 'a percentage in [0, 100]' : 'a number in [0, 1]' });
        if (v === undefined) return;
        const where = cellLocation(row, j);
        const score = checkScoreValue(v, source.percent, `score of ${model} on ${benchmark}`, where, cellText(row.values[j]));
        percentCheck.add(v, where);
        const key = `${model}\u0000${benchmark}`;
        const prev = seen.get(key);
        if (prev !== undefined) {
          throw cellError(row, j, 'duplicate', `${model} has a second score on ${benchmark} among the rows kept (the first is on line ${prev}); narrow the rows with "where"`, 'one row per (model, benchmark)');
        }
        seen.set(key, row.line);
        aggregates.push({ model, benchmark, score, metrics: loss === undefined ? {} : { loss }, source: row.file, line: row.line });
      };
      if (s.benchmark >= 0) {
        const name = cellText(row.values[s.benchmark]);
        if (name === undefined) throw cellError(row, s.benchmark, 'missing-value', 'benchmark name is empty', 'a benchmark name');
        add(name + source.benchmarkSuffix, s.score);
      } else {
        for (const w of s.wide) add(w.name, w.j);
      }
    },
  });
  if (setup === null) throw new InputError({ code: 'empty-file', file: source.path, message: 'the table has no rows', expected: 'a header and rows' });
  percentCheck.finish(source.path, source.percent, '"percent": true');
  const combined = combineSubtasks(aggregates, source.combine, source.path);
  if (source.models !== undefined) {
    const spec = source.models;
    let modelCol = -1;
    let cols: Partial<Record<keyof ModelColumns, number>> = {};
    readTableFile(spec.path, {
      onRow(row) {
        if (modelCol < 0) {
          modelCol = requireColumn(row, [spec.model], 'this models table (the model column)');
          cols = modelColumnIndices(row, spec);
        }
        const name = cellText(row.values[modelCol]);
        if (name !== undefined && !models.has(name)) models.set(name, modelRecord(row, name, spec, cols));
      },
    });
    const scored = [...new Set(combined.map((a) => a.model))];
    const missing = scored.filter((m) => !models.has(m));
    if (missing.length > 0) {
      throw new InputError({ code: 'unknown-model', file: spec.path, message: `the models table has no row for ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}, scored in ${source.path}`, expected: 'a row per scored model' });
    }
  }
  const table = models.size > 0 ? { models: [...models.values()], sources: [source.models?.path ?? source.path] } : null;
  return { models: table, itemScores: [], aggregates: combined, warnings: [] };
}

/**
 * Replaces each group's subtasks by their mean: for every `name → prefix`, the benchmarks whose names
 * start with `prefix` are averaged per model into `name`, for the models that have every one of them.
 *
 * @throws InputError when a group's prefix matches no benchmark
 */
export function combineSubtasks(rows: readonly AggregateScore[], combine: Record<string, string>, file: string): AggregateScore[] {
  let out = [...rows];
  for (const [name, prefix] of Object.entries(combine)) {
    const parts = out.filter((a) => a.benchmark.startsWith(prefix) && a.score !== undefined);
    const subtasks = new Set(parts.map((a) => a.benchmark));
    if (subtasks.size === 0) throw new InputError({ code: 'missing-value', file, message: `no benchmark starts with "${prefix}", so "${name}" cannot be combined`, expected: `subtasks named ${prefix}…` });
    const byModel = new Map<string, AggregateScore[]>();
    for (const a of parts) byModel.set(a.model, [...(byModel.get(a.model) ?? []), a]);
    out = out.filter((a) => !a.benchmark.startsWith(prefix));
    for (const [model, list] of byModel) {
      if (list.length !== subtasks.size) continue;
      const score = list.reduce((s, a) => s + a.score!, 0) / list.length;
      out.push({ model, benchmark: name, score, metrics: {}, source: list[0]!.source, line: 0 });
    }
  }
  return out;
}
