/** Text and JSON output of `density`. */
import { densityTableOrder } from '../../src/app/density.js';
import type { ModelDensity } from '../../src/density/capacityDensity.js';
import { AVERAGE, type DensityAnalysisResult } from '../../src/density/densityAnalysis.js';
import { formatQuantity } from '../../src/io/quantity.js';
import { csvCell } from '../../src/io/csvCell.js';
import { formatTable } from './textTable.js';

const quantity = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatQuantity(v));
const rho = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toPrecision(2));

function densityCell(m: ModelDensity): string {
  if (m.density !== null) return rho(m.density);
  if (m.densityBound !== null) return `${m.densityBound.side === 'lower' ? '>' : '<'} ${rho(m.densityBound.value)}`;
  return '—';
}

function effectiveCell(m: ModelDensity): string {
  const e = m.effective;
  if (e === null) return '—';
  if (e.status === 'ok') return quantity(e.value);
  return `${e.status === 'beyond-ceiling' ? '>' : '<'} ${quantity(e.bound)}`;
}

/** Per-model warnings printed in the text report; the JSON has them all. */
const MAX_MODEL_WARNINGS = 10;

/** The text report. */
export function renderDensity(r: DensityAnalysisResult, referenceDescription: string): string {
  const head = r.average ?? r.benchmarks[0]!;
  const curve = head.curve;
  const out: string[] = [];
  out.push(
    `Reference: ${referenceDescription} (${curve.points.length} models: ${curve.points.map((p) => p.model).join(', ')})`,
    `Curve: ${curve.form}${curve.form === 'two-step' ? ` at D0 = ${formatQuantity(curve.tokens!)} tokens` : ', score against log10 params'}, floor ${curve.floor.toFixed(3)}, ceiling ${curve.ceiling}; trusted sizes ${formatQuantity(curve.range[0])}–${formatQuantity(curve.range[1])}`,
    `Headline: ${r.headline === AVERAGE ? `the average of ${r.benchmarks.map((b) => b.benchmark).join(', ')}` : r.headline}`,
    '',
  );
  const envelope = new Set(r.law?.on === 'envelope' ? r.law.points.map((p) => p.model) : []);
  const rows = densityTableOrder(head.models)
    .map((m) => [
      m.model + (m.reference ? ' (ref)' : ''),
      m.family ?? '',
      m.releaseDate ?? '—',
      quantity(m.params),
      m.score.toFixed(4),
      effectiveCell(m),
      m.effective?.interval ? `${quantity(m.effective.interval[0])}–${quantity(m.effective.interval[1])}` : '',
      densityCell(m),
      m.densityInterval ? `${rho(m.densityInterval[0])}–${rho(m.densityInterval[1])}` : '',
      envelope.has(m.model) ? '*' : '',
    ]);
  out.push(
    formatTable(
      [
        { header: 'model' },
        { header: 'family' },
        { header: 'released' },
        { header: 'N', right: true },
        { header: 'score', right: true },
        { header: 'N̂', right: true },
        { header: `N̂ ${Math.round(curve.level * 100)}%`, right: true },
        { header: 'density', right: true },
        { header: `density ${Math.round(curve.level * 100)}%`, right: true },
        { header: 'envelope' },
      ],
      rows,
    ),
    '',
  );
  if (r.law !== null) {
    const l = r.law;
    const ci = (v: [number, number | null] | null, digits: number) => (v === null ? 'no interval' : `${v[0].toFixed(digits)}–${v[1] === null ? '∞' : v[1].toFixed(digits)}`);
    out.push(
      `Densing law (${l.on === 'envelope' ? `envelope of ${l.points.length} models` : `all ${l.points.length} models`}; t in days since ${l.origin}): ln ρ = ${l.A.toPrecision(3)}·t ${l.B < 0 ? '−' : '+'} ${Math.abs(l.B).toPrecision(3)}, R² ${l.r2.toFixed(3)}`,
      l.doublingDays === null
        ? 'Doubling time: none (density does not grow)'
        : `Doubling time: ${l.doublingMonths!.toFixed(2)} months (${l.doublingDays.toFixed(0)} days); ${
            l.interval.doublingMonths === null
              ? `no bootstrap interval (${l.bootstrap.samples === 0 ? '--bootstrap 0' : `${l.bootstrap.succeeded} of ${l.bootstrap.samples} replicates usable`})`
              : `${Math.round(l.level * 100)}% bootstrap interval ${ci(l.interval.doublingMonths, 2)} months (${ci(l.interval.doublingDays, 0)} days; ${l.bootstrap.succeeded} of ${l.bootstrap.samples} replicates, seed ${l.bootstrap.seed})`
          }`,
      '',
    );
  } else {
    out.push(`Densing law: not fitted — ${r.lawReason}`, '');
  }
  if (r.average !== null) {
    const names = r.benchmarks.map((b) => b.benchmark);
    const order = rows.map((row) => row[0]!.replace(/ \(ref\)$/, ''));
    const models = [...new Set([...order, ...r.benchmarks.flatMap((b) => b.models.map((m) => m.model))])];
    const lookup = new Map(r.benchmarks.map((b) => [b.benchmark, new Map(b.models.map((m) => [m.model, m]))]));
    out.push('Density per benchmark');
    out.push(
      formatTable(
        [{ header: 'model' }, ...names.map((n) => ({ header: n, right: true }))],
        models.map((m) => [m, ...names.map((n) => {
          const d = lookup.get(n)!.get(m);
          return d === undefined ? '' : densityCell(d);
        })]),
      ),
      '',
    );
  }
  const perModel = head.models.filter((m) => m.warnings.length > 0).map((m) => `${m.model}: ${m.warnings.join('; ')}`);
  const shown = perModel.slice(0, MAX_MODEL_WARNINGS);
  if (perModel.length > shown.length) shown.push(`… and ${perModel.length - shown.length} more models with warnings (all of them in --json)`);
  const warnings = [
    ...r.warnings,
    ...[...(r.average ? [r.average] : []), ...r.benchmarks].flatMap((b) => b.curve.warnings.map((w) => `${b.benchmark}: ${w}`)),
    ...(r.law?.warnings ?? []),
    ...shown,
  ];
  if (warnings.length > 0) out.push(`Warnings (${warnings.length})`, ...warnings.map((w) => `- ${w}`), '');
  return out.join('\n');
}

/** The JSON report. */
export function densityJson(r: DensityAnalysisResult, referenceDescription: string): unknown {
  const bench = (b: DensityAnalysisResult['benchmarks'][number]) => ({
    benchmark: b.benchmark,
    curve: {
      form: b.curve.form,
      floor: b.curve.floor,
      ceiling: b.curve.ceiling,
      tokens: b.curve.tokens,
      range: b.curve.range,
      params: { ...(b.curve.lossFit ? { loss: b.curve.lossFit.params } : {}), score: b.curve.scoreFit.params },
      r2: b.curve.scoreFit.r2 ?? null,
      rmse: b.curve.scoreFit.rmse,
      points: b.curve.points,
      warnings: b.curve.warnings,
    },
    models: b.models,
  });
  return {
    unit: 'fraction',
    reference: referenceDescription,
    headline: r.headline,
    average: r.average ? bench(r.average) : null,
    benchmarks: r.benchmarks.map(bench),
    law: r.law,
    lawReason: r.lawReason,
    warnings: r.warnings,
  };
}


/**
 * `density --csv`: the headline table, one row per model in the text's order; scores as fractions,
 * sizes in parameters, bounds where a score is outside the reference's reach.
 */
export function densityCsv(r: DensityAnalysisResult): string {
  const head = r.average ?? r.benchmarks[0]!;
  const envelope = new Set(r.law?.on === 'envelope' ? r.law.points.map((p) => p.model) : []);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const header = ['model', 'family', 'reference', 'released', 'params', 'score', 'unit', 'effective_params', 'effective_low', 'effective_high', 'effective_status', 'density', 'density_low', 'density_high', 'density_bound', 'envelope'];
  const rows = densityTableOrder(head.models).map((m) => {
    const e = m.effective;
    return [
      m.model, m.family ?? '', m.reference ? 'yes' : '', m.releaseDate ?? '', num(m.params), num(m.score), 'fraction',
      num(e?.status === 'ok' ? e.value : null), num(e?.interval?.[0]), num(e?.interval?.[1]), e?.status ?? '',
      num(m.density), num(m.densityInterval?.[0]), num(m.densityInterval?.[1]),
      m.densityBound === null ? '' : `${m.densityBound.side === 'lower' ? '>' : '<'}${m.densityBound.value}`,
      envelope.has(m.model) ? 'yes' : '',
    ].map(csvCell).join(',');
  });
  return `${header.join(',')}\n${rows.map((l) => `${l}\n`).join('')}`;
}
