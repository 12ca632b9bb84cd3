/**
 * Plain-text tables for terminal output: a header, a rule, right-aligned numbers.
 */

/** One column of a {@link formatTable} table. */
export interface TextColumn {
  header: string;
  /** Right-align (numbers). @default false */
  right?: boolean;
}

/**
 * Formats rows as an aligned text table.
 *
 * @example formatTable([{header: 'model'}, {header: 'score', right: true}], [['a', '0.5']])
 * // => 'model  score\n-----  -----\na        0.5'
 */
export function formatTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, j) => Math.max(c.header.length, ...rows.map((r) => (r[j] ?? '').length)));
  const pad = (text: string, j: number) => (columns[j]!.right ? text.padStart(widths[j]!) : text.padEnd(widths[j]!));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => pad(c, j))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Formats a number with `digits` decimals, or '' when absent or not finite. */
export function fixed(value: number | undefined, digits = 4): string {
  return value === undefined || !Number.isFinite(value) ? '' : value.toFixed(digits);
}

/** Formats a large number in exponent form with 3 significant digits (1.79e+21 → 1.79e21). */
export function sci(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  return value.toExponential(2).replace('e+', 'e');
}
