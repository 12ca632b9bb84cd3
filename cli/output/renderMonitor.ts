/** Text and CSV output of `monitor`. */
import type { MonitorResult } from '../../src/monitor/monitorRun.js';
import { FORECASTERS } from '../../src/monitor/forecastRun.js';
import { csvCell } from '../../src/io/csvCell.js';
import { formatQuantity } from '../../src/io/quantity.js';
import { formatTable } from './textTable.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (100 * v).toFixed(1));

function where(r: MonitorResult, at: number): string {
  return r.axis === 'tokens' ? `${formatQuantity(at)} tokens` : `step ${Math.round(at)}`;
}

/** The text report: a row per benchmark, then the alarms. */
export function renderMonitor(r: MonitorResult): string {
  const lines: string[] = [];
  const lastAt = Math.max(...r.benchmarks.map((b) => b.last.at));
  lines.push(
    `Run ${r.run}: checkpoints to ${where(r, lastAt)} (${((100 * lastAt) / r.end).toFixed(0)}% of the planned ${where(r, r.end)}); ladder: ${r.ladder.length === 0 ? 'none' : r.ladder.join(', ')}`,
    '',
    formatTable(
      [
        { header: 'benchmark' },
        { header: 'checkpoints', right: true },
        { header: 'latest (%)', right: true },
        { header: 'at the end (%)', right: true },
        { header: '95% interval', right: true },
        ...FORECASTERS.filter((f) => f !== 'default').map((f) => ({ header: f, right: true })),
        { header: 'alarms', right: true },
      ],
      r.benchmarks.map((b) => [
        b.benchmark,
        String(b.checkpoints),
        pct(b.last.score),
        pct(b.forecasts.default.value),
        b.interval === null ? '' : `[${pct(b.interval[0])}, ${pct(b.interval[1])}]`,
        ...FORECASTERS.filter((f) => f !== 'default').map((f) => pct(b.forecasts[f].value)),
        `${b.alarms.length} of ${b.checked}`,
      ]),
    ),
    '',
    'At the end: the mean of own-curve (the run\'s saturating curve in tokens) and ladder-gain (what the ladder run nearest in size gained over the same stretch of training); own-curve alone without a ladder; carry is the latest checkpoint.',
  );
  const alarms = r.benchmarks.flatMap((b) => b.alarms.map((a) => ({ b, a })));
  lines.push('', alarms.length === 0 ? 'No checkpoint off its path (95% band).' : `Alarms (${alarms.length}): checkpoints off the path's 95% band`);
  for (const { b, a } of alarms) {
    lines.push(`- ${b.benchmark} at ${where(r, a.tokens)}: ${pct(a.score)}%, ${Math.abs(100 * a.residual).toFixed(1)} points ${a.residual < 0 ? 'below' : 'above'} the path (${pct(a.expected)}%; ${a.sigmas.toFixed(1)} σ, σ = ${(100 * b.sigma).toFixed(2)} points)`);
  }
  if (r.warnings.length > 0) lines.push('', `Warnings (${r.warnings.length})`, ...r.warnings.map((w) => `- ${w}`));
  return `${lines.join('\n')}\n`;
}

/** `monitor --csv`: one row per benchmark, scores as fractions. */
export function monitorCsv(r: MonitorResult): string {
  const head = ['run', 'benchmark', 'checkpoints', 'last_at', 'latest', 'end_at', 'prediction', 'low', 'high', ...FORECASTERS.filter((f) => f !== 'default'), 'alarms', 'unit'];
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const rows = r.benchmarks.map((b) =>
    [r.run, b.benchmark, String(b.checkpoints), num(b.last.at), num(b.last.score), num(r.end), num(b.forecasts.default.value), num(b.interval?.[0]), num(b.interval?.[1]), ...FORECASTERS.filter((f) => f !== 'default').map((f) => num(b.forecasts[f].value)), String(b.alarms.length), 'fraction']
      .map(csvCell)
      .join(','),
  );
  return `${head.join(',')}\n${rows.map((l) => `${l}\n`).join('')}`;
}
