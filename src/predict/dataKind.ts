/**
 * What kind of scores a benchmark has on a ladder, which decides what can be learnt from them:
 *
 * - `greedy`: per-item 0/1 results, one answer per item (lm-eval style);
 * - `sampled`: per-item pass rates over several samples (k ≥ 2 on most ladder cells), which resolve
 *   an item's difficulty between 0 and 1;
 * - `aggregate`: benchmark-level scores only.
 *
 * @example dataKind(matrix, ['q-0.5B', 'q-1.8B']) // => 'sampled' when most cells average ≥ 2 samples
 */
import type { ItemMatrix } from '../data/types.js';

/** The kinds of benchmark data. */
export type DataKind = 'greedy' | 'sampled' | 'aggregate';

/** Every kind, in the order reports list them. */
export const DATA_KINDS: readonly DataKind[] = ['greedy', 'sampled', 'aggregate'];

/**
 * The kind of a benchmark's scores on the given models: `aggregate` without a matrix; otherwise
 * `sampled` when the median trial count over the models' scored cells is at least 2, else `greedy`.
 */
export function dataKind(matrix: ItemMatrix | null, models: readonly string[]): DataKind {
  if (matrix === null) return 'aggregate';
  if (matrix.trials === null) return 'greedy';
  return medianTrials(matrix, models) >= 2 ? 'sampled' : 'greedy';
}

/** Median trial count over the scored cells of the given models (1 where no counts are known). */
export function medianTrials(matrix: ItemMatrix, models: readonly string[]): number {
  const trials = matrix.trials;
  if (trials === null) return 1;
  const nM = matrix.models.length;
  const cols = models.map((m) => matrix.models.indexOf(m)).filter((j) => j >= 0);
  const counts = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < matrix.items.length; i++) {
    for (const j of cols) {
      const t = trials[i * nM + j]!;
      if (t === 0) continue;
      counts.set(t, (counts.get(t) ?? 0) + 1);
      n++;
    }
  }
  if (n === 0) return 1;
  let seen = 0;
  for (const t of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(t)!;
    if (seen >= n / 2) return t;
  }
  return 1;
}
