/**
 * The options of the ladder commands (predict, backtest, cluster, plot, report) and their
 * translation into the jobs' requests. Each command adds only the groups that apply to it, so an
 * option that would do nothing is refused by the parser as unknown.
 */
import type { Command } from 'commander';
import type { CodRequest, LadderRequest, MethodsRequest, TargetRequest } from '../src/app/ladderSetup.js';
import { COD_DEFAULTS, DEFAULT_CLUSTER_SAMPLE } from '../src/predict/codDefaults.js';
import { METHODS } from '../src/predict/methodIds.js';
import type { MethodSelection } from '../src/predict/predictSuite.js';
import { addInputOptions, loadOptionsFrom, type InputFlags } from './inputOptions.js';
import { guessPair, MAX_SEED, nameList, oneOf, positiveQuantity, wholeNumber } from './options.js';
import { UsageError } from './output/failure.js';
import type { CliIO } from './output/io.js';

/** Parsed values of the ladder options. */
export interface PipelineFlags extends InputFlags {
  target?: string;
  targetCompute?: number;
  targetParams?: number;
  family?: string;
  ladder?: string[];
  anchor?: string[];
  axis: 'compute' | 'params';
  benchmark?: string[];
  method?: MethodSelection;
  guess?: Record<string, number>;
  clustering?: 'meanshift' | 'kmeans' | 'improved-kmeans';
  clusters?: number;
  clusterSpace?: 'pass-rate' | 'arcsine';
  clusterSample?: number;
  bootstrap?: number;
  seed?: number;
  policy?: string;
  holdout?: number;
  json?: boolean;
  csv?: boolean;
}

/** Which option groups a command takes. */
export interface PipelineGroups {
  /** --target, --target-compute, --target-params. */
  target?: boolean;
  /** --method, --guess, --anchor, --policy (the methods and the default). */
  methods?: boolean;
  /** --bootstrap for COD's interval. */
  interval?: boolean;
  /** --json. @default true */
  json?: boolean;
  /** --csv. @default false */
  csv?: boolean;
}

const SELECTIONS = [...METHODS, 'all', 'auto'] as const;

/** Adds the ladder options to a command. */
export function addPipelineOptions(cmd: Command, groups: PipelineGroups): Command {
  addInputOptions(cmd);
  if (groups.target) {
    cmd
      .option('-t, --target <model>', 'the model to predict: a row of the models table (params and/or compute)')
      .option('--target-compute <flops>', 'or the target\'s training compute, e.g. 3.8e24', positiveQuantity)
      .option('--target-params <n>', 'or the target\'s parameter count (with --axis params), e.g. 70B', positiveQuantity);
  }
  cmd
    .option('--family <name>', 'ladder: the models of this family (models table)')
    .option('--ladder <models>', 'ladder: these models, comma-separated', nameList)
    .option('--axis <axis>', 'scale the ladder by compute or params', oneOf(['compute', 'params'] as const), 'compute')
    .option('-b, --benchmark <names...>', 'only these benchmarks');
  if (groups.methods) {
    cmd
      .option('--anchor <models...>', 'anchor models (outside the ladder, scored on the same items) for the subset→full map')
      .option('--method <m>', `${METHODS.join(', ')}, all, or auto (the default: all, and the default prediction fitted on the public corpus of real ladders)`, oneOf(SELECTIONS), 'auto')
      .option('--guess <bench=g...>', 'a benchmark\'s guess floor, held fixed in the end-to-end COD-law and sigmoid fits, e.g. arc_challenge=0.25', guessPair)
      .option('--policy <file>', 'the default policy to use (written by scalecast evaluate --write-policy; default: the shipped one, fitted on the public corpus)');
  }
  cmd
    .option('--clustering <method>', 'COD\'s item clustering: meanshift (the paper\'s improved MeanShift), kmeans or improved-kmeans', oneOf(['meanshift', 'kmeans', 'improved-kmeans'] as const), 'meanshift')
    .option('--clusters <k>', 'number of clusters for --clustering kmeans', wholeNumber(1, 100_000))
    .option('--cluster-space <space>', 'space COD clusters items in: pass-rate (default, the paper\'s) or arcsine (variance-stabilised pass rates)', oneOf(['pass-rate', 'arcsine'] as const), 'pass-rate')
    .option('--cluster-sample <n>', 'cluster at most this many items of a benchmark (a seeded sample); the others join the nearest cluster', wholeNumber(10, 10_000_000), DEFAULT_CLUSTER_SAMPLE);
  if (groups.interval) cmd.option('--bootstrap <n>', 'bootstrap replicates for COD\'s interval', wholeNumber(0, 100_000), COD_DEFAULTS.bootstrap);
  cmd.option('--seed <n>', `seed of COD's sampling and bootstrap, 0 to ${MAX_SEED}`, wholeNumber(0, MAX_SEED), COD_DEFAULTS.seed);
  if (groups.json !== false) cmd.option('--json', 'print JSON (scores as fractions in [0, 1], said by its "unit" field)');
  if (groups.csv) cmd.option('--csv', 'print CSV (scores as fractions in [0, 1], said by its "unit" column)');
  return cmd;
}

/** The output format the flags ask for; --json and --csv exclude each other. */
export function outputFormat(flags: { json?: boolean; csv?: boolean }): 'text' | 'json' | 'csv' {
  if (flags.json && flags.csv) throw new UsageError('--json and --csv exclude each other');
  return flags.json ? 'json' : flags.csv ? 'csv' : 'text';
}

/**
 * The ladder request the flags describe. COD's options enter only where given on the command line
 * (the job knows their defaults), so that the job can refuse them where COD does not run.
 */
export function ladderRequest(flags: PipelineFlags, io: CliIO, cmd?: Command): LadderRequest & MethodsRequest {
  const given = (key: keyof PipelineFlags) => flags[key] !== undefined && (cmd === undefined || cmd.getOptionValueSource(key) === 'cli');
  const cod: CodRequest = {
    ...(given('clustering') ? { clustering: flags.clustering! } : {}),
    ...(given('clusterSpace') ? { clusterSpace: flags.clusterSpace! } : {}),
    ...(given('clusterSample') ? { clusterSample: flags.clusterSample! } : {}),
    ...(given('seed') ? { seed: flags.seed! } : {}),
    ...(given('clusters') ? { clusters: flags.clusters! } : {}),
    ...(given('bootstrap') ? { bootstrap: flags.bootstrap! } : {}),
  };
  return {
    input: loadOptionsFrom(flags, [], io),
    axis: flags.axis,
    ...(flags.family === undefined ? {} : { family: flags.family }),
    ...(flags.ladder === undefined ? {} : { ladder: flags.ladder }),
    ...(flags.anchor === undefined ? {} : { anchors: flags.anchor }),
    ...(flags.benchmark === undefined ? {} : { benchmarks: flags.benchmark }),
    ...(flags.guess === undefined ? {} : { guess: flags.guess }),
    methods: flags.method ?? 'auto',
    cod,
    ...(flags.policy === undefined ? {} : { policy: flags.policy }),
  };
}

/** The target the flags give, exactly once. */
export function targetRequest(flags: PipelineFlags): TargetRequest {
  const given = [flags.target, flags.targetCompute, flags.targetParams].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError('give the target once: --target MODEL, --target-compute FLOPS or --target-params N');
  if (flags.target !== undefined) return { model: flags.target };
  if (flags.targetCompute !== undefined) return { compute: flags.targetCompute };
  return { params: flags.targetParams! };
}
