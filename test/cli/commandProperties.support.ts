/**
 * The harness of the command-line property test (commandProperties.test.ts): runs one generated
 * case in-process in a fresh temp folder (also the working directory, so relative paths stay in it)
 * and checks the contract of `run`: exit code 0 or 2, never 1 and never a thrown exception; a
 * code-2 run writes exactly one stderr line starting "scalecast: error: "; every file written lies
 * inside the run's temp folder (writes are seen through the mock of src/io/outputFiles.ts that the
 * test file installs, which pushes to `globalThis.__scalecastWrites`).
 *
 * Cases that hit a bug already reported are listed in {@link KNOWN_BUGS} and counted, not failed.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import fc from 'fast-check';
import type { Command } from 'commander';
import { buildProgram, run } from '../../cli/program.js';
import { projectRoot } from '../helpers/paths.js';
import { junk, RAW_FF, type Files } from './commandProperties.fixtures.js';

/** One generated run: argv and files with placeholders (`@name` → the file's name, `$DIR` → the run's folder). */
export interface Case {
  /** The command it exercises, for the run counts. */
  command: string;
  argv: string[];
  files: Files;
  /** Placeholder → file name (a file may have been renamed to another extension). */
  names: Record<string, string>;
  /** How the inputs were corrupted, for the report of a failure. */
  notes?: string[];
}

export interface Outcome {
  code: number | undefined;
  stdout: string;
  stderr: string;
  thrown: unknown;
  /** Absolute paths of every file the run wrote. */
  writes: string[];
  argv: string[];
  dir: string;
}

/**
 * Bugs found by this test and reported; a run that matches one is counted, not failed.
 * Remove an entry once the bug is fixed.
 */
export const KNOWN_BUGS: { id: string; matches: (c: Case, o: Outcome) => boolean }[] = [
];

/** Runs per command, and known-bug hits per bug id. */
export const counts = new Map<string, number>();
export const knownHits = new Map<string, number>();
export const total = () => [...counts.values()].reduce((a, b) => a + b, 0);
/** Files written in all runs, as the mock of writeFilesAtomically saw them (proof that it sees them). */
export let filesWritten = 0;

let root = '';
let home = '';

/** Makes the temp root (with a node_modules link so workers started from the TS sources find tsx) and enters it. */
export function enterTempRoot(): string {
  home = process.cwd();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'scalecast-props-')));
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  process.chdir(root);
  return root;
}

export function leaveTempRoot(): void {
  process.chdir(home);
  rmSync(root, { recursive: true, force: true });
}

/** Files every run has besides its inputs: a file in the way, an existing folder, a list of model names. */
const ALWAYS: Files = { blocker: 'not a folder\n', 'existing/keep.txt': 'keep\n', 'refs.txt': 'ref-0.5b\nref-1.8b\nref-4b\n' };

function substitute(text: string, c: Case, dir: string): string {
  return text.replace(/@(\w+)/g, (m, k: string) => c.names[k] ?? m).replaceAll('$DIR', dir);
}

type Writes = { dir: string; names: string[] }[];
const g = globalThis as unknown as { __scalecastWrites?: Writes };

/** Runs `c` in a fresh folder under the temp root and returns what happened. */
export async function execute(c: Case): Promise<Outcome> {
  const dir = mkdtempSync(join(root, 'run-'));
  for (const [name, content] of Object.entries({ ...ALWAYS, ...c.files })) {
    const path = join(dir, substitute(name, c, dir));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.concat(substitute(content, c, dir).split(RAW_FF).flatMap((part, i) => [...(i > 0 ? [Buffer.from([0xff])] : []), Buffer.from(part, 'utf8')])));
  }
  const argv = c.argv.map((a) => substitute(a, c, dir));
  let stdout = '';
  let stderr = '';
  let code: number | undefined;
  let thrown: unknown;
  g.__scalecastWrites = [];
  process.chdir(dir);
  try {
    code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false });
  } catch (e) {
    thrown = e;
  } finally {
    process.chdir(root);
  }
  const writes = g.__scalecastWrites.flatMap((w) => w.names.map((n) => resolve(dir, w.dir, n)));
  filesWritten += writes.length;
  rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, thrown, writes, argv, dir };
}

const inside = (dir: string, p: string) => {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** What is wrong with an outcome, or null. */
export function violation(o: Outcome): string | null {
  if (o.thrown !== undefined) return `run threw: ${o.thrown instanceof Error ? o.thrown.stack : String(o.thrown)}`;
  const outside = o.writes.filter((p) => !inside(o.dir, p));
  if (outside.length > 0) return `wrote outside its temp folder: ${outside.join(', ')}`;
  if (o.code === 1) return `exit code 1 (internal error): ${o.stderr.trim()}`;
  if (o.code !== 0 && o.code !== 2) return `exit code ${o.code}`;
  if (o.code === 0 && /internal error/.test(o.stderr)) return `exit code 0 but stderr says: ${o.stderr.trim()}`;
  if (o.code === 2 && !/^scalecast: error: [^\n]*\n$/.test(o.stderr)) return `exit code 2 but stderr is not exactly one "scalecast: error: " line: ${JSON.stringify(o.stderr)}`;
  return null;
}

/** A case as text: argv, the files and how they were corrupted. */
export function describeCase(c: Case, o?: Outcome): string {
  const argv = o?.argv ?? c.argv;
  const files = Object.entries(c.files).map(([n, t]) => `  ${substitute(n, c, '$DIR')} (${t.length} bytes): ${JSON.stringify(t.length > 400 ? `${t.slice(0, 400)}…` : t)}`);
  return [`argv: ${JSON.stringify(argv.map((a) => (o ? a.replaceAll(o.dir + sep, '$DIR/').replaceAll(o.dir, '$DIR') : a)))}`, ...(c.notes?.length ? [`corruptions: ${c.notes.join('; ')}`] : []), 'files:', ...files].join('\n');
}

/** Runs and checks one case (the body of every property). */
export async function check(c: Case): Promise<void> {
  counts.set(c.command, (counts.get(c.command) ?? 0) + 1);
  const o = await execute(c);
  const bad = violation(o);
  if (bad === null) return;
  const known = KNOWN_BUGS.find((b) => b.matches(c, o));
  if (known) {
    knownHits.set(known.id, (knownHits.get(known.id) ?? 0) + 1);
    return;
  }
  throw new Error(`${bad}\nstdout: ${JSON.stringify(o.stdout.slice(0, 300))}\n${describeCase(c, o)}`);
}

// ---- Building argv from option groups ----------------------------------------------------------

/** An option value: `good` only valid values, `any` mostly valid, else bad or junk. */
export interface Val {
  good: fc.Arbitrary<string>;
  any: fc.Arbitrary<string>;
}

/** A group of argv tokens (an option and its values), tidy (valid values only) or wild. */
export interface Group {
  tidy: fc.Arbitrary<string[]>;
  wild: fc.Arbitrary<string[]>;
  /** The options it uses (long names), so that a command without them leaves it out. */
  options: string[];
}

/** Mostly one of `valid`, else one of `bad` or generic junk. */
export function val(valid: readonly string[], bad: readonly string[] = []): Val {
  const good = fc.constantFrom(...valid);
  return { good, any: fc.oneof({ weight: 5, arbitrary: good }, ...(bad.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...bad) }] : []), { weight: 1, arbitrary: junk }) };
}

/** The long forms of the short options the generators use. */
const LONG: Record<string, string> = { '-s': '--scores', '-m': '--models', '-b': '--benchmark', '-r': '--reference', '-k': '--holdout', '-x': '--x', '-y': '--y', '-l': '--law', '-o': '--out', '-t': '--target', '-d': '--data' };

/** `--name value` (now and then `--name=value`). */
export function opt(name: string, value: Val, long = LONG[name] ?? name): Group {
  const eq = name.startsWith('--') ? 1 : 0;
  return {
    tidy: fc.oneof({ weight: 9, arbitrary: value.good.map((v) => [name, v]) }, { weight: eq, arbitrary: value.good.map((v) => [`${name}=${v}`]) }),
    wild: fc.oneof({ weight: 9, arbitrary: value.any.map((v) => [name, v]) }, { weight: eq, arbitrary: value.any.map((v) => [`${name}=${v}`]) }),
    options: [long],
  };
}

/** `--name v1 v2 …` for a variadic option: one valid value when tidy, else 0 to 3 values. */
export function multi(name: string, value: Val, long = LONG[name] ?? name): Group {
  return {
    tidy: value.good.map((v) => [name, v]),
    wild: fc.oneof({ weight: 8, arbitrary: fc.array(value.any, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([] as string[]) }).map((vs) => [name, ...vs]),
    options: [long],
  };
}

/** A boolean flag. */
export const flag = (name: string): Group => ({ tidy: fc.constant([name]), wild: fc.constant([name]), options: [name] });

/** One of several groups. */
export const either = (...gs: Group[]): Group => ({ tidy: fc.oneof(...gs.map((g) => g.tidy)), wild: fc.oneof(...gs.map((g) => g.wild)), options: [...new Set(gs.flatMap((g) => g.options))] });

/** A group used only in wild command lines (its options conflict with others, or with the fixtures, when tidy). */
export const wildOnly = (g: Group): Group => ({ ...g, tidy: fc.constant([] as string[]) });

/** Fixed tokens (tidy) or their own wild form. */
export const fixed = (options: string[], tidy: fc.Arbitrary<string[]>, wild: fc.Arbitrary<string[]> = tidy): Group => ({ tidy, wild, options });

/** The long names of the options of a command (`['plot', 'scaling']`), read from the program itself. */
export function realOptions(path: readonly string[]): { long: string; takesValue: boolean }[] {
  let cmd: Command = buildProgram({ stdout: () => {}, stderr: () => {}, stderrIsTTY: false });
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
  return cmd.options.filter((o) => o.long !== undefined && o.long !== '--help').map((o) => ({ long: o.long!, takesValue: o.required || o.optional }));
}

/** Every option name (long and short) of every command. */
export function allOptions(): string[] {
  const names = new Set<string>();
  const walk = (cmd: Command) => {
    for (const o of cmd.options) for (const f of [o.long, o.short]) if (f !== undefined) names.add(f);
    cmd.commands.forEach(walk);
  };
  walk(buildProgram({ stdout: () => {}, stderr: () => {}, stderrIsTTY: false }));
  return [...names].sort();
}

/** Generic values for an option no generator knows (one added after this test was written). */
const anything = val(['0', '1', '2', 'x', 'gen', 'lad', 'out'], ['', '-1', '1e400']);

/**
 * The groups of `groups` whose options `path` has, plus a generic group for each of its options
 * that none of them uses: the generators follow the command line as it changes.
 */
export function forCommand(path: readonly string[], groups: Group[]): { known: Group[]; extra: Group[] } {
  const real = realOptions(path);
  const have = new Set(real.map((o) => o.long));
  const known = groups.filter((g) => g.options.every((o) => have.has(o)));
  const used = new Set(known.flatMap((g) => g.options));
  const extra = real.filter((o) => !used.has(o.long)).map((o) => (o.takesValue ? wildOnly(opt(o.long, anything)) : wildOnly(flag(o.long))));
  return { known, extra };
}

/** Tokens a user might add by mistake: unknown options, stray words, a lone `--`, missing values. */
export const stray = fc.constantFrom(['--no-such-flag'], ['-z'], ['stray'], ['--'], ['-'], ['--json'], ['--help'], ['-h'], ['--version'], ['--seed'], ['--out'], ['--bootstrap', '0', '0'], ['---x'], ['--Json'], ['@scores']);

/**
 * The argv of a command: `head`, the required groups and up to `maxOptional` optional ones. Three
 * times in five tidy: valid values, every required group. Else wild: each value may be bad or junk,
 * each required group is left out now and then, a stray token may join, and the order is random.
 */
export function argvOf(head: string[], requiredGroups: Group[], optionalGroups: Group[], maxOptional = 4, dropRequired = 10): fc.Arbitrary<string[]> {
  const path = head[0] === 'plot' ? head.slice(0, 2) : head.slice(0, 1);
  const required = forCommand(path, requiredGroups).known;
  const { known, extra } = forCommand(path, optionalGroups);
  const optional = [...known, ...extra.filter((g) => !required.some((r) => r.options.some((o) => g.options.includes(o))))];
  const pick = (kind: 'tidy' | 'wild', drop: boolean) =>
    fc.tuple(
      required.length === 0 ? fc.constant([] as (string[] | null)[]) : fc.tuple(...required.map((g) => (drop ? fc.option(g[kind], { freq: dropRequired, nil: null }) : g[kind]))),
      fc.subarray(optional, { maxLength: maxOptional }).chain((gs) => (gs.length === 0 ? fc.constant([] as string[][]) : fc.tuple(...gs.map((g) => g[kind])))),
      drop ? fc.option(stray, { freq: 6, nil: null }) : fc.constant(null),
    );
  return fc
    .oneof({ weight: 3, arbitrary: pick('tidy', false) }, { weight: 2, arbitrary: pick('wild', true) })
    .chain(([req, opts, extra]) => {
      const groups = [...req.filter((x): x is string[] => x !== null), ...opts, ...(extra === null ? [] : [extra])];
      return fc.oneof(fc.constant(groups), fc.shuffledSubarray(groups, { minLength: groups.length, maxLength: groups.length }));
    })
    .map((groups) => [...head, ...groups.flat()]);
}

/** fast-check settings of every property: a fixed seed per property, so runs are reproducible. */
export const SEED = 20_250_611;
export function settings<T>(index: number, numRuns: number): fc.Parameters<T> {
  return { seed: SEED + index, numRuns, endOnFailure: false };
}
