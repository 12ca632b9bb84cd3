/** The markers around section 0 of docs/validation.md, which validation/corpusEvaluation.ts writes and codValidation.ts keeps. */
export const EVALUATE_START = '<!-- evaluate:start -->';
export const EVALUATE_END = '<!-- evaluate:end -->';
