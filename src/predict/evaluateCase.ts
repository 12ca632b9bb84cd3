/**
 * Running every method on one corpus case: one row per hidden model, with each method's bounded
 * prediction, its raw value and its 95% interval, what the policy needs to know about the case (data
 * kind, extrapolation ratio, bounds), and the ladder's own points, so that `evaluate --json` can be
 * analysed further without the data.
 */
import type { CodOptions } from './codPrediction.js';
import type { CaseLabel, CorpusCase } from './corpusCases.js';
import { runMethod, type MethodId, type MethodTarget } from './methods.js';
import { scoreBounds } from './bounds.js';

/** One method's answer for one hidden model. */
export interface MethodResult {
  /** Bounded prediction, or null with `reason`. */
  value: number | null;
  /** The method's own value when bounding changed it. */
  raw?: number;
  interval: [number, number] | null;
  reason?: string;
}

/** One prediction of a case: a hidden model and what every method said. */
export interface PredictionRow extends CaseLabel {
  case: string;
  /** Number of ladder models the methods saw. */
  ladderSize: number;
  target: string;
  /** Target size over the largest ladder model's. */
  ratio: number;
  actual: number;
  floor: number;
  ceiling: number;
  /** The ladder's models, their log10 axis positions and their scores, in order, and log10 of the target's position. */
  models: string[];
  logX: number[];
  scores: number[];
  targetLogX: number;
  methods: Partial<Record<MethodId, MethodResult>>;
}

/**
 * Runs `methods` on every hidden model of a case.
 *
 * @param cod COD's options (the interval's bootstrap and seed among them)
 */
export function evaluateCase(c: CorpusCase, methods: readonly MethodId[], cod: CodOptions = {}): PredictionRow[] {
  const bounds = scoreBounds(c.data);
  return c.targets.map((t) => {
    const results: Partial<Record<MethodId, MethodResult>> = {};
    const target: MethodTarget = { x: t.x, model: t.model };
    if (t.params !== undefined) target.params = t.params;
    for (const m of methods) {
      const p = runMethod(m, c.data, c.models, target, cod, { exclude: c.exclude });
      const r: MethodResult = { value: p.prediction, interval: p.interval };
      if (p.raw !== undefined) r.raw = p.raw;
      if (p.prediction === null) r.reason = p.reason ?? 'no prediction';
      results[m] = r;
    }
    return {
      case: c.id,
      ladder: c.ladder,
      lineage: c.lineage,
      source: c.source,
      split: c.split,
      benchmark: c.benchmark,
      kind: c.kind,
      ladderSize: c.models.length,
      target: t.model,
      ratio: t.ratio,
      actual: t.actual,
      floor: bounds.floor,
      ceiling: bounds.ceiling,
      models: c.models.map((l) => l.model),
      logX: c.models.map((l) => Math.log10(l.x)),
      scores: c.models.map((l) => c.data.scores.get(l.model)!),
      targetLogX: Math.log10(t.x),
      methods: results,
    };
  });
}
