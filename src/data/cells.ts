/**
 * Reading typed values out of table cells, with errors that point at the cell.
 */
import { InputError, quoteCell } from './inputError.js';
import { parseDecimal, parseQuantity } from './quantity.js';
import type { Cell, TableRow } from './tableReader.js';

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

const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;

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
 * Reads cell `j` of `row` as a number; `undefined` when the cell is empty.
 *
 * @throws InputError `not-finite` for NaN/Inf, `bad-number` for text that is not a number,
 *   `out-of-range` when the value breaks the spec's bounds.
 */
export function readNumberCell(row: TableRow, j: number, spec: NumberCellSpec): number | undefined {
  const raw = row.values[j];
  let v: number | undefined;
  if (typeof raw === 'number') {
    v = raw;
  } else {
    const text = cellText(raw);
    if (text === undefined) return undefined;
    if (typeof raw === 'boolean') throw cellError(row, j, 'bad-number', `${spec.name} is not a number`, spec.expected, text);
    if (NOT_FINITE.test(text)) {
      throw cellError(row, j, 'not-finite', `${spec.name} is not a finite number`, spec.expected, text);
    }
    v = spec.quantity ? parseQuantity(text) : parseDecimal(text);
    if (v === undefined) throw cellError(row, j, 'bad-number', `${spec.name} is not a number`, spec.expected, text);
  }
  if (!Number.isFinite(v)) {
    throw cellError(row, j, 'not-finite', `${spec.name} is not a finite number`, spec.expected, String(raw));
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

/** An {@link InputError} located at cell `j` of `row`. */
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
    code,
    file: row.file,
    line: row.line,
    column: row.column(j),
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

/**
 * Index of a required column, or an error at the header naming what is missing and what is there.
 */
export function requireColumn(
  header: readonly string[],
  names: readonly string[],
  file: string,
  what: string,
  jsonLines = false,
): number {
  const j = findColumn(header, names);
  if (j >= 0) return j;
  const alts = names.length > 1 ? ` (or ${names.slice(1).map((n) => `"${n}"`).join(', ')})` : '';
  throw new InputError({
    code: 'missing-column',
    file,
    line: 1,
    column: 1,
    message: `${what} needs a "${names[0]}" ${jsonLines ? 'key' : 'column'}${alts}`,
    expected: `${jsonLines ? 'keys' : 'a header'} including ${names[0]}`,
    found: header.join(jsonLines ? ', ' : ','),
  });
}
