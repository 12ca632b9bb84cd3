/**
 * Chart text that a reader can read (issue 12): no two text labels of a chart overlap — judged from
 * the rendered SVG's text boxes (svgText.ts) over every chart of the main job and the density chart
 * of the public table —, no chart makes Vega-Lite warn (the report's console would show it), log
 * axes read 10¹⁸ and show parameters on the params axis, and the label placer itself.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_AXIS_LABEL, logAxisValues, powerOfTen, superscript } from '../../src/charts/chartStyle.js';
import { panelGrid } from '../../src/charts/clusterChart.js';
import { placeLabels, middleBox } from '../../src/charts/labelPlacer.js';
import { compileWarnings, renderSvg } from '../../src/charts/renderChart.js';
import { scalingCurveChart, targetLabel, type ScalingCurveInput } from '../../src/charts/scalingCurveChart.js';
import { overlapArea } from '../../src/charts/textBox.js';
import { embeddedCharts, mainFigures, manyBenchmarkCharts } from './support.js';
import { overlappingTexts, textBoxesOfSvg } from './svgText.js';

const MAIN_CHARTS = ['backtest', 'chinchilla', 'clusters-sim-code', 'clusters-sim-gen', 'density', 'mapping-sim-code', 'mapping-sim-gen', 'scaling-sim-code', 'scaling-sim-gen', 'scaling-sim-mc'];

describe('the text-box estimate of an SVG', () => {
  it('finds two labels written over each other, and none for labels side by side', () => {
    const svg = (dx: number) => `<svg><g transform="translate(10,20)"><text text-anchor="start" transform="translate(0,0)" font-size="10px">Qwen-14B</text><text text-anchor="start" transform="translate(${dx},2)" font-size="10px">phi-1_5</text></g></svg>`;
    // "Qwen-14B" at 10 px is ≈ 51 px wide (DejaVu advances): a second label 20 px to the right overlaps, 60 px does not.
    expect(overlappingTexts(textBoxesOfSvg(svg(20)))).toHaveLength(1);
    expect(overlappingTexts(textBoxesOfSvg(svg(60)))).toEqual([]);
  });

  it('follows group translations, tspan lines and rotations', () => {
    const boxes = textBoxesOfSvg('<svg><g transform="translate(100,50)"><text text-anchor="middle" transform="translate(0,0) rotate(-90)" font-size="10px">ab</text></g></svg>');
    // "ab" is 12.5 px wide; turned by −90° about (100, 50) it runs from y = 56.25 up to 43.75.
    const ys = boxes[0]!.corners.map((c) => c[1]);
    expect(Math.max(...ys)).toBeCloseTo(56.25, 6);
    expect(Math.min(...ys)).toBeCloseTo(43.75, 6);
    const lines = textBoxesOfSvg('<svg><text transform="translate(0,10)" font-size="10px"><tspan>one</tspan><tspan x="0" dy="14">two</tspan></text></svg>');
    expect(lines.map((l) => [l.text, l.corners[0]![1]])).toEqual([
      ['one', 10 - 7.6],
      ['two', 24 - 7.6],
    ]);
  });

  it('sees the collisions of the density chart before issue 12 (committed SVG of that time, as a fixture string)', () => {
    // Four envelope labels as Vega drew them then: left-aligned 6 px right of points a few px apart.
    const labels = [
      ['Qwen-7B', 280.5, 203.6],
      ['phi-1_5', 309.2, 196.6],
      ['Qwen-14B', 318.1, 191.1],
      ['Mistral-7B-v0.1', 320.2, 183.9],
    ] as const;
    const svg = `<svg>${labels.map(([t, x, y]) => `<text text-anchor="start" transform="translate(${x},${y})" font-size="10px">${t}</text>`).join('')}</svg>`;
    expect(overlappingTexts(textBoxesOfSvg(svg)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('every chart of the main job', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mainFigures();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws the ten charts', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)).sort()).toEqual(MAIN_CHARTS);
  });

  for (const name of MAIN_CHARTS) {
    it(`${name}: no two text labels overlap`, () => {
      const boxes = textBoxesOfSvg(readFileSync(join(dir, `${name}.svg`), 'utf8'));
      expect(boxes.length).toBeGreaterThan(10);
      expect(overlappingTexts(boxes)).toEqual([]);
    });
  }

  it('log axes read as powers of ten (10¹⁸), never 1e+18', () => {
    for (const name of ['scaling-sim-gen', 'clusters-sim-gen', 'chinchilla']) {
      const svg = readFileSync(join(dir, `${name}.svg`), 'utf8');
      expect(svg, name).not.toMatch(/>\d(\.\d+)?e[+-]\d+</);
      expect(svg, name).toMatch(/>10[⁰¹²³⁴⁵⁶⁷⁸⁹]+</);
    }
    expect(readFileSync(join(dir, 'scaling-sim-gen.svg'), 'utf8')).toContain('>10¹⁸<');
  });

  it('the cluster chart of sim-code has a panel for each of its 10 clusters in two full rows of 5 (no empty frame)', () => {
    const svg = readFileSync(join(dir, 'clusters-sim-code.svg'), 'utf8');
    expect((svg.match(/>#\d+ · \d+ items</g) ?? []).length).toBe(10);
    // One frame per panel: each panel's y axis (0%, 50%, 100%) is drawn once per row, its x axis once per column.
    expect((svg.match(/>10²⁴</g) ?? []).length).toBe(5);
  });
});

describe('the density chart of the public table (embedded charts)', () => {
  it('has no overlapping labels', async () => {
    const density = embeddedCharts().find((c) => c.name === 'density')!;
    expect(overlappingTexts(textBoxesOfSvg(await renderSvg(density.spec)))).toEqual([]);
  });
});

describe('Vega-Lite compiles every chart without a warning (the report console stays empty)', () => {
  it('embedded charts and the charts of 65 benchmarks', () => {
    for (const c of [...embeddedCharts(), ...manyBenchmarkCharts()]) expect(compileWarnings(c.spec), c.name).toEqual([]);
  }, 120_000);
});

describe('log-axis labels', () => {
  /** The labels Vega draws for ticks at `values` on a log axis with {@link LOG_AXIS_LABEL}. */
  async function labelsAt(values: number[]): Promise<string[]> {
    const svg = await renderSvg({
      width: 400,
      height: 40,
      data: { values: [{ x: 1e-3 }, { x: 1e19 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative', scale: { type: 'log', domain: [1e-3, 1e19], nice: false }, axis: { labelExpr: LOG_AXIS_LABEL, values, title: null } } },
    } as never);
    return [...svg.matchAll(/role-axis-label[^]*?<\/g>/g)].flatMap((g) => [...g[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!));
  }

  it('writes powers of ten in superscript and leaves the ticks between them blank', async () => {
    expect(superscript(21)).toBe('²¹');
    expect(superscript(-3)).toBe('⁻³');
    expect(powerOfTen(5e21)).toBe('5×10²¹');
    expect(powerOfTen(1e18)).toBe('10¹⁸');
    // The tick at 3·10¹⁸ gets an empty label, which Vega does not draw.
    expect(await labelsAt([1e-3, 1, 1e9, 1e18, 3e18])).toEqual(['10⁻³', '10⁰', '10⁹', '10¹⁸']);
    expect(logAxisValues([1e18, 1e24])).toEqual([1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24]);
    expect(logAxisValues([1e6, 1e24], 8)).toEqual([1e6, 1e9, 1e12, 1e15, 1e18, 1e21, 1e24]);
  });

  it('in a real render: the labels Vega draws are the expression evaluated by Vega', async () => {
    const svg = await renderSvg(scalingCurveChart(paramsInput()));
    // The params axis shows parameters: 10⁸ … 10¹¹ for models of 1e8 to 7e10 parameters, not FLOPs.
    for (const t of ['>10⁸<', '>10⁹<', '>10¹⁰<', '>10¹¹<']) expect(svg).toContain(t);
    expect(svg).not.toContain('>10²¹<');
    expect(svg).toContain('Parameters N (log scale)');
  });
});

/** A scaling chart on the params axis: models of 1e8 to 1e10 parameters (x = 120·N²), target 7e10. */
function paramsInput(): ScalingCurveInput {
  const sizes = [1e8, 3e8, 1e9, 3e9, 1e10];
  return {
    benchmark: 'b',
    axis: 'params',
    ladder: sizes.map((n, i) => ({ model: `m${i}`, x: 120 * n * n, score: 0.2 + 0.1 * i })),
    target: { name: 'target (70B params)', x: 120 * 7e10 * 7e10, actual: 0.7 },
    curves: [],
    predictions: [
      { method: 'default', isDefault: true, value: 0.68, interval: [0, 1] },
      { method: 'carry', isDefault: false, value: 0.6, interval: [0.5, 0.7] },
    ],
  };
}

describe('the scaling chart', () => {
  it('does not say "target target": a name that says target is used as it is', () => {
    expect(targetLabel('target (14B params)')).toBe('target (14B params)');
    expect(targetLabel('sim-70B')).toBe('target sim-70B');
  });

  it('draws an interval of [0, 100] as a thin dotted line named uninformative, intervals lighter than points and clipped', async () => {
    const spec = scalingCurveChart(paramsInput()) as unknown as { layer: { layer?: { mark: { type: string; opacity?: number; strokeDash?: number[]; clip?: boolean; strokeWidth?: number }; transform?: { filter: string }[] }[] }[]; title: { subtitle: string } };
    const preds = spec.layer.at(-1)!.layer!;
    const [informative, uninformative, points] = preds;
    expect(informative!.mark).toMatchObject({ type: 'rule', clip: true, strokeWidth: 2 });
    expect(informative!.mark.opacity!).toBeLessThan(1);
    expect(uninformative!.mark).toMatchObject({ type: 'rule', clip: true, strokeWidth: 1, strokeDash: [1, 2] });
    expect(points!.mark).toMatchObject({ type: 'point', opacity: 1 });
    expect(spec.title.subtitle).toContain('95% interval 0.0–100.0%: uninformative');
    const svg = await renderSvg(spec as never);
    expect(overlappingTexts(textBoxesOfSvg(svg))).toEqual([]);
    expect(svg).toContain('>target (70B params)<');
  });
});

describe('panelGrid: small multiples in full rows', () => {
  it('keeps every row full, at most 12 panels and 6 columns', () => {
    expect(panelGrid(3)).toEqual({ panels: 3, columns: 3 });
    expect(panelGrid(6)).toEqual({ panels: 6, columns: 6 });
    expect(panelGrid(7)).toEqual({ panels: 6, columns: 6 });
    expect(panelGrid(9)).toEqual({ panels: 9, columns: 3 });
    expect(panelGrid(10)).toEqual({ panels: 10, columns: 5 });
    expect(panelGrid(11)).toEqual({ panels: 10, columns: 5 });
    expect(panelGrid(13)).toEqual({ panels: 12, columns: 6 });
    for (let n = 1; n <= 40; n++) {
      const g = panelGrid(n);
      expect(g.panels % g.columns, `n = ${n}`).toBe(0);
      expect(g.panels).toBeLessThanOrEqual(Math.min(n, 12));
    }
  });
});

describe('placeLabels', () => {
  it('puts a label right of its point when free, and moves it (with a leader) past an obstacle', () => {
    const [free] = placeLabels([{ text: 'phi-2', fontSize: 10, point: { x: 100, y: 50, r: 4 } }], { width: 600, height: 300 });
    expect(free).toMatchObject({ x: 107, y: 50, anchor: 'start', leader: null, overlaps: false });
    // A wall right and left of the point for 30 px: the label must go further out, with a leader line.
    const walls = [
      { x0: 104, y0: 0, x1: 140, y1: 300 },
      { x0: 60, y0: 0, x1: 96, y1: 300 },
    ];
    const [moved] = placeLabels([{ text: 'phi-2', fontSize: 10, point: { x: 100, y: 50, r: 4 } }], { width: 600, height: 300, obstacles: walls });
    expect(moved!.overlaps).toBe(false);
    expect(moved!.leader).not.toBeNull();
    for (const w of walls) expect(overlapArea(moved!.box, w)).toBe(0);
  });

  it('never lets two labels of crowded points overlap, nor leave the plot', () => {
    const names = ['Qwen-7B', 'phi-1_5', 'Qwen-14B', 'Mistral-7B-v0.1', 'Llama-2-70b-hf', 'phi-2'];
    const placed = placeLabels(
      names.map((text, i) => ({ text, fontSize: 10, point: { x: 300 + 3 * i, y: 200 - 2 * i, r: 4 } })),
      { width: 620, height: 360 },
    );
    for (let i = 0; i < placed.length; i++) {
      const b = placed[i]!.box;
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(620);
      for (let j = i + 1; j < placed.length; j++) expect(overlapArea(b, placed[j]!.box), `${names[i]} × ${names[j]}`).toBe(0);
    }
  });

  it('keeps a label that starts near the left edge inside the plot', () => {
    const [p] = placeLabels([{ text: '5×10¹⁵ FLOPs', fontSize: 9, candidates: [{ x: 10, y: 100, anchor: 'end' }, { x: 10, y: 100, anchor: 'start' }] }], { width: 500, height: 400 });
    expect(p!.anchor).toBe('start');
    expect(middleBox(p!.text, 9, p!.x, p!.y, p!.anchor).x0).toBeGreaterThanOrEqual(0);
  });
});

describe('plot scales (what the placer computes pixels with)', () => {
  it('maps log, linear and time values to the pixels Vega uses, and back', async () => {
    const { toPixel, fromPixel, niceLogDomain, dateMs } = await import('../../src/charts/plotScale.js');
    const log = { type: 'log' as const, domain: [1e18, 1e24] as const, range: [0, 600] as const };
    expect(toPixel(log, 1e21)).toBeCloseTo(300, 9);
    expect(fromPixel(log, 100)).toBeCloseTo(1e19, -5);
    const y = { type: 'linear' as const, domain: [0, 1] as const, range: [340, 0] as const };
    expect(toPixel(y, 0.25)).toBe(255);
    const t = { type: 'time' as const, domain: [dateMs('2023-01-01'), dateMs('2023-01-11')] as const, range: [0, 100] as const };
    expect(toPixel(t, dateMs('2023-01-06'))).toBe(50);
    expect(niceLogDomain([3e18, 2e23])).toEqual([1e18, 1e24]);
    const [lo, hi] = niceLogDomain([9e19, 2e22], 0.5);
    expect(Math.log10(lo)).toBeCloseTo(19.5, 12);
    expect(Math.log10(hi)).toBeCloseTo(22.5, 12);
  });
});
