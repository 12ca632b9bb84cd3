/**
 * A seeded set of training runs whose final loss follows a Chinchilla law plus Gaussian noise — the
 * embedded example for the Chinchilla chart when no real runs are at hand. The default law is Epoch
 * AI's published fit (Besiroglu et al. 2024): E 1.8172, A 482.01, B 2085.43, α 0.3478, β 0.3658.
 *
 *   L(N, D) = E + A/N^α + B/D^β + ε,  ε ~ N(0, noise²)
 *
 * @example simulateChinchillaRuns({ seed: 1 }).length // => 30 (6 sizes × 5 token ratios)
 */
import { createRandom } from '../core/random.js';
import { chinchilla, type ChinchillaParams } from './laws/chinchilla.js';

/** The law and the grid of runs. */
export interface ChinchillaRunsConfig {
  seed: number;
  params: ChinchillaParams;
  /** Model sizes N. */
  sizes: number[];
  /** Tokens per parameter D/N of each size's runs. */
  ratios: number[];
  /** Noise sd in nats/token. */
  noise: number;
}

/** Epoch AI's published Chinchilla fit. */
export const EPOCH_CHINCHILLA_FIT = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };

const DEFAULTS: ChinchillaRunsConfig = {
  seed: 1,
  params: EPOCH_CHINCHILLA_FIT,
  sizes: [4e7, 1e8, 3e8, 1e9, 3e9, 1e10],
  ratios: [5, 10, 20, 40, 80],
  noise: 0.01,
};

/** The runs: N, D and the noisy loss. */
export function simulateChinchillaRuns(config: Partial<ChinchillaRunsConfig> = {}): { N: number; D: number; loss: number }[] {
  const c = { ...DEFAULTS, ...config };
  const rng = createRandom(c.seed);
  const p = c.params;
  return c.sizes.flatMap((N) =>
    c.ratios.map((r) => {
      const D = N * r;
      return { N, D, loss: chinchilla.evaluate([p.E, p.A, p.B, p.alpha, p.beta], [N, D]) + rng.normal(0, c.noise) };
    }),
  );
}
