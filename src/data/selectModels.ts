/**
 * Narrowing a dataset to some of its models (a family, the models a table lists), so that every
 * summary of it — benchmarks, coverage, warnings — speaks only of them.
 */
import { coverageWarnings } from './itemScoreCollector.js';
import type { Dataset, ItemMatrix } from './types.js';

/**
 * A copy of `m` without the columns of the models `drop` says to drop, and without the items that
 * are then left with no score at all. Returns `m` itself when no model is dropped.
 *
 * @example dropModels(m, (name) => name.startsWith('pythia-')).models // => the other models
 */
export function dropModels(m: ItemMatrix, drop: (model: string) => boolean): ItemMatrix {
  const keep = m.models.map((name, j) => (drop(name) ? -1 : j)).filter((j) => j >= 0);
  if (keep.length === m.models.length) return m;
  const nOld = m.models.length;
  const nNew = keep.length;
  const rows: number[] = [];
  for (let i = 0; i < m.items.length; i++) {
    if (keep.some((j) => !Number.isNaN(m.scores[i * nOld + j]!))) rows.push(i);
  }
  const scores = new Float64Array(rows.length * nNew);
  const trials = m.trials === null ? null : new Uint32Array(rows.length * nNew);
  rows.forEach((i, r) => {
    for (let k = 0; k < nNew; k++) {
      scores[r * nNew + k] = m.scores[i * nOld + keep[k]!]!;
      if (trials !== null) trials[r * nNew + k] = m.trials![i * nOld + keep[k]!]!;
    }
  });
  return { ...m, items: rows.map((i) => m.items[i]!), models: keep.map((j) => m.models[j]!), scores, trials };
}

/**
 * The part of `data` about the models `keep` accepts: their matrix columns (benchmarks and items left
 * with no score are dropped), aggregate rows and models-table rows, and the warnings that concern
 * them: warnings about one other model are dropped and coverage warnings are recomputed.
 *
 * @example selectModels(data, (m) => m.startsWith('Qwen1.5-')).itemScores[0].models // => the Qwen1.5 columns
 */
export function selectModels(data: Dataset, keep: (model: string) => boolean): Dataset {
  const itemScores = data.itemScores.map((m) => dropModels(m, (name) => !keep(name))).filter((m) => m.models.length > 0 && m.items.length > 0);
  const models = data.models === null ? null : { ...data.models, models: data.models.models.filter((m) => keep(m.model)) };
  const warnings = data.warnings.filter((w) => w.code !== 'coverage-gap' && (w.model === undefined || keep(w.model)));
  warnings.push(...coverageWarnings(itemScores));
  return { models, itemScores, aggregates: data.aggregates.filter((a) => keep(a.model)), warnings };
}

/** The families a models table names, sorted. */
export function familiesOf(data: Dataset): string[] {
  const families = new Set<string>();
  for (const m of data.models?.models ?? []) if (m.family !== undefined) families.add(m.family);
  return [...families].sort();
}

/**
 * The models of one family, or `undefined` when no model of the table has that family (or there is
 * no models table).
 */
export function familyMembers(data: Dataset, family: string): Set<string> | undefined {
  const names = new Set((data.models?.models ?? []).filter((m) => m.family === family).map((m) => m.model));
  return names.size > 0 ? names : undefined;
}
