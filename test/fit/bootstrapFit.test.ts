import { describe, expect, it } from 'vitest';
import { bootstrapBands, bootstrapFit, bootstrapFitParallel } from '../../src/fit/bootstrapFit.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { linearLogCompute, powerLawOffset } from '../../src/fit/laws/index.js';
import { createRandom } from '../../src/core/random.js';

function noisyLine(n: number, seed: number) {
  const rng = createRandom(seed);
  const x = Float64Array.from({ length: n }, (_, i) => 10 ** (19 + (4 * i) / (n - 1)));
  const y = x.map((v) => -2 + 0.11 * Math.log10(v) + rng.normal(0, 0.01));
  return { x: [x], y };
}

describe('bootstrapFit', () => {
  const data = noisyLine(30, 3);
  const fit = fitLaw(linearLogCompute, data);

  it('is deterministic for a seed and differs between seeds', () => {
    const a = bootstrapFit(linearLogCompute, data, fit, {}, { samples: 200, seed: 5 });
    const b = bootstrapFit(linearLogCompute, data, fit, {}, { samples: 200, seed: 5 });
    const c = bootstrapFit(linearLogCompute, data, fit, {}, { samples: 200, seed: 6 });
    expect(a.draws).toEqual(b.draws);
    expect(a.draws).not.toEqual(c.draws);
    expect(a.succeeded).toBe(200);
  });

  it('gives the same replicates on worker threads as in one thread', async () => {
    const one = bootstrapFit(linearLogCompute, data, fit, {}, { samples: 120, seed: 9 });
    const two = await bootstrapFitParallel(linearLogCompute, data, fit, {}, { samples: 120, seed: 9, threads: 2 });
    expect(two.draws).toEqual(one.draws);
    expect(two.residualDraws).toEqual(one.residualDraws);
  });

  it('agrees with the analytic standard errors of a regression (pairs and residuals)', () => {
    for (const method of ['pairs', 'residuals'] as const) {
      const boot = bootstrapFit(linearLogCompute, data, fit, {}, { samples: 2000, seed: 1, method });
      expect(boot.standardErrors[1]! / fit.standardErrors[1]!).toBeGreaterThan(0.85);
      expect(boot.standardErrors[1]! / fit.standardErrors[1]!).toBeLessThan(1.15);
    }
  });

  it('gives bands whose prediction interval contains the confidence band', () => {
    const boot = bootstrapFit(linearLogCompute, data, fit, {}, { samples: 500, seed: 2, method: 'residuals' });
    const [band] = bootstrapBands(linearLogCompute, fit, boot, [[1e25]]);
    expect(band!.prediction[0]).toBeLessThan(band!.confidence[0]);
    expect(band!.prediction[1]).toBeGreaterThan(band!.confidence[1]);
    expect(band!.confidence[0]).toBeLessThan(band!.value);
    expect(band!.confidence[1]).toBeGreaterThan(band!.value);
  });

  it('covers the truth at about the nominal rate for a nonlinear law', () => {
    // 40 seeded datasets from y = 1.7 + 400·x^(−0.3); 90% percentile intervals of α. With additive
    // noise, resampled residuals fit the assumptions; with multiplicative (heteroscedastic) noise
    // only resampled pairs do.
    const coverage = (method: 'pairs' | 'residuals', noise: 'additive' | 'multiplicative') => {
      let covered = 0;
      for (let s = 0; s < 40; s++) {
        const rng = createRandom(100 + s);
        const x = Float64Array.from({ length: 12 }, (_, i) => 10 ** (6 + (4 * i) / 11));
        const y = x.map((v) => {
          const f = 1.7 + 400 * v ** -0.3;
          return noise === 'additive' ? f + rng.normal(0, 0.03) : f * (1 + rng.normal(0, 0.01));
        });
        const d = { x: [x], y };
        const f = fitLaw(powerLawOffset, d);
        const boot = bootstrapFit(powerLawOffset, d, f, {}, { samples: 200, seed: s, method, level: 0.9 });
        const [lo, hi] = boot.intervals[2]!;
        if (lo <= 0.3 && 0.3 <= hi) covered++;
      }
      return covered / 40;
    };
    expect(coverage('residuals', 'additive')).toBeGreaterThan(0.75);
    expect(coverage('pairs', 'multiplicative')).toBeGreaterThan(0.75);
  });
});
