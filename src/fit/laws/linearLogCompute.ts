/**
 * A straight line in log-compute: y = a + b·log10 x. The simplest end-to-end baseline, and on
 * short, noisy ladders often the most accurate one.
 *
 * @example linearLogCompute.evaluate([-1, 0.1], [1e20]) // −1 + 0.1·20 = 1
 */
import type { FitData, Law } from '../law.js';
import { lineFit, positiveInputs } from './shared.js';

export const linearLogCompute: Law = {
  id: 'linear-log',
  name: 'line in log-compute',
  formula: 'y = a + b·log10 x',
  inputs: ['compute (FLOPs)'],
  response: 'y',
  params: [
    { name: 'a', description: 'intercept (y at x = 1)', lower: -Infinity, upper: Infinity },
    { name: 'b', description: 'slope per decade of x', lower: -Infinity, upper: Infinity },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    return p[0]! + p[1]! * Math.log10(x[0]!);
  },
  gradient(_p, x, out) {
    out[0] = 1;
    out[1] = Math.log10(x[0]!);
  },
  starts: (data: FitData) => [lineFit(Array.from(data.x[0]!, Math.log10), data.y)],
  inverse(p, y) {
    if (p[1] === 0) return undefined;
    return 10 ** ((y - p[0]!) / p[1]!);
  },
  checkInput: positiveInputs(['x']),
};
