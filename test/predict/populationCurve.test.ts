/**
 * The borrowed population curve: on a population whose logit score is linear in log10 params, the
 * ladder's last model moves along that line; it refuses populations too small or too short.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { dataKind } from '../../src/predict/dataKind.js';
import { empiricalLogit } from '../../src/predict/empiricalLogit.js';
import { BANDWIDTHS, crossValidatedBandwidth, populationCurvePrediction } from '../../src/predict/populationCurve.js';
import type { ItemMatrix } from '../../src/data/types.js';

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

describe('empiricalLogit', () => {
  it('is finite at 0 and 1 and matches ln((k + ½)/(n − k + ½))', () => {
    expect(empiricalLogit(0, 30).z).toBeCloseTo(Math.log(0.5 / 30.5), 12);
    expect(empiricalLogit(1, 30).z).toBeCloseTo(Math.log(30.5 / 0.5), 12);
    expect(empiricalLogit(0.5, 100).z).toBeCloseTo(0, 12);
    expect(empiricalLogit(0.5, 100).variance).toBeCloseTo(2 / 50.5, 12);
  });
});

describe('populationCurvePrediction', () => {
  // z = −6 + 0.7·log10 N for the population; the ladder's family sits 0.4 above it.
  const curve = (n: number) => -6 + 0.7 * Math.log10(n) * 0.9;
  const rng = createRandom(3);
  const population = Array.from({ length: 40 }, () => {
    const params = 10 ** (8 + 3.5 * rng.next());
    return { params, score: sigmoid(curve(params)) };
  });

  it('moves the ladder along the population curve (exactly, for a curve linear in log params)', () => {
    const last = { params: 7e9, score: sigmoid(curve(7e9) + 0.4) };
    const p = populationCurvePrediction(population, last, 70e9, { floor: 0, ceiling: 1 }, 1e9);
    expect(p.prediction!).toBeCloseTo(sigmoid(curve(70e9) + 0.4), 3);
  });

  it('maps through the chance floor', () => {
    const pop = population.map((q) => ({ params: q.params, score: 0.25 + 0.75 * q.score }));
    const p = populationCurvePrediction(pop, { params: 7e9, score: 0.25 + 0.75 * sigmoid(curve(7e9)) }, 70e9, { floor: 0.25, ceiling: 1 }, 1e9);
    expect(p.prediction!).toBeCloseTo(0.25 + 0.75 * sigmoid(curve(70e9)), 3);
  });

  it('refuses a population of fewer than 8 models, or one that does not reach the ladder', () => {
    expect(populationCurvePrediction(population.slice(0, 5), { params: 1e9, score: 0.3 }, 1e10, { floor: 0, ceiling: 1 }).reason).toMatch(/needs at least 8/);
    const small = population.filter((q) => q.params < 1e9);
    expect(populationCurvePrediction(small, { params: 2e9, score: 0.3 }, 1e10, { floor: 0, ceiling: 1 }).reason).toMatch(/reach no further than the ladder/);
  });

  it('chooses the bandwidth by leave-one-out error on the population alone', () => {
    const x = population.map((q) => Math.log10(q.params));
    const noise = createRandom(9);
    // A straight line plus noise: the widest kernel averages the noise best.
    expect(crossValidatedBandwidth(x, x.map((v) => 2 * v + 0.3 * noise.normal()))).toBeGreaterThanOrEqual(0.7);
    expect(BANDWIDTHS).toContain(crossValidatedBandwidth(x, x));
    const wiggly = x.map((v) => Math.sin(6 * v));
    expect(crossValidatedBandwidth(x, wiggly)).toBeLessThan(0.5);
  });
});

describe('dataKind', () => {
  const m = (trials: Uint32Array | null): ItemMatrix => ({ benchmark: 'b', items: ['i0', 'i1'], models: ['a', 'b'], scores: new Float64Array([0, 1, 0.5, 0.5]), trials, sources: [] });
  it('tells greedy 0/1 items, sampled pass rates and aggregates apart', () => {
    expect(dataKind(null, ['a'])).toBe('aggregate');
    expect(dataKind(m(null), ['a', 'b'])).toBe('greedy');
    expect(dataKind(m(new Uint32Array([1, 1, 1, 1])), ['a', 'b'])).toBe('greedy');
    expect(dataKind(m(new Uint32Array([10, 10, 1, 10])), ['a', 'b'])).toBe('sampled');
  });
});
