/**
 * The two-step baseline of the OLMo ladder (Bhagia et al. 2024) and Llama 3 (§3.2.1): predict the
 * target's task loss from compute, then its accuracy from the loss.
 *
 * 1. Loss against compute: L(C) = E + A·C^(−α), fitted in log space (a power law with offset).
 * 2. Accuracy against loss: Acc(L) = c / (1 + e^(−γ(L − l))) + d, fitted on the ladder's (loss,
 *    accuracy) pairs plus, as the OLMo ladder does, the ideal point (L = 0, Acc = 1) when the loss is
 *    the loss of the correct answer in bits per byte (`anchorPerfect`; {@link isAnswerLoss}). A
 *    language-modelling loss (Gadre et al.'s validation loss, say) gets no such point: a model with
 *    zero loss on C4 is no model at all.
 *
 * The 95% interval maps the ends of step 1's prediction interval through step 2 (Acc is monotone in
 * L) and widens them by step 2's own prediction interval at those losses: an approximation that
 * keeps both steps' uncertainty, documented as such.
 */
import { FitDataError } from '../fit/fitError.js';
import { fitLaw, type FitResult } from '../fit/fitLaw.js';
import { powerLawOffset, sigmoidLoss } from '../fit/laws/index.js';
import { inputRanges, predictFit } from '../fit/predictFit.js';
import type { MethodPrediction } from './endToEnd.js';

/** Loss columns that hold the loss of the correct answer in bits per byte (OLMo's task loss). */
const ANSWER_LOSS_COLUMNS = new Set(['bpb', 'bits_per_byte']);

/** Whether a loss column is a per-answer loss, which reaches 0 exactly when the accuracy reaches 1. */
export function isAnswerLoss(column: string | undefined): boolean {
  return column !== undefined && ANSWER_LOSS_COLUMNS.has(column.toLowerCase());
}

/** Options of {@link twoStepPrediction}. */
export interface TwoStepOptions {
  /** Add the point (loss 0, accuracy 1) to the step-2 fit. @default true */
  anchorPerfect?: boolean;
}


/**
 * Predicts the target's score through its loss.
 *
 * @param compute ladder training FLOPs
 * @param losses ladder task losses (> 0), same order
 * @param scores ladder scores in [0, 1], same order
 */
export function twoStepPrediction(compute: readonly number[], losses: readonly number[], scores: readonly number[], targetCompute: number, options: TwoStepOptions = {}): MethodPrediction {
  const method = 'two-step';
  let step1: FitResult;
  let step2: FitResult;
  const lossData = { x: [Float64Array.from(compute)], y: Float64Array.from(losses) };
  const anchor = options.anchorPerfect ?? true;
  const accData = {
    x: [Float64Array.from(anchor ? [...losses, 0] : losses)],
    y: Float64Array.from(anchor ? [...scores, 1] : scores),
  };
  try {
    step1 = fitLaw(powerLawOffset, lossData, { space: 'log', bounds: { A: [0, Infinity], E: [0, Infinity] } });
    step2 = fitLaw(sigmoidLoss, accData);
  } catch (e) {
    if (e instanceof FitDataError) return { method, prediction: null, interval: null, reason: e.message, warnings: [] };
    throw e;
  }
  const warnings = [...step1.warnings.map((w) => `step 1 (loss): ${w.message}`), ...step2.warnings.map((w) => `step 2 (accuracy): ${w.message}`)];
  const loss = predictFit(powerLawOffset, step1, [targetCompute], inputRanges(lossData.x));
  if (loss.value === null) return { method, prediction: null, interval: null, reason: `step 1: ${loss.reason}`, warnings };
  const acc = (l: number) => predictFit(sigmoidLoss, step2, [l]);
  const mid = acc(loss.value);
  if (mid.value === null) return { method, prediction: null, interval: null, reason: `step 2: ${mid.reason}`, warnings };
  let interval: [number, number] | null = null;
  if (loss.prediction !== null) {
    const ends = [acc(loss.prediction[0]), acc(loss.prediction[1])];
    const lo = Math.min(...ends.map((e) => e.prediction?.[0] ?? e.value ?? Number.NaN));
    const hi = Math.max(...ends.map((e) => e.prediction?.[1] ?? e.value ?? Number.NaN));
    if (Number.isFinite(lo) && Number.isFinite(hi)) interval = [lo, hi];
  }
  return { method, prediction: mid.value, interval, fit: step2, warnings };
}
