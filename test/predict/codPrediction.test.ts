/**
 * codPrediction end to end on a simulated benchmark: clustering a sample of a large benchmark
 * (sizes, warning, closeness to clustering everything, determinism) and the short-ladder refusal.
 */
import { describe, expect, it } from 'vitest';
import { simulateLadder } from '../../src/data/simulateLadder.js';
import { codPrediction } from '../../src/predict/codPrediction.js';

describe('codPrediction on a benchmark larger than the cluster sample', () => {
  const sim = simulateLadder({ seed: 4, kindShares: { cluster: 1, emergent: 0, unsolvable: 0, noisy: 0 }, benchmarks: [{ name: 'b', guess: 0, trials: 100, items: 3000 }] });
  const ladder = sim.models.filter((m) => m.role === 'ladder').map((m) => ({ model: m.model, x: m.compute }));
  const target = sim.models.find((m) => m.role === 'target')!;
  const truth = sim.expected.find((e) => e.model === target.model)!.accuracy;
  const options = { bootstrap: 0, jackknife: false } as const;
  const whole = codPrediction(sim.scores[0]!, ladder, target.compute, { ...options, clusterSample: 10_000 });
  const sampled = codPrediction(sim.scores[0]!, ladder, target.compute, { ...options, clusterSample: 1500, seed: 2 });

  it('clusters the sample only and says so', () => {
    const solved = whole.diagnostics!.items - whole.diagnostics!.unsolved - whole.diagnostics!.incomplete;
    expect(whole.diagnostics!.clustered).toBe(solved);
    expect(sampled.diagnostics!.clustered).toBe(1500);
    expect(sampled.prediction.warnings.some((w) => /seeded sample of 1500/.test(w))).toBe(true);
    expect(whole.prediction.warnings.some((w) => /seeded sample/.test(w))).toBe(false);
  });

  it('predicts within 1.5 points of clustering everything, and both within 3 points of the truth', () => {
    expect(Math.abs(sampled.prediction.prediction! - whole.prediction.prediction!)).toBeLessThan(0.015);
    expect(Math.abs(whole.prediction.prediction! - truth)).toBeLessThan(0.03);
    expect(Math.abs(sampled.prediction.prediction! - truth)).toBeLessThan(0.03);
  });

  it('gives the same prediction for the same seed', () => {
    const again = codPrediction(sim.scores[0]!, ladder, target.compute, { ...options, clusterSample: 1500, seed: 2 });
    expect(again.prediction.prediction).toBe(sampled.prediction.prediction);
  });

  it('refuses a ladder of fewer than 5 models, with the reason', () => {
    const r = codPrediction(sim.scores[0]!, ladder.slice(0, 4), target.compute, options);
    expect(r.prediction.prediction).toBeNull();
    expect(r.prediction.reason).toMatch(/needs at least 5 models/);
  });
});
