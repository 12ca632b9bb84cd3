/**
 * The errors for a path a user gave that cannot be opened: one wording for every reader, so that a
 * mistyped path always says "no such file or folder", whatever its extension and whoever reads it.
 */
import { statSync } from 'node:fs';
import { InputError } from './inputError.js';

/** What a path names: a file, a folder, nothing, or something else (a socket, a device). Never throws. */
export function pathKind(path: string): 'file' | 'folder' | 'missing' | 'other' {
  try {
    const s = statSync(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'folder' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other';
  }
}

/**
 * The error for a path that does not exist.
 *
 * @example noSuchPath('scores/nosuch').describe() // => 'scores/nosuch: no such file or folder'
 */
export function noSuchPath(path: string): InputError {
  return new InputError({ code: 'unreadable', file: path, message: 'no such file or folder' });
}

/**
 * The error for a failed open or read of `path`: {@link noSuchPath} when it does not exist, "is a
 * folder" for a folder where a file was expected, else the system's reason.
 *
 * @param what names the file in the message, e.g. "the file", "the folder"
 */
export function readErrorOf(path: string, e: unknown, what = 'the file'): InputError {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' || err?.code === 'ENOTDIR') return noSuchPath(path);
  if (err?.code === 'EISDIR') return isAFolder(path);
  return new InputError({ code: 'unreadable', file: path, message: `cannot read ${what}: ${err?.message ?? String(e)}` });
}

/** The error for a folder given where a file is expected. */
export function isAFolder(path: string, expected = 'a file'): InputError {
  return new InputError({ code: 'unreadable', file: path, message: 'cannot read the file: it is a folder', expected });
}
