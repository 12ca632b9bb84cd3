/** Telling folders from files. */
import { statSync } from 'node:fs';

/**
 * Whether a path names a folder (following symbolic links); `false` when it does not exist or
 * cannot be read. Never throws.
 *
 * @example isDirectory('datasets/synthetic') // => true
 */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
