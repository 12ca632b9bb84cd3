/**
 * Delta-method intervals pinned to the closed forms of ordinary least squares: for y = a + b·t
 * (t = log10 x) the standard errors, the confidence interval of the line and the prediction
 * interval are textbook formulas (e.g. Montgomery, Peck & Vining, §2.4).
 */
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../src/core/studentT.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { linearLogCompute, powerLawOffset } from '../../src/fit/laws/index.js';
import { inputRanges, predictFit } from '../../src/fit/predictFit.js';

const x = [1e19, 3e19, 1e20, 4e20, 1e21, 3e21, 1e22];
const y = [0.21, 0.245, 0.29, 0.33, 0.37, 0.41, 0.445];
const data = { x: [Float64Array.from(x)], y: Float64Array.from(y) };

describe('fitLaw and predictFit on a straight line in log-compute', () => {
  const t = x.map(Math.log10);
  const n = t.length;
  const tbar = t.reduce((a, b) => a + b) / n;
  const ybar = y.reduce((a, b) => a + b) / n;
  const sxx = t.reduce((s, v) => s + (v - tbar) ** 2, 0);
  const b = t.reduce((s, v, i) => s + (v - tbar) * (y[i]! - ybar), 0) / sxx;
  const a = ybar - b * tbar;
  const sse = t.reduce((s, v, i) => s + (y[i]! - a - b * v) ** 2, 0);
  const s2 = sse / (n - 2);
  const tq = studentTQuantile(0.975, n - 2);

  it('gives the OLS estimates and standard errors', () => {
    const fit = fitLaw(linearLogCompute, data);
    expect(fit.values[0]).toBeCloseTo(a, 10);
    expect(fit.values[1]).toBeCloseTo(b, 10);
    expect(fit.standardErrors[1]!).toBeCloseTo(Math.sqrt(s2 / sxx), 10);
    expect(fit.standardErrors[0]!).toBeCloseTo(Math.sqrt(s2 * (1 / n + (tbar * tbar) / sxx)), 10);
    expect(fit.intervals[1]![1] - fit.values[1]!).toBeCloseTo(tq * Math.sqrt(s2 / sxx), 10);
    expect(fit.dof).toBe(5);
    expect(fit.sse).toBeCloseTo(sse, 14);
    expect(fit.r2!).toBeCloseTo(1 - sse / y.reduce((s, v) => s + (v - ybar) ** 2, 0), 12);
  });

  it('gives the textbook confidence and prediction intervals at a new x', () => {
    const fit = fitLaw(linearLogCompute, data);
    const x0 = 1e24;
    const t0 = 24;
    const p = predictFit(linearLogCompute, fit, [x0], inputRanges(data.x));
    const yhat = a + b * t0;
    const seMean = Math.sqrt(s2 * (1 / n + (t0 - tbar) ** 2 / sxx));
    const sePred = Math.sqrt(s2 * (1 + 1 / n + (t0 - tbar) ** 2 / sxx));
    expect(p.value!).toBeCloseTo(yhat, 10);
    expect(p.confidence![0]).toBeCloseTo(yhat - tq * seMean, 9);
    expect(p.confidence![1]).toBeCloseTo(yhat + tq * seMean, 9);
    expect(p.prediction![0]).toBeCloseTo(yhat - tq * sePred, 9);
    expect(p.prediction![1]).toBeCloseTo(yhat + tq * sePred, 9);
    expect(p.extrapolation).toBe(true);
    expect(predictFit(linearLogCompute, fit, [1e20], inputRanges(data.x)).extrapolation).toBe(false);
  });

  it('keeps log-space intervals positive and asymmetric', () => {
    const fit = fitLaw(powerLawOffset, { x: [Float64Array.of(1e6, 1e7, 1e8, 1e9, 1e10)], y: Float64Array.of(5.1, 3.52, 2.71, 2.3, 2.11) }, { space: 'log' });
    const p = predictFit(powerLawOffset, fit, [1e12]);
    expect(p.confidence![0]).toBeGreaterThan(0);
    expect(p.value! - p.confidence![0]).not.toBeCloseTo(p.confidence![1] - p.value!, 6);
  });
});
