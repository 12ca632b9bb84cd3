/**
 * `scalecast fit`: flags → request → job (src/app/fit.ts) → text or JSON.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { FitSettings } from '../../src/app/fit.js';
import { LAWS } from '../../src/fit/laws/index.js';
import { MAX_SEED, nameList, oneOf, realNumber, wholeNumber } from '../options.js';
import { UsageError } from '../output/failure.js';
import type { CliIO } from '../output/io.js';

interface FitFlags {
  law?: string;
  data?: string;
  x?: string[];
  y?: string;
  where?: string[];
  tokensFromCompute?: boolean;
  loss: 'squared' | 'huber';
  delta?: number;
  space?: 'linear' | 'log';
  fix?: Record<string, number>;
  bounds?: Record<string, [number, number]>;
  starts: 'default' | 'epoch';
  tolerance: 'tight' | 'scipy';
  bootstrap?: number;
  seed?: number;
  resample?: 'pairs' | 'residuals';
  threads?: number;
  predict?: string[];
  level?: number;
  compare?: string[];
  holdout?: number;
  listLaws?: boolean;
  json?: boolean;
}

/** Repeatable name=number. */
function fixPair(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^([^=]+)=(.+)$/.exec(value.trim());
  const v = m ? Number(m[2]!.trim()) : Number.NaN;
  if (!m || !Number.isFinite(v)) throw new InvalidArgumentError('takes name=number, e.g. g=0.25');
  return { ...previous, [m[1]!.trim()]: v };
}

/** Repeatable name=lo:hi. */
function boundsPair(value: string, previous: Record<string, [number, number]> = {}): Record<string, [number, number]> {
  const m = /^([^=]+)=([^:]+):(.+)$/.exec(value.trim());
  const lo = m ? Number(m[2]!.trim()) : Number.NaN;
  const hi = m ? Number(m[3]!.trim()) : Number.NaN;
  if (!m || Number.isNaN(lo) || Number.isNaN(hi) || !(lo <= hi)) throw new InvalidArgumentError('takes name=lo:hi with lo ≤ hi, e.g. alpha=0:1');
  return { ...previous, [m[1]!.trim()]: [lo, hi] };
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`${name} is required`);
  return value;
}

function settings(flags: FitFlags): FitSettings {
  return {
    loss: flags.loss,
    ...(flags.delta === undefined ? {} : { delta: flags.delta }),
    ...(flags.level === undefined ? {} : { level: flags.level }),
    ...(flags.space === undefined ? {} : { space: flags.space }),
    ...(flags.fix === undefined ? {} : { fix: flags.fix }),
    ...(flags.bounds === undefined ? {} : { bounds: flags.bounds }),
    starts: flags.starts,
    tolerance: flags.tolerance,
  };
}

/** The flags of one fitted law, as given (the job refuses them in a comparison). */
function oneLaw(flags: FitFlags) {
  return {
    ...(flags.law === undefined ? {} : { law: flags.law }),
    ...(flags.bootstrap === undefined ? {} : { bootstrap: flags.bootstrap }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.resample === undefined ? {} : { resample: flags.resample }),
    ...(flags.threads === undefined ? {} : { threads: flags.threads }),
    ...(flags.predict === undefined ? {} : { predict: flags.predict }),
  };
}

/** Registers the command. */
export function registerFit(program: Command, io: CliIO): void {
  program
    .command('fit')
    .description('fit a scaling law to points in a table: parameters with intervals, fit statistics, bootstrap, predictions')
    .option('-l, --law <id>', `law to fit: ${LAWS.map((l) => l.id).join(', ')}`)
    .option('-d, --data <file>', 'table of points (.csv, .tsv, .jsonl)')
    .option('-x, --x <columns>', 'input column(s), comma-separated in the law\'s input order', nameList)
    .option('-y, --y <column>', 'response column')
    .option('--where <filters...>', 'keep only rows matching, e.g. "loss<4.9" "params>=1e8"')
    .option('--tokens-from-compute', 'the second x column is training FLOPs C: use tokens D = C / (6·N), in the points and in --predict')
    .option('--loss <kind>', 'squared (Levenberg–Marquardt) or huber (L-BFGS)', oneOf(['squared', 'huber'] as const), 'squared')
    .option('--delta <number>', 'Huber δ, a positive number (default 1e-3; with --loss huber)', realNumber(0, Infinity, true))
    .option('--space <space>', 'residuals in linear or log space (default: the law\'s; log for huber)', oneOf(['linear', 'log'] as const))
    .option('--fix <name=value...>', 'hold parameters fixed, e.g. g=0.25', fixPair)
    .option('--bounds <name=lo:hi...>', 'override parameter bounds, e.g. alpha=0:1', boundsPair)
    .option('--starts <grid>', 'starting points: default (the law\'s grid) or epoch (Epoch AI\'s 4,500-point Chinchilla grid)', oneOf(['default', 'epoch'] as const), 'default')
    .option('--tolerance <t>', 'stopping tolerances: tight (to the optimum) or scipy (where scipy stops by default, to reproduce published fits)', oneOf(['tight', 'scipy'] as const), 'tight')
    .option('--bootstrap <n>', 'bootstrap replicates for intervals and bands, 10 or more', wholeNumber(10, 1_000_000))
    .option('--seed <n>', `bootstrap seed, 0 to ${MAX_SEED}`, wholeNumber(0, MAX_SEED))
    .option('--resample <what>', 'bootstrap resampling: pairs (default) or residuals', oneOf(['pairs', 'residuals'] as const))
    .option('--threads <n>', 'bootstrap worker threads, 1 to 256 (default: all cores)', wholeNumber(1, 256))
    .option('--predict <points...>', 'predict at points, e.g. params=70e9,tokens=1.4e12 or 70e9,1.4e12')
    .option('--level <p>', 'confidence level of intervals, in (0, 1) (default 0.95)', realNumber(0, 1, true))
    .option('--compare <ids>', 'compare laws (comma-separated) by AICc and leave-the-largest-out error', nameList)
    .option('--holdout <k>', 'points of largest x held out by --compare', wholeNumber(1, 1_000_000))
    .option('--list-laws', 'list the laws and their parameters')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast fit --law chinchilla --data ../shared/datasets/raw/epoch-chinchilla/svg_extracted_data.csv \\
      --x "Model Size,Training FLOP" --tokens-from-compute --y loss --where "loss<3.44" --loss huber --starts epoch \\
      --predict "Model Size=70e9,Training FLOP=5.88e23"
  $ scalecast fit --law chinchilla --data ../shared/datasets/raw/epoch-chinchilla/svg_extracted_data.csv \\
      --x "Model Size,Training FLOP" --tokens-from-compute --y loss --where "loss<3.44" --bootstrap 200 --predict params=70e9,tokens=1.4e12
  $ scalecast fit --compare power-offset,power,linear-log --data ../shared/datasets/raw/epoch-chinchilla/svg_extracted_data.csv \\
      --x "Model Size" --y loss --where "loss<3.44" --holdout 2
  $ scalecast fit --list-laws`,
    )
    .action(async (flags: FitFlags) => {
      const render = await import('../output/renderFit.js');
      if (flags.listLaws) {
        io.stdout(render.renderLaws(flags.json === true));
        return;
      }
      const job = await import('../../src/app/fit.js');
      const points = { data: required(flags.data, '--data'), x: required(flags.x, '--x'), y: required(flags.y, '--y'), where: flags.where ?? [], tokensFromCompute: flags.tokensFromCompute === true };
      if (flags.compare !== undefined) {
        const r = job.compareJob({ ...points, ...settings(flags), ...oneLaw(flags), laws: flags.compare, ...(flags.holdout === undefined ? {} : { holdout: flags.holdout }) });
        if (flags.json) io.stdout(`${JSON.stringify(r.rows.map(({ fit, ...row }) => ({ ...row, params: fit?.params ?? null, converged: fit?.converged ?? null })), null, 2)}\n`);
        else io.stdout(render.renderComparison(r, points.x[0]!));
        return;
      }
      const r = await job.fitJob(
        {
          ...points,
          ...settings(flags),
          ...oneLaw(flags),
          law: required(flags.law, '--law (or --compare, --list-laws)'),
          ...(flags.holdout === undefined ? {} : { holdout: flags.holdout }),
        },
        (ok, n, s) => io.stderr(`bootstrap: ${ok} of ${n} refits succeeded in ${s.toFixed(1)} s\n`),
      );
      if (flags.json) {
        const { draws: _draws, residualDraws: _r, ...bootSummary } = r.bootstrap ?? ({} as NonNullable<typeof r.bootstrap>);
        io.stdout(
          `${JSON.stringify(
            {
              law: { id: r.law.id, name: r.law.name, formula: r.law.formula, inputs: r.inputs, response: points.y },
              data: { file: points.data, points: r.points, dropped: r.dropped },
              fit: r.fit,
              bootstrap: r.bootstrap === null ? null : bootSummary,
              predictions: r.predictions,
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      io.stdout(render.renderFit(r.law, r.fit, r.inputs, r.points, r.dropped, r.bootstrap));
      if (r.predictions.length > 0) io.stdout(`\n${render.renderFitPredictions(r.inputs, r.predictions, r.bootstrap === null ? null : r.predictions.map((p) => p.bootstrap!), r.fit.level)}`);
      if (r.fit.warnings.length > 0) io.stdout(`\nWarnings\n${r.fit.warnings.map((w) => `- ${w.message}`).join('\n')}\n`);
    });
}
