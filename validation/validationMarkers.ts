/** The markers around section 0 of docs/validation.md, which validation/corpusEvaluation.ts writes and codValidation.ts keeps. */
export const EVALUATE_START = '<!-- evaluate:start -->';
export const EVALUATE_END = '<!-- evaluate:end -->';

/** The markers around section 8 of docs/validation.md (runs in progress), which validation/monitorValidation.ts writes. */
export const MONITOR_START = '<!-- monitor:start -->';
export const MONITOR_END = '<!-- monitor:end -->';
