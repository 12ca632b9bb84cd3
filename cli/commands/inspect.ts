/**
 * `scalecast inspect`: what the inputs hold — models by compute, benchmarks with coverage, every
 * model's score on every benchmark, and warnings.
 */
import type { Command } from 'commander';
import { locationText } from '../../src/io/inputError.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { formatQuantity } from '../../src/io/quantity.js';
import { familiesOf, familyMembers, selectModels } from '../../src/data/selectModels.js';
import { summarizeDataset, type DatasetSummary } from '../../src/data/summarizeDataset.js';
import type { Dataset } from '../../src/data/types.js';
import { UsageError } from '../output/failure.js';
import type { CliIO } from '../output/io.js';
import { fixed, formatTable, sci } from '../output/textTable.js';
import { addInputOptions, intFlag, loadOptionsFrom, type InputFlags } from './inputOptions.js';

interface InspectFlags extends InputFlags {
  json?: boolean;
  digits: string;
  family?: string;
}

/** Registers the command. */
export function registerInspect(program: Command, io: CliIO): void {
  const cmd = program
    .command('inspect')
    .description('read score files and a models table, and show what they hold')
    .argument('[paths...]', 'score files or folders (same as --scores)');
  addInputOptions(cmd)
    .option('--family <name>', 'show only models of this family (needs a models table with a family column)')
    .option('--digits <n>', 'decimals of scores in the table, 0 to 12', '4')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast inspect --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv
  $ scalecast inspect datasets/synthetic                # a folder: its models table and score files
  $ scalecast inspect ../shared/datasets/raw/all-the-noises-per-item/main/gsm8k.pass1.csv
  $ scalecast inspect --scores lm-eval-out/ --metric acc_norm --json`,
    )
    .action((paths: string[], flags: InspectFlags) => {
      const digits = intFlag(flags.digits, '--digits', 0, 12);
      let data = loadDataset(loadOptionsFrom(flags, paths, io));
      if (flags.family !== undefined) data = onlyFamily(data, flags.family);
      const summary = summarizeDataset(data);
      if (flags.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
      else io.stdout(renderSummary(summary, digits));
    });
}

/** The dataset narrowed to one family. @throws UsageError when no model of the models table has that family */
function onlyFamily(data: Dataset, family: string): Dataset {
  const members = familyMembers(data, family);
  if (members === undefined) {
    const known = familiesOf(data);
    if (data.models === null) throw new UsageError('--family needs a models table with a family column (pass --models FILE)');
    throw new UsageError(
      known.length === 0
        ? `--family ${family}: the models table has no family column`
        : `no model of the models table has family "${family}"; the families are: ${known.join(', ')}`,
    );
  }
  return selectModels(data, (m) => members.has(m));
}

/** The text report of `inspect`. */
export function renderSummary(s: DatasetSummary, digits = 4): string {
  const out: string[] = [];
  out.push(`Models (${s.models.length}, by training compute)`);
  out.push(
    formatTable(
      [
        { header: 'model' },
        { header: 'family' },
        { header: 'params', right: true },
        { header: 'tokens', right: true },
        { header: 'compute (FLOPs)', right: true },
        { header: 'step', right: true },
        { header: 'released' },
        { header: 'benchmarks', right: true },
      ],
      s.models.map((m) => [
        m.model,
        m.family ?? '',
        formatQuantity(m.params),
        formatQuantity(m.tokens),
        m.compute === undefined ? '' : `${sci(m.compute)}${m.computeEstimated ? '*' : ''}`,
        m.step === undefined ? '' : String(m.step),
        m.releaseDate ?? '',
        String(m.benchmarks),
      ]),
    ),
  );
  if (s.models.some((m) => m.computeEstimated)) out.push('* compute estimated as 6 · params · tokens');
  out.push('');
  out.push(`Benchmarks (${s.benchmarks.length})`);
  out.push(
    formatTable(
      [
        { header: 'benchmark' },
        { header: 'data' },
        { header: 'items', right: true },
        { header: 'models', right: true },
        { header: 'coverage', right: true },
        { header: 'trials', right: true },
        { header: 'unsolved', right: true },
      ],
      s.benchmarks.map((b) => [
        b.benchmark,
        b.kind === 'items' ? 'per item' : 'aggregate',
        b.kind === 'items' ? String(b.items) : '',
        String(b.models),
        b.kind === 'items' ? `${(100 * b.coverage).toFixed(1)}%` : '',
        b.trials === null ? (b.kind === 'items' ? '1' : '') : b.trials.min === b.trials.max ? String(b.trials.min) : `${b.trials.min}–${b.trials.max}`,
        b.kind === 'items' ? String(b.unsolved) : '',
      ]),
    ),
  );
  out.push('');
  out.push(...renderScorePivot(s, digits));
  // Names may hold commas (lm-evaluation-harness writes "exact_match,flexible-extract"), hence "; ".
  if (s.metrics.length > 0) out.push(`Other metrics in aggregate rows: ${s.metrics.join('; ')}`, '');
  out.push(s.warnings.length === 0 ? 'No warnings.' : `Warnings (${s.warnings.length})`);
  for (const w of s.warnings) out.push(`- ${w.file ? `${locationText(w.file, w.line)}: ` : ''}${w.message}`);
  return `${out.join('\n')}\n`;
}

/** Model × benchmark scores, split into blocks of columns that fit a terminal. */
function renderScorePivot(s: DatasetSummary, digits: number): string[] {
  const out: string[] = [];
  const benches = s.benchmarks.map((b) => b.benchmark);
  const cell = new Map(s.scores.map((x) => [`${x.model}\u0000${x.benchmark}`, x] as const));
  const models = s.models.filter((m) => m.benchmarks > 0).map((m) => m.model);
  const nameWidth = Math.max(5, ...models.map((m) => m.length));
  const perBlock = Math.max(1, Math.floor((110 - nameWidth) / Math.max(digits + 5, 12)));
  out.push('Scores (mean over the items each model has; aggregate rows marked ᵃ)');
  for (let start = 0; start < benches.length; start += perBlock) {
    const block = benches.slice(start, start + perBlock);
    out.push(
      formatTable(
        [{ header: 'model' }, ...block.map((b) => ({ header: b, right: true }))],
        models.map((m) => [
          m,
          ...block.map((b) => {
            const x = cell.get(`${m}\u0000${b}`);
            return x === undefined ? '—' : `${fixed(x.score, digits)}${x.from === 'aggregate' ? 'ᵃ' : ''}`;
          }),
        ]),
      ),
    );
    out.push('');
  }
  if (benches.length === 0) out.push('(no scores)', '');
  return out;
}
