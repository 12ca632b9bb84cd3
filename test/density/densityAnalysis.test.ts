/**
 * The whole analysis on small hand-made inputs: the average as the headline, models left out of it,
 * per-model warnings (no params, no date, below chance, beyond the reference) and the errors for a
 * bad reference or scores on another scale.
 */
import { describe, expect, it } from 'vitest';
import { AVERAGE, densityAnalysis, type DensityBenchmarkInput, type DensityModelRecord } from '../../src/density/densityAnalysis.js';
import { DensityInputError } from '../../src/density/densityError.js';

const f = (g: number, n: number) => g + (1 - g) / (1 + Math.exp(-1.0 * (Math.log10(n) - 10.5)));
const refs: DensityModelRecord[] = [1e9, 3e9, 1e10, 3e10, 1e11].map((n, i) => ({ model: `ref${i}`, params: n, releaseDate: '2023-01-01' }));
/** A model with density ρ on both benchmarks, released `days` after 2023-03-01. */
const dense = (name: string, n: number, rho: number, days: number): [DensityModelRecord, number] => [
  { model: name, params: n, releaseDate: new Date(Date.parse('2023-03-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10) },
  rho * n,
];
const others = [dense('a', 7e9, 0.5, 0), dense('b', 7e9, 1, 100), dense('c', 3e9, 2, 200), dense('d', 3e9, 4, 300), dense('e', 1e9, 8, 400)];
const models = [...refs, ...others.map(([m]) => m)];
const bench = (name: string, g: number): DensityBenchmarkInput => ({
  benchmark: name,
  floor: g,
  scores: new Map([...refs.map((r) => [r.model, f(g, r.params!)] as const), ...others.map(([m, eff]) => [m.model, f(g, eff)] as const)]),
});
const reference = refs.map((r) => r.model);

describe('densityAnalysis', () => {
  const r = densityAnalysis([bench('x', 0.25), bench('y', 0)], models, { reference, law: { bootstrap: 200 } });

  it('heads with the average over the benchmarks, its floor the mean floor', () => {
    expect(r.headline).toBe(AVERAGE);
    expect(r.average!.curve.floor).toBeCloseTo(0.125, 12);
    expect(r.benchmarks.map((b) => b.benchmark)).toEqual(['x', 'y']);
  });

  it('recovers each model\'s density on each benchmark (exact data)', () => {
    for (const b of r.benchmarks) {
      for (const [m, eff] of others) {
        const d = b.models.find((x) => x.model === m.model)!;
        expect(d.density! / (eff / m.params!)).toBeCloseTo(1, 5);
      }
    }
  });

  it('fits the densing law to the envelope: ρ doubles every 100 days here', () => {
    expect(r.law!.points.map((p) => p.model)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The average of two sigmoids is not a sigmoid, so the average's densities are close, not exact.
    expect(r.law!.doublingDays!).toBeGreaterThan(85);
    expect(r.law!.doublingDays!).toBeLessThan(115);
  });

  it('leaves a model without every benchmark out of the average, and says so', () => {
    const y = bench('y', 0);
    const partial = new Map(y.scores);
    partial.delete('a');
    const r2 = densityAnalysis([bench('x', 0.25), { ...y, scores: partial }], models, { reference, law: { bootstrap: 0 } });
    expect(r2.average!.models.some((m) => m.model === 'a')).toBe(false);
    expect(r2.warnings.join(' ')).toMatch(/1 model lacks a score on some benchmark.*: a/);
  });

  it('warns about models with no date or no params, and leaves them out of the law', () => {
    const odd = [...models, { model: 'nodate', params: 5e9 }, { model: 'noparams', releaseDate: '2024-01-01' }];
    const b = bench('x', 0.25);
    const scores = new Map([...b.scores, ['nodate', 0.5], ['noparams', 0.5]]);
    const r3 = densityAnalysis([{ ...b, scores }], odd, { reference, law: { bootstrap: 0 } });
    expect(r3.warnings.join(' ')).toMatch(/1 model has no release date.*nodate/);
    const np = r3.benchmarks[0]!.models.find((m) => m.model === 'noparams')!;
    expect(np.density).toBeNull();
    expect(np.warnings.join(' ')).toMatch(/no parameter count/);
    expect(r3.law!.points.some((p) => p.model === 'nodate' || p.model === 'noparams')).toBe(false);
  });

  it('names dated models beyond the reference in a warning and leaves them out of the law', () => {
    const b = bench('x', 0.25);
    const scores = new Map([...b.scores, ['huge', 0.999]]);
    const r4 = densityAnalysis([{ ...b, scores }], [...models, { model: 'huge', params: 1e9, releaseDate: '2024-06-01' }], { reference, law: { bootstrap: 0 } });
    expect(r4.warnings.join(' ')).toMatch(/beyond the reference's reach.*huge \(ρ > 1000\)/);
  });
});

describe('densityAnalysis refuses', () => {
  it('a reference of fewer than 3 models with scores', () => {
    expect(() => densityAnalysis([bench('x', 0.25)], models, { reference: reference.slice(0, 2) })).toThrow(DensityInputError);
    expect(() => densityAnalysis([bench('x', 0.25)], models, { reference: reference.slice(0, 2) })).toThrow(/2 reference models have a score.*at least 3/);
  });
  it('reference models that are not in the models table', () => {
    expect(() => densityAnalysis([bench('x', 0.25)], models, { reference: ['nope', ...reference] })).toThrow(/not in the models table: nope/);
  });
  it('scores on another scale than the floor: a reference below chance, or most models below it', () => {
    const b = bench('x', 0.25);
    const halved = new Map([...b.scores].map(([m, v]) => [m, reference.includes(m) ? v : v / 100]));
    expect(() => densityAnalysis([{ ...b, scores: halved }], models, { reference })).toThrow(/5 of 5 models score below the chance level 0.25/);
    const refLow = new Map([...b.scores].map(([m, v]) => [m, reference.includes(m) ? v - 0.25 : v]));
    expect(() => densityAnalysis([{ ...b, scores: refLow }], models, { reference })).toThrow(/below the chance level 0.25/);
  });
});
