/**
 * The Densing Law's loss estimate (Xiao et al., "Densing Law of LLMs", 2024, Eq. 2):
 *
 *   L(N, D) = a·N^(−α) + b·D^(−β)
 *
 * with no irreducible term. L is the conditional loss on the answers of downstream test sets.
 *
 * @example densingLoss.evaluate([40, 0.3, 300, 0.3], [1e9, 1e12]) // 40·1e9^(−0.3) + 300·1e12^(−0.3) ≈ 0.1552
 */
import type { Law } from '../law.js';
import { grid } from '../law.js';
import { positiveInputs } from './shared.js';

export const densingLoss: Law = {
  id: 'densing-loss',
  name: 'Densing-law loss L(N, D)',
  formula: 'L = a·N^(−α) + b·D^(−β)',
  inputs: ['parameters N', 'training tokens D'],
  response: 'loss',
  params: [
    { name: 'a', description: 'parameter term scale', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'alpha', description: 'parameter exponent', lower: 0, upper: 5 },
    { name: 'b', description: 'data term scale', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'beta', description: 'data exponent', lower: 0, upper: 5 },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    return p[0]! * x[0]! ** -p[1]! + p[2]! * x[1]! ** -p[3]!;
  },
  gradient(p, x, out) {
    const zn = x[0]! ** -p[1]!;
    const zd = x[1]! ** -p[3]!;
    out[0] = zn;
    out[1] = -p[0]! * zn * Math.log(x[0]!);
    out[2] = zd;
    out[3] = -p[2]! * zd * Math.log(x[1]!);
  },
  starts: () => grid([1, 10, 100, 1000], [0.1, 0.3, 0.6], [1, 10, 100, 1000], [0.1, 0.3, 0.6]),
  checkInput: positiveInputs(['N', 'D']),
};
