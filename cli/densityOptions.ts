/** The options of `density` (and `plot density`) and their translation into a {@link DensityRequest}. */
import { InvalidArgumentError, type Command } from 'commander';
import type { DensityRequest } from '../src/app/density.js';
import { DENSITY_DEFAULTS } from '../src/app/densityDefaults.js';
import { loadOptionsFrom, type InputFlags } from './inputOptions.js';
import { guessPair, MAX_SEED, oneOf, realNumber, wholeNumber } from './options.js';
import { UsageError } from './output/failure.js';
import type { CliIO } from './output/io.js';

/** Parsed values of the density options. */
export interface DensityFlags extends InputFlags {
  reference?: string;
  benchmark?: string[];
  guess?: Record<string, number>;
  form: 'auto' | 'one-step' | 'two-step';
  ceiling: number;
  d0?: number;
  extrapolation: number;
  fit: 'envelope' | 'all';
  origin: string;
  bootstrap: number;
  seed: number;
  json?: boolean;
}

/** Input flags that read score files: they cannot apply to the embedded table. */
const INPUT_ONLY: readonly string[] = ['percent', 'wideName', 'metric', 'filter', 'ignoreUnlisted', 'where', 'step', 'group'];

/** A ceiling in (0, 1]. */
function ceilingValue(value: string): number {
  const v = value.trim() === '' ? Number.NaN : Number(value);
  if (!(v > 0 && v <= 1)) throw new InvalidArgumentError('must be a number in (0, 1]');
  return v;
}

/** Adds the options of `density` (beyond the input options) to a command. */
export function addDensityOptions(cmd: Command): Command {
  return cmd
    .option('-r, --reference <spec>', 'reference models: a family of the models table, a file of model names, or m1,m2,m3')
    .option('-b, --benchmark <names...>', 'only these benchmarks')
    .option('--guess <bench=g...>', 'a benchmark\'s chance level (the reference curve\'s floor), e.g. mmlu=0.25; Open LLM Leaderboard v1 names (mmlu, arc_challenge, hellaswag, winogrande, gsm8k) have theirs by default, others 0', guessPair)
    .option('--form <form>', 'reference curve: auto (two-step where the reference has a loss), one-step or two-step', oneOf(['auto', 'one-step', 'two-step'] as const), DENSITY_DEFAULTS.form)
    .option('--ceiling <s>', 'the reference curve\'s ceiling (score of a perfect model), in (0, 1]', ceilingValue, DENSITY_DEFAULTS.ceiling)
    .option('--d0 <tokens>', `D0 of the two-step curve, tokens (default ${DENSITY_DEFAULTS.d0})`, realNumber(1, 1e16))
    .option('--extrapolation <x>', 'trust the reference from its smallest size / x to its largest × x', realNumber(1, 1e6), DENSITY_DEFAULTS.extrapolation)
    .option('--fit <on>', 'fit the densing law to the envelope (the paper) or to all models', oneOf(['envelope', 'all'] as const), DENSITY_DEFAULTS.fit)
    .option('--origin <date>', 't = 0 of the densing law (YYYY-MM-DD)', DENSITY_DEFAULTS.origin)
    .option('--bootstrap <n>', 'bootstrap replicates for the doubling time', wholeNumber(0, 100_000), DENSITY_DEFAULTS.bootstrap)
    .option('--seed <n>', `bootstrap seed, 0 to ${MAX_SEED}`, wholeNumber(0, MAX_SEED), DENSITY_DEFAULTS.seed);
}

/** The density request the flags describe. */
export function densityRequest(flags: DensityFlags, io: CliIO): DensityRequest {
  // Without score files, the embedded public table (the job names its default reference).
  const embedded = (flags.scores ?? []).length === 0 && flags.models === undefined;
  if (embedded) {
    const given = (Object.keys(flags) as (keyof DensityFlags)[]).filter((k) => INPUT_ONLY.includes(k) && flags[k] !== undefined);
    if (given.length > 0) throw new UsageError(`--${given[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to the score files given with --scores; without them, density runs on the embedded table`);
  }
  return {
    ...(embedded ? {} : { input: loadOptionsFrom(flags, [], io) }),
    ...(flags.reference === undefined ? {} : { reference: flags.reference }),
    ...(flags.benchmark === undefined ? {} : { benchmarks: flags.benchmark }),
    ...(flags.guess === undefined ? {} : { guess: flags.guess }),
    form: flags.form,
    ceiling: flags.ceiling,
    ...(flags.d0 === undefined ? {} : { d0: flags.d0 }),
    extrapolation: flags.extrapolation,
    fit: flags.fit,
    origin: flags.origin,
    bootstrap: flags.bootstrap,
    seed: flags.seed,
  };
}
