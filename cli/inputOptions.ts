/**
 * The options every command that reads scores shares, their translation into
 * {@link LoadDatasetOptions}, and the checked parsing of whole-number options.
 */
import type { Command } from 'commander';
import type { LoadDatasetOptions } from '../src/data/loadDataset.js';
import { progressReporter, type CliIO } from './output/io.js';
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
    .option('--ignore-unlisted', 'leave out scores of models that have no row in the models table');
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
    onProgress: (file, done, total) => {
      let r = reporters.get(file);
      if (r === undefined) reporters.set(file, (r = progressReporter(io, `reading ${file}`)));
      r(done, total);
    },
  };
}
