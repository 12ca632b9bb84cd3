/** Helpers for the clustering tests: a seeded synthetic set with known clusters and the adjusted Rand index. */
import { createRandom } from '../../src/core/random.js';

/** A synthetic clustering problem with its truth (−1 for points that should be outliers). */
export interface KnownClusters {
  points: Float64Array;
  n: number;
  d: number;
  truth: Int32Array;
}

/**
 * Gaussian clusters of the given sizes around centres drawn in [0.15, 0.85]^d at least `separation`
 * apart (sd `spread` per coordinate), followed by `tiny` clusters of 4 points each (too small to
 * survive K = 10; truth −1) and `background` uniform points (truth −1).
 */
export function knownClusters(seed: number, sizes: number[], options: { d?: number; spread?: number; separation?: number; tiny?: number; background?: number } = {}): KnownClusters {
  const { d = 9, spread = 0.03, separation = 0.9, tiny = 0, background = 0 } = options;
  const rng = createRandom(seed);
  const centres: number[][] = [];
  while (centres.length < sizes.length + tiny) {
    const c = Array.from({ length: d }, () => rng.uniform(0.15, 0.85));
    if (centres.every((o) => Math.hypot(...o.map((v, j) => v - c[j]!)) >= separation)) centres.push(c);
  }
  const rows: number[][] = [];
  const truth: number[] = [];
  const all = [...sizes, ...Array.from({ length: tiny }, () => 4)];
  all.forEach((size, c) => {
    for (let i = 0; i < size; i++) {
      rows.push(centres[c]!.map((v) => v + rng.normal(0, spread)));
      truth.push(c < sizes.length ? c : -1);
    }
  });
  for (let i = 0; i < background; i++) {
    rows.push(Array.from({ length: d }, () => rng.next()));
    truth.push(-1);
  }
  return { points: Float64Array.from(rows.flat()), n: rows.length, d, truth: Int32Array.from(truth) };
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985): (Σᵢⱼ C(nᵢⱼ,2) − E) / (½(Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E)
 * with E = Σᵢ C(aᵢ,2)·Σⱼ C(bⱼ,2) / C(n,2); 1 for identical partitions, about 0 for chance.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const pairs = (m: number) => (m * (m - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}:${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  const sumCells = [...table.values()].reduce((s, m) => s + pairs(m), 0);
  const sumRows = [...rows.values()].reduce((s, m) => s + pairs(m), 0);
  const sumCols = [...cols.values()].reduce((s, m) => s + pairs(m), 0);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (sumCells - expected) / (max - expected);
}
