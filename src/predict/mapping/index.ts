/**
 * Step (d) of COD, the subset→full accuracy map, and its building blocks: the penalised cubic
 * smoothing spline (Reinsch), weighted isotonic regression (PAVA), Fritsch–Carlson monotone cubic
 * Hermite curves, the power-map fallback and the anchor compatibility rule.
 */
export { applySubsetToFullMap, fitSubsetToFullMap, MIN_SPLINE_POINTS } from './subsetToFullMap.js';
export type { MapFitSummary, MapPoint, SubsetToFullMap, SubsetToFullMapKind, SubsetToFullMapOptions } from './subsetToFullMap.js';
export { assessAnchor, defaultAnchorTolerance } from './anchorCompatibility.js';
export type { AnchorAssessment, AnchorRejection, SubsetFullPair } from './anchorCompatibility.js';
export { DEFAULT_RMSE_TARGET, evaluateSpline, fitMonotoneSpline, inverseSpline, lambdaGrid } from './monotoneSmoothingSpline.js';
export type { MonotoneSpline, MonotoneSplineOptions } from './monotoneSmoothingSpline.js';
export { fitPowerMap, GAMMA_MAX, GAMMA_MIN } from './powerMap.js';
export type { PowerMapFit, PowerMapPoint } from './powerMap.js';
export { fitSmoothingSpline } from './smoothingSpline.js';
export type { NaturalCubicSpline } from './smoothingSpline.js';
export { isotonicRegression } from './isotonicRegression.js';
export type { IsotonicResult } from './isotonicRegression.js';
export { fritschCarlsonSlopes, inMonotoneRegion, limitSlopesFritschCarlson } from './fritschCarlson.js';
export type { LimitedSlopes } from './fritschCarlson.js';
export { evaluateHermite, inverseHermite } from './cubicHermite.js';
export type { PiecewiseCubicHermite } from './cubicHermite.js';
export { checkUnitPoints, DUPLICATE_TOLERANCE, isUnitNumber, mergeDuplicates } from './mappingPoints.js';
export type { MergedPoints, WeightedPoint } from './mappingPoints.js';
export { solveBandedSpd } from './solveBandedSpd.js';
