/**
 * Clustering a sample and assigning the rest: the sample is uniform and seeded, small inputs are
 * clustered whole, sampled rows keep their labels, the others get the nearest centre within the radius,
 * and on well-separated clusters the result matches clustering everything.
 */
import { describe, expect, it } from 'vitest';
import { improvedMeanShift, type ImprovedMeanShiftResult } from '../../src/cluster/improvedMeanShift.js';
import { sampleRows, sampleThenAssign } from '../../src/cluster/sampleThenAssign.js';
import { adjustedRandIndex, knownClusters } from './support.js';

describe('sampleRows', () => {
  it('returns m distinct sorted rows, the same for the same seed, all rows when m ≥ n', () => {
    const a = sampleRows(1000, 100, 7);
    expect(a.length).toBe(100);
    expect(new Set(a).size).toBe(100);
    expect(Array.from(a)).toEqual([...a].sort((x, y) => x - y));
    expect(Array.from(sampleRows(1000, 100, 7))).toEqual(Array.from(a));
    expect(Array.from(sampleRows(1000, 100, 8))).not.toEqual(Array.from(a));
    expect(Array.from(sampleRows(5, 9, 1))).toEqual([0, 1, 2, 3, 4]);
  });

  it('is uniform: every row is drawn about m/n of the time', () => {
    const hits = new Int32Array(50);
    for (let seed = 0; seed < 2000; seed++) for (const r of sampleRows(50, 10, seed)) hits[r]++;
    // Each count ~ Binomial(2000, 0.2): mean 400, sd 17.9; 5 sd either side.
    for (const h of hits) expect(Math.abs(h - 400)).toBeLessThan(90);
  });
});

describe('sampleThenAssign', () => {
  const set = knownClusters(11, [900, 600, 400, 300], { background: 40 });
  const cluster = (s: Float64Array, m: number) => improvedMeanShift(s, m, set.d);

  it('clusters small inputs whole: the plain result, sampled = n', () => {
    const whole = improvedMeanShift(set.points, set.n, set.d);
    const r = sampleThenAssign<ImprovedMeanShiftResult>(set.points, set.n, set.d, { sampleSize: set.n, seed: 1, radius: (c) => c.bandwidth }, cluster);
    expect(r.sampled).toBe(set.n);
    expect(Array.from(r.labels)).toEqual(Array.from(whole.labels));
  });

  const sampled = sampleThenAssign<ImprovedMeanShiftResult>(set.points, set.n, set.d, { sampleSize: 500, seed: 3, radius: (c) => c.bandwidth }, cluster);

  it('keeps the labels of the sampled rows and gives the others their nearest centre within the radius', () => {
    expect(sampled.sampled).toBe(500);
    const rows = sampleRows(set.n, 500, 3);
    const inSample = new Set(rows);
    const sampleRun = improvedMeanShift(Float64Array.from(Array.from(rows).flatMap((r) => Array.from(set.points.subarray(r * set.d, r * set.d + set.d)))), 500, set.d);
    rows.forEach((r, a) => expect(sampled.labels[r]).toBe(sampleRun.labels[a]));
    // Hand check of the rule on every other row: nearest sample-cluster centre, −1 beyond R.
    const centres: number[][] = [];
    for (let c = 0; c < sampleRun.k; c++) {
      const members = Array.from(rows).filter((_, a) => sampleRun.labels[a] === c);
      centres.push(Array.from({ length: set.d }, (_, j) => members.reduce((s, r) => s + set.points[r * set.d + j]!, 0) / members.length));
    }
    for (let i = 0; i < set.n; i++) {
      if (inSample.has(i)) continue;
      const dist = centres.map((c) => Math.hypot(...c.map((v, j) => v - set.points[i * set.d + j]!)));
      const best = dist.indexOf(Math.min(...dist));
      expect(sampled.labels[i]).toBe(dist[best]! <= sampleRun.bandwidth ? best : -1);
    }
  });

  it('finds the same four clusters as clustering everything (adjusted Rand index > 0.95 on their members)', () => {
    const members = Array.from(set.truth.keys()).filter((i) => set.truth[i]! >= 0);
    expect(sampled.k).toBe(4);
    expect(adjustedRandIndex(members.map((i) => set.truth[i]!), members.map((i) => sampled.labels[i]!))).toBeGreaterThan(0.95);
  });

  it('returns centres that are the means of all final members', () => {
    for (let c = 0; c < sampled.k; c++) {
      const members = Array.from(sampled.labels.keys()).filter((i) => sampled.labels[i] === c);
      for (let j = 0; j < set.d; j++) {
        const mean = members.reduce((s, i) => s + set.points[i * set.d + j]!, 0) / members.length;
        expect(sampled.centers[c * set.d + j]).toBeCloseTo(mean, 12);
      }
    }
  });

  it('rejects a sample size below 1', () => {
    expect(() => sampleThenAssign(set.points, set.n, set.d, { sampleSize: 0, seed: 1, radius: 1 }, cluster)).toThrow(RangeError);
  });
});
