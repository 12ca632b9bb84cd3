/**
 * The cases of a corpus: every (ladder, split, benchmark) of a manifest, with the ladder models a
 * method may see, the hidden models it must predict (with their real scores) and what it knows
 * about the benchmark. A split hides the ladder's largest k models (`holdout`) or names targets
 * outside the ladder; a split that hides two models gives two predictions.
 *
 * Problems that make the manifest wrong (a model it names that the data do not have, a benchmark
 * no source has) are errors located in the manifest; splits that cannot be run on these data (too
 * few models left, a benchmark a ladder model never scored) are skipped, with the reason.
 */
import { manifestError, type CorpusLadder, type CorpusManifest } from '../data/corpusManifest.js';
import { loadCorpusSource } from '../data/corpusSource.js';
import type { Dataset, ModelRecord } from '../data/types.js';
import { benchmarkData } from '../data/benchmarkData.js';
import { dataKind, type DataKind } from './dataKind.js';
import { axisPosition, extrapolationRatio, type LadderModel, type ScalingAxis } from './ladder.js';
import type { BenchmarkData } from './methods.js';

/** Fewest ladder models a split may leave (a trend needs a third point to be tested by). */
export const MIN_LADDER = 3;

/** A model a case predicts. */
export interface CaseTarget {
  model: string;
  /** Position on the ladder's axis. */
  x: number;
  /** Its real score. */
  actual: number;
  /** Extrapolation ratio: its size over the largest ladder model's (params; see {@link extrapolationRatio}). */
  ratio: number;
  params?: number;
}

/** Where a case comes from and what kind of data it has. */
export interface CaseLabel {
  ladder: string;
  lineage: string;
  source: string;
  /** `hide-1`, `hide-2` or `targets`. */
  split: string;
  benchmark: string;
  kind: DataKind;
}

/** One (ladder, split, benchmark). */
export interface CorpusCase extends CaseLabel {
  /** `ladder/split/benchmark`. */
  id: string;
  axis: ScalingAxis;
  /** The models the methods see, by axis position. */
  models: LadderModel[];
  targets: CaseTarget[];
  data: BenchmarkData;
  /**
   * Models a method must not borrow from: the ladder's lineage (every model of a ladder of the same
   * lineage in the manifest, and the models its tables put in their families) but for the models
   * the ladder shows. A team predicting its own larger model has no scores of that model's siblings.
   */
  exclude: ReadonlySet<string>;
}

/** A case (or a whole split) that could not be run, and why. */
export interface SkippedCase {
  ladder: string;
  split?: string;
  benchmark?: string;
  reason: string;
}

function place(rec: ModelRecord, axis: ScalingAxis): LadderModel | string {
  const x = axisPosition(rec, axis);
  if (typeof x === 'string') return x;
  const m: LadderModel = { model: rec.model, x };
  if (rec.params !== undefined) m.params = rec.params;
  if (rec.compute !== undefined) m.compute = rec.compute;
  if (rec.family !== undefined) m.family = rec.family;
  return m;
}

/**
 * The models a ladder of a manifest names (its `models`, or its `family` in the models tables) and
 * its targets, checked against the source's data.
 *
 * @throws InputError located in the manifest for a model the data do not have
 */
export function ladderModelNames(manifest: CorpusManifest, index: number, data: Dataset): { names: string[]; targets: string[] } {
  const spec: CorpusLadder = manifest.ladders[index]!;
  const at = `ladders.${index}`;
  const table = new Map((data.models?.models ?? []).map((m) => [m.model, m] as const));
  const scored = new Set<string>();
  for (const m of data.itemScores) for (const name of m.models) scored.add(name);
  for (const a of data.aggregates) scored.add(a.model);
  let names: string[];
  if (spec.models !== undefined) {
    names = spec.models;
    names.forEach((n, k) => {
      if (!table.has(n)) throw manifestError(manifest, `${at}.models.${k}`, `ladder "${spec.id}": the models tables of source "${spec.source}" have no row for "${n}"`, 'a model of the models table');
      if (!scored.has(n)) throw manifestError(manifest, `${at}.models.${k}`, `ladder "${spec.id}": source "${spec.source}" has no scores for "${n}"`, 'a scored model');
    });
  } else {
    names = [...table.values()].filter((m) => m.family === spec.family && scored.has(m.model)).map((m) => m.model);
    if (names.length === 0) throw manifestError(manifest, `${at}.family`, `ladder "${spec.id}": no scored model of source "${spec.source}" has family "${spec.family}"`, 'a family of the models table');
  }
  const targets = spec.targets ?? [];
  targets.forEach((n, k) => {
    if (!table.has(n)) throw manifestError(manifest, `${at}.targets.${k}`, `ladder "${spec.id}": the models tables of source "${spec.source}" have no row for the target "${n}"`, 'a model of the models table');
    if (!scored.has(n)) throw manifestError(manifest, `${at}.targets.${k}`, `ladder "${spec.id}": source "${spec.source}" has no scores for the target "${n}"`, 'a scored model');
  });
  return { names, targets };
}

/** What {@link ladderCases} needs besides the ladder's own data. */
export interface LadderCaseContext {
  /** `benchmarkData(data)`: the same for every ladder of a source. */
  benchmarks: readonly BenchmarkData[];
  /** Every model of the ladder's lineage in the manifest (see {@link CorpusCase.exclude}). */
  lineage: ReadonlySet<string>;
  /** The benchmarks of the ladder's `pool` sources, whose other models join the population. */
  pool: readonly (readonly BenchmarkData[])[];
}

/**
 * The cases of one ladder of a manifest, on its source's data.
 *
 * @param index the ladder's index in the manifest (for error locations)
 * @throws InputError located in the manifest when it names a model or a benchmark the data do not have
 */
export function ladderCases(manifest: CorpusManifest, index: number, data: Dataset, context: LadderCaseContext): { cases: CorpusCase[]; skipped: SkippedCase[] } {
  const spec: CorpusLadder = manifest.ladders[index]!;
  const source = manifest.sources[spec.source]!;
  const at = `ladders.${index}`;
  const table = new Map((data.models?.models ?? []).map((m) => [m.model, m] as const));
  const { names, targets: targetNames } = ladderModelNames(manifest, index, data);
  const all = [...names, ...targetNames];
  const hasCompute = all.every((n) => table.get(n)!.compute !== undefined);
  const axis: ScalingAxis = spec.axis ?? (hasCompute ? 'compute' : 'params');
  const placed = (n: string, path: string): LadderModel => {
    const p = place(table.get(n)!, axis);
    if (typeof p === 'string') throw manifestError(manifest, path, `ladder "${spec.id}": cannot place "${n}" on the ${axis} axis: ${p}`);
    return p;
  };
  const ladder = names.map((n, k) => placed(n, spec.models ? `${at}.models.${k}` : `${at}.family`)).sort((a, b) => a.x - b.x);
  for (let k = 1; k < ladder.length; k++) {
    if (ladder[k]!.x === ladder[k - 1]!.x) throw manifestError(manifest, at, `ladder "${spec.id}": ${ladder[k - 1]!.model} and ${ladder[k]!.model} sit at the same ${axis}`, 'distinct sizes');
  }
  const guess = { ...source.guess, ...spec.guess };
  const ceiling = { ...source.ceiling, ...spec.ceiling };
  for (const b of new Set([...Object.keys(guess), ...Object.keys(ceiling)])) {
    if ((guess[b] ?? 0) >= (ceiling[b] ?? 1)) {
      throw manifestError(manifest, spec.guess[b] !== undefined ? `${at}.guess.${b}` : `${at}.source`, `ladder "${spec.id}": the chance floor of ${b} (${guess[b] ?? 0}) is not below its ceiling (${ceiling[b] ?? 1})`, 'guess < ceiling');
    }
  }
  const benches = context.benchmarks.map((b): BenchmarkData => {
    const out: BenchmarkData = { ...b };
    delete out.guess;
    delete out.ceiling;
    if (guess[b.benchmark] !== undefined) out.guess = guess[b.benchmark];
    if (ceiling[b.benchmark] !== undefined) out.ceiling = ceiling[b.benchmark];
    for (const pool of context.pool) {
      const other = pool.find((p) => p.benchmark === b.benchmark);
      if (other === undefined) continue;
      out.scores = new Map([...other.scores, ...out.scores]);
      out.sizes = new Map([...(other.sizes ?? []), ...(out.sizes ?? [])]);
    }
    return out;
  });
  const byName = new Map(benches.map((b) => [b.benchmark, b] as const));
  (spec.benchmarks ?? []).forEach((b, k) => {
    if (!byName.has(b)) throw manifestError(manifest, `${at}.benchmarks.${k}`, `ladder "${spec.id}": source "${spec.source}" has no benchmark "${b}"`, `one of ${[...byName.keys()].slice(0, 12).join(', ')}${byName.size > 12 ? ', …' : ''}`);
  });
  const chosen = spec.benchmarks ?? [...byName.keys()];
  const splits: { name: string; train: LadderModel[]; hidden: LadderModel[] }[] = [];
  const skipped: SkippedCase[] = [];
  if (spec.targets !== undefined) {
    splits.push({ name: 'targets', train: ladder, hidden: targetNames.map((n, k) => placed(n, `${at}.targets.${k}`)) });
  } else {
    for (const k of spec.holdout) {
      const left = ladder.length - k;
      if (left < MIN_LADDER) {
        skipped.push({ ladder: spec.id, split: `hide-${k}`, reason: `hiding ${k} of ${ladder.length} models leaves ${Math.max(left, 0)}; at least ${MIN_LADDER} are needed` });
        continue;
      }
      splits.push({ name: `hide-${k}`, train: ladder.slice(0, left), hidden: ladder.slice(left) });
    }
  }
  const cases: CorpusCase[] = [];
  for (const split of splits) {
    const shown = new Set(split.train.map((l) => l.model));
    const exclude = new Set([...context.lineage, ...split.hidden.map((h) => h.model)].filter((m) => !shown.has(m)));
    const largest = split.train[split.train.length - 1]!;
    for (const name of chosen) {
      const b = byName.get(name)!;
      const missing = split.train.filter((l) => !b.scores.has(l.model)).map((l) => l.model);
      if (missing.length > 0) {
        // Without a list of benchmarks, a benchmark the ladder does not score is simply not one of its.
        if (spec.benchmarks !== undefined) skipped.push({ ladder: spec.id, split: split.name, benchmark: name, reason: `no score for ${missing.join(', ')}` });
        continue;
      }
      const targets: CaseTarget[] = [];
      for (const h of split.hidden) {
        const actual = b.scores.get(h.model);
        if (actual === undefined) {
          if (spec.benchmarks !== undefined) skipped.push({ ladder: spec.id, split: split.name, benchmark: name, reason: `the hidden model ${h.model} has no score` });
          continue;
        }
        if (!(h.x > largest.x)) {
          skipped.push({ ladder: spec.id, split: split.name, benchmark: name, reason: `${h.model} is not larger than the ladder's largest model ${largest.model}` });
          continue;
        }
        const t: CaseTarget = { model: h.model, x: h.x, actual, ratio: extrapolationRatio(h, largest) };
        if (h.params !== undefined) t.params = h.params;
        targets.push(t);
      }
      if (targets.length === 0) continue;
      cases.push({
        id: `${spec.id}/${split.name}/${name}`,
        ladder: spec.id,
        lineage: spec.lineage,
        source: spec.source,
        split: split.name,
        benchmark: name,
        kind: dataKind(b.matrix, split.train.map((l) => l.model)),
        axis,
        models: split.train,
        targets,
        data: b,
        exclude,
      });
    }
  }
  return { cases, skipped };
}

/**
 * A manifest's data, read once: each source's dataset and benchmarks, and each lineage's models,
 * so that the cases of any ladder can be built (in a worker thread, say) without reading twice.
 */
export class CorpusData {
  private readonly datasets = new Map<string, Dataset>();
  private readonly benches = new Map<string, BenchmarkData[]>();
  private lineages: Map<string, Set<string>> | null = null;

  constructor(
    readonly manifest: CorpusManifest,
    private readonly load: (sourceId: string) => Dataset = (id) => loadCorpusSource(manifest.sources[id]!),
  ) {}

  /** A source's dataset. @throws InputError for what its files get wrong */
  dataset(sourceId: string): Dataset {
    let d = this.datasets.get(sourceId);
    if (d === undefined) this.datasets.set(sourceId, (d = this.load(sourceId)));
    return d;
  }

  /** A source's benchmarks (without the ladder-specific floors). */
  benchmarks(sourceId: string): BenchmarkData[] {
    let b = this.benches.get(sourceId);
    if (b === undefined) this.benches.set(sourceId, (b = benchmarkData(this.dataset(sourceId))));
    return b;
  }

  /**
   * Every model of a lineage: the models of its ladders, and every model its sources' tables put in
   * the same family as one of them (a fine-tune the manifest lists in no ladder, say). Reads every
   * source the lineage's ladders use.
   */
  lineage(name: string): ReadonlySet<string> {
    this.lineages ??= new Map();
    let set = this.lineages.get(name);
    if (set === undefined) {
      set = new Set();
      this.manifest.ladders.forEach((l, i) => {
        if (l.lineage !== name) return;
        const data = this.dataset(l.source);
        const { names, targets } = ladderModelNames(this.manifest, i, data);
        const members = new Set([...names, ...targets]);
        const table = data.models?.models ?? [];
        const families = new Set(table.filter((m) => members.has(m.model) && m.family !== undefined).map((m) => m.family!));
        for (const m of table) if (m.family !== undefined && families.has(m.family)) members.add(m.model);
        for (const n of members) set!.add(n);
      });
      this.lineages.set(name, set);
    }
    return set;
  }

  /** The cases of ladder `index`. */
  cases(index: number): { cases: CorpusCase[]; skipped: SkippedCase[] } {
    const spec = this.manifest.ladders[index]!;
    return ladderCases(this.manifest, index, this.dataset(spec.source), {
      benchmarks: this.benchmarks(spec.source),
      lineage: this.lineage(spec.lineage),
      pool: spec.pool.map((p) => this.benchmarks(p)),
    });
  }
}
