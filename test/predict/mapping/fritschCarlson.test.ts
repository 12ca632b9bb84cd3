/** Fritsch–Carlson slope limiting and the cubic Hermite curve, with hand-computed values. */
import { describe, expect, it } from 'vitest';
import { evaluateHermite, inverseHermite } from '../../../src/predict/mapping/cubicHermite.js';
import { fritschCarlsonSlopes, inMonotoneRegion, limitSlopesFritschCarlson } from '../../../src/predict/mapping/fritschCarlson.js';

describe('cubic Hermite curve', () => {
  it('matches the Hermite basis by hand: slopes (1, 1) on [0, 1] give the line', () => {
    const c = { knots: [0, 1], values: [0, 1], slopes: [1, 1] };
    expect(evaluateHermite(c, 0.3)).toBeCloseTo(0.3, 15);
    expect(inverseHermite(c, 0.3)).toBeCloseTo(0.3, 14);
  });

  it('is exact at the knots and refuses points outside them', () => {
    const c = { knots: [0, 0.4, 1], values: [0, 0.25, 1], slopes: [0.3, 1.1, 0.9] };
    expect(evaluateHermite(c, 0)).toBe(0);
    expect(evaluateHermite(c, 0.4)).toBe(0.25);
    expect(evaluateHermite(c, 1)).toBe(1);
    expect(() => evaluateHermite(c, 1.0000001)).toThrow(RangeError);
    expect(() => evaluateHermite(c, Number.NaN)).toThrow(RangeError);
  });

  it('inverts to the leftmost point of a flat stretch', () => {
    const c = { knots: [0, 0.3, 0.6, 1], values: [0, 0.5, 0.5, 1], slopes: [0, 0, 0, 0] };
    expect(inverseHermite(c, 0.5)).toBe(0.3);
    expect(() => inverseHermite(c, 1.5)).toThrow(RangeError);
  });
});

describe('Fritsch–Carlson', () => {
  it('recognises the monotone region M on its boundaries (Fritsch & Carlson 1980, Fig. 2)', () => {
    expect(inMonotoneRegion(3, 3)).toBe(true); // the corner of the square, on the ellipse
    expect(inMonotoneRegion(3, 0)).toBe(true);
    expect(inMonotoneRegion(0, 3.05)).toBe(false);
    expect(inMonotoneRegion(4, 4)).toBe(false);
    expect(inMonotoneRegion(-0.1, 0.5)).toBe(false);
  });

  it('scales slopes (4, 4) on a unit secant into the circle of radius 3: f(0.25) = 0.15625 + 0.09375·3/√2 by hand', () => {
    const lim = limitSlopesFritschCarlson([0, 1], [0, 1], [4, 4]);
    expect(lim.changed).toBe(2);
    lim.slopes.forEach((m) => expect(m).toBeCloseTo(3 / Math.SQRT2, 10));
    // h01(0.25) = 3/16 − 2/64 = 0.15625; h10 + h11 at 0.25 = 0.140625 − 0.046875 = 0.09375
    const c = { knots: [0, 1], values: [0, 1], slopes: lim.slopes };
    expect(evaluateHermite(c, 0.25)).toBeCloseTo(0.15625 + 0.09375 * (3 / Math.SQRT2), 10);
  });

  it('gives zero slopes next to flat data, so the step [0, 0, 1, 1] becomes a smoothstep: f(1.25) = 0.15625 by hand', () => {
    const knots = [0, 1, 2, 3];
    const values = [0, 0, 1, 1];
    const slopes = fritschCarlsonSlopes(knots, values);
    expect(slopes).toEqual([0, 0, 0, 0]);
    const c = { knots, values, slopes };
    expect(evaluateHermite(c, 1.25)).toBeCloseTo(0.15625, 15);
    expect(evaluateHermite(c, 0.5)).toBe(0);
    expect(evaluateHermite(c, 2.5)).toBe(1);
  });

  it('leaves slopes that are already monotone untouched, and clips negative ones to zero', () => {
    expect(limitSlopesFritschCarlson([0, 1, 2], [0, 1, 2], [1, 1, 1])).toEqual({ slopes: [1, 1, 1], changed: 0 });
    expect(limitSlopesFritschCarlson([0, 1], [0, 1], [-0.5, 1]).slopes).toEqual([0, 1]);
  });

  it('repairs a neighbour that a later limit pushed out of M', () => {
    // Segment 0 starts in M; segment 1 is flat and zeroes the shared slope, which pushes segment 0
    // out of M; a second pass must bring it back, leaving the curve monotone on both segments.
    const knots = [0, 1, 2];
    const values = [0, 1, 1];
    const lim = limitSlopesFritschCarlson(knots, values, [3.05, 0.05, 0]);
    // (3.05, 0.05) ∈ M, but (3.05, 0) ∉ M once the flat segment zeroes the shared slope
    expect(inMonotoneRegion(3.05, 0.05)).toBe(true);
    expect(inMonotoneRegion(3.05, 0)).toBe(false);
    expect(lim.slopes[1]).toBe(0);
    expect(lim.slopes[0]).toBeLessThanOrEqual(3);
    const c = { knots, values, slopes: lim.slopes };
    let prev = -Infinity;
    for (let k = 0; k <= 2000; k++) {
      const v = evaluateHermite(c, k / 1000);
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
  });

  it('refuses decreasing values', () => {
    expect(() => limitSlopesFritschCarlson([0, 1], [1, 0], [0, 0])).toThrow(RangeError);
  });
});
