/**
 * codPrediction end to end on a simulated benchmark: clustering a sample of a large benchmark
 * (sizes, warning, closeness to clustering everything, determinism) and the short-ladder refusal.
 */
import { describe, expect, it } from 'vitest';
import { simulateLadder } from '../../src/simulate/simulateLadder.js';
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

describe('codPrediction clustering in the arcsine space', () => {
  // Every item in a COD-law cluster: the error left is the pipeline's own. Clustering raw pass rates
  // merges hard clusters that overlap on the ladder and part at the target (1.5 points mean over these
  // seeds); the arcsine space separates them (0.71, as good as the generator's true clusters: 0.72).
  const errors = Array.from({ length: 10 }, (_, i) => {
    const seed = i + 1;
    const sim = simulateLadder({ seed, kindShares: { cluster: 1, emergent: 0, unsolvable: 0, noisy: 0 }, benchmarks: [{ name: 'p', guess: 0, trials: 100, items: 1200 }] });
    const ladder = sim.models.filter((m) => m.role === 'ladder').map((m) => ({ model: m.model, x: m.compute }));
    const target = sim.models.find((m) => m.role === 'target')!;
    const anchor = sim.models.find((m) => m.role === 'anchor')!;
    const truth = sim.expected.find((e) => e.model === target.model)!.accuracy;
    const r = codPrediction(sim.scores[0]!, ladder, target.compute, { anchors: [anchor.model], seed, bootstrap: 0, jackknife: false, clusterSpace: 'arcsine' });
    return Math.abs(r.prediction.prediction! - truth);
  });

  it('predicts an all-predictable benchmark within 1 point on average over 10 worlds', () => {
    expect(errors.reduce((s, e) => s + e, 0) / errors.length).toBeLessThan(0.009);
    expect(errors.filter((e) => e <= 0.01).length).toBeGreaterThanOrEqual(7);
  });

  it('leaves 0/1 scores as they are', () => {
    const sim = simulateLadder({ seed: 2 });
    const ladder = sim.models.filter((m) => m.role === 'ladder').map((m) => ({ model: m.model, x: m.compute }));
    const target = sim.models.find((m) => m.role === 'target')!;
    const mc = sim.scores.find((m) => m.benchmark === 'sim-mc')!;
    const options = { bootstrap: 0, jackknife: false } as const;
    expect(codPrediction(mc, ladder, target.compute, { ...options, clusterSpace: 'arcsine' }).prediction.prediction).toBe(codPrediction(mc, ladder, target.compute, options).prediction.prediction);
  });
});

describe('COD on greedy 0/1 items', () => {
  it('is refused on one 0/1 answer per item, even from 5 models, and runs on sampled pass rates', () => {
    const sim = simulateLadder({ seed: 5, benchmarks: [{ name: 'mc', guess: 0.25, trials: 1, items: 400 }, { name: 'gen', guess: 0, trials: 20, items: 400 }] });
    const ladder = sim.models.filter((m) => m.role === 'ladder').slice(-5).map((m) => ({ model: m.model, x: m.compute }));
    const target = sim.models.find((m) => m.role === 'target')!;
    const greedy = codPrediction(sim.scores.find((s) => s.benchmark === 'mc')!, ladder, target.compute, { bootstrap: 0, jackknife: false });
    expect(greedy.prediction.prediction).toBeNull();
    expect(greedy.prediction.reason).toMatch(/one 0\/1 result per model: over 5 ladder models .* one of 32 answer patterns/);
    const sampled = codPrediction(sim.scores.find((s) => s.benchmark === 'gen')!, ladder, target.compute, { bootstrap: 0, jackknife: false });
    expect(sampled.prediction.reason ?? '').not.toMatch(/answer patterns/);
  });
});
