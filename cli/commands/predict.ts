/**
 * `scalecast predict`, `scalecast backtest` and `scalecast cluster`: the COD pipeline and its
 * baselines on the user's ladder.
 */
import type { Command } from 'commander';
import { loadDataset } from '../../src/data/loadDataset.js';
import { formatQuantity, parseQuantity } from '../../src/io/quantity.js';
import type { Dataset } from '../../src/data/types.js';
import { benchmarkData } from '../../src/predict/benchmarkData.js';
import { codClusters, DEFAULT_CLUSTER_SAMPLE, type CodOptions } from '../../src/predict/codPrediction.js';
import { axisPosition, LadderError, paramsAxisPosition, resolveLadder, type LadderModel, type ScalingAxis } from '../../src/predict/ladder.js';
import { METHODS, type BenchmarkData, type MethodId } from '../../src/predict/methods.js';
import type { DefaultPolicy } from '../../src/predict/policy/defaultPolicy.js';
import { readPolicyFile } from '../../src/predict/policy/policyFile.js';
import { backtestSuite, backtestSummary, predictSuite, type BenchmarkBacktest, type BenchmarkPrediction, type MethodSelection } from '../../src/predict/predictSuite.js';
import { UsageError } from '../output/failure.js';
import type { CliIO } from '../output/io.js';
import { formatTable, sci } from '../output/textTable.js';
import { addInputOptions, intFlag, loadOptionsFrom, type InputFlags } from './inputOptions.js';

export interface PredictFlags extends InputFlags {
  target?: string;
  targetCompute?: string;
  targetParams?: string;
  family?: string;
  ladder?: string;
  anchor?: string[];
  axis: string;
  benchmark?: string[];
  method: string;
  guess?: string[];
  bootstrap: string;
  seed: string;
  clustering: string;
  clusterSample: string;
  clusterSpace: string;
  clusters?: string;
  holdout: string;
  policy?: string;
  json?: boolean;
}

export function addPipelineOptions(cmd: Command, withTarget: boolean): Command {
  addInputOptions(cmd);
  if (withTarget) {
    cmd
      .option('-t, --target <model>', 'the model to predict: a row of the models table (params and/or compute)')
      .option('--target-compute <flops>', 'or the target\'s training compute, e.g. 3.8e24')
      .option('--target-params <n>', 'or the target\'s parameter count (with --axis params), e.g. 70B');
  }
  return cmd
    .option('--family <name>', 'ladder: the models of this family (models table)')
    .option('--ladder <models>', 'ladder: these models, comma-separated')
    .option('--anchor <models...>', 'anchor models (outside the ladder, scored on the same items) for the subset→full map')
    .option('--axis <axis>', 'scale the ladder by compute or params', 'compute')
    .option('-b, --benchmark <names...>', 'only these benchmarks')
    .option('--method <m>', `${METHODS.join(', ')}, all, or auto (the default: all, and the default prediction fitted on the public corpus of real ladders)`, 'auto')
    .option('--guess <bench=g...>', 'a benchmark\'s guess floor, held fixed in the end-to-end COD-law and sigmoid fits, e.g. arc_challenge=0.25')
    .option('--clustering <method>', 'COD\'s item clustering: meanshift (the paper\'s improved MeanShift), kmeans or improved-kmeans', 'meanshift')
    .option('--clusters <k>', 'number of clusters for --clustering kmeans')
    .option('--cluster-space <space>', 'space COD clusters items in: pass-rate (default, the paper\'s) or arcsine (variance-stabilised pass rates)', 'pass-rate')
    .option('--cluster-sample <n>', 'cluster at most this many items of a benchmark (a seeded sample); the others join the nearest cluster', String(DEFAULT_CLUSTER_SAMPLE))
    .option('--bootstrap <n>', 'bootstrap replicates for COD\'s interval', '200')
    .option('--seed <n>', 'bootstrap seed', '1')
    .option('--policy <file>', 'the default policy to use (written by scalecast evaluate --write-policy; default: the shipped one, fitted on the public corpus)')
    .option('--json', 'print JSON');
}

export function parseSelection(flags: PredictFlags): MethodSelection {
  const m = flags.method;
  if (m === 'all' || m === 'auto' || (METHODS as readonly string[]).includes(m)) return m as MethodSelection;
  throw new UsageError(`--method must be one of ${METHODS.join(', ')}, all or auto, not "${m}"`);
}

export function parseGuess(flags: { guess?: string[] }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of flags.guess ?? []) {
    const m = /^(.+)=([\d.]+)$/.exec(g);
    const v = m ? Number(m[2]) : Number.NaN;
    if (!m || !(v >= 0 && v < 1)) throw new UsageError(`--guess takes benchmark=value with a value in [0, 1), not "${g}"`);
    out[m[1]!] = v;
  }
  return out;
}

export interface Setup {
  data: Dataset;
  ladder: LadderModel[];
  benchmarks: BenchmarkData[];
  axis: ScalingAxis;
  anchors: string[];
}

export function setup(flags: PredictFlags, io: CliIO, exclude: string[]): Setup {
  if (flags.axis !== 'compute' && flags.axis !== 'params') throw new UsageError('--axis must be compute or params');
  const axis = flags.axis;
  const data = loadDataset(loadOptionsFrom(flags, [], io));
  const anchors = flags.anchor ?? [];
  if (flags.family === undefined && flags.ladder === undefined) throw new UsageError('say which models form the ladder: --family F or --ladder M1,M2,…');
  let ladder: LadderModel[];
  try {
    ladder = resolveLadder(data, {
      family: flags.family,
      models: flags.ladder?.split(',').map((s) => s.trim()).filter(Boolean),
      axis,
      exclude: [...exclude, ...anchors],
    });
  } catch (e) {
    if (e instanceof LadderError) throw new UsageError(e.message);
    throw e;
  }
  let benchmarks: BenchmarkData[];
  try {
    benchmarks = benchmarkData(data, { benchmarks: flags.benchmark, guess: parseGuess(flags) });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  return { data, ladder, benchmarks, axis, anchors };
}

/** The `--policy` file, read and checked, or undefined for the shipped one. */
export function policyOption(flags: PredictFlags): DefaultPolicy | undefined {
  if (flags.policy === undefined) return undefined;
  if (flags.method !== 'auto') throw new UsageError(`--policy makes the default, which --method ${flags.method} does not compute`);
  return readPolicyFile(flags.policy);
}

export function targetPosition(flags: PredictFlags, s: Setup): { name: string; x: number; params?: number; model?: string; actual: Map<string, number> } {
  const given = [flags.target, flags.targetCompute, flags.targetParams].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError('give the target once: --target MODEL, --target-compute FLOPS or --target-params N');
  let name: string;
  let x: number;
  let params: number | undefined;
  if (flags.target !== undefined) {
    name = flags.target;
    const rec = s.data.models?.models.find((m) => m.model === name);
    const pos = axisPosition(rec, s.axis);
    if (typeof pos === 'string') throw new UsageError(`cannot place the target ${name}: ${pos}`);
    x = pos;
    params = rec?.params;
  } else if (flags.targetCompute !== undefined) {
    if (s.axis !== 'compute') throw new UsageError('--target-compute goes with --axis compute; use --target-params on the params axis');
    const v = parseQuantity(flags.targetCompute);
    if (v === undefined || !(v > 0)) throw new UsageError(`--target-compute must be a positive number, not "${flags.targetCompute}"`);
    name = `target (${sci(v)} FLOPs)`;
    x = v;
  } else {
    if (s.axis !== 'params') throw new UsageError('--target-params goes with --axis params (the compute axis needs the target\'s compute)');
    const v = parseQuantity(flags.targetParams!);
    if (v === undefined || !(v > 0)) throw new UsageError(`--target-params must be a positive number, not "${flags.targetParams}"`);
    name = `target (${formatQuantity(v)} params)`;
    x = paramsAxisPosition(v);
    params = v;
  }
  const largest = s.ladder[s.ladder.length - 1]!;
  if (!(x > largest.x)) {
    throw new UsageError(`the target is not larger than the ladder's largest model (${largest.model}) on the ${s.axis} axis: there is nothing to extrapolate`);
  }
  const actual = new Map<string, number>();
  for (const b of s.benchmarks) {
    const v = flags.target === undefined ? undefined : b.scores.get(flags.target);
    if (v !== undefined) actual.set(b.benchmark, v);
  }
  return { name, x, actual, ...(params === undefined ? {} : { params }), ...(flags.target === undefined ? {} : { model: flags.target }) };
}

export function clusteringOptions(flags: PredictFlags): { clustering: 'meanshift' | 'kmeans' | 'improved-kmeans'; clusters?: number; clusterSample: number; clusterSpace: 'arcsine' | 'pass-rate' } {
  const c = flags.clustering;
  if (c !== 'meanshift' && c !== 'kmeans' && c !== 'improved-kmeans') throw new UsageError(`--clustering must be meanshift, kmeans or improved-kmeans, not "${c}"`);
  const space = flags.clusterSpace;
  if (space !== 'arcsine' && space !== 'pass-rate') throw new UsageError(`--cluster-space must be arcsine or pass-rate, not "${space}"`);
  const out: { clustering: typeof c; clusters?: number; clusterSample: number; clusterSpace: typeof space } = { clustering: c, clusterSample: intFlag(flags.clusterSample, '--cluster-sample', 10, 10_000_000), clusterSpace: space };
  if (flags.clusters !== undefined) out.clusters = intFlag(flags.clusters, '--clusters', 1, 100000);
  return out;
}

/**
 * COD's options from the flags: clustering, anchors, seed, and (for predictions) the bootstrap;
 * backtests run without the interval (their errors need the point predictions only).
 */
export function codOptions(flags: PredictFlags, s: Setup, withInterval: boolean): CodOptions {
  return {
    ...clusteringOptions(flags),
    anchors: s.anchors,
    seed: intFlag(flags.seed, '--seed', 0, 2 ** 32 - 1),
    ...(withInterval ? { bootstrap: intFlag(flags.bootstrap, '--bootstrap', 0, 100000) } : {}),
  };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (100 * v).toFixed(2));

/** Registers predict, backtest and cluster. */
export function registerPredict(program: Command, io: CliIO): void {
  addPipelineOptions(
    program.command('predict').description('predict a larger model\'s score on every benchmark from a ladder of small models (COD and baselines)'),
    true,
  )
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast predict --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv --family sim --target sim-70B
  $ scalecast predict -s scores.csv -m models.csv --ladder q-0.5B,q-1.8B,q-4B,q-7B --axis params --target-params 14B --method all --json
  $ scalecast predict -s evals/ -m models.csv --family ours --target ours-70B --anchor other-72B --guess mmlu=0.25`,
    )
    .action((flags: PredictFlags) => {
      const methods = parseSelection(flags);
      const s = setup(flags, io, flags.target ? [flags.target] : []);
      const target = targetPosition(flags, s);
      const cod = codOptions(flags, s, true);
      const policy = policyOption(flags);
      const results = predictSuite(s.benchmarks, s.ladder, target, { methods, cod, ...(policy ? { policy } : {}) });
      const json = {
        target: { name: target.name, x: target.x, axis: s.axis },
        ladder: s.ladder,
        anchors: s.anchors,
        predictions: results.flatMap((r) =>
          r.predictions.map((p) => ({
            benchmark: r.benchmark,
            method: p.method,
            prediction: p.prediction,
            interval: p.interval,
            ...(p.default ? { default: true, choice: r.auto?.reason, components: r.auto?.components, group: r.auto?.group, kind: r.auto?.kind, ratio: r.auto?.ratio } : {}),
            ...(target.actual.has(r.benchmark) ? { actual: target.actual.get(r.benchmark) } : {}),
            ...(p.reason ? { reason: p.reason } : {}),
            warnings: p.warnings,
            ...(p.diagnostics ? { cod: p.diagnostics } : {}),
          })),
        ),
        warnings: s.data.warnings.map((w) => w.message),
      };
      if (flags.json) {
        io.stdout(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      io.stdout(renderPredictions(json, target.actual.size > 0, results, methods === 'auto', s));
      const warnings = [...new Set([...json.warnings, ...json.predictions.flatMap((p) => p.warnings.map((w) => `${p.benchmark} (${p.method}): ${w}`))])];
      if (warnings.length > 0) io.stdout(`\nWarnings (${warnings.length})\n${warnings.map((w) => `- ${w}`).join('\n')}\n`);
    });

  addPipelineOptions(program.command('backtest').description('hide the largest ladder models, predict them from the rest with every method, and show the errors'), false)
    .option('-k, --holdout <k>', 'how many of the largest ladder models to hide', '1')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast backtest --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv --family sim --holdout 2
  $ scalecast backtest -s main/ -m models.csv --family Qwen1.5 --axis params --json`,
    )
    .action((flags: PredictFlags) => {
      const methods = parseSelection(flags);
      const s = setup(flags, io, []);
      if (s.ladder.length < 4) {
        throw new UsageError(`a backtest hides at least one ladder model and fits on at least 3 others: this ladder has ${s.ladder.length}`);
      }
      const k = intFlag(flags.holdout, '--holdout', 1, s.ladder.length - 3);
      const policy = policyOption(flags);
      const results = backtestSuite(s.benchmarks, s.ladder, k, { methods, cod: codOptions(flags, s, false), ...(policy ? { policy } : {}) });
      if (flags.json) {
        io.stdout(`${JSON.stringify({ ladder: s.ladder, holdout: k, benchmarks: results }, null, 2)}\n`);
        return;
      }
      io.stdout(renderBacktest(results, methods, s.ladder.length - k));
    });

  addPipelineOptions(program.command('cluster').description('show the difficulty clusters of each benchmark: size, mean curve, fitted law, class'), false)
    .addHelpText('after', '\nExample:\n  $ scalecast cluster --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv --family sim --benchmark sim-gen')
    .action((flags: PredictFlags) => {
      const s = setup(flags, io, []);
      const out = s.benchmarks
        .filter((b) => b.matrix !== null)
        .map((b) => {
          const r = codClusters(b.matrix!, s.ladder, { ...clusteringOptions(flags), seed: intFlag(flags.seed, '--seed', 0, 2 ** 32 - 1) });
          if ('reason' in r) return { benchmark: b.benchmark, reason: r.reason };
          const items = b.matrix!.items.length;
          const extrapolatable = r.clusters.filter((c) => c.class === 'extrapolatable').reduce((a, c) => a + c.size, 0);
          return {
            benchmark: b.benchmark,
            items,
            unsolved: r.features.unsolved.length,
            incomplete: r.features.incomplete.length,
            bandwidth: r.bandwidth,
            clustered: r.clustered,
            outliers: r.labels.filter((l) => l < 0).length,
            extrapolatableShare: extrapolatable / items,
            clusters: r.clusters,
            warnings: r.warnings,
          };
        });
      if (flags.json) {
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const lines: string[] = [];
      for (const d of out) {
        if ('reason' in d) {
          lines.push(`${d.benchmark}: ${d.reason}`, '');
          continue;
        }
        lines.push(
          `${d.benchmark}: ${d.items} items, ${d.unsolved} unsolved by the ladder, ${d.outliers} outliers, bandwidth ${d.bandwidth.toFixed(3)}, extrapolatable clusters hold ${(100 * d.extrapolatableShare).toFixed(1)}% of items`,
        );
        lines.push(
          formatTable(
            [{ header: 'cluster', right: true }, { header: 'size', right: true }, { header: 'mean pass rate over the ladder (%)' }, { header: 'a', right: true }, { header: 'b', right: true }, { header: 'c', right: true }, { header: 'g', right: true }, { header: 'class' }],
            d.clusters.map((c) => [
              String(c.cluster),
              String(c.size),
              c.curve.map((v) => (100 * v).toFixed(0)).join(' '),
              c.fit ? c.fit.params.a!.toPrecision(3) : '—',
              c.fit ? c.fit.params.b!.toPrecision(3) : '—',
              c.fit ? c.fit.params.c!.toPrecision(3) : '—',
              c.fit ? c.fit.params.g!.toPrecision(3) : '—',
              c.class,
            ]),
          ),
          ...d.warnings.map((w) => `warning: ${w}`),
          '',
        );
      }
      io.stdout(`${lines.join('\n')}\n`);
    });
}

/** JSON rows of `predict`, as built by its action. */
interface PredictionRow {
  benchmark: string;
  method: string;
  prediction: number | null;
  interval: [number, number] | null;
  default?: boolean;
  actual?: number;
  reason?: string;
}

/** The text table of `predict` (also used by the main job). */
export function renderPredictions(
  json: { target: { name: string; x: number; axis: string }; ladder: LadderModel[]; predictions: PredictionRow[] },
  withActual: boolean,
  results: BenchmarkPrediction[],
  auto: boolean,
  s: { axis: ScalingAxis },
): string {
  const lines = [
    `Target ${json.target.name} at ${sci(json.target.x)} on the ${s.axis} axis; ladder of ${json.ladder.length}: ${json.ladder.map((l) => l.model).join(', ')}`,
    '',
    formatTable(
      [{ header: 'benchmark' }, { header: 'method' }, { header: 'prediction (%)', right: true }, { header: '95% interval', right: true }, ...(withActual ? [{ header: 'actual', right: true }] : []), { header: 'note' }],
      json.predictions.map((p) => [
        p.benchmark,
        `${p.method}${p.default ? ' *' : ''}`,
        pct(p.prediction),
        p.interval ? `[${pct(p.interval[0])}, ${pct(p.interval[1])}]` : '',
        ...(withActual ? [pct(p.actual)] : []),
        p.reason ?? '',
      ]),
    ),
  ];
  if (auto) {
    lines.push('', '* the default, per benchmark:');
    for (const r of results) lines.push(`  ${r.benchmark}: ${r.auto?.reason ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The text table of `backtest`: absolute error per benchmark and method, with mean and max. */
export function renderBacktest(results: BenchmarkBacktest[], methods: MethodSelection, trainSize: number): string {
  const names = results.map((r) => r.benchmark);
  const row = (m: MethodId | 'auto', label: string) => {
    const r = backtestSummary(results, m);
    return [label, ...r.errors.map(pct), pct(r.mean), pct(r.max)];
  };
  const rows = (methods === 'all' || methods === 'auto' ? [...METHODS] : [methods]).map((m) => row(m, m));
  if (methods === 'auto') rows.unshift(row('auto', 'default'));
  return `Absolute error (accuracy points) predicting ${results[0]?.heldOut.join(', ') ?? ''} from the ${trainSize} smaller ladder models\n${formatTable(
    [{ header: 'method' }, ...names.map((n) => ({ header: n, right: true })), { header: 'mean', right: true }, { header: 'max', right: true }],
    rows,
  )}\n`;
}
