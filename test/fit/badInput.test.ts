/** Data that cannot support a fit gets a clear error or warning, never a silent NaN. */
import { describe, expect, it } from 'vitest';
import { FitDataError } from '../../src/fit/fitError.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { codLaw, linearLogCompute, powerLawOffset } from '../../src/fit/laws/index.js';
import { predictFit } from '../../src/fit/predictFit.js';

const col = (...v: number[]) => Float64Array.from(v);

function fitError(fn: () => unknown): FitDataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FitDataError) return e;
    throw e;
  }
  throw new Error('expected a FitDataError');
}

describe('bad input to fitLaw', () => {
  it('refuses fewer points than free parameters, and says how many', () => {
    const e = fitError(() => fitLaw(codLaw, { x: [col(1e20, 1e21, 1e22)], y: col(0.1, 0.2, 0.3) }));
    expect(e.code).toBe('too-few-points');
    expect(e.message).toContain('4 free parameters but there are 3 points');
    // Fixing a parameter makes it possible.
    expect(() => fitLaw(codLaw, { x: [col(1e20, 1e21, 1e22, 1e23)], y: col(0.1, 0.2, 0.3, 0.4) }, { fixed: { g: 0 } })).not.toThrow();
  });

  it('refuses non-positive x for a power law', () => {
    const e = fitError(() => fitLaw(powerLawOffset, { x: [col(0, 1, 2, 3)], y: col(4, 3, 2, 1) }));
    expect([e.code, e.message]).toEqual(['domain', 'point 1: x must be > 0 (a power of it is taken)']);
  });

  it('refuses NaN and infinite values, naming the point', () => {
    expect(fitError(() => fitLaw(linearLogCompute, { x: [col(1, 2, 3)], y: col(1, Number.NaN, 3) })).message).toBe('point 2 has a non-finite y (NaN)');
    expect(fitError(() => fitLaw(linearLogCompute, { x: [col(1, Infinity, 3)], y: col(1, 2, 3) })).code).toBe('non-finite');
  });

  it('refuses y ≤ 0 in log space', () => {
    expect(fitError(() => fitLaw(powerLawOffset, { x: [col(1, 2, 3, 4)], y: col(1, 0, 3, 4) }, { space: 'log' })).code).toBe('domain');
  });

  it('fits flat data but warns and will not extrapolate it', () => {
    const fit = fitLaw(linearLogCompute, { x: [col(1e20, 1e21, 1e22, 1e23)], y: col(0.25, 0.25, 0.25, 0.25) });
    expect(fit.warnings.map((w) => w.code)).toContain('flat-data');
    expect(fit.r2).toBeNull();
    const p = predictFit(linearLogCompute, fit, [1e25]);
    expect(p.value).toBeNull();
    expect(p.reason).toContain('no trend');
    for (const v of [...fit.values, fit.rmse, fit.mae, fit.sse]) expect(Number.isNaN(v)).toBe(false);
  });

  it('reports no standard errors, rather than NaN, when no degrees of freedom are left', () => {
    const fit = fitLaw(linearLogCompute, { x: [col(1e20, 1e22)], y: col(0.2, 0.4) });
    expect(fit.dof).toBe(0);
    expect(fit.standardErrors).toEqual([null, null]);
    expect(fit.warnings.map((w) => w.code)).toContain('no-dof');
    expect(predictFit(linearLogCompute, fit, [1e24]).confidence).toBeNull();
  });

  it('says when parameters end on their bounds', () => {
    // Falling accuracy forces the COD law's rise parameters to their bounds.
    const fit = fitLaw(codLaw, { x: [col(1e20, 1e21, 1e22, 1e23, 1e24)], y: col(0.5, 0.45, 0.4, 0.35, 0.3) });
    expect(fit.atBounds.length).toBeGreaterThan(0);
    expect(fit.warnings.map((w) => w.code)).toContain('at-bound');
  });

  it('rejects unknown parameter names in options', () => {
    expect(fitError(() => fitLaw(codLaw, { x: [col(1, 2, 3, 4, 5)], y: col(0.1, 0.2, 0.3, 0.4, 0.5) }, { fixed: { q: 1 } })).message).toContain('has no parameter "q"');
  });
});

describe('honest convergence', () => {
  it('does not call a start that never moved "converged"', () => {
    // From (E, A, α) = (1, 1, 5) the A and α columns of the Jacobian are ~1e-35: the solver cannot
    // make progress and must say so rather than report ftol/xtol at a non-stationary point.
    const x = Float64Array.from({ length: 9 }, (_, i) => 10 ** (7 + i / 2));
    const y = x.map((v) => 1.7 + 400 * v ** -0.3);
    const stuck = fitLaw(powerLawOffset, { x: [x], y }, { starts: [[1, 1, 5]] });
    expect(stuck.converged).toBe(false);
    expect(stuck.warnings.map((w) => w.code)).toContain('not-converged');
    // The default multi-start finds the optimum.
    const fit = fitLaw(powerLawOffset, { x: [x], y });
    expect(fit.converged).toBe(true);
    expect(fit.params.alpha).toBeCloseTo(0.3, 6);
  });
});
