/**
 * The empirical logit of a proportion: a score p on n items read as k = p·n successes,
 *
 *   z = ln((k + ½)/(n − k + ½)),  Var(z) ≈ 1/(k + ½) + 1/(n − k + ½)
 *
 * (Cox 1970, "The Analysis of Binary Data", §3.2). Unlike logit(p) it is finite at 0 and 1, and a
 * score at the floor sits at a level set by the benchmark's resolution (a zero on 30 items is less
 * certain than a zero on 3,000).
 *
 * @example empiricalLogit(0, 30).z // => ln(0.5/30.5) ≈ −4.11
 */

/** Items assumed for a benchmark known only by its aggregate score. */
export const DEFAULT_ITEMS = 1000;

/** The empirical logit of a proportion p out of n, and its variance. */
export function empiricalLogit(p: number, n: number): { z: number; variance: number } {
  const k = Math.min(n, Math.max(0, p * n));
  return { z: Math.log((k + 0.5) / (n - k + 0.5)), variance: 1 / (k + 0.5) + 1 / (n - k + 0.5) };
}
