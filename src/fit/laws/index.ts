/** Every law scalecast knows, by id. Adding a law: one file in this folder and one line here. */
import type { Law } from '../law.js';
import { chinchilla } from './chinchilla.js';
import { codLaw } from './codLaw.js';
import { densingLoss } from './densingLoss.js';
import { exponential } from './exponential.js';
import { isikLogLaw } from './isikLogLaw.js';
import { linearLogCompute } from './linearLogCompute.js';
import { logisticLogCompute } from './logisticLogCompute.js';
import { powerLaw } from './powerLaw.js';
import { powerLawOffset } from './powerLawOffset.js';
import { sigmoidLoss } from './sigmoidLoss.js';

export const LAWS: readonly Law[] = [
  codLaw,
  powerLawOffset,
  powerLaw,
  isikLogLaw,
  chinchilla,
  densingLoss,
  sigmoidLoss,
  logisticLogCompute,
  linearLogCompute,
  exponential,
];

/** The law with this id, or undefined. */
export function lawById(id: string): Law | undefined {
  return LAWS.find((l) => l.id === id);
}

export { chinchilla, codLaw, densingLoss, exponential, isikLogLaw, linearLogCompute, logisticLogCompute, powerLaw, powerLawOffset, sigmoidLoss };
export { EPOCH_CHINCHILLA_GRID } from './chinchilla.js';
export { COD_COMPUTE_UNIT } from './codLaw.js';
