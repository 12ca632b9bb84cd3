/**
 * `scalecast inspect`: flags → request → job (src/app/inspect.ts) → text or JSON.
 */
import type { Command } from 'commander';
import { addInputOptions, loadOptionsFrom, type InputFlags } from '../inputOptions.js';
import { wholeNumber } from '../options.js';
import { UsageError } from '../output/failure.js';
import type { CliIO } from '../output/io.js';

interface InspectFlags extends InputFlags {
  json?: boolean;
  digits: number;
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
    .option('--digits <n>', 'decimals of scores in the table, 0 to 12', wholeNumber(0, 12), 4)
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast inspect --scores datasets/synthetic/scores.csv --models datasets/synthetic/models.csv
  $ scalecast inspect datasets/synthetic                # a folder: its models table and score files
  $ scalecast inspect ../shared/datasets/raw/all-the-noises-per-item/main/gsm8k.pass1.csv
  $ scalecast inspect --scores test/fixtures/lm-eval/pythia-step143000 --metric acc_norm --json   # lm-evaluation-harness output`,
    )
    .action(async (paths: string[], flags: InspectFlags, cmd: Command) => {
      if (flags.json && cmd.getOptionValueSource('digits') === 'cli') throw new UsageError('--digits sets the decimals of the table; --json prints every digit');
      const { inspectJob } = await import('../../src/app/inspect.js');
      const summary = inspectJob({ input: loadOptionsFrom(flags, paths, io), ...(flags.family === undefined ? {} : { family: flags.family }) });
      if (flags.json) {
        io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const { renderSummary } = await import('../output/renderSummary.js');
      io.stdout(renderSummary(summary, flags.digits));
    });
}
