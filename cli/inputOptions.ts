/**
 * The options every command that reads scores shares, their translation into
 * {@link LoadDatasetOptions}, and the checked parsing of whole-number options.
 */
import type { Command } from 'commander';
import { parseGroup, type BenchmarkGroup } from '../src/data/benchmarkGroups.js';
import type { LoadDatasetOptions } from '../src/data/loadDataset.js';
import { parseRowFilter, type RowFilter } from '../src/data/rowFilter.js';
import type { RowSelection } from '../src/data/rowSelection.js';
import { progressReporter, type CliIO } from './output/io.js';
import { collect } from './options.js';
import { UsageError } from './output/failure.js';

/** Parsed values of the shared input options. */
export interface InputFlags {
  scores?: string[];
  models?: string[];
  percent?: boolean;
  wideName?: string;
  metric?: string;
  filter?: string;
  ignoreUnlisted?: boolean;
  where?: string[];
  step?: string;
  group?: string[];
}

/** Adds the shared input options to a command. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('-s, --scores <paths...>', 'score files or folders: per-item (long or wide), aggregate, or lm-evaluation-harness output')
    .option('-m, --models <files...>', 'models table(s): model,family,params,tokens,compute,step,release_date')
    .option('--percent', 'scores are percentages in [0, 100]')
    .option('--wide-name <name>', 'benchmark name for a single wide file (default: from the file name)')
    .option('--metric <name>', 'lm-evaluation-harness metric (default: acc, exact_match or pass@1)')
    .option('--filter <name>', 'lm-evaluation-harness filter (default: none, else strict-match)')
    .option('--ignore-unlisted', 'leave out scores of models that have no row in the models table')
    .option('--where <filter>', 'read only rows of score tables matching KEY=VALUE (also !=, <, <=, >, >=); repeatable', collect)
    .option('--step <latest|N>', "keep each model's last checkpoint (latest: its largest step) or step N of score tables with a step column")
    .option('--group <name=glob>', "combine benchmarks into a group's score, e.g. mmlu='hendrycksTest-*' (a name alone: the group an lm-eval results file defines); repeatable", collect);
}

/** The row selection of `--where` and `--step`, checked. */
function selectionFrom(flags: InputFlags): RowSelection | undefined {
  const where: RowFilter[] = (flags.where ?? []).map((w) => {
    const f = parseRowFilter(w);
    if (f === undefined) throw new UsageError(`--where "${w}": write it KEY=VALUE, e.g. num_fewshot=0 (also !=, and <, <=, >, >= with a number)`);
    return f;
  });
  let stepLatest = false;
  let stepN: number | undefined;
  if (flags.step !== undefined) {
    const step = flags.step.trim();
    if (step === 'latest') stepLatest = true;
    else if (/^\d+$/.test(step)) stepN = Number(step);
    else throw new UsageError(`--step "${flags.step}": give latest or a whole step number, e.g. --step 143000`);
  }
  return where.length > 0 || stepLatest || stepN !== undefined ? { where, stepLatest, ...(stepN === undefined ? {} : { step: stepN }) } : undefined;
}

/** The groups of `--group`, checked. */
function groupsFrom(flags: InputFlags): BenchmarkGroup[] {
  const groups = (flags.group ?? []).map((g) => {
    const parsed = parseGroup(g);
    if (parsed === undefined) throw new UsageError(`--group "${g}": write it NAME=PATTERN, e.g. mmlu='hendrycksTest-*', or NAME for a group an lm-eval results file defines`);
    return parsed;
  });
  const twice = groups.find((g, k) => groups.findIndex((h) => h.name === g.name) !== k);
  if (twice !== undefined) throw new UsageError(`--group ${twice.name} is given twice`);
  return groups;
}

/** Builds loader options from the flags (plus positional paths), with progress on stderr. */
export function loadOptionsFrom(flags: InputFlags, positional: readonly string[], io: CliIO): LoadDatasetOptions {
  const scores = [...positional, ...(flags.scores ?? [])];
  if (scores.length === 0) throw new UsageError('no scores given: pass score files or folders, e.g. --scores scores.csv');
  const reporters = new Map<string, (done: number, total: number) => void>();
  return {
    scores,
    models: flags.models ?? [],
    percent: flags.percent ?? false,
    benchmark: flags.wideName,
    metric: flags.metric,
    filter: flags.filter,
    ignoreUnlisted: flags.ignoreUnlisted ?? false,
    ...optional('selection', selectionFrom(flags)),
    ...optional('groups', groupsFrom(flags)),
    onProgress: (file, done, total) => {
      let r = reporters.get(file);
      if (r === undefined) reporters.set(file, (r = progressReporter(io, `reading ${file}`)));
      r(done, total);
    },
  };
}

/** `{ key: value }` when the value says something (defined, not an empty list), else `{}`. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return {};
  return { [key]: value } as Partial<Record<K, V>>;
}
