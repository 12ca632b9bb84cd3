/** The run-in-progress forecasters recover known curves and hand-computed gains. */
import { describe, expect, it } from 'vitest';
import { scoreAt, type CheckpointCurve } from '../../src/monitor/checkpointCurve.js';
import { checkpointAlarms } from '../../src/monitor/checkpointAlarms.js';
import { forecastRun } from '../../src/monitor/forecastRun.js';
import { ladderGainForecast } from '../../src/monitor/ladderGain.js';
import { fitSaturatingCurve } from '../../src/monitor/saturatingCurve.js';

const law = (d: number) => 0.8 - 3 * d ** -0.1;
const END = 3e11;
const STEPS = [2e9, 6e9, 2e10, 4e10, 6e10, 8e10, 1e11, 1.4e11, 1.8e11, 2.2e11, 2.6e11, 3e11];

function curve(run: string, f: (d: number) => number, upTo = END, params?: number): CheckpointCurve {
  return { run, benchmark: 'b', endTokens: END, ...(params === undefined ? {} : { params }), points: STEPS.filter((d) => d <= upTo).map((tokens) => ({ tokens, score: f(tokens) })) };
}

describe('saturating curve', () => {
  it('recovers y∞, A and α of exact points (α on its grid)', () => {
    const alpha = 0.05 * (2 / 0.05) ** (10 / 60); // a grid value
    const pts = STEPS.slice(0, 6).map((tokens) => ({ tokens, score: 0.75 - 2 * tokens ** -alpha }));
    const fit = fitSaturatingCurve(pts)!;
    expect(fit.alpha).toBeCloseTo(alpha, 12);
    expect(fit.yInf).toBeCloseTo(0.75, 9);
    expect(fit.A).toBeCloseTo(2, 8);
    expect(fit.predict(END)).toBeCloseTo(0.75 - 2 * END ** -alpha, 9);
    expect(fit.rmse).toBeLessThan(1e-10);
  });

  it('refuses fewer than 3 distinct token counts', () => {
    expect(fitSaturatingCurve([{ tokens: 1, score: 0.1 }, { tokens: 2, score: 0.2 }])).toBeNull();
    expect(fitSaturatingCurve([{ tokens: 1, score: 0.1 }, { tokens: 1, score: 0.2 }, { tokens: 2, score: 0.3 }])).toBeNull();
  });
});

describe('ladder gain', () => {
  it('adds what the ladder run nearest in size gained over the same stretch (hand-computed)', () => {
    const run = curve('big', (d) => law(d) + 0.05, 6e10, 7e9);
    const small = curve('small', law, END, 1e9);
    const mid = curve('mid', (d) => law(d) + 0.03, END, 3e9);
    const far = curve('far', (d) => 2 * law(d), END, 1e8);
    const g = ladderGainForecast(run, [far, small, mid])!;
    expect(g.ladder).toBe('mid');
    expect(g.gain).toBeCloseTo(law(END) - law(6e10), 12);
    expect(g.forecast).toBeCloseTo(law(END) + 0.05, 12);
    expect(g.path(6e10)).toBeCloseTo(law(6e10) + 0.05, 12);
  });

  it('reads a ladder run at the same fraction of its own training', () => {
    // A ladder run twice as long: at the run's 20% it is read at its own 20%.
    const long: CheckpointCurve = { run: 'long', benchmark: 'b', endTokens: 2 * END, points: STEPS.map((d) => ({ tokens: 2 * d, score: law(d) })) };
    const run = curve('run', law, 6e10);
    expect(ladderGainForecast(run, [long])!.forecast).toBeCloseTo(law(END), 12);
    expect(scoreAt(long, 2 * 6e10)).toBeCloseTo(law(6e10), 12);
  });
});

describe('forecastRun', () => {
  it('gives the default as the mean of the own curve and the ladder gain, and carry as the latest score', () => {
    const run = curve('run', law, 6e10);
    const f = forecastRun(run, [curve('ladder', (d) => law(d) - 0.1)]);
    expect(f.forecasts.carry!.value).toBe(law(6e10));
    expect(f.forecasts['ladder-gain']!.value).toBeCloseTo(law(END), 12);
    expect(f.forecasts['own-curve']!.value).toBeCloseTo(law(END), 2);
    expect(f.forecasts.default!.value).toBeCloseTo((f.forecasts['own-curve']!.value! + f.forecasts['ladder-gain']!.value!) / 2, 12);
    const [lo, hi] = f.band!(END);
    expect(lo).toBeLessThan(f.forecasts.default!.value!);
    expect(hi).toBeGreaterThan(f.forecasts.default!.value!);
    // The horizon term: 2 points per whole run to go, at 80% to go ≈ ±1.96·1.6 points.
    expect(hi - lo).toBeCloseTo(2 * 1.96 * 0.02 * (1 - 6e10 / END), 2);
  });

  it('falls back to the own curve without a ladder, and to carry without a curve', () => {
    const run = curve('run', law, 6e10);
    expect(forecastRun(run, []).forecasts.default!.value).toBe(forecastRun(run, []).forecasts['own-curve']!.value);
    const short = curve('run', law, 2e9);
    const f = forecastRun(short, []);
    expect(f.forecasts.default!.value).toBe(law(2e9));
    expect(f.forecasts.default!.reason).toMatch(/carried forward/);
  });
});

describe('checkpoint alarms', () => {
  it('fire at a checkpoint that drops 5 points, and at no other', () => {
    const noise = [0.004, -0.003, 0.002, -0.004, 0.003, -0.002, 0.001, -0.003, 0.004, -0.001, 0.002, -0.002];
    const clean = curve('run', (d) => law(d) + noise[STEPS.indexOf(d)]!);
    expect(checkpointAlarms(clean).checks.filter((c) => c.alarm)).toEqual([]);
    const dropped = { ...clean, points: clean.points.map((p) => (p.tokens === 1e11 ? { ...p, score: p.score - 0.05 } : p)) };
    const r = checkpointAlarms(dropped);
    const alarms = r.checks.filter((c) => c.alarm);
    expect(alarms.map((a) => a.tokens)).toEqual([1e11]);
    expect(alarms[0]!.residual).toBeLessThan(-0.04);
  });
});

import { lossToScoreForecast } from '../../src/monitor/lossToScore.js';

describe('two-step: loss to score', () => {
  it('extrapolates the loss along its curve and maps it through the fitted line (exact data)', () => {
    const alpha = 0.05 * (2 / 0.05) ** (20 / 60); // on the α grid
    const loss = (d: number) => 2 + 40 * d ** -alpha;
    const score = (l: number) => 1.2 - 0.3 * l;
    const mk = (run: string, upTo: number): CheckpointCurve => ({ run, benchmark: 'b', endTokens: END, points: STEPS.filter((d) => d <= upTo).map((tokens) => ({ tokens, loss: loss(tokens), score: score(loss(tokens)) })) });
    const f = lossToScoreForecast(mk('run', 6e10), [mk('ladder', END)])!;
    expect(f.b).toBeCloseTo(-0.3, 9);
    expect(f.a).toBeCloseTo(1.2, 9);
    expect(f.loss).toBeCloseTo(loss(END), 6);
    expect(f.forecast).toBeCloseTo(score(loss(END)), 6);
  });

  it('needs a loss on 3 checkpoints after the warm-up', () => {
    expect(lossToScoreForecast(curve('run', law, 6e10), [])).toBeNull();
  });
});
