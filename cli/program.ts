/**
 * The `scalecast` command: a thin layer over the library. `run` parses arguments, runs one
 * command and returns its exit code, writing only through the given {@link CliIO}, so tests can
 * call it in-process.
 */
import { Command, CommanderError } from 'commander';
import { registerDensity } from './commands/density.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerFit } from './commands/fit.js';
import { registerPlot } from './commands/plot.js';
import { registerInspect } from './commands/inspect.js';
import { registerPredict } from './commands/predict.js';
import { registerMain } from './commands/main.js';
import { registerMonitor } from './commands/monitor.js';
import { registerSimulate } from './commands/simulate.js';
import { EXIT, reportFailure } from './output/failure.js';
import { processIO, type CliIO } from './output/io.js';

/** The package version, kept in step with package.json by a test. */
export const VERSION = '0.1.0';

/**
 * Commander's message as one line; a rejected option value reads like every other message:
 * `error: --seed must be a whole number from 0 to 4,294,967,295, not "1.5"`.
 */
function usageLine(text: string): string {
  const line = text.trim().replace(/\s*\n\s*/g, ' ');
  const m = /^error: option '(-\w, )?(--[\w-]+)[^']*' argument '([^]*)' is invalid\. ([^]*)$/.exec(line);
  return m ? `error: ${m[2]} ${m[4]!.replace(/\.$/, '')}, not "${m[3]}"` : line;
}

/** Commander's output through `io`; its usage errors as one line, as every other error. */
function outputFor(io: CliIO, command?: string) {
  return {
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text: string) => io.stderr(`scalecast: ${usageLine(text)} (see scalecast ${command === undefined ? '' : `${command} `}--help)\n`),
  };
}

/** Builds the command tree writing through `io`. */
export function buildProgram(io: CliIO): Command {
  const program = new Command('scalecast')
    .description('Predict what a larger LLM will score on its benchmarks from a ladder of small models.')
    .version(VERSION)
    .configureOutput(outputFor(io))
    .exitOverride()
    .addHelpText(
      'after',
      `
Run it as npx scalecast … in a clone of scalecast after npm install, or in a project that depends on
it; npm link puts scalecast itself on the PATH.

Examples:
  $ scalecast main                                   # the main job on the embedded data (npm start)
  $ scalecast simulate --out ladder/ --seed 7        # a synthetic ladder with known truth
  $ scalecast inspect --scores ladder/scores.csv --models ladder/models.csv`,
    );
  registerMain(program, io);
  registerInspect(program, io);
  registerSimulate(program, io);
  registerFit(program, io);
  registerPredict(program, io);
  registerEvaluate(program, io);
  registerMonitor(program, io);
  registerDensity(program, io);
  registerPlot(program, io);
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput(outputFor(io, cmd.name()));
    for (const sub of cmd.commands) sub.exitOverride().configureOutput(outputFor(io, `${cmd.name()} ${sub.name()}`));
  }
  return program;
}

/**
 * `scalecast` alone and `scalecast plot` alone show their help on stdout and succeed, as asking
 * for it would; `scalecast help nope` is an unknown command, one line and exit 2.
 */
function implicitHelpExit(argv: readonly string[], helpText: string, io: CliIO, json: boolean): number {
  const at = argv.indexOf('help');
  const unknown = at >= 0 ? argv[at + 1] : undefined;
  if (unknown === undefined) {
    io.stdout(helpText);
    return EXIT.ok;
  }
  const scope = argv.slice(0, at).join(' ');
  const message = `unknown command '${unknown}'`;
  if (json) io.stdout(`${JSON.stringify({ error: { kind: 'usage', code: 'usage', message } }, null, 2)}\n`);
  io.stderr(`scalecast: error: ${message} (see scalecast ${scope === '' ? '' : `${scope} `}--help)\n`);
  return EXIT.badInput;
}

/**
 * Runs the command line with `argv` (without `node` and the script) and returns the exit code:
 * 0 on success, 2 for bad input or usage, 1 for a bug.
 */
export async function run(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const json = argv.includes('--json');
  // Progress bars are for people at a terminal, not for scripts reading JSON or CSV.
  if (json || argv.includes('--csv')) io = { ...io, stderrIsTTY: false };
  const program = buildProgram(io);
  // Commander writes to writeErr only help it was not asked for (no command, no chart kind,
  // `help <unknown>`); its errors go through outputError. Held here, `run` decides where it goes.
  let implicitHelp = '';
  const holdHelp = { writeErr: (t: string) => void (implicitHelp += t) };
  program.configureOutput(holdHelp);
  for (const cmd of program.commands) {
    cmd.configureOutput(holdHelp);
    for (const sub of cmd.commands) sub.configureOutput(holdHelp);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end through here too, with exit code 0. Commander has printed the error.
      if (e.exitCode === 0) return EXIT.ok;
      if (e.code === 'commander.help') return implicitHelpExit(argv, implicitHelp, io, json);
      if (json) io.stdout(`${JSON.stringify({ error: { kind: 'usage', code: 'usage', message: usageLine(e.message).replace(/^error: /, '') } }, null, 2)}\n`);
      return EXIT.badInput;
    }
    return reportFailure(e, io, json);
  }
}
