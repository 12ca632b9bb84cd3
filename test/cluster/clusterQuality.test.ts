/** IAD and outlier rate as COD's Table 3 reports them. */
import { describe, expect, it } from 'vitest';
import { clusterQuality } from '../../src/cluster/clusterQuality.js';

describe('clusterQuality', () => {
  it('averages the member-to-centre distance per cluster, then over clusters', () => {
    // cluster 0 = {0, 2}: centre 1, distances 1 and 1; cluster 1 = {10}: distance 0; 50 is an outlier.
    const q = clusterQuality(Float64Array.of(0, 2, 10, 50), 4, 1, Int32Array.of(0, 0, 1, -1));
    expect(q.iad).toBeCloseTo(0.5, 15);
    expect(q.iadWeighted).toBeCloseTo(2 / 3, 15);
    expect(q.outlierRate).toBe(0.25);
    expect(q.clusters).toBe(2);
    expect(Array.from(q.sizes)).toEqual([2, 1]);
  });

  it('uses Euclidean distances in d dimensions', () => {
    const q = clusterQuality(Float64Array.of(0, 0, 6, 8), 2, 2, Int32Array.of(0, 0));
    expect(q.iad).toBeCloseTo(5, 15);
  });

  it('counts items dropped before clustering as outliers when asked', () => {
    expect(clusterQuality(Float64Array.of(0, 1), 2, 1, Int32Array.of(0, 0), 2).outlierRate).toBe(0.5);
  });

  it('has no IAD without clusters and a zero outlier rate without points', () => {
    const q = clusterQuality(new Float64Array(0), 0, 3, new Int32Array(0));
    expect(q.iad).toBeNaN();
    expect(q.outlierRate).toBe(0);
  });
});
