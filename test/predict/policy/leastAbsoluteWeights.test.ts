/**
 * The stacking weights of the default policy: non-negative least absolute deviations by coordinate
 * descent, against the exact linear-programming optimum of scipy's HiGHS (test/fixtures/scipy/lad_reference.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leastAbsoluteWeights, weightedMedian } from '../../../src/predict/policy/leastAbsoluteWeights.js';
import { projectRoot } from '../../helpers/paths.js';

const ref = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/scipy/lad_reference.json'), 'utf8')) as {
  cases: { seed: number; x: number[][]; y: number[]; weights: number[]; objective: number }[];
};

const objective = (x: number[][], y: number[], w: number[]) => y.reduce((s, yi, i) => s + Math.abs(yi - x[i]!.reduce((a, v, j) => a + v * w[j]!, 0)), 0);

describe('weightedMedian', () => {
  it('is the smallest value with half the weight at or below it', () => {
    expect(weightedMedian([3, 1, 2], [1, 1, 1])).toBe(2);
    expect(weightedMedian([1, 2, 3, 4], [1, 1, 1, 1])).toBe(2);
    expect(weightedMedian([1, 2, 3], [1, 1, 5])).toBe(3);
    expect(weightedMedian([5, 5, 5, 1], [1, 1, 1, 1])).toBe(5);
    expect(weightedMedian([-2], [0.5])).toBe(-2);
  });

  it('agrees with sorting on random data', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rnd() * 30);
      const v = Array.from({ length: n }, () => Math.round(rnd() * 10) / 2);
      const w = Array.from({ length: n }, () => 0.1 + rnd());
      const order = v.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
      const total = w.reduce((a, b) => a + b, 0);
      let acc = 0;
      let expected = Number.NaN;
      for (const i of order) {
        acc += w[i]!;
        if (acc >= total / 2) {
          expected = v[i]!;
          break;
        }
      }
      expect(weightedMedian(v, w)).toBe(expected);
    }
  });
});

describe('leastAbsoluteWeights', () => {
  it('recovers exact weights from noiseless data', () => {
    expect(leastAbsoluteWeights([[1, 0], [0, 1], [1, 1]], [2, 3, 5]).map((v) => Number(v.toFixed(12)))).toEqual([2, 3]);
  });

  it('keeps every weight at or above zero', () => {
    const w = leastAbsoluteWeights([[1, 1], [2, 1], [3, 1], [4, 1]], [-1, -2, -3, -4]);
    expect(w.every((v) => v >= 0)).toBe(true);
    expect(w).toEqual([0, 0]);
  });

  for (const c of ref.cases) {
    it(`reaches scipy HiGHS's optimum of the linear program (seed ${c.seed}, ${c.y.length} × ${c.x[0]!.length})`, () => {
      const w = leastAbsoluteWeights(c.x, c.y);
      expect(objective(c.x, c.y, w)).toBeLessThanOrEqual(c.objective * (1 + 1e-6));
      w.forEach((v, j) => expect(v).toBeCloseTo(c.weights[j]!, 3));
    });
  }
});
