/**
 * Step (d) of COD: the map f: Acc(predictable subset) → Acc(full benchmark), fitted on the ladder
 * models' (subset, full) accuracies, the fixed points (0, 0) and (1, 1), and compatible anchor
 * models (Xu et al., arXiv 2502.17262v4, §3.4 and App. C.3). The prediction for a target is
 * f(subset prediction), see {@link applySubsetToFullMap}.
 *
 * Procedure:
 *
 * 1. **Ladder-only map** f_L from the ladder points and the fixed endpoints.
 * 2. **Anchor compatibility**: each anchor is kept or rejected by {@link assessAnchor} (ordering
 *    consistent with the ladder everywhere; within the tolerance max(3 × RMSE(f_L), 0.02) of f_L
 *    inside the ladder's subset range).
 * 3. **Refit** with the ladder and the compatible anchors. Without anchors (or with none
 *    compatible) the map is f_L.
 *
 * Each fit is chosen by the number of *distinct* points with subset accuracy strictly inside
 * (0, 1) (points at 0 or 1 coincide with the fixed endpoints and carry no shape information):
 *
 * - **≥ 3 → `'spline'`**: the monotone cubic smoothing spline with λ lowered until RMSE < 0.005
 *   ({@link fitMonotoneSpline}), the paper's map.
 * - **1 or 2 → `'power'`**: f(s) = s^γ with γ > 0 fitted by least squares ({@link fitPowerMap}).
 *   Reason: with the endpoints fixed, one or two interior points leave a spline nothing to smooth —
 *   the λ search just interpolates them and the curve between and beyond them is decided by slope
 *   heuristics, not data. The one-parameter power family is monotone, smooth and exact at (0, 0)
 *   and (1, 1) for every γ, and bends one way, as subset→full curves do.
 * - **0 → `'identity'`**: f(s) = s, the only map the endpoints alone support (and the limit of the
 *   smoothing spline as λ → ∞).
 *
 * Every fallback, rejected anchor, missed RMSE target, out-of-order data and endpoint conflict is
 * reported in `warnings` as a sentence. The result is plain JSON-serialisable data.
 */
import { assessAnchor, defaultAnchorTolerance, type AnchorAssessment, type SubsetFullPair } from './anchorCompatibility.js';
import { DUPLICATE_TOLERANCE, isUnitNumber, mergeDuplicates } from './mappingPoints.js';
import {
  DEFAULT_RMSE_TARGET,
  evaluateSpline,
  fitMonotoneSpline,
  type MonotoneSpline,
  type MonotoneSplineOptions,
} from './monotoneSmoothingSpline.js';
import { fitPowerMap, GAMMA_MAX, GAMMA_MIN } from './powerMap.js';

export type { AnchorAssessment, SubsetFullPair } from './anchorCompatibility.js';

/** Which map was fitted. */
export type SubsetToFullMapKind = 'spline' | 'power' | 'identity';

/** Options of {@link fitSubsetToFullMap}. */
export interface SubsetToFullMapOptions {
  /** RMSE target of the spline's λ search (default 0.005, the paper's T). */
  rmseTarget?: number;
  /** Anchor tolerance τ; default max(3 × ladder-only RMSE, 0.02). */
  anchorTolerance?: number;
  /** Further options of the spline's λ search. */
  spline?: Omit<MonotoneSplineOptions, 'rmseTarget'>;
}

/** A point the map was fitted to. */
export interface MapPoint {
  model?: string;
  subset: number;
  full: number;
  role: 'ladder' | 'anchor';
}

/** Summary of one fit (the ladder-only fit or the final one). */
export interface MapFitSummary {
  kind: SubsetToFullMapKind;
  rmse: number;
  lambda?: number;
  gamma?: number;
}

/** The fitted subset→full map (plain data). */
export interface SubsetToFullMap {
  kind: SubsetToFullMapKind;
  /** Why this kind of map was used. */
  reason: string;
  /** The spline (kind 'spline'). */
  spline?: MonotoneSpline;
  /** The exponent of f(s) = s^γ (kind 'power'). */
  gamma?: number;
  /** RMSE of the map over the points it was fitted to (0 when there are none). */
  rmse: number;
  rmseTarget: number;
  /** Whether rmse < rmseTarget. */
  reachedTarget: boolean;
  /** The points fitted: the ladder, then the anchors used. Endpoints not included. */
  points: MapPoint[];
  /** Distinct subset accuracies strictly inside (0, 1) among `points`. */
  distinctInteriorPoints: number;
  /** The ladder-only map f_L used to assess anchors. */
  ladderOnly: MapFitSummary;
  /** τ used for the anchors. */
  anchorTolerance: number;
  anchorsUsed: AnchorAssessment[];
  anchorsRejected: AnchorAssessment[];
  /** Fallbacks, rejected anchors, missed target, out-of-order data, endpoint conflicts. */
  warnings: string[];
}

interface StageFit {
  kind: SubsetToFullMapKind;
  reason: string;
  spline?: MonotoneSpline;
  gamma?: number;
  rmse: number;
  reachedTarget: boolean;
  distinct: number;
  warnings: string[];
}

const fmt = (v: number) => (Math.round(v * 10000) / 10000).toString();
const nameOf = (p: SubsetFullPair, fallback: string) => p.model ?? fallback;

/**
 * Minimum number of distinct points with subset accuracy inside (0, 1) for the spline; with fewer
 * the power map (≥ 1) or the identity (0) is used.
 */
export const MIN_SPLINE_POINTS = 3;

function checkPairs(pairs: readonly SubsetFullPair[], label: string): void {
  if (!Array.isArray(pairs)) throw new RangeError(`the ${label} points must be an array`);
  pairs.forEach((p, i) => {
    const at = `${label} point ${i + 1}${typeof p?.model === 'string' ? ` (${p.model})` : ''}`;
    if (p === null || typeof p !== 'object') throw new RangeError(`${at} is not an object with subset and full accuracies`);
    if (!isUnitNumber(p.subset)) throw new RangeError(`${at}: subset accuracy ${String(p.subset)} is not a number in [0, 1]`);
    if (!isUnitNumber(p.full)) throw new RangeError(`${at}: full accuracy ${String(p.full)} is not a number in [0, 1]`);
    if (p.weight !== undefined && !(typeof p.weight === 'number' && p.weight > 0 && Number.isFinite(p.weight))) {
      throw new RangeError(`${at}: weight ${String(p.weight)} must be a finite number > 0`);
    }
  });
}

function distinctInterior(pairs: readonly SubsetFullPair[]): number {
  const merged = mergeDuplicates(pairs.map((p) => ({ x: p.subset, y: p.full })));
  return merged.x.filter((x) => x > DUPLICATE_TOLERANCE && x < 1 - DUPLICATE_TOLERANCE).length;
}

function fitStage(pairs: readonly SubsetFullPair[], options: SubsetToFullMapOptions, rmseTarget: number): StageFit {
  const warnings: string[] = [];
  const distinct = distinctInterior(pairs);
  const withWeight = (p: SubsetFullPair) => (p.weight !== undefined ? { weight: p.weight } : {});
  if (distinct >= MIN_SPLINE_POINTS) {
    const spline = fitMonotoneSpline(
      pairs.map((p) => ({ x: p.subset, y: p.full, ...withWeight(p) })),
      { ...options.spline, rmseTarget },
    );
    if (!spline.reachedTarget) {
      warnings.push(
        `the spline's RMSE ${fmt(spline.rmse)} stays at or above the target ${rmseTarget} down to the smallest smoothing tried (λ = ${spline.lambda.toExponential(2)}): the points are noisier than the target or out of order`,
      );
    }
    if (spline.isotonicAdjusted) {
      warnings.push('the (subset, full) points are not in increasing order: the monotone fit pooled the out-of-order values');
    }
    return {
      kind: 'spline',
      reason: `${distinct} distinct points with subset accuracy inside (0, 1): monotone cubic smoothing spline`,
      spline,
      rmse: spline.rmse,
      reachedTarget: spline.reachedTarget,
      distinct,
      warnings,
    };
  }
  if (distinct >= 1) {
    const fit = fitPowerMap(pairs.map((p) => ({ s: p.subset, y: p.full, ...withWeight(p) })));
    const reason = `only ${distinct} distinct point${distinct === 1 ? '' : 's'} with subset accuracy inside (0, 1) (the spline needs ${MIN_SPLINE_POINTS}): power map f(s) = s^γ, γ = ${fmt(fit.gamma)}, fitted by least squares`;
    warnings.push(reason);
    if (fit.atBound) warnings.push(`γ stopped at the bound of [${GAMMA_MIN}, ${GAMMA_MAX}]: the points ask for a more extreme bend`);
    return { kind: 'power', reason, gamma: fit.gamma, rmse: fit.rmse, reachedTarget: fit.rmse < rmseTarget, distinct, warnings };
  }
  const reason = 'no point with subset accuracy inside (0, 1): identity map f(s) = s';
  warnings.push(reason);
  const rmse = fitPowerMap(pairs.map((p) => ({ s: p.subset, y: p.full, ...withWeight(p) }))).rmse; // γ = 1
  return { kind: 'identity', reason, rmse, reachedTarget: rmse < rmseTarget, distinct, warnings };
}

function evaluateStage(fit: Pick<StageFit, 'kind' | 'spline' | 'gamma'>, s: number): number {
  if (fit.kind === 'spline') return evaluateSpline(fit.spline!, s);
  if (fit.kind === 'power') return s ** fit.gamma!;
  return s;
}

function endpointConflicts(pairs: readonly SubsetFullPair[], role: string): string[] {
  const out: string[] = [];
  pairs.forEach((p, i) => {
    const name = nameOf(p, `${role} point ${i + 1}`);
    if (p.subset <= DUPLICATE_TOLERANCE && p.full > 0) {
      out.push(`${name} has subset accuracy 0 but full accuracy ${fmt(p.full)}: the map is held at (0, 0), so it keeps a residual of ${fmt(p.full)}`);
    }
    if (p.subset >= 1 - DUPLICATE_TOLERANCE && p.full < 1) {
      out.push(`${name} has subset accuracy 1 but full accuracy ${fmt(p.full)}: the map is held at (1, 1), so it keeps a residual of ${fmt(1 - p.full)}`);
    }
  });
  return out;
}

/**
 * Fit the subset→full map from the ladder's pairs and the anchors' pairs (procedure and fallbacks
 * in the module comment). Throws a `RangeError` when an accuracy is not a number in [0, 1] or a
 * weight is not finite and > 0.
 *
 * @example
 * const map = fitSubsetToFullMap(
 *   [{ model: 'm1', subset: 0.2, full: 0.15 }, { model: 'm2', subset: 0.4, full: 0.32 }, { model: 'm3', subset: 0.6, full: 0.5 }],
 *   [{ model: 'big', subset: 0.85, full: 0.78 }],
 * );
 * map.kind;                          // 'spline'
 * map.anchorsUsed[0].model;          // 'big'
 * applySubsetToFullMap(map, 0.7);    // between 0.5 and 0.78
 * @param ladder the ladder models' (subset, full) accuracies.
 * @param anchors anchor models' (subset, full) accuracies (may be empty).
 * @param options RMSE target, anchor tolerance, λ search.
 */
export function fitSubsetToFullMap(
  ladder: readonly SubsetFullPair[],
  anchors: readonly SubsetFullPair[] = [],
  options: SubsetToFullMapOptions = {},
): SubsetToFullMap {
  checkPairs(ladder, 'ladder');
  checkPairs(anchors, 'anchor');
  const rmseTarget = options.rmseTarget ?? DEFAULT_RMSE_TARGET;
  if (!(rmseTarget > 0) || !Number.isFinite(rmseTarget)) throw new RangeError(`rmseTarget must be a finite number > 0, got ${rmseTarget}`);
  if (options.anchorTolerance !== undefined && !(options.anchorTolerance >= 0 && Number.isFinite(options.anchorTolerance))) {
    throw new RangeError(`anchorTolerance must be a finite number ≥ 0, got ${options.anchorTolerance}`);
  }

  const ladderFit = fitStage(ladder, options, rmseTarget);
  const tolerance = options.anchorTolerance ?? defaultAnchorTolerance(ladderFit.rmse);
  const assessed = anchors.map((a, i) =>
    assessAnchor({ ...a, model: nameOf(a, `anchor ${i + 1}`) }, ladder, (s) => evaluateStage(ladderFit, s), tolerance),
  );
  const used = assessed.filter((a) => a.compatible);
  const rejected = assessed.filter((a) => !a.compatible);
  const usedPairs = anchors.filter((_, i) => assessed[i]!.compatible);
  const finalPairs = [...ladder, ...usedPairs];
  const fit = usedPairs.length > 0 ? fitStage(finalPairs, options, rmseTarget) : ladderFit;

  const warnings: string[] = [];
  if (usedPairs.length > 0 && ladderFit.kind !== fit.kind) {
    warnings.push(`ladder only: ${ladderFit.reason}; with ${usedPairs.length} anchor${usedPairs.length === 1 ? '' : 's'}: ${fit.reason}`);
    warnings.push(...fit.warnings.filter((w) => w !== fit.reason));
  } else warnings.push(...fit.warnings);
  warnings.push(...endpointConflicts(ladder, 'ladder'), ...endpointConflicts(usedPairs, 'anchor'));
  for (const r of rejected) warnings.push(`anchor ${r.model} left out: ${r.reason}`);
  for (const u of used) {
    if (!u.insideLadderRange && Math.abs(u.residual) > tolerance) {
      warnings.push(
        `anchor ${u.model} is ${fmt(Math.abs(u.residual))} from the ladder-only map's extrapolation at subset accuracy ${fmt(u.subset)}: used, and it bends the map where the ladder has no points`,
      );
    }
  }

  const points: MapPoint[] = [
    ...ladder.map((p) => ({ ...(p.model !== undefined ? { model: p.model } : {}), subset: p.subset, full: p.full, role: 'ladder' as const })),
    ...usedPairs.map((p, i) => ({ model: nameOf(p, used[i]!.model!), subset: p.subset, full: p.full, role: 'anchor' as const })),
  ];
  const summary = (f: StageFit): MapFitSummary => ({
    kind: f.kind,
    rmse: f.rmse,
    ...(f.spline ? { lambda: f.spline.lambda } : {}),
    ...(f.gamma !== undefined ? { gamma: f.gamma } : {}),
  });
  return {
    kind: fit.kind,
    reason: fit.reason,
    ...(fit.spline ? { spline: fit.spline } : {}),
    ...(fit.gamma !== undefined ? { gamma: fit.gamma } : {}),
    rmse: fit.rmse,
    rmseTarget,
    reachedTarget: fit.reachedTarget,
    points,
    distinctInteriorPoints: fit.distinct,
    ladderOnly: summary(ladderFit),
    anchorTolerance: tolerance,
    anchorsUsed: used,
    anchorsRejected: rejected,
    warnings,
  };
}

/**
 * Map a subset accuracy to a full-benchmark accuracy with a fitted map. Throws a `RangeError` when
 * s is not a number in [0, 1]. f(0) = 0 and f(1) = 1 exactly, for every kind.
 *
 * @example applySubsetToFullMap({ kind: 'power', gamma: 0.5 } as SubsetToFullMap, 0.25) // 0.5
 */
export function applySubsetToFullMap(map: Pick<SubsetToFullMap, 'kind' | 'spline' | 'gamma'>, s: number): number {
  if (!isUnitNumber(s)) throw new RangeError(`subset accuracy ${String(s)} is not a number in [0, 1]`);
  return evaluateStage(map, s);
}
