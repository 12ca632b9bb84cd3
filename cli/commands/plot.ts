/**
 * `scalecast plot <kind>`: one kind of chart as Vega-Lite spec JSON, SVG and PNG files, and
 * `scalecast report`: everything as one offline HTML page.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { chinchillaChart, type ChinchillaParams } from '../../src/charts/chinchillaChart.js';
import { densityChart } from '../../src/charts/densityChart.js';
import { backtestChart, backtestInput } from '../../src/charts/backtestChart.js';
import { predictionCharts, type NamedChart, type PredictionRun } from '../../src/charts/chartSet.js';
import { reportHtml } from '../../src/charts/reportHtml.js';
import { curvePositions } from '../../src/charts/scalingCurveChart.js';
import { parseRowFilter, readPoints } from '../../src/data/readPoints.js';
import { fitLaw } from '../../src/fit/fitLaw.js';
import { chinchilla } from '../../src/fit/laws/index.js';
import { backtestSuite, predictSuite } from '../../src/predict/predictSuite.js';
import { chartFiles, parseFormats, reportScripts } from '../output/chartFiles.js';
import { UsageError } from '../output/failure.js';
import { progressReporter, writeFilesAtomically, type CliIO } from '../output/io.js';
import { densitySections, predictionSections } from '../output/reportSections.js';
import { addDensityOptions, DENSITY_DEFAULTS, densityRun, type DensityFlags } from './density.js';
import { addInputOptions, intFlag } from './inputOptions.js';
import { addPipelineOptions, codOptions, parseSelection, policyOption, setup, targetPosition, type PredictFlags } from './predict.js';

interface OutFlags {
  out?: string;
  format: string;
}

function addOutOptions(cmd: Command): Command {
  return cmd.requiredOption('-o, --out <dir>', 'folder to write the charts to (created if missing)').option('--format <list>', 'svg, png and/or json (the Vega-Lite spec), comma-separated', 'svg,png,json');
}

/** `--out` must be a folder (existing or not), checked before any work is done. */
function checkOutDir(out: string | undefined): void {
  if (out !== undefined && existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file; plot writes several files into a folder`);
}

async function writeCharts(charts: NamedChart[], flags: OutFlags, io: CliIO): Promise<void> {
  if (charts.length === 0) throw new UsageError('nothing to draw for these inputs');
  const formats = parseFormats(flags.format);
  const tick = progressReporter(io, 'rendering charts');
  const files = [];
  for (let i = 0; i < charts.length; i++) {
    files.push(...(await chartFiles([charts[i]!], formats)));
    tick(i + 1, charts.length);
  }
  const dir = resolve(flags.out!);
  writeFilesAtomically(dir, files);
  io.stdout(`${files.map((f) => `${dir}/${f.name}`).join('\n')}\n`);
}

/** Predicts with the pipeline flags, with COD's curve at the chart's positions. */
function predictionRun(flags: PredictFlags, io: CliIO, withBacktest: boolean): PredictionRun {
  const s = setup(flags, io, flags.target ? [flags.target] : []);
  const target = targetPosition(flags, s);
  const cod = {
    ...codOptions(flags, s, true),
    curveAt: curvePositions(
      s.ladder.map((l) => l.x),
      target.x,
    ),
  };
  const policy = policyOption(flags);
  const predictions = predictSuite(s.benchmarks, s.ladder, target, { methods: parseSelection(flags), cod, ...(policy ? { policy } : {}) });
  let backtests: ReturnType<typeof backtestSuite> = [];
  if (withBacktest) {
    // A ladder too short to hide k models and keep 3 gets no backtest (the report says so).
    const k = intFlag(flags.holdout, '--holdout', 1, 1000);
    if (s.ladder.length - k >= 3) backtests = backtestSuite(s.benchmarks, s.ladder, k, { methods: 'auto', cod: codOptions(flags, s, false), ...(policy ? { policy } : {}) });
  }
  return { benchmarks: s.benchmarks, ladder: s.ladder, axis: s.axis, target, predictions, backtests };
}

interface ChinchillaFlags extends OutFlags {
  data?: string;
  x: string;
  y: string;
  where?: string[];
  loss: string;
}

function chinchillaFit(flags: ChinchillaFlags): { fit: ReturnType<typeof fitLaw>; points: { N: number; D: number; loss: number }[] } {
  if (flags.data === undefined) throw new UsageError('give the runs: --data FILE with columns for N, D and the loss (see --x, --y)');
  const xs = flags.x.split(',').map((c) => c.trim());
  if (xs.length !== 2) throw new UsageError(`--x takes the parameters and tokens columns, e.g. params,tokens, not "${flags.x}"`);
  if (flags.loss !== 'squared' && flags.loss !== 'huber') throw new UsageError(`--loss must be squared or huber, not "${flags.loss}"`);
  const filters = (flags.where ?? []).map((w) => {
    const f = parseRowFilter(w);
    if (f === undefined) throw new UsageError(`--where takes column<op>number, e.g. "loss<4.9", not "${w}"`);
    return f;
  });
  const table = readPoints(flags.data, xs, flags.y, filters);
  const data = { x: table.x, y: table.y };
  const fit = fitLaw(chinchilla, data, { loss: flags.loss });
  const points = Array.from(table.y, (loss, i) => ({ N: table.x[0]![i]!, D: table.x[1]![i]!, loss }));
  return { fit, points };
}

/** Registers `plot` and `report`. */
export function registerPlot(program: Command, io: CliIO): void {
  const plot = program
    .command('plot')
    .description('draw one kind of chart to spec JSON, SVG and PNG files')
    .addHelpText('after', '\nKinds: scaling, clusters, mapping, backtest, density, chinchilla (each has its own --help).');

  for (const kind of ['scaling', 'clusters', 'mapping'] as const) {
    const what = { scaling: 'the scaling curve of each benchmark', clusters: 'COD\'s clusters of each benchmark', mapping: 'COD\'s subset→full map of each benchmark' }[kind];
    addOutOptions(addPipelineOptions(plot.command(kind).description(`draw ${what}`), true))
      .addHelpText('after', `\nExample:\n  $ scalecast plot ${kind} -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --target sim-70B --out figs`)
      .action(async (flags: PredictFlags & OutFlags) => {
        checkOutDir(flags.out);
        const run = predictionRun(flags, io, false);
        const charts = predictionCharts(run).filter((c) => c.name.startsWith(`${kind}-`));
        if (charts.length === 0 && kind !== 'scaling') throw new UsageError(`no ${kind} chart: COD did not run on any benchmark (it needs per-item scores, 5 ladder models and --method cod, all or auto)`);
        await writeCharts(charts, flags, io);
      });
  }

  addOutOptions(addPipelineOptions(plot.command('backtest').description('draw the backtest: errors per benchmark and method'), false))
    .option('-k, --holdout <k>', 'how many of the largest ladder models to hide', '1')
    .addHelpText('after', '\nExample:\n  $ scalecast plot backtest -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --holdout 2 --out figs')
    .action(async (flags: PredictFlags & OutFlags) => {
      checkOutDir(flags.out);
      const s = setup(flags, io, []);
      const k = intFlag(flags.holdout, '--holdout', 1, 1000);
      if (s.ladder.length - k < 3) throw new UsageError(`the ladder has ${s.ladder.length} models: hiding ${k} leaves fewer than 3 to fit on`);
      const results = backtestSuite(s.benchmarks, s.ladder, k, { methods: 'auto', cod: codOptions(flags, s, false) });
      const input = backtestInput(results);
      if (input.rows.length === 0) throw new UsageError(`no method could predict the hidden models on any benchmark (${input.missing.join('; ')})`);
      await writeCharts([{ name: 'backtest', title: 'Backtest', spec: backtestChart(input) }], flags, io);
    });

  addOutOptions(addDensityOptions(addInputOptions(plot.command('density').description('draw capacity density over release date with the densing-law fit'))))
    .addHelpText('after', '\nExample:\n  $ scalecast plot density -s datasets/public/density.scores.csv -m datasets/public/density.models.csv --reference Qwen1.5 --out figs')
    .action(async (flags: DensityFlags & OutFlags) => {
      checkOutDir(flags.out);
      const { result, reference } = densityRun(flags, io);
      await writeCharts([{ name: 'density', title: 'Capacity density', spec: densityChart(result, reference.name) }], flags, io);
    });

  addOutOptions(plot.command('chinchilla').description('fit L(N, D) = E + A/N^α + B/D^β to training runs and draw iso-loss contours and the compute-optimal frontier'))
    .option('-d, --data <file>', 'table of runs (.csv, .tsv, .jsonl)')
    .option('-x, --x <columns>', 'the parameters and tokens columns', 'params,tokens')
    .option('-y, --y <column>', 'the loss column', 'loss')
    .option('--where <filters...>', 'keep only rows matching, e.g. "loss<4.9"')
    .option('--loss <kind>', 'squared or huber', 'squared')
    .addHelpText('after', '\nExample:\n  $ scalecast plot chinchilla --data runs.csv -x N,D -y loss --out figs')
    .action(async (flags: ChinchillaFlags) => {
      checkOutDir(flags.out);
      const { fit, points } = chinchillaFit(flags);
      const zero = fit.names.filter((_, j) => !(fit.values[j]! > 0));
      if (zero.length > 0) {
        throw new UsageError(`the fit puts ${zero.join(' and ')} at 0: in these runs the loss does not depend on ${zero.some((n) => n === 'A' || n === 'alpha') ? 'N' : 'D'} as the Chinchilla law needs, so there are no contours or frontier to draw`);
      }
      await writeCharts([{ name: 'chinchilla', title: 'Chinchilla fit', spec: chinchillaChart({ params: fit.params as unknown as ChinchillaParams, points }) }], flags, io);
    });

  addPipelineOptions(program.command('report').description('predictions, backtest, charts and (with --reference) capacity density as one offline HTML page'), true)
    .requiredOption('-o, --out <file>', 'the HTML file to write')
    .option('-k, --holdout <k>', 'how many of the largest ladder models the backtest hides', '2')
    .option('-r, --reference <spec>', 'also compute capacity density against this reference (the models table needs release dates)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ scalecast report -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --target sim-70B --out report.html\n  $ scalecast report -s scores.csv -m models.csv --family ours --target ours-70B --reference ours --out report.html',
    )
    .action(async (flags: PredictFlags & { out: string; reference?: string }) => {
      if (flags.out.endsWith('/') || (existsSync(flags.out) && statSync(flags.out).isDirectory())) throw new UsageError(`--out ${flags.out} is a folder; give the HTML file to write, e.g. ${flags.out.replace(/\/$/, '')}/report.html`);
      const run = predictionRun(flags, io, true);
      const prediction = predictionSections(run);
      const sections = [...prediction.sections];
      if (run.backtests === undefined || run.backtests.length === 0) {
        sections[0]!.text = [...(sections[0]!.text ?? []), `No backtest: the ladder has ${run.ladder.length} models, and hiding ${flags.holdout} would leave fewer than 3 to fit on (--holdout).`];
      }
      if (flags.reference !== undefined) {
        // The same inputs, the density options at their defaults (the seed is the report's).
        const densityFlags: DensityFlags = { ...flags, ...DENSITY_DEFAULTS, seed: flags.seed, reference: flags.reference };
        const { result, reference } = densityRun(densityFlags, io);
        sections.push(...densitySections(result, reference.name).sections);
      }
      const html = reportHtml(
        {
          title: `scalecast report: ${run.target.name}`,
          inputs: [
            ['scores', (flags.scores ?? []).join(', ')],
            ['models', (flags.models ?? []).join(', ')],
            ['ladder', run.ladder.map((l) => l.model).join(', ')],
            ['target', `${run.target.name} (${run.target.x.toExponential(2)} on the ${run.axis} axis)`],
            ['benchmarks', run.benchmarks.map((b) => b.benchmark).join(', ')],
          ],
          sections,
        },
        reportScripts(),
      );
      const path = resolve(flags.out);
      writeFilesAtomically(resolve(path, '..'), [{ name: path.split('/').pop()!, content: html }]);
      io.stdout(`${path}\n`);
    });
}
