/**
 * The `plot` jobs (one kind of chart to spec JSON, SVG and PNG files) and the `report` job (the
 * predictions, backtest, charts and optionally capacity density as one offline HTML page). Every
 * output is checked before any work (no special file systems, never over an input) and written
 * whole or not at all.
 */
import { monitorResult, type MonitorRequest } from './monitor.js';
import { existsSync, statSync } from 'node:fs';
import { extname, resolve, basename, dirname } from 'node:path';
import { backtestChart, backtestInput } from '../charts/backtestChart.js';
import { predictionCharts, type NamedChart, type PredictionRun } from '../charts/chartSet.js';
import { chinchillaChart, type ChinchillaParams } from '../charts/chinchillaChart.js';
import { densityChart, emptyDensityChart } from '../charts/densityChart.js';
import { DensityInputError } from '../density/densityError.js';
import { reportHtml } from '../charts/reportHtml.js';
import { curvePositions } from '../charts/scalingCurveChart.js';
import { UsageError, OutputError } from '../core/userError.js';
import type { LoadDatasetOptions } from '../data/loadDataset.js';
import { fitLaw, type FitResult } from '../fit/fitLaw.js';
import { chinchilla } from '../fit/laws/index.js';
import { checkOutputs, writeFilesAtomically } from '../io/outputFiles.js';
import { backtestSuite } from '../predict/predictSuite.js';
import { chartFiles, reportScripts, type ChartFormat } from './chartFiles.js';
import { loadFitPoints } from './fit.js';
import { densityJob, DENSITY_DEFAULTS, type DensityRequest } from './density.js';
import { codOptions, policyOf } from './ladderSetup.js';
import { backtestJob, predictJob, type BacktestRequest, type PredictRequest } from './predict.js';
import { densitySections, monitorSections, predictionSections } from './reportSections.js';

/** Where and how charts are written. */
export interface ChartOutput {
  /** The folder to write into (created if missing). */
  out: string;
  /** @default ['svg', 'png', 'json'] */
  formats?: readonly ChartFormat[];
  /** Progress of the rendering (charts done, charts in all). */
  onProgress?: (done: number, total: number) => void;
}

/** What a plot job wrote. */
export interface PlotResult {
  files: string[];
  warnings: string[];
}

/** The input paths of a request: what no output may overwrite. */
function inputPaths(input: LoadDatasetOptions | undefined, extra: readonly (string | undefined)[] = []): string[] {
  return [...(input?.scores ?? []), ...(input?.models ?? []), ...extra.filter((p): p is string => p !== undefined)];
}

async function writeCharts(charts: readonly NamedChart[], output: ChartOutput, inputs: readonly string[]): Promise<string[]> {
  if (charts.length === 0) throw new UsageError('nothing to draw for these inputs');
  const formats = output.formats ?? ['svg', 'png', 'json'];
  const files = [];
  for (let i = 0; i < charts.length; i++) {
    files.push(...(await chartFiles([charts[i]!], formats)));
    output.onProgress?.(i + 1, charts.length);
  }
  const dir = resolve(output.out);
  checkOutputs(dir, files, { inputs });
  writeFilesAtomically(dir, files);
  return files.map((f) => resolve(dir, f.name));
}

/** The predictions of a request, with COD's curve at the chart's positions and, when asked, a backtest. */
export function predictionRun(request: PredictRequest, holdout: number | null): PredictionRun & { warnings: string[] } {
  const p = predictJob({ ...request, curveAt: (ladder, x) => curvePositions(ladder.map((l) => l.x), x) });
  const policy = policyOf(request);
  let backtests: ReturnType<typeof backtestSuite> = [];
  const warnings = [...p.warnings];
  if (holdout !== null) {
    if (p.ladder.length - holdout >= 3) backtests = backtestSuite(p.benchmarks, p.ladder, holdout, { methods: 'auto', cod: codOptions(request.cod, p.anchors, false), ...(policy ? { policy } : {}) });
    else warnings.push(`No backtest: the ladder has ${p.ladder.length} models, and hiding ${holdout} would leave fewer than 3 to fit on (--holdout).`);
  }
  return { benchmarks: p.benchmarks, ladder: p.ladder, axis: p.axis, target: p.target, predictions: p.results, backtests, warnings };
}

/** Kinds of chart drawn from a prediction. */
export type PredictionChartKind = 'scaling' | 'clusters' | 'mapping';

/** Draws one kind of prediction chart per benchmark. */
export async function plotPredictionJob(request: PredictRequest & { kind: PredictionChartKind; output: ChartOutput }): Promise<PlotResult> {
  const inputs = inputPaths(request.input, [typeof request.policy === 'string' ? request.policy : undefined]);
  checkOutputs(request.output.out, [], { inputs });
  const run = predictionRun(request, null);
  const charts = predictionCharts(run).filter((c) => c.name.startsWith(`${request.kind}-`));
  if (charts.length === 0 && request.kind !== 'scaling') {
    throw new UsageError(`no ${request.kind} chart: COD did not run on any benchmark (it needs per-item scores, 5 ladder models and --method cod, all or auto)`);
  }
  return { files: await writeCharts(charts, request.output, inputs), warnings: run.warnings };
}

/** Draws the backtest: errors per benchmark and method. */
export async function plotBacktestJob(request: BacktestRequest & { output: ChartOutput }): Promise<PlotResult> {
  const inputs = inputPaths(request.input, [typeof request.policy === 'string' ? request.policy : undefined]);
  checkOutputs(request.output.out, [], { inputs });
  const results = backtestJob(request).benchmarks;
  const input = backtestInput(results);
  if (input.rows.length === 0) throw new UsageError(`no method could predict the hidden models on any benchmark (${input.missing.join('; ')})`);
  return { files: await writeCharts([{ name: 'backtest', title: 'Backtest', spec: backtestChart(input) }], request.output, inputs), warnings: [] };
}

/** Draws capacity density over release date with the densing-law fit. */
export async function plotDensityJob(request: DensityRequest & { output: ChartOutput }): Promise<PlotResult> {
  const inputs = inputPaths(request.input);
  checkOutputs(request.output.out, [], { inputs });
  const { result, reference } = densityJob(request);
  const empty = emptyDensityChart(result);
  if (empty !== undefined) throw new DensityInputError('no-dates', `nothing to draw: ${empty} (the models table needs release dates for the models to compare)`);
  return { files: await writeCharts([{ name: 'density', title: 'Capacity density', spec: densityChart(result, reference.name) }], request.output, inputs), warnings: result.warnings };
}

/** Training runs for a Chinchilla fit. */
export interface ChinchillaRequest {
  /** Table of runs (.csv, .tsv, .jsonl). */
  data: string;
  /** The parameters column, then the tokens (or, with tokensFromCompute, the compute) column. */
  x: readonly [string, string];
  /** The loss column. */
  y: string;
  /** Row filters, e.g. "loss<4.9". */
  where?: readonly string[];
  /** @default 'squared' */
  loss?: 'squared' | 'huber';
  /** The second column is training FLOPs C: tokens are D = C / (6·N). */
  tokensFromCompute?: boolean;
}

/** Tokens per parameter above which a "tokens" column is surely compute. */
const IMPLAUSIBLE_TOKENS_PER_PARAM = 1e5;

/**
 * Reads the runs and fits L(N, D) = E + A/N^α + B/D^β.
 *
 * @throws UsageError when the second column looks like compute without tokensFromCompute
 */
export function chinchillaFit(request: ChinchillaRequest): { fit: FitResult; points: { N: number; D: number; loss: number }[] } {
  const { data } = loadFitPoints({ data: request.data, x: request.x, y: request.y, where: request.where ?? [], tokensFromCompute: request.tokensFromCompute === true }, chinchilla);
  const [N, D] = [data.x[0]!, data.x[1]!];
  const huge = Array.from(N).findIndex((n, i) => !Number.isFinite(10 * n) || !Number.isFinite(6 * n * D[i]!));
  if (huge >= 0) throw new UsageError(`run ${huge + 1} of ${request.data} has N = ${N[huge]} and D = ${D[huge]}: their compute 6·N·D is too large for a number; check the units of ${request.x.join(' and ')}`);
  if (!request.tokensFromCompute && D.length > 0) {
    const ratios = Array.from(D, (d, i) => d / N[i]!).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    if (median > IMPLAUSIBLE_TOKENS_PER_PARAM) {
      throw new UsageError(`the column ${request.x[1]} gives ${median.toExponential(1)} tokens per parameter (median): it looks like training compute, not tokens; pass --tokens-from-compute to use D = C / (6·N)`);
    }
  }
  const fit = fitLaw(chinchilla, data, { loss: request.loss ?? 'squared' });
  const points = Array.from(data.y, (loss, i) => ({ N: N[i]!, D: D[i]!, loss }));
  return { fit, points };
}

/** Fits the Chinchilla law to runs and draws iso-loss contours and the compute-optimal frontier. */
export async function plotChinchillaJob(request: ChinchillaRequest & { output: ChartOutput }): Promise<PlotResult> {
  const inputs = [request.data];
  checkOutputs(request.output.out, [], { inputs });
  const { fit, points } = chinchillaFit(request);
  const zero = fit.names.filter((_, j) => !(fit.values[j]! > 0));
  if (zero.length > 0) {
    throw new UsageError(`the fit puts ${zero.join(' and ')} at 0: in these runs the loss does not depend on ${zero.some((n) => n === 'A' || n === 'alpha') ? 'N' : 'D'} as the Chinchilla law needs, so there are no contours or frontier to draw`);
  }
  const spec = chinchillaChart({ params: fit.params as unknown as ChinchillaParams, points });
  return { files: await writeCharts([{ name: 'chinchilla', title: 'Chinchilla fit', spec }], request.output, inputs), warnings: fit.warnings.map((w) => w.message) };
}

/** What `report` is asked. */
export interface ReportRequest extends PredictRequest {
  /** The HTML file to write. */
  out: string;
  /** Ladder models the backtest hides. @default 2 */
  holdout?: number;
  /** Also capacity density against this reference (a family, a file of names, or m1,m2,m3). */
  reference?: string;
  /** Also a run in progress from its checkpoints (what `monitor` is asked). */
  monitor?: MonitorRequest;
  force?: boolean;
}

/** Predictions, backtest, charts and (with a reference) capacity density as one offline HTML page. */
export async function reportJob(request: ReportRequest): Promise<{ file: string; warnings: string[] }> {
  const path = resolve(request.out);
  if (request.out.endsWith('/') || (existsSync(path) && statSync(path).isDirectory())) {
    throw new UsageError(`--out ${request.out} is a folder; give the HTML file to write, e.g. ${request.out.replace(/\/$/, '')}/report.html`);
  }
  const inputs = inputPaths(request.input, [typeof request.policy === 'string' ? request.policy : undefined, request.monitor?.scores, request.monitor?.models]);
  checkOutputs(dirname(path), [{ name: basename(path) }], { inputs });
  const ext = extname(path).toLowerCase();
  if (ext !== '.html' && ext !== '.htm') throw new OutputError(request.out, 'the report is an HTML page: give a file name ending in .html');
  const holdout = request.holdout ?? 2;
  const run = predictionRun(request, holdout);
  const prediction = predictionSections(run);
  const sections = [...prediction.sections];
  if (run.warnings.length > 0) sections[0]!.text = [...(sections[0]!.text ?? []), ...run.warnings];
  const warnings = [...run.warnings];
  if (request.reference !== undefined) {
    const { result, reference } = densityJob({
      input: request.input,
      reference: request.reference,
      ...DENSITY_DEFAULTS,
      ...(request.benchmarks === undefined ? {} : { benchmarks: request.benchmarks }),
      ...(request.guess === undefined ? {} : { guess: request.guess }),
      seed: request.cod?.seed ?? DENSITY_DEFAULTS.seed,
    });
    sections.push(...densitySections(result, reference.name).sections);
    warnings.push(...result.warnings);
  }
  if (request.monitor !== undefined) {
    const m = monitorResult(request.monitor);
    sections.push(...monitorSections(m).sections);
    warnings.push(...m.warnings);
  }
  const html = reportHtml(
    {
      title: `scalecast report: ${run.target.name}`,
      inputs: [
        ['scores', (request.input.scores ?? []).join(', ')],
        ['models', (request.input.models ?? []).join(', ')],
        ['ladder', run.ladder.map((l) => l.model).join(', ')],
        ['target', `${run.target.name} (${run.target.x.toExponential(2)} on the ${run.axis} axis)`],
        ['benchmarks', run.benchmarks.map((b) => b.benchmark).join(', ')],
      ],
      sections,
    },
    reportScripts(),
  );
  writeFilesAtomically(dirname(path), [{ name: basename(path), content: html }]);
  return { file: path, warnings };
}
