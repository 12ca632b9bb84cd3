/** Text output of `fit`: the fitted law, its predictions, a comparison of laws, the list of laws. */
import type { BootstrapResult } from '../../src/fit/bootstrapFit.js';
import type { bootstrapBands } from '../../src/fit/bootstrapFit.js';
import type { LawComparison } from '../../src/fit/compareLaws.js';
import type { FitResult } from '../../src/fit/fitLaw.js';
import type { Law } from '../../src/fit/law.js';
import { LAWS } from '../../src/fit/laws/index.js';
import type { FitPrediction } from '../../src/fit/predictFit.js';
import { formatTable } from './textTable.js';

const g4 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : Number(v.toPrecision(5)).toString());

export function renderFit(law: Law, fit: FitResult, names: string[], n: number, dropped: number, boot: BootstrapResult | null): string {
  const lines: string[] = [];
  lines.push(`${law.name}: ${law.formula}`);
  lines.push(`inputs: ${names.join(', ')}`);
  const how = fit.loss === 'huber' ? `Huber loss (δ = ${fit.huberDelta}) in ${fit.space} space, L-BFGS` : `least squares in ${fit.space} space, Levenberg–Marquardt`;
  lines.push(`${n} points${dropped > 0 ? ` (${dropped} rows left out by --where)` : ''}; ${how}; ${fit.starts.tried} starts, ${fit.starts.converged} converged, ${fit.starts.agreeing} reached the best`);
  lines.push('');
  const pct = Math.round(fit.level * 100);
  const cols = [
    { header: 'param' },
    { header: 'value', right: true },
    { header: 'std. error', right: true },
    { header: `${pct}% interval`, right: true },
  ];
  if (boot !== null) cols.push({ header: 'bootstrap s.e.', right: true }, { header: `bootstrap ${Math.round(boot.level * 100)}%`, right: true });
  const rows = fit.names.map((name, j) => {
    const iv = fit.intervals[j];
    const row = [name + (fit.fixed[j] ? ' (fixed)' : ''), g4(fit.values[j]), g4(fit.standardErrors[j]), iv ? `[${g4(iv[0])}, ${g4(iv[1])}]` : '—'];
    if (boot !== null) row.push(g4(boot.standardErrors[j]), `[${g4(boot.intervals[j]![0])}, ${g4(boot.intervals[j]![1])}]`);
    return row;
  });
  lines.push(formatTable(cols, rows));
  lines.push('');
  lines.push(
    `RMSE ${g4(fit.rmse)}  MAE ${g4(fit.mae)}  R² ${g4(fit.r2)}  AIC ${g4(fit.aic)}  AICc ${g4(fit.aicc)}  BIC ${g4(fit.bic)}  dof ${fit.dof}`,
  );
  lines.push(`${fit.converged ? 'converged' : 'did NOT converge'} (${fit.reason}, ${fit.iterations} iterations)${fit.atBounds.length > 0 ? `; on a bound: ${fit.atBounds.join(', ')}` : ''}`);
  if (boot !== null) lines.push(`bootstrap: ${boot.succeeded} of ${boot.samples} ${boot.method} resamples refitted (seed ${boot.seed})`);
  return `${lines.join('\n')}\n`;
}

export function renderFitPredictions(names: string[], preds: FitPrediction[], bands: ReturnType<typeof bootstrapBands> | null, level: number): string {
  const pct = Math.round(level * 100);
  const cols = [...names.map((n) => ({ header: n, right: true })), { header: 'prediction', right: true }, { header: `${pct}% confidence`, right: true }, { header: `${pct}% prediction`, right: true }];
  if (bands !== null) cols.push({ header: 'bootstrap confidence', right: true }, { header: 'bootstrap prediction', right: true });
  const iv = (v: [number, number] | null | undefined) => (v ? `[${g4(v[0])}, ${g4(v[1])}]` : '—');
  const rows = preds.map((p, i) => {
    const row = [...p.x.map(g4), p.value === null ? `— (${p.reason})` : g4(p.value) + (p.extrapolation ? ' *' : ''), iv(p.confidence), iv(p.prediction)];
    if (bands !== null) row.push(iv(bands[i]!.confidence), iv(bands[i]!.prediction));
    return row;
  });
  const note = preds.some((p) => p.extrapolation) ? '\n* outside the range of the data: an extrapolation' : '';
  return `Predictions\n${formatTable(cols, rows)}${note}\n`;
}

export function renderLaws(json: boolean): string {
  if (json) return `${JSON.stringify(LAWS.map((l) => ({ id: l.id, name: l.name, formula: l.formula, inputs: l.inputs, response: l.response, params: l.params })), null, 2)}\n`;
  return `${LAWS.map(
    (l) =>
      `${l.id}: ${l.name}\n  ${l.formula}\n  inputs: ${l.inputs.join(', ')}; response: ${l.response}\n${l.params
        .map((p) => `  - ${p.name}: ${p.description} [${p.lower}, ${p.upper}]${p.scale === 'log' ? ' (fitted on a log scale)' : ''}`)
        .join('\n')}`,
  ).join('\n\n')}\n`;
}

/** The table of `fit --compare`. */
export function renderComparison(r: { points: number; holdout: number; rows: LawComparison[] }, firstColumn: string): string {
  const table = formatTable(
    [{ header: 'law' }, { header: 'params', right: true }, { header: 'RMSE', right: true }, { header: 'AICc', right: true }, { header: 'ΔAICc', right: true }, { header: `held-out error (largest ${r.holdout})`, right: true }, { header: 'max', right: true }, { header: 'note' }],
    r.rows.map((row) => [
      row.law,
      row.fit ? String(row.fit.fixed.filter((f) => !f).length) : '',
      g4(row.fit?.rmse),
      g4(row.aicc),
      g4(row.deltaAicc),
      g4(row.holdoutMeanError),
      g4(row.holdoutMaxError),
      row.error ?? (row.fit?.warnings.map((w) => w.code).join(', ') || ''),
    ]),
  );
  return `Laws compared on ${r.points} points (held out: the ${r.holdout} of largest ${firstColumn})\n${table}\n`;
}

