/**
 * The one rule for what counts as a score, shared by every reader: a fraction in [0, 1], or with
 * `percent` a percentage in [0, 100] (divided by 100). A value in (1, 100] without `percent` gets
 * its own error with a hint, since a file of percentages is the most common mistake.
 */
import { InputError, type InputLocation } from '../io/inputError.js';

/**
 * Checks and scales a score.
 *
 * @param value the number as read
 * @param percent the input holds percentages
 * @param what names the value in messages ("score", "score of Qwen1.5-7B")
 * @param where the location for an error
 * @param found the text as read, for the message (default: `String(value)`)
 * @throws InputError `not-finite` (NaN, or a number too large for a double), `looks-like-percent` or
 *   `out-of-range`
 * @example checkScoreValue(87.5, true, 'score', { file: 'a.csv' }) // => 0.875
 */
export function checkScoreValue(value: number, percent: boolean, what: string, where: InputLocation, found = String(value)): number {
  if (!Number.isFinite(value)) {
    const message = Number.isNaN(value) ? `${what} is not a finite number` : `${what} is too large to be a finite number`;
    throw new InputError({ ...where, code: 'not-finite', message, expected: percent ? 'a percentage in [0, 100]' : 'a number in [0, 1]', found });
  }
  if (percent) {
    if (value >= 0 && value <= 100) return value / 100;
    throw new InputError({ ...where, code: 'out-of-range', message: `${what} is outside [0, 100]`, expected: 'a percentage in [0, 100]', found });
  }
  if (value >= 0 && value <= 1) return value;
  if (value > 1 && value <= 100) {
    throw new InputError({
      ...where,
      code: 'looks-like-percent',
      message: `${what} is above 1; the input seems to hold percentages`,
      expected: 'a fraction in [0, 1]',
      found,
      hint: 'if the scores are percentages, pass --percent to divide them by 100',
    });
  }
  throw new InputError({ ...where, code: 'out-of-range', message: `${what} is outside [0, 1]`, expected: 'a number in [0, 1]', found });
}
