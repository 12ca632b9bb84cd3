/**
 * One unit of `scalecast evaluate`'s work, the same in a worker thread and in the main thread: every
 * method on every case of one ladder of the corpus.
 */
import { isInputError } from '../io/inputError.js';
import type { CodOptions } from '../predict/codPrediction.js';
import type { CorpusData, SkippedCase } from '../predict/corpusCases.js';
import { evaluateCase, type PredictionRow } from '../predict/evaluateCase.js';
import type { MethodId } from '../predict/methods.js';

/** What every worker is started with. */
export interface WorkerSetup {
  /** The manifest's path. */
  manifest: string;
  methods: MethodId[];
  cod: CodOptions;
}

/** A request: the ladder's index in the manifest. */
export interface LadderJob {
  index: number;
}

/** An error as it crosses a thread: an InputError's fields, or a plain message. */
export interface SerializedError {
  inputError: boolean;
  name: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** The reply for one ladder. */
export type LadderReply = { index: number; cases: number; rows: PredictionRow[]; skipped: SkippedCase[] } | { index: number; error: SerializedError };

/** Runs one ladder; never throws (errors come back in the reply). */
export function runLadder(corpus: CorpusData, index: number, setup: WorkerSetup): LadderReply {
  try {
    const { cases, skipped } = corpus.cases(index);
    const rows = cases.flatMap((c) => evaluateCase(c, setup.methods, setup.cod));
    return { index, cases: cases.length, rows, skipped };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { index, error: { inputError: isInputError(e), name: err.name, message: err.message, ...(isInputError(e) ? { fields: e.toJSON() } : {}) } };
  }
}
