/**
 * The one rule for what counts as a score, shared by every reader: a fraction in [0, 1], or with
 * `percent` a percentage in [0, 100] (divided by 100). A value in (1, 100] without `percent` gets
 * its own error with a hint, since a file of percentages is the most common mistake. The opposite
 * mistake, `percent` on a file of fractions, is caught per file by {@link PercentFileCheck}.
 */
import { InputError, locationText, type InputLocation } from '../io/inputError.js';

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

/**
 * Catches `percent` on a file whose scores are already fractions: fed every score of one file as
 * read (before dividing), it fails when all of them are within [0, 1] and at least one is neither 0
 * nor 1 (a file of 0/1 scores cannot tell fractions from percentages, so it passes).
 *
 * @example
 * const check = new PercentFileCheck();
 * check.add(0.61, { file: 'a.csv', line: 2 });
 * check.finish('a.csv', true); // throws InputError `looks-like-fractions`
 */
export class PercentFileCheck {
  private allWithinOne = true;
  private example: { value: number; where: InputLocation } | undefined;

  /** Records one score as read (not yet divided by 100). */
  add(value: number, where: InputLocation): void {
    if (!this.allWithinOne) return;
    if (value > 1 || value < 0) this.allWithinOne = false;
    else if (this.example === undefined && value !== 0 && value !== 1) this.example = { value, where };
  }

  /**
   * @param percent whether the scores were read as percentages; nothing is checked otherwise
   * @param option how the user asked for percentages, for the message
   * @throws InputError `looks-like-fractions` naming `file`, when `percent` is set and every score
   *   added is within [0, 1], not all of them 0 or 1
   */
  finish(file: string, percent: boolean, option = '--percent'): void {
    if (!percent || !this.allWithinOne || this.example === undefined) return;
    const e = this.example;
    throw new InputError({
      code: 'looks-like-fractions',
      file,
      message: `every score in this file is within [0, 1] (e.g. ${e.value} at ${locationText(e.where.file, e.where.line)}): the scores are already fractions in [0, 1] and ${option} would divide them by 100 again`,
      expected: `percentages in [0, 100] with ${option}`,
      hint: `leave out ${option} for this file`,
    });
  }
}
