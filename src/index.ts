/**
 * scalecast: predict what a larger LLM will score on its benchmarks from a ladder of small models.
 *
 * The library is pure and typed; the `scalecast` command is a thin layer over it.
 */

// Data model
export type { AggregateScore, Dataset, ItemMatrix, ModelRecord, ModelsTable } from './data/types.js';
export { cellIndex } from './data/types.js';
export { InputError, isInputError } from './io/inputError.js';
export type { DataWarning, DataWarningCode, InputErrorCode, InputLocation } from './io/inputError.js';

// Reading inputs
export { loadDataset, scoreFilesInFolder } from './data/loadDataset.js';
export { selectModels, dropModels, familiesOf, familyMembers } from './data/selectModels.js';
export { compareNatural } from './io/textOrder.js';
export type { LoadDatasetOptions } from './data/loadDataset.js';
export { readModelsTable, parseModelsTableText, mergeModelsTables, estimateCompute, MODEL_COLUMNS } from './data/modelsTable.js';
export { readPoints, parsePointsText, parseRowFilter } from './data/readPoints.js';
export type { PointsTable, RowFilter } from './data/readPoints.js';
export { readScoreFile, parseScoreText, detectScoreLayout, benchmarkFromFileName, SCORE_COLUMNS } from './data/scoreFiles.js';
export type { ScoreFileOptions, ScoreLayout } from './data/scoreFiles.js';
export { isLmEvalHarnessDir, readLmEvalHarness } from './data/lmEvalHarness.js';
export type { LmEvalOptions } from './data/lmEvalHarness.js';
export { ItemScoreCollector } from './data/itemScoreCollector.js';
export { readTableFile, readTableText, tableFormatOf } from './io/tableReader.js';
export type { TableFormat, TableRow } from './io/tableReader.js';
export { parseQuantity, parseDecimal, parseIsoDate, formatQuantity } from './io/quantity.js';
export { checkScoreValue } from './data/scoreValue.js';

// Summaries
export { summarizeDataset, modelMeans, compareBySize } from './data/summarizeDataset.js';
export type { DatasetSummary, ModelSummary, BenchmarkSummary, ScoreSummary } from './data/summarizeDataset.js';

// Synthetic ladders with known truth
export { simulateLadder, passRate, DEFAULT_SIMULATION, COMPUTE_UNIT } from './simulate/simulateLadder.js';
export type { SimulationConfig, SimulatedLadder, SimulatedItem, ExpectedAccuracy, ItemLaw } from './simulate/simulateLadder.js';
export { simulationFiles } from './simulate/writeSimulation.js';
export { createRandom } from './core/random.js';
export type { Random } from './core/random.js';

// Fitting scaling laws
export type { Law, LawParam, FitData } from './fit/law.js';
export { LAWS, lawById, EPOCH_CHINCHILLA_GRID, COD_COMPUTE_UNIT } from './fit/laws/index.js';
export { codLaw, powerLawOffset, powerLaw, isikLogLaw, chinchilla, densingLoss, sigmoidLoss, logisticLogCompute, linearLogCompute, exponential } from './fit/laws/index.js';
export { fitLaw } from './fit/fitLaw.js';
export type { FitOptions, FitResult } from './fit/fitLaw.js';
export { FitDataError } from './fit/fitError.js';
export type { FitWarning, FitWarningCode } from './fit/fitError.js';
export { predictFit, inputRanges } from './fit/predictFit.js';
export type { FitPrediction } from './fit/predictFit.js';
export { bootstrapFit, bootstrapFitParallel, bootstrapBands } from './fit/bootstrapFit.js';
export type { BootstrapOptions, BootstrapResult, BootstrapBand } from './fit/bootstrapFit.js';
export { compareLaws } from './fit/compareLaws.js';
export type { LawComparison, CompareOptions } from './fit/compareLaws.js';
export { solveLeastSquares } from './fit/leastSquares.js';
export { minimizeLbfgs } from './fit/lbfgs.js';
export { huber, huberDerivative } from './fit/robustLoss.js';
export { logSumExp } from './fit/logSumExp.js';
export { studentTQuantile, studentTCdf } from './core/studentT.js';

// Difficulty clustering (COD step 2).
export { difficultyFeatures, arcsineFeatures } from './cluster/difficultyFeatures.js';
export { estimateBandwidth } from './cluster/estimateBandwidth.js';
export { meanShift } from './cluster/meanShift.js';
export { improvedMeanShift, improvedMeanShiftParallel } from './cluster/improvedMeanShift.js';
export { kMeansClustering, improvedKMeans } from './cluster/kMeansClustering.js';
export { sampleThenAssign, sampleRows } from './cluster/sampleThenAssign.js';

// Prediction: COD, baselines, backtests.
export { codPrediction, DEFAULT_CLUSTER_SAMPLE } from './predict/codPrediction.js';
export type { CodOptions, CodDiagnostics } from './predict/codPrediction.js';
export { fitClusterLaws, classifyCluster, clusterFitOptions, extrapolateSubset, DEFAULT_RULES } from './predict/clusterLaws.js';
export { endToEndPrediction } from './predict/endToEnd.js';
export { twoStepPrediction } from './predict/twoStep.js';
export { resolveLadder, axisPosition, paramsAxisPosition, extrapolationRatio, LadderError } from './predict/ladder.js';
export type { LadderModel, ScalingAxis, LadderOptions } from './predict/ladder.js';
export { METHODS, runMethod, backtestMethod, toTarget } from './predict/methods.js';
export type { MethodId, MethodOutcome, MethodTarget, MethodContext, BenchmarkData, MethodBacktest, HeldOutError } from './predict/methods.js';
export { predictSuite, backtestSuite, backtestSummary, defaultRow, policyInput, DEFAULT_METHOD } from './predict/predictSuite.js';
export type { BenchmarkPrediction, BenchmarkBacktest, BacktestSummary, DefaultChoice, MethodSelection, SuiteOptions, SuiteProgress } from './predict/predictSuite.js';
export { scoreBounds, boundPrediction, clampToBounds } from './predict/bounds.js';
export type { ScoreBounds } from './predict/bounds.js';
export { dataKind, medianTrials, DATA_KINDS } from './predict/dataKind.js';
export type { DataKind } from './predict/dataKind.js';
export { populationCurvePrediction, crossValidatedBandwidth, MIN_POPULATION } from './predict/populationCurve.js';
export { empiricalLogit } from './predict/empiricalLogit.js';
export { applyPolicy, fitPolicy, crossValidatedDefault, conformalQuantile, intervalScale, policyGroupKeys, POLICY_COMPONENTS } from './predict/policy/defaultPolicy.js';
export type { DefaultPolicy, PolicyInput, PolicyRow, PolicyPrediction, PolicyGroup, PolicyComponent } from './predict/policy/defaultPolicy.js';
export { leastAbsoluteWeights, weightedMedian } from './predict/policy/leastAbsoluteWeights.js';
export { parsePolicy, readPolicyFile } from './predict/policy/policyFile.js';
export { shippedPolicy, shippedPolicyFile, SHIPPED_POLICY } from './predict/policy/shippedPolicy.js';
export { accuracySummary, ladderLengthBucket, ratioBucket } from './predict/accuracySummary.js';
export type { AccuracySummary, ScoredPrediction } from './predict/accuracySummary.js';
export { ladderCases, ladderModelNames, CorpusData, MIN_LADDER } from './predict/corpusCases.js';
export type { CorpusCase, CaseTarget, SkippedCase } from './predict/corpusCases.js';
export { evaluateCase } from './predict/evaluateCase.js';
export type { PredictionRow, MethodResult } from './predict/evaluateCase.js';

// Corpora of real ladders.
export { readCorpusManifest, parseCorpusManifest, manifestError, manifestInputs } from './data/corpusManifest.js';
export type { CorpusManifest, CorpusLadder, CorpusSource } from './data/corpusManifest.js';
export { loadCorpusSource } from './data/corpusSource.js';
export { readColumnTable, combineSubtasks } from './data/columnTable.js';
export { readOlmoLadder, OLMO_TASKS } from './data/olmoLadder.js';
export { readLmEvalResultsFiles } from './data/lmEvalHarness.js';
export { jsonPositions } from './io/jsonPositions.js';

// Errors every layer throws for what a user can fix.
export { UserError, UsageError, OutputError, isUserError, fileSystemReason } from './core/userError.js';
export type { UserErrorKind } from './core/userError.js';
export { checkOutputs, writeFilesAtomically } from './io/outputFiles.js';
export type { OutputFile, OutputGuard } from './io/outputFiles.js';
export { csvCell } from './io/csvCell.js';
export { compareText } from './io/textOrder.js';
export { locationText } from './io/inputError.js';

// Jobs: one per command, each taking a typed request and returning a typed result.
export { evaluateCorpus, CorpusError, shippedCorpusFile } from './app/evaluate.js';
export type { EvaluateRequest, EvaluationResult, EvaluatedRow, MethodAccuracy, BreakdownGroup, PairedComparison } from './app/evaluate.js';
export { evaluateJob, predictionsCsv } from './app/evaluateJob.js';
export type { EvaluateJobRequest } from './app/evaluateJob.js';
export { setupLadder, placeTarget, codOptions, policyOf } from './app/ladderSetup.js';
export type { LadderRequest, CodRequest, MethodsRequest, LadderSetup, TargetRequest, PlacedTarget } from './app/ladderSetup.js';
export { predictJob, backtestJob, clusterJob } from './app/predict.js';
export type { PredictRequest, PredictResult, PredictionTableRow, BacktestRequest, BacktestResult, ClusterRequest, BenchmarkClusters } from './app/predict.js';
export { inspectJob, onlyFamily } from './app/inspect.js';
export type { InspectRequest } from './app/inspect.js';
export { fitJob, compareJob, loadFitPoints, fitOptionsOf, predictionPoints } from './app/fit.js';
export type { FitRequest, FitSettings, PointsRequest, FitJobResult, CompareRequest } from './app/fit.js';
export { densityJob, densityOf, resolveReference, chanceFloors, densityTableOrder } from './app/density.js';
export { DENSITY_DEFAULTS, EMBEDDED_DENSITY_REFERENCE } from './app/densityDefaults.js';
export { embeddedDensityTable } from './app/density.js';
export { monitorJob } from './app/monitor.js';
export type { MonitorRequest } from './app/monitor.js';
export type { DensityRequest, DensityResult, DensityReference } from './app/density.js';
export { simulateJob, simulationConfig, MAX_ITEMS } from './app/simulate.js';
export type { SimulateRequest, SimulateResult } from './app/simulate.js';
export { plotPredictionJob, plotBacktestJob, plotDensityJob, plotChinchillaJob, chinchillaFit, predictionRun, reportJob } from './app/plot.js';
export type { ChartOutput, PlotResult, PredictionChartKind, ChinchillaRequest, ReportRequest } from './app/plot.js';
export { chartFiles, reportScripts } from './app/chartFiles.js';
export type { ChartFormat } from './app/chartFiles.js';
export { predictionSections, densitySections, chinchillaSections } from './app/reportSections.js';
export { mainJob, publicTableDensity, DENSITY_REFERENCE } from './app/main.js';
export type { MainRequest, MainResult } from './app/main.js';
export { benchmarkData } from './data/benchmarkData.js';
export { fitSubsetToFullMap, applySubsetToFullMap } from './predict/mapping/subsetToFullMap.js';

// Capacity density and the densing law.
export { fitReferenceCurve } from './density/referenceCurve.js';
export { effectiveParams } from './density/effectiveParams.js';
export { capacityDensity } from './density/capacityDensity.js';
export { fitDensingLaw, envelope, daysSince, addDays, DAYS_PER_MONTH } from './density/densingLaw.js';
export { densityAnalysis, AVERAGE } from './density/densityAnalysis.js';
export type { DensityAnalysisResult, DensityBenchmarkInput } from './density/densityAnalysis.js';
export type { ModelDensity } from './density/capacityDensity.js';
export { simulateDensityPopulation } from './density/simulateDensity.js';
export { DensityInputError } from './density/densityError.js';
export { OPEN_LLM_LEADERBOARD_V1_CHANCE } from './density/chanceLevels.js';

// Runs in progress.
export { monitorRun } from './monitor/monitorRun.js';
export type { MonitorOptions, MonitorResult, BenchmarkMonitor, PathPoint } from './monitor/monitorRun.js';
export { readCheckpoints, checkCheckpoints } from './monitor/readCheckpoints.js';
export type { CheckpointRow, ReadCheckpointsOptions } from './monitor/readCheckpoints.js';
export { forecastRun, FORECASTERS, HORIZON_SD } from './monitor/forecastRun.js';
export type { Forecast, ForecasterId, RunForecast } from './monitor/forecastRun.js';
export { scoreAt, cutCurve } from './monitor/checkpointCurve.js';
export type { CheckpointCurve, CheckpointPoint } from './monitor/checkpointCurve.js';
export { fitSaturatingCurve } from './monitor/saturatingCurve.js';
export type { SaturatingCurve } from './monitor/saturatingCurve.js';
export { ladderGainForecast, nearestLadderRun } from './monitor/ladderGain.js';
export type { GainForecast } from './monitor/ladderGain.js';
export { ladderShapeForecast, WARMUP_FRACTION } from './monitor/ladderShape.js';
export type { ShapeFit, ShapeForecast } from './monitor/ladderShape.js';
export { lossToScoreForecast } from './monitor/lossToScore.js';
export type { LossToScoreForecast } from './monitor/lossToScore.js';
export { checkpointAlarms, CHECKED_FROM } from './monitor/checkpointAlarms.js';
export type { CheckpointCheck } from './monitor/checkpointAlarms.js';
export { paramsFromName } from './data/paramsFromName.js';

// Charts.
export { scalingCurveChart, scalingCurveInput, curvePositions } from './charts/scalingCurveChart.js';
export { clusterChart } from './charts/clusterChart.js';
export { mappingChart } from './charts/mappingChart.js';
export { backtestChart, backtestInput } from './charts/backtestChart.js';
export { evaluationChart } from './charts/evaluationChart.js';
export { densityChart } from './charts/densityChart.js';
export { chinchillaChart, computeOptimal } from './charts/chinchillaChart.js';
export { predictionCharts } from './charts/chartSet.js';
export type { NamedChart, PredictionRun } from './charts/chartSet.js';
export { renderSvg, svgToPng, compileChart, findChartFonts, ChartFontError } from './charts/renderChart.js';
export { reportHtml } from './charts/reportHtml.js';
export { simulateChinchillaRuns, EPOCH_CHINCHILLA_FIT } from './fit/simulateChinchillaRuns.js';
