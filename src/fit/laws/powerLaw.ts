/**
 * Plain power law: y = A·x^(−α), A > 0 (α < 0 for a rising curve). Starts from the straight-line
 * fit of ln y on ln x; with `--space log` the fit is that regression.
 *
 * @example powerLaw.evaluate([2, 0.5], [4]) // 2·4^(−0.5) = 1
 */
import type { FitData, Law } from '../law.js';
import { lineFit, positiveInputs } from './shared.js';

function starts(data: FitData): number[][] {
  const lx: number[] = [];
  const ly: number[] = [];
  data.y.forEach((v, i) => {
    if (v > 0) {
      lx.push(Math.log(data.x[0]![i]!));
      ly.push(Math.log(v));
    }
  });
  const [b0, b1] = lx.length >= 2 ? lineFit(lx, ly) : [0, 0];
  return [
    [Math.exp(b0), -b1],
    [1, 0.5],
    [1, -0.5],
  ];
}

export const powerLaw: Law = {
  id: 'power',
  name: 'power law',
  formula: 'y = A·x^(−α)',
  inputs: ['x'],
  response: 'y > 0',
  params: [
    { name: 'A', description: 'scale', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'alpha', description: 'exponent (negative for a rising curve)', lower: -10, upper: 10 },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    return p[0]! * x[0]! ** -p[1]!;
  },
  gradient(p, x, out) {
    const z = x[0]! ** -p[1]!;
    out[0] = z;
    out[1] = -p[0]! * z * Math.log(x[0]!);
  },
  starts,
  inverse(p, y) {
    if (!(y > 0) || p[1] === 0) return undefined;
    return (y / p[0]!) ** (-1 / p[1]!);
  },
  checkInput: positiveInputs(['x']),
};
