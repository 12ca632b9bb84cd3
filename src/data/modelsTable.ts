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
 * Other columns are kept as text in {@link ModelRecord.extra}. A missing cell (empty, `n/a`, `NA`,
 * `nan`, `-`) leaves the field unknown.
 *
 * Values in the wrong unit are common (params in billions, compute in PF-days): params or tokens
 * below 1e6, or a given compute below 1e12 FLOPs, get an `implausible-unit` warning, one per column
 * per file listing the models.
 */
import { cellError, cellLocation, cellText, readNumberCell, requireColumn } from '../io/cells.js';
import { InputError, locationText, type DataWarning } from '../io/inputError.js';
import { parseIsoDate } from '../io/quantity.js';
import { readTableFile, readTableText, type ReadTableOptions, type TableFormat, type TableRow } from '../io/tableReader.js';
import type { ModelRecord, ModelsTable } from './types.js';

/**
 * Recognised column names, first one canonical. A header is compared after {@link normalColumnName}
 * (case, spaces, `-` and `_` do not matter, and a trailing unit in parentheses is set apart), so
 * ObsScaling's `Model Family`, `Model Size (B)`, `Pretraining Data Size (T)` and `FLOPs (1E21)` are
 * family, params, tokens and compute.
 */
export const MODEL_COLUMNS = {
  model: ['model', 'name', 'model_name'],
  family: ['family', 'model_family'],
  params: ['params', 'parameters', 'n_params', 'num_params', 'params_total', 'total_params', 'model_size'],
  tokens: ['tokens', 'training_tokens', 'train_tokens', 'pretraining_tokens', 'pretraining_data_size', 'final_tokens'],
  compute: ['compute', 'flops', 'training_flops', 'train_flops', 'final_train_flops_6nd'],
  step: ['step', '_step', 'global_step', 'checkpoint_step'],
  releaseDate: ['release_date', 'released', 'date'],
} as const;

/** A models-table field. */
export type ModelColumnKey = keyof typeof MODEL_COLUMNS;

/** Unit words a header may end with, in parentheses: `(B)` = 1e9, `(T)` = 1e12, …; a number such as `(1E21)` is its own scale. */
const UNIT_SCALES: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/**
 * A header as compared with {@link MODEL_COLUMNS}: lower case, runs of spaces, `-` and `_` as one `_`,
 * and the scale of a trailing `(unit)`: `(B)` → 1e9, `(T)` → 1e12, `(M)` → 1e6, `(K)` → 1e3, a number
 * such as `(1E21)` → 1e21; another unit (`(FLOPs)`) or none → 1.
 *
 * @example normalColumnName('Model Size (B)') // => { name: 'model_size', scale: 1e9 }
 * @example normalColumnName('FLOPs (1E21)') // => { name: 'flops', scale: 1e21 }
 */
export function normalColumnName(header: string): { name: string; scale: number } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(header);
  const base = (m ? m[1]! : header).toLowerCase().trim().replace(/[\s_-]+/g, '_');
  let scale = 1;
  if (m) {
    const unit = m[2]!.trim().toLowerCase();
    const n = Number(unit);
    if (UNIT_SCALES[unit] !== undefined) scale = UNIT_SCALES[unit];
    else if (unit !== '' && Number.isFinite(n) && n > 0) scale = n;
  }
  return { name: base, scale };
}

/** Where each models-table field is in a header (-1 when absent), and the unit scale of the numeric ones. */
export interface ModelColumnIndex {
  at: Record<ModelColumnKey, number>;
  scale: Record<'params' | 'tokens' | 'compute', number>;
}

/**
 * Finds the models-table fields in a header: for each, the first of its names (in the order of
 * {@link MODEL_COLUMNS}) that some column has.
 *
 * @example modelColumnsOf(['Model', 'Model Size (B)']).at.params // => 1
 */
export function modelColumnsOf(header: readonly string[]): ModelColumnIndex {
  const normal = header.map(normalColumnName);
  const at = {} as Record<ModelColumnKey, number>;
  for (const key of Object.keys(MODEL_COLUMNS) as ModelColumnKey[]) {
    at[key] = -1;
    for (const name of MODEL_COLUMNS[key]) {
      const j = normal.findIndex((n) => n.name === name);
      if (j >= 0) {
        at[key] = j;
        break;
      }
    }
  }
  const scaleOf = (j: number) => (j < 0 ? 1 : normal[j]!.scale);
  return { at, scale: { params: scaleOf(at.params), tokens: scaleOf(at.tokens), compute: scaleOf(at.compute) } };
}

/**
 * 6·params·tokens, the usual estimate of training FLOPs.
 *
 * @throws InputError `not-finite` at `where` when the product is too large for a double
 */
export function estimateCompute(params: number, tokens: number, where: { file: string; line?: number; column?: number }): number {
  const compute = 6 * params * tokens;
  if (!Number.isFinite(compute)) {
    throw new InputError({
      ...where,
      code: 'not-finite',
      message: `the estimated compute 6·params·tokens = 6 · ${params} · ${tokens} is too large to be a finite number`,
      expected: 'params and tokens whose product is a real training budget',
    });
  }
  return compute;
}

/** The columns whose values are checked for a plausible unit: the smallest plausible value, and what to say. */
const PLAUSIBLE = {
  params: { min: 1e6, says: 'parameter counts are whole numbers of parameters, e.g. 1.3e9 or 1.3B', asks: 'in billions' },
  tokens: { min: 1e6, says: 'token counts are whole numbers of tokens, e.g. 3e11 or 300B', asks: 'in billions' },
  compute: {
    min: 1e12,
    says: 'compute is in FLOPs, e.g. 1.7e23, and any training run takes more than 1e12 FLOPs',
    asks: 'in another unit (PF-days, or a multiple of FLOPs)',
  },
} as const;

/** How many models an implausible-unit warning names before "and N more". */
const NAMED = 5;

/** Builds a models table from rows fed one at a time (any table reader's rows). */
export class ModelsTableBuilder {
  readonly models: ModelRecord[] = [];
  private readonly seen = new Map<string, ModelRecord>();
  private header: readonly string[] | null = null;
  private index: ModelColumnIndex | null = null;

  /** The fields' columns, found again when the header changes (JSON Lines). @throws InputError without a model column */
  private columns(row: TableRow): ModelColumnIndex {
    if (this.index !== null && row.header === this.header && this.index.at.model < row.header.length) return this.index;
    const index = modelColumnsOf(row.header);
    // No model column: the shared message (a "key" for JSON Lines, a "column" otherwise).
    if (index.at.model < 0) requireColumn(row, MODEL_COLUMNS.model, 'a models table');
    this.header = row.header;
    this.index = index;
    return index;
  }
  private estimated = 0;
  /** Per checked column, the models whose value is implausibly small: the value as written, and the line. */
  private readonly implausible: Record<keyof typeof PLAUSIBLE, { model: string; text: string; line: number }[]> = { params: [], tokens: [], compute: [] };

  /** Reads one row. @throws InputError for a bad value, located at its cell */
  row(row: TableRow): void {
    const index = this.columns(row);
    const c = index.at;
    const name = cellText(row.values[c.model]);
    if (name === undefined) {
      throw cellError(row, c.model, 'missing-value', 'model name is empty', 'a model name');
    }
    const prev = this.seen.get(name);
    if (prev !== undefined) {
      throw cellError(row, c.model, 'duplicate', `model "${name}" has two rows (the first is on line ${prev.line})`, 'one row per model', name);
    }
    const positive = (j: number, what: 'params' | 'tokens' | 'compute') => {
      if (j < 0) return undefined;
      const v = readNumberCell(row, j, { name: what, quantity: true, min: 0, exclusiveMin: true, expected: `a positive number such as 7e9 or 7B` });
      if (v === undefined || index.scale[what] === 1) return v;
      // 0.00786432 (1E21) is 7.86432e18 FLOPs, not the 7864319999999999000 the product rounds to.
      return Number((v * index.scale[what]).toPrecision(15));
    };
    const params = positive(c.params, 'params');
    const tokens = positive(c.tokens, 'tokens');
    let compute = positive(c.compute, 'compute');
    const given = { params: [params, c.params], tokens: [tokens, c.tokens], compute: [compute, c.compute] } as const;
    for (const key of Object.keys(PLAUSIBLE) as (keyof typeof PLAUSIBLE)[]) {
      const [v, j] = given[key];
      if (v !== undefined && v < PLAUSIBLE[key].min) this.implausible[key].push({ model: name, text: cellText(row.values[j]) ?? String(v), line: row.lineOf(j) });
    }
    let computeEstimated = false;
    if (compute === undefined && params !== undefined && tokens !== undefined) {
      compute = estimateCompute(params, tokens, cellLocation(row, c.tokens));
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

  /** The table read so far, labelled `file`, with its warnings. */
  result(file: string): ParsedModelsTable {
    const warnings: DataWarning[] = [];
    if (this.estimated > 0) {
      warnings.push({
        code: 'compute-estimated',
        file,
        message: `${this.estimated} model${this.estimated === 1 ? '' : 's'} had no compute; it was estimated as 6·params·tokens`,
      });
    }
    for (const key of Object.keys(PLAUSIBLE) as (keyof typeof PLAUSIBLE)[]) {
      const found = this.implausible[key];
      if (found.length === 0) continue;
      const p = PLAUSIBLE[key];
      const named = found.slice(0, NAMED).map((f) => `${f.text} for model ${f.model}`).join(', ');
      const more = found.length > NAMED ? ` and ${found.length - NAMED} more` : '';
      const one = found.length === 1;
      warnings.push({
        code: 'implausible-unit',
        file,
        line: found[0]!.line,
        ...(one ? { model: found[0]!.model } : {}),
        message: `${key} ${named}${more}: ${p.says}; ${one ? 'is this' : 'are these'} ${p.asks}?`,
      });
    }
    return { table: { models: this.models, sources: [file] }, warnings };
  }
}

/** A parsed models table with the warnings found while reading it. */
export interface ParsedModelsTable {
  table: ModelsTable;
  warnings: DataWarning[];
}

/** Parses a models table held in a string. */
export function parseModelsTableText(text: string, file: string, format: TableFormat = 'csv'): ParsedModelsTable {
  const b = new ModelsTableBuilder();
  readTableText(text, file, format, { onRow: (r) => b.row(r) });
  return b.result(file);
}

/** Reads a models table file (.csv, .tsv or .jsonl, or the format `options.format` names). */
export function readModelsTable(path: string, options: ReadTableOptions = {}): ParsedModelsTable {
  const b = new ModelsTableBuilder();
  readTableFile(path, { onRow: (r) => b.row(r) }, options);
  return b.result(path);
}

/** Fields of a model that tables may disagree on. */
const MERGED_FIELDS = ['family', 'params', 'tokens', 'step', 'releaseDate'] as const;

/**
 * Merges models tables given in order of authority: the user's tables first, then tables derived
 * from other inputs (e.g. lm-evaluation-harness output, which knows `params` and `step`).
 *
 * A model's row is taken from the first table that lists it; later tables only fill the fields it
 * lacks. A later table that gives a different value for a field already set does not change it: an
 * `inconsistent-model` warning gives both values and their sources. A given `compute` replaces one
 * estimated as 6·params·tokens.
 *
 * @throws InputError `not-finite` when params from one table and tokens from another give a compute
 *   estimate too large for a double
 */
export function mergeModelsTables(tables: readonly ModelsTable[]): ParsedModelsTable {
  const byName = new Map<string, ModelRecord>();
  const models: ModelRecord[] = [];
  const sources: string[] = [];
  const warnings: DataWarning[] = [];
  const differ = (m: ModelRecord, prev: ModelRecord, field: string, kept: unknown, other: unknown) =>
    warnings.push({
      code: 'inconsistent-model',
      file: m.source,
      ...(m.line > 0 ? { line: m.line } : {}),
      model: m.model,
      message: `model "${m.model}" has ${field} ${String(other)} here but ${String(kept)} in ${locationText(prev.source, prev.line)}; ${String(kept)} is used`,
    });
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
      for (const key of MERGED_FIELDS) {
        const a = prev[key];
        const b = m[key];
        if (b === undefined) continue;
        if (a === undefined) (prev as unknown as Record<string, unknown>)[key] = b;
        else if (a !== b) differ(m, prev, key, a, b);
      }
      if (m.compute !== undefined && !m.computeEstimated) {
        if (prev.compute === undefined || prev.computeEstimated) {
          prev.compute = m.compute;
          prev.computeEstimated = false;
        } else if (prev.compute !== m.compute) {
          differ(m, prev, 'compute', prev.compute, m.compute);
        }
      }
      if (prev.compute === undefined && prev.params !== undefined && prev.tokens !== undefined) {
        prev.compute = estimateCompute(prev.params, prev.tokens, { file: m.source, line: m.line });
        prev.computeEstimated = true;
      }
    }
  }
  return { table: { models, sources }, warnings };
}
