/**
 * The penalised cubic smoothing spline (Reinsch's algorithm) and its banded solver, checked
 * against `scipy.interpolate.make_smoothing_spline` on the committed fixture
 * `test/fixtures/scipy/spline_reference.json` (same objective Σ wᵢ(yᵢ − g(xᵢ))² + λ∫g''², same λ).
 * Regenerate with `python3 test/fixtures/scipy/spline_reference.py`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateHermite } from '../../../src/predict/mapping/cubicHermite.js';
import { fitSmoothingSpline } from '../../../src/predict/mapping/smoothingSpline.js';
import { solveBandedSpd } from '../../../src/predict/mapping/solveBandedSpd.js';
import { projectRoot } from '../../helpers/paths.js';

interface SplineCase {
  name: string;
  x: number[];
  y: number[];
  w: number[];
  lam: number;
  values: number[];
  slopes: number[];
  grid: number[];
  gridValues: number[];
}

const ref = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/scipy/spline_reference.json'), 'utf8')) as {
  scipy: string;
  cases: SplineCase[];
};
const maxAbs = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('solveBandedSpd', () => {
  it('solves a small symmetric positive-definite pentadiagonal system exactly', () => {
    // A = [[4,1,1,0],[1,5,2,1],[1,2,6,1],[0,1,1,3]], z = [1,2,3,4]
    const bands = [
      [4, 5, 6, 3],
      [1, 2, 1, 0],
      [1, 1, 0, 0],
    ];
    const z = [1, 2, 3, 4];
    const b = [4 * 1 + 1 * 2 + 1 * 3, 1 + 10 + 6 + 4, 1 + 4 + 18 + 4, 2 + 3 + 12];
    const got = solveBandedSpd(bands, b);
    got.forEach((v, i) => expect(v).toBeCloseTo(z[i]!, 12));
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => solveBandedSpd([[1, 1], [2, 0]], [1, 1])).toThrow(/not positive definite/);
  });
});

describe('fitSmoothingSpline against scipy make_smoothing_spline', () => {
  it(`the fixture comes from scipy (${ref.scipy}) and covers smooth, near-interpolating, weighted and pinned cases`, () => {
    expect(ref.cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const c of ref.cases) {
    it(`${c.name}: values, slopes and the curve between knots agree to 1e-9`, () => {
      // scipy's weight 1e9 on the endpoints stands for scalecast's infinite weight
      const w = c.w.map((v) => (v >= 1e9 ? Infinity : v));
      const s = fitSmoothingSpline(c.x, c.y, w, c.lam);
      expect(maxAbs(s.values, c.values)).toBeLessThan(1e-9);
      expect(maxAbs(s.slopes, c.slopes)).toBeLessThan(1e-9);
      const grid = c.grid.map((x) => evaluateHermite(s, x));
      expect(maxAbs(grid, c.gridValues)).toBeLessThan(1e-9);
    });
  }
});

describe('fitSmoothingSpline', () => {
  const x = [0, 0.2, 0.45, 0.7, 1];
  const y = [0, 0.3, 0.35, 0.8, 1];

  it('interpolates the data when λ = 0 (the natural interpolating spline)', () => {
    const s = fitSmoothingSpline(x, y, [1, 1, 1, 1, 1], 0);
    s.values.forEach((v, i) => expect(v).toBeCloseTo(y[i]!, 12));
    expect(s.secondDerivatives[0]).toBe(0);
    expect(s.secondDerivatives[4]).toBe(0);
  });

  it('holds infinite-weight points exactly for every λ and tends to the line through them as λ grows', () => {
    const w = [Infinity, 1, 1, 1, Infinity];
    for (const lambda of [0, 1e-6, 1e-2, 1, 1e6]) {
      const s = fitSmoothingSpline(x, y, w, lambda);
      expect(s.values[0]).toBe(0);
      expect(s.values[4]).toBe(1);
    }
    const stiff = fitSmoothingSpline(x, y, w, 1e9);
    stiff.values.forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 6));
  });

  it('rejects unordered knots, non-positive weights and negative λ with a RangeError', () => {
    expect(() => fitSmoothingSpline([0, 0.5, 0.5, 1], [0, 1, 1, 1], [1, 1, 1, 1], 1)).toThrow(RangeError);
    expect(() => fitSmoothingSpline(x, y, [1, 0, 1, 1, 1], 1)).toThrow(RangeError);
    expect(() => fitSmoothingSpline(x, y, [1, 1, 1, 1, 1], -1)).toThrow(RangeError);
  });
});
