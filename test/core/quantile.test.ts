/**
 * sortedQuantile / percentileInterval against NumPy's default (linear, type 7) quantile.
 *
 * The expected values were computed with NumPy 1.24.2 (/usr/bin/python3; NumPy 2.4.6 gives the
 * same digits), printing repr(float(q)) of:
 *
 *   np.quantile(np.arange(1., 11.), p)                        for each p of P below
 *   np.quantile(np.array(SMALL), [(1 - l) / 2, (1 + l) / 2])  for l in 0.95, 0.9, 0.5
 *   v = [math.sqrt(i) * 0.1 + (i % 7) / 3 for i in range(200)]
 *   np.quantile(np.array(v), [(1 - l) / 2, (1 + l) / 2])      for l in 0.95, 0.9
 *   np.quantile([3.], 0.3), np.quantile([2., 4.], 0.75)
 *
 * (the levels are passed as (1 − l)/2 and (1 + l)/2 computed in floating point, as
 * percentileInterval does, e.g. 0.025000000000000022 for l = 0.95).
 */
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { percentileInterval, sortedQuantile } from '../../src/core/quantile.js';
import { createRandom } from '../../src/core/random.js';

const ascending = (v: number[]) => [...v].sort((a, b) => a - b);

describe('sortedQuantile', () => {
  const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
  const P = [0, 0.025, 0.1, 0.25, 0.5, 0.9, 0.975, 1];
  const numpy = [1.0, 1.225, 1.9, 3.25, 5.5, 9.1, 9.775, 10.0];

  it('matches numpy.quantile on 1…10 to the last bit', () => {
    P.forEach((p, k) => expect(sortedQuantile(oneToTen, p)).toBe(numpy[k]));
  });

  it('handles one and two values as numpy does', () => {
    expect(sortedQuantile([3], 0.3)).toBe(3.0);
    expect(sortedQuantile([2, 4], 0.75)).toBe(3.5);
  });

  it('gives NaN for no values and rejects levels outside [0, 1]', () => {
    expect(sortedQuantile([], 0.5)).toBeNaN();
    expect(() => sortedQuantile([1, 2], 1.1)).toThrow(RangeError);
    expect(() => sortedQuantile([1, 2], -0.1)).toThrow(RangeError);
    expect(() => sortedQuantile([1, 2], Number.NaN)).toThrow(RangeError);
  });

  it('accepts typed arrays', () => {
    expect(sortedQuantile(Float64Array.from(oneToTen), 0.975)).toBe(9.775);
  });

  it('agrees with simple-statistics quantileSorted (also type 7) up to rounding', () => {
    const rng = createRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const v = ascending(Array.from({ length: 1 + rng.int(300) }, () => rng.normal(0, 1)));
      for (const p of [0, 0.01, 0.025, 0.3, 0.5, 0.77, 0.975, 1]) {
        expect(sortedQuantile(v, p)).toBeCloseTo(quantileSorted(v, p), 14);
      }
    }
  });

  it('stays within the neighbouring order statistics', () => {
    const rng = createRandom(5);
    const v = ascending(Array.from({ length: 37 }, () => rng.normal(0, 1e6)));
    for (let k = 0; k <= 100; k++) {
      const p = k / 100;
      const h = (v.length - 1) * p;
      const q = sortedQuantile(v, p);
      expect(q).toBeGreaterThanOrEqual(v[Math.floor(h)]!);
      expect(q).toBeLessThanOrEqual(v[Math.ceil(h)]!);
    }
  });
});

describe('percentileInterval', () => {
  const SMALL = [0.61, 0.47, 0.58, 0.52, 0.66, 0.49, 0.55, 0.71, 0.5, 0.63, 0.44, 0.57];

  it('matches numpy.quantile at (1 ∓ level)/2 on twelve values', () => {
    const s = ascending(SMALL);
    expect(percentileInterval(s, 0.95)).toEqual([0.44825, 0.6962499999999999]);
    expect(percentileInterval(s, 0.9)).toEqual([0.45649999999999996, 0.6825]);
    expect(percentileInterval(s, 0.5)).toEqual([0.4975, 0.615]);
  });

  it('matches numpy.quantile on 200 replicate-like values', () => {
    const v = ascending(Array.from({ length: 200 }, (_, i) => Math.sqrt(i) * 0.1 + (i % 7) / 3));
    expect(percentileInterval(v, 0.95)).toEqual([0.5273779448949851, 3.2655954074239686]);
    expect(percentileInterval(v, 0.9)).toEqual([0.7196000845563711, 3.11957791577778]);
  });

  it('is [min, max] at level 1, the median twice at level 0, [NaN, NaN] for no values', () => {
    expect(percentileInterval([1, 2, 5], 1)).toEqual([1, 5]);
    expect(percentileInterval([1, 2, 5], 0)).toEqual([2, 2]);
    expect(percentileInterval([], 0.95)).toEqual([Number.NaN, Number.NaN]);
    expect(() => percentileInterval([1, 2], 1.5)).toThrow(RangeError);
  });
});
