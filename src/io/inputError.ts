/**
 * Typed errors and warnings for everything scalecast reads.
 *
 * An {@link InputError} always names where the problem is (file, 1-based line and column when they
 * exist) and what was expected, so that a command-line front end can print one clear line and exit
 * with code 2 instead of a stack trace. Warnings ({@link DataWarning}) describe problems that do not
 * stop the analysis (coverage gaps, estimated compute) and travel with the parsed data.
 */

import { UserError } from '../core/userError.js';

/** Machine-readable kinds of input error. */
export type InputErrorCode =
  | 'empty-file'
  | 'missing-value'
  | 'missing-column'
  | 'bad-header'
  | 'field-count'
  | 'bad-number'
  | 'not-finite'
  | 'out-of-range'
  | 'looks-like-percent'
  | 'looks-like-fractions'
  | 'duplicate'
  | 'unknown-model'
  | 'bad-json'
  | 'bad-date'
  | 'bad-csv'
  | 'unreadable'
  | 'unknown-format'
  | 'bad-option';

/** Where in an input a problem was found. Lines and columns are 1-based. */
export interface InputLocation {
  /** Path (or label) of the input. */
  file: string;
  line?: number;
  column?: number;
}

/** Fields of an {@link InputError} besides its location. */
export interface InputErrorDetails extends InputLocation {
  code: InputErrorCode;
  /** One sentence saying what is wrong. */
  message: string;
  /** What a valid input has at this place, e.g. "a number in [0, 1]". */
  expected?: string;
  /** The offending text, quoted as it was read (shortened when long). */
  found?: string;
  /** What the user can do about it, e.g. "pass --percent". */
  hint?: string;
  /** The column's name, for inputs whose places are rows and named columns (Parquet). */
  columnName?: string;
}

/** An input that cannot be used as it is. */
export class InputError extends UserError {
  readonly code: InputErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  readonly hint: string | undefined;
  readonly columnName: string | undefined;

  constructor(details: InputErrorDetails) {
    super('input', details.message);
    this.name = 'InputError';
    this.code = details.code;
    this.file = details.file;
    // Line 0 stands for "no line" (rows derived from a whole file); it is never printed.
    this.line = details.line !== undefined && details.line > 0 ? details.line : undefined;
    this.column = this.line === undefined ? undefined : details.column;
    this.expected = details.expected;
    this.found = details.found;
    this.hint = details.hint;
    this.columnName = details.columnName;
  }

  /** `file:line:column` as editors and compilers print it; `file: row 12, column "score"` for a Parquet file. */
  get where(): string {
    const s = locationText(this.file, this.line);
    if (isRowFile(this.file) && this.line !== undefined) {
      const col = this.columnName !== undefined ? `, column "${this.columnName}"` : this.column !== undefined ? `, column ${this.column}` : '';
      return s + col;
    }
    return this.line !== undefined && this.column !== undefined ? `${s}:${this.column}` : s;
  }

  /**
   * One human-readable report, e.g.
   * `scores.csv:12:17: score out of range: expected a number in [0, 1], found "87.5". Hint: pass --percent`.
   */
  override describe(): string {
    let s = `${this.where}: ${this.message}`;
    if (this.expected !== undefined || this.found !== undefined) {
      const parts: string[] = [];
      if (this.expected !== undefined) parts.push(`expected ${this.expected}`);
      if (this.found !== undefined) parts.push(`found ${JSON.stringify(this.found)}`);
      s += ` (${parts.join(', ')})`;
    }
    if (this.hint !== undefined) s += `. Hint: ${this.hint}`;
    return s;
  }

  /** A plain object for `--json` error output. */
  override toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      code: this.code,
      file: this.file,
      line: this.line,
      column: this.column,
      message: this.message,
      expected: this.expected,
      found: this.found,
      hint: this.hint,
    };
  }
}

/** Is `e` an {@link InputError}? (Works across module copies, unlike `instanceof` alone.) */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError || (e instanceof Error && e.name === 'InputError' && 'code' in e);
}

/** Kinds of warning attached to parsed data. */
export type DataWarningCode =
  | 'coverage-gap'
  | 'compute-estimated'
  | 'no-models-table'
  | 'ignored-unlisted-model'
  | 'inconsistent-model'
  | 'metric-choice'
  | 'duplicate-sample-row'
  | 'empty-benchmark'
  | 'unscorable-samples'
  | 'partial-run'
  | 'ignored-samples'
  | 'empty-results'
  | 'aggregate-mismatch'
  | 'mixed-column'
  | 'skipped-column'
  | 'incomplete-group'
  | 'ignored-file'
  | 'implausible-unit';

/** A problem that does not stop the analysis. */
export interface DataWarning {
  code: DataWarningCode;
  message: string;
  file?: string;
  line?: number;
  /** The one model the warning is about, when it is about one (so that a selection of models can drop it). */
  model?: string;
}

/**
 * `file:line` as messages cite a place, or just `file` when the line is unknown (0 or absent: rows
 * derived from a whole file, such as an lm-evaluation-harness results file, have no line).
 *
 * @example locationText('a.csv', 3) // => 'a.csv:3'
 * @example locationText('results.json', 0) // => 'results.json'
 */
export function locationText(file: string, line?: number): string {
  if (line === undefined || line <= 0) return file;
  return isRowFile(file) ? `${file}: row ${line}` : `${file}:${line}`;
}

/**
 * Is `file` an input whose places are rows rather than lines (Parquet)? Its "line" numbers are
 * row numbers, printed as `row 12`.
 */
export function isRowFile(file: string): boolean {
  return /\.(parquet|pq)$/i.test(file);
}

/** Shortens a cell for quoting in a message. */
export function quoteCell(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
