/** Text output of the ladder jobs: the prediction table, the backtest table and the cluster tables. */
import type { BenchmarkClusters, PredictionTableRow } from '../../src/app/predict.js';
import type { LadderModel, ScalingAxis } from '../../src/predict/ladder.js';
import { METHODS, type MethodId } from '../../src/predict/methods.js';
import { backtestSummary, type BenchmarkBacktest, type BenchmarkPrediction, type MethodSelection } from '../../src/predict/predictSuite.js';
import { csvCell } from '../../src/io/csvCell.js';
import { formatTable, sci } from './textTable.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (100 * v).toFixed(2));

/** The text table of `predict` (also the main job's). */
export function renderPredictions(
  run: { target: { name: string; x: number }; axis: ScalingAxis; ladder: readonly LadderModel[]; rows: readonly PredictionTableRow[]; results: readonly BenchmarkPrediction[] },
  withActual: boolean,
  auto: boolean,
): string {
  const lines = [
    `${/^target\b/i.test(run.target.name) ? `T${run.target.name.slice(1)}` : `Target ${run.target.name}`} at ${sci(run.target.x)} on the ${run.axis} axis; ladder of ${run.ladder.length}: ${run.ladder.map((l) => l.model).join(', ')}`,
    '',
    formatTable(
      [{ header: 'benchmark' }, { header: 'method' }, { header: 'prediction (%)', right: true }, { header: '95% interval', right: true }, ...(withActual ? [{ header: 'actual', right: true }] : []), { header: 'note' }],
      run.rows.map((p) => [
        p.benchmark,
        `${p.method}${p.default ? ' *' : ''}`,
        pct(p.prediction),
        p.interval ? `[${pct(p.interval[0])}, ${pct(p.interval[1])}]` : '',
        ...(withActual ? [pct(p.actual)] : []),
        p.reason ?? '',
      ]),
    ),
  ];
  if (auto) {
    lines.push('', '* the default, per benchmark:');
    for (const r of run.results) lines.push(`  ${r.benchmark}: ${r.auto?.reason ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The methods' warnings for the text output: only of methods that gave a prediction (a method that
 * gave none says why in its note), each text once with the benchmarks it concerns.
 *
 * @example methodWarnings(rows) // => ['e2e-logistic: 4 points for 4 free parameters leave no degrees of freedom: no standard errors (arc, mmlu)']
 */
export function methodWarnings(rows: readonly PredictionTableRow[]): string[] {
  const where = new Map<string, string[]>();
  for (const p of rows) {
    if (p.prediction === null) continue;
    for (const w of p.warnings) {
      const key = `${p.method}: ${w}`;
      const list = where.get(key);
      if (list === undefined) where.set(key, [p.benchmark]);
      else if (!list.includes(p.benchmark)) list.push(p.benchmark);
    }
  }
  return [...where].map(([w, benchmarks]) => `${w} (${benchmarks.length === 1 ? benchmarks[0] : `${benchmarks.length} benchmarks: ${benchmarks.join(', ')}`})`);
}

/** The text table of `backtest`: absolute error per benchmark and method, with mean and max. */
export function renderBacktest(results: readonly BenchmarkBacktest[], methods: MethodSelection, trainSize: number): string {
  const names = results.map((r) => r.benchmark);
  const row = (m: MethodId | 'auto', label: string) => {
    const r = backtestSummary(results, m);
    return [label, ...r.errors.map(pct), pct(r.mean), pct(r.max)];
  };
  const rows = (methods === 'all' || methods === 'auto' ? [...METHODS] : [methods]).map((m) => row(m, m));
  if (methods === 'auto') rows.unshift(row('auto', 'default'));
  return `Absolute error (accuracy points) predicting ${results[0]?.heldOut.join(', ') ?? ''} from the ${trainSize} smaller ladder models\n${formatTable(
    [{ header: 'method' }, ...names.map((n) => ({ header: n, right: true })), { header: 'mean', right: true }, { header: 'max', right: true }],
    rows,
  )}\n`;
}

/** The text of `cluster`: per benchmark, its clusters with their laws and classes. */
export function renderClusters(out: readonly BenchmarkClusters[]): string {
  const lines: string[] = [];
  for (const d of out) {
    if ('reason' in d) {
      lines.push(`${d.benchmark}: ${d.reason}`, '');
      continue;
    }
    lines.push(
      `${d.benchmark}: ${d.items} items, ${d.unsolved} unsolved by the ladder, ${d.outliers} outliers, bandwidth ${d.bandwidth.toFixed(3)}, extrapolatable clusters hold ${(100 * d.extrapolatableShare).toFixed(1)}% of items`,
    );
    lines.push(
      formatTable(
        [{ header: 'cluster', right: true }, { header: 'size', right: true }, { header: 'mean pass rate over the ladder (%)' }, { header: 'a', right: true }, { header: 'b', right: true }, { header: 'c', right: true }, { header: 'g', right: true }, { header: 'class' }],
        d.clusters.map((c) => [
          String(c.cluster),
          String(c.size),
          c.curve.map((v) => (100 * v).toFixed(0)).join(' '),
          c.fit ? c.fit.params.a!.toPrecision(3) : '—',
          c.fit ? c.fit.params.b!.toPrecision(3) : '—',
          c.fit ? c.fit.params.c!.toPrecision(3) : '—',
          c.fit ? c.fit.params.g!.toPrecision(3) : '—',
          c.class,
        ]),
      ),
      ...d.warnings.map((w) => `warning: ${w}`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Scores in CSV and JSON are fractions in [0, 1]; the text tables show percent. */
export const SCORE_UNIT = 'fraction';

const csvNumber = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** `predict --csv`: one row per benchmark and method, scores as fractions. */
export function predictionsCsv(rows: readonly PredictionTableRow[]): string {
  const head = ['benchmark', 'method', 'default', 'prediction', 'low', 'high', 'actual', 'unit', 'note'];
  const lines = rows.map((p) =>
    [p.benchmark, p.method, p.default ? 'yes' : '', csvNumber(p.prediction), csvNumber(p.interval?.[0]), csvNumber(p.interval?.[1]), csvNumber(p.actual), SCORE_UNIT, p.reason ?? ''].map(csvCell).join(','),
  );
  return `${head.join(',')}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** `backtest --csv`: one row per benchmark, method and hidden model, scores and errors as fractions. */
export function backtestCsv(results: readonly BenchmarkBacktest[]): string {
  const head = ['benchmark', 'method', 'model', 'prediction', 'actual', 'abs_error', 'unit', 'note'];
  const lines: string[] = [];
  for (const r of results) {
    for (const h of r.auto?.heldOut ?? []) lines.push([r.benchmark, 'default', h.model, csvNumber(h.prediction), csvNumber(h.actual), csvNumber(h.error), SCORE_UNIT, ''].map(csvCell).join(','));
    for (const m of r.methods) {
      for (const h of m.heldOut) lines.push([r.benchmark, m.method, h.model, csvNumber(h.prediction), csvNumber(h.actual), csvNumber(h.error), SCORE_UNIT, m.reason ?? ''].map(csvCell).join(','));
    }
  }
  return `${head.join(',')}\n${lines.map((l) => `${l}\n`).join('')}`;
}
