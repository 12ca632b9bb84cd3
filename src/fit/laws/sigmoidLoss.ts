/**
 * Sigmoid from a loss to a score, the second step of the Densing Law (Xiao et al. 2024, Eq. 3) and of
 * the OLMo ladder / Llama 3 two-step method:
 *
 *   S(L) = c / (1 + e^(−γ·(L − l))) + d
 *
 * S rises from d to c + d; with γ < 0 it falls as the loss L grows, which is the usual case.
 * Inverse (Densing Law Eq. 4): L = l − (1/γ)·ln(c/(S − d) − 1), defined for d < S < c + d.
 *
 * @example sigmoidLoss.evaluate([0.7, -5, 2, 0.25], [2]) // 0.7/2 + 0.25 = 0.6
 */
import type { FitData, Law } from '../law.js';
import { extent, median } from './shared.js';

function starts(data: FitData): number[][] {
  const [lo, hi] = extent(data.y);
  const [llo, lhi] = extent(data.x[0]!);
  const lrange = Math.max(lhi - llo, 1e-6);
  const out: number[][] = [];
  for (const k of [1, 3, 10, 30]) {
    for (const sign of [-1, 1]) {
      for (const [c, d] of [
        [Math.max(hi - lo, 1e-3), lo],
        [1 - lo, lo],
        [hi, 0],
      ] as const) {
        out.push([c, (sign * k) / lrange, median(data.x[0]!), d]);
      }
    }
  }
  return out;
}

export const sigmoidLoss: Law = {
  id: 'sigmoid',
  name: 'sigmoid of loss',
  formula: 'S = c / (1 + e^(−γ·(L − l))) + d',
  inputs: ['loss L'],
  response: 'score',
  params: [
    { name: 'c', description: 'height of the rise (≥ 0; the sign of γ sets the direction)', lower: 0, upper: Infinity },
    { name: 'gamma', description: 'steepness (per unit of loss; negative when the score falls with loss)', lower: -Infinity, upper: Infinity },
    { name: 'l', description: 'loss at the midpoint', lower: -Infinity, upper: Infinity },
    { name: 'd', description: 'floor', lower: -Infinity, upper: Infinity },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    return p[0]! / (1 + Math.exp(-p[1]! * (x[0]! - p[2]!))) + p[3]!;
  },
  gradient(p, x, out) {
    const u = x[0]! - p[2]!;
    const s = 1 / (1 + Math.exp(-p[1]! * u));
    out[0] = s;
    out[1] = p[0]! * s * (1 - s) * u;
    out[2] = -p[0]! * s * (1 - s) * p[1]!;
    out[3] = 1;
  },
  starts,
  inverse(p, y) {
    const r = p[0]! / (y - p[3]!) - 1;
    if (!(r > 0) || p[1] === 0) return undefined;
    return p[2]! - Math.log(r) / p[1]!;
  },
};
