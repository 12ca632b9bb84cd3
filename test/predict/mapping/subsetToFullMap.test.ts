/**
 * The subset→full map of COD (App. C.3): ladder-only fit, anchor compatibility, refit with the
 * compatible anchors, and the power/identity fallbacks when there are too few points.
 */
import { describe, expect, it } from 'vitest';
import { fitPowerMap } from '../../../src/predict/mapping/powerMap.js';
import { applySubsetToFullMap, fitSubsetToFullMap, type SubsetFullPair } from '../../../src/predict/mapping/subsetToFullMap.js';

/** A ladder on the curve full = subset^1.2 (the full benchmark a little harder than the subset). */
const curve = (s: number) => s ** 1.2;
const ladder: SubsetFullPair[] = [0.15, 0.22, 0.3, 0.38, 0.45, 0.52, 0.58, 0.63].map((s, i) => ({
  model: `L${i + 1}`,
  subset: s,
  full: curve(s),
}));

describe('fitSubsetToFullMap: the spline', () => {
  it('fits the ladder with the monotone spline, exact at (0, 0) and (1, 1), and meets the RMSE target', () => {
    const map = fitSubsetToFullMap(ladder, []);
    expect(map.kind).toBe('spline');
    expect(map.reachedTarget).toBe(true);
    expect(map.rmse).toBeLessThan(0.005);
    expect(map.distinctInteriorPoints).toBe(8);
    expect(applySubsetToFullMap(map, 0)).toBe(0);
    expect(applySubsetToFullMap(map, 1)).toBe(1);
    expect(applySubsetToFullMap(map, 0.4)).toBeCloseTo(curve(0.4), 2);
    expect(map.warnings).toEqual([]);
    expect(map.points.every((p) => p.role === 'ladder')).toBe(true);
  });

  it('is plain JSON-serialisable data that applies the same after a round trip', () => {
    const map = fitSubsetToFullMap(ladder, [{ model: 'A', subset: 0.8, full: 0.75 }]);
    const back = JSON.parse(JSON.stringify(map)) as typeof map;
    expect(back).toEqual(map);
    expect(applySubsetToFullMap(back, 0.71)).toBe(applySubsetToFullMap(map, 0.71));
  });

  it('is deterministic', () => {
    const anchors = [{ model: 'A', subset: 0.8, full: 0.75 }];
    expect(fitSubsetToFullMap(ladder, anchors)).toEqual(fitSubsetToFullMap(ladder, anchors));
  });

  it('warns when the ladder is out of order and the target cannot be reached', () => {
    const noisy = ladder.map((p, i) => ({ ...p, full: p.full + (i % 2 ? 0.05 : -0.05) }));
    const map = fitSubsetToFullMap(noisy, []);
    expect(map.kind).toBe('spline');
    expect(map.reachedTarget).toBe(false);
    expect(map.warnings.some((w) => /stays at or above the target 0.005/.test(w))).toBe(true);
    expect(map.warnings.some((w) => /not in increasing order/.test(w))).toBe(true);
  });
});

describe('fitSubsetToFullMap: anchors', () => {
  it('uses an anchor beyond the ladder that is consistent with its ordering, and lets it bend the map', () => {
    // The truth bends above the ladder's extrapolation near the top; the anchor says so.
    const anchor = { model: 'Qwen2-72B', subset: 0.85, full: 0.86 };
    const without = fitSubsetToFullMap(ladder, []);
    const map = fitSubsetToFullMap(ladder, [anchor]);
    expect(map.anchorsUsed.map((a) => a.model)).toEqual(['Qwen2-72B']);
    expect(map.anchorsRejected).toEqual([]);
    expect(map.anchorsUsed[0]!.insideLadderRange).toBe(false);
    expect(map.points.at(-1)).toEqual({ model: 'Qwen2-72B', subset: 0.85, full: 0.86, role: 'anchor' });
    // the anchor is one of nine points smoothed to RMSE < 0.005, so it may keep a residual ≈ 0.01
    expect(Math.abs(applySubsetToFullMap(map, 0.85) - 0.86)).toBeLessThan(0.015);
    expect(Math.abs(applySubsetToFullMap(without, 0.85) - 0.86)).toBeGreaterThan(0.03);
    expect(map.warnings.some((w) => /anchor Qwen2-72B is .* from the ladder-only map's extrapolation/.test(w))).toBe(true);
  });

  it('uses an anchor inside the ladder range that lies on the ladder curve', () => {
    const map = fitSubsetToFullMap(ladder, [{ model: 'mid', subset: 0.41, full: curve(0.41) + 0.003 }]);
    expect(map.anchorsUsed).toHaveLength(1);
    expect(map.anchorsUsed[0]!.reason).toMatch(/inside the ladder's range/);
  });

  it('rejects, with a reason, an anchor inside the ladder range far off the ladder curve', () => {
    const map = fitSubsetToFullMap(ladder, [{ model: 'odd', subset: 0.41, full: curve(0.41) + 0.03 }]);
    expect(map.anchorsUsed).toEqual([]);
    const r = map.anchorsRejected[0]!;
    expect(r.model).toBe('odd');
    expect(r.rejection).toBe('residual');
    expect(r.residual).toBeCloseTo(0.03, 2);
    expect(r.reason).toMatch(/more than the tolerance 0.02/);
    expect(map.warnings).toContain(`anchor odd left out: ${r.reason}`);
    // the map is the ladder-only map
    expect(map.spline).toEqual(fitSubsetToFullMap(ladder, []).spline);
  });

  it('rejects, with a reason, an anchor beyond the ladder whose full accuracy is below the ladder’s best', () => {
    const map = fitSubsetToFullMap(ladder, [{ model: 'other-family', subset: 0.9, full: 0.4 }]);
    const r = map.anchorsRejected[0]!;
    expect(r.rejection).toBe('ordering');
    expect(r.reason).toMatch(/below L8's 0\.5\d+ by more than 0.02/);
  });

  it('names anchors without a model by their position, and takes a custom tolerance', () => {
    const map = fitSubsetToFullMap(ladder, [{ subset: 0.41, full: curve(0.41) + 0.03 }], { anchorTolerance: 0.05 });
    expect(map.anchorTolerance).toBe(0.05);
    expect(map.anchorsUsed[0]!.model).toBe('anchor 1');
  });
});

describe('fitSubsetToFullMap: fallbacks with too few points', () => {
  it('with one ladder point uses the power map s^γ through it and says so', () => {
    const map = fitSubsetToFullMap([{ model: 'only', subset: 0.25, full: 0.5 }], []);
    expect(map.kind).toBe('power');
    expect(map.gamma).toBeCloseTo(0.5, 8);
    expect(map.spline).toBeUndefined();
    expect(map.warnings[0]).toMatch(/only 1 distinct point .* power map f\(s\) = s\^γ, γ = 0.5/);
    expect(applySubsetToFullMap(map, 0.25)).toBeCloseTo(0.5, 8);
    expect(applySubsetToFullMap(map, 0)).toBe(0);
    expect(applySubsetToFullMap(map, 1)).toBe(1);
  });

  it('with two ladder points fits γ by least squares (checked against a brute-force scan)', () => {
    const pts = [
      { subset: 0.3, full: 0.2 },
      { subset: 0.6, full: 0.5 },
    ];
    const map = fitSubsetToFullMap(pts, []);
    expect(map.kind).toBe('power');
    expect(map.reason).toMatch(/only 2 distinct points/);
    const sse = (g: number) => pts.reduce((s, p) => s + (p.full - p.subset ** g) ** 2, 0);
    let best = 1;
    for (let g = 0.5; g <= 3; g += 1e-5) if (sse(g) < sse(best)) best = g;
    expect(map.gamma).toBeCloseTo(best, 4);
  });

  it('counts duplicates and points at 0 or 1 as no extra information', () => {
    const map = fitSubsetToFullMap(
      [
        { subset: 0, full: 0 },
        { subset: 0.4, full: 0.3 },
        { subset: 0.4, full: 0.32 },
        { subset: 1, full: 1 },
      ],
      [],
    );
    expect(map.kind).toBe('power');
    expect(map.distinctInteriorPoints).toBe(1);
  });

  it('with no interior point uses the identity and says so', () => {
    const map = fitSubsetToFullMap([], []);
    expect(map.kind).toBe('identity');
    expect(map.rmse).toBe(0);
    expect(map.warnings[0]).toMatch(/identity map f\(s\) = s/);
    expect(applySubsetToFullMap(map, 0.37)).toBe(0.37);
  });

  it('moves from the power map to the spline when compatible anchors bring the count to 3', () => {
    const two = ladder.slice(0, 2);
    const map = fitSubsetToFullMap(two, [
      { model: 'A1', subset: 0.5, full: curve(0.5) },
      { model: 'A2', subset: 0.7, full: curve(0.7) },
    ]);
    expect(map.ladderOnly.kind).toBe('power');
    expect(map.kind).toBe('spline');
    expect(map.anchorsUsed).toHaveLength(2);
    expect(map.warnings[0]).toMatch(/ladder only: only 2 distinct points .*; with 2 anchors: 4 distinct points/);
  });

  it('warns when a point at subset accuracy 0 conflicts with the fixed endpoint', () => {
    const map = fitSubsetToFullMap([{ model: 'tiny', subset: 0, full: 0.05 }, ...ladder], []);
    expect(map.warnings.some((w) => /tiny has subset accuracy 0 but full accuracy 0.05/.test(w))).toBe(true);
    expect(applySubsetToFullMap(map, 0)).toBe(0);
  });

  it('fits the power map γ = 1 exactly to points on the diagonal', () => {
    expect(fitPowerMap([{ s: 0.2, y: 0.2 }, { s: 0.7, y: 0.7 }]).gamma).toBeCloseTo(1, 9);
  });
});

describe('fitSubsetToFullMap: bad input', () => {
  it.each([
    ['a NaN subset accuracy', [{ model: 'm', subset: Number.NaN, full: 0.2 }], [], /ladder point 1 \(m\): subset accuracy NaN is not a number in \[0, 1\]/],
    ['a full accuracy above 1', [{ subset: 0.2, full: 1.5 }], [], /ladder point 1: full accuracy 1.5/],
    ['a negative anchor', [], [{ subset: -0.2, full: 0.5 }], /anchor point 1: subset accuracy -0.2/],
    ['a missing full accuracy', [{ subset: 0.2 }], [], /full accuracy undefined/],
    ['a zero weight', [{ subset: 0.2, full: 0.2, weight: 0 }], [], /weight 0 must be a finite number > 0/],
  ])('throws a RangeError for %s', (_n, l, a, message) => {
    expect(() => fitSubsetToFullMap(l as SubsetFullPair[], a as SubsetFullPair[])).toThrow(RangeError);
    expect(() => fitSubsetToFullMap(l as SubsetFullPair[], a as SubsetFullPair[])).toThrow(message);
  });

  it('throws a RangeError when a map is applied to NaN or to an accuracy outside [0, 1]', () => {
    const map = fitSubsetToFullMap(ladder, []);
    for (const s of [Number.NaN, -0.01, 1.01, Number.POSITIVE_INFINITY]) {
      expect(() => applySubsetToFullMap(map, s)).toThrow(RangeError);
    }
    expect(() => applySubsetToFullMap(map, 1.01)).toThrow(/subset accuracy 1.01 is not a number in \[0, 1\]/);
  });
});
