/**
 * A sigmoid in log-compute, the usual end-to-end baseline for accuracy against compute
 * (Ruan et al. 2024, Eq. 2; Schaeffer et al.):
 *
 *   y = g + (h − g)·σ(k·(log10 x − m)),  σ(t) = 1/(1 + e^(−t))
 *
 * rising from the floor g to the ceiling h, with its midpoint at x = 10^m.
 *
 * @example logisticLogCompute.evaluate([0.25, 0.9, 2, 22], [1e22]) // midpoint: 0.25 + 0.65/2 = 0.575
 */
import type { FitData, Law } from '../law.js';
import { extent, positiveInputs } from './shared.js';

function starts(data: FitData): number[][] {
  const lx = Array.from(data.x[0]!, Math.log10);
  const [lo, hi] = extent(data.y);
  const [xlo, xhi] = extent(lx);
  const out: number[][] = [];
  for (const g of [0, Math.max(0, lo - 0.01)]) {
    for (const h of [1, Math.min(1, hi + 0.05), Math.min(1, hi + 0.3)]) {
      for (const k of [0.5, 1, 3]) {
        for (const m of [xlo, (xlo + xhi) / 2, xhi, xhi + 1]) out.push([g, Math.max(h, g + 0.01), k, m]);
      }
    }
  }
  return out;
}

export const logisticLogCompute: Law = {
  id: 'logistic',
  name: 'sigmoid in log-compute',
  formula: 'y = g + (h − g)·σ(k·(log10 x − m))',
  inputs: ['compute (FLOPs)'],
  response: 'accuracy in [0, 1]',
  params: [
    { name: 'g', description: 'floor', lower: 0, upper: 1 },
    { name: 'h', description: 'ceiling', lower: 0, upper: 1 },
    { name: 'k', description: 'steepness per decade of x', lower: 0, upper: 100 },
    { name: 'm', description: 'log10 of x at the midpoint', lower: -Infinity, upper: Infinity },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    return p[0]! + (p[1]! - p[0]!) / (1 + Math.exp(-p[2]! * (Math.log10(x[0]!) - p[3]!)));
  },
  gradient(p, x, out) {
    const t = Math.log10(x[0]!) - p[3]!;
    const s = 1 / (1 + Math.exp(-p[2]! * t));
    const h = p[1]! - p[0]!;
    out[0] = 1 - s;
    out[1] = s;
    out[2] = h * s * (1 - s) * t;
    out[3] = -h * s * (1 - s) * p[2]!;
  },
  starts,
  inverse(p, y) {
    const r = (y - p[0]!) / (p[1]! - p[0]!);
    if (!(r > 0 && r < 1) || !(p[2]! > 0)) return undefined;
    return 10 ** (p[3]! + Math.log(r / (1 - r)) / p[2]!);
  },
  checkInput: positiveInputs(['compute']),
};
