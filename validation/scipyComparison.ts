/**
 * scalecast's `fitLaw` against scipy's `curve_fit`, side by side on the same problems.
 *
 * Loads `test/fixtures/scipy/curve_fit_reference.json` (written by
 * `python3 test/fixtures/scipy/curve_fit_reference.py`: the data of each problem and curve_fit's
 * results from a user's p0, two other p0s, no p0 at all, and a tight-tolerance polish of the best),
 * fits every problem with `fitLaw` and its default multi-start, and prints a markdown table: scipy's
 * SSE from the user's p0 and the best over its runs, scalecast's SSE, their relative difference, the
 * largest relative difference of the parameters and of the standard errors against the polished
 * scipy optimum, and the time of one fit on each side (minimum of repeated runs).
 *
 * Run:  npx tsx validation/scipyComparison.ts [--json]
 * (`docs/fitting-vs-scipy.md` holds a saved run.)
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fitLaw, type FitResult } from '../src/fit/fitLaw.js';
import type { FitData, Law } from '../src/fit/law.js';
import { lawById } from '../src/fit/laws/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REFERENCE_PATH = resolve(here, '../test/fixtures/scipy/curve_fit_reference.json');

/** One curve_fit run as recorded by the Python script. */
export interface ScipyRun {
  label: string;
  p0: number[] | null;
  /** The p0 curve_fit actually started from (its default when `p0` is null). */
  p0Effective: number[];
  method: 'trf' | 'lm';
  ok: boolean;
  message: string;
  popt: number[] | null;
  /** null entries where scipy reports inf. */
  pcov: (number | null)[][] | null;
  stderr?: (number | null)[];
  sse: number | null;
  nfev: number | null;
  status?: number;
  warnings?: string[];
  timeMs: number | null;
}

/** One problem of the reference file. */
export interface ScipyProblem {
  name: string;
  description: string;
  law: string;
  source: string;
  truth: number[] | null;
  data: { x: number[][]; y: number[] };
  bounds: { lower: (number | null)[]; upper: (number | null)[] } | null;
  runs: ScipyRun[];
  best: string | null;
  bestSse: number | null;
  polished: ScipyRun | null;
}

export interface ScipyReference {
  scipy: string;
  numpy: string;
  python: string;
  problems: ScipyProblem[];
}

/** scalecast run from a single start, the same one as a scipy run. */
export interface SameStartRun {
  label: string;
  start: number[];
  scipySse: number | null;
  scipyNfev: number | null;
  scalecastSse: number | null;
  scalecastIterations: number | null;
  scalecastTimeMs: number | null;
  error?: string;
}

/** The comparison of one problem. */
export interface ComparisonRow {
  problem: ScipyProblem;
  law: Law;
  fit: FitResult;
  n: number;
  /** curve_fit from the user's p0, the best of all its runs (excluding the polish), and the polish. */
  scipyUserSse: number | null;
  scipyBestSse: number | null;
  scipyPolishedSse: number | null;
  /** How many of scipy's runs (user p0s and no p0) reached scalecast's optimum (SSE within 1e-6). */
  scipyRunsAtOptimum: number;
  scipyRuns: number;
  scalecastSse: number;
  /** (scalecast − best scipy) / best scipy, over all scipy runs including the polish. */
  relativeDifference: number;
  /** True when scipy's polished run reached the same optimum (SSE within 1e-8 relative). */
  sameOptimum: boolean;
  /** Max relative difference of the free parameters that are not on a bound, against the polished run. */
  paramsMaxRelDiff: number | null;
  /** Max relative difference of the standard errors (same parameters). */
  stderrMaxRelDiff: number | null;
  /** Parameter indices compared (free, not on a bound on either side). */
  compared: number[];
  scipyUserTimeMs: number | null;
  /** Sum of the times of all p0 runs, i.e. what "try a few p0s" costs. */
  scipyAllTimeMs: number | null;
  scalecastTimeMs: number;
  /** scalecast from each of scipy's starting points alone (`starts: [p0]`). */
  sameStart: SameStartRun[];
}

export function loadReference(path = REFERENCE_PATH): ScipyReference {
  return JSON.parse(readFileSync(path, 'utf8')) as ScipyReference;
}

export function problemData(p: ScipyProblem): FitData {
  return { x: p.data.x.map((c) => Float64Array.from(c)), y: Float64Array.from(p.data.y) };
}

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

/** Whether a scipy parameter value sits on (or within 1e-8 of) one of its bounds. */
function scipyAtBound(p: ScipyProblem, j: number, v: number): boolean {
  if (p.bounds === null) return false;
  const lo = p.bounds.lower[j];
  const hi = p.bounds.upper[j];
  const tol = 1e-8 * Math.max(1, Math.abs(v));
  return (lo !== null && lo !== undefined && v - lo <= tol) || (hi !== null && hi !== undefined && hi - v <= tol);
}

/** Minimum wall time of `fn` over `repeats` calls after `warmup` calls, in ms. */
function timeIt(fn: () => void, repeats: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Fits one problem with `fitLaw` and compares it with scipy's runs. */
export function compareProblem(p: ScipyProblem, timing = { repeats: 20, warmup: 5 }): ComparisonRow {
  const law = lawById(p.law);
  if (law === undefined) throw new Error(`unknown law ${p.law}`);
  const data = problemData(p);
  const fit = fitLaw(law, data);
  const scalecastTimeMs = timing.repeats > 0 ? timeIt(() => fitLaw(law, data), timing.repeats, timing.warmup) : Number.NaN;

  const okSse = p.runs.filter((r) => r.ok && r.sse !== null).map((r) => r.sse!);
  const user = p.runs[0]!;
  const polished = p.polished;
  const allSse = [...okSse, ...(polished?.ok && polished.sse !== null ? [polished.sse] : [])];
  const scipyMin = allSse.length > 0 ? Math.min(...allSse) : Infinity;
  const sameOptimum = polished !== null && polished.ok && polished.sse !== null && relDiff(polished.sse, fit.sse) <= 1e-8;

  let paramsMaxRelDiff: number | null = null;
  let stderrMaxRelDiff: number | null = null;
  const compared: number[] = [];
  if (sameOptimum && polished!.popt !== null) {
    const popt = polished!.popt;
    for (let j = 0; j < popt.length; j++) {
      if (fit.fixed[j] || fit.atBounds.includes(fit.names[j]!) || scipyAtBound(p, j, popt[j]!)) continue;
      compared.push(j);
      paramsMaxRelDiff = Math.max(paramsMaxRelDiff ?? 0, relDiff(popt[j]!, fit.values[j]!));
      const sS = polished!.stderr?.[j];
      const sO = fit.standardErrors[j];
      if (sS !== null && sS !== undefined && sO !== null && sO !== undefined) stderrMaxRelDiff = Math.max(stderrMaxRelDiff ?? 0, relDiff(sS, sO));
    }
  }
  const sameStart: SameStartRun[] = p.runs.map((r) => {
    const row: SameStartRun = { label: r.label, start: r.p0Effective, scipySse: r.ok ? r.sse : null, scipyNfev: r.nfev, scalecastSse: null, scalecastIterations: null, scalecastTimeMs: null };
    try {
      const one = fitLaw(law, data, { starts: [r.p0Effective] });
      row.scalecastSse = one.sse;
      row.scalecastIterations = one.iterations;
      if (timing.repeats > 0) row.scalecastTimeMs = timeIt(() => fitLaw(law, data, { starts: [r.p0Effective] }), timing.repeats, timing.warmup);
    } catch (err) {
      row.error = err instanceof Error ? err.message : String(err);
    }
    return row;
  });
  const times = p.runs.map((r) => r.timeMs).filter((t): t is number => t !== null);
  return {
    problem: p,
    law,
    fit,
    n: data.y.length,
    scipyUserSse: user.ok ? user.sse : null,
    scipyBestSse: okSse.length > 0 ? Math.min(...okSse) : null,
    scipyPolishedSse: polished?.ok ? polished.sse : null,
    scipyRunsAtOptimum: okSse.filter((s) => relDiff(s, fit.sse) <= 1e-6).length,
    scipyRuns: p.runs.length,
    scalecastSse: fit.sse,
    relativeDifference: (fit.sse - scipyMin) / scipyMin,
    sameOptimum,
    paramsMaxRelDiff,
    stderrMaxRelDiff,
    compared,
    scipyUserTimeMs: user.timeMs,
    scipyAllTimeMs: times.length > 0 ? times.reduce((a, b) => a + b, 0) : null,
    scalecastTimeMs,
    sameStart,
  };
}

const g = (v: number | null, digits = 6) => (v === null ? '—' : v.toPrecision(digits));
const e = (v: number | null) => (v === null ? '—' : v === 0 ? '0' : v.toExponential(1));
const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));

/** The comparison as a markdown table (one row per problem). */
export function markdownTable(rows: ComparisonRow[]): string {
  const out = [
    '| problem | law | n | scipy SSE, user p0 | scipy SSE, best of runs | scipy runs at optimum | scalecast SSE | rel. diff (scalecast − best scipy) | params max rel. diff | SE max rel. diff | scipy time, user p0 / all p0s (ms) | scalecast time (ms) | scalecast starts (agreeing) |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const userFlag = r.scipyUserSse !== null && r.scipyBestSse !== null && relDiff(r.scipyUserSse, r.scalecastSse) > 1e-6 ? ' ✗' : '';
    out.push(
      `| ${r.problem.name} | ${r.law.id} | ${r.n} | ${g(r.scipyUserSse)}${userFlag} | ${g(r.scipyBestSse)} | ${r.scipyRunsAtOptimum}/${r.scipyRuns} | ${g(r.scalecastSse)} | ${r.relativeDifference.toExponential(1)} | ${e(r.paramsMaxRelDiff)} | ${e(r.stderrMaxRelDiff)} | ${ms(r.scipyUserTimeMs)} / ${ms(r.scipyAllTimeMs)} | ${ms(r.scalecastTimeMs)} | ${r.fit.starts.tried} (${r.fit.starts.agreeing}) |`,
    );
  }
  return out.join('\n');
}

/**
 * Same start, one run each: for every scipy starting point, curve_fit's SSE and evaluations against
 * scalecast's single-start fit from that point, both as a ratio to the multi-start optimum.
 */
export function sameStartTable(rows: ComparisonRow[]): string {
  const ratio = (v: number | null, opt: number) => {
    if (v === null) return 'failed';
    const q = v / opt;
    return Math.abs(q - 1) <= 1e-6 ? '1 ✓' : q.toPrecision(3);
  };
  const out = [
    '| problem | start | p0 | scipy SSE / optimum | scipy nfev | scalecast SSE / optimum | scalecast iterations | scalecast time (ms) |',
    '|---|---|---|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    for (const s of r.sameStart) {
      const p0 = `[${s.start.map((v) => Number(v.toPrecision(4))).join(', ')}]`;
      out.push(
        `| ${r.problem.name} | ${s.label} | ${p0} | ${ratio(s.scipySse, r.scalecastSse)} | ${s.scipyNfev ?? '—'} | ${s.error !== undefined ? `error: ${s.error}` : ratio(s.scalecastSse, r.scalecastSse)} | ${s.scalecastIterations ?? '—'} | ${ms(s.scalecastTimeMs)} |`,
      );
    }
  }
  return out.join('\n');
}

/** Per problem: which parameters sit on a bound, and scipy's failed or off-optimum runs. */
export function notes(rows: ComparisonRow[]): string {
  const lines: string[] = [];
  for (const r of rows) {
    const bits: string[] = [];
    if (r.fit.atBounds.length > 0) bits.push(`on a bound in scalecast: ${r.fit.atBounds.join(', ')}`);
    const off = r.problem.runs.filter((s) => !s.ok || s.sse === null || relDiff(s.sse, r.fit.sse) > 1e-6);
    for (const s of off) {
      bits.push(
        s.ok
          ? `curve_fit ${s.label} (p0 ${s.p0 === null ? 'default' : `[${s.p0.join(', ')}]`}) reported success (status ${s.status}) at SSE ${g(s.sse, 4)}, ${(s.sse! / r.fit.sse).toPrecision(3)}× the optimum`
          : `curve_fit ${s.label} failed: ${s.message}`,
      );
    }
    if (!r.sameOptimum) bits.push('scipy polished run did not reach the same optimum');
    if (bits.length > 0) lines.push(`- **${r.problem.name}**: ${bits.join('; ')}.`);
  }
  return lines.join('\n');
}

function main(): void {
  const ref = loadReference();
  const rows = ref.problems.map((p) => compareProblem(p));
  if (process.argv.includes('--json')) {
    const json = rows.map((r) => ({
      problem: r.problem.name,
      law: r.law.id,
      n: r.n,
      scipyUserSse: r.scipyUserSse,
      scipyBestSse: r.scipyBestSse,
      scipyPolishedSse: r.scipyPolishedSse,
      scalecastSse: r.scalecastSse,
      relativeDifference: r.relativeDifference,
      sameOptimum: r.sameOptimum,
      paramsMaxRelDiff: r.paramsMaxRelDiff,
      stderrMaxRelDiff: r.stderrMaxRelDiff,
      scalecastParams: r.fit.params,
      scipyParams: r.problem.polished?.popt ?? null,
      atBounds: r.fit.atBounds,
      scipyUserTimeMs: r.scipyUserTimeMs,
      scalecastTimeMs: r.scalecastTimeMs,
      sameStart: r.sameStart,
    }));
    console.log(JSON.stringify({ scipy: ref.scipy, numpy: ref.numpy, node: process.version, rows: json }, null, 2));
    return;
  }
  console.log(`scipy ${ref.scipy}, numpy ${ref.numpy}, Python ${ref.python}; Node ${process.version}\n`);
  console.log(markdownTable(rows));
  console.log('');
  console.log(notes(rows));
  console.log('\n### From the same single start\n');
  console.log(sameStartTable(rows));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
