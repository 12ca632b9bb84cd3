/**
 * `scalecast evaluate`: flags → request → job (src/app/evaluateJob.ts) → a table, JSON or CSV.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { METHODS, type MethodId } from '../../src/predict/methodIds.js';
import { MAX_SEED, wholeNumber } from '../options.js';
import { UsageError } from '../output/failure.js';
import { taskProgress, type CliIO } from '../output/io.js';

interface EvaluateFlags {
  corpus?: string;
  only?: string;
  methods?: MethodId[];
  threads?: number;
  bootstrap: number;
  seed: number;
  json?: boolean;
  csv?: boolean;
  rows?: string;
  chart?: string;
  writePolicy?: string;
  policy?: string;
  crossValidate?: boolean;
}

function methodList(text: string): MethodId[] {
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0 || list.some((m) => !(METHODS as readonly string[]).includes(m))) throw new InvalidArgumentError(`takes ${METHODS.join(', ')} (comma-separated)`);
  return list as MethodId[];
}

/** Registers `evaluate`. */
export function registerEvaluate(program: Command, io: CliIO): void {
  program
    .command('evaluate')
    .description('run every method on every case of a corpus of real ladders and report how accurate each is')
    .option('--corpus <file>', 'a corpus manifest (default: the shipped one, datasets/corpus/public.json, which reads ../shared/datasets/raw)')
    .option('--only <text>', 'only the ladders whose id contains this text')
    .option('--methods <list>', `methods to report, comma-separated (default: all of ${METHODS.join(', ')}); the default's components run anyway`, methodList)
    .option('--threads <n>', 'worker threads, 1 to 64 (default: one per CPU, at most 8)', wholeNumber(1, 64))
    .option('--bootstrap <n>', "COD's item-bootstrap replicates for its interval", wholeNumber(0, 100_000), 200)
    .option('--seed <n>', `seed of every random step, 0 to ${MAX_SEED}`, wholeNumber(0, MAX_SEED), 1)
    .option('--json', 'print JSON: methods [{method, mae, max, n, coverage, …}], the breakdowns, every prediction and the fitted policy')
    .option('--csv', 'print the summary as CSV (one row per breakdown, part and method)')
    .option('--rows <file>', 'also write every prediction as CSV to this file')
    .option('--chart <file>', 'also draw the accuracy chart: .svg, .png or .vl.json')
    .option('--write-policy <file>', 'also write the default policy fitted on this corpus (JSON; predict --policy reads it)')
    .option('--policy <file>', 'judge this fitted policy as the default (the default for any corpus but the shipped one: the shipped policy)')
    .option('--cross-validate', "judge the default by fitting it on the corpus itself, leaving each lineage out (the default for the shipped corpus)")
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast evaluate                                   # the shipped public corpus (needs ../shared)
  $ scalecast evaluate --only obsscaling --methods carry,e2e-linear,pop-curve
  $ scalecast evaluate --json > evaluation.json
  $ scalecast evaluate --chart evaluation.png --rows predictions.csv
  $ scalecast evaluate --only obsscaling --write-policy obsscaling-policy.json   # or --corpus my-ladders.json`,
    )
    .action(async (flags: EvaluateFlags) => {
      if (flags.json && flags.csv) throw new UsageError('--json and --csv exclude each other');
      const { evaluateJob } = await import('../../src/app/evaluateJob.js');
      const { result, seconds } = await evaluateJob({
        ...(flags.corpus === undefined ? {} : { corpus: flags.corpus }),
        ...(flags.only === undefined ? {} : { only: flags.only }),
        ...(flags.methods === undefined ? {} : { methods: flags.methods }),
        ...(flags.threads === undefined ? {} : { threads: flags.threads }),
        bootstrap: flags.bootstrap,
        seed: flags.seed,
        ...(flags.policy === undefined ? {} : { policy: flags.policy }),
        crossValidate: flags.crossValidate === true,
        ...(flags.rows === undefined ? {} : { rows: flags.rows }),
        ...(flags.chart === undefined ? {} : { chart: flags.chart }),
        ...(flags.writePolicy === undefined ? {} : { writePolicy: flags.writePolicy }),
        today: new Date().toISOString().slice(0, 10),
        onProgress: taskProgress(io, 'evaluating ladders'),
      });
      const render = await import('../output/renderEvaluation.js');
      if (flags.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else if (flags.csv) io.stdout(render.evaluationCsv(result));
      else io.stdout(render.renderEvaluation(result, seconds));
    });
}
