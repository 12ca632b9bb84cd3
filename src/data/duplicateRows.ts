/**
 * Finding rows that give the same (model, benchmark) twice in a table, and saying which other
 * columns tell them apart — the keys a tidy table has beyond (model, benchmark), such as `step` and
 * `num_fewshot` in Pythia's evaluations — with the options that select one row.
 *
 * The first duplicated key is followed to the end of the table, so that the message lists every
 * value its rows take, e.g.
 * `2 rows for (pythia-70m, arc_easy) differ in num_fewshot (0, 5): select with --where num_fewshot=0`.
 */
import { cellLocation, cellText } from '../io/cells.js';
import { InputError } from '../io/inputError.js';
import { parseDecimal } from '../io/quantity.js';
import type { TableRow } from '../io/tableReader.js';
import { MODEL_COLUMNS } from './modelsTable.js';

/** A row kept as text, with where its benchmark cell is. */
interface KeptRow {
  line: number;
  column: number | undefined;
  columnName?: string;
  values: (string | undefined)[];
}

/** How many values of a column the message lists before "…". */
const SHOWN = 4;

/** Tracks (model, benchmark) keys over a table's rows. */
export class DuplicateRows {
  private readonly first = new Map<string, KeptRow>();
  private dup: { key: string; model: string; benchmark: string; rows: KeptRow[] } | null = null;
  private header: readonly string[] = [];

  /**
   * Records a row; `at` is the column the error points at (the benchmark cell).
   *
   * @returns true when the key was seen before (the row is a duplicate)
   */
  add(model: string, benchmark: string, row: TableRow, at: number): boolean {
    const key = `${model}\u0000${benchmark}`;
    const { line, column, columnName } = cellLocation(row, at);
    const kept: KeptRow = { line, column, ...(columnName === undefined ? {} : { columnName }), values: row.values.map((v) => cellText(v)) };
    this.header = row.header;
    const first = this.first.get(key);
    if (first === undefined) {
      this.first.set(key, kept);
      return false;
    }
    if (this.dup === null) this.dup = { key, model, benchmark, rows: [first, kept] };
    else if (this.dup.key === key) this.dup.rows.push(kept);
    return true;
  }

  /**
   * The error for the first duplicated key, or undefined when there is none.
   *
   * @param file the table
   * @param used columns that are not keys (model, benchmark, score)
   */
  error(file: string, used: readonly number[]): InputError | undefined {
    const d = this.dup;
    if (d === null) return undefined;
    const second = d.rows[1]!;
    const keys = this.keyColumns(d.rows, used);
    // Located at the second row, where the duplicate shows.
    const at = { code: 'duplicate' as const, file, line: second.line, column: second.column, columnName: second.columnName, expected: 'one row per (model, benchmark)' };
    if (keys.length === 0) {
      return new InputError({ ...at, message: `model "${d.model}" has a second row for benchmark "${d.benchmark}" (the first is on line ${d.rows[0]!.line})` });
    }
    const differ = keys.map((j) => `${this.header[j]} (${valuesText(distinct(d.rows, j))})`);
    return new InputError({
      ...at,
      message: `${d.rows.length} rows for (${d.model}, ${d.benchmark}) differ in ${joinAnd(differ)} (the first two are on lines ${d.rows[0]!.line} and ${second.line})`,
      hint: `select with ${joinAnd(this.suggestions(d.rows, keys))}`,
    });
  }

  /** Columns whose values tell the rows apart and look like keys (text or whole numbers, never missing). */
  private keyColumns(rows: readonly KeptRow[], used: readonly number[]): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.header.length; j++) {
      if (used.includes(j)) continue;
      const values = rows.map((r) => r.values[j]);
      if (values.some((v) => v === undefined)) continue;
      if (new Set(values).size < 2) continue;
      const keyLike = values.every((v) => {
        const n = parseDecimal(v!);
        return n === undefined || Number.isInteger(n);
      });
      if (keyLike) out.push(j);
    }
    return out;
  }

  /**
   * Options that narrow the rows to one: `--step latest` when the step differs, then `--where
   * KEY=VALUE` (the first row's value) for each key that still differs among the rows kept.
   */
  private suggestions(all: readonly KeptRow[], keys: readonly number[]): string[] {
    const out: string[] = [];
    let rows = [...all];
    const isStep = (j: number) => (MODEL_COLUMNS.step as readonly string[]).includes(this.header[j]!.toLowerCase());
    const step = keys.find(isStep);
    if (step !== undefined) {
      out.push('--step latest');
      const max = Math.max(...rows.map((r) => Number(r.values[step])));
      rows = rows.filter((r) => Number(r.values[step]) === max);
    }
    for (const j of keys) {
      if (j === step) continue;
      const values = distinct(rows, j);
      if (values.length < 2) continue;
      out.push(`--where ${this.header[j]}=${values[0]}`);
      rows = rows.filter((r) => r.values[j] === values[0]);
    }
    return out;
  }
}

/** The distinct values of column `j`, in numeric order when all are numbers, else in order of appearance. */
function distinct(rows: readonly KeptRow[], j: number): string[] {
  const values = [...new Set(rows.map((r) => r.values[j]!))];
  if (values.every((v) => parseDecimal(v) !== undefined)) values.sort((a, b) => Number(a) - Number(b));
  return values;
}

function valuesText(values: readonly string[]): string {
  if (values.length <= SHOWN) return values.join(', ');
  return `${values.slice(0, SHOWN - 1).join(', ')}, … ${values[values.length - 1]}; ${values.length} values`;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
