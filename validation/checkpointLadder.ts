/**
 * Issue 13's question for `predict`: do a ladder's intermediate checkpoints help or bias the
 * prediction of a larger model's final score? Pythia (standard and deduplicated): the ladder
 * 70M–2.8B, the targets 6.9B and 12B at step 143,000, zero-shot accuracy on 8 tasks. Each method of
 * `predict` (and the default) runs twice on the compute axis (6·N·tokens seen): on the ladder's
 * final checkpoints only, and on all its checkpoints from step 1,000 on (each checkpoint one more
 * point), and the errors are compared.
 *
 * Run: npx tsx validation/checkpointLadder.ts
 */
import { readCsvRecords } from '../src/io/readCsvRecords.js';
import type { BenchmarkData } from '../src/data/benchmarkData.js';
import type { LadderModel } from '../src/predict/ladder.js';
import { predictSuite } from '../src/predict/predictSuite.js';
import { pythiaCurves, PYTHIA_EVALS } from './monitorPythia.js';
import { join } from 'node:path';

const LADDER = ['70m', '160m', '410m', '1b', '1.4b', '2.8b'];
const TARGETS = ['6.9b', '12b'];
const TASKS = ['arc_easy', 'arc_challenge', 'piqa', 'sciq', 'winogrande', 'lambada_openai', 'logiqa', 'mmlu'];
const CHANCE: Record<string, number> = { arc_easy: 0.25, arc_challenge: 0.25, piqa: 0.5, sciq: 0.25, winogrande: 0.5, lambada_openai: 0, logiqa: 0.25, mmlu: 0.25 };
const END = 143_000;

export interface CheckpointLadderRow {
  variant: string;
  task: string;
  target: string;
  ladder: 'final' | 'all';
  actual: number;
  values: Record<string, number | null>;
}

/** Every (variant, task, target, ladder) prediction, by every method and the default. */
export function checkpointLadderRows(): CheckpointLadderRow[] {
  const curves = pythiaCurves();
  const params = new Map(readCsvRecords(join(PYTHIA_EVALS, 'pythia_models.csv')).map((r) => [r.values.model!, Number(r.values.params_total)]));
  const rows: CheckpointLadderRow[] = [];
  for (const variant of ['', '-deduped']) {
    for (const task of TASKS) {
      for (const mode of ['final', 'all'] as const) {
        const scores = new Map<string, number>();
        const ladder: LadderModel[] = [];
        for (const size of LADDER) {
          const run = `pythia-${size}${variant}`;
          const n = params.get(run)!;
          for (const p of curves.get(`${run}|${task}`)!.points) {
            if (mode === 'final' ? p.step !== END : p.step! < 1000) continue;
            const name = p.step === END ? run : `${run}@${p.step}`;
            scores.set(name, p.score);
            ladder.push({ model: name, x: 6 * n * p.tokens, params: n, compute: 6 * n * p.tokens });
          }
        }
        ladder.sort((a, b) => a.x - b.x);
        // The largest ladder model (the default starts from it) is the 2.8B's final checkpoint either way.
        const last = `pythia-2.8b${variant}`;
        ladder.push(ladder.splice(ladder.findIndex((l) => l.model === last), 1)[0]!);
        const data: BenchmarkData = { benchmark: task, matrix: null, scores, guess: CHANCE[task]! };
        for (const t of TARGETS) {
          const run = `pythia-${t}${variant}`;
          const n = params.get(run)!;
          const final = curves.get(`${run}|${task}`)!.points.at(-1)!;
          const [r] = predictSuite([data], ladder, { x: 6 * n * final.tokens, params: n }, { methods: 'auto' });
          rows.push({ variant: variant === '' ? 'standard' : 'deduped', task, target: t, ladder: mode, actual: final.score, values: Object.fromEntries(r!.predictions.map((p) => [p.method, p.prediction])) });
        }
      }
    }
  }
  return rows;
}

/** Mean and max absolute error (points) per method, final-only against all checkpoints, as Markdown. */
export function checkpointLadderTable(rows: readonly CheckpointLadderRow[]): string {
  const methods = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const lines = ['| method | target | final checkpoints only: mean / max | all checkpoints: mean / max | cases |', '|---|---|---|---|---|'];
  for (const m of methods) {
    for (const t of TARGETS) {
      const cell = (mode: 'final' | 'all') => {
        const e = rows.filter((r) => r.target === t && r.ladder === mode && r.values[m] != null).map((r) => 100 * Math.abs(r.values[m]! - r.actual));
        return e.length === 0 ? '—' : `${(e.reduce((a, v) => a + v, 0) / e.length).toFixed(2)} / ${Math.max(...e).toFixed(2)}`;
      };
      const n = rows.filter((r) => r.target === t && r.ladder === 'all' && r.values[m] != null).length;
      lines.push(`| ${m} | ${t} | ${cell('final')} | ${cell('all')} | ${n} |`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(checkpointLadderTable(checkpointLadderRows()));
