/**
 * Clamping of scores and probabilities.
 *
 * @example clip01(1.2); // 1
 */

/**
 * `v` clamped to [0, 1] (a score, an accuracy or a probability). NaN stays NaN.
 *
 * @example clip01(-0.05); // 0
 */
export const clip01 = (v: number): number => Math.min(1, Math.max(0, v));
