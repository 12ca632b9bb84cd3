/**
 * Why a capacity-density analysis cannot be made at all (as opposed to a per-model warning): a
 * reference too small to fit, a reference model without size or score, bad options. The command
 * line reports it like bad input (exit code 2).
 *
 * @example throw new DensityInputError('too-few-reference-models', 'the reference has 2 models; …')
 */

/** Kinds of {@link DensityInputError}. */
export type DensityInputErrorCode = 'too-few-reference-models' | 'bad-reference' | 'bad-option' | 'scale-mismatch' | 'no-dates';

/** The data or options cannot support a density analysis. */
export class DensityInputError extends Error {
  constructor(
    readonly code: DensityInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DensityInputError';
  }
}
