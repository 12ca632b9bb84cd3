/**
 * Stages (b)–(c) on a simulated ladder whose clusters are known: with the true cluster labels, the
 * per-cluster COD fits must extrapolate the predictable subset to the 70B target close to the truth.
 */
import { describe, expect, it } from 'vitest';
import { difficultyFeatures } from '../../src/cluster/difficultyFeatures.js';
import { passRate, simulateLadder } from '../../src/simulate/simulateLadder.js';
import type { FitResult } from '../../src/fit/fitLaw.js';
import { classifyCluster, clusterCurves, clusterFitOptions, DEFAULT_RULES, extrapolateSubset, fitClusterLaws } from '../../src/predict/clusterLaws.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { codLaw } from '../../src/fit/laws/index.js';

const sim = simulateLadder({ seed: 3 });
const ladder = sim.models.filter((m) => m.role === 'ladder');
const target = sim.models.find((m) => m.role === 'target')!;

describe('difficultyFeatures', () => {
  it('keeps ladder models in order and drops items nobody solves', () => {
    const m = sim.scores.find((x) => x.benchmark === 'sim-gen')!;
    const f = difficultyFeatures(m, ladder.map((x) => x.model));
    expect(f.ladder).toEqual(ladder.map((x) => x.model));
    expect(f.items.length + f.unsolved.length + f.incomplete.length).toBe(m.items.length);
    expect(f.unsolved.length).toBeGreaterThan(0);
    expect(f.features.length).toBe(f.items.length * ladder.length);
    // An unsolved item really is all zeros on the ladder.
    const i = f.unsolved[0]!;
    for (const name of f.ladder) expect(m.scores[i * m.models.length + m.models.indexOf(name)]).toBe(0);
    expect(() => difficultyFeatures(m, ['nope'])).toThrow(/nope/);
  });
});

describe('classifyCluster', () => {
  const fit = (a: number, b: number, c: number, converged = true, extra: Partial<FitResult> = {}) =>
    ({ params: { a, b, c, g: 0 }, converged, reason: 'ftol', n: 8, dof: 4, atBounds: [], ...extra }) as unknown as FitResult;
  it('applies the paper\'s rules a > 1, b > 0.1, 0 ≤ c < 1', () => {
    expect(classifyCluster(fit(5, 0.3, 0.2)).class).toBe('extrapolatable');
    expect(classifyCluster(fit(0.5, 0.3, 0.2)).class).toBe('non-emergent');
    expect(classifyCluster(fit(5, 0.05, 0.2)).class).toBe('non-emergent');
    expect(classifyCluster(fit(5, 0.3, 1.5)).class).toBe('non-extrapolatable');
    expect(classifyCluster(fit(5, 0.3, 0.2, false)).class).toBe('non-extrapolatable');
    expect(classifyCluster(null).class).toBe('non-extrapolatable');
    expect(classifyCluster(fit(5, 0.3, 1.5), { minA: 1, minB: 0.1, minC: 0, maxC: 2, minRise: 0, maxA: 1e4 }).class).toBe('extrapolatable');
  });

  it('asks for a spare data point and b off its upper bound; a may rest on its cap', () => {
    const rising = [0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.6];
    expect(classifyCluster(fit(5, 0.3, 0.2), undefined, rising).class).toBe('extrapolatable');
    expect(classifyCluster(fit(5, 0.3, 0.2, true, { dof: 0 }), undefined, rising).class).toBe('non-extrapolatable');
    const step = classifyCluster(fit(5, 0.3, 0.2, true, { atBounds: ['b'] }), undefined, rising);
    expect([step.class, step.reason]).toEqual(['non-extrapolatable', 'the fit rests on the bound of b']);
    expect(classifyCluster(fit(1e4, 0.3, 0.2, true, { atBounds: ['a'] }), undefined, rising).class).toBe('extrapolatable');
  });

  it('checks a visible rise only when minRise is set', () => {
    const rules = { ...DEFAULT_RULES, minRise: 0.05 };
    const flat = [0.3, 0.3, 0.31, 0.3, 0.3, 0.31, 0.3, 0.32];
    expect(classifyCluster(fit(5, 0.3, 0.2), undefined, flat).class).toBe('extrapolatable');
    expect(classifyCluster(fit(5, 0.3, 0.2), rules, flat).class).toBe('non-emergent');
    const uptick = classifyCluster(fit(5, 0.3, 0.2), rules, [0, 0, 0, 0, 0, 0, 0, 0.2]);
    expect(uptick.class).toBe('non-emergent');
    expect(uptick.reason).toContain('1 model above the start');
  });
});

describe('cluster fits', () => {
  it('cap a at rules.maxA: a steep curve far up the compute axis rests on the cap', () => {
    // y = 0.6·exp(−a·Ĉ^(−1.5)) at Ĉ = 1e3…1e5 needs a ≈ 3e4 to start near 0: above the cap.
    const x = [1e21, 3e21, 1e22, 3e22, 1e23, 3e23].map((c) => c);
    const curve = x.map((c) => 0.6 * Math.exp(-3e4 * (c / 1e18) ** -1.5));
    const free = fitLaw(codLaw, { x: [Float64Array.from(x)], y: Float64Array.from(curve) });
    expect(free.params.a!).toBeGreaterThan(1e4);
    const capped = fitLaw(codLaw, { x: [Float64Array.from(x)], y: Float64Array.from(curve) }, clusterFitOptions());
    expect(capped.params.a!).toBeLessThanOrEqual(DEFAULT_RULES.maxA * (1 + 1e-9));
    expect(capped.atBounds).toContain('a');
  });
});

describe('fitClusterLaws and extrapolateSubset with the true clusters', () => {
  for (const benchmark of ['sim-gen', 'sim-code']) {
    it(`${benchmark}: the predictable subset at 70B is within 1 point of the truth`, () => {
      const m = sim.scores.find((x) => x.benchmark === benchmark)!;
      const f = difficultyFeatures(m, ladder.map((x) => x.model));
      const truth = new Map(sim.items.filter((it) => it.benchmark === benchmark).map((it) => [it.item, it] as const));
      const labels = Int32Array.from(f.items, (i) => truth.get(m.items[i]!)!.cluster);
      const clusters = fitClusterLaws(f, labels, ladder.map((x) => x.compute));
      expect(clusters.filter((c) => c.class === 'extrapolatable').length).toBeGreaterThanOrEqual(clusters.length / 2);
      const sub = extrapolateSubset(clusters, target.compute);
      // Truth over exactly the items in the predictable subset.
      const used = new Set(sub.clusters);
      let sum = 0;
      let n = 0;
      f.items.forEach((i, r) => {
        if (!used.has(labels[r]!)) return;
        sum += passRate(truth.get(m.items[i]!)!.law, target.compute);
        n++;
      });
      expect(n).toBe(sub.items);
      expect(Math.abs(sub.value! - sum / n)).toBeLessThan(0.01);
      // Curves are the members' means.
      const curves = clusterCurves(f, labels);
      expect(curves.get(clusters[0]!.cluster)!.size).toBe(clusters[0]!.size);
    });
  }
});
