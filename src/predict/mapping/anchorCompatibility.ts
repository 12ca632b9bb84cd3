/**
 * "Assess anchor compatibility" (COD paper, App. C.3): decide whether an anchor model — an
 * external model evaluated on both the predictable subset and the full benchmark — may join the
 * ladder's points in the subset→full map.
 *
 * The rule. Let f_L be the map fitted to the ladder and the fixed endpoints only, τ the tolerance
 * (default {@link defaultAnchorTolerance}: max(3 × f_L's RMSE, 0.02)), and (s, y) the anchor's
 * (subset, full) accuracies. The anchor is compatible when both hold:
 *
 * 1. **Ordering.** A monotone map must be able to pass near it: y ≥ max{yⱼ : sⱼ ≤ s} − τ and
 *    y ≤ min{yⱼ : sⱼ ≥ s} + τ over the ladder points and the endpoints (0, 0), (1, 1). An anchor
 *    that is better on the subset than a ladder model but clearly worse on the full benchmark (or
 *    the reverse) orders its questions differently from the ladder, which contradicts the premise
 *    of the mapping ("extrapolatable and non-extrapolatable samples … share question types, so their
 *    relative ordering is consistent").
 * 2. **Residual, inside the ladder's range.** When s lies within the ladder's subset accuracies
 *    [min sⱼ, max sⱼ], |y − f_L(s)| ≤ τ: there the ladder pins the map down and an anchor farther
 *    from it than the ladder's own scatter (3 RMSE) or two accuracy points comes from a model whose
 *    subset/full relation differs from the ladder's.
 *
 * Outside the ladder's range — the usual case, since the anchor is chosen near the target (the
 * paper uses Qwen2-72B for a 70B target) — f_L is itself an extrapolation and the anchor is there
 * precisely to correct it (the paper's MATH anchor moves the prediction from 44.0 to 48.8), so only
 * the ordering test applies; a large residual there is reported as a warning, not a rejection.
 */

/** A (subset accuracy, full accuracy) pair of one model. */
export interface SubsetFullPair {
  subset: number;
  full: number;
  /** Model name, used in messages. */
  model?: string;
  /** Weight in the fit (default 1). */
  weight?: number;
}

/** Why an anchor was rejected. */
export type AnchorRejection = 'ordering' | 'residual';

/** The verdict on one anchor. */
export interface AnchorAssessment {
  model?: string;
  subset: number;
  full: number;
  /** f_L(subset): the ladder-only map's value. */
  ladderMap: number;
  /** full − ladderMap. */
  residual: number;
  /** Whether subset lies within the ladder's subset accuracies. */
  insideLadderRange: boolean;
  compatible: boolean;
  /** Set when rejected. */
  rejection?: AnchorRejection;
  /** One sentence: why it was used or rejected. */
  reason: string;
}

/**
 * The default anchor tolerance τ = max(3 × ladder-only RMSE, 0.02): three times the ladder's own
 * scatter about its map, but never less than two accuracy points (a spline that meets the
 * paper's RMSE target 0.005 would otherwise reject anchors over sampling noise alone).
 *
 * @example defaultAnchorTolerance(0.004) // 0.02
 * @example defaultAnchorTolerance(0.01)  // 0.03
 */
export function defaultAnchorTolerance(ladderRmse: number): number {
  return Math.max(3 * ladderRmse, 0.02);
}

const fmt = (v: number) => (Math.round(v * 10000) / 10000).toString();

/**
 * Assess one anchor against the ladder points and the ladder-only map (rule in the module comment).
 *
 * @example
 * // Ladder on y = x; an anchor inside its range 0.1 off the map is rejected.
 * assessAnchor({ subset: 0.5, full: 0.6 }, [{ subset: 0.3, full: 0.3 }, { subset: 0.7, full: 0.7 }], (s) => s, 0.02).rejection // 'residual'
 * @param anchor the anchor's pair.
 * @param ladder the ladder's pairs.
 * @param ladderMap the ladder-only map f_L.
 * @param tolerance τ.
 */
export function assessAnchor(
  anchor: SubsetFullPair,
  ladder: readonly SubsetFullPair[],
  ladderMap: (s: number) => number,
  tolerance: number,
): AnchorAssessment {
  const { subset: s, full: y } = anchor;
  const predicted = ladderMap(s);
  const residual = y - predicted;
  const interior = ladder.filter((p) => p.subset > 0 && p.subset < 1).map((p) => p.subset);
  const inside = interior.length > 0 && s >= Math.min(...interior) && s <= Math.max(...interior);
  const base = {
    ...(anchor.model !== undefined ? { model: anchor.model } : {}),
    subset: s,
    full: y,
    ladderMap: predicted,
    residual,
    insideLadderRange: inside,
  };
  // 1. ordering against the ladder points and the endpoints
  let below: { full: number; name: string } = { full: 0, name: 'the fixed point (0, 0)' };
  let above: { full: number; name: string } = { full: 1, name: 'the fixed point (1, 1)' };
  ladder.forEach((p, i) => {
    const name = p.model ?? `ladder point ${i + 1}`;
    if (p.subset <= s && p.full > below.full) below = { full: p.full, name };
    if (p.subset >= s && p.full < above.full) above = { full: p.full, name };
  });
  if (y < below.full - tolerance) {
    return {
      ...base,
      compatible: false,
      rejection: 'ordering',
      reason: `its full accuracy ${fmt(y)} is below ${below.name}'s ${fmt(below.full)} by more than ${fmt(tolerance)} although its subset accuracy ${fmt(s)} is not lower: it orders the items differently from the ladder`,
    };
  }
  if (y > above.full + tolerance) {
    return {
      ...base,
      compatible: false,
      rejection: 'ordering',
      reason: `its full accuracy ${fmt(y)} is above ${above.name}'s ${fmt(above.full)} by more than ${fmt(tolerance)} although its subset accuracy ${fmt(s)} is not higher: it orders the items differently from the ladder`,
    };
  }
  // 2. residual inside the ladder's range
  if (inside && Math.abs(residual) > tolerance) {
    return {
      ...base,
      compatible: false,
      rejection: 'residual',
      reason: `at subset accuracy ${fmt(s)}, inside the ladder's range, its full accuracy ${fmt(y)} is ${fmt(Math.abs(residual))} from the ladder-only map's ${fmt(predicted)}, more than the tolerance ${fmt(tolerance)}`,
    };
  }
  return {
    ...base,
    compatible: true,
    reason: inside
      ? `inside the ladder's range and ${fmt(Math.abs(residual))} from the ladder-only map (tolerance ${fmt(tolerance)})`
      : `beyond the ladder's subset range and consistent with its ordering (${fmt(Math.abs(residual))} from the ladder-only map's extrapolation)`,
  };
}
