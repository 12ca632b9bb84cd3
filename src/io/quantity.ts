/**
 * Parsing numbers as people write them in model tables and score files.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const WITH_SUFFIX = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([kKmMbBtT])$/;
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/**
 * Parses a plain decimal number: `0`, `0.25`, `-3`, `1e-3`, `.5`. Surrounding spaces are allowed.
 * Returns `undefined` for anything else, including `""`, `NaN`, `Infinity` and hex, which `Number()`
 * would accept or turn into 0.
 *
 * @example parseDecimal('0.25') // => 0.25
 * @example parseDecimal('0x10') // => undefined
 */
export function parseDecimal(text: string): number | undefined {
  // Fast path for the 0/1 cells that make up most per-item files.
  if (text === '0' || text === '1' || text === '1.0' || text === '0.0') return text.charCodeAt(0) - 48;
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Parses a count written plainly or with a magnitude suffix, as model cards write sizes:
 * `7e9`, `7000000000`, `7B`, `300M`, `1.4T`, `125k`. Suffixes are K = 1e3, M = 1e6, B = 1e9,
 * T = 1e12, in either case. Underscores and thousands commas are not accepted (they are ambiguous
 * inside CSV).
 *
 * @example parseQuantity('1.4T') // => 1.4e12
 * @example parseQuantity('300M') // => 3e8
 */
export function parseQuantity(text: string): number | undefined {
  const v = parseNumberText(text, true);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/**
 * Like {@link parseDecimal} (or {@link parseQuantity} with `quantity`), but a number that is
 * written correctly and is too large for a double (`1e400`, `1e300T`) gives ±Infinity instead of
 * `undefined`, so that callers can say "too large" rather than "not a number".
 *
 * @example parseNumberText('1e400', false) // => Infinity
 * @example parseNumberText('7B', true) // => 7e9
 * @example parseNumberText('seven', true) // => undefined
 */
export function parseNumberText(text: string, quantity: boolean): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  if (!quantity) return undefined;
  const m = WITH_SUFFIX.exec(t);
  return m ? Number(m[1]) * SUFFIX[m[2]!.toLowerCase()]! : undefined;
}

/**
 * Formats a count compactly with a suffix, to three significant digits: 7e9 → `7B`, 1.4e12 → `1.4T`,
 * 3.2e21 → `3.2e21`. Rounding carries into the next unit: 999.9e6 → `1B`, not `1000M`.
 *
 * @example formatQuantity(6.9e9) // => '6.9B'
 */
export function formatQuantity(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  const rounded = Number(value.toPrecision(3));
  const a = Math.abs(rounded);
  if (a >= 1e15) return rounded.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, suffix] of units) {
    if (a >= scale) return `${trimNumber(rounded / scale)}${suffix}`;
  }
  return trimNumber(rounded);
}

function trimNumber(v: number): string {
  return String(Number(v.toPrecision(3)));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a `YYYY-MM-DD` calendar date (a real day: no 2023-02-30) and returns it unchanged,
 * or `undefined` when it is not one.
 *
 * @example parseIsoDate('2024-02-29') // => '2024-02-29'
 * @example parseIsoDate('2023-02-29') // => undefined
 */
export function parseIsoDate(text: string): string | undefined {
  const t = text.trim();
  const m = DATE.exec(t);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days ? t : undefined;
}
