/**
 * Pins the Pythia extrapolation figures of `validation/pythiaExtrapolation.ts` (fits of final
 * zero-shot accuracy against params on Pythia 70M–2.8B, predictions for 6.9B and 12B; reported in
 * `docs/pythia-extrapolation.md`), so that a change of the engine that moves them fails here, and
 * checks the linear-log fit against ordinary least squares computed independently in closed form.
 *
 * Needs the real data in `../shared/datasets/raw/pythia-evals`; skipped (saying why) without it.
 * Run: npx vitest run test/fit/pythiaExtrapolation.test.ts
 */
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../src/core/studentT.js';
import { readPythia, runReplicate, summaries, TARGET_SIZES, type Replicate } from '../../validation/pythiaExtrapolation.js';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';

const lawNames = ['power-offset', 'logistic', 'linear-log', 'isik'];

/** Mean over both targets of the mean abs error (points) of the best single law, as measured. */
const BEST_LAW_MEAN_ERROR = { standard: 1.7121, deduped: 1.5936 };
const MARGIN_PTS = 0.1;

describe.skipIf(!hasRawData)('Pythia 70M–2.8B → 6.9B, 12B extrapolation', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});
  let standard: Replicate;
  let deduped: Replicate;
  const get = () => {
    if (standard === undefined) {
      const table = readPythia(rawPath('pythia-evals'));
      standard = runReplicate(table, false);
      deduped = runReplicate(table, true);
    }
    return { standard, deduped };
  };
  const predictions = (rep: Replicate, task: string, law: string) => rep.tasks.find((t) => t.task === task)!.laws.find((l) => l.law === law)!.targets;

  it('reads the 8 tasks for all 16 models, MMLU as the mean of 57 subjects', () => {
    const table = readPythia(rawPath('pythia-evals'));
    expect(table.models.size).toBe(16);
    for (const [, n] of table.mmluSubjects) expect(n).toBe(57);
    expect(table.acc.get('pythia-12b')!.get('arc_easy')).toBeCloseTo(0.7024410774410774, 15);
    expect(table.acc.get('pythia-70m')!.get('lambada_openai')).toBeCloseTo(0.18455268775470599, 15);
  });

  it('pins the arc_easy predictions of linear-log and power-offset (standard ladder) to 1e-6', () => {
    const { standard } = get();
    const lin = predictions(standard, 'arc_easy', 'linear-log');
    const pow = predictions(standard, 'arc_easy', 'power-offset');
    expect(lin.map((p) => p.size)).toEqual([...TARGET_SIZES]);
    expect(Math.abs(lin[1]!.predicted! - 0.75821965096912)).toBeLessThan(1e-6);
    expect(Math.abs(lin[0]!.predicted! - 0.7175826848916879)).toBeLessThan(1e-6);
    expect(Math.abs(pow[1]!.predicted! - 0.730422876765671)).toBeLessThan(1e-6);
    expect(Math.abs(pow[0]!.predicted! - 0.6993796860421418)).toBeLessThan(1e-6);
    // The real 12B score and the errors in points.
    expect(lin[1]!.actual).toBeCloseTo(0.7024410774410774, 15);
    expect(lin[1]!.absErrorPts!).toBeCloseTo(5.58, 2);
    expect(pow[1]!.absErrorPts!).toBeCloseTo(2.80, 2);
  });

  it('pins the arc_easy predictions on the deduplicated replicate to 1e-6', () => {
    const { deduped } = get();
    expect(Math.abs(predictions(deduped, 'arc_easy', 'linear-log')[1]!.predicted! - 0.7560146229628149)).toBeLessThan(1e-6);
    expect(Math.abs(predictions(deduped, 'arc_easy', 'power-offset')[1]!.predicted! - 0.722617871654821)).toBeLessThan(1e-6);
  });

  for (const ladder of ['standard', 'deduped'] as const) {
    it(`${ladder}: the best law's mean abs error stays below the measured ${BEST_LAW_MEAN_ERROR[ladder]} points (+${MARGIN_PTS})`, () => {
      const rep = get()[ladder];
      const rows = summaries(rep).filter((s) => lawNames.includes(s.law));
      expect(rows).toHaveLength(4);
      const mean = (s: (typeof rows)[number]) => (s.mean['6.9b']! + s.mean['12b']!) / 2;
      const best = rows.reduce((a, b) => (mean(b) < mean(a) ? b : a));
      expect(best.law).toBe('power-offset');
      expect(mean(best)).toBeLessThan(BEST_LAW_MEAN_ERROR[ladder] + MARGIN_PTS);
      // Every law gives a finite prediction on every task.
      for (const t of rep.tasks) for (const l of t.laws) for (const p of l.targets) expect(Number.isFinite(p.predicted)).toBe(true);
    });
  }

  it('finds no trend in MMLU (slope interval includes 0) and a clear one in arc_easy', () => {
    const { standard } = get();
    const slopeCi = (task: string) => standard.tasks.find((t) => t.task === task)!.laws.find((l) => l.law === 'linear-log')!.fit!.intervals[1]!;
    const [lo, hi] = slopeCi('mmlu');
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0);
    expect(slopeCi('arc_easy')[0]).toBeGreaterThan(0.1);
  });

  it('the predictions do not depend on using params or 6ND compute as x', () => {
    const { standard } = get();
    for (const t of standard.tasks) for (const l of t.laws) expect(l.computeAxisMaxDiffPts!).toBeLessThan(1e-3);
  });

  it('the linear-log fit is ordinary least squares of acc on log10(params), checked in closed form', () => {
    const { standard } = get();
    const arc = standard.tasks.find((t) => t.task === 'arc_easy')!;
    const fit = arc.laws.find((l) => l.law === 'linear-log')!.fit!;
    // Normal equations of y = a + b·u, u = log10 N, solved by Cramer's rule.
    const u = arc.train.map((p) => Math.log10(p.x));
    const y = arc.train.map((p) => p.y);
    const n = u.length;
    const su = u.reduce((s, v) => s + v, 0);
    const sy = y.reduce((s, v) => s + v, 0);
    const suu = u.reduce((s, v) => s + v * v, 0);
    const suy = u.reduce((s, v, i) => s + v * y[i]!, 0);
    const det = n * suu - su * su;
    const b = (n * suy - su * sy) / det;
    const a = (sy * suu - su * suy) / det;
    expect(Math.abs(fit.params['a']! - a)).toBeLessThan(1e-10);
    expect(Math.abs(fit.params['b']! - b)).toBeLessThan(1e-10);
    const x12 = arc.laws[0]!.targets[1]!.x;
    const pred = a + b * Math.log10(x12);
    const ours = arc.laws.find((l) => l.law === 'linear-log')!.targets[1]!.predicted!;
    expect(Math.abs(ours - pred)).toBeLessThan(1e-10);
    // Standard error of the slope s/√Sxx and the OLS prediction interval at 12B.
    const sse = y.reduce((s, v, i) => s + (v - a - b * u[i]!) ** 2, 0);
    const s2 = sse / (n - 2);
    const ubar = su / n;
    const sxx = suu - n * ubar * ubar;
    expect(Math.abs(fit.standardErrors[1]! - Math.sqrt(s2 / sxx)) / Math.sqrt(s2 / sxx)).toBeLessThan(1e-8);
    const u12 = Math.log10(x12);
    const half = studentTQuantile(0.975, n - 2) * Math.sqrt(s2 * (1 + 1 / n + (u12 - ubar) ** 2 / sxx));
    const pi = arc.laws.find((l) => l.law === 'linear-log')!.targets[1]!.interval!;
    expect(Math.abs(pi[0] - (pred - half))).toBeLessThan(1e-8);
    expect(Math.abs(pi[1] - (pred + half))).toBeLessThan(1e-8);
  });
});
