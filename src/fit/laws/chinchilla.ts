/**
 * Chinchilla's parametric loss (Hoffmann et al. 2022, Approach 3; Besiroglu et al. 2024):
 *
 *   L(N, D) = E + A/N^α + B/D^β
 *
 * N parameters, D training tokens, L loss in nats per token. A, B and E are fitted on a log scale
 * (a = ln A, b = ln B, e = ln E), as Epoch's replication does. {@link EPOCH_CHINCHILLA_GRID} is
 * their grid of 4,500 starting points; the default starts are a coarser subset of it.
 *
 * @example chinchilla.evaluate([1.8172, 482.01, 2085.43, 0.3478, 0.3658], [70e9, 1.4e12]) // ≈ 1.9739
 */
import type { Law } from '../law.js';
import { grid, linspace } from '../law.js';
import { positiveInputs } from './shared.js';

/**
 * Epoch AI's grid in (E, A, B, α, β): α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
 * a, b ∈ {0, 5, …, 25} (natural values E = e^e, A = e^a, B = e^b).
 */
export const EPOCH_CHINCHILLA_GRID: number[][] = grid(
  linspace(-1, 1, 5).map(Math.exp),
  linspace(0, 25, 6).map(Math.exp),
  linspace(0, 25, 6).map(Math.exp),
  linspace(0, 2, 5),
  linspace(0, 2, 5),
);

/** Chinchilla parameters by name, as `fit.params` gives them. */
export interface ChinchillaParams {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

export const chinchilla: Law = {
  id: 'chinchilla',
  name: 'Chinchilla loss L(N, D)',
  formula: 'L = E + A/N^α + B/D^β',
  inputs: ['parameters N', 'training tokens D'],
  response: 'loss (nats/token)',
  params: [
    { name: 'E', description: 'irreducible loss (nats/token)', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'A', description: 'parameter term scale', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'B', description: 'data term scale', lower: 0, upper: Infinity, scale: 'log' },
    { name: 'alpha', description: 'parameter exponent', lower: 0, upper: 5 },
    { name: 'beta', description: 'data exponent', lower: 0, upper: 5 },
  ],
  defaultSpace: 'linear',
  evaluate(p, x) {
    return p[0]! + p[1]! * x[0]! ** -p[3]! + p[2]! * x[1]! ** -p[4]!;
  },
  gradient(p, x, out) {
    const zn = x[0]! ** -p[3]!;
    const zd = x[1]! ** -p[4]!;
    out[0] = 1;
    out[1] = zn;
    out[2] = zd;
    out[3] = -p[1]! * zn * Math.log(x[0]!);
    out[4] = -p[2]! * zd * Math.log(x[1]!);
  },
  evaluateWithGradient(p, x, out) {
    const lnN = Math.log(x[0]!);
    const lnD = Math.log(x[1]!);
    const zn = Math.exp(-p[3]! * lnN);
    const zd = Math.exp(-p[4]! * lnD);
    out[0] = 1;
    out[1] = zn;
    out[2] = zd;
    out[3] = -p[1]! * zn * lnN;
    out[4] = -p[2]! * zd * lnD;
    return p[0]! + p[1]! * zn + p[2]! * zd;
  },
  starts: () =>
    grid(
      [-0.5, 0.5].map(Math.exp),
      [0, 5, 10].map(Math.exp),
      [0, 5, 10].map(Math.exp),
      [0.25, 0.5, 1],
      [0.25, 0.5, 1],
    ),
  checkInput: positiveInputs(['N', 'D']),
};
