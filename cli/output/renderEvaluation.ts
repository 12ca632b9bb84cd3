/** Text and CSV output of `evaluate`. */
import type { BreakdownGroup, EvaluationResult, MethodAccuracy } from '../../src/app/evaluate.js';
import { csvCell } from '../../src/io/csvCell.js';
import { formatTable } from './textTable.js';

const pts = (v: number | null) => (v === null ? '—' : (100 * v).toFixed(2));
const share = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

function accuracyTable(methods: readonly MethodAccuracy[]): string {
  return formatTable(
    [
      { header: 'method' },
      { header: 'n', right: true },
      { header: 'MAE', right: true },
      { header: 'median', right: true },
      { header: 'max', right: true },
      { header: '≤ 2 pts', right: true },
      { header: '≤ 5 pts', right: true },
      { header: '95% coverage', right: true },
      { header: 'mean width', right: true },
    ],
    methods.map((m) => [m.method, `${m.n}${m.n < m.cases ? `/${m.cases}` : ''}`, pts(m.mae), pts(m.median), pts(m.max), share(m.within2), share(m.within5), m.coverage === null ? '—' : `${share(m.coverage)} (${m.intervals})`, pts(m.meanWidth)]),
  );
}

function breakdownTable(groups: readonly BreakdownGroup[], names: readonly string[]): string {
  return formatTable(
    [{ header: 'part' }, { header: 'n', right: true }, ...names.map((n) => ({ header: n, right: true })), { header: 'default coverage', right: true }],
    groups.map((g) => {
      const d = g.methods.find((m) => m.method === 'default')!;
      return [g.key, String(d.cases), ...names.map((n) => {
        const m = g.methods.find((x) => x.method === n)!;
        return m.n === 0 ? '—' : `${pts(m.mae)}${m.n < m.cases ? ` (${m.n})` : ''}`;
      }), share(d.coverage)];
    }),
  );
}

/** The text report. */
export function renderEvaluation(r: EvaluationResult, seconds: number): string {
  const names = r.methods.map((m) => m.method);
  const c = r.corpus;
  const lines = [
    `Corpus "${c.name}" (${c.file}): ${c.ladders} ladders of ${c.lineages} lineages gave cases (${c.listed} listed), ${c.cases} cases (ladder, split, benchmark), ${c.predictions} predictions; ${r.skipped.length} splits or cases skipped. ${seconds.toFixed(1)} s.`,
    '',
    `Every prediction (absolute error in accuracy points; ${r.defaultJudged.by === 'policy' ? `the default is the policy fitted on corpus "${r.defaultJudged.corpus}" on ${r.defaultJudged.fitted}` : 'the default judged leaving each lineage out'}; n/m: predicted n of m asked)`,
    accuracyTable(r.methods),
  ];
  if (r.line !== null) {
    const ratio = r.line.methodMae > 0 ? ` (${(r.line.defaultMae / r.line.methodMae).toFixed(2)}×)` : '';
    lines.push('', `The default against the straight line on the ${r.line.n} predictions the line made: ${pts(r.line.defaultMae)} against ${pts(r.line.methodMae)} points${ratio}.`);
  }
  lines.push('', 'The default against each method on the predictions that method made (MAE, points)');
  for (const p of r.paired) lines.push(`  ${p.kind}: ${p.comparisons.map((x) => `${x.method} ${pts(x.defaultMae)} vs ${pts(x.methodMae)} (${x.n})`).join('; ')}`);
  for (const [title, groups] of [
    ['By data kind', r.breakdowns.kind],
    ['By ladder length (models the methods saw)', r.breakdowns.ladderLength],
    ['By extrapolation ratio (target size / largest ladder model)', r.breakdowns.ratio],
    ['By source', r.breakdowns.source],
  ] as const) {
    lines.push('', `${title}: MAE in points (n where a method predicted fewer)`, breakdownTable(groups, names));
  }
  if (r.runs !== null) {
    const cuts = [...new Set(r.runs.accuracy.map((a) => a.cut))];
    const forecasters = [...new Set(r.runs.accuracy.map((a) => a.forecaster))];
    const cell = (f: string, cut: number) => {
      const a = r.runs!.accuracy.find((x) => x.forecaster === f && x.cut === cut);
      return a === undefined ? '—' : `${(100 * a.mae).toFixed(2)} / ${(100 * a.max).toFixed(2)} (${a.n})${a.coverage === undefined ? '' : `, 95% interval covers ${(100 * a.coverage).toFixed(0)}%`}`;
    };
    lines.push(
      '',
      `Runs in progress (scalecast monitor): ${r.runs.runs} runs of ${r.runs.entries} entries, each cut at a fraction of its training and forecast at its end; mean / max absolute error in points (cases)`,
      formatTable([{ header: 'forecaster' }, ...cuts.map((c) => ({ header: `cut at ${Math.round(100 * c)}%`, right: true }))], forecasters.map((f) => [f, ...cuts.map((c) => cell(f, c))])),
    );
  }
  if (r.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const s of r.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    const sorted = [...reasons].sort((a, b) => b[1] - a[1]);
    lines.push('', `Skipped (${r.skipped.length}; each with its ladder and split in --json):`, ...sorted.slice(0, 12).map(([why, n]) => `  ${n} × ${why}`));
    if (sorted.length > 12) lines.push(`  … and ${sorted.length - 12} other reasons`);
  }
  return `${lines.join('\n')}\n`;
}

/** The summary as CSV: one row per (breakdown, part, method). */
export function evaluationCsv(r: EvaluationResult): string {
  const head = 'breakdown,part,method,n,cases,mae,median,max,within2,within5,intervals,coverage,mean_width';
  const num = (v: number | null) => (v === null ? '' : String(v));
  const rows: string[] = [];
  const add = (breakdown: string, part: string, methods: readonly MethodAccuracy[]) => {
    for (const m of methods) rows.push([breakdown, part, m.method, m.n, m.cases, num(m.mae), num(m.median), num(m.max), num(m.within2), num(m.within5), m.intervals, num(m.coverage), num(m.meanWidth)].map((v) => csvCell(String(v))).join(','));
  };
  add('all', 'all', r.methods);
  for (const [name, groups] of Object.entries(r.breakdowns)) for (const g of groups) add(name, g.key, g.methods);
  // Runs in progress: one row per cut and forecaster (breakdown "runs", part "cut 25%").
  for (const a of r.runs?.accuracy ?? []) rows.push(['runs', `cut ${Math.round(100 * a.cut)}%`, a.forecaster, a.n, a.n, a.mae, '', a.max, '', '', a.coverage === undefined ? 0 : a.n, a.coverage ?? '', ''].map((v) => csvCell(String(v))).join(','));
  return `${head}\n${rows.join('\n')}\n`;
}


