import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';

function draws(n: number, f: () => number): number[] {
  return Array.from({ length: n }, f);
}

function meanVar(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

/** Exact binomial pmf by the recursion P(k) = P(k−1)·(n−k+1)p / (kq) from P(0) = qⁿ, in log space. */
function binomialPmf(n: number, p: number): number[] {
  const q = 1 - p;
  const logs = [n * Math.log(q)];
  for (let k = 1; k <= n; k++) logs.push(logs[k - 1]! + Math.log(((n - k + 1) * p) / (k * q)));
  return logs.map(Math.exp);
}

/** Pearson chi-square of observed counts against a pmf, with tails pooled so each bin expects ≥ 20. */
function chiSquare(counts: number[], pmf: number[], total: number): { stat: number; df: number } {
  let stat = 0;
  let bins = 0;
  let obs = 0;
  let exp = 0;
  for (let k = 0; k < pmf.length; k++) {
    obs += counts[k] ?? 0;
    exp += pmf[k]! * total;
    if (exp >= 20) {
      stat += (obs - exp) ** 2 / exp;
      bins++;
      obs = 0;
      exp = 0;
    }
  }
  if (exp > 0) {
    stat += (obs - exp) ** 2 / Math.max(exp, 1e-9);
    bins++;
  }
  return { stat, df: bins - 1 };
}

describe('createRandom', () => {
  it('matches the reference xoshiro128** seeded by splitmix32 (checked against the C code)', () => {
    const rng = createRandom(42);
    expect(draws(5, rng.uint32)).toEqual([660444221, 3652823732, 77672526, 910233633, 2297337756]);
  });

  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const xa = draws(100, a.next);
    expect(draws(100, b.next)).toEqual(xa);
    expect(draws(100, c.next)).not.toEqual(xa);
  });

  it('accepts negative and large safe-integer seeds and rejects others', () => {
    expect(createRandom(-1).next()).not.toBe(createRandom(1).next());
    expect(createRandom(2 ** 40).next()).not.toBe(createRandom(0).next());
    expect(() => createRandom(1.5)).toThrow(RangeError);
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });

  it('draws next() uniformly on [0, 1)', () => {
    const rng = createRandom(1);
    const xs = draws(100_000, rng.next);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / xs.length));
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws int(n) uniformly over 0..n-1 and rejects bad n', () => {
    const rng = createRandom(2);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]!++;
    const { stat, df } = chiSquare(counts, new Array<number>(6).fill(1 / 6), 60_000);
    expect(df).toBe(5);
    expect(stat).toBeLessThan(25);
    expect(rng.int(1)).toBe(0);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it('draws normal variates with the requested mean and standard deviation', () => {
    const rng = createRandom(3);
    const xs = draws(100_000, () => rng.normal(2, 3));
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean - 2)).toBeLessThan(5 * (3 / Math.sqrt(xs.length)));
    expect(Math.sqrt(variance)).toBeGreaterThan(3 * 0.98);
    expect(Math.sqrt(variance)).toBeLessThan(3 * 1.02);
    const standard = meanVar(draws(50_000, () => rng.normal()));
    expect(Math.abs(standard.mean)).toBeLessThan(0.03);
    expect(standard.variance).toBeCloseTo(1, 1);
  });

  it.each([
    [10, 0.3],
    [64, 0.9],
    [100, 0.05],
    [1000, 0.01],
    [200, 0.1],
    [100, 0.5],
    [100, 0.8],
    [20, 0.37],
    [1_000_000, 0.3],
  ])('draws binomial(%i, %f) with mean n·p and variance n·p·(1−p)', (n, p) => {
    const rng = createRandom(n + Math.round(p * 1000));
    const xs = draws(40_000, () => rng.binomial(n, p));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    const { mean, variance } = meanVar(xs);
    const v = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / xs.length));
    expect(Math.abs(variance / v - 1)).toBeLessThan(0.05);
  });

  it.each([
    [100, 0.37],
    [100, 0.93],
    [1000, 0.02],
    [5000, 0.5],
  ])('draws binomial(%i, %f) from the exact distribution (chi-square goodness of fit)', (n, p) => {
    const rng = createRandom(99);
    const total = 200_000;
    const counts = new Array<number>(n + 1).fill(0);
    for (let i = 0; i < total; i++) counts[rng.binomial(n, p)]!++;
    const { stat, df } = chiSquare(counts, binomialPmf(n, p), total);
    // Mean df, sd sqrt(2·df): six sds is far beyond chance and well below any real bias.
    expect(stat).toBeLessThan(df + 6 * Math.sqrt(2 * df));
  });

  it('handles the binomial edge cases and rejects invalid arguments', () => {
    const rng = createRandom(4);
    expect(rng.binomial(0, 0.5)).toBe(0);
    expect(rng.binomial(100, 0)).toBe(0);
    expect(rng.binomial(100, 1)).toBe(100);
    expect(rng.binomial(1, 1)).toBe(1);
    expect(() => rng.binomial(-1, 0.5)).toThrow(RangeError);
    expect(() => rng.binomial(2.5, 0.5)).toThrow(RangeError);
    expect(() => rng.binomial(10, 1.5)).toThrow(RangeError);
    expect(() => rng.binomial(10, Number.NaN)).toThrow(RangeError);
  });

  it('shuffles in place into every permutation about equally often', () => {
    const rng = createRandom(5);
    const arr = [1, 2, 3, 4, 5];
    expect(rng.shuffle(arr)).toBe(arr);
    expect([...arr].sort()).toEqual([1, 2, 3, 4, 5]);
    const seen = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = rng.shuffle(['a', 'b', 'c']).join('');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    for (const count of seen.values()) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('forks a deterministic child stream that differs from its parent', () => {
    const a = createRandom(6);
    const b = createRandom(6);
    const childA = a.fork();
    const childB = b.fork();
    const xs = draws(20, childA.next);
    expect(draws(20, childB.next)).toEqual(xs);
    expect(draws(20, a.next)).not.toEqual(xs);
  });

  it('draws uniform(min, max) inside the interval', () => {
    const rng = createRandom(8);
    const xs = draws(10_000, () => rng.uniform(0.15, 0.6));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0.15);
    expect(Math.max(...xs)).toBeLessThan(0.6);
  });
});
