/**
 * The COD performance law (Xu et al., "Unveiling Downstream Performance Scaling of LLMs: A
 * Clustering-Based Perspective", ICLR 2026, Eq. 4):
 *
 *   y(C) = g + (1 − g)·exp(−a·Ĉ^(−b) − c),   Ĉ = C / 1e18
 *
 * y is an accuracy in [0, 1], C training compute in FLOPs. `g` is the random-guess floor, `c` caps the
 * curve (its ceiling is g + (1 − g)·e^(−c)), `a` and `b` shape the rise. The unit of Ĉ (1e18 FLOPs,
 * the "Compute (BB)" axis of the paper's figures) matters: the paper's rule a > 1 for an
 * extrapolatable cluster is stated in it.
 *
 * @example codLaw.evaluate([100, 0.3, 0.1, 0.25], [1e22]) // Ĉ = 1e4: 0.25 + 0.75·exp(−100·1e4^(−0.3) − 0.1) ≈ 0.25123
 */
import type { FitData, Law } from '../law.js';
import { positiveInputs } from './shared.js';

/** Compute unit of the law: Ĉ = C / COD_COMPUTE_UNIT. */
export const COD_COMPUTE_UNIT = 1e18;

function starts(data: FitData): number[][] {
  const x = data.x[0]!;
  const y = data.y;
  let ymin = Infinity;
  for (const v of y) ymin = Math.min(ymin, v);
  const out: number[][] = [];
  for (const g of [0, Math.max(0, Math.min(0.9, ymin * 0.95))]) {
    for (const c of [0, 0.5]) {
      for (const b of [0.05, 0.15, 0.3, 0.6, 1.2]) {
        // With b, c, g fixed, −ln((y − g)/(1 − g)) − c = a·Ĉ^(−b) is linear in a.
        let num = 0;
        let den = 0;
        for (let i = 0; i < y.length; i++) {
          const r = (y[i]! - g) / (1 - g);
          if (!(r > 0 && r < 1)) continue;
          const z = (x[i]! / COD_COMPUTE_UNIT) ** -b;
          num += (-Math.log(r) - c) * z;
          den += z * z;
        }
        const a = den > 0 && num > 0 ? num / den : 1;
        out.push([Math.min(Math.max(a, 1e-6), 1e6), b, c, g]);
      }
    }
  }
  return out;
}

export const codLaw: Law = {
  id: 'cod',
  name: 'COD performance law',
  formula: 'y = g + (1 − g)·exp(−a·Ĉ^(−b) − c), Ĉ = C / 1e18 FLOPs',
  inputs: ['compute (FLOPs)'],
  response: 'accuracy in [0, 1]',
  params: [
    { name: 'a', description: 'scale of the rise (in units of Ĉ = C/1e18)', lower: 1e-8, upper: 1e8, scale: 'log' },
    { name: 'b', description: 'exponent of compute', lower: 0, upper: 5 },
    { name: 'c', description: 'ceiling offset: the ceiling is g + (1 − g)·e^(−c)', lower: 0, upper: 20 },
    { name: 'g', description: 'random-guess floor', lower: 0, upper: 1 },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    const chat = x[0]! / COD_COMPUTE_UNIT;
    return p[3]! + (1 - p[3]!) * Math.exp(-p[0]! * chat ** -p[1]! - p[2]!);
  },
  gradient(p, x, out) {
    const [a, b, c, g] = [p[0]!, p[1]!, p[2]!, p[3]!];
    const chat = x[0]! / COD_COMPUTE_UNIT;
    const z = chat ** -b;
    const e = Math.exp(-a * z - c);
    out[0] = -(1 - g) * e * z;
    out[1] = (1 - g) * e * a * z * Math.log(chat);
    out[2] = -(1 - g) * e;
    out[3] = 1 - e;
  },
  starts,
  inverse(p, y) {
    const [a, b, c, g] = [p[0]!, p[1]!, p[2]!, p[3]!];
    const r = (y - g) / (1 - g);
    if (!(r > 0 && r < 1) || !(a > 0) || !(b > 0)) return undefined;
    const z = (-Math.log(r) - c) / a;
    if (!(z > 0)) return undefined;
    return z ** (-1 / b) * COD_COMPUTE_UNIT;
  },
  checkInput: positiveInputs(['compute']),
};
