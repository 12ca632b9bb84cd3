/**
 * Issue 13's test on Pythia: predict each run's step-143,000 score from its checkpoints up to step
 * 33,000 and up to 73,000, per task, with the run's own curve, with the ladder's curves (the smaller
 * Pythia runs of the same kind), and by carrying the latest checkpoint forward.
 *
 * Run: npx tsx validation/monitorPythia.ts [--markdown]
 */
import { join } from 'node:path';
import { readCsvRecords } from '../src/io/readCsvRecords.js';
import type { CheckpointCurve } from '../src/monitor/checkpointCurve.js';
import { forecastRun, FORECASTERS } from '../src/monitor/forecastRun.js';
import { errorTable, type ForecastCase } from './monitorCases.js';

/** `../shared/datasets/raw/pythia-evals` from the project root. */
export const PYTHIA_EVALS = join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'raw', 'pythia-evals');
const DIR = PYTHIA_EVALS;
const TASKS = ['arc_easy', 'arc_challenge', 'piqa', 'sciq', 'winogrande', 'lambada_openai', 'logiqa', 'mmlu'];
const SIZES = ['70m', '160m', '410m', '1b', '1.4b', '2.8b', '6.9b', '12b'];
const TOKENS_PER_STEP = 2_097_152;
const END = 143_000;
const CUTS = [33_000, 73_000];

/** Zero-shot accuracy curves per (model, task); MMLU is the mean of its 57 subjects. */
export function pythiaCurves(): Map<string, CheckpointCurve> {
  const acc = new Map<string, Map<number, number[]>>();
  for (const r of readCsvRecords(join(DIR, 'pythia_v1_evals.csv'))) {
    const v = r.values;
    if (v.num_fewshot !== '0' || v.acc === '') continue;
    const task = v.task!.startsWith('hendrycksTest-') ? 'mmlu' : v.task!;
    if (!TASKS.includes(task)) continue;
    const key = `${v.model}|${task}`;
    let steps = acc.get(key);
    if (steps === undefined) acc.set(key, (steps = new Map()));
    const step = Number(v.step);
    const list = steps.get(step) ?? [];
    list.push(Number(v.acc));
    steps.set(step, list);
  }
  const out = new Map<string, CheckpointCurve>();
  for (const [key, steps] of acc) {
    const [model, task] = key.split('|') as [string, string];
    const points = [...steps]
      .filter(([step]) => step > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([step, v]) => ({ step, tokens: step * TOKENS_PER_STEP, score: v.reduce((a, x) => a + x, 0) / v.length }));
    out.set(key, { run: model, benchmark: task, endTokens: END * TOKENS_PER_STEP, points });
  }
  return out;
}

/**
 * The cases: each run of 160M–12B (standard and deduplicated) cut at steps 33,000 and 73,000, its
 * ladder the smaller runs of the same kind, its actual score the one at step 143,000.
 */
export function pythiaCases(): ForecastCase[] {
  const curves = pythiaCurves();
  const cases: ForecastCase[] = [];
  for (const variant of ['', '-deduped']) {
    for (let s = 1; s < SIZES.length; s++) {
      const run = `pythia-${SIZES[s]}${variant}`;
      const ladderRuns = SIZES.slice(0, s).map((z) => `pythia-${z}${variant}`);
      for (const task of TASKS) {
        const full = curves.get(`${run}|${task}`)!;
        const actual = full.points.find((p) => p.step === END)!.score;
        for (const cut of CUTS) {
          const soFar = { ...full, points: full.points.filter((p) => p.step! <= cut) };
          const f = forecastRun(soFar, ladderRuns.map((m) => curves.get(`${m}|${task}`)!));
          cases.push({ run, benchmark: task, cut: String(cut), actual, values: Object.fromEntries(FORECASTERS.map((id) => [id, f.forecasts[id]?.value ?? null])), interval: f.band?.(f.endTokens) ?? null });
        }
      }
    }
  }
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(errorTable(pythiaCases(), CUTS.map(String)));
