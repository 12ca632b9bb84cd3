import { describe, expect, it } from 'vitest';
import { endToEndPrediction } from '../../src/predict/endToEnd.js';
import { simulateLadder } from '../../src/simulate/simulateLadder.js';
import { modelMeans } from '../../src/data/summarizeDataset.js';

const compute = [1e19, 4e19, 1.6e20, 6.4e20, 2.6e21, 1e22];

describe('endToEndPrediction', () => {
  it('recovers an exact straight line in log-compute', () => {
    const y = compute.map((c) => -1.9 + 0.1 * Math.log10(c));
    const p = endToEndPrediction('e2e-linear', compute, y, 1e24);
    expect(p.prediction!).toBeCloseTo(-1.9 + 2.4, 10);
  });

  it('recovers an exact COD-law curve with the guess floor held fixed', () => {
    const law = (c: number) => 0.25 + 0.75 * Math.exp(-40 * (c / 1e18) ** -0.3 - 0.1);
    const p = endToEndPrediction('e2e-cod', compute, compute.map(law), 1e24, 0.25);
    expect(p.prediction!).toBeCloseTo(law(1e24), 6);
    expect(p.fit!.fixed).toEqual([false, false, false, true]);
  });

  it('says why it cannot predict from a ladder too short for the law', () => {
    const p = endToEndPrediction('e2e-cod', compute.slice(0, 3), [0.2, 0.3, 0.4], 1e24);
    expect(p.prediction).toBeNull();
    expect(p.reason).toContain('4 free parameters but there are 3 points');
    // The line still works on three models.
    expect(endToEndPrediction('e2e-linear', compute.slice(0, 3), [0.2, 0.3, 0.4], 1e24).prediction).not.toBeNull();
  });

  it('refuses to extrapolate flat scores', () => {
    const p = endToEndPrediction('e2e-linear', compute, compute.map(() => 0.25), 1e24);
    expect(p.prediction).toBeNull();
    expect(p.reason).toContain('no trend');
  });

  it('gives predictions in [0, 1] with an interval around them on a simulated ladder', () => {
    const sim = simulateLadder({ seed: 2 });
    const ladder = sim.models.filter((m) => m.role === 'ladder');
    const target = sim.models.find((m) => m.role === 'target')!;
    for (const m of sim.scores) {
      const { means } = modelMeans(m);
      const y = ladder.map((l) => means[m.models.indexOf(l.model)]!);
      for (const method of ['e2e-cod', 'e2e-logistic', 'e2e-linear'] as const) {
        const p = endToEndPrediction(method, ladder.map((l) => l.compute), y, target.compute, m.benchmark === 'sim-mc' ? 0.25 : 0);
        if (p.prediction === null) continue;
        expect(p.prediction).toBeGreaterThanOrEqual(0);
        expect(p.prediction).toBeLessThanOrEqual(1);
        if (p.interval) {
          expect(p.interval[0]).toBeLessThanOrEqual(p.prediction);
          expect(p.interval[1]).toBeGreaterThanOrEqual(p.prediction);
        }
      }
    }
  });
});

describe('endToEndPrediction refuses steps', () => {
  it('gives no prediction from scores that leave the floor at one model only', () => {
    for (const method of ['e2e-cod', 'e2e-logistic'] as const) {
      const p = endToEndPrediction(method, [1e19, 1e20, 1e21, 1e22, 3e22], [0, 0, 0, 0, 0.017], 1e23, 0);
      expect(p.prediction, method).toBeNull();
      expect(p.reason).toContain('a step fitted to one point');
    }
    // The straight line still answers.
    expect(endToEndPrediction('e2e-linear', [1e19, 1e20, 1e21, 1e22, 3e22], [0, 0, 0, 0, 0.017], 1e23).prediction).not.toBeNull();
  });
});
