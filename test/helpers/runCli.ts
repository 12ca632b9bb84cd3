/** Runs the scalecast command in-process and captures what it prints. */
import { run } from '../../cli/program.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function runWith(stderrIsTTY: boolean, argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY });
  return { code, stdout, stderr };
}

/** Runs with stderr piped (no progress bars). */
export const runCli = (...argv: string[]): Promise<CliResult> => runWith(false, argv);

/** As {@link runCli}, with stderr a terminal (where progress bars are drawn). */
export const runCliOnTerminal = (...argv: string[]): Promise<CliResult> => runWith(true, argv);
