/**
 * Reading EleutherAI lm-evaluation-harness output folders: benchmark scores from `results_<date>.json`,
 * per-item scores from `samples_<task>_<date>.jsonl` (written with `--log_samples`), and what each model
 * is (name, checkpoint step, parameter count) from the results' `config`.
 *
 * Layout (harness `lm_eval/loggers/evaluation_tracker.py`): `<out>/<model_name_sanitized>/results_<date>.json`
 * and `<out>/<model_name_sanitized>/samples_<task>_<date>.jsonl`, where `<date>` is an ISO time with `-` for
 * `:` (e.g. `2026-04-17T20-18-28.440238`), so dates sort as text. Every checkpoint of one model lands in
 * the same folder (the folder name ignores `revision=`), so runs are told apart by the model named in
 * each results file, not by folder. File schema: harness `lm_eval/result_schema.py`,
 * `lm_eval/evaluator.py`, `lm_eval/evaluator_utils.py`, `docs/log_samples_format.md`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InputError, quoteCell, type DataWarning, type InputLocation } from '../io/inputError.js';
import { readErrorOf } from '../io/inputPath.js';
import { isDirectory } from '../io/isDirectory.js';
import type { ItemScoreCollector } from './itemScoreCollector.js';
import { forEachLine, isNonFiniteToken, jsonErrorOffset, jsonErrorText, jsonKeyColumn, parseJsonLine, parsePythonJson } from '../io/jsonLines.js';
import { checkScoreValue, PercentFileCheck } from './scoreValue.js';
import type { AggregateScore, ModelRecord, ModelsTable } from './types.js';

/** Options of {@link readLmEvalHarness}. */
export interface LmEvalOptions {
  /**
   * Metric to score every task by, e.g. `acc_norm`. A task without it falls back to the default
   * choice; one `metric-choice` warning lists all such tasks. A metric that no task read reports is
   * an error (a typo), listing the metrics found.
   * @default the first of `acc`, `exact_match`, `pass@1`, `pass_at_1` the task has, else its first
   *   higher-is-better metric
   */
  metric?: string;
  /**
   * Filter (answer-extraction pipeline) to score by, e.g. `flexible-extract`, for tasks that have it.
   * Tasks with filters but not this one get their default, listed in one `metric-choice` warning
   * (tasks without filters, only `none`, are not listed). A filter that no task reports is an error.
   * @default `none` if the task has it, else `strict-match`, else the task's first filter
   */
  filter?: string;
  /**
   * Scores are percentages (0–100): divide the chosen metric (every filter, with its stderr) and
   * per-item scores by 100. A results or samples file whose scores are all within [0, 1] (not only
   * 0s and 1s) is then an error: they are already fractions.
   * @default false
   */
  percent?: boolean;
  /**
   * Do not check `metric` and `filter` against the tasks read, nor warn about the tasks that lack
   * them: the caller gathers {@link LmEvalHarnessData.choices} of several reads and calls
   * {@link checkLmEvalChoices} once (as `loadDataset` does for several harness folders).
   * @default false
   */
  deferChoiceCheck?: boolean;
}

/** Everything {@link readLmEvalHarness} reads besides the per-item scores it adds to the collector. */
export interface LmEvalHarnessData {
  /** One row per (model, task) of the latest results file that has the task. */
  aggregates: AggregateScore[];
  /** One row per model, with `step` and `params` when the results' config gives them. */
  models: ModelsTable;
  warnings: DataWarning[];
  /** The metrics and filters the tasks read report, and the tasks that lack the ones asked for. */
  choices: ChoiceReport;
  /**
   * Benchmark groups the results files define (v0.4 `group_subtasks`), each flattened to the tasks
   * that are not groups themselves: `mmlu` → the 57 `mmlu_*` subjects, not `mmlu_stem`.
   */
  groups: Record<string, string[]>;
}

/** What {@link checkLmEvalChoices} needs to know of one read. */
export interface ChoiceReport {
  /** What was read (a folder, or results files), for the error. */
  where: string;
  /** The tasks read that have metrics. */
  tasks: Set<string>;
  /** Every metric (not stderr) of every task read. */
  metrics: Set<string>;
  /** Every filter of every task read. */
  filters: Set<string>;
  /** Tasks without the metric asked for → how they were scored instead. */
  withoutMetric: Map<string, string>;
  /** Tasks with filters but not the one asked for → the filter they were scored with instead. */
  withoutFilter: Map<string, string>;
}

function newChoiceReport(where: string): ChoiceReport {
  return { where, tasks: new Set(), metrics: new Set(), filters: new Set(), withoutMetric: new Map(), withoutFilter: new Map() };
}

const RESULTS_FILE = /^results_(.+)\.json$/;
/** `samples_<task>_<date>.jsonl`; the greedy group makes the task end at the last `_` (harness `get_file_task_name`). */
export const SAMPLES_FILE = /^samples_(.+)_([^_]+)\.jsonl$/;
/** Keys of a task's results object that are not metrics. */
const NOT_METRICS = new Set(['alias', 'name', 'sample_len', 'sample_count', 'samples']);
/** Metrics preferred as the score, in order. */
const PREFERRED_METRICS = ['acc', 'exact_match', 'pass@1', 'pass_at_1'];
/** `model_args` keys naming the model, in the order of the harness's `get_model_name`. */
const MODEL_NAME_KEYS = ['peft', 'delta', 'pretrained', 'model', 'path', 'engine'];
/** Metric names that are lower-is-better when `higher_is_better` does not say. */
const LOSS_LIKE = /perplexity|bits_per_byte|bpb|loss|^ppl/i;
/** Revisions that are not checkpoints. */
const DEFAULT_REVISIONS = new Set(['', 'main', 'master']);

/**
 * Does `dir` look like an lm-evaluation-harness `--output_path` folder? True when it, or one of its
 * immediate subfolders (one per model, as the harness writes them), holds a `results_*.json` file.
 * Never throws; an unreadable folder is `false`.
 *
 * @example isLmEvalHarnessDir('out') // => true for out/EleutherAI__pythia-160m/results_2026-04-17T20-18-28.440238.json
 */
export function isLmEvalHarnessDir(dir: string): boolean {
  try {
    return harnessFolders(dir).some((folder) => listNames(folder).some((n) => RESULTS_FILE.test(n)));
  } catch {
    return false;
  }
}

/**
 * Is the JSON file at `path` lm-evaluation-harness results output, by its content: a top-level
 * `results` object of task → metrics objects, with `versions` or `config` beside it (v0.3 and v0.4
 * both write them)? Never throws: an unreadable or invalid file is `false`.
 */
export function isLmEvalResultsFile(path: string): boolean {
  try {
    const json: unknown = parsePythonJson(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
    if (!isObject(json) || !isObject(json.results)) return false;
    return (isObject(json.versions) || isObject(json.config)) && Object.values(json.results).every(isObject);
  } catch {
    return false;
  }
}

/** `results_<date>.json`, the name the harness gives a results file. */
export function isResultsFileName(name: string): boolean {
  return RESULTS_FILE.test(name);
}

/**
 * Reads an lm-evaluation-harness output folder: `dir` and its immediate subfolders.
 *
 * - Models: named by `config.model_args` (`pretrained=`, `peft=`, `delta=`, `model=`, `path=`, `engine=`),
 *   else `model_name`, else the folder name. A checkpoint revision (`revision=step143000` in `model_args`,
 *   else `config.model_revision`; `main` does not count) is appended: `EleutherAI/pythia-160m@step143000`,
 *   with `step` taken from the `stepN` part. `config.model_num_parameters` gives `params` (a count, not
 *   billions).
 * - Aggregates: when several results files have the same (model, task), the latest (by the date in the
 *   file name) wins. The score is the chosen metric under the chosen filter (see {@link LmEvalOptions}),
 *   in [0, 1]; every other numeric `metric,filter` value goes into `metrics`, keyed `metric` under the
 *   chosen filter and `metric,filter` otherwise, stderr as `<metric>_stderr` (`"N/A"` is skipped). A task
 *   with only lower-is-better metrics (perplexities) gets no score, only `metrics`.
 * - Per-item scores come from the same run as the aggregate: the samples file of the task in the same
 *   folder with the same date as the chosen results file (the harness writes both with one date id).
 *   When that run wrote no samples for the task, no per-item scores are read for it, and if an older
 *   run did write some, a warning says they were ignored. A samples file whose run has no results
 *   file listing its task is not read, with a warning; a results file whose `results` is empty gets
 *   a warning too. Only rows of the chosen filter are kept (the harness writes one row per
 *   (doc, filter), issue #1687); item = `String(doc_id)`, score = the row's metric value
 *   (`true`/`false` → 1/0), benchmark = task name. They are added to `collector`.
 *
 * @throws InputError `unknown-format` when no results file is found, `bad-json` / `missing-column` for a
 *   results file that is not JSON or has no `results` object, and for samples rows: `bad-json`,
 *   `missing-value` (no `doc_id` or metric key), `bad-number`, `not-finite`, `out-of-range`,
 *   `looks-like-percent` (hint: pass --percent), `duplicate` (same doc twice with different scores).
 * @example
 * const collector = new ItemScoreCollector();
 * const { aggregates, models } = readLmEvalHarness('out', collector);
 * // aggregates[0] => { model: 'EleutherAI/pythia-160m@step143000', benchmark: 'arc_easy', score: 0.4167,
 * //                    metrics: { acc_stderr: 0.1486, acc_norm: 0.5, acc_norm_stderr: 0.1508 }, source: 'out/…/results_….json', line: 0 }
 * // models.models[0] => { model: 'EleutherAI/pythia-160m@step143000', params: 162322944, step: 143000, … }
 */
export function readLmEvalHarness(dir: string, collector: ItemScoreCollector, options: LmEvalOptions = {}): LmEvalHarnessData {
  const { runs, samples } = findHarnessFiles(dir);
  const warnings = new WarningList();
  for (const run of runs) {
    if (run.results.size === 0) warnings.add('empty-results', run.file, 'this results file has an empty "results" object: it holds no scores');
  }
  const latest = latestRunPerModelTask(runs);
  const samplesOf = samplesPerRunTask(samples, runs, warnings);
  const report = newChoiceReport(dir);
  const chosen: { model: string; task: string; run: Run; choice: MetricChoice }[] = [];
  for (const [model, tasks] of latest) {
    for (const [task, run] of tasks) {
      const choice = chooseMetric(task, run, options, warnings, report);
      if (choice !== undefined) chosen.push({ model, task, run, choice });
    }
  }
  if (options.deferChoiceCheck !== true) for (const w of checkLmEvalChoices([report], options)) warnings.add(w.code, w.file!, w.message);
  const percent = options.percent === true;
  const checks = new Map<string, PercentFileCheck>();
  const aggregates = chosen.map(({ model, task, run, choice }) => toAggregate(model, task, run, choice, percent, percentCheck(checks, run.file)));
  for (const [file, check] of checks) check.finish(file, percent);
  for (const { model, task, run, choice } of chosen) {
    const lim = run.limited.get(task);
    if (lim !== undefined) {
      warnings.add('partial-run', run.file, `${model} on ${task}: the run was limited to ${lim.effective} of ${lim.original} documents (--limit), so its score is not the full benchmark's`, undefined, model);
    }
    const file = samplesOf.get(run.file)?.get(task);
    if (file === undefined) {
      const older = runs.find((r) => r !== run && r.model === model && samplesOf.get(r.file)?.has(task));
      if (older !== undefined) {
        warnings.add(
          'ignored-samples',
          run.file,
          `${model} on ${task}: the latest run wrote no per-item samples, so none were read; the older samples (${samplesOf.get(older.file)!.get(task)!.file}) were ignored, as they belong to another run than the aggregate score`,
          undefined,
          model,
        );
      }
      continue;
    }
    if (choice.scored) readSamplesFile(file, task, model, choice, collector, percent, warnings);
  }
  return { aggregates, models: modelsTable(runs), warnings: warnings.list, choices: report, groups: harnessGroups(runs) };
}

/** The {@link PercentFileCheck} of `file`, made on first use. */
function percentCheck(checks: Map<string, PercentFileCheck>, file: string): PercentFileCheck {
  let c = checks.get(file);
  if (c === undefined) checks.set(file, (c = new PercentFileCheck()));
  return c;
}

/**
 * Reads lm-evaluation-harness results files given one by one, whatever their names (v0.3 files
 * such as `opt-125m.json` have no date in the name): one aggregate row per (model, task), the model
 * named from `config.model_args` as {@link readLmEvalHarness} names it. No per-item samples are read.
 * Two files for the same (model, task): an error naming both.
 *
 * @example readLmEvalResultsFiles(['opt-125m.json']).aggregates[0].model // => 'facebook/opt-125m'
 */
export function readLmEvalResultsFiles(files: readonly string[], options: LmEvalOptions = {}): LmEvalHarnessData {
  const warnings = new WarningList();
  // The model's fallback name (no model_args, no model_name): the folder of a `results_<date>.json`
  // as the harness writes it, else the file's own name (`opt-125m.json` → opt-125m).
  const runs = files.map((file) => readResultsFile(file, dirname(file), '', RESULTS_FILE.test(basename(file)) ? undefined : basename(file, extname(file))));
  const report = newChoiceReport(files.join(', '));
  const chosen: { run: Run; task: string; choice: MetricChoice }[] = [];
  const seen = new Map<string, string>();
  for (const run of runs) {
    if (run.results.size === 0) warnings.add('empty-results', run.file, 'this results file has an empty "results" object: it holds no scores');
    for (const task of run.results.keys()) {
      const key = `${run.model}\u0000${task}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        throw new InputError({ code: 'duplicate', file: run.file, message: `${run.model} has results for ${task} here and in ${prev}`, expected: 'one results file per (model, task)' });
      }
      seen.set(key, run.file);
      const choice = chooseMetric(task, run, options, warnings, report);
      if (choice !== undefined) chosen.push({ run, task, choice });
    }
  }
  if (options.deferChoiceCheck !== true) for (const w of checkLmEvalChoices([report], options)) warnings.add(w.code, w.file!, w.message);
  const percent = options.percent === true;
  const checks = new Map<string, PercentFileCheck>();
  const aggregates = chosen.map(({ run, task, choice }) => toAggregate(run.model, task, run, choice, percent, percentCheck(checks, run.file)));
  for (const [file, check] of checks) check.finish(file, percent);
  return { aggregates, models: modelsTable(runs), warnings: warnings.list, choices: report, groups: harnessGroups(runs) };
}

/** The groups of all runs, each flattened to its leaf tasks (a group listed in several runs: the union). */
function harnessGroups(runs: readonly Run[]): Record<string, string[]> {
  const direct = new Map<string, Set<string>>();
  for (const run of runs) {
    for (const [g, subs] of run.groups) {
      let set = direct.get(g);
      if (set === undefined) direct.set(g, (set = new Set()));
      for (const t of subs) set.add(t);
    }
  }
  const leaves = (g: string, seen: Set<string>): string[] => {
    if (seen.has(g)) return [];
    seen.add(g);
    return [...(direct.get(g) ?? [])].flatMap((t) => (direct.has(t) ? leaves(t, seen) : [t]));
  };
  const out: Record<string, string[]> = {};
  for (const g of [...direct.keys()].sort()) out[g] = [...new Set(leaves(g, new Set()))];
  return out;
}

// ————————————————————————————————————————— finding files —————————————————————————————————————————

/** One parsed results file. */
interface Run {
  file: string;
  folder: string;
  date: string;
  text: string;
  model: string;
  step?: number;
  params?: number;
  /** `results[task]` objects. */
  results: Map<string, Record<string, unknown>>;
  /** `higher_is_better[task]`, when given. */
  higherIsBetter: Record<string, unknown>;
  /** `n-samples[task]` as (effective, original) when the run was limited (`--limit`) to fewer documents. */
  limited: Map<string, { effective: number; original: number }>;
  /** v0.4 `group_subtasks`: group → its subtasks (groups without subtasks left out). */
  groups: Map<string, string[]>;
}

interface SamplesFile {
  file: string;
  folder: string;
  task: string;
  date: string;
}

function findHarnessFiles(dir: string): { runs: Run[]; samples: SamplesFile[] } {
  let folders: string[];
  try {
    folders = harnessFolders(dir);
  } catch (e) {
    throw readErrorOf(dir, e, 'the folder');
  }
  const runs: Run[] = [];
  const samples: SamplesFile[] = [];
  for (const folder of folders) {
    for (const name of listNames(folder)) {
      const r = RESULTS_FILE.exec(name);
      if (r) runs.push(readResultsFile(join(folder, name), folder, dateOf(r[1]!)));
      const s = SAMPLES_FILE.exec(name);
      if (s) samples.push({ file: join(folder, name), folder, task: s[1]!, date: s[2]! });
    }
  }
  if (runs.length === 0) {
    throw new InputError({
      code: 'unknown-format',
      file: dir,
      message: 'no lm-evaluation-harness results_*.json file in this folder or its subfolders',
      expected: 'the --output_path folder of lm_eval, e.g. out/<model>/results_<date>.json',
    });
  }
  return { runs, samples };
}

/** `dir` and its immediate subfolders, sorted. */
function harnessFolders(dir: string): string[] {
  const subs = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.isSymbolicLink() && isDirectory(join(dir, e.name))))
    .map((e) => join(dir, e.name))
    .sort();
  return [dir, ...subs];
}

/** Names of the entries of a folder, sorted. */
function listNames(folder: string): string[] {
  return readdirSync(folder).sort();
}

/** The date part of `results_<date>` (everything after the last `_`, as the harness's `get_file_datetime`). */
function dateOf(stemTail: string): string {
  return stemTail.slice(stemTail.lastIndexOf('_') + 1);
}

/** Per model, per task: the run of the latest results file that has the task. */
function latestRunPerModelTask(runs: readonly Run[]): Map<string, Map<string, Run>> {
  const out = new Map<string, Map<string, Run>>();
  for (const run of runs) {
    let tasks = out.get(run.model);
    if (tasks === undefined) out.set(run.model, (tasks = new Map()));
    for (const task of run.results.keys()) {
      const prev = tasks.get(task);
      if (prev === undefined || isLater(run, prev)) tasks.set(task, run);
    }
  }
  return out;
}

/**
 * Per results file, per task: the samples file of the same run (same folder, same date). A samples
 * file that no results file of its date lists the task of gets a warning and is left out.
 */
function samplesPerRunTask(samples: readonly SamplesFile[], runs: readonly Run[], warnings: WarningList): Map<string, Map<string, SamplesFile>> {
  const out = new Map<string, Map<string, SamplesFile>>();
  for (const s of samples) {
    const run = runs.find((r) => r.folder === s.folder && r.date === s.date && r.results.has(s.task));
    if (run === undefined) {
      warnings.add('ignored-samples', s.file, `no results file of the same run (results_${s.date}.json in this folder) lists task "${s.task}", so these per-item samples were not read`);
      continue;
    }
    let tasks = out.get(run.file);
    if (tasks === undefined) out.set(run.file, (tasks = new Map()));
    tasks.set(s.task, s);
  }
  return out;
}

function isLater(a: { date: string; file: string }, b: { date: string; file: string }): boolean {
  return a.date > b.date || (a.date === b.date && a.file > b.file);
}

// ————————————————————————————————————————— results files —————————————————————————————————————————

function readResultsFile(file: string, folder: string, date: string, fallbackName?: string): Run {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw readErrorOf(file, e);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const json = parseResultsJson(text, file);
  const results = json.results;
  if (!isObject(results)) {
    throw new InputError({
      code: 'missing-column',
      file,
      message: 'this results file has no "results" object',
      expected: 'an lm-evaluation-harness results file with {"results": {task: {"acc,none": …}}}',
      found: `keys ${Object.keys(json).slice(0, 8).join(', ') || '(none)'}`,
    });
  }
  const tasks = new Map<string, Record<string, unknown>>();
  for (const [task, entry] of Object.entries(results)) if (isObject(entry)) tasks.set(task, entry);
  const hib = isObject(json.higher_is_better) ? json.higher_is_better : {};
  const limited = new Map<string, { effective: number; original: number }>();
  if (isObject(json['n-samples'])) {
    for (const [task, n] of Object.entries(json['n-samples'])) {
      if (isObject(n) && typeof n.effective === 'number' && typeof n.original === 'number' && n.effective < n.original) {
        limited.set(task, { effective: n.effective, original: n.original });
      }
    }
  }
  const groups = new Map<string, string[]>();
  if (isObject(json.group_subtasks)) {
    for (const [group, subtasks] of Object.entries(json.group_subtasks)) {
      if (Array.isArray(subtasks) && subtasks.length > 0) groups.set(group, subtasks.filter((t): t is string => typeof t === 'string'));
    }
  }
  return { file, folder, date, text, ...modelIdentity(json, fallbackName ?? basename(folder)), results: tasks, higherIsBetter: hib, limited, groups };
}

function parseResultsJson(text: string, file: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = parsePythonJson(text);
  } catch (e) {
    const { line, column } = offsetToLineColumn(text, jsonErrorOffset(e, text));
    throw new InputError({
      code: 'bad-json',
      file,
      line,
      column,
      message: `this results file is not valid JSON (${jsonErrorText(e)})`,
      expected: 'a JSON object written by lm_eval',
    });
  }
  if (!isObject(json)) {
    throw new InputError({ code: 'bad-json', file, line: 1, column: 1, message: 'this results file does not hold a JSON object', expected: 'a JSON object written by lm_eval' });
  }
  return json;
}

/** Model name, checkpoint step and size from a results file's `config` (harness `evaluator.py`). */
function modelIdentity(json: Record<string, unknown>, folderName: string): { model: string; step?: number; params?: number } {
  const config = isObject(json.config) ? json.config : {};
  const args = parseModelArgs(config.model_args);
  const fromArgs = MODEL_NAME_KEYS.map((k) => args.get(k)).find((v) => v !== undefined && v !== '');
  const name = fromArgs ?? nonEmptyString(json.model_name) ?? folderName;
  const revision = args.get('revision') ?? nonEmptyString(config.model_revision) ?? '';
  const out: { model: string; step?: number; params?: number } = { model: name };
  if (!DEFAULT_REVISIONS.has(revision)) {
    out.model = `${name}@${revision}`;
    const step = /(?:^|[-_])step(\d+)(?=$|[-_])/.exec(revision);
    if (step) out.step = Number(step[1]);
  }
  const n = config.model_num_parameters;
  if (typeof n === 'number' && Number.isFinite(n) && n > 0) out.params = n;
  return out;
}

/** `model_args` as given: a `"k=v,k=v"` string (harness `simple_parse_args_string`) or an object. */
function parseModelArgs(args: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof args === 'string') {
    for (const part of args.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  } else if (isObject(args)) {
    for (const [k, v] of Object.entries(args)) if (v !== null && v !== undefined) out.set(k, String(v));
  }
  return out;
}

/** One row per model that has results: `params` from its latest run that gives them, `step` from its revision. */
function modelsTable(allRuns: readonly Run[]): ModelsTable {
  const runs = allRuns.filter((r) => r.results.size > 0);
  const byModel = new Map<string, ModelRecord>();
  const latest = new Map<string, Run>();
  for (const run of runs) {
    const prev = latest.get(run.model);
    if (prev === undefined || isLater(run, prev)) latest.set(run.model, run);
  }
  for (const run of runs) {
    if (byModel.has(run.model)) continue;
    const last = latest.get(run.model)!;
    const rec: ModelRecord = { model: run.model, computeEstimated: false, extra: {}, source: last.file, line: 0 };
    const params = last.params ?? runs.find((r) => r.model === run.model && r.params !== undefined)?.params;
    if (params !== undefined) rec.params = params;
    if (run.step !== undefined) rec.step = run.step;
    byModel.set(run.model, rec);
  }
  return { models: [...byModel.values()], sources: runs.map((r) => r.file) };
}

// ————————————————————————————————————————— metric choice —————————————————————————————————————————

/** One `"<metric>[_stderr],<filter>"` entry of a task's results. */
interface MetricEntry {
  metric: string;
  filter: string;
  stderr: boolean;
  key: string;
  value: unknown;
}

/** The metric and filter a task is scored by. */
interface MetricChoice {
  metric: string;
  filter: string;
  /** False for tasks with only lower-is-better metrics: no score, no items. */
  scored: boolean;
  entries: MetricEntry[];
}

/** Splits a task's keys into metric entries; keys without a filter (old harness versions) get `none`. */
function metricEntries(entry: Record<string, unknown>): MetricEntry[] {
  const out: MetricEntry[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (NOT_METRICS.has(key)) continue;
    const comma = key.indexOf(',');
    let metric = comma < 0 ? key : key.slice(0, comma);
    const filter = comma < 0 ? 'none' : key.slice(comma + 1);
    const stderr = metric.endsWith('_stderr');
    if (stderr) metric = metric.slice(0, -'_stderr'.length);
    out.push({ metric, filter, stderr, key, value });
  }
  return out;
}

/**
 * The metric and filter to score `task` of `run` by. What the task reports goes into `report`, and
 * so does the task when it lacks the metric or filter asked for (one warning lists them all later,
 * see {@link checkLmEvalChoices}); a default choice made for other reasons is warned about here.
 */
function chooseMetric(task: string, run: Run, options: LmEvalOptions, warnings: WarningList, report: ChoiceReport): MetricChoice | undefined {
  const entries = metricEntries(run.results.get(task)!);
  const metrics = unique(entries.filter((e) => !e.stderr).map((e) => e.metric));
  if (metrics.length === 0) return undefined;
  report.tasks.add(task);
  for (const m of metrics) report.metrics.add(m);
  for (const e of entries) report.filters.add(e.filter);
  const hib = isObject(run.higherIsBetter[task]) ? (run.higherIsBetter[task] as Record<string, unknown>) : {};
  const lossLike = (m: string) => hib[m] === false || (hib[m] === undefined && LOSS_LIKE.test(m));
  let metric = options.metric !== undefined && metrics.includes(options.metric) ? options.metric : undefined;
  const lacksAsked = options.metric !== undefined && metric === undefined;
  let why: string | undefined;
  metric ??= PREFERRED_METRICS.find((m) => metrics.includes(m));
  if (metric === undefined) {
    metric = metrics.find((m) => !lossLike(m));
    if (metric !== undefined) why = `has none of ${PREFERRED_METRICS.join(', ')}`;
  }
  const scored = metric !== undefined;
  metric ??= metrics[0]!;
  if (lacksAsked) {
    if (!report.withoutMetric.has(task)) report.withoutMetric.set(task, scored ? `scored by "${metric}"` : 'not scored: only lower-is-better metrics');
  } else if (why !== undefined) {
    warnings.add('metric-choice', run.file, `${task}: ${why}; scored by "${metric}" (metrics: ${metrics.join(', ')}). Pass --metric NAME to choose another`);
  }
  const filter = chooseFilter(task, metric, entries, options, warnings, run.file, report);
  return { metric, filter, scored, entries };
}

function chooseFilter(
  task: string,
  metric: string,
  entries: readonly MetricEntry[],
  options: LmEvalOptions,
  warnings: WarningList,
  file: string,
  report: ChoiceReport,
): string {
  const filters = unique(entries.filter((e) => !e.stderr && e.metric === metric).map((e) => e.filter));
  if (options.filter !== undefined && filters.includes(options.filter)) return options.filter;
  const filter = filters.includes('none') ? 'none' : filters.includes('strict-match') ? 'strict-match' : filters[0]!;
  if (options.filter !== undefined) {
    // A task without filters (only "none") is not one the option is about.
    const hasFilters = filters.some((f) => f !== 'none');
    if (hasFilters && !report.withoutFilter.has(task)) report.withoutFilter.set(task, filter);
  } else if (filter !== 'none') {
    warnings.add('metric-choice', file, `${task}: scored with filter "${filter}" (filters: ${filters.join(', ')}). Pass --filter NAME to choose another`);
  }
  return filter;
}

/** How many names a message lists before "and N more". */
const LISTED = 10;

function listed(names: readonly string[]): string {
  return names.slice(0, LISTED).join(', ') + (names.length > LISTED ? `, and ${names.length - LISTED} more` : '');
}

/**
 * Checks the `metric` and `filter` options against what the tasks of one or more reads report.
 *
 * @returns one `metric-choice` warning listing the tasks that lack the metric asked for (scored by
 *   their default instead), and one listing the tasks with filters that lack the filter asked for
 * @throws InputError `bad-option` when no task reports the metric (or the filter) asked for: a
 *   typo, listing the ones found
 */
export function checkLmEvalChoices(reports: readonly ChoiceReport[], options: Pick<LmEvalOptions, 'metric' | 'filter'>): DataWarning[] {
  if (reports.length === 0) return [];
  const where = reports.map((r) => r.where).join(', ');
  const tasks = new Set(reports.flatMap((r) => [...r.tasks]));
  const merged = (pick: (r: ChoiceReport) => Map<string, string>) => {
    const out = new Map<string, string>();
    for (const r of reports) for (const [k, v] of pick(r)) if (!out.has(k)) out.set(k, v);
    return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const warnings: DataWarning[] = [];
  const asked: [kind: 'metric' | 'filter', name: string | undefined, found: Set<string>, without: [string, string][], how: (v: string) => string][] = [
    ['metric', options.metric, new Set(reports.flatMap((r) => [...r.metrics])), merged((r) => r.withoutMetric), (v) => v],
    ['filter', options.filter, new Set(reports.flatMap((r) => [...r.filters])), merged((r) => r.withoutFilter), (v) => `scored with filter "${v}"`],
  ];
  for (const [kind, name, found, without, how] of asked) {
    if (name === undefined || tasks.size === 0) continue;
    if (!found.has(name)) {
      const names = [...found].sort();
      const close = closestName(name, names);
      throw new InputError({
        code: 'bad-option',
        file: where,
        message: `no task reports the ${kind} ${name}; the ${kind}s found are ${names.length > 40 ? `${names.slice(0, 40).join(', ')}, …` : names.join(', ')}`,
        expected: `a ${kind} that the results files report`,
        hint: `${close === undefined ? '' : `did you mean ${close}? Otherwise `}leave out --${kind} to use each task's default`,
      });
    }
    if (without.length === 0) continue;
    const k = without.length;
    const one = k === 1;
    warnings.push({
      code: 'metric-choice',
      file: where,
      message:
        `${k} of ${tasks.size} task${tasks.size === 1 ? '' : 's'} ${one ? 'has' : 'have'} no ${kind} "${name}" and ${one ? 'is' : 'are'} scored by ${one ? 'its' : 'their'} default ${kind} instead: ` +
        `${listed(without.map(([task, v]) => `${task} (${how(v)})`))}`,
    });
  }
  return warnings;
}

/** The one name of `names` within edit distance 2 of `name` (and closer than any other), if any. */
function closestName(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  let tie = false;
  for (const n of names) {
    const d = editDistance(name.toLowerCase(), n.toLowerCase());
    if (d < bestD) [best, bestD, tie] = [n, d, false];
    else if (d === bestD) tie = true;
  }
  return tie ? undefined : best;
}

/** Levenshtein distance, with a transposition counting as one edit ("nrom" → "norm"). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function toAggregate(model: string, task: string, run: Run, choice: MetricChoice, percent: boolean, check: PercentFileCheck): AggregateScore {
  const metrics: Record<string, number> = {};
  let score: number | undefined;
  for (const e of choice.entries) {
    const isScore = choice.scored && !e.stderr && e.metric === choice.metric && e.filter === choice.filter;
    if (isScore) {
      score = checkScore(e.value, percent, `${task} ${e.key}`, { file: run.file, ...locateResultsKey(run.text, task, e.key) }, check);
      continue;
    }
    if (typeof e.value !== 'number' || !Number.isFinite(e.value)) continue;
    const scale = percent && choice.scored && e.metric === choice.metric ? 100 : 1;
    const name = (e.stderr ? `${e.metric}_stderr` : e.metric) + (e.filter === choice.filter ? '' : `,${e.filter}`);
    metrics[name] = e.value / scale;
  }
  const out: AggregateScore = { model, benchmark: task, metrics, source: run.file, line: 0 };
  if (score !== undefined) out.score = score;
  return out;
}

/** Line and column of `key` inside `results[task]` of a results file's text, when it can be found. */
function locateResultsKey(text: string, task: string, key: string): { line?: number; column?: number } {
  const results = text.indexOf('"results"');
  const at = results < 0 ? -1 : text.indexOf(JSON.stringify(task), results);
  const k = at < 0 ? -1 : text.indexOf(JSON.stringify(key), at);
  return k < 0 ? {} : offsetToLineColumn(text, k);
}

// ————————————————————————————————————————— samples files —————————————————————————————————————————

/** Thrown inside the line loop to stop reading a samples file early. */
class StopReading extends Error {}

function readSamplesFile(
  s: SamplesFile,
  task: string,
  model: string,
  choice: MetricChoice,
  collector: ItemScoreCollector,
  percent: boolean,
  warnings: WarningList,
): void {
  const seen = new Map<string, { score: number; line: number }>();
  const check = new PercentFileCheck();
  let repeats = 0;
  let firstRepeat = 0;
  let kept = 0;
  try {
    forEachLine(s.file, (text, line) => {
      const row = parseJsonLine(text, s.file, line, 'this samples line');
      if (String(row.filter ?? 'none') !== choice.filter) return;
      const { item, value } = itemAndValue(row, text, s.file, line, choice.metric);
      if (kept === 0 && typeof value === 'object') throw new StopReading();
      const score = checkScore(value, percent, `"${choice.metric}"`, { file: s.file, line, column: jsonKeyColumn(text, choice.metric) }, check);
      const prev = seen.get(item);
      if (prev === undefined) {
        seen.set(item, { score, line });
        kept++;
        collector.add(task, item, model, score, 0, s.file, line);
      } else if (prev.score === score) {
        if (repeats++ === 0) firstRepeat = line;
      } else {
        throw new InputError({
          code: 'duplicate',
          file: s.file,
          line,
          column: jsonKeyColumn(text, 'doc_id'),
          message: `doc_id ${item} with filter "${choice.filter}" appears again with a different ${choice.metric} (${score} here, ${prev.score} on line ${prev.line})`,
          expected: 'one row per (doc_id, filter)',
        });
      }
    });
  } catch (e) {
    if (!(e instanceof StopReading)) throw e;
    warnings.add('unscorable-samples', s.file, `${task}: per-sample "${choice.metric}" values are not scores (the harness combines them only when aggregating); no per-item scores were read from this file`, undefined, model);
    return;
  }
  check.finish(s.file, percent);
  if (repeats > 0) {
    warnings.add('duplicate-sample-row', s.file, `${task}: ${repeats} row${repeats === 1 ? '' : 's'} repeat an earlier (doc_id, filter "${choice.filter}") with the same score, first on line ${firstRepeat}; the first row of each was kept`, firstRepeat, model);
  }
  if (kept === 0) warnings.add('empty-benchmark', s.file, `${task}: no samples rows have filter "${choice.filter}"`, undefined, model);
}

/** The item id (`String(doc_id)`) and raw metric value of a samples row. */
function itemAndValue(row: Record<string, unknown>, text: string, file: string, line: number, metric: string): { item: string; value: unknown } {
  const docId = row.doc_id;
  if (docId === undefined || docId === null || typeof docId === 'object') {
    throw rowError('missing-value', file, line, text, 'doc_id', 'this samples row has no doc_id', 'an integer doc_id');
  }
  const value = row[metric];
  if (value === undefined || value === null) {
    throw rowError('missing-value', file, line, text, metric, `this samples row has no "${metric}" value`, `a "${metric}" key with a score in [0, 1]`);
  }
  return { item: String(docId), value };
}

function rowError(code: 'missing-value', file: string, line: number, text: string, key: string, message: string, expected: string): InputError {
  return new InputError({ code, file, line, column: jsonKeyColumn(text, key), message, expected });
}

// ————————————————————————————————————————— shared checks —————————————————————————————————————————

/**
 * A score in [0, 1] from a JSON value: a number, or a boolean (1/0). `percent` divides by 100.
 * @param what names the value in messages
 * @param check collects the file's numbers as read, for {@link PercentFileCheck}
 */
function checkScore(value: unknown, percent: boolean, what: string, where: InputLocation, check?: PercentFileCheck): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  const found = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (typeof value === 'string' && isNonFiniteToken(value)) {
    throw new InputError({ ...where, code: 'not-finite', message: `${what} is not a finite number`, expected: 'a number in [0, 1]', found });
  }
  if (typeof value !== 'number') {
    throw new InputError({ ...where, code: 'bad-number', message: `${what} is not a number`, expected: 'a number in [0, 1]', found: quoteCell(found) });
  }
  const score = checkScoreValue(value, percent, what, where, found);
  check?.add(value, where);
  return score;
}

function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Warnings, each once: `metric-choice` once per message (it is the same for every model), others once per file. */
class WarningList {
  readonly list: DataWarning[] = [];
  private readonly seen = new Set<string>();
  add(code: DataWarning['code'], file: string, message: string, line?: number, model?: string): void {
    const key = code === 'metric-choice' ? message : `${file}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const w: DataWarning = { code, message, file };
    if (line !== undefined) w.line = line;
    if (model !== undefined) w.model = model;
    this.list.push(w);
  }
}
