/**
 * Exponential growth y = A·e^(k·t), fitted as a straight line on ln y (the densing law:
 * ln ρ_max = k·t + ln A, Xiao et al. 2024, Eq. 5). t is usually days since a reference date; the
 * doubling time is ln 2 / k.
 *
 * @example exponential.evaluate([0.1, 0.007], [99]) // 0.1·e^(0.693) ≈ 0.2
 */
import type { FitData, Law } from '../law.js';
import { lineFit } from './shared.js';

export const exponential: Law = {
  id: 'exponential',
  name: 'exponential in t',
  formula: 'y = A·e^(k·t)',
  inputs: ['t'],
  response: 'y > 0',
  params: [
    { name: 'A', description: 'value at t = 0', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'k', description: 'growth rate per unit of t (doubling time ln 2 / k)', lower: -Infinity, upper: Infinity },
  ],
  defaultSpace: 'log',
  evaluate(p, x) {
    return p[0]! * Math.exp(p[1]! * x[0]!);
  },
  gradient(p, x, out) {
    const e = Math.exp(p[1]! * x[0]!);
    out[0] = e;
    out[1] = p[0]! * x[0]! * e;
  },
  starts(data: FitData) {
    const pts = Array.from(data.y, (v, i) => [data.x[0]![i]!, v] as const).filter(([, v]) => v > 0);
    const [b0, b1] = lineFit(
      pts.map((p) => p[0]),
      pts.map((p) => Math.log(p[1])),
    );
    return [[Math.exp(b0), b1]];
  },
  inverse(p, y) {
    if (!(y > 0) || p[1] === 0) return undefined;
    return Math.log(y / p[0]!) / p[1]!;
  },
};
