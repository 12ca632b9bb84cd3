/**
 * A seeded population of models whose capacity density grows at a known rate, for testing the
 * density pipeline end to end:
 *
 * - a reference family of sizes N_r scoring exactly f(N_r) = g + (1 − g)·σ(k·(log10 N_r − m));
 * - models released uniformly between two dates, with log-uniform sizes N and true density
 *     ln ρ = A·t + B − gap·|z|,  z ~ N(0, 1),  t = days since the origin,
 *   so that the frontier ln ρ_max(t) = A·t + B and most models sit below it;
 * - each model's score f(ρ·N) plus Gaussian noise, clipped to [0, 1].
 *
 * @example
 * const pop = simulateDensityPopulation({ seed: 3 });
 * pop.truth.doublingDays; // ln 2 / A
 */
import { clip01 } from '../core/clamp.js';
import { createRandom } from '../core/random.js';
import { addDays, daysSince } from './densingLaw.js';

/** Configuration of {@link simulateDensityPopulation}. */
export interface DensitySimulationConfig {
  seed: number;
  /** A, per day. @default ln 2 / 110 (doubling every 110 days) */
  slope: number;
  /** B: ln ρ_max at the origin. @default ln 0.05 */
  intercept: number;
  /** t = 0. @default '2023-02-24' */
  origin: string;
  /** Release dates are drawn uniformly in [from, to]. */
  from: string;
  to: string;
  /** Number of models. @default 60 */
  models: number;
  /** Sizes are log-uniform in this range. @default [5e8, 3e10] */
  sizes: [number, number];
  /** Reference family sizes. */
  referenceSizes: number[];
  /** Reference curve: floor g, steepness k per decade, midpoint m = log10 N. */
  curve: { floor: number; k: number; m: number };
  /** Spread of the gap below the frontier, in ln ρ. @default 0.8 */
  gap: number;
  /** Score noise (sd). @default 0.005 */
  noise: number;
}

/** The defaults of {@link simulateDensityPopulation}. */
export const DEFAULT_DENSITY_SIMULATION: DensitySimulationConfig = {
  seed: 1,
  slope: Math.LN2 / 110,
  intercept: Math.log(0.05),
  origin: '2023-02-24',
  from: '2023-03-01',
  to: '2025-06-30',
  models: 60,
  sizes: [5e8, 3e10],
  referenceSizes: [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 7e10],
  curve: { floor: 0.25, k: 0.9, m: 10.8 },
  gap: 0.8,
  noise: 0.005,
};

/** A simulated model (the reference models have density 1 and the origin as their date). */
export interface SimulatedDensityModel {
  model: string;
  family: string;
  params: number;
  releaseDate: string;
  score: number;
  trueDensity: number;
}

/** A simulated population and its truth. */
export interface DensityPopulation {
  config: DensitySimulationConfig;
  reference: SimulatedDensityModel[];
  models: SimulatedDensityModel[];
  truth: { slope: number; intercept: number; doublingDays: number };
}

/** f(N) of the configuration's reference curve. */
export function simulatedReferenceScore(curve: DensitySimulationConfig['curve'], params: number): number {
  return curve.floor + (1 - curve.floor) / (1 + Math.exp(-curve.k * (Math.log10(params) - curve.m)));
}

/**
 * Generates the population (pure and deterministic in the configuration).
 *
 * @example simulateDensityPopulation({ seed: 2, slope: Math.LN2 / 90 }).models.length // => 60
 */
export function simulateDensityPopulation(config: Partial<DensitySimulationConfig> = {}): DensityPopulation {
  const cfg: DensitySimulationConfig = { ...DEFAULT_DENSITY_SIMULATION, ...config };
  const rng = createRandom(cfg.seed);
  const reference = cfg.referenceSizes.map((n) => ({
    model: `ref-${(n / 1e9).toPrecision(2)}B`,
    family: 'ref',
    params: n,
    releaseDate: cfg.origin,
    score: simulatedReferenceScore(cfg.curve, n),
    trueDensity: 1,
  }));
  const t0 = daysSince(cfg.origin, cfg.from);
  const t1 = daysSince(cfg.origin, cfg.to);
  const [lo, hi] = cfg.sizes.map(Math.log10) as [number, number];
  const models: SimulatedDensityModel[] = [];
  for (let i = 0; i < cfg.models; i++) {
    const t = Math.round(rng.uniform(t0, t1));
    const params = 10 ** rng.uniform(lo, hi);
    const rho = Math.exp(cfg.slope * t + cfg.intercept - cfg.gap * Math.abs(rng.normal()));
    const score = clip01(simulatedReferenceScore(cfg.curve, rho * params) + rng.normal(0, cfg.noise));
    models.push({ model: `m${String(i + 1).padStart(3, '0')}`, family: 'sim', params, releaseDate: addDays(cfg.origin, t), score, trueDensity: rho });
  }
  return { config: cfg, reference, models, truth: { slope: cfg.slope, intercept: cfg.intercept, doublingDays: Math.LN2 / cfg.slope } };
}
