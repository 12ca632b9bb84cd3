/**
 * The densing law: the envelope by hand, an exact exponential recovered exactly, the doubling time,
 * determinism of the bootstrap, no doubling for a falling trend, refusals, and recovery of a known
 * rate from simulated populations (the whole pipeline: reference fit → N̂ → ρ → envelope → fit).
 */
import { describe, expect, it } from 'vitest';
import { densityAnalysis } from '../../src/density/densityAnalysis.js';
import { DensityInputError } from '../../src/density/densityError.js';
import { addDays, DAYS_PER_MONTH, daysSince, envelope, fitDensingLaw } from '../../src/density/densingLaw.js';
import { simulateDensityPopulation } from '../../src/density/simulateDensity.js';

const iso = (days: number) => addDays('2023-02-24', days);

describe('envelope', () => {
  it('keeps the models that set a new maximum in release order, the densest of a date first', () => {
    const pts = [
      { model: 'a', date: '2023-01-01', density: 1 },
      { model: 'b', date: '2023-02-01', density: 0.5 },
      { model: 'c', date: '2023-03-01', density: 2 },
      { model: 'd', date: '2023-03-01', density: 3 },
      { model: 'e', date: '2023-04-01', density: 3 },
      { model: 'f', date: '2023-05-01', density: 4 },
    ];
    expect(envelope(pts).map((p) => p.model)).toEqual(['a', 'd', 'f']);
  });
  it('counts days between dates in UTC', () => {
    expect(daysSince('2023-02-24', '2024-02-24')).toBe(365);
    expect(daysSince('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('fitDensingLaw', () => {
  const A = Math.LN2 / 100;
  const exact = [0, 50, 120, 200, 330, 400].map((t, i) => ({ model: `m${i}`, date: iso(t), density: Math.exp(A * t - 2) }));

  it('recovers an exact exponential: A, B, R² = 1 and a 100-day doubling', () => {
    const f = fitDensingLaw(exact, { bootstrap: 0 });
    expect(f.A).toBeCloseTo(A, 12);
    expect(f.B).toBeCloseTo(-2, 10);
    expect(f.r2).toBeCloseTo(1, 12);
    expect(f.doublingDays).toBeCloseTo(100, 8);
    expect(f.doublingMonths).toBeCloseTo(100 / DAYS_PER_MONTH, 8);
    expect(f.points.length).toBe(6);
  });

  it('gives the same interval for the same seed, and one that brackets the estimate', () => {
    const noisy = exact.flatMap((p, i) => [p, { model: `${p.model}x`, date: p.date, density: p.density * (0.4 + 0.1 * (i % 3)) }]);
    const a = fitDensingLaw(noisy, { bootstrap: 300, seed: 7 });
    const b = fitDensingLaw(noisy, { bootstrap: 300, seed: 7 });
    expect(b).toEqual(a);
    expect(a.interval.A![0]).toBeLessThanOrEqual(a.A);
    expect(a.interval.A![1]).toBeGreaterThanOrEqual(a.A);
  });

  it('fits all models on request (a lower line than the envelope)', () => {
    const below = exact.map((p) => ({ ...p, model: `${p.model}-low`, density: p.density / 4 }));
    const all = fitDensingLaw([...exact, ...below], { on: 'all', bootstrap: 0 });
    const env = fitDensingLaw([...exact, ...below], { bootstrap: 0 });
    expect(all.points.length).toBe(12);
    expect(all.A).toBeCloseTo(A, 10);
    expect(all.B).toBeLessThan(env.B);
  });

  it('has no doubling time when density falls, and says so', () => {
    const falling = exact.map((p, i) => ({ ...p, density: Math.exp(-0.001 * i) }));
    const f = fitDensingLaw(falling, { on: 'all', bootstrap: 0 });
    expect(f.A).toBeLessThan(0);
    expect(f.doublingDays).toBeNull();
    expect(f.warnings.join(' ')).toMatch(/no doubling time/);
  });

  it('uses months of 365.25 / 12 days', () => {
    expect(DAYS_PER_MONTH).toBe(30.4375);
  });

  it('leaves the doubling interval open above when the slope\'s interval reaches 0', () => {
    // 30 models whose density barely trends (+0.0005/day) under noise of ±0.6 in ln ρ.
    const wobble = Array.from({ length: 30 }, (_, i) => ({ model: `w${i}`, date: iso(i * 20), density: Math.exp(0.0005 * i * 20 + 0.6 * Math.sin(i * 2.3)) }));
    const f = fitDensingLaw(wobble, { on: 'all', bootstrap: 1000, seed: 3 });
    expect(f.A).toBeGreaterThan(0);
    expect(f.interval.A![0]).toBeLessThan(0);
    expect(f.interval.doublingDays![1]).toBeNull();
    expect(f.interval.doublingDays![0]).toBeCloseTo(Math.LN2 / f.interval.A![1], 10);
  });

  it('gives no interval, with a warning, when few replicates can be fitted', () => {
    const three = exact.slice(0, 3);
    const f = fitDensingLaw(three, { bootstrap: 400, seed: 1 });
    expect(f.interval.A).toBeNull();
    expect(f.warnings.join(' ')).toMatch(/no bootstrap interval/);
  });

  it('refuses fewer than 3 points or a single date', () => {
    expect(() => fitDensingLaw(exact.slice(0, 2), { bootstrap: 0 })).toThrow(DensityInputError);
    const oneDate = exact.map((p) => ({ ...p, date: '2024-01-01' }));
    expect(() => fitDensingLaw(oneDate, { on: 'all', bootstrap: 0 })).toThrow(/at least 3 points on 2 dates/);
  });
});

describe('recovery of a known densing rate from simulated populations', () => {
  // The first four rows of docs/validation.md §6a (same seeds, rates and replicates).
  for (const [seed, days] of [
    [1, 100],
    [2, 120],
    [3, 150],
    [4, 200],
  ] as const) {
    it(`seed ${seed}, doubling every ${days} days: the interval holds the truth, the estimate within 15%`, () => {
      const pop = simulateDensityPopulation({ seed, slope: Math.LN2 / days });
      const all = [...pop.reference, ...pop.models];
      const r = densityAnalysis([{ benchmark: 'b', scores: new Map(all.map((m) => [m.model, m.score])), floor: 0.25 }], all, {
        reference: pop.reference.map((m) => m.model),
        law: { bootstrap: 1000, seed },
      });
      const law = r.law!;
      expect(law.interval.A![0]).toBeLessThanOrEqual(pop.truth.slope);
      expect(law.interval.A![1]).toBeGreaterThanOrEqual(pop.truth.slope);
      expect(Math.abs(law.doublingDays! / days - 1)).toBeLessThan(0.15);
      // The reference models are not in the fit, and their density is 1.
      expect(law.points.some((p) => p.model.startsWith('ref-'))).toBe(false);
      for (const m of r.benchmarks[0]!.models.filter((x) => x.reference)) expect(m.density).toBeCloseTo(1, 6);
    });
  }
});
