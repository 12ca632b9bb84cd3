/**
 * `scalecast density`: flags → request → job (src/app/density.ts) → text or JSON.
 */
import type { Command } from 'commander';
import { addDensityOptions, densityRequest, type DensityFlags } from '../densityOptions.js';
import { addInputOptions } from '../inputOptions.js';
import type { CliIO } from '../output/io.js';
import { outputFormat } from '../pipelineOptions.js';

/** Registers the command. */
export function registerDensity(program: Command, io: CliIO): void {
  addDensityOptions(addInputOptions(program.command('density').description('capacity density of every model against a reference family, and the densing law over release dates')))
    .option('--json', 'print JSON (scores as fractions in [0, 1], said by its "unit" field)')
    .option('--csv', 'print the density table as CSV')
    .addHelpText(
      'after',
      `
Examples:
  $ scalecast density                              # the embedded table of public base models, against Qwen1.5
  $ scalecast density --reference Llama-2 --csv    # the same table against another family, as CSV
  $ scalecast density -s datasets/public/density.scores.csv -m datasets/public/density.models.csv --reference Llama-2
  $ scalecast density -s datasets/public/density.scores.csv -m datasets/public/density.models.csv --reference Qwen1.5 --benchmark mmlu arc_challenge --json`,
    )
    .action(async (flags: DensityFlags) => {
      const { densityJob } = await import('../../src/app/density.js');
      const { densityCsv, densityJson, renderDensity } = await import('../output/renderDensity.js');
      const format = outputFormat(flags);
      const { result, reference } = densityJob(densityRequest(flags, io));
      if (format === 'json') io.stdout(`${JSON.stringify(densityJson(result, reference.description), null, 2)}\n`);
      else if (format === 'csv') io.stdout(densityCsv(result));
      else io.stdout(renderDensity(result, reference.description));
    });
}
