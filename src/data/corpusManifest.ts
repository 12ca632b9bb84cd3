/**
 * A corpus manifest: the real ladders `scalecast evaluate` backtests every method on, and where
 * their data are. One JSON file names data sources (score files in any layout scalecast reads, a
 * column-mapped table, lm-evaluation-harness results files, the OLMo ladder's training logs) and the
 * ladders drawn from them: which models, on which axis, which benchmarks, which splits.
 *
 * Paths are relative to the manifest's folder; `{data}` in a path stands for the manifest's `data`
 * entry (itself relative to the manifest's folder), so that a manifest can point into a data folder
 * kept elsewhere. The shipped corpus is `datasets/corpus/public.json`.
 *
 * @example
 * {
 *   "corpus": "ours",
 *   "sources": { "evals": { "format": "scores", "scores": ["evals/"], "models": ["models.csv"] } },
 *   "ladders": [{ "id": "ours-v2", "lineage": "ours", "source": "evals", "family": "ours-v2", "holdout": [1, 2] }]
 * }
 */
import { jsonErrorText } from '../io/jsonLines.js';
import { readErrorOf } from '../io/inputPath.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../io/inputError.js';
import { jsonPositions, nearestPosition, textPosition, type TextPosition } from '../io/jsonPositions.js';

/** A column of a table, optionally multiplied by a unit (e.g. `Model Size (B)` × 1e9). */
export interface ColumnRef {
  column: string;
  scale: number;
}

/** Score files read as `scalecast inspect` reads them, with models tables. */
export interface ScoresSource {
  format: 'scores';
  scores: string[];
  models: string[];
  percent: boolean;
  metric?: string;
  filter?: string;
  wideName?: string;
}

/** Where a table's model descriptions are: columns of the score table itself, or another table. */
export interface ModelColumns {
  family?: ColumnRef;
  params?: ColumnRef;
  tokens?: ColumnRef;
  compute?: ColumnRef;
}

/**
 * A table of aggregate scores read by column names: tidy (a benchmark and a score column) or wide
 * (one column per benchmark), with row filters on other columns and, optionally, the models'
 * sizes in the same table or in another one.
 */
export interface TableSource extends ModelColumns {
  format: 'table';
  path: string;
  model: string;
  /** Tidy layout: the benchmark column and the score column. */
  benchmark?: string;
  score?: string;
  /** Wide layout: benchmark name → score column. */
  benchmarks?: Record<string, string>;
  /** Wide layout: every column starting with this prefix is a benchmark named by the rest. */
  benchmarkPrefix?: string;
  /** Appended to every benchmark name (e.g. ` (5-shot)`). */
  benchmarkSuffix: string;
  /** A loss-like column of each row, used by the two-step method for every benchmark. */
  loss?: string;
  /** Keep only rows whose columns hold these values. */
  where: Record<string, (string | number)[]>;
  /** Models table: columns of another table. */
  models?: ModelColumns & { path: string; model: string };
  /** Benchmarks made as the mean of the subtasks whose names start with a prefix. */
  combine: Record<string, string>;
  percent: boolean;
}

/** lm-evaluation-harness results files (any version), read one by one. */
export interface HarnessResultsSource {
  format: 'lm-eval-results';
  files: string[];
  metric?: string;
  models: string[];
  combine: Record<string, string>;
}

/** The OLMo ladder's training logs (`olmo-ladder/` of the shared data). */
export interface OlmoLadderSource {
  format: 'olmo-ladder';
  path: string;
}

/** A data source of a corpus. */
/**
 * A table of checkpoint scores (run, step and/or tokens, benchmark, score) for runs in progress:
 * `scalecast monitor`'s input, with row filters and benchmark groups (`combine`: a group's score is
 * the mean of the benchmarks whose names start with its prefix).
 */
export interface CheckpointsSource {
  format: 'checkpoints';
  path: string;
  metric?: string;
  where: Record<string, (string | number)[]>;
  combine: Record<string, string>;
}

export type CorpusSource = (ScoresSource | TableSource | HarnessResultsSource | OlmoLadderSource | CheckpointsSource) & {
  /** Chance level per benchmark (the prediction floor). */
  guess: Record<string, number>;
  /** Highest reachable score per benchmark (default 1). */
  ceiling: Record<string, number>;
};

/** One ladder of a corpus and its splits. */
export interface CorpusLadder {
  id: string;
  /** The family for leave-one-family-out: ladders of one lineage are left out together. */
  lineage: string;
  source: string;
  /** The ladder's models, or `family` to take them from the models table. */
  models?: string[];
  family?: string;
  /** Scaling axis; by default compute where every model has it, else params. */
  axis?: 'compute' | 'params';
  /** Benchmarks to use; by default every benchmark that all the ladder's models score. */
  benchmarks?: string[];
  /** Splits that hide the largest k models (default [1, 2]). */
  holdout: number[];
  /** Or: models outside the ladder to predict from all of it. */
  targets?: string[];
  guess: Record<string, number>;
  ceiling: Record<string, number>;
  /** Other sources whose models, scored on the same benchmarks, a method may borrow from. */
  pool: string[];
  note?: string;
}

/**
 * Runs with their checkpoints, for `monitor`'s backtest: each run in turn is cut at each fraction of
 * its training in `cuts` and forecast at its end, with the runs before it in `runs` as its ladder.
 */
export interface CorpusRuns {
  id: string;
  lineage: string;
  source: string;
  /** The runs, smallest first: a run's ladder is the runs listed before it. */
  runs: string[];
  /** Benchmarks to forecast; by default every benchmark of the first run. */
  benchmarks?: string[];
  /** Fractions of training at which runs are cut (default [0.25, 0.5]). */
  cuts: number[];
}

/** A parsed corpus manifest. */
export interface CorpusManifest {
  /** The manifest's path. */
  file: string;
  corpus: string;
  description?: string;
  sources: Record<string, CorpusSource>;
  ladders: CorpusLadder[];
  /** Runs with checkpoints, for monitor's backtest. */
  runs: CorpusRuns[];
  /** Line and column of each value, by JSON path (`ladders.3.models.0`), for messages. */
  positions: Map<string, TextPosition>;
}

/** The folder a manifest's paths are relative to, and its `{data}` folder. */
function pathResolver(file: string, data: string | undefined): (p: string) => string {
  const base = dirname(file);
  const dataDir = data === undefined ? base : resolve(base, data);
  return (p) => (p.startsWith('{data}') ? resolve(dataDir, `.${p.slice('{data}'.length)}`) : resolve(base, p));
}

/**
 * Reads and checks a corpus manifest. Paths come back absolute; unknown keys, wrong types, a ladder
 * naming an unknown source, two ladders with one id: an error at the place in the file.
 *
 * @throws InputError located at the offending value
 */
export function readCorpusManifest(file: string): CorpusManifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw readErrorOf(file, e, 'the corpus manifest');
  }
  return parseCorpusManifest(text, file);
}

/** {@link readCorpusManifest} on a text already read. */
export function parseCorpusManifest(text: string, file: string): CorpusManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? textPosition(text, Number(m[1])) : { line: 1, column: 1 };
    throw new InputError({ code: 'bad-json', file, ...at, message: `the corpus manifest is not valid JSON (${jsonErrorText(e).replace(/ in JSON at position \d+.*$/s, '')})`, expected: 'a JSON object' });
  }
  const positions = jsonPositions(text);
  const check = new Checker(file, positions);
  const root = check.object(json, '', ['corpus', 'description', 'data', 'sources', 'ladders', 'runs']);
  const corpus = check.string(root.corpus, 'corpus');
  const resolvePath = pathResolver(file, root.data === undefined ? undefined : check.string(root.data, 'data'));
  const sourcesJson = check.object(root.sources, 'sources');
  const sources: Record<string, CorpusSource> = {};
  for (const [id, value] of Object.entries(sourcesJson)) sources[id] = readSource(check, value, `sources.${id}`, resolvePath);
  const laddersJson = check.array(root.ladders, 'ladders');
  const ladders: CorpusLadder[] = [];
  const ids = new Set<string>();
  laddersJson.forEach((value, k) => {
    const ladder = readLadder(check, value, `ladders.${k}`);
    if (!(ladder.source in sources)) check.fail(`ladders.${k}.source`, `ladder "${ladder.id}" names the source "${ladder.source}", which the manifest does not define`, `one of ${Object.keys(sources).join(', ') || '(no sources)'}`);
    if (sources[ladder.source]!.format === 'checkpoints') check.fail(`ladders.${k}.source`, `ladder "${ladder.id}" names the checkpoints source "${ladder.source}": checkpoints are for "runs"`, 'a source of final scores');
    ladder.pool.forEach((p, i) => {
      if (!(p in sources)) check.fail(`ladders.${k}.pool.${i}`, `ladder "${ladder.id}" borrows from the source "${p}", which the manifest does not define`, `one of ${Object.keys(sources).join(', ')}`);
    });
    if (ids.has(ladder.id)) check.fail(`ladders.${k}.id`, `two ladders have the id "${ladder.id}"`, 'a distinct id per ladder');
    ids.add(ladder.id);
    ladders.push(ladder);
  });
  const runs: CorpusRuns[] = (root.runs === undefined ? [] : check.array(root.runs, 'runs')).map((value, k) => {
    const r = readRuns(check, value, `runs.${k}`);
    if (!(r.source in sources)) check.fail(`runs.${k}.source`, `runs "${r.id}" name the source "${r.source}", which the manifest does not define`, `one of ${Object.keys(sources).join(', ')}`);
    const format = sources[r.source]!.format;
    if (format !== 'checkpoints' && format !== 'olmo-ladder') check.fail(`runs.${k}.source`, `runs "${r.id}" need a source with checkpoints ("checkpoints" or "olmo-ladder"), not "${format}"`, 'a checkpoints or olmo-ladder source');
    if (ids.has(r.id)) check.fail(`runs.${k}.id`, `two entries have the id "${r.id}"`, 'a distinct id');
    ids.add(r.id);
    return r;
  });
  const out: CorpusManifest = { file, corpus, sources, ladders, runs, positions };
  if (root.description !== undefined) out.description = check.string(root.description, 'description');
  return out;
}

function readSource(check: Checker, value: unknown, path: string, resolveRaw: (p: string) => string): CorpusSource {
  const common = ['format', 'guess', 'ceiling'];
  const existing = (v: unknown, at: string) => {
    const p = resolveRaw(check.string(v, at));
    if (!existsSync(p)) check.fail(at, `no such file or folder: ${p}`, 'a path relative to the manifest (or to its "data" folder with {data}/…)', String(v));
    return p;
  };
  const paths = (v: unknown, at: string) => check.strings(v, at).map((s, i) => existing(s, `${at}.${i}`));
  const format = check.string(check.object(value, path).format, `${path}.format`);
  const floorsOf = (o: Record<string, unknown>) => ({ guess: check.fractions(o.guess, `${path}.guess`), ceiling: check.fractions(o.ceiling, `${path}.ceiling`) });
  switch (format) {
    case 'scores': {
      const o = check.object(value, path, [...common, 'scores', 'models', 'percent', 'metric', 'filter', 'wideName']);
      const out: CorpusSource = {
        format,
        scores: paths(o.scores, `${path}.scores`),
        models: o.models === undefined ? [] : paths(o.models, `${path}.models`),
        percent: o.percent === undefined ? false : check.boolean(o.percent, `${path}.percent`),
        ...floorsOf(o),
      };
      if (o.metric !== undefined) out.metric = check.string(o.metric, `${path}.metric`);
      if (o.filter !== undefined) out.filter = check.string(o.filter, `${path}.filter`);
      if (o.wideName !== undefined) out.wideName = check.string(o.wideName, `${path}.wideName`);
      return out;
    }
    case 'table': {
      const o = check.object(value, path, [...common, 'path', 'model', 'benchmark', 'score', 'benchmarks', 'benchmarkPrefix', 'benchmarkSuffix', 'loss', 'where', 'family', 'params', 'tokens', 'compute', 'models', 'combine', 'percent']);
      const out: CorpusSource = {
        format,
        path: existing(o.path, `${path}.path`),
        model: check.string(o.model, `${path}.model`),
        benchmarkSuffix: o.benchmarkSuffix === undefined ? '' : check.string(o.benchmarkSuffix, `${path}.benchmarkSuffix`),
        where: check.where(o.where, `${path}.where`),
        combine: check.stringMap(o.combine, `${path}.combine`),
        percent: o.percent === undefined ? false : check.boolean(o.percent, `${path}.percent`),
        ...modelColumns(check, o, path),
        ...floorsOf(o),
      };
      const tidy = o.benchmark !== undefined || o.score !== undefined;
      const wide = o.benchmarks !== undefined || o.benchmarkPrefix !== undefined;
      if (tidy === wide) check.fail(path, 'a table source is either tidy ("benchmark" and "score" columns) or wide ("benchmarks" or "benchmarkPrefix"), not both or neither', 'one of the two layouts');
      if (tidy) {
        out.benchmark = check.string(o.benchmark, `${path}.benchmark`);
        out.score = check.string(o.score, `${path}.score`);
      } else {
        if (o.benchmarks !== undefined) out.benchmarks = check.stringMap(o.benchmarks, `${path}.benchmarks`);
        if (o.benchmarkPrefix !== undefined) out.benchmarkPrefix = check.string(o.benchmarkPrefix, `${path}.benchmarkPrefix`);
      }
      if (o.loss !== undefined) out.loss = check.string(o.loss, `${path}.loss`);
      if (o.models !== undefined) {
        const m = check.object(o.models, `${path}.models`, ['path', 'model', 'family', 'params', 'tokens', 'compute']);
        out.models = { path: existing(m.path, `${path}.models.path`), model: check.string(m.model, `${path}.models.model`), ...modelColumns(check, m, `${path}.models`) };
      }
      return out;
    }
    case 'lm-eval-results': {
      const o = check.object(value, path, [...common, 'files', 'metric', 'models', 'combine']);
      const out: CorpusSource = {
        format,
        files: paths(o.files, `${path}.files`),
        models: o.models === undefined ? [] : paths(o.models, `${path}.models`),
        combine: check.stringMap(o.combine, `${path}.combine`),
        ...floorsOf(o),
      };
      if (o.metric !== undefined) out.metric = check.string(o.metric, `${path}.metric`);
      return out;
    }
    case 'checkpoints': {
      const o = check.object(value, path, [...common, 'path', 'metric', 'where', 'combine']);
      const out: CorpusSource = { format, path: existing(o.path, `${path}.path`), where: check.where(o.where, `${path}.where`), combine: check.stringMap(o.combine, `${path}.combine`), ...floorsOf(o) };
      if (o.metric !== undefined) out.metric = check.string(o.metric, `${path}.metric`);
      return out;
    }
    case 'olmo-ladder': {
      const o = check.object(value, path, [...common, 'path']);
      return { format, path: existing(o.path, `${path}.path`), ...floorsOf(o) };
    }
    default:
      return check.fail(`${path}.format`, `unknown source format "${format}"`, 'scores, table, lm-eval-results, checkpoints or olmo-ladder');
  }
}

function modelColumns(check: Checker, o: Record<string, unknown>, path: string): ModelColumns {
  const out: ModelColumns = {};
  for (const key of ['family', 'params', 'tokens', 'compute'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v === 'string') out[key] = { column: v, scale: 1 };
    else {
      const c = check.object(v, `${path}.${key}`, ['column', 'scale']);
      out[key] = { column: check.string(c.column, `${path}.${key}.column`), scale: c.scale === undefined ? 1 : check.positive(c.scale, `${path}.${key}.scale`) };
    }
  }
  return out;
}

function readRuns(check: Checker, value: unknown, path: string): CorpusRuns {
  const o = check.object(value, path, ['id', 'lineage', 'source', 'runs', 'benchmarks', 'cuts']);
  const id = check.string(o.id, `${path}.id`);
  const runs = check.strings(o.runs, `${path}.runs`);
  if (runs.length < 2) check.fail(`${path}.runs`, `runs "${id}" list ${runs.length} run${runs.length === 1 ? '' : 's'}; a run's ladder is the runs before it, so list at least 2`, 'at least 2 runs, smallest first');
  const cuts = o.cuts === undefined ? [0.25, 0.5] : check.array(o.cuts, `${path}.cuts`).map((c, i) => {
    if (typeof c !== 'number' || !(c > 0 && c < 1)) check.fail(`${path}.cuts.${i}`, 'a cut is a fraction of training strictly between 0 and 1', 'a number in (0, 1)', JSON.stringify(c));
    return c as number;
  });
  const out: CorpusRuns = { id, lineage: check.string(o.lineage, `${path}.lineage`), source: check.string(o.source, `${path}.source`), runs, cuts };
  if (o.benchmarks !== undefined) out.benchmarks = check.strings(o.benchmarks, `${path}.benchmarks`);
  return out;
}

function readLadder(check: Checker, value: unknown, path: string): CorpusLadder {
  const o = check.object(value, path, ['id', 'lineage', 'source', 'models', 'family', 'axis', 'benchmarks', 'holdout', 'targets', 'guess', 'ceiling', 'pool', 'note']);
  const id = check.string(o.id, `${path}.id`);
  const out: CorpusLadder = {
    id,
    lineage: check.string(o.lineage, `${path}.lineage`),
    source: check.string(o.source, `${path}.source`),
    holdout: [],
    guess: check.fractions(o.guess, `${path}.guess`),
    ceiling: check.fractions(o.ceiling, `${path}.ceiling`),
    pool: o.pool === undefined ? [] : check.strings(o.pool, `${path}.pool`),
  };
  if ((o.models === undefined) === (o.family === undefined)) check.fail(path, `ladder "${id}" needs either "models" (a list) or "family" (from the models table), not both or neither`, '"models" or "family"');
  if (o.models !== undefined) out.models = check.strings(o.models, `${path}.models`);
  if (o.family !== undefined) out.family = check.string(o.family, `${path}.family`);
  if (o.axis !== undefined) {
    const axis = check.string(o.axis, `${path}.axis`);
    if (axis !== 'compute' && axis !== 'params') check.fail(`${path}.axis`, `ladder "${id}": the axis must be compute or params`, '"compute" or "params"', axis);
    out.axis = axis;
  }
  if (o.benchmarks !== undefined) out.benchmarks = check.strings(o.benchmarks, `${path}.benchmarks`);
  if (o.targets !== undefined) {
    if (o.holdout !== undefined) check.fail(`${path}.targets`, `ladder "${id}" has both "holdout" and "targets"`, 'one of them');
    out.targets = check.strings(o.targets, `${path}.targets`);
  } else {
    out.holdout = o.holdout === undefined ? [1, 2] : check.array(o.holdout, `${path}.holdout`).map((k, i) => check.wholeNumber(k, `${path}.holdout.${i}`, 1));
    out.holdout.forEach((k, i) => {
      if (out.holdout.indexOf(k) !== i) check.fail(`${path}.holdout.${i}`, `ladder "${id}" names the split hiding ${k} twice`, 'distinct numbers of models to hide', String(k));
    });
  }
  if (o.note !== undefined) out.note = check.string(o.note, `${path}.note`);
  return out;
}

/** Type checks that fail with an {@link InputError} at the value's place in the file. */
class Checker {
  constructor(
    private readonly file: string,
    private readonly positions: Map<string, TextPosition>,
  ) {}

  fail(path: string, message: string, expected?: string, found?: string): never {
    const at = nearestPosition(this.positions, path);
    throw new InputError({ code: 'bad-option', file: this.file, line: at.line, column: at.column, message, expected, found });
  }

  private what(path: string): string {
    return path === '' ? 'the manifest' : `"${path}"`;
  }

  object(v: unknown, path: string, keys?: readonly string[]): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, `${this.what(path)} must be an object`, 'a JSON object', v === undefined ? '(missing)' : JSON.stringify(v));
    const o = v as Record<string, unknown>;
    if (keys !== undefined) {
      for (const k of Object.keys(o)) if (!keys.includes(k)) this.fail(path === '' ? k : `${path}.${k}`, `unknown key "${k}" in ${this.what(path)}`, `one of ${keys.join(', ')}`, k);
    }
    return o;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `${this.what(path)} must be a list`, 'a JSON array', v === undefined ? '(missing)' : JSON.stringify(v));
    return v as unknown[];
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string' || v === '') this.fail(path, `${this.what(path)} must be a non-empty string`, 'a string', v === undefined ? '(missing)' : JSON.stringify(v));
    return v as string;
  }

  strings(v: unknown, path: string): string[] {
    const list = this.array(v, path).map((s, i) => this.string(s, `${path}.${i}`));
    if (list.length === 0) this.fail(path, `${this.what(path)} is empty`, 'at least one entry');
    return list;
  }

  stringMap(v: unknown, path: string): Record<string, string> {
    if (v === undefined) return {};
    const o = this.object(v, path);
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(o)) out[k] = this.string(s, `${path}.${k}`);
    return out;
  }

  boolean(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, `${this.what(path)} must be true or false`, 'a boolean', JSON.stringify(v));
    return v as boolean;
  }

  positive(v: unknown, path: string): number {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) this.fail(path, `${this.what(path)} must be a positive number`, 'a number > 0', JSON.stringify(v));
    return v as number;
  }

  wholeNumber(v: unknown, path: string, min: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(path, `${this.what(path)} must be a whole number of at least ${min}`, `a whole number ≥ ${min}`, JSON.stringify(v));
    return v as number;
  }

  fractions(v: unknown, path: string): Record<string, number> {
    if (v === undefined) return {};
    const o = this.object(v, path);
    const out: Record<string, number> = {};
    for (const [k, x] of Object.entries(o)) {
      if (typeof x !== 'number' || !(x >= 0 && x <= 1)) this.fail(`${path}.${k}`, `${this.what(`${path}.${k}`)} must be a fraction in [0, 1]`, 'a number in [0, 1]', JSON.stringify(x));
      out[k] = x as number;
    }
    return out;
  }

  where(v: unknown, path: string): Record<string, (string | number)[]> {
    if (v === undefined) return {};
    const o = this.object(v, path);
    const out: Record<string, (string | number)[]> = {};
    for (const [k, x] of Object.entries(o)) {
      const list = Array.isArray(x) ? x : [x];
      out[k] = list.map((item, i) => {
        if (typeof item !== 'string' && typeof item !== 'number') this.fail(Array.isArray(x) ? `${path}.${k}.${i}` : `${path}.${k}`, `a "where" value must be a string or a number`, 'a string or a number', JSON.stringify(item));
        return item as string | number;
      });
    }
    return out;
  }
}

/**
 * An {@link InputError} located at a value of the manifest (by JSON path, e.g. `ladders.3.models.1`),
 * or at the nearest enclosing value the file has.
 */
export function manifestError(manifest: CorpusManifest, path: string, message: string, expected?: string, found?: string): InputError {
  const at = nearestPosition(manifest.positions, path);
  return new InputError({ code: 'bad-option', file: manifest.file, line: at.line, column: at.column, message, expected, found });
}

/** Every file or folder a manifest reads (itself included): what an output must never overwrite. */
export function manifestInputs(manifest: CorpusManifest): string[] {
  const out = [manifest.file];
  for (const s of Object.values(manifest.sources)) {
    switch (s.format) {
      case 'scores':
        out.push(...s.scores, ...s.models);
        break;
      case 'table':
        out.push(s.path, ...(s.models === undefined ? [] : [s.models.path]));
        break;
      case 'lm-eval-results':
        out.push(...s.files, ...s.models);
        break;
      case 'olmo-ladder':
      case 'checkpoints':
        out.push(s.path);
        break;
    }
  }
  return out;
}
