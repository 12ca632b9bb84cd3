/**
 * `pop-curve`: the shape of a benchmark's curve borrowed from the other models scored on it.
 *
 * A ladder of a few models says little about how a benchmark's score bends beyond its largest
 * model; the other families scored on the same benchmark, larger ones among them, say more. Every
 * other model's score is read in the logit of the score above chance, z = logit((y − g)/(h − g))
 * (empirical logit: {@link empiricalLogit}), against log10 of its parameter count, and a local-linear
 * smoother f through these points gives the population's curve. The ladder keeps its own level —
 * families differ in how far up the curve a given size sits — and takes the population's rise:
 *
 *   z_target = z_last + f(log10 N_target) − f(log10 N_last),
 *
 * with N_last the largest ladder model, mapped back to a score. The smoother is a kernel-weighted
 * line (Gaussian weights of bandwidth w decades) around each point; w is chosen from a fixed grid
 * by leave-one-out cross-validation on the other models alone (Hastie, Tibshirani & Friedman, The
 * Elements of Statistical Learning, §6.1.1 and §7.10), so nothing about the target enters it.
 *
 * It needs at least {@link MIN_POPULATION} other models with sizes, at least two of them as large
 * as the ladder's largest model; otherwise it refuses, saying why. It gives no interval of its own.
 *
 * @example populationCurvePrediction(others, { params: 7e9, score: 0.45 }, 14e9, { floor: 0, ceiling: 1 })
 */
import type { ScoreBounds } from './bounds.js';
import type { MethodPrediction } from './endToEnd.js';
import { DEFAULT_ITEMS, empiricalLogit } from './empiricalLogit.js';

/** Fewest other models a borrowed curve is fitted to. */
export const MIN_POPULATION = 8;

/** Bandwidths (decades of parameters) the cross-validation chooses from. */
export const BANDWIDTHS = [0.25, 0.35, 0.5, 0.7, 1, 1.5] as const;

/** One model of the population: its size and score. */
export interface PopulationPoint {
  params: number;
  score: number;
}

/** The local-linear fit at x0 through (x, z) with Gaussian weights of bandwidth w, leaving out index `skip`. */
function localLinear(x: readonly number[], z: readonly number[], x0: number, w: number, skip = -1): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let t0 = 0;
  let t1 = 0;
  for (let i = 0; i < x.length; i++) {
    if (i === skip) continue;
    const d = x[i]! - x0;
    const k = Math.exp(-0.5 * (d / w) ** 2);
    s0 += k;
    s1 += k * d;
    s2 += k * d * d;
    t0 += k * z[i]!;
    t1 += k * d * z[i]!;
  }
  const det = s0 * s2 - s1 * s1;
  // Too few points carry weight for a slope: the weighted mean.
  if (!(det > 1e-12 * s0 * s0)) return s0 > 0 ? t0 / s0 : Number.NaN;
  return (s2 * t0 - s1 * t1) / det;
}

/** The bandwidth of {@link BANDWIDTHS} with the least leave-one-out squared error. */
export function crossValidatedBandwidth(x: readonly number[], z: readonly number[]): number {
  let best: number = BANDWIDTHS[0];
  let bestErr = Infinity;
  for (const w of BANDWIDTHS) {
    let err = 0;
    for (let i = 0; i < x.length; i++) {
      const f = localLinear(x, z, x[i]!, w, i);
      err += Number.isFinite(f) ? (f - z[i]!) ** 2 : 1e6;
    }
    if (err < bestErr - 1e-12) {
      best = w;
      bestErr = err;
    }
  }
  return best;
}

/**
 * Predicts the target from the ladder's largest model and the population's curve.
 *
 * @param population the other models' sizes and scores on this benchmark (never the target's)
 * @param last the ladder's largest model
 * @param items the benchmark's number of items, for the empirical logit @default 1000
 */
export function populationCurvePrediction(population: readonly PopulationPoint[], last: PopulationPoint, targetParams: number, bounds: ScoreBounds, items = DEFAULT_ITEMS): MethodPrediction {
  const method = 'pop-curve';
  const none = (reason: string): MethodPrediction => ({ method, prediction: null, interval: null, reason, warnings: [] });
  if (population.length < MIN_POPULATION) {
    return none(`${population.length} other model${population.length === 1 ? '' : 's'} with a known size scored this benchmark; a borrowed curve needs at least ${MIN_POPULATION}`);
  }
  const larger = population.filter((p) => p.params >= last.params).length;
  if (larger < 2) return none(`the other models scored on this benchmark reach no further than the ladder (${larger} as large as its largest model; 2 needed)`);
  const span = bounds.ceiling - bounds.floor;
  const z = (y: number) => empiricalLogit((y - bounds.floor) / span, items).z;
  const xs = population.map((p) => Math.log10(p.params));
  const zs = population.map((p) => z(p.score));
  const w = crossValidatedBandwidth(xs, zs);
  const rise = localLinear(xs, zs, Math.log10(targetParams), w) - localLinear(xs, zs, Math.log10(last.params), w);
  if (!Number.isFinite(rise)) return none('the population curve is undefined at these sizes');
  const zt = z(last.score) + rise;
  return { method, prediction: bounds.floor + span / (1 + Math.exp(-zt)), interval: null, warnings: [] };
}
