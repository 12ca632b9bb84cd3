/**
 * The default policy: bounded predictions on a ladder near saturation, intervals that are never of
 * zero width and grow with the extrapolation ratio, and conformal calibration recovered on a seeded
 * synthetic corpus judged leaving one lineage out.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/core/random.js';
import type { LadderModel } from '../../../src/predict/ladder.js';
import type { BenchmarkData } from '../../../src/predict/methods.js';
import { applyPolicy, conformalQuantile, crossValidatedDefault, fitPolicy, intervalScale, POLICY_COMPONENTS, policyGroupKeys, type DefaultPolicy, type PolicyRow } from '../../../src/predict/policy/defaultPolicy.js';
import { parsePolicy } from '../../../src/predict/policy/policyFile.js';
import { shippedPolicy } from '../../../src/predict/policy/shippedPolicy.js';
import { predictSuite } from '../../../src/predict/predictSuite.js';

const ladder: LadderModel[] = [1e20, 1e21, 1e22, 1e23].map((x, i) => ({ model: `m${i}`, x, params: Math.sqrt(x / 120) }));
const near = (scores: number[], extra: Partial<BenchmarkData> = {}): BenchmarkData => ({ benchmark: 'b', matrix: null, scores: new Map(ladder.map((l, i) => [l.model, scores[i]!])), ...extra });

describe('the default on a 4-model ladder near saturation', () => {
  const [r] = predictSuite([near([0.8, 0.88, 0.94, 0.985], { guess: 0.25 })], ladder, { x: 1e25, params: Math.sqrt(1e25 / 120) });
  const row = (m: string) => r!.predictions.find((p) => p.method === m)!;

  it('stays below the ceiling, and the straight line says its curve crossed it', () => {
    const d = row('default');
    expect(d.default).toBe(true);
    expect(d.prediction!).toBeLessThanOrEqual(1);
    expect(d.prediction!).toBeGreaterThanOrEqual(0.985 - 1e-12);
    const line = row('e2e-linear');
    expect(line.prediction).toBe(1);
    expect(line.raw!).toBeGreaterThan(1);
    expect(line.warnings.join(' ')).toMatch(/crosses the ceiling \(100.0%\) before the target/);
  });

  it('gives an interval inside [0, 1] that is not of zero width', () => {
    const d = row('default');
    expect(d.interval![1]).toBeLessThanOrEqual(1);
    expect(d.interval![0]).toBeLessThan(d.prediction!);
  });

  it('respects a benchmark ceiling below 1 in the point and the interval', () => {
    const [c] = predictSuite([near([0.8, 0.88, 0.9, 0.92], { ceiling: 0.93 })], ladder, 1e25);
    for (const p of c!.predictions) if (p.prediction !== null) expect(p.prediction).toBeLessThanOrEqual(0.93);
    expect(c!.predictions[0]!.interval![1]).toBeLessThanOrEqual(0.93);
  });

  it('never goes below the chance floor', () => {
    const [c] = predictSuite([near([0.3, 0.28, 0.27, 0.26], { guess: 0.25 })], ladder, 1e25);
    for (const p of c!.predictions) if (p.prediction !== null) expect(p.prediction).toBeGreaterThanOrEqual(0.25);
  });
});

describe('applyPolicy', () => {
  const policy: DefaultPolicy = {
    version: 1,
    corpus: 'test',
    fitted: '2026-01-01',
    components: [...POLICY_COMPONENTS],
    groups: [{ key: '*', weights: { 'e2e-linear': 0.5, 'e2e-linear3': 0, 'pop-curve': 0, 'e2e-logistic': 0, 'e2e-cod': 0, 'two-step': 0 }, rows: 1, lineages: 1 }],
    calibration: { level: 0.95, quantile: { '*': 0 } },
  };

  it('is carry plus the weighted gains; a missing component falls back to the line, the line to carry', () => {
    const p = applyPolicy(policy, { kind: 'aggregate', ratio: 2, floor: 0, ceiling: 1, values: { carry: 0.5, 'e2e-linear': 0.7 } });
    expect(p.value).toBeCloseTo(0.6, 12);
    expect(p.components.find((c) => c.method === 'pop-curve')!.fallback).toBe('e2e-linear');
    const flat = applyPolicy(policy, { kind: 'aggregate', ratio: 2, floor: 0, ceiling: 1, values: { carry: 0.5, 'e2e-linear': null } });
    expect(flat.value).toBe(0.5);
    expect(flat.components[0]!.fallback).toBe('carry');
  });

  it('never gives a zero-width interval, even when the corpus erred by nothing', () => {
    const p = applyPolicy(policy, { kind: 'sampled', ratio: 1, floor: 0, ceiling: 1, values: { carry: 0.5 } });
    expect(p.interval[1] - p.interval[0]).toBeGreaterThan(0);
  });

  it('scales the interval by 1 + log2(ratio)', () => {
    expect(intervalScale(1)).toBe(1);
    expect(intervalScale(8)).toBe(4);
    expect(intervalScale(0.5)).toBe(1);
  });

  it('picks the most specific group the policy has', () => {
    expect(policyGroupKeys({ kind: 'greedy', ratio: 2, floor: 0, ceiling: 1, values: { carry: 0.5, 'pop-curve': 0.6 } })).toEqual(['greedy|pop|-', '*|pop|-', 'greedy', '*']);
  });
});

describe('conformalQuantile', () => {
  it('is the ⌈(n + 1)·level⌉-th smallest score, the largest when that is past n', () => {
    const s = Array.from({ length: 99 }, (_, i) => i + 1);
    expect(conformalQuantile(s, 0.95)).toBe(95);
    expect(conformalQuantile([3, 1, 2], 0.95)).toBe(3);
    expect(conformalQuantile([], 0.95)).toBeUndefined();
  });
});

/**
 * A synthetic corpus whose truth is known: each lineage has its own bias on the gain, the methods
 * report the true gain with noise, and errors grow with the extrapolation ratio.
 */
function syntheticCorpus(seed: number, lineages: number, perLineage: number): PolicyRow[] {
  const rng = createRandom(seed);
  const rows: PolicyRow[] = [];
  for (let l = 0; l < lineages; l++) {
    const bias = 0.02 * rng.normal();
    for (let i = 0; i < perLineage; i++) {
      const ratio = 2 ** (4 * rng.next());
      const carry = 0.2 + 0.6 * rng.next();
      const gain = 0.05 * Math.log2(ratio) * rng.next();
      const noise = 0.02 * intervalScale(ratio);
      const actual = Math.min(1, Math.max(0, carry + gain + bias + noise * rng.normal()));
      const est = () => carry + gain + noise * rng.normal();
      rows.push({ kind: i % 2 === 0 ? 'aggregate' : 'sampled', ratio, floor: 0, ceiling: 1, lineage: `L${l}`, actual, values: { carry, 'e2e-linear': est(), 'e2e-linear3': est(), 'e2e-cod': est() } });
    }
  }
  return rows;
}

describe('calibration on a seeded synthetic corpus, leaving one lineage out', () => {
  const rows = syntheticCorpus(11, 30, 60);
  const preds = crossValidatedDefault(rows);

  it('covers the truth in 90–98% of cases', () => {
    const covered = rows.filter((r, i) => preds[i]!.interval[0] <= r.actual && r.actual <= preds[i]!.interval[1]).length / rows.length;
    expect(covered).toBeGreaterThanOrEqual(0.9);
    expect(covered).toBeLessThanOrEqual(0.98);
  });

  it('beats carrying the largest model forward', () => {
    const mae = (f: (r: PolicyRow, i: number) => number) => rows.reduce((a, r, i) => a + Math.abs(f(r, i) - r.actual), 0) / rows.length;
    expect(mae((_, i) => preds[i]!.value)).toBeLessThan(0.8 * mae((r) => r.values.carry!));
  });

  it('gives wider intervals further out', () => {
    const width = (lo: number, hi: number) => {
      const w = rows.map((r, i) => [r.ratio, preds[i]!.interval[1] - preds[i]!.interval[0]] as const).filter(([q]) => q >= lo && q < hi);
      return w.reduce((a, [, v]) => a + v, 0) / w.length;
    };
    expect(width(8, 17)).toBeGreaterThan(1.5 * width(1, 2));
  });

  it('refuses to calibrate on a single lineage', () => {
    expect(() => fitPolicy(rows.filter((r) => r.lineage === 'L0'), 'one', '2026-01-01')).toThrow(/at least two lineages/);
  });
});

describe('the shipped policy', () => {
  it('parses, has a fallback group and an interval for every data kind', () => {
    const p = shippedPolicy();
    expect(p.corpus).toBe('public');
    expect(p.groups.some((g) => g.key === '*')).toBe(true);
    for (const k of ['greedy', 'sampled', 'aggregate', '*'] as const) expect(p.calibration.quantile[k]).toBeGreaterThan(0);
  });

  it('is refused, with the reason, when broken', () => {
    expect(() => parsePolicy('{"version": 2}', 'p.json')).toThrow(/not a scalecast policy of version 1/);
    expect(() => parsePolicy('nope', 'p.json')).toThrow(/not valid JSON/);
    const p = shippedPolicy();
    expect(() => parsePolicy(JSON.stringify({ ...p, groups: p.groups.filter((g) => g.key !== '*') }), 'p.json')).toThrow(/no "\*" group/);
  });
});
