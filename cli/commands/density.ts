/**
 * `scalecast density`: capacity density of every model against a reference family, and the densing
 * law over release dates (src/density/).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadDataset } from '../../src/data/loadDataset.js';
import { formatQuantity } from '../../src/io/quantity.js';
import type { Dataset } from '../../src/data/types.js';
import type { ModelDensity } from '../../src/density/capacityDensity.js';
import { parseIsoDate } from '../../src/io/quantity.js';
import { OPEN_LLM_LEADERBOARD_V1_CHANCE } from '../../src/density/chanceLevels.js';
import { AVERAGE, densityAnalysis, type DensityAnalysisResult, type DensityBenchmarkInput } from '../../src/density/densityAnalysis.js';
import { benchmarkData } from '../../src/predict/benchmarkData.js';
import { UsageError } from '../output/failure.js';
import type { CliIO } from '../output/io.js';
import { formatTable } from '../output/textTable.js';
import { addInputOptions, intFlag, loadOptionsFrom, numberFlag, type InputFlags } from './inputOptions.js';
import { parseGuess } from './predict.js';

export interface DensityFlags extends InputFlags {
  reference?: string;
  benchmark?: string[];
  guess?: string[];
  form: string;
  ceiling?: string;
  d0: string;
  extrapolation: string;
  fit: string;
  origin: string;
  bootstrap: string;
  seed: string;
  json?: boolean;
}

/**
 * The reference models named by `--reference`: a family of the models table, a comma-separated list
 * of models, or a file with one model per line (or a CSV whose header has a `model` column).
 */
export function resolveReference(spec: string, data: Dataset): { models: string[]; description: string } {
  const table = data.models?.models ?? [];
  const family = table.filter((m) => m.family === spec).map((m) => m.model);
  if (family.length > 0) return { models: family, description: `family ${spec}` };
  if (existsSync(spec)) {
    if (!statSync(spec).isFile()) throw new UsageError(`--reference ${spec} is a folder; give a family, a file of model names, or m1,m2,m3`);
    const lines = readFileSync(spec, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase()) ?? [];
    const col = header.indexOf('model');
    const models = col >= 0 ? lines.slice(1).map((l) => l.split(',')[col]!.trim()).filter(Boolean) : lines;
    return { models: [...new Set(models)], description: `file ${spec}` };
  }
  if (spec.includes(',')) return { models: [...new Set(spec.split(',').map((s) => s.trim()).filter(Boolean))], description: 'the models given' };
  const families = [...new Set(table.map((m) => m.family).filter((f): f is string => f !== undefined))].sort();
  throw new UsageError(`--reference ${spec}: no such family in the models table, and no such file (families: ${families.join(', ') || 'none'})`);
}


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

/**
 * Each benchmark's chance level: `--guess` where given, else the Open LLM Leaderboard v1 level for
 * a benchmark of that name, else 0 with a warning. A `--guess` naming no benchmark of the data is an error.
 */
export function chanceFloors(benchmarks: readonly string[], guess: Record<string, number>): { floors: Record<string, number>; warnings: string[] } {
  const unknown = Object.keys(guess).filter((g) => !benchmarks.includes(g));
  if (unknown.length > 0) throw new UsageError(`--guess names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among the benchmarks (${benchmarks.join(', ')})`);
  const floors: Record<string, number> = {};
  const assumed: string[] = [];
  for (const b of benchmarks) {
    const known = OPEN_LLM_LEADERBOARD_V1_CHANCE[b.toLowerCase()];
    floors[b] = guess[b] ?? known ?? 0;
    if (guess[b] === undefined && known === undefined) assumed.push(b);
  }
  const warnings = assumed.length > 0 ? [`chance level 0 assumed for ${assumed.join(', ')}: pass --guess bench=g for multiple-choice benchmarks (e.g. 0.25 for 4 options), or their densities will be off`] : [];
  return { floors, warnings };
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
  const date = (m: ModelDensity) => m.releaseDate ?? '9999';
  const rows = [...head.models]
    .sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : (a.params ?? Infinity) - (b.params ?? Infinity) || (a.model < b.model ? -1 : 1)))
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
    reference: referenceDescription,
    headline: r.headline,
    average: r.average ? bench(r.average) : null,
    benchmarks: r.benchmarks.map(bench),
    law: r.law,
    lawReason: r.lawReason,
    warnings: r.warnings,
  };
}

/** Defaults of the density options, also used by `report`, which runs density without these flags. */
export const DENSITY_DEFAULTS = { form: 'auto', ceiling: '1', d0: '1e12', extrapolation: '10', fit: 'envelope', origin: '2023-02-24', bootstrap: '1000', seed: '1' } as const;

/** Adds the options of `density` (beyond the input options) to a command. */
export function addDensityOptions(cmd: Command): Command {
  return cmd
    .option('-r, --reference <spec>', 'reference models: a family of the models table, a file of model names, or m1,m2,m3')
    .option('-b, --benchmark <names...>', 'only these benchmarks')
    .option('--guess <bench=g...>', 'a benchmark\'s chance level (the reference curve\'s floor), e.g. mmlu=0.25; Open LLM Leaderboard v1 names (mmlu, arc_challenge, hellaswag, winogrande, gsm8k) have theirs by default, others 0')
    .option('--form <form>', 'reference curve: auto (two-step where the reference has a loss), one-step or two-step', DENSITY_DEFAULTS.form)
    .option('--ceiling <s>', 'the reference curve\'s ceiling (score of a perfect model)', DENSITY_DEFAULTS.ceiling)
    .option('--d0 <tokens>', 'D0 of the two-step curve, tokens', DENSITY_DEFAULTS.d0)
    .option('--extrapolation <x>', 'trust the reference from its smallest size / x to its largest × x', DENSITY_DEFAULTS.extrapolation)
    .option('--fit <on>', 'fit the densing law to the envelope (the paper) or to all models', DENSITY_DEFAULTS.fit)
    .option('--origin <date>', 't = 0 of the densing law', DENSITY_DEFAULTS.origin)
    .option('--bootstrap <n>', 'bootstrap replicates for the doubling time', DENSITY_DEFAULTS.bootstrap)
    .option('--seed <n>', 'bootstrap seed', DENSITY_DEFAULTS.seed);
}

/** Runs the analysis `density` flags describe. */
export function densityRun(flags: DensityFlags, io: CliIO): { result: DensityAnalysisResult; reference: { models: string[]; description: string; name: string } } {
  if (flags.reference === undefined) throw new UsageError('say which models are the reference: --reference FAMILY (or a file of model names, or m1,m2,m3)');
  if (flags.form !== 'auto' && flags.form !== 'one-step' && flags.form !== 'two-step') throw new UsageError(`--form must be auto, one-step or two-step, not "${flags.form}"`);
  if (flags.fit !== 'envelope' && flags.fit !== 'all') throw new UsageError(`--fit must be envelope or all, not "${flags.fit}"`);
  if (parseIsoDate(flags.origin) === undefined) throw new UsageError(`--origin must be a calendar date written YYYY-MM-DD, not "${flags.origin}"`);
  const data = loadDataset(loadOptionsFrom(flags, [], io));
  if (data.models === null) throw new UsageError('density needs a models table with params and release dates: --models FILE');
  const reference = resolveReference(flags.reference, data);
  const guess = parseGuess(flags);
  let inputs: DensityBenchmarkInput[];
  try {
    inputs = benchmarkData(data, { benchmarks: flags.benchmark }).map((b) => ({ benchmark: b.benchmark, scores: b.scores, ...(b.losses ? { losses: b.losses } : {}) }));
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const floors = chanceFloors(inputs.map((b) => b.benchmark), guess);
  for (const b of inputs) b.floor = floors.floors[b.benchmark]!;
  const result = densityAnalysis(inputs, data.models.models, {
    reference: reference.models,
    form: flags.form,
    ceiling: numberFlag(flags.ceiling ?? '1', '--ceiling', 0, 1),
    tokens: numberFlag(flags.d0, '--d0', 1, 1e16),
    extrapolation: numberFlag(flags.extrapolation, '--extrapolation', 1, 1e6),
    law: { on: flags.fit, origin: flags.origin, bootstrap: intFlag(flags.bootstrap, '--bootstrap', 0, 100000), seed: intFlag(flags.seed, '--seed', 0, 2 ** 32 - 1) },
  });
  result.warnings.unshift(...floors.warnings);
  return { result, reference: { ...reference, name: reference.description.replace(/^family /, '') } };
}

/** Registers the command. */
export function registerDensity(program: Command, io: CliIO): void {
  addDensityOptions(addInputOptions(program.command('density').description('capacity density of every model against a reference family, and the densing law over release dates')))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast density -s datasets/public/density.scores.csv -m datasets/public/density.models.csv --reference Llama-2
  $ scalecast density -s scores.csv -m models.csv --reference pythia --benchmark mmlu arc_challenge --guess mmlu=0.25 arc_challenge=0.25 --json`,
    )
    .action((flags: DensityFlags) => {
      const { result, reference } = densityRun(flags, io);
      if (flags.json) io.stdout(`${JSON.stringify(densityJson(result, reference.description), null, 2)}\n`);
      else io.stdout(renderDensity(result, reference.description));
    });
}
