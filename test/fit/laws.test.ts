/**
 * Every law: its analytic gradient matches finite differences, its inverse inverts it, and fitting
 * recovers known parameters from seeded synthetic data, clean and noisy.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { fitLaw, type FitOptions } from '../../src/fit/fitLaw.js';
import type { FitData, Law } from '../../src/fit/law.js';
import { LAWS, lawById } from '../../src/fit/laws/index.js';

interface Case {
  law: string;
  truth: number[];
  /** Inputs of the design points: one array per input. */
  x: number[][];
  /** Relative noise sd (multiplicative) or absolute (additive) for the noisy case. */
  noise: { sd: number; relative: boolean };
  /** A single starting point far from the truth (orders of magnitude off, other basins avoided). */
  far: number[];
  options?: FitOptions;
}

const logspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));
const compute = logspace(19, 23, 9);
const ND = (() => {
  const N: number[] = [];
  const D: number[] = [];
  for (const n of logspace(7.5, 10, 6)) for (const d of logspace(9, 11.5, 6)) {
    N.push(n);
    D.push(d);
  }
  return [N, D];
})();

const CASES: Case[] = [
  { law: 'cod', truth: [120, 0.35, 0.15, 0.25], x: [compute], noise: { sd: 0.004, relative: false }, far: [1, 1, 1, 0] },
  { law: 'power-offset', truth: [1.7, 400, 0.3], x: [logspace(6, 10, 9)], noise: { sd: 0.003, relative: true }, far: [0, 10, 0.6] },
  { law: 'power', truth: [50, 0.25], x: [logspace(6, 10, 9)], noise: { sd: 0.005, relative: true }, far: [1, 1] },
  { law: 'isik', truth: [0.02, 0.4, 1.6], x: [logspace(8, 12, 9)], noise: { sd: 0.004, relative: true }, far: [1, 0.1, 1] },
  { law: 'chinchilla', truth: [1.82, 482, 2085, 0.348, 0.366], x: ND, noise: { sd: 0.004, relative: true }, far: [1, 10, 10, 1, 1] },
  { law: 'densing-loss', truth: [40, 0.3, 300, 0.28], x: ND, noise: { sd: 0.004, relative: true }, far: [1, 1, 1, 1] },
  { law: 'sigmoid', truth: [0.65, -4, 2.2, 0.25], x: [Array.from({ length: 12 }, (_, i) => 1.2 + i * 0.25)], noise: { sd: 0.004, relative: false }, far: [1, -1, 3, 0] },
  { law: 'logistic', truth: [0.25, 0.85, 1.5, 21.5], x: [compute], noise: { sd: 0.004, relative: false }, far: [0, 1, 0.5, 23] },
  { law: 'linear-log', truth: [-2.1, 0.12], x: [compute], noise: { sd: 0.004, relative: false }, far: [0, 0] },
  { law: 'exponential', truth: [0.08, 0.0071], x: [Array.from({ length: 15 }, (_, i) => 60 * i)], noise: { sd: 0.05, relative: true }, far: [1, 0.001] },
];

function generate(law: Law, c: Case, noisy: boolean, seed = 7): FitData {
  const rng = createRandom(seed);
  const n = c.x[0]!.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = law.evaluate(c.truth, c.x.map((col) => col[i]!));
    y[i] = !noisy ? f : c.noise.relative ? f * Math.exp(rng.normal(0, c.noise.sd)) : f + rng.normal(0, c.noise.sd);
  }
  return { x: c.x.map((col) => Float64Array.from(col)), y };
}

describe('the law registry', () => {
  it('has a case here for every law, with unique ids', () => {
    expect(new Set(LAWS.map((l) => l.id)).size).toBe(LAWS.length);
    expect(CASES.map((c) => c.law).sort()).toEqual(LAWS.map((l) => l.id).sort());
  });
});

for (const c of CASES) {
  const law = lawById(c.law)!;
  describe(`${law.name} (${law.id})`, () => {
    it('has an analytic gradient that matches central differences', () => {
      if (!law.gradient) return;
      const g = new Float64Array(law.params.length);
      for (let i = 0; i < c.x[0]!.length; i += 3) {
        const x = c.x.map((col) => col[i]!);
        law.gradient(c.truth, x, g);
        law.params.forEach((_, j) => {
          const h = 1e-6 * Math.max(Math.abs(c.truth[j]!), 1e-3);
          const up = [...c.truth];
          const dn = [...c.truth];
          up[j]! += h;
          dn[j]! -= h;
          const fd = (law.evaluate(up, x) - law.evaluate(dn, x)) / (2 * h);
          expect(Math.abs(g[j]! - fd), `${law.params[j]!.name} at point ${i}`).toBeLessThanOrEqual(
            1e-5 * Math.max(Math.abs(fd), Math.abs(g[j]!)) + (20 * 2.2e-16 * (Math.abs(law.evaluate(c.truth, x)) + 1)) / h, // truncation + round-off
          );
        });
      }
    });

    it('inverts itself where an inverse exists', () => {
      if (!law.inverse) return;
      const n = c.x[0]!.length;
      for (const xv of [c.x[0]![n - 3]!, c.x[0]![n - 1]!]) {
        const y = law.evaluate(c.truth, [xv]);
        expect(law.inverse(c.truth, y)! / xv).toBeCloseTo(1, 8);
      }
    });

    it('recovers the parameters from clean data using its own starting points', () => {
      const fit = fitLaw(law, generate(law, c, false), c.options);
      fit.values.forEach((v, j) => expect(v / c.truth[j]!, law.params[j]!.name).toBeCloseTo(1, 5));
      expect(fit.converged).toBe(true);
      expect(fit.rmse).toBeLessThan(1e-8);
    });

    it('recovers them from noisy data within their 99% intervals', () => {
      const fit = fitLaw(law, generate(law, c, true), { ...c.options, level: 0.99 });
      expect(fit.converged).toBe(true);
      fit.values.forEach((_, j) => {
        const [lo, hi] = fit.intervals[j]!;
        expect(c.truth[j]!, `${law.params[j]!.name} in [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
        expect(c.truth[j]!, `${law.params[j]!.name} in [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
      });
    });

    it('recovers them from a start far from the truth', () => {
      const fit = fitLaw(law, generate(law, c, false), { ...c.options, starts: [c.far] });
      fit.values.forEach((v, j) => expect(v / c.truth[j]!).toBeCloseTo(1, 4));
    });
  });
}
