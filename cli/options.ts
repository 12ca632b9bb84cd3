/**
 * Commander parsers for option values: every option is checked the same way when the command line
 * is read, before any work, and a bad value ends in one line naming the option and what it takes.
 *
 * @example cmd.option('--seed <n>', 'seed', wholeNumber(0, 2 ** 32 - 1), 1)
 */
import { InvalidArgumentError } from 'commander';
import { parseQuantity } from '../src/io/quantity.js';

/** The largest seed: seeds are 32-bit. */
export const MAX_SEED = 2 ** 32 - 1;

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** A whole number written as plain decimal digits, in [min, max]. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const v = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!(v >= min && v <= max)) throw new InvalidArgumentError(`must be a whole number from ${grouped(min)} to ${grouped(max)}`);
    return v;
  };
}

/** A number (decimal or exponent notation) in [min, max]; `open` excludes the bounds. */
export function realNumber(min = -Infinity, max = Infinity, open = false): (value: string) => number {
  return (value) => {
    const v = value.trim() === '' ? Number.NaN : Number(value);
    const ok = Number.isFinite(v) && (open ? v > min && v < max : v >= min && v <= max);
    if (!ok) {
      const range = Number.isFinite(min) && Number.isFinite(max) ? ` ${open ? 'strictly between' : 'from'} ${min} ${open ? 'and' : 'to'} ${max}` : Number.isFinite(min) ? ` ${open ? 'above' : 'of at least'} ${min}` : Number.isFinite(max) ? ` ${open ? 'below' : 'of at most'} ${max}` : '';
      throw new InvalidArgumentError(`must be a number${range}`);
    }
    return v;
  };
}

/** A positive quantity as people write it: 70B, 1.4T, 3.8e24. */
export function positiveQuantity(value: string): number {
  const v = parseQuantity(value);
  if (v === undefined || !(v > 0) || !Number.isFinite(v)) throw new InvalidArgumentError('must be a positive number, e.g. 70B, 1.4e12 or 3.8e24');
  return v;
}

/** One of a fixed list of words. */
export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be ${values.slice(0, -1).join(', ')}${values.length > 1 ? ' or ' : ''}${values[values.length - 1]}`);
    return value as T;
  };
}

/** A comma-separated list of names, none empty. */
export function nameList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.length === 0 || names.some((n) => n === '')) throw new InvalidArgumentError('takes names separated by commas, none empty');
  return names;
}

/** Repeatable `name=value` with a value in [0, 1), collected into a record (e.g. --guess mmlu=0.25). */
export function guessPair(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^(.+)=([\d.]+)$/.exec(value.trim());
  const v = m ? Number(m[2]) : Number.NaN;
  if (!m || !(v >= 0 && v < 1)) throw new InvalidArgumentError('takes benchmark=value with a value in [0, 1), e.g. mmlu=0.25');
  return { ...previous, [m[1]!.trim()]: v };
}

/** Repeatable values collected into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
