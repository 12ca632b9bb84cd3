/**
 * Reading typed values out of table cells, and finding columns by name, with errors that point at
 * the cell or the header.
 */
import { InputError, quoteCell } from './inputError.js';
import { parseNumberText } from './quantity.js';
import type { Cell, TableHeader, TableRow } from './tableReader.js';

/** The text of a cell, trimmed; `undefined` for empty, null or absent cells. */
export function cellText(v: Cell): string | undefined {
  if (typeof v === 'string') {
    // Most cells need no trimming; checking the ends avoids allocating a copy.
    const n = v.length;
    if (n > 0 && v.charCodeAt(0) > 32 && v.charCodeAt(n - 1) > 32) return v;
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (v === undefined || v === null) return undefined;
  return String(v);
}

const NOT_FINITE = /^[+-]?(inf|infinity)$/i;

/**
 * The spellings of a missing value, besides an empty cell (any case, surrounding spaces allowed):
 * `n/a`, `NA`, `NaN` (also `-nan`), `#N/A` (spreadsheets), `null`, and a lone dash `-`, `–` or `—`
 * (papers' tables). The one list every reader uses.
 */
const MISSING = /^(?:[+-]?nan|n\/a|#n\/a|na|null|-|\u2013|\u2014)$/i;

/** Whether `text` (already trimmed) spells a missing value, see {@link isMissingCell}. */
export function isMissingText(text: string): boolean {
  return text === '' || (text.length <= 4 && MISSING.test(text));
}

/**
 * Whether a cell is missing: empty, JSON `null` or absent, or one of the spellings of a missing
 * value (`n/a`, `NA`, `nan`, `-`, …; see {@link isMissingText}). Every reader treats a missing cell of
 * a numeric column as it treats an empty one, wherever it is in the column.
 *
 * @example isMissingCell('N/A') // => true
 * @example isMissingCell('0') // => false
 */
export function isMissingCell(v: Cell): boolean {
  if (typeof v === 'string') return isMissingText(v.trim());
  return v === undefined || v === null;
}

/**
 * Whether a cell holds something meant as a number: a number (also a too-large one such as `1e400`),
 * or Inf written out. Missing cells (empty, `n/a`, `NaN`, …) are not number-like.
 *
 * @example isNumberLike('0.25') // => true
 * @example isNumberLike('NaN') // => false
 * @example isNumberLike('2024-01-01') // => false
 */
export function isNumberLike(v: Cell): boolean {
  if (typeof v === 'number') return true;
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return !isMissingText(t) && (NOT_FINITE.test(t) || parseNumberText(t, false) !== undefined);
}

/** `"<what> is empty"` for an empty cell, `"<what> is missing"` for one spelled `n/a`, `NaN`, … */
export function missingMessage(v: Cell, what: string): string {
  return cellText(v) === undefined ? `${what} is empty` : `${what} is missing`;
}

/** How {@link readNumberCell} reads and checks one cell. */
export interface NumberCellSpec {
  /** Column name for messages. */
  name: string;
  /** Accept magnitude suffixes (7B, 300M). @default false */
  quantity?: boolean;
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  /** The value must be greater than `min`, not equal. @default false */
  exclusiveMin?: boolean;
  /** The value must be a whole number. @default false */
  integer?: boolean;
  /** Text for "expected …" in messages. */
  expected: string;
}

/**
 * Reads cell `j` of `row` as a number; `undefined` when the cell is missing (empty, `n/a`, `NaN`, …:
 * see {@link isMissingCell}).
 *
 * @throws InputError `not-finite` for Inf and for numbers too large for a double (`1e400`),
 *   `bad-number` for text that is not a number, `out-of-range` when the value breaks the spec's bounds.
 */
export function readNumberCell(row: TableRow, j: number, spec: NumberCellSpec): number | undefined {
  const raw = row.values[j];
  let v: number | undefined;
  if (typeof raw === 'number') {
    v = raw;
  } else {
    const text = cellText(raw);
    if (text === undefined || isMissingText(text)) return undefined;
    if (typeof raw === 'boolean') throw cellError(row, j, 'bad-number', `${spec.name} is not a number`, spec.expected, text);
    if (NOT_FINITE.test(text)) {
      throw cellError(row, j, 'not-finite', `${spec.name} is not a finite number`, spec.expected, text);
    }
    v = parseNumberText(text, spec.quantity ?? false);
    if (v === undefined) throw cellError(row, j, 'bad-number', `${spec.name} is not a number`, spec.expected, text);
  }
  if (!Number.isFinite(v)) {
    throw cellError(row, j, 'not-finite', `${spec.name} is too large to be a finite number`, spec.expected, String(cellText(raw) ?? raw));
  }
  const tooSmall = spec.min !== undefined && (spec.exclusiveMin ? v <= spec.min : v < spec.min);
  if (tooSmall || (spec.max !== undefined && v > spec.max)) {
    throw cellError(row, j, 'out-of-range', `${spec.name} is out of range`, spec.expected, String(cellText(raw) ?? raw));
  }
  if (spec.integer && !Number.isInteger(v)) {
    throw cellError(row, j, 'bad-number', `${spec.name} must be a whole number`, spec.expected, String(cellText(raw) ?? raw));
  }
  return v;
}

/**
 * Where cell `j` of `row` is, for an {@link InputError}: file, line (row number for Parquet) and
 * column, with the column's name for Parquet, whose messages say `row 12, column "score"`.
 */
export function cellLocation(row: TableRow, j: number): { file: string; line: number; column: number | undefined; columnName?: string } {
  const at = { file: row.file, line: row.lineOf(j), column: row.column(j) };
  return row.format === 'parquet' && row.header[j] !== undefined ? { ...at, columnName: row.header[j] } : at;
}

/** An {@link InputError} located at cell `j` of `row` (its own line, when a quoted field spans lines). */
export function cellError(
  row: TableRow,
  j: number,
  code: InputError['code'],
  message: string,
  expected?: string,
  found?: string,
  hint?: string,
): InputError {
  return new InputError({
    ...cellLocation(row, j),
    code,
    message,
    expected,
    found: found === undefined ? undefined : quoteCell(found),
    hint,
  });
}

/** Index of the first header column matching one of `names` (case-insensitive), or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const want = name.toLowerCase();
    const j = header.findIndex((h) => h.toLowerCase() === want);
    if (j >= 0) return j;
  }
  return -1;
}

/** The header as one line for an error message, shortened when long. */
export function headerText(h: TableHeader): string {
  return quoteCell(h.header.join(h.format === 'jsonl' ? ', ' : h.format === 'tsv' ? '\t' : ','), 200);
}

/**
 * Index of a required column, or an error at the header naming what is missing and what is there.
 *
 * @param what names the kind of table in the message, e.g. "a models table"
 */
export function requireColumn(h: TableHeader, names: readonly string[], what: string): number {
  const j = findColumn(h.header, names);
  if (j >= 0) return j;
  const jsonLines = h.format === 'jsonl';
  const alts = names.length > 1 ? ` (or ${names.slice(1).map((n) => `"${n}"`).join(', ')})` : '';
  throw new InputError({
    code: 'missing-column',
    file: h.file,
    line: h.headerLine,
    column: 1,
    message: `${what} needs a "${names[0]}" ${jsonLines ? 'key' : 'column'}${alts}`,
    expected: `${jsonLines ? 'keys' : 'a header'} including ${names[0]}`,
    found: headerText(h),
  });
}

/** The columns a reader looks for: a list of accepted names each, and whether the column must exist. */
export type ColumnSpec<K extends string> = Record<K, { names: readonly string[]; required?: boolean }>;

/**
 * Makes a function that finds the columns of `spec` in a row's header: the index of each, -1 for an
 * absent optional column, an error at the header for an absent required one. The indices are kept
 * until the header changes (a JSON Lines header grows when a later object has new keys).
 *
 * @param what names the kind of table in errors, e.g. "a per-item score file"
 * @example
 * const columns = columnResolver({ model: { names: ['model'], required: true }, step: { names: ['step'] } }, 'a models table');
 * columns(row) // => { model: 0, step: -1 }
 */
export function columnResolver<K extends string>(spec: ColumnSpec<K>, what: string): (h: TableHeader) => Record<K, number> {
  let header: readonly string[] | null = null;
  let length = -1;
  let cols = {} as Record<K, number>;
  return (h) => {
    if (h.header === header && h.header.length === length) return cols;
    const next = {} as Record<K, number>;
    for (const key of Object.keys(spec) as K[]) {
      const s = spec[key];
      next[key] = s.required ? requireColumn(h, s.names, what) : findColumn(h.header, s.names);
    }
    header = h.header;
    length = h.header.length;
    cols = next;
    return cols;
  };
}
