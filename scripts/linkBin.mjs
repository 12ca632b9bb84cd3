#!/usr/bin/env node
/**
 * Makes `npx scalecast` work in a clone of this repository: npm links the `bin` of dependencies
 * into node_modules/.bin, never the project's own, so after the build (`prepare`) this links
 * node_modules/.bin/scalecast to dist/cli/scalecast.js. Nothing is downloaded; an existing link or
 * file is left alone. In a project that depends on scalecast, npm links the bin itself.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'cli', 'scalecast.js');
const bin = join(root, 'node_modules', '.bin');
const link = join(bin, 'scalecast');

// Installed as a dependency: npm links the bin of this package in the dependent project itself.
if (!existsSync(join(root, 'node_modules')) || !existsSync(target)) process.exit(0);
chmodSync(target, 0o755);
let present = false;
try {
  lstatSync(link);
  present = true;
} catch {
  // no link yet
}
if (!present) {
  mkdirSync(bin, { recursive: true });
  symlinkSync(relative(bin, target), link);
}
