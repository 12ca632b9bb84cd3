/**
 * The densing law (Xiao et al., "Densing Law of LLMs", Eq. 5): the maximum capacity density grows
 * exponentially with release date,
 *
 *   ln ρ_max(t) = A·t + B,   doubling time = ln 2 / A
 *
 * with t in days since an origin (the paper's: Llama-1's release, 2023-02-24; the origin changes B,
 * not A). As in the paper, the line is fitted by least squares to the **envelope**: the models that
 * set a new maximum density when the models are taken in order of release (on one date, only the
 * densest counts). `on: 'all'` fits every model instead (a trend of the typical model, not of the
 * frontier).
 *
 * Uncertainty: a seeded bootstrap over the models — draw the models with replacement, take the
 * envelope of the draw, refit — gives a percentile interval of A and so of the doubling time.
 * Replicates whose envelope has fewer than 3 points are skipped (and counted). When A's interval
 * reaches 0 or below, the doubling time's upper end is unbounded (null).
 *
 * @example
 * const law = fitDensingLaw([{ model: 'a', date: '2023-03-01', density: 0.1 }, …], { bootstrap: 1000, seed: 1 });
 * law.doublingDays;      // ≈ 95 for the paper's A ≈ 0.0073
 * law.interval.doublingMonths; // [lo, hi | null]
 * @see methods.md §2.3
 */
import { linearRegression, rSquared } from 'simple-statistics';
import { percentileInterval } from '../core/quantile.js';
import { createRandom } from '../core/random.js';
import { DensityInputError } from './densityError.js';

/** One model's density on its release date. */
export interface DatedDensity {
  model: string;
  /** Release date, YYYY-MM-DD. */
  date: string;
  /** Capacity density ρ > 0. */
  density: number;
}

/** Options of {@link fitDensingLaw}. */
export interface DensingLawOptions {
  /** Fit the envelope (the paper) or all models. @default 'envelope' */
  on?: 'envelope' | 'all';
  /** t = 0 on this date. @default '2023-02-24' (Llama-1) */
  origin?: string;
  /** Bootstrap replicates (0 = none). @default 1000 */
  bootstrap?: number;
  /** Seed of the bootstrap. @default 1 */
  seed?: number;
  /** Level of the intervals. @default 0.95 */
  level?: number;
}

/** A point the line was fitted to. */
export interface DensingPoint extends DatedDensity {
  /** Days since the origin. */
  t: number;
  lnDensity: number;
}

/** The fitted densing law. */
export interface DensingLawFit {
  on: 'envelope' | 'all';
  origin: string;
  /** The points fitted (the envelope, or all models), in date order. */
  points: DensingPoint[];
  /** Slope A, per day. */
  A: number;
  /** Intercept B (ln ρ at the origin). */
  B: number;
  r2: number;
  /** ln 2 / A in days and in months (of 365.25/12 days); null when A ≤ 0. */
  doublingDays: number | null;
  doublingMonths: number | null;
  level: number;
  interval: { A: [number, number] | null; doublingDays: [number, number | null] | null; doublingMonths: [number, number | null] | null };
  bootstrap: { samples: number; succeeded: number; seed: number };
  warnings: string[];
}

/** Days in a month, for doubling times in months. */
export const DAYS_PER_MONTH = 365.25 / 12;

const DAY_MS = 86_400_000;

/** Days from `origin` to `date` (both YYYY-MM-DD, UTC). */
export function daysSince(origin: string, date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${origin}T00:00:00Z`)) / DAY_MS;
}

/**
 * The date `days` (rounded to whole days) after `origin`, YYYY-MM-DD — the inverse of {@link daysSince}.
 *
 * @example addDays('2023-02-24', 365) // => '2024-02-24'
 */
export function addDays(origin: string, days: number): string {
  return new Date(Date.parse(`${origin}T00:00:00Z`) + Math.round(days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The envelope of dated densities: in date order (densest first within a date), each point whose
 * density exceeds every earlier one.
 *
 * @example envelope([{ date: '2023-01-01', density: 1 }, { date: '2023-02-01', density: 0.5 }, { date: '2023-03-01', density: 2 }]) // first and third
 */
export function envelope<T extends { date: string; density: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.density - a.density));
  const out: T[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.density > best) {
      out.push(p);
      best = p.density;
    }
  }
  return out;
}

function lineOf(points: readonly DensingPoint[]): { A: number; B: number; r2: number } {
  const xy = points.map((p) => [p.t, p.lnDensity]);
  const { m, b } = linearRegression(xy);
  return { A: m, B: b, r2: rSquared(xy, (t) => m * t + b) };
}

function distinctDates(points: readonly { date: string }[]): number {
  return new Set(points.map((p) => p.date)).size;
}

/**
 * Fits the densing law.
 *
 * @throws DensityInputError when fewer than 3 points with distinct dates are left to fit
 */
export function fitDensingLaw(models: readonly DatedDensity[], options: DensingLawOptions = {}): DensingLawFit {
  const on = options.on ?? 'envelope';
  const origin = options.origin ?? '2023-02-24';
  const level = options.level ?? 0.95;
  const B = options.bootstrap ?? 1000;
  const seed = options.seed ?? 1;
  const warnings: string[] = [];
  for (const m of models) {
    if (!(m.density > 0) || !Number.isFinite(m.density)) throw new RangeError(`density of ${m.model} must be a finite number > 0, got ${String(m.density)}`);
    if (!Number.isFinite(daysSince(origin, m.date))) throw new RangeError(`release date of ${m.model} is not a date: ${m.date}`);
  }
  const toPoint = (m: DatedDensity): DensingPoint => ({ ...m, t: daysSince(origin, m.date), lnDensity: Math.log(m.density) });
  const chosen = (on === 'envelope' ? envelope(models) : [...models].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))).map(toPoint);
  if (chosen.length < 3 || distinctDates(chosen) < 2) {
    throw new DensityInputError(
      'no-dates',
      `the ${on === 'envelope' ? 'envelope' : 'set of models'} has ${chosen.length} point${chosen.length === 1 ? '' : 's'} on ${distinctDates(chosen)} date(s); the densing law needs at least 3 points on 2 dates (${models.length} dated models given)`,
    );
  }
  const fit = lineOf(chosen);
  if (on === 'envelope' && chosen.length < 5) warnings.push(`the envelope has only ${chosen.length} points: the slope rests on very few models`);
  const draws: number[] = [];
  if (B > 0) {
    const rng = createRandom(seed);
    const all = models.map(toPoint);
    for (let b = 0; b < B; b++) {
      const draw = Array.from({ length: all.length }, () => all[rng.int(all.length)]!);
      const pts = on === 'envelope' ? envelope(draw) : draw;
      if (pts.length < 3 || distinctDates(pts) < 2) continue;
      const a = lineOf(pts).A;
      if (Number.isFinite(a)) draws.push(a);
    }
    if (draws.length < 0.9 * B) warnings.push(`${B - draws.length} of ${B} bootstrap replicates had too few envelope points and were skipped`);
  }
  let intervalA: [number, number] | null = null;
  const distinctSlopes = new Set(draws).size;
  if (B > 0 && (draws.length < 0.5 * B || distinctSlopes < 5)) {
    warnings.push(`no bootstrap interval: ${draws.length} of ${B} replicates could be fitted, with ${distinctSlopes} distinct slope${distinctSlopes === 1 ? '' : 's'} — too few models for the interval to mean anything`);
  } else if (draws.length >= 20) {
    draws.sort((a, b) => a - b);
    intervalA = percentileInterval(draws, level);
  }
  const doubling = (a: number) => (a > 0 ? Math.LN2 / a : null);
  const doublingDays = doubling(fit.A);
  if (doublingDays === null) warnings.push('the fitted density does not grow with release date (A ≤ 0): there is no doubling time');
  const daysInterval: [number, number | null] | null = intervalA === null || !(intervalA[1] > 0) ? null : [doubling(intervalA[1])!, doubling(intervalA[0])];
  return {
    on,
    origin,
    points: chosen,
    A: fit.A,
    B: fit.B,
    r2: fit.r2,
    doublingDays,
    doublingMonths: doublingDays === null ? null : doublingDays / DAYS_PER_MONTH,
    level,
    interval: {
      A: intervalA,
      doublingDays: daysInterval,
      doublingMonths: daysInterval === null ? null : [daysInterval[0] / DAYS_PER_MONTH, daysInterval[1] === null ? null : daysInterval[1] / DAYS_PER_MONTH],
    },
    bootstrap: { samples: B, succeeded: draws.length, seed },
    warnings,
  };
}
