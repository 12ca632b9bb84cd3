/**
 * The sections of the HTML report (and the chart list of `figures/`), built from the results of
 * `predict`, `backtest`, `density` and a Chinchilla fit: tables with the same figures as the text
 * output, the charts, and the warnings.
 */
import { monitorChart } from '../charts/monitorChart.js';
import type { MonitorResult } from '../monitor/monitorRun.js';
import { FORECASTERS } from '../monitor/forecastRun.js';
import type { TopLevelSpec } from 'vega-lite';
import { chinchillaChart, type ChinchillaParams } from '../charts/chinchillaChart.js';
import { fileSafe, predictionCharts, type NamedChart, type PredictionRun } from '../charts/chartSet.js';
import { densityChart, emptyDensityChart } from '../charts/densityChart.js';
import type { ReportSection } from '../charts/reportHtml.js';
import type { DensityAnalysisResult } from '../density/densityAnalysis.js';
import type { FitResult } from '../fit/fitLaw.js';
import { METHODS } from '../predict/methods.js';
import { backtestSummary } from '../predict/predictSuite.js';
import { densityTableOrder } from './density.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (100 * v).toFixed(1));
const sig = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(Number(v.toPrecision(3))));

function chartsOf(list: readonly NamedChart[]): { id: string; title: string; spec: TopLevelSpec }[] {
  return list.map((c) => ({ id: c.name, title: c.title, spec: c.spec }));
}

/** Predictions, COD's clusters and maps, and the backtest, as report sections; and their charts. */
export function predictionSections(run: PredictionRun): { sections: ReportSection[]; charts: NamedChart[] } {
  const charts = predictionCharts(run);
  const withActual = run.target.actual.size > 0;
  const rows = run.predictions.flatMap((p) =>
    p.predictions.map((m) => ({
      cells: [p.benchmark, m.method + (m.default ? ' (default)' : ''), pct(m.prediction), m.interval ? `${pct(m.interval[0])}–${pct(m.interval[1])}` : '', ...(withActual ? [pct(run.target.actual.get(p.benchmark))] : []), m.reason ?? ''],
      em: m.default === true,
    })),
  );
  const warnings = [...new Set(run.predictions.flatMap((p) => p.predictions.flatMap((m) => m.warnings.map((w) => `${p.benchmark} (${m.method}): ${w}`))))];
  const sections: ReportSection[] = [
    {
      title: `Predictions of ${run.target.name}`,
      text: [
        `Ladder (${run.ladder.length} models on the ${run.axis} axis): ${run.ladder.map((l) => l.model).join(', ')}. Scores in %, 95% intervals. The default of each benchmark is the policy fitted on the public corpus of real ladders: the largest model's score plus weighted gains of the other methods, with an interval calibrated on the corpus's out-of-sample errors.`,
      ],
      tables: [
        {
          caption: 'Predictions (%)',
          headers: ['benchmark', 'method', 'prediction', '95% interval', ...(withActual ? ['actual'] : []), 'note'],
          rows: rows.map((r) => r.cells),
          numeric: [false, false, true, true, ...(withActual ? [true] : []), false],
          emphasis: rows.map((r) => r.em),
        },
        // A table (folded when long) rather than a paragraph per benchmark, so that 65 benchmarks do not make the page endless.
        { caption: 'How the default was chosen', headers: ['benchmark', 'default'], rows: run.predictions.map((p) => [p.benchmark, p.auto?.reason ?? '']) },
      ],
      charts: chartsOf(charts.filter((c) => c.name.startsWith('scaling-'))),
      warnings,
    },
  ];
  const cod = charts.filter((c) => c.name.startsWith('clusters-') || c.name.startsWith('mapping-'));
  if (cod.length > 0) {
    sections.push({
      title: 'COD: clusters and the subset→full map',
      text: ['Items are clustered by their pass-rate curves over the ladder (improved MeanShift); the COD law is fitted to each cluster, the extrapolatable ones are carried to the target, and their size-weighted mean is mapped to the full benchmark by a monotone spline fitted to the ladder and anchor models.'],
      charts: chartsOf(cod),
    });
  }
  if (run.backtests && run.backtests.length > 0) {
    const methods = ['auto' as const, ...METHODS];
    const names = run.backtests.map((b) => b.benchmark);
    const table = methods.map((m) => {
      const row = backtestSummary(run.backtests!, m);
      return [m === 'auto' ? 'default' : m, ...row.errors.map(pct), pct(row.mean), pct(row.max)];
    });
    sections.push({
      title: 'Backtest',
      text: [`Hiding ${run.backtests[0]!.heldOut.join(' and ')} and predicting them from the smaller ladder models: absolute error in accuracy points.`],
      tables: [{ caption: 'Mean absolute error over the hidden models, per benchmark (points); then the mean and the largest of those over the benchmarks', headers: ['method', ...names, 'mean', 'max'], rows: table, numeric: [false, ...names.map(() => true), true, true], emphasis: table.map((r) => r[0] === 'default') }],
      charts: chartsOf(charts.filter((c) => c.name === 'backtest')),
    });
  }
  return { sections, charts };
}

/** Capacity density as a report section and its chart. */
export function densitySections(result: DensityAnalysisResult, referenceName: string): { sections: ReportSection[]; charts: NamedChart[] } {
  const empty = emptyDensityChart(result);
  const chart: NamedChart | null = empty === undefined ? { name: 'density', title: 'Capacity density over release date', spec: densityChart(result, referenceName) } : null;
  const head = result.average ?? result.benchmarks[0]!;
  const law = result.law;
  const envelope = new Set(law?.on === 'envelope' ? law.points.map((p) => p.model) : []);
  const models = densityTableOrder(head.models);
  const text = [
    `Reference: ${referenceName} (${head.curve.points.length} models), ${head.curve.form} curve, floor ${head.curve.floor.toFixed(3)}, trusted from ${sig(head.curve.range[0] / 1e9)}B to ${sig(head.curve.range[1] / 1e9)}B parameters. Headline: ${result.headline === 'average' ? `the average of ${result.benchmarks.map((b) => b.benchmark).join(', ')}` : result.headline}.`,
    law === null
      ? `No densing-law fit: ${result.lawReason}`
      : `Densing law fitted to ${law.on === 'envelope' ? `the envelope of ${law.points.length} models` : `all ${law.points.length} models`}: ln ρ = ${sig(law.A)}·t ${law.B < 0 ? '−' : '+'} ${sig(Math.abs(law.B))} (t in days since ${law.origin}), R² ${law.r2.toFixed(3)}; doubling time ${law.doublingMonths === null ? 'none' : `${law.doublingMonths.toFixed(2)} months`}${
          law.interval.doublingMonths ? ` (95% bootstrap interval ${law.interval.doublingMonths[0].toFixed(2)}–${law.interval.doublingMonths[1] === null ? '∞' : law.interval.doublingMonths[1].toFixed(2)})` : ''
        }.`,
  ];
  return {
    charts: chart === null ? [] : [chart],
    sections: [
      {
        title: 'Capacity density',
        text: empty === undefined ? text : [...text, `No chart: ${empty} (the models table needs release dates for the models to compare).`],
        charts: chart === null ? [] : [{ id: chart.name, title: chart.title, spec: chart.spec }],
        tables: [
          {
            caption: 'Models by release date (ρ = N̂ / N)',
            headers: ['model', 'family', 'released', 'N (B)', 'score (%)', 'N̂ (B)', 'density', 'envelope'],
            rows: models.map((m) => [
              m.model + (m.reference ? ' (reference)' : ''),
              m.family ?? '',
              m.releaseDate ?? '—',
              m.params === null ? '—' : sig(m.params / 1e9),
              pct(m.score),
              m.effective?.value ? sig(m.effective.value / 1e9) : m.effective?.bound ? `${m.effective.status === 'beyond-ceiling' ? '>' : '<'} ${sig(m.effective.bound / 1e9)}` : '—',
              m.density !== null ? sig(m.density) : m.densityBound ? `${m.densityBound.side === 'lower' ? '>' : '<'} ${sig(m.densityBound.value)}` : '—',
              envelope.has(m.model) ? 'yes' : '',
            ]),
            numeric: [false, false, false, true, true, true, true, false],
            emphasis: models.map((m) => envelope.has(m.model)),
          },
        ],
        warnings: [...result.warnings, ...(law?.warnings ?? [])],
      },
    ],
  };
}

/** A Chinchilla fit as a report section and its chart. */
export function chinchillaSections(fit: FitResult, points: { N: number; D: number; loss: number }[], note: string): { sections: ReportSection[]; charts: NamedChart[] } {
  const p = fit.params as unknown as ChinchillaParams;
  const chart: NamedChart = { name: fileSafe('chinchilla'), title: 'Chinchilla fit', spec: chinchillaChart({ params: p, points }) };
  return {
    charts: [chart],
    sections: [
      {
        title: 'Chinchilla fit',
        text: [note],
        charts: [{ id: chart.name, title: chart.title, spec: chart.spec }],
        tables: [
          {
            caption: `L(N, D) = E + A/N^α + B/D^β fitted to ${fit.n} runs (RMSE ${fit.rmse.toPrecision(3)})`,
            headers: ['parameter', 'value', 'standard error'],
            rows: fit.names.map((n, j) => [n, sig(fit.values[j]!), sig(fit.standardErrors[j])]),
            numeric: [false, true, true],
          },
        ],
        warnings: fit.warnings.map((w) => w.message),
      },
    ],
  };
}

/** The report section of a run in progress: the forecast table, the alarms and the chart. */
export function monitorSections(m: MonitorResult): { sections: ReportSection[]; charts: NamedChart[] } {
  const pc = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (100 * v).toFixed(1));
  const at = (v: number) => (m.axis === 'tokens' ? `${sig(v / 1e9)}B tokens` : `step ${Math.round(v)}`);
  const last = Math.max(...m.benchmarks.map((b) => b.last.at));
  const chart: NamedChart = { name: 'monitor', title: `${m.run}: where it will finish`, spec: monitorChart(m) };
  const names = FORECASTERS.filter((f) => f !== 'default');
  return {
    charts: [chart],
    sections: [
      {
        title: `Run in progress: ${m.run}`,
        text: [
          `Checkpoints to ${at(last)} (${((100 * last) / m.end).toFixed(0)}% of the planned ${at(m.end)}); ladder: ${m.ladder.length === 0 ? 'none' : m.ladder.join(', ')}.`,
          'At the end: the mean of the run\'s own saturating curve and the remaining gain of the ladder run nearest in size (the own curve alone without a ladder), with a 95% interval; an alarm is a checkpoint outside the 95% band of the run\'s path fitted without it.',
        ],
        charts: [{ id: 'monitor', title: chart.title, spec: chart.spec }],
        tables: [
          {
            caption: 'Scores in %',
            headers: ['benchmark', 'checkpoints', 'latest', 'at the end', '95% interval', ...names, 'alarms'],
            rows: m.benchmarks.map((b) => [b.benchmark, String(b.checkpoints), pc(b.last.score), pc(b.forecasts.default.value), b.interval === null ? '' : `${pc(b.interval[0])}–${pc(b.interval[1])}`, ...names.map((f) => pc(b.forecasts[f].value)), `${b.alarms.length} of ${b.checked}`]),
            numeric: [false, true, true, true, true, ...names.map(() => true), true],
          },
        ],
        warnings: [
          ...m.benchmarks.flatMap((b) => b.alarms.map((a) => `${b.benchmark} at ${at(a.tokens)}: ${pc(a.score)}%, ${Math.abs(100 * a.residual).toFixed(1)} points ${a.residual < 0 ? 'below' : 'above'} the path (${a.sigmas.toFixed(1)} σ)`)),
          ...m.warnings,
        ],
      },
    ],
  };
}
