/**
 * How accurate a set of predictions is, in the terms `scalecast evaluate` reports: mean, median and
 * largest absolute error, the share within 2 and 5 points, and how often the 95% interval held the
 * real score (over the predictions that had one), with its mean width. Errors and widths are
 * fractions of the score's range (0.01 = one accuracy point).
 *
 * @example accuracySummary([{ prediction: 0.5, interval: [0.4, 0.6], actual: 0.52 }]) // => { n: 1, mae: 0.02, … coverage: 1 }
 */

/** One prediction with its real score. */
export interface ScoredPrediction {
  prediction: number | null;
  interval: [number, number] | null;
  actual: number;
}

/** The accuracy of a set of predictions. */
export interface AccuracySummary {
  /** Predictions made (those with a value). */
  n: number;
  /** Predictions asked for, made or not. */
  cases: number;
  mae: number | null;
  median: number | null;
  max: number | null;
  /** Share of predictions within 0.02 and 0.05 of the real score. */
  within2: number | null;
  within5: number | null;
  /** Predictions with an interval, and the share of them that held the real score. */
  intervals: number;
  coverage: number | null;
  /** Mean width of those intervals. */
  meanWidth: number | null;
}

/** Summarises predictions; a prediction of null counts in `cases` only. */
export function accuracySummary(items: readonly ScoredPrediction[]): AccuracySummary {
  const errors: number[] = [];
  let covered = 0;
  let intervals = 0;
  let width = 0;
  for (const p of items) {
    if (p.prediction === null) continue;
    errors.push(Math.abs(p.prediction - p.actual));
    if (p.interval !== null) {
      intervals++;
      width += p.interval[1] - p.interval[0];
      if (p.interval[0] <= p.actual && p.actual <= p.interval[1]) covered++;
    }
  }
  const n = errors.length;
  const sorted = [...errors].sort((a, b) => a - b);
  const median = n === 0 ? null : n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const share = (t: number) => (n === 0 ? null : errors.filter((e) => e <= t + 1e-12).length / n);
  return {
    n,
    cases: items.length,
    mae: n === 0 ? null : errors.reduce((a, e) => a + e, 0) / n,
    median,
    max: n === 0 ? null : sorted[n - 1]!,
    within2: share(0.02),
    within5: share(0.05),
    intervals,
    coverage: intervals === 0 ? null : covered / intervals,
    meanWidth: intervals === 0 ? null : width / intervals,
  };
}

/** Ladder lengths as the breakdown reports them. */
export function ladderLengthBucket(n: number): string {
  if (n <= 3) return '3';
  if (n <= 5) return '4–5';
  if (n <= 9) return '6–9';
  return '10+';
}

/** Extrapolation ratios as the breakdown reports them. */
export function ratioBucket(ratio: number): string {
  if (ratio <= 2) return '≤ 2×';
  if (ratio <= 4) return '2–4×';
  if (ratio <= 8) return '4–8×';
  return '> 8×';
}

/** The order the buckets are listed in. */
export const LADDER_LENGTH_BUCKETS = ['3', '4–5', '6–9', '10+'] as const;
export const RATIO_BUCKETS = ['≤ 2×', '2–4×', '4–8×', '> 8×'] as const;
