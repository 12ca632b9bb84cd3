/**
 * Chinchilla's Approach 3 on Epoch AI's data (Besiroglu et al. 2024): Huber loss (δ = 1e-3) on
 * log loss, L-BFGS from Epoch's grid, 240 points (the 5 highest-loss runs dropped), then a pairs
 * bootstrap. Published: E 1.8169, A 482.01, B 2085.43, α 0.3478, β 0.3658; bootstrap SEs
 * 0.026, 124.52, 1293.28, 0.015, 0.021 (methods.md §5.4).
 *
 * B is barely determined by these data (Epoch's own SE is 62% of it): along the valley floor the
 * objective changes by less than 1e-4 of its value while B moves by several percent, so where an
 * optimiser stops decides B. Our optimum has a lower objective than Epoch's published point (checked
 * below), 2.8% away in B; E, A, α and β agree to within 1%.
 */
import { describe, expect, it } from 'vitest';
import { readPoints } from '../../src/data/readPoints.js';
import { bootstrapFitParallel } from '../../src/fit/bootstrapFit.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { chinchilla, EPOCH_CHINCHILLA_GRID } from '../../src/fit/laws/index.js';
import { huber } from '../../src/fit/lbfgs.js';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';

const EPOCH = { E: 1.8169, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
const EPOCH_SE = { E: 0.026, A: 124.52, B: 1293.28, alpha: 0.015, beta: 0.021 };
// Epoch's log-space point estimate (a, b, e, α, β) from their notebook.
const EPOCH_POINT = [Math.exp(0.5971), Math.exp(6.178), Math.exp(7.6427), 0.34781, 0.36585];

describe.skipIf(!hasRawData)("Epoch AI's Chinchilla replication", () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});
  const load = () => {
    const p = readPoints(rawPath('epoch-chinchilla', 'svg_extracted_data.csv'), ['Model Size', 'Training FLOP'], 'loss', [{ column: 'loss', op: '<', value: 3.44 }]);
    p.x[1] = p.x[1]!.map((c, i) => c / (6 * p.x[0]![i]!));
    return { x: p.x, y: p.y };
  };
  const objective = (theta: number[], data: { x: Float64Array[]; y: Float64Array }) =>
    data.y.reduce((s, y, i) => s + huber(Math.log(chinchilla.evaluate(theta, [data.x[0]![i]!, data.x[1]![i]!])) - Math.log(y), 1e-3), 0);

  // Every 45th point of Epoch's 4,500-point grid; the full grid reaches the same optimum
  // (docs/fitting.md, `scalecast fit … --starts epoch`).
  const starts = EPOCH_CHINCHILLA_GRID.filter((_, i) => i % 45 === 0);

  it('drops exactly the 5 highest-loss runs', () => {
    expect(load().y.length).toBe(240);
  });

  it('reaches an optimum at least as good as Epoch\'s published point, within 1% on E, A, α, β', () => {
    const data = load();
    const fit = fitLaw(chinchilla, data, { loss: 'huber', starts });
    expect(fit.converged).toBe(true);
    expect(fit.objective).toBeLessThanOrEqual(objective(EPOCH_POINT, data));
    for (const name of ['E', 'A', 'alpha', 'beta'] as const) {
      expect(Math.abs(fit.params[name]! / EPOCH[name] - 1), name).toBeLessThan(0.01);
    }
    expect(Math.abs(fit.params.B! / EPOCH.B - 1)).toBeLessThan(0.03);
    // Pinned: the optimum of this objective, as the full grid finds it.
    expect(fit.params.E).toBeCloseTo(1.81722, 4);
    expect(fit.params.A! / 477.826).toBeCloseTo(1, 3);
    expect(fit.params.B! / 2143.42).toBeCloseTo(1, 3);
  });

  it('gives bootstrap standard errors of the same width as Epoch\'s', async () => {
    const data = load();
    const fit = fitLaw(chinchilla, data, { loss: 'huber', starts });
    const boot = await bootstrapFitParallel(chinchilla, data, fit, { loss: 'huber' }, { samples: 300, seed: 42, threads: 2 });
    expect(boot.succeeded).toBe(300);
    fit.names.forEach((name, j) => {
      const ratio = boot.standardErrors[j]! / EPOCH_SE[name as keyof typeof EPOCH_SE];
      expect(ratio, `${name}: ${boot.standardErrors[j]} vs ${EPOCH_SE[name as keyof typeof EPOCH_SE]}`).toBeGreaterThan(0.75);
      expect(ratio, name).toBeLessThan(1.33);
    });
  });
});
