import { describe, expect, it } from 'vitest';
import { twoStepPrediction } from '../../src/predict/twoStep.js';

describe('twoStepPrediction', () => {
  const compute = [1e19, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22];
  const lossOf = (c: number) => 0.6 + 40 * c ** -0.07;
  const accOf = (l: number) => 0.75 / (1 + Math.exp(4 * (l - 1.4))) + 0.25;

  it('chains an exact loss law and an exact sigmoid', () => {
    const losses = compute.map(lossOf);
    const scores = losses.map(accOf);
    const p = twoStepPrediction(compute, losses, scores, 1e24, { anchorPerfect: false });
    expect(p.prediction!).toBeCloseTo(accOf(lossOf(1e24)), 4);
    expect(p.interval![0]).toBeLessThanOrEqual(p.prediction!);
    expect(p.interval![1]).toBeGreaterThanOrEqual(p.prediction!);
  });

  it('explains when there are too few models', () => {
    const p = twoStepPrediction([1e20, 1e21], [2, 1.8], [0.3, 0.4], 1e24, { anchorPerfect: false });
    expect(p.prediction).toBeNull();
    expect(p.reason).toMatch(/free parameters but there are 2 points/);
  });
});
