/**
 * `scalecast predict`, `scalecast backtest` and `scalecast cluster`: flags → request → job
 * (src/app/predict.ts) → text or JSON.
 */
import type { Command } from 'commander';
import { suiteProgress, type CliIO } from '../output/io.js';
import { oneOf, wholeNumber } from '../options.js';
import { addPipelineOptions, ladderRequest, outputFormat, targetRequest, type PipelineFlags } from '../pipelineOptions.js';

/** Registers predict, backtest and cluster. */
export function registerPredict(program: Command, io: CliIO): void {
  addPipelineOptions(program.command('predict').description('predict a larger model\'s score on every benchmark from a ladder of small models (COD and baselines)'), { target: true, methods: true, interval: true, csv: true })
    .option('--checkpoints <which>', 'the ladder\'s final checkpoints only, or all its checkpoints (model@step at 6·N·tokens) as more points; final is the default because all did not help on Pythia (docs/validation.md §8e)', oneOf(['final', 'all'] as const), 'final')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast predict --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv --family sim --target sim-70B
  $ scalecast predict -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --ladder sim-973M,sim-1.9B,sim-7B,sim-12B --axis params --target-params 70B --method all --json
  $ scalecast predict -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --target sim-70B --anchor anchor-34B --guess sim-mc=0.25
  $ scalecast predict -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --target sim-70B --csv > predictions.csv`,
    )
    .action(async (flags: PipelineFlags, cmd: Command) => {
      const { predictJob } = await import('../../src/app/predict.js');
      const { renderPredictions, predictionsCsv, methodWarnings, SCORE_UNIT } = await import('../output/renderPredict.js');
      const format = outputFormat(flags);
      const r = predictJob({ ...ladderRequest(flags, io, cmd), target: targetRequest(flags), onProgress: suiteProgress(io, 'predicting'), checkpoints: (flags as PipelineFlags & { checkpoints: 'final' | 'all' }).checkpoints });
      if (format === 'json') {
        io.stdout(`${JSON.stringify({ unit: SCORE_UNIT, target: { name: r.target.name, x: r.target.x, axis: r.axis }, ladder: r.ladder, anchors: r.anchors, predictions: r.rows, warnings: r.warnings }, null, 2)}\n`);
        return;
      }
      if (format === 'csv') {
        io.stdout(predictionsCsv(r.rows));
        return;
      }
      io.stdout(renderPredictions(r, r.target.actual.size > 0, (flags.method ?? 'auto') === 'auto'));
      const warnings = [...r.warnings, ...methodWarnings(r.rows)];
      if (warnings.length > 0) io.stdout(`\nWarnings (${warnings.length})\n${warnings.map((w) => `- ${w}`).join('\n')}\n`);
    });

  addPipelineOptions(program.command('backtest').description('hide the largest ladder models, predict them from the rest with every method, and show the errors'), { methods: true, csv: true })
    .option('-k, --holdout <k>', 'how many of the largest ladder models to hide', wholeNumber(1, 1000), 1)
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast backtest --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv --family sim --holdout 2
  $ scalecast backtest -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --axis params --json
  $ scalecast backtest -s datasets/synthetic/scores.csv -m datasets/synthetic/models.csv --family sim --holdout 2 --csv > backtest.csv`,
    )
    .action(async (flags: PipelineFlags, cmd: Command) => {
      const { backtestJob } = await import('../../src/app/predict.js');
      const { renderBacktest, backtestCsv, SCORE_UNIT } = await import('../output/renderPredict.js');
      const format = outputFormat(flags);
      const r = backtestJob({ ...ladderRequest(flags, io, cmd), holdout: flags.holdout ?? 1, onProgress: suiteProgress(io, 'backtesting') });
      if (format === 'json') {
        io.stdout(`${JSON.stringify({ unit: SCORE_UNIT, ladder: r.ladder, holdout: r.holdout, benchmarks: r.benchmarks }, null, 2)}\n`);
        return;
      }
      if (format === 'csv') {
        io.stdout(backtestCsv(r.benchmarks));
        return;
      }
      io.stdout(renderBacktest(r.benchmarks, flags.method ?? 'auto', r.trainSize));
    });

  addPipelineOptions(program.command('cluster').description('show the difficulty clusters of each benchmark: size, mean curve, fitted law, class'), {})
    .addHelpText('after', '\nExample:\n  $ scalecast cluster --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv --family sim --benchmark sim-gen')
    .action(async (flags: PipelineFlags, cmd: Command) => {
      const { clusterJob } = await import('../../src/app/predict.js');
      const { renderClusters } = await import('../output/renderPredict.js');
      const { cod, ...ladder } = ladderRequest(flags, io, cmd);
      const out = clusterJob({ ...ladder, ...(cod ? { cod } : {}) });
      if (flags.json) io.stdout(`${JSON.stringify({ unit: 'fraction', benchmarks: out }, null, 2)}\n`);
      else io.stdout(renderClusters(out));
    });
}
