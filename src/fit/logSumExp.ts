/**
 * The log-sum-exp function LSE(v) = log Σᵢ exp(vᵢ), evaluated without overflow or underflow.
 *
 * The Chinchilla loss in log space is LSE(a − α·log N, b − β·log D, e) (Hoffmann et al. 2022,
 * Besiroglu et al. 2024), whose naive evaluation overflows for large arguments.
 *
 * @see P. Blanchard, D. J. Higham & N. J. Higham, "Accurately computing the log-sum-exp and
 *   softmax functions", IMA J. Numer. Anal. 41(4):2311–2330, 2021.
 */

/**
 * log Σᵢ exp(vᵢ), computed stably as m + log1p(Σ_{i≠k} exp(vᵢ − m)) with m = v_k = maxᵢ vᵢ, so
 * it neither overflows for huge arguments nor underflows to log 0 for very negative ones.
 *
 * Special cases: an empty list gives −Infinity (log 0); any NaN gives NaN; a +Infinity gives
 * +Infinity; all −Infinity gives −Infinity.
 *
 * Its gradient is the softmax: ∂LSE/∂vᵢ = exp(vᵢ − LSE(v)).
 *
 * @example
 * logSumExp([0, 0]);       // => Math.LN2
 * logSumExp([1000, 1000]); // => 1000 + Math.LN2   (the naive formula gives Infinity)
 * logSumExp([-1000]);      // => -1000
 */
export function logSumExp(values: ArrayLike<number>): number {
  const n = values.length;
  let max = -Infinity;
  let argmax = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) return NaN;
    if (v > max) {
      max = v;
      argmax = i;
    }
  }
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = 0; i < n; i++) if (i !== argmax) sum += Math.exp(values[i]! - max);
  return max + Math.log1p(sum);
}
