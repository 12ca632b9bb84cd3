/**
 * `fitLaw` against scipy's `curve_fit` on the problems of
 * `test/fixtures/scipy/curve_fit_reference.json` (COD law, power law with offset, logistic in
 * log-compute, Isik's log-law, Chinchilla by least squares, sigmoid of loss, and Pythia
 * arc_easy/lambada): scalecast's default multi-start fit must reach the same optimum as the best of
 * scipy's runs or a better one; where scipy's polished run reached it, the parameters must agree to
 * 1e-5 and the standard errors to 1e-3 (relative), parameters on a bound excepted.
 *
 * Regenerate the fixture with `python3 test/fixtures/scipy/curve_fit_reference.py`; the figures are
 * printed by `npx tsx validation/scipyComparison.ts`.
 */
import { describe, expect, it } from 'vitest';
import { compareProblem, loadReference } from '../../validation/scipyComparison.js';

const ref = loadReference();
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('fitLaw against scipy curve_fit', () => {
  it('the reference covers the laws the issue names, on synthetic and real data', () => {
    const laws = new Set(ref.problems.map((p) => p.law));
    for (const id of ['cod', 'power-offset', 'logistic', 'isik', 'chinchilla', 'sigmoid']) expect(laws).toContain(id);
    expect(ref.problems.filter((p) => p.source === 'pythia-evals').length).toBeGreaterThanOrEqual(2);
  });

  for (const problem of ref.problems) {
    describe(problem.name, () => {
      const row = compareProblem(problem, { repeats: 0, warmup: 0 });
      const scipySse = [...problem.runs, ...(problem.polished ? [problem.polished] : [])]
        .filter((r) => r.ok && r.sse !== null)
        .map((r) => r.sse!);
      const scipyBest = Math.min(...scipySse);

      it('reaches scipy’s best SSE or a lower one', () => {
        expect(row.fit.converged).toBe(true);
        expect(row.scalecastSse).toBeLessThanOrEqual(scipyBest * (1 + 1e-9) + 1e-15);
      });

      it('is never beaten by any single curve_fit run (user p0, other p0s, no p0)', () => {
        for (const s of scipySse) expect(row.scalecastSse).toBeLessThanOrEqual(s * (1 + 1e-9) + 1e-15);
      });

      it('agrees with scipy’s polished optimum on parameters (1e-5) and standard errors (1e-3)', () => {
        // Every problem here has a single optimum that scipy's best p0 also finds.
        expect(row.sameOptimum).toBe(true);
        const popt = problem.polished!.popt!;
        const se = problem.polished!.stderr!;
        expect(row.compared.length).toBeGreaterThanOrEqual(2);
        for (const j of row.compared) {
          expect(rel(row.fit.values[j]!, popt[j]!), `${row.fit.names[j]}: ${row.fit.values[j]} vs ${popt[j]}`).toBeLessThanOrEqual(1e-5);
          const ours = row.fit.standardErrors[j];
          expect(ours).not.toBeNull();
          expect(se[j]).not.toBeNull();
          expect(rel(ours!, se[j]!), `SE of ${row.fit.names[j]}: ${ours} vs ${se[j]}`).toBeLessThanOrEqual(1e-3);
        }
      });
    });
  }
});
