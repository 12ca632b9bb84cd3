/**
 * Choosing the ladder (the small models a prediction is made from) and the scale it is placed on.
 *
 * The x axis is training compute in FLOPs (`axis: 'compute'`), or, for ladders with mixed or unknown
 * token budgets, parameters (`axis: 'params'`). On the params axis a model of N parameters is placed
 * at the compute it would have at Chinchilla's 20 tokens per parameter, C = 6·N·20N = 120·N²: a
 * monotone change of variable that keeps the COD law's unit (1e18 FLOPs) and the paper's a > 1
 * threshold meaningful, while ranking and spacing models by size alone.
 */
import { UserError } from '../core/userError.js';
import type { Dataset, ModelRecord } from '../data/types.js';

/** Where a model sits on the scaling axis. */
export interface LadderModel {
  model: string;
  /** Position on the axis, in FLOPs (compute, or 120·N² on the params axis). */
  x: number;
  params?: number;
  compute?: number;
  family?: string;
}

/** The scaling axis. */
export type ScalingAxis = 'compute' | 'params';

/** Why a ladder cannot be used. */
export class LadderError extends UserError {
  constructor(message: string) {
    super('input', message);
    this.name = 'LadderError';
  }
}

/** Position on the params axis of a model of `params` parameters: 6·N·20N = 120·N² FLOPs. */
export function paramsAxisPosition(params: number): number {
  return 120 * params * params;
}

/** The axis position of a models-table row, or a reason it has none. */
export function axisPosition(rec: ModelRecord | undefined, axis: ScalingAxis): number | string {
  if (rec === undefined) return 'it has no row in the models table';
  if (axis === 'compute') {
    return rec.compute !== undefined ? rec.compute : 'its compute is unknown (give compute, or params and tokens, or use --axis params)';
  }
  return rec.params !== undefined ? paramsAxisPosition(rec.params) : 'its parameter count is unknown';
}

/** Options of {@link resolveLadder}. */
export interface LadderOptions {
  /** Use the models of this family (from the models table). */
  family?: string;
  /** Or exactly these models. */
  models?: readonly string[];
  axis?: ScalingAxis;
  /** Models never in the ladder (the target, anchors). */
  exclude?: readonly string[];
  /** Fewest models a ladder may have. @default 3 */
  minModels?: number;
}

/**
 * The ladder, sorted by axis position.
 *
 * @throws LadderError with the reason when the ladder is ambiguous, too short or not placeable
 */
export function resolveLadder(data: Dataset, options: LadderOptions): LadderModel[] {
  const axis = options.axis ?? 'compute';
  const table = new Map((data.models?.models ?? []).map((m) => [m.model, m] as const));
  const exclude = new Set(options.exclude ?? []);
  const scored = new Set<string>();
  for (const m of data.itemScores) for (const name of m.models) scored.add(name);
  for (const a of data.aggregates) scored.add(a.model);
  let names: string[];
  if (options.models !== undefined && options.models.length > 0) {
    names = [...options.models];
    const missing = names.filter((n) => !scored.has(n));
    if (missing.length > 0) throw new LadderError(`ladder model${missing.length === 1 ? '' : 's'} without scores: ${missing.join(', ')}`);
  } else if (options.family !== undefined) {
    if (data.models === null) throw new LadderError('choosing a ladder by family needs a models table (--models)');
    names = data.models.models.filter((m) => m.family === options.family && scored.has(m.model)).map((m) => m.model);
    if (names.length === 0) throw new LadderError(`no scored model has family "${options.family}"`);
  } else {
    throw new LadderError('say which models form the ladder: a family or a list of models');
  }
  names = names.filter((n) => !exclude.has(n));
  const out: LadderModel[] = [];
  const unplaced: string[] = [];
  for (const name of names) {
    const rec = table.get(name);
    const pos = axisPosition(rec, axis);
    if (typeof pos === 'string') {
      unplaced.push(`${name} (${pos})`);
      continue;
    }
    const m: LadderModel = { model: name, x: pos };
    if (rec?.params !== undefined) m.params = rec.params;
    if (rec?.compute !== undefined) m.compute = rec.compute;
    if (rec?.family !== undefined) m.family = rec.family;
    out.push(m);
  }
  if (unplaced.length > 0) throw new LadderError(`cannot place ${unplaced.length === 1 ? 'a ladder model' : 'ladder models'} on the ${axis} axis: ${unplaced.join('; ')}`);
  out.sort((a, b) => a.x - b.x || (a.model < b.model ? -1 : 1));
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.x === out[i - 1]!.x) throw new LadderError(`${out[i - 1]!.model} and ${out[i]!.model} sit at the same ${axis}: a ladder needs distinct sizes`);
  }
  const min = options.minModels ?? 3;
  if (out.length < min) throw new LadderError(`the ladder has ${out.length} model${out.length === 1 ? '' : 's'}; at least ${min} are needed to fit a trend`);
  return out;
}

/**
 * Size of `target` over the largest ladder model's, in parameters where both are known; else the
 * axis ratio read as parameters: √ratio (on the params axis x = 120·N²; on the compute axis compute
 * grows as N² at a fixed token-to-parameter ratio).
 *
 * @example extrapolationRatio({ model: 't', x: 1, params: 70e9 }, { model: 'l', x: 1, params: 7e9 }) // => 10
 */
export function extrapolationRatio(target: LadderModel, largest: LadderModel): number {
  if (target.params !== undefined && largest.params !== undefined) return target.params / largest.params;
  return Math.sqrt(target.x / largest.x);
}
