/**
 * `predict --checkpoints all`: the ladder models' intermediate checkpoints as more ladder points,
 * from the score tables that have a step column (other inputs hold none). Each checkpoint of a
 * ladder model after its warm-up (0.5% of its steps) and before its last becomes a point
 * `model@step` at compute 6·N·D (N the model's parameters, D the tokens it had seen: the table's
 * tokens column, or the model's tokens × step / last step), its scores read with the same `--where`
 * filters and `--group NAME=GLOB` groups (a group's score at a checkpoint is the mean of its members
 * there, and none when one is missing). A checkpoint enters when it has a score on every benchmark
 * predicted. The same construction was measured on Pythia (docs/validation.md §8e, built by
 * validation/checkpointLadder.ts): it does not help, so `final` is the default.
 */
import { statSync } from 'node:fs';
import { isInputError } from '../io/inputError.js';
import { tableFormatOf } from '../io/tableReader.js';
import { UsageError } from '../core/userError.js';
import type { BenchmarkData } from '../data/benchmarkData.js';
import { globRegExp, type BenchmarkGroup } from '../data/benchmarkGroups.js';
import { rowPasses } from '../data/rowFilter.js';
import type { RowSelection } from '../data/rowSelection.js';
import type { Dataset } from '../data/types.js';
import { readCheckpoints, type CheckpointRow } from '../monitor/readCheckpoints.js';
import { WARMUP_FRACTION } from '../monitor/ladderShape.js';
import type { LadderModel } from '../predict/ladder.js';

/** Which checkpoints a ladder uses. */
export type CheckpointUse = 'final' | 'all';

/** What adding the checkpoints did. */
export interface CheckpointPoints {
  ladder: LadderModel[];
  added: number;
  warnings: string[];
}

/**
 * Reads the checkpoint rows of the score tables given as files: tables with a step or tokens column
 * (others — per-item files, harness results, folders — hold no checkpoints and are passed over).
 */
function checkpointRows(files: readonly string[], selection: RowSelection | undefined, metric: string | undefined): CheckpointRow[] {
  const tables = files.filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile() === true && tableFormatOf(f) !== undefined);
  const rows: CheckpointRow[] = [];
  for (const file of tables) {
    try {
      rows.push(...readCheckpoints(file, { ...(metric === undefined ? {} : { metric }), keep: rowPasses(selection?.where ?? []) }));
    } catch (e) {
      if (isInputError(e) && e.code === 'missing-column') continue;
      throw e;
    }
  }
  return rows;
}

/**
 * The ladder with its models' intermediate checkpoints, and those checkpoints' scores set in each
 * benchmark's `scores` (the benchmarks are changed in place).
 *
 * @throws UsageError when the axis is not compute, or no score table has checkpoints of a ladder model
 */
export function addCheckpointPoints(
  data: Dataset,
  ladder: readonly LadderModel[],
  benchmarks: readonly BenchmarkData[],
  input: { scores: readonly string[]; selection?: RowSelection; metric?: string; groups?: readonly BenchmarkGroup[] },
  axis: 'compute' | 'params',
): CheckpointPoints {
  if (axis !== 'compute') throw new UsageError('--checkpoints all places each checkpoint at the compute it had seen (6·N·tokens): use it with --axis compute');
  const rows = checkpointRows(input.scores, input.selection, input.metric);
  const names = new Set(ladder.map((l) => l.model));
  const mine = rows.filter((r) => names.has(r.run) && r.step !== undefined);
  if (mine.length === 0) throw new UsageError('--checkpoints all: no score table has rows with a step for the ladder models (a tidy table with model, step, benchmark and score columns)');
  const bare = (input.groups ?? []).find((g) => g.pattern === undefined);
  if (bare !== undefined) throw new UsageError(`--checkpoints all: --group ${bare.name} takes its subtasks from a harness results file, which holds no checkpoints; give the group as ${bare.name}=GLOB`);
  const patterns = (input.groups ?? []).map((g) => ({ name: g.name, re: globRegExp(g.pattern!) }));
  const groupOf = (benchmark: string) => patterns.find((g) => g.re.test(benchmark))?.name ?? benchmark;
  // A group's members are the benchmarks its pattern matches in the rows; a checkpoint lacking one has no group score.
  const members = new Map<string, Set<string>>();
  for (const r of mine) {
    const g = groupOf(r.benchmark);
    if (g !== r.benchmark) members.set(g, (members.get(g) ?? new Set()).add(r.benchmark));
  }
  // run → step → benchmark → [scores] (groups averaged), and the tokens of each step.
  const byRun = new Map<string, Map<number, { tokens?: number; scores: Map<string, number[]>; seen?: Set<string> }>>();
  for (const r of mine) {
    let steps = byRun.get(r.run);
    if (steps === undefined) byRun.set(r.run, (steps = new Map()));
    let at = steps.get(r.step!);
    if (at === undefined) steps.set(r.step!, (at = { scores: new Map() }));
    if (r.tokens !== undefined) at.tokens = r.tokens;
    const b = groupOf(r.benchmark);
    at.scores.set(b, [...(at.scores.get(b) ?? []), r.score]);
    if (b !== r.benchmark) at.seen = (at.seen ?? new Set()).add(r.benchmark);
  }
  const models = new Map((data.models?.models ?? []).map((m) => [m.model, m]));
  const warnings: string[] = [];
  const points: LadderModel[] = [];
  let incomplete = 0;
  for (const l of ladder) {
    const steps = byRun.get(l.model);
    if (steps === undefined) continue;
    const last = Math.max(...steps.keys());
    const n = l.params ?? models.get(l.model)?.params;
    const finalTokens = models.get(l.model)?.tokens ?? steps.get(last)!.tokens;
    if (n === undefined) {
      warnings.push(`${l.model}: no parameter count, so its checkpoints cannot be placed on the compute axis`);
      continue;
    }
    for (const [step, at] of steps) {
      // The warm-up's checkpoints score at chance: they are initialisation, not scaling.
      if (step === last || step < WARMUP_FRACTION * last) continue;
      const tokens = at.tokens ?? (finalTokens === undefined ? undefined : (finalTokens * step) / last);
      if (tokens === undefined) {
        warnings.push(`${l.model}: no tokens for its checkpoints (a tokens column, or tokens in the models table)`);
        break;
      }
      const name = `${l.model}@${step}`;
      const complete = (b: string) => !members.has(b) || [...members.get(b)!].every((m) => at.seen?.has(m));
      const scores = benchmarks.map((b) => (complete(b.benchmark) ? at.scores.get(b.benchmark) : undefined));
      if (scores.some((s) => s === undefined)) {
        incomplete++;
        continue;
      }
      benchmarks.forEach((b, i) => b.scores.set(name, scores[i]!.reduce((a, v) => a + v, 0) / scores[i]!.length));
      points.push({ model: name, x: 6 * n * tokens, params: n, compute: 6 * n * tokens, ...(l.family === undefined ? {} : { family: l.family }) });
    }
  }
  if (incomplete > 0) warnings.push(`${incomplete} checkpoint${incomplete === 1 ? '' : 's'} left out: no score on every benchmark predicted`);
  // The final checkpoint of the largest model stays last: the default starts from it.
  const largest = ladder[ladder.length - 1]!;
  const merged = [...ladder.slice(0, -1), ...points].sort((a, b) => a.x - b.x);
  warnings.push(
    `the ladder has ${points.length} intermediate checkpoint${points.length === 1 ? '' : 's'} beside its ${ladder.length} final models: a checkpoint taken before its learning rate finished decaying is not a finished model, and on Pythia such points did not help the default (docs/validation.md §8e)`,
  );
  return { ladder: [...merged, largest], added: points.length, warnings };
}
