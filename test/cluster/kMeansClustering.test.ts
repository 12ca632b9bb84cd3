/** The K-Means baselines: the seeded ml-kmeans wrapper and the paper's improved K-Means. */
import { describe, expect, it } from 'vitest';
import { compactLabels, improvedKMeans, kMeansClustering } from '../../src/cluster/kMeansClustering.js';
import { adjustedRandIndex, knownClusters } from './support.js';

describe('kMeansClustering', () => {
  const set = knownClusters(21, [120, 80, 60]);

  it('recovers well-separated clusters and returns member means as centres', () => {
    const r = kMeansClustering(set.points, set.n, set.d, 3, { seed: 2 });
    expect(r.k).toBe(3);
    expect(r.outlierRate).toBe(0);
    expect(adjustedRandIndex(set.truth, r.labels)).toBe(1);
    const members = Array.from(r.labels.keys()).filter((i) => r.labels[i] === 0);
    const mean0 = members.reduce((s, i) => s + set.points[i * set.d]!, 0) / members.length;
    expect(r.centers[0]).toBeCloseTo(mean0, 12);
  });

  it('is deterministic for a seed', () => {
    const a = kMeansClustering(set.points, set.n, set.d, 5, { seed: 9 });
    const b = kMeansClustering(set.points, set.n, set.d, 5, { seed: 9 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });

  it('clips k to the number of points and handles no points', () => {
    expect(kMeansClustering(Float64Array.of(0, 1), 2, 1, 5).k).toBe(2);
    expect(kMeansClustering(new Float64Array(0), 0, 3, 2).k).toBe(0);
    expect(() => kMeansClustering(Float64Array.of(0), 1, 1, 0)).toThrow(/k must be/);
  });
});

describe('improvedKMeans', () => {
  const set = knownClusters(22, [150, 100, 60, 40], { tiny: 3, background: 10 });
  const r = improvedKMeans(set.points, set.n, set.d, { seed: 1 });

  it('keeps only clusters of at least 10 points', () => {
    const sizes = Array.from({ length: r.k }, (_, c) => r.labels.filter((l) => l === c).length);
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(10);
  });

  it('finds the largest k whose clusters all reach 10 points, at least the true number here', () => {
    expect(r.searchedK).toBeGreaterThanOrEqual(4);
    expect(r.searchedK).toBeLessThanOrEqual(Math.floor(set.n / 10));
  });

  it('turns points beyond twice the mean distance to their centre into outliers', () => {
    expect(r.radius).toBeGreaterThan(0);
    expect(r.outlierRate).toBeGreaterThan(0);
    for (let i = 0; i < set.n; i++) {
      if (r.labels[i]! < 0) continue;
      let s = 0;
      for (let j = 0; j < set.d; j++) s += (set.points[i * set.d + j]! - r.centers[r.labels[i]! * set.d + j]!) ** 2;
      expect(Math.sqrt(s)).toBeLessThanOrEqual(r.radius * 1.5);
    }
  });

  it('puts the scattered background among the outliers', () => {
    const background = Array.from({ length: 10 }, (_, b) => set.n - 1 - b);
    expect(background.filter((i) => r.labels[i] === -1).length).toBeGreaterThanOrEqual(8);
  });
});

describe('compactLabels', () => {
  it('renumbers the used labels in order and keeps −1', () => {
    expect(compactLabels(Int32Array.of(3, -1, 3, 5))).toEqual({ labels: Int32Array.of(0, -1, 0, 1), k: 2 });
  });
});
