/**
 * A seeded generator of synthetic model ladders with known ground truth.
 *
 * The simulated world is a family of small models (the *ladder*), a large *target* of the same family
 * whose scores are held out, and an *anchor* from a less compute-efficient family. Each benchmark's
 * items follow a known pass-rate law in compute, so a predictor's output can be checked against the
 * exact expected accuracy instead of another noisy observation.
 *
 * Item kinds (shares are configurable):
 * - `cluster`: member of a latent difficulty cluster following the COD law (methods.md §1.4)
 *   p(C) = g + (1 − g)·exp(−a·Ĉ^(−b) − c), Ĉ = C / 1e18 FLOPs, with a, b, c jittered per item.
 * - `emergent`: p(C) = g + (1 − g)·top·σ((log10 Ĉ − midpoint) / width), midpoint between the largest
 *   ladder model and the target: flat at g on the ladder, clearly higher at the target.
 * - `unsolvable`: p(C) = g at every size.
 * - `noisy`: p(C) = level + amplitude·sin(2π·log10 Ĉ / period + phase): flat or wavy, no trend.
 *
 * Observed scores are binomial(k, p)/k with k the benchmark's trial count. Everything is a pure
 * function of the configuration, including its seed.
 *
 * @example
 * const sim = simulateLadder(); // the defaults, seed 1
 * sim.models.map((m) => m.model); // => ['sim-122M', …, 'sim-12B', 'sim-70B', 'anchor-34B']
 * sim.expected.find((e) => e.model === 'sim-70B' && e.benchmark === 'sim-gen')?.accuracy; // => ≈ 0.55
 */
import { createRandom, type Random } from '../core/random.js';
import { InputError } from '../io/inputError.js';
import { formatQuantity } from '../io/quantity.js';
import type { ItemMatrix } from '../data/types.js';

/** FLOPs per unit of Ĉ in the item laws: Ĉ = compute / 1e18. */
export const COMPUTE_UNIT = 1e18;

/** How an item's pass rate depends on compute. */
export type ItemKind = 'cluster' | 'emergent' | 'unsolvable' | 'noisy';

/** What a simulated model is for: fitting (`ladder`), predicting (`target`) or calibrating (`anchor`). */
export type ModelRole = 'ladder' | 'target' | 'anchor';

/**
 * One simulated benchmark.
 *
 * @example { name: 'sim-mc', guess: 0.25, trials: 1, items: 1200 } // 4-way multiple choice, greedy 0/1
 */
export interface BenchmarkSpec {
  /** Benchmark name; item ids are `${name}/${index}`. */
  name: string;
  /** Guess floor g in [0, 1): the pass rate of a model that knows nothing. */
  guess: number;
  /** Samples per (model, item): the observed score is binomial(trials, p) / trials. */
  trials: number;
  /** Number of items. */
  items: number;
}

/**
 * The anchor model: another family, trained on `tokens` tokens, whose compute buys only
 * `efficiency` times as much as the ladder family's (its effective Ĉ is efficiency·6·N·D / 1e18).
 */
export interface AnchorSpec {
  family: string;
  /** Parameter count (34e9 for 34B). */
  params: number;
  /** Training tokens. */
  tokens: number;
  /** Compute-efficiency factor relative to the ladder family, > 0 (0.5 = half as efficient). */
  efficiency: number;
}

/** Shares of item kinds in each benchmark; normalised to sum to 1. */
export interface KindShares {
  cluster: number;
  emergent: number;
  unsolvable: number;
  noisy: number;
}

/** Everything that defines a simulated world. See {@link DEFAULT_SIMULATION} for the defaults. */
export interface SimulationConfig {
  /** PRNG seed (any safe integer). */
  seed: number;
  /** Family name of the ladder and the target; model names are `${family}-${size}`. */
  family: string;
  /** Parameter counts of the ladder models, strictly increasing. */
  ladderParams: number[];
  /** Training tokens per parameter for the ladder and target (tokens = round(ratio·params)). */
  tokensPerParam: number;
  /** Parameter count of the held-out target; larger than every ladder model. */
  targetParams: number;
  anchor: AnchorSpec;
  benchmarks: BenchmarkSpec[];
  kindShares: KindShares;
  /** Number of latent clusters per benchmark, drawn uniformly from [min, max]. */
  clusters: { min: number; max: number };
  /**
   * Per-item jitter around the cluster law: a·exp(a·z), b + b·z, c·exp(c·z) with z ~ N(0, 1)
   * (so `a` and `c` are log-scale sds, `b` an absolute sd).
   */
  jitter: { a: number; b: number; c: number };
}

/**
 * A simulated model. `compute` is the nominal 6·N·D in FLOPs (what a models table would list);
 * `effectiveCompute` = efficiency·compute is what its items' pass rates depend on.
 */
export interface SimulatedModel {
  model: string;
  family: string;
  params: number;
  tokens: number;
  /** 6·params·tokens, FLOPs. */
  compute: number;
  /** Compute in ladder-family-equivalent FLOPs (equal to `compute` except for the anchor). */
  effectiveCompute: number;
  role: ModelRole;
}

/**
 * The exact pass-rate law of one item, as a function of Ĉ = effective compute / 1e18:
 * - `cod`: g + (1 − g)·exp(−a·Ĉ^(−b) − c)
 * - `sigmoid`: g + (1 − g)·top / (1 + exp(−(log10 Ĉ − midpoint) / width))
 * - `constant`: p
 * - `wave`: clamp(level + amplitude·sin(2π·log10 Ĉ / period + phase), 0, 1)
 */
export type ItemLaw =
  | { type: 'cod'; a: number; b: number; c: number; g: number }
  | { type: 'sigmoid'; g: number; top: number; midpoint: number; width: number }
  | { type: 'constant'; p: number }
  | { type: 'wave'; level: number; amplitude: number; phase: number; period: number };

/**
 * Ground truth of one item. `a`, `b`, `c` are the COD parameters for `cluster` items and null for
 * the other kinds; `cluster` is -1 for items outside any cluster.
 */
export interface SimulatedItem {
  benchmark: string;
  /** Item id, `${benchmark}/${index}`. */
  item: string;
  kind: ItemKind;
  cluster: number;
  a: number | null;
  b: number | null;
  c: number | null;
  /** The benchmark's guess floor. */
  g: number;
  law: ItemLaw;
}

/** A latent cluster: the COD law its members scatter around, and how many members it has. */
export interface SimulatedCluster {
  benchmark: string;
  cluster: number;
  size: number;
  a: number;
  b: number;
  c: number;
  g: number;
}

/**
 * Exact expected accuracy of one model on one benchmark: `accuracy` = mean over all items of
 * p_i(C_m); `clusterAccuracy` = the same mean over the `cluster` items only (null when there are none).
 */
export interface ExpectedAccuracy {
  model: string;
  role: ModelRole;
  benchmark: string;
  accuracy: number;
  clusterAccuracy: number | null;
}

/** A simulated world: models, observed scores, held-out target scores and the truth. */
export interface SimulatedLadder {
  /** The full configuration used (defaults filled in). */
  config: SimulationConfig;
  /** Ladder models in increasing size, then the target, then the anchor. */
  models: SimulatedModel[];
  /** Observed per-item scores of the ladder and anchor models, one matrix per benchmark. */
  scores: ItemMatrix[];
  /** Observed per-item scores of the target, one matrix per benchmark. */
  heldout: ItemMatrix[];
  /** Per-item truth, benchmark by benchmark in item order. */
  items: SimulatedItem[];
  /** Latent clusters, benchmark by benchmark. */
  clusters: SimulatedCluster[];
  /** Expected accuracies, for every model and benchmark (model-major, in `models` order). */
  expected: ExpectedAccuracy[];
}

/**
 * The default world: an 8-model ladder (122M…12B, 20 tokens/param), a 70B target, a 34B anchor
 * trained on 3T tokens at half the ladder's compute efficiency, and three benchmarks of 1,200 items
 * (generative with 100 samples, 4-way multiple choice greedy, code with 20 samples).
 */
export const DEFAULT_SIMULATION: SimulationConfig = deepFreeze({
  seed: 1,
  family: 'sim',
  ladderParams: [122e6, 238e6, 411e6, 652e6, 973e6, 1.9e9, 7e9, 12e9],
  tokensPerParam: 20,
  targetParams: 70e9,
  anchor: { family: 'anchor', params: 34e9, tokens: 3e12, efficiency: 0.5 },
  benchmarks: [
    { name: 'sim-gen', guess: 0, trials: 100, items: 1200 },
    { name: 'sim-mc', guess: 0.25, trials: 1, items: 1200 },
    { name: 'sim-code', guess: 0, trials: 20, items: 1200 },
  ],
  kindShares: { cluster: 0.7, emergent: 0.1, unsolvable: 0.08, noisy: 0.12 },
  clusters: { min: 6, max: 10 },
  jitter: { a: 0.1, b: 0.01, c: 0.1 },
});

/**
 * Pass rate of an item law for a model with the given effective compute (FLOPs).
 * See {@link ItemLaw} for the formulas; Ĉ = compute / 1e18.
 *
 * @example passRate({ type: 'cod', a: 10, b: 0.3, c: 0.1, g: 0 }, 1e22) // => exp(−10·1e4^(−0.3) − 0.1) ≈ 0.48
 */
export function passRate(law: ItemLaw, compute: number): number {
  const chat = compute / COMPUTE_UNIT;
  switch (law.type) {
    case 'cod':
      return law.g + (1 - law.g) * Math.exp(-law.a * Math.pow(chat, -law.b) - law.c);
    case 'sigmoid':
      return law.g + ((1 - law.g) * law.top) / (1 + Math.exp(-(Math.log10(chat) - law.midpoint) / law.width));
    case 'constant':
      return law.p;
    case 'wave': {
      const p = law.level + law.amplitude * Math.sin((2 * Math.PI * Math.log10(chat)) / law.period + law.phase);
      return Math.min(1, Math.max(0, p));
    }
  }
}

/**
 * Generates a simulated world from `config` (missing fields taken from {@link DEFAULT_SIMULATION};
 * the merge is shallow). Pure and deterministic: the same configuration gives an identical result.
 *
 * Each benchmark gets two independent PRNG streams forked from the seed in benchmark order — one
 * for its items, one for its observations — so adding a benchmark at the end leaves the others as
 * they were.
 *
 * Throws an {@link InputError} (`out-of-range` or `duplicate`, file `simulation config`) for an
 * invalid configuration.
 *
 * @example simulateLadder({ seed: 3, benchmarks: [{ name: 'b', guess: 0, trials: 10, items: 200 }] })
 */
export function simulateLadder(config: Partial<SimulationConfig> = {}): SimulatedLadder {
  const cfg = resolveConfig(config);
  const models = buildModels(cfg);
  const root = createRandom(cfg.seed);

  const items: SimulatedItem[] = [];
  const clusters: SimulatedCluster[] = [];
  const scores: ItemMatrix[] = [];
  const heldout: ItemMatrix[] = [];
  const observed = models.filter((m) => m.role !== 'target');
  const target = models.filter((m) => m.role === 'target');
  const ladder = models.filter((m) => m.role === 'ladder');
  const span = {
    ladderMin: ladder[0]!.effectiveCompute,
    ladderMax: ladder[ladder.length - 1]!.effectiveCompute,
    ladderThird: ladder[Math.max(0, ladder.length - 3)]!.effectiveCompute,
    target: target[0]!.effectiveCompute,
  };

  for (const bench of cfg.benchmarks) {
    const worldRng = root.fork();
    const obsRng = root.fork();
    const world = buildBenchmarkItems(bench, cfg, span, worldRng);
    for (const item of world.items) items.push(item); // not push(...): 100k arguments overflow the stack
    for (const cluster of world.clusters) clusters.push(cluster);
    scores.push(observeItems(bench, world.items, observed, obsRng));
    heldout.push(observeItems(bench, world.items, target, obsRng));
  }

  return { config: cfg, models, scores, heldout, items, clusters, expected: expectedAccuracies(models, cfg, items) };
}

// ---------------------------------------------------------------------------------------------
// Configuration

function resolveConfig(partial: Partial<SimulationConfig>): SimulationConfig {
  const merged: SimulationConfig = { ...DEFAULT_SIMULATION, ...stripUndefined(partial) };
  const cfg = structuredClone(merged) as SimulationConfig;
  validateConfig(cfg);
  return cfg;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function configError(field: string, expected: string, found: unknown): InputError {
  return new InputError({
    file: 'simulation config',
    code: 'out-of-range',
    message: `invalid ${field}`,
    expected,
    found: String(found),
  });
}

function validateConfig(cfg: SimulationConfig): void {
  const positive = (v: number): boolean => Number.isFinite(v) && v > 0;
  if (!Number.isSafeInteger(cfg.seed)) throw configError('seed', 'a safe integer', cfg.seed);
  if (cfg.ladderParams.length < 2) throw configError('ladderParams', 'at least 2 models', cfg.ladderParams.length);
  cfg.ladderParams.forEach((p, i) => {
    if (!positive(p) || (i > 0 && p <= cfg.ladderParams[i - 1]!)) {
      throw configError('ladderParams', 'strictly increasing positive parameter counts', cfg.ladderParams.join(' '));
    }
  });
  if (!positive(cfg.tokensPerParam)) throw configError('tokensPerParam', 'a positive number', cfg.tokensPerParam);
  if (!positive(cfg.targetParams) || cfg.targetParams <= cfg.ladderParams[cfg.ladderParams.length - 1]!) {
    throw configError('targetParams', 'more parameters than the largest ladder model', cfg.targetParams);
  }
  const an = cfg.anchor;
  if (!positive(an.params) || !positive(an.tokens) || !positive(an.efficiency)) {
    throw configError('anchor', 'positive params, tokens and efficiency', JSON.stringify(an));
  }
  if (cfg.benchmarks.length === 0) throw configError('benchmarks', 'at least one benchmark', 0);
  const names = new Set<string>();
  for (const b of cfg.benchmarks) {
    if (b.name === '' || names.has(b.name)) {
      throw new InputError({
        file: 'simulation config',
        code: 'duplicate',
        message: 'benchmark names must be unique and non-empty',
        found: b.name,
      });
    }
    names.add(b.name);
    if (!(b.guess >= 0 && b.guess < 1)) throw configError(`guess of ${b.name}`, 'a number in [0, 1)', b.guess);
    if (!Number.isInteger(b.trials) || b.trials < 1) throw configError(`trials of ${b.name}`, 'an integer ≥ 1', b.trials);
    if (!Number.isInteger(b.items) || b.items < 1) throw configError(`items of ${b.name}`, 'an integer ≥ 1', b.items);
  }
  const shares = Object.values(cfg.kindShares);
  if (shares.some((s) => !(Number.isFinite(s) && s >= 0)) || shares.reduce((s, x) => s + x, 0) <= 0) {
    throw configError('kindShares', 'non-negative shares with a positive sum', JSON.stringify(cfg.kindShares));
  }
  const { min, max } = cfg.clusters;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw configError('clusters', 'integers 1 ≤ min ≤ max', `${min}..${max}`);
  }
  const j = cfg.jitter;
  if (![j.a, j.b, j.c].every((v) => Number.isFinite(v) && v >= 0)) {
    throw configError('jitter', 'non-negative numbers', JSON.stringify(j));
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Models

function buildModels(cfg: SimulationConfig): SimulatedModel[] {
  const sized = (params: number, role: ModelRole): SimulatedModel => {
    const tokens = Math.round(cfg.tokensPerParam * params);
    const compute = 6 * params * tokens;
    const model = `${cfg.family}-${formatQuantity(params)}`;
    return { model, family: cfg.family, params, tokens, compute, effectiveCompute: compute, role };
  };
  const models = cfg.ladderParams.map((p) => sized(p, 'ladder'));
  models.push(sized(cfg.targetParams, 'target'));
  const an = cfg.anchor;
  const anchorCompute = 6 * an.params * an.tokens;
  models.push({
    model: `${an.family}-${formatQuantity(an.params)}`,
    family: an.family,
    params: an.params,
    tokens: an.tokens,
    compute: anchorCompute,
    effectiveCompute: an.efficiency * anchorCompute,
    role: 'anchor',
  });
  const seen = new Set<string>();
  for (const m of models) {
    if (seen.has(m.model)) {
      throw new InputError({
        file: 'simulation config',
        code: 'duplicate',
        message: 'two simulated models would get the same name',
        found: m.model,
        hint: 'use sizes that differ in their first three significant digits, or another anchor family',
      });
    }
    seen.add(m.model);
  }
  return models;
}

// ---------------------------------------------------------------------------------------------
// Items

/** Effective compute (FLOPs) of the smallest and largest ladder models and of the target. */
interface ComputeSpan {
  ladderMin: number;
  /** The third-largest ladder model (the smallest one if the ladder has fewer than 3). */
  ladderThird: number;
  ladderMax: number;
  target: number;
}

/** Largest-remainder allocation of `total` into parts proportional to `weights`. */
function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((x, y) => y.r - x.r || x.i - y.i);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length]!.i]!++;
  return counts;
}

const KINDS: ItemKind[] = ['cluster', 'emergent', 'unsolvable', 'noisy'];

function buildBenchmarkItems(
  bench: BenchmarkSpec,
  cfg: SimulationConfig,
  span: ComputeSpan,
  rng: Random,
): { items: SimulatedItem[]; clusters: SimulatedCluster[] } {
  const g = bench.guess;
  const kindCounts = allocate(
    bench.items,
    KINDS.map((k) => cfg.kindShares[k]),
  );
  const k = cfg.clusters.min + rng.int(cfg.clusters.max - cfg.clusters.min + 1);
  const laws = sampleClusterLaws(k, g, span, rng);
  const sizes = allocate(
    kindCounts[0]!,
    laws.map(() => rng.uniform(0.5, 1.5)),
  );

  // One slot per item: the cluster id for cluster items, or the kind; then shuffle the order.
  const slots: { kind: ItemKind; cluster: number }[] = [];
  sizes.forEach((n, c) => {
    for (let i = 0; i < n; i++) slots.push({ kind: 'cluster', cluster: c });
  });
  KINDS.slice(1).forEach((kind, i) => {
    for (let n = 0; n < kindCounts[i + 1]!; n++) slots.push({ kind, cluster: -1 });
  });
  rng.shuffle(slots);

  const items = slots.map((slot, index): SimulatedItem => {
    const id = `${bench.name}/${index}`;
    const base = { benchmark: bench.name, item: id, kind: slot.kind, cluster: slot.cluster, g };
    switch (slot.kind) {
      case 'cluster': {
        const law = jitterLaw(laws[slot.cluster]!, cfg.jitter, rng);
        return { ...base, a: law.a, b: law.b, c: law.c, law };
      }
      case 'emergent':
        return { ...base, a: null, b: null, c: null, law: sampleEmergentLaw(g, span, rng) };
      case 'unsolvable':
        return { ...base, a: null, b: null, c: null, law: { type: 'constant', p: g } };
      case 'noisy':
        return { ...base, a: null, b: null, c: null, law: sampleNoisyLaw(rng) };
    }
  });

  const clusters = laws.map(
    (law, id): SimulatedCluster => ({ benchmark: bench.name, cluster: id, size: sizes[id]!, a: law.a, b: law.b, c: law.c, g }),
  );
  return { items, clusters };
}

type CodLaw = Extract<ItemLaw, { type: 'cod' }>;

/**
 * Cluster laws with stratified difficulty. Cluster k's fraction above the floor at the target,
 * x_T = (p_T − g)/(1 − g), is drawn from the k-th of `count` equal strata of [0.3, x_max] (p_T ≤ 0.95);
 * the strata are shuffled over cluster ids. Then b ~ U[0.15, 0.6], c ~ U[0, min(0.5, −0.8·ln x_T)],
 * and a = −ln(x_T·e^c)·Ĉ_T^b hits x_T exactly. Draws are rejected until a ∈ [1, 200], the curve
 * rises by at least 0.1 (in x) across the ladder, and x ≥ 0.03 already at the third-largest ladder
 * model (so at least three ladder points show the rise).
 */
function sampleClusterLaws(count: number, g: number, span: ComputeSpan, rng: Random): CodLaw[] {
  const xLo = 0.3;
  const xHi = Math.max(xLo + 0.05, (0.95 - g) / (1 - g));
  const strata = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const cT = span.target / COMPUTE_UNIT;
  const cMin = span.ladderMin / COMPUTE_UNIT;
  const cMax = span.ladderMax / COMPUTE_UNIT;
  const cThird = span.ladderThird / COMPUTE_UNIT;
  return strata.map((s) => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const xT = xLo + ((xHi - xLo) * (s + rng.next())) / count;
      const b = rng.uniform(0.15, 0.6);
      const c = rng.uniform(0, Math.min(0.5, -0.8 * Math.log(xT)));
      const a = -Math.log(xT * Math.exp(c)) * Math.pow(cT, b);
      if (!(a >= 1 && a <= 200)) continue;
      const x = (chat: number): number => Math.exp(-a * Math.pow(chat, -b) - c);
      if (x(cMax) - x(cMin) < 0.1 || x(cThird) < 0.03) continue;
      return { type: 'cod', a, b, c, g };
    }
    // Unreachable with the default ladder; a safe, rising law for exotic configurations.
    return { type: 'cod', a: 10, b: 0.3, c: 0.1, g };
  });
}

/** A cluster member: a·exp(σ_a·z), b + σ_b·z (kept ≥ 0.01), c·exp(σ_c·z). */
function jitterLaw(law: CodLaw, jitter: SimulationConfig['jitter'], rng: Random): CodLaw {
  return {
    type: 'cod',
    a: law.a * Math.exp(rng.normal(0, jitter.a)),
    b: Math.max(0.01, law.b + rng.normal(0, jitter.b)),
    c: law.c * Math.exp(rng.normal(0, jitter.c)),
    g: law.g,
  };
}

/**
 * An emergent item: midpoint uniform in the middle of (log10 Ĉ_ladderMax, log10 Ĉ_target) — from
 * 30% to 80% of the way — and a width small enough that the curve is within 3% of (1 − g)·top of g
 * at the largest ladder model and at least 92% of the way up at the target; top ~ U[0.5, 1].
 */
function sampleEmergentLaw(g: number, span: ComputeSpan, rng: Random): ItemLaw {
  const lo = Math.log10(span.ladderMax / COMPUTE_UNIT);
  const hi = Math.log10(span.target / COMPUTE_UNIT);
  const midpoint = lo + (hi - lo) * rng.uniform(0.3, 0.8);
  const width = rng.uniform(0.5, 1) * Math.min((midpoint - lo) / 3.5, (hi - midpoint) / 2.5);
  const top = rng.uniform(0.5, 1);
  return { type: 'sigmoid', g, top, midpoint, width };
}

/** A noisy item: level ~ U[0.1, 0.6], amplitude ~ U[0, 0.15], phase ~ U[0, 2π), period 2 decades. */
function sampleNoisyLaw(rng: Random): ItemLaw {
  return {
    type: 'wave',
    level: rng.uniform(0.1, 0.6),
    amplitude: rng.uniform(0, 0.15),
    phase: rng.uniform(0, 2 * Math.PI),
    period: 2,
  };
}

// ---------------------------------------------------------------------------------------------
// Observations and expectations

/** Observed scores binomial(trials, p)/trials of one benchmark's `items` for `models`, item-major. */
function observeItems(
  bench: BenchmarkSpec,
  items: SimulatedItem[],
  models: SimulatedModel[],
  rng: Random,
): ItemMatrix {
  const k = bench.trials;
  const nm = models.length;
  const scores = new Float64Array(items.length * nm);
  items.forEach((it, i) => {
    models.forEach((m, j) => {
      scores[i * nm + j] = rng.binomial(k, passRate(it.law, m.effectiveCompute)) / k;
    });
  });
  return {
    benchmark: bench.name,
    items: items.map((it) => it.item),
    models: models.map((m) => m.model),
    scores,
    trials: k === 1 ? null : new Uint32Array(scores.length).fill(k),
    sources: ['simulation'],
  };
}

/** Exact mean pass rates per model and benchmark, over all items and over cluster items only. */
function expectedAccuracies(
  models: SimulatedModel[],
  cfg: SimulationConfig,
  items: SimulatedItem[],
): ExpectedAccuracy[] {
  const out: ExpectedAccuracy[] = [];
  for (const m of models) {
    for (const bench of cfg.benchmarks) {
      let all = 0;
      let n = 0;
      let clustered = 0;
      let nc = 0;
      for (const it of items) {
        if (it.benchmark !== bench.name) continue;
        const p = passRate(it.law, m.effectiveCompute);
        all += p;
        n++;
        if (it.kind === 'cluster') {
          clustered += p;
          nc++;
        }
      }
      const clusterAccuracy = nc > 0 ? clustered / nc : null;
      out.push({ model: m.model, role: m.role, benchmark: bench.name, accuracy: all / n, clusterAccuracy });
    }
  }
  return out;
}
