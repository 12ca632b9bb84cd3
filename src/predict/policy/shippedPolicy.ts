/**
 * The default policy scalecast ships: fitted by `scalecast evaluate --write-policy` on the public
 * corpus (`datasets/corpus/public.json`) and kept in `datasets/policy/public.json`.
 */
import { join } from 'node:path';
import { packageRoot } from '../../core/packageRoot.js';
import type { DefaultPolicy } from './defaultPolicy.js';
import { readPolicyFile } from './policyFile.js';

/** Where the shipped policy lives, relative to the package folder. */
export const SHIPPED_POLICY = 'datasets/policy/public.json';

/** Reads the shipped policy. @throws InputError when the file is missing or broken (a broken install) */
export function shippedPolicy(): DefaultPolicy {
  return readPolicyFile(shippedPolicyFile());
}

/** The shipped policy's path. */
export function shippedPolicyFile(): string {
  return join(packageRoot(), SHIPPED_POLICY);
}
