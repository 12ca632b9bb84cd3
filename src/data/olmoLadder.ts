/**
 * The OLMo model ladder (Bhagia et al. 2024, "Establishing Task Scaling Laws via Compute-Efficient
 * Model Ladders", arXiv:2412.04403) as scalecast data: the final evaluation of each ladder run and of
 * the two targets, OLMo-2 7B (4T tokens) and 13B (5T), read from the authors' training logs
 * (`olmo-ladder/` of the shared data: `ladder-runs/*.csv`, `configs/final.json`).
 *
 * - Runs: 190M, 370M, 760M, 1.3B (named `1B` in the logs) and 3B at 1, 2, 5 and 10 × Chinchilla,
 *   named after their log files, `OLMo-ladder-190M-1xC` to `OLMo-ladder-3B-10xC` (family
 *   `OLMo-ladder`), each at its last logged step. N is the config's `n`; the 3B has
 *   none there, so N = D(1xC)/20 (the 1xC runs train on 20 tokens per parameter, which gives the
 *   other sizes' `n` to within 0.2%). D is `throughput/total_tokens`; compute is 6·N·D.
 * - Targets (family `OLMo-2`): `OLMo-2-7B`, the annealed 7B (`peteish7_eval_anneal.csv`), and
 *   `OLMo-2-13B`, the mean of the 13B's last five evaluations (`peteish13_eval_final.csv`), which
 *   reproduces the paper's "Actual" column; its D is the last step × the batch size in tokens.
 * - Scores: the ranked-classification accuracy (`*_rc_5shot_len_norm`) of the paper's eight tasks,
 *   with the task bits-per-byte (`*_rc_5shot_bpb`) as the `bpb` metric for the two-step method;
 *   MMLU is the mean of its four test subsets weighted by their item counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellText } from '../io/cells.js';
import { InputError } from '../io/inputError.js';
import { readTableFile } from '../io/tableReader.js';
import type { AggregateScore, Dataset, ModelRecord } from './types.js';

/** The paper's tasks: benchmark name, the log's task id, and its chance level. */
export const OLMO_TASKS = [
  { benchmark: 'MMLU', id: 'mmlu', guess: 0.25 },
  { benchmark: 'HellaSwag', id: 'hellaswag_val', guess: 0.25 },
  { benchmark: 'ARC-C', id: 'arc_challenge_test', guess: 0.25 },
  { benchmark: 'ARC-E', id: 'arc_easy_test', guess: 0.25 },
  { benchmark: 'PIQA', id: 'piqa_val', guess: 0.5 },
  { benchmark: 'CSQA', id: 'csqa_val', guess: 0.2 },
  { benchmark: 'SocialIQA', id: 'socialiqa_val', guess: 1 / 3 },
  { benchmark: 'OBQA', id: 'openbookqa_test', guess: 0.25 },
] as const;

/** MMLU's test subsets and their item counts. */
const MMLU_SUBSETS: [string, number][] = [
  ['stem', 3018],
  ['humanities', 4705],
  ['social_sciences', 3077],
  ['other', 3242],
];

const SIZES = ['190M', '370M', '760M', '1B', '3B'] as const;
const CONFIG_KEY: Record<string, string> = { '190M': '190M', '370M': '370M', '760M': '760M', '1B': '1.3B' };
const MULTIPLIERS = [1, 2, 5, 10] as const;

type Row = Map<string, string>;

function readRows(file: string): Row[] {
  const rows: Row[] = [];
  readTableFile(file, {
    onRow(row) {
      const m: Row = new Map();
      row.header.forEach((h, j) => {
        const t = cellText(row.values[j]);
        if (t !== undefined) m.set(h, t);
      });
      rows.push(m);
    },
  });
  if (rows.length === 0) throw new InputError({ code: 'empty-file', file, message: 'this training log has no rows', expected: 'one row per evaluation step' });
  return rows;
}

function numberAt(row: Row, column: string, file: string): number {
  const v = Number(row.get(column));
  if (!Number.isFinite(v)) throw new InputError({ code: 'missing-value', file, message: `a row read from this log has no number in column "${column}"`, expected: 'an OLMo ladder training log' });
  return v;
}

/** (accuracy, bpb) of a task in one row of a log. */
function taskScores(row: Row, id: string, file: string): { acc: number; bpb: number } {
  if (id === 'mmlu') {
    let acc = 0;
    let bpb = 0;
    let n = 0;
    for (const [s, w] of MMLU_SUBSETS) {
      acc += w * numberAt(row, `eval/downstream/mmlu_${s}_test_rc_5shot_len_norm`, file);
      bpb += w * numberAt(row, `eval/downstream_bpb/mmlu_${s}_test_rc_5shot_bpb`, file);
      n += w;
    }
    return { acc: acc / n, bpb: bpb / n };
  }
  return { acc: numberAt(row, `eval/downstream/${id}_rc_5shot_len_norm`, file), bpb: numberAt(row, `eval/downstream_bpb/${id}_rc_5shot_bpb`, file) };
}

/** Whether `dir` is the OLMo ladder's folder: its `ladder-runs/` logs and `configs/final.json`. */
export function isOlmoLadderDir(dir: string): boolean {
  return existsSync(join(dir, 'configs', 'final.json')) && existsSync(join(dir, 'ladder-runs', '190M-1xC.csv'));
}

/**
 * Reads the OLMo ladder folder.
 *
 * @param dir the `olmo-ladder` folder (with `ladder-runs/` and `configs/final.json`)
 * @throws InputError when a log or the config is missing or lacks a column
 */
export function readOlmoLadder(dir: string): Dataset {
  const configFile = join(dir, 'configs/final.json');
  let config: Record<string, { n?: number }>;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, { n?: number }>;
  } catch (e) {
    throw new InputError({ code: 'unreadable', file: configFile, message: `cannot read the OLMo ladder config: ${(e as Error).message}` });
  }
  const runs = join(dir, 'ladder-runs');
  const models: ModelRecord[] = [];
  const aggregates: AggregateScore[] = [];
  const add = (model: string, family: string, params: number, tokens: number, rows: Row[], file: string) => {
    models.push({ model, family, params, tokens, compute: 6 * params * tokens, computeEstimated: true, extra: {}, source: file, line: 0 });
    for (const t of OLMO_TASKS) {
      const s = rows.map((r) => taskScores(r, t.id, file));
      const mean = (f: (v: { acc: number; bpb: number }) => number) => s.reduce((a, v) => a + f(v), 0) / s.length;
      aggregates.push({ model, benchmark: t.benchmark, score: mean((v) => v.acc), metrics: { bpb: mean((v) => v.bpb) }, source: file, line: 0 });
    }
  };
  const last = (file: string) => {
    const rows = readRows(file);
    return rows[rows.length - 1]!;
  };
  const threeB = join(runs, '3B-1xC.csv');
  const n3B = numberAt(last(threeB), 'throughput/total_tokens', threeB) / 20;
  for (const size of SIZES) {
    const n = size === '3B' ? n3B : config[CONFIG_KEY[size]!]?.n;
    if (n === undefined) throw new InputError({ code: 'missing-value', file: configFile, message: `no "n" for ${CONFIG_KEY[size]}`, expected: 'the OLMo ladder config' });
    for (const k of MULTIPLIERS) {
      const file = join(runs, `${size}-${k}xC.csv`);
      const row = last(file);
      add(`OLMo-ladder-${size}-${k}xC`, 'OLMo-ladder', n, numberAt(row, 'throughput/total_tokens', file), [row], file);
    }
  }
  const file7 = join(runs, 'peteish7_eval_anneal.csv');
  const row7 = readRows(file7)[0]!;
  const n7 = config['7B-4T']?.n;
  const file13 = join(runs, 'peteish13_eval_final.csv');
  const rows13 = readRows(file13).slice(-5);
  const n13 = config['13B-5T']?.n;
  if (n7 === undefined || n13 === undefined) throw new InputError({ code: 'missing-value', file: configFile, message: 'no "n" for 7B-4T or 13B-5T', expected: 'the OLMo ladder config' });
  add('OLMo-2-7B', 'OLMo-2', n7, numberAt(row7, 'throughput/total_tokens', file7), [row7], file7);
  const end13 = rows13[rows13.length - 1]!;
  add('OLMo-2-13B', 'OLMo-2', n13, numberAt(end13, '_step', file13) * numberAt(end13, 'batch_size_in_tokens', file13), rows13, file13);
  return { models: { models, sources: [configFile] }, itemScores: [], aggregates, warnings: [] };
}

/** One ladder run's checkpoint curve on one task (the shape `src/monitor` reads). */
export interface OlmoRunCurve {
  /** e.g. `OLMo-ladder-760M-2xC`. */
  run: string;
  size: (typeof SIZES)[number];
  multiplier: number;
  params: number;
  benchmark: string;
  /** Tokens at the run's last logged step. */
  endTokens: number;
  /** Accuracy, with the task's bits per byte as its loss. */
  points: { step: number; tokens: number; score: number; loss: number }[];
}

/**
 * Every ladder run's curve on each of the paper's tasks: one point per logged evaluation step
 * (tokens from `throughput/total_tokens`), at 0.5, 1, 2, 5 and 10 × Chinchilla.
 *
 * @throws InputError when a log or the config is missing or lacks a column
 */
export function readOlmoLadderCurves(dir: string): OlmoRunCurve[] {
  const configFile = join(dir, 'configs/final.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, { n?: number }>;
  const runs = join(dir, 'ladder-runs');
  const threeB = join(runs, '3B-1xC.csv');
  const n3B = numberAt(readRows(threeB).at(-1)!, 'throughput/total_tokens', threeB) / 20;
  const out: OlmoRunCurve[] = [];
  for (const size of SIZES) {
    const params = size === '3B' ? n3B : config[CONFIG_KEY[size]!]?.n;
    if (params === undefined) throw new InputError({ code: 'missing-value', file: configFile, message: `no "n" for ${CONFIG_KEY[size]}`, expected: 'the OLMo ladder config' });
    for (const k of [0.5, ...MULTIPLIERS]) {
      const file = join(runs, `${size}-${k}xC.csv`);
      const rows = readRows(file);
      const tokens = rows.map((r) => numberAt(r, 'throughput/total_tokens', file));
      for (const t of OLMO_TASKS) {
        const points = rows.map((r, i) => {
          const s = taskScores(r, t.id, file);
          return { step: numberAt(r, '_step', file), tokens: tokens[i]!, score: s.acc, loss: s.bpb };
        });
        out.push({ run: `OLMo-ladder-${size}-${k}xC`, size, multiplier: k, params, benchmark: t.benchmark, endTokens: tokens.at(-1)!, points });
      }
    }
  }
  return out;
}
