/**
 * Row filters written `column OP value`, shared by `fit --where` (point tables) and the `--where`
 * of every command that reads scores (tidy and aggregate score tables).
 *
 * Operators: `=` and `!=` compare as numbers when both the value and the cell are numbers (so
 * `num_fewshot=0` keeps a cell written `0.0`), as text otherwise (`task=arc_easy`); `<`, `<=`, `>`,
 * `>=` need a number (suffixes allowed: `params<1B`). A missing cell (empty, `n/a`, …) never matches.
 *
 * @example parseRowFilter('loss<4.9') // => { column: 'loss', op: '<', value: 4.9, text: 'loss<4.9' }
 * @example parseRowFilter('task=arc_easy') // => { column: 'task', op: '=', value: 'arc_easy', text: 'task=arc_easy' }
 */
import { cellError, cellText, findColumn, isMissingText } from '../io/cells.js';
import { parseQuantity } from '../io/quantity.js';
import type { Cell, TableRow } from '../io/tableReader.js';

/** One filter: keep rows whose `column` compares to `value` by `op`. */
export interface RowFilter {
  column: string;
  op: '<' | '<=' | '>' | '>=' | '=' | '!=';
  /** A number when the value reads as one (`0`, `1e9`, `7B`), else the text (`arc_easy`). */
  value: number | string;
  /** The filter as written, for messages. @default column, op and value run together */
  text?: string;
}

const FILTER = /^\s*(.+?)\s*(<=|>=|!=|<|>|=)\s*([^<>=!]*?)\s*$/;

/**
 * Parses a filter; `undefined` when it is not `column OP value`, or when an ordering operator
 * (`<`, `<=`, `>`, `>=`) has a value that is not a number.
 */
export function parseRowFilter(text: string): RowFilter | undefined {
  const m = FILTER.exec(text);
  if (!m || m[3] === '') return undefined;
  const op = m[2] as RowFilter['op'];
  const n = parseQuantity(m[3]!);
  if (n === undefined && op !== '=' && op !== '!=') return undefined;
  return { column: m[1]!, op, value: n ?? m[3]!, text: text.trim() };
}

/** Does a number pass the filter? */
function compare(v: number, op: RowFilter['op'], w: number): boolean {
  switch (op) {
    case '<':
      return v < w;
    case '<=':
      return v <= w;
    case '>':
      return v > w;
    case '>=':
      return v >= w;
    case '=':
      return v === w;
    case '!=':
      return v !== w;
  }
}

/** The cell as a number, when it reads as one. */
function cellNumber(v: Cell, text: string): number | undefined {
  return typeof v === 'number' ? v : parseQuantity(text);
}

/**
 * Does cell `j` of `row` pass `f`? A missing cell does not.
 *
 * @throws InputError `bad-number` when an ordering filter meets a cell that is not a number
 */
export function cellPasses(row: TableRow, j: number, f: RowFilter): boolean {
  const raw = row.values[j];
  const text = cellText(raw);
  if (text === undefined || isMissingText(text)) return false;
  const v = cellNumber(raw, text);
  if (typeof f.value === 'number') {
    if (v !== undefined) return compare(v, f.op, f.value);
    if (f.op === '=' || f.op === '!=') return (text === String(f.value)) === (f.op === '=');
    throw cellError(row, j, 'bad-number', `${f.column} is not a number, so the filter "${filterText(f)}" cannot compare it`, 'a number', text);
  }
  return (text === f.value) === (f.op === '=');
}

/** The filter as written. */
export function filterText(f: RowFilter): string {
  return f.text ?? `${f.column}${f.op}${f.value}`;
}

/**
 * A row test for a table reader: keeps the rows that pass every filter whose column the table has
 * (a filter on a column the table lacks does not apply to it). Column indices are found once per
 * header.
 *
 * @example readCheckpoints(file, { keep: rowPasses([parseRowFilter('num_fewshot=0')!]) })
 */
export function rowPasses(filters: readonly RowFilter[]): (row: TableRow) => boolean {
  let header: readonly string[] | null = null;
  let length = -1;
  let cols: number[] = [];
  return (row) => {
    // A JSON Lines header grows in place when a later object has new keys: check its length too.
    if (row.header !== header || row.header.length !== length) {
      header = row.header;
      length = row.header.length;
      cols = filters.map((f) => findColumn(row.header, [f.column]));
    }
    return filters.every((f, k) => cols[k]! < 0 || cellPasses(row, cols[k]!, f));
  };
}
