/**
 * Deterministic text files for a {@link SimulatedLadder}: the inputs a user would give scalecast
 * (`models.csv`, `scores.csv`) plus what a predictor must not see (`heldout.truth.csv`,
 * `items.truth.csv`, `truth.json`). Truth files are named `*.truth.*` so that reading the whole output
 * folder as input leaves them out. The same simulation always gives byte-identical files; nothing
 * here touches the disk.
 *
 * Number formats:
 * - params and tokens: plain integers (`122000000`); compute: shortest round-trip exponent
 *   (`1.78608e+18`), so every number parses back to exactly the value in memory.
 * - scores: the fraction j/k rounded to 6 decimals without trailing zeros (`0`, `1`, `0.37`, `0.333333`).
 * - truth values (a, b, c, accuracies): 6 significant digits (`59.6832`, `0.512256`).
 * - configuration values in `truth.json`: exactly as given, so the run can be repeated from it.
 */
import type { ItemMatrix } from '../data/types.js';
import { COMPUTE_UNIT, type SimulatedLadder, type SimulationConfig } from './simulateLadder.js';

/** One output file: a bare file name and its full text (UTF-8, `\n` line endings, final newline). */
export interface SimulationFile {
  name: string;
  content: string;
}

/**
 * The five files of a simulation, in this order: `models.csv`, `scores.csv`, `heldout.truth.csv`,
 * `items.truth.csv`, `truth.json`.
 *
 * @example
 * simulationFiles(simulateLadder()).map((f) => f.name);
 * // => ['models.csv', 'scores.csv', 'heldout.truth.csv', 'items.truth.csv', 'truth.json']
 */
export function simulationFiles(sim: SimulatedLadder): SimulationFile[] {
  return [
    { name: 'models.csv', content: modelsCsv(sim) },
    { name: 'scores.csv', content: scoresCsv(sim.scores) },
    { name: 'heldout.truth.csv', content: scoresCsv(sim.heldout) },
    { name: 'items.truth.csv', content: itemsCsv(sim) },
    { name: 'truth.json', content: truthJson(sim) },
  ];
}

/**
 * `models.csv`: `model,family,params,tokens,compute`, one row per model (ladder, target, anchor).
 * `compute` is the nominal 6·N·D in FLOPs, also for the anchor (its efficiency is only in the truth).
 *
 * @example modelsCsv(sim).split('\n')[1] // => 'sim-122M,sim,122000000,2440000000,1.78608e+18'
 */
export function modelsCsv(sim: SimulatedLadder): string {
  const lines = ['model,family,params,tokens,compute'];
  for (const m of sim.models) {
    const fields = [csvField(m.model), csvField(m.family), formatCount(m.params), formatCount(m.tokens)];
    lines.push(`${fields.join(',')},${m.compute.toExponential()}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Long-format scores: `model,benchmark,item,score,trials`, benchmark by benchmark, then model by
 * model, then item by item. `trials` is 1 when the matrix has no trial counts.
 *
 * @example scoresCsv(sim.heldout).split('\n')[1] // => 'sim-70B,sim-gen,sim-gen/0,0.82,100' (seed 1)
 */
export function scoresCsv(matrices: ItemMatrix[]): string {
  const lines = ['model,benchmark,item,score,trials'];
  for (const mx of matrices) {
    const nm = mx.models.length;
    const bench = csvField(mx.benchmark);
    for (let m = 0; m < nm; m++) {
      const model = csvField(mx.models[m]!);
      for (let i = 0; i < mx.items.length; i++) {
        const cell = i * nm + m;
        const score = mx.scores[cell]!;
        if (Number.isNaN(score)) continue;
        const trials = mx.trials === null ? 1 : mx.trials[cell]!;
        lines.push(`${model},${bench},${csvField(mx.items[i]!)},${formatScore(score)},${trials}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * `items.truth.csv`: `benchmark,item,kind,cluster,a,b,c,g` — the truth per item. `a`, `b`, `c` are empty
 * for items that are not cluster members; `cluster` is -1 for them.
 *
 * @example itemsCsv(sim).split('\n')[1] // => 'sim-gen,sim-gen/0,cluster,6,59.6832,0.512256,0.13369,0' (seed 1)
 */
export function itemsCsv(sim: SimulatedLadder): string {
  const lines = ['benchmark,item,kind,cluster,a,b,c,g'];
  for (const it of sim.items) {
    const opt = (v: number | null): string => (v === null ? '' : formatSig(v));
    const id = [csvField(it.benchmark), csvField(it.item), it.kind, String(it.cluster)];
    lines.push([...id, opt(it.a), opt(it.b), opt(it.c), formatSig(it.g)].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * `truth.json`, pretty-printed with 2-space indent and keys in this order: `format`, `computeUnit`
 * (FLOPs per Ĉ unit, 1e18), `config` (as used), `anchor` (model, efficiency, nominal and effective
 * compute), `expected` (per model and benchmark: `accuracy` over all items and `clusterAccuracy` over
 * cluster items), `clusters` (per benchmark and cluster: size and COD law a, b, c, g).
 *
 * @example JSON.parse(truthJson(sim)).anchor // => { model: 'anchor-34B', efficiency: 0.5, … }
 */
export function truthJson(sim: SimulatedLadder): string {
  const anchor = sim.models.find((m) => m.role === 'anchor')!;
  const truth = {
    format: 'scalecast-simulation/1',
    computeUnit: COMPUTE_UNIT,
    config: configJson(sim.config),
    anchor: {
      model: anchor.model,
      efficiency: sim.config.anchor.efficiency,
      compute: sig(anchor.compute),
      effectiveCompute: sig(anchor.effectiveCompute),
    },
    expected: sim.expected.map((e) => ({
      model: e.model,
      role: e.role,
      benchmark: e.benchmark,
      accuracy: sig(e.accuracy),
      clusterAccuracy: e.clusterAccuracy === null ? null : sig(e.clusterAccuracy),
    })),
    clusters: sim.clusters.map((c) => ({
      benchmark: c.benchmark,
      cluster: c.cluster,
      size: c.size,
      a: sig(c.a),
      b: sig(c.b),
      c: sig(c.c),
      g: sig(c.g),
    })),
  };
  return JSON.stringify(truth, null, 2) + '\n';
}

/** The configuration with keys in a fixed order, whatever order the caller wrote them in. */
function configJson(cfg: SimulationConfig): Record<string, unknown> {
  return {
    seed: cfg.seed,
    family: cfg.family,
    ladderParams: [...cfg.ladderParams],
    tokensPerParam: cfg.tokensPerParam,
    targetParams: cfg.targetParams,
    anchor: {
      family: cfg.anchor.family,
      params: cfg.anchor.params,
      tokens: cfg.anchor.tokens,
      efficiency: cfg.anchor.efficiency,
    },
    benchmarks: cfg.benchmarks.map((b) => ({ name: b.name, guess: b.guess, trials: b.trials, items: b.items })),
    kindShares: {
      cluster: cfg.kindShares.cluster,
      emergent: cfg.kindShares.emergent,
      unsolvable: cfg.kindShares.unsolvable,
      noisy: cfg.kindShares.noisy,
    },
    clusters: { min: cfg.clusters.min, max: cfg.clusters.max },
    jitter: { a: cfg.jitter.a, b: cfg.jitter.b, c: cfg.jitter.c },
  };
}

/**
 * A score j/k as text: rounded to 6 decimals, trailing zeros dropped; exactly `0` and `1` at the ends.
 *
 * @example formatScore(37 / 100) // => '0.37'
 * @example formatScore(1 / 3)    // => '0.333333'
 */
export function formatScore(score: number): string {
  if (score === 0) return '0';
  if (score === 1) return '1';
  const s = score.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** `x` rounded to 6 significant digits (−0 becomes 0). */
function sig(x: number): number {
  const r = Number(x.toPrecision(6));
  return r === 0 ? 0 : r;
}

/** `x` rounded to 6 significant digits, as the shortest text that parses back to it. */
function formatSig(x: number): string {
  return String(sig(x));
}

/** A count: plain digits when it is a safe integer, else the shortest round-trip exponent. */
function formatCount(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : x.toExponential();
}

/** Quotes a CSV field when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
