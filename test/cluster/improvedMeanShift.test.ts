/**
 * COD's improved MeanShift (Algorithm 1) on seeded synthetic sets with known clusters: recovery,
 * outliers, the bandwidth cap, determinism, the threaded variant, and degenerate inputs.
 */
import { describe, expect, it } from 'vitest';
import { estimateBandwidth } from '../../src/cluster/estimateBandwidth.js';
import { improvedMeanShift, improvedMeanShiftParallel } from '../../src/cluster/improvedMeanShift.js';
import { meanShift } from '../../src/cluster/meanShift.js';
import { adjustedRandIndex, knownClusters } from './support.js';

describe('improved MeanShift on clusters of known sizes', () => {
  const set = knownClusters(3, [300, 200, 120, 80, 40, 25], { tiny: 5, background: 15 });
  const result = improvedMeanShift(set.points, set.n, set.d);
  const inTruth = Array.from(set.truth.keys()).filter((i) => set.truth[i]! >= 0);

  it('recovers the six clusters (adjusted Rand index > 0.9 on their members)', () => {
    expect(result.k).toBe(6);
    const ari = adjustedRandIndex(
      inTruth.map((i) => set.truth[i]!),
      inTruth.map((i) => result.labels[i]!),
    );
    expect(ari).toBeGreaterThan(0.9);
  });

  it('numbers the clusters strongest first, as MeanShift orders them', () => {
    const sizes = Array.from({ length: result.k }, (_, c) => result.labels.filter((l) => l === c).length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes[0]).toBe(300);
  });

  it('sends the clusters of 4 points and the scattered background to the outliers', () => {
    for (let i = 0; i < set.n; i++) if (set.truth[i]! < 0) expect(result.labels[i]).toBe(-1);
    expect(result.outlierRate).toBeCloseTo(35 / set.n, 12);
  });

  it('keeps every member within R of its cluster centre and every cluster at ≥ 10 members', () => {
    for (let c = 0; c < result.k; c++) expect(result.labels.filter((l) => l === c).length).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < set.n; i++) {
      const c = result.labels[i]!;
      if (c < 0) continue;
      let s = 0;
      for (let j = 0; j < set.d; j++) s += (set.points[i * set.d + j]! - result.centers[c * set.d + j]!) ** 2;
      expect(Math.sqrt(s)).toBeLessThanOrEqual(result.bandwidth + 0.05);
    }
  });

  it('uses estimate_bandwidth(·, 0.1) itself when it is below the cap', () => {
    expect(result.estimatedBandwidth).toBe(estimateBandwidth(set.points, set.n, set.d, 0.1));
    expect(result.estimatedBandwidth).toBeLessThan(0.3);
    expect(result.bandwidth).toBe(result.estimatedBandwidth);
  });

  it('caps the bandwidth at √d/10 = 0.3 when the estimate is larger, or at a custom cap', () => {
    // Twelve clusters of 50: each point's 60th neighbour (10% of 600) lies in another cluster.
    const many = knownClusters(4, Array(12).fill(50), { separation: 0.7 });
    const r = improvedMeanShift(many.points, many.n, many.d);
    expect(r.estimatedBandwidth).toBeGreaterThan(0.6);
    expect(r.bandwidth).toBe(Math.sqrt(9) / 10);
    expect(adjustedRandIndex(many.truth, r.labels)).toBe(1);
    expect(improvedMeanShift(set.points, set.n, set.d, { maxBandwidth: 0.12 }).bandwidth).toBe(0.12);
  });

  it('sends a cluster smaller than K to the outliers and keeps it when K allows it', () => {
    const small = knownClusters(5, [200, 8]);
    expect(improvedMeanShift(small.points, small.n, small.d).labels.slice(200).every((l) => l === -1)).toBe(true);
    const kept = improvedMeanShift(small.points, small.n, small.d, { minClusterSize: 5 });
    expect(kept.k).toBe(2);
    expect(new Set(kept.labels.slice(200))).toEqual(new Set([1]));
  });

  it('is deterministic: the same input gives the same labels, centres and bandwidth', () => {
    const again = improvedMeanShift(set.points, set.n, set.d);
    expect(Array.from(again.labels)).toEqual(Array.from(result.labels));
    expect(Array.from(again.centers)).toEqual(Array.from(result.centers));
    expect(again.bandwidth).toBe(result.bandwidth);
  });
});

describe('the threaded improved MeanShift', () => {
  it('gives exactly the single-threaded result', async () => {
    const set = knownClusters(8, [900, 700, 400, 300, 100, 30], { spread: 0.06, tiny: 10, background: 60 });
    const single = improvedMeanShift(set.points, set.n, set.d);
    const threaded = await improvedMeanShiftParallel(set.points, set.n, set.d, { threads: 2 });
    expect(threaded.estimatedBandwidth).toBe(single.estimatedBandwidth);
    expect(threaded.rounds).toBe(single.rounds);
    expect(Array.from(threaded.labels)).toEqual(Array.from(single.labels));
    expect(Array.from(threaded.centers)).toEqual(Array.from(single.centers));
  });
});

describe('degenerate inputs', () => {
  it('no points: no clusters, bandwidth 0, outlier rate 0, no round, and estimate_bandwidth NaN', () => {
    const r = improvedMeanShift(new Float64Array(0), 0, 9);
    expect(r).toMatchObject({ k: 0, bandwidth: 0, outlierRate: 0, rounds: 0 });
    expect(r.labels.length).toBe(0);
    expect(estimateBandwidth(new Float64Array(0), 0, 9)).toBeNaN();
    expect(meanShift(new Float64Array(0), 0, 9, { bandwidth: 0.3 }).k).toBe(0);
  });

  it('one point: bandwidth 0 (its only neighbour is itself) and an outlier, since 1 < K', () => {
    const r = improvedMeanShift(Float64Array.of(0.2, 0.4, 0.6), 1, 3);
    expect(r).toMatchObject({ k: 0, bandwidth: 0, outlierRate: 1 });
    expect(Array.from(r.labels)).toEqual([-1]);
    expect(improvedMeanShift(Float64Array.of(0.2, 0.4, 0.6), 1, 3, { minClusterSize: 1 }).k).toBe(1);
  });

  it('all points identical: bandwidth 0 and one cluster holding them all', () => {
    const points = new Float64Array(50 * 4).fill(0.37);
    const r = improvedMeanShift(points, 50, 4);
    expect(r.bandwidth).toBe(0);
    expect(r.k).toBe(1);
    expect(r.labels.every((l) => l === 0)).toBe(true);
    for (const c of r.centers) expect(c).toBeCloseTo(0.37, 14);
  });

  it('0/1 scores on a short ladder (heavy duplication) cluster the repeated patterns', () => {
    const patterns = [[0, 0, 1], [0, 1, 1], [1, 1, 1], [1, 0, 1]];
    const counts = [40, 30, 20, 5];
    const rows = patterns.flatMap((p, c) => Array.from({ length: counts[c]! }, () => p));
    const r = improvedMeanShift(Float64Array.from(rows.flat()), rows.length, 3);
    // k = 9 neighbours: 0 away for the 90 rows of large patterns, 1 away for the 5 others.
    expect(r.bandwidth).toBeCloseTo(5 / 95, 15);
    expect(r.k).toBe(3);
    expect(Array.from(r.labels.slice(0, 90))).toEqual([...Array(40).fill(0), ...Array(30).fill(1), ...Array(20).fill(2)]);
    expect(r.outlierRate).toBeCloseTo(5 / 95, 15);
  });

  it('d = 1 works like any other dimension (cap √1/10 = 0.1)', () => {
    const points = Float64Array.from([...Array.from({ length: 30 }, (_, i) => i / 1000), ...Array.from({ length: 20 }, (_, i) => 0.8 + i / 1000)]);
    const r = improvedMeanShift(points, 50, 1, { quantile: 0.5 });
    expect(r.bandwidth).toBe(0.1);
    expect(r.k).toBe(2);
    expect(r.outlierRate).toBe(0);
  });

  it('refuses non-finite values and bad options with a message that says what is wrong', () => {
    expect(() => improvedMeanShift(Float64Array.of(0, Number.NaN), 1, 2)).toThrow(/row 0, column 1 is NaN/);
    expect(() => improvedMeanShift(Float64Array.of(0, 1), 1, 2, { minClusterSize: 0 })).toThrow(/minClusterSize/);
    expect(() => meanShift(Float64Array.of(0, 1), 1, 2, { bandwidth: -1 })).toThrow(/bandwidth/);
    expect(() => estimateBandwidth(Float64Array.of(0, 1), 1, 2, 1.5)).toThrow(/quantile/);
  });
});
