/**
 * estimate_bandwidth, MeanShift and the improved MeanShift against scikit-learn, on the datasets of
 * test/fixtures/sklearn/meanshift_reference.json (2-D blobs, 9-D pass rates on the 0.01 grid,
 * 4-D greedy scores with heavy duplication, 1-D groups). Regenerate the fixture with
 * `/usr/bin/python3 test/fixtures/sklearn/meanshift_reference.py`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateBandwidth } from '../../src/cluster/estimateBandwidth.js';
import { improvedMeanShift } from '../../src/cluster/improvedMeanShift.js';
import { meanShift } from '../../src/cluster/meanShift.js';
import { sklearnTreeOrder } from '../../src/cluster/sklearnTreeOrder.js';
import { projectRoot } from '../helpers/paths.js';

interface Reference {
  sklearn: string;
  datasets: {
    name: string;
    n: number;
    d: number;
    data: number[];
    tree_order: number[];
    estimate_bandwidth: { quantile: number; bandwidth: number }[];
    mean_shift: { bandwidth: number; cluster_all: boolean; centers: number[]; labels: number[]; n_iter: number }[];
    improved?: { quantile: number; min_cluster_size: number; estimated: number; bandwidth: number; labels: number[]; rounds: number };
  }[];
}

const ref = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/sklearn/meanshift_reference.json'), 'utf8')) as Reference;

describe('the scikit-learn reference', () => {
  it('was made with scikit-learn 1.2 and covers 2-D, 9-D pass rates, duplicates and d = 1', () => {
    expect(ref.sklearn).toMatch(/^1\.2\./);
    expect(ref.datasets.map((s) => s.d).sort()).toEqual([1, 2, 4, 9]);
  });
});

for (const set of ref.datasets) {
  const X = Float64Array.from(set.data);
  describe(`${set.name} (${set.n} × ${set.d})`, () => {
    it('orders the points as scikit-learn’s k-d tree does (the order np.mean adds a neighbourhood in)', () => {
      expect(Array.from(sklearnTreeOrder(X, set.n, set.d))).toEqual(set.tree_order);
    });

    for (const { quantile, bandwidth } of set.estimate_bandwidth) {
      it(`estimateBandwidth at quantile ${quantile} equals scikit-learn's to 1e-12`, () => {
        expect(Math.abs(estimateBandwidth(X, set.n, set.d, quantile) - bandwidth)).toBeLessThan(1e-12);
      });
    }

    for (const run of set.mean_shift) {
      describe(`MeanShift(bandwidth=${run.bandwidth.toFixed(4)}, cluster_all=${run.cluster_all})`, () => {
        const ours = meanShift(X, set.n, set.d, { bandwidth: run.bandwidth, clusterAll: run.cluster_all });

        it('finds scikit-learn’s centres, in scikit-learn’s order, to 1e-9', () => {
          expect(ours.k * set.d).toBe(run.centers.length);
          let worst = 0;
          for (let i = 0; i < run.centers.length; i++) worst = Math.max(worst, Math.abs(ours.centers[i]! - run.centers[i]!));
          expect(worst).toBeLessThan(1e-9);
        });

        it('gives every point scikit-learn’s label', () => {
          expect(Array.from(ours.labels)).toEqual(run.labels);
        });

        it('reports scikit-learn’s n_iter_', () => {
          expect(ours.iterations).toBe(run.n_iter);
        });
      });
    }

    const improved = set.improved;
    if (improved) {
      it('improved MeanShift reproduces Algorithm 1 written on scikit-learn: bandwidth, rounds and labels', () => {
        const ours = improvedMeanShift(X, set.n, set.d, { quantile: improved.quantile, minClusterSize: improved.min_cluster_size });
        expect(Math.abs(ours.estimatedBandwidth - improved.estimated)).toBeLessThan(1e-12);
        expect(ours.bandwidth).toBeCloseTo(improved.bandwidth, 12);
        expect(ours.rounds).toBe(improved.rounds);
        expect(Array.from(ours.labels)).toEqual(improved.labels);
      });
    }
  });
}
