/**
 * The folder of the installed scalecast package (the one holding its package.json and its embedded
 * `datasets/`), found from this module's own location, from the source tree or from the build.
 *
 * @example join(packageRoot(), 'datasets/policy/public.json')
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @throws Error when no enclosing folder holds scalecast's package.json (a broken install) */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"scalecast"/.test(readFileSync(pkg, 'utf8'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the scalecast package folder');
}
