/**
 * Input checks and duplicate merging for the points of an accuracy mapping.
 *
 * Every coordinate is an accuracy, so it must be a finite number in [0, 1]; weights must be finite
 * and > 0. A bad input throws a `RangeError` that names the point (the command-line layer turns it
 * into a clear message). Points whose x values coincide (closer than {@link DUPLICATE_TOLERANCE})
 * are merged into one point at their weighted mean x with the weighted mean y and the summed
 * weight: the weighted least-squares objective of a smoothing spline is then unchanged up to a
 * constant, and the knots stay strictly increasing.
 */

/** A data point with an optional weight (default 1). */
export interface WeightedPoint {
  x: number;
  y: number;
  weight?: number;
}

/** Merged points, sorted by x, as parallel arrays. */
export interface MergedPoints {
  x: number[];
  y: number[];
  w: number[];
}

/**
 * x values closer than this are the same point. Accuracies on a benchmark of N items differ by at
 * least 1/N, far more than 1e-9 for any real benchmark.
 */
export const DUPLICATE_TOLERANCE = 1e-9;

/**
 * Whether v is a number in [0, 1] (so not NaN and not infinite).
 *
 * @example isUnitNumber(0.3) // true
 * @example isUnitNumber(Number.NaN) // false
 */
export function isUnitNumber(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v <= 1;
}

/**
 * Throw a `RangeError` unless every point has x and y in [0, 1] and a weight that is finite and
 * > 0 (when given).
 *
 * @example checkUnitPoints([{ x: 0.2, y: NaN }]) // throws "point 1: y = NaN is not an accuracy in [0, 1]"
 * @param points the points.
 * @param label how to name a point in messages (with its 1-based position).
 */
export function checkUnitPoints(points: readonly WeightedPoint[], label = 'point'): void {
  if (!Array.isArray(points)) throw new RangeError(`${label}s must be an array`);
  points.forEach((p, i) => {
    const at = `${label} ${i + 1}`;
    if (p === null || typeof p !== 'object') throw new RangeError(`${at} is not an object with x and y`);
    if (!isUnitNumber(p.x)) throw new RangeError(`${at}: x = ${String(p.x)} is not an accuracy in [0, 1]`);
    if (!isUnitNumber(p.y)) throw new RangeError(`${at}: y = ${String(p.y)} is not an accuracy in [0, 1]`);
    if (p.weight !== undefined && !(typeof p.weight === 'number' && p.weight > 0 && Number.isFinite(p.weight))) {
      throw new RangeError(`${at}: weight = ${String(p.weight)} must be a finite number > 0`);
    }
  });
}

/**
 * Sort points by x and merge those with (nearly) equal x: weighted mean x and y, summed weight.
 *
 * @example mergeDuplicates([{ x: 0.5, y: 0.4 }, { x: 0.5, y: 0.6, weight: 3 }]) // { x: [0.5], y: [0.55], w: [4] }
 */
export function mergeDuplicates(points: readonly WeightedPoint[]): MergedPoints {
  const sorted = points
    .map((p, i) => ({ x: p.x, y: p.y, w: p.weight ?? 1, i }))
    .sort((a, b) => a.x - b.x || a.i - b.i);
  const out: MergedPoints = { x: [], y: [], w: [] };
  let groupStart = 0;
  for (let i = 0; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i]!.x - sorted[groupStart]!.x <= DUPLICATE_TOLERANCE) continue;
    if (i > groupStart) {
      let sw = 0;
      let sx = 0;
      let sy = 0;
      for (let k = groupStart; k < i; k++) {
        const p = sorted[k]!;
        sw += p.w;
        sx += p.w * p.x;
        sy += p.w * p.y;
      }
      out.x.push(i - groupStart === 1 ? sorted[groupStart]!.x : sx / sw);
      out.y.push(i - groupStart === 1 ? sorted[groupStart]!.y : sy / sw);
      out.w.push(sw);
    }
    groupStart = i;
  }
  return out;
}
