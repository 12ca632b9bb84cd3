/**
 * The Huber loss and its derivative: the robust loss of Chinchilla's "Approach 3" fit.
 *
 *     huber_δ(r) = ½r²            if |r| ≤ δ
 *                = δ·(|r| − ½δ)    otherwise,
 *
 * quadratic near 0 and linear in the tails, so large residuals pull on the fit with a bounded force
 * (the derivative is r clipped to [−δ, δ]). Hoffmann et al. 2022 and Besiroglu et al. 2024 (Epoch
 * AI) minimise Σᵢ huber_δ(log L̂ᵢ − log Lᵢ) with δ = 1e-3; `fitProblem.ts` builds that objective
 * and `lbfgs.ts` minimises it.
 *
 * @see P. J. Huber, "Robust estimation of a location parameter", Ann. Math. Statist. 35(1), 1964.
 */

/**
 * The Huber loss
 *
 *     huber_δ(r) = ½r²            if |r| ≤ δ
 *                = δ·(|r| − ½δ)    otherwise,
 *
 * quadratic near 0 and linear in the tails, continuous with a continuous first derivative. It is
 * `scipy.special.huber(delta, r)` (note the argument order there), which Epoch AI's Chinchilla
 * replication uses with δ = 1e-3: huber is +∞ for δ < 0 and 0 for δ = 0; NaN propagates.
 *
 * @example
 * huber(0.5, 1); // => 0.125
 * huber(3, 1);   // => 2.5   (1·(3 − 0.5))
 * @see P. J. Huber, "Robust estimation of a location parameter", Ann. Math. Statist. 35(1), 1964.
 */
export function huber(r: number, delta: number): number {
  if (delta < 0) return Infinity;
  const a = Math.abs(r);
  if (a <= delta) return 0.5 * r * r;
  return delta * (a - 0.5 * delta);
}

/**
 * The derivative of {@link huber} with respect to r:
 *
 *     huber_δ′(r) = r          if |r| ≤ δ
 *                 = δ·sign(r)  otherwise,
 *
 * i.e. r clipped to [−δ, δ]. NaN for δ < 0 (where the loss is +∞) or r = NaN.
 *
 * @example
 * huberDerivative(0.5, 1);  // => 0.5
 * huberDerivative(-3, 1);   // => -1
 */
export function huberDerivative(r: number, delta: number): number {
  if (!(delta >= 0)) return NaN;
  if (r > delta) return delta;
  if (r < -delta) return -delta;
  return r;
}
