/**
 * The runs-in-progress part of `evaluate`: every run of a corpus's `runs` entries, cut at each
 * fraction of its training, forecast at its end by every forecaster of `monitor` with the runs
 * listed before it as its ladder, against the score it reached. The default has no parameter fitted
 * on these cases, so there is nothing to leave out.
 */
import type { CheckpointsSource, CorpusManifest, CorpusRuns } from '../data/corpusManifest.js';
import { manifestError } from '../data/corpusManifest.js';
import { readOlmoLadderCurves } from '../data/olmoLadder.js';
import type { CheckpointCurve } from '../monitor/checkpointCurve.js';
import { forecastRun, FORECASTERS, type ForecasterId } from '../monitor/forecastRun.js';
import { readCheckpoints, type CheckpointRow } from '../monitor/readCheckpoints.js';

/** One forecast of the corpus. */
export interface RunCase {
  entry: string;
  lineage: string;
  run: string;
  benchmark: string;
  cut: number;
  actual: number;
  values: Partial<Record<ForecasterId, number | null>>;
  interval: [number, number] | null;
}

/** Accuracy of one forecaster at one cut. */
export interface RunAccuracy {
  forecaster: ForecasterId;
  cut: number;
  n: number;
  /** Mean and max absolute error, fractions. */
  mae: number;
  max: number;
  /** Share of cases inside the default's 95% interval (the default only). */
  coverage?: number;
}

/** The runs part of an evaluation. */
export interface RunsEvaluation {
  entries: number;
  runs: number;
  cases: RunCase[];
  accuracy: RunAccuracy[];
}

/** Curves by run and benchmark of a checkpoints source: rows grouped, `combine` groups averaged per checkpoint. */
function tableCurves(source: CheckpointsSource): Map<string, CheckpointCurve> {
  const where = Object.entries(source.where);
  const rows = readCheckpoints(source.path, {
    ...(source.metric === undefined ? {} : { metric: source.metric }),
    ...(where.length === 0
      ? {}
      : {
          keep: (row) =>
            where.every(([column, values]) => {
              const j = row.header.indexOf(column);
              const v = j < 0 ? undefined : row.values[j];
              return values.some((x) => String(x) === String(v) || (typeof x === 'number' && Number(v) === x));
            }),
        }),
  });
  const groups = Object.entries(source.combine);
  const byKey = new Map<string, Map<number, { tokens: number; step?: number; sum: number; n: number }>>();
  const add = (r: CheckpointRow, benchmark: string) => {
    const key = `${r.run}\u0000${benchmark}`;
    let m = byKey.get(key);
    if (m === undefined) byKey.set(key, (m = new Map()));
    const at = r.tokens ?? r.step!;
    const p = m.get(at) ?? { tokens: at, ...(r.step === undefined ? {} : { step: r.step }), sum: 0, n: 0 };
    p.sum += r.score;
    p.n += 1;
    m.set(at, p);
  };
  for (const r of rows) {
    const group = groups.find(([, prefix]) => r.benchmark.startsWith(prefix));
    add(r, group === undefined ? r.benchmark : group[0]);
  }
  const out = new Map<string, CheckpointCurve>();
  for (const [key, m] of byKey) {
    const [run, benchmark] = key.split('\u0000') as [string, string];
    const points = [...m.values()].filter((p) => p.tokens > 0).sort((a, b) => a.tokens - b.tokens).map((p) => ({ tokens: p.tokens, ...(p.step === undefined ? {} : { step: p.step }), score: p.sum / p.n }));
    if (points.length > 0) out.set(key, { run, benchmark, endTokens: points[points.length - 1]!.tokens, points });
  }
  return out;
}

/** Curves of an OLMo ladder source, keyed as {@link tableCurves} keys them. */
function olmoCurves(path: string): Map<string, CheckpointCurve> {
  return new Map(readOlmoLadderCurves(path).map((c) => [`${c.run}\u0000${c.benchmark}`, { run: c.run, benchmark: c.benchmark, params: c.params, endTokens: c.endTokens, points: c.points }]));
}

/** The cases of one entry. @throws InputError at the entry when a run has no checkpoints */
function entryCases(manifest: CorpusManifest, entry: CorpusRuns, k: number, curves: Map<string, CheckpointCurve>): RunCase[] {
  const first = entry.runs[0]!;
  const benchmarks = entry.benchmarks ?? [...curves.keys()].filter((key) => key.startsWith(`${first}\u0000`)).map((key) => key.split('\u0000')[1]!).sort();
  entry.runs.forEach((run, i) => {
    if (!benchmarks.some((b) => curves.has(`${run}\u0000${b}`))) throw manifestError(manifest, `runs.${k}.runs.${i}`, `run "${run}" of "${entry.id}" has no checkpoints on ${benchmarks.slice(0, 3).join(', ')} in its source`);
  });
  const cases: RunCase[] = [];
  entry.runs.forEach((run, i) => {
    for (const benchmark of benchmarks) {
      const full = curves.get(`${run}\u0000${benchmark}`);
      if (full === undefined || full.points.length < 2) continue;
      const ladder = entry.runs.slice(0, i).map((r) => curves.get(`${r}\u0000${benchmark}`)).filter((c): c is CheckpointCurve => c !== undefined);
      const actual = full.points[full.points.length - 1]!.score;
      for (const cut of entry.cuts) {
        const soFar = { ...full, points: full.points.filter((p) => p.tokens <= cut * full.endTokens) };
        if (soFar.points.length === 0) continue;
        const f = forecastRun(soFar, ladder);
        cases.push({ entry: entry.id, lineage: entry.lineage, run, benchmark, cut, actual, values: Object.fromEntries(FORECASTERS.map((id) => [id, f.forecasts[id]?.value ?? null])), interval: f.band?.(full.endTokens) ?? null });
      }
    }
  });
  return cases;
}

/** Evaluates every runs entry of the manifest; null when it has none. */
export function evaluateRuns(manifest: CorpusManifest, only?: string): RunsEvaluation | null {
  const entries = manifest.runs.map((r, k) => ({ r, k })).filter(({ r }) => only === undefined || r.id.includes(only));
  if (entries.length === 0) return null;
  const loaded = new Map<string, Map<string, CheckpointCurve>>();
  const cases: RunCase[] = [];
  for (const { r, k } of entries) {
    let curves = loaded.get(r.source);
    if (curves === undefined) {
      const source = manifest.sources[r.source]!;
      curves = source.format === 'checkpoints' ? tableCurves(source) : source.format === 'olmo-ladder' ? olmoCurves(source.path) : new Map();
      loaded.set(r.source, curves);
    }
    cases.push(...entryCases(manifest, r, k, curves));
  }
  const cuts = [...new Set(cases.map((c) => c.cut))].sort((a, b) => a - b);
  const accuracy: RunAccuracy[] = [];
  for (const cut of cuts) {
    for (const forecaster of FORECASTERS) {
      const at = cases.filter((c) => c.cut === cut && c.values[forecaster] != null);
      if (at.length === 0) continue;
      const errs = at.map((c) => Math.abs(c.values[forecaster]! - c.actual));
      const a: RunAccuracy = { forecaster, cut, n: at.length, mae: errs.reduce((s, e) => s + e, 0) / errs.length, max: Math.max(...errs) };
      if (forecaster === 'default') a.coverage = at.filter((c) => c.interval !== null && c.actual >= c.interval[0] && c.actual <= c.interval[1]).length / at.length;
      accuracy.push(a);
    }
  }
  return { entries: entries.length, runs: new Set(cases.map((c) => `${c.entry}/${c.run}`)).size, cases, accuracy };
}
