/**
 * Power law with an offset (Kaplan et al. 2020; Isik et al. 2024 Eq. 3 for downstream cross-entropy):
 *
 *   y = E + A·x^(−α)
 *
 * With A > 0 it falls towards the floor E (losses); with A < 0 it rises towards the ceiling E
 * (accuracies). x must be positive.
 *
 * @example powerLawOffset.evaluate([1.7, 400, 0.3], [1e9]) // 1.7 + 400·1e9^(−0.3) ≈ 1.8005
 */
import type { FitData, Law } from '../law.js';
import { extent, positiveInputs } from './shared.js';

function starts(data: FitData): number[][] {
  const x = data.x[0]!;
  const y = data.y;
  const [lo, hi] = extent(y);
  const range = Math.max(hi - lo, 1e-12 * Math.max(1, Math.abs(hi)));
  const floors = [0, lo - 0.01 * range, lo - 0.5 * range, lo - 2 * range, hi + 0.01 * range, hi + 0.5 * range, hi + 2 * range];
  const out: number[][] = [];
  for (const E of floors) {
    for (const alpha of [0.05, 0.1, 0.2, 0.4, 0.8]) {
      // With E and α fixed, y − E = A·x^(−α) is linear in A.
      let num = 0;
      let den = 0;
      for (let i = 0; i < y.length; i++) {
        const z = x[i]! ** -alpha;
        num += (y[i]! - E) * z;
        den += z * z;
      }
      out.push([E, den > 0 ? num / den : 1, alpha]);
    }
  }
  return out;
}

export const powerLawOffset: Law = {
  id: 'power-offset',
  name: 'power law with offset',
  formula: 'y = E + A·x^(−α)',
  inputs: ['x'],
  response: 'y',
  params: [
    { name: 'E', description: 'asymptote as x → ∞ (irreducible loss, or ceiling when A < 0)', lower: -Infinity, upper: Infinity },
    { name: 'A', description: 'scale', lower: -Infinity, upper: Infinity },
    { name: 'alpha', description: 'exponent', lower: 0, upper: 10 },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    return p[0]! + p[1]! * x[0]! ** -p[2]!;
  },
  gradient(p, x, out) {
    const z = x[0]! ** -p[2]!;
    out[0] = 1;
    out[1] = z;
    out[2] = -p[1]! * z * Math.log(x[0]!);
  },
  starts,
  inverse(p, y) {
    const r = (y - p[0]!) / p[1]!;
    if (!(r > 0) || !(p[2]! > 0)) return undefined;
    return r ** (-1 / p[2]!);
  },
  checkInput: positiveInputs(['x']),
};
