/**
 * Errors and warnings of the fitting engine.
 *
 * A {@link FitDataError} means the data cannot support the fit at all (fewer points than free
 * parameters, non-finite values, inputs outside the law's domain); the command line reports it like
 * bad input (exit code 2). A {@link FitWarning} travels with a fit that was made but deserves doubt.
 */

import { UserError } from '../core/userError.js';

/** Why data cannot be fitted. */
export type FitDataErrorCode = 'too-few-points' | 'non-finite' | 'domain' | 'bad-option';

/** The data (or the options) cannot support the requested fit. */
export class FitDataError extends UserError {
  constructor(
    readonly code: FitDataErrorCode,
    message: string,
  ) {
    super(code === 'bad-option' ? 'usage' : 'degenerate', message);
    this.name = 'FitDataError';
  }
}

/** Kinds of doubt about a fit. */
export type FitWarningCode =
  | 'flat-data'
  | 'not-converged'
  | 'at-bound'
  | 'unidentifiable'
  | 'no-dof'
  | 'few-starts-agree'
  | 'bootstrap-failures'
  | 'extrapolation';

/** A doubt about a fit, in words a user can act on. */
export interface FitWarning {
  code: FitWarningCode;
  message: string;
}
