/**
 * The k-d tree queries against brute force on random point sets (fast-check), including grid-valued
 * points with many exact ties at the radius, and libstdc++'s nth_element transcription.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKdTree, rdist } from '../../src/cluster/kdTree.js';
import { createKthWork, kthRdistInBracket } from '../../src/cluster/kdTreeKth.js';
import { nearestNeighbor } from '../../src/cluster/kdTreeNearest.js';
import { createRadiusAccumulator, radiusAggregate, radiusIndices } from '../../src/cluster/kdTreeRadius.js';
import { nthElement } from '../../src/cluster/nthElement.js';

/** Random point sets: n in [1, 120], d in [1, 5], coordinates on a coarse grid (ties) or continuous. */
const pointSets = fc
  .record({
    n: fc.integer({ min: 1, max: 120 }),
    d: fc.integer({ min: 1, max: 5 }),
    grid: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1e6 }),
    leaf: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ n, d, grid, seed, leaf }) => {
    let s = seed + 1;
    const next = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const points = Float64Array.from({ length: n * d }, () => (grid ? Math.round(next() * 10) / 10 : next()));
    return { n, d, points, leaf, query: Float64Array.from({ length: d }, () => Math.round(next() * 10) / 10), radius: Math.round(next() * 8) / 10 };
  });

describe('k-d tree queries', () => {
  it('radiusAggregate counts and sums exactly the points with Σ(q − x)² ≤ r², like a scan', () => {
    fc.assert(
      fc.property(pointSets, ({ n, d, points, leaf, query, radius }) => {
        const tree = buildKdTree(points, n, d, leaf);
        const acc = createRadiusAccumulator(tree);
        radiusAggregate(tree, query, 0, radius * radius, acc);
        const members: number[] = [];
        for (let i = 0; i < n; i++) if (rdist(query, 0, points, i, d) <= radius * radius) members.push(i);
        expect(acc.count).toBe(members.length);
        for (let j = 0; j < d; j++) {
          const sum = members.reduce((s, i) => s + points[i * d + j]!, 0);
          expect(acc.sum[j]!).toBeCloseTo(sum, 10);
        }
        expect(radiusIndices(tree, query, 0, radius * radius, []).sort((a, b) => a - b)).toEqual(members);
      }),
      { numRuns: 300 },
    );
  });

  it('radiusAggregate gives the same set the same hash and bit-identical sums from different queries', () => {
    const points = Float64Array.from({ length: 400 }, (_, i) => ((i * 37) % 101) / 100);
    const tree = buildKdTree(points, 200, 2, 4);
    const a = createRadiusAccumulator(tree);
    const b = createRadiusAccumulator(tree);
    // Two nearby queries that find the same neighbourhood.
    radiusAggregate(tree, Float64Array.of(0.5, 0.5), 0, 0.04, a);
    radiusAggregate(tree, Float64Array.of(0.5000001, 0.4999999), 0, 0.04, b);
    expect(b.count).toBe(a.count);
    expect([b.hashA, b.hashB]).toEqual([a.hashA, a.hashB]);
    expect(Array.from(b.sum)).toEqual(Array.from(a.sum));
  });

  it('nearestNeighbor finds a point at the smallest distance, the lowest row on exact ties', () => {
    fc.assert(
      fc.property(pointSets, ({ n, d, points, leaf, query }) => {
        const hit = nearestNeighbor(buildKdTree(points, n, d, leaf), query, 0);
        let best = Infinity;
        let bestIndex = -1;
        for (let i = 0; i < n; i++) {
          const s = rdist(query, 0, points, i, d);
          if (s < best) [best, bestIndex] = [s, i];
        }
        expect(hit).toEqual({ index: bestIndex, rdist: best });
      }),
      { numRuns: 300 },
    );
  });

  it('kthRdistInBracket returns the k-th smallest squared distance, or NaN when the bracket misses it', () => {
    fc.assert(
      fc.property(pointSets, fc.double({ min: 0, max: 1, noNaN: true }), ({ n, d, points, leaf, query }, u) => {
        const tree = buildKdTree(points, n, d, leaf);
        const sorted = Array.from({ length: n }, (_, i) => rdist(query, 0, points, i, d)).sort((a, b) => a - b);
        const k = 1 + Math.floor(u * (n - 1));
        const buffer = createKthWork(tree);
        expect(kthRdistInBracket(tree, query, 0, k, 0, Infinity, buffer)).toBe(sorted[k - 1]);
        const v = sorted[k - 1]!;
        expect(kthRdistInBracket(tree, query, 0, k, v, v, buffer)).toBe(v);
        expect(kthRdistInBracket(tree, query, 0, k, v * 2 + 1, Infinity, buffer)).toBeNaN();
      }),
      { numRuns: 300 },
    );
  });
});

describe('nthElement (libstdc++ introselect)', () => {
  it('puts the element of rank nth at nth with nothing larger before it and nothing smaller after it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, at) => {
        const a = Int32Array.from(values.keys());
        const less = (x: number, y: number) => (values[x] === values[y] ? x < y : values[x]! < values[y]!);
        const nth = at % values.length;
        nthElement(a, 0, nth, a.length, less);
        const sorted = Array.from(values.keys()).sort((x, y) => (less(x, y) ? -1 : less(y, x) ? 1 : 0));
        expect(a[nth]).toBe(sorted[nth]);
        for (let i = 0; i < nth; i++) expect(less(a[nth]!, a[i]!)).toBe(false);
        for (let i = nth + 1; i < a.length; i++) expect(less(a[i]!, a[nth]!)).toBe(false);
        expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(values.keys()));
      }),
      { numRuns: 500 },
    );
  });
});
