/**
 * A run in progress, on every benchmark it has checkpoints for: where it will finish (every
 * forecaster, the default with its 95% interval), the path to the planned end, and the checkpoints
 * off its path. The checkpoint rows of the run and of the ladder runs are placed on one axis —
 * tokens where every row has them, else steps — and grouped into curves.
 */
import { checkpointAlarms, type CheckpointCheck } from './checkpointAlarms.js';
import type { CheckpointCurve } from './checkpointCurve.js';
import { forecastRun, FORECASTERS, type ForecasterId } from './forecastRun.js';
import type { CheckpointRow } from './readCheckpoints.js';
import { UserError } from '../core/userError.js';

/** A run that cannot be monitored as asked (unknown run, no checkpoint yet, an end before the last checkpoint). */
export class MonitorError extends UserError {
  constructor(message: string) {
    super('degenerate', message);
    this.name = 'MonitorError';
  }
}

/** What to monitor. */
export interface MonitorOptions {
  run: string;
  /** Ladder runs, smallest first (their whole curves are known). */
  ladder: readonly string[];
  /** The planned end, in tokens or in steps (converted with the run's tokens per step). */
  until: { tokens: number } | { step: number };
  /** Parameters per run, where known (picks the ladder run nearest in size). */
  params?: ReadonlyMap<string, number>;
}

/** One point of the predicted path. */
export interface PathPoint {
  /** Position on the axis (tokens, or steps when the data have no tokens). */
  at: number;
  score: number;
  low: number;
  high: number;
}

/** The run on one benchmark. */
export interface BenchmarkMonitor {
  benchmark: string;
  checkpoints: number;
  /** The run's checkpoints so far. */
  points: { at: number; score: number }[];
  last: { at: number; score: number };
  forecasts: Record<ForecasterId, { value: number | null; reason?: string }>;
  /** The default's 95% interval at the planned end. */
  interval: [number, number] | null;
  path: PathPoint[];
  /** σ of the checkpoints' residuals from the path. */
  sigma: number;
  /** Checkpoints off the path's 95% band. */
  alarms: CheckpointCheck[];
  /** Checkpoints checked against the path. */
  checked: number;
}

/** The whole result. */
export interface MonitorResult {
  run: string;
  axis: 'tokens' | 'step';
  end: number;
  ladder: string[];
  benchmarks: BenchmarkMonitor[];
  warnings: string[];
}

const PATH_POINTS = 12;

/** The axis position of a row: tokens on the tokens axis, else its step. */
function position(r: CheckpointRow, axis: 'tokens' | 'step'): number {
  return axis === 'tokens' ? r.tokens! : r.step!;
}

/**
 * Monitors `options.run` from the rows.
 *
 * @throws MonitorError when the run is unknown, has no checkpoint after step 0, or the end cannot be
 *   placed or lies before its last checkpoint
 */
export function monitorRun(rows: readonly CheckpointRow[], options: MonitorOptions): MonitorResult {
  const mine = rows.filter((r) => r.run === options.run);
  if (mine.length === 0) throw new MonitorError(`no checkpoint of run "${options.run}" in the data (runs: ${[...new Set(rows.map((r) => r.run))].slice(0, 12).join(', ')})`);
  const used = rows.filter((r) => r.run === options.run || options.ladder.includes(r.run));
  const axis: 'tokens' | 'step' = used.every((r) => r.tokens !== undefined) ? 'tokens' : used.every((r) => r.step !== undefined) ? 'step' : 'tokens';
  const unplaced = used.find((r) => (axis === 'tokens' ? r.tokens === undefined : r.step === undefined));
  if (unplaced !== undefined) throw new MonitorError(`${unplaced.file}:${unplaced.line}: some checkpoints have only a step and others only tokens; give both, or the same one everywhere`);
  const lastAt = Math.max(...mine.map((r) => position(r, axis)));
  const end = planEnd(mine, axis, options.until);
  if (!(end > lastAt)) throw new MonitorError(`the planned end (${end} ${axis === 'tokens' ? 'tokens' : 'steps'}) is not after the run's last checkpoint (${lastAt})`);
  const warnings: string[] = [];
  const curveOf = (run: string, benchmark: string, endAt?: number): CheckpointCurve | null => {
    const points = used
      .filter((r) => r.run === run && r.benchmark === benchmark)
      .map((r) => ({ tokens: position(r, axis), ...(r.step === undefined ? {} : { step: r.step }), score: r.score, ...(r.loss === undefined ? {} : { loss: r.loss }) }))
      .filter((p) => p.tokens > 0)
      .sort((a, b) => a.tokens - b.tokens);
    if (points.length === 0) return null;
    const params = options.params?.get(run);
    return { run, benchmark, endTokens: endAt ?? points[points.length - 1]!.tokens, points, ...(params === undefined ? {} : { params }) };
  };
  const benchmarks = [...new Set(mine.map((r) => r.benchmark))].sort();
  const out: BenchmarkMonitor[] = [];
  for (const benchmark of benchmarks) {
    const run = curveOf(options.run, benchmark, end);
    if (run === null) continue;
    const ladder = options.ladder.map((m) => curveOf(m, benchmark)).filter((c): c is CheckpointCurve => c !== null);
    const missing = options.ladder.filter((m) => !ladder.some((c) => c.run === m));
    if (missing.length > 0) warnings.push(`${benchmark}: no checkpoints of ladder run${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
    const f = forecastRun(run, ladder);
    const last = run.points[run.points.length - 1]!;
    const path: PathPoint[] = [];
    const dflt = f.forecasts.default!;
    if (dflt.path !== null && f.band !== null) {
      for (let i = 0; i <= PATH_POINTS; i++) {
        const at = last.tokens * (end / last.tokens) ** (i / PATH_POINTS);
        const [low, high] = f.band(at);
        path.push({ at, score: dflt.path(at), low, high });
      }
    }
    const alarms = checkpointAlarms(run);
    out.push({
      benchmark,
      checkpoints: run.points.length,
      points: run.points.map((p) => ({ at: p.tokens, score: p.score })),
      last: { at: last.tokens, score: last.score },
      forecasts: Object.fromEntries(FORECASTERS.map((id) => [id, { value: f.forecasts[id]?.value ?? null, ...(f.forecasts[id]?.reason ? { reason: f.forecasts[id]!.reason } : {}) }])) as BenchmarkMonitor['forecasts'],
      interval: f.band === null ? null : f.band(end),
      path,
      sigma: alarms.sigma,
      alarms: alarms.checks.filter((c) => c.alarm),
      checked: alarms.checks.length,
    });
  }
  if (out.length === 0) throw new MonitorError(`${options.run} has no checkpoint after step 0 yet: there is nothing to extrapolate`);
  return { run: options.run, axis, end, ladder: [...options.ladder], benchmarks: out, warnings };
}

/** The planned end on the axis; a step on the tokens axis goes through the run's tokens per step. */
function planEnd(mine: readonly CheckpointRow[], axis: 'tokens' | 'step', until: MonitorOptions['until']): number {
  if ('tokens' in until) {
    if (axis === 'tokens') return until.tokens;
    throw new MonitorError('the data place checkpoints by step only: give the planned end as --until-step');
  }
  if (axis === 'step') return until.step;
  const both = mine.filter((r) => r.step !== undefined && r.step > 0 && r.tokens !== undefined);
  if (both.length === 0) throw new MonitorError(mine.some((r) => r.step !== undefined) ? 'the run has no checkpoint after step 0 with both a step and tokens, so a planned end in steps cannot be placed in tokens: give it as --until-tokens' : 'the data place checkpoints by tokens only: give the planned end as --until-tokens');
  const last = both.reduce((a, r) => (r.step! > a.step! ? r : a));
  return until.step * (last.tokens! / last.step!);
}
