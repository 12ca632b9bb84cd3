/**
 * COD's difficulty feature (Xu et al. 2026, §3.1 and App. A): for each item, the vector of its pass
 * rates over the ladder models in order of increasing compute. Only ladder models enter — never the
 * target or anchor models, which would leak what is being predicted.
 *
 * Items that no ladder model solves (an all-zero vector) are dropped before clustering and reported:
 * zero on small models says nothing about the large one, and they would pull down a low but non-zero
 * cluster (App. A.1). Items that lack a score for some ladder model are dropped and reported too,
 * since a feature vector with holes cannot be placed.
 */
import type { ItemMatrix } from '../data/types.js';

/** Difficulty features of one benchmark. */
export interface DifficultyFeatures {
  benchmark: string;
  /** Ladder models, in the order of the feature dimensions (increasing compute). */
  ladder: string[];
  /** Row-major `items.length × ladder.length` pass rates in [0, 1]. */
  features: Float64Array;
  /** Row index in the matrix of each feature row. */
  items: Int32Array;
  /** Rows left out because no ladder model solved them. */
  unsolved: Int32Array;
  /** Rows left out because some ladder model has no score on them. */
  incomplete: Int32Array;
}

/**
 * Builds the features of `matrix` over `ladder` (model names, already sorted by compute).
 *
 * @throws RangeError when a ladder model is not a column of the matrix
 * @example difficultyFeatures(gsm8k, ['sim-122M', 'sim-238M', …]).features // item-major pass rates
 */
export function difficultyFeatures(matrix: ItemMatrix, ladder: readonly string[]): DifficultyFeatures {
  const cols = ladder.map((m) => {
    const j = matrix.models.indexOf(m);
    if (j < 0) throw new RangeError(`ladder model "${m}" has no scores on ${matrix.benchmark}`);
    return j;
  });
  const d = cols.length;
  const nM = matrix.models.length;
  const keep: number[] = [];
  const unsolved: number[] = [];
  const incomplete: number[] = [];
  for (let i = 0; i < matrix.items.length; i++) {
    let any = false;
    let complete = true;
    for (const j of cols) {
      const v = matrix.scores[i * nM + j]!;
      if (Number.isNaN(v)) complete = false;
      else if (v > 0) any = true;
    }
    if (!complete) incomplete.push(i);
    else if (!any) unsolved.push(i);
    else keep.push(i);
  }
  const features = new Float64Array(keep.length * d);
  keep.forEach((i, r) => {
    for (let k = 0; k < d; k++) features[r * d + k] = matrix.scores[i * nM + cols[k]!]!;
  });
  return {
    benchmark: matrix.benchmark,
    ladder: [...ladder],
    features,
    items: Int32Array.from(keep),
    unsolved: Int32Array.from(unsolved),
    incomplete: Int32Array.from(incomplete),
  };
}

/**
 * The variance-stabilised features (2/π)·asin(√p), still in [0, 1] (0 and 1 stay put, so 0/1 scores
 * are unchanged). The sampling sd of a pass rate over k trials, √(p(1−p)/k), shrinks toward 0 and 1;
 * after the transform it is about 1/(π√k) everywhere, so a Euclidean distance counts sampling
 * noise alike at every difficulty instead of crowding hard items (low pass rates over the ladder,
 * whose curves part only beyond it) into one ball of the bandwidth.
 *
 * @example arcsineFeatures(Float64Array.of(0, 0.25, 1)) // => [0, 1/3, 1]
 */
export function arcsineFeatures(features: Float64Array): Float64Array {
  return features.map((p) => (2 / Math.PI) * Math.asin(Math.sqrt(p)));
}
