/**
 * Accumulates per-item scores from any number of inputs and builds one dense {@link ItemMatrix}
 * per benchmark.
 *
 * Scores are first kept as compact triplets (item, model, score, trials, where) in growable typed
 * arrays, since neither the number of items nor of models is known while streaming; `finish` then
 * lays each benchmark out as an items × models matrix and rejects a (model, item) pair given twice.
 * 5 million scores cost about 130 MB here, then 60 MB as matrices.
 */
import { InputError, type DataWarning } from './inputError.js';
import type { ItemMatrix } from './types.js';

interface BenchmarkState {
  name: string;
  items: string[];
  itemIndex: Map<string, number>;
  /** The id last returned, to guess the next one: files usually list items in the same order per model. */
  lastItem: number;
}

/** Collects per-item scores; see the module comment. */
export class ItemScoreCollector {
  private readonly benchmarks: BenchmarkState[] = [];
  private readonly benchmarkIndex = new Map<string, number>();
  private readonly models: string[] = [];
  private readonly modelIndex = new Map<string, number>();
  private readonly sources: string[] = [];
  private readonly sourceIndex = new Map<string, number>();

  // Triplet columns, all of capacity `cap`, the first `n` entries used.
  private cap = 1024;
  private n = 0;
  private bench = new Int32Array(this.cap);
  private item = new Int32Array(this.cap);
  private model = new Int32Array(this.cap);
  private score = new Float64Array(this.cap);
  private trials = new Uint32Array(this.cap);
  private source = new Int32Array(this.cap);
  private line = new Int32Array(this.cap);

  /** Number of scores added so far. */
  get size(): number {
    return this.n;
  }

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
    let id = this.modelIndex.get(name);
    if (id === undefined) {
      id = this.models.length;
      this.models.push(name);
      this.modelIndex.set(name, id);
    }
    return id;
  }

  /** Id of an input file, for error messages. */
  sourceId(file: string): number {
    let id = this.sourceIndex.get(file);
    if (id === undefined) {
      id = this.sources.length;
      this.sources.push(file);
      this.sourceIndex.set(file, id);
    }
    return id;
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

  /** Names of all models seen so far, in order of first appearance. */
  modelNames(): readonly string[] {
    return this.models;
  }

  /**
   * Builds the matrices, sorted by benchmark name.
   *
   * @throws InputError `duplicate` when a (benchmark, item, model) cell was given twice.
   */
  finish(): { matrices: ItemMatrix[]; warnings: DataWarning[] } {
    const nModels = this.models.length;
    const T = this.n;
    const bench = this.bench;
    const item = this.item;
    const model = this.model;
    const score = this.score;
    const trials = this.trials;

    // Which models each benchmark has, in global first-appearance order.
    const local = this.benchmarks.map(() => new Int32Array(nModels).fill(-1));
    const hasTrials = this.benchmarks.map(() => false);
    const sourcesOf = this.benchmarks.map(() => new Set<number>());
    for (let t = 0; t < T; t++) {
      local[bench[t]!]![model[t]!] = 0;
      if (trials[t]! > 1) hasTrials[bench[t]!] = true;
      sourcesOf[bench[t]!]!.add(this.source[t]!);
    }
    const built = this.benchmarks.map((b, k) => {
      const cols: string[] = [];
      const map = local[k]!;
      for (let m = 0; m < nModels; m++) if (map[m] === 0) map[m] = cols.push(this.models[m]!) - 1;
      const cells = b.items.length * cols.length;
      const matrix: ItemMatrix = {
        benchmark: b.name,
        items: b.items,
        models: cols,
        scores: new Float64Array(cells).fill(Number.NaN),
        trials: hasTrials[k] ? new Uint32Array(cells) : null,
        sources: [...sourcesOf[k]!].sort((x, y) => x - y).map((s) => this.sources[s]!),
      };
      return { matrix, owner: new Int32Array(cells).fill(-1) };
    });
    for (let t = 0; t < T; t++) {
      const k = bench[t]!;
      const { matrix, owner } = built[k]!;
      const cell = item[t]! * matrix.models.length + local[k]![model[t]!]!;
      if (owner[cell] !== -1) throw this.duplicateError(owner[cell]!, t);
      owner[cell] = t;
      matrix.scores[cell] = score[t]!;
      if (matrix.trials !== null) matrix.trials[cell] = trials[t]! > 0 ? trials[t]! : 1;
    }
    const matrices = built.map((b) => b.matrix).sort((a, b) => (a.benchmark < b.benchmark ? -1 : a.benchmark > b.benchmark ? 1 : 0));
    return { matrices, warnings: coverageWarnings(matrices) };
  }

  private duplicateError(first: number, second: number): InputError {
    const b = this.benchmarks[this.bench[second]!]!;
    const where = (t: number) => `${this.sources[this.source[t]!]}:${this.line[t]}`;
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
