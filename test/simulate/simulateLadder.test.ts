import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/io/inputError.js';
import {
  DEFAULT_SIMULATION,
  passRate,
  simulateLadder,
  type SimulatedLadder,
  type SimulatedModel,
} from '../../src/simulate/simulateLadder.js';
import { formatScore, simulationFiles } from '../../src/simulate/writeSimulation.js';
import type { ItemMatrix } from '../../src/data/types.js';

const sim = simulateLadder();
const files = simulationFiles(sim);
const file = (name: string): string => files.find((f) => f.name === name)!.content;
const rows = (name: string): string[][] =>
  file(name)
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

const byRole = (role: SimulatedModel['role']): SimulatedModel[] => sim.models.filter((m) => m.role === role);
const target = byRole('target')[0]!;
const anchor = byRole('anchor')[0]!;
const ladder = byRole('ladder');

function matrix(list: ItemMatrix[], benchmark: string): ItemMatrix {
  return list.find((m) => m.benchmark === benchmark)!;
}

/** Mean observed score of one model column, and its sampling sd from the exact per-item pass rates. */
function observedVsExpected(s: SimulatedLadder, mx: ItemMatrix, model: SimulatedModel) {
  const col = mx.models.indexOf(model.model);
  const trials = s.config.benchmarks.find((b) => b.name === mx.benchmark)!.trials;
  const items = s.items.filter((it) => it.benchmark === mx.benchmark);
  let observed = 0;
  let variance = 0;
  let expected = 0;
  items.forEach((it, i) => {
    const p = passRate(it.law, model.effectiveCompute);
    observed += mx.scores[i * mx.models.length + col]!;
    expected += p;
    variance += (p * (1 - p)) / trials;
  });
  const n = items.length;
  return { observed: observed / n, expected: expected / n, sd: Math.sqrt(variance) / n };
}

describe('simulateLadder models', () => {
  it('builds the 8-model sim ladder, the 70B target and the 34B anchor', () => {
    expect(ladder.map((m) => m.model)).toEqual([
      'sim-122M',
      'sim-238M',
      'sim-411M',
      'sim-652M',
      'sim-973M',
      'sim-1.9B',
      'sim-7B',
      'sim-12B',
    ]);
    expect(target).toMatchObject({ model: 'sim-70B', family: 'sim', params: 70e9, tokens: 1.4e12 });
    expect(anchor).toMatchObject({ model: 'anchor-34B', family: 'anchor', params: 34e9, tokens: 3e12 });
  });

  it('trains the sim family on 20 tokens per parameter with compute 6·N·D', () => {
    for (const m of [...ladder, target]) {
      expect(m.tokens).toBe(20 * m.params);
      expect(m.compute).toBe(6 * m.params * m.tokens);
      expect(m.effectiveCompute).toBe(m.compute);
    }
  });

  it('gives the anchor half the effective compute of its 6·N·D', () => {
    expect(anchor.compute).toBeCloseTo(6.12e23, -18);
    expect(anchor.effectiveCompute).toBe(0.5 * anchor.compute);
  });
});

describe('simulateLadder determinism', () => {
  it('writes byte-identical files for the same seed', () => {
    const again = simulationFiles(simulateLadder({ seed: DEFAULT_SIMULATION.seed }));
    expect(again).toEqual(files);
  });

  it('writes different scores and items for a different seed', () => {
    const other = simulationFiles(simulateLadder({ seed: 2 }));
    for (const name of ['scores.csv', 'heldout.truth.csv', 'items.truth.csv', 'truth.json']) {
      expect(other.find((f) => f.name === name)!.content).not.toBe(file(name));
    }
    expect(other.find((f) => f.name === 'models.csv')!.content).toBe(file('models.csv'));
  });

  it('leaves the earlier benchmarks unchanged when a benchmark is appended', () => {
    const more = simulateLadder({
      benchmarks: [...DEFAULT_SIMULATION.benchmarks, { name: 'extra', guess: 0.1, trials: 5, items: 50 }],
    });
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      expect(matrix(more.scores, b.name).scores).toEqual(matrix(sim.scores, b.name).scores);
    }
    expect(more.scores).toHaveLength(4);
  });

  it('does not mutate the defaults and records the configuration used', () => {
    expect(Object.isFrozen(DEFAULT_SIMULATION)).toBe(true);
    expect(sim.config).toEqual(DEFAULT_SIMULATION);
    expect(sim.config).not.toBe(DEFAULT_SIMULATION);
  });
});

describe('simulateLadder items', () => {
  it('splits each benchmark into 70% cluster, 10% emergent, 8% unsolvable and 12% noisy items', () => {
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      const items = sim.items.filter((it) => it.benchmark === b.name);
      expect(items).toHaveLength(1200);
      const count = (kind: string) => items.filter((it) => it.kind === kind).length;
      expect([count('cluster'), count('emergent'), count('unsolvable'), count('noisy')]).toEqual([840, 120, 96, 144]);
      expect(items.map((it) => it.item)).toEqual(items.map((_, i) => `${b.name}/${i}`));
    }
  });

  it('draws 6 to 10 clusters per benchmark with COD parameters in the documented ranges', () => {
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      const clusters = sim.clusters.filter((c) => c.benchmark === b.name);
      expect(clusters.length).toBeGreaterThanOrEqual(6);
      expect(clusters.length).toBeLessThanOrEqual(10);
      expect(clusters.reduce((s, c) => s + c.size, 0)).toBe(840);
      for (const c of clusters) {
        expect(c.a).toBeGreaterThanOrEqual(1);
        expect(c.a).toBeLessThanOrEqual(200);
        expect(c.b).toBeGreaterThanOrEqual(0.15);
        expect(c.b).toBeLessThanOrEqual(0.6);
        expect(c.c).toBeGreaterThanOrEqual(0);
        expect(c.c).toBeLessThanOrEqual(0.5);
        expect(c.g).toBe(b.guess);
        const members = sim.items.filter((it) => it.benchmark === b.name && it.cluster === c.cluster);
        expect(members).toHaveLength(c.size);
        expect(members.every((it) => it.kind === 'cluster')).toBe(true);
      }
    }
  });

  it('puts most clusters between 0.3 and 0.95 at the target and makes them rise across the ladder', () => {
    let inside = 0;
    for (const c of sim.clusters) {
      const law = { type: 'cod' as const, a: c.a, b: c.b, c: c.c, g: c.g };
      const pT = passRate(law, target.effectiveCompute);
      if (pT >= 0.3 && pT <= 0.95) inside++;
      const rise = passRate(law, ladder[7]!.effectiveCompute) - passRate(law, ladder[0]!.effectiveCompute);
      expect(rise).toBeGreaterThan(0.05);
    }
    expect(inside / sim.clusters.length).toBeGreaterThan(0.8);
  });

  it('keeps each cluster mean close to its cluster law', () => {
    for (const c of sim.clusters) {
      const law = { type: 'cod' as const, a: c.a, b: c.b, c: c.c, g: c.g };
      const members = sim.items.filter((it) => it.benchmark === c.benchmark && it.cluster === c.cluster);
      for (const m of [...ladder, target]) {
        const mean = members.reduce((s, it) => s + passRate(it.law, m.effectiveCompute), 0) / members.length;
        expect(Math.abs(mean - passRate(law, m.effectiveCompute))).toBeLessThan(0.03);
      }
    }
  });

  it('keeps emergent items near g on the ladder and clearly higher at the target', () => {
    const emergent = sim.items.filter((it) => it.kind === 'emergent');
    expect(emergent.length).toBeGreaterThan(0);
    for (const it of emergent) {
      for (const m of ladder) expect(passRate(it.law, m.effectiveCompute)).toBeLessThan(it.g + 0.05);
      expect(passRate(it.law, target.effectiveCompute)).toBeGreaterThan(it.g + 0.4 * (1 - it.g));
    }
    // The observations agree: near g at the largest ladder model, well above it at the target.
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      const idx = sim.items.filter((it) => it.benchmark === b.name).flatMap((it, i) => (it.kind === 'emergent' ? [i] : []));
      const s = matrix(sim.scores, b.name);
      const h = matrix(sim.heldout, b.name);
      const col = s.models.indexOf('sim-12B');
      const atLadder = idx.reduce((acc, i) => acc + s.scores[i * s.models.length + col]!, 0) / idx.length;
      const atTarget = idx.reduce((acc, i) => acc + h.scores[i]!, 0) / idx.length;
      expect(atLadder).toBeLessThan(b.guess + 0.06);
      expect(atTarget).toBeGreaterThan(b.guess + 0.3);
    }
  });

  it('never puts unsolvable items above g in expectation', () => {
    const unsolvable = sim.items.filter((it) => it.kind === 'unsolvable');
    expect(unsolvable.length).toBeGreaterThan(0);
    for (const it of unsolvable) {
      for (const m of sim.models) expect(passRate(it.law, m.effectiveCompute)).toBeLessThanOrEqual(it.g);
    }
    const gen = matrix(sim.scores, 'sim-gen');
    sim.items
      .filter((it) => it.benchmark === 'sim-gen')
      .forEach((it, i) => {
        if (it.kind !== 'unsolvable') return;
        for (let m = 0; m < gen.models.length; m++) expect(gen.scores[i * gen.models.length + m]).toBe(0);
      });
  });

  it('gives noisy items a level between 0.1 and 0.6 with no trend across the ladder', () => {
    const noisy = sim.items.filter((it) => it.kind === 'noisy');
    const first = noisy.reduce((s, it) => s + passRate(it.law, ladder[0]!.effectiveCompute), 0) / noisy.length;
    const last = noisy.reduce((s, it) => s + passRate(it.law, target.effectiveCompute), 0) / noisy.length;
    expect(Math.abs(last - first)).toBeLessThan(0.05);
    for (const it of noisy) {
      for (const m of sim.models) {
        const p = passRate(it.law, m.effectiveCompute);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(0.75);
      }
    }
  });

  it('leaves a, b and c null and the cluster at -1 for items outside clusters', () => {
    for (const it of sim.items) {
      if (it.kind === 'cluster') {
        expect(it.cluster).toBeGreaterThanOrEqual(0);
        expect([it.a, it.b, it.c].every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
      } else {
        expect(it.cluster).toBe(-1);
        expect([it.a, it.b, it.c]).toEqual([null, null, null]);
      }
    }
  });
});

describe('simulateLadder scores and expected accuracies', () => {
  it('keeps every score in [0, 1] as a whole number of successes out of the configured trials', () => {
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      for (const mx of [matrix(sim.scores, b.name), matrix(sim.heldout, b.name)]) {
        expect(mx.items).toHaveLength(b.items);
        if (b.trials === 1) expect(mx.trials).toBeNull();
        else expect(Array.from(new Set(mx.trials!))).toEqual([b.trials]);
        for (const s of mx.scores) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          expect(Math.abs(s * b.trials - Math.round(s * b.trials))).toBeLessThan(1e-9);
        }
      }
    }
    expect(sim.scores[0]!.models).toEqual([...ladder.map((m) => m.model), 'anchor-34B']);
    expect(sim.heldout[0]!.models).toEqual(['sim-70B']);
  });

  it('matches the observed benchmark means to the expected accuracies within sampling error', () => {
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      for (const m of sim.models) {
        const mx = m.role === 'target' ? matrix(sim.heldout, b.name) : matrix(sim.scores, b.name);
        const { observed, expected, sd } = observedVsExpected(sim, mx, m);
        const truth = sim.expected.find((e) => e.model === m.model && e.benchmark === b.name)!;
        expect(truth.accuracy).toBeCloseTo(expected, 12);
        expect(Math.abs(observed - truth.accuracy)).toBeLessThan(4.5 * sd);
      }
    }
  });

  it('makes the cluster-only expected accuracy increase with effective compute', () => {
    const ordered = [...sim.models].sort((x, y) => x.effectiveCompute - y.effectiveCompute);
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      const acc = ordered.map((m) => sim.expected.find((e) => e.model === m.model && e.benchmark === b.name)!.clusterAccuracy!);
      for (let i = 1; i < acc.length; i++) expect(acc[i]!).toBeGreaterThan(acc[i - 1]!);
    }
  });

  it('lists an expected accuracy for every model and benchmark, with the anchor just below the target', () => {
    expect(sim.expected).toHaveLength(sim.models.length * DEFAULT_SIMULATION.benchmarks.length);
    for (const b of DEFAULT_SIMULATION.benchmarks) {
      const get = (model: string) => sim.expected.find((e) => e.model === model && e.benchmark === b.name)!;
      expect(get('anchor-34B').accuracy).toBeLessThan(get('sim-70B').accuracy);
      expect(get('anchor-34B').accuracy).toBeGreaterThan(get('sim-12B').accuracy);
      expect(get('sim-70B').clusterAccuracy).toBeGreaterThan(0.4);
      expect(get('sim-70B').clusterAccuracy).toBeLessThan(0.9);
    }
  });
});

describe('simulationFiles', () => {
  it('writes the five files in order, below 3 MB in total', () => {
    expect(files.map((f) => f.name)).toEqual(['models.csv', 'scores.csv', 'heldout.truth.csv', 'items.truth.csv', 'truth.json']);
    const total = files.reduce((s, f) => s + Buffer.byteLength(f.content), 0);
    expect(total).toBeLessThan(3_000_000);
    for (const f of files) {
      expect(f.content.endsWith('\n')).toBe(true);
      expect(f.content).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it('writes models.csv with numbers that parse back exactly', () => {
    expect(file('models.csv').split('\n')[0]).toBe('model,family,params,tokens,compute');
    expect(file('models.csv').split('\n')[1]).toBe('sim-122M,sim,122000000,2440000000,1.78608e+18');
    const parsed = rows('models.csv');
    expect(parsed.map((r) => r[0])).toEqual(sim.models.map((m) => m.model));
    parsed.forEach((r, i) => {
      const m = sim.models[i]!;
      expect([r[1], Number(r[2]), Number(r[3]), Number(r[4])]).toEqual([m.family, m.params, m.tokens, m.compute]);
    });
  });

  it('writes scores.csv and heldout.truth.csv in long format with exact short fractions', () => {
    for (const [name, list] of [
      ['scores.csv', sim.scores],
      ['heldout.truth.csv', sim.heldout],
    ] as const) {
      expect(file(name).split('\n')[0]).toBe('model,benchmark,item,score,trials');
      const body = rows(name);
      expect(body).toHaveLength(list.reduce((s, mx) => s + mx.items.length * mx.models.length, 0));
      for (const r of body) {
        expect(r[3]).toMatch(/^(0|1|0\.\d{0,5}[1-9])$/);
        const mx = matrix(list, r[1]!);
        const cell = mx.items.indexOf(r[2]!) * mx.models.length + mx.models.indexOf(r[0]!);
        expect(Number(r[3])).toBe(mx.scores[cell]);
        expect(Number(r[4])).toBe(DEFAULT_SIMULATION.benchmarks.find((b) => b.name === r[1])!.trials);
      }
    }
    expect(new Set(rows('heldout.truth.csv').map((r) => r[0]))).toEqual(new Set(['sim-70B']));
  });

  it('writes items.truth.csv with empty a, b, c outside clusters', () => {
    expect(file('items.truth.csv').split('\n')[0]).toBe('benchmark,item,kind,cluster,a,b,c,g');
    const body = rows('items.truth.csv');
    expect(body).toHaveLength(sim.items.length);
    body.forEach((r, i) => {
      const it = sim.items[i]!;
      expect(r.slice(0, 4)).toEqual([it.benchmark, it.item, it.kind, String(it.cluster)]);
      if (it.kind === 'cluster') expect(Number(r[4])).toBeCloseTo(it.a!, 3);
      else expect(r.slice(4, 7)).toEqual(['', '', '']);
      expect(Number(r[7])).toBe(it.g);
    });
  });

  it('writes truth.json with fixed keys, the anchor efficiency and 6-digit expected accuracies', () => {
    const text = file('truth.json');
    expect(text.startsWith('{\n  "format"')).toBe(true);
    const truth = JSON.parse(text);
    expect(Object.keys(truth)).toEqual(['format', 'computeUnit', 'config', 'anchor', 'expected', 'clusters']);
    expect(truth.config).toEqual(DEFAULT_SIMULATION);
    expect(truth.anchor).toEqual({ model: 'anchor-34B', efficiency: 0.5, compute: 6.12e23, effectiveCompute: 3.06e23 });
    expect(truth.expected).toHaveLength(sim.expected.length);
    truth.expected.forEach((e: { accuracy: number; clusterAccuracy: number }, i: number) => {
      expect(e.accuracy).toBe(Number(sim.expected[i]!.accuracy.toPrecision(6)));
      expect(e.clusterAccuracy).toBe(Number(sim.expected[i]!.clusterAccuracy!.toPrecision(6)));
    });
    expect(truth.clusters).toHaveLength(sim.clusters.length);
  });

  it('writes the same truth.json config whatever order the caller gave the keys in', () => {
    const reordered = simulateLadder({
      jitter: { c: 0.1, b: 0.01, a: 0.1 },
      kindShares: { noisy: 0.12, unsolvable: 0.08, emergent: 0.1, cluster: 0.7 },
    });
    const text = simulationFiles(reordered).find((f) => f.name === 'truth.json')!.content;
    expect(text).toBe(file('truth.json'));
  });

  it('formats fractions without trailing zeros', () => {
    expect(formatScore(0)).toBe('0');
    expect(formatScore(1)).toBe('1');
    expect(formatScore(37 / 100)).toBe('0.37');
    expect(formatScore(1 / 3)).toBe('0.333333');
    expect(formatScore(0.5)).toBe('0.5');
    expect(formatScore(1 / 20)).toBe('0.05');
  });
});

describe('simulateLadder configuration', () => {
  it('honours a small custom configuration', () => {
    const small = simulateLadder({
      seed: 11,
      benchmarks: [{ name: 'tiny', guess: 0.5, trials: 5, items: 40 }],
      clusters: { min: 2, max: 2 },
    });
    expect(small.items).toHaveLength(40);
    expect(small.clusters).toHaveLength(2);
    expect(small.scores).toHaveLength(1);
    expect(Array.from(new Set(small.scores[0]!.trials!))).toEqual([5]);
    expect(small.config.seed).toBe(11);
  });

  it('builds a benchmark of 140,000 items (more than a spread call can pass on the stack)', () => {
    const big = simulateLadder({ ladderParams: [1e8, 2e8, 4e8], benchmarks: [{ name: 'big', guess: 0, trials: 1, items: 140_000 }] });
    expect(big.items).toHaveLength(140_000);
    expect(big.scores[0]!.items).toHaveLength(140_000);
  });

  it.each([
    ['a non-integer seed', { seed: 1.5 }],
    ['a decreasing ladder', { ladderParams: [2e9, 1e9] }],
    ['a target smaller than the ladder', { targetParams: 1e9 }],
    ['a guess floor of 1', { benchmarks: [{ name: 'x', guess: 1, trials: 1, items: 10 }] }],
    ['zero trials', { benchmarks: [{ name: 'x', guess: 0, trials: 0, items: 10 }] }],
    ['duplicate benchmark names', { benchmarks: [{ name: 'x', guess: 0, trials: 1, items: 10 }, { name: 'x', guess: 0, trials: 1, items: 10 }] }],
    ['negative kind shares', { kindShares: { cluster: -1, emergent: 0, unsolvable: 0, noisy: 1 } }],
    ['an empty cluster range', { clusters: { min: 5, max: 4 } }],
    ['a zero anchor efficiency', { anchor: { family: 'x', params: 1e9, tokens: 1e12, efficiency: 0 } }],
  ])('rejects %s with an InputError', (_, bad) => {
    let caught: unknown;
    try {
      simulateLadder(bad);
    } catch (e) {
      caught = e;
    }
    expect(isInputError(caught)).toBe(true);
  });
});

describe('passRate', () => {
  it('evaluates the COD law with compute in units of 1e18 FLOPs', () => {
    const p = passRate({ type: 'cod', a: 10, b: 0.3, c: 0.1, g: 0.25 }, 1e22);
    expect(p).toBeCloseTo(0.25 + 0.75 * Math.exp(-10 * Math.pow(1e4, -0.3) - 0.1), 12);
  });

  it('puts a sigmoid at g + (1 − g)·top/2 at its midpoint', () => {
    expect(passRate({ type: 'sigmoid', g: 0.25, top: 0.8, midpoint: 5, width: 0.1 }, 1e23)).toBeCloseTo(0.25 + 0.75 * 0.4, 12);
  });

  it('clamps a wave to [0, 1]', () => {
    expect(passRate({ type: 'wave', level: 0.95, amplitude: 0.2, phase: Math.PI / 2, period: 2 }, 1e18)).toBe(1);
  });
});
