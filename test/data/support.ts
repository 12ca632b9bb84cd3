/** Helpers the data and CLI tests share: catching the InputError a call throws, and temp folders removed after each test. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { InputError, isInputError } from '../../src/io/inputError.js';

/** The InputError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (isInputError(e)) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

/**
 * Returns a maker of temp folders (holding `files`, when given) that are removed after each test of
 * the calling file.
 */
export function tempFolders(prefix = 'scalecast-test-'): (files?: Record<string, string | Buffer>) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (files = {}) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  };
}
