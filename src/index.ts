/**
 * scalecast: predict what a larger LLM will score on its benchmarks from a ladder of small models.
 *
 * The library is pure and typed; the `scalecast` command is a thin layer over it.
 */

// Data model
export type { AggregateScore, Dataset, ItemMatrix, ModelRecord, ModelsTable } from './data/types.js';
export { cellIndex } from './data/types.js';
export { InputError, isInputError } from './data/inputError.js';
export type { DataWarning, DataWarningCode, InputErrorCode, InputLocation } from './data/inputError.js';

// Reading inputs
export { loadDataset, scoreFilesInFolder, dropModels } from './data/loadDataset.js';
export type { LoadDatasetOptions } from './data/loadDataset.js';
export { readModelsTable, parseModelsTableText, mergeModelsTables, MODEL_COLUMNS } from './data/modelsTable.js';
export { readScoreFile, parseScoreText, detectScoreLayout, benchmarkFromFileName, SCORE_COLUMNS } from './data/scoreFiles.js';
export type { ScoreFileOptions, ScoreLayout } from './data/scoreFiles.js';
export { isLmEvalHarnessDir, readLmEvalHarness } from './data/lmEvalHarness.js';
export type { LmEvalOptions } from './data/lmEvalHarness.js';
export { ItemScoreCollector } from './data/itemScoreCollector.js';
export { readTableFile, readTableText, tableFormatOf } from './data/tableReader.js';
export type { TableFormat, TableRow } from './data/tableReader.js';
export { parseQuantity, parseDecimal, parseIsoDate, formatQuantity } from './data/quantity.js';
export { checkScoreValue } from './data/scoreValue.js';

// Summaries
export { summarizeDataset, modelMeans, compareBySize } from './data/summarizeDataset.js';
export type { DatasetSummary, ModelSummary, BenchmarkSummary, ScoreSummary } from './data/summarizeDataset.js';

// Synthetic ladders with known truth
export { simulateLadder, passRate, DEFAULT_SIMULATION, COMPUTE_UNIT } from './data/simulateLadder.js';
export type { SimulationConfig, SimulatedLadder, SimulatedItem, ExpectedAccuracy, ItemLaw } from './data/simulateLadder.js';
export { simulationFiles } from './data/writeSimulation.js';
export { createRandom } from './core/random.js';
export type { Random } from './core/random.js';
