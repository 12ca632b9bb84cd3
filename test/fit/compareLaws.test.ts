import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { compareLaws } from '../../src/fit/compareLaws.js';
import { linearLogCompute, logisticLogCompute, powerLawOffset } from '../../src/fit/laws/index.js';

describe('compareLaws', () => {
  const rng = createRandom(4);
  const x = Float64Array.from({ length: 10 }, (_, i) => 10 ** (6 + (4 * i) / 9));
  const y = x.map((v) => 1.7 + 400 * v ** -0.3 + rng.normal(0, 0.002));
  const data = { x: [x], y };

  it('prefers the law that generated the data, by AICc and by held-out error', () => {
    const rows = compareLaws([powerLawOffset, linearLogCompute, logisticLogCompute], data, { holdout: 2 });
    const by = (id: string) => rows.find((r) => r.law === id)!;
    expect(by('power-offset').deltaAicc).toBe(0);
    expect(by('linear-log').deltaAicc!).toBeGreaterThan(10);
    expect(by('power-offset').holdoutMeanError!).toBeLessThan(by('linear-log').holdoutMeanError!);
    expect(by('power-offset').holdoutPredictions).toHaveLength(2);
  });

  it('measures the held-out error of a line exactly (ordinary least squares without the largest points)', () => {
    const [row] = compareLaws([linearLogCompute], data, { holdout: 1 });
    const t = Array.from(x.subarray(0, 9), Math.log10);
    const yy = Array.from(y.subarray(0, 9));
    const tb = t.reduce((a, b) => a + b) / 9;
    const yb = yy.reduce((a, b) => a + b) / 9;
    const b = t.reduce((s, v, i) => s + (v - tb) * (yy[i]! - yb), 0) / t.reduce((s, v) => s + (v - tb) ** 2, 0);
    const pred = yb + b * (10 - tb);
    expect(row!.holdoutPredictions[0]!).toBeCloseTo(pred, 10);
    expect(row!.holdoutMeanError!).toBeCloseTo(Math.abs(pred - y[9]!), 10);
  });

  it('reports a law that cannot be fitted instead of failing the comparison', () => {
    const small = { x: [Float64Array.of(1e20, 1e21, 1e22)], y: Float64Array.of(0.3, 0.4, 0.5) };
    const rows = compareLaws([logisticLogCompute, linearLogCompute], small, { holdout: 1 });
    expect(rows[0]!.fit).toBeNull();
    expect(rows[0]!.error).toContain('4 free parameters');
    expect(rows[1]!.fit).not.toBeNull();
  });
});
