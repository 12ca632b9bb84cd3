/**
 * Selecting the rows of a score table before they are read as scores: `--where KEY=VALUE` filters
 * ({@link RowFilter}) and `--step latest`, which keeps each model's last checkpoint (its rows with the
 * largest `step` among the rows the filters keep). This is how a tidy table with more keys than
 * (model, benchmark) — Pythia's `model, step, num_fewshot, task` — becomes one row per (model,
 * benchmark): `--where num_fewshot=0 --step latest`.
 *
 * A filter applies to every score table that has its column; a filter whose column no score table
 * has is an error naming the columns they have ({@link checkSelectionUsed}), and so is `--step
 * latest` when no table has a `step` column (and a model column).
 */
import { cellText, findColumn } from '../io/cells.js';
import { InputError } from '../io/inputError.js';
import { readTableFile, readTableText, type TableFormat, type TableHandler, type TableHeader, type TableRow } from '../io/tableReader.js';
import { MODEL_COLUMNS } from './modelsTable.js';
import { cellPasses, filterText, type RowFilter } from './rowFilter.js';

/** Which rows of score tables to read. */
export interface RowSelection {
  /** Keep only rows passing every filter. */
  where: readonly RowFilter[];
  /** Keep each model's rows at its largest `step`. @default false */
  stepLatest?: boolean;
  /** Keep the rows at this step (`--step N`), in whichever step column the table has. */
  step?: number;
}

/** Is anything selected at all? */
export function selectsRows(s: RowSelection | undefined): s is RowSelection {
  return s !== undefined && (s.where.length > 0 || s.stepLatest === true || s.step !== undefined);
}

/** Column names of a model in score tables. */
const MODEL_NAMES = ['model', 'model_name'];

/** What the selection met in the tables read: for {@link checkSelectionUsed}. */
export interface SelectionUse {
  /** Columns of the score tables read, in order of first appearance. */
  columns: Set<string>;
  /** Filters (by index) some table had the column of. */
  applied: Set<number>;
  /** Whether some table had a step column. */
  stepped: boolean;
}

/** A fresh {@link SelectionUse}. */
export function newSelectionUse(): SelectionUse {
  return { columns: new Set(), applied: new Set(), stepped: false };
}

/** Adds what `from` met to `into`. */
export function mergeSelectionUse(into: SelectionUse, from: SelectionUse): void {
  for (const c of from.columns) into.columns.add(c);
  for (const k of from.applied) into.applied.add(k);
  into.stepped ||= from.stepped;
}

/** The filters' column indices at a header, -1 where the table lacks the column; records them in `use`. */
function filterColumns(h: TableHeader, where: readonly RowFilter[], use?: SelectionUse): number[] {
  for (const c of h.header) use?.columns.add(c);
  return where.map((f, k) => {
    const j = findColumn(h.header, [f.column]);
    if (j >= 0) use?.applied.add(k);
    return j;
  });
}

/**
 * Refuses a selection that selected nothing anywhere: a filter whose column no score table has, or
 * `--step latest` where no table has a step column.
 *
 * @param what names the inputs in the message, e.g. the score files given
 * @throws InputError `bad-option` naming the columns the tables have
 */
export function checkSelectionUsed(selection: RowSelection, use: SelectionUse, what: string): void {
  const columns = [...use.columns];
  const have = columns.length === 0 ? 'no score table was read (--where and --step select rows of score tables)' : `one of the score tables' columns: ${columns.join(', ')}`;
  selection.where.forEach((f, k) => {
    if (use.applied.has(k)) return;
    throw new InputError({ code: 'bad-option', file: what, message: `--where ${filterText(f)}: no score table has a column "${f.column}"`, expected: have });
  });
  if ((selection.stepLatest === true || selection.step !== undefined) && !use.stepped) {
    throw new InputError({ code: 'bad-option', file: what, message: `--step ${selection.step ?? 'latest'}: no score table has a step column (${MODEL_COLUMNS.step.join(', ')}) with a "model" column`, expected: have });
  }
}

/** Does the row pass every filter? */
function passes(row: TableRow, cols: readonly number[], where: readonly RowFilter[]): boolean {
  for (let k = 0; k < where.length; k++) if (cols[k]! >= 0 && !cellPasses(row, cols[k]!, where[k]!)) return false;
  return true;
}

/** The model and step columns of a table, or undefined when it has no step column. */
function stepColumns(h: TableHeader): { model: number; step: number } | undefined {
  const model = findColumn(h.header, MODEL_NAMES);
  const step = findColumn(h.header, MODEL_COLUMNS.step);
  return model >= 0 && step >= 0 ? { model, step } : undefined;
}

/** A row's step as a number (missing or not a number: undefined). */
function stepOf(row: TableRow, j: number): number | undefined {
  const raw = row.values[j];
  if (typeof raw === 'number') return raw;
  const t = cellText(raw);
  if (t === undefined) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** A handler that finds each model's largest step among the rows passing the filters. */
function latestStepHandler(selection: RowSelection): { handler: TableHandler; result: () => Map<string, number> | null } {
  let cols: number[] = [];
  let sc: { model: number; step: number } | undefined;
  let header: readonly string[] | null = null;
  const latest = new Map<string, number>();
  const handler: TableHandler = {
    onRow(row) {
      if (row.header !== header) {
        header = row.header;
        cols = filterColumns(row, selection.where);
        sc = stepColumns(row);
      }
      if (sc === undefined || !passes(row, cols, selection.where)) return;
      const model = cellText(row.values[sc.model]);
      const step = stepOf(row, sc.step);
      if (model === undefined || step === undefined) return;
      const prev = latest.get(model);
      if (prev === undefined || step > prev) latest.set(model, step);
    },
  };
  return { handler, result: () => (sc === undefined ? null : latest) };
}

/**
 * Each model's largest step among the rows of `path` that pass the filters (a first pass over the
 * file); `null` when the table has no step column.
 */
export function latestSteps(path: string, selection: RowSelection, format?: TableFormat): Map<string, number> | null {
  const h = latestStepHandler(selection);
  readTableFile(path, h.handler, { format });
  return h.result();
}

/** {@link latestSteps} of a table held in a string. */
export function latestStepsOfText(text: string, file: string, format: TableFormat, selection: RowSelection): Map<string, number> | null {
  const h = latestStepHandler(selection);
  readTableText(text, file, format, h.handler);
  return h.result();
}

/**
 * Wraps `inner` so that it sees only the selected rows. `latest` (from {@link latestSteps}) keeps
 * each model's rows at its largest step.
 */
export function selectingHandler(inner: TableHandler, selection: RowSelection, latest: Map<string, number> | null, use?: SelectionUse): TableHandler {
  let cols: number[] = [];
  let sc: { model: number; step: number } | undefined;
  let header: readonly string[] | null = null;
  let length = -1;
  const resolve = (h: TableHeader) => {
    if (h.header === header && h.header.length === length) return;
    header = h.header;
    length = h.header.length;
    cols = filterColumns(h, selection.where, use);
    sc = latest === null && selection.step === undefined ? undefined : stepColumns(h);
    if (sc !== undefined && use !== undefined) use.stepped = true;
  };
  return {
    onHeader(h) {
      resolve(h);
      inner.onHeader?.(h);
    },
    onRow(row) {
      resolve(row);
      if (!passes(row, cols, selection.where)) return;
      if (sc !== undefined) {
        const model = cellText(row.values[sc.model]);
        const step = stepOf(row, sc.step);
        if (model === undefined || step === undefined) return;
        if (latest !== null && latest.get(model) !== step) return;
        if (selection.step !== undefined && step !== selection.step) return;
      }
      inner.onRow(row);
    },
  };
}
