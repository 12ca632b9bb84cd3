/**
 * Why a capacity-density analysis cannot be made at all (as opposed to a per-model warning): a
 * reference too small to fit, a reference model without size or score, bad options. The command
 * line reports it like bad input (exit code 2).
 *
 * @example throw new DensityInputError('too-few-reference-models', 'the reference has 2 models; …')
 */

import { UserError } from '../core/userError.js';

/** Kinds of {@link DensityInputError}. */
export type DensityInputErrorCode = 'too-few-reference-models' | 'bad-reference' | 'bad-option' | 'scale-mismatch' | 'no-dates';

/** The data or options cannot support a density analysis. */
export class DensityInputError extends UserError {
  constructor(
    readonly code: DensityInputErrorCode,
    message: string,
  ) {
    super(code === 'bad-option' ? 'usage' : 'degenerate', message);
    this.name = 'DensityInputError';
  }
}
