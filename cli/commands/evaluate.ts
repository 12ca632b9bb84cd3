/**
 * `scalecast evaluate`: flags → {@link evaluateCorpus} → a table, JSON or CSV, and optional files
 * (every prediction as CSV, a chart, the fitted policy).
 */
import { existsSync, realpathSync } from 'node:fs';
import { extname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { CorpusError, evaluateCorpus, shippedCorpusFile, type BreakdownGroup, type EvaluationResult, type MethodAccuracy } from '../../src/app/evaluate.js';
import { manifestInputs, readCorpusManifest } from '../../src/data/corpusManifest.js';
import { readPolicyFile } from '../../src/predict/policy/policyFile.js';
import { shippedPolicyFile } from '../../src/predict/policy/shippedPolicy.js';
import { METHODS, type MethodId } from '../../src/predict/methods.js';
import { UsageError } from '../output/failure.js';
import { taskProgress, writeFilesAtomically, type CliIO, type OutputFile } from '../output/io.js';
import { formatTable } from '../output/textTable.js';
import { intFlag } from './inputOptions.js';

interface EvaluateFlags {
  corpus?: string;
  only?: string;
  methods?: string;
  threads?: string;
  bootstrap: string;
  seed: string;
  json?: boolean;
  csv?: boolean;
  rows?: string;
  chart?: string;
  writePolicy?: string;
  policy?: string;
  crossValidate?: boolean;
}


const pts = (v: number | null) => (v === null ? '—' : (100 * v).toFixed(2));
const share = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

function parseMethods(text: string | undefined): MethodId[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((m) => !(METHODS as readonly string[]).includes(m));
  if (list.length === 0 || bad.length > 0) throw new UsageError(`--methods takes ${METHODS.join(', ')} (comma-separated), not "${text}"`);
  return list as MethodId[];
}

/** Refuses an output path that is one of the corpus's inputs (the manifest or a data file). */
function checkOutput(path: string, flag: string, inputs: readonly string[]): void {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  const out = real(path);
  for (const input of inputs) {
    const inp = real(input);
    if (out === inp || out.startsWith(`${inp}/`)) throw new UsageError(`${flag} ${path} would write over an input of the corpus (${input})`);
  }
}

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
  return `${head}\n${rows.join('\n')}\n`;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Every prediction as CSV: the case, the truth, the default and each method's value and interval. */
export function predictionsCsv(r: EvaluationResult): string {
  const methods = r.methods.map((m) => m.method).filter((m) => m !== 'default') as MethodId[];
  const head = ['case', 'ladder', 'lineage', 'source', 'split', 'benchmark', 'kind', 'ladder_size', 'target', 'ratio', 'actual', 'default', 'default_low', 'default_high', ...methods.flatMap((m) => [m, `${m}_low`, `${m}_high`])];
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const lines = r.rows.map((row) =>
    [
      row.case, row.ladder, row.lineage, row.source, row.split, row.benchmark, row.kind, String(row.ladderSize), row.target, String(row.ratio), String(row.actual),
      String(row.default.value), String(row.default.interval[0]), String(row.default.interval[1]),
      ...methods.flatMap((m) => {
        const x = row.methods[m];
        return [num(x?.value), num(x?.interval?.[0]), num(x?.interval?.[1])];
      }),
    ].map(csvCell).join(','),
  );
  return `${head.join(',')}\n${lines.join('\n')}\n`;
}

/** Registers `evaluate`. */
export function registerEvaluate(program: Command, io: CliIO): void {
  program
    .command('evaluate')
    .description('run every method on every case of a corpus of real ladders and report how accurate each is')
    .option('--corpus <file>', 'a corpus manifest (default: the shipped one, datasets/corpus/public.json, which reads ../shared/datasets/raw)')
    .option('--only <text>', 'only the ladders whose id contains this text')
    .option('--methods <list>', `methods to report, comma-separated (default: all of ${METHODS.join(', ')}); the default's components run anyway`)
    .option('--threads <n>', 'worker threads (default: one per CPU, at most 8)')
    .option('--bootstrap <n>', "COD's item-bootstrap replicates for its interval", '200')
    .option('--seed <n>', 'seed of every random step', '1')
    .option('--json', 'print JSON: methods [{method, mae, max, n, coverage, …}], the breakdowns, every prediction and the fitted policy')
    .option('--csv', 'print the summary as CSV (one row per breakdown, part and method)')
    .option('--rows <file>', 'also write every prediction as CSV to this file')
    .option('--chart <file>', 'also draw the accuracy chart: .svg, .png or .vl.json')
    .option('--write-policy <file>', 'also write the default policy fitted on this corpus (JSON; predict --policy reads it)')
    .option('--policy <file>', 'judge this fitted policy as the default (the default for any corpus but the shipped one: the shipped policy)')
    .option('--cross-validate', "judge the default by fitting it on the corpus itself, leaving each lineage out (the default for the shipped corpus)")
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast evaluate                                   # the shipped public corpus (needs ../shared)
  $ scalecast evaluate --only obsscaling --methods carry,e2e-linear,pop-curve
  $ scalecast evaluate --json > evaluation.json
  $ scalecast evaluate --chart evaluation.png --rows predictions.csv
  $ scalecast evaluate --corpus my-ladders.json --write-policy my-policy.json`,
    )
    .action(async (flags: EvaluateFlags) => {
      if (flags.json && flags.csv) throw new UsageError('--json and --csv exclude each other');
      const corpus = flags.corpus ?? shippedCorpusFile();
      if (flags.corpus === undefined && !existsSync(corpus)) throw new UsageError(`the shipped corpus is missing (${corpus})`);
      const manifest = readCorpusManifest(corpus);
      const inputs = manifestInputs(manifest);
      const chartExt = flags.chart === undefined ? undefined : flags.chart.endsWith('.vl.json') ? 'json' : extname(flags.chart).slice(1).toLowerCase();
      if (chartExt !== undefined && chartExt !== 'svg' && chartExt !== 'png' && chartExt !== 'json') throw new UsageError(`--chart must end in .svg, .png or .vl.json, not "${flags.chart}"`);
      if (flags.policy !== undefined) inputs.push(flags.policy);
      for (const [flag, path] of [['--rows', flags.rows], ['--chart', flags.chart], ['--write-policy', flags.writePolicy]] as const) if (path !== undefined) checkOutput(path, flag, inputs);
      const threads = flags.threads === undefined ? undefined : intFlag(flags.threads, '--threads', 1, 64);
      if (flags.policy !== undefined && flags.crossValidate) throw new UsageError('--policy and --cross-validate exclude each other: a default is judged one way');
      const isShipped = (p: string) => existsSync(p) && existsSync(shippedPolicyFile()) && realpathSync(p) === realpathSync(shippedPolicyFile());
      if (flags.policy !== undefined && isShipped(flags.policy) && realpathSync(manifest.file) === realpathSync(shippedCorpusFile())) {
        throw new UsageError('the shipped policy was fitted on the shipped corpus, so judging it there is judging it in sample; use --cross-validate (the default here)');
      }
      const judge = flags.policy !== undefined ? readPolicyFile(flags.policy) : flags.crossValidate ? 'cross-validation' : 'auto';
      const progress = taskProgress(io, 'evaluating ladders');
      const started = performance.now();
      const result = await evaluateCorpus({
        corpus: manifest,
        methods: parseMethods(flags.methods),
        only: flags.only,
        threads,
        bootstrap: intFlag(flags.bootstrap, '--bootstrap', 0, 100000),
        seed: intFlag(flags.seed, '--seed', 0, 2 ** 32 - 1),
        today: new Date().toISOString().slice(0, 10),
        onProgress: progress,
        judge,
      }).catch((e) => {
        if (e instanceof CorpusError) throw new UsageError(e.message);
        throw e;
      });
      const seconds = (performance.now() - started) / 1000;
      const files: { path: string; content: string | Uint8Array }[] = [];
      if (flags.rows !== undefined) files.push({ path: flags.rows, content: predictionsCsv(result) });
      if (flags.writePolicy !== undefined) {
        if (result.policy === null) throw new UsageError('--write-policy: a policy is calibrated leaving lineages out, and this corpus has ladders of one lineage only');
        files.push({ path: flags.writePolicy, content: `${JSON.stringify(result.policy, null, 2)}\n` });
      }
      if (flags.chart !== undefined) {
        const { evaluationChart } = await import('../../src/charts/evaluationChart.js');
        const spec = evaluationChart({ corpus: result.corpus, methods: result.methods, kinds: result.breakdowns.kind, judged: result.defaultJudged.by === 'policy' ? `the default is the policy fitted on corpus "${result.defaultJudged.corpus}"` : 'the default is judged leaving each lineage out' });
        if (chartExt === 'json') files.push({ path: flags.chart, content: `${JSON.stringify(spec, null, 2)}\n` });
        else {
          const { renderSvg, svgToPng } = await import('../../src/charts/renderChart.js');
          const svg = await renderSvg(spec);
          files.push({ path: flags.chart, content: chartExt === 'svg' ? svg : svgToPng(svg) });
        }
      }
      const cwd = process.cwd();
      writeFilesAtomically(cwd, files.map((f): OutputFile => ({ name: relative(cwd, resolve(f.path)), content: f.content })));
      if (flags.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else if (flags.csv) io.stdout(evaluationCsv(result));
      else io.stdout(renderEvaluation(result, seconds));
    });
}
