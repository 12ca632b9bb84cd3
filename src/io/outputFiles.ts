/**
 * Writing results safely: outputs appear whole or not at all, never over the user's inputs, and
 * never into special file systems.
 *
 * - {@link checkOutputs} runs before any work: it refuses a target under /proc, /sys or /dev (or on
 *   such a file system: creating folders there can fail in ways that never end), a file that is one
 *   of the inputs, a folder that holds the inputs, and — unless `force` — an existing data file
 *   (.csv, .tsv, .jsonl, .json, .parquet; not the .vl.json chart specs scalecast writes) whose bytes
 *   would change.
 * - {@link writeFilesAtomically} writes every file to a temporary name beside it, then renames all
 *   into place; on any failure the temporary files are removed and existing files stay as they were.
 *
 * @example
 * checkOutputs('figs', [{ name: 'a.svg', content: svg }], { inputs: ['scores.csv'] });
 * writeFilesAtomically('figs', [{ name: 'a.svg', content: svg }]);
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { OutputError } from '../core/userError.js';

/** A file to write: a path relative to the output folder and its content. */
export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}

/** What outputs must not touch. */
export interface OutputGuard {
  /** Input files and folders of the run (paths as given). */
  inputs?: readonly string[];
  /** Replace existing data files whose content would change. @default false */
  force?: boolean;
}

/** File-system types no output belongs on (statfs magic numbers: proc, sysfs, cgroup, cgroup2, debugfs, devpts, securityfs). */
const SPECIAL_FS = new Set([0x9fa0, 0x62656572, 0x27e0eb, 0x63677270, 0x64626720, 0x1cd1, 0x73636673]);
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];
const DATA_FILE = /\.(csv|tsv|jsonl|json|parquet)$/i;
/** Chart specs scalecast writes: outputs, not the user's data. */
const CHART_SPEC = /\.vl\.json$/i;

/** The nearest existing folder at or above `path`, resolved through symbolic links. */
function existingAncestor(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Throws when `path` is, or would be created, on a special file system. */
function refuseSpecial(path: string): void {
  const at = existingAncestor(path);
  const special = SPECIAL_ROOTS.find((r) => at === r || at.startsWith(r + sep));
  let type = -1;
  try {
    type = statfsSync(at).type;
  } catch {
    // statfs is not available everywhere: the path check above still holds.
  }
  if (special !== undefined || SPECIAL_FS.has(type)) throw new OutputError(path, `${special ?? at} is a special file system, not a place for files`);
}

/** Real path of an existing path, or its absolute path. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Checks, before any work, that `files` can be written into `dir` without harm.
 *
 * @throws OutputError naming the file and the reason
 */
export function checkOutputs(dir: string, files: readonly { name: string; content?: string | Uint8Array }[], guard: OutputGuard = {}): void {
  refuseSpecial(dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new OutputError(dir, 'a file is in the way where a folder is needed');
  const inputs = (guard.inputs ?? []).map((p) => ({ path: p, real: real(p), folder: existsSync(p) && statSync(p).isDirectory() }));
  const out = real(dir);
  for (const i of inputs) {
    if (i.folder && out === i.real) throw new OutputError(dir, `it is the input folder ${i.path}: write the results somewhere else`);
  }
  for (const f of files) {
    const target = join(dir, f.name);
    const t = real(target);
    const hit = inputs.find((i) => !i.folder && i.real === t);
    if (hit !== undefined) throw new OutputError(target, `it is the input ${hit.path}; writing there would destroy it`);
    if (existsSync(target) && statSync(target).isDirectory()) throw new OutputError(target, 'a folder is in the way where a file is needed');
    if (guard.force !== true && DATA_FILE.test(f.name) && !CHART_SPEC.test(f.name) && existsSync(target) && f.content !== undefined && !sameBytes(target, f.content)) {
      throw new OutputError(target, 'a data file with other contents is there; pass --force to replace it');
    }
  }
}

function sameBytes(path: string, content: string | Uint8Array): boolean {
  const have = readFileSync(path);
  const want = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return have.equals(want);
}

/**
 * Writes a set of files so that they appear whole or not at all: every file is first written to a
 * temporary name in its folder, then all are renamed into place. If any write fails, the
 * temporary files are removed and the existing files are left as they were.
 *
 * @throws OutputError naming the path that could not be written and why
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  refuseSpecial(dir);
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new OutputError(join(dir, f.name), 'two outputs have this name');
    names.add(f.name);
  }
  const tag = `.tmp-${process.pid}-${Date.now()}`;
  const staged: { tmp: string; final: string; backup: string | null }[] = [];
  const placed: (typeof staged)[number][] = [];
  let at = dir;
  try {
    for (const f of files) {
      const final = join(dir, f.name);
      at = dirname(final);
      mkdirSync(at, { recursive: true });
      const tmp = final + tag;
      at = final;
      writeFileSync(tmp, f.content);
      staged.push({ tmp, final, backup: null });
    }
    // Existing files are moved aside first, so that a failed rename can put everything back.
    for (const s of staged) {
      at = s.final;
      if (existsSync(s.final)) {
        s.backup = `${s.final}${tag}.old`;
        renameSync(s.final, s.backup);
      }
      renameSync(s.tmp, s.final);
      placed.push(s);
    }
  } catch (e) {
    for (const s of placed.reverse()) {
      rmSync(s.final, { force: true });
      if (s.backup !== null) renameSync(s.backup, s.final);
    }
    for (const s of staged) {
      rmSync(s.tmp, { force: true });
      if (s.backup !== null && existsSync(s.backup) && !placed.includes(s)) renameSync(s.backup, s.final);
    }
    throw new OutputError(at, e);
  }
  for (const s of staged) if (s.backup !== null) rmSync(s.backup, { force: true });
  return staged.map((s) => s.final);
}
