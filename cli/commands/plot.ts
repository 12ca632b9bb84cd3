/**
 * `scalecast plot <kind>` and `scalecast report`: flags → request → job (src/app/plot.ts) → the
 * files written.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { ChartFormat } from '../../src/app/chartFiles.js';
import type { ChartOutput } from '../../src/app/plot.js';
import { addDensityOptions, densityRequest, type DensityFlags } from '../densityOptions.js';
import { addInputOptions } from '../inputOptions.js';
import { collect, oneOf, positiveQuantity, wholeNumber } from '../options.js';
import { UsageError } from '../output/failure.js';
import { progressReporter, type CliIO } from '../output/io.js';
import { addPipelineOptions, ladderRequest, targetRequest, type PipelineFlags } from '../pipelineOptions.js';

interface OutFlags {
  out: string;
  format: ChartFormat[];
  force?: boolean;
}

/** Parses `--format svg,png,json`. */
function formats(text: string): ChartFormat[] {
  const parts = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => p !== 'svg' && p !== 'png' && p !== 'json')) throw new InvalidArgumentError('takes svg, png and json, comma-separated');
  return [...new Set(parts)] as ChartFormat[];
}

function addOutOptions(cmd: Command): Command {
  return cmd
    .requiredOption('-o, --out <dir>', 'folder to write the charts to (created if missing)')
    .option('--format <list>', 'svg, png and/or json (the Vega-Lite spec), comma-separated', formats, ['svg', 'png', 'json'] as ChartFormat[]);
}

function output(flags: OutFlags, io: CliIO): ChartOutput {
  return { out: flags.out, formats: flags.format, onProgress: progressReporter(io, 'rendering charts') };
}

function printed(io: CliIO, r: { files: string[]; warnings: string[] }): void {
  io.stdout(`${r.files.join('\n')}\n`);
  for (const w of r.warnings) io.stderr(`scalecast: warning: ${w}\n`);
}

/** Registers `plot` and `report`. */
export function registerPlot(program: Command, io: CliIO): void {
  const plot = program
    .command('plot')
    .description('draw one kind of chart to spec JSON, SVG and PNG files')
    .addHelpText('after', '\nKinds: scaling, clusters, mapping, backtest, density, chinchilla (each has its own --help).');

  for (const kind of ['scaling', 'clusters', 'mapping'] as const) {
    const what = { scaling: 'the scaling curve of each benchmark', clusters: 'COD\'s clusters of each benchmark', mapping: 'COD\'s subset→full map of each benchmark' }[kind];
    addOutOptions(addPipelineOptions(plot.command(kind).description(`draw ${what}`), { target: true, methods: true, interval: kind === 'scaling', json: false }))
      .addHelpText('after', `\nExample:\n  $ scalecast plot ${kind} -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --target sim-70B --out figs`)
      .action(async (flags: PipelineFlags & OutFlags, cmd: Command) => {
        const { plotPredictionJob } = await import('../../src/app/plot.js');
        printed(io, await plotPredictionJob({ ...ladderRequest(flags, io, cmd), target: targetRequest(flags), kind, output: output(flags, io) }));
      });
  }

  addOutOptions(addPipelineOptions(plot.command('backtest').description('draw the backtest: errors per benchmark and method'), { methods: true, json: false }))
    .option('-k, --holdout <k>', 'how many of the largest ladder models to hide', wholeNumber(1, 1000), 1)
    .addHelpText('after', '\nExample:\n  $ scalecast plot backtest -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --holdout 2 --out figs')
    .action(async (flags: PipelineFlags & OutFlags, cmd: Command) => {
      const { plotBacktestJob } = await import('../../src/app/plot.js');
      printed(io, await plotBacktestJob({ ...ladderRequest(flags, io, cmd), holdout: flags.holdout ?? 1, output: output(flags, io) }));
    });

  addOutOptions(addDensityOptions(addInputOptions(plot.command('density').description('draw capacity density over release date with the densing-law fit'))))
    .addHelpText('after', '\nExample:\n  $ scalecast plot density -s datasets/public/density.scores.csv -m datasets/public/density.models.csv --reference Qwen1.5 --out figs')
    .action(async (flags: DensityFlags & OutFlags) => {
      const { plotDensityJob } = await import('../../src/app/plot.js');
      printed(io, await plotDensityJob({ ...densityRequest(flags, io), output: output(flags, io) }));
    });

  addOutOptions(plot.command('chinchilla').description('fit L(N, D) = E + A/N^α + B/D^β to training runs and draw iso-loss contours and the compute-optimal frontier'))
    .requiredOption('-d, --data <file>', 'table of runs (.csv, .tsv, .jsonl)')
    .option('-x, --x <columns>', 'the parameters and tokens columns (or compute, with --tokens-from-compute)', 'params,tokens')
    .option('-y, --y <column>', 'the loss column', 'loss')
    .option('--where <filters...>', 'keep only rows matching, e.g. "loss<4.9"')
    .option('--tokens-from-compute', 'the second x column is training FLOPs C: use tokens D = C / (6·N)')
    .option('--loss <kind>', 'squared or huber', oneOf(['squared', 'huber'] as const), 'squared')
    .addHelpText(
      'after',
      '\nExample:\n  $ scalecast plot chinchilla --data ../shared/datasets/raw/epoch-chinchilla/svg_extracted_data.csv -x "Model Size,Training FLOP" --tokens-from-compute -y loss --where "loss<3.44" --loss huber --out figs',
    )
    .action(async (flags: OutFlags & { data: string; x: string; y: string; where?: string[]; loss: 'squared' | 'huber'; tokensFromCompute?: boolean }) => {
      const xs = flags.x.split(',').map((c) => c.trim());
      if (xs.length !== 2 || xs.some((c) => c === '')) throw new UsageError(`--x takes the parameters and tokens columns, e.g. params,tokens, not "${flags.x}"`);
      const { plotChinchillaJob } = await import('../../src/app/plot.js');
      printed(io, await plotChinchillaJob({ data: flags.data, x: [xs[0]!, xs[1]!], y: flags.y, where: flags.where ?? [], loss: flags.loss, tokensFromCompute: flags.tokensFromCompute === true, output: output(flags, io) }));
    });

  addPipelineOptions(program.command('report').description('predictions, backtest, charts and (with --reference) capacity density as one offline HTML page'), { target: true, methods: true, interval: true, json: false })
    .requiredOption('-o, --out <file>', 'the HTML file to write')
    .option('-k, --holdout <k>', 'how many of the largest ladder models the backtest hides', wholeNumber(1, 1000), 2)
    .option('-r, --reference <spec>', 'also compute capacity density against this reference (the models table needs release dates)')
    .option('--monitor <file>', 'also a run in progress: its checkpoint table (as scalecast monitor reads it), with --run and --until-step or --until-tokens')
    .option('--run <name>', 'the run in progress of --monitor')
    .option('--until-step <n>', 'its planned end in steps', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .option('--until-tokens <n>', 'or in tokens, e.g. 300B', positiveQuantity)
    .option('--monitor-where <filter>', 'keep only rows of the --monitor table matching, e.g. num_fewshot=0 (repeatable)', collect)
    .addHelpText(
      'after',
      '\nExamples:\n  $ scalecast report -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --target sim-70B --out report.html\n  $ scalecast report -s datasets/public/density.scores.csv -m datasets/public/density.models.csv --family Qwen1.5 --target Qwen1.5-110B --axis params --reference Qwen1.5 --out report.html\n  $ scalecast report -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --target sim-70B --monitor test/fixtures/checkpoints/pythia-zero-shot.csv --run pythia-2.8b --until-step 143000 --out report.html',
    )
    .action(async (flags: PipelineFlags & { out: string; reference?: string; monitor?: string; run?: string; untilStep?: number; untilTokens?: number; monitorWhere?: string[] }, cmd: Command) => {
      const { reportJob } = await import('../../src/app/plot.js');
      const monitorOnly = (['run', 'untilStep', 'untilTokens', 'monitorWhere'] as const).filter((k) => flags[k] !== undefined);
      if (flags.monitor === undefined && monitorOnly.length > 0) throw new UsageError(`--${monitorOnly[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} belongs to --monitor (a run in progress); add --monitor FILE`);
      if (flags.monitor !== undefined && flags.run === undefined) throw new UsageError('--monitor needs --run NAME: the run in progress');
      const monitor =
        flags.monitor === undefined
          ? {}
          : { monitor: { scores: flags.monitor, run: flags.run!, ...(flags.untilStep === undefined ? {} : { untilStep: flags.untilStep }), ...(flags.untilTokens === undefined ? {} : { untilTokens: flags.untilTokens }), ...(flags.monitorWhere === undefined ? {} : { where: flags.monitorWhere }) } };
      const r = await reportJob({ ...ladderRequest(flags, io, cmd), target: targetRequest(flags), out: flags.out, holdout: flags.holdout ?? 2, ...(flags.reference === undefined ? {} : { reference: flags.reference }), ...monitor });
      io.stdout(`${r.file}\n`);
      for (const w of r.warnings) io.stderr(`scalecast: warning: ${w}\n`);
    });
}
