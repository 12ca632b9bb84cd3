/**
 * The `monitor` job: a run in progress from its checkpoints so far — where it will finish on each
 * benchmark, the path to its planned end, and the checkpoints off that path — using the checkpoints
 * of ladder runs trained the same way where given. The rules live here: which rows are read, which
 * runs are the ladder, how the ladder is ordered, and which options apply.
 */
import { basename, dirname, resolve } from 'node:path';
import { chartFileContent, chartFileFormat } from './chartFiles.js';
import { UsageError } from '../core/userError.js';
import { checkOutputs, writeFilesAtomically } from '../io/outputFiles.js';
import { readModelsTable } from '../data/modelsTable.js';
import { paramsFromName } from '../data/paramsFromName.js';
import { parseRowFilter, rowPasses, type RowFilter } from '../data/rowFilter.js';
import { InputError } from '../io/inputError.js';
import type { TableRow } from '../io/tableReader.js';
import { monitorRun, type MonitorResult } from '../monitor/monitorRun.js';
import { readCheckpoints } from '../monitor/readCheckpoints.js';
import { compareNatural } from '../io/textOrder.js';

/** What `monitor` is asked. */
export interface MonitorRequest {
  /** The checkpoint table (run, step and/or tokens, benchmark, score). */
  scores: string;
  /** The run in progress. */
  run: string;
  /** Ladder runs: names, or every other run of the table. @default 'others' */
  ladder?: readonly string[] | 'others' | 'none';
  /** Models table with params (orders the ladder and picks the run nearest in size). */
  models?: string;
  untilTokens?: number;
  untilStep?: number;
  /** Score column. @default score, acc or accuracy */
  metric?: string;
  /** Loss column for the two-step forecast. @default loss, bpb, … where the table has one */
  lossColumn?: string;
  /** Row filters, e.g. "num_fewshot=0". */
  where?: readonly string[];
  /** Also draw the chart here: .svg, .png or .vl.json (written whole or not at all, never over the input). */
  chart?: string;
  /** Replay the monitor at this step: the run's checkpoints after it are left out (the ladder's are kept). */
  asOfStep?: number;
}

/**
 * Keeps the rows passing every filter, and afterwards refuses a filter whose column no row of the
 * table had: monitor reads one table, so such a filter is a typo. (The check waits for the end: a
 * JSON Lines key may first appear in a later row.)
 */
function rowKeeper(filters: readonly RowFilter[], file: string): { keep: (row: TableRow) => boolean; check: () => void } {
  const passes = rowPasses(filters);
  const seen = new Set<string>();
  return {
    keep: (row) => {
      for (const h of row.header) seen.add(h.toLowerCase());
      return passes(row);
    },
    check: () => {
      const missing = filters.find((f) => !seen.has(f.column.toLowerCase()));
      if (missing !== undefined) throw new InputError({ code: 'bad-option', file, message: `--where ${missing.text ?? missing.column}: the table has no column "${missing.column}"`, found: [...seen].join(',') });
    },
  };
}

/** Monitors the run, and draws its chart when asked. */
export async function monitorJob(request: MonitorRequest): Promise<MonitorResult & { files: string[] }> {
  const format = request.chart === undefined ? undefined : chartFileFormat(request.chart);
  if (request.chart !== undefined) checkOutputs(dirname(resolve(request.chart)), [{ name: basename(request.chart) }], { inputs: [request.scores, ...(request.models === undefined ? [] : [request.models])] });
  const result = monitorResult(request);
  if (request.chart === undefined || format === undefined) return { ...result, files: [] };
  const { monitorChart } = await import('../charts/monitorChart.js');
  const content = await chartFileContent(monitorChart(result), format);
  const files = writeFilesAtomically(dirname(resolve(request.chart)), [{ name: basename(request.chart), content }]);
  return { ...result, files };
}

/** The monitor result without the chart. */
export function monitorResult(request: MonitorRequest): MonitorResult {
  const given = [request.untilTokens, request.untilStep].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError('give the run\'s planned end once: --until-tokens N or --until-step S');
  const filters = (request.where ?? []).map((w) => {
    const f = parseRowFilter(w);
    if (f === undefined) throw new UsageError(`--where takes column=value (or !=, <, <=, >, >= with a number), not "${w}"`);
    return f;
  });
  const keeper = rowKeeper(filters, request.scores);
  let rows = readCheckpoints(request.scores, { ...(request.metric === undefined ? {} : { metric: request.metric }), ...(request.lossColumn === undefined ? {} : { loss: request.lossColumn }), ...(filters.length === 0 ? {} : { keep: keeper.keep }) });
  keeper.check();
  if (request.asOfStep !== undefined) {
    const asOf = request.asOfStep;
    const mine = rows.filter((r) => r.run === request.run);
    if (mine.some((r) => r.step === undefined)) throw new UsageError(`--as-of-step needs the step of every checkpoint of ${request.run}`);
    if (mine.length > 0 && !mine.some((r) => r.step! <= asOf)) throw new UsageError(`--as-of-step ${asOf} is before the first checkpoint of ${request.run} (step ${Math.min(...mine.map((r) => r.step!))})`);
    rows = rows.filter((r) => r.run !== request.run || r.step! <= asOf);
  }
  if (rows.length === 0) throw new UsageError(`${request.scores}: no checkpoint row left${filters.length > 0 ? ' after --where' : ''}`);
  const runs = [...new Set(rows.map((r) => r.run))];
  const params = new Map<string, number>();
  if (request.models !== undefined) {
    for (const m of readModelsTable(request.models).table.models) if (m.params !== undefined) params.set(m.model, m.params);
  }
  const size = (run: string) => params.get(run) ?? paramsFromName(run);
  const spec = request.ladder ?? 'others';
  const ladder = spec === 'none' ? [] : spec === 'others' ? runs.filter((r) => r !== request.run) : [...spec];
  const unknown = ladder.filter((r) => !runs.includes(r));
  if (unknown.length > 0) throw new UsageError(`--ladder names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a run of ${request.scores} (runs: ${runs.slice(0, 12).join(', ')}${runs.length > 12 ? ', …' : ''})`);
  if (ladder.includes(request.run)) throw new UsageError(`--ladder names the run in progress, ${request.run}`);
  // Smallest first: without sizes, the names' natural order.
  ladder.sort((a, b) => (size(a) ?? Infinity) - (size(b) ?? Infinity) || compareNatural(a, b));
  const sized = new Map([request.run, ...ladder].flatMap((r) => (size(r) === undefined ? [] : [[r, size(r)!] as const])));
  return monitorRun(rows, { run: request.run, ladder, until: request.untilTokens !== undefined ? { tokens: request.untilTokens } : { step: request.untilStep! }, params: sized });
}
