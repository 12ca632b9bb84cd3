/**
 * Accumulates per-item scores from any number of inputs and builds one dense {@link ItemMatrix}
 * per benchmark.
 *
 * Scores are first kept as compact records (benchmark, item, model, score, trials, file, line) in
 * growable typed arrays, since neither the number of items nor of models is known while streaming;
 * `finish` then lays each benchmark out as an items × models matrix and rejects a (model, item) pair
 * given twice.
 *
 * Memory: a record is 32 bytes, and the arrays double when full, so 5 million scores hold 8.4M
 * records of capacity, 268 MB (402 MB for a moment while the last doubling copies); the matrices
 * then add 12 bytes per cell (8 for the score, 4 for a trial count when there are counts): 60 MB
 * for 100k items × 50 models. Nothing else grows with benchmarks × models.
 */
import { InputError, locationText, type DataWarning } from '../io/inputError.js';
import { compareText } from '../io/textOrder.js';
import type { ItemMatrix } from './types.js';

interface BenchmarkState {
  name: string;
  items: string[];
  itemIndex: Map<string, number>;
  /** The id last returned, to guess the next one: files usually list items in the same order per model. */
  lastItem: number;
}

/** Names numbered in order of first use. */
class NameIds {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  /** The id of `name`, created on first use. */
  idOf(name: string): number {
    let id = this.index.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.index.set(name, id);
    }
    return id;
  }

  /** The id of `name`, or `undefined` when it was never used. */
  find(name: string): number | undefined {
    return this.index.get(name);
  }
}

/** Collects per-item scores; see the module comment. */
export class ItemScoreCollector {
  private readonly benchmarks: BenchmarkState[] = [];
  private readonly benchmarkIndex = new Map<string, number>();
  private readonly modelIds = new NameIds();
  private readonly sourceIds = new NameIds();
  private readonly models = this.modelIds.names;
  private readonly sources = this.sourceIds.names;

  // Record columns, all of capacity `cap`, the first `n` entries used.
  private cap = 1024;
  private n = 0;
  private bench = new Int32Array(this.cap);
  private item = new Int32Array(this.cap);
  private model = new Int32Array(this.cap);
  private score = new Float64Array(this.cap);
  private trials = new Uint32Array(this.cap);
  private source = new Int32Array(this.cap);
  private line = new Int32Array(this.cap);

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Int32Array | Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.bench = g(this.bench, (k) => new Int32Array(k));
    this.item = g(this.item, (k) => new Int32Array(k));
    this.model = g(this.model, (k) => new Int32Array(k));
    this.score = g(this.score, (k) => new Float64Array(k));
    this.trials = g(this.trials, (k) => new Uint32Array(k));
    this.source = g(this.source, (k) => new Int32Array(k));
    this.line = g(this.line, (k) => new Int32Array(k));
    this.cap = cap;
  }

  /** Id of a benchmark, created on first use. */
  benchmarkId(name: string): number {
    let id = this.benchmarkIndex.get(name);
    if (id === undefined) {
      id = this.benchmarks.length;
      this.benchmarks.push({ name, items: [], itemIndex: new Map(), lastItem: -1 });
      this.benchmarkIndex.set(name, id);
    }
    return id;
  }

  /** Id of an item within a benchmark, created on first use. */
  itemId(benchmark: number, item: string): number {
    const b = this.benchmarks[benchmark]!;
    if (b.lastItem >= 0 && b.items[b.lastItem] === item) return b.lastItem;
    const guess = b.lastItem + 1 < b.items.length ? b.lastItem + 1 : 0;
    if (b.items[guess] === item) return (b.lastItem = guess);
    let id = b.itemIndex.get(item);
    if (id === undefined) {
      id = b.items.length;
      b.items.push(item);
      b.itemIndex.set(item, id);
    }
    return (b.lastItem = id);
  }

  /** Id of a model, created on first use. */
  modelId(name: string): number {
    return this.modelIds.idOf(name);
  }

  /** Id of an input file, for error messages. */
  sourceId(file: string): number {
    return this.sourceIds.idOf(file);
  }

  /**
   * Adds one score by ids.
   * @param trials samples the score averages; 0 when not given
   */
  addById(benchmark: number, item: number, model: number, score: number, trials: number, source: number, line: number): void {
    if (this.n === this.cap) this.grow();
    const t = this.n++;
    this.bench[t] = benchmark;
    this.item[t] = item;
    this.model[t] = model;
    this.score[t] = score;
    this.trials[t] = trials;
    this.source[t] = source;
    this.line[t] = line;
  }

  /** Adds one score by names. */
  add(benchmark: string, item: string, model: string, score: number, trials: number, file: string, line: number): void {
    const b = this.benchmarkId(benchmark);
    this.addById(b, this.itemId(b, item), this.modelId(model), score, trials, this.sourceId(file), line);
  }

  /**
   * Where the first score of a model was read, or `undefined` for a model without scores. Scans
   * the records: meant for error messages, not for loops.
   */
  firstScore(model: string): { file: string; line: number } | undefined {
    const id = this.modelIds.find(model);
    if (id === undefined) return undefined;
    for (let t = 0; t < this.n; t++) {
      if (this.model[t] === id) return { file: this.sources[this.source[t]!]!, line: this.line[t]! };
    }
    return undefined;
  }

  /**
   * Builds the matrices, sorted by benchmark name. A benchmark's columns are the models that have a
   * score on it, in order of first appearance over all inputs.
   *
   * @throws InputError `duplicate` when a (benchmark, item, model) cell was given twice.
   */
  finish(): ItemMatrix[] {
    const T = this.n;
    const bench = this.bench;
    const item = this.item;
    const model = this.model;
    const score = this.score;
    const trials = this.trials;
    const source = this.source;

    // Which models each benchmark has: a sparse map per benchmark, so that memory grows with the
    // (benchmark, model) pairs that exist, not with benchmarks × models. Records usually come in
    // runs of one (benchmark, model), so the maps are touched once per run.
    const columnOf = this.benchmarks.map(() => new Map<number, number>());
    const hasTrials = this.benchmarks.map(() => false);
    const sourcesOf = this.benchmarks.map(() => new Set<number>());
    for (let t = 0, lastB = -1, lastM = -1, lastS = -1; t < T; t++) {
      const b = bench[t]!;
      if (trials[t]! > 1) hasTrials[b] = true;
      const m = model[t]!;
      const s = source[t]!;
      if (b === lastB && m === lastM && s === lastS) continue;
      lastB = b;
      lastM = m;
      lastS = s;
      columnOf[b]!.set(m, 0);
      sourcesOf[b]!.add(s);
    }
    const matrices = this.benchmarks.map((b, k): ItemMatrix => {
      const ids = [...columnOf[k]!.keys()].sort((x, y) => x - y);
      ids.forEach((m, col) => columnOf[k]!.set(m, col));
      const cells = b.items.length * ids.length;
      return {
        benchmark: b.name,
        items: b.items,
        models: ids.map((m) => this.models[m]!),
        scores: new Float64Array(cells).fill(Number.NaN),
        trials: hasTrials[k] ? new Uint32Array(cells) : null,
        sources: [...sourcesOf[k]!].sort((x, y) => x - y).map((s) => this.sources[s]!),
      };
    });
    let mx: ItemMatrix = matrices[0]!;
    let nCols = 0;
    let col = 0;
    for (let t = 0, lastB = -1, lastM = -1; t < T; t++) {
      const b = bench[t]!;
      const m = model[t]!;
      if (b !== lastB || m !== lastM) {
        lastB = b;
        lastM = m;
        mx = matrices[b]!;
        nCols = mx.models.length;
        col = columnOf[b]!.get(m)!;
      }
      const cell = item[t]! * nCols + col;
      const scores = mx.scores;
      if (scores[cell] === scores[cell]) throw this.duplicateError(t); // not NaN: filled before
      scores[cell] = score[t]!;
      if (mx.trials !== null) mx.trials[cell] = trials[t]! > 0 ? trials[t]! : 1;
    }
    return matrices.sort((a, b) => compareText(a.benchmark, b.benchmark));
  }

  /** The error for record `second`, whose cell an earlier record already filled. */
  private duplicateError(second: number): InputError {
    let first = 0;
    while (
      first < second &&
      !(this.bench[first] === this.bench[second] && this.item[first] === this.item[second] && this.model[first] === this.model[second])
    ) {
      first++;
    }
    const b = this.benchmarks[this.bench[second]!]!;
    const where = (t: number) => locationText(this.sources[this.source[t]!]!, this.line[t]);
    return new InputError({
      code: 'duplicate',
      file: this.sources[this.source[second]!]!,
      line: this.line[second]!,
      message: `model "${this.models[this.model[second]!]}" has a second score for item "${b.items[this.item[second]!]}" of benchmark "${b.name}" (the first is at ${where(first)})`,
      expected: 'one score per (model, item)',
    });
  }
}

/**
 * Warnings for models that lack results on some items of a benchmark. A gap is not fatal: the
 * model's benchmark score is then the mean over the items it has, and the warning says so.
 */
export function coverageWarnings(matrices: readonly ItemMatrix[]): DataWarning[] {
  const out: DataWarning[] = [];
  for (const m of matrices) {
    const nM = m.models.length;
    const counts = new Int32Array(nM);
    const s = m.scores;
    for (let c = 0; c < s.length; c++) if (s[c] === s[c]) counts[c % nM]!++;
    const gaps: string[] = [];
    m.models.forEach((name, j) => {
      if (counts[j]! < m.items.length) gaps.push(`${name} (${counts[j]} of ${m.items.length})`);
    });
    if (gaps.length > 0) {
      const shown = gaps.slice(0, 6).join(', ') + (gaps.length > 6 ? `, and ${gaps.length - 6} more` : '');
      out.push({
        code: 'coverage-gap',
        message: `${m.benchmark}: ${gaps.length} model${gaps.length === 1 ? ' lacks' : 's lack'} results on some items: ${shown}`,
      });
    }
  }
  return out;
}
