/**
 * Reading the models table: what each model is.
 *
 * Columns (case-insensitive; only `model` is required):
 *
 * | column | meaning | example |
 * |---|---|---|
 * | `model` | name as used in score files | `Qwen1.5-7B` |
 * | `family` | model family | `Qwen1.5` |
 * | `params` | parameters | `7e9`, `7000000000`, `7B` |
 * | `tokens` | training tokens | `4T` |
 * | `compute` | training FLOPs; 6·params·tokens when absent and both are known | `1.7e23` |
 * | `step` | checkpoint step | `143000` |
 * | `release_date` | `YYYY-MM-DD` | `2024-02-04` |
 *
 * Other columns are kept as text in {@link ModelRecord.extra}.
 */
import { cellError, cellText, findColumn, readNumberCell, requireColumn } from './cells.js';
import { InputError, type DataWarning } from './inputError.js';
import { parseIsoDate } from './quantity.js';
import { readTableFile, readTableText, type ReadTableOptions, type TableFormat, type TableRow } from './tableReader.js';
import type { ModelRecord, ModelsTable } from './types.js';

/** Recognised column names, first one canonical. */
export const MODEL_COLUMNS = {
  model: ['model', 'name', 'model_name'],
  family: ['family', 'model_family'],
  params: ['params', 'parameters', 'n_params', 'num_params'],
  tokens: ['tokens', 'training_tokens', 'train_tokens'],
  compute: ['compute', 'flops', 'training_flops', 'train_flops'],
  step: ['step', 'checkpoint_step'],
  releaseDate: ['release_date', 'released', 'date'],
} as const;

/** Builds a models table from rows fed one at a time. */
class ModelsTableBuilder {
  readonly models: ModelRecord[] = [];
  private readonly seen = new Map<string, ModelRecord>();
  private cols: Record<keyof typeof MODEL_COLUMNS, number> | null = null;
  private headerLen = -1;
  private estimated = 0;

  constructor(private readonly jsonLines: boolean) {}

  row(row: TableRow): void {
    if (this.cols === null || row.header.length !== this.headerLen) {
      const h = row.header;
      this.cols = {
        model: requireColumn(h, MODEL_COLUMNS.model, row.file, 'a models table', this.jsonLines),
        family: findColumn(h, MODEL_COLUMNS.family),
        params: findColumn(h, MODEL_COLUMNS.params),
        tokens: findColumn(h, MODEL_COLUMNS.tokens),
        compute: findColumn(h, MODEL_COLUMNS.compute),
        step: findColumn(h, MODEL_COLUMNS.step),
        releaseDate: findColumn(h, MODEL_COLUMNS.releaseDate),
      };
      this.headerLen = h.length;
    }
    const c = this.cols;
    const name = cellText(row.values[c.model]);
    if (name === undefined) {
      throw cellError(row, c.model, 'missing-value', 'model name is empty', 'a model name');
    }
    const prev = this.seen.get(name);
    if (prev !== undefined) {
      throw cellError(row, c.model, 'duplicate', `model "${name}" has two rows (the first is on line ${prev.line})`, 'one row per model', name);
    }
    const positive = (j: number, what: string) =>
      j < 0
        ? undefined
        : readNumberCell(row, j, { name: what, quantity: true, min: 0, exclusiveMin: true, expected: `a positive number such as 7e9 or 7B` });
    const params = positive(c.params, 'params');
    const tokens = positive(c.tokens, 'tokens');
    let compute = positive(c.compute, 'compute');
    let computeEstimated = false;
    if (compute === undefined && params !== undefined && tokens !== undefined) {
      compute = 6 * params * tokens;
      computeEstimated = true;
      this.estimated++;
    }
    const step =
      c.step < 0 ? undefined : readNumberCell(row, c.step, { name: 'step', min: 0, integer: true, expected: 'a whole number ≥ 0' });
    let releaseDate: string | undefined;
    if (c.releaseDate >= 0) {
      const text = cellText(row.values[c.releaseDate]);
      if (text !== undefined) {
        releaseDate = parseIsoDate(text);
        if (releaseDate === undefined) {
          throw cellError(row, c.releaseDate, 'bad-date', 'release date is not a calendar date', 'a date written YYYY-MM-DD', text);
        }
      }
    }
    const known = new Set(Object.values(c));
    const extra: Record<string, string> = {};
    row.header.forEach((h, j) => {
      if (!known.has(j)) {
        const t = cellText(row.values[j]);
        if (t !== undefined) extra[h] = t;
      }
    });
    const family = c.family >= 0 ? cellText(row.values[c.family]) : undefined;
    const rec: ModelRecord = { model: name, computeEstimated, extra, source: row.file, line: row.line };
    if (family !== undefined) rec.family = family;
    if (params !== undefined) rec.params = params;
    if (tokens !== undefined) rec.tokens = tokens;
    if (compute !== undefined) rec.compute = compute;
    if (step !== undefined) rec.step = step;
    if (releaseDate !== undefined) rec.releaseDate = releaseDate;
    this.models.push(rec);
    this.seen.set(name, rec);
  }

  warnings(file: string): DataWarning[] {
    if (this.estimated === 0) return [];
    return [
      {
        code: 'compute-estimated',
        file,
        message: `${this.estimated} model${this.estimated === 1 ? '' : 's'} had no compute; it was estimated as 6·params·tokens`,
      },
    ];
  }
}

/** A parsed models table with the warnings found while reading it. */
export interface ParsedModelsTable {
  table: ModelsTable;
  warnings: DataWarning[];
}

/** Parses a models table held in a string. */
export function parseModelsTableText(text: string, file: string, format: TableFormat = 'csv'): ParsedModelsTable {
  const b = new ModelsTableBuilder(format === 'jsonl');
  readTableText(text, file, format, { onRow: (r) => b.row(r) });
  return { table: { models: b.models, sources: [file] }, warnings: b.warnings(file) };
}

/** Reads a models table file (.csv, .tsv or .jsonl). */
export function readModelsTable(path: string, options: ReadTableOptions = {}): ParsedModelsTable {
  const b = new ModelsTableBuilder((options.format ?? '') === 'jsonl' || /\.(jsonl|ndjson)$/i.test(path));
  readTableFile(path, { onRow: (r) => b.row(r) }, options);
  return { table: { models: b.models, sources: [path] }, warnings: b.warnings(path) };
}

/**
 * Merges models tables. Rows of earlier tables win; a later table only fills fields the earlier
 * row lacks (e.g. an lm-evaluation-harness folder supplies `params` and `step` for a model the
 * user's table lists without them). Two different given values for the same field are an error.
 */
export function mergeModelsTables(tables: readonly ModelsTable[]): ModelsTable {
  const byName = new Map<string, ModelRecord>();
  const models: ModelRecord[] = [];
  const sources: string[] = [];
  for (const t of tables) {
    sources.push(...t.sources);
    for (const m of t.models) {
      const prev = byName.get(m.model);
      if (prev === undefined) {
        const copy = { ...m, extra: { ...m.extra } };
        byName.set(m.model, copy);
        models.push(copy);
        continue;
      }
      for (const key of ['family', 'params', 'tokens', 'step', 'releaseDate'] as const) {
        const a = prev[key];
        const b = m[key];
        if (b === undefined) continue;
        if (a === undefined) (prev as unknown as Record<string, unknown>)[key] = b;
        else if (a !== b) {
          throw new InputError({
            code: 'inconsistent',
            file: m.source,
            line: m.line,
            message: `model "${m.model}" has ${key} ${String(b)} here but ${String(a)} in ${prev.source}${prev.line ? `:${prev.line}` : ''}`,
            expected: 'the same value in every table',
          });
        }
      }
      if (prev.compute === undefined && m.compute !== undefined) {
        prev.compute = m.compute;
        prev.computeEstimated = m.computeEstimated;
      } else if (prev.computeEstimated && m.compute !== undefined && !m.computeEstimated) {
        prev.compute = m.compute;
        prev.computeEstimated = false;
      }
      if (prev.compute === undefined && prev.params !== undefined && prev.tokens !== undefined) {
        prev.compute = 6 * prev.params * prev.tokens;
        prev.computeEstimated = true;
      }
    }
  }
  return { models, sources };
}
