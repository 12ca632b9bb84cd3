/** Weighted pool-adjacent-violators, checked by hand on tiny examples. */
import { describe, expect, it } from 'vitest';
import { isotonicRegression } from '../../../src/predict/mapping/isotonicRegression.js';

describe('isotonicRegression', () => {
  it('pools one violating pair into its weighted mean (hand-checked: (3·1 + 2·2)/3 = 7/3)', () => {
    const r = isotonicRegression([1, 3, 2, 4], [1, 1, 2, 1]);
    expect(r.values[0]).toBe(1);
    expect(r.values[1]).toBeCloseTo(7 / 3, 15);
    expect(r.values[2]).toBeCloseTo(7 / 3, 15);
    expect(r.values[3]).toBe(4);
    expect(r.adjusted).toBe(true);
  });

  it('pools backwards across earlier blocks when a new value undercuts them (hand-checked)', () => {
    // [2, 3, 0] with unit weights: 3 > 0 pools to 1.5, then 2 > 1.5 pools all three to 5/3.
    const r = isotonicRegression([2, 3, 0], [1, 1, 1]);
    r.values.forEach((v) => expect(v).toBeCloseTo(5 / 3, 15));
  });

  it('leaves a non-decreasing sequence untouched, ties included', () => {
    const y = [0, 0.1, 0.1, 0.3, 1];
    const r = isotonicRegression(y, [1, 2, 3, 0.5, 1]);
    expect(r.values).toEqual(y);
    expect(r.adjusted).toBe(false);
  });

  it('keeps infinite-weight (fixed) values exactly and pools free values into them', () => {
    // 1.2 above the fixed 1 at the end is pulled down to 1; −0.1 below the fixed 0 is pulled up to 0.
    const r = isotonicRegression([0, -0.1, 0.5, 1.2, 1], [Infinity, 1, 1, 1, Infinity]);
    expect(r.values).toEqual([0, 0, 0.5, 1, 1]);
  });

  it('refuses fixed values that are out of order', () => {
    expect(() => isotonicRegression([1, 0], [Infinity, Infinity])).toThrow(RangeError);
  });
});
