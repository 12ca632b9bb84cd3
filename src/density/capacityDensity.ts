/**
 * Capacity density of every model on one benchmark (Densing Law, §2): ρ = N̂ / N, the effective
 * parameter size against a reference curve over the model's own parameter count. ρ > 1 means the
 * model does what a larger reference model does.
 *
 * Per-model problems are warnings, not errors: no parameter count (no density), a score below the
 * benchmark's chance level by more than 5 points (a sign of another scale — normalized scores, or a
 * percentage divided twice), a score beyond what the reference reaches (a bound on ρ instead of a
 * value). A model that is itself a reference model is flagged.
 *
 * @example
 * const ref = fitReferenceCurve(points, { floor: 0.25 });
 * capacityDensity(ref, [{ model: 'x-7B', params: 7e9, score: 0.62 }])[0].density // e.g. 1.9
 */
import { effectiveParams, type EffectiveParams } from './effectiveParams.js';
import type { ReferenceCurve } from './referenceCurve.js';

/** A model to place against the reference. */
export interface DensityModel {
  model: string;
  family?: string;
  /** Parameters N; missing or ≤ 0 gives no density. */
  params?: number;
  /** Release date, YYYY-MM-DD. */
  releaseDate?: string;
  /** Score in [0, 1]. */
  score: number;
}

/** One model's density. */
export interface ModelDensity {
  model: string;
  family: string | null;
  params: number | null;
  releaseDate: string | null;
  score: number;
  /** The model is one of the reference models. */
  reference: boolean;
  effective: EffectiveParams | null;
  /** ρ = N̂ / N (status `ok`), else null. */
  density: number | null;
  densityInterval: [number, number] | null;
  /** For a score outside the reference's reach: ρ < value (`upper`) or ρ > value (`lower`). */
  densityBound: { side: 'upper' | 'lower'; value: number } | null;
  warnings: string[];
}

/** Points below the chance level by more than this suggest another score scale. */
const BELOW_CHANCE = 0.05;

/**
 * Densities of `models` against `curve`.
 *
 * @example capacityDensity(ref, models).filter((m) => m.density !== null)
 */
export function capacityDensity(curve: ReferenceCurve, models: readonly DensityModel[]): ModelDensity[] {
  const referenceNames = new Set(curve.points.map((p) => p.model));
  return models.map((m) => {
    const warnings: string[] = [];
    const base: ModelDensity = {
      model: m.model,
      family: m.family ?? null,
      params: m.params ?? null,
      releaseDate: m.releaseDate ?? null,
      score: m.score,
      reference: referenceNames.has(m.model),
      effective: null,
      density: null,
      densityInterval: null,
      densityBound: null,
      warnings,
    };
    if (curve.floor > 0 && m.score < curve.floor - BELOW_CHANCE) {
      warnings.push(
        `score ${m.score.toFixed(4)} is below the chance level ${curve.floor} by more than ${BELOW_CHANCE}: is it on another scale than the reference (normalized scores, a percentage divided twice)?`,
      );
    }
    const eff = effectiveParams(curve, m.score);
    base.effective = eff;
    if (eff.reason !== undefined) warnings.push(eff.reason);
    if (!(m.params !== undefined && m.params > 0)) {
      warnings.push('no parameter count (or not > 0): no density');
      return base;
    }
    if (eff.status === 'ok') {
      base.density = eff.value! / m.params;
      base.densityInterval = eff.interval === null ? null : [eff.interval[0] / m.params, eff.interval[1] / m.params];
    } else {
      base.densityBound = { side: eff.status === 'below-floor' ? 'upper' : 'lower', value: eff.bound! / m.params };
    }
    return base;
  });
}
