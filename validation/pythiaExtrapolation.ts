/**
 * Pythia extrapolation: fit final-checkpoint zero-shot accuracy against parameters on the six
 * smallest Pythia models (70M–2.8B) and predict the 6.9B and 12B models, with delta-method 95%
 * prediction intervals, then measure the error against their real scores.
 *
 * Data: `../shared/datasets/raw/pythia-evals/` (`pythia_v1_evals.csv`, `pythia_models.csv`), step
 * 143000, `num_fewshot` 0, metric `acc`, tasks lambada_openai, arc_easy, arc_challenge, piqa, sciq,
 * winogrande, logiqa and the MMLU average (the mean of the 57 `hendrycksTest-*` subjects).
 * x = params_total; the same fits with x = 6ND compute (all models saw the same D, so only the
 * scale of x changes) are reported as a check that the fits do not depend on that scale.
 *
 * Laws (scalecast ids), and the one rule used for floors:
 * - `power-offset` y = E + A·x^(−α), with A ≤ 0 (a rising curve towards the ceiling E);
 * - `logistic` y = g + (h − g)·σ(k·(log10 x − m)) with the floor g **fixed at the task's chance
 *   level** (1/number of options: 0.25 for arc, sciq, logiqa and MMLU, 0.5 for piqa and winogrande,
 *   0 for lambada, which is open-ended), so that 3 parameters are fitted on 6 points;
 * - `linear-log` y = a + b·log10 x (ordinary least squares);
 * - `isik` y = (ln A + α·ln x)^β.
 * Model choice per task by `compareLaws` (holdout 1 = leave the 2.8B model out): the law of least
 * AICc on the 6 points, and the law of least error on the held-out 2.8B model.
 *
 * The standard (non-deduplicated) models are the main run; the deduplicated ladder is a replicate.
 * Note that the standard 1B model was evaluated as `pythia-v1.1-1b-bf16` (see SOURCE.md).
 *
 * Run:  npx tsx validation/pythiaExtrapolation.ts [--json]
 * (`docs/pythia-extrapolation.md` holds a saved run.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareLaws } from '../src/fit/compareLaws.js';
import { fitLaw, type FitOptions, type FitResult } from '../src/fit/fitLaw.js';
import type { FitData, Law } from '../src/fit/law.js';
import { isikLogLaw, linearLogCompute, logisticLogCompute, powerLawOffset } from '../src/fit/laws/index.js';
import { inputRanges, predictFit } from '../src/fit/predictFit.js';

const here = dirname(fileURLToPath(import.meta.url));
/** `../shared/datasets/raw/pythia-evals` relative to the project root. */
export const PYTHIA_DIR = resolve(here, '../../shared/datasets/raw/pythia-evals');

export const TRAIN_SIZES = ['70m', '160m', '410m', '1b', '1.4b', '2.8b'] as const;
export const TARGET_SIZES = ['6.9b', '12b'] as const;
export const TASKS = ['lambada_openai', 'arc_easy', 'arc_challenge', 'piqa', 'sciq', 'winogrande', 'logiqa', 'mmlu'] as const;
export type Task = (typeof TASKS)[number];

/** Chance accuracy of each task: the logistic's fixed floor. */
export const CHANCE: Record<Task, number> = {
  lambada_openai: 0,
  arc_easy: 0.25,
  arc_challenge: 0.25,
  piqa: 0.5,
  sciq: 0.25,
  winogrande: 0.5,
  logiqa: 0.25,
  mmlu: 0.25,
};

export const LAWS: readonly Law[] = [powerLawOffset, logisticLogCompute, linearLogCompute, isikLogLaw];

/** The fitting options of each law for a task. */
export function fitOptionsFor(task: Task): Record<string, FitOptions> {
  return {
    'power-offset': { bounds: { A: [-Infinity, 0] } },
    logistic: { fixed: { g: CHANCE[task] } },
  };
}

// ------------------------------------------------------------------------------------ reading

/** Splits a CSV file into rows of cells (RFC 4180 quotes; no newlines inside quoted cells). */
export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    if (!line.includes('"')) return line.split(',');
    const out: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cell);
        cell = '';
      } else cell += ch;
    }
    out.push(cell);
    return out;
  };
  const [head, ...rest] = lines;
  if (head === undefined) throw new Error(`${path} is empty`);
  return { header: split(head), rows: rest.map(split) };
}

/** Final-checkpoint zero-shot scores and sizes of the Pythia models. */
export interface PythiaTable {
  /** model name → params_total, final_train_flops_6ND. */
  models: Map<string, { params: number; compute: number }>;
  /** model name → task → acc (MMLU as the mean over its subjects). */
  acc: Map<string, Map<Task, number>>;
  /** Number of MMLU subjects averaged per model. */
  mmluSubjects: Map<string, number>;
}

export function readPythia(dir = PYTHIA_DIR): PythiaTable {
  const m = readCsv(join(dir, 'pythia_models.csv'));
  const col = (h: string[], name: string) => {
    const j = h.indexOf(name);
    if (j < 0) throw new Error(`column ${name} missing`);
    return j;
  };
  const models = new Map<string, { params: number; compute: number }>();
  for (const row of m.rows) {
    models.set(row[col(m.header, 'model')]!, { params: Number(row[col(m.header, 'params_total')]), compute: Number(row[col(m.header, 'final_train_flops_6ND')]) });
  }
  const e = readCsv(join(dir, 'pythia_v1_evals.csv'));
  const [jm, js, jf, jt, ja] = ['model', 'step', 'num_fewshot', 'task', 'acc'].map((n) => col(e.header, n)) as [number, number, number, number, number];
  const acc = new Map<string, Map<Task, number>>();
  const mmlu = new Map<string, number[]>();
  for (const row of e.rows) {
    if (row[js] !== '143000' || row[jf] !== '0') continue;
    const model = row[jm]!;
    const task = row[jt]!;
    const v = Number(row[ja]);
    if (row[ja] === '' || !Number.isFinite(v)) continue;
    if (task.startsWith('hendrycksTest-')) {
      if (!mmlu.has(model)) mmlu.set(model, []);
      mmlu.get(model)!.push(v);
    } else if ((TASKS as readonly string[]).includes(task)) {
      if (!acc.has(model)) acc.set(model, new Map());
      acc.get(model)!.set(task as Task, v);
    }
  }
  const mmluSubjects = new Map<string, number>();
  for (const [model, vs] of mmlu) {
    if (!acc.has(model)) acc.set(model, new Map());
    acc.get(model)!.set('mmlu', vs.reduce((a, b) => a + b, 0) / vs.length);
    mmluSubjects.set(model, vs.length);
  }
  return { models, acc, mmluSubjects };
}

// ------------------------------------------------------------------------------------ fitting

export interface TargetPrediction {
  size: string;
  x: number;
  actual: number;
  predicted: number | null;
  interval: [number, number] | null;
  /** |predicted − actual| in accuracy points (×100). */
  absErrorPts: number | null;
  covered: boolean | null;
}

export interface LawRun {
  law: string;
  fit: FitResult | null;
  error?: string;
  targets: TargetPrediction[];
  /** Same fit with x = 6ND: largest |Δ prediction| at the targets, in points. */
  computeAxisMaxDiffPts: number | null;
}

export interface TaskRun {
  task: Task;
  train: { size: string; x: number; y: number }[];
  laws: LawRun[];
  /** compareLaws (holdout 1): the law of least AICc, and of least error on the held-out 2.8B. */
  aiccChoice: string | null;
  holdoutChoice: string | null;
  holdoutErrorsPts: Record<string, number | null>;
  deltaAicc: Record<string, number | null>;
}

export interface Replicate {
  ladder: 'standard' | 'deduped';
  tasks: TaskRun[];
}

function modelName(size: string, deduped: boolean): string {
  return `pythia-${size}${deduped ? '-deduped' : ''}`;
}

function fitAndPredict(law: Law, data: FitData, options: FitOptions, targets: { size: string; x: number; actual: number }[]): { fit: FitResult | null; error?: string; targets: TargetPrediction[] } {
  let fit: FitResult;
  try {
    fit = fitLaw(law, data, options);
  } catch (e) {
    return { fit: null, error: e instanceof Error ? e.message : String(e), targets: targets.map((t) => ({ ...t, predicted: null, interval: null, absErrorPts: null, covered: null })) };
  }
  const range = inputRanges(data.x);
  return {
    fit,
    targets: targets.map((t) => {
      const p = predictFit(law, fit, [t.x], range);
      const predicted = p.value;
      return {
        ...t,
        predicted,
        interval: p.prediction,
        absErrorPts: predicted === null ? null : 100 * Math.abs(predicted - t.actual),
        covered: p.prediction === null ? null : t.actual >= p.prediction[0] && t.actual <= p.prediction[1],
      };
    }),
  };
}

/** Fits every law on every task for one ladder. */
export function runReplicate(table: PythiaTable, deduped: boolean): Replicate {
  const tasks: TaskRun[] = [];
  for (const task of TASKS) {
    const train = TRAIN_SIZES.map((size) => {
      const name = modelName(size, deduped);
      const y = table.acc.get(name)?.get(task);
      const info = table.models.get(name);
      if (y === undefined || info === undefined) throw new Error(`no ${task} score or size for ${name}`);
      return { size, x: info.params, c: info.compute, y };
    });
    const targetRows = TARGET_SIZES.map((size) => {
      const name = modelName(size, deduped);
      const y = table.acc.get(name)?.get(task);
      const info = table.models.get(name);
      if (y === undefined || info === undefined) throw new Error(`no ${task} score or size for ${name}`);
      return { size, x: info.params, c: info.compute, actual: y };
    });
    const data: FitData = { x: [Float64Array.from(train, (t) => t.x)], y: Float64Array.from(train, (t) => t.y) };
    const dataC: FitData = { x: [Float64Array.from(train, (t) => t.c)], y: data.y };
    const opts = fitOptionsFor(task);
    const laws: LawRun[] = LAWS.map((law) => {
      const o = opts[law.id] ?? {};
      const byParams = fitAndPredict(law, data, o, targetRows.map((t) => ({ size: t.size, x: t.x, actual: t.actual })));
      const byCompute = fitAndPredict(law, dataC, o, targetRows.map((t) => ({ size: t.size, x: t.c, actual: t.actual })));
      let diff: number | null = null;
      byParams.targets.forEach((t, i) => {
        const u = byCompute.targets[i]!.predicted;
        if (t.predicted !== null && u !== null) diff = Math.max(diff ?? 0, 100 * Math.abs(t.predicted - u));
      });
      const run: LawRun = { law: law.id, fit: byParams.fit, targets: byParams.targets, computeAxisMaxDiffPts: diff };
      if (byParams.error !== undefined) run.error = byParams.error;
      return run;
    });
    const cmp = compareLaws(LAWS, data, { holdout: 1, fitOptions: opts });
    const withAicc = cmp.filter((r) => r.aicc !== null);
    const aiccChoice = withAicc.length > 0 ? withAicc.reduce((a, b) => (b.aicc! < a.aicc! ? b : a)).law : null;
    const withHold = cmp.filter((r) => r.holdoutMeanError !== null);
    const holdoutChoice = withHold.length > 0 ? withHold.reduce((a, b) => (b.holdoutMeanError! < a.holdoutMeanError! ? b : a)).law : null;
    tasks.push({
      task,
      train: train.map(({ size, x, y }) => ({ size, x, y })),
      laws,
      aiccChoice,
      holdoutChoice,
      holdoutErrorsPts: Object.fromEntries(cmp.map((r) => [r.law, r.holdoutMeanError === null ? null : 100 * r.holdoutMeanError])),
      deltaAicc: Object.fromEntries(cmp.map((r) => [r.law, r.deltaAicc])),
    });
  }
  return { ladder: deduped ? 'deduped' : 'standard', tasks };
}

/** Per law (or selection rule): mean and max abs error in points over the tasks, per target, and coverage. */
export interface LawSummary {
  law: string;
  mean: Record<string, number>;
  max: Record<string, number>;
  /** Mean over the tasks other than MMLU. */
  meanNoMmlu: Record<string, number>;
  covered: Record<string, number>;
  /** Per target, the number of tasks where the fit gave a prediction interval. */
  withInterval: Record<string, number>;
  tasks: number;
}

function summarize(label: string, perTask: { task: Task; targets: TargetPrediction[] }[]): LawSummary {
  const out: LawSummary = { law: label, mean: {}, max: {}, meanNoMmlu: {}, covered: {}, withInterval: {}, tasks: perTask.length };
  for (const size of TARGET_SIZES) {
    const errs = perTask.map((t) => t.targets.find((x) => x.size === size)!.absErrorPts ?? Number.NaN);
    const errsNo = perTask.filter((t) => t.task !== 'mmlu').map((t) => t.targets.find((x) => x.size === size)!.absErrorPts ?? Number.NaN);
    out.mean[size] = errs.reduce((a, b) => a + b, 0) / errs.length;
    out.max[size] = Math.max(...errs);
    out.meanNoMmlu[size] = errsNo.reduce((a, b) => a + b, 0) / errsNo.length;
    out.covered[size] = perTask.filter((t) => t.targets.find((x) => x.size === size)!.covered === true).length;
    out.withInterval[size] = perTask.filter((t) => t.targets.find((x) => x.size === size)!.covered !== null).length;
  }
  return out;
}

/** Summaries per law, for the two selection rules, and for the no-fit baseline (the 2.8B score). */
export function summaries(rep: Replicate): LawSummary[] {
  const rows = LAWS.map((law) => summarize(law.id, rep.tasks.map((t) => ({ task: t.task, targets: t.laws.find((l) => l.law === law.id)!.targets }))));
  const pick = (choice: (t: TaskRun) => string | null) =>
    rep.tasks.map((t) => ({ task: t.task, targets: t.laws.find((l) => l.law === choice(t))?.targets ?? t.laws[0]!.targets.map((x) => ({ ...x, absErrorPts: null, covered: null })) }));
  rows.push(summarize('AICc choice', pick((t) => t.aiccChoice)));
  rows.push(summarize('held-out-2.8B choice', pick((t) => t.holdoutChoice)));
  rows.push(
    summarize(
      'no fit: 2.8B score',
      rep.tasks.map((t) => {
        const last = t.train[t.train.length - 1]!.y;
        return {
          task: t.task,
          targets: t.laws[0]!.targets.map((x) => ({ ...x, predicted: last, interval: null, absErrorPts: 100 * Math.abs(last - x.actual), covered: null })),
        };
      }),
    ),
  );
  return rows;
}

// ------------------------------------------------------------------------------------ printing

const f3 = (v: number | null) => (v === null ? '—' : v.toFixed(3));
const f1 = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : v.toFixed(1));

function describeFit(fit: FitResult | null): string {
  if (fit === null) return '';
  const bits: string[] = [];
  if (fit.atBounds.length > 0) bits.push(`at bound: ${fit.atBounds.join(', ')}`);
  for (const w of fit.warnings) if (w.code !== 'at-bound') bits.push(w.code);
  return bits.join('; ');
}

export function printReplicate(rep: Replicate): string {
  const out: string[] = [];
  out.push(`### ${rep.ladder === 'standard' ? 'Standard models' : 'Deduplicated models (replicate)'}\n`);
  out.push(slopeTable(rep));
  out.push('\nPer task and law: the real score, the prediction with its 95% prediction interval, the absolute error in accuracy points, and whether the interval covers the real score.\n');
  out.push('| task | law | 6.9B actual | 6.9B predicted [95% PI] | err (pts) | covers | 12B actual | 12B predicted [95% PI] | err (pts) | covers | fit notes |');
  out.push('|---|---|--:|--:|--:|:-:|--:|--:|--:|:-:|---|');
  for (const t of rep.tasks) {
    for (const l of t.laws) {
      const cells = TARGET_SIZES.map((size) => {
        const p = l.targets.find((x) => x.size === size)!;
        const pi = p.interval === null ? '' : ` [${f3(p.interval[0])}, ${f3(p.interval[1])}]`;
        return `${f3(p.actual)} | ${f3(p.predicted)}${pi} | ${f1(p.absErrorPts)} | ${p.covered === null ? '—' : p.covered ? 'yes' : 'no'}`;
      });
      out.push(`| ${t.task} | ${l.law} | ${cells.join(' | ')} | ${l.error ?? describeFit(l.fit)} |`);
    }
  }
  out.push('\nModel choice per task by `compareLaws` (holdout 1): the law of least AICc on all 6 points, and the law of least error on the held-out 2.8B model (its error in points for each law), with the chosen law’s errors at the targets.\n');
  out.push('| task | ΔAICc (power-offset / logistic / linear-log / isik) | AICc choice | its err 6.9B / 12B (pts) | held-out 2.8B err (pts, same order) | held-out choice | its err 6.9B / 12B (pts) |');
  out.push('|---|---|---|--:|---|---|--:|');
  for (const t of rep.tasks) {
    const errs = (law: string | null) => {
      const l = t.laws.find((x) => x.law === law);
      return l === undefined ? '—' : l.targets.map((p) => f1(p.absErrorPts)).join(' / ');
    };
    const dA = LAWS.map((l) => f1(t.deltaAicc[l.id] ?? null)).join(' / ');
    const hE = LAWS.map((l) => f1(t.holdoutErrorsPts[l.id] ?? null)).join(' / ');
    out.push(`| ${t.task} | ${dA} | ${t.aiccChoice ?? '—'} | ${errs(t.aiccChoice)} | ${hE} | ${t.holdoutChoice ?? '—'} | ${errs(t.holdoutChoice)} |`);
  }
  out.push('\nSummary over the 8 tasks: mean and max absolute error (points), mean without MMLU, and how many prediction intervals cover the real score (out of the tasks where the fit gave one: an unidentifiable fit gives none).\n');
  out.push(summaryTable(rep));
  const diffs = rep.tasks.flatMap((t) => t.laws.map((l) => ({ law: l.law, d: l.computeAxisMaxDiffPts })));
  out.push('\nx = 6ND compute instead of params (the same D for every model): largest change of any prediction, in points, per law: ' + LAWS.map((l) => `${l.id} ${Math.max(...diffs.filter((d) => d.law === l.id).map((d) => d.d ?? Number.NaN)).toExponential(1)}`).join(', ') + '.');
  return out.join('\n');
}

/** Is there a trend at all? The linear-log slope per decade of params with its 95% interval. */
export function slopeTable(rep: Replicate): string {
  const out = [
    'Training points (acc of 70M … 2.8B) and the linear-log slope, in points per decade of params, with its 95% interval (a trend is detected when the interval excludes 0):\n',
    '| task | chance | 70M … 2.8B | slope (pts/decade) [95% CI] |',
    '|---|--:|---|--:|',
  ];
  for (const t of rep.tasks) {
    const fit = t.laws.find((l) => l.law === 'linear-log')?.fit;
    const b = fit?.params['b'];
    const ci = fit?.intervals[1];
    const slope = b === undefined ? '—' : `${(100 * b).toFixed(1)}${ci ? ` [${(100 * ci[0]).toFixed(1)}, ${(100 * ci[1]).toFixed(1)}]` : ''}`;
    out.push(`| ${t.task} | ${CHANCE[t.task]} | ${t.train.map((p) => p.y.toFixed(3)).join(', ')} | ${slope} |`);
  }
  return out.join('\n');
}

export function summaryTable(rep: Replicate): string {
  const out = [
    '| law | mean err 6.9B | max err 6.9B | mean err 12B | max err 12B | mean 6.9B / 12B without MMLU | PI covers 6.9B | PI covers 12B |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const s of summaries(rep)) {
    const cov = (size: string) => (s.law.startsWith('no fit') ? '—' : `${s.covered[size]}/${s.withInterval[size]}`);
    out.push(`| ${s.law} | ${f1(s.mean['6.9b']!)} | ${f1(s.max['6.9b']!)} | ${f1(s.mean['12b']!)} | ${f1(s.max['12b']!)} | ${f1(s.meanNoMmlu['6.9b']!)} / ${f1(s.meanNoMmlu['12b']!)} | ${cov('6.9b')} | ${cov('12b')} |`);
  }
  return out.join('\n');
}

function main(): void {
  if (!existsSync(PYTHIA_DIR)) {
    console.error(`Pythia evaluations not found at ${PYTHIA_DIR}`);
    process.exit(1);
  }
  const t0 = performance.now();
  const table = readPythia();
  const reps = [runReplicate(table, false), runReplicate(table, true)];
  const ms = performance.now() - t0;
  if (process.argv.includes('--json')) {
    const json = reps.map((r) => ({
      ladder: r.ladder,
      summary: summaries(r),
      tasks: r.tasks.map((t) => ({
        task: t.task,
        train: t.train,
        aiccChoice: t.aiccChoice,
        holdoutChoice: t.holdoutChoice,
        deltaAicc: t.deltaAicc,
        holdoutErrorsPts: t.holdoutErrorsPts,
        laws: t.laws.map((l) => ({ law: l.law, params: l.fit?.params ?? null, sse: l.fit?.sse ?? null, atBounds: l.fit?.atBounds ?? [], warnings: l.fit?.warnings.map((w) => w.code) ?? [], error: l.error ?? null, targets: l.targets, computeAxisMaxDiffPts: l.computeAxisMaxDiffPts })),
      })),
    }));
    console.log(JSON.stringify(json, null, 2));
    return;
  }
  const mmlu = [...table.mmluSubjects.values()];
  const subjects = Math.min(...mmlu) === Math.max(...mmlu) ? `${mmlu[0]}` : `${Math.min(...mmlu)}–${Math.max(...mmlu)}`;
  console.log(`Pythia final checkpoints (step 143000), zero-shot acc; MMLU = mean of ${subjects} subjects. Fitted on ${TRAIN_SIZES.join(', ')}; predicted ${TARGET_SIZES.join(', ')}. (${(ms / 1000).toFixed(1)} s)\n`);
  for (const r of reps) {
    console.log(printReplicate(r));
    console.log('');
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
