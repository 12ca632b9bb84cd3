/**
 * Isik et al.'s log-law for translation scores (BLEU, COMET) against pretraining data size
 * ("Scaling Laws for Downstream Task Performance in Machine Translation", ICLR 2025, Eq. 1):
 *
 *   y = (log(A·x^α))^β = (ln A + α·ln x)^β
 *
 * defined where A·x^α > 1. Starts come from regressing y^(1/β) on ln x for a few β.
 *
 * @example isikLogLaw.evaluate([1, 0.5, 2], [Math.E ** 4]) // (0 + 0.5·4)^2 = 4
 */
import type { FitData, Law } from '../law.js';
import { lineFit, positiveInputs } from './shared.js';

function starts(data: FitData): number[][] {
  const out: number[][] = [];
  const lx = Array.from(data.x[0]!, Math.log);
  for (const beta of [0.25, 0.5, 1, 2, 4]) {
    if (!data.y.every((v) => v > 0)) break;
    const L = Array.from(data.y, (v) => v ** (1 / beta));
    const [lnA, alpha] = lineFit(lx, L);
    if (alpha > 0) out.push([Math.exp(lnA), alpha, beta]);
  }
  out.push([1, 0.1, 1], [10, 0.05, 2]);
  return out;
}

export const isikLogLaw: Law = {
  id: 'isik',
  name: "Isik's log-law",
  formula: 'y = (log(A·x^α))^β',
  inputs: ['pretraining tokens'],
  response: 'score (BLEU, COMET, accuracy)',
  params: [
    { name: 'A', description: 'scale inside the log', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'alpha', description: 'exponent of x inside the log', lower: 0, upper: 10 },
    { name: 'beta', description: 'outer exponent', lower: -20, upper: 20 },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    const L = Math.log(p[0]!) + p[1]! * Math.log(x[0]!);
    return L > 0 ? L ** p[2]! : Number.NaN;
  },
  gradient(p, x, out) {
    const lx = Math.log(x[0]!);
    const L = Math.log(p[0]!) + p[1]! * lx;
    const pow = L ** (p[2]! - 1);
    out[0] = (p[2]! * pow) / p[0]!;
    out[1] = p[2]! * pow * lx;
    out[2] = L ** p[2]! * Math.log(L);
  },
  starts,
  inverse(p, y) {
    if (!(y > 0) || p[2] === 0) return undefined;
    const L = y ** (1 / p[2]!);
    return Math.exp((L - Math.log(p[0]!)) / p[1]!);
  },
  checkInput: positiveInputs(['x']),
};
