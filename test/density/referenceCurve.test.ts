/**
 * Reference curves: exact recovery of known one-step and two-step laws, the inverse against a hand
 * computation, densities of 1 for points on the curve, and refusals.
 */
import { describe, expect, it } from 'vitest';
import { capacityDensity } from '../../src/density/capacityDensity.js';
import { DensityInputError } from '../../src/density/densityError.js';
import { effectiveParams } from '../../src/density/effectiveParams.js';
import { fitReferenceCurve, type ReferencePoint } from '../../src/density/referenceCurve.js';
import { studentTQuantile } from '../../src/core/studentT.js';

const g = 0.25;
const k = 1.1;
const m = 10.3;
const logistic = (n: number) => g + (1 - g) / (1 + Math.exp(-k * (Math.log10(n) - m)));
const sizes = [5e8, 1.8e9, 4e9, 7e9, 1.4e10, 3.2e10, 7.2e10];
const exact: ReferencePoint[] = sizes.map((n, i) => ({ model: `r${i}`, params: n, score: logistic(n) }));

describe('one-step reference curve', () => {
  const ref = fitReferenceCurve(exact, { floor: g });

  it('recovers k and m of noise-free data', () => {
    expect(ref.form).toBe('one-step');
    expect(ref.free.values[0]).toBeCloseTo(k, 6);
    expect(ref.free.values[1]).toBeCloseTo(m, 6);
    expect(ref.range).toEqual([5e7, 7.2e11]);
  });

  it('inverts as the hand formula 10^(m + logit(r)/k), r = (S − g)/(1 − g)', () => {
    const s = 0.6;
    const r = (s - g) / (1 - g);
    const hand = 10 ** (m + Math.log(r / (1 - r)) / k);
    const e = effectiveParams(ref, s);
    expect(e.status).toBe('ok');
    expect(e.value! / hand).toBeCloseTo(1, 5);
  });

  it('gives every reference model, and a model scoring exactly f(N), density 1', () => {
    for (const d of capacityDensity(ref, exact)) {
      expect(d.reference).toBe(true);
      expect(d.density).toBeCloseTo(1, 6);
    }
    const twin = capacityDensity(ref, [
      { model: 'a', params: 9e9, score: logistic(9e9) },
      { model: 'b', params: 9e9, score: logistic(9e9) },
    ]);
    expect(twin[0]!.density).toBeCloseTo(1, 6);
    expect(twin[1]!.density).toBe(twin[0]!.density);
  });

  it('gives a score reached only by a 10× larger reference model density 10', () => {
    const [d] = capacityDensity(ref, [{ model: 'dense', params: 3e9, score: logistic(3e10) }]);
    expect(d!.density).toBeCloseTo(10, 5);
    expect(d!.reference).toBe(false);
  });
});

describe('one-step reference with noise: intervals', () => {
  const noisy = exact.map((p, i) => ({ ...p, score: p.score + (i % 2 === 0 ? 0.006 : -0.006) }));
  const ref = fitReferenceCurve(noisy, { floor: g });
  it('gives the delta-method interval by hand: log10 N̂ ± t(0.975, dof)·√(∇ᵀΣ∇), ∇ = (−logit(r)/k², 1)', () => {
    const s = 0.6;
    const [kk, mm] = ref.free.values as [number, number];
    const r = (s - g) / (1 - g);
    const logit = Math.log(r / (1 - r));
    const grad = [-logit / (kk * kk), 1];
    const cov = [2, 3].map((a) => [2, 3].map((b) => ref.scoreFit.covariance![a]![b]!));
    const variance = grad[0]! ** 2 * cov[0]![0]! + 2 * grad[0]! * grad[1]! * cov[0]![1]! + grad[1]! ** 2 * cov[1]![1]!;
    const half = studentTQuantile(0.975, ref.scoreFit.dof) * Math.sqrt(variance);
    const l = mm + logit / kk;
    const e = effectiveParams(ref, s);
    expect(Math.log10(e.interval![0])).toBeCloseTo(l - half, 6);
    expect(Math.log10(e.interval![1])).toBeCloseTo(l + half, 6);
  });

  it('brackets N̂ with a delta-method interval that narrows as the noise falls', () => {
    const e = effectiveParams(ref, 0.6);
    expect(e.interval![0]).toBeLessThan(e.value!);
    expect(e.interval![1]).toBeGreaterThan(e.value!);
    const quiet = fitReferenceCurve(exact.map((p, i) => ({ ...p, score: p.score + (i % 2 === 0 ? 0.0006 : -0.0006) })), { floor: g });
    const eq = effectiveParams(quiet, 0.6);
    expect(Math.log(eq.interval![1] / eq.interval![0])).toBeLessThan(Math.log(e.interval![1] / e.interval![0]) / 5);
  });
});

describe('scores outside the reference reach', () => {
  const ref = fitReferenceCurve(exact, { floor: g });
  it('reports a score at the floor as below-floor with N̂ < the smallest trusted size', () => {
    const e = effectiveParams(ref, 0.25);
    expect(e).toMatchObject({ status: 'below-floor', value: null, bound: 5e7 });
    expect(e.reason).toMatch(/at or below the reference floor/);
    const [d] = capacityDensity(ref, [{ model: 'tiny', params: 1e8, score: 0.25 }]);
    expect(d!.density).toBeNull();
    expect(d!.densityBound).toEqual({ side: 'upper', value: 0.5 });
  });
  it('reports a score beyond f(max N × 10) as beyond-ceiling with N̂ > that size', () => {
    const e = effectiveParams(ref, logistic(7.2e11) + 0.01);
    expect(e).toMatchObject({ status: 'beyond-ceiling', value: null, bound: 7.2e11 });
    const [d] = capacityDensity(ref, [{ model: 'big', params: 7.2e10, score: 0.99 }]);
    expect(d!.densityBound).toEqual({ side: 'lower', value: 10 });
  });
});

describe('two-step reference curve', () => {
  const [a, alpha, b, beta] = [40, 0.3, 300, 0.3];
  const [gamma, l] = [-6, 2.2];
  const loss = (n: number, d: number) => a * n ** -alpha + b * d ** -beta;
  const score = (L: number) => (1 - g) / (1 + Math.exp(-gamma * (L - l))) + g;
  const points: ReferencePoint[] = [];
  for (const n of [1e8, 3e8, 1e9, 3e9]) {
    for (const ratio of [10, 40]) {
      const d = n * ratio;
      const L = loss(n, d);
      points.push({ model: `r-${n}-${ratio}`, params: n, tokens: d, loss: L, score: score(L) });
    }
  }
  const ref = fitReferenceCurve(points, { floor: g, tokens: 1e12 });

  it('fits L(N, D) and S(L) and recovers their parameters', () => {
    expect(ref.form).toBe('two-step');
    const f = ref.free.values;
    expect(f[0]! / a).toBeCloseTo(1, 3);
    expect(f[1]).toBeCloseTo(alpha, 4);
    expect(f[2]! / b).toBeCloseTo(1, 3);
    expect(f[3]).toBeCloseTo(beta, 4);
    expect(f[4]).toBeCloseTo(gamma, 4);
    expect(f[5]).toBeCloseTo(l, 4);
  });

  it('puts the loss fit\'s covariance in the first block and the score fit\'s (γ, l) in the second', () => {
    const cov = ref.free.covariance!;
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) expect(cov[a]![b]).toBe(ref.lossFit!.covariance![a]![b]);
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) expect(cov[4 + a]![4 + b]).toBe(ref.scoreFit.covariance![1 + a]![1 + b]);
    expect(cov[0]![5]).toBe(0);
  });

  it('inverts at D0 as Eq. 4: N̂ = ((L̂ − b·D0^(−β))/a)^(−1/α)', () => {
    const n = 2e9;
    const s = score(loss(n, 1e12));
    const e = effectiveParams(ref, s);
    expect(e.value! / n).toBeCloseTo(1, 3);
  });

  it('refuses a score that needs a loss below what any size reaches at D0', () => {
    // At D0 = 1.3e7 tokens the data term alone is b·D0^(−β) ≈ 2.2 = l, so no size scores above S(2.2) ≈ 0.625.
    const short = fitReferenceCurve(points, { floor: g, tokens: 1.3e7 });
    expect(short.scoreAt(1e15)).toBeLessThan(0.63);
    const e = effectiveParams(short, 0.7);
    expect(e.status).toBe('beyond-ceiling');
    expect(e.value).toBeNull();
    expect(short.log10ParamsAt(0.7)).toBeUndefined();
  });
});

describe('bad references', () => {
  it('refuses fewer than 3 models, with the reason', () => {
    expect(() => fitReferenceCurve(exact.slice(0, 2), { floor: g })).toThrow(DensityInputError);
    expect(() => fitReferenceCurve(exact.slice(0, 2), { floor: g })).toThrow(/needs at least 3/);
  });
  it('refuses a model without a positive size and a floor above the ceiling', () => {
    expect(() => fitReferenceCurve([...exact.slice(0, 3), { model: 'z', params: 0, score: 0.5 }])).toThrow(/no positive parameter count/);
    expect(() => fitReferenceCurve(exact, { floor: 0.9, ceiling: 0.5 })).toThrow(/below the ceiling/);
  });
  it('refuses reference models of a single size, and a curve that falls with size', () => {
    const same = exact.slice(0, 4).map((p) => ({ ...p, params: 7e9 }));
    expect(() => fitReferenceCurve(same, { floor: g })).toThrow(/1 distinct size/);
    const falling = exact.map((p, i) => ({ ...p, score: 0.9 - 0.05 * i }));
    expect(() => fitReferenceCurve(falling, { floor: g })).toThrow(/does not rise with size|do not determine/);
  });

  it('refuses the two-step form without losses', () => {
    expect(() => fitReferenceCurve(exact, { form: 'two-step' })).toThrow(/loss and a token count/);
  });
});
