/**
 * Reading a table of one row per model: a **wide aggregate** table (one column per benchmark, as
 * ObsScaling, the Open LLM Leaderboard exports and most papers' tables are), or a models table.
 *
 * Columns are told apart by name, then by content:
 * - model description columns, by name (see {@link modelColumnsOf}): `family`, `params`, `tokens`,
 *   `compute`, `step`, `release_date` and their spellings with units (`Model Size (B)`,
 *   `Pretraining Data Size (T)`, `FLOPs (1E21)`). They make the table's models table.
 * - benchmark columns: every other column whose cells are all numbers (or missing), not all whole
 *   numbers, and within [0, 1] (within [0, 100] with `percent`, or where the unit row says `%`).
 * - other columns of numbers not all whole (a BLEU column on a 0–100 scale among fractions, a
 *   signed difference) are left out with a `skipped-column` warning naming them; columns of text or
 *   of whole numbers (`deduped`, `final_step`, a Hugging Face repo) are model attributes.
 *
 * A first row whose model cell is `metric` or `unit` describes the columns: a cell `%` or `percent`
 * marks a column of percentages; the row is not a model.
 *
 * A table with no benchmark column is a models table where one is allowed (a table found in a
 * folder), else an error saying what the table lacks.
 */
import { cellError, cellText, findColumn, headerText, isMissingCell, isNumberLike } from '../io/cells.js';
import { InputError, type DataWarning } from '../io/inputError.js';
import { parseDecimal } from '../io/quantity.js';
import { snapshotRow, type TableHandler, type TableRow } from '../io/tableReader.js';
import { ModelsTableBuilder, modelColumnsOf, type ParsedModelsTable } from './modelsTable.js';
import { PercentFileCheck } from './scoreValue.js';
import type { AggregateScore } from './types.js';

/** Model cells that mark the row describing the columns. */
const DESCRIPTION_ROW = new Set(['metric', 'metrics', 'unit', 'units']);
/** Unit cells that mark a column of percentages. */
const PERCENT_UNITS = new Set(['%', 'percent', 'pct']);
/** How many columns a warning names before "and N more". */
const NAMED = 6;

/** What a one-row-per-model table turned out to be. */
export interface ModelRowsResult {
  layout: 'wide-aggregate' | 'models';
  aggregates: AggregateScore[];
  /** The models table its description columns make (or the whole table, for layout `models`). */
  models?: ParsedModelsTable;
  warnings: DataWarning[];
}

/** A handler that keeps the rows, and decides what the table is after the last. */
export interface ModelRowsHandler extends TableHandler {
  /** @throws InputError for a bad cell, a model given twice, or a table with no benchmark column where a models table is not allowed */
  finish(): ModelRowsResult;
}

/** How a candidate column's cells read. */
interface ColumnKind {
  numbers: number;
  texts: number;
  fractional: boolean;
  /** The first value outside the score range, with its line. */
  outside?: { text: string; line: number };
}

/**
 * @param readScore reads one score cell (range check, percent handling) as every score reader does
 * @param allowModels read a table without benchmark columns as a models table
 */
export function modelRowsHandler(
  file: string,
  percent: boolean,
  allowModels: boolean,
  check: PercentFileCheck,
  readScore: (row: TableRow, j: number, percent: boolean, what: string, check?: PercentFileCheck) => number | undefined,
): ModelRowsHandler {
  const rows: TableRow[] = [];
  let unitRow: TableRow | undefined;
  return {
    onRow(row) {
      const modelCol = findColumn(row.header, ['model', 'model_name']);
      const name = cellText(row.values[modelCol])?.toLowerCase();
      if (rows.length === 0 && unitRow === undefined && name !== undefined && DESCRIPTION_ROW.has(name)) {
        unitRow = snapshotRow(row);
        return;
      }
      rows.push(snapshotRow(row));
    },
    finish() {
      if (rows.length === 0) throw new InputError({ code: 'empty-file', file, message: 'the table has a header but no model rows' });
      const header = rows[0]!.header;
      const modelCol = findColumn(header, ['model', 'model_name']);
      const index = modelColumnsOf(header);
      const described = Object.entries(index.at).some(([key, j]) => key !== 'model' && j >= 0);
      const meta = new Set<number>([modelCol, ...Object.values(index.at).filter((j) => j >= 0)]);
      const percentCol = (j: number) => percent || PERCENT_UNITS.has(cellText(unitRow?.values[j])?.toLowerCase() ?? '');
      const benchmarks: number[] = [];
      const skipped: { name: string; outside: { text: string; line: number } }[] = [];
      for (let j = 0; j < header.length; j++) {
        if (meta.has(j)) continue;
        const kind = columnKind(rows, j, percentCol(j) ? 100 : 1);
        if (kind.texts > 0 || kind.numbers === 0 || !kind.fractional) continue;
        if (kind.outside !== undefined) skipped.push({ name: header[j]!, outside: kind.outside });
        else benchmarks.push(j);
      }
      const warnings: DataWarning[] = [];
      if (skipped.length > 0) {
        const named = skipped.slice(0, NAMED).map((s) => `"${s.name}" (e.g. ${s.outside.text} on line ${s.outside.line})`).join(', ');
        const more = skipped.length > NAMED ? ` and ${skipped.length - NAMED} more` : '';
        warnings.push({
          code: 'skipped-column',
          file,
          line: skipped[0]!.outside.line,
          message: `left out ${skipped.length} column${skipped.length === 1 ? '' : 's'} of numbers outside ${percent ? '[0, 100]' : '[0, 1]'}, not read as scores: ${named}${more}${percent ? '' : '; if they are percentages, pass --percent or mark them % in a unit row'}`,
        });
      }
      if (benchmarks.length === 0) {
        if (!allowModels) {
          throw new InputError({
            code: 'missing-column',
            file,
            line: rows[0]!.headerLine,
            column: 1,
            message: 'cannot tell which kind of score table this is: it has a model column but no column of scores',
            expected:
              'a header of model,benchmark,item,score[,trials] (per item), item + one column per model (wide), model,benchmark,score (aggregate), or model + one column of scores per benchmark (wide aggregate)',
            found: headerText(rows[0]!),
            hint: skipped.length > 0 ? `its numeric columns are outside ${percent ? '[0, 100]' : '[0, 1]'}${percent ? '' : ': pass --percent if they are percentages'}` : 'a models table (model, params, …) goes after --models',
          });
        }
        return { layout: 'models', aggregates: [], models: buildModels(rows, file), warnings };
      }
      const aggregates: AggregateScore[] = [];
      const seen = new Map<string, number>();
      for (const row of rows) {
        const model = cellText(row.values[modelCol]);
        if (model === undefined) throw cellError(row, modelCol, 'missing-value', 'model is empty', 'a model name');
        const first = seen.get(model);
        if (first !== undefined) throw cellError(row, modelCol, 'duplicate', `model "${model}" has two rows (the first is on line ${first})`, 'one row per model', model);
        seen.set(model, row.line);
        for (const j of benchmarks) {
          const p = percentCol(j);
          const score = readScore(row, j, p, `score of ${model} on ${header[j]}`, p === percent ? check : undefined);
          if (score !== undefined) aggregates.push({ model, benchmark: header[j]!, score, metrics: {}, source: file, line: row.line });
        }
      }
      const result: ModelRowsResult = { layout: 'wide-aggregate', aggregates, warnings };
      if (described) result.models = buildModels(rows, file);
      return result;
    },
  };
}

/** How column `j`'s cells read, against the score range [0, `max`]. */
function columnKind(rows: readonly TableRow[], j: number, max: number): ColumnKind {
  const k: ColumnKind = { numbers: 0, texts: 0, fractional: false };
  for (const row of rows) {
    const raw = row.values[j];
    if (isMissingCell(raw)) continue;
    if (!isNumberLike(raw)) {
      k.texts++;
      continue;
    }
    k.numbers++;
    const text = cellText(raw)!;
    const v = typeof raw === 'number' ? raw : parseDecimal(text);
    if (v === undefined) continue; // Inf or too large: the score reader reports it
    if (!Number.isInteger(v)) k.fractional = true;
    if ((v < 0 || v > max) && k.outside === undefined) k.outside = { text, line: row.lineOf(j) };
  }
  return k;
}

function buildModels(rows: readonly TableRow[], file: string): ParsedModelsTable {
  const b = new ModelsTableBuilder();
  for (const row of rows) b.row(row);
  return b.result(file);
}
