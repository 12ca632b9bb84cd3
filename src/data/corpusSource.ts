/**
 * Reading one data source of a corpus manifest into a {@link Dataset}, whatever its format.
 *
 * Score files are read without their models tables as a filter: every model's scores are kept, also
 * those of models the tables do not list (they are no ladder's members, but methods that borrow from
 * other models scored on the same items can use them); the tables then describe the models they list.
 */
import { combineSubtasks, readColumnTable } from './columnTable.js';
import type { CorpusSource } from './corpusManifest.js';
import { loadDataset } from './loadDataset.js';
import { readLmEvalResultsFiles } from './lmEvalHarness.js';
import { mergeModelsTables, readModelsTable } from './modelsTable.js';
import { readOlmoLadder } from './olmoLadder.js';
import type { Dataset, ModelsTable } from './types.js';

/** Reads and merges models tables (the first table listing a model describes it). */
function modelsTables(paths: readonly string[], more: readonly ModelsTable[] = []): ModelsTable | null {
  if (paths.length === 0 && more.length === 0) return null;
  const tables = paths.map((p) => readModelsTable(p).table);
  return mergeModelsTables([...tables, ...more]).table;
}

/**
 * Reads a corpus source.
 *
 * @throws InputError for anything its files get wrong, located in them
 */
export function loadCorpusSource(source: CorpusSource): Dataset {
  switch (source.format) {
    case 'scores': {
      const data = loadDataset({ scores: source.scores, percent: source.percent, metric: source.metric, filter: source.filter, benchmark: source.wideName });
      const tables = modelsTables(source.models, data.models === null ? [] : [data.models]);
      return { ...data, models: tables };
    }
    case 'table':
      return readColumnTable(source);
    case 'lm-eval-results': {
      const r = readLmEvalResultsFiles(source.files, source.metric === undefined ? {} : { metric: source.metric });
      const aggregates = combineSubtasks(r.aggregates, source.combine, source.files[0]!);
      return { models: modelsTables(source.models, [r.models]), itemScores: [], aggregates, warnings: r.warnings };
    }
    case 'olmo-ladder':
      return readOlmoLadder(source.path);
    case 'checkpoints':
      // The manifest refuses a ladder on a checkpoints source: its runs are read by src/app/evaluateRuns.ts.
      throw new RangeError(`a checkpoints source (${source.path}) holds runs in progress, not a ladder's final scores`);
  }
}
