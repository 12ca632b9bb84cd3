/** `scalecast monitor`: flags → request → job (src/app/monitor.ts) → text, JSON or CSV. */
import type { Command } from 'commander';
import type { CliIO } from '../output/io.js';
import { collect, nameList, positiveQuantity, wholeNumber } from '../options.js';
import { outputFormat } from '../pipelineOptions.js';

interface MonitorFlags {
  scores: string;
  run: string;
  ladder?: string[];
  models?: string;
  untilTokens?: number;
  untilStep?: number;
  metric?: string;
  lossColumn?: string;
  where?: string[];
  asOfStep?: number;
  chart?: string;
  json?: boolean;
  csv?: boolean;
}

/** Registers the command. */
export function registerMonitor(program: Command, io: CliIO): void {
  program
    .command('monitor')
    .description('a run in progress from its checkpoints: where it will finish on each benchmark, the path there, and checkpoints off the path')
    .requiredOption('-s, --scores <file>', 'checkpoint table: run (or model), step and/or tokens, benchmark (or task), score (or acc)')
    .requiredOption('--run <name>', 'the run in progress')
    .option('--ladder <runs>', 'ladder runs trained the same way, comma-separated, or "none" (default: every other run of the table)', nameList)
    .option('-m, --models <file>', 'models table with params: orders the ladder and picks the run nearest in size')
    .option('--until-tokens <n>', 'the run\'s planned end in tokens, e.g. 300B', positiveQuantity)
    .option('--until-step <n>', 'or its planned end in steps', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .option('--metric <column>', 'score column (default: score, acc or accuracy)')
    .option('--loss-column <column>', 'loss column for the two-step forecast (default: loss, bpb, bits_per_byte, task_loss or nll, where present)')
    .option('--where <filter>', 'keep only rows matching, e.g. num_fewshot=0 (repeatable)', collect)
    .option('--as-of-step <n>', 'replay the monitor at this step: the run\'s later checkpoints are left out (to check it on a finished run)', wholeNumber(0, Number.MAX_SAFE_INTEGER))
    .option('--chart <file>', 'also draw the chart: .svg, .png or .vl.json (the Vega-Lite spec)')
    .option('--json', 'print JSON (scores as fractions in [0, 1], said by its "unit" field)')
    .option('--csv', 'print CSV, one row per benchmark (scores as fractions)')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast monitor -s test/fixtures/checkpoints/pythia-zero-shot.csv --run pythia-2.8b --until-step 143000
  $ scalecast monitor -s test/fixtures/checkpoints/pythia-zero-shot.csv --run pythia-2.8b --ladder none --until-tokens 300B --json
  $ scalecast monitor -s test/fixtures/checkpoints/pythia-zero-shot.csv --run pythia-1.4b --as-of-step 73000 --until-step 143000
  $ scalecast monitor -s test/fixtures/checkpoints/pythia-zero-shot.csv --run pythia-2.8b --until-step 143000 --chart monitor.png`,
    )
    .action(async (flags: MonitorFlags) => {
      const format = outputFormat(flags);
      const { monitorJob } = await import('../../src/app/monitor.js');
      const { renderMonitor, monitorCsv } = await import('../output/renderMonitor.js');
      const ladder = flags.ladder === undefined ? 'others' : flags.ladder.length === 1 && flags.ladder[0] === 'none' ? 'none' : flags.ladder;
      const r = await monitorJob({
        scores: flags.scores,
        run: flags.run,
        ladder,
        ...(flags.models === undefined ? {} : { models: flags.models }),
        ...(flags.untilTokens === undefined ? {} : { untilTokens: flags.untilTokens }),
        ...(flags.untilStep === undefined ? {} : { untilStep: flags.untilStep }),
        ...(flags.metric === undefined ? {} : { metric: flags.metric }),
        ...(flags.lossColumn === undefined ? {} : { lossColumn: flags.lossColumn }),
        ...(flags.where === undefined ? {} : { where: flags.where }),
        ...(flags.asOfStep === undefined ? {} : { asOfStep: flags.asOfStep }),
        ...(flags.chart === undefined ? {} : { chart: flags.chart }),
      });
      const { files, ...result } = r;
      if (format === 'json') io.stdout(`${JSON.stringify({ unit: 'fraction', ...result }, null, 2)}\n`);
      else if (format === 'csv') io.stdout(monitorCsv(result));
      else io.stdout(`${renderMonitor(result)}${files.length > 0 ? `\nChart: ${files.join(', ')}\n` : ''}`);
    });
}
