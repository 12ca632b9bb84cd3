/**
 * The `fit` job: any scaling law fitted to points in a table, with intervals, a bootstrap and
 * predictions; or several laws compared on the same points. The rules live here: which columns a
 * law takes, the tokens = compute / (6·params) conversion (for the points and the predictions
 * alike), and how a prediction point is written.
 */
import { UsageError } from '../core/userError.js';
import { parseRowFilter, readPoints, type RowFilter } from '../data/readPoints.js';
import { bootstrapBands, bootstrapFitParallel, type BootstrapResult } from '../fit/bootstrapFit.js';
import { compareLaws, type LawComparison } from '../fit/compareLaws.js';
import { fitLaw, type FitOptions, type FitResult } from '../fit/fitLaw.js';
import type { FitData, Law } from '../fit/law.js';
import { EPOCH_CHINCHILLA_GRID, LAWS, lawById } from '../fit/laws/index.js';
import { inputRanges, predictFit, type FitPrediction } from '../fit/predictFit.js';
import { parseQuantity } from '../io/quantity.js';

/** The points to fit. */
export interface PointsRequest {
  /** Table of points (.csv, .tsv, .jsonl). */
  data: string;
  /** Input columns, in the law's input order. */
  x: readonly string[];
  /** Response column. */
  y: string;
  /** Row filters, e.g. "loss<4.9". */
  where?: readonly string[];
  /** The second x column is training FLOPs C: tokens D = C / (6·N), for the points and the predictions. */
  tokensFromCompute?: boolean;
}

/** How to fit. */
export interface FitSettings {
  /** @default 'squared' */
  loss?: 'squared' | 'huber';
  /** Huber δ. @default 1e-3 */
  delta?: number;
  space?: 'linear' | 'log';
  /** Parameters held fixed, by name. */
  fix?: Record<string, number>;
  /** Bounds by name. */
  bounds?: Record<string, [number, number]>;
  /** Starting points: the law's grid, or Epoch AI's Chinchilla grid. @default 'default' */
  starts?: 'default' | 'epoch';
  /** Confidence level. @default 0.95 */
  level?: number;
  /** Stopping tolerances: tight, or where scipy stops by default (to reproduce published fits). @default 'tight' */
  tolerance?: 'tight' | 'scipy';
}

/** What `fit` is asked. */
export interface FitRequest extends PointsRequest, FitSettings {
  law: string;
  /** Bootstrap replicates (none when absent). */
  bootstrap?: number;
  /** @default 1 */
  seed?: number;
  /** @default 'pairs' */
  resample?: 'pairs' | 'residuals';
  /** Worker threads of the bootstrap. @default all cores */
  threads?: number;
  /** Points to predict at: "params=70e9,tokens=1.4e12" or "70e9,1.4e12". */
  predict?: readonly string[];
  /** Refused: the hold-out belongs to a comparison ({@link compareJob}). */
  holdout?: number;
}

/** What `fit` gives. */
export interface FitJobResult {
  law: Law;
  /** Input names as used (the tokens conversion says so). */
  inputs: string[];
  points: number;
  /** Rows left out by the filters. */
  dropped: number;
  fit: FitResult;
  bootstrap: BootstrapResult | null;
  predictions: (FitPrediction & { bootstrap: ReturnType<typeof bootstrapBands>[number] | null })[];
}

/** Reads the points, converting compute to tokens where asked. */
export function loadFitPoints(request: PointsRequest, law: Law | null): { data: FitData; names: string[]; dropped: number } {
  const xCols = [...request.x];
  if (xCols.length === 0 || xCols.some((c) => c === '')) throw new UsageError('--x takes one or more column names, comma-separated');
  const filters: RowFilter[] = (request.where ?? []).map((w) => {
    const f = parseRowFilter(w);
    if (f === undefined) throw new UsageError(`cannot read the filter "${w}": write it like "loss<4.9"`);
    return f;
  });
  if (law !== null && xCols.length !== law.inputs.length) {
    throw new UsageError(`${law.id} takes ${law.inputs.length} input column${law.inputs.length === 1 ? '' : 's'} (${law.inputs.join(', ')}); --x gave ${xCols.length}`);
  }
  if (request.tokensFromCompute && xCols.length !== 2) throw new UsageError('--tokens-from-compute needs two x columns: params, then compute');
  const pts = readPoints(request.data, xCols, request.y, filters);
  const names = [...pts.xNames];
  if (request.tokensFromCompute) {
    pts.x[1] = pts.x[1]!.map((c, i) => c / (6 * pts.x[0]![i]!));
    names[1] = `tokens (= ${names[1]} / (6·${names[0]}))`;
  }
  return { data: { x: pts.x, y: pts.y }, names, dropped: pts.dropped };
}

/** The fit options of the settings, checked against the law. */
export function fitOptionsOf(settings: FitSettings, law: Law): FitOptions {
  if (settings.delta !== undefined && (settings.loss ?? 'squared') !== 'huber') throw new UsageError('--delta is the δ of the Huber loss; it applies with --loss huber');
  const options: FitOptions = { loss: settings.loss ?? 'squared', huberDelta: settings.delta ?? 1e-3, level: settings.level ?? 0.95 };
  if (!(options.level! > 0 && options.level! < 1)) throw new UsageError('--level must be in (0, 1)');
  if (settings.space !== undefined) options.space = settings.space;
  if (settings.tolerance !== undefined) options.tolerance = settings.tolerance;
  if (settings.fix !== undefined) options.fixed = settings.fix;
  if (settings.bounds !== undefined) options.bounds = settings.bounds;
  if (settings.starts === 'epoch') {
    if (law.id !== 'chinchilla') throw new UsageError('--starts epoch is the Chinchilla grid; use it with --law chinchilla');
    options.starts = EPOCH_CHINCHILLA_GRID;
  }
  return options;
}

/** Names a prediction point may use for input k: its column, the law's symbol (N, D) and a plain word (params, tokens, compute, x). */
function inputAliases(law: Law, xCols: readonly string[], k: number): string[] {
  const input = law.inputs[k]!;
  const aliases = [xCols[k]!, input, input.split(' ').pop()!];
  if (/param/i.test(input)) aliases.push('params', 'parameters');
  if (/token/i.test(input)) aliases.push('tokens');
  if (/compute/i.test(input)) aliases.push('compute', 'flops');
  if (law.inputs.length === 1) aliases.push('x');
  return aliases.map((a) => a.toLowerCase());
}

function pointValue(text: string, name: string): number {
  const v = parseQuantity(text);
  if (v === undefined || !Number.isFinite(v)) throw new UsageError(`${name} must be a number, not "${text}"`);
  return v;
}

/**
 * The prediction points, in the columns' order and units. With tokensFromCompute, the second value
 * may be given as compute (by its column's name, `compute`, `flops`, or unnamed) and is converted as
 * the data were, D = C / (6·N); or as tokens (by the law's own names: `tokens`, `D`, …), used as is.
 *
 * @example predictionPoints(['params=70e9,tokens=1.4e12'], chinchilla, { x: ['N', 'D'] }) // [[7e10, 1.4e12]]
 */
export function predictionPoints(texts: readonly string[], law: Law, request: Pick<PointsRequest, 'x' | 'tokensFromCompute'>): number[][] {
  const xCols = [...request.x];
  const fromCompute = request.tokensFromCompute === true;
  const computeNames = fromCompute ? [xCols[1]!.toLowerCase(), 'compute', 'flops', 'c'] : [];
  const aliases = (k: number) => {
    const all = inputAliases(law, xCols, k);
    if (!fromCompute || k !== 1) return all;
    return [...all.filter((a) => !computeNames.includes(a)), 'tokens', 'd'];
  };
  return texts.map((text) => {
    const parts = text.split(',').map((s) => s.trim());
    if (!parts.every((p) => p.includes('='))) {
      if (parts.length !== xCols.length) throw new UsageError(`--predict ${text}: expected ${xCols.length} value(s) (${xCols.join(', ')})`);
      const point = parts.map((p, k) => pointValue(p, `--predict ${xCols[k]}`));
      if (fromCompute) point[1] = point[1]! / (6 * point[0]!);
      return point;
    }
    const byName = new Map(parts.map((p) => p.split('=').map((s) => s.trim()) as [string, string]).map(([k, v]) => [k.toLowerCase(), v] as const));
    for (const key of byName.keys()) {
      if (!computeNames.includes(key) && !xCols.some((_, k) => aliases(k).includes(key))) {
        throw new UsageError(`--predict ${text}: "${key}" is not an input of ${law.id} (inputs: ${xCols.join(', ')})`);
      }
    }
    return xCols.map((c, k) => {
      if (fromCompute && k === 1) {
        const compute = computeNames.find((a) => byName.has(a));
        const tokens = aliases(1).find((a) => byName.has(a));
        if (compute !== undefined && tokens !== undefined) throw new UsageError(`--predict ${text}: give the second input once, as compute (${compute}) or as tokens (${tokens})`);
        if (compute !== undefined) return pointValue(byName.get(compute)!, `--predict ${c}`) / (6 * pointValue(byName.get(aliases(0).find((a) => byName.has(a)) ?? '')!, `--predict ${xCols[0]}`));
        if (tokens !== undefined) return pointValue(byName.get(tokens)!, '--predict tokens');
        throw new UsageError(`--predict ${text}: no value for ${c} (or tokens)`);
      }
      const key = aliases(k).find((a) => byName.has(a));
      if (key === undefined) throw new UsageError(`--predict ${text}: no value for ${c}`);
      return pointValue(byName.get(key)!, `--predict ${c}`);
    });
  });
}

function lawNamed(id: string): Law {
  const law = lawById(id);
  if (law === undefined) throw new UsageError(`unknown law "${id}"; known: ${LAWS.map((l) => l.id).join(', ')}`);
  return law;
}

/** Fits the law, with a bootstrap and predictions where asked. */
export async function fitJob(request: FitRequest, onBootstrap?: (succeeded: number, samples: number, seconds: number) => void): Promise<FitJobResult> {
  if (request.holdout !== undefined) throw new UsageError('--holdout is the hold-out of --compare; use it with --compare');
  const law = lawNamed(request.law);
  const { data, names, dropped } = loadFitPoints(request, law);
  const options = fitOptionsOf(request, law);
  const points = predictionPoints(request.predict ?? [], law, request);
  const bootstrapOnly = (['resample', 'threads', 'seed'] as const).filter((k) => request[k] !== undefined);
  if (request.bootstrap === undefined && bootstrapOnly.length > 0) throw new UsageError(`--${bootstrapOnly[0]} sets up the bootstrap; add --bootstrap N`);
  const fit = fitLaw(law, data, options);
  let boot: BootstrapResult | null = null;
  if (request.bootstrap !== undefined) {
    const t0 = Date.now();
    boot = await bootstrapFitParallel(law, data, fit, options, { samples: request.bootstrap, seed: request.seed ?? 1, method: request.resample ?? 'pairs', ...(request.threads === undefined ? {} : { threads: request.threads }) });
    onBootstrap?.(boot.succeeded, request.bootstrap, (Date.now() - t0) / 1000);
  }
  const ranges = inputRanges(data.x);
  const bands = boot === null ? null : bootstrapBands(law, fit, boot, points);
  const predictions = points.map((x, i) => ({ ...predictFit(law, fit, x, ranges), bootstrap: bands?.[i] ?? null }));
  return { law, inputs: names, points: data.y.length, dropped, fit, bootstrap: boot, predictions };
}

/** Settings of one fitted law, which a comparison (each law with its own defaults) refuses. */
const ONE_LAW_SETTINGS = ['law', 'fix', 'starts', 'bootstrap', 'predict', 'seed', 'resample', 'threads'] as const;

/** What `fit --compare` is asked. */
export interface CompareRequest extends PointsRequest, FitSettings, Partial<Pick<FitRequest, (typeof ONE_LAW_SETTINGS)[number]>> {
  laws: readonly string[];
  /** Points of largest x held out. @default 1 */
  holdout?: number;
}

/** Several laws compared on the same points by AICc and held-out error. */
export function compareJob(request: CompareRequest): { points: number; holdout: number; rows: LawComparison[] } {
  const extra = ONE_LAW_SETTINGS.filter((k) => (k === 'starts' ? (request.starts ?? 'default') !== 'default' : request[k] !== undefined));
  if (extra.length > 0) throw new UsageError(`--compare fits several laws with their own defaults; --${extra[0]} applies to one fitted law (use it with --law, not --compare)`);
  if (request.level !== undefined) throw new UsageError('--level sets the intervals of one fitted law; --compare reports none');
  const laws = request.laws.map(lawNamed);
  if (new Set(laws.map((l) => l.inputs.length)).size > 1) throw new UsageError('--compare needs laws with the same number of inputs');
  const { data } = loadFitPoints(request, laws[0]!);
  const holdout = request.holdout ?? 1;
  const fitOptions = Object.fromEntries(laws.map((l) => [l.id, fitOptionsOf({ ...request, starts: 'default' }, l)]));
  return { points: data.y.length, holdout, rows: compareLaws(laws, data, { holdout, fitOptions }) };
}
