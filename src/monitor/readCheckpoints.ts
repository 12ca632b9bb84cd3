/**
 * Reading a table of checkpoint scores: one row per (run, checkpoint, benchmark), with the
 * checkpoint's training step and/or tokens seen. `pythia_v1_evals.csv`
 * (`model,step,tokens_seen,num_fewshot,task,acc,…`) is one; so is any tidy export of training-time
 * evaluations.
 *
 * Checked, each a one-line error at its place: a table with neither a step nor a tokens column, a
 * row with neither value, two rows for one (run, checkpoint, benchmark), and tokens that go backwards
 * while the step goes forwards (or one step logged at two token counts).
 *
 * @example readCheckpoints('pythia_v1_evals.csv', { metric: 'acc', keep: (row) => row.values[3] === '0' })
 */
import { cellText, columnResolver, readNumberCell } from '../io/cells.js';
import { InputError } from '../io/inputError.js';
import { readTableFile, type TableRow } from '../io/tableReader.js';
import { MODEL_COLUMNS } from '../data/modelsTable.js';

/** One checkpoint score as read. */
export interface CheckpointRow {
  run: string;
  benchmark: string;
  step?: number;
  tokens?: number;
  score: number;
  /** The loss logged with it, where the table has a loss column. */
  loss?: number;
  file: string;
  line: number;
}

/** How to read a checkpoint table. */
export interface ReadCheckpointsOptions {
  /** Score column. @default the first of score, acc, accuracy */
  metric?: string;
  /** Loss column (for the two-step forecast). @default the first of loss, bpb, bits_per_byte, task_loss, nll, if any */
  loss?: string;
  /** Keep only rows for which this returns true (the `--where` filters). */
  keep?: (row: TableRow) => boolean;
}

const COLUMNS = {
  run: { names: ['run', 'model', 'model_name'], required: true },
  benchmark: { names: ['benchmark', 'task', 'dataset'], required: true },
  step: { names: MODEL_COLUMNS.step },
  tokens: { names: ['tokens', 'tokens_seen', 'total_tokens', 'throughput/total_tokens'] },
} as const;

/** Reads the rows of a checkpoint table and checks them (see the module comment). */
export function readCheckpoints(file: string, options: ReadCheckpointsOptions = {}): CheckpointRow[] {
  const columns = columnResolver(
    {
      ...COLUMNS,
      score: { names: options.metric === undefined ? ['score', 'acc', 'accuracy'] : [options.metric], required: true },
      loss: { names: options.loss === undefined ? ['loss', 'bpb', 'bits_per_byte', 'task_loss', 'nll'] : [options.loss], required: options.loss !== undefined },
    },
    'a checkpoint table',
  );
  const rows: CheckpointRow[] = [];
  readTableFile(file, {
    onHeader(h) {
      const c = columns(h);
      if (c.step < 0 && c.tokens < 0) {
        throw new InputError({ code: 'missing-column', file, line: h.headerLine, column: 1, message: 'a checkpoint table needs a "step" or a "tokens" column (or both) to place each checkpoint', expected: 'a header with step or tokens (tokens_seen)', found: h.header.join(',') });
      }
    },
    onRow(row) {
      if (options.keep !== undefined && !options.keep(row)) return;
      const c = columns(row);
      const score = readNumberCell(row, c.score, { name: row.header[c.score]!, min: 0, max: 1, expected: 'a score in [0, 1]' });
      if (score === undefined) return; // a checkpoint not evaluated on this benchmark
      const step = c.step < 0 ? undefined : readNumberCell(row, c.step, { name: 'step', min: 0, integer: true, expected: 'a whole number of steps' });
      const tokens = c.tokens < 0 ? undefined : readNumberCell(row, c.tokens, { name: 'tokens', min: 0, quantity: true, expected: 'a number of tokens' });
      if (step === undefined && tokens === undefined) {
        throw new InputError({ code: 'missing-value', file, line: row.line, message: 'this checkpoint has neither a step nor a token count', expected: 'a step or tokens on every row' });
      }
      const loss = c.loss < 0 ? undefined : readNumberCell(row, c.loss, { name: row.header[c.loss]!, min: 0, expected: 'a loss ≥ 0' });
      rows.push({ run: cellText(row.values[c.run]) ?? '', benchmark: cellText(row.values[c.benchmark]) ?? '', ...(step === undefined ? {} : { step }), ...(tokens === undefined ? {} : { tokens }), score, ...(loss === undefined ? {} : { loss }), file, line: row.line });
    },
  });
  checkCheckpoints(rows);
  return rows;
}

/** The checks of the module comment, on rows from any source. @throws InputError at the offending row */
export function checkCheckpoints(rows: readonly CheckpointRow[]): void {
  const seen = new Map<string, CheckpointRow>();
  const tokensAtStep = new Map<string, Map<number, CheckpointRow>>();
  for (const r of rows) {
    const at = r.step !== undefined ? `step ${r.step}` : `${r.tokens} tokens`;
    const key = `${r.run}\u0000${r.benchmark}\u0000${at}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError({ code: 'duplicate', file: r.file, line: r.line, message: `a second row for ${r.run} at ${at} on ${r.benchmark} (the first is on line ${first.line})`, hint: 'keep one row per checkpoint with --where KEY=VALUE on the column that tells them apart (in report: --monitor-where)' });
    }
    seen.set(key, r);
    if (r.step !== undefined && r.tokens !== undefined) {
      let steps = tokensAtStep.get(r.run);
      if (steps === undefined) tokensAtStep.set(r.run, (steps = new Map()));
      const other = steps.get(r.step);
      if (other !== undefined && other.tokens !== r.tokens) {
        throw new InputError({ code: 'duplicate', file: r.file, line: r.line, message: `${r.run} logs step ${r.step} at ${r.tokens} tokens here and at ${other.tokens} on line ${other.line}` });
      }
      steps.set(r.step, r);
    }
  }
  for (const [run, steps] of tokensAtStep) {
    const ordered = [...steps.values()].sort((a, b) => a.step! - b.step!);
    for (let i = 1; i < ordered.length; i++) {
      const a = ordered[i - 1]!;
      const b = ordered[i]!;
      if (b.tokens! <= a.tokens!) {
        throw new InputError({ code: 'out-of-range', file: b.file, line: b.line, message: `${run} goes backwards: step ${b.step} has ${b.tokens} tokens, no more than step ${a.step} (${a.tokens} tokens, line ${a.line})`, expected: 'tokens that grow with the step' });
      }
    }
  }
}
