/**
 * Every example in every `--help` runs as written: for the root command and each command and
 * subcommand, the `$ scalecast …` lines of its help are split into arguments as a POSIX shell
 * would and run in-process from the repository root. Everything an example writes goes to a fresh
 * temporary folder: the values of -o/--out, --figures, --rows, --chart and --write-policy are
 * rewritten to paths inside it (same file names), `> file` is dropped, and `scalecast main` with
 * no --figures gets one. A relative path that an earlier example of the same help wrote (the root
 * help's `simulate --out ladder/` then `inspect --scores ladder/scores.csv`) is read from where
 * that example wrote it, as running the examples in order in a shell would.
 */
import { runCli, type CliResult } from '../helpers/runCli.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, normalize, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../cli/program.js';
import { hasRawData, noRawDataReason, projectRoot } from '../helpers/paths.js';

/** Options whose value is a path the command writes. */
const OUTPUT_OPTIONS = new Set(['-o', '--out', '--figures', '--rows', '--chart', '--write-policy']);

/** An example's time budget; a measured example slower than ~40 s is skipped instead (none is now). */
const EXAMPLE_TIMEOUT = 120_000;

/** Runs one example's argv in-process (the shared helper). */
const runArgv = (argv: readonly string[]): Promise<CliResult> => runCli(...argv);

/** The command paths to ask for help: the root, every command and every subcommand (not `help`). */
function commandPaths(): string[][] {
  const paths: string[][] = [[]];
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      if (sub.name() === 'help') continue;
      const path = [...prefix, sub.name()];
      paths.push(path);
      walk(sub, path);
    }
  };
  walk(buildProgram({ stdout: () => {}, stderr: () => {}, stderrIsTTY: false }), []);
  return paths;
}

/** The example lines of a help text (`  $ scalecast …`), with backslash continuations joined. */
function exampleLines(help: string): string[] {
  const lines = help.split('\n');
  const examples: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\$ scalecast(\s|$)/.test(lines[i]!)) continue;
    let line = lines[i]!.replace(/^\s*\$ /, '');
    while (/\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!;
    examples.push(line.trimEnd());
  }
  return examples;
}

/**
 * Splits one command line into words as a POSIX shell would: whitespace separates words; single
 * quotes keep everything; double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``; a
 * backslash outside quotes escapes the next character; an unquoted `#` starting a word begins a
 * comment; `> file`, `>> file`, `2> file` (and `>file`) are dropped. Anything else a shell would
 * interpret (pipes, lists, `$`, backquotes, globs, `<`) throws, so such an example fails loudly
 * instead of running as something else.
 */
function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let dropNext = false;
  const finish = () => {
    if (!inWord) return;
    if (dropNext) dropNext = false;
    else words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      finish();
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated single quote in: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j]!;
        if (d === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) word += line[++j]!;
        else if (d === '$' || d === '`') throw new Error(`shell expansion (${d}) in double quotes is not supported: ${line}`);
        else word += d;
      }
      if (j >= line.length) throw new Error(`unterminated double quote in: ${line}`);
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i]!;
      inWord = true;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '>' || (c === '2' && !inWord && line[i + 1] === '>')) {
      if (inWord) finish();
      if (c === '2') i++;
      if (line[i + 1] === '>') i++;
      dropNext = true;
      // Skip blanks to the file name, which the next word collects and `finish` drops.
      while (line[i + 1] === ' ' || line[i + 1] === '\t') i++;
      if (i + 1 >= line.length) throw new Error(`redirection without a file in: ${line}`);
    } else if ('|&;<()$`*?[]{}~'.includes(c)) {
      throw new Error(`unsupported shell syntax (${c}) in: ${line}`);
    } else {
      word += c;
      inWord = true;
    }
  }
  finish();
  if (dropNext) throw new Error(`redirection without a file in: ${line}`);
  return words;
}

/** Where an output path goes in the temporary folder: the same file name, a trailing slash kept. */
function redirect(value: string, dir: string): string {
  const trailing = /[/\\]$/.test(value) ? '/' : '';
  return join(dir, basename(value)) + trailing;
}

const stripSlash = (p: string) => normalize(p).replace(/[/\\]+$/, '');

interface Plan {
  argv: string[];
  /** Output paths as written (relative to the repo root) and where they went instead. */
  outputs: Array<[string, string]>;
}

/**
 * The example's argv with every output redirected into `dir`, and relative inputs that an earlier
 * example of the same help wrote (`written`) read from where it wrote them.
 */
function plan(words: string[], dir: string, written: ReadonlyMap<string, string>): Plan {
  if (words[0] !== 'scalecast') throw new Error(`not a scalecast command: ${words.join(' ')}`);
  const argv = words.slice(1);
  const outputs: Array<[string, string]> = [];
  const fromEarlier = (value: string): string => {
    if (value.startsWith('-') || existsSync(resolve(projectRoot, value))) return value;
    const v = stripSlash(value);
    for (const [key, to] of written) {
      if (v === key) return to;
      if (v.startsWith(`${key}/`)) return join(to, v.slice(key.length + 1));
    }
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = /^(--[\w-]+)=(.*)$/.exec(a);
    if (eq && OUTPUT_OPTIONS.has(eq[1]!)) {
      const to = redirect(eq[2]!, dir);
      outputs.push([eq[2]!, to]);
      argv[i] = `${eq[1]}=${to}`;
    } else if (OUTPUT_OPTIONS.has(a) && i + 1 < argv.length) {
      const to = redirect(argv[i + 1]!, dir);
      outputs.push([argv[i + 1]!, to]);
      argv[++i] = to;
    } else {
      argv[i] = fromEarlier(a);
    }
  }
  if (argv[0] === 'main' && !argv.some((a) => a === '--figures' || a.startsWith('--figures=') || a === '--no-figures')) {
    argv.push('--figures', join(dir, 'figures'));
  }
  return { argv, outputs };
}

/** Why an example is not run here, or undefined to run it. */
function skipReason(words: string[]): string | undefined {
  const argv = words.slice(1);
  const needsShared = words.some((w) => w.includes('../shared'));
  if (argv[0] === 'evaluate') {
    const hasCorpus = argv.some((a) => a === '--corpus' || a.startsWith('--corpus='));
    const hasOnly = argv.some((a) => a === '--only' || a.startsWith('--only='));
    if (!hasCorpus && !hasOnly) return 'runs the whole shipped public corpus (about 70 s): too slow for the test suite';
    if (!hasCorpus && !hasRawData) return `reads the shipped corpus in ../shared: ${noRawDataReason}`;
  }
  if (needsShared && !hasRawData) return noRawDataReason;
  return undefined;
}

const root = mkdtempSync(join(tmpdir(), 'scalecast-help-examples-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const helps: Array<{ path: string[]; code: number; stdout: string; stderr: string }> = [];
for (const path of commandPaths()) helps.push({ path, ...(await runArgv([...path, '--help'])) });

describe('the --help examples', () => {
  it('runs from the repository root (process.cwd())', () => {
    expect(resolve(process.cwd())).toBe(projectRoot);
  });

  it('covers every command and subcommand, each with a help that exits 0', () => {
    const names = helps.map((h) => h.path.join(' '));
    for (const expected of [
      '',
      'main',
      'inspect',
      'simulate',
      'fit',
      'predict',
      'backtest',
      'cluster',
      'evaluate',
      'density',
      'plot',
      'plot scaling',
      'plot clusters',
      'plot mapping',
      'plot backtest',
      'plot density',
      'plot chinchilla',
      'report',
    ]) {
      expect(names).toContain(expected);
    }
    for (const h of helps) expect(h.code, `scalecast ${h.path.join(' ')} --help: ${h.stderr}`).toBe(0);
  });

  it('gives every command that runs something at least one example (`plot` only lists its kinds)', () => {
    for (const h of helps) {
      if (h.path.join(' ') === 'plot') continue;
      expect(exampleLines(h.stdout).length, `scalecast ${h.path.join(' ')} --help has no example`).toBeGreaterThan(0);
    }
  });

  it('splits example lines as a shell would', () => {
    expect(shellSplit(`scalecast fit --x "Model Size,Training FLOP" --where 'loss<3.44'   # a comment`)).toEqual([
      'scalecast',
      'fit',
      '--x',
      'Model Size,Training FLOP',
      '--where',
      'loss<3.44',
    ]);
    expect(shellSplit('scalecast evaluate --json > evaluation.json')).toEqual(['scalecast', 'evaluate', '--json']);
    expect(shellSplit('scalecast evaluate --json >evaluation.json --csv')).toEqual(['scalecast', 'evaluate', '--json', '--csv']);
    expect(shellSplit(String.raw`scalecast a\ b "c\"d" e#f`)).toEqual(['scalecast', 'a b', 'c"d', 'e#f']);
    expect(() => shellSplit('scalecast evaluate | head')).toThrow(/unsupported/);
    expect(exampleLines('Examples:\n  $ scalecast fit --a 1 \\\n      --b 2\n  $ scalecast main   # x\n')).toEqual([
      'scalecast fit --a 1       --b 2',
      'scalecast main   # x',
    ]);
  });

  for (const help of helps) {
    const title = `scalecast ${help.path.join(' ')} --help`.replace(/ +/g, ' ');
    const lines = exampleLines(help.stdout);
    if (lines.length === 0) continue;
    describe(title, () => {
      // Outputs written by earlier examples of this help, relative path as written → where it went.
      const written = new Map<string, string>();
      lines.forEach((line, n) => {
        let words: string[];
        try {
          words = shellSplit(line);
        } catch (e) {
          it(line, () => {
            throw e;
          });
          return;
        }
        const reason = skipReason(words);
        if (reason !== undefined) {
          it.skip(`${line}  [skipped: ${reason}]`, () => {});
          return;
        }
        it(
          line,
          async () => {
            const dir = join(root, `${help.path.join('-') || 'scalecast'}-${n + 1}`);
            const { argv, outputs } = plan(words, dir, written);
            const before = outputs.map(([as]) => existsSync(resolve(projectRoot, as)));
            const r = await runArgv(argv);
            for (const [as, to] of outputs) if (!as.startsWith('/')) written.set(stripSlash(as), stripSlash(to));
            expect(r.code, `exit ${r.code} from: scalecast ${argv.join(' ')}\nstderr:\n${r.stderr}`).toBe(0);
            // Nothing was written where the example names its output in the repository.
            outputs.forEach(([as], k) => {
              if (!before[k]) expect(existsSync(resolve(projectRoot, as)), `${as} appeared in the repository`).toBe(false);
            });
          },
          EXAMPLE_TIMEOUT,
        );
      });
    });
  }
});
