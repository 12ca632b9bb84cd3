/**
 * The numbers the charts draw, against hand computations: the fitted curves and band of the scaling
 * chart, the Chinchilla contours and compute-optimal frontier, the backtest's group over benchmarks,
 * and the stable renumbering of SVG ids.
 */
import { describe, expect, it } from 'vitest';
import { ALL_BENCHMARKS, backtestInput } from '../../src/charts/backtestChart.js';
import { chinchillaChart, chinchillaLoss, computeOptimal } from '../../src/charts/chinchillaChart.js';
import { renumberIds } from '../../src/charts/renderChart.js';
import { scalingCurveInput } from '../../src/charts/scalingCurveChart.js';
import { lawById } from '../../src/fit/laws/index.js';
import { predictFit } from '../../src/fit/predictFit.js';
import { EPOCH_CHINCHILLA_FIT } from '../../src/fit/simulateChinchillaRuns.js';
import type { BenchmarkBacktest } from '../../src/predict/predictSuite.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { benchmarkData } from '../../src/data/benchmarkData.js';
import { resolveLadder } from '../../src/predict/ladder.js';
import { predictSuite } from '../../src/predict/predictSuite.js';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths.js';

describe('scaling-curve numbers', () => {
  const dir = join(projectRoot, 'datasets', 'synthetic');
  const data = loadDataset({ scores: [join(dir, 'scores.csv')], models: [join(dir, 'models.csv')] });
  const ladder = resolveLadder(data, { family: 'sim' });
  const target = data.models!.models.find((m) => m.model === 'sim-70B')!;
  const [bench] = benchmarkData(data, { benchmarks: ['sim-code'], guess: { 'sim-code': 0 } });
  const [pred] = predictSuite([bench!], ladder, target.compute!, { methods: 'all', cod: { bootstrap: 0 } });
  const input = scalingCurveInput(bench!, ladder, { name: 'sim-70B', x: target.compute! }, pred!, 'compute');

  it('draws each end-to-end curve as its fitted law, and the band of the default as its delta-method confidence interval', () => {
    const e2e = pred!.predictions.filter((p) => p.method.startsWith('e2e-') && p.fit && p.prediction !== null);
    expect(input.curves.map((c) => c.method).sort()).toEqual(e2e.map((p) => p.method).sort());
    for (const c of input.curves) {
      const p = e2e.find((q) => q.method === c.method)!;
      const law = lawById(p.fit!.law)!;
      for (const pt of c.points) {
        expect(pt.y).toBeCloseTo(law.evaluate(p.fit!.values, [pt.x]), 12);
        if (pt.lo !== undefined) expect(pt.lo).toBeCloseTo(Math.max(0, predictFit(law, p.fit!, [pt.x]).confidence![0]), 12);
      }
    }
    // The ladder's points are the benchmark's scores.
    for (const l of input.ladder) expect(l.score).toBe(bench!.scores.get(l.model));
  });
});

describe('Chinchilla chart numbers', () => {
  const p = EPOCH_CHINCHILLA_FIT;

  it('places the compute-optimal frontier at the minimum loss for the compute (brute force over N)', () => {
    for (const C of [1e19, 1e21, 1e23]) {
      const { N, D } = computeOptimal(p, C);
      expect(6 * N * D).toBeCloseTo(C, -Math.log10(C) + 6);
      let best = { N: 0, L: Infinity };
      for (let e = 6; e <= 13; e += 0.0005) {
        const n = 10 ** e;
        const L = chinchillaLoss(p, n, C / (6 * n));
        if (L < best.L) best = { N: n, L };
      }
      expect(Math.abs(Math.log10(N / best.N))).toBeLessThan(0.001);
    }
  });

  it('draws every contour point on its loss level', () => {
    const spec = chinchillaChart({ params: p }) as unknown as { layer: { data: { values: { level?: string; N: number; D: number }[] } }[] };
    const contour = spec.layer.flatMap((l) => l.data.values).filter((v) => typeof v.level === 'string' && v.level.startsWith('L = '));
    expect(contour.length).toBeGreaterThan(100);
    for (const v of contour) expect(chinchillaLoss(p, v.N, v.D)).toBeCloseTo(Number(v.level!.slice(4)), 9);
  });
});

describe('backtestInput', () => {
  const bt = (benchmark: string, errors: Record<string, [number, number] | null>): BenchmarkBacktest => ({
    benchmark,
    heldOut: ['m5'],
    methods: Object.entries(errors).map(([method, e]) => ({ method: method as never, heldOut: [], meanError: e?.[0] ?? null, maxError: e?.[1] ?? null })),
  });

  it('groups each method over every benchmark: mean of the means, max of the maxima; none for a method that missed one', () => {
    const input = backtestInput([bt('a', { 'e2e-linear': [0.01, 0.02], cod: [0.03, 0.05] }), bt('b', { 'e2e-linear': [0.03, 0.06], cod: null })]);
    const all = input.rows.filter((r) => r.benchmark === ALL_BENCHMARKS);
    expect(all).toEqual([{ benchmark: ALL_BENCHMARKS, method: 'e2e-linear', meanError: 2, maxError: 6 }]);
    expect(input.missing).toEqual(['cod: b']);
  });

  it('keeps a benchmark literally named like the group apart from it', () => {
    const input = backtestInput([bt(ALL_BENCHMARKS, { 'e2e-linear': [0.01, 0.02] }), bt('b', { 'e2e-linear': [0.03, 0.06] })]);
    expect(input.rows.map((r) => r.benchmark)).toEqual([ALL_BENCHMARKS, 'b', `${ALL_BENCHMARKS} (group)`]);
  });
});

describe('renumberIds', () => {
  it('renumbers clip ids and their references by first appearance, and leaves text alone', () => {
    const svg = '<svg><clipPath id="clip14"/><g clip-path="url(#clip14)"/><clipPath id="clip15"/><text>clip14 and clip15</text><g clip-path="url(#clip15)"/></svg>';
    expect(renumberIds(svg)).toBe('<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/><text>clip14 and clip15</text><g clip-path="url(#clip2)"/></svg>');
  });
});

describe('a scaling chart where no method could predict', () => {
  it('says so, with each method\'s reason, instead of an empty legend', async () => {
    const { scalingCurveChart } = await import('../../src/charts/scalingCurveChart.js');
    const { renderSvg } = await import('../../src/charts/renderChart.js');
    const spec = scalingCurveChart({
      benchmark: 'flat',
      axis: 'compute',
      ladder: [1e20, 1e21, 1e22].map((x, i) => ({ model: `m${i}`, x, score: 0.25 })),
      target: { name: 'big', x: 1e24 },
      curves: [],
      predictions: [],
      refusals: ['e2e-linear: the responses are all equal: there is no trend to extrapolate'],
    });
    const svg = await renderSvg(spec);
    expect(svg).toContain('no method could predict the target');
    expect(svg).toContain('e2e-linear: the responses are all equal');
  });
});
