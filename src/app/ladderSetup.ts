/**
 * What every ladder job (predict, backtest, cluster, plot, report) starts from: the data read, the
 * ladder resolved and checked, the benchmarks gathered, and the options of the methods checked
 * against the data. The rules live here once; the command line only turns flags into a
 * {@link LadderRequest}.
 */
import { UsageError } from '../core/userError.js';
import { benchmarkData, type BenchmarkData } from '../data/benchmarkData.js';
import { loadDataset, type LoadDatasetOptions } from '../data/loadDataset.js';
import type { Dataset } from '../data/types.js';
import { formatQuantity } from '../io/quantity.js';
import type { CodOptions } from '../predict/codPrediction.js';
import { COD_DEFAULTS, DEFAULT_CLUSTER_SAMPLE } from '../predict/codDefaults.js';
import { axisPosition, paramsAxisPosition, resolveLadder, type LadderModel, type ScalingAxis } from '../predict/ladder.js';
import type { DefaultPolicy } from '../predict/policy/defaultPolicy.js';
import { readPolicyFile } from '../predict/policy/policyFile.js';
import type { MethodSelection } from '../predict/predictSuite.js';

/** The inputs and the ladder of a ladder job. */
export interface LadderRequest {
  /** The files to read (scores, models tables and reading options). */
  input: LoadDatasetOptions;
  /** The ladder: the models of this family… */
  family?: string;
  /** …or exactly these models. */
  ladder?: readonly string[];
  /** Models outside the ladder scored on the same items, for COD's subset→full map. */
  anchors?: readonly string[];
  /** @default 'compute' */
  axis?: ScalingAxis;
  /** Only these benchmarks. */
  benchmarks?: readonly string[];
  /** Guess floor per benchmark, e.g. `{ mmlu: 0.25 }`. */
  guess?: Record<string, number>;
}

/** How COD clusters and how many bootstrap replicates its interval uses. */
export interface CodRequest {
  /** @default 'meanshift' */
  clustering?: 'meanshift' | 'kmeans' | 'improved-kmeans';
  /** Clusters of plain K-Means (only with clustering 'kmeans'). */
  clusters?: number;
  /** @default 'pass-rate' */
  clusterSpace?: 'pass-rate' | 'arcsine';
  /** @default DEFAULT_CLUSTER_SAMPLE */
  clusterSample?: number;
  /** Item-bootstrap replicates of COD's interval. @default 200 */
  bootstrap?: number;
  /** @default 1 */
  seed?: number;
}

/** Which methods run, and with what. */
export interface MethodsRequest {
  /** @default 'auto' (every method and the default) */
  methods?: MethodSelection;
  cod?: CodRequest;
  /** A policy file (or a policy) for the default; only with methods 'auto'. */
  policy?: string | DefaultPolicy;
}

/** A ladder ready for the methods. */
export interface LadderSetup {
  data: Dataset;
  ladder: LadderModel[];
  benchmarks: BenchmarkData[];
  axis: ScalingAxis;
  anchors: string[];
  /** What the setup changed or doubts, in words (an anchor taken out of the family's ladder). */
  warnings: string[];
}

/** Every model name the data know: scored models and models-table rows. */
function knownModels(data: Dataset): Set<string> {
  const names = new Set<string>();
  for (const m of data.itemScores) for (const name of m.models) names.add(name);
  for (const a of data.aggregates) names.add(a.model);
  for (const m of data.models?.models ?? []) names.add(m.model);
  return names;
}

/**
 * Reads the data and resolves the ladder, checking every name the request gives against the data.
 *
 * @param exclude models never in the ladder (the target of a prediction)
 * @throws UsageError or InputError with the reason
 */
export function setupLadder(request: LadderRequest, exclude: readonly string[] = []): LadderSetup {
  const axis = request.axis ?? 'compute';
  if (request.family === undefined && (request.ladder === undefined || request.ladder.length === 0)) {
    throw new UsageError('say which models form the ladder: --family F or --ladder M1,M2,…');
  }
  if (request.family !== undefined && request.ladder !== undefined) throw new UsageError('give the ladder once: --family or --ladder, not both');
  const data = loadDataset(request.input);
  const anchors = [...(request.anchors ?? [])];
  const known = knownModels(data);
  const unknown = anchors.filter((a) => !known.has(a));
  if (unknown.length > 0) throw new UsageError(`--anchor ${unknown.join(', ')}: no such model in the scores or the models table`);
  const named = anchors.filter((a) => request.ladder?.includes(a));
  if (named.length > 0) throw new UsageError(`--anchor ${named.join(', ')}: ${named.length === 1 ? 'is a ladder model' : 'are ladder models'} (--ladder names ${named.length === 1 ? 'it' : 'them'}); an anchor is a model outside the ladder`);
  const warnings: string[] = [];
  const family = request.family === undefined ? [] : (data.models?.models ?? []).filter((m) => m.family === request.family).map((m) => m.model);
  const fromFamily = anchors.filter((a) => family.includes(a));
  if (fromFamily.length > 0) warnings.push(`${fromFamily.join(', ')} ${fromFamily.length === 1 ? 'is a model' : 'are models'} of family ${request.family}, given as anchor: left out of the ladder`);
  const ladder = resolveLadder(data, { family: request.family, models: request.ladder, axis, exclude: [...exclude, ...anchors] });
  const guess = request.guess ?? {};
  let benchmarks: BenchmarkData[];
  try {
    benchmarks = benchmarkData(data, { benchmarks: request.benchmarks, guess });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const names = benchmarks.map((b) => b.benchmark);
  const typos = Object.keys(guess).filter((g) => !names.includes(g));
  if (typos.length > 0) throw new UsageError(`--guess names ${typos.join(', ')}, which ${typos.length === 1 ? 'is' : 'are'} not among the benchmarks (${names.join(', ')})`);
  return { data, ladder, benchmarks, axis, anchors, warnings };
}

/** COD's options from the request; backtests run without the interval. */
export function codOptions(cod: CodRequest = {}, anchors: readonly string[], withInterval: boolean): CodOptions {
  const clustering = cod.clustering ?? 'meanshift';
  if (cod.clusters !== undefined && clustering !== 'kmeans') throw new UsageError(`--clusters sets the number of clusters of --clustering kmeans; ${clustering} finds its own`);
  return {
    clustering,
    ...(cod.clusters === undefined ? {} : { clusters: cod.clusters }),
    clusterSample: cod.clusterSample ?? DEFAULT_CLUSTER_SAMPLE,
    clusterSpace: cod.clusterSpace ?? 'pass-rate',
    anchors,
    seed: cod.seed ?? COD_DEFAULTS.seed,
    ...(withInterval ? { bootstrap: cod.bootstrap ?? COD_DEFAULTS.bootstrap } : {}),
  };
}

const COD_FLAGS: Record<keyof CodRequest, string> = { clustering: '--clustering', clusters: '--clusters', clusterSpace: '--cluster-space', clusterSample: '--cluster-sample', bootstrap: '--bootstrap', seed: '--seed' };

/**
 * Refuses COD's options (and anchors, which only COD's map uses) when the methods asked for do not
 * include COD: they would change nothing.
 */
export function checkMethodOptions(request: LadderRequest & MethodsRequest): void {
  const methods = request.methods ?? 'auto';
  if (methods === 'auto' || methods === 'all' || methods === 'cod') return;
  const given = Object.keys(request.cod ?? {}).filter((k) => request.cod![k as keyof CodRequest] !== undefined).map((k) => COD_FLAGS[k as keyof CodRequest]);
  if ((request.anchors ?? []).length > 0) given.push('--anchor');
  if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to COD, which --method ${methods} does not run`);
}

/**
 * Checks that hiding `k` ladder models leaves at least 3 to fit on.
 *
 * @throws UsageError saying how many are left
 */
export function checkHoldout(ladder: readonly LadderModel[], k: number): void {
  if (ladder.length - k < 3) throw new UsageError(`a backtest fits on at least 3 ladder models: this ladder has ${ladder.length}, and hiding ${k} leaves ${Math.max(0, ladder.length - k)}`);
}

/** The policy of the default, read and checked; undefined for the shipped one. */
export function policyOf(request: MethodsRequest): DefaultPolicy | undefined {
  if (request.policy === undefined) return undefined;
  const methods = request.methods ?? 'auto';
  if (methods !== 'auto') throw new UsageError(`--policy makes the default, which --method ${methods} does not compute`);
  return typeof request.policy === 'string' ? readPolicyFile(request.policy) : request.policy;
}

/** The model to predict: a models-table row, or a compute or a size. */
export type TargetRequest = { model: string } | { compute: number } | { params: number };

/** A target placed on the ladder's axis, with its actual scores when the data have them. */
export interface PlacedTarget {
  name: string;
  x: number;
  params?: number;
  model?: string;
  /** The target's scores per benchmark, where the data have them. */
  actual: Map<string, number>;
}

/**
 * Places the target on the ladder's axis.
 *
 * @throws UsageError when it cannot be placed, or is not larger than the ladder's largest model
 */
export function placeTarget(target: TargetRequest, s: LadderSetup): PlacedTarget {
  let name: string;
  let x: number;
  let params: number | undefined;
  let model: string | undefined;
  if ('model' in target) {
    name = model = target.model;
    const rec = s.data.models?.models.find((m) => m.model === name);
    const pos = axisPosition(rec, s.axis);
    if (typeof pos === 'string') throw new UsageError(`cannot place the target ${name}: ${pos}`);
    x = pos;
    params = rec?.params;
  } else if ('compute' in target) {
    if (s.axis !== 'compute') throw new UsageError('--target-compute goes with --axis compute; use --target-params on the params axis');
    name = `target (${target.compute.toExponential(2).replace('e+', 'e')} FLOPs)`;
    x = target.compute;
  } else {
    if (s.axis !== 'params') throw new UsageError('--target-params goes with --axis params (the compute axis needs the target\'s compute)');
    name = `target (${formatQuantity(target.params)} params)`;
    x = paramsAxisPosition(target.params);
    params = target.params;
  }
  const largest = s.ladder[s.ladder.length - 1]!;
  if (!(x > largest.x)) {
    throw new UsageError(`the target is not larger than the ladder's largest model (${largest.model}) on the ${s.axis} axis: there is nothing to extrapolate`);
  }
  const actual = new Map<string, number>();
  for (const b of s.benchmarks) {
    const v = model === undefined ? undefined : b.scores.get(model);
    if (v !== undefined) actual.set(b.benchmark, v);
  }
  return { name, x, actual, ...(params === undefined ? {} : { params }), ...(model === undefined ? {} : { model }) };
}
