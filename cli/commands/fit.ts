/**
 * `scalecast fit`: fit any scaling law to points in a table, with intervals, bootstrap and
 * predictions; or compare several laws on the same points.
 */
import type { Command } from 'commander';
import { parseRowFilter, readPoints, type RowFilter } from '../../src/data/readPoints.js';
import { bootstrapBands, bootstrapFitParallel, type BootstrapResult } from '../../src/fit/bootstrapFit.js';
import { compareLaws } from '../../src/fit/compareLaws.js';
import { FitDataError } from '../../src/fit/fitError.js';
import { fitLaw, type FitOptions, type FitResult } from '../../src/fit/fitLaw.js';
import type { FitData, Law } from '../../src/fit/law.js';
import { EPOCH_CHINCHILLA_GRID, LAWS, lawById } from '../../src/fit/laws/index.js';
import { inputRanges, predictFit, type FitPrediction } from '../../src/fit/predictFit.js';
import { UsageError } from '../output/failure.js';
import { numberFlag } from './inputOptions.js';
import type { CliIO } from '../output/io.js';
import { formatTable } from '../output/textTable.js';

interface FitFlags {
  law?: string;
  data?: string;
  x?: string;
  y?: string;
  where?: string[];
  tokensFromCompute?: boolean;
  loss: string;
  delta: string;
  space?: string;
  fix?: string[];
  bounds?: string[];
  starts: string;
  bootstrap?: string;
  seed: string;
  resample: string;
  threads?: string;
  predict?: string[];
  level: string;
  compare?: string;
  holdout: string;
  listLaws?: boolean;
  json?: boolean;
}

/** Registers the command. */
export function registerFit(program: Command, io: CliIO): void {
  program
    .command('fit')
    .description('fit a scaling law to points in a table: parameters with intervals, fit statistics, bootstrap, predictions')
    .option('-l, --law <id>', `law to fit: ${LAWS.map((l) => l.id).join(', ')}`)
    .option('-d, --data <file>', 'table of points (.csv, .tsv, .jsonl)')
    .option('-x, --x <columns>', 'input column(s), comma-separated in the law\'s input order')
    .option('-y, --y <column>', 'response column')
    .option('--where <filters...>', 'keep only rows matching, e.g. "loss<4.9" "params>=1e8"')
    .option('--tokens-from-compute', 'the second x column is training FLOPs C: use tokens D = C / (6·N)')
    .option('--loss <kind>', 'squared (Levenberg–Marquardt) or huber (L-BFGS)', 'squared')
    .option('--delta <number>', 'Huber δ', '1e-3')
    .option('--space <space>', 'residuals in linear or log space (default: the law\'s; log for huber)')
    .option('--fix <name=value...>', 'hold parameters fixed, e.g. g=0.25')
    .option('--bounds <name=lo:hi...>', 'override parameter bounds, e.g. alpha=0:1')
    .option('--starts <grid>', 'starting points: default (the law\'s grid) or epoch (Epoch AI\'s 4,500-point Chinchilla grid)', 'default')
    .option('--bootstrap <n>', 'bootstrap replicates for intervals and bands')
    .option('--seed <n>', 'bootstrap seed', '1')
    .option('--resample <what>', 'bootstrap resampling: pairs or residuals', 'pairs')
    .option('--threads <n>', 'bootstrap worker threads (default: all cores)')
    .option('--predict <points...>', 'predict at points, e.g. params=70e9,tokens=1.4e12 or 70e9,1.4e12')
    .option('--level <p>', 'confidence level of intervals', '0.95')
    .option('--compare <ids>', 'compare laws (comma-separated) by AICc and leave-the-largest-out error')
    .option('--holdout <k>', 'points of largest x held out by --compare', '1')
    .option('--list-laws', 'list the laws and their parameters')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast fit --law chinchilla --data runs.csv --x params,tokens --y loss --loss huber --bootstrap 1000 --predict params=70e9,tokens=1.4e12
  $ scalecast fit --law chinchilla --data ../shared/datasets/raw/epoch-chinchilla/svg_extracted_data.csv \\
      --x "Model Size,Training FLOP" --tokens-from-compute --y loss --where "loss<4.9" --loss huber --starts epoch
  $ scalecast fit --law cod --data cluster.csv --x compute --y accuracy --fix g=0.25 --predict 3.8e24
  $ scalecast fit --compare power-offset,logistic,linear-log --data evals.csv --x params --y acc --holdout 2
  $ scalecast fit --list-laws`,
    )
    .action(async (flags: FitFlags) => {
      if (flags.listLaws) {
        io.stdout(renderLaws(flags.json === true));
        return;
      }
      if (flags.compare !== undefined) {
        runCompare(flags, io);
        return;
      }
      await runFit(flags, io);
    });
}

function requireFlag<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`${name} is required`);
  return value;
}


function loadPoints(flags: FitFlags, law: Law | null): { data: FitData; names: string[]; dropped: number } {
  const file = requireFlag(flags.data, '--data');
  const xCols = requireFlag(flags.x, '--x')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const yCol = requireFlag(flags.y, '--y');
  const filters: RowFilter[] = (flags.where ?? []).map((w) => {
    const f = parseRowFilter(w);
    if (f === undefined) throw new UsageError(`cannot read the filter "${w}": write it like "loss<4.9"`);
    return f;
  });
  if (law !== null && xCols.length !== law.inputs.length) {
    throw new UsageError(`${law.id} takes ${law.inputs.length} input column${law.inputs.length === 1 ? '' : 's'} (${law.inputs.join(', ')}); --x gave ${xCols.length}`);
  }
  const pts = readPoints(file, xCols, yCol, filters);
  const names = [...pts.xNames];
  if (flags.tokensFromCompute) {
    if (pts.x.length !== 2) throw new UsageError('--tokens-from-compute needs two x columns: params, then compute');
    pts.x[1] = pts.x[1]!.map((c, i) => c / (6 * pts.x[0]![i]!));
    names[1] = `tokens (= ${names[1]} / (6·${names[0]}))`;
  }
  return { data: { x: pts.x, y: pts.y }, names, dropped: pts.dropped };
}

function fitOptionsFrom(flags: FitFlags, law: Law): FitOptions {
  if (flags.loss !== 'squared' && flags.loss !== 'huber') throw new UsageError(`--loss must be squared or huber, not "${flags.loss}"`);
  if (flags.space !== undefined && flags.space !== 'linear' && flags.space !== 'log') throw new UsageError(`--space must be linear or log`);
  const options: FitOptions = { loss: flags.loss, huberDelta: numberFlag(flags.delta, '--delta'), level: numberFlag(flags.level, '--level') };
  if (!(options.level! > 0 && options.level! < 1)) throw new UsageError('--level must be in (0, 1)');
  if (flags.space !== undefined) options.space = flags.space as 'linear' | 'log';
  const pairs = (list: string[] | undefined, what: string) =>
    (list ?? []).map((s) => {
      const m = /^([^=]+)=(.+)$/.exec(s.trim());
      if (!m) throw new UsageError(`${what} takes name=value, not "${s}"`);
      return [m[1]!.trim(), m[2]!.trim()] as const;
    });
  if (flags.fix) options.fixed = Object.fromEntries(pairs(flags.fix, '--fix').map(([k, v]) => [k, numberFlag(v, `--fix ${k}`)]));
  if (flags.bounds) {
    options.bounds = Object.fromEntries(
      pairs(flags.bounds, '--bounds').map(([k, v]) => {
        const [lo, hi] = v.split(':');
        return [k, [numberFlag(lo ?? '', `--bounds ${k}`), numberFlag(hi ?? '', `--bounds ${k}`)]];
      }),
    );
  }
  if (flags.starts === 'epoch') {
    if (law.id !== 'chinchilla') throw new UsageError('--starts epoch is the Chinchilla grid; use it with --law chinchilla');
    options.starts = EPOCH_CHINCHILLA_GRID;
  } else if (flags.starts !== 'default') {
    throw new UsageError(`--starts must be default or epoch, not "${flags.starts}"`);
  }
  return options;
}

/** Names a --predict point may use for input k: its column, the law's symbol (N, D) and a plain word (params, tokens, compute, x). */
function inputAliases(law: Law, xCols: string[], k: number): string[] {
  const input = law.inputs[k]!;
  const aliases = [xCols[k]!, input, input.split(' ').pop()!];
  if (/param/i.test(input)) aliases.push('params', 'parameters');
  if (/token/i.test(input)) aliases.push('tokens');
  if (/compute/i.test(input)) aliases.push('compute', 'flops');
  if (law.inputs.length === 1) aliases.push('x');
  return aliases.map((a) => a.toLowerCase());
}

function predictionPoints(flags: FitFlags, law: Law, xCols: string[]): number[][] {
  return (flags.predict ?? []).map((text) => {
    const parts = text.split(',').map((s) => s.trim());
    if (parts.every((p) => p.includes('='))) {
      const byName = new Map(parts.map((p) => p.split('=').map((s) => s.trim()) as [string, string]).map(([k, v]) => [k.toLowerCase(), v] as const));
      for (const key of byName.keys()) {
        if (!xCols.some((_, k) => inputAliases(law, xCols, k).includes(key))) {
          throw new UsageError(`--predict ${text}: "${key}" is not an input of ${law.id} (inputs: ${xCols.join(', ')})`);
        }
      }
      return xCols.map((c, k) => {
        const key = inputAliases(law, xCols, k).find((a) => byName.has(a));
        if (key === undefined) throw new UsageError(`--predict ${text}: no value for ${c}`);
        return parseNumberFlag(byName.get(key)!, `--predict ${c}`);
      });
    }
    if (parts.length !== xCols.length) throw new UsageError(`--predict ${text}: expected ${xCols.length} value(s) (${xCols.join(', ')})`);
    return parts.map((p, k) => parseNumberFlag(p, `--predict ${xCols[k]}`));
  });
}

function parseNumberFlag(text: string, name: string): number {
  const m = /^([+-]?[\d.]+(?:e[+-]?\d+)?)([kKmMbBtT]?)$/.exec(text);
  const scale = m && m[2] ? { k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2].toLowerCase()]! : 1;
  const v = m ? Number(m[1]) * scale : Number.NaN;
  if (!Number.isFinite(v)) throw new UsageError(`${name} must be a number, not "${text}"`);
  return v;
}

async function runFit(flags: FitFlags, io: CliIO): Promise<void> {
  const law = lawById(requireFlag(flags.law, '--law (or --compare, --list-laws)'));
  if (law === undefined) throw new UsageError(`unknown law "${flags.law}"; known: ${LAWS.map((l) => l.id).join(', ')}`);
  const { data, names, dropped } = loadPoints(flags, law);
  const options = fitOptionsFrom(flags, law);
  const xCols = flags.x!.split(',').map((s) => s.trim());
  const points = predictionPoints(flags, law, xCols);
  const fit = fitLaw(law, data, options);
  let boot: BootstrapResult | null = null;
  if (flags.bootstrap !== undefined) {
    const samples = numberFlag(flags.bootstrap, '--bootstrap');
    if (!Number.isInteger(samples) || samples < 10) throw new UsageError('--bootstrap must be a whole number ≥ 10');
    if (flags.resample !== 'pairs' && flags.resample !== 'residuals') throw new UsageError('--resample must be pairs or residuals');
    const threads = flags.threads === undefined ? undefined : numberFlag(flags.threads, '--threads');
    const t0 = Date.now();
    boot = await bootstrapFitParallel(law, data, fit, options, { samples, seed: numberFlag(flags.seed, '--seed'), method: flags.resample, threads });
    io.stderr(`bootstrap: ${boot.succeeded} of ${samples} refits succeeded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const ranges = inputRanges(data.x);
  const predictions = points.map((x) => predictFit(law, fit, x, ranges));
  const bands = boot === null ? null : bootstrapBands(law, fit, boot, points);
  if (flags.json) {
    const { draws: _draws, residualDraws: _r, ...bootSummary } = boot ?? ({} as BootstrapResult);
    io.stdout(
      `${JSON.stringify(
        {
          law: { id: law.id, name: law.name, formula: law.formula, inputs: names, response: flags.y },
          data: { file: flags.data, points: data.y.length, dropped },
          fit,
          bootstrap: boot === null ? null : bootSummary,
          predictions: predictions.map((p, i) => ({ ...p, bootstrap: bands?.[i] ?? null })),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  io.stdout(renderFit(law, fit, names, data.y.length, dropped, boot));
  if (predictions.length > 0) io.stdout(`\n${renderPredictions(names, predictions, bands, fit.level)}`);
  if (fit.warnings.length > 0) io.stdout(`\nWarnings\n${fit.warnings.map((w) => `- ${w.message}`).join('\n')}\n`);
}

const g4 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : Number(v.toPrecision(5)).toString());

function renderFit(law: Law, fit: FitResult, names: string[], n: number, dropped: number, boot: BootstrapResult | null): string {
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

function renderPredictions(names: string[], preds: FitPrediction[], bands: ReturnType<typeof bootstrapBands> | null, level: number): string {
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

function runCompare(flags: FitFlags, io: CliIO): void {
  const ids = flags.compare!.split(',').map((s) => s.trim());
  const laws = ids.map((id) => {
    const l = lawById(id);
    if (l === undefined) throw new UsageError(`unknown law "${id}"; known: ${LAWS.map((x) => x.id).join(', ')}`);
    return l;
  });
  const inputs = new Set(laws.map((l) => l.inputs.length));
  if (inputs.size > 1) throw new UsageError('--compare needs laws with the same number of inputs');
  const { data } = loadPoints(flags, laws[0]!);
  const holdout = numberFlag(flags.holdout, '--holdout');
  const fitOptions = Object.fromEntries(laws.map((l) => [l.id, { ...fitOptionsFrom({ ...flags, starts: 'default' }, l) }]));
  if (flags.fix !== undefined) throw new FitDataError('bad-option', '--fix applies to one law; use it with --law, not --compare');
  const rows = compareLaws(laws, data, { holdout, fitOptions });
  if (flags.json) {
    io.stdout(`${JSON.stringify(rows.map(({ fit, ...r }) => ({ ...r, params: fit?.params ?? null, converged: fit?.converged ?? null })), null, 2)}\n`);
    return;
  }
  const table = formatTable(
    [{ header: 'law' }, { header: 'params', right: true }, { header: 'RMSE', right: true }, { header: 'AICc', right: true }, { header: 'ΔAICc', right: true }, { header: `held-out error (largest ${holdout})`, right: true }, { header: 'max', right: true }, { header: 'note' }],
    rows.map((r) => [
      r.law,
      r.fit ? String(r.fit.fixed.filter((f) => !f).length) : '',
      g4(r.fit?.rmse),
      g4(r.aicc),
      g4(r.deltaAicc),
      g4(r.holdoutMeanError),
      g4(r.holdoutMaxError),
      r.error ?? (r.fit?.warnings.map((w) => w.code).join(', ') || ''),
    ]),
  );
  io.stdout(`Laws compared on ${data.y.length} points (held out: the ${holdout} of largest ${flags.x!.split(',')[0]})\n${table}\n`);
}

function renderLaws(json: boolean): string {
  if (json) return `${JSON.stringify(LAWS.map((l) => ({ id: l.id, name: l.name, formula: l.formula, inputs: l.inputs, response: l.response, params: l.params })), null, 2)}\n`;
  return `${LAWS.map(
    (l) =>
      `${l.id}: ${l.name}\n  ${l.formula}\n  inputs: ${l.inputs.join(', ')}; response: ${l.response}\n${l.params
        .map((p) => `  - ${p.name}: ${p.description} [${p.lower}, ${p.upper}]${p.scale === 'log' ? ' (fitted on a log scale)' : ''}`)
        .join('\n')}`,
  ).join('\n\n')}\n`;
}
