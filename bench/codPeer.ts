/**
 * COD against the plain scikit-learn/scipy reading of the paper (`../shared/reference/peer_cod.py`),
 * timed on one benchmark at a time, all in the same run. Target: scalecast at least 20× faster.
 *
 * Cases (the data in ../shared/datasets/raw/all-the-noises-per-item, params and tokens from
 * datasets/public/per-item-ladders.models.csv, on the compute axis 6·N·D for both tools):
 *
 * 1. `main/arc_challenge`: the Qwen1.5 base ladder 0.5B–14B, target Qwen1.5-32B. These are greedy
 *    0/1 results (one answer per item), which scalecast's COD refuses, saying why. The bench records
 *    the refusal, then times the stage it refuses to run — the clustering and law fitting of
 *    `codClusters`, and the whole `codPrediction` — on the same matrix with its cells marked as
 *    2 trials (the scores unchanged), so that the work is what the peer does on these items.
 * 2. `lowk_temp0.7/math500_cot`: the Qwen1.5-Chat ladder 0.5B–32B (sampled pass rates, 9–12 samples
 *    per item), target qwen1.5-72b-chat: a case where COD predicts. (gsm8k_cot has no per-item data at
 *    T=0.7.)
 *
 * Each case is run, interleaved, `RUNS` times after one warm-up (the peer's warm-up counts as a run
 * when it takes over `PEER_SLOW_S`: about a minute on arc_challenge, where a warm-up saves little):
 * - scalecast in-process: `codPrediction` with its default interval (200 item-bootstrap replicates
 *   and the jackknife), on the matrix already loaded; also without the interval (`bootstrap: 0,
 *   jackknife: false`), the same work as the peer's, for reference;
 * - scalecast as a fresh CLI process: `node dist/cli/scalecast.js predict --method cod --json` on the
 *   case files below (reading included);
 * - the peer as a fresh `/usr/bin/python3` process on the same case files (its own `_seconds` — the
 *   clustering and fits, without Python's start-up, imports and CSV reading — is reported too). The
 *   peer computes no interval.
 * The case files (CASEDIR/cases.json + KEY/scores.csv + KEY/models.csv, the peer's format) hold the
 * ladder's per-item scores with their trial counts, and the ladder and target models.
 *
 * Speed-ups are peer median / scalecast median: process against process (wall time), and
 * in-process `codPrediction` against the peer's own `_seconds`.
 *
 * Skipped, saying why, without ../shared, the peer, a build (dist/) or scikit-learn in /usr/bin/python3.
 *
 * Run: `npm run bench -- cod-peer`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../src/data/loadDataset.js';
import type { ItemMatrix } from '../src/data/types.js';
import { codClusters, codPrediction } from '../src/predict/codPrediction.js';
import { axisPosition, resolveLadder, type LadderModel } from '../src/predict/ladder.js';

const here = dirname(fileURLToPath(import.meta.url));
// From source: bench/ is one level below the project; compiled: dist/bench/ is two.
const root = existsSync(resolve(here, '../package.json')) ? resolve(here, '..') : resolve(here, '../..');

const PYTHON = '/usr/bin/python3';
const PEER = resolve(root, '../shared/reference/peer_cod.py');
const RAW = resolve(root, '../shared/datasets/raw/all-the-noises-per-item');
const MODELS = join(root, 'datasets/public/per-item-ladders.models.csv');
const CLI = join(root, 'dist/cli/scalecast.js');
const RUNS = 5;
/** A peer warm-up run longer than this (seconds) is kept as one of its runs. */
const PEER_SLOW_S = 10;
/** Peer median over scalecast median must be at least this. */
const TARGET_SPEEDUP = 20;

interface Case {
  key: string;
  config: string;
  benchmark: string;
  ladder: string[];
  target: string;
}

const CASES: Case[] = [
  { key: 'qwen15-base-arc', config: 'main', benchmark: 'arc_challenge', ladder: ['Qwen1.5-0.5B', 'Qwen1.5-1.8B', 'Qwen1.5-4B', 'Qwen1.5-7B', 'Qwen1.5-14B'], target: 'Qwen1.5-32B' },
  {
    key: 'qwen15-chat-math500',
    config: 'lowk_temp0.7',
    benchmark: 'math500_cot',
    ladder: ['qwen1.5-0.5b-chat', 'qwen1.5-1.8b-chat', 'qwen1.5-7b-chat', 'qwen1.5-14b-chat', 'qwen1.5-32b-chat'],
    target: 'qwen1.5-72b-chat',
  },
];

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sec = (v: number) => Number(v.toFixed(3));
const pts = (v: number | null | undefined) => (v === null || v === undefined ? null : Number((100 * v).toFixed(2)));

/** Times `fn` once, in seconds. */
function timed<T>(fn: () => T): { value: T; seconds: number } {
  const t = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}

/** The same matrix with every scored cell marked as 2 trials: the scores unchanged, past COD's greedy check. */
function markedSampled(m: ItemMatrix): ItemMatrix {
  const trials = new Uint32Array(m.scores.length);
  for (let k = 0; k < trials.length; k++) trials[k] = m.scores[k] === m.scores[k] ? 2 : 0;
  return { ...m, trials };
}

/** Writes the case in peer_cod.py's format; returns the scores and models files (the CLI reads them too). */
function writeCase(dir: string, c: Case, matrix: ItemMatrix, models: Map<string, { params?: number; tokens?: number; family?: string }>): { scores: string; models: string } {
  const sub = join(dir, c.key);
  mkdirSync(sub, { recursive: true });
  const cols = c.ladder.map((name) => matrix.models.indexOf(name));
  const nM = matrix.models.length;
  const lines = [`model,benchmark,item,score${matrix.trials ? ',trials' : ''}`];
  for (let i = 0; i < matrix.items.length; i++) {
    cols.forEach((j, k) => {
      const v = matrix.scores[i * nM + j]!;
      if (v === v) lines.push(`${c.ladder[k]},${c.benchmark},${matrix.items[i]},${v}${matrix.trials ? `,${matrix.trials[i * nM + j]}` : ''}`);
    });
  }
  const scores = join(sub, 'scores.csv');
  writeFileSync(scores, `${lines.join('\n')}\n`);
  const modelsFile = join(sub, 'models.csv');
  writeFileSync(
    modelsFile,
    `model,family,params,tokens\n${[...c.ladder, c.target]
      .map((name) => {
        const r = models.get(name)!;
        return `${name},${r.family ?? ''},${r.params},${r.tokens}`;
      })
      .join('\n')}\n`,
  );
  writeFileSync(join(dir, 'cases.json'), JSON.stringify({ [c.key]: { axis: 'compute', ladder: c.ladder, targets: [c.target], anchors: [], benchmarks: [c.benchmark] } }));
  return { scores, models: modelsFile };
}

interface PeerOut {
  cod: number | null;
  subset: number | null;
  clusters: unknown;
  seconds: number;
}

function runPeer(dir: string, c: Case): { wall: number; out: PeerOut } {
  const env = { ...process.env };
  delete env.COD_CACHE; // the clustering is part of what is timed
  const t = performance.now();
  const r = spawnSync(PYTHON, [PEER, dir, c.key], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`peer_cod.py failed on ${c.key} (exit ${r.status}): ${r.stderr}`);
  const json = JSON.parse(r.stdout) as Record<string, Record<string, { cod?: number; subset?: number }>> & { _seconds: number };
  const b = json[c.benchmark] ?? {};
  const p = (b[c.target] ?? {}) as { cod?: number; subset?: number };
  return { wall, out: { cod: p.cod ?? null, subset: p.subset ?? null, clusters: (b as Record<string, unknown>)._clusters ?? null, seconds: json._seconds } };
}

function runCli(files: { scores: string; models: string }, c: Case): { wall: number; prediction: number | null; reason: string | null; exit: number | null } {
  const args = [CLI, 'predict', '--scores', files.scores, '--models', files.models, '--ladder', c.ladder.join(','), '--target', c.target, '--method', 'cod', '--json'];
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t) / 1000;
  let prediction: number | null = null;
  let reason: string | null = null;
  try {
    const out = JSON.parse(r.stdout) as { predictions?: { benchmark: string; method: string; prediction: number | null; reason?: string }[] };
    const cod = out.predictions?.find((p) => p.method === 'cod' && p.benchmark === c.benchmark);
    if (cod) {
      prediction = cod.prediction;
      reason = cod.reason ?? null;
    } else reason = 'no COD entry in the JSON report';
  } catch {
    reason = `no JSON on stdout (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`;
  }
  if (r.status !== 0 && reason === null) reason = `exit ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`;
  return { wall, prediction, reason, exit: r.status };
}

export async function benchCodPeer(): Promise<Record<string, unknown>[]> {
  const name = 'COD against peer_cod.py';
  if (!existsSync(RAW)) return [{ case: name, skipped: `no per-item data at ${RAW} (../shared absent)` }];
  if (!existsSync(CLI)) return [{ case: name, skipped: `no build at ${CLI} (run npm run build, or npm run bench)` }];
  let peerSkip: string | null = null;
  if (!existsSync(PEER)) peerSkip = `no peer at ${PEER}`;
  else {
    const py = spawnSync(PYTHON, ['-c', 'import sklearn, scipy, numpy'], { encoding: 'utf8' });
    if (py.error || py.status !== 0) peerSkip = `${PYTHON} cannot import scikit-learn/scipy: ${py.error?.message ?? py.stderr.trim().split('\n').pop()}`;
  }
  const rows: Record<string, unknown>[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'scalecast-bench-cod-peer-'));
  try {
    for (const c of CASES) {
      const file = join(RAW, c.config, `${c.benchmark}.pass1.csv`);
      const data = loadDataset({ scores: [file], models: [MODELS], ignoreUnlisted: true });
      const matrix = data.itemScores.find((m) => m.benchmark === c.benchmark)!;
      const ladder: LadderModel[] = resolveLadder(data, { models: c.ladder, axis: 'compute' });
      const targetRec = data.models!.models.find((m) => m.model === c.target);
      const targetX = axisPosition(targetRec, 'compute');
      if (typeof targetX === 'string') throw new Error(`${c.target}: ${targetX}`);
      const records = new Map(data.models!.models.map((m) => [m.model, m] as const));
      const files = writeCase(dir, c, matrix, records);
      const label = `${c.config}/${c.benchmark}, ${c.ladder[0]}…${c.ladder[c.ladder.length - 1]} (${c.ladder.length} models) → ${c.target}, ${matrix.items.length} items`;

      // What COD says on the data as it is.
      // Its first call in this process, with the JIT cold (as in a fresh CLI process).
      const { value: first, seconds: firstSeconds } = timed(() => codPrediction(matrix, ladder, targetX));
      const refused = first.prediction.prediction === null ? first.prediction.reason ?? 'no prediction' : null;
      // The matrix the timed in-process stages run on: as it is, or marked as sampled where COD refuses greedy data.
      const greedy = refused !== null && /0\/1 result/.test(refused);
      const work = greedy ? markedSampled(matrix) : matrix;

      const inProcess: number[] = [];
      const clusterStage: number[] = [];
      const noInterval: number[] = [];
      const cli: number[] = [];
      const peerWall: number[] = [];
      const peerOwn: number[] = [];
      let pred = first;
      let stage: ReturnType<typeof codClusters> | null = null;
      let cliLast: ReturnType<typeof runCli> | null = null;
      let peerLast: PeerOut | null = null;
      for (let rep = 0; rep <= RUNS; rep++) {
        const keep = rep > 0; // rep 0 is the warm-up
        const a = timed(() => codPrediction(work, ladder, targetX));
        pred = a.value;
        if (keep) inProcess.push(a.seconds);
        if (greedy) {
          const s = timed(() => codClusters(work, ladder));
          stage = s.value;
          if (keep) clusterStage.push(s.seconds);
        }
        const b = runCli(files, c);
        cliLast = b;
        if (keep) cli.push(b.wall);
        const n = timed(() => codPrediction(work, ladder, targetX, { bootstrap: 0, jackknife: false }));
        if (keep) noInterval.push(n.seconds);
        if (peerSkip === null && peerWall.length < RUNS) {
          const p = runPeer(dir, c);
          peerLast = p.out;
          // A warm-up longer than PEER_SLOW_S counts as a run: what a warm-up saves is small next to it.
          if (keep || p.wall > PEER_SLOW_S) {
            peerWall.push(p.wall);
            peerOwn.push(p.out.seconds);
          }
        }
      }
      const mIn = median(inProcess);
      const mCli = median(cli);
      const row: Record<string, unknown> = {
        case: label,
        runs: RUNS,
        warmups: 1,
        data: greedy ? 'greedy 0/1 (one answer per item)' : 'sampled pass rates',
        scalecast_cod_on_the_data: refused === null ? { prediction: pts(first.prediction.prediction), interval: first.prediction.interval?.map(pts) ?? null } : { refused },
        codPrediction_first_call_cold_s: sec(firstSeconds),
      };
      if (greedy) {
        row.in_process_note = 'timed on the same scores with cells marked as 2 trials, past the greedy check';
        row.codClusters_median_s = sec(median(clusterStage));
        row.codClusters = stage !== null && !('reason' in stage) ? { clustered: stage.clustered, clusters: stage.clusters.length, extrapolatable: stage.clusters.filter((k) => k.class === 'extrapolatable').length } : stage;
      }
      row.codPrediction_default_interval_median_s = sec(mIn);
      row.codPrediction = { prediction: pts(pred.prediction.prediction), interval: pred.prediction.interval?.map(pts) ?? null, reason: pred.prediction.reason ?? null, clusters: pred.diagnostics?.clusters.length ?? null };
      row.codPrediction_no_interval_median_s = sec(median(noInterval));
      row.cli_process_median_s = sec(mCli);
      row.cli = { exit: cliLast?.exit ?? null, prediction: pts(cliLast?.prediction), reason: cliLast?.reason ?? null };
      if (peerSkip !== null) {
        row.peer = { skipped: peerSkip };
      } else {
        const mPeer = median(peerWall);
        const mOwn = median(peerOwn);
        row.peer_process_median_s = sec(mPeer);
        row.peer_own_seconds_median_s = sec(mOwn);
        row.peer = { cod: pts(peerLast?.cod), subset: pts(peerLast?.subset), clusters: peerLast?.clusters ?? null };
        const speedProcess = mPeer / mCli;
        const speedInProcess = mOwn / mIn;
        row.speedup_process_vs_process = Number(speedProcess.toFixed(2));
        row.speedup_in_process_vs_peer_own_seconds = Number(speedInProcess.toFixed(2));
        row.speedup_no_interval_vs_peer_own_seconds = Number((mOwn / median(noInterval)).toFixed(2));
        if (greedy) row.speedup_codClusters_vs_peer_own_seconds = Number((mOwn / median(clusterStage)).toFixed(2));
        row.target = `scalecast ≥ ${TARGET_SPEEDUP}× faster than the peer`;
        row.result_process = speedProcess >= TARGET_SPEEDUP ? 'PASS' : 'FAIL';
        row.result_in_process = speedInProcess >= TARGET_SPEEDUP ? 'PASS' : 'FAIL';
      }
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await benchCodPeer()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
